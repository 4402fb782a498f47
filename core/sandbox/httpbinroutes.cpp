#include "core/sandbox/httpbinroutes.h"

#include "core/http/reasonphrase.h"

#include "core/sandbox/gzip.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QRandomGenerator>

#include <cmath>

namespace Patchbay::Core::Sandbox {

namespace {

const QByteArrayList anyMethod = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
const QByteArrayList readMethods = {"GET", "HEAD", "OPTIONS"};

// Repeated keys become arrays, like httpbin's args and form.
JsonValue multiMap(const QList<QPair<QString, QString>> &items)
{
    JsonValue map = JsonValue::emptyObject();
    for (const auto &[key, value] : items) {
        JsonValue *existing = map.findMutable(key);
        if (!existing)
            map.insert(key, JsonValue::fromString(value));
        else if (existing->isArray())
            existing->append(JsonValue::fromString(value));
        else
            *existing = JsonValue::fromArray({*existing, JsonValue::fromString(value)});
    }
    return map;
}

// Form and query encoding: '+' is a space, then percent-decoding.
QList<QPair<QString, QString>> formItems(QByteArray encoded)
{
    encoded.replace('+', "%20");
    QList<QPair<QString, QString>> items;
    const QByteArrayList pairs = encoded.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        items.append({QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return items;
}

QByteArray parameterOf(const QByteArray &headerValue, QByteArrayView name)
{
    const QByteArrayList parts = headerValue.split(';');
    for (const QByteArray &part : parts) {
        const QByteArray trimmed = part.trimmed();
        const qsizetype eq = trimmed.indexOf('=');
        if (eq < 0 || QByteArrayView(trimmed.left(eq).trimmed()).compare(name, Qt::CaseInsensitive))
            continue;
        QByteArray value = trimmed.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

struct Multipart
{
    QList<QPair<QString, QString>> form;
    QList<QPair<QString, QString>> files;
};

// Enough of RFC 7578 for an echo: parts split on the boundary, a name and an optional filename.
Multipart parseMultipart(const QByteArray &body, const QByteArray &boundary)
{
    Multipart result;
    if (boundary.isEmpty())
        return result;
    const QByteArray delimiter = "--" + boundary;
    const QByteArray separator = "\r\n" + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break;
        if (body.mid(pos, 2) == "\r\n")
            pos += 2;
        const qsizetype next = body.indexOf(separator, pos);
        if (next < 0)
            break;
        const QByteArray part = body.mid(pos, next - pos);
        const qsizetype headerEnd = part.indexOf("\r\n\r\n");
        const QByteArray headerBlock = headerEnd < 0 ? QByteArray() : part.left(headerEnd);
        const QByteArray content = headerEnd < 0 ? part : part.mid(headerEnd + 4);
        QByteArray name;
        QByteArray fileName;
        bool hasFileName = false;
        const QByteArrayList lines = headerBlock.split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0
                || line.left(colon).trimmed().compare("content-disposition", Qt::CaseInsensitive))
                continue;
            const QByteArray value = line.mid(colon + 1).trimmed();
            name = parameterOf(value, "name");
            fileName = parameterOf(value, "filename");
            hasFileName = value.contains("filename=");
        }
        const QPair<QString, QString> item {QString::fromUtf8(name), QString::fromUtf8(content)};
        if (hasFileName)
            result.files.append(item);
        else
            result.form.append(item);
        pos = next + 2;
    }
    return result;
}

// "content-type" -> "Content-Type", as httpbin shows header names.
QString titleCase(const QByteArray &name)
{
    QString out = QString::fromLatin1(name).toLower();
    bool upper = true;
    for (QChar &c : out) {
        if (upper)
            c = c.toUpper();
        upper = c == u'-';
    }
    return out;
}

JsonValue headersObject(const SandboxRequest &request)
{
    JsonValue headers = JsonValue::emptyObject();
    for (const auto &[name, value] : request.headers) {
        const QString key = titleCase(name);
        const QString text = QString::fromUtf8(value);
        const JsonValue *existing = headers.find(key);
        headers.insert(key,
                       JsonValue::fromString(existing ? existing->toString() + u',' + text : text));
    }
    return headers;
}

JsonValue text(const QString &value)
{
    return JsonValue::fromString(value);
}

SandboxReply echo(const SandboxRequest &request)
{
    return jsonReply(200, echoJson(request));
}

std::optional<int> parseInt(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

SandboxReply statusRoute(const QString &codeText)
{
    const std::optional<int> code = parseInt(codeText);
    if (!code || *code < 200 || *code > 599) {
        return errorReply(
            400,
            QStringLiteral("Status code '%1' is not supported: use 200 to 599.").arg(codeText));
    }
    SandboxReply reply;
    reply.status = *code;
    if (*code >= 400) {
        reply = errorReply(*code, QStringLiteral("You asked for status %1.").arg(*code));
    } else if (*code != 204 && *code != 304) {
        const JsonValue body = JsonValue::fromMembers(
            {{QStringLiteral("status"), JsonValue::fromInt(*code)},
             {QStringLiteral("reason"), text(QString::fromLatin1(httpReasonPhrase(*code)))}});
        reply = jsonReply(*code, toJson(body));
    }
    if (*code >= 300 && *code < 400 && *code != 304)
        reply.setHeader("Location", "/get");
    if (*code == 401)
        reply.setHeader("WWW-Authenticate", "Basic realm=\"sandbox\"");
    return reply;
}

SandboxReply delayRoute(const SandboxRequest &request, const QString &secondsText)
{
    bool ok = false;
    const double seconds = secondsText.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0) {
        return errorReply(
            400, QStringLiteral("Delay '%1' is not a number of seconds.").arg(secondsText));
    }
    SandboxReply reply = echo(request);
    reply.delayMs = int(std::min<double>(seconds, maxDelaySeconds) * 1000);
    return reply;
}

SandboxReply redirectRoute(const SandboxRequest &request)
{
    const QString target = request.query.queryItemValue(QStringLiteral("url"), QUrl::FullyDecoded);
    if (target.isEmpty())
        return errorReply(400,
                          QStringLiteral("Add the target as ?url=... (and optionally "
                                         "&status_code=301, 302, 303, 307 or 308)."));
    int code = 302;
    const QString codeText = request.query.queryItemValue(QStringLiteral("status_code"));
    if (!codeText.isEmpty()) {
        const std::optional<int> parsed = parseInt(codeText);
        if (!parsed || *parsed < 300 || *parsed > 399) {
            return errorReply(
                400,
                QStringLiteral("status_code '%1' is not a redirect (300 to 399).").arg(codeText));
        }
        code = *parsed;
    }
    SandboxReply reply;
    reply.status = code;
    reply.setHeader("Location", QUrl(target).toEncoded());
    return reply;
}

SandboxReply bytesRoute(const SandboxRequest &request, const QString &countText)
{
    bool ok = false;
    const qint64 requested = countText.toLongLong(&ok);
    if (!ok || requested < 0)
        return errorReply(400, QStringLiteral("'%1' is not a byte count.").arg(countText));
    const qint64 count = std::min(requested, maxBytes);
    const QString seedText = request.query.queryItemValue(QStringLiteral("seed"));
    QRandomGenerator generator;
    if (seedText.isEmpty()) {
        generator = QRandomGenerator(QRandomGenerator::global()->generate());
    } else {
        const quint32 seed = seedText.toUInt(&ok);
        if (!ok)
            return errorReply(400, QStringLiteral("seed '%1' is not a number.").arg(seedText));
        generator = QRandomGenerator(seed);
    }
    QByteArray data(count, Qt::Uninitialized);
    const qsizetype words = count / qsizetype(sizeof(quint32));
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), words);
    for (qsizetype i = words * qsizetype(sizeof(quint32)); i < count; ++i)
        data[i] = char(generator.generate() & 0xff);
    SandboxReply reply;
    reply.body = std::move(data);
    reply.setHeader("Content-Type", "application/octet-stream");
    return reply;
}

SandboxReply gzipRoute(const SandboxRequest &request)
{
    const JsonValue body = JsonValue::fromMembers({
        {QStringLiteral("gzipped"), JsonValue::fromBool(true)},
        {QStringLiteral("headers"), headersObject(request)},
        {QStringLiteral("method"), text(QString::fromLatin1(request.method))},
        {QStringLiteral("origin"), text(request.remoteAddress)},
    });
    SandboxReply reply = jsonReply(200, toJson(body));
    reply.body = gzipCompress(reply.body);
    reply.setHeader("Content-Encoding", "gzip");
    return reply;
}

// A large generated array for trying the viewer and the decompression limits.
SandboxReply largeRoute(const SandboxRequest &request)
{
    const QString itemsText = request.query.queryItemValue(QStringLiteral("items"));
    qint64 items = 1000;
    if (!itemsText.isEmpty()) {
        bool ok = false;
        items = itemsText.toLongLong(&ok);
        if (!ok || items < 0)
            return errorReply(400, QStringLiteral("items '%1' is not a count.").arg(itemsText));
    }
    items = std::min(items, maxLargeItems);
    QByteArray json = "[";
    json.reserve(items * 120 + 4);
    for (qint64 i = 1; i <= items; ++i) {
        const QByteArray n = QByteArray::number(i);
        json += "\n  {\n    \"id\": " + n + ",\n    \"name\": \"Item " + n
            + "\",\n    \"price\": " + QByteArray::number(double(i % 1000) + 0.99, 'f', 2)
            + ",\n    \"tags\": [\"sandbox\", \"large\"],\n    \"inStock\": "
            + (i % 3 ? "true" : "false") + "\n  }" + (i < items ? "," : "");
    }
    json += items > 0 ? "\n]\n" : "]\n";
    return jsonReply(200, std::move(json));
}

} // namespace

