#include "core/history/historystore.h"

#include "core/history/historyfilter.h"
#include "core/history/historyschema.h"
#include "core/history/redaction.h"
#include "core/http/requestjson.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>

Q_LOGGING_CATEGORY(lcHistory, "patchbay.history")

namespace Patchbay::Core {

namespace {

QString likePattern(const QString &term)
{
    QString escaped = term;
    escaped.replace(u'\\', QLatin1String("\\\\"));
    escaped.replace(u'%', QLatin1String("\\%"));
    escaped.replace(u'_', QLatin1String("\\_"));
    return u'%' + escaped + u'%';
}

QString ftsPhrase(const QString &term)
{
    QString quoted = term;
    quoted.replace(u'"', QLatin1String("\"\""));
    return u'"' + quoted + u'"';
}

std::atomic<quint64> s_connectionCounter {0};

constexpr qint64 kWalSizeLimit = 16LL * 1024 * 1024;

} // namespace

// Owns the SQLite connection. Everything but post()/shutdown() runs on the worker thread.
class HistoryStoreWorker
{
public:
    HistoryStoreWorker(HistoryStore *store, QString path, HistoryStore::SearchIndex searchIndex)
        : m_store(store)
        , m_path(std::move(path))
        , m_connectionName(QStringLiteral("patchbay-history-%1").arg(++s_connectionCounter))
        , m_searchIndex(searchIndex)
    { }

    enum class Kind { Read, Write };

    void post(Kind kind, std::function<void()> job)
    {
        QMutexLocker lock(&m_mutex);
        m_queue.push_back({kind, std::move(job)});
        m_wake.wakeOne();
    }

    // Called from the owner's thread; run() then drains the queue and returns.
    void shutdown(int timeoutMs)
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_deadline = QDeadlineTimer(timeoutMs);
        m_wake.wakeOne();
    }

    void run()
    {
        openDatabase();
        int dropped = 0;
        for (;;) {
            Job job;
            {
                QMutexLocker lock(&m_mutex);
                // Compaction runs only while nothing else is waiting, between jobs.
                if (m_queue.empty() && !m_stopping && m_compactionWanted) {
                    lock.unlock();
                    compact();
                    continue;
                }
                while (m_queue.empty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_queue.empty())
                    break;
                job = std::move(m_queue.front());
                m_queue.pop_front();
                // Nobody waits for reads any more; writes get until the deadline.
                if (m_stopping && (job.kind == Kind::Read || m_deadline.hasExpired())) {
                    dropped += job.kind == Kind::Write ? 1 : 0;
                    continue;
                }
            }
            job.run();
        }
        if (dropped > 0)
            qCWarning(lcHistory) << "closing history: dropped" << dropped << "unsaved writes";
        closeDatabase();
    }

    // ---- jobs (worker thread) ------------------------------------------------------------

    void add(const HistoryEntry &entry)
    {
        if (!m_available)
            return;
        if (!m_db.transaction())
            return reportWriteError(m_db.lastError());
        QSqlQuery entries(m_db);
        QSqlQuery details(m_db);
        prepareInserts(entries, details);
        HistoryEntrySummary summary;
        qint64 bytes = 0;
        if (!insert(entries, details, entry, &summary, &bytes)) {
            m_db.rollback();
            return;
        }
        if (!m_db.commit()) {
            reportWriteError(m_db.lastError());
            m_db.rollback();
            return;
        }
        m_entryCount += 1;
        m_storedBytes += bytes;
        toStore([store = m_store, summary] { emit store->entryAdded(summary); });
        prune();
    }

    void addAll(const QList<HistoryEntry> &list)
    {
        if (!m_available)
            return;
        if (!m_db.transaction())
            return reportWriteError(m_db.lastError());
        QSqlQuery entries(m_db);
        QSqlQuery details(m_db);
        prepareInserts(entries, details);
        qint64 bytes = 0;
        for (const HistoryEntry &entry : list) {
            qint64 entryBytes = 0;
            if (!insert(entries, details, entry, nullptr, &entryBytes)) {
                m_db.rollback();
                return;
            }
            bytes += entryBytes;
        }
        if (!m_db.commit()) {
            reportWriteError(m_db.lastError());
            m_db.rollback();
            return;
        }
        m_entryCount += list.size();
        m_storedBytes += bytes;
        const int count = int(list.size());
        toStore([store = m_store, count] { emit store->entriesAdded(count); });
        prune();
    }

