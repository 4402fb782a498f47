#include "core/interop/postmanv1.h"

#include "core/json/jsonwriter.h"

#include <QHash>
#include <QSet>

namespace Patchbay::Core {

namespace {

JsonValue text(const QString &s)
{
    return JsonValue::fromString(s);
}

JsonValue keyValue(const QString &key, const JsonValue &value, bool disabled)
{
    JsonValue row = JsonValue::emptyObject();
    row.insert(QStringLiteral("key"), text(key));
    row.insert(QStringLiteral("value"), value);
    if (disabled)
        row.insert(QStringLiteral("disabled"), JsonValue::fromBool(true));
    return row;
}

// v1 headers: "Name: value\n" lines, "// Name: value" when switched off; or headerData rows.
JsonValue headers(const JsonValue &request)
{
    JsonValue out = JsonValue::emptyArray();
    const JsonValue &data = request.value(u"headerData");
    if (data.isArray() && !data.isEmpty()) {
        for (const JsonValue &h : data.array())
            out.append(keyValue(jsonScalarText(h.value(u"key")),
                                text(jsonScalarText(h.value(u"value"))),
                                h.value(u"enabled").isBool() ? !h.value(u"enabled").toBool()
                                                             : h.value(u"disabled").toBool()));
        return out;
    }
    const QStringList lines = jsonScalarText(request.value(u"headers")).split(u'\n');
    for (QString line : lines) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const bool off = line.startsWith(QLatin1String("//"));
        if (off)
            line = line.mid(2).trimmed();
        const qsizetype colon = line.indexOf(u':');
        out.append(keyValue(colon < 0 ? line : line.left(colon).trimmed(),
                            text(colon < 0 ? QString() : line.mid(colon + 1).trimmed()), off));
    }
    return out;
}

JsonValue rowsOf(const JsonValue &data, bool withFiles)
{
    JsonValue out = JsonValue::emptyArray();
    for (const JsonValue &d : data.array()) {
        const bool off = d.value(u"enabled").isBool() && !d.value(u"enabled").toBool();
        JsonValue row = keyValue(jsonScalarText(d.value(u"key")),
                                 text(jsonScalarText(d.value(u"value"))), off);
        if (withFiles && jsonScalarText(d.value(u"type")) == QLatin1String("file")) {
            row.remove(u"value");
            row.insert(QStringLiteral("type"), text(QStringLiteral("file")));
            row.insert(QStringLiteral("src"), text(jsonScalarText(d.value(u"value"))));
        } else if (withFiles) {
            row.insert(QStringLiteral("type"), text(QStringLiteral("text")));
        }
        out.append(row);
    }
    return out;
}

JsonValue body(const JsonValue &request)
{
    const QString mode = jsonScalarText(request.value(u"dataMode"));
    JsonValue b = JsonValue::emptyObject();
    if (mode == QLatin1String("raw")) {
        const QString raw = jsonScalarText(request.value(u"rawModeData"));
        if (raw.isEmpty())
            return JsonValue::null();
        b.insert(QStringLiteral("mode"), text(mode));
        b.insert(QStringLiteral("raw"), text(raw));
    } else if (mode == QLatin1String("urlencoded")) {
        b.insert(QStringLiteral("mode"), text(mode));
        b.insert(QStringLiteral("urlencoded"), rowsOf(request.value(u"data"), false));
    } else if (mode == QLatin1String("params")) {
        b.insert(QStringLiteral("mode"), text(QStringLiteral("formdata")));
        b.insert(QStringLiteral("formdata"), rowsOf(request.value(u"data"), true));
    } else if (mode == QLatin1String("binary")) {
        b.insert(QStringLiteral("mode"), text(QStringLiteral("file")));
        JsonValue file = JsonValue::emptyObject();
        file.insert(QStringLiteral("src"), text(jsonScalarText(request.value(u"rawModeData"))));
        b.insert(QStringLiteral("file"), file);
    } else if (mode == QLatin1String("graphql")) {
        b.insert(QStringLiteral("mode"), text(mode));
        b.insert(QStringLiteral("graphql"), request.value(u"graphqlModeData"));
    } else {
        return JsonValue::null();
    }
    return b;
}

JsonValue script(const char *listen, const QString &code)
{
    JsonValue exec = JsonValue::emptyArray();
    const QStringList lines = code.split(u'\n');
    for (const QString &line : lines)
        exec.append(text(line));
    JsonValue s = JsonValue::emptyObject();
    s.insert(QStringLiteral("type"), text(QStringLiteral("text/javascript")));
    s.insert(QStringLiteral("exec"), exec);
    JsonValue event = JsonValue::emptyObject();
    event.insert(QStringLiteral("listen"), text(QString::fromLatin1(listen)));
    event.insert(QStringLiteral("script"), s);
    return event;
}

JsonValue auth(const JsonValue &request)
{
    if (request.value(u"auth").isObject())
        return request.value(u"auth"); // later v1 exports carry the v2 shape already
    const QString helper = jsonScalarText(request.value(u"currentHelper"));
    if (helper.isEmpty() || helper == QLatin1String("normal"))
        return JsonValue::null();
    JsonValue a = JsonValue::emptyObject();
    const JsonValue &attributes = request.value(u"helperAttributes");
    if (helper == QLatin1String("basicAuth")) {
        JsonValue params = JsonValue::emptyArray();
        params.append(keyValue(QStringLiteral("username"),
                               text(jsonScalarText(attributes.value(u"username"))), false));
        params.append(keyValue(QStringLiteral("password"),
                               text(jsonScalarText(attributes.value(u"password"))), false));
        a.insert(QStringLiteral("type"), text(QStringLiteral("basic")));
        a.insert(QStringLiteral("basic"), params);
        return a;
    }
    // Other helpers keep their v1 name, which the reader reports as an auth it lacks.
    QString type = helper;
    if (type.endsWith(QLatin1String("Auth")))
        type.chop(4);
    a.insert(QStringLiteral("type"), text(type.toLower()));
    return a;
}

JsonValue item(const JsonValue &request)
{
    JsonValue out = JsonValue::emptyObject();
    out.insert(QStringLiteral("name"), text(jsonScalarText(request.value(u"name"))));
    JsonValue events = JsonValue::emptyArray();
    const QString pre = jsonScalarText(request.value(u"preRequestScript"));
    if (!pre.trimmed().isEmpty())
        events.append(script("prerequest", pre));
    const QString tests = jsonScalarText(request.value(u"tests"));
    if (!tests.trimmed().isEmpty())
        events.append(script("test", tests));
    if (!events.isEmpty())
        out.insert(QStringLiteral("event"), events);

    JsonValue r = JsonValue::emptyObject();
    r.insert(QStringLiteral("method"), text(jsonScalarText(request.value(u"method"))));
    r.insert(QStringLiteral("header"), headers(request));
    const JsonValue b = body(request);
    if (!b.isNull())
        r.insert(QStringLiteral("body"), b);
    const JsonValue a = auth(request);
    if (!a.isNull())
        r.insert(QStringLiteral("auth"), a);
    const QString url = jsonScalarText(request.value(u"url"));
    const JsonValue &pathVariables = request.value(u"pathVariables");
    if (pathVariables.isObject() && !pathVariables.isEmpty()) {
        JsonValue u = JsonValue::emptyObject();
        u.insert(QStringLiteral("raw"), text(url));
        JsonValue variables = JsonValue::emptyArray();
        for (const JsonMember &m : pathVariables.members())
            variables.append(keyValue(m.key, text(jsonScalarText(m.value)), false));
        u.insert(QStringLiteral("variable"), variables);
        r.insert(QStringLiteral("url"), u);
    } else {
        r.insert(QStringLiteral("url"), text(url));
    }
    const QString description = jsonScalarText(request.value(u"description"));
    if (!description.isEmpty())
        r.insert(QStringLiteral("description"), text(description));
    out.insert(QStringLiteral("request"), r);
    const JsonValue &responses = request.value(u"responses");
    out.insert(QStringLiteral("response"),
               responses.isArray() ? responses : JsonValue::emptyArray());
    return out;
}

struct Builder
{
    QHash<QString, JsonValue> requests; // by id
    QHash<QString, const JsonValue *> folders; // by id
    QSet<QString> placedRequests;
    QSet<QString> placedFolders;

