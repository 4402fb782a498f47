#include "ui/request/jsonbodyeditor.h"
#include "ui/common/theme.h"

#include "core/json/jsonformatter.h"
#include "ui/common/codeview.h"

#include <Qsci/qsciscintilla.h>

#include <QEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>

namespace Patchbay::Ui {

namespace {

constexpr int kErrorIndicator = 8; // 0-7 belong to lexers

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Counts the bytes before `position` that are not formatting whitespace, so the cursor can be
// put back after the same token once the text is re-indented.
// Walks `json` counting significant bytes (everything but whitespace outside strings) until
// `position` is reached or `count` significant bytes were seen, whichever comes first.
struct SignificantScan
{
    qsizetype position = 0;
    qsizetype count = 0;
};
SignificantScan scanSignificant(const QByteArray &json, qsizetype maxPosition, qsizetype maxCount)
{
    SignificantScan scan;
    bool inString = false;
    bool escape = false;
    for (; scan.position < maxPosition && scan.position < json.size() && scan.count < maxCount;
         ++scan.position) {
        const char c = json.at(scan.position);
        if (inString) {
            ++scan.count;
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (isJsonWhitespace(c))
            continue;
        ++scan.count;
        if (c == '"')
            inString = true;
    }
    return scan;
}

qsizetype significantBytesBefore(const QByteArray &json, qsizetype position)
{
    return scanSignificant(json, position, std::numeric_limits<qsizetype>::max()).count;
}

qsizetype positionAfterSignificantBytes(const QByteArray &json, qsizetype wanted)
{
    return scanSignificant(json, std::numeric_limits<qsizetype>::max(), wanted).position;
}

bool isBlank(const QByteArray &utf8)
{
    for (const char c : utf8) {
        if (!isJsonWhitespace(c))
            return false;
    }
    return true;
}

} // namespace

JsonBodyEditor::JsonBodyEditor(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeView(this))
    , m_status(new QLabel(this))
    , m_formatButton(new QToolButton(this))
    , m_validationTimer(new QTimer(this))
    , m_variableTimer(new QTimer(this))
{
    m_editor->setObjectName(QStringLiteral("bodyTextEditor"));
    m_editor->SendScintilla(QsciScintilla::SCI_INDICSETSTYLE, kErrorIndicator,
                            QsciScintilla::INDIC_SQUIGGLE);
    m_editor->SendScintilla(QsciScintilla::SCI_INDICSETUNDER, kErrorIndicator, 1L);

    m_status->setObjectName(QStringLiteral("bodyStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().height() + 4);

    m_formatButton->setObjectName(QStringLiteral("formatBodyButton"));
    m_formatButton->setText(tr("Format"));
    m_formatButton->setToolTip(
        tr("Pretty-print the JSON, keeping key order and numbers (%1)")
            .arg(
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F).toString(QKeySequence::NativeText)));
    m_formatButton->setAutoRaise(true);
    m_formatButton->setIcon(QIcon::fromTheme(QStringLiteral("format-indent-more")));
    m_formatButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_formatButton, &QToolButton::clicked, this, [this] { format(); });

    // Ctrl+Shift+F is handled by the request editor (or its window's Format action).

    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(8, 2, 4, 2);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_formatButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editor, 1);
    layout->addLayout(statusRow);

    m_validationTimer->setSingleShot(true);
    m_validationTimer->setInterval(kValidationDelayMs);
    connect(m_validationTimer, &QTimer::timeout, this, &JsonBodyEditor::validate);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (m_jsonMode)
            m_validationTimer->start();
        if (!m_settingText)
            emit textEdited();
    });

    for (const int indicator : {kResolvedVariableIndicator, kUnresolvedVariableIndicator}) {
        m_editor->SendScintilla(QsciScintilla::SCI_INDICSETSTYLE, indicator,
                                QsciScintilla::INDIC_STRAIGHTBOX);
        m_editor->SendScintilla(QsciScintilla::SCI_INDICSETOUTLINEALPHA, indicator, 160L);
        m_editor->SendScintilla(QsciScintilla::SCI_INDICSETUNDER, indicator, 1L);
    }
    m_variableTimer->setSingleShot(true);
    m_variableTimer->setInterval(kValidationDelayMs);
    connect(m_variableTimer, &QTimer::timeout, this, &JsonBodyEditor::refreshVariables);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (m_variableLookup)
            m_variableTimer->start();
    });
    m_editor->SendScintilla(QsciScintilla::SCI_SETMOUSEDWELLTIME, 400L);
    connect(m_editor, &QsciScintillaBase::SCN_DWELLSTART, this, [this](int position, int x, int y) {
        const QString tip = variableToolTipAt(position);
        if (!tip.isEmpty())
            QToolTip::showText(m_editor->viewport()->mapToGlobal(QPoint(x, y)), tip, m_editor);
    });
    connect(m_editor, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });

    applyPalette();
    setJsonMode(true);
}

