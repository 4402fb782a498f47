#pragma once

#include "core/collections/savedrequest.h"

#include <QObject>

class QStatusBar;
class QWidget;

namespace Patchbay::Core {
class Workspace;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class CollectionsPanel;
class DiskSync;
class RequestTab;
class TabManager;

// Saved requests in tabs: opening one (or switching to its tab), Save (refused while the file
// changed on disk under the tab's edits), Save As into a collection, and the question at quit
// about every saved request with unsaved edits.
class SaveController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SaveController)

public:
    // Questions and errors are shown over `window`. All pointers not owned.
    SaveController(Core::Workspace *workspace, TabManager *tabs, CollectionsPanel *collections,
                   DiskSync *disk, QWidget *window, QStatusBar *status, QObject *parent = nullptr);

    // Switches to the tab that has `path` open, or shows it in a new tab (or the current one
    // when that is empty and unsaved).
    void openSavedRequest(const QString &path, const Core::SavedRequest &saved);
    // Writes the tab's request to its file, or asks where (Save As) when it has none.
    bool saveTab(RequestTab *tab);
    bool saveTabAs(RequestTab *tab);
    // Asks once about every saved request with edits: Save (all), Discard or Cancel. False when
    // quitting should stop (cancelled, or a save failed).
    bool saveEditedBeforeQuit();

signals:
    // The tab's edits are in its file now: its draft can go.
    void tabSaved(const Patchbay::Ui::RequestTab *tab);
    // A tab now shows another file (opened, or saved as a new one).
    void tabFilesChanged();

private:
    // Makes what the workspace wrote at `path` the tab's baseline (and its editor's auth).
    void keepWhatWasWritten(RequestTab *tab, const QString &path,
                            const Core::SavedRequest &fallback);

    Core::Workspace *m_workspace; // not owned
    TabManager *m_tabs; // not owned
    CollectionsPanel *m_collections; // not owned
    DiskSync *m_disk; // not owned
    QWidget *m_window; // not owned
    QStatusBar *m_status; // not owned
};

} // namespace Patchbay::Ui
