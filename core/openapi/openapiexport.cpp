#include "core/openapi/openapiexport.h"

#include "core/graphql/graphqlhttp.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace Patchbay::Core {

namespace {

JsonValue str(const QString &text)
{
    return JsonValue::fromString(text);
}

JsonValue object(std::initializer_list<std::pair<const char *, JsonValue>> members)
{
    JsonValue o = JsonValue::emptyObject();
    for (const auto &[key, value] : members)
        o.insert(QString::fromLatin1(key), value);
    return o;
}

JsonValue mergeSchemas(const JsonValue &a, const JsonValue &b)
{
    if (a == b)
        return a;
    if (a.value(u"type") == b.value(u"type")
        && a.value(u"type").toString() == QLatin1String("object")) {
        JsonValue merged = a;
        JsonValue properties = a.value(u"properties");
        QStringList required;
        for (const JsonValue &r : a.value(u"required").array())
            if (b.value(u"properties").contains(r.toString()))
                required << r.toString();
        for (const JsonMember &m : b.value(u"properties").members()) {
            const JsonValue *existing = properties.find(m.key);
            properties.insert(m.key, existing ? mergeSchemas(*existing, m.value) : m.value);
        }
        merged.insert(QStringLiteral("properties"), properties);
        JsonValue req = JsonValue::emptyArray();
        for (const QString &r : std::as_const(required))
            req.append(str(r));
        merged.insert(QStringLiteral("required"), req);
        return merged;
    }
    return object({{"anyOf", JsonValue::fromArray({a, b})}});
}

QString slug(const QString &name)
{
    QString out;
    bool upper = false;
    for (const QChar c : name) {
        if (c.isLetterOrNumber()) {
            out += out.isEmpty() ? c.toLower() : (upper ? c.toUpper() : c);
            upper = false;
        } else {
            upper = !out.isEmpty();
        }
    }
    return out.isEmpty() ? QStringLiteral("operation") : out;
}

struct Exporter
{
    const QList<ExampleResponse> &examples;
    JsonValue paths = JsonValue::emptyObject();
    QSet<QString> operationIds;
    QStringList tags;

    void walk(const CollectionItem &item, const QString &tag)
    {
        for (const CollectionItem &child : item.children) {
            if (child.kind == ItemKind::Request)
                addRequest(child, tag);
            else
                walk(child, tag.isEmpty() ? child.name : tag);
        }
    }

    void addRequest(const CollectionItem &item, const QString &tag)
    {
        const Request &r = item.request.request;
        QString url = r.url;
        static const QRegularExpression base(QStringLiteral("^\\{\\{\\s*baseUrl\\s*\\}\\}"));
        url.remove(base);
        if (url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://")))
            url = QUrl(url).path();
        url = url.section(u'?', 0, 0);
        if (!url.startsWith(u'/'))
            url.prepend(u'/');
        JsonValue parameters = JsonValue::emptyArray();
        static const QRegularExpression variable(
            QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}"));
        QRegularExpressionMatchIterator it = variable.globalMatch(url);
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            parameters.append(
                object({{"name", str(name)},
                        {"in", str(QStringLiteral("path"))},
                        {"required", JsonValue::fromBool(true)},
                        {"schema", object({{"type", str(QStringLiteral("string"))}})}}));
        }
        url.replace(variable, QStringLiteral("{\\1}"));
        auto addRows = [&](const KeyValueList &rows, const char *in) {
            for (const KeyValue &row : rows) {
                if (QLatin1String(in) == QLatin1String("header")
                    && (row.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0
                        || row.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive)
                            == 0
                        || row.name.compare(QLatin1String("Accept"), Qt::CaseInsensitive) == 0))
                    continue;
                JsonValue p
                    = object({{"name", str(row.name)},
                              {"in", str(QString::fromLatin1(in))},
                              {"schema", object({{"type", str(QStringLiteral("string"))}})}});
                if (!row.value.isEmpty() && !row.value.contains(QLatin1String("{{")))
                    p.insert(QStringLiteral("example"), str(row.value));
                parameters.append(p);
            }
        };
        addRows(r.params, "query");
        addRows(r.headers, "header");

