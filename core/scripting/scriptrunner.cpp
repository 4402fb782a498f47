#include "core/scripting/scriptrunner.h"

#include "core/http/reasonphrase.h"
#include "core/scripting/pmapi.h"
#include "core/sse/eventstreamparser.h"
#include "core/sse/eventstreamsession.h"

#include <QHash>
#include <QJSEngine>
#include <QJSValue>
#include <QObject>
#include <QUrl>
#include <QVariant>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Patchbay::Core {

namespace {

constexpr qint64 maxBodyBytesInScript = 64LL * 1024 * 1024;
constexpr int maxLogLines = 10000;
constexpr int maxCompiledScripts = 64;
// The user's script runs inside a function; its first line is on the wrapper's first line, so
// the engine's line numbers are the user's.
const QString userFileName = QStringLiteral("patchbay-script");

// Interrupts the engine when a script runs past its time. One thread per runner. Arming and
// disarming only take an uncontended lock: a sleeping watchdog is woken only when it has no
// deadline at all, since a new deadline is never earlier than the one it already sleeps until
// (the timeout is the same for every run).
class Watchdog
{
public:
    explicit Watchdog(QJSEngine *engine)
        : m_engine(engine)
        , m_thread([this] { loop(); })
    { }
    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    Watchdog(const Watchdog &) = delete;
    Watchdog &operator=(const Watchdog &) = delete;

    void arm(int timeoutMs)
    {
        bool wake = false;
        {
            std::lock_guard lock(m_mutex);
            m_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
            m_armed = true;
            m_fired = false;
            wake = m_idle;
        }
        if (wake)
            m_wake.notify_one();
    }

    // Returns whether the engine was interrupted since arm(). Once this returns, the watchdog
    // will not interrupt the engine again until the next arm().
    bool disarm()
    {
        std::lock_guard lock(m_mutex);
        m_armed = false;
        return m_fired;
    }

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            if (!m_armed) {
                m_idle = true;
                m_wake.wait(lock);
                m_idle = false;
                continue;
            }
            m_wake.wait_until(lock, m_deadline);
            if (m_armed && !m_stop && std::chrono::steady_clock::now() >= m_deadline) {
                m_engine->setInterrupted(true);
                m_fired = true;
                m_armed = false;
            }
        }
    }

    QJSEngine *m_engine; // not owned
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::chrono::steady_clock::time_point m_deadline;
    bool m_armed = false;
    bool m_fired = false;
    bool m_idle = false; // waiting without a deadline: arm() must wake it
    bool m_stop = false;
    std::thread m_thread; // last: starts after the members it reads
};

QStringList flatHeaders(const HttpHeaderList &headers)
{
    QStringList out;
    out.reserve(headers.size() * 2);
    for (const HttpHeader &h : headers) {
        out << QString::fromLatin1(h.name) << QString::fromUtf8(h.value);
    }
    return out;
}

QString bodyModeName(BodyMode mode)
{
    switch (mode) {
    case BodyMode::None:
        return {};
    case BodyMode::Json:
    case BodyMode::Text:
        return QStringLiteral("raw");
    case BodyMode::FormUrlEncoded:
        return QStringLiteral("urlencoded");
    case BodyMode::Multipart:
        return QStringLiteral("formdata");
    case BodyMode::BinaryFile:
        return QStringLiteral("file");
    case BodyMode::GraphQl:
        return QStringLiteral("graphql");
    }
    return {};
}

} // namespace

// What the JavaScript half calls into: variable lookups, the response body and the records of
// a run. Reachable only from the shim's closure, never from a user's script.
class ScriptBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptBridge)

