#pragma once

#include <QObject>
#include <QStringList>

class QStatusBar;

namespace Patchbay::Core {
class Workspace;
class WorkspaceWatcher;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class CollectionsPanel;
class TabManager;

// Keeps the sidebar and the open tabs in step with the files on disk: watches every folder of
// the workspace (Core::WorkspaceWatcher), tells it about our own writes so that they never come
// back as changes, reloads what others changed (a clean tab reloads, a tab with edits gets a
// conflict bar) and follows renames, moves and deletes made in the sidebar.
class DiskSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiskSync)

public:
    // Watches the workspace's roots. All pointers not owned.
    DiskSync(Core::Workspace *workspace, TabManager *tabs, CollectionsPanel *collections,
             QStatusBar *status, QObject *parent = nullptr);

    // Null when the workspace has no folder (tests).
    Core::WorkspaceWatcher *watcher() const { return m_watcher; }
    void watchRoot(const QString &root);
    void removeRoot(const QString &root);
    // Also reports edits in place to this file (open in a tab).
    void watchFile(const QString &path);
    // Tells the watcher about files we wrote ourselves, so that they are not reported back.
    void acknowledgeOwnWrites();

    // `path` is `dirOrFile` or inside it.
    static bool isSameOrInside(const QString &path, const QString &dirOrFile);

signals:
    // Files changed by others were read again: secrets and variables may have changed.
    void filesReloaded();
    // Tabs now edit other files (moved, renamed) or none (deleted).
    void tabFilesChanged();
    // Tabs were reloaded, detached or marked as conflicting after changes on disk.
    void tabsReloaded();

private:
    void onItemPathChanged(const QString &oldPath, const QString &newPath);
    void onChangedOnDisk(const QStringList &paths);

    Core::Workspace *m_workspace; // not owned
    TabManager *m_tabs; // not owned
    CollectionsPanel *m_collections; // not owned
    QStatusBar *m_status; // not owned
    Core::WorkspaceWatcher *m_watcher = nullptr; // owned (child), null without a folder
};

} // namespace Patchbay::Ui
