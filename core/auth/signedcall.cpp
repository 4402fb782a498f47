#include "core/auth/signedcall.h"

#include "core/auth/awssigv4.h"
#include "core/auth/jwtbearer.h"
#include "core/auth/oauth1.h"

#include <QTimer>

namespace Patchbay::Core {

QString signingSchemeName(AuthMode mode)
{
    switch (mode) {
    case AuthMode::AwsSigV4:
        return QStringLiteral("AWS Signature v4");
    case AuthMode::OAuth1:
        return QStringLiteral("OAuth 1.0a");
    case AuthMode::JwtBearer:
        return QStringLiteral("JWT bearer");
    default:
        return QStringLiteral("Digest");
    }
}

Result<PreparedRequest> signBeforeSending(const PreparedRequest &prepared, const Auth &auth)
{
    const SigningInputs inputs = SigningInputs::fresh();
    switch (auth.mode) {
    case AuthMode::AwsSigV4:
        return signAwsSigV4(prepared, auth.awsSigV4, inputs);
    case AuthMode::OAuth1:
        return signOAuth1(prepared, auth.oauth1, inputs);
    case AuthMode::JwtBearer:
        // Variables were filled in by resolveVariables(); one still written as {{name}} is
        // undefined, and makeJwt() says so.
        return signJwtBearer(prepared, auth.jwt, inputs, {});
    default:
        return prepared;
    }
}

bool SignedCall::signs(AuthMode mode)
{
    return mode == AuthMode::Digest || mode == AuthMode::AwsSigV4 || mode == AuthMode::OAuth1
        || mode == AuthMode::JwtBearer;
}

SignedCall::SignedCall(const Request &request)
    : m_request(request)
{ }

SignedCall::~SignedCall() = default;

std::unique_ptr<SignedCall> SignedCall::send(HttpClient &client, const Request &resolved,
                                             DigestSession *session,
                                             const QStringList &secretValues)
{
    std::unique_ptr<SignedCall> call(new SignedCall(resolved));
    call->start(client, session, secretValues);
    return call;
}

void SignedCall::start(HttpClient &client, DigestSession *session, const QStringList &secretValues)
{
    if (m_request.auth.mode == AuthMode::Digest) {
        m_digest = DigestCall::send(client, m_request, m_request.auth.digest, session);
        connect(m_digest.get(), &DigestCall::downloadProgress, this, &SignedCall::downloadProgress);
        connect(m_digest.get(), &DigestCall::finished, this, &SignedCall::onFinished);
        return;
    }
    if (!signs(m_request.auth.mode)) {
        m_call = client.send(m_request, secretValues);
    } else {
        const Result<PreparedRequest> prepared = prepareRequest(m_request);
        if (!prepared) {
            // Finishes with the request's own error.
            m_call = client.send(m_request, secretValues);
        } else {
            const Result<PreparedRequest> signedRequest
                = signBeforeSending(*prepared, m_request.auth);
            if (!signedRequest) {
                fail(QStringLiteral("The request was not sent: its %1 signature could not be "
                                    "made. %2")
                         .arg(signingSchemeName(m_request.auth.mode),
                              signedRequest.error().message));
                return;
            }
            m_call = client.send(m_request, *signedRequest, secretValues);
        }
    }
    connect(m_call.get(), &HttpCall::downloadProgress, this, &SignedCall::downloadProgress);
    connect(m_call.get(), &HttpCall::finished, this, &SignedCall::onFinished);
}

void SignedCall::cancel()
{
    if (m_call)
        m_call->cancel();
    if (m_digest)
        m_digest->cancel();
}

void SignedCall::fail(const QString &message)
{
    Response response;
    response.errorKind = ErrorKind::Auth;
    response.errorMessage = message;
    // Deferred: fail() runs inside send().
    QTimer::singleShot(0, this, [this, response] { onFinished(response); });
}

void SignedCall::onFinished(const Response &response)
{
    if (m_done)
        return;
    m_done = true;
    // We may be inside the inner call's signal: free it from the event loop.
    if (m_call)
        m_call.release()->deleteLater();
    if (m_digest)
        m_digest.release()->deleteLater();
    emit finished(response);
}

} // namespace Patchbay::Core
