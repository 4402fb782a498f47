#include "core/http/httpclient.h"
#include "core/sandbox/sandboxserver.h"
#include "core/update/idempotencycheck.h"
#include "core/update/updateplan.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;

class TestIdempotencyCheck final : public QObject
{
    Q_OBJECT

private:
    Request request(const QString &method, const QString &path, const QString &json = {}) const
    {
        Request r;
        r.method = method;
        r.url = m_server.baseUrl().toString() + path;
        if (!json.isNull()) {
            r.body.mode = BodyMode::Json;
            r.body.text = json;
        }
        return r;
    }
    IdempotencyReport run(const Request &r, int attempts, int *exchanges = nullptr)
    {
        IdempotencyCheck check(m_client.get());
        QSignalSpy finished(&check, &IdempotencyCheck::finished);
        QSignalSpy exchanged(&check, &IdempotencyCheck::exchangeFinished);
        check.start(r, request(QStringLiteral("GET"), QStringLiteral("/users/1")), attempts);
        if (!finished.wait(20000))
            qWarning("idempotency check did not finish");
        if (exchanges)
            *exchanges = int(exchanged.size());
        return check.report();
    }

    SandboxServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.start().ok());
        m_client = std::make_unique<HttpClient>(&m_network);
    }
    void init() { m_server.reset(); }

    void bodyHashIgnoresWhitespace()
    {
        QCOMPARE(bodyHash("{\"a\": 1.50}"), bodyHash("{\n  \"a\":1.50\n}"));
        QVERIFY(bodyHash("{\"a\":1}") != bodyHash("{\"a\":2}"));
        QCOMPARE(bodyHash("not json").size(), 64);
    }

    void putIsIdempotent_data()
    {
        QTest::addColumn<int>("attempts");
        QTest::newRow("1") << 1;
        QTest::newRow("3") << 3;
    }
    void putIsIdempotent()
    {
        QFETCH(int, attempts);
        int exchanges = 0;
        const IdempotencyReport report
            = run(request(QStringLiteral("PUT"), QStringLiteral("/users/1"),
                          QStringLiteral("{\"name\": \"Same\", \"email\": \"s@x\"}")),
                  attempts, &exchanges);
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(exchanges, attempts + 2);
        QCOMPARE(report.attempts.size(), attempts);
        for (int i = 0; i < attempts; ++i) {
            QCOMPARE(report.attempts[i].index, i + 1);
            QCOMPARE(report.attempts[i].statusCode, 200);
            QCOMPARE(report.attempts[i].method, QStringLiteral("PUT"));
        }
        QCOMPARE(report.getAfterFirst.statusCode, 200);
        QCOMPARE(report.getAfterFirst.method, QStringLiteral("GET"));
        QVERIFY(report.statusSame);
        QVERIFY(report.bodySame);
        QVERIFY(report.getSame);
        QVERIFY(report.isIdempotent());
    }

    // POST creates a new resource each time: status is the same, bodies (ids) differ.
    void postIsNot()
    {
        const IdempotencyReport report
            = run(request(QStringLiteral("POST"), QStringLiteral("/users"),
                          QStringLiteral("{\"name\": \"New\"}")),
                  3);
        QVERIFY(report.error.isEmpty());
        QVERIFY(report.statusSame);
        QCOMPARE(report.attempts.first().statusCode, 201);
        QVERIFY(!report.bodySame);
        QVERIFY(!report.isIdempotent());
    }

    // A PUT with If-Match succeeds once, then the resource has a new ETag: 412.
    void preconditionMakesRepeatsFail()
    {
        const IdempotencyReport first
            = run(request(QStringLiteral("GET"), QStringLiteral("/users/1")), 1);
        QVERIFY(first.error.isEmpty());
        Request get = request(QStringLiteral("GET"), QStringLiteral("/users/1"));
        std::unique_ptr<HttpCall> call = m_client->send(get);
        QSignalSpy done(call.get(), &HttpCall::finished);
        QVERIFY(done.wait());
        const Response response = done.first().first().value<Response>();
        QVERIFY(!response.header("ETag").isEmpty());
        Request put = request(QStringLiteral("PUT"), QStringLiteral("/users/1"),
                              QStringLiteral("{\"name\": \"Changed\"}"));
        put.headers.append(
            {QStringLiteral("If-Match"), QString::fromLatin1(response.header("ETag")), true});
        const IdempotencyReport report = run(put, 2);
        QCOMPARE(report.attempts[0].statusCode, 200);
        QCOMPARE(report.attempts[1].statusCode, 412);
        QVERIFY(!report.statusSame);
        // Without the precondition the same PUT is idempotent.
        QVERIFY(run(withoutPreconditions(put), 2).isIdempotent());
    }

    void transportErrorStops()
    {
        Request r;
        r.method = QStringLiteral("PUT");
        r.url = QStringLiteral("http://127.0.0.1:1/users/1");
        IdempotencyCheck check(m_client.get());
        QSignalSpy finished(&check, &IdempotencyCheck::finished);
        check.start(r, r, 3);
        QVERIFY(finished.wait(20000));
        QVERIFY(!check.report().error.isEmpty());
        QCOMPARE(check.report().attempts.size(), 1);
        QVERIFY(!check.report().isIdempotent());
    }
};

QTEST_GUILESS_MAIN(TestIdempotencyCheck)
#include "tst_idempotencycheck.moc"
