#include "ui/collections/collectiontreemodel.h"

#include "core/collections/workspace.h"

#include <QApplication>
#include <QFont>
#include <QMimeData>
#include <QPalette>
#include <QScopedValueRollback>
#include <QSet>
#include <QStyle>
#include <QUrl>

#include <functional>

#include <vector>

namespace Patchbay::Ui {

using Core::CollectionItem;
using Core::ItemKind;

namespace {

// The method a request's row shows: none for a file that failed to parse.
QString shownMethod(const CollectionItem &item)
{
    if (item.kind != ItemKind::Request || item.problem)
        return QString();
    // A WebSocket request's handshake is a GET: the badge says what it is instead.
    return item.request.request.kind == Core::RequestKind::WebSocket
        ? QStringLiteral("WS")
        : item.request.request.method.toUpper();
}

QString filterTextOf(const QString &name, const QString &method, const QString &url)
{
    return name + u' ' + method + u' ' + url;
}

} // namespace

// A snapshot of what the view shows of one workspace item, keyed by its path.
struct CollectionTreeModel::Node
{
    ItemKind kind = ItemKind::Request;
    QString path;
    QString name;
    QString method;
    QString url;
    std::optional<Core::FileProblem> problem;
    bool readOnly = false;
    QString readOnlyReason;
    // False for a folder whose rows are not made yet (fetchMore makes them).
    bool fetched = true;
    Node *parent = nullptr; // not owned
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }

    // Copies the shown fields; true when something changed.
    bool assign(const CollectionItem &item)
    {
        const QString newMethod = shownMethod(item);
        const QString newUrl
            = item.kind == ItemKind::Request ? item.request.request.url : QString();
        const bool changed = kind != item.kind || name != item.name || method != newMethod
            || url != newUrl || problem != item.problem || readOnly != item.readOnly
            || readOnlyReason != item.readOnlyReason;
        kind = item.kind;
        path = item.path;
        name = item.name;
        method = newMethod;
        url = newUrl;
        problem = item.problem;
        readOnly = item.readOnly;
        readOnlyReason = item.readOnlyReason;
        return changed;
    }
};

namespace {

QString problemText(const Core::FileProblem &problem)
{
    if (problem.line > 0)
        return QStringLiteral("%1:%2:%3: %4")
            .arg(problem.path)
            .arg(problem.line)
            .arg(problem.column)
            .arg(problem.message);
    return QStringLiteral("%1: %2").arg(problem.path, problem.message);
}

} // namespace

CollectionTreeModel::CollectionTreeModel(Core::Workspace *workspace, QObject *parent)
    : QAbstractItemModel(parent)
    , m_workspace(workspace)
    , m_root(std::make_unique<Node>())
{
    Q_ASSERT(workspace);
    m_root->kind = ItemKind::Folder;
    addChildren(m_root.get(), m_workspace->collections());
}

CollectionTreeModel::~CollectionTreeModel() = default;

QString CollectionTreeModel::mimeType()
{
    return QStringLiteral("application/x-patchbay-collection-paths");
}

QString CollectionTreeModel::filterText(const CollectionItem &item)
{
    return filterTextOf(item.name, shownMethod(item),
                        item.kind == ItemKind::Request ? item.request.request.url : QString());
}

// A collection comes with its own rows (the panel shows every collection expanded); a folder's
// rows wait for fetchMore(), so that a big import adds a handful of rows.
std::unique_ptr<CollectionTreeModel::Node>
CollectionTreeModel::buildNode(const CollectionItem &item, Node *parent)
{
    auto node = std::make_unique<Node>();
    node->assign(item);
    node->parent = parent;
    if (item.kind == ItemKind::Collection)
        addChildren(node.get(), item.children);
    else
        node->fetched = item.children.isEmpty();
    return node;
}

void CollectionTreeModel::addChildren(Node *node, const QList<CollectionItem> &items)
{
    node->children.reserve(node->children.size() + size_t(items.size()));
    for (const CollectionItem &item : items)
        node->children.push_back(buildNode(item, node));
    node->fetched = true;
}

