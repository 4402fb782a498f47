#include "ui/window/disksync.h"

#include "core/collections/workspace.h"
#include "core/collections/workspacewatcher.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/tabmanager.h"

#include <QAbstractItemModel>
#include <QStatusBar>
#include <QUndoStack>

#include <algorithm>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

DiskSync::DiskSync(Workspace *workspace, TabManager *tabs, CollectionsPanel *collections,
                   QStatusBar *status, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_tabs(tabs)
    , m_collections(collections)
    , m_status(status)
{
    connect(collections, &CollectionsPanel::itemPathChanged, this, &DiskSync::onItemPathChanged);
    // Every change of the tree follows a write of ours (or a reload): acknowledge them at once,
    // before the watcher's debounce runs, so that our own saves never come back as conflicts.
    QAbstractItemModel *tree = collections->model();
    connect(tree, &QAbstractItemModel::modelReset, this, &DiskSync::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::rowsInserted, this, &DiskSync::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::rowsRemoved, this, &DiskSync::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::rowsMoved, this, &DiskSync::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::dataChanged, this, &DiskSync::acknowledgeOwnWrites);
    connect(tree, &QAbstractItemModel::layoutChanged, this, &DiskSync::acknowledgeOwnWrites);
    connect(collections->undoStack(), &QUndoStack::indexChanged, this,
            &DiskSync::acknowledgeOwnWrites);
    for (const QString &root : m_workspace->roots())
        watchRoot(root);
}

bool DiskSync::isSameOrInside(const QString &path, const QString &dirOrFile)
{
    return path == dirOrFile || path.startsWith(dirOrFile + u'/');
}

void DiskSync::watchRoot(const QString &root)
{
    if (m_watcher) {
        m_watcher->addRoot(root);
        return;
    }
    m_watcher = new WorkspaceWatcher(root, this);
    connect(m_watcher, &WorkspaceWatcher::changed, this, &DiskSync::onChangedOnDisk);
}

void DiskSync::removeRoot(const QString &root)
{
    if (m_watcher)
        m_watcher->removeRoot(root);
}

void DiskSync::watchFile(const QString &path)
{
    if (m_watcher)
        m_watcher->watchFile(path);
}

void DiskSync::acknowledgeOwnWrites()
{
    const QStringList touched = m_workspace->takeTouchedPaths();
    if (!m_watcher)
        return;
    for (const QString &path : touched)
        m_watcher->acknowledge(path);
}

void DiskSync::onItemPathChanged(const QString &oldPath, const QString &newPath)
{
    acknowledgeOwnWrites();
    for (RequestTab *tab : m_tabs->tabs()) {
        if (!tab->isSaved() || !isSameOrInside(tab->path(), oldPath))
            continue;
        const QString moved
            = newPath.isEmpty() ? QString() : newPath + tab->path().mid(oldPath.size());
        const CollectionItem *item = moved.isEmpty() ? nullptr : m_workspace->item(moved);
        if (item && item->kind == ItemKind::Request) {
            tab->setBaseline(moved, item->request);
            watchFile(moved);
        } else {
            tab->detachFromFile(); // deleted: the tab keeps the request, unsaved
        }
    }
    emit tabFilesChanged();
}

void DiskSync::onChangedOnDisk(const QStringList &reported)
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
    m_collections->reloadPaths(paths);
    emit filesReloaded(); // new secret variables may have arrived

    QStringList reloaded;
    for (RequestTab *tab : m_tabs->tabs()) {
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
                m_status->showMessage(
                    tr("\"%1\" changed on disk and cannot be read: %2. The tab keeps its "
                       "version; fix the file to reload it.")
                        .arg(name, item->problem->message),
                    10000);
                continue;
            }
            tab->detachFromFile();
            m_status->showMessage(tr("\"%1\" was deleted on disk. Its tab keeps the request "
                                     "as unsaved: Ctrl+S saves it again.")
                                      .arg(name),
                                  10000);
            continue;
        }
        if (item->request == tab->onDisk())
            continue; // touched, not changed
        if (tab->isDirty()) {
            tab->showConflict(item->request);
            m_status->showMessage(tr("\"%1\" changed on disk; your edits are kept. Choose "
                                     "in the bar above the request.")
                                      .arg(tab->title()),
                                  10000);
        } else {
            tab->openSaved(tab->path(), item->request);
            reloaded << tab->title();
        }
    }
    if (!reloaded.isEmpty())
        m_status->showMessage(
            tr("Reloaded %1: changed on disk").arg(reloaded.join(QLatin1String(", "))), 5000);
    emit tabsReloaded();
}

} // namespace Patchbay::Ui
