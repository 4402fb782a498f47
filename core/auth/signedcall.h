#pragma once

#include "core/auth/digestcall.h"
#include "core/auth/digestsession.h"
#include "core/http/httpclient.h"

#include <QObject>

#include <memory>

namespace Patchbay::Core {

// `prepared` signed by the scheme of `auth` that signs before sending (AWS SigV4, OAuth 1.0a, JWT
// bearer, with SigningInputs::fresh()); any other mode returns it unchanged. For sends that do
// not go through HttpClient (a WebSocket handshake).
Result<PreparedRequest> signBeforeSending(const PreparedRequest &prepared, const Auth &auth);
// "AWS Signature v4", "OAuth 1.0a", "JWT bearer", "Digest": for messages.
QString signingSchemeName(AuthMode mode);

// One request whose auth signs it as it goes out, sent through an HttpClient: Digest through a
// DigestCall (the 401 challenge round trip), AWS SigV4, OAuth 1.0a and JWT bearer by preparing
// the request, signing it with SigningInputs::fresh() and sending exactly that (signing.h).
// Any other mode is sent as HttpClient::send() sends it. A signature that cannot be made (a
// missing key, a bad claims template) finishes with ErrorKind::Auth and nothing is sent.
// finished() is emitted once, from the event loop; destroying the call aborts what is in flight.
class SignedCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignedCall)

public:
    // Whether `mode` is signed here (Digest, AwsSigV4, OAuth1, JwtBearer).
    static bool signs(AuthMode mode);
    // `resolved` has its variables resolved (resolveVariables() fills the JWT claims too).
    // `session` (not owned, may be null) keeps Digest nonces across requests; it must outlive
    // the call.
    // `secretValues`: the values of the secret variables the request used (HttpClient::send).
    static std::unique_ptr<SignedCall> send(HttpClient &client, const Request &resolved,
                                            DigestSession *session = nullptr,
                                            const QStringList &secretValues = {});
    ~SignedCall() override;

    void cancel();
    // The request as the user set it (its auth settings, not the signature).
    const Request &request() const { return m_request; }

signals:
    void downloadProgress(qint64 received, qint64 total);
    void finished(const Patchbay::Core::Response &response);

private:
    explicit SignedCall(const Request &request);
    void start(HttpClient &client, DigestSession *session, const QStringList &secretValues);
    void fail(const QString &message);
    void onFinished(const Response &response);

    const Request m_request;
    std::unique_ptr<HttpCall> m_call; // owned: a signed request in flight
    std::unique_ptr<DigestCall> m_digest; // owned: a Digest exchange in flight
    bool m_done = false;
};

} // namespace Patchbay::Core
