// Security schemes of a description as Patchbay auth.

#include "core/openapi/openapibuilder.h"

namespace Patchbay::Core {

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
        } else if (type == QLatin1String("http")) {
            result.lost = QStringLiteral("HTTP \"%1\" authentication, which this import does not "
                                         "convert")
                              .arg(scheme.text("scheme"));
        } else if (type == QLatin1String("oauth2") || type == QLatin1String("openIdConnect")) {
            result.lost
                = QStringLiteral("%1, which needs the OAuth 2.0 support Patchbay does "
                                 "not have yet; get a token elsewhere and use bearer auth "
                                 "with {{token}}")
                      .arg(type == QLatin1String("oauth2") ? QStringLiteral("OAuth 2.0")
                                                           : QStringLiteral("OpenID Connect"));
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
            case AuthMode::None:
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
        alternative.forEachMember([&](std::string_view key, SpecNode) {
            const QString name = toQString(key);
            const auto it = m_schemes.constFind(name);
            if (it == m_schemes.constEnd()) {
                lost << QStringLiteral("%1 (not defined in the description)").arg(name);
            } else if (it->mapped) {
                if (!chosen.mapped)
                    chosen = *it;
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
        if (auths.auth != m_result.collection.info.auth)
            saved.request.auth = auths.auth;
        return;
    }
    if (security.size() == 0 || auths.lost.isEmpty()) {
        if (m_result.collection.info.auth.mode != AuthMode::None)
            m_result.collection.report.lossy << where
                    + QStringLiteral(": needs no auth, but will send the collection's (set "
                                     "its auth to one that sends nothing if that matters).");
    }
}

} // namespace Patchbay::Core