void CollectionTreeModel::fetchNode(Node *node)
{
    if (node->fetched || m_changing)
        return;
    const QScopedValueRollback changing(m_changing, true);
    const CollectionItem *item = m_workspace->item(node->path);
    if (!item || item->children.isEmpty()) {
        node->fetched = true;
        return;
    }
    beginInsertRows(indexOf(node), 0, int(item->children.size()) - 1);
    addChildren(node, item->children);
    endInsertRows();
}

void CollectionTreeModel::reload()
{
    const QScopedValueRollback changing(m_changing, true);
    beginResetModel();
    m_root->children.clear();
    addChildren(m_root.get(), m_workspace->collections());
    endResetModel();
}

void CollectionTreeModel::refresh()
{
    const QScopedValueRollback changing(m_changing, true);
    syncChildren(m_root.get(), {}, m_workspace->collections());
}

// Removes what is gone, then walks the wanted order moving or inserting rows, so that views
// keep their expansion and selection for everything that stayed. Folders whose rows are not
// made yet are left alone: fetchMore() reads the workspace as it is then.
void CollectionTreeModel::syncChildren(Node *node, const QModelIndex &nodeIndex,
                                       const QList<CollectionItem> &items)
{
    if (!node->fetched) {
        if (items.isEmpty())
            node->fetched = true; // nothing left to fetch
        return;
    }
    auto &children = node->children;
    bool same = children.size() == size_t(items.size());
    for (size_t i = 0; same && i < children.size(); ++i)
        same = children[i]->path == items.at(qsizetype(i)).path;
    if (!same) {
        QSet<QString> wanted;
        wanted.reserve(items.size());
        for (const CollectionItem &item : items)
            wanted.insert(item.path);
        for (int i = int(children.size()) - 1; i >= 0; --i) {
            if (wanted.contains(children[size_t(i)]->path))
                continue;
            beginRemoveRows(nodeIndex, i, i);
            children.erase(children.begin() + i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < int(items.size()); ++i) {
        const CollectionItem &item = items.at(i);
        int found = -1;
        for (int j = i; j < int(children.size()); ++j) {
            if (children[size_t(j)]->path == item.path) {
                found = j;
                break;
            }
        }
        if (found < 0) {
            beginInsertRows(nodeIndex, i, i);
            children.insert(children.begin() + i, buildNode(item, node));
            endInsertRows();
            continue;
        }
        if (found != i) {
            beginMoveRows(nodeIndex, found, found, nodeIndex, i);
            std::unique_ptr<Node> moved = std::move(children[size_t(found)]);
            children.erase(children.begin() + found);
            children.insert(children.begin() + i, std::move(moved));
            endMoveRows();
        }
        Node *child = children[size_t(i)].get();
        const QModelIndex childIndex = createIndex(i, 0, child);
        if (child->assign(item))
            emit dataChanged(childIndex, childIndex);
        if (child->kind != ItemKind::Request)
            syncChildren(child, childIndex, item.children);
    }
}

void CollectionTreeModel::fetchMatches(const QString &text)
{
    if (text.isEmpty())
        return;
    // The folders to fill, parents before children: those holding a match, and every folder
    // inside a matching one (the filter shows a matching folder's whole content).
    QStringList folders;
    const std::function<bool(const CollectionItem &, bool)> visit = [&](const CollectionItem &item,
                                                                        bool insideMatch) {
        const bool matches = insideMatch || filterText(item).contains(text, Qt::CaseInsensitive);
        if (item.kind == ItemKind::Request)
            return matches;
        const qsizetype slot = folders.size();
        folders.append(item.path);
        bool any = matches;
        for (const CollectionItem &child : item.children)
            any = visit(child, matches) || any;
        if (!any)
            folders.resize(slot);
        return any;
    };
    for (const CollectionItem &collection : m_workspace->collections())
        visit(collection, false);
    for (const QString &path : std::as_const(folders)) {
        if (Node *node = findNode(m_root.get(), path, true))
            fetchNode(node);
    }
}

CollectionTreeModel::Node *CollectionTreeModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    Q_ASSERT(index.model() == this);
    return static_cast<Node *>(index.internalPointer());
}

CollectionTreeModel::Node *CollectionTreeModel::findNode(Node *from, const QString &path,
                                                         bool fetch)
{
    Node *level = from;
    while (level) {
        Node *next = nullptr;
        for (const auto &child : level->children) {
            if (child->path == path)
                return child.get();
            if (child->kind != ItemKind::Request && path.startsWith(child->path + u'/')) {
                next = child.get();
                break;
            }
        }
        if (next && !next->fetched) {
            if (!fetch)
                return nullptr;
            fetchNode(next);
        }
        level = next;
    }
    return nullptr;
}

const CollectionTreeModel::Node *CollectionTreeModel::findNode(const QString &path) const
{
    // Without fetching nothing changes.
    return const_cast<CollectionTreeModel *>(this)->findNode(m_root.get(), path, false);
}

QModelIndex CollectionTreeModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

QModelIndex CollectionTreeModel::indexForPath(const QString &path)
{
    return indexOf(findNode(m_root.get(), path, true));
}

QString CollectionTreeModel::pathAt(const QModelIndex &index) const
{
    return index.isValid() ? nodeAt(index)->path : QString();
}

const CollectionItem *CollectionTreeModel::itemAt(const QModelIndex &index) const
{
    return index.isValid() ? m_workspace->item(nodeAt(index)->path) : nullptr;
}

std::optional<Core::FileProblem> CollectionTreeModel::problemAt(const QModelIndex &index) const
{
    return index.isValid() ? nodeAt(index)->problem : std::nullopt;
}

QModelIndex CollectionTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    const Node *node = nodeAt(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, 0, node->children[size_t(row)].get());
}

