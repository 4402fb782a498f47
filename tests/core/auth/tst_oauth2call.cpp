#include "core/auth/oauth2call.h"
#include "core/auth/tokenstore.h"
#include "core/http/httpclient.h"
#include "core/secrets/secretstore.h"
#include "tests/support/scriptedserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QString field(const ReceivedRequest &r, const QString &name)
{
    return QUrlQuery(QString::fromUtf8(r.body)).queryItemValue(name, QUrl::FullyDecoded);
}

void json(Connection &c, int status, const QByteArray &body)
{
    c.respond(status, body, {{"Content-Type", "application/json"}});
}

} // namespace

// OAuth2Call against a scripted token endpoint and API: the token comes from the store when
// it can, is refreshed before it expires, renewed once on a 401, goes out as a header (any
// prefix) or a query parameter and not to another origin; getting it shows in the timing, and
// a token that cannot be had sends nothing. Runs with no session bus: the SecretStore keeps
// tokens in memory (tst_tokenstore checks the real keyring).
class TestOAuth2Call final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<TokenStore> m_tokens;
    QList<OAuth2Exchange> m_exchanges;
    QStringList m_warnings;

    Request apiRequest(const ScriptedServer &server,
                       OAuth2Grant grant = OAuth2Grant::ClientCredentials) const
    {
        Request r;
        r.url = server.url(QStringLiteral("/api")).toString();
        r.auth.mode = AuthMode::OAuth2;
        r.auth.oauth2.grant = grant;
        r.auth.oauth2.tokenUrl = server.url(QStringLiteral("/token")).toString();
        r.auth.oauth2.clientId = QStringLiteral("app");
        r.auth.oauth2.clientSecret = QStringLiteral("secret");
        return r;
    }

    std::optional<Response> send(const Request &request, OAuth2Services services = {})
    {
        services.client = m_client.get();
        if (!services.tokens)
            services.tokens = m_tokens.get();
        OAuth2Call call(request, QStringLiteral("collection-1"), services);
        connect(&call, &OAuth2Call::exchangeFinished, this,
                [this](const OAuth2Exchange &e) { m_exchanges.append(e); });
        connect(&call, &OAuth2Call::warning, this,
                [this](const QString &w) { m_warnings.append(w); });
        QSignalSpy finished(&call, &OAuth2Call::finished);
        call.start();
        if (!finished.wait(20000))
            return std::nullopt;
        QCoreApplication::processEvents();
        if (finished.count() != 1)
            return std::nullopt;
        return finished.takeFirst().at(0).value<Response>();
    }

    void storeToken(const Request &request, const OAuth2Token &token)
    {
        const QString key = TokenStore::keyFor(QStringLiteral("collection-1"), request.auth.oauth2);
        m_tokens->store(key, token);
    }

    std::optional<OAuth2Token> storedToken(const Request &request) const
    {
        return m_tokens->token(
            TokenStore::keyFor(QStringLiteral("collection-1"), request.auth.oauth2));
    }

    static int count(const ScriptedServer &server, QByteArrayView path)
    {
        const QList<ReceivedRequest> all = server.requests();
        return int(std::count_if(all.cbegin(), all.cend(),
                                 [&](const ReceivedRequest &r) { return r.path() == path; }));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"nonexistent"),
                 "run through ctest (no session bus)");
    }

    void init()
    {
        m_client = std::make_unique<HttpClient>(&m_network);
        m_secrets = std::make_unique<SecretStore>(
            QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_tokens = std::make_unique<TokenStore>(m_secrets.get());
        m_exchanges.clear();
        m_warnings.clear();
    }

    void fetchesOnceThenReusesTheStoredToken()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return json(c, 200, R"({"access_token":"t1","expires_in":3600})");
            c.respond(r.header("Authorization") == "Bearer t1" ? 200 : 401, "api");
        });
        const Request request = apiRequest(server);
        const std::optional<Response> first = send(request);
        QVERIFY(first);
        QCOMPARE(first->statusCode, 200);
        QCOMPARE(m_exchanges.size(), 1);
        QCOMPARE(first->timing.before.size(), 1);
        QCOMPARE(first->timing.before.at(0).name, QStringLiteral("OAuth 2.0 token"));
        const TimingSpan token = first->timing.before.at(0);
        QVERIFY(token.start == 0 && token.end > 0);
        // The request's own times follow the token call on the same clock.
        QVERIFY(first->timing.finished >= token.end);
        QCOMPARE(storedToken(request)->accessToken, QStringLiteral("t1"));

        const std::optional<Response> second = send(request);
        QVERIFY(second);
        QCOMPARE(second->statusCode, 200);
        QCOMPARE(count(server, "/token"), 1);
        QVERIFY(second->timing.before.isEmpty()); // nothing was fetched
    }

    void refreshesATokenAboutToExpire()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token") {
                if (field(r, QStringLiteral("grant_type")) != QLatin1String("refresh_token")
                    || field(r, QStringLiteral("refresh_token")) != QLatin1String("r1"))
                    return json(c, 400, R"({"error":"invalid_grant"})");
                return json(c, 200, R"({"access_token":"t2","expires_in":3600})");
            }
            c.respond(r.header("Authorization") == "Bearer t2" ? 200 : 401);
        });
        const Request request = apiRequest(server, OAuth2Grant::AuthorizationCode);
        OAuth2Token old;
        old.accessToken = QStringLiteral("t1");
        old.refreshToken = QStringLiteral("r1");
        old.expiresAt = QDateTime::currentDateTimeUtc().addSecs(10); // within the margin
        storeToken(request, old);
        const std::optional<Response> response = send(request);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(response->timing.before.at(0).note, QStringLiteral("refreshed"));
        QCOMPARE(storedToken(request)->accessToken, QStringLiteral("t2"));
        QCOMPARE(storedToken(request)->refreshToken, QStringLiteral("r1"));
    }

    void renewsOnceOnA401ThenRetries()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return json(c, 200, R"({"access_token":"new"})");
            c.respond(r.header("Authorization") == "Bearer new" ? 200 : 401, "x");
        });
        const Request request = apiRequest(server);
        OAuth2Token revoked;
        revoked.accessToken = QStringLiteral("revoked");
        storeToken(request, revoked);
        const std::optional<Response> response = send(request);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(count(server, "/api"), 2);
        QCOMPARE(count(server, "/token"), 1);
        QCOMPARE(response->timing.before.size(), 2);
        QCOMPARE(response->timing.before.at(0).name, QStringLiteral("First attempt"));
        QCOMPARE(storedToken(request)->accessToken, QStringLiteral("new"));
    }

    void retriesOnlyOnce()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return json(c, 200, R"({"access_token":"never-good"})");
            c.respond(401, "no");
        });
        const std::optional<Response> response = send(apiRequest(server));
        QVERIFY(response);
        QCOMPARE(response->statusCode, 401);
        QCOMPARE(count(server, "/api"), 2);
        QCOMPARE(count(server, "/token"), 2);
    }

    void tokenPlacement_data()
    {
        QTest::addColumn<int>("placement");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QByteArray>("expectedHeader");
        QTest::addColumn<QByteArray>("expectedQuery");
        QTest::newRow("bearer") << int(TokenPlacement::Header) << QStringLiteral("Bearer")
                                << QByteArray("Bearer tk") << QByteArray();
        QTest::newRow("github prefix") << int(TokenPlacement::Header) << QStringLiteral("token")
                                       << QByteArray("token tk") << QByteArray();
        QTest::newRow("no prefix")
            << int(TokenPlacement::Header) << QString() << QByteArray("tk") << QByteArray();
        QTest::newRow("query") << int(TokenPlacement::Query) << QStringLiteral("Bearer")
                               << QByteArray() << QByteArray("a=1&access_token=tk");
    }

    void tokenPlacement()
    {
        QFETCH(int, placement);
        QFETCH(QString, prefix);
        QFETCH(QByteArray, expectedHeader);
        QFETCH(QByteArray, expectedQuery);
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return json(c, 200, R"({"access_token":"tk"})");
            c.respond(200);
        });
        Request request = apiRequest(server);
        request.url += QStringLiteral("?a=1");
        request.auth.oauth2.placement = TokenPlacement(placement);
        request.auth.oauth2.headerPrefix = prefix;
        QVERIFY(send(request));
        const ReceivedRequest api = server.requests().last();
        QCOMPARE(api.header("Authorization"), expectedHeader);
        if (!expectedQuery.isEmpty())
            QCOMPARE(api.query(), expectedQuery);
    }

    void aRedirectToAnotherOriginDropsTheToken()
    {
        ScriptedServer other;
        other.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "landed"); });
        ScriptedServer server;
        server.setHandler([&other](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return json(c, 200, R"({"access_token":"secret-token"})");
            c.redirect(302, other.url(QStringLiteral("/landing")).toEncoded());
        });
        const std::optional<Response> response = send(apiRequest(server));
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(server.requests().last().header("Authorization"),
                 QByteArray("Bearer secret-token"));
        QCOMPARE(other.requests().size(), 1);
        QVERIFY(!other.requests().at(0).hasHeader("Authorization"));
        QVERIFY(response->redirects.at(0).droppedHeaders.contains("Authorization"));
    }

    void noTokenMeansNothingIsSent()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return json(c, 401, R"({"error":"invalid_client"})");
            c.respond(200);
        });
        const std::optional<Response> response = send(apiRequest(server));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::Auth);
        QVERIFY2(response->errorMessage.contains(QLatin1String("client secret")),
                 qPrintable(response->errorMessage));
        QCOMPARE(count(server, "/api"), 0);
        QCOMPARE(m_exchanges.size(), 1); // the failed token call is still reported
        QCOMPARE(m_exchanges.at(0).response.statusCode, 401);
    }

    void interactiveGrantsRefuseWhenNobodyCanSignIn()
    {
        ScriptedServer server;
        OAuth2Services services;
        services.interactive = false;
        const std::optional<Response> response
            = send(apiRequest(server, OAuth2Grant::AuthorizationCode), services);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::Auth);
        QVERIFY(response->errorMessage.contains(QLatin1String("needs someone to sign in")));
        QVERIFY(server.requests().isEmpty());
    }

    void aRefusedRefreshFallsBackToTheGrant()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token") {
                if (field(r, QStringLiteral("grant_type")) == QLatin1String("refresh_token"))
                    return json(c, 400,
                                R"({"error":"invalid_grant","error_description":"expired"})");
                return json(c, 200, R"({"access_token":"again","refresh_token":"r2"})");
            }
            c.respond(r.header("Authorization") == "Bearer again" ? 200 : 401);
        });
        const Request request = apiRequest(server, OAuth2Grant::Password);
        OAuth2Token expired;
        expired.accessToken = QStringLiteral("old");
        expired.refreshToken = QStringLiteral("r-expired");
        expired.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-5);
        storeToken(request, expired);
        const std::optional<Response> response = send(request);
        QVERIFY(response);
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(m_warnings.size(), 1);
        QVERIFY(m_warnings.at(0).contains(QLatin1String("refresh token was refused")));
        QCOMPARE(storedToken(request)->refreshToken, QStringLiteral("r2"));
    }

    void aKeyringThatDoesNotAnswerIsNotWaitedForForever()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return json(c, 200, R"({"access_token":"fresh"})");
            c.respond(200);
        });
        OAuth2Services services;
        services.client = m_client.get();
        services.tokens = m_tokens.get();
        OAuth2Call call(apiRequest(server), QStringLiteral("slow-keyring"), services);
        call.setKeyringWait(0); // gives up before the keyring has answered
        QSignalSpy warnings(&call, &OAuth2Call::warning);
        QSignalSpy finished(&call, &OAuth2Call::finished);
        call.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<Response>().statusCode, 200);
        QCOMPARE(warnings.count(), 1);
        QVERIFY(warnings.first().at(0).toString().contains(QLatin1String("did not answer")));
        QCoreApplication::processEvents(); // the late answer changes nothing
        QCOMPARE(finished.count(), 1);
    }

    void withTokenLeavesNoOAuthSettingsOnTheWire()
    {
        Request r;
        r.auth.mode = AuthMode::OAuth2;
        r.auth.oauth2.clientSecret = QStringLiteral("cs");
        const Request sent = OAuth2Call::withToken(r, QStringLiteral("tok"));
        QCOMPARE(sent.auth.mode, AuthMode::ApiKey);
        QCOMPARE(sent.auth.keyValue, QStringLiteral("Bearer tok"));
        QVERIFY(sent.auth.oauth2.clientSecret.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOAuth2Call)
#include "tst_oauth2call.moc"