void JsonBodyEditor::setVariableLookup(VariableLookup lookup)
{
    m_variableLookup = std::move(lookup);
    refreshVariables();
}

void JsonBodyEditor::refreshVariables()
{
    m_variableTimer->stop();
    const long length = m_editor->SendScintilla(QsciScintilla::SCI_GETLENGTH);
    for (const int indicator : {kResolvedVariableIndicator, kUnresolvedVariableIndicator}) {
        m_editor->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, indicator);
        m_editor->SendScintilla(QsciScintilla::SCI_INDICATORCLEARRANGE, 0L, length);
    }
    m_variables.clear();
    m_variableBytes.clear();
    if (!m_variableLookup || length > kMaxVariableScanChars * 3)
        return;
    const QString text = m_editor->text();
    m_variables = Ui::variableHighlights(text, m_variableLookup);
    // Scintilla counts UTF-8 bytes; walk the text once converting span by span.
    qsizetype utf16 = 0;
    qsizetype bytes = 0;
    for (const VariableHighlight &h : std::as_const(m_variables)) {
        bytes += QStringView(text).mid(utf16, h.start - utf16).toUtf8().size();
        utf16 = h.start;
        const int start = int(bytes);
        const int size = int(QStringView(text).mid(h.start, h.length).toUtf8().size());
        m_variableBytes.append({start, size});
        m_editor->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT,
                                h.resolved ? kResolvedVariableIndicator
                                           : kUnresolvedVariableIndicator);
        m_editor->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, long(start), long(size));
    }
}

QString JsonBodyEditor::variableToolTipAt(int bytePosition) const
{
    if (!m_variableLookup)
        return {};
    for (qsizetype i = 0; i < m_variableBytes.size(); ++i) {
        const auto [start, size] = m_variableBytes.at(i);
        if (bytePosition >= start && bytePosition < start + size) {
            const QString &name = m_variables.at(i).name;
            return variableToolTip(name, m_variableLookup(name));
        }
    }
    return {};
}

JsonBodyEditor::~JsonBodyEditor() = default;

QsciScintilla *JsonBodyEditor::textEditor() const
{
    return m_editor;
}

QString JsonBodyEditor::text() const
{
    return m_editor->text();
}

void JsonBodyEditor::setText(const QString &text)
{
    if (text == m_editor->text())
        return;
    m_settingText = true;
    m_editor->setText(text);
    m_settingText = false;
    m_editor->SendScintilla(QsciScintilla::SCI_EMPTYUNDOBUFFER);
    if (m_jsonMode)
        validate();
}

void JsonBodyEditor::setJsonMode(bool json)
{
    const bool changed = json != m_jsonMode;
    m_jsonMode = json;
    m_formatButton->setVisible(json);
    m_editor->setJsonHighlighting(json);
    if (!changed)
        return;
    if (json) {
        validate();
    } else {
        ++m_validationGeneration; // a check still running no longer applies
        showValidation(std::nullopt, 0);
        m_status->clear();
    }
}

std::optional<Core::JsonSyntaxError> JsonBodyEditor::syntaxError() const
{
    if (!m_jsonMode)
        return std::nullopt;
    const QByteArray utf8 = m_editor->text().toUtf8();
    if (isBlank(utf8))
        return std::nullopt;
    return Core::findJsonSyntaxError(utf8);
}

QString JsonBodyEditor::statusText() const
{
    return m_status->text();
}

