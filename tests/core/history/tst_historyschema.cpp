#include "core/history/historystore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchbay::Core;

// Every history database an earlier build may have written reaches the current schema with its
// entries intact. Two branches both called their layout "version 2": one added `stored_bytes`
// (retention by size), the other `run` (entries sent by collection runs).
class TestHistorySchema final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString dbPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }

    static bool exec(QSqlQuery &q, const QString &sql)
    {
        if (q.exec(sql))
            return true;
        qWarning("%s failed", qPrintable(sql));
        return false;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void earlierSchemasAreMigrated_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("hasStoredBytes");
        QTest::addColumn<bool>("hasRun");
        QTest::newRow("version 1") << 1 << false << false;
        QTest::newRow("version 2 with stored_bytes") << 2 << true << false;
        QTest::newRow("version 2 with run") << 2 << false << true;
    }

    void earlierSchemasAreMigrated()
    {
        QFETCH(int, version);
        QFETCH(bool, hasStoredBytes);
        QFETCH(bool, hasRun);
        const QString name = QStringLiteral("old");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QString columns = QStringLiteral(
                "id INTEGER PRIMARY KEY AUTOINCREMENT, sent_at INTEGER NOT NULL, method TEXT NOT "
                "NULL, url TEXT NOT NULL, status_code INTEGER NOT NULL, error_kind TEXT NOT NULL, "
                "duration_ms REAL NOT NULL, body_size INTEGER NOT NULL");
            if (hasStoredBytes)
                columns += QStringLiteral(", stored_bytes INTEGER NOT NULL DEFAULT 0");
            if (hasRun)
                columns += QStringLiteral(", run TEXT NOT NULL DEFAULT ''");
            QVERIFY(exec(q, QStringLiteral("CREATE TABLE entries (%1)").arg(columns)));
            QVERIFY(exec(q,
                         QStringLiteral("CREATE TABLE details (entry_id INTEGER PRIMARY KEY, "
                                        "request TEXT NOT NULL, response TEXT NOT NULL, body "
                                        "BLOB NOT NULL)")));
            QVERIFY(exec(q,
                         QStringLiteral("INSERT INTO entries(id, sent_at, method, url, "
                                        "status_code, error_kind, duration_ms, body_size) "
                                        "VALUES (1, 1700000000000, 'GET', 'http://h/1', 200, "
                                        "'none', 12, 4)")));
            QVERIFY(exec(q,
                         QStringLiteral("INSERT INTO details VALUES (1, '{}', '{}', "
                                        "x'00010203')")));
            if (hasStoredBytes)
                QVERIFY(exec(q, QStringLiteral("UPDATE entries SET stored_bytes = 18")));
            if (hasRun)
                QVERIFY(exec(q, QStringLiteral("UPDATE entries SET run = 'Nightly'")));
            QVERIFY(exec(q, QStringLiteral("PRAGMA user_version = %1").arg(version)));
        }
        QSqlDatabase::removeDatabase(name);

        {
            HistoryStore store(dbPath());
            store.setRetention(HistoryRetention::unlimited());
            QSignalSpy error(&store, &HistoryStore::error);
            QSignalSpy loaded(&store, &HistoryStore::loaded);
            store.load(QString(), 0, 100);
            QVERIFY(loaded.wait(10000));
            QCOMPARE(error.size(), 0);
            const auto list = loaded.at(0).at(1).value<QList<HistoryEntrySummary>>();
            QCOMPARE(list.size(), 1);
            QCOMPARE(list.at(0).url, QStringLiteral("http://h/1"));
            QCOMPARE(list.at(0).run, hasRun ? QStringLiteral("Nightly") : QString());

            // New entries use both columns.
            Request request;
            request.url = QStringLiteral("http://h/2");
            Response response;
            response.statusCode = 201;
            response.timing.startedAt = QDateTime::currentDateTimeUtc();
            HistoryEntry entry = historyEntryFrom(request, response);
            entry.run = QStringLiteral("Run B");
            QSignalSpy added(&store, &HistoryStore::entryAdded);
            store.add(entry);
            QVERIFY(added.wait(10000));
            QCOMPARE(error.size(), 0);
        }

        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(exec(q, QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), HistoryStore::CurrentSchemaVersion);
            QVERIFY(exec(q, QStringLiteral("SELECT id, stored_bytes, run FROM entries ORDER BY id"))
                    && q.next());
            // "http://h/1" (10) + "{}" + "{}" + 4 body bytes, computed or kept.
            QCOMPARE(q.value(1).toLongLong(), 18);
            QCOMPARE(q.value(2).toString(), hasRun ? QStringLiteral("Nightly") : QString());
            QVERIFY(q.next());
            QVERIFY(q.value(1).toLongLong() > 0);
            QCOMPARE(q.value(2).toString(), QStringLiteral("Run B"));
            QVERIFY(exec(q, QStringLiteral("PRAGMA integrity_check")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        }
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(TestHistorySchema)
#include "tst_historyschema.moc"
