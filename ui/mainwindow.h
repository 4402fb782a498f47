#pragma once

#include "core/collections/draftstore.h"
#include "core/collections/savedrequest.h"
#include "core/collections/sendcontext.h"
#include "core/http/request.h"
#include "ui/common/preferences.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/disksync.h"
#include "ui/window/foldercontroller.h"
#include "ui/window/importexportcontroller.h"
#include "ui/window/sandboxcontroller.h"
#include "ui/window/savecontroller.h"
#include "ui/window/sendcontroller.h"
#include "ui/window/tabmanager.h"
#include "ui/window/tabsession.h"

#include <QMainWindow>
#include <QUrl>

class QFrame;
class QNetworkAccessManager;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace Patchbay::Core {
class HistoryStore;
struct HistoryEntry;
class SecretCache;
class SecretStore;
class Workspace;
class WorkspaceWatcher;
struct Response;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class AuthServices;
class CollectionsPanel;
class EnvironmentPicker;
class HistoryPanel;
class NetworkController;
class RequestEditor;
class ResponseViewer;
class WindowActions;

// The application window: sidebar (collections, history) | request tabs, and the wiring between
// its parts (ui/window/): TabManager (the tabs), SendController (the one send path, history,
// captures), TabSession (session, drafts, crash recovery), SaveController (open and save),
// FolderController (opened folders), ImportExportController, DiskSync (files changed on disk),
// SandboxController (the built-in API on its own thread), NetworkController (proxy,
// certificates, cookies) and WindowActions (menus, shortcuts).
// The public functions below are the window's entry points; most forward to one part.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(QNetworkAccessManager *network, Core::HistoryStore *history,
               Core::Workspace *workspace, QWidget *parent = nullptr); // all not owned
    ~MainWindow() override;

    // The current tab's editor and viewer (there is always a current tab).
    RequestEditor *requestEditor() const { return currentTab()->editor(); }
    ResponseViewer *responseViewer() const { return currentTab()->viewer(); }
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    CollectionsPanel *collectionsPanel() const { return m_collectionsPanel; }
    EnvironmentPicker *environmentPicker() const { return m_environmentPicker; }

    // Request tabs.
    QTabWidget *requestTabs() const { return m_tabs->widget(); }
    RequestTab *currentTab() const { return m_tabs->currentTab(); }
    QList<RequestTab *> tabs() const { return m_tabs->tabs(); }
    RequestTab *tabForPath(const QString &path) const { return m_tabs->tabForPath(path); }
    // Ctrl+T: an empty, unsaved request in a new tab, made current.
    RequestTab *newTab() { return m_tabs->newTab(); }
    // Asks Save / Discard / Cancel when the tab has unsaved edits. False when it stays open.
    bool closeTab(RequestTab *tab) { return m_tabs->closeTab(tab); }
    void closeOtherTabs(RequestTab *keep) { m_tabs->closeOtherTabs(keep); }
    // An unsaved copy of the tab's request in a new tab.
    RequestTab *duplicateTab(RequestTab *tab) { return m_tabs->duplicateTab(tab); }
    // What a single click in History shows, until the next click replaces it (or null).
    RequestTab *previewTab() const { return m_tabs->previewTab(); }
    // The corner button listing the open tabs.
    QToolButton *openTabsButton() const { return m_tabs->openTabsButton(); }

    // The saved request in the current tab ("" for an unsaved one).
    QString currentRequestPath() const;
    // Switches to the tab that has `path` open, or shows it in a new tab (or the current one
    // when that is empty and unsaved).
    void openSavedRequest(const QString &path, const Core::SavedRequest &saved)
    {
        m_saver->openSavedRequest(path, saved);
    }
    // Ctrl+S: writes the current tab's request to its file, or asks where (Save As) when unsaved.
    bool save() { return m_saver->saveTab(currentTab()); }
    bool saveAs() { return m_saver->saveTabAs(currentTab()); }
    bool saveTab(RequestTab *tab) { return m_saver->saveTab(tab); }
    bool saveTabAs(RequestTab *tab) { return m_saver->saveTabAs(tab); }
    // The current tab has unsaved edits.
    bool hasUnsavedChanges() const;

    // The one send path: resolves the tab's request (variables, collection auth) and sends it.
    void sendTab(RequestTab *tab) { m_sender->send(tab); }
    // What Send would put on the wire for the tab (also used by Generate code and Copy as curl).
    Core::ResolvedSend resolveForTab(const RequestTab *tab) const { return m_sender->resolve(tab); }

    // Drafts: unsaved tabs are written to <AppData>/drafts every few seconds (when changed), so
    // that a crash loses nothing; leftovers are offered back on the next start.
    Core::DraftStore &draftStore() { return m_session->draftStore(); }
    void setAutosaveInterval(int milliseconds) { m_session->setAutosaveInterval(milliseconds); }
    void autosaveDrafts() { m_session->autosave(); }
    // Drafts left by a session that did not close cleanly, waiting for Restore or Discard.
    int recoverableDraftCount() const { return m_session->recoverableDraftCount(); }
    QFrame *recoveryBar() const { return m_session->recoveryBar(); }
    void restoreRecoverableDrafts() { m_session->restoreRecoverable(); }
    void discardRecoverableDrafts() { m_session->discardRecoverable(); }

    // Null when the workspace has no folder (tests).
    Core::WorkspaceWatcher *workspaceWatcher() const { return m_disk->watcher(); }
    // Variables set by captures of earlier responses in this session.
    const Core::VariableList &capturedVariables() const { return m_sender->capturedVariables(); }
    // Values of secret variables, from the OS keyring (or this session's memory without one).
    Core::SecretCache *secretCache() const { return m_secretCache; }
    // The workspace's proxy, certificates and cookies (Tools → Network Settings, Cookies).
    NetworkController *networkController() const { return m_networkPart; }
    AuthServices *authServices() const { return m_authServices; }

    // "Manage environments…": the editor for the current collection's environments.
    void manageEnvironments();
    // "Edit resource…": edit a fetched JSON resource and send it back as PUT or PATCH.
    // `path`: the saved request the GET came from (its collection's OAuth 2.0 tokens), if any.
    void editResource(const Core::Request &get, const Core::Response &response,
                      const QString &path = QString());
    // "Run…": runs a collection, folder or request with its tests in a results dialog.
    void runPath(const QString &path);

    // Imports a file, folder or description URL as a new collection in a worker (one undo
    // step); ImportExportController::importFinished() follows. See importexportcontroller.h.
    void importPath(const QString &path, bool quiet = false)
    {
        m_importExport->importPath(path, quiet);
    }
    // File → Open Folder…: shows the collections of another folder beside the workspace (a
    // collection folder, or a folder holding some), watched for changes and reopened at the next
    // start. Returns the collections added; a refusal is shown (status bar only when `quiet`).
    QStringList openFolder(const QString &path, bool quiet = false)
    {
        return m_folders->openFolder(path, quiet);
    }
    // "Close Folder": closes the tabs of its requests (asking about unsaved edits) and stops
    // showing the folder; its files stay. False when cancelled or not an opened folder.
    bool closeFolder(const QString &folder) { return m_folders->closeFolder(folder); }

    // Writes the collection holding the selected item as Postman v2.1 or .http (by suffix).
    bool exportCollection(const QString &collectionPath, const QString &targetFile)
    {
        return m_importExport->exportCollection(collectionPath, targetFile);
    }

    // Starts the sandbox (if needed) and sends the first-run example: PATCH /users/1.
    void sendSandboxExample();
    bool isSandboxRunning() const { return m_sandbox->isRunning(); }
    QUrl sandboxUrl() const { return m_sandbox->url(); }
    void startSandbox() { m_sandbox->start(); }
    void stopSandbox() { m_sandbox->stop(); }
    void setSideBySide(bool sideBySide);
    bool isSideBySide() const { return m_tabs->isSideBySide(); }

    // Edit → Preferences (Ctrl+,): the dialog, modal; what it applies takes effect at once.
    void showPreferences();

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
    void createParts();
    void layOut();
    // Connects each of the window's actions to the part that acts.
    void connectActions();
    void connectPanels();
    void restoreState();
    void saveState() const;

    // After files, folders or the keyring changed: secret values and {{variable}} scopes.
    void reloadSecrets();
    // Switches the sidebar to the collections and selects the first of `paths`.
    void showInSidebar(const QStringList &paths);
    // Gives a new tab its welcome page and Edit resource.
    void wireTab(RequestTab *tab);
    void onCurrentTabChanged();
    void onCurrentTabUpdated(RequestTab *tab, const RequestTab::Summary &summary);
    // From History: in the preview tab, kept (double click, Enter) or not (single click).
    void showHistoryEntry(const Core::HistoryEntry &entry, bool keep);
    // Generate code for the tab's request, secret values as environment lookups by default.
    void showCode(RequestTab *tab);
    // Ctrl+P: switch to an open tab or open a saved request by name.
    void showQuickSwitcher();
    void compareHistoryEntries(const Core::HistoryEntry &left, const Core::HistoryEntry &right);
    void checkIdempotency(const Core::HistoryEntry &entry);
    // False, after telling the user why, when `request` came from history with its
    // credentials removed: sending it again would send the redaction marker.
    bool canResend(const Core::Request &request);
    void updateTitle();
    void showAbout();
    // Edit → Preferences changed something: theme, defaults of pristine tabs, history.
    void onPreferencesChanged(const PreferenceValues &previous, const PreferenceValues &current);
    void applyHistoryPreferences(const PreferenceValues &values);

    QNetworkAccessManager *m_network; // not owned
    Core::HistoryStore *m_history; // not owned
    Core::Workspace *m_workspace; // not owned
    Core::SecretStore *m_secretStore; // owned (child)
    Core::SecretCache *m_secretCache; // owned (child)
    AuthServices *m_authServices = nullptr; // owned (child)

    QSplitter *m_outerSplitter; // owned (child)
    QTabWidget *m_sidebar; // owned (child)
    HistoryPanel *m_historyPanel; // owned (child)
    CollectionsPanel *m_collectionsPanel; // owned (child)
    EnvironmentPicker *m_environmentPicker; // owned (child)

    // The parts, each owned (child).
    TabManager *m_tabs;
    SendController *m_sender;
    DiskSync *m_disk;
    SaveController *m_saver;
    FolderController *m_folders;
    ImportExportController *m_importExport;
    TabSession *m_session;
    SandboxController *m_sandbox;
    NetworkController *m_networkPart;
    WindowActions *m_actions = nullptr;
};

} // namespace Patchbay::Ui