bool JsonBodyEditor::format()
{
    if (!m_jsonMode)
        return false;
    const QByteArray utf8 = m_editor->text().toUtf8();
    if (isBlank(utf8))
        return false;
    if (const auto error = Core::findJsonSyntaxError(utf8)) {
        showValidation(error, utf8.size());
        return false;
    }
    const QByteArray pretty = Core::prettyPrintJson(utf8);
    if (pretty == utf8)
        return true;
    const qsizetype cursor = m_editor->SendScintilla(QsciScintilla::SCI_GETCURRENTPOS);
    const qsizetype significant = significantBytesBefore(utf8, cursor);
    const int firstLine = m_editor->firstVisibleLine();

    // One replace of the whole target keeps a single undo step.
    m_editor->SendScintilla(QsciScintilla::SCI_BEGINUNDOACTION);
    m_editor->SendScintilla(QsciScintilla::SCI_TARGETWHOLEDOCUMENT);
    m_editor->SendScintilla(QsciScintilla::SCI_REPLACETARGET, uintptr_t(pretty.size()),
                            pretty.constData());
    m_editor->SendScintilla(QsciScintilla::SCI_ENDUNDOACTION);

    const qsizetype newCursor = positionAfterSignificantBytes(pretty, significant);
    m_editor->SendScintilla(QsciScintilla::SCI_GOTOPOS, uintptr_t(newCursor));
    if (firstLine == 0)
        m_editor->setFirstVisibleLine(0);
    m_editor->ensureCursorVisible();
    validate();
    return true;
}

void JsonBodyEditor::validate()
{
    m_validationTimer->stop();
    if (!m_jsonMode)
        return;
    const QByteArray utf8 = m_editor->text().toUtf8();
    const quint64 generation = ++m_validationGeneration;
    if (isBlank(utf8)) {
        showValidation(std::nullopt, utf8.size());
        m_status->clear();
        return;
    }
    // findJsonSyntaxError makes one pass without building a tree: typical bodies validate in
    // well under a millisecond. Large ones go to a worker so typing never stalls.
    if (utf8.size() <= kSyncValidationBytes) {
        showValidation(Core::findJsonSyntaxError(utf8), utf8.size());
        return;
    }
    m_status->setText(tr("Checking the JSON…"));
    auto *watcher = new QFutureWatcher<std::optional<Core::JsonSyntaxError>>(this); // owned
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, size = utf8.size()] {
                watcher->deleteLater();
                if (generation == m_validationGeneration && m_jsonMode)
                    showValidation(watcher->result(), size);
            });
    watcher->setFuture(QtConcurrent::run([utf8] { return Core::findJsonSyntaxError(utf8); }));
}

void JsonBodyEditor::showValidation(const std::optional<Core::JsonSyntaxError> &error,
                                    qsizetype length)
{
    m_editor->SendScintilla(QsciScintilla::SCI_SETINDICATORCURRENT, kErrorIndicator);
    m_editor->SendScintilla(QsciScintilla::SCI_INDICATORCLEARRANGE, 0L,
                            m_editor->SendScintilla(QsciScintilla::SCI_GETLENGTH));
    QPalette statusPalette = palette();
    if (!error) {
        m_status->setText(tr("Valid JSON"));
        statusPalette.setColor(QPalette::WindowText,
                               palette().color(QPalette::Disabled, QPalette::WindowText));
        m_status->setPalette(statusPalette);
        m_status->setToolTip(QString());
        return;
    }
    // Underline the offending character, or the last one when the text ended too early.
    qsizetype start = error->offset;
    if (start >= length)
        start = std::max<qsizetype>(0, length - 1);
    const long charEnd
        = m_editor->SendScintilla(QsciScintilla::SCI_POSITIONAFTER, uintptr_t(start));
    const long span = std::max<long>(1, charEnd - long(start));
    m_editor->SendScintilla(QsciScintilla::SCI_INDICATORFILLRANGE, uintptr_t(start), span);

    const QString text
        = QStringLiteral("%1:%2 %3").arg(error->line).arg(error->column).arg(error->message);
    m_status->setText(text);
    m_status->setToolTip(tr("The JSON is not valid at line %1, column %2: %3")
                             .arg(error->line)
                             .arg(error->column)
                             .arg(error->message));
    statusPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_status->setPalette(statusPalette);
}

void JsonBodyEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void JsonBodyEditor::applyPalette()
{
    // CodeView follows the palette itself; only the error squiggle is ours.
    m_editor->setIndicatorForegroundColor(Theme::jsonTokenColor(Theme::JsonToken::Error, palette()),
                                          kErrorIndicator);
    m_editor->setIndicatorForegroundColor(resolvedVariableColor(palette()),
                                          kResolvedVariableIndicator);
    m_editor->setIndicatorForegroundColor(unresolvedVariableColor(), kUnresolvedVariableIndicator);
    // setIndicatorForegroundColor() also sets the fill alpha: keep the boxes light.
    for (const int indicator : {kResolvedVariableIndicator, kUnresolvedVariableIndicator})
        m_editor->SendScintilla(QsciScintilla::SCI_INDICSETALPHA, indicator, 60L);
}

} // namespace Patchbay::Ui
