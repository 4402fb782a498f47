#include "core/openapi/schemaconvert.h"

#include "core/openapi/specset.h"

#include <deque>
#include <map>

namespace Patchbay::Core {

namespace {

nlohmann::json rawValue(SpecNode node)
{
    using simdjson::dom::element_type;
    if (!node.isValid())
        return nullptr;
    const simdjson::dom::element e = node.element();
    switch (e.type()) {
    case element_type::OBJECT: {
        nlohmann::json object = nlohmann::json::object();
        node.forEachMember([&](std::string_view key, SpecNode value) {
            object[std::string(key)] = rawValue(value);
        });
        return object;
    }
    case element_type::ARRAY: {
        nlohmann::json array = nlohmann::json::array();
        node.forEachItem([&](SpecNode item) { array.push_back(rawValue(item)); });
        return array;
    }
    case element_type::INT64: {
        int64_t v = 0;
        if (e.get_int64().get(v) != simdjson::SUCCESS)
            v = 0;
        return v;
    }
    case element_type::UINT64: {
        uint64_t v = 0;
        if (e.get_uint64().get(v) != simdjson::SUCCESS)
            v = 0;
        return v;
    }
    case element_type::DOUBLE: {
        double v = 0;
        if (e.get_double().get(v) != simdjson::SUCCESS)
            v = 0;
        return v;
    }
    case element_type::STRING:
        return std::string(node.view());
    case element_type::BOOL:
        return node.boolean();
    case element_type::NULL_VALUE:
        break;
    }
    return nullptr;
}

class Converter
{
public:
    Converter(const SpecSet &spec, SchemaDialect dialect)
        : m_spec(spec)
        , m_dialect(dialect)
    { }

    nlohmann::json run(SpecNode schema)
    {
        nlohmann::json root = convert(schema);
        nlohmann::json refs = nlohmann::json::object();
        while (!m_pending.empty()) {
            const auto [name, node] = m_pending.front();
            m_pending.pop_front();
            refs[name] = convert(node);
        }
        if (!refs.empty()) {
            if (!root.is_object()) {
                // A boolean root schema cannot carry the refs: wrap it.
                nlohmann::json wrapped = nlohmann::json::object();
                wrapped["allOf"] = nlohmann::json::array({root});
                root = std::move(wrapped);
            }
            root["x-patchbay-refs"] = std::move(refs);
        }
        return root;
    }

private:
    bool isDraft4() const
    {
        return m_dialect == SchemaDialect::Swagger2 || m_dialect == SchemaDialect::OpenApi30
            || m_dialect == SchemaDialect::JsonSchema4;
    }

    nlohmann::json refTo(SpecNode holder)
    {
        const SpecNode target = m_spec.resolve(holder);
        if (!target.isValid())
            return nlohmann::json::object();
        const auto id = SpecSet::identity(target);
        auto it = m_names.find(id);
        if (it == m_names.end()) {
            const std::string name = "r" + std::to_string(m_names.size());
            it = m_names.emplace(id, name).first;
            m_pending.emplace_back(name, target);
        }
        return nlohmann::json {{"$ref", "#/x-patchbay-refs/" + it->second}};
    }

    nlohmann::json schemaMap(SpecNode map)
    {
        nlohmann::json out = nlohmann::json::object();
        map.forEachMember(
            [&](std::string_view key, SpecNode value) { out[std::string(key)] = convert(value); });
        return out;
    }

    nlohmann::json schemaList(SpecNode list)
    {
        nlohmann::json out = nlohmann::json::array();
        list.forEachItem([&](SpecNode item) { out.push_back(convert(item)); });
        return out;
    }

