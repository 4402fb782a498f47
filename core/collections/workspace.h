#pragma once

#include "core/collections/collectionitem.h"
#include "core/common/result.h"
#include "core/environments/variablecontext.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace Patchbay::Core {

enum class SaveOutcome { Written, Unchanged };

// Everything a delete removed, kept in memory so that the UI can undo it with restore().
struct DeletedItem
{
    struct File
    {
        QString relativePath; // relative to `path` for directories, the file name for requests
        QByteArray bytes;

        friend bool operator==(const File &, const File &) = default;
    };

    ItemKind kind = ItemKind::Request;
    QString path; // where it was: the request file or the folder/collection directory
    QList<File> files;
    QStringList directories; // empty subdirectories, relative to `path`

    friend bool operator==(const DeletedItem &, const DeletedItem &) = default;
};

// A workspace folder loaded into a tree of values: collections → folders → requests
// (docs/FORMAT.md). Every change goes to disk through QSaveFile first, then into the tree.
// Files that fail to parse stay in the tree with their problem and are never rewritten; files
// from a newer Patchbay are read-only. Besides its root, a workspace can hold other folders the
// user opened (addFolder()); items keep absolute paths, so everything else works the same on
// them. Not thread-safe; the UI loads it off the UI thread.
class Workspace
{
public:
    Workspace() = default;

    // Parses every file, in parallel. Fails only when `rootPath` is not a readable directory.
    // First removes what killed imports left (CollectionStaging::removeLeftovers) and the
    // temporary files of killed saves older than this process (removeStaleSaveFiles).
    static Result<Workspace> open(const QString &rootPath);

    QString rootPath() const { return m_root; }

    // Opens another folder beside the root: a collection folder (with collection.yaml) becomes
    // one collection, any other folder contributes its collection subfolders, loaded as open()
    // loads the root. Refuses a missing folder, a file, a folder without collections, and one
    // that is open already, inside an open folder or around one. Returns the collections added.
    // New collections still go to the root, and globals.yaml is read from the root only.
    Result<QStringList> addFolder(const QString &folder);
    // Closes a folder opened with addFolder(): its collections leave the tree, files untouched.
    // False when `folder` is not one of extraFolders().
    bool removeFolder(const QString &folder);
    // The folders opened with addFolder(), in the order they were opened.
    QStringList extraFolders() const;
    // rootPath() (when set) then extraFolders().
    QStringList roots() const;
    // Which of roots() holds `path` (a collection folder opened on its own holds itself); empty
    // when none does.
    QString rootOf(const QString &path) const;
    const QList<CollectionItem> &collections() const { return m_collections; }
    const CollectionItem *item(const QString &path) const;
    const EnvironmentItem *environment(const QString &path) const;
    // Variables of every collection, `globals.yaml` at the workspace root (same format as an
    // environment file; an empty "Globals" when there is none).
    const EnvironmentItem &globals() const { return m_globals; }
    QString globalsPath() const;
    // Every file that failed to parse, in tree order.
    QList<FileProblem> problems() const;

    // Where a secret typed into a signing scheme's settings goes when its item is saved: the
    // keyring (key, value), e.g. SecretCache::setValue. Saving moves such a secret into a secret
    // variable (authsecrets.h; the collection's for a request, the item's own for a folder or
    // collection) and the file says {{name}}. Without a sink the variable is made without its
    // value (the text is dropped, never written).
    using SecretSink = std::function<void(const QString &key, const QString &value)>;
    void setSecretSink(SecretSink sink) { m_secretSink = std::move(sink); }
    const SecretSink &secretSink() const { return m_secretSink; }

    // No write when the file already holds these bytes.
    Result<SaveOutcome> saveRequest(const QString &path, const SavedRequest &request);
    Result<SaveOutcome> saveCollection(const QString &collectionPath, const CollectionInfo &info);
    Result<SaveOutcome> saveFolder(const QString &folderPath, const FolderInfo &info);
    Result<SaveOutcome> saveEnvironment(const QString &environmentPath,
                                        const Environment &environment);
    Result<SaveOutcome> saveGlobals(const Environment &globals);

    // Each returns the path of the new item. The file name is derived from the name.
    Result<QString> createCollection(const QString &name);
    Result<QString> createFolder(const QString &parentPath, const QString &name);
    // `request.order` 0 puts it after its last sibling.
    Result<QString> createRequest(const QString &parentPath, const SavedRequest &request);
    Result<QString> createEnvironment(const QString &collectionPath,
                                      const Environment &environment);

