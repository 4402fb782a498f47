#pragma once

#include "core/auth/digestsession.h"
#include "core/auth/oauth2call.h"
#include "core/auth/signedcall.h"
#include "core/cookies/cookie.h"
#include "core/http/response.h"
#include "core/runner/assertion.h"
#include "core/runner/eventstreamstep.h"
#include "core/runner/rundata.h"
#include "core/runner/runitem.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace Patchbay::Core {

class AuthCall;
class CookieJar;
class HttpClient;
class WebSocketStep;

struct RunOptions
{
    int iterations = 1; // with data rows and no explicit count: one per row (see CLI)
    QList<DataRow> data; // row i % size feeds iteration i
    bool bail = false; // stop after the first failed request
    int delayMs = 0; // pause between requests
    int timeoutMs = -1; // overrides each request's own timeout when >= 0
    // > 0: the most any request may take in total (a default for requests without their own
    // RequestSettings::maxTimeMs, a cap for the others).
    int maxTimeMs = 0;
    bool insecure = false; // do not verify TLS certificates
    VariableList variables; // from --var: outrank data rows and files
    // The user trusts this collection's imported Postman scripts: run them (a pm.* subset in a
    // sandbox, core/scripting) instead of listing them as not run.
    bool runScripts = false;
    // Cookies: a run starts with a fresh jar holding `cookies` (curl's -b FILE), unless
    // `workspaceCookies` asks for the client's own (the workspace's jar), which it then updates.
    bool workspaceCookies = false;
    CookieList cookies;
    // A response that is an event stream is read as events until one of these bounds
    // (EventStreamStep); the request's own timeouts still apply.
    StreamBounds stream;

    friend bool operator==(const RunOptions &, const RunOptions &) = default;
};

// One assertion of one request as run: what it checked and how it went.
struct AssertionOutcome
{
    QString description; // describeAssertion()
    AssertionResult result;

    friend bool operator==(const AssertionOutcome &, const AssertionOutcome &) = default;
};

// What happened to one request of a run. Reporters get it by signal and the runner forgets it,
// so a run of any length uses the same memory.
struct RequestResult
{
    int iteration = 0; // 0-based
    int index = 0; // position in the run's item list
    qint64 sequence = 0; // 0-based count of requests sent so far in the run
    QString name;
    QString path;
    QString method;
    QString url; // resolved
    int statusCode = 0;
    QString reason;
    ErrorKind errorKind = ErrorKind::None;
    QString errorMessage; // transport failure or unreadable file
    double timeMs = 0;
    qint64 bodyBytes = 0;
    QList<AssertionOutcome> assertions; // enabled ones only
    QList<CaptureResult> captures;
    QStringList scriptsNotRun;
    // {{names}} no scope defined: sent as written (as the window and newman do), and reported.
    QStringList undefinedVariables;
    QStringList scriptLogs; // console output of the scripts run for this request
    // Event streams (EventStreamStep): the events received, -1 when the response was not one,
    // and why the stream ended (EventStreamStep::endReason()).
    qint64 events = -1;
    QString streamEnd;

    bool requestFailed() const { return !errorMessage.isEmpty(); }
    int assertionsFailed() const;
    int capturesFailed() const;
    bool passed() const
    {
        return !requestFailed() && assertionsFailed() == 0 && capturesFailed() == 0;
    }

    friend bool operator==(const RequestResult &, const RequestResult &) = default;
};

struct RunSummary
{
    int iterations = 0; // started
    qint64 requests = 0;
    qint64 requestsFailed = 0; // transport failures and unreadable files
    qint64 assertions = 0;
    qint64 assertionsFailed = 0;
    qint64 capturesFailed = 0;
    qint64 requestsWithScriptsNotRun = 0;
    double totalMs = 0; // wall clock of the whole run
    double responseMsTotal = 0;
    double responseMsMin = 0;
    double responseMsMax = 0;
    bool bailed = false;
    bool stopped = false;

    double responseMsAverage() const { return requests ? responseMsTotal / double(requests) : 0; }
    bool passed() const
    {
        return requestsFailed == 0 && assertionsFailed == 0 && capturesFailed == 0 && !stopped;
    }

    friend bool operator==(const RunSummary &, const RunSummary &) = default;
};

// Runs items one after another on one HttpClient, `iterations` times, evaluating assertions and
// applying captures after each response. Variables, first hit wins: captures of this run, then
// --var, then the iteration's data row, then each item's own scopes. Keeps nothing per request:
// each result is emitted by requestFinished() and dropped.
class CollectionRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionRunner)

