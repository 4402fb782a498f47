#include "core/history/historyretention.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Patchbay::Core {

namespace {

constexpr qint64 kMillisPerDay = 24LL * 3600 * 1000;

Error sqlError(const QSqlQuery &q)
{
    return Error {QStringLiteral("history-write"), q.lastError().text()};
}

// Deletes the entries (and their details) selected by `where`, bound to `value`; appends what
// went to `pruned`.
Status deleteWhere(QSqlDatabase &db, const QString &where, const QVariant &value,
                   PrunedHistory &pruned)
{
    QSqlQuery select(db);
    select.setForwardOnly(true);
    select.prepare(QStringLiteral("SELECT id, stored_bytes FROM entries WHERE ") + where
                   + QStringLiteral(" ORDER BY id"));
    select.addBindValue(value);
    if (!select.exec())
        return sqlError(select);
    qint64 count = 0;
    while (select.next()) {
        pruned.ids.append(select.value(0).toLongLong());
        pruned.bytes += select.value(1).toLongLong();
        ++count;
    }
    select.finish();
    if (count == 0)
        return Ok {};
    pruned.entries += count;
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM details WHERE entry_id IN (SELECT id FROM entries "
                                  "WHERE ")
                   + where + u')');
    remove.addBindValue(value);
    if (!remove.exec())
        return sqlError(remove);
    remove.prepare(QStringLiteral("DELETE FROM entries WHERE ") + where);
    remove.addBindValue(value);
    if (!remove.exec())
        return sqlError(remove);
    return Ok {};
}

// The id up to which the oldest entries must go so that at most `keepEntries` entries and
// `keepBytes` bytes remain (a limit <= 0 is off); 0 when nothing has to go.
Result<qint64> oldestCutoff(QSqlDatabase &db, qint64 entryCount, qint64 storedBytes,
                            qint64 keepEntries, qint64 keepBytes)
{
    qint64 excessEntries = keepEntries > 0 ? entryCount - keepEntries : 0;
    qint64 excessBytes = keepBytes > 0 ? storedBytes - keepBytes : 0;
    if (excessEntries <= 0 && excessBytes <= 0)
        return qint64(0);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, stored_bytes FROM entries ORDER BY id")))
        return sqlError(q);
    qint64 cutoff = 0;
    while ((excessEntries > 0 || excessBytes > 0) && q.next()) {
        cutoff = q.value(0).toLongLong();
        --excessEntries;
        excessBytes -= q.value(1).toLongLong();
    }
    return cutoff;
}

} // namespace

Result<PrunedHistory> pruneHistory(QSqlDatabase &db, const HistoryRetention &retention,
                                   qint64 entryCount, qint64 storedBytes, qint64 nowMs)
{
    PrunedHistory pruned;
    if (retention.maxAgeDays > 0) {
        const qint64 oldest = nowMs - qint64(retention.maxAgeDays) * kMillisPerDay;
        if (Status deleted = deleteWhere(db, QStringLiteral("sent_at < ?"), oldest, pruned);
            !deleted)
            return deleted.error();
    }
    const Result<qint64> cutoff
        = oldestCutoff(db, entryCount - pruned.entries, storedBytes - pruned.bytes,
                       retention.maxEntries, retention.maxBytes);
    if (!cutoff)
        return cutoff.error();
    if (cutoff.value() > 0) {
        if (Status deleted = deleteWhere(db, QStringLiteral("id <= ?"), cutoff.value(), pruned);
            !deleted)
            return deleted.error();
    }
    return pruned;
}

bool historyWantsCompaction(QSqlDatabase &db)
{
    QSqlQuery q(db);
    qint64 pages[3] = {0, 0, 0};
    const char *pragmas[3] = {"page_size", "page_count", "freelist_count"};
    for (int i = 0; i < 3; ++i) {
        if (!q.exec(QStringLiteral("PRAGMA ") + QLatin1String(pragmas[i])) || !q.next())
            return false;
        pages[i] = q.value(0).toLongLong();
        q.finish();
    }
    const qint64 freeBytes = pages[0] * pages[2];
    return pages[1] > 0 && freeBytes >= 1024 * 1024 && pages[2] * 4 >= pages[1];
}

} // namespace Patchbay::Core
