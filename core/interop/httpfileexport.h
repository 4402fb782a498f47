#pragma once

#include "core/collections/workspace.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core {

// Writes every request of a collection or folder (recursively, in tree order) as one `.http`
// file that JetBrains HTTP Client, VS Code REST Client and importHttpFile() read: collection
// (and folder) variables as `@name = value` (secrets as an empty `@name =` with a comment; their
// values are never written), then one `### Name` block per request. Disabled headers become
// `# Name: value` comments. Basic auth is written as `Authorization: Basic user pass`, bearer
// and header API keys as headers, query API keys and enabled params in the URL.
// Returns an empty array when the path is not a collection or folder of `workspace`.
QByteArray exportHttpFile(const Workspace &workspace, const QString &collectionOrFolderPath);

} // namespace Patchbay::Core