public:
    explicit CollectionRunner(HttpClient *client, QObject *parent = nullptr); // not owned
    ~CollectionRunner() override;

    // Starts at once (the first request goes out from the event loop); ignored while running.
    // Checks responses against the API descriptions of their collections: for `matches-spec`
    // assertions, and, with `everyResponse`, for every response a description covers
    // (`patchbay-cli run --check-spec`).
    void setSpecCheck(SpecCheck check, bool everyResponse);
    void start(QList<RunItem> items, RunOptions options);
    // Cancels the request in flight; finished() follows with stopped = true.
    void stop();
    bool isRunning() const { return m_running; }

    // For requests with OAuth 2.0 auth: where tokens are kept, the browser, whether a grant may
    // ask someone. The client is always the runner's. Without a token store every such request
    // gets a token of its own.
    void setOAuth2Services(const OAuth2Services &services);

    // Captured variables so far (they survive iterations, as in Postman's collection variables).
    const VariableList &capturedVariables() const { return m_captured; }
    // The jar the last run sent and stored cookies with (its own, or the client's); null before
    // the first run. Kept after the run, e.g. for curl's -c FILE.
    CookieJar *cookieJar() const;

signals:
    void requestStarted(int iteration, int index);
    void requestFinished(const Patchbay::Core::RequestResult &result);
    // Each exchange as sent and received, with the values of the secret variables it used (to
    // be redacted before it is kept anywhere), e.g. for the window's history.
    void exchangeFinished(const Patchbay::Core::Request &sent,
                          const Patchbay::Core::Response &response,
                          const QStringList &secretValues);
    void finished(const Patchbay::Core::RunSummary &summary);
    // What getting OAuth 2.0 tokens has to say (see OAuth2Call).
    void authorizationUrlReady(const QUrl &url);
    void deviceCodeReady(const Patchbay::Core::DeviceCodePrompt &prompt);
    void authWarning(const QString &message);
    void authExchangeFinished(const Patchbay::Core::OAuth2Exchange &exchange);

private:
    void sendNext();
    // How the run sends: its client, Digest session, and OAuth 2.0 calls with the run's token
    // services, their sign-in and exchanges reported.
    AuthCall::Context authContext(const QString &collectionId);
    // A WebSocket request, or a GraphQL subscription (over WebSocket, read as events).
    void sendOverWebSocket(const RunItem &item, const Request &request);
    void scheduleNext();
    void sendHttp(const RunItem &item, const Request &request);
    void onHead(const Response &head);
    void onResponse(const Response &response);
    void record(const RequestResult &result);
    void finish();
    VariableContext contextFor(const RunItem &item) const;
    // Runs `scripts` (pre-request when `response` is null) and applies what they did to `result`
    // (pm.test results as assertions, errors as failed ones, logs) and to the run's variables.
    void runScripts(const QList<ScriptSource> &scripts, const RunItem &item, const Request &request,
                    const Response *response, RequestResult &result);

    HttpClient *m_client; // not owned
    std::unique_ptr<CookieJar> m_jar; // owned; the last run's fresh jar
    std::unique_ptr<AuthCall> m_call; // owned; the request in flight, sent with its auth
    std::unique_ptr<EventStreamStep> m_stream; // owned; the request in flight once it streams
    DigestSession m_digestSession; // Digest challenges and nonce counts, for the whole run
    OAuth2Services m_oauth2;
    std::unique_ptr<WebSocketStep> m_webSocket; // owned; the WebSocket request in flight
    std::unique_ptr<ScriptRunner> m_scripts; // owned; created by the first script to run
    Request m_sent; // the request in flight, as sent (pm.request of test scripts)
    QTimer *m_delay; // owned (child)
    QList<RunItem> m_items;
    SpecCheck m_specCheck;
    bool m_checkEveryResponse = false;
    RunOptions m_options;
    VariableList m_captured;
    RunSummary m_summary;
    QElapsedTimer m_clock;
    RequestResult m_current; // the request in flight
    QStringList m_secretValues; // values of secret variables the request in flight uses
    int m_iteration = 0;
    int m_index = 0;
    bool m_running = false;
    bool m_stopRequested = false;
};

} // namespace Patchbay::Core

Q_DECLARE_METATYPE(Patchbay::Core::RequestResult)
Q_DECLARE_METATYPE(Patchbay::Core::RunSummary)
