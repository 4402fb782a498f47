#pragma once

#include "core/common/result.h"

#include <QList>
#include <QtGlobal>

class QSqlDatabase;

namespace Patchbay::Core {

// How much history to keep: the oldest entries go first once any limit is passed. Enforced by
// HistoryStore on every write; 0 turns a limit off. A plain value, so settings code (QSettings,
// a Preferences dialog) can load, edit and pass it without the store knowing about either.
struct HistoryRetention
{
    int maxEntries = 100000;
    int maxAgeDays = 0; // entries sent more than this many days ago go
    // Bytes kept per entry (URL, request and response as stored, body up to the history cap),
    // summed over all entries. The database file also holds indexes and free pages; compaction
    // (VACUUM) returns free pages to the disk in the background.
    qint64 maxBytes = 512LL * 1024 * 1024;

    static HistoryRetention unlimited() { return {0, 0, 0}; }
    bool isUnlimited() const { return maxEntries <= 0 && maxAgeDays <= 0 && maxBytes <= 0; }

    friend bool operator==(const HistoryRetention &, const HistoryRetention &) = default;
};

// What pruneHistory() removed.
struct PrunedHistory
{
    QList<qint64> ids; // oldest first
    qint64 entries = 0;
    qint64 bytes = 0;
};

// Internal to core/history (the store's worker thread): deletes the entries `retention` no
// longer allows, in the caller's transaction. `entryCount` and `storedBytes` are the totals
// before pruning; `nowMs` is the current time in milliseconds since the epoch.
// Errors carry SQLite's message.
Result<PrunedHistory> pruneHistory(QSqlDatabase &db, const HistoryRetention &retention,
                                   qint64 entryCount, qint64 storedBytes, qint64 nowMs);

// Whether the free pages are worth a VACUUM: at least a quarter of the file and 1 MiB.
bool historyWantsCompaction(QSqlDatabase &db);

} // namespace Patchbay::Core
