#include "ui/mainwindow.h"

#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/collections/workspacewatcher.h"
#include "core/environments/variablecontext.h"
#include "core/history/historyentry.h"
#include "core/history/historystore.h"
#include "core/history/redaction.h"
#include "core/http/httpclient.h"
#include "core/interop/curlexport.h"
#include "core/interop/httpfileexport.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"
#include "core/interop/postmanexport.h"
#include "core/sandbox/sandboxserver.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"
#include "core/update/updateplan.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/collections/saverequestdialog.h"
#include "ui/environments/environmenteditordialog.h"
#include "ui/history/historypanel.h"
#include "ui/request/codedialog.h"
#include "ui/request/requesteditor.h"
#include "ui/request/variablehighlight.h"
#include "ui/response/responseviewer.h"
#include "ui/runner/runnerdialog.h"
#include "ui/tabs/requesttab.h"
#include "ui/update/editresourcedialog.h"
#include "ui/update/idempotencydialog.h"
#include "ui/update/responsediffdialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
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
const QLatin1String keySessionTabs("session/tabs");
const QLatin1String keySessionCurrentTab("session/currentTab");
const QLatin1String keySideBySide("window/sideBySide");
const QLatin1String keySidebarVisible("window/sidebarVisible");
const QLatin1String keyLastRequest("session/lastRequest");
const QLatin1String keyExtraFolders("workspace/extraFolders");

// Entries of session/tabs: a saved request's file, or an unsaved tab whose draft was kept.
const QLatin1String filePrefix("file:");
const QLatin1String draftPrefix("draft:");

constexpr int DefaultAutosaveMs = 3000;

// The method in its colour, drawn as the tab's icon: tabs tell GET from DELETE at a glance.
QIcon methodIcon(const QString &method, const QWidget *widget)
{
    static QHash<QString, QIcon> cache; // UI thread only
    const QColor colour = RequestEditor::methodColor(method, widget->palette());
    const QString key = method + colour.name();
    if (const auto found = cache.constFind(key); found != cache.constEnd())
        return *found;
    QFont font = widget->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.8);
    const QString text = method.left(7).toUpper();
    const QFontMetrics metrics(font);
    const QSize size(metrics.horizontalAdvance(text) + 2, metrics.height());
    const qreal ratio = widget->devicePixelRatioF();
    QPixmap pixmap(size * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setFont(font);
    painter.setPen(colour);
    painter.drawText(QRect(QPoint(), size), Qt::AlignCenter, text);
    painter.end();
    const QIcon icon(pixmap);
    cache.insert(key, icon);
    return icon;
}