QModelIndex CollectionTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent);
}

int CollectionTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

bool CollectionTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeAt(parent);
    return !node->fetched || !node->children.empty();
}

bool CollectionTreeModel::canFetchMore(const QModelIndex &parent) const
{
    return parent.isValid() && parent.column() == 0 && !nodeAt(parent)->fetched;
}

void CollectionTreeModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() && parent.column() == 0)
        fetchNode(nodeAt(parent));
}

int CollectionTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant CollectionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeAt(index);
    // Collections of a folder opened beside the workspace say where they live.
    const auto openedFolder = [&] {
        const QString root = m_workspace->rootOf(node->path);
        return root == m_workspace->rootPath() ? QString() : root;
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name;
    case Qt::ToolTipRole:
        if (node->problem)
            return problemText(*node->problem);
        if (node->readOnly)
            return node->readOnlyReason;
        if (node->kind == ItemKind::Request)
            return QStringLiteral("%1 %2").arg(node->method, node->url);
        if (node->kind == ItemKind::Collection) {
            if (const QString folder = openedFolder(); !folder.isEmpty())
                return tr("%1\nFrom the opened folder %2 (right-click → Close Folder)")
                    .arg(node->path, folder);
        }
        return node->path;
    case Qt::DecorationRole: {
        const QStyle *style = QApplication::style();
        if (!style)
            return {};
        if (node->problem)
            return style->standardIcon(QStyle::SP_MessageBoxWarning);
        if (node->kind == ItemKind::Collection && !openedFolder().isEmpty())
            return style->standardIcon(QStyle::SP_DirLinkIcon);
        if (node->kind != ItemKind::Request)
            return style->standardIcon(QStyle::SP_DirIcon);
        return {};
    }
    case Qt::ForegroundRole:
        if (node->problem)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (node->kind == ItemKind::Collection || (node->readOnly && !node->problem)) {
            QFont font = QGuiApplication::font();
            font.setBold(node->kind == ItemKind::Collection);
            font.setItalic(node->readOnly); // from a newer Patchbay: shown, never saved
            return font;
        }
        return {};
    case KindRole:
        return int(node->kind);
    case PathRole:
        return node->path;
    case MethodRole:
        return node->method;
    case UrlRole:
        return node->url;
    case ProblemRole:
        return node->problem ? problemText(*node->problem) : QString();
    case ReadOnlyRole:
        return node->readOnly || node->problem.has_value();
    case FilterTextRole:
        return filterTextOf(node->name, node->method, node->url);
    case OpenedFolderRole:
        return openedFolder();
    default:
        return {};
    }
}

