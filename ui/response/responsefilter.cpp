#include "ui/response/responsefilter.h"

#include "core/query/jqdocument.h"
#include "core/query/jqprogram.h"
#include "core/query/jsonquery.h"
#include "ui/common/codeview.h"
#include "ui/common/theme.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <mutex>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

// The body parsed by libjq, once, for every run on this response. libjq's values are not
// thread-safe: runs take the mutex, so one works on it at a time (an interrupted run lets go
// within an instruction).
struct ResponseFilter::Cache
{
    std::mutex mutex;
    bool parsed = false;
    JqDocument document;
    QString error;
};

namespace {

struct Outcome
{
    QByteArray text; // results, one after the other
    int results = 0;
    bool truncated = false;
    QString error; // what went wrong, for a person
    QueryLanguage language = QueryLanguage::Jq;
};

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

ResponseFilter::ResponseFilter(CodeView *resultView, QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_debounce(new QTimer(this))
    , m_result(resultView)
{
    setObjectName(QStringLiteral("responseFilter"));
    m_edit->setObjectName(QStringLiteral("responseFilterEdit"));
    m_edit->setPlaceholderText(tr("Filter: jq (.items[0].id, .[] | .name) or JSONPath ($..id)"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setAccessibleName(tr("Response filter"));
    m_edit->setAccessibleDescription(
        tr("A jq expression, or a JSONPath starting with $, run on the JSON response as you "
           "type; the results replace the formatted body. Empty shows the whole body."));
    m_edit->setToolTip(m_edit->accessibleDescription());
    m_status->setObjectName(QStringLiteral("responseFilterStatus"));
    m_status->setAccessibleName(tr("Filter result"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_status->hide();
    m_result->setObjectName(QStringLiteral("filterResultView"));
    m_result->setAccessibleName(tr("Filtered response"));
    m_result->setAccessibleDescription(tr("What the response filter selected from the body"));
    m_result->setReadOnly(true);
    m_result->setJsonHighlighting(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 4);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_status);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &ResponseFilter::run);
    connect(m_edit, &QLineEdit::textChanged, this, &ResponseFilter::schedule);
}

ResponseFilter::~ResponseFilter()
{
    // A run still going stops at once; its worker lets go of the cache on its own.
    if (m_interrupt)
        m_interrupt->interrupt();
}

void ResponseFilter::setLimits(qint64 maxInputBytes, qint64 maxOutputBytes, int maxResults,
                               int timeLimitMs)
{
    m_maxInputBytes = maxInputBytes;
    m_maxOutputBytes = maxOutputBytes;
    m_maxResults = maxResults;
    m_timeLimitMs = timeLimitMs;
}

void ResponseFilter::setBody(const ResponseBody &body)
{
    m_body = body;
    m_hasBody = true;
    m_cache = std::make_shared<Cache>();
    if (!expression().trimmed().isEmpty())
        run();
}

void ResponseFilter::clearBody()
{
    if (m_interrupt)
        m_interrupt->interrupt();
    ++m_sequence;
    m_body = ResponseBody();
    m_hasBody = false;
    m_cache.reset();
    m_result->setUtf8Text({});
    if (m_active) {
        m_active = false;
        emit activeChanged(false);
    }
}

QString ResponseFilter::expression() const
{
    return m_edit->text();
}

void ResponseFilter::setExpression(const QString &expression)
{
    m_edit->setText(expression);
}

QString ResponseFilter::statusText() const
{
    return m_status->text();
}

void ResponseFilter::focusEdit()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void ResponseFilter::schedule()
{
    if (expression().trimmed().isEmpty()) {
        m_debounce->stop();
        if (m_interrupt)
            m_interrupt->interrupt();
        ++m_sequence;
        setStatus(QString(), false);
        if (m_active) {
            m_active = false;
            emit activeChanged(false);
        }
        return;
    }
    m_debounce->start();
}

void ResponseFilter::setStatus(const QString &text, bool error)
{
    m_error = error;
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setAccessibleDescription(text);
    QPalette palette; // only the text colour: the rest follows the theme
    if (error)
        palette.setColor(QPalette::WindowText, Theme::errorText(QWidget::palette()));
    else
        palette.setColor(QPalette::WindowText, QWidget::palette().color(QPalette::PlaceholderText));
    m_status->setPalette(palette);
}

void ResponseFilter::run()
{
    m_debounce->stop();
    const QString text = expression();
    if (text.trimmed().isEmpty() || !m_hasBody)
        return;
    if (m_interrupt)
        m_interrupt->interrupt(); // the older run gives the document back at once
    m_interrupt = std::make_shared<JqInterrupt>();
    const quint64 sequence = ++m_sequence;
    ++m_running;
    setStatus(tr("Filtering…"), false);

    const JqLimits limits {m_maxResults, m_maxOutputBytes, m_timeLimitMs};
    const qint64 maxInput = m_maxInputBytes;
    auto work = [body = m_body, cache = m_cache, interrupt = m_interrupt, text, limits,
                 maxInput]() -> Outcome {
        Outcome outcome;
        outcome.language = queryLanguageOf(text);
        if (body.size() > maxInput) {
            outcome.error = tr("The response is too large to filter (%1; the filter takes up "
                               "to %2).")
                                .arg(formatSize(body.size()), formatSize(maxInput));
            return outcome;
        }
        Result<JqProgram> program = compileJsonQuery(text, JsonPathResults::Array);
        if (!program.ok()) {
            outcome.error = program.error().message;
            return outcome;
        }
        const std::lock_guard lock(cache->mutex);
        if (interrupt->isInterrupted())
            return outcome;
        if (!cache->parsed) {
            cache->parsed = true;
            Result<JqDocument> document = JqDocument::parse(body.readAll());
            if (document.ok())
                cache->document = std::move(document).value();
            else
                cache->error = document.error().message;
        }
        if (!cache->error.isEmpty()) {
            outcome.error = cache->error;
            return outcome;
        }
        const Result<JqOutput> out
            = program.value().run(cache->document, limits, JqFormat::Indented, interrupt.get());
        if (!out.ok()) {
            outcome.error = out.error().message;
            return outcome;
        }
        outcome.results = int(out.value().results.size());
        outcome.truncated = out.value().truncated;
        outcome.text.reserve(out.value().bytes + outcome.results);
        for (const QByteArray &result : out.value().results) {
            outcome.text += result;
            outcome.text += '\n';
        }
        return outcome;
    };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, sequence, limits] {
        watcher->deleteLater();
        --m_running;
        if (sequence != m_sequence)
            return; // a newer expression or response took over
        const Outcome outcome = watcher->result();
        if (!outcome.error.isEmpty()) {
            const QString prefix
                = outcome.language == QueryLanguage::JsonPath ? QString() : tr("jq: ");
            setStatus(prefix + outcome.error, true);
            emit finished();
            return;
        }
        m_result->setUtf8Text(outcome.text);
        QString status
            = outcome.results == 1 ? tr("1 result") : tr("%1 results").arg(outcome.results);
        if (outcome.results == 0)
            status = tr("No results");
        if (outcome.truncated)
            status = tr("The first %1 results (up to %2 are shown)")
                         .arg(outcome.results)
                         .arg(outcome.results >= limits.maxResults
                                  ? tr("%1 results").arg(limits.maxResults)
                                  : formatSize(limits.maxBytes));
        if (outcome.language == QueryLanguage::JsonPath)
            status += tr(" · JSONPath: all matches in one array");
        setStatus(status, false);
        if (!m_active) {
            m_active = true;
            emit activeChanged(true);
        }
        emit finished();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace Patchbay::Ui
