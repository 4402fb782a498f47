#include "core/history/historyschema.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Patchbay::Core {

namespace {

// One step of a migration: `sql`, run only while `column` (when named) is missing from
// `entries`. Two branches once both called their schema version 2 (one added stored_bytes, the
// other run); version 3 adds whichever of the two a database lacks, so all of them end alike.
struct MigrationStep
{
    QString column;
    QStringList sql;
};

// What each entry keeps, in bytes, for the retention limit (HistoryRetention).
MigrationStep storedBytesStep()
{
    return {QStringLiteral("stored_bytes"),
            {QStringLiteral("ALTER TABLE entries ADD COLUMN stored_bytes INTEGER NOT NULL "
                            "DEFAULT 0"),
             QStringLiteral("UPDATE entries SET stored_bytes = length(CAST(url AS BLOB)) + "
                            "coalesce((SELECT length(CAST(d.request AS BLOB)) + "
                            "length(CAST(d.response AS BLOB)) + length(d.body) FROM details d "
                            "WHERE d.entry_id = entries.id), 0)")}};
}

// Requests sent by collection runs name their run; by hand: ''.
MigrationStep runStep()
{
    return {QStringLiteral("run"),
            {QStringLiteral("ALTER TABLE entries ADD COLUMN run TEXT NOT NULL DEFAULT ''")}};
}

// Index i holds the steps that take the schema from version i to i + 1.
const QList<QList<MigrationStep>> &migrations()
{
    static const QList<QList<MigrationStep>> list = {
        {{QString(),
          {QStringLiteral("CREATE TABLE IF NOT EXISTS entries ("
                          "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                          "sent_at INTEGER NOT NULL, "
                          "method TEXT NOT NULL, "
                          "url TEXT NOT NULL, "
                          "status_code INTEGER NOT NULL, "
                          "error_kind TEXT NOT NULL, "
                          "duration_ms REAL NOT NULL, "
                          "body_size INTEGER NOT NULL)"),
           QStringLiteral("CREATE INDEX IF NOT EXISTS entries_method ON entries(method)"),
           QStringLiteral("CREATE INDEX IF NOT EXISTS entries_status ON entries(status_code)"),
           // Large columns live apart so that listing summaries reads small rows only.
           QStringLiteral("CREATE TABLE IF NOT EXISTS details ("
                          "entry_id INTEGER PRIMARY KEY, "
                          "request TEXT NOT NULL, "
                          "response TEXT NOT NULL, "
                          "body BLOB NOT NULL)")}}},
        {storedBytesStep()},
        {runStep(), storedBytesStep()},
    };
    return list;
}

bool hasColumn(QSqlDatabase &db, const QString &column)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA table_info(entries)")))
        return false;
    while (q.next()) {
        if (q.value(1).toString() == column)
            return true;
    }
    return false;
}

} // namespace

int historySchemaVersionCount()
{
    return int(migrations().size());
}

Status migrateHistorySchema(QSqlDatabase &db, int from, int to)
{
    Q_ASSERT(to <= migrations().size());
    for (int v = from; v < to; ++v) {
        db.transaction();
        QSqlQuery q(db);
        bool ok = true;
        for (const MigrationStep &step : migrations().at(v)) {
            if (!step.column.isEmpty() && hasColumn(db, step.column))
                continue;
            for (const QString &sql : step.sql) {
                ok = q.exec(sql);
                if (!ok)
                    break;
            }
            if (!ok)
                break;
        }
        if (ok)
            ok = q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1));
        if (!ok || !db.commit()) {
            const QString what = ok ? db.lastError().text() : q.lastError().text();
            db.rollback();
            return Error {QStringLiteral("history-schema"), what};
        }
    }
    return Ok {};
}

// Header bytes are kept exactly: Latin-1 maps every byte to one character and back.
QJsonObject historyResponseToJson(const HistoryEntry &e)
{
    QJsonArray headers;
    for (const HttpHeader &h : e.responseHeaders)
        headers.append(QJsonArray {QString::fromLatin1(h.name), QString::fromLatin1(h.value)});
    return QJsonObject {{QStringLiteral("reason"), e.reason},
                        {QStringLiteral("httpVersion"), e.httpVersion},
                        {QStringLiteral("headers"), headers},
                        {QStringLiteral("bodyTruncated"), e.bodyTruncated},
                        {QStringLiteral("contentType"), e.contentType},
                        {QStringLiteral("errorMessage"), e.errorMessage}};
}

void historyResponseFromJson(const QJsonObject &o, HistoryEntry *e)
{
    e->reason = o.value(QLatin1String("reason")).toString();
    e->httpVersion = o.value(QLatin1String("httpVersion")).toString();
    for (const QJsonValue &item : o.value(QLatin1String("headers")).toArray()) {
        const QJsonArray pair = item.toArray();
        e->responseHeaders.append(
            {pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    e->bodyTruncated = o.value(QLatin1String("bodyTruncated")).toBool();
    e->contentType = o.value(QLatin1String("contentType")).toString();
    e->errorMessage = o.value(QLatin1String("errorMessage")).toString();
}

} // namespace Patchbay::Core
