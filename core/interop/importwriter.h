#pragma once

#include "core/collections/collectionitem.h"
#include "core/common/result.h"
#include "core/interop/importedcollection.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <utility>

namespace Patchbay::Core {

class CollectionStaging;
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

// The same import into the workspace root in two halves, so that a window can write a big
// collection off its UI thread: stageImportedCollection() builds it in a CollectionStaging of
// `workspaceRoot` and touches no Workspace object (safe on a worker thread);
// publishStagedCollection() then renames it into place, hands the secrets moved out of its auth
// settings to `workspace`'s secret sink, and loads it into `workspace` (on its thread).
struct StagedCollection
{
    std::shared_ptr<CollectionStaging> staging; // removed with the last copy, if not published
    QString stagedPath; // the collection folder inside the staging
    QString name; // the collection's name, unique among `takenNames`
    QList<std::pair<QString, QString>> secrets; // keyring key and value, for the secret sink
    // The staged collection as its workspace holds it, its paths already where publishing will
    // most likely put it (adoptCollection rewrites them only when that guess was wrong).
    CollectionItem tree;
};
// `takenNames`: the names of the workspace's collections. `finish`, when set, is called with
// the staging's workspace and the staged collection's path after everything else is written
// (the OpenAPI import writes its spec link there).
Result<StagedCollection>
stageImportedCollection(const QString &workspaceRoot, const QStringList &takenNames,
                        const ImportedCollection &imported,
                        const std::function<Status(Workspace &, const QString &)> &finish = {});
// Returns the collection's final path.
Result<QString> publishStagedCollection(Workspace &workspace, StagedCollection &staged);

} // namespace Patchbay::Core
