#pragma once

#include <QString>

namespace Patchbay::Bench {

// Writes a workspace of `count` generated requests (JSON bodies on every third, descriptions on
// every fifth) in 50 folders over 3 collections with a "Local" environment each, under `root`.
// Returns the bytes of request YAML written. Shared by the workspace and start-up benchmarks.
qint64 generateWorkspace(const QString &root, int count);

} // namespace Patchbay::Bench