bool isSameOrInside(const QString &path, const QString &dirOrFile)
{
    return path == dirOrFile || path.startsWith(dirOrFile + u'/');
}

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
    , m_drafts(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
               + QStringLiteral("/drafts"))
{
    setWindowTitle(tr("Patchbay"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/org.patchbay.Patchbay.svg")));

    // Before the panels and the watcher are made, so that they start with every folder.
    reopenFolders();

    m_secretStore = new SecretStore(this);
    m_secretCache = new SecretCache(m_secretStore, this);
    m_secretCache->load(*m_workspace);

    m_historyPanel = new HistoryPanel(history, this);
    m_collectionsPanel = new CollectionsPanel(workspace, this);
    m_environmentPicker = new EnvironmentPicker(workspace, this);
    m_environmentPicker->setToolTip(tr("Environment: where {{variables}} get their values"));
    m_sidebar = new QTabWidget(this);
    m_sidebar->setDocumentMode(true);
    m_sidebar->addTab(m_collectionsPanel, tr("Collections"));
    m_sidebar->addTab(m_historyPanel, tr("History"));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideRight);
    m_tabs->tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tabs->tabBar()->installEventFilter(this); // middle-click closes
    m_tabs->setIconSize(QSize(QFontMetrics(font()).horizontalAdvance(QStringLiteral("OPTIONS")),
                              QFontMetrics(font()).height()));

    m_recoveryBar = new QFrame(this);
    m_recoveryBar->setObjectName(QStringLiteral("draftRecoveryBar"));
    m_recoveryBar->setFrameShape(QFrame::StyledPanel);
    auto *recoveryRow = new QHBoxLayout(m_recoveryBar);
    m_recoveryText = new QLabel(m_recoveryBar);
    m_recoveryText->setWordWrap(true);
    auto *restoreButton = new QPushButton(tr("Restore"), m_recoveryBar);
    restoreButton->setObjectName(QStringLiteral("restoreDraftsButton"));
    auto *discardButton = new QPushButton(tr("Discard"), m_recoveryBar);
    discardButton->setObjectName(QStringLiteral("discardDraftsButton"));
    recoveryRow->addWidget(m_recoveryText, 1);
    recoveryRow->addWidget(restoreButton);
    recoveryRow->addWidget(discardButton);
    m_recoveryBar->hide();
    connect(restoreButton, &QPushButton::clicked, this, &MainWindow::restoreRecoverableDrafts);
    connect(discardButton, &QPushButton::clicked, this, &MainWindow::discardRecoverableDrafts);

    auto *work = new QWidget(this);
    auto *workLayout = new QVBoxLayout(work);
    workLayout->setContentsMargins(0, 0, 0, 0);
    workLayout->setSpacing(0);
    workLayout->addWidget(m_recoveryBar);
    workLayout->addWidget(m_tabs, 1);

    m_outerSplitter = new QSplitter(Qt::Horizontal, this);
    m_outerSplitter->addWidget(m_sidebar);
    m_outerSplitter->addWidget(work);
    m_outerSplitter->setCollapsible(1, false);
    m_outerSplitter->setStretchFactor(0, 0);
    m_outerSplitter->setStretchFactor(1, 1);
    m_outerSplitter->setSizes({280, 1120});
    setCentralWidget(m_outerSplitter);

    m_sandboxStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_sandboxStatus);

    createActions();
    createMenus();

    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this,
            [this](int index) { closeTab(qobject_cast<RequestTab *>(m_tabs->widget(index))); });
    connect(m_tabs->tabBar(), &QWidget::customContextMenuRequested, this,
            &MainWindow::showTabContextMenu);
    connect(m_historyPanel, &HistoryPanel::entryActivated, this,
            &MainWindow::onHistoryEntryActivated);
    connect(m_collectionsPanel, &CollectionsPanel::requestActivated, this,
            &MainWindow::openSavedRequest);
    connect(m_collectionsPanel, &CollectionsPanel::itemPathChanged, this,
            &MainWindow::onItemPathChanged);
    connect(m_collectionsPanel, &CollectionsPanel::runRequested, this, &MainWindow::runPath);
    connect(m_environmentPicker, &EnvironmentPicker::manageRequested, this,
            &MainWindow::manageEnvironments);
    connect(m_environmentPicker, &EnvironmentPicker::environmentChanged, this,
            &MainWindow::updateVariableLookups);
    connect(m_secretCache, &SecretCache::loaded, this, &MainWindow::updateVariableLookups);
    connect(m_secretCache, &SecretCache::valueChanged, this, &MainWindow::updateVariableLookups);
    connect(m_secretCache, &SecretCache::persistenceChanged, this, [this](bool persistent) {
        if (!persistent)
            statusBar()->showMessage(
                tr("No keyring: secret values are kept for this session only and will need "
                   "re-entering. %1")
                    .arg(m_secretCache->persistenceMessage()),
                15000);
    });
    connect(
        m_historyPanel, &HistoryPanel::editResourceRequested, this,
        [this](const HistoryEntry &entry) { editResource(entry.request, responseFrom(entry)); });
    connect(m_historyPanel, &HistoryPanel::compareRequested, this,
            [this](const HistoryEntry &left, const HistoryEntry &right) {
                const auto label = [](const HistoryEntry &e) {
                    return QStringLiteral("%1 %2 (%3)")
                        .arg(e.request.method, redactUrl(e.request.url),
                             QLocale().toString(e.sentAt.toLocalTime(), QLocale::ShortFormat));
                };
                auto *dialog = new ResponseDiffDialog(label(left), responseFrom(left), label(right),
                                                      responseFrom(right), this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->show();
            });
    connect(m_historyPanel, &HistoryPanel::idempotencyCheckRequested, this,
            [this](const HistoryEntry &entry) {
                auto *dialog = new IdempotencyDialog(m_network, entry.request, {}, this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &IdempotencyDialog::exchangeFinished, this,
                        [this](const Request &sent, const Response &response) {
                            m_history->add(historyEntryFrom(sent, response));
                        });
                dialog->show();
            });
    connect(m_history, &HistoryStore::error, this, [this](const QString &message) {
        statusBar()->showMessage(tr("History is unavailable: %1").arg(message));
    });

    // Every change of the tree follows a write of ours (or a reload): acknowledge them at once,
    // before the watcher's debounce runs, so that our own saves never come back as conflicts.
    QAbstractItemModel *tree = m_collectionsPanel->model();
    connect(tree, &QAbstractItemModel::modelReset, this, &MainWindow::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::rowsInserted, this, &MainWindow::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::rowsRemoved, this, &MainWindow::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::rowsMoved, this, &MainWindow::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::dataChanged, this, &MainWindow::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::layoutChanged, this, &MainWindow::acknowledgeOwnWrites);
    connect(m_collectionsPanel->undoStack(), &QUndoStack::indexChanged, this,
            &MainWindow::acknowledgeOwnWrites);
    for (const QString &root : m_workspace->roots())
        watchRoot(root);
    connect(m_collectionsPanel, &CollectionsPanel::closeFolderRequested, this,
            &MainWindow::closeFolder);

    qApp->installEventFilter(this); // tab shortcuts: see eventFilter()

    m_autosave = new QTimer(this);
    m_autosave->setInterval(DefaultAutosaveMs);
    connect(m_autosave, &QTimer::timeout, this, &MainWindow::autosaveDrafts);

    resize(1400, 860);
    restoreState();
    restoreSession();
    if (m_tabs->count() == 0)
        newTab();
    updateSandboxStatus();
}

