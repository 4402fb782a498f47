#include "core/collections/collectionformat.h"

#include "core/collections/authformat.h"
#include "core/collections/canonicalyaml.h"
#include "core/collections/yamlreading.h"
#include "core/collections/yamlwriter.h"

#include "core/common/boundedyaml.h"
#include "core/network/networksettings.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>

namespace Patchbay::Core {

using namespace CollectionYaml;

namespace {

// ---------------------------------------------------------------------------------------------
// Writing

void writeBody(YamlWriter &w, const RequestBody &body)
{
    if (body == RequestBody {})
        return;
    w.section(0, "body");
    w.string(2, false, "mode", bodyModeName(body.mode));
    if (!body.contentType.isEmpty())
        w.string(2, false, "contentType", body.contentType);
    if (!body.filePath.isEmpty())
        w.string(2, false, "file", body.filePath);
    writeKeyValues(w, 2, "fields", body.formFields);
    if (!body.multipartFields.isEmpty()) {
        w.section(2, "parts");
        for (const MultipartField &f : body.multipartFields) {
            w.string(6, true, "name", f.name);
            w.string(6, false, "value", f.value);
            if (f.isFile)
                w.boolean(6, false, "file", true);
            if (!f.contentType.isEmpty())
                w.string(6, false, "contentType", f.contentType);
            if (!f.enabled)
                w.boolean(6, false, "enabled", false);
        }
    }
    if (!body.text.isEmpty())
        w.string(2, false, "text", body.text);
    const GraphQlBody &g = body.graphql;
    if (!g.query.isEmpty())
        w.string(2, false, "query", g.query);
    if (!g.operationName.isEmpty())
        w.string(2, false, "operationName", g.operationName);
    if (!g.variables.isEmpty())
        w.string(2, false, "variables", g.variables);
    if (!g.schemaFile.isEmpty())
        w.string(2, false, "schema", g.schemaFile);
}

// Subprotocols are tokens (RFC 6455), so one comma-separated line, as in the header, is
// lossless and keeps the file in the fast reader's subset.
void writeWebSocket(YamlWriter &w, const WebSocketOptions &ws)
{
    if (ws.isEmpty())
        return;
    w.section(0, "websocket");
    if (!ws.subprotocols.isEmpty())
        w.string(2, false, "subprotocols", ws.subprotocols.join(QLatin1String(", ")));
    if (ws.expectMessages != 0)
        w.integer(2, false, "expectMessages", ws.expectMessages);
    if (!ws.messages.isEmpty()) {
        w.section(2, "messages");
        for (const WebSocketMessage &m : ws.messages) {
            w.string(6, true, "name", m.name);
            if (m.payload != WebSocketPayload::Text)
                w.string(6, false, "mode", webSocketPayloadName(m.payload));
            w.string(6, false, "text", m.text);
            if (!m.enabled)
                w.boolean(6, false, "enabled", false);
        }
    }
}

void writeSettings(YamlWriter &w, const RequestSettings &s)
{
    const RequestSettings d;
    if (s == d)
        return;
    w.section(0, "settings");
    if (s.timeoutMs != d.timeoutMs)
        w.integer(2, false, "timeoutMs", s.timeoutMs);
    if (s.followRedirects != d.followRedirects)
        w.boolean(2, false, "followRedirects", s.followRedirects);
    if (s.maxRedirects != d.maxRedirects)
        w.integer(2, false, "maxRedirects", s.maxRedirects);
    if (s.verifyTls != d.verifyTls)
        w.boolean(2, false, "verifyTls", s.verifyTls);
    if (s.streamToFileThreshold != d.streamToFileThreshold)
        w.integer(2, false, "streamToFileThreshold", s.streamToFileThreshold);
    if (s.maxDecompressedBytes != d.maxDecompressedBytes)
        w.integer(2, false, "maxDecompressedBytes", s.maxDecompressedBytes);
    if (s.maxTimeMs != d.maxTimeMs)
        w.integer(2, false, "maxTimeMs", s.maxTimeMs);
    if (s.maxBodyBytes != d.maxBodyBytes)
        w.integer(2, false, "maxBodyBytes", s.maxBodyBytes);
    if (s.keepHeadersOnRedirect != d.keepHeadersOnRedirect)
        w.string(2, false, "keepHeadersOnRedirect", s.keepHeadersOnRedirect.join(u", "));
    if (s.proxy != d.proxy)
        w.string(2, false, "proxy", proxyOverrideName(s.proxy));
    if (!s.proxyUrl.isEmpty())
        w.string(2, false, "proxyUrl", s.proxyUrl);
    if (!s.caCertificates.isEmpty())
        w.string(2, false, "caCertificates", s.caCertificates);
    if (!s.clientCertificate.isEmpty())
        w.string(2, false, "clientCertificate", s.clientCertificate);
    if (!s.clientKey.isEmpty())
        w.string(2, false, "clientKey", s.clientKey);
    if (!s.clientPassphrase.isEmpty())
        w.string(2, false, "clientPassphrase", s.clientPassphrase);
    if (s.http1Only != d.http1Only)
        w.boolean(2, false, "http1Only", s.http1Only);
    if (s.cookies != d.cookies)
        w.boolean(2, false, "cookies", s.cookies);
}

// Written only when there are some, so files without them keep their bytes.
void writeTests(YamlWriter &w, const QList<Assertion> &assertions, const QList<Capture> &captures)
{
    if (!assertions.isEmpty()) {
        w.section(0, "tests");
        for (const Assertion &a : assertions) {
            w.string(4, true, "kind", assertionKindName(a.kind));
            if (!a.target.isEmpty())
                w.string(4, false, "target", a.target);
            if (!a.expected.isEmpty())
                w.string(4, false, "expected", a.expected);
            if (!a.enabled)
                w.boolean(4, false, "enabled", false);
        }
    }
    if (!captures.isEmpty()) {
        w.section(0, "captures");
        for (const Capture &c : captures) {
            w.string(4, true, "variable", c.variable);
            w.string(4, false, c.source == CaptureSource::Header ? "header" : "json", c.path);
            if (!c.enabled)
                w.boolean(4, false, "enabled", false);
        }
    }
}

// Written only when there is a script, so files without scripts keep their bytes.
void writeScripts(YamlWriter &w, const QString &preRequest, const QString &test)
{
    if (preRequest.isEmpty() && test.isEmpty())
        return;
    w.section(0, "scripts");
    if (!preRequest.isEmpty())
        w.string(2, false, "preRequest", preRequest);
    if (!test.isEmpty())
        w.string(2, false, "test", test);
}

// ---------------------------------------------------------------------------------------------
// Reading. yaml-cpp throws; exceptions never leave this file.

template<typename Node> RequestBody readBody(const Node &map)
{
    RequestBody body;
    if (!hasMap(map, "body"))
        return body;
    NodeValue<Node> node = map["body"];
    const QString mode = readString(node, "mode");
    static const BodyMode modes[]
        = {BodyMode::None,      BodyMode::Json,       BodyMode::Text,   BodyMode::FormUrlEncoded,
           BodyMode::Multipart, BodyMode::BinaryFile, BodyMode::GraphQl};
    bool known = mode.isEmpty();
    for (BodyMode m : modes) {
        if (bodyModeName(m) == mode) {
            body.mode = m;
            known = true;
        }
    }
    if (!known)
        fail(node["mode"],
             QLatin1String("unknown body mode \"") + mode
                 + QLatin1String("\" (expected none, json, text, form-urlencoded, "
                                 "multipart, file or graphql)"));
    body.contentType = readString(node, "contentType");
    body.filePath = readString(node, "file");
    body.formFields = readKeyValues(node, "fields");
    if (hasList(node, "parts")) {
        NodeValue<Node> parts = node["parts"];
        for (const auto &item : parts) {
            requireMapItem(item, "parts");
            MultipartField f;
            f.name = readString(item, "name");
            f.value = readString(item, "value");
            f.isFile = readBool(item, "file", false);
            f.contentType = readString(item, "contentType");
            f.enabled = readBool(item, "enabled", true);
            body.multipartFields.append(f);
        }
    }
    body.text = readString(node, "text");
    body.graphql.query = readString(node, "query");
    body.graphql.operationName = readString(node, "operationName");
    body.graphql.variables = readString(node, "variables");
    body.graphql.schemaFile = readString(node, "schema");
    return body;
}

template<typename Node> RequestKind readKind(const Node &map)
{
    const QString name = readString(map, "kind");
    if (name.isEmpty())
        return RequestKind::Http;
    const std::optional<RequestKind> kind = requestKindFromName(name);
    if (!kind)
        fail(map["kind"],
             QLatin1String("unknown request kind \"") + name
                 + QLatin1String("\" (expected http, graphql or websocket)"));
    return *kind;
}

template<typename Node> WebSocketOptions readWebSocket(const Node &map)
{
    WebSocketOptions ws;
    if (!hasMap(map, "websocket"))
        return ws;
    NodeValue<Node> node = map["websocket"];
    for (const QString &name : readString(node, "subprotocols").split(u',')) {
        if (!name.trimmed().isEmpty())
            ws.subprotocols.append(name.trimmed());
    }
    ws.expectMessages = int(qBound(qint64(0), readInt(node, "expectMessages", 0), qint64(1000000)));
    if (hasList(node, "messages")) {
        NodeValue<Node> list = node["messages"];
        for (const auto &item : list) {
            requireMapItem(item, "messages");
            WebSocketMessage m;
            m.name = readString(item, "name");
            const QString mode = readString(item, "mode");
            if (!mode.isEmpty() && !webSocketPayloadFromName(mode, &m.payload))
                fail(item["mode"],
                     QLatin1String("unknown message mode \"") + mode
                         + QLatin1String("\" (expected text, json or binary)"));
            m.text = readString(item, "text");
            m.enabled = readBool(item, "enabled", true);
            ws.messages.append(m);
        }
    }
    return ws;
}

template<typename Node> RequestSettings readSettings(const Node &map)
{
    RequestSettings s;
    if (!hasMap(map, "settings"))
        return s;
    NodeValue<Node> node = map["settings"];
    s.timeoutMs = int(readInt(node, "timeoutMs", s.timeoutMs));
    s.followRedirects = readBool(node, "followRedirects", s.followRedirects);
    s.maxRedirects = int(readInt(node, "maxRedirects", s.maxRedirects));
    s.verifyTls = readBool(node, "verifyTls", s.verifyTls);
    s.streamToFileThreshold = readInt(node, "streamToFileThreshold", s.streamToFileThreshold);
    s.maxDecompressedBytes = readInt(node, "maxDecompressedBytes", s.maxDecompressedBytes);
    s.maxTimeMs = int(readInt(node, "maxTimeMs", s.maxTimeMs));
    s.maxBodyBytes = readInt(node, "maxBodyBytes", s.maxBodyBytes);
    for (const QString &name :
         readString(node, "keepHeadersOnRedirect").split(u',', Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            s.keepHeadersOnRedirect.append(name.trimmed());
    }
    const QString proxy = readString(node, "proxy");
    const std::optional<ProxyOverride> override = proxyOverrideFromName(proxy);
    if (!override)
        fail(node["proxy"],
             QLatin1String("unknown proxy setting \"") + proxy
                 + QLatin1String("\" (expected inherit, none, system or manual)"));
    s.proxy = *override;
    s.proxyUrl = readString(node, "proxyUrl");
    s.caCertificates = readString(node, "caCertificates");
    s.clientCertificate = readString(node, "clientCertificate");
    s.clientKey = readString(node, "clientKey");
    s.clientPassphrase = readString(node, "clientPassphrase");
    s.http1Only = readBool(node, "http1Only", s.http1Only);
    s.cookies = readBool(node, "cookies", s.cookies);
    return s;
}

template<typename Node> QList<Assertion> readAssertions(const Node &map)
{
    QList<Assertion> assertions;
    if (!hasList(map, "tests"))
        return assertions;
    NodeValue<Node> list = map["tests"];
    for (const auto &item : list) {
        if (!item.IsMap())
            fail(item,
                 QStringLiteral("each entry of `tests` must be a mapping (kind, target, "
                                "expected)"));
        Assertion a;
        const QString kind = readString(item, "kind");
        if (!assertionKindFromName(kind, &a.kind)) {
            QStringList names;
            for (AssertionKind k : allAssertionKinds())
                names.append(assertionKindName(k));
            fail(item,
                 QLatin1String("unknown test kind \"") + kind
                     + QLatin1String("\" (expected one of ") + names.join(QStringLiteral(", "))
                     + u')');
        }
        a.target = readString(item, "target");
        a.expected = readString(item, "expected");
        a.enabled = readBool(item, "enabled", true);
        assertions.append(a);
    }
    return assertions;
}

template<typename Node> QList<Capture> readCaptures(const Node &map)
{
    QList<Capture> captures;
    if (!hasList(map, "captures"))
        return captures;
    NodeValue<Node> list = map["captures"];
    for (const auto &item : list) {
        if (!item.IsMap())
            fail(item,
                 QStringLiteral("each entry of `captures` must be a mapping (variable, "
                                "json or header)"));
        Capture c;
        c.variable = readString(item, "variable");
        NodeValue<Node> json = item["json"];
        NodeValue<Node> header = item["header"];
        const bool hasJson = json && !json.IsNull();
        const bool hasHeader = header && !header.IsNull();
        if (hasJson == hasHeader)
            fail(item,
                 QStringLiteral("a capture takes its value from either `json` (a JSON "
                                "pointer) or `header` (a header name)"));
        c.source = hasHeader ? CaptureSource::Header : CaptureSource::JsonPointer;
        c.path = readString(item, hasHeader ? "header" : "json");
        c.enabled = readBool(item, "enabled", true);
        captures.append(c);
    }
    return captures;
}

template<typename Node> void readScripts(const Node &map, QString &preRequest, QString &test)
{
    if (!hasMap(map, "scripts"))
        return;
    NodeValue<Node> node = map["scripts"];
    preRequest = readString(node, "preRequest");
    test = readString(node, "test");
}

// Checks the version key of a parsed document and hands its root mapping to `read`.
template<typename T, typename Node, typename ReadFn>
T readDocument(const Node &root, const ReadFn &read, int &version)
{
    if (!root.IsMap()) {
        throw FormatError {QStringLiteral("invalid-format"),
                           QStringLiteral("The file is not a Patchbay file: expected a mapping "
                                          "starting with `patchbay: %1`.")
                               .arg(kBaseFormatVersion),
                           int(root.Mark().line), int(root.Mark().column)};
    }
    NodeValue<Node> versionNode = root["patchbay"];
    if (!versionNode) {
        throw FormatError {QStringLiteral("invalid-format"),
                           QStringLiteral("The file is not a Patchbay file: the `patchbay: %1` "
                                          "format version line is missing.")
                               .arg(kBaseFormatVersion),
                           0, 0};
    }
    version = int(readInt(root, "patchbay", 0));
    if (version < 1)
        fail(versionNode, QStringLiteral("`patchbay` must be a format version (1 or more)"));
    T value = read(root);
    value.formatVersion = version;
    return value;
}

// Parses `yaml`: files in the form we write go through the fast canonical reader, anything else
// (and any file the fast reader finds wrong, for the authoritative message) through yaml-cpp.
template<typename T, typename ReadFn>
Result<T> parseFile(QByteArrayView yaml, ParseLocation *errorAt, YamlReader reader, ReadFn read)
{
    auto failure = [errorAt](const QString &code, const QString &message, int line, int column) {
        if (errorAt)
            *errorAt = {line, column};
        QString text = message;
        if (line > 0)
            text = QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
        return Error {code, text};
    };
    if (yaml.size() > kMaxCollectionFileSize) {
        return failure(QStringLiteral("file-too-large"),
                       QStringLiteral("The file is larger than %1 MiB; collection files are "
                                      "small text files. Check that it is the right file.")
                           .arg(kMaxCollectionFileSize / (1024 * 1024)),
                       0, 0);
    }
    int version = 0;
    if (reader != YamlReader::YamlCpp) {
        CanonicalNode root;
        if (parseCanonicalYaml(yaml, root)) {
            try {
                return readDocument<T>(root, read, version);
            } catch (const FormatError &) {
                // Fall through: yaml-cpp gives the message.
            }
        }
        if (reader == YamlReader::Canonical)
            return failure(QStringLiteral("not-canonical"),
                           QStringLiteral("Not in the canonical form."), 0, 0);
    }
    version = 0;
    YamlError yamlError;
    const Result<YAML::Node> loaded
        = loadBoundedYaml(yaml, collectionYamlLimits(), QStringLiteral("The file"), &yamlError);
    if (!loaded)
        return failure(yamlError.code, yamlError.message, yamlError.line, yamlError.column);
    try {
        return readDocument<T>(loaded.value(), read, version);
    } catch (const FormatError &e) {
        if (version > kCollectionFormatVersion) {
            return failure(QStringLiteral("newer-format"),
                           QStringLiteral("The file uses format version %1, newer than this "
                                          "Patchbay reads (%2): %3. Update Patchbay to open it.")
                               .arg(version)
                               .arg(kCollectionFormatVersion)
                               .arg(e.message),
                           e.line + 1, e.column + 1);
        }
        return failure(e.code, e.message, e.line + 1, e.column + 1);
    } catch (const YAML::Exception &e) {
        return failure(QStringLiteral("yaml-syntax"), toQString(e.msg), e.mark.line + 1,
                       e.mark.column + 1);
    } catch (const std::exception &e) {
        return failure(QStringLiteral("yaml-syntax"), QString::fromLocal8Bit(e.what()), 0, 0);
    }
}

} // namespace

YamlLimits collectionYamlLimits()
{
    YamlLimits limits;
    limits.maxBytes = kMaxCollectionFileSize;
    // Our files nest five levels; hand-written ones may use anchors for repeated rows.
    limits.maxDepth = 32;
    limits.maxNodes = 200000;
    limits.maxExpandedNodes = 400000;
    return limits;
}

QString bodyModeName(BodyMode mode)
{
    switch (mode) {
    case BodyMode::None:
        return QStringLiteral("none");
    case BodyMode::Json:
        return QStringLiteral("json");
    case BodyMode::Text:
        return QStringLiteral("text");
    case BodyMode::FormUrlEncoded:
        return QStringLiteral("form-urlencoded");
    case BodyMode::Multipart:
        return QStringLiteral("multipart");
    case BodyMode::BinaryFile:
        return QStringLiteral("file");
    case BodyMode::GraphQl:
        return QStringLiteral("graphql");
    }
    return QStringLiteral("none");
}

int requestFormatVersion(const SavedRequest &request)
{
    return request.request.kind == RequestKind::WebSocket ? 2 : kBaseFormatVersion;
}

QByteArray requestToYaml(const SavedRequest &saved)
{
    const Request &request = saved.request;
    YamlWriter w;
    w.integer(0, false, "patchbay", requestFormatVersion(saved));
    // GraphQL is stored as its body mode, which older readers refuse cleanly.
    if (request.kind == RequestKind::WebSocket)
        w.string(0, false, "kind", requestKindName(request.kind));
    w.string(0, false, "name", saved.name);
    w.integer(0, false, "order", saved.order);
    // A WebSocket handshake is always a GET: the method would only be noise.
    if (request.kind != RequestKind::WebSocket)
        w.string(0, false, "method", request.method);
    w.string(0, false, "url", request.url);
    writeKeyValues(w, 0, "params", request.params);
    writeKeyValues(w, 0, "headers", request.headers);
    writeBody(w, request.body);
    writeWebSocket(w, request.websocket);
    writeAuth(w, 0, saved.request.auth);
    writeSettings(w, saved.request.settings);
    writeTests(w, saved.assertions, saved.captures);
    writeScripts(w, saved.preRequestScript, saved.testScript);
    if (!saved.description.isEmpty())
        w.string(0, false, "description", saved.description);
    return w.take();
}

Result<SavedRequest> requestFromYaml(QByteArrayView yaml, ParseLocation *errorAt, YamlReader reader)
{
    return parseFile<SavedRequest>(yaml, errorAt, reader, [](const auto &root) {
        SavedRequest saved;
        const RequestKind kind = readKind(root);
        saved.request.kind = kind == RequestKind::WebSocket ? kind : RequestKind::Http;
        saved.name = readString(root, "name");
        saved.order = readInt(root, "order", 0);
        saved.request.method = readString(root, "method");
        if (saved.request.method.isEmpty())
            saved.request.method = QStringLiteral("GET");
        saved.request.url = readString(root, "url");
        saved.request.params = readKeyValues(root, "params", true);
        saved.request.headers = readKeyValues(root, "headers");
        saved.request.body = readBody(root);
        if (kind == RequestKind::GraphQl) {
            // `kind: graphql` (hand-written) says what the body mode says.
            if (saved.request.body.mode == BodyMode::None)
                saved.request.body.mode = BodyMode::GraphQl;
            else if (saved.request.body.mode != BodyMode::GraphQl)
                fail(root["kind"],
                     QStringLiteral("`kind: graphql` needs a GraphQL body (`body: mode: graphql`) "
                                    "or none; change the body mode or remove `kind`"));
        }
        saved.request.websocket = readWebSocket(root);
        saved.request.auth = readAuth(root);
        saved.request.settings = readSettings(root);
        saved.assertions = readAssertions(root);
        saved.captures = readCaptures(root);
        readScripts(root, saved.preRequestScript, saved.testScript);
        saved.description = readString(root, "description");
        return saved;
    });
}

// Collection, folder and environment files have nothing of a later version: they are written
// as version 1, or as the version they were read with (a hand-written `patchbay: 2` stays).
static int settingsFileVersion(int readWith)
{
    return std::clamp(readWith, kBaseFormatVersion, kCollectionFormatVersion);
}

QByteArray collectionToYaml(const CollectionInfo &collection)
{
    YamlWriter w;
    w.integer(0, false, "patchbay", settingsFileVersion(collection.formatVersion));
    if (!collection.id.isEmpty())
        w.string(0, false, "id", collection.id);
    w.string(0, false, "name", collection.name);
    writeVariables(w, 0, collection.variables);
    writeAuth(w, 0, collection.auth);
    writeKeyValues(w, 0, "headers", collection.headers);
    writeScripts(w, collection.preRequestScript, collection.testScript);
    if (!collection.description.isEmpty())
        w.string(0, false, "description", collection.description);
    return w.take();
}

Result<CollectionInfo> collectionFromYaml(QByteArrayView yaml, ParseLocation *errorAt)
{
    return parseFile<CollectionInfo>(yaml, errorAt, YamlReader::Auto, [](const auto &root) {
        CollectionInfo c;
        c.id = readString(root, "id");
        c.name = readString(root, "name");
        c.variables = readVariables(root);
        c.auth = readAuth(root);
        c.headers = readKeyValues(root, "headers");
        readScripts(root, c.preRequestScript, c.testScript);
        c.description = readString(root, "description");
        return c;
    });
}

QByteArray folderToYaml(const FolderInfo &folder)
{
    YamlWriter w;
    w.integer(0, false, "patchbay", settingsFileVersion(folder.formatVersion));
    w.string(0, false, "name", folder.name);
    w.integer(0, false, "order", folder.order);
    writeVariables(w, 0, folder.variables);
    writeAuth(w, 0, folder.auth);
    writeScripts(w, folder.preRequestScript, folder.testScript);
    if (!folder.description.isEmpty())
        w.string(0, false, "description", folder.description);
    return w.take();
}

Result<FolderInfo> folderFromYaml(QByteArrayView yaml, ParseLocation *errorAt)
{
    return parseFile<FolderInfo>(yaml, errorAt, YamlReader::Auto, [](const auto &root) {
        FolderInfo f;
        f.name = readString(root, "name");
        f.order = readInt(root, "order", 0);
        f.variables = readVariables(root);
        f.auth = readAuth(root);
        readScripts(root, f.preRequestScript, f.testScript);
        f.description = readString(root, "description");
        return f;
    });
}

QByteArray environmentToYaml(const Environment &environment)
{
    YamlWriter w;
    w.integer(0, false, "patchbay", settingsFileVersion(environment.formatVersion));
    w.string(0, false, "name", environment.name);
    writeVariables(w, 0, environment.variables);
    return w.take();
}

Result<Environment> environmentFromYaml(QByteArrayView yaml, ParseLocation *errorAt)
{
    return parseFile<Environment>(yaml, errorAt, YamlReader::Auto, [](const auto &root) {
        Environment e;
        e.name = readString(root, "name");
        e.variables = readVariables(root);
        return e;
    });
}

} // namespace Patchbay::Core
