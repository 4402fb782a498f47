#include "ui/mainwindow.h"

#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/history/historyentry.h"
#include "core/history/historystore.h"
#include "core/history/redaction.h"
#include "core/http/httpclient.h"
#include "core/http/requestjson.h"
#include "core/interop/curlexport.h"
#include "core/interop/httpfileexport.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"
#include "core/interop/postmanexport.h"
#include "core/sandbox/sandboxserver.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/collections/saverequestdialog.h"
#include "ui/history/historypanel.h"
#include "ui/request/codedialog.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <optional>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

const QLatin1String keyGeometry("window/geometry");
const QLatin1String keyState("window/state");
const QLatin1String keyOuterSplitter("window/outerSplitter");
const QLatin1String keyWorkSplitter("window/workSplitter");
const QLatin1String keySideBySide("window/sideBySide");
const QLatin1String keySidebarVisible("window/sidebarVisible");
const QLatin1String keyLastRequest("session/lastRequest");

// The port `patchbay-cli sandbox` uses by default and the sample environment points at.
constexpr quint16 PreferredSandboxPort = 3000;

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// Undoing an import deletes what it created; redoing puts the same bytes back.
class ImportCommand final : public QUndoCommand
{
public:
    ImportCommand(Workspace *workspace, CollectionsPanel *panel, QStringList created,
                  const QString &text)
        : QUndoCommand(text)
        , m_workspace(workspace)
        , m_panel(panel)
        , m_paths(std::move(created))
    { }

    void undo() override
    {
        m_deleted.clear();
        for (const QString &path : std::as_const(m_paths)) {
            Result<DeletedItem> deleted = m_workspace->remove(path);
            if (deleted.ok())
                m_deleted.append(std::move(deleted).value());
        }
        m_panel->refresh();
    }

    void redo() override
    {
        if (m_first) { // the import itself already wrote the files
            m_first = false;
            return;
        }
        for (const DeletedItem &item : std::as_const(m_deleted))
            m_workspace->restore(item);
        m_panel->refresh();
    }

private:
    Workspace *m_workspace; // not owned
    CollectionsPanel *m_panel; // not owned
    QStringList m_paths;
    QList<DeletedItem> m_deleted;
    bool m_first = true;
};

} // namespace

