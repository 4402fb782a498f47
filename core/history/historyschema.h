#pragma once

// Internal to core/history: the SQLite layout of the history database and the JSON encoding of
// the columns that hold structured data. Only HistoryStore's worker thread uses these.

#include "core/common/result.h"
#include "core/history/historyentry.h"

#include <QJsonObject>

class QSqlDatabase;

namespace Patchbay::Core {

// Takes the schema from version `from` to `to`, one transaction per version, setting
// PRAGMA user_version as it goes. Errors carry SQLite's message.
Status migrateHistorySchema(QSqlDatabase &db, int from, int to);

// The newest version migrateHistorySchema() can reach.
int historySchemaVersionCount();

// The response parts of an entry that are not columns (reason, headers, ...), and back.
QJsonObject historyResponseToJson(const HistoryEntry &entry);
void historyResponseFromJson(const QJsonObject &object, HistoryEntry *entry);

} // namespace Patchbay::Core