MainWindow::~MainWindow()
{
    // Drafts stay on disk: only closeEvent() (a clean quit) decides which ones go.
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
    connect(m_sendAction, &QAction::triggered, this, [this] { sendTab(currentTab()); });

    m_cancelAction = new QAction(tr("&Cancel request"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false); // only while a request is in flight
    connect(m_cancelAction, &QAction::triggered, this, [this] { currentTab()->cancel(); });

    m_focusUrlAction = new QAction(tr("Go to &URL"), this);
    m_focusUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_focusUrlAction, &QAction::triggered, this, [this] { requestEditor()->focusUrl(); });

    m_findAction = new QAction(tr("&Find in response"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] { responseViewer()->focusFind(); });

    m_formatAction = new QAction(tr("&Format JSON body"), this);
    m_formatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_formatAction, &QAction::triggered, this, [this] { requestEditor()->formatBody(); });

    m_newRequestAction = new QAction(tr("&New request tab"), this);
    m_newRequestAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_T), QKeySequence(QKeySequence::New)});
    connect(m_newRequestAction, &QAction::triggered, this,
            [this] { newTab()->editor()->focusUrl(); });

    m_closeTabAction = new QAction(tr("&Close tab"), this);
    m_closeTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeTabAction, &QAction::triggered, this, [this] { closeTab(currentTab()); });

    m_nextTabAction = new QAction(tr("Ne&xt tab"), this);
    m_nextTabAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    connect(m_nextTabAction, &QAction::triggered, this, [this] { cycleTabs(1); });

    m_previousTabAction = new QAction(tr("Pre&vious tab"), this);
    m_previousTabAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                                       QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    connect(m_previousTabAction, &QAction::triggered, this, [this] { cycleTabs(-1); });

    m_saveAction = new QAction(tr("&Save"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);

    m_editResourceAction = new QAction(tr("&Edit resource…"), this);
    m_editResourceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editResourceAction->setToolTip(
        tr("Edit the JSON response and send it back as PUT, merge patch or JSON Patch"));
    connect(m_editResourceAction, &QAction::triggered, this, [this] {
        RequestTab *tab = currentTab();
        editResource(m_lastSent.value(tab, tab->editor()->request()), tab->viewer()->response());
    });

    m_runAction = new QAction(tr("&Run collection…"), this);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_runAction, &QAction::triggered, this, [this] {
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

    m_codeAction = new QAction(tr("Generate &code…"), this);
    m_codeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    connect(m_codeAction, &QAction::triggered, this, [this] {
        // The code sends what Patchbay would send: variables resolved as for Send.
        const ResolvedSend resolved = resolveForTab(currentTab());
        CodeDialog dialog(resolved.request, this);
        dialog.exec();
    });

    m_copyCurlAction = new QAction(tr("Copy as c&url"), this);
    connect(m_copyCurlAction, &QAction::triggered, this, [this] {
        const ResolvedSend resolved = resolveForTab(currentTab());
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

    m_openFolderAction = new QAction(tr("&Open Folder…"), this);
    m_openFolderAction->setShortcut(QKeySequence::Open);
    m_openFolderAction->setToolTip(
        tr("Show the collections of another folder, e.g. a git checkout, beside your own"));
    connect(m_openFolderAction, &QAction::triggered, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Open a collection folder or a folder of collections"));
        if (!folder.isEmpty())
            openFolder(folder);
    });

    m_exportAction = new QAction(tr("&Export collection…"), this);
    connect(m_exportAction, &QAction::triggered, this, [this] {
        const QString selected = m_collectionsPanel->currentPath().isEmpty()
            ? currentRequestPath()
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

    addActions({m_sendAction, m_cancelAction, m_focusUrlAction, m_findAction, m_formatAction,
                m_nextTabAction, m_previousTabAction});
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newRequestAction);
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addAction(m_closeTabAction);
    file->addSeparator();
    file->addAction(m_openFolderAction);
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
    request->addSeparator();
    request->addAction(m_editResourceAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_toggleSidebarAction);
    view->addAction(m_sideBySideAction);
    view->addSeparator();
    view->addAction(m_nextTabAction);
    view->addAction(m_previousTabAction);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_runAction);
    tools->addAction(m_environmentPicker->manageAction());
    tools->addSeparator();
    tools->addAction(m_sandboxAction);
    tools->addAction(tr("Send the sandbox &example"), this, &MainWindow::sendSandboxExample);

    QToolBar *toolbar = addToolBar(tr("Environment"));
    toolbar->setObjectName(QStringLiteral("environmentToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Environment:"), toolbar));
    toolbar->addWidget(m_environmentPicker);
    toolbar->addAction(m_environmentPicker->manageAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    help->addAction(tr("&About Patchbay"), this, &MainWindow::showAbout);
}

ResolvedSend MainWindow::resolveForTab(const RequestTab *tab) const
{
    return resolveForSending(*m_workspace, tab->path(), tab->editor()->request(),
                             m_environmentPicker->currentEnvironment(), m_secretCache->lookup(),
                             m_captured);
}

void MainWindow::sendTab(RequestTab *tab)
{
    if (!tab || tab->isBusy())
        return; // one exchange at a time per tab; its button shows Cancel meanwhile
    if (!tab->editor()->confirmSendIfInvalid())
        return;
    const ResolvedSend resolved = resolveForTab(tab);
    if (!resolved.unresolved.isEmpty()) {
        statusBar()->showMessage(tr("Not defined, sent as written: %1. Pick an environment or "
                                    "define them in the collection.")
                                     .arg(resolved.unresolved.join(QLatin1String(", "))),
                                 10000);
    }
    if (resolved.request.url.trimmed().isEmpty()) {
        tab->editor()->focusUrl();
        statusBar()->showMessage(tr("Type a URL first, e.g. http://127.0.0.1:8080/users/1"), 5000);
        return;
    }
    m_sentSecrets.insert(tab, resolved.secretValues);
    tab->send(m_client.get(), resolved.request, resolved.secretValues);
    if (resolved.unresolved.isEmpty())
        statusBar()->showMessage(
            tr("Sending %1 %2…").arg(resolved.request.method, redactUrl(resolved.request.url)));
}

void MainWindow::onTabExchangeFinished(RequestTab *tab, const Request &sent,
                                       const Response &response)
{
    // History keeps the request as sent, minus the values of secret variables it used.
    const QStringList secrets = m_sentSecrets.value(tab);
    m_history->add(historyEntryFrom(sent, response, secrets));
    m_lastSent.insert(tab, sent);
    const VariableContext variables(variableScopes(*m_workspace, tab->path(),
                                                   m_environmentPicker->currentEnvironment(),
                                                   m_secretCache->lookup(), m_captured));
    bool captured = false;
    for (const CaptureResult &capture : tab->showTestResults(response, &variables)) {
        if (!capture.captured)
            continue;
        m_captured.removeIf([&](const Variable &v) { return v.name == capture.variable; });
        m_captured.append({capture.variable, capture.value, true, false});
        captured = true;
    }
    if (captured)
        updateVariableLookups();
    if (tab == currentTab()) {
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
    }
    emit exchangeFinished(response);
}

void MainWindow::onHistoryEntryActivated(const HistoryEntry &entry)
{
    RequestTab *tab = reusableTab();
    tab->openUnsaved(entry.request); // a restored request is a new, unsaved one
    tab->viewer()->showResponse(responseFrom(entry));
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
    RequestTab *tab = reusableTab();
    tab->openUnsaved(request);
    sendTab(tab);
}

void MainWindow::setSideBySide(bool sideBySide)
{
    m_sideBySide = sideBySide;
    for (RequestTab *tab : tabs())
        tab->splitter()->setOrientation(sideBySide ? Qt::Horizontal : Qt::Vertical);
    const QSignalBlocker blocker(m_sideBySideAction);
    m_sideBySideAction->setChecked(sideBySide);
}

bool MainWindow::isSideBySide() const
{
    return m_sideBySide;
}

// ---------------------------------------------------------------------------------------------
// Tabs

RequestEditor *MainWindow::requestEditor() const
{
    return currentTab()->editor();
}

ResponseViewer *MainWindow::responseViewer() const
{
    return currentTab()->viewer();
}

RequestTab *MainWindow::currentTab() const
{
    return qobject_cast<RequestTab *>(m_tabs->currentWidget());
}

QList<RequestTab *> MainWindow::tabs() const
{
    QList<RequestTab *> all;
    for (int i = 0; i < m_tabs->count(); ++i)
        all.append(qobject_cast<RequestTab *>(m_tabs->widget(i)));
    return all;
}

RequestTab *MainWindow::tabForPath(const QString &path) const
{
    if (path.isEmpty())
        return nullptr;
    for (RequestTab *tab : tabs()) {
        if (tab->path() == path)
            return tab;
    }
    return nullptr;
}

QString MainWindow::currentRequestPath() const
{
    return currentTab() ? currentTab()->path() : QString();
}

RequestTab *MainWindow::addTab(RequestTab *tab)
{
    tab->viewer()->showEmptyState(createWelcomePage());
    if (!m_tabSplitterState.isEmpty())
        tab->splitter()->restoreState(m_tabSplitterState);
    tab->splitter()->setOrientation(m_sideBySide ? Qt::Horizontal : Qt::Vertical);
    connect(tab->editor(), &RequestEditor::sendRequested, this, [this, tab] { sendTab(tab); });
    connect(tab->editor(), &RequestEditor::cancelRequested, tab, &RequestTab::cancel);
    connect(tab, &RequestTab::stateChanged, this, [this, tab] { updateTab(tab); });
    connect(tab->viewer(), &ResponseViewer::editResourceRequested, this, [this, tab] {
        editResource(m_lastSent.value(tab, tab->editor()->request()), tab->viewer()->response());
    });
    updateVariableLookup(tab);
    connect(tab, &RequestTab::exchangeFinished, this,
            [this, tab](const Request &sent, const Response &response) {
                onTabExchangeFinished(tab, sent, response);
            });
    const int index = m_tabs->addTab(tab, QString());
    updateTab(tab);
    m_tabs->setCurrentIndex(index);
    return tab;
}

RequestTab *MainWindow::newTab()
{
    return addTab(new RequestTab(QString(), m_tabs)); // owned by the tab widget
}

RequestTab *MainWindow::reusableTab()
{
    RequestTab *tab = currentTab();
    return tab && tab->isPristine() ? tab : newTab();
}

RequestTab *MainWindow::duplicateTab(RequestTab *tab)
{
    if (!tab)
        return nullptr;
    const Request request = tab->editor()->request();
    RequestTab *copy = newTab();
    copy->openUnsaved(request);
    return copy;
}

void MainWindow::updateTab(RequestTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    const RequestTab::Summary summary = tab->summary();
    QString title = summary.title;
    // The tab's icon already names the method: "PATCH /users/1" reads "/users/1" beside it.
    if (!tab->isSaved() && title.startsWith(summary.method + u' '))
        title = title.mid(summary.method.size() + 1);
    if (title.size() > 40)
        title = title.left(39) + u'…';
    m_tabs->setTabText(index, summary.dirty ? tr("%1 •").arg(title) : title);
    m_tabs->setTabIcon(index, methodIcon(summary.method, m_tabs));
    m_tabs->setTabToolTip(index,
                          tab->isSaved() ? tab->path()
                                         : tr("Not saved: Ctrl+S saves it to a "
                                              "collection"));
    if (tab == currentTab()) {
        m_cancelAction->setEnabled(tab->isBusy());
        setWindowTitle(
            tab->isSaved()
                ? tr("%1%2 – Patchbay").arg(summary.title, summary.dirty ? tr(" •") : QString())
                : tr("Patchbay"));
    }
}

void MainWindow::onCurrentTabChanged()
{
    RequestTab *tab = currentTab();
    if (!tab)
        return;
    m_cancelAction->setEnabled(tab->isBusy());
    if (const CollectionItem *collection = collectionOf(*m_workspace, tab->path()))
        m_environmentPicker->setCollection(collection->path);
    updateVariableLookup(tab);
    updateTitle();
}

void MainWindow::cycleTabs(int step)
{
    const int count = m_tabs->count();
    if (count > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + count) % count);
}

bool MainWindow::closeTab(RequestTab *tab)
{
    if (!tab)
        return false;
    if (tab->isDirty()) {
        m_tabs->setCurrentWidget(tab);
        QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                        tab->isSaved()
                            ? tr("\"%1\" has changes that are not saved.").arg(tab->title())
                            : tr("\"%1\" was never saved.").arg(tab->title()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("unsavedTabQuestion"));
        box.setInformativeText(tr("Save it to a collection before closing the tab?"));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !saveTab(tab)))
            return false;
    }
    removeTab(tab);
    return true;
}

