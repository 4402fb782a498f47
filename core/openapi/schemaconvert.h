#pragma once

#include "core/openapi/specnode.h"

#include <nlohmann/json.hpp>

namespace Patchbay::Core {

class SpecSet;

// Which rules a schema of a description follows.
enum class SchemaDialect {
    Swagger2, // draft 4 subset, x-nullable
    OpenApi30, // draft 4 subset, nullable
    OpenApi31, // JSON Schema 2020-12
    JsonSchema4,
    JsonSchema7,
};

// A self-contained JSON Schema for valijson (draft 4 for Swagger 2.0 and OpenAPI 3.0, draft 7
// otherwise) made from `schema`: every $ref it reaches, in any file of the description, is
// copied under "x-patchbay-refs" and pointed at there, so circular schemas stay finite.
// OpenAPI 3.0's `nullable` becomes a null type; 2020-12's prefixItems, dependentRequired and
// dependentSchemas become their draft 7 forms, and a $ref beside other keywords an allOf.
// A $ref that cannot be resolved becomes an empty schema (anything matches).
nlohmann::json schemaDocument(const SpecSet &spec, SpecNode schema, SchemaDialect dialect);

} // namespace Patchbay::Core
