#pragma once

#include "core/collections/draftstore.h"
#include "core/collections/savedrequest.h"
#include "core/collections/sendcontext.h"
#include "core/http/request.h"
#include "ui/tabs/requesttab.h"

#include <QHash>
#include <QMainWindow>
#include <QUrl>

#include <memory>

class QAction;
class QFrame;
class QLabel;
class QNetworkAccessManager;
class QSplitter;
class QTabWidget;
class QSettings;
class QThread;
class QTimer;

namespace Patchbay::Core {
class HttpCall;
class HttpClient;
class HistoryStore;
struct HistoryEntry;
class SandboxServer;
class SecretCache;
class SecretStore;
class Workspace;
class WorkspaceWatcher;
struct Response;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class CollectionsPanel;
class DiskSync;
class EnvironmentPicker;
class FolderController;
class HistoryPanel;
class ImportExportController;
class RequestEditor;
class RequestTab;
class ResponseViewer;
class SandboxController;
class SaveController;
class SendController;
class TabManager;
class TabSession;
class WindowActions;

// The application window: sidebar (collections, history) | request tabs, the menus and
// shortcuts, and the wiring between them: sending the current tab through Core::HttpClient,
// recording every exchange in Core::HistoryStore, autosaving unsaved tabs as drafts (offered
// back after a crash), reloading files changed on disk (Core::WorkspaceWatcher) and running the
// built-in sandbox API on its own thread. Per-request state lives in RequestTab.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(QNetworkAccessManager *network, Core::HistoryStore *history,
               Core::Workspace *workspace, QWidget *parent = nullptr); // all not owned
    ~MainWindow() override;

    // The current tab's editor and viewer (there is always a current tab).
    RequestEditor *requestEditor() const;
    ResponseViewer *responseViewer() const;
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    CollectionsPanel *collectionsPanel() const { return m_collectionsPanel; }
    EnvironmentPicker *environmentPicker() const { return m_environmentPicker; }

    // Request tabs.
    QTabWidget *requestTabs() const;
    RequestTab *currentTab() const;
    QList<RequestTab *> tabs() const;
    RequestTab *tabForPath(const QString &path) const;
    // Ctrl+T: an empty, unsaved request in a new tab, made current.
    RequestTab *newTab();
    // Asks Save / Discard / Cancel when the tab has unsaved edits. False when it stays open.
    bool closeTab(RequestTab *tab);
    void closeOtherTabs(RequestTab *keep);
    // An unsaved copy of the tab's request in a new tab.
    RequestTab *duplicateTab(RequestTab *tab);

    // The saved request in the current tab ("" for an unsaved one).
    QString currentRequestPath() const;
    // Switches to the tab that has `path` open, or shows it in a new tab (or the current one
    // when that is empty and unsaved).
    void openSavedRequest(const QString &path, const Core::SavedRequest &saved);
    // Ctrl+S: writes the current tab's request to its file, or asks where (Save As) when unsaved.
    bool save();
    bool saveAs();
    bool saveTab(RequestTab *tab);
    bool saveTabAs(RequestTab *tab);
    // The current tab has unsaved edits.
    bool hasUnsavedChanges() const;

    // The one send path: resolves the tab's request (variables, collection auth) and sends it.
    void sendTab(RequestTab *tab);
    // What Send would put on the wire for the tab (also used by Generate code and Copy as curl).
    Core::ResolvedSend resolveForTab(const RequestTab *tab) const;

    // Drafts: unsaved tabs are written to <AppData>/drafts every few seconds (when changed), so
    // that a crash loses nothing; leftovers are offered back on the next start.
    Core::DraftStore &draftStore();
    void setAutosaveInterval(int milliseconds);
    void autosaveDrafts();
    // Drafts left by a session that did not close cleanly, waiting for Restore or Discard.
    int recoverableDraftCount() const;
    QFrame *recoveryBar() const;
    void restoreRecoverableDrafts();
    void discardRecoverableDrafts();

    // Null when the workspace has no folder (tests).
    Core::WorkspaceWatcher *workspaceWatcher() const;
    // Variables set by captures of earlier responses in this session.
    const Core::VariableList &capturedVariables() const;
    // Values of secret variables, from the OS keyring (or this session's memory without one).
    Core::SecretCache *secretCache() const { return m_secretCache; }

    // "Manage environments…": the editor for the current collection's environments.
    void manageEnvironments();
    // "Edit resource…": edit a fetched JSON resource and send it back as PUT or PATCH.
    void editResource(const Core::Request &get, const Core::Response &response);
    // "Run…": runs a collection, folder or request with its tests in a results dialog.
    void runPath(const QString &path);

    // Imports a Postman, Insomnia, Bruno, .http or curl file (or a Bruno folder) as a new
    // collection: one undo step. Returns the created paths; shows the report unless `quiet`.
    QStringList importPath(const QString &path, bool quiet = false);
    // File → Open Folder…: shows the collections of another folder beside the workspace (a
    // collection folder, or a folder holding some), watched for changes and reopened at the next
    // start. Returns the collections added; a refusal is shown (status bar only when `quiet`).
    QStringList openFolder(const QString &path, bool quiet = false);
    // "Close Folder": closes the tabs of its requests (asking about unsaved edits) and stops
    // showing the folder; its files stay. False when cancelled or not an opened folder.
    bool closeFolder(const QString &folder);

    // Writes the collection holding the selected item as Postman v2.1 or .http (by suffix).
    bool exportCollection(const QString &collectionPath, const QString &targetFile);

    // Starts the sandbox (if needed) and sends the first-run example: PATCH /users/1.
    void sendSandboxExample();
    bool isSandboxRunning() const;
    QUrl sandboxUrl() const;
    void startSandbox();
    void stopSandbox();
    void setSideBySide(bool sideBySide);
    bool isSideBySide() const;