    // Renames the display name and, when it changes, the file: the new file is written before
    // the old one is removed (directories are renamed atomically). Returns the new path.
    Result<QString> rename(const QString &path, const QString &newName);
    // Moves a request or folder into another folder or collection, placed last there.
    Result<QString> move(const QString &path, const QString &newParentPath);
    // A copy named "NAME copy" right after the original.
    Result<QString> duplicate(const QString &path);
    // Deletes a request, folder or collection, returning its bytes for restore().
    Result<DeletedItem> remove(const QString &path);
    // Puts a deleted item back where it was; fails if something now exists there.
    Result<QString> restore(const DeletedItem &deleted);
    // Moves an item to `newIndex` among its siblings by rewriting order keys: one file when
    // there is room between the neighbours, otherwise the siblings whose key changes.
    // Returns the paths rewritten.
    Result<QStringList> reorder(const QString &path, int newIndex);

    // Re-reads one path after an external change (WorkspaceWatcher): a request file, a
    // folder.yaml or collection.yaml, an environment file or a directory. A path that no longer
    // exists is dropped from the tree; a new one is added.
    Status reload(const QString &path);
    // For a workspace nobody else writes into while it lives (an import's staging): names for
    // new requests and folders are made unique against the names it remembers of each folder
    // instead of reading the folder every time, which made an import of thousands of requests
    // into one folder quadratic. A remembered name that turns out to be taken on disk makes it
    // read the folder again.
    void setExclusive(bool exclusive)
    {
        m_exclusive = exclusive;
        m_entryNames.clear();
    }
    // Adds a collection that another Workspace built in `stagedPath` (a CollectionStaging) and
    // that was then renamed to `finalPath`, directly under the root, from that workspace's
    // tree instead of reading its files again: what reload(finalPath) would give, without
    // parsing thousands of request files on the caller's (UI) thread.
    // `stagedPath` is the path `staged`'s own paths are under; when it is `finalPath` already
    // (relocateTree() on the worker), nothing is rewritten here.
    Status adoptCollection(const CollectionItem &staged, const QString &stagedPath,
                           const QString &finalPath);
    // Rewrites the paths of `item`'s tree (problems and environments too) from under `from` to
    // under `to`; no disk access.
    static void relocateTree(CollectionItem &item, const QString &from, const QString &to);

    // Paths this object wrote, created, renamed or removed since the last call, for
    // WorkspaceWatcher::acknowledge() so that our own changes are not reported as external.
    QStringList takeTouchedPaths();

    // Folder scopes (innermost first) then the collection scope of a request; callers append the
    // active environment and globals.
    QList<VariableScope> scopesFor(const QString &path) const;

private:
    // A free file or folder name for a new entry of `dir` (uniqueEntryName; see setExclusive()).
    QString newEntryName(const QString &dir, QStringView name, const QString &suffix,
                         QStringView fallback);
    CollectionItem *findItem(const QString &path, CollectionItem **parent = nullptr);
    const CollectionItem *findItem(const QString &path, const CollectionItem **parent) const;
    CollectionItem *collectionOf(const QString &path);
    QList<CollectionItem> *childrenOf(const QString &parentPath);
    bool contains(const QString &path) const;
    void removeFromTree(const QString &path);
    void insertIntoTree(const QString &parentPath, CollectionItem item);
    qint64 nextOrder(const QString &parentPath) const;
    Result<SaveOutcome> writeItemOrder(CollectionItem &item, qint64 order);
    void noteTouched(const QString &path);
    // Moves the literal secrets of `auth` (of the item at `path`) into secret variables: `own`
    // (a folder's or collection's), or the collection's, saved here. See setSecretSink().
    Status keepAuthSecrets(const QString &path, Auth &auth, VariableList *own,
                           ScopeKind scope = ScopeKind::Collection);
    // A folder whose subfolders are collections: the root or a folder of collections opened.
    bool holdsCollections(const QString &dir) const;
    // A collection folder opened on its own with addFolder().
    bool isOpenedCollection(const QString &path) const;
    void sortCollectionList();

    struct ExtraFolder
    {
        QString path;
        bool isCollection = false; // the folder is one collection, not a folder of them

        friend bool operator==(const ExtraFolder &, const ExtraFolder &) = default;
    };

    QString m_root;
    bool m_exclusive = false; // see setExclusive()
    QHash<QString, QSet<QString>> m_entryNames; // folder -> lower-cased entry names (exclusive)
    QList<ExtraFolder> m_extraFolders;
    QList<CollectionItem> m_collections;
    EnvironmentItem m_globals;
    QStringList m_touched;
    SecretSink m_secretSink;
};

} // namespace Patchbay::Core
