#include "core/http/requestjson.h"

#include "core/network/networksettings.h"

#include <QJsonArray>

namespace Patchbay::Core {

namespace {

QJsonArray rowsToJson(const KeyValueList &rows)
{
    QJsonArray a;
    for (const KeyValue &kv : rows) {
        QJsonObject o {{QStringLiteral("name"), kv.name},
                       {QStringLiteral("value"), kv.value},
                       {QStringLiteral("enabled"), kv.enabled}};
        if (!kv.hasValue)
            o.insert(QStringLiteral("noValue"), true); // ?flag: older readers see "flag="
        a.append(o);
    }
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
                     o.value(QLatin1String("enabled")).toBool(true),
                     !o.value(QLatin1String("noValue")).toBool(false)});
    }
    return rows;
}

template<typename E> E enumFromJson(const QJsonValue &v, E last)
{
    const int i = v.toInt(0);
    return (i < 0 || i > int(last)) ? E {} : E(i);
}

// The signing schemes' settings (core/auth/signingconfig.h), written only when set.
QJsonObject signingToJson(const Auth &a)
{
    QJsonObject o;
    if (a.digest != DigestConfig {})
        o.insert(QStringLiteral("digest"),
                 QJsonObject {{QStringLiteral("username"), a.digest.username},
                              {QStringLiteral("password"), a.digest.password},
                              {QStringLiteral("preferAuthInt"), a.digest.preferAuthInt}});
    const AwsSigV4Config &w = a.awsSigV4;
    if (w != AwsSigV4Config {})
        o.insert(QStringLiteral("awsv4"),
                 QJsonObject {{QStringLiteral("accessKeyId"), w.accessKeyId},
                              {QStringLiteral("secretAccessKey"), w.secretAccessKey},
                              {QStringLiteral("sessionToken"), w.sessionToken},
                              {QStringLiteral("region"), w.region},
                              {QStringLiteral("service"), w.service},
                              {QStringLiteral("placement"), int(w.placement)},
                              {QStringLiteral("unsignedPayload"), w.unsignedPayload},
                              {QStringLiteral("signedHeaders"),
                               QJsonArray::fromStringList(w.extraSignedHeaders)},
                              {QStringLiteral("expiresSeconds"), w.expiresSeconds}});
    const OAuth1Config &n = a.oauth1;
    if (n != OAuth1Config {})
        o.insert(QStringLiteral("oauth1"),
                 QJsonObject {{QStringLiteral("consumerKey"), n.consumerKey},
                              {QStringLiteral("consumerSecret"), n.consumerSecret},
                              {QStringLiteral("token"), n.token},
                              {QStringLiteral("tokenSecret"), n.tokenSecret},
                              {QStringLiteral("privateKey"), n.privateKeyPem},
                              {QStringLiteral("signatureMethod"), int(n.signatureMethod)},
                              {QStringLiteral("placement"), int(n.placement)},
                              {QStringLiteral("callback"), n.callback},
                              {QStringLiteral("verifier"), n.verifier},
                              {QStringLiteral("realm"), n.realm},
                              {QStringLiteral("includeVersion"), n.includeVersion}});
    const JwtBearerConfig &j = a.jwt;
    if (j != JwtBearerConfig {})
        o.insert(QStringLiteral("jwt"),
                 QJsonObject {{QStringLiteral("algorithm"), int(j.algorithm)},
                              {QStringLiteral("key"), j.key},
                              {QStringLiteral("keyFormat"), int(j.keyFormat)},
                              {QStringLiteral("keyId"), j.keyId},
                              {QStringLiteral("claims"), j.claimsTemplate},
                              {QStringLiteral("lifetimeSeconds"), j.lifetimeSeconds},
                              {QStringLiteral("notBefore"), j.setNotBefore},
                              {QStringLiteral("jwtId"), j.setJwtId},
                              {QStringLiteral("placement"), int(j.placement)},
                              {QStringLiteral("headerName"), j.headerName},
                              {QStringLiteral("headerPrefix"), j.headerPrefix},
                              {QStringLiteral("queryParam"), j.queryParamName}});
    return o;
}

QString str(const QJsonObject &o, const char *key, const QString &fallback = {})
{
    return o.value(QLatin1String(key)).toString(fallback);
}

