#include "core/websocket/handshakeauth.h"

#include "core/auth/digestauth.h"
#include "core/auth/digestsession.h"
#include "core/auth/oauth2call.h"
#include "core/auth/signedcall.h"
#include "core/auth/signing.h"
#include "core/http/httpclient.h"

#include <QTimer>

namespace Patchbay::Core {

HandshakeAuth::HandshakeAuth(const Request &http, const AuthCall::Context &context, QObject *parent)
    : QObject(parent)
    , m_request(http)
    , m_context(context)
{ }

HandshakeAuth::~HandshakeAuth() = default;

bool HandshakeAuth::needsRoundTrip(AuthMode mode)
{
    return mode == AuthMode::OAuth2 || mode == AuthMode::Digest;
}

QStringList HandshakeAuth::secretValues() const
{
    return m_oauth2 ? m_oauth2->secretValues() : m_tokens;
}

void HandshakeAuth::start()
{
    const AuthMode mode = m_request.auth.mode;
    if (needsRoundTrip(mode) && !m_context.client) {
        finish(Error {QStringLiteral("websocket-auth"),
                      QStringLiteral("%1 needs a token or a challenge before the handshake, and "
                                     "nothing here can fetch it.")
                          .arg(mode == AuthMode::OAuth2 ? QStringLiteral("OAuth 2.0")
                                                        : QStringLiteral("Digest auth"))});
        return;
    }
    if (mode == AuthMode::OAuth2) {
        startOAuth2();
        return;
    }
    if (mode == AuthMode::Digest) {
        DigestSession *session = m_context.digest;
        if (!session) {
            m_ownDigest = std::make_unique<DigestSession>();
            m_context.digest = m_ownDigest.get();
            session = m_ownDigest.get();
        }
        const Result<PreparedRequest> prepared = prepareRequest(m_request);
        if (!prepared) {
            finish(prepared.error());
            return;
        }
        if (const auto known
            = session->challengeFor(prepared->url, m_request.auth.digest.username)) {
            m_rememberedChallenge = true;
            answerDigest(*known);
        } else {
            probeDigest();
        }
        return;
    }
    Result<PreparedRequest> prepared = prepareRequest(m_request);
    if (prepared && SignedCall::signs(mode)) {
        prepared = signBeforeSending(*prepared, m_request.auth);
        if (!prepared) {
            finish(Error {prepared.error().code,
                          QStringLiteral("Its %1 signature could not be made. %2")
                              .arg(signingSchemeName(mode), prepared.error().message)});
            return;
        }
    }
    finish(std::move(prepared));
}

void HandshakeAuth::startOAuth2()
{
    if (m_context.oauth2) {
        m_oauth2 = m_context.oauth2(m_request);
    } else {
        OAuth2Services services;
        services.client = m_context.client;
        m_oauth2 = std::make_unique<OAuth2Call>(m_request, QString(), services);
    }
    m_oauth2->setTokenOnly(true);
    connect(m_oauth2.get(), &OAuth2Call::warning, this, &HandshakeAuth::warning);
    connect(m_oauth2.get(), &OAuth2Call::tokenReady, this, [this](const Request &withToken) {
        m_tokens = m_oauth2->secretValues();
        finish(prepareRequest(withToken));
    });
    connect(m_oauth2.get(), &OAuth2Call::finished, this,
            [this](const Response &response) { emit failed(response.errorMessage); });
    m_oauth2->start();
}

void HandshakeAuth::probeDigest()
{
    // A plain GET of the same URL, without credentials: a server that guards the endpoint
    // answers it with the challenge it would answer the handshake with.
    Request probe = m_request;
    probe.auth = Auth {};
    probe.auth.mode = AuthMode::None;
    m_probe = m_context.client->send(probe);
    connect(m_probe.get(), &HttpCall::finished, this, &HandshakeAuth::onProbe);
}

void HandshakeAuth::onProbe(const Response &response)
{
    if (m_probe)
        m_probe.release()->deleteLater(); // we are inside its signal
    if (response.errorKind != ErrorKind::None && response.statusCode == 0) {
        emit failed(QStringLiteral("Could not get the server's Digest challenge: %1")
                        .arg(response.errorMessage));
        return;
    }
    const std::optional<DigestChallenge> challenge
        = response.statusCode == 401 ? chooseDigestChallenge(response.headers) : std::nullopt;
    if (!challenge) {
        emit failed(QStringLiteral("The server did not ask for Digest auth (a plain GET of this "
                                   "URL got HTTP %1 without a Digest challenge), so there is "
                                   "nothing to answer. Check the URL and the request's auth.")
                        .arg(response.statusCode));
        return;
    }
    const Result<PreparedRequest> prepared = prepareRequest(m_request);
    if (!prepared) {
        finish(prepared.error());
        return;
    }
    m_context.digest->remember(prepared->url, m_request.auth.digest.username, *challenge);
    answerDigest(*challenge);
}

void HandshakeAuth::answerDigest(const DigestChallenge &challenge)
{
    Result<PreparedRequest> prepared = prepareRequest(m_request);
    if (!prepared) {
        finish(prepared.error());
        return;
    }
    const quint32 count = m_context.digest->takeNonceCount(prepared->url, challenge.nonce);
    finish(signDigest(*prepared, challenge, m_request.auth.digest, count, SigningInputs::fresh()));
}

bool HandshakeAuth::retryAfterRefusal()
{
    if (m_retried)
        return false;
    if (m_request.auth.mode == AuthMode::OAuth2) {
        if (!m_oauth2 || !m_oauth2->renewToken())
            return false;
        m_retried = true;
        return true;
    }
    if (m_request.auth.mode == AuthMode::Digest && m_rememberedChallenge) {
        // The remembered nonce may have expired: ask again. (A fresh challenge refused means
        // wrong credentials: asking again would not help.)
        m_retried = true;
        m_rememberedChallenge = false;
        if (const Result<PreparedRequest> prepared = prepareRequest(m_request))
            m_context.digest->forget(prepared->url, m_request.auth.digest.username);
        probeDigest();
        return true;
    }
    return false;
}

void HandshakeAuth::finish(Result<PreparedRequest> handshake)
{
    // Always from the event loop, as the calls that fetch tokens and challenges answer.
    QTimer::singleShot(0, this, [this, handshake = std::move(handshake)] {
        if (handshake)
            emit ready(*handshake);
        else
            emit failed(handshake.error().message);
    });
}

} // namespace Patchbay::Core
