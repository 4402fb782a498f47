#pragma once

#include "core/json/jsonvalue.h"

#include <QStringList>

namespace Patchbay::Core {

// Rewrites a Postman Collection v1 document (a flat `requests` list, `folders` and `order` lists
// of ids) as the v2.1 document Postman's own converter makes of it, so that one reader handles
// both: folders nested by `folders_order` (or their `folder` parent), requests placed by the
// `order` lists, headers, body modes, path variables, scripts, the basic auth helper and saved
// responses. Requests that no order list names are placed at the top level; `notes` says so.
JsonValue postmanV1ToV2(const JsonValue &v1, QStringList *notes);

} // namespace Patchbay::Core
