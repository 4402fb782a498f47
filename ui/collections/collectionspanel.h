#pragma once

#include "core/collections/collectionitem.h"
#include "core/collections/savedrequest.h"

#include <QStringList>
#include <QWidget>

#include <functional>

class QAction;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;
class QUndoStack;

namespace Patchbay::Core {
class Workspace;
}

namespace Patchbay::Ui {

class AuthServices;
class AuthSettingsDialog;
class CollectionTreeModel;

// The collections sidebar: a filter over names and URLs, the workspace tree and the actions on
// it (new, rename, duplicate, delete with undo, reveal, drag and drop). Activating a request
// emits requestActivated(); activating a file that failed to parse emits problemActivated().
class CollectionsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionsPanel)

public:
    explicit CollectionsPanel(Core::Workspace *workspace,
                              QWidget *parent = nullptr); // workspace not owned
    ~CollectionsPanel() override;

    Core::Workspace *workspace() const { return m_workspace; }
    CollectionTreeModel *model() const { return m_model; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QWidget *emptyPage() const { return m_emptyPage; }
    // Delete is undoable; the main window's Edit menu shows this stack's Undo/Redo.
    QUndoStack *undoStack() const { return m_undoStack; }

    // Shows errors to the user; the default is a warning box. Tests inject their own.
    using ErrorFunction = std::function<void(QWidget *parent, const QString &message)>;
    void setErrorHandler(ErrorFunction handler);

    QAction *newRequestAction() const { return m_newRequestAction; }
    QAction *newFolderAction() const { return m_newFolderAction; }
    QAction *newCollectionAction() const { return m_newCollectionAction; }
    QAction *renameAction() const { return m_renameAction; }
    QAction *duplicateAction() const { return m_duplicateAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *revealAction() const { return m_revealAction; }
    // "Run…": runs the selected collection, folder or request (runRequested()).
    QAction *runAction() const { return m_runAction; }
    // "Close Folder": on an item of a folder opened beside the workspace (closeFolderRequested()).
    QAction *closeFolderAction() const { return m_closeFolderAction; }
    // "Auth…": on a collection or folder, the auth its requests inherit (AuthSettingsDialog).
    QAction *authAction() const { return m_authAction; }
    // For the auth dialog's token panel; not owned, may be null.
    void setAuthServices(AuthServices *services) { m_authServices = services; }
    // The dialog "Auth…" shows for `path` (owned by the caller), or null when it is no
    // collection or folder. editAuth() runs it.
    AuthSettingsDialog *createAuthDialog(const QString &path);
    void editAuth(const QString &path);

    // The path of the current item, or empty.
    QString currentPath() const;
    // Makes the item at `path` current (expanding its parents). False when it is not shown.
    bool selectPath(const QString &path);

    // Each acts on the current item and returns the new item's path (empty on failure).
    // New items are selected and put in rename mode when `edit` is true.
    QString newRequest(bool edit = true);
    QString newFolder(bool edit = true);
    QString newCollection(bool edit = true);
    void renameCurrent();
    QString duplicateCurrent();
    // Deletes the current item through the undo stack. False when nothing was deleted.
    bool deleteCurrent();
    void revealCurrent();

    // Saves over the request at `path` and updates its row. Shows an error when it fails.
    bool saveRequest(const QString &path, const Core::SavedRequest &request);
    // After the workspace was changed elsewhere (e.g. Workspace::reload() of watched paths).
    void refresh();
    // For Core::WorkspaceWatcher::changed: re-reads the paths into the workspace, then
    // refreshes. Errors are reported through the error handler.
    void reloadPaths(const QStringList &paths);
    // Opens the item at `index` (of view()'s model): emits requestActivated/problemActivated.
    void activate(const QModelIndex &index);

signals:
    void requestActivated(const QString &path, const Patchbay::Core::SavedRequest &request);
    void problemActivated(const Patchbay::Core::FileProblem &problem);
    // A rename, move or delete here changed where an item lives: `newPath` is empty when it was
    // deleted. Requests inside a renamed or moved folder move with it (same prefix).
    void itemPathChanged(const QString &oldPath, const QString &newPath);
    // "Run…" on a collection, folder or request: run it with its tests (the window does).
    void runRequested(const QString &path);
    // "Close Folder" on an item of `folder`, a folder opened beside the workspace (the window
    // closes its tabs and the folder).
    void closeFolderRequested(const QString &folder);
    // "Update from spec…" on a collection imported from an API description.
    void updateFromSpecRequested(const QString &collectionPath);

private:
    void applyFilter();
    void updateState();
    void updateActions();
    void showContextMenu(const QPoint &pos);
    void showError(const QString &message);
    QModelIndex currentSourceIndex() const;
    // The folder or collection that new items go into for the current item.
    QString currentContainer() const;
    void selectAndMaybeEdit(const QString &path, bool edit);

    Core::Workspace *m_workspace; // not owned
    CollectionTreeModel *m_model; // owned (QObject child)
    QSortFilterProxyModel *m_proxy; // owned (QObject child)
    QUndoStack *m_undoStack; // owned (QObject child)
    QLineEdit *m_filter; // owned (widget child)
    QStackedWidget *m_stack; // owned (widget child)
    QTreeView *m_view; // owned (widget child)
    QWidget *m_emptyPage; // owned (widget child)
    QPushButton *m_emptyNewCollection; // owned (widget child)
    QAction *m_newRequestAction; // owned (QObject child)
    QAction *m_newFolderAction; // owned (QObject child)
    QAction *m_newCollectionAction; // owned (QObject child)
    QAction *m_renameAction; // owned (QObject child)
    QAction *m_duplicateAction; // owned (QObject child)
    QAction *m_deleteAction; // owned (QObject child)
    QAction *m_revealAction; // owned (QObject child)
    QAction *m_runAction; // owned (QObject child)
    QAction *m_closeFolderAction; // owned (QObject child)
    QAction *m_authAction; // owned (QObject child)
    AuthServices *m_authServices = nullptr; // not owned
    ErrorFunction m_showError;
};

} // namespace Patchbay::Ui
