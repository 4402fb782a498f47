#pragma once

#include "core/json/jsonvalue.h"
#include "core/openapi/specnode.h"

#include <map>
#include <utility>

namespace Patchbay::Core {

class SpecSet;

// A value of the description as a JsonValue (an example, a default, an enum member).
JsonValue specToJson(SpecNode node, int maxDepth = 64);

// Example values made from JSON Schemas of a description: the schema's own example, else
// `const`, `default`, the first `enum` member, else a value built from `type` and `format`
// (allOf merged, the first oneOf/anyOf branch; for a request, readOnly properties left out, for
// a response writeOnly ones). Objects get every property down to two levels, only required
// ones below; a schema met again inside itself (a circular $ref) becomes an empty value.
// Values made for a $ref target are cached, so a big description that reuses its components
// costs little per operation.
class SchemaSampler
{
public:
    enum class Use { Request, Response };

    explicit SchemaSampler(const SpecSet &set)
        : m_set(set)
    { }

    JsonValue sample(SpecNode schema, Use use);

    // The sample as a plain string, for a parameter row: strings unquoted, arrays joined by ','.
    QString sampleText(SpecNode schema);

private:
    JsonValue build(SpecNode schema, Use use, int depth);
    JsonValue buildResolved(SpecNode schema, Use use, int depth);
    JsonValue forType(SpecNode schema, std::string_view type, Use use, int depth);

    using Key = std::pair<std::pair<const void *, size_t>, int>;
    const SpecSet &m_set;
    std::map<Key, JsonValue> m_cache;
    std::vector<std::pair<const void *, size_t>> m_path; // $ref targets being built
};

} // namespace Patchbay::Core