void MainWindow::closeOtherTabs(RequestTab *keep)
{
    for (RequestTab *tab : tabs()) {
        if (tab != keep && !closeTab(tab))
            return;
    }
}

void MainWindow::updateVariableLookups()
{
    for (RequestTab *tab : tabs())
        updateVariableLookup(tab);
}

void MainWindow::updateVariableLookup(RequestTab *tab)
{
    // A snapshot of the scopes: rebuilt whenever the environment, secrets or files change.
    const VariableContext context(variableScopes(*m_workspace, tab->path(),
                                                 m_environmentPicker->currentEnvironment(),
                                                 m_secretCache->lookup(), m_captured));
    tab->editor()->setVariableLookup(
        [context](const QString &name) { return variableInfo(context, name); });
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
        acknowledgeOwnWrites();
        m_environmentPicker->setCollection(m_environmentPicker->collectionPath());
        updateVariableLookups();
    });
    dialog.exec();
    acknowledgeOwnWrites();
    updateVariableLookups();
}

void MainWindow::editResource(const Request &get, const Response &response)
{
    if (!isEditableResource(response)) {
        statusBar()->showMessage(tr("Edit resource works on a JSON object or array response: "
                                    "send a GET for the resource first."),
                                 8000);
        return;
    }
    auto *dialog = new EditResourceDialog(m_network, get, response, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditResourceDialog::exchangeFinished, this,
            [this](const Request &sent, const Response &reply) {
                m_history->add(historyEntryFrom(sent, reply));
            });
    connect(dialog, &EditResourceDialog::openAsRequestRequested, this,
            [this](const Request &request) { reusableTab()->openUnsaved(request); });
    dialog->show();
}

