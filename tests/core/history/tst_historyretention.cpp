#include "core/history/historystore.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchbay::Core;

namespace {

HistoryEntry makeEntry(int n, const QByteArray &body = QByteArray("{\"ok\":true}"))
{
    Request request;
    request.url = QStringLiteral("https://api.example.com/items/%1").arg(n);
    Response response;
    response.statusCode = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = ResponseBody(body);
    response.timing.startedAt = QDateTime::currentDateTimeUtc();
    response.timing.finished = 3;
    return historyEntryFrom(request, response);
}

// Reads the database through a connection of its own (WAL lets it read beside the store).
class Inspector
{
public:
    explicit Inspector(const QString &path)
        : m_name(QStringLiteral("inspector-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~Inspector()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    qint64 scalar(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    void exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql))
            qWarning("%s failed", qPrintable(sql));
    }

private:
    QString m_name;
};

} // namespace

class TestHistoryRetention final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString dbPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }

    static bool waitOpened(HistoryStore &store)
    {
        QSignalSpy opened(&store, &HistoryStore::opened);
        return opened.wait(10000);
    }

    // Adds entries one by one (each write prunes) and waits until all are stored.
    static bool addEach(HistoryStore &store, const QList<HistoryEntry> &entries)
    {
        QSignalSpy added(&store, &HistoryStore::entryAdded);
        for (const HistoryEntry &e : entries)
            store.add(e);
        return QTest::qWaitFor([&] { return added.size() == entries.size(); }, 20000);
    }

    static QStringList urls(HistoryStore &store)
    {
        QSignalSpy loaded(&store, &HistoryStore::loaded);
        store.load(QString(), 0, 100000);
        if (!loaded.wait(10000))
            return {};
        QStringList out;
        for (const HistoryEntrySummary &s : loaded.at(0).at(1).value<QList<HistoryEntrySummary>>())
            out << s.url;
        return out;
    }

    static QList<qint64> prunedIds(const QSignalSpy &spy)
    {
        QList<qint64> ids;
        for (const QList<QVariant> &args : spy)
            ids << args.at(0).value<QList<qint64>>();
        return ids;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void defaultsBoundEntriesAndBytes()
    {
        const HistoryRetention defaults;
        QCOMPARE(defaults.maxEntries, 100000);
        QCOMPARE(defaults.maxBytes, 512LL * 1024 * 1024);
        QVERIFY(!defaults.isUnlimited());
        HistoryStore store(dbPath());
        QCOMPARE(store.retention(), defaults);
        QVERIFY(HistoryRetention::unlimited().isUnlimited());
    }

    // At the limit nothing goes; one past it, the oldest entry goes.
    void entriesAtAndPastTheLimit()
    {
        HistoryStore store(dbPath());
        store.setRetention({10, 0, 0});
        QSignalSpy pruned(&store, &HistoryStore::entriesPruned);
        QList<HistoryEntry> entries;
        for (int i = 0; i < 10; ++i)
            entries << makeEntry(i);
        QVERIFY(addEach(store, entries));
        QCOMPARE(urls(store).size(), 10);
        QCOMPARE(pruned.size(), 0);

        QVERIFY(addEach(store, {makeEntry(10)}));
        QTRY_COMPARE(pruned.size(), 1);
        const QStringList kept = urls(store);
        QCOMPARE(kept.size(), 10);
        QCOMPARE(kept.first(), QStringLiteral("https://api.example.com/items/10"));
        QCOMPARE(kept.last(), QStringLiteral("https://api.example.com/items/1"));
        QCOMPARE(prunedIds(pruned).size(), 1);
    }

    void writeLoopKeepsTheNewest()
    {
        HistoryStore store(dbPath());
        store.setRetention({10, 0, 0});
        QSignalSpy pruned(&store, &HistoryStore::entriesPruned);
        QList<HistoryEntry> entries;
        for (int i = 0; i < 25; ++i)
            entries << makeEntry(i);
        QVERIFY(addEach(store, entries));
        QTRY_COMPARE(prunedIds(pruned).size(), 15);
        const QList<qint64> ids = prunedIds(pruned);
        QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));
        const QStringList kept = urls(store);
        QCOMPARE(kept.size(), 10);
        QCOMPARE(kept.first(), QStringLiteral("https://api.example.com/items/24"));
        QCOMPARE(kept.last(), QStringLiteral("https://api.example.com/items/15"));
        Inspector db(dbPath());
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM details")), 10);
    }

    void ageLimit()
    {
        HistoryStore store(dbPath());
        store.setRetention(HistoryRetention::unlimited());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        HistoryEntry old = makeEntry(1);
        old.sentAt = now.addDays(-40);
        HistoryEntry recent = makeEntry(2);
        recent.sentAt = now.addDays(-10);
        QVERIFY(addEach(store, {old, recent, makeEntry(3)}));
        QSignalSpy pruned(&store, &HistoryStore::entriesPruned);
        store.setRetention({0, 30, 0});
        QVERIFY(pruned.wait(10000));
        QCOMPARE(prunedIds(pruned).size(), 1);
        QCOMPARE(urls(store),
                 (QStringList {QStringLiteral("https://api.example.com/items/3"),
                               QStringLiteral("https://api.example.com/items/2")}));
    }

    // The 1.5 GB of the bug report, scaled down: 16 MiB written into a 1 MiB history. Pages
    // freed by pruning are reused by the next writes, so the file stays near the limit.
    void bytesLimitBoundsAWriteLoop()
    {
        constexpr qint64 limit = 1024 * 1024;
        HistoryStore store(dbPath());
        store.setRetention({0, 0, limit});
        const QByteArray body(64 * 1024, 'x');
        QList<HistoryEntry> entries;
        for (int i = 0; i < 256; ++i)
            entries << makeEntry(i, body);
        QVERIFY(addEach(store, entries));
        QCOMPARE(urls(store).first(), QStringLiteral("https://api.example.com/items/255"));
        Inspector db(dbPath());
        const qint64 stored = db.scalar(QStringLiteral("SELECT sum(stored_bytes) FROM entries"));
        QVERIFY2(stored > 0 && stored <= limit, qPrintable(QString::number(stored)));
        // Each entry counts its body, URL and stored JSON.
        QVERIFY(db.scalar(QStringLiteral("SELECT min(stored_bytes) FROM entries")) > body.size());
        const qint64 count = db.scalar(QStringLiteral("SELECT count(*) FROM entries"));
        QVERIFY2(count >= 14 && count <= 15, qPrintable(QString::number(count)));
        const qint64 onDisk = QFileInfo(dbPath()).size();
        QVERIFY2(onDisk < 3 * limit, qPrintable(QString::number(onDisk)));
    }

    // Lowering the limits frees many pages at once: a VACUUM on the worker gives them back.
    void lowerLimitsCompactTheFile()
    {
        HistoryStore store(dbPath());
        store.setRetention(HistoryRetention::unlimited());
        const QByteArray body(64 * 1024, 'z');
        QList<HistoryEntry> entries;
        for (int i = 0; i < 128; ++i)
            entries << makeEntry(i, body);
        QVERIFY(addEach(store, entries));
        QCOMPARE(urls(store).size(), 128);
        const qint64 before
            = QFileInfo(dbPath()).size() + QFileInfo(dbPath() + QStringLiteral("-wal")).size();
        QVERIFY2(before > 8 * 1024 * 1024, qPrintable(QString::number(before)));

        QSignalSpy compacted(&store, &HistoryStore::compacted);
        store.setRetention({4, 0, 0});
        QVERIFY(compacted.wait(20000));
        const qint64 reported = compacted.at(0).at(0).toLongLong();
        const qint64 after
            = QFileInfo(dbPath()).size() + QFileInfo(dbPath() + QStringLiteral("-wal")).size();
        QVERIFY2(after < 1024 * 1024, qPrintable(QString::number(after)));
        QCOMPARE(reported, after);
        QCOMPARE(urls(store).size(), 4);
    }

    void totalsSurviveReopening()
    {
        {
            HistoryStore store(dbPath());
            store.setRetention(HistoryRetention::unlimited());
            QList<HistoryEntry> entries;
            for (int i = 0; i < 8; ++i)
                entries << makeEntry(i, QByteArray(10000, 'y'));
            QVERIFY(addEach(store, entries));
        }
        // Each entry keeps a little more than its 10,000-byte body (the request as JSON grows
        // with every setting a request has): room for four and a half of the largest.
        qint64 entryBytes = 0;
        {
            Inspector db(dbPath());
            entryBytes = db.scalar(QStringLiteral("SELECT max(stored_bytes) FROM entries"));
        }
        QVERIFY(entryBytes > 10000 && entryBytes < 12000);
        HistoryStore store(dbPath());
        QSignalSpy pruned(&store, &HistoryStore::entriesPruned);
        store.setRetention({0, 0, 4 * entryBytes + entryBytes / 2});
        QVERIFY(pruned.wait(10000));
        QCOMPARE(prunedIds(pruned).size(), 4);
        QCOMPARE(urls(store).size(), 4);
    }

    // A database written before retention existed (schema 1) gets each entry's size computed.
    void migratesSchemaOne()
    {
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, sent_at INTEGER NOT "
                "NULL, method TEXT NOT NULL, url TEXT NOT NULL, status_code INTEGER NOT NULL, "
                "error_kind TEXT NOT NULL, duration_ms REAL NOT NULL, body_size INTEGER NOT "
                "NULL)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE details (entry_id INTEGER PRIMARY KEY, "
                                          "request TEXT NOT NULL, response TEXT NOT NULL, body "
                                          "BLOB NOT NULL)")));
            for (int i = 1; i <= 3; ++i) {
                QVERIFY(q.exec(QStringLiteral("INSERT INTO entries VALUES (%1, 0, 'GET', "
                                              "'http://h/%1', 200, 'none', 1, 4)")
                                   .arg(i)));
                QVERIFY(q.exec(
                    QStringLiteral("INSERT INTO details VALUES (%1, '{}', '{}', x'00010203')")
                        .arg(i)));
            }
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        HistoryStore store(dbPath());
        store.setRetention(HistoryRetention::unlimited());
        QVERIFY(waitOpened(store));
        Inspector db(dbPath());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")),
                 HistoryStore::CurrentSchemaVersion);
        // "http://h/1" (10) + "{}" + "{}" + 4 body bytes.
        QCOMPARE(db.scalar(QStringLiteral("SELECT stored_bytes FROM entries WHERE id = 1")), 18);
        QSignalSpy pruned(&store, &HistoryStore::entriesPruned);
        store.setRetention({0, 0, 40});
        QVERIFY(pruned.wait(10000));
        QCOMPARE(prunedIds(pruned), (QList<qint64> {1}));
    }
};

QTEST_GUILESS_MAIN(TestHistoryRetention)
#include "tst_historyretention.moc"
