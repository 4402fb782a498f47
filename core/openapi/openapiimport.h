#pragma once

#include "core/common/result.h"
#include "core/interop/importedcollection.h"
#include "core/openapi/speclimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Patchbay::Core {

class SpecSet;

// One operation of a description as the imported collection holds it: what sync matches a
// request by (operationId, else method and path) and where the importer put it.
struct SpecOperation
{
    QString key; // operationId, else "METHOD /path" (webhooks: "webhook METHOD name")
    QString method; // upper case
    QString path; // as written in the description ("/pets/{petId}"), or the webhook's name
    QStringList folder; // folder names from the collection root
    QString requestName; // unique inside its folder

    friend bool operator==(const SpecOperation &, const SpecOperation &) = default;
};

// What importing a description gives: the collection (requests, environments, the report), and
// the operation behind each request.
struct OpenApiImport
{
    ImportedCollection collection;
    QList<SpecOperation> operations;
    QString specVersion; // "2.0", "3.0.3", "3.1.0"...

    friend bool operator==(const OpenApiImport &, const OpenApiImport &) = default;
};

// True when the start of a file is an OpenAPI 3.x or Swagger 2.0 description (JSON or YAML).
bool looksLikeOpenApi(QByteArrayView head);

// Builds a collection from a loaded description: one request per operation (paths, webhooks,
// callbacks) in folders by tag, else by the first path segment; servers as environments with
// {{baseUrl}}; parameters with their examples (required ones enabled, optional ones disabled);
// bodies from examples or generated from the schema; security schemes as auth. Never fails
// on a bad part: what it could not convert is in the report. Fails only when the root is not
// an OpenAPI 3.x or Swagger 2.0 description ("openapi-unknown-version").
Result<OpenApiImport> importOpenApi(const SpecSet &spec, const ImportLimits &limits = {});

// Loads `path` (JSON or YAML, with the local files its $refs name) and imports it.
Result<OpenApiImport> importOpenApiFile(const QString &path, const ImportLimits &limits = {},
                                        const SpecLimits &specLimits = {});

// Imports a description already in memory; `uri` (a URL or path) resolves relative $refs and
// `fetch` gives the other files (none: such refs are reported as unresolved).
Result<OpenApiImport>
importOpenApiBytes(const QByteArray &bytes, const QString &uri,
                   const std::function<Result<QByteArray>(const QString &)> &fetch = {},
                   const ImportLimits &limits = {}, const SpecLimits &specLimits = {});

} // namespace Patchbay::Core
