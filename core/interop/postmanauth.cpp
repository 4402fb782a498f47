#include "core/interop/postmanauth.h"

#include "core/auth/jwtbearer.h"
#include "core/auth/oauth1.h"
#include "core/json/jsonwriter.h"

#include <QRegularExpression>
#include <QUrl>

namespace Patchbay::Core {

namespace {

JsonValue str(const QString &s)
{
    return JsonValue::fromString(s);
}

JsonValue keyValue(const QString &key, const QString &value)
{
    JsonValue o = JsonValue::emptyObject();
    o.insert(QStringLiteral("key"), str(key));
    o.insert(QStringLiteral("value"), str(value));
    o.insert(QStringLiteral("type"), str(QStringLiteral("string")));
    return o;
}

// v2.1 stores auth parameters as [{key, value}], v2.0 as {key: value}.
const JsonValue &paramValue(const JsonValue &auth, const QString &type, QStringView key)
{
    static const JsonValue missing;
    const JsonValue &params = auth.value(type);
    if (params.isObject())
        return params.value(key);
    for (const JsonValue &p : params.array()) {
        if (jsonScalarText(p.value(u"key")) == key)
            return p.value(u"value");
    }
    return missing;
}

QString param(const JsonValue &auth, const QString &type, QStringView key)
{
    return jsonScalarText(paramValue(auth, type, key));
}

bool isVariableReference(const QString &value)
{
    static const QRegularExpression onlyVariables(
        QStringLiteral("^(\\s*\\{\\{[^{}]+\\}\\}\\s*)+$"));
    return onlyVariables.match(value).hasMatch();
}

bool isLoopbackRedirect(const QString &uri)
{
    const QUrl url(uri.trimmed());
    const QString host = url.host().toLower();
    return url.scheme() == QLatin1String("http") && url.port() > 0
        && (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost")
            || host == QLatin1String("::1"));
}

// Postman's tokenRequestParams / authRequestParams: audience and resource become settings of
// their own, the rest extra parameters; parameters sent as headers cannot be kept.
KeyValueList readParamRows(const JsonValue &rows, OAuth2Config &c, const QString &where,
                           QStringList &lossy)
{
    KeyValueList out;
    for (const JsonValue &row : rows.array()) {
        const QString key = jsonScalarText(row.value(u"key"));
        const QString value = jsonScalarText(row.value(u"value"));
        const bool enabled = !row.contains(u"enabled") || row.value(u"enabled").toBool();
        if (key.isEmpty())
            continue;
        if (jsonScalarText(row.value(u"send_as")) == QLatin1String("request_header")) {
            lossy << where
                    + QStringLiteral(": OAuth 2.0 parameter %1 is sent as a header in Postman; "
                                     "Patchbay sends extra parameters in the request, so it was "
                                     "not imported")
                          .arg(key);
            continue;
        }
        if (enabled && key == QLatin1String("audience") && c.audience.isEmpty())
            c.audience = value;
        else if (enabled && key == QLatin1String("resource") && c.resource.isEmpty())
            c.resource = value;
        else
            out.append({key, value, enabled});
    }
    return out;
}

OAuth2Config oauth2FromPostman(const JsonValue &auth, const QString &where, QStringList &lossy)
{
    const QString type = QStringLiteral("oauth2");
    const auto p = [&](QStringView key) { return param(auth, type, key); };
    OAuth2Config c;
    const QString grant = p(u"grant_type");
    if (grant == QLatin1String("authorization_code")) {
        c.grant = OAuth2Grant::AuthorizationCode;
        c.pkce = PkceMethod::None;
    } else if (grant == QLatin1String("authorization_code_with_pkce") || grant.isEmpty()) {
        c.grant = OAuth2Grant::AuthorizationCode;
        c.pkce = p(u"challengeAlgorithm") == QLatin1String("plain") ? PkceMethod::Plain
                                                                    : PkceMethod::S256;
    } else if (grant == QLatin1String("client_credentials")) {
        c.grant = OAuth2Grant::ClientCredentials;
    } else if (grant == QLatin1String("password_credentials")) {
        c.grant = OAuth2Grant::Password;
    } else if (grant == QLatin1String("implicit")) {
        c.grant = OAuth2Grant::Implicit;
        lossy << where
                + QStringLiteral(": OAuth 2.0 implicit grant imported as legacy: Patchbay does "
                                 "not run it; switch to authorization code with PKCE");
    } else if (grant == QLatin1String("device_code")) {
        c.grant = OAuth2Grant::DeviceCode;
    } else if (grant == QLatin1String("refresh_token")) {
        c.grant = OAuth2Grant::RefreshToken;
    } else {
        lossy << where
                + QStringLiteral(": unknown OAuth 2.0 grant \"%1\"; imported as authorization "
                                 "code")
                      .arg(grant);
    }
    c.authUrl = p(u"authUrl");
    c.tokenUrl = p(u"accessTokenUrl");
    c.clientId = p(u"clientId");
    c.clientSecret = p(u"clientSecret");
    c.scope = p(u"scope");
    c.username = p(u"username");
    c.password = p(u"password");
    c.discoveryUrl = p(u"discoveryUrl");
    c.deviceAuthUrl = p(u"deviceAuthUrl");
    c.refreshToken = p(u"refreshToken");
    // A secret typed in (not a {{variable}}) is not a loss: writing the collection moves it to
    // a secret variable and its value to the keyring (core/collections/authsecrets.h).
    const QString redirect = p(u"redirect_uri");
    if (isLoopbackRedirect(redirect) || isVariableReference(redirect)) {
        c.redirectUri = redirect;
    } else if (!redirect.isEmpty() && c.grant == OAuth2Grant::AuthorizationCode) {
        lossy << where
                + QStringLiteral(": OAuth 2.0 callback URL %1 is not on this computer; Patchbay "
                                 "receives the sign-in on http://127.0.0.1 (register it at the "
                                 "provider)")
                      .arg(redirect);
    }
    if (p(u"client_authentication") == QLatin1String("body"))
        c.clientAuth = ClientAuthentication::Body;
    if (p(u"addTokenTo") == QLatin1String("queryParams"))
        c.placement = TokenPlacement::Query;
    const JsonValue &prefix = paramValue(auth, type, u"headerPrefix");
    if (!prefix.isNull())
        c.headerPrefix = jsonScalarText(prefix);
    const QString queryParam = p(u"queryParam");
    if (!queryParam.isEmpty())
        c.queryParam = queryParam;
    c.tokenParams = readParamRows(paramValue(auth, type, u"tokenRequestParams"), c, where, lossy);
    c.authParams = readParamRows(paramValue(auth, type, u"authRequestParams"), c, where, lossy);
    readParamRows(paramValue(auth, type, u"refreshRequestParams"), c, where, lossy);
    const QString refreshUrl = p(u"refreshTokenUrl");
    if (!refreshUrl.isEmpty() && refreshUrl != c.tokenUrl)
        lossy << where
                + QStringLiteral(": the separate OAuth 2.0 refresh URL %1 was not imported; "
                                 "Patchbay refreshes at the token URL")
                      .arg(refreshUrl);
    if (!p(u"accessToken").isEmpty())
        lossy << where
                + QStringLiteral(": the access token saved with the OAuth 2.0 settings was not "
                                 "imported (tokens live in the keyring); get a new token");
    return c;
}

bool isTrue(const QString &value)
{
    return value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

DigestConfig digestFromPostman(const JsonValue &auth, const QString &type)
{
    DigestConfig d;
    d.username = param(auth, type, u"username");
    d.password = param(auth, type, u"password");
    // realm, nonce, qop, opaque and counts come from the server's challenge, as newman does
    // unless the user typed them; Patchbay always answers the live challenge.
    return d;
}

AwsSigV4Config awsFromPostman(const JsonValue &auth, const QString &type)
{
    AwsSigV4Config a;
    a.accessKeyId = param(auth, type, u"accessKey");
    a.secretAccessKey = param(auth, type, u"secretKey");
    a.sessionToken = param(auth, type, u"sessionToken");
    a.region = param(auth, type, u"region");
    a.service = param(auth, type, u"service");
    if (isTrue(param(auth, type, u"addAuthDataToQuery")))
        a.placement = AwsSigV4Placement::Query;
    return a;
}

std::optional<OAuth1SignatureMethod> oauth1MethodFromName(const QString &name)
{
    const QByteArray n = name.toUpper().toLatin1();
    if (n.isEmpty())
        return OAuth1SignatureMethod::HmacSha1;
    for (const OAuth1SignatureMethod m :
         {OAuth1SignatureMethod::HmacSha1, OAuth1SignatureMethod::HmacSha256,
          OAuth1SignatureMethod::HmacSha512, OAuth1SignatureMethod::RsaSha1,
          OAuth1SignatureMethod::RsaSha256, OAuth1SignatureMethod::RsaSha512,
          OAuth1SignatureMethod::Plaintext}) {
        if (n == signatureMethodName(m))
            return m;
    }
    return std::nullopt;
}

OAuth1Config oauth1FromPostman(const JsonValue &auth, const QString &type, const QString &where,
                               QStringList &lossy)
{
    OAuth1Config o;
    o.consumerKey = param(auth, type, u"consumerKey");
    o.consumerSecret = param(auth, type, u"consumerSecret");
    o.token = param(auth, type, u"token");
    o.tokenSecret = param(auth, type, u"tokenSecret");
    o.privateKeyPem = param(auth, type, u"privateKey");
    o.callback = param(auth, type, u"callback");
    o.verifier = param(auth, type, u"verifier");
    o.realm = param(auth, type, u"realm");
    const QString version = param(auth, type, u"version");
    o.includeVersion = version.isEmpty() || version == QLatin1String("1.0");
    const QString method = param(auth, type, u"signatureMethod");
    if (const auto m = oauth1MethodFromName(method)) {
        o.signatureMethod = *m;
    } else {
        lossy << where
                + QStringLiteral(": the OAuth 1.0 signature method %1 is not offered by Patchbay; "
                                 "imported as HMAC-SHA1")
                      .arg(method);
    }
    // Postman puts the parameters in the header, or else in the body of a form request and in
    // the URL of any other.
    const QString toHeader = param(auth, type, u"addParamsToHeader");
    if (!toHeader.isEmpty() && !isTrue(toHeader))
        o.placement = OAuth1Placement::Query;
    if (isTrue(param(auth, type, u"includeBodyHash")))
        lossy << where
                + QStringLiteral(": the OAuth 1.0 body hash (oauth_body_hash) is not sent by "
                                 "Patchbay");
    return o;
}

JwtBearerConfig jwtFromPostman(const JsonValue &auth, const QString &type, const QString &where,
                               QStringList &lossy)
{
    JwtBearerConfig j;
    const QString algorithm = param(auth, type, u"algorithm").toUpper();
    const QList<std::pair<QString, JwtAlgorithm>> algorithms {
        {QStringLiteral("HS256"), JwtAlgorithm::HS256},
        {QStringLiteral("HS384"), JwtAlgorithm::HS384},
        {QStringLiteral("HS512"), JwtAlgorithm::HS512},
        {QStringLiteral("RS256"), JwtAlgorithm::RS256},
        {QStringLiteral("ES256"), JwtAlgorithm::ES256}};
    bool known = algorithm.isEmpty();
    for (const auto &[name, value] : algorithms) {
        if (name == algorithm) {
            j.algorithm = value;
            known = true;
        }
    }
    if (!known)
        lossy << where
                + QStringLiteral(": the JWT algorithm %1 is not offered by Patchbay; imported "
                                 "as HS256")
                      .arg(algorithm);
    const bool hmac = j.algorithm == JwtAlgorithm::HS256 || j.algorithm == JwtAlgorithm::HS384
        || j.algorithm == JwtAlgorithm::HS512;
    if (hmac) {
        j.key = param(auth, type, u"secret");
        if (isTrue(param(auth, type, u"isSecretBase64Encoded")))
            j.keyFormat = JwtKeyFormat::Base64;
    } else {
        j.key = param(auth, type, u"privateKey");
        j.keyFormat = JwtKeyFormat::Pem;
    }
    const QString payload = param(auth, type, u"payload");
    if (!payload.trimmed().isEmpty())
        j.claimsTemplate = payload;
    if (param(auth, type, u"addTokenTo") == QLatin1String("queryParam")) {
        j.placement = JwtPlacement::Query;
        const QString key = param(auth, type, u"queryParamKey");
        if (!key.isEmpty())
            j.queryParamName = key;
    }
    const JsonValue &prefix = paramValue(auth, type, u"headerPrefix");
    if (!prefix.isNull())
        j.headerPrefix = jsonScalarText(prefix).trimmed();
    const QString header = param(auth, type, u"header").trimmed();
    if (!header.isEmpty() && header != QLatin1String("{}"))
        lossy << where
                + QStringLiteral(": the JWT's extra header fields were not imported (Patchbay "
                                 "writes alg, typ and kid)");
    return j;
}

} // namespace

Auth authFromPostman(const JsonValue &auth, const QString &where, QStringList &lossy,
                     bool *unsupported)
{
    Auth a;
    if (!auth.isObject())
        return a; // inherit
    const QString type = jsonScalarText(auth.value(u"type"));
    if (type == QLatin1String("noauth") || type.isEmpty()) {
        a.mode = AuthMode::None;
    } else if (type == QLatin1String("inherit")) {
        a.mode = AuthMode::Inherit;
    } else if (type == QLatin1String("basic")) {
        a.mode = AuthMode::Basic;
        a.username = param(auth, type, u"username");
        a.password = param(auth, type, u"password");
    } else if (type == QLatin1String("bearer")) {
        a.mode = AuthMode::Bearer;
        a.token = param(auth, type, u"token");
    } else if (type == QLatin1String("apikey")) {
        a.mode = AuthMode::ApiKey;
        a.keyName = param(auth, type, u"key");
        a.keyValue = param(auth, type, u"value");
        if (param(auth, type, u"in") == QLatin1String("query"))
            a.keyLocation = ApiKeyLocation::Query;
    } else if (type == QLatin1String("oauth2")) {
        const QString token = param(auth, type, u"accessToken");
        const bool tokenOnly = param(auth, type, u"accessTokenUrl").isEmpty()
            && param(auth, type, u"authUrl").isEmpty() && isVariableReference(token);
        if (tokenOnly) {
            // Only a token from a variable (set by a script): what it does is send a bearer.
            a.mode = AuthMode::Bearer;
            a.token = token;
            lossy << where
                    + QStringLiteral(": OAuth 2.0 with only an access token from %1 imported as "
                                     "a bearer token")
                          .arg(token);
        } else {
            a.mode = AuthMode::OAuth2;
            a.oauth2 = oauth2FromPostman(auth, where, lossy);
        }
    } else if (type == QLatin1String("digest")) {
        a.mode = AuthMode::Digest;
        a.digest = digestFromPostman(auth, type);
    } else if (type == QLatin1String("awsv4")) {
        a.mode = AuthMode::AwsSigV4;
        a.awsSigV4 = awsFromPostman(auth, type);
    } else if (type == QLatin1String("oauth1")) {
        a.mode = AuthMode::OAuth1;
        a.oauth1 = oauth1FromPostman(auth, type, where, lossy);
    } else if (type == QLatin1String("jwt")) {
        a.mode = AuthMode::JwtBearer;
        a.jwt = jwtFromPostman(auth, type, where, lossy);
    } else {
        a.mode = AuthMode::None;
        lossy << where
                + QStringLiteral(": %1 auth is not supported by Patchbay; imported without auth")
                      .arg(type);
        if (unsupported)
            *unsupported = true;
    }
    return a;
}

namespace {

// A secret field is exported only as a reference to a variable: a literal client secret,
// password or refresh token must not travel in an exported file.
QString exportableSecret(const QString &value)
{
    static const QRegularExpression onlyVariables(
        QStringLiteral("^(\\s*\\{\\{[^{}]+\\}\\}\\s*)+$"));
    return onlyVariables.match(value).hasMatch() ? value : QString();
}

JsonValue postmanParamRows(const KeyValueList &rows, const QString &sendAs,
                           const QList<std::pair<QString, QString>> &extra)
{
    JsonValue out = JsonValue::emptyArray();
    const auto add = [&](const QString &key, const QString &value, bool enabled) {
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("key"), str(key));
        o.insert(QStringLiteral("value"), str(value));
        o.insert(QStringLiteral("enabled"), JsonValue::fromBool(enabled));
        o.insert(QStringLiteral("send_as"), str(sendAs));
        out.append(o);
    };
    for (const auto &[key, value] : extra) {
        if (!value.isEmpty())
            add(key, value, true);
    }
    for (const KeyValue &row : rows)
        add(row.name, row.value, row.enabled);
    return out;
}

// Postman's oauth2 parameters (the keys its app writes); Patchbay's own additions (discovery,
// device authorization, a refresh-token grant) use keys Postman ignores and our import reads.
JsonValue oauth2Params(const OAuth2Config &c)
{
    JsonValue params = JsonValue::emptyArray();
    const auto add = [&params](const QString &key, const QString &value) {
        if (!value.isEmpty())
            params.append(keyValue(key, value));
    };
    QString grant;
    switch (c.grant) {
    case OAuth2Grant::AuthorizationCode:
        grant = c.pkce == PkceMethod::None ? QStringLiteral("authorization_code")
                                           : QStringLiteral("authorization_code_with_pkce");
        break;
    case OAuth2Grant::ClientCredentials:
        grant = QStringLiteral("client_credentials");
        break;
    case OAuth2Grant::Password:
        grant = QStringLiteral("password_credentials");
        break;
    case OAuth2Grant::Implicit:
        grant = QStringLiteral("implicit");
        break;
    case OAuth2Grant::DeviceCode:
        grant = QStringLiteral("device_code");
        break;
    case OAuth2Grant::RefreshToken:
        grant = QStringLiteral("refresh_token");
        break;
    }
    add(QStringLiteral("grant_type"), grant);
    add(QStringLiteral("authUrl"), c.authUrl);
    add(QStringLiteral("accessTokenUrl"), c.tokenUrl);
    add(QStringLiteral("clientId"), c.clientId);
    add(QStringLiteral("clientSecret"), exportableSecret(c.clientSecret));
    add(QStringLiteral("scope"), c.scope);
    add(QStringLiteral("redirect_uri"), c.redirectUri);
    add(QStringLiteral("username"), c.username);
    add(QStringLiteral("password"), exportableSecret(c.password));
    if (c.grant == OAuth2Grant::AuthorizationCode && c.pkce != PkceMethod::None)
        add(QStringLiteral("challengeAlgorithm"),
            c.pkce == PkceMethod::S256 ? QStringLiteral("S256") : QStringLiteral("plain"));
    add(QStringLiteral("client_authentication"),
        c.clientAuth == ClientAuthentication::Body ? QStringLiteral("body")
                                                   : QStringLiteral("header"));
    add(QStringLiteral("addTokenTo"),
        c.placement == TokenPlacement::Query ? QStringLiteral("queryParams")
                                             : QStringLiteral("header"));
    if (c.placement == TokenPlacement::Header)
        params.append(keyValue(QStringLiteral("headerPrefix"), c.headerPrefix));
    add(QStringLiteral("discoveryUrl"), c.discoveryUrl);
    add(QStringLiteral("deviceAuthUrl"), c.deviceAuthUrl);
    add(QStringLiteral("refreshToken"), exportableSecret(c.refreshToken));
    if (c.placement == TokenPlacement::Query && c.queryParam != OAuth2Config().queryParam)
        add(QStringLiteral("queryParam"), c.queryParam);
    const QList<std::pair<QString, QString>> target {{QStringLiteral("audience"), c.audience},
                                                     {QStringLiteral("resource"), c.resource}};
    const JsonValue tokenRows = postmanParamRows(
        c.tokenParams, QStringLiteral("request_body"),
        c.grant == OAuth2Grant::AuthorizationCode ? QList<std::pair<QString, QString>>() : target);
    if (!tokenRows.isEmpty()) {
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("key"), str(QStringLiteral("tokenRequestParams")));
        o.insert(QStringLiteral("value"), tokenRows);
        o.insert(QStringLiteral("type"), str(QStringLiteral("any")));
        params.append(o);
    }
    const JsonValue authRows = postmanParamRows(
        c.authParams, QStringLiteral("request_url"),
        c.grant == OAuth2Grant::AuthorizationCode ? target : QList<std::pair<QString, QString>>());
    if (!authRows.isEmpty()) {
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("key"), str(QStringLiteral("authRequestParams")));
        o.insert(QStringLiteral("value"), authRows);
        o.insert(QStringLiteral("type"), str(QStringLiteral("any")));
        params.append(o);
    }
    return params;
}