    JsonValue items(const JsonValue &order, const JsonValue &foldersOrder, int depth)
    {
        JsonValue out = JsonValue::emptyArray();
        for (const JsonValue &id : foldersOrder.array()) {
            const QString key = jsonScalarText(id);
            if (!folders.contains(key) || placedFolders.contains(key) || depth > 64)
                continue;
            placedFolders.insert(key);
            out.append(folder(*folders.value(key), depth + 1));
        }
        for (const JsonValue &id : order.array()) {
            const QString key = jsonScalarText(id);
            if (!requests.contains(key) || placedRequests.contains(key))
                continue;
            placedRequests.insert(key);
            out.append(item(requests.value(key)));
        }
        return out;
    }

    JsonValue folder(const JsonValue &f, int depth)
    {
        JsonValue out = JsonValue::emptyObject();
        out.insert(QStringLiteral("name"), text(jsonScalarText(f.value(u"name"))));
        const QString description = jsonScalarText(f.value(u"description"));
        if (!description.isEmpty())
            out.insert(QStringLiteral("description"), text(description));
        out.insert(QStringLiteral("item"),
                   items(f.value(u"order"), f.value(u"folders_order"), depth));
        return out;
    }
};

} // namespace

JsonValue postmanV1ToV2(const JsonValue &v1, QStringList *notes)
{
    Builder b;
    for (const JsonValue &r : v1.value(u"requests").array())
        b.requests.insert(jsonScalarText(r.value(u"id")), r);
    QSet<QString> nested;
    for (const JsonValue &f : v1.value(u"folders").array()) {
        b.folders.insert(jsonScalarText(f.value(u"id")), &f);
        for (const JsonValue &child : f.value(u"folders_order").array())
            nested.insert(jsonScalarText(child));
    }
    // Top-level folders: the collection's folders_order, else every folder no other one holds.
    JsonValue top = v1.value(u"folders_order");
    if (!top.isArray()) {
        top = JsonValue::emptyArray();
        for (const JsonValue &f : v1.value(u"folders").array()) {
            const QString id = jsonScalarText(f.value(u"id"));
            if (!nested.contains(id) && jsonScalarText(f.value(u"folder")).isEmpty())
                top.append(text(id));
        }
    }
    JsonValue items = b.items(v1.value(u"order"), top, 0);
    // Folders only reachable through a `folder` parent link, then requests no list names.
    for (const JsonValue &f : v1.value(u"folders").array()) {
        const QString id = jsonScalarText(f.value(u"id"));
        if (!b.placedFolders.contains(id)) {
            b.placedFolders.insert(id);
            items.append(b.folder(f, 1));
        }
    }
    int orphans = 0;
    for (const JsonValue &r : v1.value(u"requests").array()) {
        const QString id = jsonScalarText(r.value(u"id"));
        if (!b.placedRequests.contains(id)) {
            b.placedRequests.insert(id);
            items.append(item(r));
            ++orphans;
        }
    }
    if (orphans > 0 && notes)
        *notes << QStringLiteral("%1 requests of this v1 collection were in no folder or order "
                                 "list; they were placed at the top level")
                      .arg(orphans);

    JsonValue info = JsonValue::emptyObject();
    info.insert(QStringLiteral("name"), text(jsonScalarText(v1.value(u"name"))));
    const QString description = jsonScalarText(v1.value(u"description"));
    if (!description.isEmpty())
        info.insert(QStringLiteral("description"), text(description));
    info.insert(QStringLiteral("schema"),
                text(QStringLiteral(
                    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json")));
    JsonValue root = JsonValue::emptyObject();
    root.insert(QStringLiteral("info"), info);
    root.insert(QStringLiteral("item"), items);
    if (v1.value(u"variables").isArray())
        root.insert(QStringLiteral("variable"), v1.value(u"variables"));
    if (v1.value(u"auth").isObject())
        root.insert(QStringLiteral("auth"), v1.value(u"auth"));
    if (v1.value(u"events").isArray())
        root.insert(QStringLiteral("event"), v1.value(u"events"));
    if (notes)
        *notes << QStringLiteral("read as a Postman Collection v1 file");
    return root;
}

} // namespace Patchbay::Core
