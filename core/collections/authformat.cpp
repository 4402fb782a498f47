#include "core/collections/authformat.h"

#include "core/collections/collectionformat.h"
#include "core/collections/yamlreading.h"

namespace Patchbay::Core {

namespace {

// File names of the modes. The signing modes (authsign) are named here already so that the
// names are settled, but no file can select them until their configs are wired in.
const std::pair<AuthMode, const char *> kAuthModes[] = {
    {AuthMode::Inherit, "inherit"}, {AuthMode::None, "none"},      {AuthMode::Basic, "basic"},
    {AuthMode::Bearer, "bearer"},   {AuthMode::ApiKey, "apikey"},  {AuthMode::OAuth2, "oauth2"},
    {AuthMode::Digest, "digest"},   {AuthMode::AwsSigV4, "awsv4"}, {AuthMode::OAuth1, "oauth1"},
    {AuthMode::JwtBearer, "jwt"},
};

bool isReadableAuthMode(AuthMode mode)
{
    switch (mode) {
    case AuthMode::Digest:
    case AuthMode::AwsSigV4:
    case AuthMode::OAuth1:
    case AuthMode::JwtBearer:
        return false; // INTEGRATION POINT (authsign)
    default:
        return true;
    }
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
        if (name == QLatin1String(text) && isReadableAuthMode(m)) {
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
    // INTEGRATION POINT (authsign): digest, awsv4, oauth1 and jwt sections go here.
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
                 + QLatin1String("\" (expected inherit, none, basic, bearer, apikey or oauth2)"));
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
    // INTEGRATION POINT (authsign): read digest, awsv4, oauth1 and jwt here.
    return auth;
}

template Auth readAuth<YAML::Node>(const YAML::Node &map);
template Auth readAuth<CanonicalNode>(const CanonicalNode &map);

} // namespace CollectionYaml

} // namespace Patchbay::Core