public:
    explicit ScriptBridge(QJSEngine *engine)
        : m_engine(engine)
    { }

    void begin(const ScriptContext *context, ScriptOutcome *outcome)
    {
        m_context = context;
        m_outcome = outcome;
    }
    void end()
    {
        m_context = nullptr;
        m_outcome = nullptr;
    }

    Q_INVOKABLE QVariant variable(const QString &name) const
    {
        if (!m_context || !m_context->variable)
            return {};
        const std::optional<QString> value = m_context->variable(name);
        return value ? QVariant(*value) : QVariant();
    }
    Q_INVOKABLE void setVariable(int scope, const QString &name, const QString &value)
    {
        if (m_outcome)
            m_outcome->changes.append({ScriptVariableChange::Scope(scope), name, value});
    }
    Q_INVOKABLE void unsetVariable(int scope, const QString &name)
    {
        if (m_outcome)
            m_outcome->changes.append({ScriptVariableChange::Scope(scope), name, std::nullopt});
    }
    Q_INVOKABLE void addTest(const QString &name, bool passed, const QString &message)
    {
        if (m_outcome)
            m_outcome->tests.append({name, passed, message});
    }
    Q_INVOKABLE void log(const QString &line)
    {
        if (!m_outcome)
            return;
        if (m_outcome->logs.size() < maxLogLines)
            m_outcome->logs.append(line);
        else if (m_outcome->logs.size() == maxLogLines)
            m_outcome->logs.append(
                QStringLiteral("(more console output was dropped: a script keeps "
                               "at most %1 lines)")
                    .arg(maxLogLines));
    }
    Q_INVOKABLE QString responseText(const QString &what)
    {
        const Response *response = m_context ? m_context->response : nullptr;
        if (!response)
            return {};
        const qint64 size = response->body.size();
        if (size > maxBodyBytesInScript) {
            m_engine->throwError(
                QStringLiteral("%1: the response body is %2 MiB; scripts can read at most 64 MiB")
                    .arg(what)
                    .arg(double(size) / (1024 * 1024), 0, 'f', 1));
            return {};
        }
        return QString::fromUtf8(response->body.readAll());
    }
    // The events of an event-stream response (a run reads one as events: core/runner/
    // eventstreamstep.h), each {id, event, data} as the stream's parser gave them.
    Q_INVOKABLE QVariantList responseEvents(const QString &what)
    {
        const Response *response = m_context ? m_context->response : nullptr;
        if (!response)
            return {};
        if (!isEventStream(*response)) {
            const QByteArray type = response->header("Content-Type");
            m_engine->throwError(
                QStringLiteral("%1: the response is not an event stream (Content-Type: %2)")
                    .arg(what,
                         type.isEmpty() ? QStringLiteral("none") : QString::fromLatin1(type)));
            return {};
        }
        const QString body = responseText(what);
        if (body.isNull() && response->body.size() > maxBodyBytesInScript)
            return {}; // responseText() threw
        EventStreamParser parser;
        QList<ServerSentEvent> events = parser.feed(body.toUtf8());
        QVariantList out;
        out.reserve(events.size());
        for (const ServerSentEvent &event : events) {
            out.append(QVariantMap {{QStringLiteral("id"), event.lastEventId},
                                    {QStringLiteral("event"), event.type},
                                    {QStringLiteral("data"), event.data}});
        }
        return out;
    }
    Q_INVOKABLE QStringList responseHeaders() const
    {
        const Response *response = m_context ? m_context->response : nullptr;
        return response ? flatHeaders(response->headers) : QStringList();
    }
    Q_INVOKABLE QStringList requestHeaders() const
    {
        QStringList out;
        if (!m_context)
            return out;
        for (const KeyValue &h : m_context->request.headers) {
            if (h.enabled)
                out << h.name << h.value;
        }
        return out;
    }
    Q_INVOKABLE QVariantMap requestUrl() const
    {
        const QString raw = m_context ? m_context->request.url : QString();
        const QUrl url(raw);
        return {
            {QStringLiteral("raw"), raw},
            {QStringLiteral("protocol"), url.scheme()},
            {QStringLiteral("host"), url.host()},
            {QStringLiteral("port"), url.port()},
            {QStringLiteral("path"), url.path()},
            {QStringLiteral("query"), url.query(QUrl::FullyEncoded)},
        };
    }

private:
    QJSEngine *m_engine; // not owned
    const ScriptContext *m_context = nullptr; // not owned; set during run()
    ScriptOutcome *m_outcome = nullptr; // not owned; set during run()
};

