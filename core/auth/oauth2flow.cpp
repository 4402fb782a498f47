#include "core/auth/oauth2flow.h"

#include "core/auth/oauth2pkce.h"
#include "core/auth/oauth2redirectlistener.h"
#include "core/http/httpclient.h"
#include "core/http/preparedrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

namespace Patchbay::Core {

namespace {

const QString kDeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
const QString kDeviceTokenStep = QStringLiteral("device token");

std::optional<QJsonObject> jsonObject(const Response &response)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body.peek(1024 * 1024), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString();
}

bool isSuccess(const Response &r)
{
    return !r.isError() && r.statusCode >= 200 && r.statusCode < 300;
}

QString discoveryDocumentUrl(const QString &issuerOrDocument)
{
    QString url = issuerOrDocument.trimmed();
    if (url.contains(QLatin1String("/.well-known/")))
        return url;
    while (url.endsWith(u'/'))
        url.chop(1);
    return url + QStringLiteral("/.well-known/openid-configuration");
}

} // namespace

OAuth2Flow::OAuth2Flow(HttpClient *client, const OAuth2Config &config, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_config(config)
    , m_interactionTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
{
    Q_ASSERT(client);
    m_interactionTimer->setSingleShot(true);
    m_pollTimer->setSingleShot(true);
    // Coarse timers may fire 5% early; a server counts an early poll as too fast (slow_down).
    m_pollTimer->setTimerType(Qt::PreciseTimer);
    connect(m_interactionTimer, &QTimer::timeout, this,
            [this] { fail(QStringLiteral("oauth2-timeout"), m_interactionMessage); });
    connect(m_pollTimer, &QTimer::timeout, this, &OAuth2Flow::pollDevice);
}

OAuth2Flow::~OAuth2Flow() = default;

void OAuth2Flow::start()
{
    if (m_running)
        return;
    m_refreshing = false;
    begin();
}

void OAuth2Flow::refresh(const OAuth2Token &current)
{
    if (m_running)
        return;
    m_refreshing = true;
    m_previous = current;
    begin();
}

void OAuth2Flow::cancel()
{
    if (m_running)
        fail(QStringLiteral("oauth2-cancelled"),
             QStringLiteral("Getting the token was cancelled."));
}

void OAuth2Flow::begin()
{
    m_running = true;
    m_clock.start();
    const bool needsDiscovery = !m_config.discoveryUrl.trimmed().isEmpty()
        && (m_config.tokenUrl.trimmed().isEmpty()
            || (m_config.grant == OAuth2Grant::AuthorizationCode && !m_refreshing
                && m_config.authUrl.trimmed().isEmpty())
            || (m_config.grant == OAuth2Grant::DeviceCode && !m_refreshing
                && m_config.deviceAuthUrl.trimmed().isEmpty()));
    if (needsDiscovery)
        discover();
    else
        runGrant();
}

void OAuth2Flow::discover()
{
    Request r;
    r.url = discoveryDocumentUrl(m_config.discoveryUrl);
    r.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json")});
    r.settings.timeoutMs = m_requestTimeoutMs;
    r.settings.verifyTls = m_verifyTls;
    send(QStringLiteral("OpenID discovery"), r, {}, &OAuth2Flow::onDiscovery);
}

void OAuth2Flow::onDiscovery(const Response &response)
{
    const std::optional<QJsonObject> o = jsonObject(response);
    if (!isSuccess(response) || !o) {
        const QString why = response.isError()
            ? response.errorMessage
            : QStringLiteral("it answered HTTP %1 %2%3")
                  .arg(response.statusCode)
                  .arg(response.reason,
                       o ? QString() : QStringLiteral(" without a JSON discovery document"));
        fail(QStringLiteral("oauth2-discovery"),
             QStringLiteral("OpenID Connect discovery at %1 failed: %2. Check the discovery URL "
                            "(the issuer, e.g. https://accounts.example.com), or fill in the "
                            "endpoints yourself.")
                 .arg(discoveryDocumentUrl(m_config.discoveryUrl), why));
        return;
    }
    const auto fill = [&o](QString &field, const char *key) {
        if (field.trimmed().isEmpty())
            field = text(*o, key);
    };
    fill(m_config.tokenUrl, "token_endpoint");
    fill(m_config.authUrl, "authorization_endpoint");
    fill(m_config.deviceAuthUrl, "device_authorization_endpoint");
    runGrant();
}

void OAuth2Flow::runGrant()
{
    if (m_config.grant == OAuth2Grant::Implicit && !m_refreshing) {
        fail(QStringLiteral("oauth2-implicit"),
             QStringLiteral("The implicit grant is legacy: the OAuth 2.0 Security Best Current "
                            "Practice forbids it, and Patchbay does not run it. Switch the grant "
                            "to authorization code with PKCE, which providers that offer "
                            "implicit also support."));
        return;
    }
    if (m_config.tokenUrl.trimmed().isEmpty()) {
        fail(QStringLiteral("oauth2-config"),
             QStringLiteral("No token URL. Enter the provider's token endpoint, or a discovery "
                            "URL (the issuer) that names it."));
        return;
    }
    warnIfInsecure(m_config.tokenUrl, QStringLiteral("token endpoint"));
    const auto withTarget = [this](QList<std::pair<QString, QString>> fields) {
        if (!m_config.scope.trimmed().isEmpty())
            fields.append({QStringLiteral("scope"), m_config.scope.simplified()});
        if (!m_config.audience.trimmed().isEmpty())
            fields.append({QStringLiteral("audience"), m_config.audience.trimmed()});
        if (!m_config.resource.trimmed().isEmpty())
            fields.append({QStringLiteral("resource"), m_config.resource.trimmed()});
        return fields;
    };
    const QString refreshToken
        = m_refreshing ? m_previous.refreshToken : m_config.refreshToken.trimmed();
    if (m_refreshing || m_config.grant == OAuth2Grant::RefreshToken) {
        if (refreshToken.isEmpty()) {
            fail(QStringLiteral("oauth2-config"),
                 QStringLiteral("There is no refresh token to use. Get a new token."));
            return;
        }
        if (!m_refreshing)
            m_previous.refreshToken = refreshToken;
        send(QStringLiteral("refresh"),
             tokenRequest({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                           {QStringLiteral("refresh_token"), refreshToken}}),
             {refreshToken}, &OAuth2Flow::onTokenResponse);
        return;
    }
    switch (m_config.grant) {
    case OAuth2Grant::ClientCredentials:
        send(QStringLiteral("token"),
             tokenRequest(withTarget(
                 {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}})),
             {}, &OAuth2Flow::onTokenResponse);
        break;
    case OAuth2Grant::Password:
        send(QStringLiteral("token"),
             tokenRequest(withTarget({{QStringLiteral("grant_type"), QStringLiteral("password")},
                                      {QStringLiteral("username"), m_config.username},
                                      {QStringLiteral("password"), m_config.password}})),
             {}, &OAuth2Flow::onTokenResponse);
        break;
    case OAuth2Grant::AuthorizationCode:
        startAuthorizationCode();
        break;
    case OAuth2Grant::DeviceCode:
        startDeviceCode();
        break;
    case OAuth2Grant::RefreshToken:
    case OAuth2Grant::Implicit:
        break; // handled above
    }
}

