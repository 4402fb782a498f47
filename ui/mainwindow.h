#pragma once

#include "core/collections/draftstore.h"
#include "core/collections/savedrequest.h"
#include "core/collections/sendcontext.h"
#include "core/http/request.h"

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

class AuthServices;
class CollectionsPanel;
class EnvironmentPicker;
class HistoryPanel;
class RequestEditor;
class RequestTab;
class ResponseViewer;

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
    QTabWidget *requestTabs() const { return m_tabs; }
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
    Core::DraftStore &draftStore() { return m_drafts; }
    void setAutosaveInterval(int milliseconds);
    void autosaveDrafts();
    // Drafts left by a session that did not close cleanly, waiting for Restore or Discard.
    int recoverableDraftCount() const { return int(m_recoverable.size()); }
    QFrame *recoveryBar() const { return m_recoveryBar; }
    void restoreRecoverableDrafts();
    void discardRecoverableDrafts();

    // Null when the workspace has no folder (tests).
    Core::WorkspaceWatcher *workspaceWatcher() const { return m_watcher; }
    // Variables set by captures of earlier responses in this session.
    const Core::VariableList &capturedVariables() const { return m_captured; }
    // Values of secret variables, from the OS keyring (or this session's memory without one).
    Core::SecretCache *secretCache() const { return m_secretCache; }
    AuthServices *authServices() const { return m_authServices; }

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
    void createActions();
    void createMenus();
    void restoreState();
    void saveState() const;

    void restoreSession();
    // The folders opened beside the workspace in the last session (settings), opened again.
    void reopenFolders();
    void rememberFolders() const;
    void watchRoot(const QString &root);
    void saveSession(QSettings &settings) const;
    void offerRecovery(const QList<Core::Draft> &drafts);
    RequestTab *addTab(RequestTab *tab);
    // The current tab when it is empty and unsaved, otherwise a new one.
    RequestTab *reusableTab();
    void removeTab(RequestTab *tab);
    void updateTab(RequestTab *tab);
    void onCurrentTabChanged();
    void showTabContextMenu(const QPoint &pos);
    void cycleTabs(int step);
    void onTabExchangeFinished(RequestTab *tab, const Core::Request &sent,
                               const Core::Response &response);
    void onHistoryEntryActivated(const Core::HistoryEntry &entry);
    void onItemPathChanged(const QString &oldPath, const QString &newPath);
    void onChangedOnDisk(const QStringList &paths);
    // Tells the watcher about files we wrote ourselves, so that they are not reported back.
    void acknowledgeOwnWrites();
    void forgetDraft(const RequestTab *tab);
    // Re-points every tab's {{variable}} highlighting at its request's scopes.
    void updateVariableLookups();
    void updateVariableLookup(RequestTab *tab);
    void updateTitle();
    void showKeyboardShortcuts();
    void showAbout();
    void updateSandboxStatus();
    QWidget *createWelcomePage();

    QNetworkAccessManager *m_network; // not owned
    Core::HistoryStore *m_history; // not owned
    Core::Workspace *m_workspace; // not owned
    std::unique_ptr<Core::HttpClient> m_client; // owned
    Core::DraftStore m_drafts;
    QHash<QString, Core::Draft> m_writtenDrafts; // by tab id: what each draft file holds
    QList<Core::Draft> m_recoverable; // left by a session that did not close cleanly
    QTimer *m_autosave; // owned (child)
    Core::WorkspaceWatcher *m_watcher = nullptr; // owned (child), null without a folder
    Core::SecretStore *m_secretStore; // owned (child)
    Core::SecretCache *m_secretCache; // owned (child)
    AuthServices *m_authServices; // owned (child)
    // Per tab, for its exchange in flight or last finished: the values of secret variables it
    // used (redacted before history) and the request as sent (Edit resource… refetches with it).
    QHash<const RequestTab *, QStringList> m_sentSecrets;
    QHash<const RequestTab *, Core::Request> m_lastSent;
    // Values the Tests tab's captures took from responses this session (a login token): they
    // resolve {{names}} in later sends before any collection or environment variable.
    Core::VariableList m_captured;
    bool m_sideBySide = true;
    QByteArray m_tabSplitterState; // applied to new tabs

    // The sandbox lives on its own thread so that large sandbox responses never stall the UI.
    std::unique_ptr<QThread> m_sandboxThread; // owned
    Core::SandboxServer *m_sandbox = nullptr; // owned: lives on m_sandboxThread, deleted with it
    QUrl m_sandboxUrl;

    QSplitter *m_outerSplitter; // owned (child)
    QTabWidget *m_sidebar; // owned (child)
    HistoryPanel *m_historyPanel; // owned (child)
    CollectionsPanel *m_collectionsPanel; // owned (child)
    EnvironmentPicker *m_environmentPicker; // owned (child)
    QTabWidget *m_tabs; // owned (child): RequestTab pages
    QFrame *m_recoveryBar; // owned (child)
    QLabel *m_recoveryText; // owned (child)
    QLabel *m_sandboxStatus; // owned (child)

    QAction *m_sendAction; // owned (child)
    QAction *m_cancelAction; // owned (child)
    QAction *m_focusUrlAction; // owned (child)
    QAction *m_findAction; // owned (child)
    QAction *m_formatAction; // owned (child)
    QAction *m_newRequestAction; // owned (child)
    QAction *m_saveAction; // owned (child)
    QAction *m_codeAction; // owned (child)
    QAction *m_copyCurlAction; // owned (child)
    QAction *m_importAction; // owned (child)
    QAction *m_openFolderAction; // owned (child)
    QAction *m_exportAction; // owned (child)
    QAction *m_saveAsAction; // owned (child)
    QAction *m_closeTabAction; // owned (child)
    QAction *m_nextTabAction; // owned (child)
    QAction *m_previousTabAction; // owned (child)
    QAction *m_sideBySideAction; // owned (child)
    QAction *m_toggleSidebarAction; // owned (child)
    QAction *m_sandboxAction; // owned (child)
    QAction *m_shortcutsAction; // owned (child)
    QAction *m_quitAction; // owned (child)
    QAction *m_editResourceAction; // owned (child)
    QAction *m_runAction; // owned (child)
};

} // namespace Patchbay::Ui
