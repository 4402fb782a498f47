#include "core/history/historyfilter.h"
#include "core/history/historystore.h"
#include "core/history/redaction.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Patchbay::Core;

namespace {

HistoryEntry makeEntry(const QString &method, const QString &url, int status,
                       const QByteArray &body = QByteArray("{\"ok\":true}"),
                       qint64 bodyCap = DefaultHistoryBodyCap)
{
    Request request;
    request.method = method;
    request.url = url;
    request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true}};
    Response response;
    response.statusCode = status;
    response.reason = QStringLiteral("Reason %1").arg(status);
    response.httpVersion = QStringLiteral("1.1");
    response.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "r-1"}};
    response.body = ResponseBody(body);
    response.timing.startedAt = QDateTime(QDate(2026, 11, 20), QTime(10, 30, 15, 123), Qt::UTC);
    response.timing.finished = 12.5;
    return historyEntryFrom(request, response, bodyCap);
}

QStringList urlsOf(const QList<HistoryEntrySummary> &list)
{
    QStringList urls;
    for (const HistoryEntrySummary &s : list)
        urls << s.url;
    return urls;
}

// The fixture used by the filter tests, oldest first. The shop's two were sent by a run.
QList<HistoryEntry> filterFixture()
{
    QList<HistoryEntry> entries = {
        makeEntry(QStringLiteral("GET"), QStringLiteral("https://api.example.com/users/42"), 200),
        makeEntry(QStringLiteral("POST"), QStringLiteral("https://api.example.com/users"), 201),
        makeEntry(QStringLiteral("PATCH"), QStringLiteral("https://api.example.com/users/42"), 204),
        makeEntry(QStringLiteral("GET"), QStringLiteral("https://shop.test/v2/orders/404x"), 404),
        makeEntry(QStringLiteral("DELETE"), QStringLiteral("https://shop.test/v2/orders/7"), 500),
        makeEntry(QStringLiteral("GET"), QStringLiteral("http://localhost:8080/health"), 503),
        makeEntry(QStringLiteral("GET"), QStringLiteral("https://API.Example.com/Search_Q"), 200),
    };
    entries[3].run = QStringLiteral("Shop, run at 10:00:00");
    entries[4].run = QStringLiteral("Shop, run at 10:00:00");
    return entries;
}

} // namespace