void OAuth2Flow::startAuthorizationCode()
{
    if (m_config.authUrl.trimmed().isEmpty()) {
        fail(QStringLiteral("oauth2-config"),
             QStringLiteral("No authorization URL. Enter the provider's authorization endpoint, "
                            "or a discovery URL (the issuer) that names it."));
        return;
    }
    warnIfInsecure(m_config.authUrl, QStringLiteral("authorization endpoint"));
    m_listener = std::make_unique<OAuth2RedirectListener>();
    const Result<QUrl> redirect = m_listener->listen(m_config.redirectUri);
    if (!redirect) {
        fail(redirect.error().code, redirect.error().message);
        return;
    }
    m_redirectUri = redirect->toString(QUrl::FullyEncoded);
    const QString state = QString::fromLatin1(makeOAuth2State());
    m_listener->setExpectedState(state);
    m_verifier = m_config.pkce == PkceMethod::None ? QByteArray() : makePkceVerifier();

    QUrl url(m_config.authUrl.trimmed());
    QUrlQuery query(url);
    const auto add = [&query](const QString &name, const QString &value) {
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(QStringLiteral("response_type"), QStringLiteral("code"));
    add(QStringLiteral("client_id"), m_config.clientId.trimmed());
    add(QStringLiteral("redirect_uri"), m_redirectUri);
    if (!m_config.scope.trimmed().isEmpty())
        add(QStringLiteral("scope"), m_config.scope.simplified());
    add(QStringLiteral("state"), state);
    if (!m_verifier.isEmpty()) {
        add(QStringLiteral("code_challenge"),
            QString::fromLatin1(pkceChallenge(m_verifier, m_config.pkce)));
        add(QStringLiteral("code_challenge_method"),
            m_config.pkce == PkceMethod::S256 ? QStringLiteral("S256") : QStringLiteral("plain"));
    }
    if (!m_config.audience.trimmed().isEmpty())
        add(QStringLiteral("audience"), m_config.audience.trimmed());
    if (!m_config.resource.trimmed().isEmpty())
        add(QStringLiteral("resource"), m_config.resource.trimmed());
    for (const KeyValue &p : std::as_const(m_config.authParams)) {
        if (p.enabled && !p.name.trimmed().isEmpty())
            add(p.name.trimmed(), p.value);
    }
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);

    connect(m_listener.get(), &OAuth2RedirectListener::received, this, &OAuth2Flow::onRedirect);
    connect(m_listener.get(), &OAuth2RedirectListener::failed, this,
            [this](const QString &message) { fail(QStringLiteral("oauth2-redirect"), message); });
    startInteractionTimer(
        QStringLiteral("The browser did not come back to Patchbay within %1 s. If the provider "
                       "showed an error about the redirect URI, register %2 there (or set a "
                       "fixed port in Redirect URI); otherwise finish signing in sooner.")
            .arg(m_interactionTimeoutMs / 1000)
            .arg(m_redirectUri));
    emit authorizationUrlReady(url);
    if (m_openUrl && !m_openUrl(url))
        emit warning(QStringLiteral("Patchbay could not open a browser. Open this address "
                                    "yourself to sign in: %1")
                         .arg(url.toString(QUrl::FullyEncoded)));
}

