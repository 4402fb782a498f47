#pragma once

#include "core/collections/collectionitem.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <memory>
#include <optional>

namespace Patchbay::Core {
class Workspace;
}

namespace Patchbay::Ui {

// The workspace as a tree: collections → folders → requests, in the workspace's order.
// A collection's own rows are made with it; a folder's rows are made when a view expands it
// (canFetchMore/fetchMore), so a collection of 25,000 requests costs a few rows until opened.
// After changing the workspace, call refresh(): it diffs the rows made so far and emits exact
// row insertions, removals and moves. reload() resets the model (after a wholesale change).
// Renames (setData), moves and reorders (dropMimeData) go through the workspace here.
class CollectionTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionTreeModel)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // Core::ItemKind as int
        PathRole, // absolute path: the directory of collections and folders, the file of requests
        MethodRole, // requests only
        UrlRole, // requests only
        ProblemRole, // "file:line:column: message" when the file failed to parse, else empty
        ReadOnlyRole, // bool: a problem or a file from a newer Patchbay
        FilterTextRole, // what the filter matches: name, method and URL
        // The folder opened beside the workspace (Workspace::extraFolders()) that holds the
        // item; empty for items of the workspace folder itself.
        OpenedFolderRole,
    };

    // The mime type of dragged items: their paths, one a line (UTF-8).
    static QString mimeType();

    explicit CollectionTreeModel(Core::Workspace *workspace,
                                 QObject *parent = nullptr); // not owned
    ~CollectionTreeModel() override;

    Core::Workspace *workspace() const { return m_workspace; }

    // Resets the model from the workspace.
    void reload();
    // Brings the model in line with the workspace with row-level changes.
    void refresh();

    // Makes the rows of the folders on the way to `path` when they are not made yet.
    QModelIndex indexForPath(const QString &path);
    // Makes the rows that a filter for `text` (FilterTextRole, case-insensitive) shows: the
    // folders on the way to every matching item, and everything inside a matching folder.
    void fetchMatches(const QString &text);
    // What FilterTextRole holds for an item: its name, method and URL.
    static QString filterText(const Core::CollectionItem &item);
    QString pathAt(const QModelIndex &index) const;
    // The workspace item behind `index`, or nullptr.
    const Core::CollectionItem *itemAt(const QModelIndex &index) const;
    std::optional<Core::FileProblem> problemAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

signals:
    // A rename, move or reorder failed; the message is for the user.
    void operationFailed(const QString &message);
    // A rename moved an item to a new path (the file name follows the display name).
    void itemRenamed(const QString &oldPath, const QString &newPath);
    // A drop moved an item into another folder or collection.
    void itemMoved(const QString &oldPath, const QString &newPath);

private:
    struct Node;

    Node *nodeAt(const QModelIndex &index) const;
    // The node at `path` among the rows made so far; with `fetch`, makes the rows of the
    // folders on the way.
    Node *findNode(Node *from, const QString &path, bool fetch = false);
    const Node *findNode(const QString &path) const;
    QModelIndex indexOf(const Node *node) const;
    static std::unique_ptr<Node> buildNode(const Core::CollectionItem &item, Node *parent);
    static void addChildren(Node *node, const QList<Core::CollectionItem> &items);
    void fetchNode(Node *node);
    void syncChildren(Node *node, const QModelIndex &nodeIndex,
                      const QList<Core::CollectionItem> &items);
    static QStringList pathsFrom(const QMimeData *data);

    Core::Workspace *m_workspace; // not owned
    std::unique_ptr<Node> m_root;
    // While refresh(), reload() or a fetch emits its changes: a fetch asked for by a slot of
    // those signals is refused (the folder stays to fetch), so that changes never nest.
    bool m_changing = false;
};

} // namespace Patchbay::Ui
