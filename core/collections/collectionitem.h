#pragma once

#include "core/collections/collectioninfo.h"
#include "core/collections/savedrequest.h"
#include "core/environments/environment.h"

#include <QList>
#include <QString>

#include <optional>

namespace Patchbay::Core {

// A file that could not be read; the item stays in the tree (named after its file) so that the
// user sees it, and the file is never rewritten by us.
struct FileProblem
{
    QString path;
    int line = 0; // 1-based, 0 when unknown
    int column = 0;
    QString code; // as in Error::code: "yaml-syntax", "invalid-format", "file-too-large", ...
    QString message;

    friend bool operator==(const FileProblem &, const FileProblem &) = default;
};

// One `environments/NAME.yaml` of a collection.
struct EnvironmentItem
{
    QString path;
    Environment environment;
    bool readOnly = false;
    QString readOnlyReason;
    std::optional<FileProblem> problem;

    friend bool operator==(const EnvironmentItem &, const EnvironmentItem &) = default;
};

enum class ItemKind { Collection, Folder, Request };

// A node of the workspace tree: a collection (directory with collection.yaml), a folder
// (subdirectory, optional folder.yaml) or a request (NAME.yaml). Children are sorted by order
// then name. `path` is absolute: the directory for collections and folders, the file for requests.
struct CollectionItem
{
    ItemKind kind = ItemKind::Request;
    QString path;
    QString name; // display name (from the file; the file name when it has none)
    qint64 order = 0;
    bool readOnly = false; // written by a newer Patchbay: shown, never saved
    QString readOnlyReason;
    std::optional<FileProblem> problem; // the item's file failed to parse

    SavedRequest request; // Request items
    FolderInfo folder; // Folder items (defaults when there is no folder.yaml)
    CollectionInfo collection; // Collection items
    QList<EnvironmentItem> environments; // Collection items, sorted by name
    QList<CollectionItem> children;

    friend bool operator==(const CollectionItem &, const CollectionItem &) = default;
};

} // namespace Patchbay::Core
