#pragma once

#include "core/common/result.h"

#include <QString>

#include <memory>

class QLockFile;

namespace Patchbay::Core {

// A new collection built in a hidden folder of the workspace and renamed into place in one step
// at the end, so that a crash or a kill during an import never leaves a half-written collection
// that looks complete in the sidebar. The hidden folder (".patchbay-import-XXXXXX" in the
// workspace root, on the same file system, so the rename is atomic) is ignored by the loader;
// a lock file beside it, held while the staging lives, tells a live import from a leftover.
class CollectionStaging
{
public:
    // Creates the hidden folder. Errors: "write-failed".
    static Result<std::unique_ptr<CollectionStaging>> begin(const QString &workspaceRoot);
    // Removes the hidden folder and whatever is still in it, and releases the lock.
    ~CollectionStaging();
    CollectionStaging(const CollectionStaging &) = delete;
    CollectionStaging &operator=(const CollectionStaging &) = delete;

    // A folder to open as a workspace of its own and create the collection in.
    QString path() const { return m_path; }

    // Renames `stagedCollection` (a collection folder inside path()) into the workspace root,
    // under a free name derived from `name`, never replacing anything. Returns the final path.
    Result<QString> publish(const QString &stagedCollection, const QString &name);

    // Removes the hidden folders of stagings whose process is gone (killed imports), with their
    // lock files. A staging in progress in another process is left alone. Returns how many went.
    static int removeLeftovers(const QString &workspaceRoot);

    static constexpr QLatin1String kPrefix {".patchbay-import-"};
    // An empty lock file older than this is a leftover (see removeLeftovers()).
    static constexpr int kEmptyLockGraceMs = 1000;

private:
    CollectionStaging(QString root, QString path, std::unique_ptr<QLockFile> lock);

    QString m_root;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock; // owned, held for the staging's life
};

} // namespace Patchbay::Core
