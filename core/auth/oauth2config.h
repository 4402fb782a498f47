#pragma once

#include "core/http/keyvalue.h"

#include <QJsonObject>
#include <QString>

namespace Patchbay::Core {

// How the client obtains its first token (RFC 6749, RFC 8628). A refresh token, once the
// server gave one, is always used before asking the user again, whatever the grant.
enum class OAuth2Grant {
    AuthorizationCode, // system browser + loopback redirect, with PKCE
    ClientCredentials,
    Password, // resource owner password credentials
    DeviceCode, // RFC 8628: a code the user types on another device
    RefreshToken, // a refresh token the user already has ({{a secret variable}})
    Implicit, // legacy (OAuth 2.0 Security BCP forbids it): imported and shown, not run
};

enum class PkceMethod { S256, Plain, None };

// Where the client id and secret go in token requests (RFC 6749 section 2.3.1).
enum class ClientAuthentication { BasicHeader, Body };

// Where the access token goes in the requests it authorizes.
enum class TokenPlacement { Header, Query };

// The OAuth 2.0 settings of a request, folder or collection: plain values saved in the
// collection files, where secrets (client secret, password, refresh token) are {{variables}}
// (secret ones live in the keyring). Tokens are never here: see core/auth/tokenstore.h.
struct OAuth2Config
{
    OAuth2Grant grant = OAuth2Grant::AuthorizationCode;
    // An issuer ("https://accounts.example.com") or its discovery document URL: OpenID Connect
    // discovery fills the endpoints left empty below.
    QString discoveryUrl;
    QString authUrl; // authorization endpoint (authorization code, implicit)
    QString tokenUrl;
    QString deviceAuthUrl; // RFC 8628 device authorization endpoint
    QString clientId;
    QString clientSecret;
    QString scope; // space-separated
    QString audience; // Auth0 and others
    QString resource; // RFC 8707
    QString username; // password grant
    QString password; // password grant
    QString refreshToken; // refresh-token grant
    // Empty: http://127.0.0.1:<a free port>/callback. Otherwise a loopback http URL with a fixed
    // port (RFC 8252 section 7.3) that the provider has registered.
    QString redirectUri;
    PkceMethod pkce = PkceMethod::S256;
    ClientAuthentication clientAuth = ClientAuthentication::BasicHeader;
    KeyValueList authParams; // extra parameters of the authorization request
    KeyValueList tokenParams; // extra parameters of every token request
    TokenPlacement placement = TokenPlacement::Header;
    QString headerPrefix = QStringLiteral("Bearer"); // "Authorization: <prefix> <token>"
    QString queryParam = QStringLiteral("access_token");

    friend bool operator==(const OAuth2Config &, const OAuth2Config &) = default;
};

// Stable lower-case names used in files and on the command line ("authorization-code", "s256",
// "basic", "query"...). The *FromName functions return false for an unknown name.
QString oauth2GrantName(OAuth2Grant grant);
bool oauth2GrantFromName(QStringView name, OAuth2Grant *grant);
// A grant as OAuth 2.0 spells its grant_type ("client_credentials", "refresh_token", ...), the
// way Bruno and Insomnia store it. False for a name Patchbay does not know.
bool oauth2GrantFromWireName(QStringView name, OAuth2Grant *grant);
QString pkceMethodName(PkceMethod method);
bool pkceMethodFromName(QStringView name, PkceMethod *method);
QString clientAuthenticationName(ClientAuthentication method);
bool clientAuthenticationFromName(QStringView name, ClientAuthentication *method);
QString tokenPlacementName(TokenPlacement placement);
bool tokenPlacementFromName(QStringView name, TokenPlacement *placement);

// For internal storage (history rows, drafts) beside requestToJson(); missing members read back
// as the defaults.
QJsonObject oauth2ConfigToJson(const OAuth2Config &config);
OAuth2Config oauth2ConfigFromJson(const QJsonObject &object);

} // namespace Patchbay::Core
