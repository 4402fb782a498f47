#include "core/runner/collectionrunner.h"

#include "core/auth/authcall.h"
#include "core/cookies/cookiejar.h"
#include "core/graphql/graphqlsubscription.h"
#include "core/history/redaction.h"
#include "core/http/httpclient.h"
#include "core/network/networkcontext.h"
#include "core/sse/eventstreamsession.h"
#include "core/websocket/websocketstep.h"

#include <QTimer>

#include <algorithm>

namespace Patchbay::Core {

int RequestResult::assertionsFailed() const
{
    return int(std::count_if(assertions.cbegin(), assertions.cend(),
                             [](const AssertionOutcome &a) { return !a.result.passed; }));
}

int RequestResult::capturesFailed() const
{
    return int(std::count_if(captures.cbegin(), captures.cend(),
                             [](const CaptureResult &c) { return !c.captured; }));
}

CollectionRunner::CollectionRunner(HttpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_delay(new QTimer(this))
{
    m_delay->setSingleShot(true);
    connect(m_delay, &QTimer::timeout, this, &CollectionRunner::sendNext);
}

CollectionRunner::~CollectionRunner() = default;

void CollectionRunner::setSpecCheck(SpecCheck check, bool everyResponse)
{
    m_specCheck = std::move(check);
    m_checkEveryResponse = everyResponse;
}

void CollectionRunner::start(QList<RunItem> items, RunOptions options)
{
    if (m_running)
        return;
    m_items = std::move(items);
    m_options = std::move(options);
    m_options.iterations = std::max(m_options.iterations, 1);
    m_captured.clear();
    m_summary = RunSummary {};
    m_iteration = 0;
    m_index = 0;
    m_running = true;
    m_stopRequested = false;
    m_clock.start();
    if (m_options.workspaceCookies) {
        m_jar.reset();
        m_client->setCookieJar(nullptr);
    } else {
        // A run is reproducible: it starts from no cookies (or those given), not from whatever
        // the window collected.
        m_jar = std::make_unique<CookieJar>();
        m_jar->setCookies(m_options.cookies);
        m_client->setCookieJar(m_jar.get());
    }
    // From the event loop, so that callers can connect after start() and never get re-entered.
    QMetaObject::invokeMethod(
        this, [this] { sendNext(); }, Qt::QueuedConnection);
}

CookieJar *CollectionRunner::cookieJar() const
{
    if (m_jar)
        return m_jar.get();
    return m_running || m_summary.requests > 0 ? m_client->cookieJar() : nullptr;
}

void CollectionRunner::stop()
{
    if (!m_running || m_stopRequested)
        return;
    m_stopRequested = true;
    if (m_delay->isActive()) {
        m_delay->stop();
        QMetaObject::invokeMethod(
            this, [this] { sendNext(); }, Qt::QueuedConnection);
    } else if (m_stream) {
        m_stream->cancel(); // the events so far are the step's result, then the run stops
    } else if (m_call) {
        m_call->cancel();
    } else if (m_webSocket) {
        m_webSocket->cancel();
    }
}

void CollectionRunner::setOAuth2Services(const OAuth2Services &services)
{
    m_oauth2 = services;
}

VariableContext CollectionRunner::contextFor(const RunItem &item) const
{
    QList<VariableScope> scopes;
    scopes.reserve(item.scopes.size() + 3);
    if (!m_captured.isEmpty())
        scopes.append({ScopeKind::Request, QStringLiteral("captured in this run"), m_captured});
    if (!m_options.variables.isEmpty())
        scopes.append({ScopeKind::Request, QStringLiteral("--var"), m_options.variables});
    if (!m_options.data.isEmpty()) {
        const qsizetype row = m_iteration % m_options.data.size();
        scopes.append({ScopeKind::Request, QStringLiteral("data row %1").arg(row + 1),
                       m_options.data.at(row)});
    }
    scopes.append(item.scopes);
    return VariableContext(std::move(scopes));
}

void CollectionRunner::runScripts(const QList<ScriptSource> &scripts, const RunItem &item,
                                  const Request &request, const Response *response,
                                  RequestResult &result)
{
    if (!m_scripts)
        m_scripts = std::make_unique<ScriptRunner>();
    for (const ScriptSource &script : scripts) {
        ScriptContext context;
        const VariableContext variables = contextFor(item); // sees what earlier scripts set
        context.variable = [&variables](const QString &name) -> std::optional<QString> {
            const std::optional<ResolvedVariable> found = variables.lookup(name);
            return found ? std::optional<QString>(found->value) : std::nullopt;
        };
        context.requestName = item.name;
        context.iteration = m_iteration;
        context.request = request;
        context.response = response;
        const ScriptOutcome outcome = m_scripts->run(script, context);
        for (const ScriptTestResult &test : outcome.tests) {
            result.assertions.append(
                {test.name,
                 {test.passed,
                  test.passed ? test.name : test.name + QStringLiteral(": ") + test.message}});
        }
        if (!outcome.error.isEmpty())
            result.assertions.append({script.where, {false, outcome.error}});
        for (const QString &line : outcome.logs)
            result.scriptLogs.append(line);
        // Every scope a script writes lands in the run's own variables, which outrank files:
        // the files are never changed by a run.
        for (const ScriptVariableChange &change : outcome.changes) {
            auto existing
                = std::find_if(m_captured.begin(), m_captured.end(),
                               [&change](const Variable &v) { return v.name == change.name; });
            if (!change.value) {
                if (existing != m_captured.end())
                    m_captured.erase(existing);
            } else if (existing != m_captured.end()) {
                existing->value = *change.value;
            } else {
                m_captured.append({change.name, *change.value, true, false});
            }
        }
    }
}

void CollectionRunner::sendNext()
{
    if (!m_running)
        return;
    if (m_stopRequested) {
        m_summary.stopped = true;
        finish();
        return;
    }
    if (m_index >= m_items.size()) {
        m_index = 0;
        ++m_iteration;
    }
    if (m_items.isEmpty() || m_iteration >= m_options.iterations) {
        finish();
        return;
    }
    m_summary.iterations = m_iteration + 1;

    const RunItem &item = m_items.at(m_index);
    m_current = RequestResult {};
    m_current.iteration = m_iteration;
    m_current.index = m_index;
    m_current.sequence = m_summary.requests;
    m_current.name = item.name;
    m_current.path = item.path;
    m_current.method = item.request.method;
    m_current.url = item.request.url;
    if (!m_options.runScripts)
        m_current.scriptsNotRun = item.scriptsNotRun;
    emit requestStarted(m_iteration, m_index);

    if (!item.problem.isEmpty()) {
        m_current.errorKind = ErrorKind::InvalidRequest;
        m_current.errorMessage = item.problem;
        record(m_current);
        ++m_index;
        if (m_options.bail) {
            m_summary.bailed = true;
            finish();
            return;
        }
        // Queued: a run of unreadable files must not recurse.
        QMetaObject::invokeMethod(
            this, [this] { scheduleNext(); }, Qt::QueuedConnection);
        return;
    }

    if (m_options.runScripts && !item.preRequestScripts.isEmpty())
        runScripts(item.preRequestScripts, item, item.request, nullptr, m_current);
    QStringList undefined;
    m_secretValues.clear();
    Request request = resolveVariables(item.request, contextFor(item), &undefined, &m_secretValues);
    m_current.undefinedVariables = undefined;
    if (m_options.timeoutMs >= 0)
        request.settings.timeoutMs = m_options.timeoutMs;
    // The run's maximum time is a default for requests without one and a cap for the others.
    if (m_options.maxTimeMs > 0
        && (request.settings.maxTimeMs <= 0 || request.settings.maxTimeMs > m_options.maxTimeMs))
        request.settings.maxTimeMs = m_options.maxTimeMs;
    if (m_options.insecure)
        request.settings.verifyTls = false;
    m_current.method = request.method;
    // Reports are files: secret variable values never reach them (the secret canary test).
    m_current.url = redactValues(request.url, m_secretValues);
    m_sent = request;
    if (request.kind == RequestKind::WebSocket || isGraphQlSubscription(request)) {
        sendOverWebSocket(item, request);
        return;
    }
    sendHttp(item, request);
}

void CollectionRunner::sendOverWebSocket(const RunItem &item, const Request &request)
{
    // The run's network settings, as its HTTP requests get them from the client.
    const Result<WebSocketNetwork> network
        = webSocketNetwork(*m_client->networkContext()->profile(), request);
    if (!network) {
        Response failed;
        failed.errorKind = ErrorKind::InvalidRequest;
        failed.errorMessage = network.error().message;
        QMetaObject::invokeMethod(
            this, [this, failed] { onResponse(failed); }, Qt::QueuedConnection);
        return;
    }
    // OAuth 2.0 and Digest fetch their token or challenge before the handshake.
    AuthCall::Context context = authContext(item.collectionId);
    // No AuthCall here to pass the token's warnings on: the call itself does.
    context.oauth2 = [this, make = context.oauth2](const Request &resolved) {
        std::unique_ptr<OAuth2Call> call = make(resolved);
        connect(call.get(), &OAuth2Call::warning, this, &CollectionRunner::authWarning);
        return call;
    };
    if (request.kind == RequestKind::WebSocket) {
        m_current.method = QStringLiteral("WS");
        m_webSocket = std::make_unique<WebSocketStep>(request, network.value());
        m_webSocket->setAuthContext(context);
        connect(m_webSocket.get(), &WebSocketStep::finished, this, &CollectionRunner::onResponse);
        m_webSocket->start();
        return;
    }
    // A GraphQL subscription: read as events up to the run's stream bounds, as a stream is.
    m_current.method = QStringLiteral("SUB");
    m_stream = std::make_unique<EventStreamStep>(
        std::make_unique<GraphQlSubscription>(request, network.value(), context), m_options.stream);
    connect(m_stream.get(), &EventStreamStep::finished, this, &CollectionRunner::onResponse);
    m_stream->start();
}

void CollectionRunner::sendHttp(const RunItem &item, const Request &request)
{
    // One send path for every auth mode (core/auth/authcall.h), watching each response's head:
    // an event stream is handed to an EventStreamStep.
    AuthCall::Context context = authContext(item.collectionId);
    context.observeBody = true;
    m_call = AuthCall::send(context, request, m_secretValues);
    connect(m_call.get(), &AuthCall::warning, this, &CollectionRunner::authWarning);
    connect(m_call.get(), &AuthCall::headReceived, this, &CollectionRunner::onHead);
    connect(m_call.get(), &AuthCall::finished, this, &CollectionRunner::onResponse);
}

void CollectionRunner::onHead(const Response &head)
{
    // Each call that carries the request reports its head (a Digest challenge first, then the
    // answer): only a 200 event stream changes how the rest is read.
    if (!m_call || m_stream || head.statusCode != 200 || !isEventStream(head))
        return;
    AuthCall::Context context {m_client, {}, &m_digestSession, true};
    m_stream = std::make_unique<EventStreamStep>(context, m_call->request(), m_options.stream);
    connect(m_stream.get(), &EventStreamStep::finished, this, &CollectionRunner::onResponse);
    disconnect(m_call.get(), nullptr, this, nullptr);
    m_stream->adopt(std::move(m_call), head);
}

AuthCall::Context CollectionRunner::authContext(const QString &collectionId)
{
    AuthCall::Context context {m_client, {}, &m_digestSession};
    context.oauth2 = [this, collectionId](const Request &resolved) {
        // A token first, from the keyring or a grant (core/auth/oauth2call.h).
        OAuth2Services services = m_oauth2;
        services.client = m_client;
        auto call = std::make_unique<OAuth2Call>(resolved, collectionId, services);
        connect(call.get(), &OAuth2Call::authorizationUrlReady, this,
                &CollectionRunner::authorizationUrlReady);
        connect(call.get(), &OAuth2Call::deviceCodeReady, this, &CollectionRunner::deviceCodeReady);
        connect(call.get(), &OAuth2Call::exchangeFinished, this,
                &CollectionRunner::authExchangeFinished);
        return call;
    };
    return context;
}

void CollectionRunner::scheduleNext()
{
    const bool more = m_index < m_items.size() || m_iteration + 1 < m_options.iterations;
    if (more && m_options.delayMs > 0 && !m_stopRequested)
        m_delay->start(m_options.delayMs);
    else
        sendNext();
}

void CollectionRunner::onResponse(const Response &response)
{
    // The call is done; free it from the event loop (we are inside its signal).
    const RunItem &item = m_items.at(m_index);
    // History gets what was sent and received (not for OAuth 2.0 requests, whose token
    // exchanges are reported by authExchangeFinished()).
    const bool recorded = item.request.kind != RequestKind::WebSocket
        && m_sent.auth.mode != AuthMode::OAuth2
        && (response.errorKind != ErrorKind::Cancelled || !m_stopRequested);
    if (m_call)
        m_call.release()->deleteLater();
    if (m_stream) {
        m_current.events = m_stream->eventCount();
        m_current.streamEnd = m_stream->endReason();
        m_stream.release()->deleteLater();
    }
    if (recorded)
        emit exchangeFinished(m_sent, response, m_secretValues);
    if (m_webSocket)
        m_webSocket.release()->deleteLater();
    if (m_stopRequested && response.errorKind == ErrorKind::Cancelled) {
        m_summary.stopped = true;
        finish();
        return;
    }
    RequestResult &r = m_current;
    r.statusCode = response.statusCode;
    r.reason = response.reason;
    r.errorKind = response.errorKind;
    if (response.isError())
        r.errorMessage = redactValues(response.errorMessage, m_secretValues);
    r.timeMs = std::max(response.timing.totalMs(), 0.0);
    r.bodyBytes = response.body.size();

    if (!item.assertions.isEmpty()) {
        const VariableContext context = contextFor(item);
        QList<AssertionResult> results
            = evaluateAssertions(response, item.assertions, &context, m_specCheck, item.path);
        // Messages quote expected values (which may be secret variables) and what the server
        // sent (which may echo them).
        QStringList secrets = m_secretValues;
        for (const Assertion &a : item.assertions) {
            context.resolveText(a.target, nullptr, &secrets);
            context.resolveText(a.expected, nullptr, &secrets);
        }
        for (qsizetype i = 0; i < item.assertions.size(); ++i) {
            if (!item.assertions.at(i).enabled)
                continue;
            AssertionResult result = results.at(i);
            result.message = redactValues(result.message, secrets);
            r.assertions.append(
                {redactValues(describeAssertion(item.assertions.at(i)), secrets), result});
        }
    }
    if (m_checkEveryResponse && m_specCheck && !response.isError()) {
        const SpecCheckResult checked = m_specCheck(item.path, response);
        if (checked.described)
            r.assertions.append(
                {QStringLiteral("response matches the API description (--check-spec)"),
                 checked.result});
    }
    if (!item.captures.isEmpty()) {
        r.captures = applyCaptures(response, item.captures);
        for (const CaptureResult &c : std::as_const(r.captures)) {
            if (!c.captured)
                continue;
            auto existing = std::find_if(m_captured.begin(), m_captured.end(),
                                         [&c](const Variable &v) { return v.name == c.variable; });
            if (existing != m_captured.end())
                existing->value = c.value;
            else
                m_captured.append({c.variable, c.value, true, false});
        }
        // The variables keep what was captured; the report does not show a secret's echo.
        for (CaptureResult &c : r.captures) {
            c.value = redactValues(c.value, m_secretValues);
            c.message = redactValues(c.message, m_secretValues);
        }
    }
    // As in newman, test scripts need a response to look at.
    if (m_options.runScripts && !item.testScripts.isEmpty() && !response.isError())
        runScripts(item.testScripts, item, m_sent, &response, r);
    record(r);
    ++m_index;
    if (m_options.bail && !r.passed()) {
        m_summary.bailed = true;
        finish();
        return;
    }
    scheduleNext();
}

void CollectionRunner::record(const RequestResult &result)
{
    RunSummary &s = m_summary;
    if (s.requests == 0) {
        s.responseMsMin = result.timeMs;
        s.responseMsMax = result.timeMs;
    } else {
        s.responseMsMin = std::min(s.responseMsMin, result.timeMs);
        s.responseMsMax = std::max(s.responseMsMax, result.timeMs);
    }
    ++s.requests;
    s.responseMsTotal += result.timeMs;
    if (result.requestFailed())
        ++s.requestsFailed;
    s.assertions += result.assertions.size();
    s.assertionsFailed += result.assertionsFailed();
    s.capturesFailed += result.capturesFailed();
    if (!result.scriptsNotRun.isEmpty())
        ++s.requestsWithScriptsNotRun;
    emit requestFinished(result);
}

void CollectionRunner::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_delay->stop();
    m_summary.totalMs = double(m_clock.nsecsElapsed()) / 1e6;
    m_current = RequestResult {};
    emit finished(m_summary);
}

} // namespace Patchbay::Core