JsonValue signingParams(const Auth &a)
{
    JsonValue params = JsonValue::emptyArray();
    const auto add = [&params](const QString &key, const QString &value) {
        params.append(keyValue(key, value));
    };
    const auto flag = [&params](const QString &key, bool value) {
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("key"), str(key));
        o.insert(QStringLiteral("value"), JsonValue::fromBool(value));
        o.insert(QStringLiteral("type"), str(QStringLiteral("boolean")));
        params.append(o);
    };
    switch (a.mode) {
    case AuthMode::Digest:
        add(QStringLiteral("username"), a.digest.username);
        add(QStringLiteral("password"), exportableSecret(a.digest.password));
        break;
    case AuthMode::AwsSigV4:
        add(QStringLiteral("accessKey"), a.awsSigV4.accessKeyId);
        add(QStringLiteral("secretKey"), exportableSecret(a.awsSigV4.secretAccessKey));
        add(QStringLiteral("sessionToken"), exportableSecret(a.awsSigV4.sessionToken));
        add(QStringLiteral("region"), a.awsSigV4.region);
        add(QStringLiteral("service"), a.awsSigV4.service);
        flag(QStringLiteral("addAuthDataToQuery"),
             a.awsSigV4.placement == AwsSigV4Placement::Query);
        break;
    case AuthMode::OAuth1:
        add(QStringLiteral("signatureMethod"),
            QString::fromLatin1(signatureMethodName(a.oauth1.signatureMethod)));
        add(QStringLiteral("consumerKey"), a.oauth1.consumerKey);
        add(QStringLiteral("consumerSecret"), exportableSecret(a.oauth1.consumerSecret));
        add(QStringLiteral("token"), a.oauth1.token);
        add(QStringLiteral("tokenSecret"), exportableSecret(a.oauth1.tokenSecret));
        if (!a.oauth1.privateKeyPem.isEmpty())
            add(QStringLiteral("privateKey"), exportableSecret(a.oauth1.privateKeyPem));
        add(QStringLiteral("version"), QStringLiteral("1.0"));
        if (!a.oauth1.realm.isEmpty())
            add(QStringLiteral("realm"), a.oauth1.realm);
        if (!a.oauth1.callback.isEmpty())
            add(QStringLiteral("callback"), a.oauth1.callback);
        if (!a.oauth1.verifier.isEmpty())
            add(QStringLiteral("verifier"), a.oauth1.verifier);
        flag(QStringLiteral("addParamsToHeader"), a.oauth1.placement == OAuth1Placement::Header);
        break;
    case AuthMode::JwtBearer: {
        const JwtBearerConfig &j = a.jwt;
        add(QStringLiteral("algorithm"), QString::fromLatin1(jwtAlgorithmName(j.algorithm)));
        const bool hmac = j.algorithm == JwtAlgorithm::HS256 || j.algorithm == JwtAlgorithm::HS384
            || j.algorithm == JwtAlgorithm::HS512;
        add(hmac ? QStringLiteral("secret") : QStringLiteral("privateKey"),
            exportableSecret(j.key));
        if (hmac)
            flag(QStringLiteral("isSecretBase64Encoded"), j.keyFormat == JwtKeyFormat::Base64);
        add(QStringLiteral("payload"), j.claimsTemplate);
        add(QStringLiteral("addTokenTo"),
            j.placement == JwtPlacement::Query ? QStringLiteral("queryParam")
                                               : QStringLiteral("header"));
        add(QStringLiteral("headerPrefix"), j.headerPrefix);
        add(QStringLiteral("queryParamKey"), j.queryParamName);
        break;
    }
    default:
        break;
    }
    return params;
}

} // namespace

