#pragma once

#include "core/common/result.h"
#include "core/environments/environment.h"
#include "core/interop/importedcollection.h"

#include <QByteArrayView>

namespace Patchbay::Core {

// Reads a Postman Collection v2.0 or v2.1 file. Scripts are kept as text (never run), `{{var}}`
// stays as written, and everything Patchbay cannot express is named in the report.
// Errors: "json-syntax" (with line and column), "not-postman", "import-too-large",
// "import-too-deep", "import-too-many-items".
Result<ImportedCollection> importPostmanCollection(QByteArrayView json,
                                                   const ImportLimits &limits = {});

// Reads a Postman environment export. Secret values are never imported: such variables become
// `secret: true` without a value, and `report` (when given) says so.
Result<Environment> importPostmanEnvironment(QByteArrayView json, ImportReport *report = nullptr,
                                             const ImportLimits &limits = {});

} // namespace Patchbay::Core