        JsonValue operation = JsonValue::emptyObject();
        operation.insert(QStringLiteral("summary"), str(item.request.name));
        QString id = slug(item.request.name);
        for (int n = 2; operationIds.contains(id); ++n)
            id = slug(item.request.name) + QString::number(n);
        operationIds.insert(id);
        operation.insert(QStringLiteral("operationId"), str(id));
        if (!tag.isEmpty()) {
            operation.insert(QStringLiteral("tags"), JsonValue::fromArray({str(tag)}));
            if (!tags.contains(tag))
                tags << tag;
        }
        if (!item.request.description.isEmpty())
            operation.insert(QStringLiteral("description"), str(item.request.description));
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);
        if (const JsonValue body = requestBody(r); !body.isNull())
            operation.insert(QStringLiteral("requestBody"), body);
        operation.insert(QStringLiteral("responses"), responses(item.path));

        JsonValue *pathItem = paths.findMutable(url);
        if (!pathItem) {
            paths.insert(url, JsonValue::emptyObject());
            pathItem = paths.findMutable(url);
        }
        const QString method = r.method.toLower();
        if (pathItem->contains(method))
            return; // one operation per method and path in OpenAPI: the first request wins
        pathItem->insert(method, operation);
    }

    JsonValue requestBody(const Request &r)
    {
        const RequestBody &b = r.body;
        QString type;
        for (const KeyValue &h : r.headers)
            if (h.enabled
                && h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
                type = h.value;
        JsonValue media = JsonValue::emptyObject();
        switch (b.mode) {
        case BodyMode::None:
            return {};
        case BodyMode::Json: {
            if (type.isEmpty())
                type = QStringLiteral("application/json");
            const Result<JsonValue> example = parseJson(b.text.toUtf8());
            if (example.ok()) {
                media.insert(QStringLiteral("schema"), inferSchema(example.value()));
                media.insert(QStringLiteral("example"), example.value());
            }
            break;
        }
        case BodyMode::Text:
            type = b.contentType.isEmpty() ? QStringLiteral("text/plain") : b.contentType;
            media.insert(QStringLiteral("schema"),
                         object({{"type", str(QStringLiteral("string"))}}));
            media.insert(QStringLiteral("example"), str(b.text));
            break;
        case BodyMode::FormUrlEncoded:
        case BodyMode::Multipart: {
            const bool multipart = b.mode == BodyMode::Multipart;
            type = multipart ? QStringLiteral("multipart/form-data")
                             : QStringLiteral("application/x-www-form-urlencoded");
            JsonValue properties = JsonValue::emptyObject();
            if (multipart) {
                for (const MultipartField &f : b.multipartFields)
                    properties.insert(
                        f.name,
                        f.isFile ? object(
                            {{"type", str(QStringLiteral("string"))},
                             {"contentMediaType", str(QStringLiteral("application/octet-stream"))}})
                                 : object({{"type", str(QStringLiteral("string"))}}));
            } else {
                for (const KeyValue &f : b.formFields)
                    properties.insert(f.name, object({{"type", str(QStringLiteral("string"))}}));
            }
            media.insert(
                QStringLiteral("schema"),
                object({{"type", str(QStringLiteral("object"))}, {"properties", properties}}));
            break;
        }
        case BodyMode::BinaryFile:
            type = b.contentType.isEmpty() ? QStringLiteral("application/octet-stream")
                                           : b.contentType;
            media.insert(
                QStringLiteral("schema"),
                object({{"type", str(QStringLiteral("string"))}, {"contentMediaType", str(type)}}));
            break;
        case BodyMode::GraphQl: {
            // As it is sent (GraphQL over HTTP): a JSON object with query, operationName and
            // variables, the request's own payload as the example.
            type = QStringLiteral("application/json");
            const JsonValue string = object({{"type", str(QStringLiteral("string"))}});
            media.insert(QStringLiteral("schema"),
                         object({{"type", str(QStringLiteral("object"))},
                                 {"required", parseJson("[\"query\"]").value()},
                                 {"properties",
                                  object({{"query", string},
                                          {"operationName", string},
                                          {"variables",
                                           object({{"type", str(QStringLiteral("object"))}})}})}}));
            if (const Result<JsonValue> example = parseJson(graphQlPayload(b.graphql));
                example.ok())
                media.insert(QStringLiteral("example"), example.value());
            break;
        }
        }
        JsonValue content = JsonValue::emptyObject();
        content.insert(type, media);
        return object({{"content", content}});
    }

    JsonValue responses(const QString &requestPath)
    {
        JsonValue out = JsonValue::emptyObject();
        for (const ExampleResponse &e : examples) {
            if (e.requestPath != requestPath)
                continue;
            const QString code = QString::number(e.status);
            JsonValue response = out.contains(code)
                ? out.value(code)
                : object({{"description", str(QStringLiteral("Example response"))}});
            const QString type = e.contentType.section(u';', 0, 0).trimmed();
            const Result<JsonValue> body = parseJson(e.body);
            if (!type.isEmpty()) {
                JsonValue content = response.value(u"content").isObject()
                    ? response.value(u"content")
                    : JsonValue::emptyObject();
                JsonValue media = content.value(type).isObject() ? content.value(type)
                                                                 : JsonValue::emptyObject();
                if (body.ok()) {
                    const JsonValue schema = inferSchema(body.value());
                    const JsonValue *existing = media.find(u"schema");
                    media.insert(QStringLiteral("schema"),
                                 existing ? mergeSchemas(*existing, schema) : schema);
                    if (!media.contains(u"example"))
                        media.insert(QStringLiteral("example"), body.value());
                }
                content.insert(type, media);
                response.insert(QStringLiteral("content"), content);
            }
            out.insert(code, response);
        }
        if (out.isEmpty())
            out.insert(
                QStringLiteral("default"),
                object({{"description",
                         str(QStringLiteral("Not described: no example response was saved"))}}));
        return out;
    }
};

} // namespace

