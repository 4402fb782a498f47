#include "core/sandbox/sandboxhttp.h"

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
        {QStringLiteral("error"), JsonValue::fromString(QString::fromLatin1(reasonPhrase(status)))},
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

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 203:
        return "Non-Authoritative Information";
    case 204:
        return "No Content";
    case 205:
        return "Reset Content";
    case 206:
        return "Partial Content";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 418:
        return "I'm a teapot";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return {};
    }
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
