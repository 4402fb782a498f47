#include "core/auth/oauth2errors.h"

#include <QHostAddress>
#include <QUrl>

namespace Patchbay::Core {

QString oauth2GrantTitle(OAuth2Grant grant)
{
    switch (grant) {
    case OAuth2Grant::AuthorizationCode:
        return QStringLiteral("authorization code");
    case OAuth2Grant::ClientCredentials:
        return QStringLiteral("client credentials");
    case OAuth2Grant::Password:
        return QStringLiteral("password");
    case OAuth2Grant::DeviceCode:
        return QStringLiteral("device code");
    case OAuth2Grant::RefreshToken:
        return QStringLiteral("refresh token");
    case OAuth2Grant::Implicit:
        return QStringLiteral("implicit");
    }
    return {};
}

QString explainOAuth2Error(const QString &error, const QString &description, OAuth2Step step,
                           OAuth2Grant grant, const QString &redirectUri)
{
    const QString grantName = oauth2GrantTitle(grant);
    QString meaning;
    if (error == QLatin1String("invalid_client")) {
        meaning = QStringLiteral(
            "The server did not accept the client credentials. Check the client ID and client "
            "secret (and that the secret's variable has a value), and try the other \"Client "
            "authentication\" setting: some servers want them in the body, others in a Basic "
            "Authorization header.");
    } else if (error == QLatin1String("invalid_grant")) {
        if (step == OAuth2Step::Refresh || grant == OAuth2Grant::RefreshToken)
            meaning = QStringLiteral("The refresh token was refused: it expired, was revoked or "
                                     "was already used. Get a new token.");
        else if (grant == OAuth2Grant::Password)
            meaning = QStringLiteral("The user name or password was refused. Check both.");
        else if (grant == OAuth2Grant::AuthorizationCode)
            meaning = QStringLiteral("The authorization code was refused: it expired, was already "
                                     "used, or the redirect URI or PKCE verifier does not match "
                                     "the authorization request. Get a new token.");
        else
            meaning = QStringLiteral("The grant was refused. Get a new token.");
    } else if (error == QLatin1String("access_denied")) {
        meaning = step == OAuth2Step::Token && grant == OAuth2Grant::DeviceCode
            ? QStringLiteral("The sign-in on the other device was declined.")
            : QStringLiteral("Access was denied: consent was declined at the provider, or its "
                             "policy does not let this user or client in.");
    } else if (error == QLatin1String("unauthorized_client")) {
        meaning = QStringLiteral("This client may not use the %1 grant. Enable the grant for the "
                                 "client at the provider, or pick the grant it is registered for.")
                      .arg(grantName);
    } else if (error == QLatin1String("unsupported_grant_type")) {
        meaning = QStringLiteral("The server does not support the %1 grant at this token URL.")
                      .arg(grantName);
    } else if (error == QLatin1String("invalid_scope")) {
        meaning = QStringLiteral("The requested scope is unknown, malformed or more than this "
                                 "client may ask for. Check the scopes.");
    } else if (error == QLatin1String("unsupported_response_type")) {
        meaning = QStringLiteral("The authorization server does not let this client get a %1 "
                                 "this way.")
                      .arg(grant == OAuth2Grant::Implicit ? QStringLiteral("token")
                                                          : QStringLiteral("code"));
    } else if (error == QLatin1String("expired_token")) {
        meaning = QStringLiteral("The device code expired before the sign-in was approved. Get a "
                                 "new token and enter the code sooner.");
    } else if (error == QLatin1String("invalid_request")) {
        meaning
            = QStringLiteral("The server says the request misses a parameter or has a wrong "
                             "one. Check the extra parameters, the scopes and the redirect URI.");
    } else if (error == QLatin1String("server_error")
               || error == QLatin1String("temporarily_unavailable")) {
        meaning = QStringLiteral("The authorization server had a problem of its own. Try again "
                                 "later.");
    } else {
        meaning = QStringLiteral("The server refused the %1 grant.").arg(grantName);
    }
    const QString lowered = (error + u' ' + description).toLower();
    if (lowered.contains(QLatin1String("redirect"))) {
        meaning += redirectUri.isEmpty()
            ? QStringLiteral(" The server mentions the redirect URI: register Patchbay's "
                             "(http://127.0.0.1:PORT/callback) at the provider.")
            : QStringLiteral(" The server mentions the redirect URI: Patchbay sent %1, which "
                             "must be registered at the provider exactly (some providers accept "
                             "any port on 127.0.0.1; for the others set a fixed port in "
                             "\"Redirect URI\").")
                  .arg(redirectUri);
    }
    QString server = error;
    if (!description.isEmpty())
        server += QStringLiteral(": ") + description;
    return server.isEmpty() ? meaning : meaning + QStringLiteral(" (server said ") + server + u')';
}

bool isInsecureEndpoint(const QString &url)
{
    const QUrl parsed(url.trimmed());
    if (parsed.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) != 0)
        return false;
    const QString host = parsed.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return false;
    const QHostAddress address(host);
    return address.isNull() || !address.isLoopback();
}

} // namespace Patchbay::Core
