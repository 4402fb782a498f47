#include "core/collections/authformat.h"

#include "core/collections/collectionformat.h"
#include "core/collections/yamlreading.h"

#include <QStringList>

#include <initializer_list>
#include <utility>

namespace Patchbay::Core {

namespace {

// File names of the modes.
const std::pair<AuthMode, const char *> kAuthModes[] = {
    {AuthMode::Inherit, "inherit"}, {AuthMode::None, "none"},      {AuthMode::Basic, "basic"},
    {AuthMode::Bearer, "bearer"},   {AuthMode::ApiKey, "apikey"},  {AuthMode::OAuth2, "oauth2"},
    {AuthMode::Digest, "digest"},   {AuthMode::AwsSigV4, "awsv4"}, {AuthMode::OAuth1, "oauth1"},
    {AuthMode::JwtBearer, "jwt"},
};

// File names of the signing schemes' settings, first the default.
template<typename E> using NameTable = std::initializer_list<std::pair<E, const char *>>;
const NameTable<AwsSigV4Placement> kAwsPlacements
    = {{AwsSigV4Placement::Header, "header"}, {AwsSigV4Placement::Query, "query"}};
const NameTable<OAuth1SignatureMethod> kOAuth1Methods = {
    {OAuth1SignatureMethod::HmacSha1, "hmac-sha1"},
    {OAuth1SignatureMethod::HmacSha256, "hmac-sha256"},
    {OAuth1SignatureMethod::HmacSha512, "hmac-sha512"},
    {OAuth1SignatureMethod::RsaSha1, "rsa-sha1"},
    {OAuth1SignatureMethod::RsaSha256, "rsa-sha256"},
    {OAuth1SignatureMethod::RsaSha512, "rsa-sha512"},
    {OAuth1SignatureMethod::Plaintext, "plaintext"},
};
const NameTable<OAuth1Placement> kOAuth1Placements = {
    {OAuth1Placement::Header, "header"},
    {OAuth1Placement::Body, "body"},
    {OAuth1Placement::Query, "query"},
};
const NameTable<JwtAlgorithm> kJwtAlgorithms = {
    {JwtAlgorithm::HS256, "HS256"}, {JwtAlgorithm::HS384, "HS384"}, {JwtAlgorithm::HS512, "HS512"},
    {JwtAlgorithm::RS256, "RS256"}, {JwtAlgorithm::ES256, "ES256"},
};
const NameTable<JwtKeyFormat> kJwtKeyFormats
    = {{JwtKeyFormat::Text, "text"}, {JwtKeyFormat::Base64, "base64"}, {JwtKeyFormat::Pem, "pem"}};
const NameTable<JwtPlacement> kJwtPlacements
    = {{JwtPlacement::Header, "header"}, {JwtPlacement::Query, "query"}};

template<typename E> QString nameIn(NameTable<E> table, E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QLatin1String(name);
    }
    return QLatin1String(table.begin()->second);
}

template<typename E> QString namesOf(NameTable<E> table)
{
    QStringList names;
    for (const auto &entry : table)
        names << QLatin1String(entry.second);
    return names.join(QLatin1String(", "));
}

} // namespace

QString authModeName(AuthMode mode)
{
    for (const auto &[m, name] : kAuthModes) {
        if (m == mode)
            return QLatin1String(name);
    }
    return QStringLiteral("none");
}

bool authModeFromName(QStringView name, AuthMode *mode)
{
    for (const auto &[m, text] : kAuthModes) {
        if (name == QLatin1String(text)) {
            *mode = m;
            return true;
        }
    }
    return false;
}

