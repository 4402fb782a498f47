#pragma once

#include "core/history/historyentry.h"
#include "core/history/historyfilter.h"

#include <QAbstractItemModel>
#include <QDate>

#include <memory>
#include <optional>
#include <vector>

namespace Patchbay::Core {
class HistoryStore;
}

namespace Patchbay::Ui {

// History summaries newest first, grouped by the local day they were sent: top-level rows are
// days ("Today", "Yesterday", weekday names for the last week, then dates), their children the
// entries. Pages are loaded from the store on demand (canFetchMore/fetchMore); new entries
// appear at the top without a reset.
class HistoryModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Role {
        EntryIdRole = Qt::UserRole + 1,
        MethodRole,
        UrlRole,
        StatusCodeRole,
        ErrorKindRole, // int(Core::ErrorKind)
        DurationMsRole,
        SentAtRole, // QDateTime, UTC
        BodySizeRole,
        IsDayRole, // true on the top-level day rows
        DayRole, // QDate of the group (both levels)
        RunRole, // the run that sent it, "" when sent by hand
    };

    static constexpr int FirstPageSize = 100; // a screenful or two, quickly
    static constexpr int PageSize = 500;

    // Starts loading the first page at once.
    explicit HistoryModel(Core::HistoryStore *store, QObject *parent = nullptr);
    ~HistoryModel() override;

    QString filter() const { return m_filter; }
    // Re-queries the store now (debouncing is the view's business). Rows stay until the
    // answer arrives, then the model resets.
    void setFilter(const QString &filter);
    void reload();

    bool isLoading() const { return m_pendingToken != 0; }
    // More entries match than are loaded.
    bool hasMore() const { return m_hasMore; }
    // Asks for the next page, unless one is on its way or there is none.
    void loadMore();
    // Whether canFetchMore() offers pages to views (default true). A QTreeView fetches while
    // the last top-level row (a day header) is visible, which for a few large days means
    // fetching everything: HistoryPanel turns this off and calls loadMore() on scrolling.
    void setAutoFetch(bool enabled) { m_autoFetch = enabled; }
    // True once the first answer for the current filter has arrived.
    bool hasLoaded() const { return m_loadedOnce; }
    int entryCount() const { return m_entryCount; }
    std::optional<Core::HistoryEntrySummary> summaryAt(const QModelIndex &index) const;
    QModelIndex indexOfEntry(qint64 id) const;

    // Labels are relative to this day; an invalid date (the default) means the current date.
    void setToday(QDate today);
    QDate today() const;
    static QString dayLabel(QDate day, QDate today);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // The first page for the current filter is in the model.
    void queryFinished();
    // Any page has been added (the first one included).
    void pageLoaded();

private:
    struct DayGroup
    {
        QDate day;
        QList<Core::HistoryEntrySummary> entries;
    };

    void onLoaded(quint64 token, const QList<Core::HistoryEntrySummary> &entries, bool hasMore);
    void onEntryAdded(const Core::HistoryEntrySummary &summary);
    void onEntryRemoved(qint64 id);
    void onCleared();
    void appendPage(const QList<Core::HistoryEntrySummary> &entries);
    void requestPage(bool fresh);
    int groupRow(const DayGroup *group) const;
    static QDate localDay(const Core::HistoryEntrySummary &summary);

    Core::HistoryStore *m_store; // not owned
    std::vector<std::unique_ptr<DayGroup>> m_groups;
    QString m_filter;
    Core::HistoryFilter m_parsedFilter;
    quint64 m_pendingToken = 0;
    bool m_pendingIsFresh = false;
    bool m_hasMore = false;
    bool m_loadedOnce = false;
    int m_entryCount = 0;
    qint64 m_oldestLoadedId = 0;
    bool m_autoFetch = true;
    QDate m_today;
};

} // namespace Patchbay::Ui