class TestHistoryStore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString dbPath() const { return m_dir->filePath(QStringLiteral("history.sqlite")); }

    // Adds entries one by one and returns their ids in order.
    QList<qint64> addAll(HistoryStore &store, const QList<HistoryEntry> &entries)
    {
        QSignalSpy added(&store, &HistoryStore::entryAdded);
        for (const HistoryEntry &e : entries)
            store.add(e);
        QList<qint64> ids;
        if (!QTest::qWaitFor([&] { return added.size() == entries.size(); }, 10000))
            return ids;
        for (const QList<QVariant> &args : std::as_const(added))
            ids << args.at(0).value<HistoryEntrySummary>().id;
        return ids;
    }

    QList<HistoryEntrySummary> loadAll(HistoryStore &store, const QString &filter, int offset = 0,
                                       int limit = 1000, bool *hasMore = nullptr)
    {
        QSignalSpy loaded(&store, &HistoryStore::loaded);
        const quint64 token = store.load(filter, offset, limit);
        if (!loaded.wait(10000) || loaded.size() != 1)
            return {};
        const QList<QVariant> args = loaded.takeFirst();
        if (args.at(0).value<quint64>() != token)
            return {};
        if (hasMore)
            *hasMore = args.at(2).toBool();
        return args.at(1).value<QList<HistoryEntrySummary>>();
    }

    std::optional<HistoryEntry> fetch(HistoryStore &store, qint64 id)
    {
        QSignalSpy fetched(&store, &HistoryStore::entryFetched);
        QSignalSpy failed(&store, &HistoryStore::fetchFailed);
        const quint64 token = store.fetchEntry(id);
        if (!QTest::qWaitFor([&] { return fetched.size() + failed.size() > 0; }, 10000))
            return std::nullopt;
        if (fetched.isEmpty())
            return std::nullopt;
        if (fetched.at(0).at(0).value<quint64>() != token)
            return std::nullopt;
        return fetched.at(0).at(1).value<HistoryEntry>();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void defaultPathIsInAppData()
    {
        QVERIFY(HistoryStore::defaultDatabasePath().endsWith(QLatin1String("/history.sqlite")));
        QVERIFY(HistoryStore::defaultDatabasePath().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void opensWithTrigramSearch()
    {
        // Debian 12's SQLite 3.40 has FTS5 with the trigram tokenizer; the store must use it.
        HistoryStore store(dbPath());
        QSignalSpy opened(&store, &HistoryStore::opened);
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.at(0).at(0).toBool(), true);
    }

    void addThenLoadNewestFirst()
    {
        HistoryStore store(dbPath());
        const QList<HistoryEntry> entries = {
            makeEntry(QStringLiteral("GET"), QStringLiteral("https://a.test/1"), 200),
            makeEntry(QStringLiteral("POST"), QStringLiteral("https://a.test/2"), 201),
            makeEntry(QStringLiteral("DELETE"), QStringLiteral("https://a.test/3"), 404),
        };
        QSignalSpy added(&store, &HistoryStore::entryAdded);
        for (const HistoryEntry &e : entries)
            store.add(e);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 3, 10000);
        const auto first = added.at(0).at(0).value<HistoryEntrySummary>();
        QVERIFY(first.id > 0);
        HistoryEntrySummary expected = summaryOf(entries.at(0));
        expected.id = first.id;
        QCOMPARE(first, expected);

        const QList<HistoryEntrySummary> list = loadAll(store, QString());
        QCOMPARE(
            urlsOf(list),
            QStringList({QStringLiteral("https://a.test/3"), QStringLiteral("https://a.test/2"),
                         QStringLiteral("https://a.test/1")}));
        QCOMPARE(list.at(2), expected);
        QCOMPARE(list.at(0).statusCode, 404);
        QCOMPARE(list.at(0).method, QStringLiteral("DELETE"));
        QVERIFY(list.at(0).id > list.at(1).id);
    }

    void fetchReturnsTheFullEntry()
    {
        HistoryStore store(dbPath());
        HistoryEntry entry
            = makeEntry(QStringLiteral("PUT"), QStringLiteral("https://a.test/x"), 200,
                        QByteArray("\x00\x01"
                                   "binary\xff",
                                   9));
        entry.request.params = {{QStringLiteral("page"), QStringLiteral("2"), true},
                                {QStringLiteral("off"), QStringLiteral("x"), false}};
        entry.request.body.mode = BodyMode::Json;
        entry.request.body.text = QStringLiteral("{\"name\": \"caf\u00e9\"}");
        entry.request.settings.timeoutMs = 1234;
        entry.request.settings.followRedirects = false;
        entry.responseHeaders.append(HttpHeader {"X-Latin1", "caf\xe9"});
        entry.errorKind = ErrorKind::None;
        const QList<qint64> ids = addAll(store, {entry});
        QCOMPARE(ids.size(), 1);
        const std::optional<HistoryEntry> fetched = fetch(store, ids.at(0));
        QVERIFY(fetched.has_value());
        entry.id = ids.at(0);
        QCOMPARE(fetched->request, entry.request);
        QCOMPARE(fetched->responseHeaders, entry.responseHeaders);
        QCOMPARE(fetched->body, entry.body);
        QCOMPARE(*fetched, entry);
        QCOMPARE(displayUrl(fetched->request), QStringLiteral("https://a.test/x?page=2"));

        const Response response = responseFrom(*fetched);
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.body.readAll(), entry.body);
        QCOMPARE(response.header("content-type"), QByteArray("application/json"));
        QCOMPARE(response.timing.totalMs(), 12.5);
    }

    void transportFailureIsStored()
    {
        HistoryStore store(dbPath());
        Request request;
        request.url = QStringLiteral("http://127.0.0.1:1/");
        Response response;
        response.errorKind = ErrorKind::ConnectionRefused;
        response.errorMessage = QStringLiteral("Connection refused: is the server running?");
        const QList<qint64> ids = addAll(store, {historyEntryFrom(request, response)});
        QCOMPARE(ids.size(), 1);
        const QList<HistoryEntrySummary> list = loadAll(store, QString());
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).errorKind, ErrorKind::ConnectionRefused);
        QCOMPARE(list.at(0).statusCode, 0);
        const auto fetched = fetch(store, ids.at(0));
        QVERIFY(fetched.has_value());
        QCOMPARE(fetched->errorMessage, response.errorMessage);
        QCOMPARE(responseFrom(*fetched).errorKind, ErrorKind::ConnectionRefused);
    }

    void filter_data()
    {
        QTest::addColumn<bool>("trigramIndex");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected"); // newest first

        const QString users42 = QStringLiteral("https://api.example.com/users/42");
        const QString users = QStringLiteral("https://api.example.com/users");
        const QString orders404 = QStringLiteral("https://shop.test/v2/orders/404x");
        const QString orders7 = QStringLiteral("https://shop.test/v2/orders/7");
        const QString health = QStringLiteral("http://localhost:8080/health");
        const QString search = QStringLiteral("https://API.Example.com/Search_Q");

        for (const bool fts : {true, false}) {
            const char *mode = fts ? "fts" : "like";
            auto row = [&](const char *name) -> QTestData & {
                return QTest::addRow("%s: %s", mode, name) << fts;
            };
            row("empty filter") << QString() << QStringList {search,  health, orders7, orders404,
                                                             users42, users,  users42};
            row("method") << QStringLiteral("PATCH") << QStringList {users42};
            row("method lower case") << QStringLiteral("delete") << QStringList {orders7};
            row("two methods") << QStringLiteral("POST PATCH") << QStringList {users42, users};
            row("url substring") << QStringLiteral("users/4") << QStringList {users42, users42};
            row("url case-insensitive")
                << QStringLiteral("EXAMPLE.COM/search") << QStringList {search};
            row("short url term") << QStringLiteral("v2") << QStringList {orders7, orders404};
            row("underscore is literal") << QStringLiteral("h_q") << QStringList {search};
            row("status") << QStringLiteral("404") << QStringList {orders404};
            row("status class") << QStringLiteral("5xx") << QStringList {health, orders7};
            row("method and url") << QStringLiteral("GET example") << QStringList {search, users42};
            row("method, url and status")
                << QStringLiteral("get  shop 404") << QStringList {orders404};
            row("two url terms") << QStringLiteral("shop orders/7") << QStringList {orders7};
            row("quote in term") << QStringLiteral("us\"ers") << QStringList {};
            row("no match") << QStringLiteral("zzzz") << QStringList {};
            row("sent by runs") << QStringLiteral("is:run") << QStringList {orders7, orders404};
            row("sent by hand") << QStringLiteral("-is:run")
                                << QStringList {search, health, users42, users, users42};
            row("runs and a status") << QStringLiteral("IS:RUN 5xx") << QStringList {orders7};
            row("by hand and a url") << QStringLiteral("shop -is:run") << QStringList {};
        }
    }
    void filter()
    {
        QFETCH(bool, trigramIndex);
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        HistoryStore store(dbPath(),
                           trigramIndex ? HistoryStore::SearchIndex::Automatic
                                        : HistoryStore::SearchIndex::Off);
        QSignalSpy opened(&store, &HistoryStore::opened);
        const QList<HistoryEntry> fixture = filterFixture();
        QCOMPARE(addAll(store, fixture).size(), fixture.size());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toBool(), trigramIndex);

        const QList<HistoryEntrySummary> list = loadAll(store, filter);
        QCOMPARE(urlsOf(list), expected);

        // The in-memory matcher (used for live insertions) agrees with the query.
        const HistoryFilter parsed = parseHistoryFilter(filter);
        QStringList matched;
        for (auto it = fixture.crbegin(); it != fixture.crend(); ++it) {
            if (historyFilterMatches(parsed, summaryOf(*it)))
                matched << summaryOf(*it).url;
        }
        QCOMPARE(matched, expected);
    }

    void paging()
    {
        HistoryStore store(dbPath());
        QList<HistoryEntry> entries;
        for (int i = 0; i < 25; ++i)
            entries << makeEntry(QStringLiteral("GET"),
                                 QStringLiteral("https://p.test/item/%1").arg(i), 200);
        QSignalSpy batch(&store, &HistoryStore::entriesAdded);
        QSignalSpy single(&store, &HistoryStore::entryAdded);
        store.addAll(entries);
        QVERIFY(batch.wait(10000));
        QCOMPARE(batch.at(0).at(0).toInt(), 25);
        QCOMPARE(single.size(), 0);

        bool hasMore = false;
        QList<HistoryEntrySummary> page = loadAll(store, QString(), 0, 10, &hasMore);
        QCOMPARE(page.size(), 10);
        QVERIFY(hasMore);
        QCOMPARE(page.first().url, QStringLiteral("https://p.test/item/24"));
        page = loadAll(store, QString(), 20, 10, &hasMore);
        QCOMPARE(urlsOf(page).size(), 5);
        QCOMPARE(page.last().url, QStringLiteral("https://p.test/item/0"));
        QVERIFY(!hasMore);
        page = loadAll(store, QStringLiteral("item/1"), 0, 5, &hasMore);
        QCOMPARE(page.size(), 5); // 1 and 10..19
        QVERIFY(hasMore);
        // Keyset paging: older than a given id, with and without a search term.
        const qint64 oldestShown = loadAll(store, QString(), 0, 10).constLast().id;
        QSignalSpy loaded(&store, &HistoryStore::loaded);
        store.load(QString(), 0, 3, oldestShown);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(urlsOf(loaded.at(0).at(1).value<QList<HistoryEntrySummary>>()),
                 QStringList({QStringLiteral("https://p.test/item/14"),
                              QStringLiteral("https://p.test/item/13"),
                              QStringLiteral("https://p.test/item/12")}));
        QVERIFY(loaded.at(0).at(2).toBool());
        store.load(QStringLiteral("p.test/item/1"), 0, 20, oldestShown);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(urlsOf(loaded.at(1).at(1).value<QList<HistoryEntrySummary>>()).size(),
                 6); // 14..10, 1
        QVERIFY(!loaded.at(1).at(2).toBool());

        page = loadAll(store, QStringLiteral("item/1"), 10, 5, &hasMore);
        QCOMPARE(urlsOf(page), QStringList {QStringLiteral("https://p.test/item/1")});
        QVERIFY(!hasMore);
    }

    // Preferences → History: at most N entries, at most N days; the oldest go, at once and
    // after every later write, and each removal is announced.
    void retentionPrunesOldest()
    {
        HistoryStore store(dbPath());
        QList<HistoryEntry> entries;
        for (int i = 0; i < 10; ++i) {
            HistoryEntry e
                = makeEntry(QStringLiteral("GET"), QStringLiteral("https://r.test/%1").arg(i), 200);
            // Entries 0-4 were sent 40 days ago, 5-9 today.
            e.sentAt = QDateTime::currentDateTimeUtc().addDays(i < 5 ? -40 : 0).addSecs(i);
            entries << e;
        }
        const QList<qint64> ids = addAll(store, entries);
        QCOMPARE(ids.size(), 10);
        // Pruned entries are announced together, oldest first.
        QSignalSpy pruned(&store, &HistoryStore::entriesPruned);
        const auto removed = [&pruned] {
            QList<qint64> all;
            for (const QList<QVariant> &args : pruned)
                all << args.at(0).value<QList<qint64>>();
            return all;
        };
        store.setRetention({8, 0, 0});
        QTRY_COMPARE_WITH_TIMEOUT(removed().size(), 2, 10000);
        QCOMPARE(removed().at(0), ids.at(0));
        QCOMPARE(removed().at(1), ids.at(1));
        QCOMPARE(loadAll(store, QString()).size(), 8);

        store.setRetention({0, 30, 0}); // age only: 2-4 are older than 30 days
        QTRY_COMPARE_WITH_TIMEOUT(removed().size(), 5, 10000);
        QCOMPARE(urlsOf(loadAll(store, QString())).constLast(), QStringLiteral("https://r.test/5"));

        store.setRetention({3, 0, 0}); // and after each write
        QTRY_COMPARE_WITH_TIMEOUT(removed().size(), 7, 10000);
        addAll(store,
               {makeEntry(QStringLiteral("GET"), QStringLiteral("https://r.test/new"), 200)});
        QTRY_COMPARE_WITH_TIMEOUT(removed().size(), 8, 10000);
        QCOMPARE(
            urlsOf(loadAll(store, QString())),
            (QStringList {QStringLiteral("https://r.test/new"), QStringLiteral("https://r.test/9"),
                          QStringLiteral("https://r.test/8")}));
        // The entries are gone from the database, details included.
        QVERIFY(!fetch(store, ids.at(0)).has_value());

        store.setRetention(HistoryRetention::unlimited());
        addAll(store, {makeEntry(QStringLiteral("GET"), QStringLiteral("https://r.test/x"), 200)});
        QCOMPARE(loadAll(store, QString()).size(), 4);
    }

    void remove()
    {
        HistoryStore store(dbPath());
        const QList<qint64> ids
            = addAll(store,
                     {makeEntry(QStringLiteral("GET"), QStringLiteral("https://r.test/a"), 200),
                      makeEntry(QStringLiteral("GET"), QStringLiteral("https://r.test/b"), 200)});
        QCOMPARE(ids.size(), 2);
        QSignalSpy removed(&store, &HistoryStore::entryRemoved);
        store.remove(ids.at(0));
        QVERIFY(removed.wait(10000));
        QCOMPARE(removed.at(0).at(0).toLongLong(), ids.at(0));
        QCOMPARE(urlsOf(loadAll(store, QString())),
                 QStringList {QStringLiteral("https://r.test/b")});
        // Gone from the search index too.
        QCOMPARE(urlsOf(loadAll(store, QStringLiteral("r.test/a"))), QStringList());

        QSignalSpy failed(&store, &HistoryStore::fetchFailed);
        const quint64 token = store.fetchEntry(ids.at(0));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.at(0).at(0).value<quint64>(), token);
        QVERIFY(!failed.at(0).at(1).toString().isEmpty());
    }

    void clear()
    {
        HistoryStore store(dbPath());
        QCOMPARE(addAll(store,
                        {makeEntry(QStringLiteral("GET"), QStringLiteral("https://c.test/a"), 200),
                         makeEntry(QStringLiteral("GET"), QStringLiteral("https://c.test/b"), 200)})
                     .size(),
                 2);
        QSignalSpy cleared(&store, &HistoryStore::cleared);
        store.clear();
        QVERIFY(cleared.wait(10000));
        QCOMPARE(loadAll(store, QString()).size(), 0);
        QCOMPARE(loadAll(store, QStringLiteral("c.test")).size(), 0);

        // The store keeps working, search index included.
        const QList<qint64> ids = addAll(
            store, {makeEntry(QStringLiteral("GET"), QStringLiteral("https://new.test/x"), 200)});
        QCOMPARE(ids.size(), 1);
        QCOMPARE(urlsOf(loadAll(store, QStringLiteral("new.test"))),
                 QStringList {QStringLiteral("https://new.test/x")});
        store.remove(ids.at(0));
        QSignalSpy removed(&store, &HistoryStore::entryRemoved);
        QVERIFY(removed.wait(10000));
        QCOMPARE(loadAll(store, QStringLiteral("new.test")).size(), 0);
    }

    void bodyCap_data()
    {
        QTest::addColumn<int>("bodySize");
        QTest::addColumn<int>("cap");
        QTest::addColumn<bool>("truncated");
        QTest::newRow("below the cap") << 10 << 16 << false;
        QTest::newRow("exactly the cap") << 16 << 16 << false;
        QTest::newRow("above the cap") << 17 << 16 << true;
        QTest::newRow("large over default cap")
            << int(DefaultHistoryBodyCap) + 1000 << int(DefaultHistoryBodyCap) << true;
        QTest::newRow("empty body") << 0 << 16 << false;
    }
    void bodyCap()
    {
        QFETCH(int, bodySize);
        QFETCH(int, cap);
        QFETCH(bool, truncated);
        QByteArray body(bodySize, 'x');
        for (int i = 0; i < bodySize; ++i)
            body[i] = char('a' + i % 26);
        const HistoryEntry entry
            = makeEntry(QStringLiteral("GET"), QStringLiteral("https://b.test/"), 200, body, cap);
        QCOMPARE(entry.bodyTruncated, truncated);
        QCOMPARE(entry.bodySize, qint64(bodySize));
        QCOMPARE(entry.body, body.left(cap));

        HistoryStore store(dbPath());
        const QList<qint64> ids = addAll(store, {entry});
        QCOMPARE(ids.size(), 1);
        const auto fetched = fetch(store, ids.at(0));
        QVERIFY(fetched.has_value());
        QCOMPARE(fetched->bodyTruncated, truncated);
        QCOMPARE(fetched->bodySize, qint64(bodySize));
        QCOMPARE(fetched->body, body.left(cap));
        QCOMPARE(loadAll(store, QString()).at(0).bodySize, qint64(bodySize));
    }

    void secretsAreNotStored()
    {
        const QString secrets[] = {
            QStringLiteral("hdr-bearer-SECRET1"), QStringLiteral("cookie-SECRET2"),
            QStringLiteral("basic-pw-SECRET3"),   QStringLiteral("apikey-SECRET4"),
            QStringLiteral("query-SECRET5"),      QStringLiteral("setcookie-SECRET6"),
            QStringLiteral("xapikey-SECRET7"),
        };
        Request request;
        request.method = QStringLiteral("POST");
        request.url = QStringLiteral("https://secure.test/login?api_key=") + secrets[4];
        request.headers = {
            {QStringLiteral("Authorization"), QStringLiteral("Bearer ") + secrets[0], true},
            {QStringLiteral("Cookie"), QStringLiteral("sid=") + secrets[1], true},
            {QStringLiteral("X-Api-Key"), secrets[6], true},
        };
        request.auth.mode = AuthMode::Basic;
        request.auth.username = QStringLiteral("alice");
        request.auth.password = secrets[2];
        request.auth.keyName = QStringLiteral("key");
        request.auth.keyValue = secrets[3];
        Response response;
        response.statusCode = 200;
        response.headers = {{"Set-Cookie", "session=" + secrets[5].toUtf8() + "; Path=/"}};

        // The store redacts even what a caller forgot to redact.
        HistoryEntry entry = historyEntryFrom(request, response);
        entry.request = request;
        entry.responseHeaders = response.headers;

        qint64 id = 0;
        {
            HistoryStore store(dbPath());
            const QList<qint64> ids = addAll(store, {entry});
            QCOMPARE(ids.size(), 1);
            id = ids.at(0);
            const auto fetched = fetch(store, id);
            QVERIFY(fetched.has_value());
            const Request &r = fetched->request;
            QCOMPARE(r.headers.at(0).value, QStringLiteral("Bearer ") + redactionMarker());
            QCOMPARE(r.headers.at(1).value, QStringLiteral("sid=") + redactionMarker());
            QCOMPARE(r.headers.at(2).value, redactionMarker());
            QCOMPARE(r.auth.username, QStringLiteral("alice"));
            QCOMPARE(r.auth.password, redactionMarker());
            QCOMPARE(r.auth.keyValue, redactionMarker());
            QCOMPARE(r.url,
                     QStringLiteral("https://secure.test/login?api_key=") + redactionMarker());
            QCOMPARE(fetched->responseHeaders.at(0).value,
                     "session=" + redactionMarker().toUtf8() + "; Path=/");
            const QList<HistoryEntrySummary> list = loadAll(store, QString());
            QCOMPARE(list.size(), 1);
            QVERIFY(!list.at(0).url.contains(secrets[4]));
        }
        // Nothing in the files on disk either.
        const QStringList files = QDir(m_dir->path()).entryList(QDir::Files);
        QVERIFY(files.contains(QStringLiteral("history.sqlite")));
        for (const QString &name : files) {
            QFile f(m_dir->filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            for (const QString &secret : secrets)
                QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(name + u' ' + secret));
        }
        QVERIFY(id > 0);
    }

    void reopenKeepsEntries()
    {
        {
            HistoryStore store(dbPath());
            QCOMPARE(addAll(store,
                            {makeEntry(QStringLiteral("GET"),
                                       QStringLiteral("https://persist.test/1"), 200)})
                         .size(),
                     1);
        }
        HistoryStore store(dbPath());
        const QList<HistoryEntrySummary> list = loadAll(store, QStringLiteral("persist"));
        QCOMPARE(urlsOf(list), QStringList {QStringLiteral("https://persist.test/1")});
    }

    void destructionFlushesPendingWrites()
    {
        constexpr int count = 200;
        {
            HistoryStore store(dbPath());
            for (int i = 0; i < count; ++i)
                store.add(makeEntry(QStringLiteral("GET"),
                                    QStringLiteral("https://flush.test/%1").arg(i), 200));
            // Destroyed at once, with the writes still queued.
        }
        HistoryStore store(dbPath());
        QCOMPARE(loadAll(store, QString(), 0, 1000).size(), count);
    }

    void walModeIsOn()
    {
        {
            HistoryStore store(dbPath());
            QCOMPARE(
                addAll(store, {makeEntry(QStringLiteral("GET"), QStringLiteral("https://w/"), 200)})
                    .size(),
                1);
        }
        const QString name = QStringLiteral("walcheck");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), HistoryStore::CurrentSchemaVersion);
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        }
        QSqlDatabase::removeDatabase(name);
    }

    void corruptFileReportsError()
    {
        {
            QFile f(dbPath());
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 512; ++i)
                f.write("this is not an SQLite database, just some text. ");
        }
        HistoryStore store(dbPath());
        QSignalSpy error(&store, &HistoryStore::error);
        QVERIFY(error.wait(10000));
        const QString message = error.at(0).at(0).toString();
        QVERIFY2(message.contains(QDir::toNativeSeparators(dbPath())), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("move or delete")), qPrintable(message));

        // Still answers, with nothing.
        QSignalSpy loaded(&store, &HistoryStore::loaded);
        store.load(QString(), 0, 10);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(1).value<QList<HistoryEntrySummary>>().size(), 0);
        QSignalSpy added(&store, &HistoryStore::entryAdded);
        store.add(makeEntry(QStringLiteral("GET"), QStringLiteral("https://x/"), 200));
        QSignalSpy failed(&store, &HistoryStore::fetchFailed);
        store.fetchEntry(1);
        QVERIFY(failed.wait(10000));
        QCOMPARE(added.size(), 0);
        QCOMPARE(error.size(), 1); // reported once
    }

    // A history written before runs were recorded (schema 1) is brought up to date: its entries
    // stay, as sent by hand, and new ones can name their run.
    void schemaOneIsMigrated()
    {
        const QString name = QStringLiteral("schema1");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
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
            QVERIFY(q.exec(QStringLiteral("INSERT INTO entries VALUES (1, 1700000000000, 'GET', "
                                          "'https://old.test/', 200, 'none', 12, 2)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO details VALUES (1, '{\"method\": \"GET\", "
                                          "\"url\": \"https://old.test/\"}', '{}', 'ok')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        }
        QSqlDatabase::removeDatabase(name);
        HistoryStore store(dbPath());
        HistoryEntry fromRun
            = makeEntry(QStringLiteral("GET"), QStringLiteral("https://new.test/"), 200);
        fromRun.run = QStringLiteral("Run A");
        QCOMPARE(addAll(store, {fromRun}).size(), 1);
        const QList<HistoryEntrySummary> all = loadAll(store, QString());
        QCOMPARE(urlsOf(all),
                 (QStringList {QStringLiteral("https://new.test/"),
                               QStringLiteral("https://old.test/")}));
        QCOMPARE(all.at(0).run, QStringLiteral("Run A"));
        QCOMPARE(all.at(1).run, QString());
        QCOMPARE(urlsOf(loadAll(store, QStringLiteral("-is:run"))),
                 QStringList {QStringLiteral("https://old.test/")});
        QSignalSpy fetched(&store, &HistoryStore::entryFetched);
        store.fetchEntry(all.at(0).id);
        QVERIFY(fetched.wait(10000));
        QCOMPARE(fetched.first().at(1).value<HistoryEntry>().run, QStringLiteral("Run A"));
    }

    void newerSchemaReportsError()
    {
        const QString name = QStringLiteral("newer");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        QSqlDatabase::removeDatabase(name);
        HistoryStore store(dbPath());
        QSignalSpy error(&store, &HistoryStore::error);
        QVERIFY(error.wait(10000));
        QVERIFY2(error.at(0).at(0).toString().contains(QLatin1String("newer")),
                 qPrintable(error.at(0).at(0).toString()));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
