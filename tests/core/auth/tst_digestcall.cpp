#include "core/auth/digestcall.h"
#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "tests/support/digestserver.h"
#include "tests/support/scriptedserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

Request requestTo(const QUrl &url, const QString &method = QStringLiteral("GET"))
{
    Request request;
    request.method = method;
    request.url = url.toString();
    return request;
}

DigestConfig credentials(const DigestServerOptions &options)
{
    return {options.username, options.password};
}

QStringList spanNames(const Timing &timing)
{
    QStringList names;
    for (const TimingSpan &span : timing.before)
        names.append(span.name);
    return names;
}

} // namespace

// The Digest driver against a loopback server that checks every answer on its own (tests/
// support/digestserver): the challenge round trip, stale nonces, nonce counts across requests,
// auth-int bodies, -sess and SHA-512-256, redirects, and the round trip in the timing. Built
// twice: on Qt's transport (tst_digestcall) and on libcurl's (tst_digestcall_curl).
class TestDigestCall final : public QObject
{
    Q_OBJECT

private:
    std::optional<Response> run(const Request &request, const DigestConfig &config,
                                DigestSession *session = nullptr, int *exchanges = nullptr)
    {
        std::unique_ptr<DigestCall> call = DigestCall::send(*m_client, request, config, session);
        QSignalSpy spy(call.get(), &DigestCall::finished);
        if (!call->isFinished() && !spy.wait(20000)) {
            qWarning("finished() was not emitted in time");
            return std::nullopt;
        }
        QCoreApplication::processEvents();
        if (spy.count() != 1) {
            qWarning("finished() was emitted %d times", int(spy.count()));
            return std::nullopt;
        }
        if (exchanges)
            *exchanges = call->exchangeCount();
        return call->response();
    }

#ifdef PATCHBAY_TEST_CURL
    CurlTransport m_transport;
#else
    QNetworkAccessManager m_transport;
#endif
    std::unique_ptr<HttpClient> m_client;

private slots:
    void initTestCase()
    {
        m_client = std::make_unique<HttpClient>(&m_transport);
    }

    void answersChallenge_data()
    {
        QTest::addColumn<QByteArray>("algorithm");
        QTest::addColumn<QByteArray>("qop");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("userhash");

        const QByteArray json = "{\"name\": \"Zo\u00eb\", \"n\": 1.50}";
        QTest::newRow("MD5 auth") << QByteArray("MD5") << QByteArray("auth") << "GET"
                                  << QByteArray() << false;
        QTest::newRow("MD5-sess auth")
            << QByteArray("MD5-sess") << QByteArray("auth") << "GET" << QByteArray() << false;
        QTest::newRow("MD5 auth-int POST")
            << QByteArray("MD5") << QByteArray("auth-int") << "POST" << json << false;
        QTest::newRow("SHA-256 auth")
            << QByteArray("SHA-256") << QByteArray("auth") << "DELETE" << QByteArray() << false;
        QTest::newRow("SHA-256-sess auth-int PUT")
            << QByteArray("SHA-256-sess") << QByteArray("auth-int") << "PUT" << json << false;
        QTest::newRow("SHA-512-256 auth")
            << QByteArray("SHA-512-256") << QByteArray("auth") << "GET" << QByteArray() << false;
        QTest::newRow("SHA-512-256-sess auth-int PATCH")
            << QByteArray("SHA-512-256-sess") << QByteArray("auth-int") << "PATCH" << json << false;
        QTest::newRow("SHA-256 userhash")
            << QByteArray("SHA-256") << QByteArray("auth") << "GET" << QByteArray() << true;
        QTest::newRow("legacy RFC 2069, no qop")
            << QByteArray("MD5") << QByteArray() << "GET" << QByteArray() << false;
        QTest::newRow("auth-int empty body")
            << QByteArray("SHA-256") << QByteArray("auth-int") << "POST" << QByteArray() << false;
    }
    void answersChallenge()
    {
        QFETCH(QByteArray, algorithm);
        QFETCH(QByteArray, qop);
        QFETCH(QString, method);
        QFETCH(QByteArray, body);
        QFETCH(bool, userhash);
        DigestServerOptions options;
        options.algorithm = algorithm;
        options.qop = qop;
        options.userhash = userhash;
        DigestServer server(options);
        Request request = requestTo(
            server.url(QStringLiteral("/files/r\u00e9sum\u00e9 1.txt?v=2&q=a b")), method);
        if (!body.isEmpty()) {
            request.body.mode = BodyMode::Json;
            request.body.text = QString::fromUtf8(body);
        }
        int exchanges = 0;
        const std::optional<Response> response
            = run(request, credentials(options), nullptr, &exchanges);
        QVERIFY(response);
        QVERIFY2(!server.checks().isEmpty(), "no answer reached the server");
        QVERIFY2(server.checks().last().accepted, qPrintable(server.checks().last().reason));
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(exchanges, 2);
        const QList<ReceivedRequest> received = server.requests();
        QCOMPARE(received.size(), 2);
        QVERIFY(!received.first().hasHeader("Authorization"));
        QCOMPARE(received.last().body, body);
        QCOMPARE(server.checks().last().qop, qop);

        // The challenge round trip is in the timing, before the answered request.
        const Timing &t = response->timing;
        QCOMPARE(spanNames(t), QStringList {QStringLiteral("Auth challenge")});
        QVERIFY(t.before.first().start >= 0);
        QVERIFY(t.before.first().end >= t.before.first().start);
        // Qt does not report requestSent for some empty-bodied requests; headers always come.
        QVERIFY2(t.firstByte >= t.before.first().end && t.requestSent != 0,
                 qPrintable(QStringLiteral("first byte %1, challenge ended %2")
                                .arg(t.firstByte)
                                .arg(t.before.first().end)));
        if (t.requestSent >= 0)
            QVERIFY(t.requestSent >= t.before.first().end);
        QVERIFY(t.finished >= t.firstByte);
    }

