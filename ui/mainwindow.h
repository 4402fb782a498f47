#pragma once

#include "core/collections/savedrequest.h"
#include "core/http/request.h"

#include <QMainWindow>
#include <QUrl>

#include <memory>

class QAction;
class QLabel;
class QNetworkAccessManager;
class QSplitter;
class QTabWidget;
class QThread;

namespace Patchbay::Core {
class HttpCall;
class HttpClient;
class HistoryStore;
struct HistoryEntry;
class SandboxServer;
class Workspace;
struct Response;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class CollectionsPanel;
class EnvironmentPicker;
class HistoryPanel;
class RequestEditor;
class ResponseViewer;

// The application window: sidebar (history) | request editor | response viewer, the menus and
// shortcuts, and the wiring between them: sending through Core::HttpClient, recording every
// exchange in Core::HistoryStore, and running the built-in sandbox API on its own thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(QNetworkAccessManager *network, Core::HistoryStore *history,
               Core::Workspace *workspace, QWidget *parent = nullptr); // all not owned
    ~MainWindow() override;

    RequestEditor *requestEditor() const { return m_editor; }
    ResponseViewer *responseViewer() const { return m_viewer; }
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    CollectionsPanel *collectionsPanel() const { return m_collectionsPanel; }
    EnvironmentPicker *environmentPicker() const { return m_environmentPicker; }

    // The saved request shown in the editor ("" for an unsaved one).
    QString currentRequestPath() const { return m_currentPath; }
    void openSavedRequest(const QString &path, const Core::SavedRequest &saved);
    // Ctrl+S: writes the editor's request to its file, or asks where (Save As) when unsaved.
    bool save();
    bool saveAs();
    // The saved request in the editor differs from its file's content.
    bool hasUnsavedChanges() const;
    // Imports a Postman, Insomnia, Bruno, .http or curl file (or a Bruno folder) as a new
    // collection: one undo step. Returns the created paths; shows the report unless `quiet`.
    QStringList importPath(const QString &path, bool quiet = false);
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
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void restoreState();
    void saveState() const;

    void onSendRequested();
    void onCancelRequested();
    void onCallFinished(const Core::Response &response);
    void onHistoryEntryActivated(const Core::HistoryEntry &entry);
    void updateTitle();
    void showKeyboardShortcuts();
    void showAbout();
    void updateSandboxStatus();
    QWidget *createWelcomePage();

    QNetworkAccessManager *m_network; // not owned
    Core::HistoryStore *m_history; // not owned
    Core::Workspace *m_workspace; // not owned
    QString m_currentPath;
    Core::SavedRequest m_currentSaved; // as last loaded or saved, to know what is unsaved
    std::unique_ptr<Core::HttpClient> m_client; // owned
    std::unique_ptr<Core::HttpCall> m_call; // owned: the exchange in flight, if any
    Core::Request m_sentRequest;

    // The sandbox lives on its own thread so that large sandbox responses never stall the UI.
    std::unique_ptr<QThread> m_sandboxThread; // owned
    Core::SandboxServer *m_sandbox = nullptr; // owned: lives on m_sandboxThread, deleted with it
    QUrl m_sandboxUrl;

    QSplitter *m_outerSplitter; // owned (child)
    QSplitter *m_workSplitter; // owned (child)
    QTabWidget *m_sidebar; // owned (child)
    HistoryPanel *m_historyPanel; // owned (child)
    CollectionsPanel *m_collectionsPanel; // owned (child)
    EnvironmentPicker *m_environmentPicker; // owned (child)
    RequestEditor *m_editor; // owned (child)
    ResponseViewer *m_viewer; // owned (child)
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
    QAction *m_exportAction; // owned (child)
    QAction *m_saveAsAction; // owned (child)
    QAction *m_sideBySideAction; // owned (child)
    QAction *m_toggleSidebarAction; // owned (child)
    QAction *m_sandboxAction; // owned (child)
    QAction *m_shortcutsAction; // owned (child)
    QAction *m_quitAction; // owned (child)
};

} // namespace Patchbay::Ui
