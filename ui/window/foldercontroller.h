#pragma once

#include <QObject>
#include <QStringList>

class QStatusBar;
class QWidget;

namespace Patchbay::Core {
class Workspace;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class CollectionsPanel;
class DiskSync;
class EnvironmentPicker;
class TabManager;

// Folders opened beside the workspace (File → Open Folder…, e.g. a git checkout): opening one,
// closing one with its tabs, and reopening them at the next start (kept in the settings).
class FolderController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FolderController)

public:
    // Refusals are shown over `window`. All pointers not owned.
    FolderController(Core::Workspace *workspace, TabManager *tabs, CollectionsPanel *collections,
                     EnvironmentPicker *environments, DiskSync *disk, QWidget *window,
                     QStatusBar *status, QObject *parent = nullptr);

    // Adds the folders of the last session to `workspace` (before its views are made, so that
    // they start with every folder). Returns what could not be reopened, "" when all were.
    static QString reopenRemembered(Core::Workspace &workspace);

    // Shows the collections of another folder (a collection folder, or a folder holding some)
    // beside the workspace, watched and reopened at the next start. Returns the collections
    // added; a refusal is shown (status bar only when `quiet`).
    QStringList openFolder(const QString &path, bool quiet = false);
    // Asks for a folder and opens it.
    void chooseAndOpenFolder();
    // Closes the tabs of its requests (asking about unsaved edits) and stops showing the
    // folder; its files stay. False when cancelled or not an opened folder.
    bool closeFolder(const QString &folder);

signals:
    // Collections came or went: secret values and variable scopes may have changed.
    void foldersChanged();
    // The collections just opened, to show in the sidebar.
    void collectionsAdded(const QStringList &paths);

private:
    static void remember(const Core::Workspace &workspace);

    Core::Workspace *m_workspace; // not owned
    TabManager *m_tabs; // not owned
    CollectionsPanel *m_collections; // not owned
    EnvironmentPicker *m_environments; // not owned
    DiskSync *m_disk; // not owned
    QWidget *m_window; // not owned
    QStatusBar *m_status; // not owned
};

} // namespace Patchbay::Ui
