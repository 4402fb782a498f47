#pragma once

#include "core/common/result.h"
#include "core/graphql/graphqlschema.h"
#include "core/update/linediff.h"

#include <QString>

namespace Patchbay::Core::GraphQl {

// GraphQL schemas kept beside a collection as SDL files (collection/schemas/NAME.graphql), so
// that a schema change shows in git as the lines that changed. All functions do file work:
// call them off the UI thread.

// "schemas/NAME.graphql" for an endpoint URL as written ("{{baseUrl}}/graphql" →
// "schemas/baseurl-graphql.graphql"): requests of one endpoint share one file.
QString defaultSchemaFile(const QString &url);

// A schema fetched or loaded, indexed and printed, with what changed from the file it replaces.
struct StoredSchema
{
    Schema schema;
    QString sdl; // printSchema(schema)
    QString previousSdl; // the file's text before, "" when there was none
    QString path; // the file written, "" when nothing was written (no collection)

    bool changed() const { return !previousSdl.isEmpty() && previousSdl != sdl; }
};

// Builds a schema from `bytes` (an introspection response, introspection JSON or SDL) and,
// when `collectionDir` is set, writes its SDL to collectionDir/relativeFile (QSaveFile; an
// unchanged file is not rewritten). `relativeFile` must stay inside the collection.
Result<StoredSchema> storeSchema(QByteArrayView bytes, const QString &collectionDir,
                                 const QString &relativeFile);

// Reads collectionDir/relativeFile (SDL or introspection JSON).
Result<Schema> loadSchema(const QString &collectionDir, const QString &relativeFile);

// The line diff between two printed schemas, for the refresh dialog.
LineDiff schemaDiff(const QString &before, const QString &after);

} // namespace Patchbay::Core::GraphQl