    void setRetention(const HistoryRetention &retention)
    {
        m_retention = retention;
        prune();
    }

    void remove(qint64 id)
    {
        if (!m_available)
            return;
        m_db.transaction();
        QSqlQuery q(m_db);
        qint64 bytes = 0;
        bool found = false;
        q.prepare(QStringLiteral("SELECT stored_bytes FROM entries WHERE id = ?"));
        q.addBindValue(id);
        if (q.exec() && q.next()) {
            found = true;
            bytes = q.value(0).toLongLong();
        }
        q.finish();
        q.prepare(QStringLiteral("DELETE FROM details WHERE entry_id = ?"));
        q.addBindValue(id);
        bool ok = q.exec();
        if (ok) {
            q.prepare(QStringLiteral("DELETE FROM entries WHERE id = ?"));
            q.addBindValue(id);
            ok = q.exec();
        }
        if (!ok || !m_db.commit()) {
            reportWriteError(ok ? m_db.lastError() : q.lastError());
            m_db.rollback();
            return;
        }
        if (found) {
            m_entryCount -= 1;
            m_storedBytes -= bytes;
        }
        toStore([store = m_store, id] { emit store->entryRemoved(id); });
    }

    void clear()
    {
        if (!m_available)
            return;
        m_db.transaction();
        QStringList statements;
        // With the search index, deleting row by row would fire a trigger per row: empty the
        // index in one go instead.
        if (m_fts)
            statements << QStringLiteral("DROP TRIGGER IF EXISTS entries_fts_delete");
        statements << QStringLiteral("DELETE FROM details")
                   << QStringLiteral("DELETE FROM entries");
        if (m_fts)
            statements << QStringLiteral(
                "INSERT INTO entries_fts(entries_fts) VALUES('delete-all')")
                       << ftsDeleteTrigger();
        QSqlQuery q(m_db);
        for (const QString &sql : statements) {
            if (!q.exec(sql)) {
                reportWriteError(q.lastError());
                m_db.rollback();
                return;
            }
        }
        if (!m_db.commit()) {
            reportWriteError(m_db.lastError());
            m_db.rollback();
            return;
        }
        m_entryCount = 0;
        m_storedBytes = 0;
        m_compactionWanted = historyWantsCompaction(m_db);
        toStore([store = m_store] { emit store->cleared(); });
    }

    void load(quint64 token, const QString &filterText, int offset, int limit, qint64 beforeId)
    {
        QList<HistoryEntrySummary> result;
        bool hasMore = false;
        if (m_available && limit > 0)
            queryPage(parseHistoryFilter(filterText), std::max(0, offset), limit, beforeId, &result,
                      &hasMore);
        toStore([store = m_store, token, result, hasMore] {
            emit store->loaded(token, result, hasMore);
        });
    }

    void fetch(quint64 token, qint64 id)
    {
        QString message;
        HistoryEntry entry;
        if (!m_available) {
            message = QStringLiteral("History is not available: %1").arg(m_lastError);
        } else {
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral(
                "SELECT e.id, e.sent_at, e.status_code, e.error_kind, e.duration_ms, "
                "e.body_size, d.request, d.response, d.body, e.run FROM entries e "
                "JOIN details d ON d.entry_id = e.id WHERE e.id = ?"));
            q.addBindValue(id);
            if (!q.exec()) {
                message = QStringLiteral("Could not read history entry %1: %2")
                              .arg(id)
                              .arg(q.lastError().text());
            } else if (!q.next()) {
                message = QStringLiteral("History entry %1 no longer exists.").arg(id);
            } else {
                entry.id = q.value(0).toLongLong();
                entry.sentAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
                entry.statusCode = q.value(2).toInt();
                entry.errorKind = errorKindFromName(q.value(3).toString());
                entry.totalTimeMs = q.value(4).toDouble();
                entry.bodySize = q.value(5).toLongLong();
                entry.request
                    = requestFromJson(QJsonDocument::fromJson(q.value(6).toByteArray()).object());
                historyResponseFromJson(QJsonDocument::fromJson(q.value(7).toByteArray()).object(),
                                        &entry);
                entry.body = q.value(8).toByteArray();
                entry.run = q.value(9).toString();
            }
        }
        if (message.isEmpty())
            toStore([store = m_store, token, entry] { emit store->entryFetched(token, entry); });
        else
            toStore([store = m_store, token, message] { emit store->fetchFailed(token, message); });
    }

