#include "core/auth/digestcall.h"
#include "core/auth/signedcall.h"
#include "core/environments/variablecontext.h"
#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "tests/integration/externalserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using Patchbay::Test::ExternalServer;

// Digest auth against httpbin's /digest-auth/{qop}/{user}/{passwd}/{algorithm}, a server
// nobody here wrote, for every algorithm (MD5, SHA-256, SHA-512) and qop (auth, auth-int, both
// offered) it has. Built twice: Qt's transport (tst_digesthttpbin) and libcurl's
// (tst_digesthttpbin_curl).
class TestDigestHttpbin final : public QObject
{
    Q_OBJECT

private:
    std::optional<Response> run(const QString &path, const DigestConfig &config,
                                int *exchanges = nullptr)
    {
        Request request;
        request.url = m_server->url(path).toString();
        std::unique_ptr<DigestCall> call = DigestCall::send(*m_client, request, config);
        QSignalSpy finished(call.get(), &DigestCall::finished);
        if (!finished.wait(30000))
            return std::nullopt;
        if (exchanges)
            *exchanges = call->exchangeCount();
        return call->response();
    }

    // The way the window, `send` and `run` send: the request's own Digest settings with
    // {{variables}}, resolved, then SignedCall with the session of the window or run.
    std::optional<Response> sendResolved(const QString &path, DigestSession *session)
    {
        Request request;
        request.url = QStringLiteral("{{base}}") + path;
        request.auth.mode = AuthMode::Digest;
        request.auth.digest.username = QStringLiteral("{{user}}");
        request.auth.digest.password = QStringLiteral("{{password}}");
        VariableScope scope;
        scope.kind = ScopeKind::Collection;
        scope.variables = {{QStringLiteral("base"), m_server->url().toString()},
                           {QStringLiteral("user"), QStringLiteral("ada")},
                           {QStringLiteral("password"), QStringLiteral("s3cret-pw"), true, true}};
        QStringList unresolved;
        QStringList secretValues;
        const Request resolved
            = resolveVariables(request, VariableContext({scope}), &unresolved, &secretValues);
        if (!unresolved.isEmpty() || secretValues != QStringList {QStringLiteral("s3cret-pw")})
            return std::nullopt;
        std::unique_ptr<SignedCall> call
            = SignedCall::send(*m_client, resolved, session, secretValues);
        QSignalSpy finished(call.get(), &SignedCall::finished);
        if (!finished.wait(30000))
            return std::nullopt;
        return finished.first().first().value<Response>();
    }

    std::optional<ExternalServer> m_server;
#ifdef PATCHBAY_TEST_CURL
    CurlTransport m_transport;
#else
    QNetworkAccessManager m_transport;
#endif
    std::unique_ptr<HttpClient> m_client;

private slots:
    void initTestCase()
    {
        m_server.emplace(ExternalServer::httpbin());
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_client = std::make_unique<HttpClient>(&m_transport);
    }

    void cleanupTestCase()
    {
        m_server.reset();
    }

    void everyAlgorithmAndQop_data()
    {
        QTest::addColumn<QString>("qop"); // path segment; httpbin offers both for anything else
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<bool>("preferAuthInt");
        for (const char *algorithm : {"MD5", "SHA-256", "SHA-512"}) {
            const QString a = QString::fromLatin1(algorithm);
            QTest::addRow("%s auth", algorithm) << QStringLiteral("auth") << a << false;
            QTest::addRow("%s auth-int", algorithm) << QStringLiteral("auth-int") << a << false;
            QTest::addRow("%s both offered, auth", algorithm)
                << QStringLiteral("both") << a << false;
            QTest::addRow("%s both offered, auth-int", algorithm)
                << QStringLiteral("both") << a << true;
        }
    }
    void everyAlgorithmAndQop()
    {
        QFETCH(QString, qop);
        QFETCH(QString, algorithm);
        QFETCH(bool, preferAuthInt);
        const DigestConfig config {QStringLiteral("ada"), QStringLiteral("s3cret-pw"),
                                   preferAuthInt};
        int exchanges = 0;
        const std::optional<Response> response
            = run(QStringLiteral("/digest-auth/%1/ada/s3cret-pw/%2").arg(qop, algorithm), config,
                  &exchanges);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 200);
        const QJsonObject echo = QJsonDocument::fromJson(response->body.readAll()).object();
        QCOMPARE(echo.value(QLatin1String("authenticated")).toBool(), true);
        QCOMPARE(echo.value(QLatin1String("user")).toString(), QStringLiteral("ada"));
        QCOMPARE(exchanges, 2);
        QCOMPARE(response->timing.before.size(), 1);
        QCOMPARE(response->timing.before.first().name, QStringLiteral("Auth challenge"));
        QVERIFY(response->timing.firstByte >= response->timing.before.first().end);
    }

    // The send path (SignedCall), as the window and the CLI use it: the challenge round trip,
    // then with the session the next request answers at once; httpbin's stale_after makes that
    // nonce stale, and the one retry with the new nonce gets through.
    void sendPathAnswersAndRetriesAStaleNonce()
    {
        DigestSession session;
        const QString path = QStringLiteral("/digest-auth/auth/ada/s3cret-pw/SHA-256/1");
        const std::optional<Response> first = sendResolved(path, &session);
        QVERIFY(first);
        QVERIFY2(!first->isError(), qPrintable(first->errorMessage));
        QCOMPARE(first->statusCode, 200);
        QCOMPARE(first->timing.before.size(), 1);
        QCOMPARE(first->timing.before.first().name, QStringLiteral("Auth challenge"));

        const std::optional<Response> second = sendResolved(path, &session);
        QVERIFY(second);
        QCOMPARE(second->statusCode, 200);
        const QJsonObject echo = QJsonDocument::fromJson(second->body.readAll()).object();
        QCOMPARE(echo.value(QLatin1String("authenticated")).toBool(), true);
        QCOMPARE(second->timing.before.size(), 1);
        QCOMPARE(second->timing.before.first().name, QStringLiteral("Auth retry (stale nonce)"));

        // Without a session each request starts with the challenge again.
        const std::optional<Response> fresh
            = sendResolved(QStringLiteral("/digest-auth/auth-int/ada/s3cret-pw/SHA-512"), nullptr);
        QVERIFY(fresh);
        QCOMPARE(fresh->statusCode, 200);
        QCOMPARE(fresh->timing.before.size(), 1);
    }

    void wrongPasswordIsRefused()
    {
        int exchanges = 0;
        const std::optional<Response> response
            = run(QStringLiteral("/digest-auth/auth/ada/s3cret-pw/SHA-256"),
                  {QStringLiteral("ada"), QStringLiteral("wrong")}, &exchanges);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 401);
        QCOMPARE(exchanges, 2);
    }
};

QTEST_GUILESS_MAIN(TestDigestHttpbin)
#include "tst_digesthttpbin.moc"