    nlohmann::json convert(SpecNode schema)
    {
        if (schema.isBool())
            return schema.boolean();
        if (!schema.isObject())
            return nlohmann::json::object();
        const bool hasRef = schema["$ref"].isString();
        if (hasRef && (isDraft4() || m_dialect == SchemaDialect::JsonSchema7 || schema.size() == 1))
            return refTo(schema); // draft 4 and 7 ignore a $ref's siblings
        nlohmann::json out = nlohmann::json::object();
        schema.forEachMember([&](std::string_view key, SpecNode value) {
            const std::string k(key);
            if (key == "$ref")
                return;
            if (key == "properties" || key == "patternProperties" || key == "definitions"
                || key == "$defs") {
                out[k] = schemaMap(value);
            } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
                out[k] = schemaList(value);
            } else if (key == "items") {
                out[k] = value.isArray() ? schemaList(value) : convert(value);
            } else if (key == "additionalProperties" || key == "additionalItems" || key == "not"
                       || key == "contains" || key == "propertyNames" || key == "if"
                       || key == "then" || key == "else") {
                out[k] = convert(value);
            } else if (key == "dependencies") {
                nlohmann::json deps = nlohmann::json::object();
                value.forEachMember([&](std::string_view name, SpecNode dep) {
                    deps[std::string(name)] = dep.isArray() ? rawValue(dep) : convert(dep);
                });
                out[k] = deps;
            } else if (m_dialect == SchemaDialect::OpenApi31 && key == "prefixItems") {
                out["items"] = schemaList(value);
            } else if (m_dialect == SchemaDialect::OpenApi31
                       && (key == "dependentRequired" || key == "dependentSchemas")) {
                nlohmann::json &deps = out["dependencies"];
                if (!deps.is_object())
                    deps = nlohmann::json::object();
                value.forEachMember([&](std::string_view name, SpecNode dep) {
                    deps[std::string(name)]
                        = key == "dependentRequired" ? rawValue(dep) : convert(dep);
                });
            } else if (key == "type" && m_dialect == SchemaDialect::Swagger2
                       && value.view() == "file") {
                return;
            } else if (key == "$schema" || key == "$id" || key == "id") {
                return; // base URIs are not followed; dialects are chosen by the description
            } else if (m_dialect == SchemaDialect::OpenApi31 && value.isNumber()
                       && (key == "maxItems" || key == "minItems" || key == "maxLength"
                           || key == "minLength" || key == "maxProperties"
                           || key == "minProperties")) {
                // 2020-12 allows 2.0 where draft 7 wants an integer.
                const nlohmann::json number = rawValue(value);
                out[k] = number.is_number_float() ? nlohmann::json(int64_t(number.get<double>()))
                                                  : number;
            } else {
                out[k] = rawValue(value);
            }
        });
        if (m_dialect == SchemaDialect::OpenApi31 && schema.has("prefixItems")) {
            // 2020-12 "items" beside prefixItems means the rest: draft 7's additionalItems.
            if (schema.has("items"))
                out["additionalItems"] = convert(schema["items"]);
            out["items"] = schemaList(schema["prefixItems"]);
        }
        const bool nullable
            = (m_dialect == SchemaDialect::OpenApi30 && schema["nullable"].boolean())
            || (m_dialect == SchemaDialect::Swagger2 && schema["x-nullable"].boolean());
        if (nullable) {
            if (out.contains("type") && out["type"].is_string())
                out["type"] = nlohmann::json::array({out["type"], "null"});
            if (out.contains("enum") && out["enum"].is_array())
                out["enum"].push_back(nullptr);
        }
        if (hasRef) {
            // 2020-12: a $ref applies together with its siblings.
            nlohmann::json all = out.contains("allOf") ? out["allOf"] : nlohmann::json::array();
            all.push_back(refTo(schema));
            out["allOf"] = std::move(all);
        }
        return out;
    }

    const SpecSet &m_spec;
    SchemaDialect m_dialect;
    std::map<std::pair<const void *, size_t>, std::string> m_names;
    std::deque<std::pair<std::string, SpecNode>> m_pending;
};

} // namespace

nlohmann::json schemaDocument(const SpecSet &spec, SpecNode schema, SchemaDialect dialect)
{
    return Converter(spec, dialect).run(schema);
}

} // namespace Patchbay::Core
