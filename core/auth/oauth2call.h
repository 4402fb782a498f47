#pragma once

#include "core/auth/oauth2flow.h"
#include "core/auth/oauth2token.h"
#include "core/http/request.h"
#include "core/http/response.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>

namespace Patchbay::Core {

class HttpCall;
class HttpClient;
class TokenStore;

// What sending with OAuth 2.0 needs besides the request.
struct OAuth2Services
{
    HttpClient *client = nullptr; // not owned
    TokenStore *tokens = nullptr; // not owned; null keeps tokens in the call only
    std::function<bool(const QUrl &)> openUrl; // the system browser; null: only reported
    // May a send start a browser or device sign-in? When false those grants fail with a message
    // saying to get a token first.
    bool interactive = true;
    int interactionTimeoutMs = 0; // see OAuth2Flow::setInteractionTimeout()

    friend bool operator==(const OAuth2Services &a, const OAuth2Services &b)
    {
        return a.client == b.client && a.tokens == b.tokens && a.interactive == b.interactive
            && a.interactionTimeoutMs == b.interactionTimeoutMs;
    }
};

// Sends one request whose auth is OAuth 2.0 (variables resolved): takes the token of its
// collection and configuration from the TokenStore (the keyring), refreshes it shortly before it
// expires (OAuth2Token::needsRenewal()), or runs the grant when there is none; then sends with the
// token as a header
// ("Authorization: <prefix> <token>", dropped by a redirect to another origin like any
// credential) or a query parameter. On a 401 it refreshes (or, for grants that need nobody,
// gets a new token) once and sends again. Getting the token shows in the response's timing as
// phases before the request, each token exchange is reported for history, and a token that
// cannot be had finishes with ErrorKind::Auth and the explanation, without sending anything.
// finished() is emitted once, from the event loop.
// A keyring that does not answer (locked, asking for a password nobody types) must not hold a
// request forever: past this, the call goes on as if no token were stored, and says so.
inline constexpr int kOAuth2KeyringWaitMs = 15000;

class OAuth2Call final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2Call)

public:
    OAuth2Call(const Request &resolved, const QString &collectionId, const OAuth2Services &services,
               QObject *parent = nullptr);
    ~OAuth2Call() override;

    void start();
    void cancel();
    // For tests: how long to wait for the keyring before going on without the stored token.
    void setKeyringWait(int ms) { m_keyringWaitMs = ms; }
    // The values of the secret variables the request used (HttpClient::send): headers holding
    // one are dropped on a redirect to another origin.
    void setRequestSecrets(const QStringList &values) { m_requestSecrets = values; }
    bool isFinished() const { return m_done; }
    // Token only, for a caller that sends the request another way (a WebSocket handshake): in
    // place of sending, tokenReady() gives the request with the token put in, and finished()
    // comes only when no token can be had. Set before start().
    void setTokenOnly(bool tokenOnly) { m_tokenOnly = tokenOnly; }
    // Token only: the server refused the token tokenReady() gave (a 401). Renews it once, as a
    // send does on a 401 (a refresh, or the grant when it needs nobody): tokenReady() or
    // finished() follows. False, and nothing follows, when it cannot be renewed.
    bool renewToken();
    // The request as given (OAuth 2.0 settings, no token): what history keeps.
    const Request &request() const { return m_request; }
    QString tokenKey() const { return m_key; }
    // The tokens this call used or received (access and refresh): for redacting what is kept of
    // the exchange, e.g. a server that echoes the Authorization header back.
    QStringList secretValues() const { return m_usedSecrets; }

    // The request with `token` in place of the OAuth 2.0 settings, as it goes on the wire.
    static Request withToken(const Request &request, const QString &accessToken);

signals:
    void authorizationUrlReady(const QUrl &url);
    void deviceCodeReady(const Patchbay::Core::DeviceCodePrompt &prompt);
    void warning(const QString &message);
    void exchangeFinished(const Patchbay::Core::OAuth2Exchange &exchange);
    void downloadProgress(qint64 received, qint64 total);
    void finished(const Patchbay::Core::Response &response);
    // Token only: `withToken` is the request with the token in place of the OAuth 2.0 settings.
    void tokenReady(const Patchbay::Core::Request &withToken);

private:
    void obtain();
    void runFlow(bool refresh);
    void onFlowFinished(const OAuth2Outcome &outcome);
    void sendWithToken();
    void onResponse(const Response &response);
    void finishWithError(const QString &message);
    void finish(Response response);
    static bool needsPerson(OAuth2Grant grant);
    // A 401 may renew the token once: by a refresh, or by a grant that needs nobody.
    bool canRenew() const;

    Request m_request;
    QString m_collectionId;
    OAuth2Services m_services;
    QString m_key;
    OAuth2Token m_token;
    std::unique_ptr<OAuth2Flow> m_flow; // owned: the grant or refresh in flight
    std::unique_ptr<HttpCall> m_call; // owned: the request in flight
    QList<TimingSpan> m_phases; // lengths only (start 0); finish() lays them out
    QStringList m_usedSecrets;
    int m_keyringWaitMs = kOAuth2KeyringWaitMs;
    QStringList m_requestSecrets;
    bool m_refreshing = false;
    bool m_retried = false;
    bool m_afterFailedRefresh = false;
    bool m_tokenOnly = false;
    bool m_done = false;
};

} // namespace Patchbay::Core
