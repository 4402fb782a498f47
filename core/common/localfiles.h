#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core {

// Files read on someone else's say-so (an imported collection, an opened folder, a path in a
// .http file) must not lead outside the folder they came with: a symbolic link to /etc/passwd
// or ~/.ssh, or "../../", would otherwise be read or sent. These helpers answer "does this path
// stay inside that folder once every symbolic link is resolved?" and read files defensively.

// `path` made absolute with every symbolic link resolved, like realpath(3), except that the
// part that does not exist yet is kept as written (with "." and ".." applied). Empty when a
// link cannot be resolved (dangling, or a loop).
QString resolvedPath(const QString &path);

// Whether `path`, resolved, is `folder` (resolved) or inside it. False when either cannot be
// resolved or `folder` is not an existing folder. `path` may be relative to `folder`.
bool isInsideFolder(const QString &folder, const QString &path);

// Reads a regular file of at most `maxBytes`. Devices, FIFOs and sockets are refused (reading
// one could block forever or never end). Errors: "read-failed", "not-a-file",
// "file-too-large"; messages name `path` and say what to do.
Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes);

} // namespace Patchbay::Core