private:
    struct Job
    {
        Kind kind = Kind::Read;
        std::function<void()> run;
    };

    template<typename F> void toStore(F &&f)
    {
        // The store outlives the thread (its destructor joins it), so it is safe to target.
        QMetaObject::invokeMethod(m_store, std::forward<F>(f), Qt::QueuedConnection);
    }

    void reportError(const QString &message)
    {
        qCWarning(lcHistory).noquote() << message;
        if (message == m_lastReported)
            return;
        m_lastReported = message;
        toStore([store = m_store, message] { emit store->error(message); });
    }

    void reportOpenError(const QString &what)
    {
        m_available = false;
        m_lastError = what;
        reportError(QStringLiteral("The history database %1 cannot be used: %2. History is off "
                                   "for this session; move or delete that file and restart "
                                   "Patchbay to start a new history.")
                        .arg(QDir::toNativeSeparators(m_path), what));
    }

    void reportWriteError(const QSqlError &error)
    {
        reportError(QStringLiteral("Could not save to history: %1. Check that %2 is writable and "
                                   "that the disk is not full.")
                        .arg(error.text(), QDir::toNativeSeparators(m_path)));
    }

    bool exec(QSqlQuery &q, const QString &sql)
    {
        if (q.exec(sql))
            return true;
        qCDebug(lcHistory) << "failed:" << sql << q.lastError().text();
        return false;
    }

    void openDatabase()
    {
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        if (!m_db.isValid())
            return reportOpenError(QStringLiteral("the Qt SQLite driver (QSQLITE) is missing"));
        m_db.setDatabaseName(m_path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!m_db.open())
            return reportOpenError(m_db.lastError().text());

        QSqlQuery q(m_db);
        // The first read is where a damaged or foreign file shows ("file is not a database").
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return reportOpenError(q.lastError().text());
        const int version = q.value(0).toInt();
        q.finish();
        if (version > HistoryStore::CurrentSchemaVersion)
            return reportOpenError(
                QStringLiteral("it was written by a newer Patchbay (schema %1, this one "
                               "reads %2)")
                    .arg(version)
                    .arg(HistoryStore::CurrentSchemaVersion));

        if (q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) && q.next()) {
            if (q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
                qCWarning(lcHistory) << "history database not in WAL mode:" << q.value(0);
        }
        q.finish();
        exec(q, QStringLiteral("PRAGMA synchronous=NORMAL"));
        // The write-ahead log shrinks back to this after a checkpoint instead of keeping the
        // size of the largest transaction (a VACUUM writes the whole database into it).
        exec(q, QStringLiteral("PRAGMA journal_size_limit=%1").arg(kWalSizeLimit));

        if (!migrate(version))
            return;
        m_available = true;
        ensureSearchIndex();
        if (m_searchIndex == HistoryStore::SearchIndex::Off)
            m_fts = false;
        if (!checkReadable())
            return;
        readTotals();
        toStore([store = m_store, fts = m_fts] { emit store->opened(fts); });
        prune();
    }

    // A first read of the main table catches files whose header is fine but whose tables are
    // not readable.
    bool checkReadable()
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT max(id) FROM entries"))) {
            reportOpenError(q.lastError().text());
            return false;
        }
        return true;
    }

    bool migrate(int from)
    {
        const Status migrated
            = migrateHistorySchema(m_db, from, HistoryStore::CurrentSchemaVersion);
        if (!migrated) {
            reportOpenError(QStringLiteral("its layout could not be updated (%1)")
                                .arg(migrated.error().message));
            return false;
        }
        if (from < HistoryStore::CurrentSchemaVersion)
            qCInfo(lcHistory) << "history schema now at version"
                              << HistoryStore::CurrentSchemaVersion;
        return true;
    }

    static QString ftsDeleteTrigger()
    {
        return QStringLiteral(
            "CREATE TRIGGER IF NOT EXISTS entries_fts_delete AFTER DELETE ON entries BEGIN "
            "INSERT INTO entries_fts(entries_fts, rowid, url) VALUES ('delete', old.id, "
            "old.url); END");
    }

    // The trigram index makes URL substring search fast. It is derived data, so it is made
    // (and filled) whenever it is missing and SQLite can make it; otherwise search uses LIKE.
    void ensureSearchIndex()
    {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'entries_fts'"))
            && q.next() && q.value(0).toInt() > 0) {
            q.finish();
            m_fts = q.exec(QStringLiteral(
                "SELECT rowid FROM entries_fts WHERE entries_fts MATCH '\"abc\"' LIMIT 1"));
            if (!m_fts)
                qCWarning(lcHistory)
                    << "history search index unusable, using LIKE:" << q.lastError().text();
            return;
        }
        q.finish();
        m_db.transaction();
        const QStringList statements = {
            QStringLiteral("CREATE VIRTUAL TABLE entries_fts USING fts5(url, content='entries', "
                           "content_rowid='id', tokenize='trigram')"),
            QStringLiteral("CREATE TRIGGER IF NOT EXISTS entries_fts_insert AFTER INSERT ON "
                           "entries BEGIN INSERT INTO entries_fts(rowid, url) VALUES (new.id, "
                           "new.url); END"),
            ftsDeleteTrigger(),
            QStringLiteral("INSERT INTO entries_fts(entries_fts) VALUES('rebuild')"),
        };
        bool ok = true;
        for (const QString &sql : statements) {
            ok = exec(q, sql);
            if (!ok)
                break;
        }
        if (ok && m_db.commit()) {
            m_fts = true;
            return;
        }
        qCInfo(lcHistory) << "SQLite has no FTS5 trigram tokenizer; URL search uses LIKE:"
                          << q.lastError().text();
        m_db.rollback();
        m_fts = false;
    }

    void closeDatabase()
    {
        if (m_db.isOpen())
            m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }

    static void prepareInserts(QSqlQuery &entries, QSqlQuery &details)
    {
        entries.prepare(QStringLiteral(
            "INSERT INTO entries(sent_at, method, url, status_code, error_kind, duration_ms, "
            "body_size, stored_bytes, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        details.prepare(QStringLiteral(
            "INSERT INTO details(entry_id, request, response, body) VALUES (?, ?, ?, ?)"));
    }

    bool insert(QSqlQuery &entries, QSqlQuery &details, const HistoryEntry &original,
                HistoryEntrySummary *summaryOut, qint64 *storedBytes)
    {
        HistoryEntry entry = original;
        entry.request = redactSecrets(entry.request);
        entry.responseHeaders = redactSecrets(entry.responseHeaders);
        if (!entry.sentAt.isValid())
            entry.sentAt = QDateTime::currentDateTimeUtc();
        HistoryEntrySummary summary = summaryOf(entry);

        const QByteArray requestJson
            = QJsonDocument(requestToJson(entry.request)).toJson(QJsonDocument::Compact);
        const QByteArray responseJson
            = QJsonDocument(historyResponseToJson(entry)).toJson(QJsonDocument::Compact);
        const QByteArray body = entry.body.isNull() ? QByteArray("") : entry.body;
        *storedBytes
            = summary.url.toUtf8().size() + requestJson.size() + responseJson.size() + body.size();
        entries.bindValue(0, entry.sentAt.toMSecsSinceEpoch());
        entries.bindValue(1, summary.method);
        entries.bindValue(2, summary.url);
        entries.bindValue(3, summary.statusCode);
        entries.bindValue(4, errorKindName(summary.errorKind));
        entries.bindValue(5, summary.durationMs);
        entries.bindValue(6, summary.bodySize);
        entries.bindValue(7, *storedBytes);
        entries.bindValue(8, summary.run.isEmpty() ? QStringLiteral("") : summary.run); // not NULL
        if (!entries.exec()) {
            reportWriteError(entries.lastError());
            return false;
        }
        summary.id = entries.lastInsertId().toLongLong();
        details.bindValue(0, summary.id);
        details.bindValue(1, requestJson);
        details.bindValue(2, responseJson);
        details.bindValue(3, body);
        if (!details.exec()) {
            reportWriteError(details.lastError());
            return false;
        }
        if (summaryOut) {
            summary.sentAt
                = QDateTime::fromMSecsSinceEpoch(entry.sentAt.toMSecsSinceEpoch(), Qt::UTC);
            *summaryOut = summary;
        }
        return true;
    }

    void readTotals()
    {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("SELECT count(*), coalesce(sum(stored_bytes), 0) FROM entries"))
            && q.next()) {
            m_entryCount = q.value(0).toLongLong();
            m_storedBytes = q.value(1).toLongLong();
        }
    }

    // Deletes what the retention limits no longer allow, oldest first.
    void prune()
    {
        if (!m_available || m_retention.isUnlimited())
            return;
        if (!m_db.transaction())
            return reportWriteError(m_db.lastError());
        const Result<PrunedHistory> pruned = pruneHistory(
            m_db, m_retention, m_entryCount, m_storedBytes, QDateTime::currentMSecsSinceEpoch());
        if (!pruned) {
            m_db.rollback();
            return reportError(QStringLiteral("Could not remove old history entries: %1")
                                   .arg(pruned.error().message));
        }
        if (pruned->ids.isEmpty()) {
            m_db.rollback();
            return;
        }
        if (!m_db.commit()) {
            reportWriteError(m_db.lastError());
            m_db.rollback();
            readTotals();
            return;
        }
        m_entryCount -= pruned->entries;
        m_storedBytes -= pruned->bytes;
        if (!m_compactionWanted)
            m_compactionWanted = historyWantsCompaction(m_db);
        toStore([store = m_store, ids = pruned->ids] { emit store->entriesPruned(ids); });
    }

    // Gives free pages back to the disk. Runs between jobs while the queue is empty.
    void compact()
    {
        m_compactionWanted = false;
        QSqlQuery q(m_db);
        if (!exec(q, QStringLiteral("VACUUM")))
            return;
        exec(q, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        q.finish();
        const qint64 bytes
            = QFileInfo(m_path).size() + QFileInfo(m_path + QStringLiteral("-wal")).size();
        toStore([store = m_store, bytes] { emit store->compacted(bytes); });
    }

    void queryPage(const HistoryFilter &filter, int offset, int limit, qint64 beforeId,
                   QList<HistoryEntrySummary> *out, bool *hasMore)
    {
        QStringList ftsTerms;
        QStringList likeTerms;
        for (const QString &term : filter.urlTerms) {
            // Trigrams need three characters; shorter terms scan with LIKE.
            if (m_fts && term.size() >= 3)
                ftsTerms << ftsPhrase(term);
            else
                likeTerms << term;
        }

        QString sql = QStringLiteral("SELECT e.id, e.sent_at, e.method, e.url, e.status_code, "
                                     "e.error_kind, e.duration_ms, e.body_size, e.run FROM ");
        QStringList where;
        QVariantList binds;
        QString order = QStringLiteral(" ORDER BY e.id DESC");
        if (!ftsTerms.isEmpty()) {
            // Driving the query from the index in rowid order lets LIMIT stop early.
            sql += QStringLiteral("entries_fts JOIN entries e ON e.id = entries_fts.rowid");
            where << QStringLiteral("entries_fts MATCH ?");
            binds << ftsTerms.join(u' ');
            order = QStringLiteral(" ORDER BY entries_fts.rowid DESC");
        } else {
            sql += QStringLiteral("entries e");
        }
        if (beforeId > 0) {
            where << (ftsTerms.isEmpty() ? QStringLiteral("e.id < ?")
                                         : QStringLiteral("entries_fts.rowid < ?"));
            binds << beforeId;
        }
        for (const QString &term : likeTerms) {
            where << QStringLiteral("e.url LIKE ? ESCAPE '\\'");
            binds << likePattern(term);
        }
        if (!filter.methods.isEmpty()) {
            QStringList marks;
            for (const QString &m : filter.methods) {
                marks << QStringLiteral("?");
                binds << m;
            }
            where << QStringLiteral("e.method IN (") + marks.join(u',') + u')';
        }
        if (!filter.statusRanges.isEmpty()) {
            QStringList ranges;
            for (const HistoryFilter::StatusRange &r : filter.statusRanges) {
                if (r.from == r.to) {
                    ranges << QStringLiteral("e.status_code = ?");
                    binds << r.from;
                } else {
                    ranges << QStringLiteral("e.status_code BETWEEN ? AND ?");
                    binds << r.from << r.to;
                }
            }
            where << u'(' + ranges.join(QLatin1String(" OR ")) + u')';
        }
        if (filter.origin == HistoryFilter::Origin::ByHand)
            where << QStringLiteral("e.run = ''");
        else if (filter.origin == HistoryFilter::Origin::Runs)
            where << QStringLiteral("e.run <> ''");
        if (!where.isEmpty())
            sql += QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND "));
        sql += order + QStringLiteral(" LIMIT ? OFFSET ?");
        binds << limit + 1 << offset;

        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            reportError(QStringLiteral("Could not search history: %1").arg(q.lastError().text()));
            return;
        }
        for (const QVariant &v : std::as_const(binds))
            q.addBindValue(v);
        if (!q.exec()) {
            reportError(QStringLiteral("Could not search history: %1").arg(q.lastError().text()));
            return;
        }
        out->reserve(limit);
        while (q.next()) {
            if (out->size() == limit) {
                *hasMore = true;
                break;
            }
            HistoryEntrySummary s;
            s.id = q.value(0).toLongLong();
            s.sentAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
            s.method = q.value(2).toString();
            s.url = q.value(3).toString();
            s.statusCode = q.value(4).toInt();
            s.errorKind = errorKindFromName(q.value(5).toString());
            s.durationMs = q.value(6).toDouble();
            s.bodySize = q.value(7).toLongLong();
            s.run = q.value(8).toString();
            out->append(s);
        }
    }

    HistoryStore *m_store; // not owned; outlives the worker thread
    const QString m_path;
    const QString m_connectionName;
    const HistoryStore::SearchIndex m_searchIndex;

    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Job> m_queue; // guarded by m_mutex
    bool m_stopping = false; // guarded by m_mutex
    QDeadlineTimer m_deadline; // guarded by m_mutex

    // Worker thread only.
    QSqlDatabase m_db;
    HistoryRetention m_retention;
    qint64 m_entryCount = 0;
    qint64 m_storedBytes = 0;
    bool m_compactionWanted = false;
    bool m_available = false;
    bool m_fts = false;
    QString m_lastError;
    QString m_lastReported;
};

