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
// After changing the workspace, call refresh(): it diffs the tree and emits exact row
// insertions, removals and moves. reload() resets the model (after a wholesale change).
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

    QModelIndex indexForPath(const QString &path) const;
    QString pathAt(const QModelIndex &index) const;
    // The workspace item behind `index`, or nullptr.
    const Core::CollectionItem *itemAt(const QModelIndex &index) const;
    std::optional<Core::FileProblem> problemAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
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
    Node *findNode(Node *from, const QString &path) const;
    QModelIndex indexOf(const Node *node) const;
    std::unique_ptr<Node> buildNode(const Core::CollectionItem &item, Node *parent) const;
    void syncChildren(Node *node, const QList<Core::CollectionItem> &items);
    static QStringList pathsFrom(const QMimeData *data);

    Core::Workspace *m_workspace; // not owned
    std::unique_ptr<Node> m_root;
};

} // namespace Patchbay::Ui
