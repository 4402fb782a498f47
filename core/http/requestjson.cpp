#include "core/http/requestjson.h"

#include <QJsonArray>

namespace Patchbay::Core {

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
    const QJsonArray a = v.toArray();
    rows.reserve(a.size());
    for (const QJsonValue &item : a) {
        const QJsonObject o = item.toObject();
        rows.append({o.value(QLatin1String("name")).toString(),
                     o.value(QLatin1String("value")).toString(),
                     o.value(QLatin1String("enabled")).toBool(true)});
    }
    return rows;
}

template<typename E> E enumFromJson(const QJsonValue &v, E last)
{
    const int i = v.toInt(0);
    return (i < 0 || i > int(last)) ? E {} : E(i);
}

QJsonObject webSocketToJson(const WebSocketOptions &ws)
{
    QJsonArray messages;
    for (const WebSocketMessage &m : ws.messages)
        messages.append(QJsonObject {{QStringLiteral("name"), m.name},
                                     {QStringLiteral("payload"), int(m.payload)},
                                     {QStringLiteral("text"), m.text},
                                     {QStringLiteral("enabled"), m.enabled}});
    return QJsonObject {
        {QStringLiteral("subprotocols"), QJsonArray::fromStringList(ws.subprotocols)},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("expectMessages"), ws.expectMessages}};
}

WebSocketOptions webSocketFromJson(const QJsonObject &o)
{
    WebSocketOptions ws;
    for (const QJsonValue &v : o.value(QLatin1String("subprotocols")).toArray())
        ws.subprotocols.append(v.toString());
    for (const QJsonValue &item : o.value(QLatin1String("messages")).toArray()) {
        const QJsonObject m = item.toObject();
        ws.messages.append(
            {m.value(QLatin1String("name")).toString(),
             enumFromJson(m.value(QLatin1String("payload")), WebSocketPayload::Binary),
             m.value(QLatin1String("text")).toString(),
             m.value(QLatin1String("enabled")).toBool(true)});
    }
    ws.expectMessages = o.value(QLatin1String("expectMessages")).toInt(0);
    return ws;
}

} // namespace

QJsonObject requestToJson(const Request &r)
{
    QJsonArray multipart;
    for (const MultipartField &f : r.body.multipartFields)
        multipart.append(QJsonObject {{QStringLiteral("name"), f.name},
                                      {QStringLiteral("value"), f.value},
                                      {QStringLiteral("isFile"), f.isFile},
                                      {QStringLiteral("contentType"), f.contentType},
                                      {QStringLiteral("enabled"), f.enabled}});
    const QJsonObject body {{QStringLiteral("mode"), int(r.body.mode)},
                            {QStringLiteral("text"), r.body.text},
                            {QStringLiteral("contentType"), r.body.contentType},
                            {QStringLiteral("formFields"), rowsToJson(r.body.formFields)},
                            {QStringLiteral("multipartFields"), multipart},
                            {QStringLiteral("filePath"), r.body.filePath}};
    const QJsonObject auth {{QStringLiteral("mode"), int(r.auth.mode)},
                            {QStringLiteral("username"), r.auth.username},
                            {QStringLiteral("password"), r.auth.password},
                            {QStringLiteral("token"), r.auth.token},
                            {QStringLiteral("keyName"), r.auth.keyName},
                            {QStringLiteral("keyValue"), r.auth.keyValue},
                            {QStringLiteral("keyLocation"), int(r.auth.keyLocation)}};
    const QJsonObject settings {
        {QStringLiteral("timeoutMs"), r.settings.timeoutMs},
        {QStringLiteral("followRedirects"), r.settings.followRedirects},
        {QStringLiteral("maxRedirects"), r.settings.maxRedirects},
        {QStringLiteral("verifyTls"), r.settings.verifyTls},
        {QStringLiteral("streamToFileThreshold"), double(r.settings.streamToFileThreshold)},
        {QStringLiteral("maxDecompressedBytes"), double(r.settings.maxDecompressedBytes)}};
    QJsonObject object {{QStringLiteral("method"), r.method},
                        {QStringLiteral("url"), r.url},
                        {QStringLiteral("params"), rowsToJson(r.params)},
                        {QStringLiteral("headers"), rowsToJson(r.headers)},
                        {QStringLiteral("body"), body},
                        {QStringLiteral("auth"), auth},
                        {QStringLiteral("settings"), settings}};
    // Written only for other kinds, so that rows of HTTP requests keep their old shape.
    if (r.kind != RequestKind::Http)
        object.insert(QStringLiteral("kind"), int(r.kind));
    if (!r.websocket.isEmpty())
        object.insert(QStringLiteral("websocket"), webSocketToJson(r.websocket));
    return object;
}

