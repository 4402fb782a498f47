// Security schemes of a description as Patchbay auth.

#include "core/openapi/openapibuilder.h"

#include <algorithm>

namespace Patchbay::Core {

namespace {

// The scopes a flow offers (an object of scope: description), space-separated.
QString scopesOf(const SpecNode &scopes)
{
    QStringList names;
    scopes.forEachMember([&](std::string_view key, const SpecNode &) {
        names << QString::fromUtf8(key.data(), qsizetype(key.size()));
    });
    return names.join(u' ');
}

// OpenAPI 3 `flows` (or Swagger 2.0's one `flow`) as an OAuth 2.0 configuration: the first of
// authorization code (with PKCE), client credentials, password and implicit (legacy) that the
// scheme offers. Client id and secret are {{variables}}.
std::optional<OAuth2Config> oauth2From(const SpecNode &scheme, bool swagger)
{
    OAuth2Config config;
    config.clientId = QStringLiteral("{{clientId}}");
    config.clientSecret = QStringLiteral("{{clientSecret}}");
    const auto fill = [&config](const SpecNode &flow, OAuth2Grant grant) {
        config.grant = grant;
        config.authUrl = flow.text("authorizationUrl");
        config.tokenUrl = flow.text("tokenUrl");
        config.scope = scopesOf(flow["scopes"]);
    };
    if (swagger) {
        const QString flow = scheme.text("flow");
        const OAuth2Grant grant = flow == QLatin1String("application")
            ? OAuth2Grant::ClientCredentials
            : flow == QLatin1String("password") ? OAuth2Grant::Password
            : flow == QLatin1String("implicit") ? OAuth2Grant::Implicit
                                                : OAuth2Grant::AuthorizationCode;
        if (flow.isEmpty())
            return std::nullopt;
        fill(scheme, grant);
        return config;
    }
    const SpecNode flows = scheme["flows"];
    const std::pair<std::string_view, OAuth2Grant> order[]
        = {{"authorizationCode", OAuth2Grant::AuthorizationCode},
           {"clientCredentials", OAuth2Grant::ClientCredentials},
           {"password", OAuth2Grant::Password},
           {"implicit", OAuth2Grant::Implicit}};
    for (const auto &[name, grant] : order) {
        if (flows[name].isObject()) {
            fill(flows[name], grant);
            return config;
        }
    }
    return std::nullopt;
}

// True when a request needing `needed` can inherit `inherited`: the same auth, or the same
// OAuth 2.0 configuration whose token has every scope the request needs.
bool coveredBy(const Auth &needed, const Auth &inherited)
{
    if (needed == inherited)
        return true;
    if (needed.mode != AuthMode::OAuth2 || inherited.mode != AuthMode::OAuth2)
        return false;
    Auth sameScope = needed;
    sameScope.oauth2.scope = inherited.oauth2.scope;
    if (sameScope != inherited)
        return false;
    const QStringList granted = inherited.oauth2.scope.split(u' ', Qt::SkipEmptyParts);
    const QStringList wanted = needed.oauth2.scope.split(u' ', Qt::SkipEmptyParts);
    return std::all_of(wanted.cbegin(), wanted.cend(),
                       [&granted](const QString &scope) { return granted.contains(scope); });
}

} // namespace

void OpenApiBuilder::readSecuritySchemes()
{
    const SpecNode schemes
        = m_swagger ? m_root["securityDefinitions"] : m_root["components"]["securitySchemes"];
    schemes.forEachMember([&](std::string_view key, SpecNode scheme) {
        const QString name = toQString(key);
        QString problem;
        scheme = m_spec.resolve(scheme, &problem);
        Auths result;
        const QString type = scheme.text("type");
        const QString in = scheme.text("in");
        if (type == QLatin1String("apiKey")
            && (in == QLatin1String("header") || in == QLatin1String("query"))) {
            result.auth.mode = AuthMode::ApiKey;
            result.auth.keyName = scheme.text("name");
            result.auth.keyValue = QStringLiteral("{{apiKey}}");
            result.auth.keyLocation
                = in == QLatin1String("query") ? ApiKeyLocation::Query : ApiKeyLocation::Header;
            result.mapped = true;
        } else if (type == QLatin1String("apiKey")) {
            result.lost = QStringLiteral("an API key sent in a %1, which Patchbay's auth cannot "
                                         "place (add it to the request's headers)")
                              .arg(in.isEmpty() ? QStringLiteral("place not given") : in);
        } else if (type == QLatin1String("basic")
                   || (type == QLatin1String("http")
                       && scheme.text("scheme").compare(QLatin1String("basic"), Qt::CaseInsensitive)
                           == 0)) {
            result.auth.mode = AuthMode::Basic;
            result.auth.username = QStringLiteral("{{username}}");
            result.auth.password = QStringLiteral("{{password}}");
            result.mapped = true;
        } else if (type == QLatin1String("http")
                   && scheme.text("scheme").compare(QLatin1String("bearer"), Qt::CaseInsensitive)
                       == 0) {
            result.auth.mode = AuthMode::Bearer;
            result.auth.token = QStringLiteral("{{token}}");
            result.mapped = true;
        } else if (type == QLatin1String("http")
                   && scheme.text("scheme").compare(QLatin1String("digest"), Qt::CaseInsensitive)
                       == 0) {
            result.auth.mode = AuthMode::Digest;
            result.auth.digest.username = QStringLiteral("{{username}}");
            result.auth.digest.password = QStringLiteral("{{password}}");
            result.mapped = true;
        } else if (type == QLatin1String("http")) {
            result.lost = QStringLiteral("HTTP \"%1\" authentication, which this import does not "
                                         "convert")
                              .arg(scheme.text("scheme"));
        } else if (type == QLatin1String("oauth2")) {
            if (const std::optional<OAuth2Config> config = oauth2From(scheme, m_swagger)) {
                result.auth.mode = AuthMode::OAuth2;
                result.auth.oauth2 = *config;
                result.mapped = true;
            } else {
                result.lost = QStringLiteral("OAuth 2.0 with no flow Patchbay knows");
            }
        } else if (type == QLatin1String("openIdConnect")) {
            // Discovery fills the endpoints when the token is first needed (docs/AUTH.md).
            result.auth.mode = AuthMode::OAuth2;
            result.auth.oauth2.grant = OAuth2Grant::AuthorizationCode;
            result.auth.oauth2.discoveryUrl = scheme.text("openIdConnectUrl");
            result.auth.oauth2.clientId = QStringLiteral("{{clientId}}");
            result.auth.oauth2.clientSecret = QStringLiteral("{{clientSecret}}");
            result.auth.oauth2.scope = QStringLiteral("openid");
            result.mapped = !result.auth.oauth2.discoveryUrl.isEmpty();
            if (!result.mapped)
                result.lost = QStringLiteral("OpenID Connect without an openIdConnectUrl");
        } else {
            result.lost = problem.isEmpty()
                ? QStringLiteral("an unknown scheme type \"%1\"").arg(type)
                : problem;
        }
        if (!result.mapped)
            m_result.collection.report.lossy
                << QStringLiteral("Security scheme %1: not converted: %2.").arg(name, result.lost);
        m_schemes.insert(name, result);
    });

    const SpecNode global = m_root["security"];
    if (global.isArray()) {
        m_hasGlobalSecurity = true;
        const Auths auths = authFor(global, QStringLiteral("The description"));
        if (auths.mapped) {
            m_result.collection.info.auth = auths.auth;
            VariableList &vars = m_result.collection.info.variables;
            switch (auths.auth.mode) {
            case AuthMode::ApiKey:
                vars << Variable {QStringLiteral("apiKey"), QString(), true, true};
                break;
            case AuthMode::Basic:
                vars << Variable {QStringLiteral("username"), QString()}
                     << Variable {QStringLiteral("password"), QString(), true, true};
                break;
            case AuthMode::Bearer:
                vars << Variable {QStringLiteral("token"), QString(), true, true};
                break;
            case AuthMode::Digest:
                vars << Variable {QStringLiteral("username"), QString()}
                     << Variable {QStringLiteral("password"), QString(), true, true};
                break;
            case AuthMode::OAuth2:
                vars << Variable {QStringLiteral("clientId"), QString()}
                     << Variable {QStringLiteral("clientSecret"), QString(), true, true};
                break;
            default: // not made from a security scheme
                break;
            }
        }
    }
}

// The first alternative of a security requirement list that Patchbay can send; the others are
// reported. An empty list, or an empty alternative, means no auth.
OpenApiBuilder::Auths OpenApiBuilder::authFor(SpecNode requirements, const QString &where)
{
    Auths chosen;
    QStringList lost;
    bool anonymous = false;
    requirements.forEachItem([&](SpecNode alternative) {
        if (chosen.mapped || anonymous)
            return;
        if (alternative.size() == 0) {
            anonymous = true;
            return;
        }
        alternative.forEachMember([&](std::string_view key, SpecNode scopes) {
            const QString name = toQString(key);
            const auto it = m_schemes.constFind(name);
            if (it == m_schemes.constEnd()) {
                lost << QStringLiteral("%1 (not defined in the description)").arg(name);
            } else if (it->mapped) {
                if (!chosen.mapped) {
                    chosen = *it;
                    // OAuth 2.0 asks for the scopes the requirement names, not every scope
                    // the flow offers: least privilege, and a consent screen that fits.
                    QStringList required;
                    scopes.forEachItem([&](SpecNode scope) { required << scope.text(); });
                    required.removeAll(QString());
                    if (chosen.auth.mode == AuthMode::OAuth2 && !required.isEmpty())
                        chosen.auth.oauth2.scope = required.join(u' ');
                }
            } else {
                lost << QStringLiteral("%1: %2").arg(name, it->lost);
            }
        });
    });
    if (!chosen.mapped && !lost.isEmpty()) {
        chosen.lost = lost.join(QStringLiteral("; "));
        m_result.collection.report.lossy
            << where + QStringLiteral(": auth not converted: ") + chosen.lost + u'.';
    }
    return chosen;
}

void OpenApiBuilder::addAuth(const QString &where, SpecNode operation, SavedRequest &saved)
{
    const SpecNode security = operation["security"];
    if (!security.isArray())
        return; // inherits the collection's auth
    const Auths auths = authFor(security, where);
    if (auths.mapped) {
        if (!coveredBy(auths.auth, m_result.collection.info.auth))
            saved.request.auth = auths.auth;
        return;
    }
    if (security.size() == 0 || auths.lost.isEmpty()) {
        // An operation that needs no auth opts out of the collection's.
        const AuthMode collection = m_result.collection.info.auth.mode;
        if (collection != AuthMode::None && collection != AuthMode::Inherit)
            saved.request.auth.mode = AuthMode::None;
    }
}

} // namespace Patchbay::Core