MainWindow::MainWindow(QNetworkAccessManager *network, HistoryStore *history, Workspace *workspace,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_network(network)
    , m_history(history)
    , m_workspace(workspace)
    , m_client(std::make_unique<HttpClient>(network))
{
    setWindowTitle(tr("Patchbay"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/org.patchbay.Patchbay.svg")));

    m_historyPanel = new HistoryPanel(history, this);
    m_collectionsPanel = new CollectionsPanel(workspace, this);
    m_environmentPicker = new EnvironmentPicker(workspace, this);
    m_environmentPicker->setToolTip(tr("Environment: where {{variables}} get their values"));
    m_sidebar = new QTabWidget(this);
    m_sidebar->setDocumentMode(true);
    m_sidebar->addTab(m_collectionsPanel, tr("Collections"));
    m_sidebar->addTab(m_historyPanel, tr("History"));
    m_editor = new RequestEditor(this);
    m_viewer = new ResponseViewer(this);

    m_viewer->showEmptyState(createWelcomePage());

    m_workSplitter = new QSplitter(Qt::Horizontal, this);
    m_workSplitter->setChildrenCollapsible(false);
    m_workSplitter->addWidget(m_editor);
    m_workSplitter->addWidget(m_viewer);
    m_workSplitter->setStretchFactor(0, 1);
    m_workSplitter->setStretchFactor(1, 1);

    m_outerSplitter = new QSplitter(Qt::Horizontal, this);
    m_outerSplitter->addWidget(m_sidebar);
    m_outerSplitter->addWidget(m_workSplitter);
    m_outerSplitter->setCollapsible(1, false);
    m_outerSplitter->setStretchFactor(0, 0);
    m_outerSplitter->setStretchFactor(1, 1);
    m_outerSplitter->setSizes({280, 1120});
    setCentralWidget(m_outerSplitter);

    m_sandboxStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_sandboxStatus);

    createActions();
    createMenus();

    connect(m_editor, &RequestEditor::sendRequested, this, &MainWindow::onSendRequested);
    connect(m_editor, &RequestEditor::cancelRequested, this, &MainWindow::onCancelRequested);
    connect(m_historyPanel, &HistoryPanel::entryActivated, this,
            &MainWindow::onHistoryEntryActivated);
    connect(m_collectionsPanel, &CollectionsPanel::requestActivated, this,
            &MainWindow::openSavedRequest);
    connect(m_editor, &RequestEditor::requestChanged, this, &MainWindow::updateTitle);
    connect(m_history, &HistoryStore::error, this, [this](const QString &message) {
        statusBar()->showMessage(tr("History is unavailable: %1").arg(message));
    });

    resize(1400, 860);
    restoreState();
    updateSandboxStatus();
}

MainWindow::~MainWindow()
{
    stopSandbox();
}

QWidget *MainWindow::createWelcomePage()
{
    auto *page = new QWidget; // owned by the viewer (showEmptyState takes it)
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(2);

    auto *title = new QLabel(tr("Send your first request"), page);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *text = new QLabel(
        tr("Patchbay comes with a sandbox API that runs on this computer: no network and no "
           "account needed.<br>Try an update: a PATCH that changes one field of a user."),
        page);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setTextFormat(Qt::RichText);

    auto *tryButton = new QPushButton(tr("Try PATCH /users/1 on the sandbox"), page);
    tryButton->setDefault(true);
    tryButton->setObjectName(QStringLiteral("trySandboxButton"));
    connect(tryButton, &QPushButton::clicked, this, &MainWindow::sendSandboxExample);

    auto *hint = new QLabel(tr("Or type a URL and press Ctrl+Enter. Help \u2192 Keyboard "
                               "shortcuts lists every shortcut."),
                            page);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(text);
    layout->addSpacing(16);
    layout->addWidget(tryButton, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    layout->addWidget(hint);
    layout->addStretch(3);
    return page;
}

void MainWindow::createActions()
{
    m_sendAction = new QAction(tr("&Send"), this);
    m_sendAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_sendAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_sendAction, &QAction::triggered, this, &MainWindow::onSendRequested);

    m_cancelAction = new QAction(tr("&Cancel request"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false); // only while a request is in flight
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::onCancelRequested);

    m_focusUrlAction = new QAction(tr("Go to &URL"), this);
    m_focusUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_focusUrlAction, &QAction::triggered, m_editor, &RequestEditor::focusUrl);

    m_findAction = new QAction(tr("&Find in response"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] { m_viewer->focusFind(); });

    m_formatAction = new QAction(tr("&Format JSON body"), this);
    m_formatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_formatAction, &QAction::triggered, m_editor, &RequestEditor::formatBody);

    m_newRequestAction = new QAction(tr("&New request"), this);
    m_newRequestAction->setShortcut(QKeySequence::New);
    connect(m_newRequestAction, &QAction::triggered, this, [this] {
        m_editor->setRequest(Request());
        m_currentPath.clear();
        updateTitle();
        m_editor->focusUrl();
    });

    m_saveAction = new QAction(tr("&Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);

    m_codeAction = new QAction(tr("Generate &code…"), this);
    m_codeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    connect(m_codeAction, &QAction::triggered, this, [this] {
        // The code sends what Patchbay would send: variables resolved as for Send.
        const ResolvedSend resolved
            = resolveForSending(*m_workspace, m_currentPath, m_editor->request(),
                                m_environmentPicker->currentEnvironment());
        CodeDialog dialog(resolved.request, this);
        dialog.exec();
    });

    m_copyCurlAction = new QAction(tr("Copy as c&url"), this);
    connect(m_copyCurlAction, &QAction::triggered, this, [this] {
        const ResolvedSend resolved
            = resolveForSending(*m_workspace, m_currentPath, m_editor->request(),
                                m_environmentPicker->currentEnvironment());
        QGuiApplication::clipboard()->setText(exportCurlCommand(resolved.request));
        statusBar()->showMessage(tr("Copied the request as a curl command"), 3000);
    });

    m_importAction = new QAction(tr("&Import…"), this);
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_importAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import a collection"), QString(),
            tr("Collections (*.json *.yaml *.yml *.http *.rest *.txt *.sh);;All files (*)"));
        if (!path.isEmpty())
            importPath(path);
    });

    m_exportAction = new QAction(tr("&Export collection…"), this);
    connect(m_exportAction, &QAction::triggered, this, [this] {
        const QString selected = m_collectionsPanel->currentPath().isEmpty()
            ? m_currentPath
            : m_collectionsPanel->currentPath();
        const CollectionItem *collection = collectionOf(*m_workspace, selected);
        if (!collection) {
            QMessageBox::information(this, tr("Export"),
                                     tr("Select a collection (or a request in it) in the "
                                        "sidebar first."));
            return;
        }
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export %1").arg(collection->name),
            collection->name + QStringLiteral(".postman_collection.json"),
            tr("Postman collection v2.1 (*.json);;HTTP file (*.http)"));
        if (!file.isEmpty())
            exportCollection(collection->path, file);
    });

    m_saveAsAction = new QAction(tr("Save &As…"), this);
    m_saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAs);

    m_sideBySideAction = new QAction(tr("Response &beside request"), this);
    m_sideBySideAction->setCheckable(true);
    m_sideBySideAction->setChecked(true);
    m_sideBySideAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    connect(m_sideBySideAction, &QAction::toggled, this, &MainWindow::setSideBySide);

    m_toggleSidebarAction = new QAction(tr("Show &sidebar"), this);
    m_toggleSidebarAction->setCheckable(true);
    m_toggleSidebarAction->setChecked(true);
    m_toggleSidebarAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    connect(m_toggleSidebarAction, &QAction::toggled, m_sidebar, &QWidget::setVisible);

    m_sandboxAction = new QAction(tr("&Sandbox API"), this);
    m_sandboxAction->setCheckable(true);
    connect(m_sandboxAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            startSandbox();
        else
            stopSandbox();
    });

    m_shortcutsAction = new QAction(tr("&Keyboard shortcuts"), this);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showKeyboardShortcuts);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    addActions({m_sendAction, m_cancelAction, m_focusUrlAction, m_findAction, m_formatAction});
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newRequestAction);
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_collectionsPanel->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_collectionsPanel->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *request = menuBar()->addMenu(tr("&Request"));
    request->addAction(m_sendAction);
    request->addAction(m_cancelAction);
    request->addSeparator();
    request->addAction(m_focusUrlAction);
    request->addAction(m_formatAction);
    request->addAction(m_codeAction);
    request->addAction(m_copyCurlAction);
    request->addAction(m_findAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_toggleSidebarAction);
    view->addAction(m_sideBySideAction);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_sandboxAction);
    tools->addAction(tr("Send the sandbox &example"), this, &MainWindow::sendSandboxExample);

    QToolBar *toolbar = addToolBar(tr("Environment"));
    toolbar->setObjectName(QStringLiteral("environmentToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Environment:"), toolbar));
    toolbar->addWidget(m_environmentPicker);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    help->addAction(tr("&About Patchbay"), this, &MainWindow::showAbout);
}