void MainWindow::runPath(const QString &path)
{
    auto *dialog = new RunnerDialog(*m_workspace, path, m_environmentPicker->currentEnvironment(),
                                    m_network, this, m_secretCache->lookup());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::removeTab(RequestTab *tab)
{
    forgetDraft(tab);
    m_sentSecrets.remove(tab);
    m_lastSent.remove(tab);
    m_tabs->removeTab(m_tabs->indexOf(tab));
    tab->deleteLater(); // may be inside one of its signals; its call is aborted with it
    if (m_tabs->count() == 0)
        newTab();
}

void MainWindow::showTabContextMenu(const QPoint &pos)
{
    const int index = m_tabs->tabBar()->tabAt(pos);
    auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    QMenu menu(this);
    menu.addAction(tr("&Close"), this, [this, tab] { closeTab(tab); });
    menu.addAction(tr("Close &others"), this, [this, tab] { closeOtherTabs(tab); })
        ->setEnabled(m_tabs->count() > 1);
    menu.addAction(tr("&Duplicate tab"), this, [this, tab] { duplicateTab(tab); });
    menu.exec(m_tabs->tabBar()->mapToGlobal(pos));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && watched->isWidgetType()
        && static_cast<QWidget *>(watched)->window() == this) {
        // Text views bind some of these keys (QScintilla: Ctrl+T transposes lines); tab keys
        // win everywhere in the window, so that they never depend on where the focus is.
        const QKeySequence key(static_cast<QKeyEvent *>(event)->keyCombination());
        for (const QAction *action :
             {m_newRequestAction, m_closeTabAction, m_nextTabAction, m_previousTabAction}) {
            if (action->shortcuts().contains(key))
                return true; // left unaccepted: the shortcut runs
        }
    }
    if (watched == m_tabs->tabBar() && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::MiddleButton) {
            const int index = m_tabs->tabBar()->tabAt(mouse->position().toPoint());
            if (auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(index))) {
                closeTab(tab);
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

// ---------------------------------------------------------------------------------------------
// Saving

void MainWindow::openSavedRequest(const QString &path, const SavedRequest &saved)
{
    if (RequestTab *open = tabForPath(path)) {
        m_tabs->setCurrentWidget(open);
        return;
    }
    RequestTab *tab = reusableTab();
    tab->openSaved(path, saved);
    if (m_watcher)
        m_watcher->watchFile(path); // edits in place show even when not every file is watched
    onCurrentTabChanged();
}

bool MainWindow::save()
{
    return saveTab(currentTab());
}

bool MainWindow::saveAs()
{
    return saveTabAs(currentTab());
}

bool MainWindow::saveTab(RequestTab *tab)
{
    if (!tab)
        return false;
    if (!tab->isSaved())
        return saveTabAs(tab);
    if (tab->hasConflict()) {
        // Never write over a version on disk the user has not seen.
        m_tabs->setCurrentWidget(tab);
        QMessageBox box(QMessageBox::Information, tr("Save"),
                        tr("\"%1\" changed on disk since you opened it.").arg(tab->title()),
                        QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("saveConflictMessage"));
        box.setInformativeText(tr("Choose Keep mine (then save again) or Load theirs in the bar "
                                  "above the request; Compare shows both."));
        box.exec();
        return false;
    }
    const SavedRequest saved = tab->savedRequest();
    if (!m_collectionsPanel->saveRequest(tab->path(), saved))
        return false;
    acknowledgeOwnWrites();
    tab->setBaseline(tab->path(), saved);
    forgetDraft(tab);
    statusBar()->showMessage(tr("Saved %1").arg(saved.name), 3000);
    return true;
}

bool MainWindow::saveTabAs(RequestTab *tab)
{
    if (!tab)
        return false;
    const Request request = tab->editor()->request();
    QString name = tab->isSaved() ? tab->baseline().name : QString();
    if (name.isEmpty())
        name = QStringLiteral("%1 %2").arg(request.method, QUrl(request.url).path());
    SaveRequestDialog dialog(m_workspace, name.trimmed(), m_collectionsPanel->currentPath(), this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    SavedRequest saved = tab->isSaved() ? tab->baseline() : SavedRequest();
    saved.name = dialog.name();
    saved.order = 0; // after its new siblings
    saved.request = request;
    const Result<QString> created = m_workspace->createRequest(dialog.parentPath(), saved);
    if (!created.ok()) {
        QMessageBox::warning(this, tr("Save As"), created.error().message);
        return false;
    }
    m_collectionsPanel->refresh();
    acknowledgeOwnWrites();
    m_collectionsPanel->selectPath(created.value());
    // What the file holds now (its order was given by the workspace).
    const CollectionItem *item = m_workspace->item(created.value());
    tab->setBaseline(created.value(), item ? item->request : saved);
    forgetDraft(tab);
    if (m_watcher)
        m_watcher->watchFile(created.value());
    onCurrentTabChanged();
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

QStringList MainWindow::openFolder(const QString &path, bool quiet)
{
    const Result<QStringList> added = m_workspace->addFolder(path);
    if (!added.ok()) {
        const QString message = tr("The folder could not be opened: %1").arg(added.error().message);
        if (quiet)
            statusBar()->showMessage(message, 10000);
        else
            QMessageBox::warning(this, tr("Open Folder"), message);
        return {};
    }
    const QString folder = m_workspace->extraFolders().constLast();
    watchRoot(folder);
    rememberFolders();
    m_collectionsPanel->refresh();
    m_secretCache->load(*m_workspace); // its collections may have secret variables
    updateVariableLookups();
    m_sidebar->setCurrentWidget(m_collectionsPanel);
    if (!added->isEmpty())
        m_collectionsPanel->selectPath(added->constFirst());
    statusBar()->showMessage(
        tr("Opened %1: %n collection(s). Right-click one, Close Folder, to close it.", nullptr,
           int(added->size()))
            .arg(folder),
        8000);
    return *added;
}

bool MainWindow::closeFolder(const QString &folder)
{
    if (!m_workspace->extraFolders().contains(folder))
        return false;
    // Its requests can no longer be saved from here: their tabs go, unsaved edits asked about.
    for (RequestTab *tab : tabs()) {
        if (tab->isSaved() && isSameOrInside(tab->path(), folder) && !closeTab(tab))
            return false;
    }
    m_workspace->removeFolder(folder);
    if (m_watcher)
        m_watcher->removeRoot(folder);
    rememberFolders();
    m_collectionsPanel->refresh();
    if (isSameOrInside(m_environmentPicker->collectionPath(), folder))
        m_environmentPicker->setCollection(QString());
    m_secretCache->load(*m_workspace);
    updateVariableLookups();
    statusBar()->showMessage(tr("Closed %1; its files are untouched.").arg(folder), 5000);
    return true;
}

void MainWindow::reopenFolders()
{
    const QStringList remembered = QSettings().value(keyExtraFolders).toStringList();
    if (remembered.isEmpty())
        return;
    QStringList skipped;
    for (const QString &folder : remembered) {
        if (m_workspace->extraFolders().contains(folder))
            continue;
        if (!QFileInfo(folder).isDir()) {
            skipped << tr("%1 no longer exists").arg(folder);
            continue;
        }
        const Result<QStringList> added = m_workspace->addFolder(folder);
        if (!added.ok()) {
            QString message = added.error().message;
            if (message.endsWith(u'.'))
                message.chop(1);
            skipped << message;
        }
    }
    rememberFolders(); // skipped folders are forgotten: they would fail at every start
    if (!skipped.isEmpty())
        statusBar()->showMessage(tr("Not reopened: %1. File → Open Folder… opens a folder again.")
                                     .arg(skipped.join(QLatin1String("; "))),
                                 15000);
}

void MainWindow::rememberFolders() const
{
    QSettings settings;
    if (m_workspace->extraFolders().isEmpty())
        settings.remove(keyExtraFolders);
    else
        settings.setValue(keyExtraFolders, m_workspace->extraFolders());
}

void MainWindow::watchRoot(const QString &root)
{
    if (m_watcher) {
        m_watcher->addRoot(root);
        return;
    }
    m_watcher = new WorkspaceWatcher(root, this);
    connect(m_watcher, &WorkspaceWatcher::changed, this, &MainWindow::onChangedOnDisk);
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
    const RequestTab *tab = currentTab();
    if (!tab || !tab->isSaved()) {
        setWindowTitle(tr("Patchbay"));
        return;
    }
    setWindowTitle(tr("%1%2 – Patchbay").arg(tab->title(), tab->isDirty() ? tr(" •") : QString()));
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
        = {m_sendAction,        m_cancelAction,        m_focusUrlAction,   m_findAction,
           m_formatAction,      m_newRequestAction,    m_closeTabAction,   m_nextTabAction,
           m_previousTabAction, m_saveAction,          m_saveAsAction,     m_openFolderAction,
           m_codeAction,        m_toggleSidebarAction, m_sideBySideAction, m_shortcutsAction,
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
    m_tabSplitterState = settings.value(keyWorkSplitter).toByteArray();
    setSideBySide(settings.value(keySideBySide, true).toBool());
    m_toggleSidebarAction->setChecked(settings.value(keySidebarVisible, true).toBool());
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
    settings.setValue(keySidebarVisible, m_toggleSidebarAction->isChecked());
    // Unsaved tabs now come back from their drafts; drop the old single last request.
    settings.remove(keyLastRequest);
    saveSession(settings);
}

// The settings file lists the open tabs: saved ones by path, unsaved ones by their draft (whose
// secrets stay out of the settings file).
void MainWindow::saveSession(QSettings &settings) const
{
    QStringList entries;
    for (const RequestTab *tab : tabs()) {
        if (tab->isSaved())
            entries << filePrefix + tab->path();
        else if (!tab->isPristine())
            entries << draftPrefix + tab->id();
    }
    settings.setValue(keySessionTabs, entries);
    settings.setValue(keySessionCurrentTab, m_tabs->currentIndex());
}

void MainWindow::restoreSession()
{
    QSettings settings;
    const QStringList entries = settings.value(keySessionTabs).toStringList();
    QSet<QString> restoredDrafts;
    for (const QString &entry : entries) {
        if (entry.startsWith(filePrefix)) {
            const QString path = entry.mid(filePrefix.size());
            const CollectionItem *item = m_workspace->item(path);
            if (item && item->kind == ItemKind::Request && !item->problem && !tabForPath(path)) {
                RequestTab *tab = newTab();
                tab->openSaved(path, item->request);
                if (m_watcher)
                    m_watcher->watchFile(path);
            }
        } else if (entry.startsWith(draftPrefix)) {
            const Result<Draft> draft = m_drafts.read(entry.mid(draftPrefix.size()));
            if (!draft.ok())
                continue;
            // An unsaved tab kept on purpose at the last quit: back without asking.
            RequestTab *tab = addTab(new RequestTab(draft->tabId, m_tabs)); // owned by m_tabs
            tab->restoreDraft(*draft);
            m_writtenDrafts.insert(draft->tabId, *draft);
            restoredDrafts.insert(draft->tabId);
        }
    }
    const int current = settings.value(keySessionCurrentTab, 0).toInt();
    if (current >= 0 && current < m_tabs->count())
        m_tabs->setCurrentIndex(current);

    QList<Draft> leftovers = m_drafts.list();
    leftovers.removeIf([&](const Draft &d) { return restoredDrafts.contains(d.tabId); });
    offerRecovery(leftovers);
}

void MainWindow::offerRecovery(const QList<Draft> &drafts)
{
    m_recoverable = drafts;
    if (drafts.isEmpty()) {
        m_recoveryBar->hide();
        return;
    }
    QStringList names;
    for (const Draft &draft : drafts) {
        names << (draft.baseline.name.isEmpty()
                      ? QStringLiteral("%1 %2").arg(draft.request.method, draft.request.url)
                      : draft.baseline.name);
    }
    m_recoveryText->setText(
        drafts.size() == 1
            ? tr("Recover 1 unsaved request from the last session? Patchbay did not close "
                 "normally.")
            : tr("Recover %1 unsaved requests from the last session? Patchbay did not close "
                 "normally.")
                  .arg(drafts.size()));
    m_recoveryText->setToolTip(names.join(u'\n'));
    m_recoveryBar->show();
}

void MainWindow::restoreRecoverableDrafts()
{
    const QList<Draft> drafts = std::exchange(m_recoverable, {});
    m_recoveryBar->hide();
    RequestTab *first = nullptr;
    for (const Draft &draft : drafts) {
        // A clean tab of the same file (restored from the session) gives way to the edits.
        if (RequestTab *open = tabForPath(draft.path); open && !open->isDirty())
            removeTab(open);
        RequestTab *tab = addTab(new RequestTab(draft.tabId, m_tabs)); // owned by m_tabs
        tab->restoreDraft(draft);
        m_writtenDrafts.insert(draft.tabId, draft);
        if (!draft.path.isEmpty()) {
            const CollectionItem *item = m_workspace->item(draft.path);
            if (!item || item->kind != ItemKind::Request) {
                tab->detachFromFile(); // deleted meanwhile: the edits stay, unsaved
            } else {
                if (m_watcher)
                    m_watcher->watchFile(draft.path);
                // Changed on disk since the draft's edits began: the user picks.
                if (requestToYaml(item->request) != requestToYaml(draft.baseline))
                    tab->showConflict(item->request);
            }
        }
        if (!first)
            first = tab;
    }
    // The empty tab a start without a session opens is no longer needed.
    for (RequestTab *tab : tabs()) {
        if (tab->isPristine() && m_tabs->count() > 1)
            removeTab(tab);
    }
    if (first)
        m_tabs->setCurrentWidget(first);
    statusBar()->showMessage(tr("Restored %1 unsaved requests").arg(drafts.size()), 5000);
}

void MainWindow::discardRecoverableDrafts()
{
    for (const Draft &draft : std::exchange(m_recoverable, {})) {
        const Status removed = m_drafts.remove(draft.tabId);
        if (!removed.ok())
            statusBar()->showMessage(removed.error().message, 10000);
    }
    m_recoveryBar->hide();
}

void MainWindow::setAutosaveInterval(int milliseconds)
{
    m_autosave->setInterval(milliseconds);
}

void MainWindow::autosaveDrafts()
{
    for (const RequestTab *tab : tabs()) {
        if (!tab->isDirty()) {
            forgetDraft(tab);
            continue;
        }
        const Draft draft = tab->draft();
        const auto written = m_writtenDrafts.constFind(tab->id());
        if (written != m_writtenDrafts.constEnd() && written->sameContent(draft))
            continue;
        const Status status = m_drafts.write(draft);
        if (!status.ok()) {
            statusBar()->showMessage(
                tr("Unsaved edits could not be kept: %1").arg(status.error().message), 10000);
            return;
        }
        m_writtenDrafts.insert(tab->id(), draft);
    }
}

void MainWindow::forgetDraft(const RequestTab *tab)
{
    if (!m_writtenDrafts.remove(tab->id()) && !QFile::exists(m_drafts.fileFor(tab->id())))
        return;
    const Status removed = m_drafts.remove(tab->id());
    if (!removed.ok())
        statusBar()->showMessage(removed.error().message, 10000);
}

// ---------------------------------------------------------------------------------------------
// Files changed elsewhere

void MainWindow::acknowledgeOwnWrites()
{
    const QStringList touched = m_workspace->takeTouchedPaths();
    if (!m_watcher)
        return;
    for (const QString &path : touched)
        m_watcher->acknowledge(path);
}

void MainWindow::onItemPathChanged(const QString &oldPath, const QString &newPath)
{
    acknowledgeOwnWrites();
    for (RequestTab *tab : tabs()) {
        if (!tab->isSaved() || !isSameOrInside(tab->path(), oldPath))
            continue;
        const QString moved
            = newPath.isEmpty() ? QString() : newPath + tab->path().mid(oldPath.size());
        const CollectionItem *item = moved.isEmpty() ? nullptr : m_workspace->item(moved);
        if (item && item->kind == ItemKind::Request) {
            tab->setBaseline(moved, item->request);
            if (m_watcher)
                m_watcher->watchFile(moved);
        } else {
            tab->detachFromFile(); // deleted: the tab keeps the request, unsaved
        }
    }
    onCurrentTabChanged();
}

void MainWindow::onChangedOnDisk(const QStringList &reported)
{
    // Anything still listed as ours was written by us after the last acknowledgement.
    const QStringList ours = m_workspace->takeTouchedPaths();
    QStringList paths;
    for (const QString &path : reported) {
        if (!ours.contains(path))
            paths << path;
    }
    if (paths.isEmpty())
        return;
    m_collectionsPanel->reloadPaths(paths);
    m_secretCache->load(*m_workspace); // new secret variables may have arrived
    updateVariableLookups();

    QStringList reloaded;
    for (RequestTab *tab : tabs()) {
        if (!tab->isSaved())
            continue;
        const bool affected = std::any_of(paths.cbegin(), paths.cend(), [&](const QString &p) {
            return isSameOrInside(tab->path(), p);
        });
        if (!affected)
            continue;
        const CollectionItem *item = m_workspace->item(tab->path());
        if (!item || item->kind != ItemKind::Request || item->problem) {
            const QString name = tab->title();
            if (item && item->problem) {
                // Unreadable now (a merge conflict, a half-written edit): keep what we have.
                statusBar()->showMessage(
                    tr("\"%1\" changed on disk and cannot be read: %2. The tab keeps its "
                       "version; fix the file to reload it.")
                        .arg(name, item->problem->message),
                    10000);
                continue;
            }
            tab->detachFromFile();
            statusBar()->showMessage(tr("\"%1\" was deleted on disk. Its tab keeps the request "
                                        "as unsaved: Ctrl+S saves it again.")
                                         .arg(name),
                                     10000);
            continue;
        }
        if (item->request == tab->onDisk())
            continue; // touched, not changed
        if (tab->isDirty()) {
            tab->showConflict(item->request);
            statusBar()->showMessage(tr("\"%1\" changed on disk; your edits are kept. Choose "
                                        "in the bar above the request.")
                                         .arg(tab->title()),
                                     10000);
        } else {
            tab->openSaved(tab->path(), item->request);
            reloaded << tab->title();
        }
    }
    if (!reloaded.isEmpty())
        statusBar()->showMessage(
            tr("Reloaded %1: changed on disk").arg(reloaded.join(QLatin1String(", "))), 5000);
    updateTitle();
}

// ---------------------------------------------------------------------------------------------

bool MainWindow::hasUnsavedChanges() const
{
    const RequestTab *tab = currentTab();
    return tab && tab->isSaved() && tab->isDirty();
}

void MainWindow::showEvent(QShowEvent *event)
{
    m_autosave->start();
    QMainWindow::showEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Saved requests with edits are asked about, all at once. Unsaved tabs are not: they stay
    // open for the next start through their drafts.
    QList<RequestTab *> dirty;
    for (RequestTab *tab : tabs()) {
        if (tab->isSaved() && tab->isDirty())
            dirty << tab;
    }
    if (!dirty.isEmpty()) {
        QStringList names;
        for (const RequestTab *tab : std::as_const(dirty))
            names << tab->title();
        QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                        dirty.size() == 1
                            ? tr("\"%1\" has changes that are not saved.").arg(names.first())
                            : tr("%1 requests have changes that are not saved:\n%2")
                                  .arg(dirty.size())
                                  .arg(names.join(u'\n')),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("unsavedChangesQuestion"));
        box.setInformativeText(dirty.size() == 1
                                   ? tr("Save them to the collection before quitting?")
                                   : tr("Save all of them before quitting?"));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            for (RequestTab *tab : std::as_const(dirty)) {
                if (!saveTab(tab)) {
                    event->ignore();
                    return;
                }
            }
        }
    }
    m_autosave->stop();
    for (RequestTab *tab : tabs()) {
        tab->cancel();
        if (tab->isSaved() || tab->isPristine()) {
            forgetDraft(tab); // saved or discarded
        } else {
            const Status kept = m_drafts.write(tab->draft());
            if (!kept.ok())
                qWarning("%s", qPrintable(kept.error().message));
        }
    }
    saveState();
    stopSandbox();
    event->accept();
}

} // namespace Patchbay::Ui
