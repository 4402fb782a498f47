#include "ui/collections/collectionspanel.h"
#include "ui/common/accessibility.h"

#include "core/collections/workspace.h"
#include "ui/auth/authsettingsdialog.h"
#include "ui/collections/collectiondelegate.h"
#include "ui/collections/collectiontreemodel.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

// A delete that already happened when it is pushed; undo restores the kept bytes, redo deletes
// again.
class DeleteItemCommand final : public QUndoCommand
{
public:
    using Notify = std::function<void(const QString &)>;

    DeleteItemCommand(Core::Workspace *workspace, Core::DeletedItem deleted, const QString &name,
                      Notify changed, Notify failed)
        : QUndoCommand(
            QCoreApplication::translate("Patchbay::Ui::CollectionsPanel", "Delete “%1”").arg(name))
        , m_workspace(workspace)
        , m_deleted(std::move(deleted))
        , m_changed(std::move(changed))
        , m_failed(std::move(failed))
    { }

    void undo() override
    {
        const Core::Result<QString> restored = m_workspace->restore(m_deleted);
        if (!restored.ok()) {
            setObsolete(true);
            m_failed(restored.error().message);
            return;
        }
        m_changed(*restored);
    }

    void redo() override
    {
        if (m_done) {
            m_done = false; // the delete happened before the push
            return;
        }
        const Core::Result<Core::DeletedItem> removed = m_workspace->remove(m_deleted.path);
        if (!removed.ok()) {
            setObsolete(true);
            m_failed(removed.error().message);
            return;
        }
        m_deleted = *removed;
        m_changed(QString());
    }

private:
    Core::Workspace *m_workspace; // not owned
    Core::DeletedItem m_deleted;
    Notify m_changed;
    Notify m_failed;
    bool m_done = true;
};

} // namespace