QByteArray echoJson(const SandboxRequest &request)
{
    JsonValue json;
    JsonValue form = JsonValue::emptyObject();
    JsonValue files = JsonValue::emptyObject();
    const QByteArray type = request.mediaType();
    if (type == "application/x-www-form-urlencoded") {
        form = multiMap(formItems(request.body));
    } else if (type == "multipart/form-data") {
        const Multipart parts
            = parseMultipart(request.body, parameterOf(request.header("content-type"), "boundary"));
        form = multiMap(parts.form);
        files = multiMap(parts.files);
    } else if (!request.body.isEmpty()) {
        // Parsed with the ordered DOM, so the echo shows members and numbers as they were sent.
        const Result<JsonValue> parsed = parseJson(request.body);
        if (parsed.ok())
            json = *parsed;
    }
    // Members in httpbin's (alphabetical) order.
    const JsonValue echo = JsonValue::fromMembers({
        {QStringLiteral("args"),
         multiMap(formItems(request.url.query(QUrl::FullyEncoded).toLatin1()))},
        {QStringLiteral("data"), text(QString::fromUtf8(request.body))},
        {QStringLiteral("files"), files},
        {QStringLiteral("form"), form},
        {QStringLiteral("headers"), headersObject(request)},
        {QStringLiteral("json"), json},
        {QStringLiteral("method"), text(QString::fromLatin1(request.method))},
        {QStringLiteral("origin"), text(request.remoteAddress)},
        {QStringLiteral("url"), text(request.url.toString(QUrl::FullyEncoded))},
    });
    return toJson(echo);
}

