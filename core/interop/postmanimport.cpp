#include "core/interop/postmanimport.h"

#include "core/graphql/graphqlinterop.h"
#include "core/interop/postmanauth.h"
#include "core/interop/postmanexport.h"
#include "core/interop/postmanv1.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QRegularExpression>

#include <optional>

namespace Patchbay::Core {

namespace {

struct Context
{
    const ImportLimits &limits;
    ImportReport report;
    int items = 0;
    std::optional<Error> error;
    Auth collectionAuth;
    // protocolProfileBehavior of the collection and the folders around the current item,
    // outermost first: a request inherits them, its own settings win.
    QList<JsonValue> behaviors;
};

QString quoted(const QString &path)
{
    return u'"' + path + u'"';
}

QString descriptionOf(const JsonValue &v)
{
    if (v.isObject())
        return jsonScalarText(v.value(u"content"));
    return jsonScalarText(v);
}

QString scriptText(const JsonValue &script)
{
    const JsonValue &exec = script.value(u"exec");
    if (exec.isArray()) {
        QStringList lines;
        for (const JsonValue &line : exec.array())
            lines << jsonScalarText(line);
        return lines.join(u'\n');
    }
    return jsonScalarText(exec);
}

// Reads one item line of a Patchbay tests block; false when it is not one we wrote.
bool readTestsLine(const QString &line, QList<Assertion> &assertions, QList<Capture> &captures)
{
    const QLatin1String testPrefix(kPostmanTestLine);
    const QLatin1String capturePrefix(kPostmanCaptureLine);
    const bool isTest = line.startsWith(testPrefix);
    if (!isTest && !line.startsWith(capturePrefix))
        return true; // generated code: checked against the items as a whole
    const Result<JsonValue> parsed
        = parseJson(line.mid(isTest ? testPrefix.size() : capturePrefix.size()).toUtf8());
    if (!parsed.ok() || !parsed->isObject())
        return false;
    const JsonValue &o = parsed.value();
    const JsonValue &enabled = o.value(u"enabled");
    if (!enabled.isBool())
        return false;
    if (isTest) {
        Assertion a;
        const JsonValue &target = o.value(u"target");
        const JsonValue &expected = o.value(u"expected");
        if (!target.isString() || !expected.isString()
            || !assertionKindFromName(o.value(u"kind").toString(), &a.kind))
            return false;
        a.target = target.toString();
        a.expected = expected.toString();
        a.enabled = enabled.toBool();
        assertions.append(a);
        return true;
    }
    Capture c;
    const JsonValue &variable = o.value(u"variable");
    const JsonValue &path = o.value(u"path");
    const QString source = o.value(u"source").toString();
    if (!variable.isString() || !path.isString()
        || (source != QLatin1String("json") && source != QLatin1String("header")))
        return false;
    c.variable = variable.toString();
    c.source
        = source == QLatin1String("header") ? CaptureSource::Header : CaptureSource::JsonPointer;
    c.path = path.toString();
    c.enabled = enabled.toBool();
    captures.append(c);
    return true;
}

// Takes the blocks written by postmanTestsBlock() out of a request's test script, into
// `assertions` and `captures`, and returns the rest of the script exactly as it was. A block
// that is not what Patchbay would write for its items (edited in Postman, cut short) stays in
// the script, so nothing the user wrote is lost, and the report says so.
QString takeTestsBlocks(const QString &script, QList<Assertion> &assertions,
                        QList<Capture> &captures, const QString &where, Context &ctx)
{
    const QLatin1String begin(kPostmanTestsBegin);
    if (!script.contains(begin))
        return script;
    const QStringList lines = script.split(u'\n');
    QStringList kept;
    qsizetype i = 0;
    while (i < lines.size()) {
        if (lines.at(i) != begin) {
            kept << lines.at(i++);
            continue;
        }
        qsizetype end = i + 1;
        while (end < lines.size() && lines.at(end) != QLatin1String(kPostmanTestsEnd)
               && lines.at(end) != begin)
            ++end;
        if (end >= lines.size() || lines.at(end) == begin) {
            ctx.report.lossy << where
                    + QStringLiteral(": the Patchbay tests block in the test script has no "
                                     "\"%1\" line; it was kept as script text and its tests "
                                     "were not imported")
                          .arg(QLatin1String(kPostmanTestsEnd));
            kept << lines.mid(i, end - i);
            i = end;
            continue;
        }
        const QStringList block = lines.mid(i, end - i + 1);
        QList<Assertion> blockAssertions;
        QList<Capture> blockCaptures;
        bool ok = true;
        for (const QString &line : block)
            ok = ok && readTestsLine(line, blockAssertions, blockCaptures);
        if (ok && postmanTestsBlock(blockAssertions, blockCaptures) == block) {
            assertions += blockAssertions;
            captures += blockCaptures;
        } else {
            ctx.report.lossy << where
                    + QStringLiteral(": the Patchbay tests block in the test script was changed "
                                     "outside Patchbay; it was kept as script text and its "
                                     "tests were not imported");
            kept << block;
        }
        i = end + 1;
    }
    return kept.join(u'\n');
}

// `request`, when given, receives the assertions and captures of a Patchbay tests block found in
// a test script (only requests have them).
void readEvents(const JsonValue &events, QString &preRequest, QString &test, const QString &where,
                Context &ctx, SavedRequest *request = nullptr)
{
    for (const JsonValue &event : events.array()) {
        const QString listen = jsonScalarText(event.value(u"listen"));
        QString text = scriptText(event.value(u"script"));
        if (request && listen == QLatin1String("test"))
            text = takeTestsBlocks(text, request->assertions, request->captures, where, ctx);
        if (text.trimmed().isEmpty())
            continue;
        if (event.value(u"disabled").toBool())
            ctx.report.lossy << where
                    + QStringLiteral(": a disabled %1 script was imported as "
                                     "text like the others")
                          .arg(listen);
        if (listen == QLatin1String("prerequest")) {
            preRequest = preRequest.isEmpty() ? text : preRequest + u'\n' + text;
            ctx.report.lossy << where
                    + QStringLiteral(": pre-request script kept as text; Patchbay does not run it");
        } else if (listen == QLatin1String("test")) {
            test = test.isEmpty() ? text : test + u'\n' + text;
            ctx.report.lossy << where
                    + QStringLiteral(": test script kept as text; Patchbay does not run it");
        } else {
            ctx.report.skipped << where
                    + QStringLiteral(": \"%1\" script not imported").arg(listen);
        }
    }
}

VariableList readVariables(const JsonValue &list, const QString &where, Context &ctx)
{
    VariableList variables;
    for (const JsonValue &item : list.array()) {
        Variable v;
        v.name = jsonScalarText(item.value(u"key"));
        if (v.name.isEmpty())
            v.name = jsonScalarText(item.value(u"id"));
        v.enabled = !item.value(u"disabled").toBool() && item.value(u"enabled").toBool(true);
        if (jsonScalarText(item.value(u"type")) == QLatin1String("secret")) {
            v.secret = true;
            ctx.report.lossy << where
                    + QStringLiteral(": variable %1: secret value not imported; set it in Patchbay")
                          .arg(v.name);
        } else {
            v.value = jsonScalarText(item.value(u"value"));
        }
        variables.append(v);
    }
    return variables;
}

Auth readAuth(const JsonValue &auth, const QString &where, Context &ctx,
              bool *unsupported = nullptr)
{
    return authFromPostman(auth, where, ctx.report.lossy, unsupported);
}

KeyValueList readRows(const JsonValue &list, const QString &where, const QString &what,
                      Context &ctx)
{
    KeyValueList rows;
    int described = 0;
    if (list.isString()) { // v2.0 allows "Name: value" lines
        const QStringList lines = list.toString().split(u'\n', Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            const qsizetype colon = line.indexOf(u':');
            rows.append({line.left(colon).trimmed(),
                         colon < 0 ? QString() : line.mid(colon + 1).trimmed(), true});
        }
        return rows;
    }
    for (const JsonValue &item : list.array()) {
        rows.append({jsonScalarText(item.value(u"key")), jsonScalarText(item.value(u"value")),
                     !item.value(u"disabled").toBool()});
        if (!descriptionOf(item.value(u"description")).isEmpty())
            ++described;
    }
    if (described > 0)
        ctx.report.lossy << where
                + QStringLiteral(": descriptions of %1 %2 rows not kept").arg(described).arg(what);
    return rows;
}

// Postman path variables (`:id`) have no Patchbay equivalent: their value goes into the URL.
QString applyPathVariables(QString url, const JsonValue &variables, const QString &where,
                           Context &ctx)
{
    for (const JsonValue &v : variables.array()) {
        const QString key = jsonScalarText(v.value(u"key"));
        const QString value = jsonScalarText(v.value(u"value"));
        if (key.isEmpty())
            continue;
        if (value.isEmpty()) {
            ctx.report.lossy << where
                    + QStringLiteral(": path variable :%1 has no value; the URL keeps \":%1\"")
                          .arg(key);
            continue;
        }
        const QRegularExpression segment(QStringLiteral("/:") + QRegularExpression::escape(key)
                                         + QStringLiteral("(?=[/?#.]|$)"));
        url.replace(segment, u'/' + value);
        ctx.report.lossy << where
                + QStringLiteral(": path variable :%1 replaced by its value \"%2\"")
                      .arg(key, value);
    }
    return url;
}

QString joinedText(const JsonValue &v, QChar separator)
{
    if (!v.isArray())
        return jsonScalarText(v);
    QStringList parts;
    for (const JsonValue &p : v.array())
        parts << (p.isObject() ? jsonScalarText(p.value(u"value")) : jsonScalarText(p));
    return parts.join(separator);
}

// What Postman sends when `raw` and the query rows disagree: the rows (newman builds the URL
// from them). Rows switched off are taken out of raw; enabled rows are added to a raw without a
// query. Everything else of raw is kept byte for byte.
QString reconcileQuery(const QString &raw, const JsonValue &rows)
{
    if (!rows.isArray() || rows.isEmpty())
        return raw;
    const qsizetype hash = raw.indexOf(u'#');
    const QString beforeHash = hash >= 0 ? raw.left(hash) : raw;
    const QString fragment = hash >= 0 ? raw.mid(hash) : QString();
    const qsizetype q = beforeHash.indexOf(u'?');
    const auto pairOf = [](const JsonValue &row) {
        const JsonValue &value = row.value(u"value");
        return value.isNull() ? jsonScalarText(row.value(u"key"))
                              : jsonScalarText(row.value(u"key")) + u'=' + jsonScalarText(value);
    };
    if (q < 0) {
        QStringList pairs;
        for (const JsonValue &row : rows.array())
            if (!row.value(u"disabled").toBool())
                pairs << pairOf(row);
        return pairs.isEmpty() ? raw : beforeHash + u'?' + pairs.join(u'&') + fragment;
    }
    QStringList pairs = beforeHash.mid(q + 1).split(u'&');
    bool changed = false;
    for (const JsonValue &row : rows.array()) {
        if (!row.value(u"disabled").toBool())
            continue;
        const qsizetype at = pairs.indexOf(pairOf(row));
        if (at >= 0) {
            pairs.removeAt(at);
            changed = true;
        }
    }
    if (!changed)
        return raw;
    return beforeHash.left(q) + (pairs.isEmpty() ? QString() : u'?' + pairs.join(u'&')) + fragment;
}

// The URL keeps its query exactly as written (`?a&b=` stays so, `%20` is not decoded): Postman
// sends it so, and a re-export gives it back byte for byte. Only the query rows switched off in
// Postman, which are not in the URL, become (disabled) params.
void readUrl(const JsonValue &url, Request &request, const QString &where, Context &ctx)
{
    QString raw;
    if (url.isObject()) {
        raw = jsonScalarText(url.value(u"raw"));
        if (raw.isEmpty()) {
            const QString protocol = jsonScalarText(url.value(u"protocol"));
            if (!protocol.isEmpty())
                raw = protocol + QStringLiteral("://");
            raw += joinedText(url.value(u"host"), u'.');
            const QString port = jsonScalarText(url.value(u"port"));
            if (!port.isEmpty())
                raw += u':' + port;
            const QString path = joinedText(url.value(u"path"), u'/');
            if (!path.isEmpty())
                raw += u'/' + path;
            QStringList pairs;
            for (const JsonValue &row : url.value(u"query").array()) {
                if (row.value(u"disabled").toBool())
                    continue;
                const JsonValue &value = row.value(u"value");
                pairs << (value.isNull()
                              ? jsonScalarText(row.value(u"key"))
                              : jsonScalarText(row.value(u"key")) + u'=' + jsonScalarText(value));
            }
            if (!pairs.isEmpty())
                raw += u'?' + pairs.join(u'&');
            const QString hash = jsonScalarText(url.value(u"hash"));
            if (!hash.isEmpty())
                raw += u'#' + hash;
        }
        raw = reconcileQuery(raw, url.value(u"query"));
        KeyValueList off;
        int described = 0;
        for (const JsonValue &row : url.value(u"query").array()) {
            if (!descriptionOf(row.value(u"description")).isEmpty())
                ++described;
            if (row.value(u"disabled").toBool()) // "value": null is ?key without '='
                off.append({jsonScalarText(row.value(u"key")), jsonScalarText(row.value(u"value")),
                            false, !row.value(u"value").isNull()});
        }
        request.params = off;
        if (described > 0)
            ctx.report.lossy << where
                    + QStringLiteral(": descriptions of %1 query rows not kept").arg(described);
        raw = applyPathVariables(raw, url.value(u"variable"), where, ctx);
    } else {
        raw = jsonScalarText(url);
    }
    request.url = raw;
}

QString contentTypeHeader(const KeyValueList &headers)
{
    for (const KeyValue &h : headers) {
        if (h.enabled && h.name.compare(QLatin1String("content-type"), Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

void readBody(const JsonValue &body, Request &request, const QString &where, Context &ctx)
{
    if (!body.isObject())
        return;
    const QString mode = jsonScalarText(body.value(u"mode"));
    RequestBody &b = request.body;
    if (mode == QLatin1String("raw")) {
        b.text = jsonScalarText(body.value(u"raw"));
        const QString language
            = jsonScalarText(body.value(u"options").value(u"raw").value(u"language"));
        if (language == QLatin1String("json")) {
            b.mode = BodyMode::Json;
        } else if (language.isEmpty()) {
            const QString header = contentTypeHeader(request.headers);
            b.mode = header.contains(QLatin1String("json")) ? BodyMode::Json : BodyMode::Text;
            // Postman sends a raw body without a type of its own as text/plain, no charset.
            if (b.mode == BodyMode::Text && header.isEmpty())
                b.contentType = QStringLiteral("text/plain");
        } else {
            b.mode = BodyMode::Text;
            if (language == QLatin1String("xml"))
                b.contentType = QStringLiteral("application/xml");
            else if (language == QLatin1String("html"))
                b.contentType = QStringLiteral("text/html");
            else if (language == QLatin1String("javascript"))
                b.contentType = QStringLiteral("application/javascript");
            else
                b.contentType = QStringLiteral("text/plain");
        }
        if (b.text.isEmpty())
            b = RequestBody {};
    } else if (mode == QLatin1String("urlencoded")) {
        b.mode = BodyMode::FormUrlEncoded;
        b.formFields = readRows(body.value(u"urlencoded"), where, QStringLiteral("form"), ctx);
        if (b.formFields.isEmpty())
            b = RequestBody {}; // Postman sends no body for a form without rows
    } else if (mode == QLatin1String("formdata") && body.value(u"formdata").isEmpty()) {
        b = RequestBody {}; // likewise
    } else if (mode == QLatin1String("formdata")) {
        b.mode = BodyMode::Multipart;
        for (const JsonValue &item : body.value(u"formdata").array()) {
            MultipartField f;
            f.name = jsonScalarText(item.value(u"key"));
            f.enabled = !item.value(u"disabled").toBool();
            f.contentType = jsonScalarText(item.value(u"contentType"));
            if (jsonScalarText(item.value(u"type")) == QLatin1String("file")) {
                f.isFile = true;
                const JsonValue &src = item.value(u"src");
                if (src.isArray()) {
                    f.value = jsonScalarText(src.at(0));
                    if (src.size() > 1)
                        ctx.report.lossy << where
                                + QStringLiteral(": form part %1 has %2 files; only the first "
                                                 "was kept")
                                      .arg(f.name)
                                      .arg(src.size());
                } else {
                    f.value = jsonScalarText(src);
                }
            } else {
                f.value = jsonScalarText(item.value(u"value"));
            }
            b.multipartFields.append(f);
        }
    } else if (mode == QLatin1String("file")) {
        b.mode = BodyMode::BinaryFile;
        const JsonValue &file = body.value(u"file");
        b.filePath = jsonScalarText(file.value(u"src"));
        if (b.filePath.isEmpty() && file.contains(u"content")) {
            b.mode = BodyMode::Text;
            b.text = jsonScalarText(file.value(u"content"));
            ctx.report.lossy << where
                    + QStringLiteral(": inline file content imported as a text body");
        }
    } else if (mode == QLatin1String("graphql")) {
        const JsonValue &graphql = body.value(u"graphql");
        b.mode = BodyMode::GraphQl;
        b.graphql.query = jsonScalarText(graphql.value(u"query"));
        b.graphql.variables = graphQlVariablesText(graphql.value(u"variables"));
        b.graphql.operationName = jsonScalarText(graphql.value(u"operationName"));
    } else if (!mode.isEmpty()) {
        ctx.report.skipped << where + QStringLiteral(": body mode %1 not imported").arg(mode);
    }
    if (body.value(u"disabled").toBool() && b.mode != BodyMode::None) {
        b = RequestBody {}; // Postman does not send a body switched off
        ctx.report.lossy << where
                + QStringLiteral(": the body was switched off in Postman, which does not send "
                                 "it; it was left out");
    }
}

// Applies the settings Patchbay has to `settings` and returns the keys it has no equivalent for.
QStringList applyProtocolBehavior(const JsonValue &behavior, RequestSettings &settings)
{
    QStringList unknown;
    for (const JsonMember &m : behavior.members()) {
        if (m.key == QLatin1String("followRedirects"))
            settings.followRedirects = m.value.toBool(true);
        else if (m.key == QLatin1String("maxRedirects"))
            settings.maxRedirects = int(m.value.toInt(10));
        else if (m.key == QLatin1String("strictSSL"))
            settings.verifyTls = m.value.toBool(true);
        else if (m.key == QLatin1String("disableBodyPruning"))
            continue; // decides whether the body is kept (see readRequest)
        else if (m.key == QLatin1String("disableCookies"))
            settings.cookies = !m.value.toBool(false);
        else if (m.key == QLatin1String("protocolVersion") && m.value.isString()
                 && m.value.toString() != QLatin1String("http2"))
            settings.http1Only = m.value.toString() == QLatin1String("http1");
        else if (!(m.value.isBool() && !m.value.toBool()))
            unknown << m.key; // a setting left off changes nothing
    }
    return unknown;
}

// Settings of a collection or folder: Patchbay has none of its own, so they are handed down to
// every request inside; what has no equivalent is reported once, here.
void readInheritedBehavior(const JsonValue &behavior, const QString &where, Context &ctx)
{
    RequestSettings ignored;
    for (const QString &key : applyProtocolBehavior(behavior, ignored))
        ctx.report.lossy << where + QStringLiteral(": setting %1 not imported").arg(key);
    ctx.behaviors.append(behavior);
}

void readProtocolBehavior(const JsonValue &behavior, Request &request, const QString &where,
                          Context &ctx)
{
    for (const JsonValue &inherited : std::as_const(ctx.behaviors))
        applyProtocolBehavior(inherited, request.settings);
    for (const QString &key : applyProtocolBehavior(behavior, request.settings))
        ctx.report.lossy << where + QStringLiteral(": setting %1 not imported").arg(key);
}

bool bodyPruningDisabled(const JsonValue &own, const Context &ctx)
{
    bool disabled = false;
    for (const JsonValue &inherited : ctx.behaviors) {
        if (inherited.contains(u"disableBodyPruning"))
            disabled = inherited.value(u"disableBodyPruning").toBool();
    }
    if (own.contains(u"disableBodyPruning"))
        disabled = own.value(u"disableBodyPruning").toBool();
    return disabled;
}

bool countItem(Context &ctx)
{
    if (++ctx.items > ctx.limits.maxItems) {
        ctx.error = Error {QStringLiteral("import-too-many-items"),
                           QStringLiteral("The collection has more than %1 folders and requests, "
                                          "the import limit. Split it in Postman and import the "
                                          "parts.")
                               .arg(ctx.limits.maxItems)};
        return false;
    }
    return true;
}

void noteCreated(Context &ctx, qsizetype lossyBefore, qsizetype skippedBefore, const QString &what)
{
    if (ctx.report.lossy.size() == lossyBefore && ctx.report.skipped.size() == skippedBefore)
        ctx.report.created << what;
}

// A request's own proxy and client certificate (collection format v2.1 "proxy" and
// "certificate"), as the request's network settings.
void readNetwork(const JsonValue &req, Request &r, const QString &where, Context &ctx)
{
    const JsonValue &proxy = req.value(u"proxy");
    if (proxy.isObject() && !proxy.value(u"disabled").toBool(false)) {
        const QString host = jsonScalarText(proxy.value(u"host"));
        const QString port = jsonScalarText(proxy.value(u"port"));
        if (!host.isEmpty()) {
            r.settings.proxy = ProxyOverride::Manual;
            r.settings.proxyUrl
                = (host.contains(QLatin1String("://")) ? host : QStringLiteral("http://") + host)
                + (port.isEmpty() ? QString() : u':' + port);
            const QString match = jsonScalarText(proxy.value(u"match"));
            if (!match.isEmpty() && match != QLatin1String("http+https://*/*"))
                ctx.report.lossy << where
                        + QStringLiteral(": the proxy applies to every URL of the request, not "
                                         "only to %1")
                              .arg(match);
        }
    }
    const JsonValue &certificate = req.value(u"certificate");
    if (certificate.isObject()) {
        r.settings.clientCertificate = jsonScalarText(certificate.value(u"cert").value(u"src"));
        r.settings.clientKey = jsonScalarText(certificate.value(u"key").value(u"src"));
        const QString pfx = jsonScalarText(certificate.value(u"pfx").value(u"src"));
        if (r.settings.clientCertificate.isEmpty())
            r.settings.clientCertificate = pfx;
        r.settings.clientPassphrase = jsonScalarText(certificate.value(u"passphrase"));
        if (!r.settings.clientPassphrase.isEmpty())
            ctx.report.lossy << where
                    + QStringLiteral(": the client certificate's passphrase is kept in the "
                                     "request file, as in the Postman file; move it to a secret "
                                     "variable");
    }
}

SavedRequest readRequest(const JsonValue &item, const QString &path, Context &ctx)
{
    const QString where = QStringLiteral("Request ") + quoted(path);
    SavedRequest saved;
    saved.name = jsonScalarText(item.value(u"name"));
    const JsonValue &req = item.value(u"request");
    Request &r = saved.request;
    if (req.isString()) {
        readUrl(req, r, where, ctx);
    } else {
        const QString spelled = jsonScalarText(req.value(u"method"));
        const QString method = spelled.trimmed();
        r.method = method.isEmpty() ? QStringLiteral("GET") : method;
        if (method != spelled)
            ctx.report.lossy << where
                    + (method.isEmpty() ? QStringLiteral(": the method \"%1\" is blank; GET is "
                                                         "used, as Postman does")
                                        : QStringLiteral(": the method \"%1\" was trimmed"))
                          .arg(spelled);
        r.headers = readRows(req.value(u"header"), where, QStringLiteral("header"), ctx);
        readUrl(req.value(u"url"), r, where, ctx);
        readBody(req.value(u"body"), r, where, ctx);
        readNetwork(req, r, where, ctx);
        r.auth = readAuth(req.value(u"auth"), where, ctx);
        saved.description = descriptionOf(req.value(u"description"));
    }
    if (saved.description.isEmpty())
        saved.description = descriptionOf(item.value(u"description"));
    readEvents(item.value(u"event"), saved.preRequestScript, saved.testScript, where, ctx, &saved);
    readProtocolBehavior(item.value(u"protocolProfileBehavior"), r, where, ctx);
    // Postman drops the body of these methods when it sends them, unless told not to.
    static const QStringList pruned
        = {QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("COPY"),
           QStringLiteral("PURGE"), QStringLiteral("UNLOCK")};
    if (r.body.mode != BodyMode::None && pruned.contains(r.method)
        && !bodyPruningDisabled(item.value(u"protocolProfileBehavior"), ctx)) {
        r.body = RequestBody {};
        ctx.report.lossy << where
                + QStringLiteral(": Postman sends no body with %1 (unless \"disableBodyPruning\" "
                                 "is set), so its body was left out")
                      .arg(r.method);
    }
    if (!item.value(u"variable").isEmpty())
        ctx.report.skipped << where + QStringLiteral(": request variables not imported");
    const qsizetype examples = item.value(u"response").size();
    if (examples > 0)
        ctx.report.skipped << where
                + QStringLiteral(": %1 saved example responses not imported").arg(examples);
    return saved;
}

void readItems(const JsonValue &items, ImportedFolder &folder, const QString &parentPath, int depth,
               Context &ctx)
{
    qint64 order = 0;
    for (const JsonValue &item : items.array()) {
        if (ctx.error)
            return;
        if (!item.isObject())
            continue;
        if (!countItem(ctx))
            return;
        order += 1000;
        const QString name = jsonScalarText(item.value(u"name"));
        const QString path = parentPath.isEmpty() ? name : parentPath + u'/' + name;
        const qsizetype lossyBefore = ctx.report.lossy.size();
        const qsizetype skippedBefore = ctx.report.skipped.size();
        if (item.value(u"item").isArray()) {
            if (depth + 1 > ctx.limits.maxDepth) {
                ctx.error = Error {QStringLiteral("import-too-deep"),
                                   QStringLiteral("Folders are nested more than %1 levels deep "
                                                  "at \"%2\". Flatten the collection and import "
                                                  "it again.")
                                       .arg(ctx.limits.maxDepth)
                                       .arg(path)};
                return;
            }
            const QString where = QStringLiteral("Folder ") + quoted(path);
            ImportedFolder child;
            child.info.name = name;
            child.info.order = order;
            child.info.description = descriptionOf(item.value(u"description"));
            child.info.variables = readVariables(item.value(u"variable"), where, ctx);
            readEvents(item.value(u"event"), child.info.preRequestScript, child.info.testScript,
                       where, ctx);
            child.info.auth = readAuth(item.value(u"auth"), where, ctx);
            const bool behaves = item.contains(u"protocolProfileBehavior");
            if (behaves)
                readInheritedBehavior(item.value(u"protocolProfileBehavior"), where, ctx);
            noteCreated(ctx, lossyBefore, skippedBefore, where);
            readItems(item.value(u"item"), child, path, depth + 1, ctx);
            if (behaves)
                ctx.behaviors.removeLast();
            folder.folders.append(child);
        } else if (!item.contains(u"request") || item.value(u"request").isNull()) {
            ++ctx.report.requestsSkipped;
            ctx.report.skipped << QStringLiteral("Request ") + quoted(path)
                    + QStringLiteral(": the item has no request (no method or URL) and was not "
                                     "imported");
        } else {
            SavedRequest saved = readRequest(item, path, ctx);
            saved.order = order;
            const qsizetype createdBefore = ctx.report.created.size();
            noteCreated(ctx, lossyBefore, skippedBefore, QStringLiteral("Request ") + quoted(path));
            if (ctx.report.created.size() > createdBefore)
                ++ctx.report.requestsCreated;
            else
                ++ctx.report.requestsLossy;
            folder.requests.append(saved);
        }
    }
}

Result<JsonValue> parseLimited(QByteArrayView json, const ImportLimits &limits, int depthFactor)
{
    if (json.size() > limits.maxFileBytes) {
        return Error {QStringLiteral("import-too-large"),
                      QStringLiteral("The file is %1 MiB; imports are limited to %2 MiB. Check "
                                     "that it is the right file, or split it.")
                          .arg(double(json.size()) / (1024 * 1024), 0, 'f', 1)
                          .arg(limits.maxFileBytes / (1024 * 1024))};
    }
    // A cheap scan first: the parser would refuse deep documents too, but with a less useful
    // message, and only after using the stack.
    const int maxJsonDepth = limits.maxDepth * depthFactor + 32;
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxJsonDepth)
                return Error {QStringLiteral("import-too-deep"),
                              QStringLiteral("The document is nested more than %1 levels deep. "
                                             "Flatten it and import it again.")
                                  .arg(maxJsonDepth)};
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    Result<JsonValue> parsed = parseJson(json);
    if (!parsed.ok())
        return Error {parsed.error().code,
                      QStringLiteral("Not valid JSON: %1. Export the file again from Postman.")
                          .arg(parsed.error().message)};
    return parsed;
}

} // namespace

Result<ImportedCollection> importPostmanCollection(QByteArrayView json, const ImportLimits &limits)
{
    Result<JsonValue> parsed = parseLimited(json, limits, 2);
    if (!parsed.ok())
        return parsed.error();
    JsonValue root = std::move(parsed).value();
    // The Postman API answers GET /collections/{id} with {"collection": {...}}.
    if (root.value(u"collection").isObject() && !root.contains(u"item")) {
        JsonValue inner = root.value(u"collection");
        root = std::move(inner);
    }
    QStringList v1Notes;
    if (!root.contains(u"item") && root.value(u"requests").isArray())
        root = postmanV1ToV2(root, &v1Notes);
    const JsonValue &info = root.value(u"info");
    // Postman's own runtime (newman) reads a collection without `info` too.
    if (!root.isObject() || !(info.isObject() || info.isNull()) || !root.value(u"item").isArray()) {
        return Error {QStringLiteral("not-postman"),
                      QStringLiteral("Not a Postman collection: expected an object with `info` "
                                     "and `item`. Export it from Postman as Collection v2.1.")};
    }
    Context ctx {limits, {}, 0, std::nullopt};
    ImportedCollection result;
    result.info.name = jsonScalarText(info.value(u"name"));
    result.info.description = descriptionOf(info.value(u"description"));
    const QString where = QStringLiteral("Collection ") + quoted(result.info.name);
    for (const QString &note : std::as_const(v1Notes))
        ctx.report.lossy << where + QStringLiteral(": ") + note;
    const QString schema = jsonScalarText(info.value(u"schema"));
    static const QRegularExpression knownSchema(
        QStringLiteral("collection/v2\\.[01]\\.0/collection\\.json$"));
    if (v1Notes.isEmpty() && !knownSchema.match(schema).hasMatch())
        ctx.report.lossy << where
                + (schema.isEmpty()
                       ? QStringLiteral(": the file names no schema version; it was read as "
                                        "Collection v2.1")
                       : QStringLiteral(": the schema %1 is not Collection v2.0 or v2.1, which "
                                        "Patchbay knows; it was read as v2.1 and may have lost "
                                        "what a newer version adds")
                             .arg(schema));
    result.info.variables = readVariables(root.value(u"variable"), where, ctx);
    result.info.auth = readAuth(root.value(u"auth"), where, ctx);
    readEvents(root.value(u"event"), result.info.preRequestScript, result.info.testScript, where,
               ctx);
    if (root.contains(u"protocolProfileBehavior"))
        readInheritedBehavior(root.value(u"protocolProfileBehavior"), where, ctx);
    readItems(root.value(u"item"), result.root, QString(), 0, ctx);
    if (ctx.error)
        return *ctx.error;
    result.report = ctx.report;
    return result;
}

Result<Environment> importPostmanEnvironment(QByteArrayView json, ImportReport *report,
                                             const ImportLimits &limits)
{
    Result<JsonValue> parsed = parseLimited(json, limits, 1);
    if (!parsed.ok())
        return parsed.error();
    const JsonValue &root = parsed.value();
    if (!root.isObject() || !root.value(u"values").isArray()) {
        return Error {QStringLiteral("not-postman"),
                      QStringLiteral("Not a Postman environment: expected an object with `name` "
                                     "and `values`. Export it from Postman's Environments tab.")};
    }
    Context ctx {limits, {}, 0, std::nullopt};
    Environment env;
    env.name = jsonScalarText(root.value(u"name"));
    const QString where = QStringLiteral("Environment ") + quoted(env.name);
    if (root.value(u"values").size() > limits.maxItems)
        return Error {QStringLiteral("import-too-many-items"),
                      QStringLiteral("The environment has more than %1 variables, the import "
                                     "limit.")
                          .arg(limits.maxItems)};
    env.variables = readVariables(root.value(u"values"), where, ctx);
    if (ctx.report.lossy.isEmpty())
        ctx.report.created << where;
    if (report)
        *report = ctx.report;
    return env;
}

} // namespace Patchbay::Core
