#include "core/sandbox/sandboxhttp.h"

#include "core/http/reasonphrase.h"

#include "core/json/jsonwriter.h"

#include <QLocale>
#include <QTimeZone>

namespace Patchbay::Core::Sandbox {

QByteArray SandboxRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second.isNull() ? QByteArray("") : h.second;
    }
    return {};
}

QByteArray SandboxRequest::mediaType() const
{
    QByteArray type = header("content-type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

QStringList SandboxRequest::segments() const
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

void SandboxReply::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray SandboxReply::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

SandboxReply jsonReply(int status, QByteArray json)
{
    SandboxReply reply;
    reply.status = status;
    if (!json.endsWith('\n'))
        json += '\n';
    reply.body = std::move(json);
    reply.setHeader("Content-Type", jsonContentType);
    return reply;
}

SandboxReply errorReply(int status, const QString &message)
{
    const JsonValue error = JsonValue::fromMembers({
        {QStringLiteral("status"), JsonValue::fromInt(status)},
        {QStringLiteral("error"),
         JsonValue::fromString(QString::fromLatin1(httpReasonPhrase(status)))},
        {QStringLiteral("message"), JsonValue::fromString(message)},
    });
    return jsonReply(status, toJson(error));
}

SandboxReply methodNotAllowed(const QByteArray &method, const QByteArrayList &allowed)
{
    SandboxReply reply = errorReply(
        405,
        QStringLiteral("%1 is not supported here. Allowed: %2.")
            .arg(QString::fromLatin1(method), QString::fromLatin1(allowed.join(", "))));
    reply.setHeader("Allow", allowed.join(", "));
    return reply;
}

SandboxReply optionsReply(const QByteArrayList &allowed)
{
    SandboxReply reply;
    reply.status = 204;
    reply.setHeader("Allow", allowed.join(", "));
    return reply;
}

QByteArray httpDate(const QDateTime &time)
{
    return QLocale::c()
        .toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

QByteArrayList entityTags(const QByteArray &headerValue)
{
    QByteArrayList tags;
    const QByteArrayList parts = headerValue.split(',');
    for (QByteArray part : parts) {
        part = part.trimmed();
        if (part.startsWith("W/"))
            part = part.mid(2);
        if (part.size() >= 2 && part.startsWith('"') && part.endsWith('"'))
            part = part.mid(1, part.size() - 2);
        if (!part.isEmpty())
            tags.append(part);
    }
    return tags;
}

} // namespace Patchbay::Core::Sandbox