CollectionsPanel::CollectionsPanel(Core::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new CollectionTreeModel(workspace, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_undoStack(new QUndoStack(this))
    , m_filter(new QLineEdit(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTreeView(m_stack))
    , m_emptyPage(new QWidget(m_stack))
    , m_emptyNewCollection(new QPushButton(tr("New collection"), m_emptyPage))
    , m_newRequestAction(new QAction(tr("New request"), this))
    , m_newFolderAction(new QAction(tr("New folder"), this))
    , m_newCollectionAction(new QAction(tr("New collection"), this))
    , m_renameAction(new QAction(tr("Rename"), this))
    , m_duplicateAction(new QAction(tr("Duplicate"), this))
    , m_deleteAction(new QAction(tr("Delete"), this))
    , m_revealAction(new QAction(tr("Reveal in file manager"), this))
    , m_runAction(new QAction(tr("&Run…"), this))
    , m_closeFolderAction(new QAction(tr("Close Folder"), this))
    , m_authAction(new QAction(tr("&Auth…"), this))
{
    Q_ASSERT(workspace);
    m_showError = [](QWidget *parentWidget, const QString &message) {
        QMessageBox::warning(parentWidget, tr("Collections"), message);
    };

    m_filter->setPlaceholderText(tr("Filter collections: name, URL"));
    m_filter->setClearButtonEnabled(true);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(CollectionTreeModel::FilterTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true); // parents of matches stay
    m_proxy->setAutoAcceptChildRows(true); // a matching folder shows what it holds

    m_filter->setAccessibleName(tr("Filter collections"));
    Accessibility::describe(m_view, tr("Collections"),
                            tr("Your collections, folders and requests. Enter opens a request, "
                               "F2 renames, the context menu has the rest."));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new CollectionItemDelegate(m_view));
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setAnimated(true);

    auto *emptyLabel = new QLabel(tr("No collections yet"), m_emptyPage);
    emptyLabel->setAlignment(Qt::AlignCenter);
    emptyLabel->setWordWrap(true);
    emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(emptyLabel);
    emptyLayout->addWidget(m_emptyNewCollection, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(1);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_stack, 1);

    // Only while the tree itself has the focus, so that Del and F2 in the rename editor or the
    // filter edit text.
    m_renameAction->setShortcut(Qt::Key_F2);
    m_renameAction->setShortcutContext(Qt::WidgetShortcut);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_renameAction);
    m_view->addAction(m_deleteAction);

    connect(m_filter, &QLineEdit::textChanged, this, &CollectionsPanel::applyFilter);
    connect(m_view, &QTreeView::activated, this, &CollectionsPanel::activate);
    connect(m_view, &QWidget::customContextMenuRequested, this, &CollectionsPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CollectionsPanel::updateActions);
    connect(m_newRequestAction, &QAction::triggered, this, [this] { newRequest(); });
    connect(m_newFolderAction, &QAction::triggered, this, [this] { newFolder(); });
    connect(m_newCollectionAction, &QAction::triggered, this, [this] { newCollection(); });
    connect(m_emptyNewCollection, &QPushButton::clicked, this, [this] { newCollection(); });
    connect(m_renameAction, &QAction::triggered, this, &CollectionsPanel::renameCurrent);
    connect(m_duplicateAction, &QAction::triggered, this, [this] { duplicateCurrent(); });
    connect(m_deleteAction, &QAction::triggered, this, [this] { deleteCurrent(); });
    connect(m_revealAction, &QAction::triggered, this, &CollectionsPanel::revealCurrent);
    m_runAction->setToolTip(tr("Send every request inside, in order, and check their tests"));
    connect(m_runAction, &QAction::triggered, this, [this] {
        const QModelIndex index = currentSourceIndex();
        if (index.isValid())
            emit runRequested(currentPath());
    });
    m_authAction->setToolTip(tr("The auth that the requests inside inherit"));
    connect(m_authAction, &QAction::triggered, this, [this] { editAuth(currentPath()); });
    m_closeFolderAction->setToolTip(
        tr("Stop showing the collections of this folder; its files stay where they are"));
    connect(m_closeFolderAction, &QAction::triggered, this, [this] {
        const QString folder
            = currentSourceIndex().data(CollectionTreeModel::OpenedFolderRole).toString();
        if (!folder.isEmpty())
            emit closeFolderRequested(folder);
    });
    connect(m_model, &CollectionTreeModel::operationFailed, this, &CollectionsPanel::showError);
    connect(m_model, &CollectionTreeModel::itemRenamed, this,
            [this](const QString &, const QString &newPath) {
                // The renamed row was replaced; keep it current.
                QTimer::singleShot(0, this, [this, newPath] { selectPath(newPath); });
            });
    connect(m_model, &CollectionTreeModel::itemRenamed, this, &CollectionsPanel::itemPathChanged);
    connect(m_model, &CollectionTreeModel::itemMoved, this, &CollectionsPanel::itemPathChanged);

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parentIndex, int first, int last) {
                if (parentIndex.isValid())
                    return;
                for (int row = first; row <= last; ++row)
                    m_view->expand(m_proxy->index(row, 0));
            });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            m_view->expand(m_proxy->index(row, 0));
        updateState();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CollectionsPanel::updateState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &CollectionsPanel::updateState);

    for (int row = 0; row < m_proxy->rowCount(); ++row)
        m_view->expand(m_proxy->index(row, 0));
    updateState();
    updateActions();
}

CollectionsPanel::~CollectionsPanel() = default;

void CollectionsPanel::setErrorHandler(ErrorFunction handler)
{
    m_showError = std::move(handler);
}

void CollectionsPanel::showError(const QString &message)
{
    if (m_showError)
        m_showError(this, message);
}

void CollectionsPanel::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    // Folders fill when expanded: make the rows of every match first, so that the proxy,
    // which only sees rows that exist, finds requests in folders never opened.
    m_model->fetchMatches(text);
    m_proxy->setFilterFixedString(text);
    if (!text.isEmpty())
        m_view->expandAll();
}

void CollectionsPanel::updateState()
{
    const bool empty = m_workspace->collections().isEmpty();
    m_stack->setCurrentWidget(empty ? m_emptyPage : static_cast<QWidget *>(m_view));
    m_filter->setEnabled(!empty);
}

QModelIndex CollectionsPanel::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_view->currentIndex());
}

QString CollectionsPanel::currentPath() const
{
    return m_model->pathAt(currentSourceIndex());
}