void signingFromJson(const QJsonObject &auth, Auth &a)
{
    const QJsonObject d = auth.value(QLatin1String("digest")).toObject();
    a.digest.username = str(d, "username");
    a.digest.password = str(d, "password");
    a.digest.preferAuthInt = d.value(QLatin1String("preferAuthInt")).toBool();
    const QJsonObject w = auth.value(QLatin1String("awsv4")).toObject();
    AwsSigV4Config &aws = a.awsSigV4;
    aws.accessKeyId = str(w, "accessKeyId");
    aws.secretAccessKey = str(w, "secretAccessKey");
    aws.sessionToken = str(w, "sessionToken");
    aws.region = str(w, "region");
    aws.service = str(w, "service");
    aws.placement = enumFromJson(w.value(QLatin1String("placement")), AwsSigV4Placement::Query);
    aws.unsignedPayload = w.value(QLatin1String("unsignedPayload")).toBool();
    for (const QJsonValue &name : w.value(QLatin1String("signedHeaders")).toArray())
        aws.extraSignedHeaders << name.toString();
    aws.expiresSeconds = w.value(QLatin1String("expiresSeconds")).toInt(aws.expiresSeconds);
    const QJsonObject n = auth.value(QLatin1String("oauth1")).toObject();
    OAuth1Config &o1 = a.oauth1;
    o1.consumerKey = str(n, "consumerKey");
    o1.consumerSecret = str(n, "consumerSecret");
    o1.token = str(n, "token");
    o1.tokenSecret = str(n, "tokenSecret");
    o1.privateKeyPem = str(n, "privateKey");
    o1.signatureMethod
        = enumFromJson(n.value(QLatin1String("signatureMethod")), OAuth1SignatureMethod::Plaintext);
    o1.placement = enumFromJson(n.value(QLatin1String("placement")), OAuth1Placement::Query);
    o1.callback = str(n, "callback");
    o1.verifier = str(n, "verifier");
    o1.realm = str(n, "realm");
    o1.includeVersion = n.value(QLatin1String("includeVersion")).toBool(o1.includeVersion);
    const QJsonObject j = auth.value(QLatin1String("jwt")).toObject();
    JwtBearerConfig &jwt = a.jwt;
    jwt.algorithm = enumFromJson(j.value(QLatin1String("algorithm")), JwtAlgorithm::ES256);
    jwt.key = str(j, "key");
    jwt.keyFormat = enumFromJson(j.value(QLatin1String("keyFormat")), JwtKeyFormat::Pem);
    jwt.keyId = str(j, "keyId");
    jwt.claimsTemplate = str(j, "claims", jwt.claimsTemplate);
    jwt.lifetimeSeconds = j.value(QLatin1String("lifetimeSeconds")).toInt(jwt.lifetimeSeconds);
    jwt.setNotBefore = j.value(QLatin1String("notBefore")).toBool();
    jwt.setJwtId = j.value(QLatin1String("jwtId")).toBool();
    jwt.placement = enumFromJson(j.value(QLatin1String("placement")), JwtPlacement::Query);
    jwt.headerName = str(j, "headerName", jwt.headerName);
    jwt.headerPrefix = str(j, "headerPrefix", jwt.headerPrefix);
    jwt.queryParamName = str(j, "queryParam", jwt.queryParamName);
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
    const QJsonObject body {
        {QStringLiteral("mode"), int(r.body.mode)},
        {QStringLiteral("text"), r.body.text},
        {QStringLiteral("contentType"), r.body.contentType},
        {QStringLiteral("formFields"), rowsToJson(r.body.formFields)},
        {QStringLiteral("multipartFields"), multipart},
        {QStringLiteral("filePath"), r.body.filePath},
        {QStringLiteral("graphql"),
         QJsonObject {{QStringLiteral("query"), r.body.graphql.query},
                      {QStringLiteral("variables"), r.body.graphql.variables},
                      {QStringLiteral("operationName"), r.body.graphql.operationName},
                      {QStringLiteral("schemaFile"), r.body.graphql.schemaFile}}}};
    QJsonObject auth {{QStringLiteral("mode"), int(r.auth.mode)},
                      {QStringLiteral("username"), r.auth.username},
                      {QStringLiteral("password"), r.auth.password},
                      {QStringLiteral("token"), r.auth.token},
                      {QStringLiteral("keyName"), r.auth.keyName},
                      {QStringLiteral("keyValue"), r.auth.keyValue},
                      {QStringLiteral("keyLocation"), int(r.auth.keyLocation)},
                      {QStringLiteral("oauth2"), oauth2ConfigToJson(r.auth.oauth2)}};
    const QJsonObject signing = signingToJson(r.auth);
    for (auto it = signing.begin(); it != signing.end(); ++it)
        auth.insert(it.key(), it.value());
    const QJsonObject settings {
        {QStringLiteral("timeoutMs"), r.settings.timeoutMs},
        {QStringLiteral("followRedirects"), r.settings.followRedirects},
        {QStringLiteral("maxRedirects"), r.settings.maxRedirects},
        {QStringLiteral("verifyTls"), r.settings.verifyTls},
        {QStringLiteral("streamToFileThreshold"), double(r.settings.streamToFileThreshold)},
        {QStringLiteral("maxDecompressedBytes"), double(r.settings.maxDecompressedBytes)},
        {QStringLiteral("maxTimeMs"), r.settings.maxTimeMs},
        {QStringLiteral("maxBodyBytes"), double(r.settings.maxBodyBytes)},
        {QStringLiteral("keepHeadersOnRedirect"),
         QJsonArray::fromStringList(r.settings.keepHeadersOnRedirect)},
        {QStringLiteral("proxy"), proxyOverrideName(r.settings.proxy)},
        {QStringLiteral("proxyUrl"), r.settings.proxyUrl},
        {QStringLiteral("caCertificates"), r.settings.caCertificates},
        {QStringLiteral("clientCertificate"), r.settings.clientCertificate},
        {QStringLiteral("clientKey"), r.settings.clientKey},
        {QStringLiteral("clientPassphrase"), r.settings.clientPassphrase},
        {QStringLiteral("http1Only"), r.settings.http1Only},
        {QStringLiteral("cookies"), r.settings.cookies}};
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
    r.body.mode = enumFromJson(body.value(QLatin1String("mode")), BodyMode::GraphQl);
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
    const QJsonObject graphql = body.value(QLatin1String("graphql")).toObject();
    r.body.graphql.query = graphql.value(QLatin1String("query")).toString();
    r.body.graphql.variables = graphql.value(QLatin1String("variables")).toString();
    r.body.graphql.operationName = graphql.value(QLatin1String("operationName")).toString();
    r.body.graphql.schemaFile = graphql.value(QLatin1String("schemaFile")).toString();
    const QJsonObject auth = o.value(QLatin1String("auth")).toObject();
    // Rows written before modes existed have none: inherit, as their requests did.
    r.auth.mode = auth.contains(QLatin1String("mode"))
        ? enumFromJson(auth.value(QLatin1String("mode")), AuthMode::Inherit)
        : AuthMode::Inherit;
    r.auth.username = auth.value(QLatin1String("username")).toString();
    r.auth.password = auth.value(QLatin1String("password")).toString();
    r.auth.token = auth.value(QLatin1String("token")).toString();
    r.auth.keyName = auth.value(QLatin1String("keyName")).toString();
    r.auth.keyValue = auth.value(QLatin1String("keyValue")).toString();
    r.auth.keyLocation
        = enumFromJson(auth.value(QLatin1String("keyLocation")), ApiKeyLocation::Query);
    r.auth.oauth2 = oauth2ConfigFromJson(auth.value(QLatin1String("oauth2")).toObject());
    signingFromJson(auth, r.auth);
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
    r.settings.maxTimeMs = s.value(QLatin1String("maxTimeMs")).toInt(defaults.maxTimeMs);
    r.settings.maxBodyBytes
        = qint64(s.value(QLatin1String("maxBodyBytes")).toDouble(double(defaults.maxBodyBytes)));
    for (const QJsonValue &name : s.value(QLatin1String("keepHeadersOnRedirect")).toArray())
        r.settings.keepHeadersOnRedirect.append(name.toString());
    r.settings.proxy = proxyOverrideFromName(s.value(QLatin1String("proxy")).toString())
                           .value_or(defaults.proxy);
    r.settings.proxyUrl = s.value(QLatin1String("proxyUrl")).toString();
    r.settings.caCertificates = s.value(QLatin1String("caCertificates")).toString();
    r.settings.clientCertificate = s.value(QLatin1String("clientCertificate")).toString();
    r.settings.clientKey = s.value(QLatin1String("clientKey")).toString();
    r.settings.clientPassphrase = s.value(QLatin1String("clientPassphrase")).toString();
    r.settings.http1Only = s.value(QLatin1String("http1Only")).toBool(defaults.http1Only);
    r.settings.cookies = s.value(QLatin1String("cookies")).toBool(defaults.cookies);
    r.kind = enumFromJson(o.value(QLatin1String("kind")), RequestKind::WebSocket);
    r.websocket = webSocketFromJson(o.value(QLatin1String("websocket")).toObject());
    return r;
}

} // namespace Patchbay::Core