void MainWindow::onSendRequested()
{
    if (m_call)
        return; // one exchange at a time; the button shows Cancel meanwhile
    if (!m_editor->confirmSendIfInvalid())
        return;
    const ResolvedSend resolved
        = resolveForSending(*m_workspace, m_currentPath, m_editor->request(),
                            m_environmentPicker->currentEnvironment());
    m_sentRequest = resolved.request;
    if (!resolved.unresolved.isEmpty()) {
        statusBar()->showMessage(tr("Not defined, sent as written: %1. Pick an environment or "
                                    "define them in the collection.")
                                     .arg(resolved.unresolved.join(QLatin1String(", "))),
                                 10000);
    }
    if (m_sentRequest.url.trimmed().isEmpty()) {
        m_editor->focusUrl();
        statusBar()->showMessage(tr("Type a URL first, e.g. http://127.0.0.1:8080/users/1"), 5000);
        return;
    }
    m_call = m_client->send(m_sentRequest);
    connect(m_call.get(), &HttpCall::downloadProgress, m_viewer, &ResponseViewer::setProgress);
    connect(m_call.get(), &HttpCall::finished, this, &MainWindow::onCallFinished);
    m_editor->setBusy(true);
    m_cancelAction->setEnabled(true);
    m_viewer->showPending();
    if (resolved.unresolved.isEmpty())
        statusBar()->showMessage(
            tr("Sending %1 %2…").arg(m_sentRequest.method, redactUrl(m_sentRequest.url)));
}

void MainWindow::onCancelRequested()
{
    if (m_call)
        m_call->cancel();
}

