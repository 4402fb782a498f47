#include "core/interop/postmanexport.h"

#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/interop/postmanauth.h"
#include "core/json/jsonwriter.h"

#include <QRegularExpression>

#include <cmath>

namespace Patchbay::Core {

namespace {

const QString kSecretDescription = QStringLiteral("secret: set in Postman");

JsonValue str(const QString &s)
{
    return JsonValue::fromString(s);
}

JsonValue member(JsonValue object, const QString &key, JsonValue value)
{
    object.insert(key, std::move(value));
    return object;
}

JsonValue rows(const KeyValueList &list, bool withType = false)
{
    JsonValue out = JsonValue::emptyArray();
    for (const KeyValue &kv : list) {
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("key"), str(kv.name));
        // Postman writes a query key without a value (?flag) as "value": null.
        o.insert(QStringLiteral("value"), kv.hasValue ? str(kv.value) : JsonValue::null());
        if (withType)
            o.insert(QStringLiteral("type"), str(QStringLiteral("text")));
        if (!kv.enabled)
            o.insert(QStringLiteral("disabled"), JsonValue::fromBool(true));
        out.append(o);
    }
    return out;
}

JsonValue variables(const VariableList &list)
{
    JsonValue out = JsonValue::emptyArray();
    for (const Variable &v : list) {
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("key"), str(v.name));
        // A secret's value is never written, whatever this object holds.
        o.insert(QStringLiteral("value"), str(v.secret ? QString() : v.value));
        o.insert(QStringLiteral("type"),
                 str(v.secret ? QStringLiteral("secret") : QStringLiteral("string")));
        if (v.secret)
            o.insert(QStringLiteral("description"), str(kSecretDescription));
        if (!v.enabled)
            o.insert(QStringLiteral("disabled"), JsonValue::fromBool(true));
        out.append(o);
    }
    return out;
}

// Text with `{{variables}}` is resolved by Postman at run time, as Patchbay resolves it.
bool hasVariables(const QString &text)
{
    return text.contains(QLatin1String("{{"));
}

QString jsText(const QString &text)
{
    const QString literal = javaScriptString(text);
    return hasVariables(text) ? QStringLiteral("pm.variables.replaceIn(") + literal + u')'
                              : literal;
}

QString jsNumberOf(const QString &text)
{
    return QStringLiteral("Number(String(") + jsText(text) + QStringLiteral(").trim())");
}

