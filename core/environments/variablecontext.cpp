#include "core/environments/variablecontext.h"

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
            return std::nullopt;
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

    // A WebSocket request sends its subprotocols, and its enabled messages when it runs.
    const bool webSocket = out.kind == RequestKind::WebSocket;
    for (QString &name : out.websocket.subprotocols)
        text(name, webSocket);
    for (WebSocketMessage &message : out.websocket.messages)
        text(message.text, webSocket && message.enabled);
    return out;
}

} // namespace Patchbay::Core
