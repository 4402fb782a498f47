#include "core/environments/variablecontext.h"

#include "core/auth/jwtbearer.h"

#include <QRandomGenerator>
#include <QUuid>

namespace Patchbay::Core {

namespace {

constexpr int kMaxDepth = 8;

void report(QStringList *unresolved, const QString &name)
{
    if (unresolved && !unresolved->contains(name))
        unresolved->append(name);
}

} // namespace

VariableContext::VariableContext(QList<VariableScope> scopes)
    : m_scopes(std::move(scopes))
{ }

void VariableContext::appendScope(VariableScope scope)
{
    m_scopes.append(std::move(scope));
}

std::optional<ResolvedVariable> VariableContext::lookup(QStringView name) const
{
    if (name.startsWith(u'$')) {
        ResolvedVariable r;
        r.name = name.toString();
        r.scope = ScopeKind::Dynamic;
        const QDateTime now = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
        if (name == QLatin1String("$uuid"))
            r.value = QUuid::createUuid().toString(QUuid::WithoutBraces);
        else if (name == QLatin1String("$timestamp"))
            r.value = QString::number(now.toSecsSinceEpoch());
        else if (name == QLatin1String("$isoTimestamp"))
            r.value = now.toUTC().toString(Qt::ISODateWithMs);
        else if (name == QLatin1String("$randomInt"))
            r.value = QString::number(m_randomInt ? m_randomInt()
                                                  : QRandomGenerator::global()->bounded(1001));
        else
            r.name.clear(); // not built in: a scope may provide it (e.g. $sandboxUrl)
        if (!r.name.isEmpty())
            return r;
    }
    for (const VariableScope &scope : m_scopes) {
        for (const Variable &v : scope.variables) {
            if (v.enabled && v.name == name)
                return ResolvedVariable {v.name, v.value, scope.kind, scope.name, v.secret};
        }
    }
    return std::nullopt;
}

QString VariableContext::resolveText(QStringView text, QStringList *unresolved,
                                     QStringList *secretValues) const
{
    return resolve(text, unresolved, secretValues, 0);
}

QString VariableContext::resolve(QStringView text, QStringList *unresolved,
                                 QStringList *secretValues, int depth) const
{
    const QList<VariableSpan> spans = findVariables(text);
    if (spans.isEmpty())
        return text.toString();
    QString out;
    out.reserve(text.size());
    qsizetype pos = 0;
    for (const VariableSpan &span : spans) {
        out += text.mid(pos, span.start - pos);
        pos = span.start + span.length;
        const std::optional<ResolvedVariable> hit = lookup(span.name);
        if (!hit) {
            report(unresolved, span.name);
            out += text.mid(span.start, span.length);
        } else if (depth >= kMaxDepth) {
            // A cycle (a = {{b}}, b = {{a}}) or absurd nesting: stop and say so.
            report(unresolved, span.name);
            out += text.mid(span.start, span.length);
        } else {
            if (hit->isSecret && !hit->value.isEmpty())
                report(secretValues, hit->value);
            out += resolve(hit->value, unresolved, secretValues, depth + 1);
        }
    }
    out += text.mid(pos);
    return out;
}

QList<VariableSpan> findVariables(QStringView text)
{
    QList<VariableSpan> spans;
    qsizetype from = 0;
    while (from < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), from);
        if (open < 0)
            break;
        qsizetype i = open + 2;
        // "{{{x}}}": the innermost pair is the variable.
        while (i < text.size() && text.at(i) == u'{')
            ++i;
        const qsizetype nameStart = i;
        while (i < text.size() && text.at(i) != u'}' && text.at(i) != u'{' && text.at(i) != u'\n')
            ++i;
        if (i + 1 < text.size() && text.at(i) == u'}' && text.at(i + 1) == u'}') {
            const QString name = text.mid(nameStart, i - nameStart).trimmed().toString();
            if (!name.isEmpty()) {
                const qsizetype start = nameStart - 2;
                spans.append({start, i + 2 - start, name});
            }
            from = i + 2;
        } else {
            from = i > open + 2 ? i : open + 2;
        }
    }
    return spans;
}