    void wrongPasswordIsFinal()
    {
        DigestServer server({});
        DigestConfig config = credentials({});
        config.password = QStringLiteral("not it");
        int exchanges = 0;
        const std::optional<Response> response
            = run(requestTo(server.url()), config, nullptr, &exchanges);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 401);
        QVERIFY(!response->isError());
        QCOMPARE(exchanges, 2);
        QCOMPARE(server.checks().size(), 1);
        QCOMPARE(server.checks().first().reason, QStringLiteral("wrong response hash"));
    }

    void staleNonceIsRetriedOnce()
    {
        DigestServer server({});
        DigestSession session;
        const DigestConfig config = credentials({});
        // A first request learns the nonce; the server then expires it.
        QCOMPARE(run(requestTo(server.url()), config, &session)->statusCode, 200);
        server.expireNonces();
        int exchanges = 0;
        const std::optional<Response> response
            = run(requestTo(server.url(QStringLiteral("/again"))), config, &session, &exchanges);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        // Up front with the old nonce (nc 2), refused as stale, answered with the new one (nc 1).
        QCOMPARE(exchanges, 2);
        const QList<DigestCheck> checks = server.checks();
        QCOMPARE(checks.size(), 3);
        QCOMPARE(checks.at(1).reason, QStringLiteral("stale nonce"));
        QCOMPARE(checks.at(1).nc, QByteArray("00000002"));
        QVERIFY(checks.at(2).accepted);
        QCOMPARE(checks.at(2).nc, QByteArray("00000001"));
        QVERIFY(checks.at(2).nonce != checks.at(1).nonce);
        QCOMPARE(spanNames(response->timing),
                 QStringList {QStringLiteral("Auth retry (stale nonce)")});
    }

    void challengeThenStaleThenSuccess()
    {
        DigestServerOptions options;
        options.alwaysStale = true;
        DigestServer server(options);
        int exchanges = 0;
        const std::optional<Response> response
            = run(requestTo(server.url()), credentials(options), nullptr, &exchanges);
        QVERIFY(response);
        // Challenge, answer refused as stale, one retry refused as stale again: no fourth try.
        QCOMPARE(exchanges, 3);
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(response->statusCode, 401);
        const Timing &t = response->timing;
        QCOMPARE(spanNames(t),
                 (QStringList {QStringLiteral("Auth challenge"),
                               QStringLiteral("Auth retry (stale nonce)")}));
        QVERIFY(t.before.at(0).end <= t.before.at(1).start);
        QVERIFY(t.before.at(1).end <= t.firstByte);
    }

    void nonceCountGrowsAcrossRequests()
    {
        DigestServerOptions options;
        options.algorithm = "SHA-256";
        options.qop = "auth,auth-int";
        DigestServer server(options);
        DigestSession session;
        QList<int> exchanges;
        for (int i = 0; i < 4; ++i) {
            int n = 0;
            const std::optional<Response> response
                = run(requestTo(server.url(QStringLiteral("/item/%1").arg(i))),
                      credentials(options), &session, &n);
            QVERIFY(response);
            QCOMPARE(response->statusCode, 200);
            exchanges.append(n);
        }
        QCOMPARE(exchanges, (QList<int> {2, 1, 1, 1}));
        QList<QByteArray> counts;
        for (const DigestCheck &check : server.checks()) {
            QVERIFY2(check.accepted, qPrintable(check.reason));
            counts.append(check.nc);
            QCOMPARE(check.nonce, server.checks().first().nonce);
            QCOMPARE(check.qop, QByteArray("auth")); // auth unless the config prefers auth-int
        }
        QCOMPARE(counts, (QList<QByteArray> {"00000001", "00000002", "00000003", "00000004"}));
    }

    void nextNonceIsUsed()
    {
        DigestServerOptions options;
        options.sendNextNonce = true;
        DigestServer server(options);
        DigestSession session;
        QCOMPARE(run(requestTo(server.url()), credentials(options), &session)->statusCode, 200);
        int exchanges = 0;
        QCOMPARE(
            run(requestTo(server.url()), credentials(options), &session, &exchanges)->statusCode,
            200);
        QCOMPARE(exchanges, 1);
        QCOMPARE(server.checks().size(), 2);
        QVERIFY(server.checks().at(1).nonce.startsWith("next-"));
        QCOMPARE(server.checks().at(1).nc, QByteArray("00000001"));
    }

    void preferAuthIntWhenOffered()
    {
        DigestServerOptions options;
        options.qop = "auth,auth-int";
        DigestServer server(options);
        DigestConfig config = credentials(options);
        config.preferAuthInt = true;
        Request request = requestTo(server.url(QStringLiteral("/upload")), QStringLiteral("POST"));
        request.body.mode = BodyMode::Text;
        request.body.text = QStringLiteral("line one\nline two\n");
        QCOMPARE(run(request, config)->statusCode, 200);
        QCOMPARE(server.checks().last().qop, QByteArray("auth-int"));
        QVERIFY(server.checks().last().accepted);
    }

    void challengeAfterSameOriginRedirect()
    {
        DigestServer server({});
        server.addRedirect("/old", 302, "/new?x=1");
        int exchanges = 0;
        const std::optional<Response> response = run(requestTo(server.url(QStringLiteral("/old"))),
                                                     credentials({}), nullptr, &exchanges);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(exchanges, 2);
        // The answer went straight to where the redirect led, with that request-target.
        QCOMPARE(server.checks().size(), 1);
        QCOMPARE(server.checks().first().uri, QByteArray("/new?x=1"));
        QCOMPARE(response->redirects.size(), 1);
        QCOMPARE(response->finalUrl.path(), QStringLiteral("/new"));
    }

    void noAnswerAfterRedirectToAnotherOrigin()
    {
        DigestServer other({});
        ScriptedServer first;
        first.setHandler([&other](const ReceivedRequest &, Connection &connection) {
            connection.redirect(302, other.url(QStringLiteral("/protected")).toEncoded());
        });
        int exchanges = 0;
        const std::optional<Response> response = run(requestTo(first.url(QStringLiteral("/start"))),
                                                     credentials({}), nullptr, &exchanges);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 401);
        QCOMPARE(exchanges, 1);
        QVERIFY(other.checks().isEmpty());
        for (const ReceivedRequest &r : other.requests())
            QVERIFY(!r.hasHeader("Authorization"));
    }

    void otherSchemesAreNotAnswered()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.respond(401, {}, {{"WWW-Authenticate", "Basic realm=\"x\""}});
        });
        int exchanges = 0;
        const std::optional<Response> response
            = run(requestTo(server.url()), credentials({}), nullptr, &exchanges);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 401);
        QCOMPARE(exchanges, 1);
        QVERIFY(response->timing.before.isEmpty());
    }

    void invalidRequestFinishesWithError()
    {
        const std::optional<Response> response
            = run(requestTo(QUrl(QStringLiteral("ftp://example.com/x"))), credentials({}));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::InvalidUrl);
    }

    void cancelDuringChallenge()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &) {}); // never answers
        std::unique_ptr<DigestCall> call
            = DigestCall::send(*m_client, requestTo(server.url()), credentials({}));
        QSignalSpy finished(call.get(), &DigestCall::finished);
        QTRY_COMPARE(server.requests().size(), 1);
        call->cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(call->response().errorKind, ErrorKind::Cancelled);
    }

    void preparedRequestIsSentAsItIs()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(204); });
        const Request request = requestTo(server.url(QStringLiteral("/p")));
        Result<PreparedRequest> prepared = prepareRequest(request);
        QVERIFY(prepared.ok());
        prepared.value().headers.append({"X-Signed", "yes", true, false});
        std::unique_ptr<HttpCall> call = m_client->send(request, *prepared);
        QSignalSpy finished(call.get(), &HttpCall::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(call->response().statusCode, 204);
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().first().header("X-Signed"), QByteArray("yes"));
        QCOMPARE(call->request(), request);
    }
};

QTEST_GUILESS_MAIN(TestDigestCall)
#include "tst_digestcall.moc"