bool CollectionTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    const Node *node = nodeAt(index);
    const QString newName = value.toString().trimmed();
    if (newName.isEmpty() || newName == node->name)
        return false;
    const QString oldPath = node->path;
    const Core::Result<QString> renamed = m_workspace->rename(oldPath, newName);
    if (!renamed.ok()) {
        emit operationFailed(
            tr("Could not rename “%1”: %2").arg(node->name, renamed.error().message));
        return false;
    }
    refresh();
    if (*renamed != oldPath)
        emit itemRenamed(oldPath, *renamed);
    return true;
}

Qt::ItemFlags CollectionTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *node = nodeAt(index);
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!node->problem && !node->readOnly)
        flags |= Qt::ItemIsEditable;
    if (node->kind != ItemKind::Collection)
        flags |= Qt::ItemIsDragEnabled;
    if (node->kind != ItemKind::Request)
        flags |= Qt::ItemIsDropEnabled;
    else
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QStringList CollectionTreeModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *CollectionTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList paths;
    QList<QUrl> urls;
    for (const QModelIndex &index : indexes) {
        const Node *node = index.isValid() ? nodeAt(index) : nullptr;
        if (!node || node->kind == ItemKind::Collection || paths.contains(node->path))
            continue;
        paths.append(node->path);
        urls.append(QUrl::fromLocalFile(node->path));
    }
    if (paths.isEmpty())
        return nullptr;
    auto data = std::make_unique<QMimeData>();
    data->setData(mimeType(), paths.join(u'\n').toUtf8());
    data->setUrls(urls);
    return data.release(); // the view owns it
}

QStringList CollectionTreeModel::pathsFrom(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return {};
    return QString::fromUtf8(data->data(mimeType())).split(u'\n', Qt::SkipEmptyParts);
}

bool CollectionTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                          const QModelIndex &parent) const
{
    if (action != Qt::MoveAction || !parent.isValid())
        return false;
    const Node *target = nodeAt(parent);
    if (target->kind == ItemKind::Request)
        target = target->parent;
    const QStringList paths = pathsFrom(data);
    if (paths.isEmpty())
        return false;
    for (const QString &path : paths) {
        const Node *source = findNode(path);
        if (!source || source->kind == ItemKind::Collection)
            return false;
        if (target->path == source->path || target->path.startsWith(source->path + u'/'))
            return false; // a folder into itself
    }
    return true;
}

bool CollectionTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                       int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const Node *target = nodeAt(parent);
    if (target->kind == ItemKind::Request) {
        // Dropped on a request: take its place among its siblings.
        row = target->row();
        target = target->parent;
    }
    const QString targetPath = target->path;
    bool ok = true;
    for (const QString &path : pathsFrom(data)) {
        const Node *source = findNode(path);
        if (!source)
            continue;
        QString current = path;
        int newIndex = row;
        if (source->parent->path != targetPath) {
            const Core::Result<QString> moved = m_workspace->move(path, targetPath);
            if (!moved.ok()) {
                emit operationFailed(
                    tr("Could not move “%1”: %2").arg(source->name, moved.error().message));
                ok = false;
                break;
            }
            current = *moved;
            emit itemMoved(path, current);
        } else if (row >= 0 && source->row() < row) {
            newIndex = row - 1; // the row counts the item itself, reorder() does not
        }
        if (row >= 0) {
            const Core::Result<QStringList> reordered = m_workspace->reorder(current, newIndex);
            if (!reordered.ok()) {
                emit operationFailed(tr("Could not reorder: %1").arg(reordered.error().message));
                ok = false;
                break;
            }
            row = newIndex + 1;
        }
    }
    refresh();
    return ok;
}

Qt::DropActions CollectionTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions CollectionTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace Patchbay::Ui