void OAuth2Flow::onRedirect(const QUrlQuery &query)
{
    m_interactionTimer->stop();
    m_listener->close();
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        fail(QStringLiteral("oauth2-") + error,
             explainOAuth2Error(
                 error,
                 query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded),
                 OAuth2Step::Authorization, m_config.grant, m_redirectUri));
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty()) {
        fail(QStringLiteral("oauth2-redirect"),
             QStringLiteral("The provider came back without an authorization code. Try again."));
        return;
    }
    QList<std::pair<QString, QString>> fields {
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("redirect_uri"), m_redirectUri}};
    if (!m_verifier.isEmpty())
        fields.append({QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier)});
    send(QStringLiteral("token"), tokenRequest(fields), {code, QString::fromLatin1(m_verifier)},
         &OAuth2Flow::onTokenResponse);
}

void OAuth2Flow::startDeviceCode()
{
    if (m_config.deviceAuthUrl.trimmed().isEmpty()) {
        fail(QStringLiteral("oauth2-config"),
             QStringLiteral("No device authorization URL. Enter the provider's device "
                            "authorization endpoint, or a discovery URL that names it."));
        return;
    }
    warnIfInsecure(m_config.deviceAuthUrl, QStringLiteral("device authorization endpoint"));
    QList<std::pair<QString, QString>> fields;
    if (!m_config.scope.trimmed().isEmpty())
        fields.append({QStringLiteral("scope"), m_config.scope.simplified()});
    if (!m_config.audience.trimmed().isEmpty())
        fields.append({QStringLiteral("audience"), m_config.audience.trimmed()});
    Request r = tokenRequest(fields);
    r.url = m_config.deviceAuthUrl.trimmed();
    send(QStringLiteral("device authorization"), r, {}, &OAuth2Flow::onDeviceAuthorization);
}

void OAuth2Flow::onDeviceAuthorization(const Response &response)
{
    const std::optional<QJsonObject> o = jsonObject(response);
    if (!isSuccess(response) || !o) {
        const Error e = tokenError(response, OAuth2Step::DeviceAuthorization);
        fail(e.code, e.message);
        return;
    }
    DeviceCodePrompt prompt;
    m_deviceCode = text(*o, "device_code");
    prompt.userCode = text(*o, "user_code");
    // Google spells it verification_url.
    QString uri = text(*o, "verification_uri");
    if (uri.isEmpty())
        uri = text(*o, "verification_url");
    prompt.verificationUri = QUrl(uri);
    prompt.verificationUriComplete = QUrl(text(*o, "verification_uri_complete"));
    const qint64 expiresIn = text(*o, "expires_in").toLongLong();
    prompt.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn > 0 ? expiresIn : 1800);
    const int interval = text(*o, "interval").toInt();
    prompt.intervalSeconds = interval > 0 ? interval : 5;
    if (m_deviceCode.isEmpty() || prompt.userCode.isEmpty() || uri.isEmpty()) {
        fail(QStringLiteral("oauth2-bad-device-response"),
             QStringLiteral("The device authorization endpoint answered without a device code, "
                            "user code or verification URI. Check the device authorization "
                            "URL."));
        return;
    }
    m_deviceExpiresAt = prompt.expiresAt;
    m_pollIntervalMs = prompt.intervalSeconds * m_secondMs;
    startInteractionTimer(QStringLiteral("Nobody approved the code %1 at %2 within %3 s. Get a "
                                         "new token and approve it sooner, or raise the timeout.")
                              .arg(prompt.userCode, uri)
                              .arg(m_interactionTimeoutMs / 1000));
    emit deviceCodeReady(prompt);
    m_pollTimer->start(m_pollIntervalMs);
}