signals:
    // A response (or transport error) was shown for a send.
    void exchangeFinished(const Patchbay::Core::Response &response);
    void sandboxStateChanged(bool running);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Connects each of the window's actions to the part that acts.
    void connectActions();
    void restoreState();
    void saveState() const;

    // After files, folders or the keyring changed: secret values and {{variable}} scopes.
    void reloadSecrets();
    // Switches the sidebar to the collections and selects the first of `paths`.
    void showInSidebar(const QStringList &paths);
    // Connects a new tab to sending, variables and Edit resource.
    void wireTab(RequestTab *tab);
    void onCurrentTabChanged();
    void onCurrentTabUpdated(RequestTab *tab, const RequestTab::Summary &summary);
    void onHistoryEntryActivated(const Core::HistoryEntry &entry);
    void updateTitle();
    void showAbout();

    QNetworkAccessManager *m_network; // not owned
    Core::HistoryStore *m_history; // not owned
    Core::Workspace *m_workspace; // not owned
    DiskSync *m_disk; // owned (child)
    SaveController *m_saver; // owned (child)
    FolderController *m_folders; // owned (child)
    ImportExportController *m_importExport; // owned (child)
    TabSession *m_session; // owned (child)
    Core::SecretStore *m_secretStore; // owned (child)
    Core::SecretCache *m_secretCache; // owned (child)
    SendController *m_sender; // owned (child)

    SandboxController *m_sandbox; // owned (child)

    QSplitter *m_outerSplitter; // owned (child)
    QTabWidget *m_sidebar; // owned (child)
    HistoryPanel *m_historyPanel; // owned (child)
    CollectionsPanel *m_collectionsPanel; // owned (child)
    EnvironmentPicker *m_environmentPicker; // owned (child)
    TabManager *m_tabs; // owned (child)

    WindowActions *m_actions; // owned (child)
};

} // namespace Patchbay::Ui