void MainWindow::onCallFinished(const Response &response)
{
    // We are inside the call's own signal: it is deleted once control returns to the loop.
    HttpCall *call = m_call.release();
    call->deleteLater();
    m_editor->setBusy(false);
    m_cancelAction->setEnabled(false);
    m_viewer->showResponse(response);
    m_history->add(historyEntryFrom(call->request(), response));
    if (response.isError()) {
        statusBar()->showMessage(response.errorMessage, 10000);
    } else {
        statusBar()->showMessage(tr("%1 %2 in %3 ms, %4")
                                     .arg(response.statusCode)
                                     .arg(response.reason)
                                     .arg(qRound(response.timing.totalMs()))
                                     .arg(formatBytes(response.body.size())),
                                 10000);
    }
    emit exchangeFinished(response);
}

void MainWindow::onHistoryEntryActivated(const HistoryEntry &entry)
{
    if (m_call)
        return;
    m_editor->setRequest(entry.request);
    m_currentPath.clear(); // a restored request is a new, unsaved one
    updateTitle();
    m_viewer->showResponse(responseFrom(entry));
    statusBar()->showMessage(
        tr("Restored from history: sent %1")
            .arg(QLocale().toString(entry.sentAt.toLocalTime(), QLocale::ShortFormat)),
        5000);
}

bool MainWindow::isSandboxRunning() const
{
    return m_sandbox != nullptr;
}

QUrl MainWindow::sandboxUrl() const
{
    return m_sandboxUrl;
}

void MainWindow::startSandbox()
{
    if (m_sandbox)
        return;
    m_sandboxThread = std::make_unique<QThread>();
    m_sandboxThread->setObjectName(QStringLiteral("sandbox"));
    auto *server = new SandboxServer; // owned by m_sandboxThread: deleted when it finishes
    server->moveToThread(m_sandboxThread.get());
    connect(m_sandboxThread.get(), &QThread::finished, server, &QObject::deleteLater);
    m_sandboxThread->start();

    // Binding a loopback port takes microseconds: waiting for it keeps the state simple.
    // The sample collection's environment expects the usual port; any free one will do when
    // something else holds it.
    std::optional<Result<quint16>> started;
    QMetaObject::invokeMethod(
        server,
        [server, &started] {
            started = server->start(PreferredSandboxPort);
            if (!started->ok())
                started = server->start(0);
        },
        Qt::BlockingQueuedConnection);
    if (!started || !started->ok()) {
        const QString message = started ? started->error().message : tr("unknown error");
        m_sandboxThread->quit();
        m_sandboxThread->wait();
        m_sandboxThread.reset();
        QMessageBox::warning(this, tr("Sandbox API"),
                             tr("The sandbox API could not start: %1").arg(message));
    } else {
        m_sandbox = server;
        m_sandboxUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(started->value()));
    }
    updateSandboxStatus();
}

void MainWindow::stopSandbox()
{
    if (!m_sandboxThread)
        return;
    m_sandboxThread->quit();
    m_sandboxThread->wait();
    m_sandboxThread.reset();
    m_sandbox = nullptr;
    m_sandboxUrl.clear();
    updateSandboxStatus();
}

void MainWindow::updateSandboxStatus()
{
    const bool running = isSandboxRunning();
    m_sandboxStatus->setText(running ? tr("Sandbox API: %1").arg(m_sandboxUrl.toString())
                                     : tr("Sandbox API: off"));
    m_sandboxStatus->setToolTip(running ? tr("The built-in API is serving on this computer. "
                                             "Tools \u2192 Sandbox API stops it.")
                                        : tr("Tools \u2192 Sandbox API starts the built-in API."));
    const QSignalBlocker blocker(m_sandboxAction);
    m_sandboxAction->setChecked(running);
    emit sandboxStateChanged(running);
}

void MainWindow::sendSandboxExample()
{
    startSandbox();
    if (!isSandboxRunning())
        return;
    Request request;
    request.method = QStringLiteral("PATCH");
    request.url = m_sandboxUrl.toString() + QStringLiteral("/users/1");
    request.body.mode = BodyMode::Json;
    request.body.text = QStringLiteral("{\n  \"email\": \"new@example.com\"\n}\n");
    m_editor->setRequest(request);
    m_currentPath.clear();
    updateTitle();
    onSendRequested();
}