HistoryStore::HistoryStore(QObject *parent)
    : HistoryStore(defaultDatabasePath(), parent)
{ }

HistoryStore::HistoryStore(const QString &databasePath, QObject *parent)
    : HistoryStore(databasePath, SearchIndex::Automatic, parent)
{ }

HistoryStore::HistoryStore(const QString &databasePath, SearchIndex searchIndex, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
    , m_worker(std::make_shared<HistoryStoreWorker>(this, databasePath, searchIndex))
{
    m_thread.reset(QThread::create([worker = m_worker] { worker->run(); }));
    m_thread->setObjectName(QStringLiteral("HistoryStore"));
    m_thread->start();
}

HistoryStore::~HistoryStore()
{
    m_worker->shutdown(CloseTimeoutMs);
    // The worker stops at the deadline after at most one more statement (SQLite's busy
    // timeout bounds a locked database).
    m_thread->wait();
}

QString HistoryStore::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/history.sqlite");
}

void HistoryStore::add(const HistoryEntry &entry)
{
    m_worker->post(HistoryStoreWorker::Kind::Write, [w = m_worker.get(), entry] { w->add(entry); });
}

void HistoryStore::addAll(const QList<HistoryEntry> &entries)
{
    m_worker->post(HistoryStoreWorker::Kind::Write,
                   [w = m_worker.get(), entries] { w->addAll(entries); });
}

void HistoryStore::setRetention(const HistoryRetention &retention)
{
    m_retention = retention;
    m_worker->post(HistoryStoreWorker::Kind::Write,
                   [w = m_worker.get(), retention] { w->setRetention(retention); });
}

void HistoryStore::remove(qint64 id)
{
    m_worker->post(HistoryStoreWorker::Kind::Write, [w = m_worker.get(), id] { w->remove(id); });
}

void HistoryStore::clear()
{
    m_worker->post(HistoryStoreWorker::Kind::Write, [w = m_worker.get()] { w->clear(); });
}

quint64 HistoryStore::load(const QString &filter, int offset, int limit, qint64 beforeId)
{
    const quint64 token = ++m_nextToken;
    m_worker->post(HistoryStoreWorker::Kind::Read,
                   [w = m_worker.get(), token, filter, offset, limit, beforeId] {
                       w->load(token, filter, offset, limit, beforeId);
                   });
    return token;
}

quint64 HistoryStore::fetchEntry(qint64 id)
{
    const quint64 token = ++m_nextToken;
    m_worker->post(HistoryStoreWorker::Kind::Read,
                   [w = m_worker.get(), token, id] { w->fetch(token, id); });
    return token;
}

} // namespace Patchbay::Core