JsonValue inferSchema(const JsonValue &example)
{
    switch (example.type()) {
    case JsonValue::Type::Null:
        return object({{"type", str(QStringLiteral("null"))}});
    case JsonValue::Type::Bool:
        return object({{"type", str(QStringLiteral("boolean"))}});
    case JsonValue::Type::Number:
        return object(
            {{"type",
              str(example.isInteger() ? QStringLiteral("integer") : QStringLiteral("number"))}});
    case JsonValue::Type::String:
        return object({{"type", str(QStringLiteral("string"))}});
    case JsonValue::Type::Array: {
        JsonValue schema = object({{"type", str(QStringLiteral("array"))}});
        JsonValue items;
        bool first = true;
        for (const JsonValue &item : example.array()) {
            const JsonValue s = inferSchema(item);
            items = first ? s : mergeSchemas(items, s);
            first = false;
        }
        if (!first)
            schema.insert(QStringLiteral("items"), items);
        return schema;
    }
    case JsonValue::Type::Object: {
        JsonValue properties = JsonValue::emptyObject();
        JsonValue required = JsonValue::emptyArray();
        for (const JsonMember &m : example.members()) {
            properties.insert(m.key, inferSchema(m.value));
            required.append(str(m.key));
        }
        return object({{"type", str(QStringLiteral("object"))},
                       {"properties", properties},
                       {"required", required}});
    }
    }
    return JsonValue::emptyObject();
}

QByteArray exportOpenApi(const CollectionItem &collection, const QList<ExampleResponse> &examples)
{
    Exporter exporter {examples};
    exporter.walk(collection, QString());
    JsonValue root = JsonValue::emptyObject();
    root.insert(QStringLiteral("openapi"), str(QStringLiteral("3.1.0")));
    JsonValue info
        = object({{"title", str(collection.name)}, {"version", str(QStringLiteral("1.0.0"))}});
    if (!collection.collection->description.isEmpty())
        info.insert(QStringLiteral("description"), str(collection.collection->description));
    root.insert(QStringLiteral("info"), info);
    JsonValue servers = JsonValue::emptyArray();
    static const QRegularExpression variable(
        QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}"));
    for (const EnvironmentItem &env : collection.environments) {
        for (const Variable &v : env.environment.variables) {
            if (v.name != QLatin1String("baseUrl") || v.value.isEmpty())
                continue;
            QString url = v.value;
            JsonValue variables = JsonValue::emptyObject();
            QRegularExpressionMatchIterator it = variable.globalMatch(url);
            while (it.hasNext()) {
                const QString name = it.next().captured(1);
                QString value;
                for (const Variable &other : env.environment.variables)
                    if (other.name == name)
                        value = other.value;
                variables.insert(name, object({{"default", str(value)}}));
            }
            url.replace(variable, QStringLiteral("{\\1}"));
            JsonValue server
                = object({{"url", str(url)}, {"description", str(env.environment.name)}});
            if (!variables.isEmpty())
                server.insert(QStringLiteral("variables"), variables);
            servers.append(server);
        }
    }
    if (!servers.isEmpty())
        root.insert(QStringLiteral("servers"), servers);
    if (!exporter.tags.isEmpty()) {
        JsonValue tags = JsonValue::emptyArray();
        for (const QString &t : std::as_const(exporter.tags))
            tags.append(object({{"name", str(t)}}));
        root.insert(QStringLiteral("tags"), tags);
    }
    root.insert(QStringLiteral("paths"), exporter.paths);
    return toJson(root) + '\n';
}

} // namespace Patchbay::Core
