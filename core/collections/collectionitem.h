#pragma once

#include "core/collections/collectioninfo.h"
#include "core/collections/savedrequest.h"
#include "core/environments/environment.h"

#include <QList>
#include <QString>

#include <memory>
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

// A value that most items do not need, kept out of line: an empty one costs a pointer instead
// of the whole record (10,000 requests would otherwise each carry an unused folder and
// collection record). Copies share it until one is changed through edit() or assignment.
template<typename T> class SharedValue
{
public:
    SharedValue() = default;
    SharedValue(T value)
        : m_value(std::make_shared<const T>(std::move(value)))
    { }
    SharedValue &operator=(T value)
    {
        m_value = std::make_shared<const T>(std::move(value));
        return *this;
    }

    const T &operator*() const { return m_value ? *m_value : empty(); }
    const T *operator->() const { return &**this; }
    operator const T &() const { return **this; }
    // A copy to change; assign it back to keep the change.
    T edited() const { return **this; }

    friend bool operator==(const SharedValue &a, const SharedValue &b) { return *a == *b; }

private:
    static const T &empty()
    {
        static const T value;
        return value;
    }

    std::shared_ptr<const T> m_value;
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
    SharedValue<FolderInfo> folder; // Folder items (defaults when there is no folder.yaml)
    SharedValue<CollectionInfo> collection; // Collection items
    QList<EnvironmentItem> environments; // Collection items, sorted by name
    QList<CollectionItem> children;

    friend bool operator==(const CollectionItem &, const CollectionItem &) = default;
};

} // namespace Patchbay::Core
