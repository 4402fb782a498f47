#pragma once

#include "core/common/result.h"
#include "core/interop/importedcollection.h"

#include <QByteArrayView>
#include <QString>

namespace Patchbay::Core {

enum class ImportFormat {
    PostmanCollection,
    PostmanEnvironment,
    Insomnia,
    Bruno,
    HttpFile,
    Curl,
    OpenApi, // OpenAPI 3.x or Swagger 2.0 (core/openapi)
    Unknown
};

// Recognises what another tool wrote from its content (the start of the file is enough), not
// from its name; `path` is only used for directories (Bruno) and as a hint for .http files.
ImportFormat detectImportFormat(const QString &path, QByteArrayView head);

// "postman", "postman-environment", "insomnia", "bruno", "http", "curl", "openapi", "unknown".
QString importFormatName(ImportFormat format);

// Reads `path` (a file, or a Bruno collection directory) with the importer of its format:
// `format` Unknown means detect it. A Postman environment comes back as a collection without
// folders or requests holding one environment. Errors: "import-unknown-format",
// "format not supported yet" (code "import-unsupported"), "read-failed" and the importers' own.
Result<ImportedCollection> importFile(const QString &path, const ImportLimits &limits = {},
                                      ImportFormat format = ImportFormat::Unknown);

} // namespace Patchbay::Core
