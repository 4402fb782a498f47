#include "ui/history/historymodel.h"

#include "core/history/historystore.h"

#include <QLocale>

namespace Patchbay::Ui {

using Core::HistoryEntrySummary;

HistoryModel::HistoryModel(Core::HistoryStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
{
    Q_ASSERT(store);
    connect(store, &Core::HistoryStore::loaded, this, &HistoryModel::onLoaded);
    connect(store, &Core::HistoryStore::entryAdded, this, &HistoryModel::onEntryAdded);
    connect(store, &Core::HistoryStore::entryRemoved, this, &HistoryModel::onEntryRemoved);
    connect(store, &Core::HistoryStore::cleared, this, &HistoryModel::onCleared);
    connect(store, &Core::HistoryStore::entriesAdded, this, [this] { reload(); });
    // Retention drops the oldest entries: usually one per send, each removed in place.
    connect(store, &Core::HistoryStore::entriesPruned, this, [this](const QList<qint64> &ids) {
        if (ids.size() > 100) {
            reload();
            return;
        }
        for (const qint64 id : ids)
            onEntryRemoved(id);
    });
    requestPage(true);
}

HistoryModel::~HistoryModel() = default;

void HistoryModel::setFilter(const QString &filter)
{
    if (filter == m_filter && m_loadedOnce)
        return;
    m_filter = filter;
    m_parsedFilter = Core::parseHistoryFilter(filter);
    reload();
}

void HistoryModel::reload()
{
    requestPage(true);
}

void HistoryModel::requestPage(bool fresh)
{
    // Keyset paging: entries added or removed meanwhile cannot shift the next page.
    const qint64 beforeId = fresh ? 0 : m_oldestLoadedId;
    m_pendingIsFresh = fresh;
    m_pendingToken = m_store->load(m_filter, 0, fresh ? FirstPageSize : PageSize, beforeId);
}

void HistoryModel::onLoaded(quint64 token, const QList<HistoryEntrySummary> &entries, bool hasMore)
{
    if (token != m_pendingToken)
        return; // an answer to a superseded query
    m_pendingToken = 0;
    m_hasMore = hasMore;
    // Set before any row signal: a view may ask for the next page from inside one.
    if (!entries.isEmpty())
        m_oldestLoadedId = entries.constLast().id;
    if (m_pendingIsFresh) {
        beginResetModel();
        m_groups.clear();
        m_entryCount = 0;
        for (const HistoryEntrySummary &s : entries) {
            const QDate day = localDay(s);
            if (m_groups.empty() || m_groups.back()->day != day) {
                m_groups.push_back(std::make_unique<DayGroup>());
                m_groups.back()->day = day;
            }
            m_groups.back()->entries.append(s);
        }
        m_entryCount = int(entries.size());
        endResetModel();
        m_loadedOnce = true;
        emit pageLoaded();
        emit queryFinished();
        return;
    }
    appendPage(entries);
    emit pageLoaded();
}

void HistoryModel::appendPage(const QList<HistoryEntrySummary> &entries)
{
    qsizetype i = 0;
    while (i < entries.size()) {
        const QDate day = localDay(entries.at(i));
        qsizetype end = i + 1;
        while (end < entries.size() && localDay(entries.at(end)) == day)
            ++end;
        const int count = int(end - i);
        if (!m_groups.empty() && m_groups.back()->day == day) {
            DayGroup &group = *m_groups.back();
            const int first = int(group.entries.size());
            beginInsertRows(createIndex(int(m_groups.size()) - 1, 0, nullptr), first,
                            first + count - 1);
            group.entries.append(entries.mid(i, count));
            m_entryCount += count;
            endInsertRows();
        } else {
            auto group = std::make_unique<DayGroup>();
            group->day = day;
            group->entries = entries.mid(i, count);
            const int row = int(m_groups.size());
            beginInsertRows(QModelIndex(), row, row);
            m_groups.push_back(std::move(group));
            m_entryCount += count;
            endInsertRows();
        }
        i = end;
    }
}

void HistoryModel::onEntryAdded(const HistoryEntrySummary &summary)
{
    if (!m_loadedOnce || (m_pendingToken != 0 && m_pendingIsFresh))
        return; // the pending query's answer will include it
    if (!Core::historyFilterMatches(m_parsedFilter, summary))
        return;
    const QDate day = localDay(summary);
    if (!m_groups.empty() && m_groups.front()->day == day) {
        beginInsertRows(createIndex(0, 0, nullptr), 0, 0);
        m_groups.front()->entries.prepend(summary);
        ++m_entryCount;
        endInsertRows();
        return;
    }
    auto group = std::make_unique<DayGroup>();
    group->day = day;
    group->entries.append(summary);
    beginInsertRows(QModelIndex(), 0, 0);
    m_groups.insert(m_groups.begin(), std::move(group));
    ++m_entryCount;
    endInsertRows();
}

void HistoryModel::onEntryRemoved(qint64 id)
{
    const QModelIndex index = indexOfEntry(id);
    if (!index.isValid())
        return;
    const QModelIndex groupIndex = index.parent();
    DayGroup &group = *m_groups.at(size_t(groupIndex.row()));
    if (group.entries.size() == 1) {
        beginRemoveRows(QModelIndex(), groupIndex.row(), groupIndex.row());
        m_groups.erase(m_groups.begin() + groupIndex.row());
        --m_entryCount;
        endRemoveRows();
        return;
    }
    beginRemoveRows(groupIndex, index.row(), index.row());
    group.entries.removeAt(index.row());
    --m_entryCount;
    endRemoveRows();
}

void HistoryModel::onCleared()
{
    beginResetModel();
    m_groups.clear();
    m_entryCount = 0;
    m_hasMore = false;
    endResetModel();
}

std::optional<HistoryEntrySummary> HistoryModel::summaryAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || !index.internalPointer())
        return std::nullopt;
    const auto *group = static_cast<const DayGroup *>(index.internalPointer());
    if (index.row() < 0 || index.row() >= group->entries.size())
        return std::nullopt;
    return group->entries.at(index.row());
}

