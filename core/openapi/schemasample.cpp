#include "core/openapi/schemasample.h"

#include "core/json/jsonwriter.h"
#include "core/openapi/specset.h"

#include <algorithm>

namespace Patchbay::Core {

namespace {

// Below this depth every property of an object is shown; deeper, only required ones.
constexpr int AllPropertiesDepth = 2;
constexpr int MaxSampleDepth = 24;

QString formatSample(std::string_view format)
{
    if (format == "date-time")
        return QStringLiteral("2024-01-01T00:00:00Z");
    if (format == "date")
        return QStringLiteral("2024-01-01");
    if (format == "time")
        return QStringLiteral("12:00:00Z");
    if (format == "email" || format == "idn-email")
        return QStringLiteral("user@example.com");
    if (format == "uuid")
        return QStringLiteral("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    if (format == "uri" || format == "url" || format == "iri" || format == "uri-reference")
        return QStringLiteral("https://example.com");
    if (format == "hostname" || format == "idn-hostname")
        return QStringLiteral("example.com");
    if (format == "ipv4")
        return QStringLiteral("192.0.2.1");
    if (format == "ipv6")
        return QStringLiteral("2001:db8::1");
    if (format == "byte")
        return QStringLiteral("U3dhZ2dlcg==");
    if (format == "binary")
        return QString();
    if (format == "password")
        return QStringLiteral("password");
    if (format == "duration")
        return QStringLiteral("P1D");
    return QStringLiteral("string");
}

bool listHas(SpecNode list, std::string_view name)
{
    bool found = false;
    list.forEachItem([&](SpecNode item) { found = found || item.view() == name; });
    return found;
}

} // namespace

JsonValue specToJson(SpecNode node, int maxDepth)
{
    using simdjson::dom::element_type;
    if (!node.isValid())
        return JsonValue::null();
    const simdjson::dom::element e = node.element();
    switch (e.type()) {
    case element_type::OBJECT: {
        JsonValue::Members members;
        if (maxDepth > 0) {
            members.reserve(qsizetype(node.size()));
            node.forEachMember([&](std::string_view key, SpecNode value) {
                members.append(JsonMember {toQString(key), specToJson(value, maxDepth - 1)});
            });
        }
        return JsonValue::fromMembers(members);
    }
    case element_type::ARRAY: {
        JsonValue::Array items;
        if (maxDepth > 0)
            node.forEachItem([&](SpecNode item) { items.append(specToJson(item, maxDepth - 1)); });
        return JsonValue::fromArray(items);
    }
    case element_type::INT64: {
        int64_t value = 0;
        if (e.get_int64().get(value) != simdjson::SUCCESS)
            value = 0;
        return JsonValue::fromInt(value);
    }
    case element_type::UINT64: {
        uint64_t value = 0;
        if (e.get_uint64().get(value) != simdjson::SUCCESS)
            value = 0;
        return JsonValue::fromNumberLiteral(QByteArray::number(quint64(value)));
    }
    case element_type::DOUBLE: {
        double value = 0;
        if (e.get_double().get(value) != simdjson::SUCCESS)
            value = 0;
        return JsonValue::fromDouble(value);
    }
    case element_type::STRING:
        return JsonValue::fromString(node.text());
    case element_type::BOOL:
        return JsonValue::fromBool(node.boolean());
    case element_type::NULL_VALUE:
        break;
    }
    return JsonValue::null();
}

JsonValue SchemaSampler::sample(SpecNode schema, Use use)
{
    m_path.clear();
    return build(schema, use, 0);
}

QString SchemaSampler::sampleText(SpecNode schema)
{
    const JsonValue value = sample(schema, Use::Request);
    if (value.isArray()) {
        QStringList parts;
        for (const JsonValue &item : value.array())
            parts << jsonScalarText(item);
        return parts.join(u',');
    }
    return jsonScalarText(value);
}

JsonValue SchemaSampler::build(SpecNode schema, Use use, int depth)
{
    if (depth > MaxSampleDepth)
        return JsonValue::null();
    if (!schema["$ref"].isString())
        return buildResolved(schema, use, depth);
    const SpecNode target = m_set.resolve(schema);
    if (!target.isValid())
        return JsonValue::null();
    const auto id = SpecSet::identity(target);
    if (std::find(m_path.begin(), m_path.end(), id) != m_path.end())
        return target["type"].view() == "array"
            ? JsonValue::emptyArray()
            : (target.has("properties") ? JsonValue::emptyObject() : JsonValue::null());
    const Key key {id, int(use) * 2 + (depth >= AllPropertiesDepth ? 1 : 0)};
    if (const auto it = m_cache.find(key); it != m_cache.end())
        return it->second;
    m_path.push_back(id);
    JsonValue value = buildResolved(target, use, depth);
    m_path.pop_back();
    m_cache.emplace(key, value);
    return value;
}

JsonValue SchemaSampler::buildResolved(SpecNode schema, Use use, int depth)
{
    if (!schema.isObject())
        return JsonValue::null();
    if (const SpecNode example = schema["example"]; example.isValid())
        return specToJson(example);
    if (const SpecNode examples = schema["examples"]; examples.isArray() && examples.size() > 0)
        return specToJson(examples.at(0));
    if (const SpecNode constant = schema["const"]; constant.isValid())
        return specToJson(constant);
    if (const SpecNode def = schema["default"]; def.isValid())
        return specToJson(def);
    if (const SpecNode values = schema["enum"]; values.isArray() && values.size() > 0)
        return specToJson(values.at(0));

    if (const SpecNode all = schema["allOf"]; all.isArray()) {
        JsonValue merged;
        bool any = false;
        all.forEachItem([&](SpecNode part) {
            JsonValue value = build(part, use, depth);
            if (value.isObject() && (merged.isObject() || !any)) {
                if (!merged.isObject())
                    merged = JsonValue::emptyObject();
                for (const JsonMember &member : value.members())
                    merged.insert(member.key, member.value);
                any = true;
            } else if (!any && !value.isNull()) {
                merged = value;
                any = true;
            }
        });
        // Properties beside allOf belong to the same object.
        if (schema.has("properties")) {
            const JsonValue own = forType(schema, "object", use, depth);
            if (!merged.isObject())
                merged = JsonValue::emptyObject();
            for (const JsonMember &member : own.members())
                merged.insert(member.key, member.value);
        }
        return merged;
    }
    for (const std::string_view choice : {"oneOf", "anyOf"}) {
        const SpecNode branches = schema[choice];
        if (!branches.isArray() || branches.size() == 0)
            continue;
        // The first branch, unless it only allows null and another branch says more.
        SpecNode pick = branches.at(0);
        for (size_t i = 0; i < branches.size(); ++i) {
            const SpecNode branch = m_set.resolve(branches.at(i));
            if (branch["type"].view() != "null") {
                pick = branches.at(i);
                break;
            }
        }
        return build(pick, use, depth);
    }

    std::string_view type;
    const SpecNode typeNode = schema["type"];
    if (typeNode.isString()) {
        type = typeNode.view();
    } else if (typeNode.isArray()) {
        typeNode.forEachItem([&](SpecNode t) {
            if (type.empty() && t.view() != "null")
                type = t.view();
        });
        if (type.empty())
            type = "null";
    } else if (schema.has("properties") || schema.has("additionalProperties")) {
        type = "object";
    } else if (schema.has("items")) {
        type = "array";
    }
    return forType(schema, type, use, depth);
}

JsonValue SchemaSampler::forType(SpecNode schema, std::string_view type, Use use, int depth)
{
    if (type == "object") {
        JsonValue object = JsonValue::emptyObject();
        const SpecNode required = schema["required"];
        schema["properties"].forEachMember([&](std::string_view name, SpecNode property) {
            const bool isRequired = listHas(required, name);
            if (!isRequired && depth >= AllPropertiesDepth)
                return;
            const SpecNode resolved = m_set.resolve(property);
            if (use == Use::Request && resolved["readOnly"].boolean())
                return;
            if (use == Use::Response && resolved["writeOnly"].boolean())
                return;
            object.insert(toQString(name), build(property, use, depth + 1));
        });
        return object;
    }
    if (type == "array") {
        JsonValue array = JsonValue::emptyArray();
        const SpecNode items = schema["items"];
        if (items.isObject())
            array.append(build(items, use, depth + 1));
        return array;
    }
    if (type == "string")
        return JsonValue::fromString(formatSample(schema["format"].view()));
    if (type == "integer" || type == "number") {
        const SpecNode minimum = schema["minimum"];
        if (minimum.isNumber())
            return specToJson(minimum);
        return type == "integer" ? JsonValue::fromInt(0) : JsonValue::fromNumberLiteral("0.0");
    }
    if (type == "boolean")
        return JsonValue::fromBool(true);
    return JsonValue::null();
}

} // namespace Patchbay::Core