namespace CollectionYaml {

namespace {

void writeOAuth2(YamlWriter &w, int column, const OAuth2Config &o)
{
    const OAuth2Config d;
    if (o == d)
        return;
    w.section(column, "oauth2");
    const int c = column + 2;
    w.string(c, false, "grant", oauth2GrantName(o.grant));
    const auto text = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            w.string(c, false, key, value);
    };
    text("discoveryUrl", o.discoveryUrl);
    text("authUrl", o.authUrl);
    text("tokenUrl", o.tokenUrl);
    text("deviceAuthUrl", o.deviceAuthUrl);
    text("clientId", o.clientId);
    text("clientSecret", o.clientSecret);
    text("scope", o.scope);
    text("audience", o.audience);
    text("resource", o.resource);
    text("username", o.username);
    text("password", o.password);
    text("refreshToken", o.refreshToken);
    text("redirectUri", o.redirectUri);
    if (o.pkce != d.pkce)
        w.string(c, false, "pkce", pkceMethodName(o.pkce));
    if (o.clientAuth != d.clientAuth)
        w.string(c, false, "clientAuth", clientAuthenticationName(o.clientAuth));
    writeKeyValues(w, c, "authParams", o.authParams);
    writeKeyValues(w, c, "tokenParams", o.tokenParams);
    if (o.placement != d.placement)
        w.string(c, false, "placement", tokenPlacementName(o.placement));
    // An empty prefix is meaningful ("Authorization: <token>"), so it is written as ''.
    if (o.headerPrefix != d.headerPrefix)
        w.string(c, false, "headerPrefix", o.headerPrefix);
    if (o.queryParam != d.queryParam)
        w.string(c, false, "queryParam", o.queryParam);
}

void writeDigest(YamlWriter &w, int column, const DigestConfig &d)
{
    if (d == DigestConfig {})
        return;
    w.section(column, "digest");
    const int c = column + 2;
    if (!d.username.isEmpty())
        w.string(c, false, "username", d.username);
    if (!d.password.isEmpty())
        w.string(c, false, "password", d.password);
    if (d.preferAuthInt)
        w.boolean(c, false, "preferAuthInt", true);
}

void writeAwsSigV4(YamlWriter &w, int column, const AwsSigV4Config &a)
{
    const AwsSigV4Config d;
    if (a == d)
        return;
    w.section(column, "awsv4");
    const int c = column + 2;
    const auto text = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            w.string(c, false, key, value);
    };
    text("accessKeyId", a.accessKeyId);
    text("secretAccessKey", a.secretAccessKey);
    text("sessionToken", a.sessionToken);
    text("region", a.region);
    text("service", a.service);
    if (a.placement != d.placement)
        w.string(c, false, "placement", nameIn(kAwsPlacements, a.placement));
    if (a.unsignedPayload)
        w.boolean(c, false, "unsignedPayload", true);
    text("signedHeaders", a.extraSignedHeaders.join(QLatin1String(", ")));
    if (a.expiresSeconds != d.expiresSeconds)
        w.integer(c, false, "expiresSeconds", a.expiresSeconds);
}

void writeOAuth1(YamlWriter &w, int column, const OAuth1Config &o)
{
    const OAuth1Config d;
    if (o == d)
        return;
    w.section(column, "oauth1");
    const int c = column + 2;
    const auto text = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            w.string(c, false, key, value);
    };
    if (o.signatureMethod != d.signatureMethod)
        w.string(c, false, "signatureMethod", nameIn(kOAuth1Methods, o.signatureMethod));
    text("consumerKey", o.consumerKey);
    text("consumerSecret", o.consumerSecret);
    text("token", o.token);
    text("tokenSecret", o.tokenSecret);
    text("privateKey", o.privateKeyPem);
    if (o.placement != d.placement)
        w.string(c, false, "placement", nameIn(kOAuth1Placements, o.placement));
    text("callback", o.callback);
    text("verifier", o.verifier);
    text("realm", o.realm);
    if (o.includeVersion != d.includeVersion)
        w.boolean(c, false, "includeVersion", o.includeVersion);
}

void writeJwt(YamlWriter &w, int column, const JwtBearerConfig &j)
{
    const JwtBearerConfig d;
    if (j == d)
        return;
    w.section(column, "jwt");
    const int c = column + 2;
    if (j.algorithm != d.algorithm)
        w.string(c, false, "algorithm", nameIn(kJwtAlgorithms, j.algorithm));
    if (!j.key.isEmpty())
        w.string(c, false, "key", j.key);
    if (j.keyFormat != d.keyFormat)
        w.string(c, false, "keyFormat", nameIn(kJwtKeyFormats, j.keyFormat));
    if (!j.keyId.isEmpty())
        w.string(c, false, "keyId", j.keyId);
    if (j.claimsTemplate != d.claimsTemplate)
        w.string(c, false, "claims", j.claimsTemplate);
    if (j.lifetimeSeconds != d.lifetimeSeconds)
        w.integer(c, false, "lifetimeSeconds", j.lifetimeSeconds);
    if (j.setNotBefore)
        w.boolean(c, false, "notBefore", true);
    if (j.setJwtId)
        w.boolean(c, false, "jwtId", true);
    if (j.placement != d.placement)
        w.string(c, false, "placement", nameIn(kJwtPlacements, j.placement));
    // Empty names and prefixes are meaningful, so they are written as ''.
    if (j.headerName != d.headerName)
        w.string(c, false, "headerName", j.headerName);
    if (j.headerPrefix != d.headerPrefix)
        w.string(c, false, "headerPrefix", j.headerPrefix);
    if (j.queryParamName != d.queryParamName)
        w.string(c, false, "queryParam", j.queryParamName);
}

} // namespace

