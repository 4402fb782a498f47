#pragma once

#include "core/common/result.h"

#include <QString>

namespace Patchbay::Core {

// Copies every file below `sourceDir` (a folder on disk or in Qt resources, e.g. ":/sample/x")
// to `targetDir`, creating folders, each file written atomically. Refuses to write into an
// existing non-empty `targetDir`, so it never overwrites a user's files.
Status copyTree(const QString &sourceDir, const QString &targetDir);

} // namespace Patchbay::Core
