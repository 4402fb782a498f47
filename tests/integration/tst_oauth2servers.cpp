#include "core/auth/oauth2call.h"
#include "core/auth/oauth2flow.h"
#include "core/auth/tokenstore.h"
#include "core/http/httpclient.h"
#include "core/runner/collectionrunner.h"
#include "core/secrets/secretstore.h"
#include "tests/integration/externalserver.h"

#ifdef PATCHBAY_TEST_CURL
#include "core/http/curltransport.h"
#endif

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace Patchbay::Core;
using Patchbay::Test::ExternalServer;

// OAuth 2.0 against real authorization servers started here on 127.0.0.1:
// oauth2-mock-server (npm, pinned; configured by servers/oauth2-server.mjs: clients, users,
// short-lived tokens, consent denial, a protected /api/me) for the authorization code (PKCE
// verified by the server), client credentials, password and refresh grants, and Authlib
// (Debian python3-authlib, servers/oauth2_device_server.py) for the device flow. The test plays
// the browser by following the authorization URL, and the user by approving device codes.
class TestOAuth2Integration final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network; // the client's transport (or libcurl's, below)
    QNetworkAccessManager m_browser; // the "browser": separate cookies and connections
#ifdef PATCHBAY_TEST_CURL
    CurlTransport m_curl;