void writeAuth(YamlWriter &w, int column, const Auth &auth)
{
    if (auth == Auth {})
        return;
    w.section(column, "auth");
    const int c = column + 2;
    w.string(c, false, "mode", authModeName(auth.mode));
    if (!auth.username.isEmpty())
        w.string(c, false, "username", auth.username);
    if (!auth.password.isEmpty())
        w.string(c, false, "password", auth.password);
    if (!auth.token.isEmpty())
        w.string(c, false, "token", auth.token);
    if (!auth.keyName.isEmpty())
        w.string(c, false, "key", auth.keyName);
    if (!auth.keyValue.isEmpty())
        w.string(c, false, "value", auth.keyValue);
    if (auth.keyLocation != ApiKeyLocation::Header)
        w.string(c, false, "in", QStringLiteral("query"));
    writeOAuth2(w, c, auth.oauth2);
    writeDigest(w, c, auth.digest);
    writeAwsSigV4(w, c, auth.awsSigV4);
    writeOAuth1(w, c, auth.oauth1);
    writeJwt(w, c, auth.jwt);
}

namespace {

template<typename Node> OAuth2Config readOAuth2(const Node &map)
{
    OAuth2Config o;
    if (!hasMap(map, "oauth2"))
        return o;
    NodeValue<Node> node = map["oauth2"];
    o.grant = readEnum(node, "grant", o.grant, oauth2GrantFromName,
                       "authorization-code, client-credentials, password, device-code, "
                       "refresh-token or implicit");
    o.discoveryUrl = readString(node, "discoveryUrl");
    o.authUrl = readString(node, "authUrl");
    o.tokenUrl = readString(node, "tokenUrl");
    o.deviceAuthUrl = readString(node, "deviceAuthUrl");
    o.clientId = readString(node, "clientId");
    o.clientSecret = readString(node, "clientSecret");
    o.scope = readString(node, "scope");
    o.audience = readString(node, "audience");
    o.resource = readString(node, "resource");
    o.username = readString(node, "username");
    o.password = readString(node, "password");
    o.refreshToken = readString(node, "refreshToken");
    o.redirectUri = readString(node, "redirectUri");
    o.pkce = readEnum(node, "pkce", o.pkce, pkceMethodFromName, "s256, plain or none");
    o.clientAuth
        = readEnum(node, "clientAuth", o.clientAuth, clientAuthenticationFromName, "basic or body");
    o.authParams = readKeyValues(node, "authParams");
    o.tokenParams = readKeyValues(node, "tokenParams");
    o.placement
        = readEnum(node, "placement", o.placement, tokenPlacementFromName, "header or query");
    NodeValue<Node> prefix = node["headerPrefix"];
    if (prefix && !prefix.IsNull())
        o.headerPrefix = readString(node, "headerPrefix");
    NodeValue<Node> param = node["queryParam"];
    if (param && !param.IsNull())
        o.queryParam = readString(node, "queryParam");
    return o;
}

// An enumerated setting by its file name, from `table`.
template<typename Node, typename E>
E readNamed(const Node &map, const char *key, NameTable<E> table, E fallback)
{
    const QString name = readString(map, key);
    if (name.isEmpty())
        return fallback;
    for (const auto &[value, text] : table) {
        if (name == QLatin1String(text))
            return value;
    }
    fail(map[key],
         describe(key) + QLatin1String(" must be one of ") + namesOf(table)
             + QLatin1String(", not \"") + name + u'"');
}

// A text whose absence means the default (an empty one is kept).
template<typename Node> QString readStringOr(const Node &map, const char *key, const QString &d)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return d;
    return readString(map, key);
}

template<typename Node> DigestConfig readDigest(const Node &map)
{
    DigestConfig d;
    if (!hasMap(map, "digest"))
        return d;
    NodeValue<Node> node = map["digest"];
    d.username = readString(node, "username");
    d.password = readString(node, "password");
    d.preferAuthInt = readBool(node, "preferAuthInt", false);
    return d;
}