void MainWindow::setSideBySide(bool sideBySide)
{
    m_workSplitter->setOrientation(sideBySide ? Qt::Horizontal : Qt::Vertical);
    const QSignalBlocker blocker(m_sideBySideAction);
    m_sideBySideAction->setChecked(sideBySide);
}

bool MainWindow::isSideBySide() const
{
    return m_workSplitter->orientation() == Qt::Horizontal;
}

void MainWindow::openSavedRequest(const QString &path, const SavedRequest &saved)
{
    m_editor->setRequest(saved.request);
    m_currentPath = path;
    m_currentSaved = saved;
    if (const CollectionItem *collection = collectionOf(*m_workspace, path))
        m_environmentPicker->setCollection(collection->path);
    updateTitle();
}

bool MainWindow::save()
{
    if (m_currentPath.isEmpty())
        return saveAs();
    SavedRequest saved = m_currentSaved;
    saved.request = m_editor->request();
    if (!m_collectionsPanel->saveRequest(m_currentPath, saved))
        return false;
    m_currentSaved = saved;
    statusBar()->showMessage(tr("Saved %1").arg(saved.name), 3000);
    updateTitle();
    return true;
}

bool MainWindow::saveAs()
{
    const Request request = m_editor->request();
    QString name = m_currentPath.isEmpty() ? QString() : m_currentSaved.name;
    if (name.isEmpty())
        name = QStringLiteral("%1 %2").arg(request.method, QUrl(request.url).path());
    SaveRequestDialog dialog(m_workspace, name.trimmed(), m_collectionsPanel->currentPath(), this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    SavedRequest saved;
    saved.name = dialog.name();
    saved.request = request;
    const Result<QString> created = m_workspace->createRequest(dialog.parentPath(), saved);
    if (!created.ok()) {
        QMessageBox::warning(this, tr("Save As"), created.error().message);
        return false;
    }
    m_collectionsPanel->refresh();
    m_collectionsPanel->selectPath(created.value());
    openSavedRequest(created.value(), saved);
    statusBar()->showMessage(tr("Saved %1").arg(saved.name), 3000);
    return true;
}

QStringList MainWindow::importPath(const QString &path, bool quiet)
{
    const Result<ImportedCollection> imported = importFile(path);
    if (!imported.ok()) {
        if (!quiet)
            QMessageBox::warning(this, tr("Import"),
                                 tr("%1 could not be imported.\n\n%2")
                                     .arg(QFileInfo(path).fileName(), imported.error().message));
        return {};
    }
    const Result<QStringList> created
        = writeImportedCollection(*m_workspace, imported.value(), m_workspace->rootPath());
    if (!created.ok()) {
        if (!quiet)
            QMessageBox::warning(this, tr("Import"), created.error().message);
        return {};
    }
    m_collectionsPanel->refresh();
    m_collectionsPanel->undoStack()->push(
        new ImportCommand(m_workspace, m_collectionsPanel, created.value(),
                          tr("Import %1").arg(QFileInfo(path).fileName())));
    m_sidebar->setCurrentWidget(m_collectionsPanel);
    if (!created.value().isEmpty())
        m_collectionsPanel->selectPath(created.value().constFirst());

    const ImportReport &report = imported.value().report;
    statusBar()->showMessage(tr("Imported %1: %2 created, %3 converted with loss, %4 skipped")
                                 .arg(imported.value().info.name)
                                 .arg(report.created.size())
                                 .arg(report.lossy.size())
                                 .arg(report.skipped.size()),
                             10000);
    if (!quiet && (!report.lossy.isEmpty() || !report.skipped.isEmpty())) {
        QMessageBox box(QMessageBox::Information, tr("Import"),
                        tr("Imported \"%1\". Some parts could not be taken over as they were; "
                           "Edit → Undo removes the whole import.")
                            .arg(imported.value().info.name),
                        QMessageBox::Ok, this);
        QStringList details;
        if (!report.lossy.isEmpty())
            details << tr("Converted with loss:") << report.lossy << QString();
        if (!report.skipped.isEmpty())
            details << tr("Skipped:") << report.skipped;
        box.setDetailedText(details.join(u'\n'));
        box.exec();
    }
    return created.value();
}

bool MainWindow::exportCollection(const QString &collectionPath, const QString &targetFile)
{
    const bool http = targetFile.endsWith(QLatin1String(".http"))
        || targetFile.endsWith(QLatin1String(".rest"));
    const QByteArray bytes = http ? exportHttpFile(*m_workspace, collectionPath)
                                  : exportPostmanCollection(*m_workspace, collectionPath);
    QSaveFile file(targetFile);
    if (bytes.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()
        || !file.commit()) {
        QMessageBox::warning(
            this, tr("Export"),
            tr("Could not write %1: %2")
                .arg(targetFile, bytes.isEmpty() ? tr("nothing to export") : file.errorString()));
        return false;
    }
    statusBar()->showMessage(tr("Exported to %1 (secret values left empty)").arg(targetFile), 5000);
    return true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    // Items dragged out of the collections tree carry file URLs too: those are moves, not imports.
    const QMimeData *mime = event->mimeData();
    if (mime->hasUrls()
        && !mime->hasFormat(QStringLiteral("application/x-patchbay-collection-paths")))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    // Files dropped on the window are imported, one collection each.
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            importPath(url.toLocalFile());
    }
    event->acceptProposedAction();
}