#endif
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<TokenStore> m_tokens;
    std::optional<ExternalServer> m_mock;
    std::optional<ExternalServer> m_device;

    static QString startServer(std::optional<ExternalServer> &slot, ExternalServer server)
    {
        slot.emplace(std::move(server));
        return slot->start();
    }

    QNetworkReply *browserGet(const QUrl &url)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        return m_browser.get(request);
    }

    // What a person does in the browser: open the authorization URL, be redirected by the
    // provider to Patchbay's loopback address, land there. Returns the landing page's status.
    int playBrowser(const QUrl &authorizationUrl)
    {
        std::unique_ptr<QNetworkReply> authorize(browserGet(authorizationUrl));
        if (!QSignalSpy(authorize.get(), &QNetworkReply::finished).wait(10000))
            return -1;
        const QUrl location(QString::fromUtf8(authorize->rawHeader("Location")));
        if (location.isEmpty())
            return -2;
        std::unique_ptr<QNetworkReply> landing(browserGet(location));
        if (!QSignalSpy(landing.get(), &QNetworkReply::finished).wait(10000))
            return -3;
        return landing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    QJsonArray serverLog(const ExternalServer &server)
    {
        std::unique_ptr<QNetworkReply> reply(
            m_browser.get(QNetworkRequest(server.url(QStringLiteral("/test/log")))));
        QSignalSpy(reply.get(), &QNetworkReply::finished).wait(10000);
        return QJsonDocument::fromJson(reply->readAll()).array();
    }

    void approveDevice(const ExternalServer &server, const QString &userCode, bool allow)
    {
        QNetworkRequest request(server.url(QStringLiteral("/activate")));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QStringLiteral("application/x-www-form-urlencoded"));
        std::unique_ptr<QNetworkReply> reply(
            m_browser.post(request,
                           "user_code=" + QUrl::toPercentEncoding(userCode)
                               + (allow ? "&decision=allow" : "&decision=deny")));
        QSignalSpy(reply.get(), &QNetworkReply::finished).wait(10000);
    }

    OAuth2Outcome runFlow(QSignalSpy &finished, int timeoutMs = 30000)
    {
        if (finished.isEmpty() && !finished.wait(timeoutMs))
            return {std::nullopt, Error {QStringLiteral("test"), QStringLiteral("no end")}};
        return finished.takeFirst().at(0).value<OAuth2Outcome>();
    }

    OAuth2Config mockConfig(const ExternalServer &server, OAuth2Grant grant) const
    {
        OAuth2Config c;
        c.grant = grant;
        c.authUrl = server.url(QStringLiteral("/authorize")).toString();
        c.tokenUrl = server.url(QStringLiteral("/token")).toString();
        c.clientId = QStringLiteral("patchbay-app");
        c.clientSecret = QStringLiteral("s3cret");
        c.scope = QStringLiteral("read write");
        c.username = QStringLiteral("ada");
        c.password = QStringLiteral("correct horse");
        return c;
    }

    Request apiRequest(const ExternalServer &server, const OAuth2Config &config) const
    {
        Request r;
        r.url = server.url(QStringLiteral("/api/me")).toString();
        r.auth.mode = AuthMode::OAuth2;
        r.auth.oauth2 = config;
        return r;
    }

    std::optional<Response> send(const Request &request, QList<OAuth2Exchange> *exchanges = nullptr,
                                 QStringList *warnings = nullptr)
    {
        OAuth2Services services;
        services.client = m_client.get();
        services.tokens = m_tokens.get();
        OAuth2Call call(request, QStringLiteral("integration"), services);
        if (exchanges)
            connect(&call, &OAuth2Call::exchangeFinished, this,
                    [exchanges](const OAuth2Exchange &e) { exchanges->append(e); });
        if (warnings)
            connect(&call, &OAuth2Call::warning, this,
                    [warnings](const QString &w) { warnings->append(w); });
        QSignalSpy finished(&call, &OAuth2Call::finished);
        call.start();
        if (!finished.wait(30000))
            return std::nullopt;
        return finished.takeFirst().at(0).value<Response>();
    }

    static QJsonObject json(const Response &r)
    {
        return QJsonDocument::fromJson(r.body.readAll()).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"nonexistent"),
                 "run through ctest (tokens in memory, no session bus)");
        const QString mock = startServer(m_mock, ExternalServer::oauth2MockServer());
        QVERIFY2(mock.isEmpty(), qPrintable(mock));
        const QString device = startServer(m_device, ExternalServer::oauth2DeviceServer());
        QVERIFY2(device.isEmpty(), qPrintable(device));
    }

    void init()
    {
#ifdef PATCHBAY_TEST_CURL
        m_client = std::make_unique<HttpClient>(&m_curl);
#else
        m_client = std::make_unique<HttpClient>(&m_network);
#endif
        m_secrets = std::make_unique<SecretStore>(
            QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_tokens = std::make_unique<TokenStore>(m_secrets.get());
    }

    void authorizationCodeWithPkce_data()
    {
        QTest::addColumn<int>("pkce");
        QTest::newRow("S256") << int(PkceMethod::S256);
        QTest::newRow("plain") << int(PkceMethod::Plain);
    }

    // The server stores the challenge at /authorize and checks the verifier at /token.
    void authorizationCodeWithPkce()
    {
        QFETCH(int, pkce);
        OAuth2Config config = mockConfig(*m_mock, OAuth2Grant::AuthorizationCode);
        config.clientId = QStringLiteral("public-app"); // no secret: PKCE is what protects it
        config.clientSecret.clear();
        config.pkce = PkceMethod(pkce);
        OAuth2Flow flow(m_client.get(), config);
        QList<QUrl> opened;
        flow.setOpenUrl([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QSignalSpy finished(&flow, &OAuth2Flow::finished);
        flow.start();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(playBrowser(opened.first()), 200);
        const OAuth2Outcome outcome = runFlow(finished);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QVERIFY(!outcome.token->refreshToken.isEmpty());
        QVERIFY(jwtPayload(outcome.token->accessToken)); // the mock issues signed JWTs

        // The token opens the protected resource.
        Request request = apiRequest(*m_mock, config);
        m_tokens->store(TokenStore::keyFor(QStringLiteral("integration"), config), *outcome.token);
        const std::optional<Response> me = send(request);
        QVERIFY(me);
        QCOMPARE(me->statusCode, 200);
        QCOMPARE(json(*me).value(QLatin1String("sub")).toString(), QStringLiteral("johndoe"));
    }

    void publicClientWithoutPkceIsRefused()
    {
        OAuth2Config config = mockConfig(*m_mock, OAuth2Grant::AuthorizationCode);
        config.clientId = QStringLiteral("public-app");
        config.clientSecret.clear();
        config.pkce = PkceMethod::None;
        OAuth2Flow flow(m_client.get(), config);
        QList<QUrl> opened;
        flow.setOpenUrl([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QSignalSpy finished(&flow, &OAuth2Flow::finished);
        flow.start();
        QCOMPARE(playBrowser(opened.value(0)), 200);
        const OAuth2Outcome outcome = runFlow(finished);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error.code, QStringLiteral("oauth2-invalid_grant"));
        QVERIFY2(outcome.error.message.contains(QLatin1String("PKCE")),
                 qPrintable(outcome.error.message));
    }

    void deniedConsentIsExplained()
    {
        OAuth2Config config = mockConfig(*m_mock, OAuth2Grant::AuthorizationCode);
        config.clientId = QStringLiteral("denying-app");
        OAuth2Flow flow(m_client.get(), config);
        QList<QUrl> opened;
        flow.setOpenUrl([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QSignalSpy finished(&flow, &OAuth2Flow::finished);
        flow.start();
        QCOMPARE(playBrowser(opened.value(0)), 200); // the "close this tab" page
        const OAuth2Outcome outcome = runFlow(finished);
        QCOMPARE(outcome.error.code, QStringLiteral("oauth2-access_denied"));
        QVERIFY2(outcome.error.message.contains(QLatin1String("consent was declined"))
                     && outcome.error.message.contains(QLatin1String("The user said no")),
                 qPrintable(outcome.error.message));
    }

    void clientCredentials_data()
    {
        QTest::addColumn<int>("clientAuth");
        QTest::newRow("basic header") << int(ClientAuthentication::BasicHeader);
        QTest::newRow("body") << int(ClientAuthentication::Body);
    }

    void clientCredentials()
    {
        QFETCH(int, clientAuth);
        OAuth2Config config = mockConfig(*m_mock, OAuth2Grant::ClientCredentials);
        config.clientAuth = ClientAuthentication(clientAuth);
        QList<OAuth2Exchange> exchanges;
        const std::optional<Response> me = send(apiRequest(*m_mock, config), &exchanges);
        QVERIFY(me);
        QCOMPARE(me->statusCode, 200);
        QCOMPARE(json(*me).value(QLatin1String("scope")).toString(), QStringLiteral("read write"));
        QCOMPARE(exchanges.size(), 1);
        QCOMPARE(exchanges.first().response.statusCode, 200);
        QCOMPARE(me->timing.before.size(), 1); // the token call shows before the request
    }

    void passwordGrant()
    {
        const OAuth2Config config = mockConfig(*m_mock, OAuth2Grant::Password);
        const std::optional<Response> me = send(apiRequest(*m_mock, config));
        QVERIFY(me);
        QCOMPARE(me->statusCode, 200);
        QCOMPARE(json(*me).value(QLatin1String("sub")).toString(), QStringLiteral("ada"));
    }

    void failuresAreExplained_data()
    {
        QTest::addColumn<int>("grant");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong secret")
            << int(OAuth2Grant::ClientCredentials) << QStringLiteral("wrong") << QString()
            << QStringLiteral("Check the client ID and client secret");
        QTest::newRow("wrong password")
            << int(OAuth2Grant::Password) << QStringLiteral("s3cret") << QStringLiteral("nope")
            << QStringLiteral("user name or password was refused");
    }

    void failuresAreExplained()
    {
        QFETCH(int, grant);
        QFETCH(QString, secret);
        QFETCH(QString, password);
        QFETCH(QString, expected);
        OAuth2Config config = mockConfig(*m_mock, OAuth2Grant(grant));
        config.clientSecret = secret;
        if (!password.isEmpty())
            config.password = password;
        const std::optional<Response> me = send(apiRequest(*m_mock, config));
        QVERIFY(me);
        QCOMPARE(me->errorKind, ErrorKind::Auth); // nothing sent without a token
        QVERIFY2(me->errorMessage.contains(expected), qPrintable(me->errorMessage));
    }

    // Tokens that live two seconds: a run of three requests outlives the first one, and the
    // second token comes from the refresh token, mid-run, without asking for a password again.
    void expiryRefreshesMidRun()
    {
        std::optional<ExternalServer> shortLived;
        const QString started = startServer(
            shortLived,
            ExternalServer::oauth2MockServer({QStringLiteral("--token-ttl"), QStringLiteral("2")}));
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const Request request
            = apiRequest(*shortLived, mockConfig(*shortLived, OAuth2Grant::Password));
        QList<RunItem> items;
        for (int i = 0; i < 3; ++i) {
            RunItem item;
            item.name = QStringLiteral("me %1").arg(i);
            item.collectionId = QStringLiteral("integration");
            item.request = request;
            item.assertions = {{AssertionKind::StatusEquals, {}, QStringLiteral("200"), true}};
            items.append(item);
        }
        CollectionRunner runner(m_client.get());
        OAuth2Services services;
        services.tokens = m_tokens.get();
        runner.setOAuth2Services(services);
        QList<RequestResult> results;
        connect(&runner, &CollectionRunner::requestFinished, this,
                [&results](const RequestResult &r) { results.append(r); });
        QSignalSpy finished(&runner, &CollectionRunner::finished);
        RunOptions options;
        options.delayMs = 1200; // two gaps: the token expires before the third request
        runner.start(items, options);
        QVERIFY(finished.wait(30000));
        QVERIFY(finished.takeFirst().at(0).value<RunSummary>().passed());
        QCOMPARE(results.size(), 3);
        const QJsonArray log = serverLog(*shortLived);
        QCOMPARE(log, QJsonArray({QStringLiteral("password"), QStringLiteral("refresh_token")}));
    }

    void anExpiredRefreshTokenIsExplainedOrReplaced()
    {
        std::optional<ExternalServer> strict;
        const QString started
            = startServer(strict,
                          ExternalServer::oauth2MockServer(
                              {QStringLiteral("--token-ttl"), QStringLiteral("1"),
                               QStringLiteral("--refresh-ttl"), QStringLiteral("1")}));
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const OAuth2Config config = mockConfig(*strict, OAuth2Grant::Password);
        QVERIFY(send(apiRequest(*strict, config)));
        const std::optional<OAuth2Token> first
            = m_tokens->token(TokenStore::keyFor(QStringLiteral("integration"), config));
        QVERIFY(first && !first->refreshToken.isEmpty());
        QTest::qWait(2200); // both expire (a real wait: the server's clock decides)

        // A grant that needs nobody gets a new token, and says why.
        QStringList warnings;
        const std::optional<Response> again = send(apiRequest(*strict, config), nullptr, &warnings);
        QVERIFY(again);
        QCOMPARE(again->statusCode, 200);
        QVERIFY2(warnings.join(u'\n').contains(QLatin1String("Refresh token expired")),
                 qPrintable(warnings.join(u'\n')));

        // With only a refresh token to go on, the error is the explanation.
        OAuth2Config refreshOnly = config;
        refreshOnly.grant = OAuth2Grant::RefreshToken;
        refreshOnly.refreshToken = first->refreshToken;
        const std::optional<Response> refused = send(apiRequest(*strict, refreshOnly));
        QVERIFY(refused);
        QCOMPARE(refused->errorKind, ErrorKind::Auth);
        QVERIFY2(refused->errorMessage.contains(QLatin1String("refresh token was refused")),
                 qPrintable(refused->errorMessage));
    }

    void discoveryFindsTheTokenEndpoint()
    {
        OAuth2Config config = mockConfig(*m_mock, OAuth2Grant::ClientCredentials);
        config.tokenUrl.clear();
        config.discoveryUrl = m_mock->url().toString();
        const std::optional<Response> me = send(apiRequest(*m_mock, config));
        QVERIFY(me);
        QCOMPARE(me->statusCode, 200);
    }

    void deviceCode_data()
    {
        QTest::addColumn<QString>("decision"); // allow, deny or none
        QTest::addColumn<QString>("expected");
        QTest::newRow("approved") << QStringLiteral("allow") << QString();
        QTest::newRow("declined") << QStringLiteral("deny") << QStringLiteral("declined");
    }

    void deviceCode()
    {
        QFETCH(QString, decision);
        QFETCH(QString, expected);
        OAuth2Config config;
        config.grant = OAuth2Grant::DeviceCode;
        config.deviceAuthUrl = m_device->url(QStringLiteral("/device_authorization")).toString();
        config.tokenUrl = m_device->url(QStringLiteral("/token")).toString();
        config.clientId = QStringLiteral("tv-app");
        config.scope = QStringLiteral("read");
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy finished(&flow, &OAuth2Flow::finished);
        QSignalSpy prompts(&flow, &OAuth2Flow::deviceCodeReady);
        const qsizetype logBefore = serverLog(*m_device).size();
        flow.start();
        QVERIFY(prompts.wait(10000));
        const auto prompt = prompts.first().at(0).value<DeviceCodePrompt>();
        QVERIFY(!prompt.userCode.isEmpty());
        QCOMPARE(prompt.verificationUri.path(), QStringLiteral("/activate"));
        // Approve after the first poll has been answered "pending".
        QTRY_VERIFY_WITH_TIMEOUT(serverLog(*m_device).size() > logBefore, 10000);
        approveDevice(*m_device, prompt.userCode, decision == QLatin1String("allow"));
        const OAuth2Outcome outcome = runFlow(finished);
        const QJsonArray log = serverLog(*m_device);
        QVERIFY(log.at(logBefore).toString() == QLatin1String("authorization_pending"));
        // Polling at the server's interval: never told to slow down.
        QVERIFY2(!log.contains(QStringLiteral("slow_down")),
                 QJsonDocument(log).toJson(QJsonDocument::Compact).constData());
        if (expected.isEmpty()) {
            QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
            Request request;
            request.url = m_device->url(QStringLiteral("/api/me")).toString();
            request.auth.mode = AuthMode::OAuth2;
            request.auth.oauth2 = config;
            m_tokens->store(TokenStore::keyFor(QStringLiteral("integration"), config),
                            *outcome.token);
            const std::optional<Response> me = send(request);
            QVERIFY(me);
            QCOMPARE(me->statusCode, 200);
        } else {
            QCOMPARE(outcome.error.code, QStringLiteral("oauth2-access_denied"));
            QVERIFY2(outcome.error.message.contains(expected), qPrintable(outcome.error.message));
        }
    }

    void deviceCodeThatExpires()
    {
        std::optional<ExternalServer> quick;
        const QString started
            = startServer(quick,
                          ExternalServer::oauth2DeviceServer(
                              {QStringLiteral("--expires-in"), QStringLiteral("2")}));
        QVERIFY2(started.isEmpty(), qPrintable(started));
        OAuth2Config config;
        config.grant = OAuth2Grant::DeviceCode;
        config.deviceAuthUrl = quick->url(QStringLiteral("/device_authorization")).toString();
        config.tokenUrl = quick->url(QStringLiteral("/token")).toString();
        config.clientId = QStringLiteral("tv-app");
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy finished(&flow, &OAuth2Flow::finished);
        flow.start();
        const OAuth2Outcome outcome = runFlow(finished);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.message.contains(QLatin1String("expired")),
                 qPrintable(outcome.error.message));
    }
};

QTEST_GUILESS_MAIN(TestOAuth2Integration)
#include "tst_oauth2servers.moc"