Request requestFromJson(const QJsonObject &o)
{
    Request r;
    r.method = o.value(QLatin1String("method")).toString(r.method);
    r.url = o.value(QLatin1String("url")).toString();
    r.params = rowsFromJson(o.value(QLatin1String("params")));
    r.headers = rowsFromJson(o.value(QLatin1String("headers")));
    const QJsonObject body = o.value(QLatin1String("body")).toObject();
    r.body.mode = enumFromJson(body.value(QLatin1String("mode")), BodyMode::BinaryFile);
    r.body.text = body.value(QLatin1String("text")).toString();
    r.body.contentType = body.value(QLatin1String("contentType")).toString();
    r.body.formFields = rowsFromJson(body.value(QLatin1String("formFields")));
    for (const QJsonValue &item : body.value(QLatin1String("multipartFields")).toArray()) {
        const QJsonObject f = item.toObject();
        r.body.multipartFields.append({f.value(QLatin1String("name")).toString(),
                                       f.value(QLatin1String("value")).toString(),
                                       f.value(QLatin1String("isFile")).toBool(),
                                       f.value(QLatin1String("contentType")).toString(),
                                       f.value(QLatin1String("enabled")).toBool(true)});
    }
    r.body.filePath = body.value(QLatin1String("filePath")).toString();
    const QJsonObject auth = o.value(QLatin1String("auth")).toObject();
    r.auth.mode = enumFromJson(auth.value(QLatin1String("mode")), AuthMode::ApiKey);
    r.auth.username = auth.value(QLatin1String("username")).toString();
    r.auth.password = auth.value(QLatin1String("password")).toString();
    r.auth.token = auth.value(QLatin1String("token")).toString();
    r.auth.keyName = auth.value(QLatin1String("keyName")).toString();
    r.auth.keyValue = auth.value(QLatin1String("keyValue")).toString();
    r.auth.keyLocation
        = enumFromJson(auth.value(QLatin1String("keyLocation")), ApiKeyLocation::Query);
    const QJsonObject s = o.value(QLatin1String("settings")).toObject();
    const RequestSettings defaults;
    r.settings.timeoutMs = s.value(QLatin1String("timeoutMs")).toInt(defaults.timeoutMs);
    r.settings.followRedirects
        = s.value(QLatin1String("followRedirects")).toBool(defaults.followRedirects);
    r.settings.maxRedirects = s.value(QLatin1String("maxRedirects")).toInt(defaults.maxRedirects);
    r.settings.verifyTls = s.value(QLatin1String("verifyTls")).toBool(defaults.verifyTls);
    r.settings.streamToFileThreshold = qint64(
        s.value(QLatin1String("streamToFileThreshold")).toDouble(defaults.streamToFileThreshold));
    r.settings.maxDecompressedBytes = qint64(
        s.value(QLatin1String("maxDecompressedBytes")).toDouble(defaults.maxDecompressedBytes));
    r.kind = enumFromJson(o.value(QLatin1String("kind")), RequestKind::WebSocket);
    r.websocket = webSocketFromJson(o.value(QLatin1String("websocket")).toObject());
    return r;
}

} // namespace Patchbay::Core