JsonValue authToPostman(const Auth &a, bool topLevel)
{
    JsonValue o = JsonValue::emptyObject();
    JsonValue params = JsonValue::emptyArray();
    QString type;
    switch (a.mode) {
    case AuthMode::Inherit:
        return JsonValue::null();
    case AuthMode::None:
        if (topLevel)
            return JsonValue::null();
        o.insert(QStringLiteral("type"), str(QStringLiteral("noauth")));
        return o;
    case AuthMode::Basic:
        type = QStringLiteral("basic");
        params.append(keyValue(QStringLiteral("username"), a.username));
        params.append(keyValue(QStringLiteral("password"), a.password));
        break;
    case AuthMode::Bearer:
        type = QStringLiteral("bearer");
        params.append(keyValue(QStringLiteral("token"), a.token));
        break;
    case AuthMode::ApiKey:
        type = QStringLiteral("apikey");
        params.append(keyValue(QStringLiteral("key"), a.keyName));
        params.append(keyValue(QStringLiteral("value"), a.keyValue));
        params.append(keyValue(QStringLiteral("in"),
                               a.keyLocation == ApiKeyLocation::Query ? QStringLiteral("query")
                                                                      : QStringLiteral("header")));
        break;
    case AuthMode::OAuth2:
        type = QStringLiteral("oauth2");
        params = oauth2Params(a.oauth2);
        break;
    case AuthMode::Digest:
        type = QStringLiteral("digest");
        params = signingParams(a);
        break;
    case AuthMode::AwsSigV4:
        type = QStringLiteral("awsv4");
        params = signingParams(a);
        break;
    case AuthMode::OAuth1:
        type = QStringLiteral("oauth1");
        params = signingParams(a);
        break;
    case AuthMode::JwtBearer:
        type = QStringLiteral("jwt");
        params = signingParams(a);
        break;
    }
    o.insert(QStringLiteral("type"), str(type));
    o.insert(type, params);
    return o;
}

} // namespace Patchbay::Core