template<typename Node> AwsSigV4Config readAwsSigV4(const Node &map)
{
    AwsSigV4Config a;
    if (!hasMap(map, "awsv4"))
        return a;
    NodeValue<Node> node = map["awsv4"];
    a.accessKeyId = readString(node, "accessKeyId");
    a.secretAccessKey = readString(node, "secretAccessKey");
    a.sessionToken = readString(node, "sessionToken");
    a.region = readString(node, "region");
    a.service = readString(node, "service");
    a.placement = readNamed(node, "placement", kAwsPlacements, a.placement);
    a.unsignedPayload = readBool(node, "unsignedPayload", false);
    for (const QString &name : readString(node, "signedHeaders").split(u',', Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            a.extraSignedHeaders << name.trimmed();
    }
    a.expiresSeconds = int(readInt(node, "expiresSeconds", a.expiresSeconds));
    return a;
}

template<typename Node> OAuth1Config readOAuth1(const Node &map)
{
    OAuth1Config o;
    if (!hasMap(map, "oauth1"))
        return o;
    NodeValue<Node> node = map["oauth1"];
    o.signatureMethod = readNamed(node, "signatureMethod", kOAuth1Methods, o.signatureMethod);
    o.consumerKey = readString(node, "consumerKey");
    o.consumerSecret = readString(node, "consumerSecret");
    o.token = readString(node, "token");
    o.tokenSecret = readString(node, "tokenSecret");
    o.privateKeyPem = readString(node, "privateKey");
    o.placement = readNamed(node, "placement", kOAuth1Placements, o.placement);
    o.callback = readString(node, "callback");
    o.verifier = readString(node, "verifier");
    o.realm = readString(node, "realm");
    o.includeVersion = readBool(node, "includeVersion", o.includeVersion);
    return o;
}

template<typename Node> JwtBearerConfig readJwt(const Node &map)
{
    JwtBearerConfig j;
    if (!hasMap(map, "jwt"))
        return j;
    NodeValue<Node> node = map["jwt"];
    j.algorithm = readNamed(node, "algorithm", kJwtAlgorithms, j.algorithm);
    j.key = readString(node, "key");
    j.keyFormat = readNamed(node, "keyFormat", kJwtKeyFormats, j.keyFormat);
    j.keyId = readString(node, "keyId");
    j.claimsTemplate = readStringOr(node, "claims", j.claimsTemplate);
    j.lifetimeSeconds = int(readInt(node, "lifetimeSeconds", j.lifetimeSeconds));
    j.setNotBefore = readBool(node, "notBefore", false);
    j.setJwtId = readBool(node, "jwtId", false);
    j.placement = readNamed(node, "placement", kJwtPlacements, j.placement);
    j.headerName = readStringOr(node, "headerName", j.headerName);
    j.headerPrefix = readStringOr(node, "headerPrefix", j.headerPrefix);
    j.queryParamName = readStringOr(node, "queryParam", j.queryParamName);
    return j;
}

} // namespace

template<typename Node> Auth readAuth(const Node &map)
{
    Auth auth;
    if (!hasMap(map, "auth"))
        return auth;
    NodeValue<Node> node = map["auth"];
    const QString mode = readString(node, "mode");
    if (!mode.isEmpty() && !authModeFromName(mode, &auth.mode))
        fail(node["mode"],
             QLatin1String("unknown auth mode \"") + mode
                 + QLatin1String("\" (expected inherit, none, basic, bearer, apikey, oauth2, "
                                 "digest, awsv4, oauth1 or jwt)"));
    auth.username = readString(node, "username");
    auth.password = readString(node, "password");
    auth.token = readString(node, "token");
    auth.keyName = readString(node, "key");
    auth.keyValue = readString(node, "value");
    const QString in = readString(node, "in");
    if (in.isEmpty() || in == QLatin1String("header"))
        auth.keyLocation = ApiKeyLocation::Header;
    else if (in == QLatin1String("query"))
        auth.keyLocation = ApiKeyLocation::Query;
    else
        fail(node["in"], QLatin1String("`in` must be header or query"));
    auth.oauth2 = readOAuth2(node);
    auth.digest = readDigest(node);
    auth.awsSigV4 = readAwsSigV4(node);
    auth.oauth1 = readOAuth1(node);
    auth.jwt = readJwt(node);
    return auth;
}

template Auth readAuth<YAML::Node>(const YAML::Node &map);
template Auth readAuth<CanonicalNode>(const CanonicalNode &map);

} // namespace CollectionYaml

} // namespace Patchbay::Core
