#pragma once

#include "core/history/historyentry.h"
#include "core/history/historyretention.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace Patchbay::Core {

class HistoryStoreWorker;

// The request history, persisted in SQLite (WAL) on a worker thread that owns the connection.
// Every call returns at once; results and changes arrive by signal on the caller's thread.
//
// Ordering: newest first means most recently recorded first (by id). A filter is parsed by
// parseHistoryFilter(). If the database cannot be opened or written (corrupt, read-only,
// newer schema), error() says so once per problem and the store keeps answering with empty
// results, so the application works without history.
//
// Size: every write is followed by pruning to retention() (entries, age, bytes; oldest first),
// and free pages are given back to the disk with a VACUUM on the worker thread once the queue is
// idle, so a write loop cannot grow the database without bound.
class HistoryStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryStore)

public:
    // Uses defaultDatabasePath().
    explicit HistoryStore(QObject *parent = nullptr);
    explicit HistoryStore(const QString &databasePath, QObject *parent = nullptr);
    // Off: URL search always scans with LIKE (to compare both paths in tests and benchmarks).
    enum class SearchIndex { Automatic, Off };
    HistoryStore(const QString &databasePath, SearchIndex searchIndex, QObject *parent = nullptr);
    // Waits up to closeTimeoutMs() for queued writes; queued reads are dropped.
    ~HistoryStore() override;

    // <AppDataLocation>/history.sqlite
    static QString defaultDatabasePath();
    QString databasePath() const { return m_path; }

    static constexpr int CloseTimeoutMs = 3000;
    static constexpr int CurrentSchemaVersion = 3;

    // Takes effect at once (entries past the new limits are pruned, -> entriesPruned()) and for
    // every later write. Defaults to HistoryRetention's defaults.
    void setRetention(const HistoryRetention &retention);
    HistoryRetention retention() const { return m_retention; }

    // Stores the entry (redacting secrets again, in case the caller did not) and emits
    // entryAdded() with the id it was given.
    void add(const HistoryEntry &entry);
    // Stores all entries in one transaction and emits entriesAdded(count) once (imports,
    // benchmarks): no entryAdded() per entry.
    void addAll(const QList<HistoryEntry> &entries);
    void remove(qint64 id); // -> entryRemoved(id)
    void clear(); // -> cleared()

    // Summaries matching `filter`, newest first. Returns a token that loaded() repeats.
    // With `beforeId` > 0 only entries older than that id count (stable paging while entries
    // come and go: pass the oldest id already shown, offset 0).
    quint64 load(const QString &filter, int offset, int limit, qint64 beforeId = 0);
    // The full entry. Returns a token that entryFetched() or fetchFailed() repeats.
    quint64 fetchEntry(qint64 id);

signals:
    // The database is open and ready; `fullTextSearch` is false when URL search falls back
    // to LIKE because SQLite lacks FTS5 with the trigram tokenizer.
    void opened(bool fullTextSearch);
    void entryAdded(const Patchbay::Core::HistoryEntrySummary &summary);
    void entriesAdded(int count);
    void entryRemoved(qint64 id);
    void cleared();
    // The retention limits removed these entries (oldest first).
    void entriesPruned(const QList<qint64> &ids);
    // A VACUUM finished; the database and its write-ahead log now take `fileBytes` on disk.
    void compacted(qint64 fileBytes);
    // `hasMore`: more entries match beyond offset + limit (one extra row is read to know).
    void loaded(quint64 token, const QList<Patchbay::Core::HistoryEntrySummary> &entries,
                bool hasMore);
    void entryFetched(quint64 token, const Patchbay::Core::HistoryEntry &entry);
    void fetchFailed(quint64 token, const QString &message);
    void error(const QString &message);

private:
    friend class HistoryStoreWorker;

    QString m_path;
    HistoryRetention m_retention;
    quint64 m_nextToken = 0;
    std::shared_ptr<HistoryStoreWorker> m_worker; // owned, shared with the thread's function
    std::unique_ptr<QThread> m_thread; // owned
};

} // namespace Patchbay::Core
