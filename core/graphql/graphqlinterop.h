#pragma once

#include "core/http/request.h"
#include "core/json/jsonvalue.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Patchbay::Core {

// GraphQL bodies in other tools' files (docs/INTEROP.md), shared by the importers and exporters.

// The variables as Patchbay keeps them: a string as written (Postman, Insomnia), an object or
// array as compact JSON (what Postman's runtime sends for one), null or absent as "".
QString graphQlVariablesText(const JsonValue &variables);

// A GraphQL body from a JSON document {"query", "variables", "operationName"} (Insomnia's
// application/graphql bodies); std::nullopt when the text is not such a document.
std::optional<RequestBody> graphQlBodyFromJsonText(const QString &text);

// A GraphQL body from the lines of an .http request: the query, then after a blank line an
// optional JSON object of variables (httpyac, the JetBrains client, VS Code REST Client).
RequestBody graphQlBodyFromHttpLines(const QStringList &lines);

} // namespace Patchbay::Core
