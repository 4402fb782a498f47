#include "core/auth/oauth2call.h"

#include "core/auth/oauth2errors.h"
#include "core/auth/tokenstore.h"
#include "core/http/httpclient.h"

#include <QTimer>

namespace Patchbay::Core {

namespace {

const QString kTokenPhase = QStringLiteral("OAuth 2.0 token");

} // namespace

OAuth2Call::OAuth2Call(const Request &resolved, const QString &collectionId,
                       const OAuth2Services &services, QObject *parent)
    : QObject(parent)
    , m_request(resolved)
    , m_collectionId(collectionId)
    , m_services(services)
{
    Q_ASSERT(services.client);
    if (m_services.tokens)
        m_key = TokenStore::keyFor(m_collectionId, m_request.auth.oauth2);
}

OAuth2Call::~OAuth2Call() = default;

bool OAuth2Call::needsPerson(OAuth2Grant grant)
{
    return grant == OAuth2Grant::AuthorizationCode || grant == OAuth2Grant::DeviceCode
        || grant == OAuth2Grant::Implicit;
}

Request OAuth2Call::withToken(const Request &request, const QString &accessToken)
{
    Request r = request;
    const OAuth2Config &c = request.auth.oauth2;
    Auth applied;
    applied.mode = AuthMode::ApiKey; // a header or query parameter prepareRequest() knows
    if (c.placement == TokenPlacement::Query) {
        applied.keyLocation = ApiKeyLocation::Query;
        applied.keyName = c.queryParam.trimmed().isEmpty() ? QStringLiteral("access_token")
                                                           : c.queryParam.trimmed();
        applied.keyValue = accessToken;
    } else {
        applied.keyLocation = ApiKeyLocation::Header;
        applied.keyName = QStringLiteral("Authorization");
        const QString prefix = c.headerPrefix.trimmed();
        applied.keyValue = prefix.isEmpty() ? accessToken : prefix + u' ' + accessToken;
    }
    r.auth = applied;
    return r;
}

void OAuth2Call::start()
{
    if (m_flow || m_call || m_done)
        return;
    if (!m_services.tokens || m_services.tokens->isLoaded(m_key)) {
        QTimer::singleShot(0, this, &OAuth2Call::obtain);
        return;
    }
    connect(m_services.tokens, &TokenStore::loaded, this, [this](const QString &key) {
        if (key != m_key || m_done || m_flow || m_call)
            return;
        disconnect(m_services.tokens, &TokenStore::loaded, this, nullptr);
        obtain();
    });
    QTimer::singleShot(m_keyringWaitMs, this, [this] {
        if (m_done || m_flow || m_call || m_services.tokens->isLoaded(m_key))
            return;
        disconnect(m_services.tokens, &TokenStore::loaded, this, nullptr);
        emit warning(QStringLiteral("The keyring did not answer within %1 s (is it locked?): "
                                    "getting a new token instead of the stored one.")
                         .arg(m_keyringWaitMs / 1000));
        obtain();
    });
    m_services.tokens->load(m_key);
}

void OAuth2Call::cancel()
{
    if (m_done)
        return;
    if (m_call) {
        m_call->cancel(); // finishes through onResponse() with ErrorKind::Cancelled
        return;
    }
    m_flow.reset();
    Response response;
    response.errorKind = ErrorKind::Cancelled;
    response.errorMessage = QStringLiteral("The request was cancelled before it was sent.");
    finish(response);
}

void OAuth2Call::obtain()
{
    if (m_done)
        return;
    const std::optional<OAuth2Token> stored
        = m_services.tokens ? m_services.tokens->token(m_key) : std::nullopt;
    if (stored)
        m_token = *stored;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_token.isEmpty() && !m_token.needsRenewal(now)) {
        sendWithToken();
        return;
    }
    runFlow(!m_token.isEmpty() && !m_token.refreshToken.isEmpty());
}

void OAuth2Call::runFlow(bool refresh)
{
    const OAuth2Config &config = m_request.auth.oauth2;
    if (!refresh && needsPerson(config.grant) && !m_services.interactive) {
        finishWithError(QStringLiteral("The %1 grant needs someone to sign in, and this run "
                                       "cannot ask. Get a token first (Get new token in the Auth "
                                       "tab, or patchbay-cli send), then run again: it is kept "
                                       "in the keyring.")
                            .arg(oauth2GrantTitle(config.grant)));
        return;
    }
    m_refreshing = refresh;
    m_flow = std::make_unique<OAuth2Flow>(m_services.client, config);
    m_flow->setOpenUrl(m_services.openUrl);
    m_flow->setInteractionTimeout(m_services.interactionTimeoutMs);
    m_flow->setVerifyTls(m_request.settings.verifyTls);
    connect(m_flow.get(), &OAuth2Flow::authorizationUrlReady, this,
            &OAuth2Call::authorizationUrlReady);
    connect(m_flow.get(), &OAuth2Flow::deviceCodeReady, this, &OAuth2Call::deviceCodeReady);
    connect(m_flow.get(), &OAuth2Flow::warning, this, &OAuth2Call::warning);
    connect(m_flow.get(), &OAuth2Flow::exchangeFinished, this, &OAuth2Call::exchangeFinished);
    connect(m_flow.get(), &OAuth2Flow::finished, this, &OAuth2Call::onFlowFinished);
    if (refresh)
        m_flow->refresh(m_token);
    else
        m_flow->start();
}

