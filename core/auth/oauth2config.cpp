#include "core/auth/oauth2config.h"

#include <QJsonArray>

#include <utility>

namespace Patchbay::Core {

namespace {

template<typename E, size_t N> QString nameOf(E value, const std::pair<E, const char *> (&names)[N])
{
    for (const auto &[e, name] : names) {
        if (e == value)
            return QLatin1String(name);
    }
    return QLatin1String(names[0].second);
}

template<typename E, size_t N>
bool fromName(QStringView text, E *value, const std::pair<E, const char *> (&names)[N])
{
    for (const auto &[e, name] : names) {
        if (text == QLatin1String(name)) {
            *value = e;
            return true;
        }
    }
    return false;
}

const std::pair<OAuth2Grant, const char *> kGrants[] = {
    {OAuth2Grant::AuthorizationCode, "authorization-code"},
    {OAuth2Grant::ClientCredentials, "client-credentials"},
    {OAuth2Grant::Password, "password"},
    {OAuth2Grant::DeviceCode, "device-code"},
    {OAuth2Grant::RefreshToken, "refresh-token"},
    {OAuth2Grant::Implicit, "implicit"},
};

const std::pair<PkceMethod, const char *> kPkce[] = {
    {PkceMethod::S256, "s256"},
    {PkceMethod::Plain, "plain"},
    {PkceMethod::None, "none"},
};

const std::pair<ClientAuthentication, const char *> kClientAuth[] = {
    {ClientAuthentication::BasicHeader, "basic"},
    {ClientAuthentication::Body, "body"},
};

const std::pair<TokenPlacement, const char *> kPlacement[] = {
    {TokenPlacement::Header, "header"},
    {TokenPlacement::Query, "query"},
};

} // namespace

QString oauth2GrantName(OAuth2Grant grant)
{
    return nameOf(grant, kGrants);
}

bool oauth2GrantFromName(QStringView name, OAuth2Grant *grant)
{
    return fromName(name, grant, kGrants);
}

bool oauth2GrantFromWireName(QStringView name, OAuth2Grant *grant)
{
    return oauth2GrantFromName(name.toString().replace(u'_', u'-'), grant);
}

QString pkceMethodName(PkceMethod method)
{
    return nameOf(method, kPkce);
}

bool pkceMethodFromName(QStringView name, PkceMethod *method)
{
    return fromName(name, method, kPkce);
}

QString clientAuthenticationName(ClientAuthentication method)
{
    return nameOf(method, kClientAuth);
}

bool clientAuthenticationFromName(QStringView name, ClientAuthentication *method)
{
    return fromName(name, method, kClientAuth);
}

QString tokenPlacementName(TokenPlacement placement)
{
    return nameOf(placement, kPlacement);
}

bool tokenPlacementFromName(QStringView name, TokenPlacement *placement)
{
    return fromName(name, placement, kPlacement);
}

namespace {

QJsonArray rowsToJson(const KeyValueList &rows)
{
    QJsonArray a;
    for (const KeyValue &kv : rows)
        a.append(QJsonObject {{QStringLiteral("name"), kv.name},
                              {QStringLiteral("value"), kv.value},
                              {QStringLiteral("enabled"), kv.enabled}});
    return a;
}

KeyValueList rowsFromJson(const QJsonValue &v)
{
    KeyValueList rows;
    for (const QJsonValue &item : v.toArray()) {
        const QJsonObject o = item.toObject();
        rows.append({o.value(QLatin1String("name")).toString(),
                     o.value(QLatin1String("value")).toString(),
                     o.value(QLatin1String("enabled")).toBool(true)});
    }
    return rows;
}

} // namespace

QJsonObject oauth2ConfigToJson(const OAuth2Config &c)
{
    return QJsonObject {
        {QStringLiteral("grant"), oauth2GrantName(c.grant)},
        {QStringLiteral("discoveryUrl"), c.discoveryUrl},
        {QStringLiteral("authUrl"), c.authUrl},
        {QStringLiteral("tokenUrl"), c.tokenUrl},
        {QStringLiteral("deviceAuthUrl"), c.deviceAuthUrl},
        {QStringLiteral("clientId"), c.clientId},
        {QStringLiteral("clientSecret"), c.clientSecret},
        {QStringLiteral("scope"), c.scope},
        {QStringLiteral("audience"), c.audience},
        {QStringLiteral("resource"), c.resource},
        {QStringLiteral("username"), c.username},
        {QStringLiteral("password"), c.password},
        {QStringLiteral("refreshToken"), c.refreshToken},
        {QStringLiteral("redirectUri"), c.redirectUri},
        {QStringLiteral("pkce"), pkceMethodName(c.pkce)},
        {QStringLiteral("clientAuth"), clientAuthenticationName(c.clientAuth)},
        {QStringLiteral("authParams"), rowsToJson(c.authParams)},
        {QStringLiteral("tokenParams"), rowsToJson(c.tokenParams)},
        {QStringLiteral("placement"), tokenPlacementName(c.placement)},
        {QStringLiteral("headerPrefix"), c.headerPrefix},
        {QStringLiteral("queryParam"), c.queryParam},
    };
}

OAuth2Config oauth2ConfigFromJson(const QJsonObject &o)
{
    OAuth2Config c;
    const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    oauth2GrantFromName(text("grant"), &c.grant);
    c.discoveryUrl = text("discoveryUrl");
    c.authUrl = text("authUrl");
    c.tokenUrl = text("tokenUrl");
    c.deviceAuthUrl = text("deviceAuthUrl");
    c.clientId = text("clientId");
    c.clientSecret = text("clientSecret");
    c.scope = text("scope");
    c.audience = text("audience");
    c.resource = text("resource");
    c.username = text("username");
    c.password = text("password");
    c.refreshToken = text("refreshToken");
    c.redirectUri = text("redirectUri");
    pkceMethodFromName(text("pkce"), &c.pkce);
    clientAuthenticationFromName(text("clientAuth"), &c.clientAuth);
    c.authParams = rowsFromJson(o.value(QLatin1String("authParams")));
    c.tokenParams = rowsFromJson(o.value(QLatin1String("tokenParams")));
    tokenPlacementFromName(text("placement"), &c.placement);
    c.headerPrefix = o.value(QLatin1String("headerPrefix")).toString(c.headerPrefix);
    c.queryParam = o.value(QLatin1String("queryParam")).toString(c.queryParam);
    return c;
}

} // namespace Patchbay::Core
