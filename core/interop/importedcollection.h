#pragma once

#include "core/collections/collectioninfo.h"
#include "core/collections/savedrequest.h"
#include "core/environments/environment.h"
#include "core/network/importednetwork.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// What an import found, for the user: every importer fills all three lists, so nothing is
// dropped silently. Entries are short sentences naming the item ("Folder Users/Admin: ...").
struct ImportReport
{
    QStringList created; // items that will be created as they were
    QStringList lossy; // converted with loss (an auth type we lack, a script kept as text, ...)
    QStringList skipped; // not imported at all, with the reason
    // The file's requests by outcome, each counted once: created as they were, converted with
    // loss, or skipped. The three add up to the number of requests in the file.
    int requestsCreated = 0;
    int requestsLossy = 0;
    int requestsSkipped = 0;

    int requestCount() const { return requestsCreated + requestsLossy + requestsSkipped; }

    friend bool operator==(const ImportReport &, const ImportReport &) = default;
};

// A folder of an imported collection (the collection's root is a folder without a name).
struct ImportedFolder
{
    FolderInfo info;
    QList<ImportedFolder> folders;
    QList<SavedRequest> requests;

    friend bool operator==(const ImportedFolder &, const ImportedFolder &) = default;
};

// A collection read from another tool's file, not yet written anywhere. Importers are pure
// functions from bytes (or a directory) to this; writing it into a workspace is separate.
struct ImportedCollection
{
    CollectionInfo info;
    ImportedFolder root;
    QList<Environment> environments;
    ImportedNetwork network; // certificates and cookies for the workspace, not the collection
    ImportReport report;

    friend bool operator==(const ImportedCollection &, const ImportedCollection &) = default;
};

// Limits that stop hostile files with a clear error instead of exhausting memory.
struct ImportLimits
{
    qint64 maxFileBytes = 64LL * 1024 * 1024;
    int maxDepth = 64; // folder and JSON/YAML nesting
    int maxItems = 100000; // requests + folders
    // Paths in the file ("< ./body.json" in .http files) are kept only while they resolve
    // inside the imported file's folder, symbolic links included, unless this is set.
    bool allowOutsideFiles = false;
};

} // namespace Patchbay::Core