std::optional<SandboxReply> handleHttpbinRoute(const SandboxRequest &request)
{
    const QStringList segments = request.segments();
    if (segments.isEmpty())
        return std::nullopt;
    const QString &first = segments.first();
    const QByteArray &method = request.method;

    if (first == QLatin1String("anything"))
        return method == "OPTIONS" ? optionsReply(anyMethod) : echo(request);

    if (segments.size() == 1) {
        static const QStringList methodEchoes
            = {QStringLiteral("get"), QStringLiteral("post"), QStringLiteral("put"),
               QStringLiteral("patch"), QStringLiteral("delete")};
        if (methodEchoes.contains(first)) {
            const QByteArray expected = first.toUpper().toLatin1();
            if (method == expected || (expected == "GET" && method == "HEAD"))
                return echo(request);
            return methodNotAllowed(method, {expected, "OPTIONS"});
        }
        if (first == QLatin1String("redirect-to"))
            return redirectRoute(request);
        if (first == QLatin1String("gzip") || first == QLatin1String("large")) {
            if (!readMethods.contains(method))
                return methodNotAllowed(method, readMethods);
            if (method == "OPTIONS")
                return optionsReply(readMethods);
            return first == QLatin1String("gzip") ? gzipRoute(request) : largeRoute(request);
        }
        return std::nullopt;
    }

    if (segments.size() == 2) {
        if (first == QLatin1String("status"))
            return statusRoute(segments.at(1));
        if (first == QLatin1String("delay"))
            return delayRoute(request, segments.at(1));
        if (first == QLatin1String("bytes")) {
            if (!readMethods.contains(method))
                return methodNotAllowed(method, readMethods);
            if (method == "OPTIONS")
                return optionsReply(readMethods);
            return bytesRoute(request, segments.at(1));
        }
    }
    return std::nullopt;
}

} // namespace Patchbay::Core::Sandbox