Request resolveVariables(const Request &request, const VariableContext &context,
                         QStringList *unresolved, QStringList *secretValues)
{
    Request out = request;
    auto text = [&](QString &s, bool sent) {
        s = context.resolveText(s, sent ? unresolved : nullptr, sent ? secretValues : nullptr);
    };
    auto rows = [&](KeyValueList &list) {
        for (KeyValue &row : list) {
            text(row.name, row.enabled);
            text(row.value, row.enabled);
        }
    };
    text(out.url, true);
    rows(out.params);
    rows(out.headers);

    RequestBody &body = out.body;
    text(body.text, body.mode == BodyMode::Json || body.mode == BodyMode::Text);
    text(body.contentType, body.mode == BodyMode::Text || body.mode == BodyMode::BinaryFile);
    text(body.filePath, body.mode == BodyMode::BinaryFile);
    text(body.graphql.query, body.mode == BodyMode::GraphQl);
    text(body.graphql.variables, body.mode == BodyMode::GraphQl);
    text(body.graphql.operationName, body.mode == BodyMode::GraphQl);
    for (KeyValue &row : body.formFields) {
        text(row.name, row.enabled && body.mode == BodyMode::FormUrlEncoded);
        text(row.value, row.enabled && body.mode == BodyMode::FormUrlEncoded);
    }
    for (MultipartField &f : body.multipartFields) {
        const bool sent = f.enabled && body.mode == BodyMode::Multipart;
        text(f.name, sent);
        text(f.value, sent);
        text(f.contentType, sent);
    }

    Auth &auth = out.auth;
    text(auth.username, auth.mode == AuthMode::Basic);
    text(auth.password, auth.mode == AuthMode::Basic);
    text(auth.token, auth.mode == AuthMode::Bearer);
    text(auth.keyName, auth.mode == AuthMode::ApiKey);
    text(auth.keyValue, auth.mode == AuthMode::ApiKey);

    RequestSettings &settings = out.settings;
    text(settings.proxyUrl, settings.proxy == ProxyOverride::Manual);
    text(settings.caCertificates, true);
    text(settings.clientCertificate, true);
    text(settings.clientKey, !settings.clientCertificate.isEmpty());
    text(settings.clientPassphrase, !settings.clientCertificate.isEmpty());
    const bool oauth2 = auth.mode == AuthMode::OAuth2;
    OAuth2Config &o = auth.oauth2;
    for (QString *field :
         {&o.discoveryUrl, &o.authUrl, &o.tokenUrl, &o.deviceAuthUrl, &o.clientId, &o.clientSecret,
          &o.scope, &o.audience, &o.resource, &o.username, &o.password, &o.refreshToken,
          &o.redirectUri, &o.headerPrefix, &o.queryParam})
        text(*field, oauth2);
    for (KeyValueList *list : {&o.authParams, &o.tokenParams}) {
        for (KeyValue &row : *list) {
            text(row.name, oauth2 && row.enabled);
            text(row.value, oauth2 && row.enabled);
        }
    }

    const bool digest = auth.mode == AuthMode::Digest;
    text(auth.digest.username, digest);
    text(auth.digest.password, digest);
    const bool aws = auth.mode == AuthMode::AwsSigV4;
    AwsSigV4Config &a = auth.awsSigV4;
    for (QString *field :
         {&a.accessKeyId, &a.secretAccessKey, &a.sessionToken, &a.region, &a.service})
        text(*field, aws);
    for (QString &name : a.extraSignedHeaders)
        text(name, aws);
    const bool oauth1 = auth.mode == AuthMode::OAuth1;
    OAuth1Config &o1 = auth.oauth1;
    for (QString *field : {&o1.consumerKey, &o1.consumerSecret, &o1.token, &o1.tokenSecret,
                           &o1.privateKeyPem, &o1.callback, &o1.verifier, &o1.realm})
        text(*field, oauth1);
    const bool jwt = auth.mode == AuthMode::JwtBearer;
    JwtBearerConfig &j = auth.jwt;
    for (QString *field : {&j.key, &j.keyId, &j.headerName, &j.headerPrefix, &j.queryParamName})
        text(*field, jwt);
    if (jwt) {
        // Claims are JSON: a value inside a string goes in JSON-escaped (core/auth/jwtbearer.h).
        const JwtVariableResolver lookup = [&](const QString &name) -> std::optional<QString> {
            QStringList missing;
            const QString braced = QStringLiteral("{{") + name + QStringLiteral("}}");
            const QString value = context.resolveText(braced, &missing, secretValues);
            if (!missing.isEmpty())
                return std::nullopt;
            return value;
        };
        QStringList missing;
        j.claimsTemplate = resolveJwtClaims(j.claimsTemplate, lookup, &missing);
        if (unresolved) {
            for (const QString &name : std::as_const(missing)) {
                if (!unresolved->contains(name))
                    unresolved->append(name);
            }
        }
    }
    // A WebSocket request sends its subprotocols, and its enabled messages when it runs.
    const bool webSocket = out.kind == RequestKind::WebSocket;
    for (QString &name : out.websocket.subprotocols)
        text(name, webSocket);
    for (WebSocketMessage &message : out.websocket.messages)
        text(message.text, webSocket && message.enabled);
    return out;
}

} // namespace Patchbay::Core