void OAuth2Flow::pollDevice()
{
    if (!m_running)
        return;
    if (QDateTime::currentDateTimeUtc() >= m_deviceExpiresAt) {
        fail(QStringLiteral("oauth2-expired_token"),
             explainOAuth2Error(QStringLiteral("expired_token"), QString(), OAuth2Step::Token,
                                m_config.grant));
        return;
    }
    send(kDeviceTokenStep,
         tokenRequest({{QStringLiteral("grant_type"), kDeviceGrant},
                       {QStringLiteral("device_code"), m_deviceCode}}),
         {m_deviceCode}, &OAuth2Flow::onDevicePoll);
}

void OAuth2Flow::onDevicePoll(const Response &response)
{
    if (isSuccess(response)) {
        m_interactionTimer->stop();
        onTokenResponse(response);
        return;
    }
    QString code;
    const Error e = tokenError(response, OAuth2Step::Token, &code);
    if (code == QLatin1String("authorization_pending") || code == QLatin1String("slow_down")) {
        if (code == QLatin1String("slow_down"))
            m_pollIntervalMs += 5 * m_secondMs; // RFC 8628 section 3.5
        m_pollTimer->start(m_pollIntervalMs);
        return;
    }
    fail(e.code, e.message);
}

void OAuth2Flow::onTokenResponse(const Response &response)
{
    if (!isSuccess(response)) {
        const Error e
            = tokenError(response, m_refreshing ? OAuth2Step::Refresh : OAuth2Step::Token);
        fail(e.code, e.message);
        return;
    }
    const bool keepsRefresh = m_refreshing || m_config.grant == OAuth2Grant::RefreshToken;
    Result<OAuth2Token> token
        = parseTokenResponse(response.body.peek(1024 * 1024), QDateTime::currentDateTimeUtc(),
                             keepsRefresh ? &m_previous : nullptr);
    if (!token) {
        fail(token.error().code, token.error().message);
        return;
    }
    succeed(token.value());
}

Request OAuth2Flow::tokenRequest(const QList<std::pair<QString, QString>> &fields) const
{
    Request r;
    r.method = QStringLiteral("POST");
    r.url = m_config.tokenUrl.trimmed();
    r.body.mode = BodyMode::FormUrlEncoded;
    for (const auto &[name, value] : fields)
        r.body.formFields.append({name, value, true});
    for (const KeyValue &p : m_config.tokenParams) {
        if (p.enabled && !p.name.trimmed().isEmpty())
            r.body.formFields.append({p.name.trimmed(), p.value, true});
    }
    const QString clientId = m_config.clientId.trimmed();
    const QString secret = m_config.clientSecret;
    if (m_config.clientAuth == ClientAuthentication::BasicHeader && !secret.isEmpty()) {
        // RFC 6749 section 2.3.1: both are form-encoded before Basic.
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QString::fromLatin1(encodeFormComponent(clientId));
        r.auth.password = QString::fromLatin1(encodeFormComponent(secret));
    } else {
        r.auth.mode = AuthMode::None;
        if (!clientId.isEmpty())
            r.body.formFields.append({QStringLiteral("client_id"), clientId, true});
        if (!secret.isEmpty())
            r.body.formFields.append({QStringLiteral("client_secret"), secret, true});
    }
    r.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json")});
    r.settings.followRedirects = false; // the body carries the client secret
    r.settings.timeoutMs = m_requestTimeoutMs;
    r.settings.verifyTls = m_verifyTls;
    return r;
}