QString CollectionsPanel::currentContainer() const
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid()) {
        const auto &collections = m_workspace->collections();
        return collections.size() == 1 ? collections.constFirst().path : QString();
    }
    if (index.data(CollectionTreeModel::KindRole).toInt() == int(Core::ItemKind::Request))
        return m_model->pathAt(index.parent());
    return m_model->pathAt(index);
}

void CollectionsPanel::updateActions()
{
    const QModelIndex index = currentSourceIndex();
    const bool hasItem = index.isValid();
    const bool writable = hasItem && !index.data(CollectionTreeModel::ReadOnlyRole).toBool();
    const bool hasContainer = !currentContainer().isEmpty();
    m_newRequestAction->setEnabled(hasContainer);
    m_newFolderAction->setEnabled(hasContainer);
    m_renameAction->setEnabled(writable);
    m_duplicateAction->setEnabled(writable);
    m_deleteAction->setEnabled(hasItem);
    m_revealAction->setEnabled(hasItem);
    m_runAction->setEnabled(hasItem
                            && index.data(CollectionTreeModel::ProblemRole).toString().isEmpty());
    m_closeFolderAction->setEnabled(
        hasItem && !index.data(CollectionTreeModel::OpenedFolderRole).toString().isEmpty());
    const Core::CollectionItem *item = hasItem ? m_workspace->item(currentPath()) : nullptr;
    m_authAction->setEnabled(writable && item && item->kind != Core::ItemKind::Request
                             && !item->problem);
}

AuthSettingsDialog *CollectionsPanel::createAuthDialog(const QString &path)
{
    const Core::CollectionItem *item = m_workspace->item(path);
    if (!item || item->kind == Core::ItemKind::Request)
        return nullptr;
    auto *dialog = new AuthSettingsDialog(m_workspace, path, m_authServices, this);
    connect(dialog, &AuthSettingsDialog::saved, this, [this] { refresh(); });
    return dialog;
}

void CollectionsPanel::editAuth(const QString &path)
{
    std::unique_ptr<AuthSettingsDialog> dialog(createAuthDialog(path));
    if (dialog)
        dialog->exec();
}

bool CollectionsPanel::selectPath(const QString &path)
{
    const QModelIndex source = m_model->indexForPath(path);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return false;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

void CollectionsPanel::selectAndMaybeEdit(const QString &path, bool edit)
{
    if (!selectPath(path))
        return;
    if (edit) {
        m_view->setFocus();
        m_view->edit(m_view->currentIndex());
    }
}

void CollectionsPanel::refresh()
{
    m_model->refresh();
    if (const QString text = m_filter->text().trimmed(); !text.isEmpty())
        m_model->fetchMatches(text); // new matches in folders not opened yet
    updateState();
    updateActions();
}

void CollectionsPanel::reloadPaths(const QStringList &paths)
{
    QStringList failures;
    for (const QString &path : paths) {
        const Core::Status reloaded = m_workspace->reload(path);
        if (!reloaded.ok())
            failures.append(reloaded.error().message);
    }
    refresh();
    if (!failures.isEmpty())
        showError(tr("Some changes on disk could not be read:\n%1").arg(failures.join(u'\n')));
}

QString CollectionsPanel::newRequest(bool edit)
{
    const QString container = currentContainer();
    if (container.isEmpty())
        return {};
    Core::SavedRequest request;
    request.name = tr("New request");
    const Core::Result<QString> created = m_workspace->createRequest(container, request);
    if (!created.ok()) {
        showError(tr("Could not create the request: %1").arg(created.error().message));
        return {};
    }
    refresh();
    selectAndMaybeEdit(*created, edit);
    return *created;
}

QString CollectionsPanel::newFolder(bool edit)
{
    const QString container = currentContainer();
    if (container.isEmpty())
        return {};
    const Core::Result<QString> created = m_workspace->createFolder(container, tr("New folder"));
    if (!created.ok()) {
        showError(tr("Could not create the folder: %1").arg(created.error().message));
        return {};
    }
    refresh();
    selectAndMaybeEdit(*created, edit);
    return *created;
}

QString CollectionsPanel::newCollection(bool edit)
{
    const Core::Result<QString> created = m_workspace->createCollection(tr("New collection"));
    if (!created.ok()) {
        showError(tr("Could not create the collection: %1").arg(created.error().message));
        return {};
    }
    refresh();
    selectAndMaybeEdit(*created, edit);
    return *created;
}

void CollectionsPanel::renameCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid() && (index.flags() & Qt::ItemIsEditable))
        m_view->edit(index);
}