void MainWindow::updateTitle()
{
    if (m_currentPath.isEmpty()) {
        setWindowTitle(tr("Patchbay"));
        return;
    }
    const bool dirty = hasUnsavedChanges();
    setWindowTitle(tr("%1%2 – Patchbay").arg(m_currentSaved.name, dirty ? tr(" •") : QString()));
}

void MainWindow::showKeyboardShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *table = new QTableWidget(&dialog);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    // Listed from the actions themselves, so the dialog cannot drift from the real bindings.
    const QList<QAction *> actions
        = {m_sendAction,   m_cancelAction,        m_focusUrlAction,   m_findAction,
           m_formatAction, m_newRequestAction,    m_saveAction,       m_saveAsAction,
           m_codeAction,   m_toggleSidebarAction, m_sideBySideAction, m_shortcutsAction,
           m_quitAction};
    for (QAction *action : actions) {
        const int row = table->rowCount();
        table->insertRow(row);
        QString text = action->text();
        text.remove(u'&');
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        table->setItem(row, 0, new QTableWidgetItem(text));
        table->setItem(row, 1, new QTableWidgetItem(keys.join(tr(" or "))));
    }
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(460, 380);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Patchbay"),
        tr("<h3>Patchbay %1</h3><p>A native REST client, strongest at PUT and PATCH updates.</p>"
           "<p>Free software under the GNU GPL, version 3 or later.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::restoreState()
{
    QSettings settings;
    restoreGeometry(settings.value(keyGeometry).toByteArray());
    QMainWindow::restoreState(settings.value(keyState).toByteArray());
    m_outerSplitter->restoreState(settings.value(keyOuterSplitter).toByteArray());
    setSideBySide(settings.value(keySideBySide, true).toBool());
    m_workSplitter->restoreState(settings.value(keyWorkSplitter).toByteArray());
    m_toggleSidebarAction->setChecked(settings.value(keySidebarVisible, true).toBool());
    const QByteArray last = settings.value(keyLastRequest).toByteArray();
    if (!last.isEmpty())
        m_editor->setRequest(requestFromJson(QJsonDocument::fromJson(last).object()));
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue(keyGeometry, saveGeometry());
    settings.setValue(keyState, QMainWindow::saveState());
    settings.setValue(keyOuterSplitter, m_outerSplitter->saveState());
    settings.setValue(keyWorkSplitter, m_workSplitter->saveState());
    settings.setValue(keySideBySide, isSideBySide());
    settings.setValue(keySidebarVisible, m_toggleSidebarAction->isChecked());
    // Secrets never go to the settings file in plain text: they come back as "•••" markers.
    settings.setValue(keyLastRequest,
                      QJsonDocument(requestToJson(redactSecrets(m_editor->request())))
                          .toJson(QJsonDocument::Compact));
}

bool MainWindow::hasUnsavedChanges() const
{
    return !m_currentPath.isEmpty() && m_editor->request() != m_currentSaved.request;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (hasUnsavedChanges()) {
        QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                        tr("\"%1\" has changes that are not saved.").arg(m_currentSaved.name),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("unsavedChangesQuestion"));
        box.setInformativeText(tr("Save them to the collection before quitting?"));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save())) {
            event->ignore();
            return;
        }
    }
    if (m_call)
        m_call->cancel();
    saveState();
    stopSandbox();
    event->accept();
}

} // namespace Patchbay::Ui
