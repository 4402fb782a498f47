#include "core/auth/authcall.h"
#include "core/auth/oauth2call.h"
#include "core/http/httpclient.h"
#include "core/update/idempotencycheck.h"
#include "tests/support/scriptedserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

// AuthCall sends a request with whatever auth it carries, as a tab's Send does. Edit resource,
// the idempotency check and GraphQL introspection go through it: before it they sent OAuth 2.0
// and signed requests with no credentials at all.
class TestAuthCall final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<ScriptedServer> m_server;

    // A token endpoint at /token (counting its calls) and an API that answers 200 only to
    // "Bearer tok-1".
    void serveOAuth2(int *tokenCalls)
    {
        m_server->setHandler([tokenCalls](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token") {
                ++*tokenCalls;
                c.respond(200,
                          R"({"access_token":"tok-1","token_type":"Bearer","expires_in":3600})",
                          {{"Content-Type", "application/json"}});
            } else {
                c.respond(r.header("Authorization") == "Bearer tok-1" ? 200 : 401, "api");
            }
        });
    }
    Request oauth2Request(const QString &method = QStringLiteral("GET")) const
    {
        Request r;
        r.method = method;
        r.url = m_server->url(QStringLiteral("/api")).toString();
        r.auth.mode = AuthMode::OAuth2;
        r.auth.oauth2.grant = OAuth2Grant::ClientCredentials;
        r.auth.oauth2.tokenUrl = m_server->url(QStringLiteral("/token")).toString();
        r.auth.oauth2.clientId = QStringLiteral("app");
        r.auth.oauth2.clientSecret = QStringLiteral("secret");
        return r;
    }
    AuthCall::Context context() const { return {m_client.get(), {}, nullptr}; }
    static std::optional<Response> wait(AuthCall &call)
    {
        QSignalSpy finished(&call, &AuthCall::finished);
        if (!finished.wait(20000))
            return std::nullopt;
        QCoreApplication::processEvents();
        if (finished.count() != 1)
            return std::nullopt;
        return finished.takeFirst().at(0).value<Response>();
    }

private slots:
    void initTestCase() { m_client = std::make_unique<HttpClient>(&m_network); }
    void init()
    {
        m_server = std::make_unique<ScriptedServer>();
        QVERIFY(m_server->isListening());
    }

    void plainAuthGoesOutAsHttpClientSendsIt()
    {
        m_server->setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "ok"); });
        Request r;
        r.url = m_server->url(QStringLiteral("/basic")).toString();
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("ann");
        r.auth.password = QStringLiteral("pw");
        auto call = AuthCall::send(context(), r);
        const auto response = wait(*call);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(m_server->requests().constFirst().header("Authorization"),
                 QByteArray("Basic ") + QByteArray("ann:pw").toBase64());
        QVERIFY(call->tokenValues().isEmpty());
    }

    void oauth2GetsItsTokenFirst()
    {
        int tokenCalls = 0;
        serveOAuth2(&tokenCalls);
        auto call = AuthCall::send(context(), oauth2Request());
        const auto response = wait(*call);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(tokenCalls, 1);
        QCOMPARE(call->tokenValues(), QStringList {QStringLiteral("tok-1")});
        // What history keeps: the settings, never the token.
        QCOMPARE(call->request().auth.mode, AuthMode::OAuth2);
        QVERIFY(call->request().headers.isEmpty());
    }

    void oauth2UsesTheContextsFactory()
    {
        int tokenCalls = 0;
        serveOAuth2(&tokenCalls);
        int made = 0;
        AuthCall::Context ctx = context();
        ctx.oauth2 = [this, &made](const Request &resolved) {
            ++made;
            OAuth2Services services;
            services.client = m_client.get();
            return std::make_unique<OAuth2Call>(resolved, QStringLiteral("c1"), services);
        };
        auto call = AuthCall::send(ctx, oauth2Request());
        const auto response = wait(*call);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(made, 1);
    }

    void jwtBearerIsSigned()
    {
        m_server->setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "ok"); });
        Request r;
        r.url = m_server->url(QStringLiteral("/jwt")).toString();
        r.auth.mode = AuthMode::JwtBearer;
        r.auth.jwt.key = QStringLiteral("k");
        r.auth.jwt.claimsTemplate = QStringLiteral(R"({"sub":"ann"})");
        auto call = AuthCall::send(context(), r);
        const auto response = wait(*call);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        const QByteArray authorization = m_server->requests().constFirst().header("Authorization");
        QVERIFY2(authorization.startsWith("Bearer ey"), authorization.constData());
        QCOMPARE(authorization.count('.'), 2);
    }

    void aSignatureThatCannotBeMadeSendsNothing()
    {
        Request r;
        r.url = m_server->url(QStringLiteral("/jwt")).toString();
        r.auth.mode = AuthMode::JwtBearer;
        r.auth.jwt.algorithm = JwtAlgorithm::RS256;
        r.auth.jwt.key = QStringLiteral("not a PEM key");
        auto call = AuthCall::send(context(), r);
        const auto response = wait(*call);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::Auth);
        QCOMPARE(m_server->requests().size(), 0);
    }

    void cancelFinishesOnce()
    {
        m_server->setHandler([](const ReceivedRequest &, Connection &) {}); // never answers
        Request r;
        r.url = m_server->url(QStringLiteral("/hang")).toString();
        auto call = AuthCall::send(context(), r);
        QSignalSpy finished(call.get(), &AuthCall::finished);
        QTRY_COMPARE(m_server->requests().size(), 1);
        call->cancel();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.first().at(0).value<Response>().isError());
        QVERIFY(call->isFinished());
    }

    // The idempotency check sent OAuth 2.0 requests with no token (HttpClient::send ignores
    // the OAuth 2.0 settings): every attempt was a 401.
    void idempotencyCheckSendsWithTheAuth()
    {
        int tokenCalls = 0;
        serveOAuth2(&tokenCalls);
        IdempotencyCheck check(m_client.get());
        QSignalSpy finished(&check, &IdempotencyCheck::finished);
        check.start(oauth2Request(QStringLiteral("PUT")), oauth2Request(), 2);
        QVERIFY(finished.wait(20000));
        const IdempotencyReport report = check.report();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.attempts.size(), 2);
        for (const IdempotencyAttempt &a : report.attempts)
            QCOMPARE(a.statusCode, 200);
        QCOMPARE(report.getAfterFirst.statusCode, 200);
        QCOMPARE(report.getAfterLast.statusCode, 200);
        QVERIFY(tokenCalls >= 1);
    }
};

QTEST_GUILESS_MAIN(TestAuthCall)
#include "tst_authcall.moc"