class ScriptRunnerPrivate
{
public:
    explicit ScriptRunnerPrivate(int timeoutMs)
        : timeoutMs(timeoutMs)
    {
        QJSValue global = engine.globalObject();
        // Not ECMAScript, and nothing a Postman script may use.
        for (const char *name : {"print", "gc", "Qt", "XMLHttpRequest"})
            global.deleteProperty(QString::fromLatin1(name));

        QJSValue bridgeObject = engine.newQObject(&bridge);
        QJSEngine::setObjectOwnership(&bridge, QJSEngine::CppOwnership);
        const QJSValue factory = engine.evaluate(pmApiScript(), QStringLiteral("pmapi"), 0);
        const QJSValue api = factory.call({global, bridgeObject});
        Q_ASSERT_X(!factory.isError() && !api.isError(), "ScriptRunner",
                   qPrintable(api.toString() + factory.toString()));
        begin = api.property(QStringLiteral("begin"));
        call = api.property(QStringLiteral("call"));
        finish = api.property(QStringLiteral("finish"));
    }

    // The user's script as a function, compiled once per distinct text.
    QJSValue compiled(const QString &text)
    {
        auto it = cache.constFind(text);
        if (it != cache.constEnd())
            return *it;
        if (cache.size() >= maxCompiledScripts)
            cache.clear();
        const QJSValue fn = engine.evaluate(u"(function () {" % text % u"\n})", userFileName, 1);
        if (!fn.isError())
            cache.insert(text, fn);
        return fn;
    }

    // The arguments of the shim's begin(): plain values, cheaper than setting properties.
    static QJSValueList contextInfo(const ScriptContext &context)
    {
        const QString mode = bodyModeName(context.request.body.mode);
        QJSValueList args {context.requestName, context.iteration, context.request.method, mode,
                           mode == u"raw" ? context.request.body.text : QString()};
        if (const Response *response = context.response) {
            const QString reason = response->reason.isEmpty()
                ? QString::fromLatin1(httpReasonPhrase(response->statusCode))
                : response->reason;
            args << true << response->statusCode << reason << response->timing.totalMs()
                 << double(response->body.size());
        } else {
            args << false;
        }
        return args;
    }

    int timeoutMs;
    ScriptBridge bridge {&engine}; // before the engine: destroyed after it
    QJSEngine engine;
    QJSValue begin;
    QJSValue call;
    QJSValue finish;
    QHash<QString, QJSValue> cache;
    Watchdog watchdog {&engine}; // last: stopped before the engine goes
};

bool ScriptOutcome::passed() const
{
    if (!error.isEmpty())
        return false;
    return std::all_of(tests.cbegin(), tests.cend(),
                       [](const ScriptTestResult &t) { return t.passed; });
}

ScriptRunner::ScriptRunner(int timeoutMs)
    : d(std::make_unique<ScriptRunnerPrivate>(timeoutMs))
{ }

ScriptRunner::~ScriptRunner() = default;

ScriptOutcome ScriptRunner::run(const ScriptSource &script, const ScriptContext &context)
{
    ScriptOutcome outcome;
    const QString where = script.where.isEmpty() ? QStringLiteral("script") : script.where;

    const QJSValue fn = d->compiled(script.text);
    if (fn.isError()) {
        const int line = fn.property(QStringLiteral("lineNumber")).toInt();
        outcome.error = where % (line > 0 ? QStringLiteral(", line %1").arg(line) : QString())
            % u": " % fn.toString();
        return outcome;
    }

    d->bridge.begin(&context, &outcome);
    d->begin.call(ScriptRunnerPrivate::contextInfo(context));

    d->watchdog.arm(d->timeoutMs);
    const QJSValue thrown = d->call.call({fn});
    const bool timedOut = d->watchdog.disarm();
    if (timedOut)
        d->engine.setInterrupted(false);

    if (timedOut && thrown.isError()) {
        outcome.error = QStringLiteral("%1: the script ran longer than %2 ms and was stopped")
                            .arg(where)
                            .arg(d->timeoutMs);
    } else if (thrown.isError()) {
        // Not caught by the shim: only the engine's own failures get here.
        outcome.error = where % u": " % thrown.toString();
    } else if (thrown.isObject()) {
        const int line = thrown.property(QStringLiteral("line")).toInt();
        outcome.error = where % (line > 0 ? QStringLiteral(", line %1").arg(line) : QString())
            % u": " % thrown.property(QStringLiteral("message")).toString();
    }

    d->finish.call();
    d->bridge.end();
    return outcome;
}

} // namespace Patchbay::Core

#include "scriptrunner.moc"
