// Turning one operation of a description into a request: parameters, body, auth, callbacks.

#include "core/json/jsonwriter.h"
#include "core/openapi/openapibuilder.h"

#include <QRegularExpression>

namespace Patchbay::Core {

namespace {

bool isJsonType(const QString &type)
{
    const QString base = type.section(u';', 0, 0).trimmed().toLower();
    return base == QLatin1String("application/json") || base.endsWith(QLatin1String("+json"))
        || base == QLatin1String("text/json") || base == QLatin1String("*/*");
}

// Which of an operation's content types the request is built for: JSON first (plain JSON
// before merge patch before JSON Patch), then forms, then anything else.
int contentRank(const QString &type)
{
    const QString base = type.section(u';', 0, 0).trimmed().toLower();
    if (base == QLatin1String("application/json"))
        return 0;
    if (base == QLatin1String("application/merge-patch+json"))
        return 1;
    if (base == QLatin1String("application/json-patch+json"))
        return 2;
    if (isJsonType(base) && base != QLatin1String("*/*"))
        return 3;
    if (base == QLatin1String("application/x-www-form-urlencoded"))
        return 4;
    if (base == QLatin1String("multipart/form-data"))
        return 5;
    if (base.startsWith(QLatin1String("text/")))
        return 6;
    if (base == QLatin1String("*/*"))
        return 8;
    return 7;
}

bool isHiddenHeader(const QString &name)
{
    // OpenAPI: header parameters named so "SHALL be ignored"; the body and auth set them.
    return name.compare(QLatin1String("Accept"), Qt::CaseInsensitive) == 0
        || name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0
        || name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0;
}

} // namespace

SavedRequest OpenApiBuilder::buildOperation(const QString &where, const QString &method,
                                            const QString &path, SpecNode pathItem,
                                            SpecNode operation, const QString &urlBase)
{
    SavedRequest saved;
    const QString summary = operation.text("summary").trimmed();
    const QString operationId = operation.text("operationId");
    saved.name = !summary.isEmpty() ? summary
                                    : (!operationId.isEmpty() ? operationId : method + u' ' + path);
    saved.name = saved.name.simplified();
    if (saved.name.size() > 120)
        saved.name = saved.name.left(117) + QStringLiteral("...");
    QString description = operation.text("description");
    if (description.isEmpty())
        description = pathItem.text("description");
    if (!summary.isEmpty() && summary.size() > 120)
        description = summary + QStringLiteral("\n\n") + description;
    if (operation["deprecated"].boolean())
        description = QStringLiteral("Deprecated.")
            + (description.isEmpty() ? QString() : u' ' + description);
    saved.description = description.trimmed();
    saved.request.method = method;

    // Servers of the path or operation override the description's.
    QString base = urlBase;
    if (!m_swagger) {
        SpecNode servers = operation["servers"];
        if (servers.size() == 0)
            servers = pathItem["servers"];
        if (servers.size() > 0) {
            QString url = m_spec.resolve(servers.at(0)).text("url");
            static const QRegularExpression braces(QStringLiteral("\\{([^{}/]+)\\}"));
            url.replace(braces, QStringLiteral("{{\\1}}"));
            while (url.endsWith(u'/'))
                url.chop(1);
            if (!url.isEmpty())
                base = url;
        }
    }
    saved.request.url
        = urlBase.startsWith(QLatin1String("{{webhookUrl")) ? base : base + pathToUrl(path);

    addParameters(where, pathItem, operation, saved);
    if (m_swagger)
        addSwaggerBody(where, operation, pathItem, saved);
    else
        addBody(where, method, operation, saved);
    addAuth(where, operation, saved);
    return saved;
}

void OpenApiBuilder::addParameters(const QString &where, SpecNode pathItem, SpecNode operation,
                                   SavedRequest &saved)
{
    // Operation parameters override path-item ones with the same name and location.
    QList<SpecNode> params;
    QStringList keys;
    auto collect = [&](SpecNode list, bool override) {
        list.forEachItem([&](SpecNode p) {
            QString problem;
            const SpecNode resolved = m_spec.resolve(p, &problem);
            if (!resolved.isObject()) {
                m_result.collection.report.skipped << where + QStringLiteral(": a parameter: ")
                        + (problem.isEmpty() ? QStringLiteral("not an object") : problem);
                return;
            }
            const QString key = resolved.text("in") + u'\n' + resolved.text("name");
            const qsizetype i = keys.indexOf(key);
            if (i >= 0 && override) {
                params[i] = resolved;
            } else if (i < 0) {
                keys << key;
                params << resolved;
            }
        });
    };
    collect(pathItem["parameters"], false);
    collect(operation["parameters"], true);
    KeyValueList cookies;
    bool cookieRequired = false;
    for (const SpecNode &p : std::as_const(params))
        addParameter(where, p, saved, cookies, cookieRequired);
    if (!cookies.isEmpty()) {
        QStringList parts;
        for (const KeyValue &c : std::as_const(cookies))
            parts << c.name + u'=' + c.value;
        saved.request.headers << KeyValue {QStringLiteral("Cookie"),
                                           parts.join(QStringLiteral("; ")), cookieRequired};
    }
}

QString OpenApiBuilder::parameterValue(SpecNode p)
{
    if (const SpecNode example = p["example"]; example.isValid())
        return jsonScalarText(specToJson(example));
    if (const SpecNode examples = p["examples"]; examples.isObject()) {
        QString value;
        bool done = false;
        examples.forEachMember([&](std::string_view, SpecNode ex) {
            if (done)
                return;
            done = true;
            value = jsonScalarText(specToJson(m_spec.resolve(ex)["value"]));
        });
        if (done)
            return value;
    }
    if (const SpecNode example = p["x-example"]; example.isValid())
        return jsonScalarText(specToJson(example));
    if (const SpecNode schema = p["schema"]; schema.isValid())
        return m_sampler.sampleText(schema);
    if (const SpecNode content = p["content"]; content.isObject()) {
        QString value;
        content.forEachMember([&](std::string_view, SpecNode media) {
            if (value.isEmpty())
                value = jsonScalarText(
                    m_sampler.sample(media["schema"], SchemaSampler::Use::Request));
        });
        return value;
    }
    // Swagger 2.0: the schema's keywords are on the parameter itself.
    if (p.has("type"))
        return m_sampler.sampleText(p);
    return {};
}

void OpenApiBuilder::addParameter(const QString &where, SpecNode p, SavedRequest &saved,
                                  KeyValueList &cookies, bool &cookieRequired)
{
    const QString in = p.text("in");
    const QString name = p.text("name");
    if (name.isEmpty()) {
        m_result.collection.report.skipped << where + QStringLiteral(": a parameter has no name.");
        return;
    }
    if (in == QLatin1String("body") || in == QLatin1String("formData"))
        return; // Swagger 2.0 bodies: addSwaggerBody()
    const bool required = p["required"].boolean() || in == QLatin1String("path");
    const QString value = parameterValue(p);
    if (in == QLatin1String("path")) {
        for (Variable &v : m_result.collection.info.variables)
            if (v.name == name && v.value.isEmpty())
                v.value = value;
        return;
    }
    if (in == QLatin1String("query")) {
        // An exploded array (the default for query) is one row per item.
        const bool explode = p.has("explode")
            ? p["explode"].boolean()
            : p.text("style").isEmpty() || p.text("style") == QLatin1String("form");
        const QString collectionFormat = p.text("collectionFormat");
        const bool multi = m_swagger ? collectionFormat == QLatin1String("multi") : explode;
        const JsonValue sampleValue = p.has("schema")
            ? m_sampler.sample(p["schema"], SchemaSampler::Use::Request)
            : JsonValue();
        if (multi && sampleValue.isArray() && !p.has("example") && !p.has("examples")
            && sampleValue.size() > 1) {
            for (const JsonValue &item : sampleValue.array())
                saved.request.params << KeyValue {name, jsonScalarText(item), required};
        } else {
            saved.request.params << KeyValue {name, value, required};
        }
        return;
    }
    if (in == QLatin1String("header")) {
        if (isHiddenHeader(name))
            return;
        saved.request.headers << KeyValue {name, value, required};
        return;
    }
    if (in == QLatin1String("cookie")) {
        cookies << KeyValue {name, value, required};
        cookieRequired = cookieRequired || required;
        return;
    }
    m_result.collection.report.skipped << where
            + QStringLiteral(": parameter %1 is in \"%2\", which is not a parameter location.")
                  .arg(name, in);
}

QString OpenApiBuilder::exampleBody(SpecNode media, SpecNode schema, const QString &)
{
    JsonValue value;
    bool found = false;
    if (const SpecNode example = media["example"]; example.isValid()) {
        value = specToJson(m_spec.resolve(example));
        found = true;
    } else if (const SpecNode examples = media["examples"]; examples.isObject()) {
        examples.forEachMember([&](std::string_view, SpecNode ex) {
            if (found)
                return;
            const SpecNode resolved = m_spec.resolve(ex);
            if (resolved.has("value")) {
                value = specToJson(resolved["value"]);
                found = true;
            }
        });
    }
    if (!found)
        value = m_sampler.sample(schema, SchemaSampler::Use::Request);
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(toJson(value, JsonStyle::Indented, 2));
}

void OpenApiBuilder::addBody(const QString &where, const QString &method, SpecNode operation,
                             SavedRequest &saved)
{
    QString problem;
    const SpecNode body = m_spec.resolve(operation["requestBody"], &problem);
    if (!body.isValid()) {
        if (!problem.isEmpty())
            m_result.collection.report.skipped
                << where + QStringLiteral(": request body: ") + problem;
        return;
    }
    QStringList types;
    body["content"].forEachMember(
        [&](std::string_view type, SpecNode) { types << toQString(type); });
    if (types.isEmpty())
        return;
    std::stable_sort(types.begin(), types.end(), [](const QString &a, const QString &b) {
        return contentRank(a) < contentRank(b);
    });
    const QString type = types.first();
    const QByteArray typeKey = type.toUtf8();
    const SpecNode media
        = body["content"][std::string_view(typeKey.constData(), size_t(typeKey.size()))];
    const SpecNode schema = media["schema"];
    const QString base = type.section(u';', 0, 0).trimmed().toLower();
    RequestBody &out = saved.request.body;
    if (base == QLatin1String("application/x-www-form-urlencoded")
        || base == QLatin1String("multipart/form-data")) {
        const bool multipart = base.startsWith(QLatin1String("multipart"));
        out.mode = multipart ? BodyMode::Multipart : BodyMode::FormUrlEncoded;
        const SpecNode resolved = m_spec.resolve(schema);
        const SpecNode required = resolved["required"];
        const JsonValue sample = m_sampler.sample(schema, SchemaSampler::Use::Request);
        resolved["properties"].forEachMember([&](std::string_view name, SpecNode property) {
            const QString key = toQString(name);
            bool isRequired = false;
            required.forEachItem([&](SpecNode r) { isRequired = isRequired || r.view() == name; });
            const SpecNode prop = m_spec.resolve(property);
            if (prop["readOnly"].boolean())
                return;
            const QString value = jsonScalarText(sample.value(key));
            if (multipart) {
                MultipartField field;
                field.name = key;
                field.isFile = prop["format"].view() == "binary"
                    || prop["format"].view() == "base64" || prop.has("contentMediaType");
                field.value = field.isFile ? QString() : value;
                field.enabled = isRequired || !field.isFile;
                out.multipartFields << field;
            } else {
                out.formFields << KeyValue {key, value, true};
            }
        });
    } else if (isJsonType(base)) {
        out.mode = BodyMode::Json;
        out.text = exampleBody(media, schema, method);
        if (base != QLatin1String("application/json"))
            saved.request.headers << KeyValue {QStringLiteral("Content-Type"), type, true};
    } else if (base == QLatin1String("application/octet-stream")
               || base.startsWith(QLatin1String("image/"))
               || base.startsWith(QLatin1String("audio/"))
               || base.startsWith(QLatin1String("video/"))) {
        out.mode = BodyMode::BinaryFile;
        out.contentType = type;
    } else {
        out.mode = BodyMode::Text;
        out.contentType = type;
        const SpecNode example = media["example"];
        if (example.isString())
            out.text = example.text();
        else if (base.contains(QLatin1String("xml")))
            m_result.collection.report.lossy << where
                    + QStringLiteral(": the %1 body was left empty (XML is not generated "
                                     "from schemas).")
                          .arg(type);
    }
    // The other types the operation accepts stay as switched-off Content-Type rows, so picking
    // one (merge patch, JSON Patch...) is one click.
    for (qsizetype i = 1; i < types.size(); ++i)
        saved.request.headers << KeyValue {QStringLiteral("Content-Type"), types[i], false};
    if (!body["description"].view().empty() && saved.description.isEmpty())
        saved.description = body.text("description");
}

void OpenApiBuilder::addSwaggerBody(const QString &where, SpecNode operation, SpecNode pathItem,
                                    SavedRequest &saved)
{
    QStringList consumes;
    operation["consumes"].forEachItem([&](SpecNode c) { consumes << c.text(); });
    if (consumes.isEmpty())
        consumes = m_globalConsumes;
    QList<SpecNode> formData;
    SpecNode bodyParam;
    auto scan = [&](SpecNode list) {
        list.forEachItem([&](SpecNode p) {
            p = m_spec.resolve(p);
            if (p["in"].view() == "body")
                bodyParam = p;
            else if (p["in"].view() == "formData")
                formData << p;
        });
    };
    scan(pathItem["parameters"]);
    scan(operation["parameters"]);
    RequestBody &out = saved.request.body;
    if (bodyParam.isValid()) {
        std::stable_sort(consumes.begin(), consumes.end(), [](const QString &a, const QString &b) {
            return contentRank(a) < contentRank(b);
        });
        const QString type
            = consumes.isEmpty() ? QStringLiteral("application/json") : consumes.first();
        const JsonValue value = bodyParam.has("x-example")
            ? specToJson(bodyParam["x-example"])
            : m_sampler.sample(bodyParam["schema"], SchemaSampler::Use::Request);
        if (isJsonType(type) || consumes.isEmpty()) {
            out.mode = BodyMode::Json;
            out.text = QString::fromUtf8(toJson(value, JsonStyle::Indented, 2));
            if (type.section(u';', 0, 0).trimmed().toLower() != QLatin1String("application/json")
                && !consumes.isEmpty())
                saved.request.headers << KeyValue {QStringLiteral("Content-Type"), type, true};
        } else {
            out.mode = BodyMode::Text;
            out.contentType = type;
            m_result.collection.report.lossy
                << where + QStringLiteral(": the %1 body was left empty.").arg(type);
        }
        for (qsizetype i = 1; i < consumes.size(); ++i)
            saved.request.headers << KeyValue {QStringLiteral("Content-Type"), consumes[i], false};
        return;
    }
    if (formData.isEmpty())
        return;
    bool hasFile = false;
    for (const SpecNode &p : std::as_const(formData))
        hasFile = hasFile || p["type"].view() == "file";
    const bool multipart = hasFile || consumes.contains(QStringLiteral("multipart/form-data"));
    out.mode = multipart ? BodyMode::Multipart : BodyMode::FormUrlEncoded;
    for (const SpecNode &p : std::as_const(formData)) {
        const QString name = p.text("name");
        const bool required = p["required"].boolean();
        if (multipart) {
            MultipartField field;
            field.name = name;
            field.isFile = p["type"].view() == "file";
            field.value = field.isFile ? QString() : parameterValue(p);
            field.enabled = required;
            out.multipartFields << field;
        } else {
            out.formFields << KeyValue {name, parameterValue(p), required};
        }
    }
    (void)where;
}

void OpenApiBuilder::addCallbacks(const QString &where, SpecNode operation, const QStringList &)
{
    operation["callbacks"].forEachMember([&](std::string_view name, SpecNode callback) {
        QString problem;
        callback = m_spec.resolve(callback, &problem);
        if (!callback.isObject()) {
            m_result.collection.report.skipped
                << where + QStringLiteral(": callback %1: %2").arg(toQString(name), problem);
            return;
        }
        callback.forEachMember([&](std::string_view expression, SpecNode item) {
            item = m_spec.resolve(item);
            // "{$request.body#/callbackUrl}" → "{{callbackUrl}}"
            static const QRegularExpression runtime(
                QStringLiteral("\\{\\$[^}]*?([A-Za-z0-9_]+)\\}"));
            QString url = toQString(expression);
            url.replace(runtime, QStringLiteral("{{\\1}}"));
            static const QRegularExpression methods(
                QStringLiteral("^(get|put|post|delete|options|head|patch|trace)$"));
            item.forEachMember([&](std::string_view methodKey, SpecNode op) {
                const QString method = toQString(methodKey);
                if (!methods.match(method).hasMatch() || !op.isObject())
                    return;
                const QString cbWhere
                    = QStringLiteral("Callback %1 %2").arg(toQString(name), method.toUpper());
                SavedRequest saved = buildOperation(cbWhere, method.toUpper(), url, item, op,
                                                    QStringLiteral("{{webhookUrl}}"));
                saved.request.url = url;
                if (op.text("summary").isEmpty() && op.text("operationId").isEmpty())
                    saved.name = toQString(name) + u' ' + method.toUpper();
                SpecOperation specOp;
                specOp.method = method.toUpper();
                specOp.path = toQString(expression);
                specOp.key = op.text("operationId").isEmpty() ? QStringLiteral("callback ")
                        + toQString(name) + u' ' + method.toUpper() + u' ' + specOp.path
                                                              : op.text("operationId");
                addRequest({QStringLiteral("Callbacks")}, std::move(saved), specOp);
            });
        });
    });
}

} // namespace Patchbay::Core
