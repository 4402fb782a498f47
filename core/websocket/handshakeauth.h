#pragma once

#include "core/auth/authcall.h"
#include "core/http/preparedrequest.h"
#include "core/http/request.h"

#include <QObject>

#include <memory>

namespace Patchbay::Core {

class HttpCall;
class OAuth2Call;
struct DigestChallenge;
struct Response;

// The auth of a WebSocket handshake, which is an HTTP GET of the same URL (RFC 6455 4.1):
// - Basic, Bearer, API key, and the schemes that sign (AWS SigV4, OAuth 1.0a, JWT bearer) go on
//   at once, as they go on an HTTP request;
// - OAuth 2.0 gets its token the way Send does (the keyring, a refresh or the grant, through an
//   OAuth2Call in token-only mode) and puts it in its header or query parameter;
// - Digest answers the challenge the Digest session holds for the origin, or else the one a
//   plain GET of the same URL gets. The handshake itself cannot be challenged and answered:
//   QtWebSockets 6.4 does not show the headers of a handshake the server refused.
// After the server refused the handshake with 401, retryAfterRefusal() renews the token or the
// challenge, once.
class HandshakeAuth final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandshakeAuth)

public:
    // `http`: the handshake as an http(s) GET, variables resolved. `context` as for AuthCall;
    // OAuth 2.0 and Digest need its client (without one they fail with a message).
    HandshakeAuth(const Request &http, const AuthCall::Context &context, QObject *parent = nullptr);
    ~HandshakeAuth() override;

    // ready() or failed() follows, once, from the event loop.
    void start();
    // The server answered the last ready() handshake with 401. True when a renewed token or a
    // fresh Digest challenge is on its way (ready() or failed() follows again); false when
    // there is nothing to renew and the 401 is final.
    bool retryAfterRefusal();
    // The OAuth 2.0 tokens used, for redacting what is kept of the exchange.
    QStringList secretValues() const;

    // Would this auth mode need a round trip before the handshake (a token, a challenge)?
    static bool needsRoundTrip(AuthMode mode);

signals:
    void ready(const Patchbay::Core::PreparedRequest &handshake);
    void failed(const QString &message);
    // Something about the token the user should know (OAuth2Call::warning).
    void warning(const QString &message);

private:
    void startOAuth2();
    void probeDigest();
    void onProbe(const Response &response);
    void answerDigest(const DigestChallenge &challenge);
    void finish(Result<PreparedRequest> handshake);

    Request m_request;
    AuthCall::Context m_context;
    std::unique_ptr<OAuth2Call> m_oauth2; // owned: while a token is got or renewed
    std::unique_ptr<HttpCall> m_probe; // owned: the plain GET that fetches a Digest challenge
    std::unique_ptr<class DigestSession> m_ownDigest; // when the context has none
    QStringList m_tokens;
    bool m_rememberedChallenge = false; // the Digest answer was to the session's challenge
    bool m_retried = false;
};

} // namespace Patchbay::Core