void OAuth2Flow::send(const QString &step, const Request &request, QStringList secrets,
                      Continuation next)
{
    for (const QString &s : {m_config.clientSecret, m_config.password, m_config.refreshToken}) {
        if (!s.isEmpty())
            secrets.append(s);
    }
    m_exchange = OAuth2Exchange {step, request, {}, secrets};
    m_next = next;
    m_call = m_client->send(request);
    connect(m_call.get(), &HttpCall::finished, this, &OAuth2Flow::onCallFinished);
}

void OAuth2Flow::onCallFinished(const Response &response)
{
    if (m_call)
        m_call.release()->deleteLater(); // we are inside its signal
    m_exchange.response = response;
    QString pendingCode;
    if (const std::optional<QJsonObject> o = jsonObject(response)) {
        for (const char *key : {"access_token", "refresh_token", "id_token", "device_code"}) {
            const QString value = text(*o, key);
            if (!value.isEmpty())
                m_exchange.secrets.append(value);
        }
        pendingCode = text(*o, "error");
    }
    m_exchange.secrets.removeDuplicates();
    // A device sign-in polls every few seconds: only the answer that ends it is worth keeping.
    const bool pendingPoll = m_exchange.step == kDeviceTokenStep
        && (pendingCode == QLatin1String("authorization_pending")
            || pendingCode == QLatin1String("slow_down"));
    const Continuation next = m_next;
    m_next = nullptr;
    if (!pendingPoll)
        emit exchangeFinished(m_exchange);
    if (next)
        (this->*next)(response);
}

Error OAuth2Flow::tokenError(const Response &response, OAuth2Step step, QString *oauthError) const
{
    const QString where = step == OAuth2Step::DeviceAuthorization
        ? QStringLiteral("device authorization endpoint")
        : QStringLiteral("token endpoint");
    if (response.isError()) {
        return Error {
            QStringLiteral("oauth2-unreachable"),
            QStringLiteral("Could not reach the %1: %2").arg(where, response.errorMessage)};
    }
    if (response.statusCode >= 300 && response.statusCode < 400) {
        return Error {QStringLiteral("oauth2-redirected"),
                      QStringLiteral("The %1 answered HTTP %2 and redirects to %3. Use that "
                                     "address instead (Patchbay does not resend the client secret "
                                     "to where a redirect points).")
                          .arg(where)
                          .arg(response.statusCode)
                          .arg(QString::fromUtf8(response.header("Location")))};
    }
    if (const std::optional<QJsonObject> o = jsonObject(response)) {
        const QString error = text(*o, "error");
        if (!error.isEmpty()) {
            if (oauthError)
                *oauthError = error;
            return Error {QStringLiteral("oauth2-") + error,
                          explainOAuth2Error(error, text(*o, "error_description"), step,
                                             m_config.grant, m_redirectUri)};
        }
    }
    return Error {QStringLiteral("oauth2-http"),
                  QStringLiteral("The %1 answered HTTP %2 %3 without an OAuth error. Check its "
                                 "URL.")
                      .arg(where)
                      .arg(response.statusCode)
                      .arg(response.reason)};
}

void OAuth2Flow::warnIfInsecure(const QString &url, const QString &what)
{
    if (isInsecureEndpoint(url))
        emit warning(QStringLiteral("The %1 %2 uses plain http: the client secret and tokens "
                                    "cross the network unencrypted. Use https.")
                         .arg(what, url.trimmed()));
}

void OAuth2Flow::startInteractionTimer(const QString &message)
{
    m_interactionMessage = message;
    if (m_interactionTimeoutMs > 0)
        m_interactionTimer->start(m_interactionTimeoutMs);
}

void OAuth2Flow::succeed(const OAuth2Token &token)
{
    if (!m_running)
        return;
    m_running = false;
    m_interactionTimer->stop();
    m_pollTimer->stop();
    OAuth2Outcome outcome;
    outcome.token = token;
    outcome.durationMs = double(m_clock.nsecsElapsed()) / 1e6;
    QTimer::singleShot(0, this, [this, outcome] { emit finished(outcome); });
}

void OAuth2Flow::fail(const QString &code, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    m_interactionTimer->stop();
    m_pollTimer->stop();
    if (m_listener)
        m_listener->close();
    m_call.reset(); // aborts an exchange in flight
    m_next = nullptr;
    OAuth2Outcome outcome;
    outcome.error = Error {code, message};
    outcome.durationMs = m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e6 : 0;
    QTimer::singleShot(0, this, [this, outcome] { emit finished(outcome); });
}

} // namespace Patchbay::Core