QModelIndex HistoryModel::indexOfEntry(qint64 id) const
{
    for (size_t g = 0; g < m_groups.size(); ++g) {
        const DayGroup &group = *m_groups.at(g);
        // Newest first: ids decrease down the list.
        if (group.entries.isEmpty() || group.entries.constFirst().id < id
            || group.entries.constLast().id > id)
            continue;
        for (qsizetype r = 0; r < group.entries.size(); ++r) {
            if (group.entries.at(r).id == id)
                return createIndex(int(r), 0, m_groups.at(g).get());
        }
    }
    return {};
}

void HistoryModel::setToday(QDate today)
{
    m_today = today;
    if (!m_groups.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DisplayRole});
}

QDate HistoryModel::today() const
{
    return m_today.isValid() ? m_today : QDate::currentDate();
}

QString HistoryModel::dayLabel(QDate day, QDate today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    const QLocale locale;
    if (day < today && day > today.addDays(-7))
        return locale.standaloneDayName(day.dayOfWeek(), QLocale::LongFormat);
    if (day.year() == today.year())
        return locale.toString(day, QStringLiteral("ddd d MMMM"));
    return locale.toString(day, QStringLiteral("ddd d MMMM yyyy"));
}

int HistoryModel::groupRow(const DayGroup *group) const
{
    for (size_t i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i].get() == group)
            return int(i);
    }
    return -1;
}

QDate HistoryModel::localDay(const HistoryEntrySummary &summary)
{
    return summary.sentAt.toLocalTime().date();
}

// Day rows carry a null internal pointer; entry rows point at their DayGroup, which stays put
// when days are inserted above it.
QModelIndex HistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_groups.size()) ? createIndex(row, 0, nullptr) : QModelIndex();
    if (parent.internalPointer() || parent.row() >= int(m_groups.size()))
        return {};
    DayGroup *group = m_groups.at(size_t(parent.row())).get();
    return row < group->entries.size() ? createIndex(row, 0, group) : QModelIndex();
}

QModelIndex HistoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const int row = groupRow(static_cast<const DayGroup *>(child.internalPointer()));
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalPointer() || parent.row() >= int(m_groups.size()))
        return 0;
    return int(m_groups.at(size_t(parent.row()))->entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() && parent.internalPointer() ? 0 : 1;
}

bool HistoryModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (!index.internalPointer()) {
        const DayGroup &group = *m_groups.at(size_t(index.row()));
        switch (role) {
        case Qt::DisplayRole:
            return dayLabel(group.day, today());
        case Qt::ToolTipRole:
            return QLocale().toString(group.day, QLocale::LongFormat);
        case IsDayRole:
            return true;
        case DayRole:
            return group.day;
        default:
            return {};
        }
    }
    const auto *group = static_cast<const DayGroup *>(index.internalPointer());
    const HistoryEntrySummary &s = group->entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QString(s.method + u' ' + s.url);
    case Qt::ToolTipRole: {
        const QLocale locale;
        QString status = s.errorKind != Core::ErrorKind::None ? Core::errorKindName(s.errorKind)
                                                              : QString::number(s.statusCode);
        QString tip = s.method + u' ' + s.url + u'\n' + status;
        if (s.durationMs >= 0)
            tip += QStringLiteral(" · ") + tr("%1 ms").arg(qRound64(s.durationMs));
        tip += QStringLiteral(" · ") + locale.formattedDataSize(s.bodySize) + u'\n'
            + locale.toString(s.sentAt.toLocalTime(), QLocale::LongFormat);
        if (!s.run.isEmpty())
            tip += u'\n' + tr("Sent by the run: %1").arg(s.run);
        return tip;
    }
    case EntryIdRole:
        return s.id;
    case MethodRole:
        return s.method;
    case UrlRole:
        return s.url;
    case StatusCodeRole:
        return s.statusCode;
    case ErrorKindRole:
        return int(s.errorKind);
    case DurationMsRole:
        return s.durationMs;
    case SentAtRole:
        return s.sentAt;
    case BodySizeRole:
        return s.bodySize;
    case IsDayRole:
        return false;
    case DayRole:
        return group->day;
    case RunRole:
        return s.run;
    default:
        return {};
    }
}

Qt::ItemFlags HistoryModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (!index.internalPointer())
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return m_autoFetch && !parent.isValid() && m_hasMore && m_pendingToken == 0;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        loadMore();
}

void HistoryModel::loadMore()
{
    if (m_hasMore && m_pendingToken == 0)
        requestPage(false);
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(EntryIdRole, "entryId");
    names.insert(MethodRole, "method");
    names.insert(UrlRole, "url");
    names.insert(StatusCodeRole, "statusCode");
    names.insert(ErrorKindRole, "errorKind");
    names.insert(DurationMsRole, "durationMs");
    names.insert(SentAtRole, "sentAt");
    names.insert(BodySizeRole, "bodySize");
    names.insert(IsDayRole, "isDay");
    names.insert(DayRole, "day");
    return names;
}

} // namespace Patchbay::Ui
