#pragma once

#include "core/http/request.h"

#include <QJsonObject>

namespace Patchbay::Core {

// A Request as a JSON object, for internal storage (history rows, the last session's request).
// Not a user-facing format: collections use YAML files (docs/FORMAT.md). Unknown or missing
// members read back as the defaults, so older rows stay readable.
QJsonObject requestToJson(const Request &request);
Request requestFromJson(const QJsonObject &object);

} // namespace Patchbay::Core
