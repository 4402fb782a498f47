#include "ui/response/bodyview.h"

#include "core/json/jsonformatter.h"

#include "ui/common/codeview.h"
#include "ui/common/findbar.h"
#include "ui/response/bodytextloader.h"
#include "ui/response/hexview.h"
#include "ui/response/imagepreview.h"
#include "ui/response/responsefilter.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFuture>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QSaveFile>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Patchbay::Ui {

namespace {

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// Runs `work` in the thread pool and `done` with its result on the UI thread, unless `owner`
// is gone by then (the watcher is its child: no call into a deleted object).
template<typename Work, typename Done> void runInWorker(QObject *owner, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

int modeIndex(BodyView::Mode mode)
{
    return static_cast<int>(mode);
}

} // namespace

namespace {

// A one-line label that never asks for more width than it gets: a long note ("Syntax colours are
// off…") is elided, with the whole text as its tooltip, instead of widening the response pane.
class ElidingLabel final : public QLabel
{
public:
    explicit ElidingLabel(QWidget *parent)
        : QLabel(parent)
    {
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        setMinimumWidth(0);
    }

    QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const QRect area = contentsRect();
        const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
        painter.setPen(palette().color(foregroundRole()));
        painter.drawText(area, int(alignment()) | Qt::TextSingleLine, shown);
    }
};

} // namespace

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_modeGroup(new QButtonGroup(this))
    , m_status(new ElidingLabel(this))
    , m_findButton(new QToolButton(this))
    , m_copyButton(new QToolButton(this))
    , m_saveButton(new QToolButton(this))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_pretty(new CodeView(this, CodeView::AccessibleText::Omitted))
    , m_raw(new CodeView(this, CodeView::AccessibleText::Omitted))
    , m_hex(new HexView(this))
    , m_preview(new ImagePreview(this))
    , m_findBar(new FindBar(this))
    , m_filterView(new CodeView(this, CodeView::AccessibleText::Omitted))
    , m_filter(new ResponseFilter(m_filterView, this))
    , m_prettyLoader(new BodyTextLoader(m_pretty, this))
    , m_rawLoader(new BodyTextLoader(m_raw, this))
{
    setObjectName(QStringLiteral("bodyView"));
    m_pretty->setObjectName(QStringLiteral("prettyView"));
    m_raw->setObjectName(QStringLiteral("rawView"));
    m_pretty->setReadOnly(true);
    m_raw->setReadOnly(true);
    m_pretty->setJsonHighlighting(true);
    m_status->setObjectName(QStringLiteral("bodyStatus"));
    m_message->setObjectName(QStringLiteral("bodyMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setBackgroundRole(QPalette::Base);
    m_message->setAutoFillBackground(true);

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(8, 4, 8, 4);
    toolbar->setSpacing(2);
    const QString names[] = {tr("Pretty"), tr("Raw"), tr("Preview"), tr("Hex")};
    const QString tips[]
        = {tr("JSON re-indented, key order and numbers as received"),
           tr("The body text as received"), tr("The image"), tr("The bytes in hexadecimal")};
    for (int i = 0; i < 4; ++i) {
        auto *button = new QToolButton(this);
        button->setText(names[i]);
        button->setToolTip(tips[i]);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_modeGroup->addButton(button, i);
        m_modeButtons[i] = button;
        toolbar->addWidget(button);
    }
    m_modeGroup->setExclusive(true);
    toolbar->addSpacing(12);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    toolbar->addWidget(m_status, 1);
    m_findButton->setText(tr("Find"));
    m_findButton->setToolTip(tr("Find in the body (Ctrl+F)"));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the body as shown"));
    m_saveButton->setText(tr("Save…"));
    m_saveButton->setToolTip(tr("Save the body, as received, to a file"));
    for (QToolButton *button : {m_findButton, m_copyButton, m_saveButton}) {
        button->setAutoRaise(true);
        toolbar->addWidget(button);
    }

    m_stack->addWidget(m_message);
    m_stack->addWidget(m_pretty);
    m_stack->addWidget(m_raw);
    m_stack->addWidget(m_preview);
    m_stack->addWidget(m_hex);
    m_stack->addWidget(m_filterView);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(toolbar);
    layout->addWidget(m_filter);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_findBar);

    connect(m_modeGroup, &QButtonGroup::idClicked, this,
            [this](int id) { setMode(static_cast<Mode>(id)); });
    connect(m_findButton, &QToolButton::clicked, this, &BodyView::focusFind);
    connect(m_copyButton, &QToolButton::clicked, this, &BodyView::copyToClipboard);
    connect(m_saveButton, &QToolButton::clicked, this, &BodyView::saveWithDialog);
    // Ctrl+F is the window's "Find in response", which calls focusFind().

    connect(m_filter, &ResponseFilter::activeChanged, this, [this] {
        if (m_mode == Mode::Pretty)
            showPrettyOrFiltered();
    });

    connect(m_prettyLoader, &BodyTextLoader::finished, this, [this](BodyTextLoader::Outcome o) {
        if (o == BodyTextLoader::Outcome::TooLarge) {
            // Half a pretty document is no use: free it and show the raw text.
            m_prettyTooLarge = true;
            m_pretty->setUtf8Text({});
            setNote(tr("Too large to pretty-print; showing the raw text"));
            updateModeButtons();
            setMode(Mode::Raw);
        } else if (o == BodyTextLoader::Outcome::ReadFailed) {
            setNote(tr("Could not read the body"));
        } else if (o == BodyTextLoader::Outcome::CompleteFlattened) {
            setNote(tr("Nesting deeper than %1 levels is shown on one line")
                        .arg(Core::JsonFormatter::kDefaultMaxIndentDepth));
        }
        updateStatus();
    });
    connect(m_rawLoader, &BodyTextLoader::finished, this, [this](BodyTextLoader::Outcome o) {
        if (o == BodyTextLoader::Outcome::TooLarge)
            setNote(tr("Showing the first %1 of %2")
                        .arg(formatSize(m_maxTextBytes), formatSize(m_body.size())));
        else if (o == BodyTextLoader::Outcome::ReadFailed)
            setNote(tr("Could not read the body"));
        updateStatus();
    });
    connect(m_prettyLoader, &BodyTextLoader::firstTextShown, this, &BodyView::updateStatus);
    connect(m_rawLoader, &BodyTextLoader::firstTextShown, this, &BodyView::updateStatus);

    clear();
}

BodyView::~BodyView() = default;

void BodyView::setLimits(qint64 maxPrettyBodyBytes, qint64 maxTextBytes)
{
    m_maxPrettyBodyBytes = maxPrettyBodyBytes;
    m_maxTextBytes = maxTextBytes;
}

void BodyView::setHighlightLimit(qint64 maxHighlightBodyBytes)
{
    m_maxHighlightBodyBytes = maxHighlightBodyBytes;
}

void BodyView::clear()
{
    ++m_generation;
    m_prettyLoader->cancel();
    m_rawLoader->cancel();
    m_body = Core::ResponseBody();
    m_contentType.clear();
    m_kind = BodyKind::Empty;
    m_sniffing = false;
    m_prettyRequested = m_rawRequested = m_hexRequested = m_previewRequested = false;
    m_prettyTooLarge = false;
    m_imageLoads = m_hexLoads = 0;
    m_note.clear();
    m_pretty->setUtf8Text({});
    m_raw->setUtf8Text({});
    m_hex->setData({});
    m_preview->setImage({});
    m_filter->clearBody();
    m_filter->hide();
    m_findBar->hide();
    m_message->setText(tr("This response has no body"));
    m_stack->setCurrentWidget(m_message);
    updateModeButtons();
    updateStatus();
}

void BodyView::setResponse(const Core::Response &response)
{
    clear();
    m_body = response.body;
    m_contentType = response.header("Content-Type");
    if (m_body.size() == 0) {
        onSniffed(BodyKind::Empty);
        return;
    }
    m_sniffing = true;
    m_message->clear();
    updateStatus();
    const quint64 generation = m_generation;
    runInWorker(
        this, [body = m_body] { return body.peek(64 * 1024); },
        [this, generation](const QByteArray &head) {
            if (generation != m_generation)
                return;
            m_sniffing = false;
            onSniffed(sniffBody(m_contentType, head));
        });
}

void BodyView::onSniffed(BodyKind kind)
{
    m_kind = kind;
    m_prettyTooLarge = kind == BodyKind::Json && m_body.size() > m_maxPrettyBodyBytes;
    if (kind == BodyKind::Json)
        m_filter->setBody(m_body);
    updateModeButtons();
    switch (kind) {
    case BodyKind::Empty:
        m_message->setText(tr("This response has no body"));
        m_stack->setCurrentWidget(m_message);
        updateStatus();
        return;
    case BodyKind::Json:
        if (m_prettyTooLarge)
            setNote(tr("Too large to pretty-print; showing the raw text"));
        setMode(m_prettyTooLarge ? Mode::Raw : Mode::Pretty);
        return;
    case BodyKind::Text:
        setMode(Mode::Raw);
        return;
    case BodyKind::Image:
        setMode(Mode::Preview);
        return;
    case BodyKind::Binary:
        setMode(Mode::Hex);
        return;
    }
}

bool BodyView::isModeAvailable(Mode mode) const
{
    if (m_sniffing)
        return false;
    switch (mode) {
    case Mode::Pretty:
        return m_kind == BodyKind::Json && !m_prettyTooLarge;
    case Mode::Raw:
        return m_kind == BodyKind::Json || m_kind == BodyKind::Text;
    case Mode::Preview:
        return m_kind == BodyKind::Image;
    case Mode::Hex:
        return m_kind != BodyKind::Empty;
    }
    return false;
}

void BodyView::updateModeButtons()
{
    for (int i = 0; i < 4; ++i) {
        const Mode mode = static_cast<Mode>(i);
        m_modeButtons[i]->setEnabled(isModeAvailable(mode));
        m_modeButtons[i]->setVisible(m_kind != BodyKind::Empty || m_sniffing);
    }
    const bool text = m_mode == Mode::Pretty || m_mode == Mode::Raw;
    const bool hasBody = m_kind != BodyKind::Empty;
    m_findButton->setEnabled(hasBody && text);
    m_copyButton->setEnabled(hasBody && (text || m_mode == Mode::Preview));
    m_saveButton->setEnabled(hasBody);
}

void BodyView::setMode(Mode mode)
{
    if (!isModeAvailable(mode)) {
        m_modeButtons[modeIndex(m_mode)]->setChecked(isModeAvailable(m_mode));
        return;
    }
    const bool changed = mode != m_mode;
    m_mode = mode;
    m_modeButtons[modeIndex(mode)]->setChecked(true);
    ensureLoaded(mode);
    switch (mode) {
    case Mode::Pretty:
        showPrettyOrFiltered();
        break;
    case Mode::Raw:
        m_stack->setCurrentWidget(m_raw);
        m_findBar->setView(m_raw);
        break;
    case Mode::Preview:
        m_stack->setCurrentWidget(m_preview);
        m_findBar->hide();
        break;
    case Mode::Hex:
        m_stack->setCurrentWidget(m_hex);
        m_findBar->hide();
        break;
    }
    m_filter->setVisible(mode == Mode::Pretty);
    updateModeButtons();
    updateStatus();
    if (changed)
        emit modeChanged(mode);
}

void BodyView::ensureLoaded(Mode mode)
{
    const quint64 generation = m_generation;
    switch (mode) {
    case Mode::Pretty:
        if (!m_prettyRequested) {
            m_prettyRequested = true;
            // Colours cost a style byte per character plus lexing: above the limit a huge body
            // is shown plain (as large-file modes in editors do), keeping memory near 2x.
            const bool highlight = m_body.size() <= m_maxHighlightBodyBytes;
            m_pretty->setJsonHighlighting(highlight);
            if (!highlight)
                setNote(tr("Syntax colours are off for bodies over %1")
                            .arg(formatSize(m_maxHighlightBodyBytes)));
            m_prettyLoader->start(m_body, BodyTextLoader::Transform::PrettyJson, m_maxTextBytes);
        }
        break;
    case Mode::Raw:
        if (!m_rawRequested) {
            m_rawRequested = true;
            m_rawLoader->start(m_body, BodyTextLoader::Transform::Raw, m_maxTextBytes);
        }
        break;
    case Mode::Hex:
        if (!m_hexRequested) {
            m_hexRequested = true;
            ++m_hexLoads;
            runInWorker(
                this, [body = m_body] { return body.peek(kMaxHexBytes); },
                [this, generation](const QByteArray &data) {
                    if (generation != m_generation)
                        return;
                    --m_hexLoads;
                    m_hex->setData(data);
                    if (m_body.size() > data.size())
                        setNote(tr("Showing the first %1 of %2")
                                    .arg(formatSize(data.size()), formatSize(m_body.size())));
                    updateStatus();
                });
        }
        break;
    case Mode::Preview:
        if (!m_previewRequested) {
            m_previewRequested = true;
            ++m_imageLoads;
            runInWorker(
                this,
                [body = m_body] {
                    if (body.size() > kMaxImageBytes)
                        return QImage();
                    return QImage::fromData(body.readAll());
                },
                [this, generation](const QImage &image) {
                    if (generation != m_generation)
                        return;
                    --m_imageLoads;
                    if (image.isNull()) {
                        // Not an image after all (or one Qt cannot read): show its bytes.
                        m_kind = BodyKind::Binary;
                        setNote(tr("Could not decode the image"));
                        updateModeButtons();
                        setMode(Mode::Hex);
                        return;
                    }
                    m_preview->setImage(image);
                    setNote(tr("%1 × %2 px").arg(image.width()).arg(image.height()));
                    updateStatus();
                });
        }
        break;
    }
}

bool BodyView::isBusy() const
{
    return m_sniffing || m_prettyLoader->isRunning() || m_rawLoader->isRunning() || m_hexLoads > 0
        || m_imageLoads > 0;
}

QString BodyView::statusText() const
{
    return m_status->text();
}

void BodyView::setNote(const QString &note)
{
    m_note = note;
    updateStatus();
}

void BodyView::updateStatus()
{
    QString text = m_note;
    if (m_sniffing)
        text = tr("Reading…");
    else if (m_mode == Mode::Pretty && m_prettyLoader->isRunning())
        text = tr("Formatting…");
    else if ((m_mode == Mode::Raw && m_rawLoader->isRunning())
             || (m_mode == Mode::Hex && m_hexLoads > 0)
             || (m_mode == Mode::Preview && m_imageLoads > 0))
        text = tr("Loading…");
    if (m_kind != BodyKind::Empty && !m_sniffing && text == m_note) {
        const QString size = formatSize(m_body.size());
        text = m_note.isEmpty() ? size : size + QStringLiteral(" · ") + m_note;
    }
    m_status->setText(text);
    m_status->setToolTip(text); // the label may show it elided
    const bool busy = isBusy();
    if (busy != property("busy").toBool()) {
        setProperty("busy", busy);
        emit busyChanged(busy);
    }
}

void BodyView::focusFind()
{
    if (m_mode != Mode::Pretty && m_mode != Mode::Raw)
        return;
    if (m_kind == BodyKind::Empty)
        return;
    m_findBar->activate();
}

void BodyView::copyToClipboard()
{
    if (m_mode == Mode::Preview) {
        if (!m_preview->image().isNull())
            QGuiApplication::clipboard()->setImage(m_preview->image());
        return;
    }
    CodeView *view = m_mode == Mode::Pretty ? (m_filter->isActive() ? m_filterView : m_pretty)
                                            : (m_mode == Mode::Raw ? m_raw : nullptr);
    if (!view || view->byteLength() == 0)
        return;
    // One copy of the bytes here; the UTF-16 conversion of a large body goes to a worker.
    const QByteArray bytes = view->utf8Text();
    const quint64 generation = m_generation;
    runInWorker(
        this, [bytes] { return QString::fromUtf8(bytes); },
        [this, generation](const QString &text) {
            if (generation == m_generation)
                QGuiApplication::clipboard()->setText(text);
        });
}

void BodyView::saveTo(const QString &path)
{
    runInWorker(
        this,
        [body = m_body, path]() -> QString {
            if (body.isInFile()) {
                if (QFile::exists(path) && !QFile::remove(path))
                    return tr("Could not replace %1.").arg(path);
                if (!QFile::copy(body.filePath(), path))
                    return tr("Could not write %1.").arg(path);
                return {};
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return tr("Could not write %1: %2").arg(path, file.errorString());
            const QByteArray data = body.readAll();
            if (file.write(data) != data.size() || !file.commit())
                return tr("Could not write %1: %2").arg(path, file.errorString());
            return {};
        },
        [this, path](const QString &error) {
            if (error.isEmpty()) {
                setNote(tr("Saved to %1").arg(path));
                emit saved(path);
            } else {
                setNote(error);
                emit saveFailed(error);
            }
        });
}

void BodyView::showPrettyOrFiltered()
{
    CodeView *view = m_filter->isActive() ? m_filterView : m_pretty;
    m_stack->setCurrentWidget(view);
    m_findBar->setView(view);
}

void BodyView::saveWithDialog()
{
    QString suffix = QStringLiteral("bin");
    if (m_kind == BodyKind::Json)
        suffix = QStringLiteral("json");
    else if (m_kind == BodyKind::Text)
        suffix = QStringLiteral("txt");
    else if (m_kind == BodyKind::Image) {
        const QByteArray type = m_contentType.toLower();
        suffix = type.contains("png") ? QStringLiteral("png")
            : type.contains("gif")    ? QStringLiteral("gif")
            : type.contains("webp")   ? QStringLiteral("webp")
                                      : QStringLiteral("jpg");
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Response Body"),
                                                      QStringLiteral("response.") + suffix);
    if (!path.isEmpty())
        saveTo(path);
}

} // namespace Patchbay::Ui
