#pragma once

#include "core/collections/collectionitem.h"
#include "core/json/jsonvalue.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Patchbay::Core {

// A response kept as an example of a request (from history, or a test), for the export to
// infer a schema from.
struct ExampleResponse
{
    QString requestPath; // the request file it belongs to
    int status = 200;
    QString contentType;
    QByteArray body;

    friend bool operator==(const ExampleResponse &, const ExampleResponse &) = default;
};

// A JSON Schema (2020-12, as OpenAPI 3.1 uses) describing `example`: types, object properties
// (all required), array items merged from every item.
JsonValue inferSchema(const JsonValue &example);

// A collection (a CollectionItem of the workspace) as an OpenAPI 3.1 description: servers from
// the environments' baseUrl, one operation per request ({{var}} path segments as path
// parameters, enabled and disabled query and header rows as optional parameters, the body as
// a request body with its example and an inferred schema), tagged by folder. Responses come
// from `examples` (schemas inferred from their JSON bodies), else a bare "default".
QByteArray exportOpenApi(const CollectionItem &collection,
                         const QList<ExampleResponse> &examples = {});

} // namespace Patchbay::Core