QString CollectionsPanel::duplicateCurrent()
{
    const QString path = currentPath();
    if (path.isEmpty())
        return {};
    const Core::Result<QString> copy = m_workspace->duplicate(path);
    if (!copy.ok()) {
        showError(tr("Could not duplicate: %1").arg(copy.error().message));
        return {};
    }
    refresh();
    selectPath(*copy);
    return *copy;
}

bool CollectionsPanel::deleteCurrent()
{
    const QModelIndex index = currentSourceIndex();
    const QString path = m_model->pathAt(index);
    if (path.isEmpty())
        return false;
    const QString name = index.data(Qt::DisplayRole).toString();
    const Core::Result<Core::DeletedItem> removed = m_workspace->remove(path);
    if (!removed.ok()) {
        showError(tr("Could not delete “%1”: %2").arg(name, removed.error().message));
        return false;
    }
    refresh();
    emit itemPathChanged(path, QString());
    m_undoStack->push(new DeleteItemCommand( // owned by the stack
        m_workspace, *removed, name,
        [this, path](const QString &restoredPath) {
            refresh();
            if (!restoredPath.isEmpty())
                selectPath(restoredPath);
            else // deleted again by redo
                emit itemPathChanged(path, QString());
        },
        [this](const QString &message) {
            refresh();
            showError(message);
        }));
    return true;
}

void CollectionsPanel::revealCurrent()
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid())
        return;
    QString dir = m_model->pathAt(index);
    if (index.data(CollectionTreeModel::KindRole).toInt() == int(Core::ItemKind::Request))
        dir = QFileInfo(dir).path();
    QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
}

bool CollectionsPanel::saveRequest(const QString &path, const Core::SavedRequest &request)
{
    const Core::Result<Core::SaveOutcome> saved = m_workspace->saveRequest(path, request);
    if (!saved.ok()) {
        showError(tr("Could not save “%1”: %2").arg(request.name, saved.error().message));
        return false;
    }
    refresh();
    return true;
}

void CollectionsPanel::activate(const QModelIndex &index)
{
    const QModelIndex source = index.model() == m_proxy ? m_proxy->mapToSource(index) : index;
    if (!source.isValid())
        return;
    if (const auto problem = m_model->problemAt(source)) {
        emit problemActivated(*problem);
        return;
    }
    const Core::CollectionItem *item = m_model->itemAt(source);
    if (item && item->kind == Core::ItemKind::Request)
        emit requestActivated(item->path, item->request);
}

void CollectionsPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    m_view->setCurrentIndex(index);
    updateActions();
    QMenu menu(this);
    menu.addAction(m_runAction);
    menu.addSeparator();
    menu.addAction(m_newRequestAction);
    menu.addAction(m_newFolderAction);
    menu.addAction(m_newCollectionAction);
    menu.addSeparator();
    menu.addAction(m_renameAction);
    menu.addAction(m_duplicateAction);
    menu.addAction(m_deleteAction);
    if (m_authAction->isEnabled())
        menu.addAction(m_authAction);
    menu.addSeparator();
    menu.addAction(m_revealAction);
    if (m_closeFolderAction->isEnabled()) {
        menu.addSeparator();
        menu.addAction(m_closeFolderAction);
    }
    // A collection imported from an OpenAPI description remembers it (docs/OPENAPI.md).
    const QString path = currentPath();
    if (!path.isEmpty() && QFileInfo::exists(path + QStringLiteral("/.openapi/link.json"))) {
        menu.addSeparator();
        menu.addAction(tr("Update from spec…"), this,
                       [this, path] { emit updateFromSpecRequested(path); });
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace Patchbay::Ui
