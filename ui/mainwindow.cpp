#include "ui/mainwindow.h"

#include "core/collections/workspace.h"
#include "core/history/historyentry.h"
#include "core/history/historystore.h"
#include "core/history/redaction.h"
#include "core/interop/curlexport.h"
#include "core/network/workspacenetwork.h"
#include "core/openapi/specsync.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"
#include "core/update/updateplan.h"
#include "ui/auth/authservices.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/common/accessibility.h"
#include "ui/common/theme.h"
#include "ui/environments/environmenteditordialog.h"
#include "ui/history/historypanel.h"
#include "ui/network/networkcontroller.h"
#include "ui/preferences/preferencesdialog.h"
#include "ui/request/codedialog.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/runner/runnerdialog.h"
#include "ui/update/editresourcedialog.h"
#include "ui/update/idempotencydialog.h"
#include "ui/update/responsediffdialog.h"
#include "ui/window/quickswitcher.h"
#include "ui/window/welcomepage.h"
#include "ui/window/windowactions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

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

} // namespace

MainWindow::MainWindow(QNetworkAccessManager *network, HistoryStore *history, Workspace *workspace,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_network(network)
    , m_history(history)
    , m_workspace(workspace)
{
    setWindowTitle(tr("Patchbay"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/org.patchbay.Patchbay.svg")));

    // Before the panels and the watcher are made, so that they start with every folder.
    if (const QString notReopened = FolderController::reopenRemembered(*m_workspace);
        !notReopened.isEmpty())
        statusBar()->showMessage(notReopened, 15000);

    m_secretStore = new SecretStore(this);
    m_secretCache = new SecretCache(m_secretStore, this);
    m_secretCache->load(*m_workspace);
    // Secrets typed into the signing schemes' settings go to the keyring, not the files.
    m_workspace->setSecretSink(
        [cache = QPointer<SecretCache>(m_secretCache)](const QString &key, const QString &value) {
            if (cache)
                cache->setValue(key, value);
        });

    m_historyPanel = new HistoryPanel(history, this);
    m_collectionsPanel = new CollectionsPanel(workspace, this);
    m_environmentPicker = new EnvironmentPicker(workspace, this);
    m_environmentPicker->setToolTip(tr("Environment: where {{variables}} get their values"));
    m_sidebar = new QTabWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebarTabs"));
    m_sidebar->setDocumentMode(true);
    m_sidebar->addTab(m_collectionsPanel, tr("Collections"));
    m_sidebar->addTab(m_historyPanel, tr("History"));
    Accessibility::describeTabs(m_sidebar,
                                tr("The sidebar: your collections, or the history "
                                   "of sent requests"));

    createParts();
    layOut();
    m_actions = new WindowActions(this);
    connectActions();
    m_actions->addMenus(this, m_collectionsPanel->undoStack(), m_environmentPicker);
    connectPanels();
    qApp->installEventFilter(this); // tab shortcuts: see eventFilter()

    const PreferenceValues &preferences = Preferences::instance()->values();
    connect(Preferences::instance(), &Preferences::changed, this,
            &MainWindow::onPreferencesChanged);
    applyHistoryPreferences(preferences);

    resize(1400, 860);
    restoreState();
    m_session->restore(preferences.restoreTabs);
    if (m_tabs->count() == 0)
        newTab();
    if (preferences.sandboxAtStart == SandboxAtStart::Always)
        startSandbox();
    // Unsaved tabs use the environment of the collection shown last; at first, the first one's.
    if (m_environmentPicker->collectionPath().isEmpty() && !m_workspace->collections().isEmpty())
        m_environmentPicker->setCollection(m_workspace->collections().constFirst().path);
    m_sandbox->updateStatus();
    m_sandbox->restoreFromLastSession();
    // Actions added after the first tabs (e.g. the Edit menu's) must win over their editors too.
    for (RequestTab *tab : tabs())
        m_actions->releaseEditorKeys(tab);
}

MainWindow::~MainWindow()
{
    // Drafts stay on disk: only closeEvent() (a clean quit) decides which ones go.
    stopSandbox();
    m_workspace->setSecretSink({}); // the cache goes with this window
}

void MainWindow::createParts()
{
    QStatusBar *status = statusBar();
    m_tabs = new TabManager(this);
    m_tabs->setSaveFunction([this](RequestTab *tab) { return saveTab(tab); });
    connect(m_tabs, &TabManager::tabAdded, this, &MainWindow::wireTab);
    connect(m_tabs, &TabManager::currentTabChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_tabs, &TabManager::currentTabUpdated, this, &MainWindow::onCurrentTabUpdated);

    m_sender = new SendController(m_network, m_history, m_workspace, m_environmentPicker,
                                  m_secretCache, m_tabs, status, this);
    connect(m_sender, &SendController::exchangeFinished, this, &MainWindow::exchangeFinished);
    // OAuth 2.0 tokens and inherited auth (ui/auth), for every tab, the collections panel and
    // runs.
    m_authServices = new AuthServices(m_sender->client(), m_secretStore, m_history, this);
    m_authServices->setResolver([this](const QString &path, const Auth &own) {
        return resolveAuth(*m_workspace, path, own, m_environmentPicker->currentEnvironment(),
                           m_secretCache->lookup(), m_sender->capturedVariables());
    });
    m_sender->setAuthServices(m_authServices);
    m_collectionsPanel->setAuthServices(m_authServices);

    m_disk = new DiskSync(m_workspace, m_tabs, m_collectionsPanel, status, this);
    connect(m_disk, &DiskSync::filesReloaded, this, &MainWindow::reloadSecrets);
    connect(m_disk, &DiskSync::tabFilesChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_disk, &DiskSync::tabsReloaded, this, &MainWindow::updateTitle);

    m_saver
        = new SaveController(m_workspace, m_tabs, m_collectionsPanel, m_disk, this, status, this);
    connect(m_saver, &SaveController::tabFilesChanged, this, &MainWindow::onCurrentTabChanged);

    m_folders = new FolderController(m_workspace, m_tabs, m_collectionsPanel, m_environmentPicker,
                                     m_disk, this, status, this);
    connect(m_folders, &FolderController::foldersChanged, this, &MainWindow::reloadSecrets);
    connect(m_folders, &FolderController::collectionsAdded, this, &MainWindow::showInSidebar);

    m_importExport
        = new ImportExportController(m_workspace, m_collectionsPanel, this, status, this);
    connect(m_importExport, &ImportExportController::collectionsAdded, this,
            &MainWindow::showInSidebar);

    m_session = new TabSession(m_workspace, m_tabs, m_disk, status, this, this);
    m_session->setSecretStore(m_secretStore);
    connect(m_saver, &SaveController::tabSaved, m_session, &TabSession::forget);

    m_sandbox = new SandboxController(this, status, this);
    m_networkPart = new NetworkController(m_network, m_secretStore, m_workspace->rootPath(), status,
                                          this, this);
    // Certificates and cookies an imported file carries join the workspace's (Insomnia).
    connect(m_importExport, &ImportExportController::networkImported, m_networkPart,
            [this](const ImportedNetwork &network) {
                m_networkPart->workspaceNetwork()->mergeImported(network);
            });
    connect(m_sandbox, &SandboxController::stateChanged, this, &MainWindow::sandboxStateChanged);
    m_sender->setSandboxAddress(
        [this](bool start) { return start ? m_sandbox->ensureRunning() : m_sandbox->url(); });
    connect(m_sandbox, &SandboxController::stateChanged, m_sender,
            &SendController::updateVariableLookups);
}

void MainWindow::layOut()
{
    auto *work = new QWidget(this);
    auto *workLayout = new QVBoxLayout(work);
    workLayout->setContentsMargins(0, 0, 0, 0);
    workLayout->setSpacing(0);
    workLayout->addWidget(m_session->recoveryBar());
    workLayout->addWidget(m_tabs->widget(), 1);

    m_outerSplitter = new QSplitter(Qt::Horizontal, this);
    m_outerSplitter->addWidget(m_sidebar);
    m_outerSplitter->addWidget(work);
    m_outerSplitter->setCollapsible(1, false);
    m_outerSplitter->setStretchFactor(0, 0);
    m_outerSplitter->setStretchFactor(1, 1);
    m_outerSplitter->setSizes({280, 1120});
    setCentralWidget(m_outerSplitter);
}

void MainWindow::connectActions()
{
    const WindowActions *a = m_actions;
    connect(a->send, &QAction::triggered, this, [this] { sendTab(currentTab()); });
    connect(a->cancel, &QAction::triggered, this, [this] { currentTab()->cancel(); });
    connect(a->focusUrl, &QAction::triggered, this, [this] { requestEditor()->focusUrl(); });
    connect(a->find, &QAction::triggered, this, [this] { responseViewer()->focusFind(); });
    connect(a->format, &QAction::triggered, this, [this] { requestEditor()->formatBody(); });
    connect(a->newRequest, &QAction::triggered, this, [this] { newTab()->editor()->focusUrl(); });
    connect(a->closeTab, &QAction::triggered, this, [this] { closeTab(currentTab()); });
    connect(a->nextTab, &QAction::triggered, this, [this] { m_tabs->cycle(1); });
    connect(a->previousTab, &QAction::triggered, this, [this] { m_tabs->cycle(-1); });
    connect(a->save, &QAction::triggered, this, &MainWindow::save);
    connect(a->saveAs, &QAction::triggered, this, &MainWindow::saveAs);
    connect(a->editResource, &QAction::triggered, this, [this] {
        RequestTab *tab = currentTab();
        editResource(m_sender->lastSent(tab), tab->viewer()->response(), tab->path());
    });
    connect(a->run, &QAction::triggered, this, [this] {
        const QString selected = m_collectionsPanel->currentPath();
        if (!selected.isEmpty()) {
            runPath(selected);
        } else if (const CollectionItem *collection
                   = collectionOf(*m_workspace, currentRequestPath())) {
            runPath(collection->path);
        } else {
            statusBar()->showMessage(tr("Select a collection, folder or request to run in the "
                                        "Collections sidebar first."),
                                     8000);
        }
    });
    connect(a->code, &QAction::triggered, this, [this] { showCode(currentTab()); });
    connect(a->copyCurl, &QAction::triggered, this, [this] {
        // Secret values stay out of the clipboard: the command reads them from the environment.
        SecretReferences secrets;
        const ResolvedSend resolved = m_sender->resolveForCode(currentTab(), &secrets);
        QGuiApplication::clipboard()->setText(exportCurlCommand(resolved.request, secrets));
        QStringList names;
        for (const SecretReference &secret : std::as_const(secrets))
            names << u'$' + secret.environmentVariable;
        statusBar()->showMessage(
            names.isEmpty() ? tr("Copied the request as a curl command")
                            : tr("Copied the request as a curl command; it reads secret values "
                                 "from %1")
                                  .arg(names.join(QLatin1String(", "))),
            names.isEmpty() ? 3000 : 8000);
    });
    connect(a->goToRequest, &QAction::triggered, this, &MainWindow::showQuickSwitcher);
    connect(m_tabs, &TabManager::switcherRequested, this, &MainWindow::showQuickSwitcher);
    connect(a->import, &QAction::triggered, m_importExport,
            &ImportExportController::chooseAndImport);
    connect(a->importUrl, &QAction::triggered, m_importExport,
            &ImportExportController::chooseAndImportUrl);
    connect(a->openFolder, &QAction::triggered, m_folders, &FolderController::chooseAndOpenFolder);
    connect(a->exportCollection, &QAction::triggered, this, [this] {
        const QString selected = m_collectionsPanel->currentPath().isEmpty()
            ? currentRequestPath()
            : m_collectionsPanel->currentPath();
        m_importExport->chooseAndExport(selected);
    });
    connect(a->sideBySide, &QAction::toggled, this, &MainWindow::setSideBySide);
    connect(a->toggleSidebar, &QAction::toggled, m_sidebar, &QWidget::setVisible);
    m_sandbox->setToggleAction(a->sandbox);
    connect(a->sandboxExample, &QAction::triggered, this, &MainWindow::sendSandboxExample);
    connect(a->preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(a->zoomIn, &QAction::triggered, Preferences::instance(), &Preferences::zoomIn);
    connect(a->zoomOut, &QAction::triggered, Preferences::instance(), &Preferences::zoomOut);
    connect(a->resetZoom, &QAction::triggered, Preferences::instance(), &Preferences::resetZoom);
    connect(a->networkSettings, &QAction::triggered, m_networkPart,
            &NetworkController::showNetworkSettings);
    connect(a->cookies, &QAction::triggered, m_networkPart, &NetworkController::showCookies);
    connect(a->shortcuts, &QAction::triggered, this,
            [this] { m_actions->showKeyboardShortcuts(this); });
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::connectPanels()
{
    connect(m_historyPanel, &HistoryPanel::entryActivated, this,
            [this](const HistoryEntry &entry) { showHistoryEntry(entry, true); });
    connect(m_historyPanel, &HistoryPanel::entryPreviewed, this,
            [this](const HistoryEntry &entry) { showHistoryEntry(entry, false); });
    connect(
        m_historyPanel, &HistoryPanel::editResourceRequested, this,
        [this](const HistoryEntry &entry) { editResource(entry.request, responseFrom(entry)); });
    connect(m_historyPanel, &HistoryPanel::compareRequested, this,
            &MainWindow::compareHistoryEntries);
    connect(m_historyPanel, &HistoryPanel::idempotencyCheckRequested, this,
            &MainWindow::checkIdempotency);
    connect(m_history, &HistoryStore::error, this, [this](const QString &message) {
        statusBar()->showMessage(tr("History is unavailable: %1").arg(message));
    });
    connect(m_collectionsPanel, &CollectionsPanel::requestActivated, this,
            &MainWindow::openSavedRequest);
    connect(m_collectionsPanel, &CollectionsPanel::runRequested, this, &MainWindow::runPath);
    connect(m_collectionsPanel, &CollectionsPanel::updateFromSpecRequested, m_importExport,
            &ImportExportController::updateFromSpec);
    connect(m_environmentPicker, &EnvironmentPicker::manageRequested, this,
            &MainWindow::manageEnvironments);
    connect(m_environmentPicker, &EnvironmentPicker::environmentChanged, m_sender,
            &SendController::updateVariableLookups);
    connect(m_secretCache, &SecretCache::loaded, m_sender, &SendController::updateVariableLookups);
    connect(m_secretCache, &SecretCache::valueChanged, m_sender,
            &SendController::updateVariableLookups);
    connect(m_secretCache, &SecretCache::persistenceChanged, this, [this](bool persistent) {
        if (!persistent)
            statusBar()->showMessage(
                tr("No keyring: secret values are kept for this session only and will need "
                   "re-entering. %1")
                    .arg(m_secretCache->persistenceMessage()),
                15000);
    });
}

void MainWindow::restoreState()
{
    QSettings settings;
    restoreGeometry(settings.value(keyGeometry).toByteArray());
    QMainWindow::restoreState(settings.value(keyState).toByteArray());
    m_outerSplitter->restoreState(settings.value(keyOuterSplitter).toByteArray());
    m_tabs->setSplitterState(settings.value(keyWorkSplitter).toByteArray());
    setSideBySide(settings.value(keySideBySide, true).toBool());
    m_actions->toggleSidebar->setChecked(settings.value(keySidebarVisible, true).toBool());
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue(keyGeometry, saveGeometry());
    settings.setValue(keyState, QMainWindow::saveState());
    settings.setValue(keyOuterSplitter, m_outerSplitter->saveState());
    if (const RequestTab *tab = currentTab())
        settings.setValue(keyWorkSplitter, tab->splitter()->saveState());
    settings.setValue(keySideBySide, isSideBySide());
    settings.setValue(keySidebarVisible, m_actions->toggleSidebar->isChecked());
    // Unsaved tabs now come back from their drafts; drop the old single last request.
    settings.remove(keyLastRequest);
    m_session->save(settings);
}

void MainWindow::showEvent(QShowEvent *event)
{
    m_session->startAutosave();
    QMainWindow::showEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_saver->saveEditedBeforeQuit()) {
        event->ignore();
        return;
    }
    m_session->keepForNextStart();
    saveState();
    m_sandbox->rememberForNextStart();
    stopSandbox();
    event->accept();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType()
        && static_cast<QWidget *>(watched)->window() == this) {
        // Text fields bind some of these keys (a line edit's Ctrl+E goes to the end of the line);
        // the window's keys win everywhere in it, so that they never depend on where the focus is.
        const QKeySequence key(static_cast<QKeyEvent *>(event)->keyCombination());
        if (m_actions && m_actions->isAppShortcut(key))
            return true; // left unaccepted: the shortcut runs
    }
    return QMainWindow::eventFilter(watched, event);
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
    // Files dropped on the window are imported, one collection each; a link to an API
    // description (dragged from a browser) is downloaded and imported.
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            importPath(url.toLocalFile());
        else if (isSpecUrl(url.toString()))
            importPath(url.toString());
    }
    event->acceptProposedAction();
}

QString MainWindow::currentRequestPath() const
{
    return currentTab() ? currentTab()->path() : QString();
}

bool MainWindow::hasUnsavedChanges() const
{
    const RequestTab *tab = currentTab();
    return tab && tab->isSaved() && tab->isDirty();
}

void MainWindow::wireTab(RequestTab *tab)
{
    // QScintilla's own Ctrl+L (cut line), Ctrl+T (swap lines)... give way to the window's keys.
    if (m_actions)
        m_actions->releaseEditorKeys(tab);
    auto *welcome = new WelcomePage; // owned by the viewer (showEmptyState takes it)
    connect(welcome, &WelcomePage::sandboxExampleRequested, this, &MainWindow::sendSandboxExample);
    tab->viewer()->showEmptyState(welcome);
    connect(tab->viewer(), &ResponseViewer::editResourceRequested, this, [this, tab] {
        editResource(m_sender->lastSent(tab), tab->viewer()->response(), tab->path());
    });
}

void MainWindow::onCurrentTabChanged()
{
    RequestTab *tab = currentTab();
    if (!tab)
        return;
    m_actions->cancel->setEnabled(tab->isBusy());
    if (const CollectionItem *collection = collectionOf(*m_workspace, tab->path()))
        m_environmentPicker->setCollection(collection->path);
    m_sender->updateVariableLookup(tab);
    updateTitle();
}

void MainWindow::onCurrentTabUpdated(RequestTab *tab, const RequestTab::Summary &summary)
{
    m_actions->cancel->setEnabled(tab->isBusy());
    setWindowTitle(
        tab->isSaved()
            ? tr("%1%2 – Patchbay").arg(summary.title, summary.dirty ? tr(" •") : QString())
            : tr("Patchbay"));
}

void MainWindow::updateTitle()
{
    const RequestTab *tab = currentTab();
    if (!tab || !tab->isSaved()) {
        setWindowTitle(tr("Patchbay"));
        return;
    }
    setWindowTitle(tr("%1%2 – Patchbay").arg(tab->title(), tab->isDirty() ? tr(" •") : QString()));
}

void MainWindow::setSideBySide(bool sideBySide)
{
    m_tabs->setSideBySide(sideBySide);
    const QSignalBlocker blocker(m_actions->sideBySide);
    m_actions->sideBySide->setChecked(sideBySide);
}

void MainWindow::reloadSecrets()
{
    m_secretCache->load(*m_workspace);
    m_sender->updateVariableLookups();
}

void MainWindow::showInSidebar(const QStringList &paths)
{
    m_sidebar->setCurrentWidget(m_collectionsPanel);
    if (!paths.isEmpty())
        m_collectionsPanel->selectPath(paths.constFirst());
}

void MainWindow::sendSandboxExample()
{
    startSandbox();
    if (!isSandboxRunning())
        return;
    Request request;
    request.method = QStringLiteral("PATCH");
    request.url = sandboxUrl().toString() + QStringLiteral("/users/1");
    request.body.mode = BodyMode::Json;
    request.body.text = QStringLiteral("{\n  \"email\": \"new@example.com\"\n}\n");
    RequestTab *tab = m_tabs->reusableTab();
    tab->openUnsaved(request);
    sendTab(tab);
}

void MainWindow::showHistoryEntry(const HistoryEntry &entry, bool keep)
{
    // A single click shows it in the preview tab (the next one replaces it); a double click or
    // Enter keeps it. A restored request is a new, unsaved one.
    RequestTab *tab = m_tabs->showPreview(entry.request);
    tab->viewer()->showResponse(responseFrom(entry));
    if (keep)
        m_tabs->keep(tab);
    statusBar()->showMessage(
        tr("Restored from history: sent %1")
            .arg(QLocale().toString(entry.sentAt.toLocalTime(), QLocale::ShortFormat)),
        5000);
}

void MainWindow::compareHistoryEntries(const HistoryEntry &left, const HistoryEntry &right)
{
    const auto label = [](const HistoryEntry &e) {
        return QStringLiteral("%1 %2 (%3)")
            .arg(e.request.method, redactUrl(e.request.url),
                 QLocale().toString(e.sentAt.toLocalTime(), QLocale::ShortFormat));
    };
    auto *dialog = new ResponseDiffDialog(label(left), responseFrom(left), label(right),
                                          responseFrom(right), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

bool MainWindow::canResend(const Request &request)
{
    if (!containsRedactions(request))
        return true;
    auto *box = new QMessageBox(
        QMessageBox::Information, tr("Credentials not kept"),
        tr("History keeps no credentials: this entry's secrets were replaced by %1 when it was "
           "recorded, so it cannot be sent again as it is.\n\nOpen the saved request (or "
           "restore this entry into a tab and put its credentials back), send it, and use the "
           "same command on its response.")
            .arg(redactionMarker()),
        QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

void MainWindow::checkIdempotency(const HistoryEntry &entry)
{
    if (!canResend(entry.request))
        return;
    auto *dialog = new IdempotencyDialog(m_network, entry.request, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAuthContext(m_authServices->callContext(QString(), dialog));
    connect(dialog, &IdempotencyDialog::exchangeFinished, this,
            [this](const Request &sent, const Response &response) {
                m_history->add(
                    historyEntryFrom(sent, response, Preferences::instance()->historyBodyCap()));
            });
    dialog->show();
}

void MainWindow::manageEnvironments()
{
    QString collection = m_environmentPicker->collectionPath();
    if (collection.isEmpty()) {
        if (const CollectionItem *item = collectionOf(*m_workspace, currentRequestPath()))
            collection = item->path;
        else if (!m_workspace->collections().isEmpty())
            collection = m_workspace->collections().constFirst().path;
    }
    EnvironmentEditorDialog dialog(m_workspace, m_secretCache, collection, this);
    if (!m_environmentPicker->currentEnvironment().isEmpty())
        dialog.selectEnvironment(m_environmentPicker->currentEnvironment());
    connect(&dialog, &EnvironmentEditorDialog::environmentsChanged, this, [this] {
        m_disk->acknowledgeOwnWrites();
        m_environmentPicker->setCollection(m_environmentPicker->collectionPath());
        m_sender->updateVariableLookups();
    });
    dialog.exec();
    m_disk->acknowledgeOwnWrites();
    m_sender->updateVariableLookups();
}

void MainWindow::editResource(const Request &get, const Response &response, const QString &path)
{
    if (!isEditableResource(response)) {
        statusBar()->showMessage(tr("Edit resource works on a JSON object or array response: "
                                    "send a GET for the resource first."),
                                 8000);
        return;
    }
    if (!canResend(get))
        return;
    auto *dialog = new EditResourceDialog(m_network, get, response, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAuthContext(m_authServices->callContext(path, dialog));
    connect(dialog, &EditResourceDialog::exchangeFinished, this,
            [this](const Request &sent, const Response &reply) {
                m_history->add(
                    historyEntryFrom(sent, reply, Preferences::instance()->historyBodyCap()));
            });
    connect(dialog, &EditResourceDialog::openAsRequestRequested, this,
            [this](const Request &request) { m_tabs->reusableTab()->openUnsaved(request); });
    dialog->show();
}

void MainWindow::runPath(const QString &path)
{
    // The collection's own environment, which the toolbar shows for its tabs.
    const CollectionItem *collection = collectionOf(*m_workspace, path);
    auto *dialog = new RunnerDialog(
        *m_workspace, path,
        collection ? m_environmentPicker->activeEnvironment(collection->path) : QString(),
        m_network, this, m_secretCache->lookup());
    dialog->setAuthServices(m_authServices);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSandboxAddress([this] { return m_sandbox->ensureRunning(); });
    dialog->setSpecCheck(m_sender->specCheck());
    // What a run sends lands in History too, named after the run.
    connect(dialog, &RunnerDialog::exchangeFinished, this,
            [this, dialog](const Request &sent, const Response &response,
                           const QStringList &secretValues) {
                HistoryEntry entry = historyEntryFrom(sent, response, secretValues);
                entry.run = dialog->runLabel();
                m_history->add(entry);
            });
    dialog->show();
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    dialog.exec();
}

void MainWindow::onPreferencesChanged(const PreferenceValues &previous,
                                      const PreferenceValues &current)
{
    if (current.theme != previous.theme)
        Theme::apply(current.theme);
    if (current.timeoutMs != previous.timeoutMs
        || current.followRedirects != previous.followRedirects
        || current.verifyTls != previous.verifyTls) {
        for (RequestTab *tab : tabs())
            tab->applyNewRequestDefaults();
    }
    applyHistoryPreferences(current);
}

void MainWindow::applyHistoryPreferences(const PreferenceValues &values)
{
    HistoryRetention retention = m_history->retention();
    retention.maxEntries = values.historyMaxEntries;
    retention.maxAgeDays = values.historyMaxDays;
    if (retention != m_history->retention())
        m_history->setRetention(retention);
}

void MainWindow::showCode(RequestTab *tab)
{
    // The code sends what Patchbay would send: variables resolved as for Send, except secret
    // ones, which it reads from environment variables unless the user asks for the values.
    SecretReferences secrets;
    const ResolvedSend forCode = m_sender->resolveForCode(tab, &secrets);
    CodeDialog dialog(forCode.request, this);
    if (!secrets.isEmpty())
        dialog.setSecrets(secrets, resolveForTab(tab).request);
    dialog.exec();
}

void MainWindow::showQuickSwitcher()
{
    QuickSwitcher switcher(tabs(), *m_workspace, this);
    if (switcher.exec() != QDialog::Accepted)
        return;
    if (RequestTab *tab = switcher.chosenTab()) {
        m_tabs->setCurrentTab(tab);
    } else if (const CollectionItem *item = m_workspace->item(switcher.chosenPath());
               item && item->kind == ItemKind::Request) {
        openSavedRequest(item->path, item->request);
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Patchbay"),
        tr("<h3>Patchbay %1</h3><p>A native REST client, strongest at PUT and PATCH updates.</p>"
           "<p>Free software under the GNU GPL, version 3 or later.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace Patchbay::Ui