QString jsNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString jsBool(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString jsFail(const QString &message)
{
    return QStringLiteral("pm.expect.fail(") + javaScriptString(message) + QStringLiteral(");");
}

QStringList jsonFound(const QString &target)
{
    if (isJsonQuery(target))
        return {
            jsFail(QStringLiteral("%1 is a jq expression or JSONPath, which Postman cannot run; "
                                  "it is checked in Patchbay only.")
                       .arg(target))};
    return {QStringLiteral("const found = patchbayJsonAt(") + jsText(target) + QStringLiteral(");"),
            QStringLiteral("pm.expect(found.found, found.error).to.equal(true);")};
}

// The body of the pm.test() function for `a`, mirroring evaluate() in core/runner/assertion.cpp.
QStringList assertionCode(const Assertion &a)
{
    const QString target = jsText(a.target);
    const QString expected = jsText(a.expected);
    const bool dynamic = hasVariables(a.expected);
    switch (a.kind) {
    case AssertionKind::StatusEquals: {
        if (dynamic)
            return {QStringLiteral("pm.expect(pm.response.code).to.equal(") + jsNumberOf(a.expected)
                    + QStringLiteral(");")};
        bool ok = false;
        const int want = a.expected.trimmed().toInt(&ok);
        if (!ok)
            return {jsFail(
                QStringLiteral("\"%1\" is not a status code; write e.g. 200").arg(a.expected))};
        return {QStringLiteral("pm.response.to.have.status(%1);").arg(want)};
    }
    case AssertionKind::StatusInRange: {
        if (dynamic)
            return {QStringLiteral("const range = String(") + expected
                        + QStringLiteral(").trim();"),
                    QStringLiteral("const digit = /^([1-5])[xX][xX]$/.exec(range);"),
                    QStringLiteral("const dash = range.indexOf(\"-\");"),
                    QStringLiteral("const low = digit ? Number(digit[1]) * 100 : Number(dash < 0 "
                                   "? range : range.substring(0, dash));"),
                    QStringLiteral("const high = digit ? low + 99 : Number(dash < 0 ? range : "
                                   "range.substring(dash + 1));"),
                    QStringLiteral("pm.expect(pm.response.code).to.be.within(low, high);")};
        int low = 0;
        int high = 0;
        if (!parseStatusRange(a.expected, &low, &high))
            return {jsFail(QStringLiteral("\"%1\" is not a status range; write e.g. 200-299 or 2xx")
                               .arg(a.expected))};
        return {
            QStringLiteral("pm.expect(pm.response.code).to.be.within(%1, %2);").arg(low).arg(high)};
    }
    case AssertionKind::HeaderExists:
        return {QStringLiteral("pm.response.to.have.header(") + target + QStringLiteral(");")};
    case AssertionKind::HeaderEquals:
        return {QStringLiteral("pm.response.to.have.header(") + target + QStringLiteral(");"),
                QStringLiteral("pm.expect(pm.response.headers.get(") + target
                    + QStringLiteral(")).to.equal(") + expected + QStringLiteral(");")};
    case AssertionKind::HeaderMatches:
        return {QStringLiteral("pm.response.to.have.header(") + target + QStringLiteral(");"),
                QStringLiteral("pm.expect(pm.response.headers.get(") + target
                    + QStringLiteral(")).to.match(new RegExp(") + expected + QStringLiteral("));")};
    case AssertionKind::JsonExists:
        return jsonFound(a.target);
    case AssertionKind::JsonEquals:
        // A string equals the text as written; anything else compares as JSON.
        return jsonFound(a.target)
            + QStringList {
                QStringLiteral("const expected = ") + expected + u';',
                QStringLiteral("if (typeof found.value === \"string\" && found.value === "
                               "expected)"),
                QStringLiteral("    return;"),
                QStringLiteral("let want = expected;"),
                QStringLiteral("try {"),
                QStringLiteral("    want = JSON.parse(expected);"),
                QStringLiteral("} catch (e) {"),
                QStringLiteral("    // not JSON: compared as text"),
                QStringLiteral("}"),
                QStringLiteral("pm.expect(found.value).to.deep.equal(want);"),
            };
    case AssertionKind::JsonType:
        return QStringList {QStringLiteral("const want = String(") + expected
                                + QStringLiteral(").trim().toLowerCase();"),
                            QStringLiteral("pm.expect([\"null\", \"boolean\", \"number\", "
                                           "\"string\", \"array\", \"object\"]).to.include(want);")}
        + jsonFound(a.target)
            + QStringList {
                QStringLiteral("const value = found.value;"),
                QStringLiteral("pm.expect(value === null ? \"null\" : Array.isArray(value) ? "
                               "\"array\" : typeof value).to.equal(want);"),
            };
    case AssertionKind::JsonMatches:
        return jsonFound(a.target)
            + QStringList {
                QStringLiteral("pm.expect(patchbayText(found.value)).to.match(new RegExp(")
                + expected + QStringLiteral("));")};
    case AssertionKind::BodyContains:
        return {QStringLiteral("pm.expect(pm.response.text()).to.include(") + expected
                + QStringLiteral(");")};
    case AssertionKind::ResponseTimeBelow: {
        const QString below = QStringLiteral("pm.expect(pm.response.responseTime).to.be.below(");
        if (dynamic)
            return {below + jsNumberOf(a.expected) + QStringLiteral(");")};
        bool ok = false;
        const double limit = a.expected.trimmed().toDouble(&ok);
        if (!ok)
            return {jsFail(QStringLiteral("\"%1\" is not a number of milliseconds; write e.g. 500")
                               .arg(a.expected))};
        return {below + jsNumber(limit) + QStringLiteral(");")};
    }
    }
    return {jsFail(QStringLiteral("unknown assertion"))};
}

QStringList captureCode(const Capture &c)
{
    const QString variable = javaScriptString(c.variable);
    const QString path = javaScriptString(c.path);
    if (c.source == CaptureSource::Header)
        return {QStringLiteral("if (pm.response.headers.has(") + path + QStringLiteral("))"),
                QStringLiteral("    pm.collectionVariables.set(") + variable
                    + QStringLiteral(", pm.response.headers.get(") + path + QStringLiteral("));")};
    if (isJsonQuery(c.path))
        return {QStringLiteral("pm.test(")
                    + javaScriptString(QStringLiteral("capture %1").arg(c.variable))
                    + QStringLiteral(", function () {"),
                QStringLiteral("    ")
                    + jsFail(QStringLiteral("%1 is a jq expression or JSONPath, which Postman "
                                            "cannot run; the capture works in Patchbay only.")
                                 .arg(c.path)),
                QStringLiteral("});")};
    // As the runner does: strings without quotes, other values as compact JSON.
    return {QStringLiteral("{"),
            QStringLiteral("    const found = patchbayJsonAt(") + path + QStringLiteral(");"),
            QStringLiteral("    if (found.found)"),
            QStringLiteral("        pm.collectionVariables.set(") + variable
                + QStringLiteral(", typeof found.value === \"string\" ? found.value : "
                                 "JSON.stringify(found.value));"),
            QStringLiteral("}")};
}

// The value at an RFC 6901 pointer in the response body, or why there is none.
const char *const kJsonAtFunction[] = {
    "function patchbayJsonAt(pointer) {",
    "    let value;",
    "    try {",
    "        value = pm.response.json();",
    "    } catch (e) {",
    "        return { found: false, error: \"the body is not JSON (\" + e.message + \")\" };",
    "    }",
    "    if (pointer !== \"\" && pointer.charAt(0) !== \"/\")",
    "        return { found: false, error: JSON.stringify(pointer) + \" is not a JSON pointer\" };",
    "    const tokens = pointer === \"\" ? [] : pointer.substring(1).split(\"/\");",
    "    for (const token of tokens) {",
    "        if (/~([^01]|$)/.test(token))",
    "            return { found: false, error: JSON.stringify(pointer) + \" is not a JSON "
    "pointer\" "
    "};",
    "        const key = token.replace(/~1/g, \"/\").replace(/~0/g, \"~\");",
    "        const has = Array.isArray(value)",
    "            ? /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < value.length",
    "            : value !== null && typeof value === \"object\"",
    "                && Object.prototype.hasOwnProperty.call(value, key);",
    "        if (!has)",
    "            return { found: false, error: pointer + \" is not in the body\" };",
    "        value = value[key];",
    "    }",
    "    return { found: true, value: value };",
    "}",
};

// A JSON value as text the way Patchbay matches it: strings without quotes, null as empty.
const char *const kTextFunction[] = {
    "function patchbayText(value) {",
    "    if (value === null)",
    "        return \"\";",
    "    return typeof value === \"object\" ? JSON.stringify(value) : String(value);",
    "}",
};

QString assertionJson(const Assertion &a)
{
    return QStringLiteral("{\"kind\":") + javaScriptString(assertionKindName(a.kind))
        + QStringLiteral(",\"target\":") + javaScriptString(a.target)
        + QStringLiteral(",\"expected\":") + javaScriptString(a.expected)
        + QStringLiteral(",\"enabled\":") + jsBool(a.enabled) + u'}';
}

QString captureJson(const Capture &c)
{
    return QStringLiteral("{\"variable\":") + javaScriptString(c.variable)
        + QStringLiteral(",\"source\":")
        + (c.source == CaptureSource::Header ? QStringLiteral("\"header\"")
                                             : QStringLiteral("\"json\""))
        + QStringLiteral(",\"path\":") + javaScriptString(c.path) + QStringLiteral(",\"enabled\":")
        + jsBool(c.enabled) + u'}';
}

bool usesJson(AssertionKind kind)
{
    return kind == AssertionKind::JsonExists || kind == AssertionKind::JsonEquals
        || kind == AssertionKind::JsonType || kind == AssertionKind::JsonMatches;
}

// The request's test script as Postman gets it: its own text first, unchanged, then the block.
QString testScriptWithChecks(const SavedRequest &saved)
{
    const QStringList block = postmanTestsBlock(saved.assertions, saved.captures);
    if (block.isEmpty())
        return saved.testScript;
    const QString text = block.join(u'\n');
    return saved.testScript.isEmpty() ? text : saved.testScript + u'\n' + text;
}

JsonValue events(const QString &preRequest, const QString &test)
{
    JsonValue out = JsonValue::emptyArray();
    auto add = [&out](const char *listen, const QString &text) {
        if (text.isEmpty())
            return;
        JsonValue exec = JsonValue::emptyArray();
        const QStringList lines = text.split(u'\n');
        for (const QString &line : lines)
            exec.append(str(line));
        JsonValue script = JsonValue::emptyObject();
        script.insert(QStringLiteral("type"), str(QStringLiteral("text/javascript")));
        script.insert(QStringLiteral("exec"), exec);
        JsonValue event = JsonValue::emptyObject();
        event.insert(QStringLiteral("listen"), str(QString::fromLatin1(listen)));
        event.insert(QStringLiteral("script"), script);
        out.append(event);
    };
    add("prerequest", preRequest);
    add("test", test);
    return out;
}

// Postman's url object: raw plus the parts it shows in its editor. The URL's own query is kept
// as written (a key without `=` stays so; Postman writes its value as null); enabled params
// rows are appended to it.
JsonValue url(const Request &r)
{
    QString base = r.url;
    QString fragment;
    QString ownQuery;
    bool hasOwnQuery = false;
    const qsizetype hash = base.indexOf(u'#');
    if (hash >= 0) {
        fragment = base.mid(hash);
        base.truncate(hash);
    }
    struct Row
    {
        KeyValue kv;
        bool hasValue = true;
    };
    QList<Row> query;
    const qsizetype q = base.indexOf(u'?');
    if (q >= 0) {
        hasOwnQuery = true;
        ownQuery = base.mid(q + 1);
        const QStringList pairs = ownQuery.split(u'&', Qt::SkipEmptyParts);
        for (const QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(u'=');
            query.append(
                {{eq < 0 ? pair : pair.left(eq), eq < 0 ? QString() : pair.mid(eq + 1), true},
                 eq >= 0});
        }
        base.truncate(q);
    }
    QStringList added;
    for (const KeyValue &kv : r.params) {
        query.append({kv, kv.hasValue});
        // A key without a value (?flag) stays so.
        if (kv.enabled && !(kv.value.isEmpty() && kv.name.isEmpty()))
            added << (kv.hasValue ? kv.name + u'=' + kv.value : kv.name);
    }
    QString raw = base;
    if (hasOwnQuery || !added.isEmpty())
        raw += u'?' + ownQuery;
    if (!added.isEmpty())
        raw += (ownQuery.isEmpty() || ownQuery.endsWith(u'&') ? QString() : QStringLiteral("&"))
            + added.join(u'&');
    raw += fragment;

    JsonValue o = JsonValue::emptyObject();
    o.insert(QStringLiteral("raw"), str(raw));
    QString rest = base;
    const qsizetype scheme = rest.indexOf(QLatin1String("://"));
    if (scheme > 0 && !rest.left(scheme).contains(u'{')) {
        o.insert(QStringLiteral("protocol"), str(rest.left(scheme)));
        rest = rest.mid(scheme + 3);
    }
    const qsizetype slash = rest.indexOf(u'/');
    QString host = slash < 0 ? rest : rest.left(slash);
    const QString path = slash < 0 ? QString() : rest.mid(slash + 1);
    const qsizetype colon = host.lastIndexOf(u':');
    if (colon > 0 && colon > host.lastIndexOf(u'}')) {
        o.insert(QStringLiteral("host"), JsonValue::null());
        const QString port = host.mid(colon + 1);
        host.truncate(colon);
        o.insert(QStringLiteral("port"), str(port));
    }
    JsonValue hostParts = JsonValue::emptyArray();
    if (host.contains(QLatin1String("{{"))) {
        hostParts.append(str(host));
    } else {
        const QStringList parts = host.split(u'.');
        for (const QString &part : parts)
            hostParts.append(str(part));
    }
    o.insert(QStringLiteral("host"), hostParts);
    if (slash >= 0) {
        JsonValue pathParts = JsonValue::emptyArray();
        const QStringList parts = path.split(u'/');
        for (const QString &part : parts)
            pathParts.append(str(part));
        o.insert(QStringLiteral("path"), pathParts);
    }
    if (!query.isEmpty()) {
        JsonValue rowsValue = JsonValue::emptyArray();
        for (const Row &row : std::as_const(query)) {
            JsonValue entry = JsonValue::emptyObject();
            entry.insert(QStringLiteral("key"), str(row.kv.name));
            entry.insert(QStringLiteral("value"),
                         row.hasValue ? str(row.kv.value) : JsonValue::null());
            if (!row.kv.enabled)
                entry.insert(QStringLiteral("disabled"), JsonValue::fromBool(true));
            rowsValue.append(entry);
        }
        o.insert(QStringLiteral("query"), rowsValue);
    }
    return o;
}

bool hasHeader(const KeyValueList &headers, const QString &name)
{
    for (const KeyValue &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

JsonValue body(const RequestBody &b, KeyValueList &headers)
{
    JsonValue o = JsonValue::emptyObject();
    auto rawBody = [&o, &b](const QString &language) {
        o.insert(QStringLiteral("mode"), str(QStringLiteral("raw")));
        o.insert(QStringLiteral("raw"), str(b.text));
        if (!language.isEmpty())
            o.insert(QStringLiteral("options"),
                     member(JsonValue::emptyObject(), QStringLiteral("raw"),
                            member(JsonValue::emptyObject(), QStringLiteral("language"),
                                   str(language))));
    };
    // Postman has no body content type of its own: an unusual one travels as a header.
    auto contentTypeHeader = [&headers](const QString &type) {
        if (!type.isEmpty() && !hasHeader(headers, QStringLiteral("Content-Type")))
            headers.append({QStringLiteral("Content-Type"), type, true});
    };
    switch (b.mode) {
    case BodyMode::None:
        return JsonValue::null();
    case BodyMode::Json:
        rawBody(QStringLiteral("json"));
        break;
    case BodyMode::Text: {
        const QString type = b.contentType.section(u';', 0, 0).trimmed().toLower();
        QString language;
        if (type == QLatin1String("text/plain") && b.contentType == type)
            language = QStringLiteral("text");
        else if (type == QLatin1String("application/xml") && b.contentType == type)
            language = QStringLiteral("xml");
        else if (type == QLatin1String("text/html") && b.contentType == type)
            language = QStringLiteral("html");
        else if (type == QLatin1String("application/javascript") && b.contentType == type)
            language = QStringLiteral("javascript");
        else
            contentTypeHeader(b.contentType);
        rawBody(language);
        break;
    }
    case BodyMode::FormUrlEncoded:
        o.insert(QStringLiteral("mode"), str(QStringLiteral("urlencoded")));
        o.insert(QStringLiteral("urlencoded"), rows(b.formFields, true));
        break;
    case BodyMode::Multipart: {
        o.insert(QStringLiteral("mode"), str(QStringLiteral("formdata")));
        JsonValue parts = JsonValue::emptyArray();
        for (const MultipartField &f : b.multipartFields) {
            JsonValue p = JsonValue::emptyObject();
            p.insert(QStringLiteral("key"), str(f.name));
            if (f.isFile) {
                p.insert(QStringLiteral("type"), str(QStringLiteral("file")));
                p.insert(QStringLiteral("src"), str(f.value));
            } else {
                p.insert(QStringLiteral("value"), str(f.value));
                p.insert(QStringLiteral("type"), str(QStringLiteral("text")));
            }
            if (!f.contentType.isEmpty())
                p.insert(QStringLiteral("contentType"), str(f.contentType));
            if (!f.enabled)
                p.insert(QStringLiteral("disabled"), JsonValue::fromBool(true));
            parts.append(p);
        }
        o.insert(QStringLiteral("formdata"), parts);
        break;
    }
    case BodyMode::BinaryFile:
        o.insert(QStringLiteral("mode"), str(QStringLiteral("file")));
        o.insert(QStringLiteral("file"),
                 member(JsonValue::emptyObject(), QStringLiteral("src"), str(b.filePath)));
        contentTypeHeader(b.contentType);
        break;
    case BodyMode::GraphQl: {
        // Postman's graphql body; its runtime sends operationName too when it is there.
        o.insert(QStringLiteral("mode"), str(QStringLiteral("graphql")));
        JsonValue graphql
            = member(JsonValue::emptyObject(), QStringLiteral("query"), str(b.graphql.query));
        if (!b.graphql.operationName.isEmpty())
            graphql.insert(QStringLiteral("operationName"), str(b.graphql.operationName));
        graphql.insert(QStringLiteral("variables"), str(b.graphql.variables));
        o.insert(QStringLiteral("graphql"), graphql);
        break;
    }
    }
    return o;
}

struct Defaults
{
    KeyValueList headers; // the collection's default headers
};

JsonValue requestItem(const CollectionItem &item, const Defaults &defaults)
{
    const SavedRequest &saved = item.request;
    const Request &r = saved.request;
    JsonValue o = JsonValue::emptyObject();
    o.insert(QStringLiteral("name"), str(saved.name.isEmpty() ? item.name : saved.name));
    const JsonValue ev = events(saved.preRequestScript, testScriptWithChecks(saved));
    if (!ev.isEmpty())
        o.insert(QStringLiteral("event"), ev);
    const RequestSettings d;
    JsonValue behavior = JsonValue::emptyObject();
    if (r.settings.followRedirects != d.followRedirects)
        behavior.insert(QStringLiteral("followRedirects"),
                        JsonValue::fromBool(r.settings.followRedirects));
    if (r.settings.maxRedirects != d.maxRedirects)
        behavior.insert(QStringLiteral("maxRedirects"),
                        JsonValue::fromInt(r.settings.maxRedirects));
    if (r.settings.verifyTls != d.verifyTls)
        behavior.insert(QStringLiteral("strictSSL"), JsonValue::fromBool(r.settings.verifyTls));
    if (!behavior.isEmpty())
        o.insert(QStringLiteral("protocolProfileBehavior"), behavior);

    KeyValueList headers = r.headers;
    for (const KeyValue &h : defaults.headers) {
        if (h.enabled && !hasHeader(headers, h.name))
            headers.append(h);
    }
    const JsonValue bodyValue = body(r.body, headers);
    JsonValue req = JsonValue::emptyObject();
    const JsonValue authValue = authToPostman(r.auth);
    if (!authValue.isNull())
        req.insert(QStringLiteral("auth"), authValue);
    req.insert(QStringLiteral("method"), str(r.method));
    req.insert(QStringLiteral("header"), rows(headers, true));
    if (!bodyValue.isNull())
        req.insert(QStringLiteral("body"), bodyValue);
    req.insert(QStringLiteral("url"), url(r));
    if (!saved.description.isEmpty())
        req.insert(QStringLiteral("description"), str(saved.description));
    o.insert(QStringLiteral("request"), req);
    o.insert(QStringLiteral("response"), JsonValue::emptyArray());
    return o;
}

JsonValue items(const QList<CollectionItem> &children, const Defaults &defaults)
{
    JsonValue out = JsonValue::emptyArray();
    for (const CollectionItem &child : children) {
        if (child.problem)
            continue; // an unreadable file has nothing to export
        if (child.kind == ItemKind::Request) {
            out.append(requestItem(child, defaults));
            continue;
        }
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("name"),
                 str(child.folder->name.isEmpty() ? child.name : child.folder->name));
        if (!child.folder->description.isEmpty())
            o.insert(QStringLiteral("description"), str(child.folder->description));
        if (!child.folder->variables.isEmpty())
            o.insert(QStringLiteral("variable"), variables(child.folder->variables));
        const JsonValue folderAuth = authToPostman(child.folder->auth);
        if (!folderAuth.isNull())
            o.insert(QStringLiteral("auth"), folderAuth);
        o.insert(QStringLiteral("item"), items(child.children, defaults));
        const JsonValue ev = events(child.folder->preRequestScript, child.folder->testScript);
        if (!ev.isEmpty())
            o.insert(QStringLiteral("event"), ev);
        out.append(o);
    }
    return out;
}

// The chain of items from the collection down to `path`, or empty when it is not found.
QList<const CollectionItem *> chainTo(const QList<CollectionItem> &items, const QString &path)
{
    for (const CollectionItem &item : items) {
        if (item.path == path)
            return {&item};
        if (path.startsWith(item.path + u'/')) {
            QList<const CollectionItem *> rest = chainTo(item.children, path);
            if (!rest.isEmpty()) {
                rest.prepend(&item);
                return rest;
            }
        }
    }
    return {};
}

} // namespace

QByteArray exportPostmanCollection(const Workspace &workspace,
                                   const QString &collectionOrFolderPath)
{
    const QList<const CollectionItem *> chain
        = chainTo(workspace.collections(), collectionOrFolderPath);
    if (chain.isEmpty() || chain.last()->kind == ItemKind::Request)
        return {};
    const CollectionInfo &collection = chain.first()->collection;
    const CollectionItem &target = *chain.last();

    // A folder exported alone takes the variables of the folders above it, so it still runs.
    VariableList vars = collection.variables;
    for (const CollectionItem *item : chain.mid(1)) {
        for (const Variable &v : item->folder->variables) {
            auto same = std::find_if(vars.begin(), vars.end(),
                                     [&v](const Variable &o) { return o.name == v.name; });
            if (same != vars.end())
                *same = v;
            else
                vars.append(v);
        }
    }
    const bool isCollection = target.kind == ItemKind::Collection;
    const QString name = isCollection
        ? collection.name
        : (target.folder->name.isEmpty() ? target.name : target.folder->name);
    JsonValue info = JsonValue::emptyObject();
    // A folder exported alone is another collection for Postman, so it gets no id of its own.
    if (isCollection && !collection.id.isEmpty())
        info.insert(QStringLiteral("_postman_id"), str(collection.id));
    info.insert(QStringLiteral("name"), str(name));
    const QString description = isCollection ? collection.description : target.folder->description;
    if (!description.isEmpty())
        info.insert(QStringLiteral("description"), str(description));
    info.insert(QStringLiteral("schema"),
                str(QStringLiteral(
                    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json")));

    Defaults defaults {collection.headers};
    JsonValue root = JsonValue::emptyObject();
    root.insert(QStringLiteral("info"), info);
    root.insert(QStringLiteral("item"), items(target.children, defaults));
    QString preRequest
        = isCollection ? collection.preRequestScript : target.folder->preRequestScript;
    QString test = isCollection ? collection.testScript : target.folder->testScript;
    const JsonValue ev = events(preRequest, test);
    if (!ev.isEmpty())
        root.insert(QStringLiteral("event"), ev);
    if (!vars.isEmpty())
        root.insert(QStringLiteral("variable"), variables(vars));
    // A folder exported alone carries the auth in effect for it.
    const JsonValue authValue = authToPostman(
        isCollection ? collection.auth
                     : effectiveAuth(workspace, target.path, target.folder->auth).auth,
        true);
    if (!authValue.isNull())
        root.insert(QStringLiteral("auth"), authValue);
    return toJson(root, JsonStyle::Indented, 2) + '\n';
}

QStringList postmanTestsBlock(const QList<Assertion> &assertions, const QList<Capture> &captures)
{
    if (assertions.isEmpty() && captures.isEmpty())
        return {};
    bool needsJsonAt = false;
    bool needsText = false;
    for (const Assertion &a : assertions) {
        needsJsonAt = needsJsonAt || (a.enabled && usesJson(a.kind) && !isJsonQuery(a.target));
        needsText = needsText || (a.enabled && a.kind == AssertionKind::JsonMatches);
    }
    for (const Capture &c : captures)
        needsJsonAt = needsJsonAt
            || (c.enabled && c.source == CaptureSource::JsonPointer && !isJsonQuery(c.path));

    QStringList lines;
    lines << QLatin1String(kPostmanTestsBegin)
          << QStringLiteral("// Written by Patchbay from the request's tests and captures. Change "
                            "them in Patchbay: a block edited here comes back as plain script.");
    if (needsJsonAt) {
        for (const char *line : kJsonAtFunction)
            lines << QLatin1String(line);
    }
    if (needsText) {
        for (const char *line : kTextFunction)
            lines << QLatin1String(line);
    }
    for (const Assertion &a : assertions) {
        lines << QLatin1String(kPostmanTestLine) + assertionJson(a);
        if (!a.enabled)
            continue;
        lines << QStringLiteral("pm.test(") + javaScriptString(describeAssertion(a))
                + QStringLiteral(", function () {");
        const QStringList code = assertionCode(a);
        for (const QString &line : code)
            lines << QStringLiteral("    ") + line;
        lines << QStringLiteral("});");
    }
    for (const Capture &c : captures) {
        lines << QLatin1String(kPostmanCaptureLine) + captureJson(c);
        if (c.enabled)
            lines << captureCode(c);
    }
    lines << QLatin1String(kPostmanTestsEnd);
    return lines;
}

QString javaScriptString(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            continue;
        case u'\\':
            out += QLatin1String("\\\\");
            continue;
        case u'\b':
            out += QLatin1String("\\b");
            continue;
        case u'\f':
            out += QLatin1String("\\f");
            continue;
        case u'\n':
            out += QLatin1String("\\n");
            continue;
        case u'\r':
            out += QLatin1String("\\r");
            continue;
        case u'\t':
            out += QLatin1String("\\t");
            continue;
        default:
            break;
        }
        bool escape = u < 0x20 || u == 0x7f || u == 0x2028 || u == 0x2029;
        if (c.isHighSurrogate())
            escape = i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate();
        else if (c.isLowSurrogate())
            escape = i == 0 || !text.at(i - 1).isHighSurrogate();
        if (escape)
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    out += u'"';
    return out;
}

QByteArray exportPostmanEnvironment(const Environment &environment)
{
    JsonValue root = JsonValue::emptyObject();
    root.insert(QStringLiteral("name"), str(environment.name));
    JsonValue values = JsonValue::emptyArray();
    for (const Variable &v : environment.variables) {
        JsonValue o = JsonValue::emptyObject();
        o.insert(QStringLiteral("key"), str(v.name));
        o.insert(QStringLiteral("value"), str(v.secret ? QString() : v.value));
        o.insert(QStringLiteral("type"),
                 str(v.secret ? QStringLiteral("secret") : QStringLiteral("default")));
        o.insert(QStringLiteral("enabled"), JsonValue::fromBool(v.enabled));
        values.append(o);
    }
    root.insert(QStringLiteral("values"), values);
    root.insert(QStringLiteral("_postman_variable_scope"), str(QStringLiteral("environment")));
    return toJson(root, JsonStyle::Indented, 2) + '\n';
}

} // namespace Patchbay::Core
