#pragma once

#include "core/auth/oauth2config.h"
#include "core/auth/oauth2errors.h"
#include "core/auth/oauth2token.h"
#include "core/common/result.h"
#include "core/http/request.h"
#include "core/http/response.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace Patchbay::Core {

class HttpCall;
class HttpClient;
class OAuth2RedirectListener;

// One HTTP exchange of a flow (discovery, device authorization, token, refresh), for history
// and for explaining failures. `request` holds secrets: redact `secrets` before keeping it.
struct OAuth2Exchange
{
    QString step; // "OpenID discovery", "device authorization", "token", "refresh"
    Request request;
    Response response;
    QStringList secrets; // client secret, password, code, verifier, tokens...

    friend bool operator==(const OAuth2Exchange &, const OAuth2Exchange &) = default;
};

// What the device flow shows the user (RFC 8628 section 3.2).
struct DeviceCodePrompt
{
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // with the code in it; may be empty
    QDateTime expiresAt; // UTC
    int intervalSeconds = 5;

    friend bool operator==(const DeviceCodePrompt &, const DeviceCodePrompt &) = default;
};

struct OAuth2Outcome
{
    std::optional<OAuth2Token> token; // set on success
    Error error; // otherwise: code "oauth2-..." and a message that says what to do
    double durationMs = 0;

    bool ok() const { return token.has_value(); }
    friend bool operator==(const OAuth2Outcome &, const OAuth2Outcome &) = default;
};

// Runs one OAuth 2.0 grant or a refresh on an HttpClient (either transport), for the window and
// the CLI alike. `config` must have its {{variables}} resolved. OpenID Connect discovery fills
// the endpoints it leaves empty. The authorization code flow opens the SYSTEM browser through
// the injected openUrl (no embedded browser: passkeys and password managers work) and waits on
// a loopback redirect (OAuth2RedirectListener); the device flow reports the user code and
// polls at the server's interval, slowing down when told. Waiting for a person ends after
// setInteractionTimeout(). Each HTTP exchange is reported; finished() is emitted once, from the
// event loop, also after cancel(). Token requests never follow redirects (the body holds the
// client secret).
class OAuth2Flow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2Flow)

public:
    OAuth2Flow(HttpClient *client, const OAuth2Config &config, QObject *parent = nullptr);
    ~OAuth2Flow() override;

    // Opens a URL in the system browser; false when it could not (the URL is still reported by
    // authorizationUrlReady()).
    void setOpenUrl(std::function<bool(const QUrl &)> openUrl) { m_openUrl = std::move(openUrl); }
    // Milliseconds to wait for the browser redirect or the device sign-in; 0 waits until the
    // device code expires (or, for the browser, until cancel()).
    void setInteractionTimeout(int ms) { m_interactionTimeoutMs = ms; }
    // Timeout of each HTTP exchange (no bytes moving), 30 s by default.
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }
    void setVerifyTls(bool verify) { m_verifyTls = verify; }
    // For tests: how long one "second" of the device flow's interval and slow_down lasts.
    void setDeviceSecondMs(int ms) { m_secondMs = ms; }

    // Runs the configured grant.
    void start();
    // Exchanges current.refreshToken for a new token (RFC 6749 section 6).
    void refresh(const OAuth2Token &current);
    void cancel();
    bool isRunning() const { return m_running; }
    // The configuration with what discovery filled in.
    const OAuth2Config &config() const { return m_config; }

signals:
    // The authorization URL, opened in the browser (or to be opened by hand).
    void authorizationUrlReady(const QUrl &url);
    void deviceCodeReady(const Patchbay::Core::DeviceCodePrompt &prompt);
    // Something to tell the user that does not stop the flow (plain http token endpoint...).
    void warning(const QString &message);
    void exchangeFinished(const Patchbay::Core::OAuth2Exchange &exchange);
    void finished(const Patchbay::Core::OAuth2Outcome &outcome);

private:
    using Continuation = void (OAuth2Flow::*)(const Response &);

    void begin();
    void runGrant();
    void discover();
    void onDiscovery(const Response &response);
    void startAuthorizationCode();
    void onRedirect(const QUrlQuery &query);
    void startDeviceCode();
    void onDeviceAuthorization(const Response &response);
    void pollDevice();
    void onDevicePoll(const Response &response);
    void onTokenResponse(const Response &response);

    Request tokenRequest(const QList<std::pair<QString, QString>> &fields) const;
    void send(const QString &step, const Request &request, QStringList secrets, Continuation next);
    void onCallFinished(const Response &response);
    // The error of a failed token-endpoint answer, in words; `oauthError` gets the error code.
    Error tokenError(const Response &response, OAuth2Step step,
                     QString *oauthError = nullptr) const;
    void warnIfInsecure(const QString &url, const QString &what);
    void startInteractionTimer(const QString &message);
    void succeed(const OAuth2Token &token);
    void fail(const QString &code, const QString &message);

    HttpClient *m_client; // not owned
    OAuth2Config m_config;
    std::function<bool(const QUrl &)> m_openUrl;
    int m_interactionTimeoutMs = 0;
    int m_requestTimeoutMs = 30000;
    bool m_verifyTls = true;

    bool m_running = false;
    bool m_refreshing = false;
    OAuth2Token m_previous; // refresh: the token being refreshed
    std::unique_ptr<HttpCall> m_call; // owned: the exchange in flight
    OAuth2Exchange m_exchange; // the exchange in flight
    Continuation m_next = nullptr;
    std::unique_ptr<OAuth2RedirectListener> m_listener; // owned, authorization code only
    QTimer *m_interactionTimer; // owned (child)
    QTimer *m_pollTimer; // owned (child)
    QString m_interactionMessage;
    QByteArray m_verifier;
    QString m_redirectUri;
    QString m_deviceCode;
    QDateTime m_deviceExpiresAt;
    int m_pollIntervalMs = 5000;
    int m_secondMs = 1000;
    QElapsedTimer m_clock;
};

} // namespace Patchbay::Core

Q_DECLARE_METATYPE(Patchbay::Core::OAuth2Exchange)
Q_DECLARE_METATYPE(Patchbay::Core::DeviceCodePrompt)
Q_DECLARE_METATYPE(Patchbay::Core::OAuth2Outcome)
