#pragma once

#include "core/common/result.h"
#include "core/interop/importedcollection.h"

#include <QString>
#include <QStringList>

namespace Patchbay::Core {

class Workspace;

// Writes an imported collection into `workspace`, only ever adding items (through Workspace's
// create functions): a name that already exists among the new item's siblings gets a suffix
// (" 2", " 3"...), and nothing that existed is modified.
// - `targetParent` is the workspace root: a new collection, with the imported environments. It
//   is written in a hidden folder and renamed into place at the end (CollectionStaging), so an
//   import killed halfway leaves no collection behind.
// - `targetParent` is a collection or folder: the imported items go inside it. When the import
//   carries collection settings (variables, auth, headers, scripts, description) they are kept
//   in a new folder named after it (its auth on that folder, which the requests inherit; its
//   headers copied into its requests); otherwise the
//   requests and folders are added directly. Environments go to the enclosing collection.
// Returns the paths created whose parent existed before (a collection, folders, requests and
// environment files): deleting those undoes the import. On failure what was created is deleted.
Result<QStringList> writeImportedCollection(Workspace &workspace,
                                            const ImportedCollection &imported,
                                            const QString &targetParent);

} // namespace Patchbay::Core