void OAuth2Call::onFlowFinished(const OAuth2Outcome &outcome)
{
    // We are inside the flow's signal: free it from the event loop.
    if (m_flow)
        m_flow.release()->deleteLater();
    const OAuth2Config &config = m_request.auth.oauth2;
    TimingSpan phase {kTokenPhase, 0, outcome.durationMs, {}};
    if (outcome.ok()) {
        phase.note = m_refreshing
            ? QStringLiteral("refreshed")
            : QStringLiteral("new token (%1)").arg(oauth2GrantTitle(config.grant));
        m_phases.append(phase);
        m_token = *outcome.token;
        if (m_services.tokens)
            m_services.tokens->store(m_key, m_token);
        sendWithToken();
        return;
    }
    phase.note = (m_refreshing ? QStringLiteral("refresh failed: ") : QStringLiteral("failed: "))
        + outcome.error.code;
    m_phases.append(phase);
    // An expired or revoked refresh token: forget it and get a new token the grant's way.
    const bool refusedRefresh = m_refreshing
        && outcome.error.code == QLatin1String("oauth2-invalid_grant")
        && config.grant != OAuth2Grant::RefreshToken && !m_afterFailedRefresh;
    if (refusedRefresh) {
        m_afterFailedRefresh = true;
        m_token = {};
        if (m_services.tokens)
            m_services.tokens->clear(m_key);
        emit warning(outcome.error.message);
        runFlow(false);
        return;
    }
    finishWithError(outcome.error.message);
}

void OAuth2Call::sendWithToken()
{
    for (const QString &secret : {m_token.accessToken, m_token.refreshToken}) {
        if (!secret.isEmpty() && !m_usedSecrets.contains(secret))
            m_usedSecrets.append(secret);
    }
    if (m_tokenOnly) {
        // Deferred: this may run inside start() or the flow's signal.
        const Request ready = withToken(m_request, m_token.accessToken);
        QTimer::singleShot(0, this, [this, ready] {
            if (!m_done)
                emit tokenReady(ready);
        });
        return;
    }
    m_call = m_services.client->send(withToken(m_request, m_token.accessToken), m_requestSecrets);
    connect(m_call.get(), &HttpCall::downloadProgress, this, &OAuth2Call::downloadProgress);
    connect(m_call.get(), &HttpCall::finished, this, &OAuth2Call::onResponse);
}

bool OAuth2Call::canRenew() const
{
    return !m_retried
        && (!m_token.refreshToken.isEmpty() || !needsPerson(m_request.auth.oauth2.grant));
}

bool OAuth2Call::renewToken()
{
    if (!m_tokenOnly || m_done || m_flow || !canRenew())
        return false;
    m_retried = true;
    runFlow(!m_token.refreshToken.isEmpty());
    return true;
}

void OAuth2Call::onResponse(const Response &response)
{
    if (m_call)
        m_call.release()->deleteLater(); // we are inside its signal
    if (response.statusCode == 401 && canRenew()) {
        m_retried = true;
        m_phases.append({QStringLiteral("First attempt"), 0,
                         std::max(response.timing.totalMs(), 0.0),
                         QStringLiteral("HTTP 401 with the stored token: renewing it")});
        runFlow(!m_token.refreshToken.isEmpty());
        return;
    }
    finish(response);
}

void OAuth2Call::finishWithError(const QString &message)
{
    Response response;
    response.errorKind = ErrorKind::Auth;
    response.errorMessage
        = QStringLiteral("No OAuth 2.0 token, so the request was not sent. ") + message;
    finish(response);
}

void OAuth2Call::finish(Response response)
{
    if (m_done)
        return;
    m_done = true;
    // The work before the request comes first on the response's clock: laid out back to back
    // from 0, with the request's own times (and any spans of its own) moved after it.
    QList<TimingSpan> spans;
    double offset = 0;
    for (const TimingSpan &p : std::as_const(m_phases)) {
        const double length = std::max(p.end - p.start, 0.0);
        spans.append({p.name, offset, offset + length, p.note});
        offset += length;
    }
    Timing &t = response.timing;
    if (offset > 0) {
        for (double *at : {&t.connectStart, &t.tlsDone, &t.requestSent, &t.firstByte, &t.finished})
            if (*at >= 0)
                *at += offset;
        for (TimingSpan &span : t.before) {
            span.start += offset;
            span.end += offset;
        }
        if (t.startedAt.isValid())
            t.startedAt = t.startedAt.addMSecs(-qint64(offset));
    }
    t.before = spans + t.before;
    // Deferred: finish() may run inside start() or a signal of ours.
    QTimer::singleShot(0, this, [this, response] { emit finished(response); });
}

} // namespace Patchbay::Core
