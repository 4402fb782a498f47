#pragma once

#include "core/common/result.h"
#include "core/interop/importedcollection.h"

#include <QByteArrayView>
#include <QString>

namespace Patchbay::Core {

// Reads an Insomnia export: v4 (JSON or YAML, `_type: export`, `__export_format: 4`, a flat
// list of resources linked by parentId) or v5 (YAML, `type: collection.insomnia.rest/5.0`, a
// `collection:` tree and `environments:`). Requests keep method, URL, params, headers, body,
// basic/bearer/API-key auth, redirect setting and description; `{{ _.var }}` becomes
// `{{var}}`. Template tags (`{% ... %}`), other auth types, scripts and resources Patchbay has
// no equivalent for are listed in report.lossy or report.skipped. The base environment is merged
// into each sub environment (Insomnia's inheritance); with no sub environment it becomes one.
// Errors: "file-too-large", "too-many-items", "too-deep", "insomnia-syntax" (with line and
// column), "not-insomnia".
Result<ImportedCollection> importInsomnia(QByteArrayView data, const ImportLimits &limits = {});

// `{{ _.name }}` and `{{name}}` spellings of Insomnia variables become `{{name}}`; anything
// else is left as it is.
QString convertInsomniaTemplate(const QString &text);

} // namespace Patchbay::Core
