#include "core/auth/oauth2flow.h"
#include "core/auth/oauth2pkce.h"
#include "core/http/httpclient.h"
#include "tests/support/scriptedserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QUrlQuery form(const ReceivedRequest &r)
{
    return QUrlQuery(QString::fromUtf8(r.body).replace(u'+', u' '));
}

QString field(const ReceivedRequest &r, const QString &name)
{
    return form(r).queryItemValue(name, QUrl::FullyDecoded);
}

void tokenJson(Connection &c, const QByteArray &json)
{
    c.respond(200, json, {{"Content-Type", "application/json"}});
}

void oauthError(Connection &c, int status, const QByteArray &error, const QByteArray &text = {})
{
    c.respond(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + text + "\"}",
              {{"Content-Type", "application/json"}});
}

} // namespace

// OAuth2Flow against scripted loopback servers: every grant, client authentication, PKCE and
// state checks on the loopback redirect, the device flow's polling, discovery, and failures
// explained in words. The real authorization servers are in tests/integration/tst_oauth2servers.
class TestOAuth2Flow final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;

    OAuth2Outcome run(OAuth2Flow &flow, int timeoutMs = 15000)
    {
        QSignalSpy finished(&flow, &OAuth2Flow::finished);
        return outcomeOf(finished, timeoutMs);
    }

    // For flows that may finish while the test plays the browser: spy from the start.
    static OAuth2Outcome outcomeOf(QSignalSpy &finished, int timeoutMs = 15000)
    {
        if (finished.isEmpty() && !finished.wait(timeoutMs))
            return {std::nullopt, Error {QStringLiteral("test-timeout"), QStringLiteral("no end")}};
        QCoreApplication::processEvents();
        if (finished.count() != 1)
            return {std::nullopt, Error {QStringLiteral("test"), QStringLiteral("twice")}};
        return finished.takeFirst().at(0).value<OAuth2Outcome>();
    }

    // Plays the browser: GETs `url` and returns the page's status.
    int browse(const QUrl &url)
    {
        QNetworkRequest request(url);
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!done.wait(10000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    static QUrl redirectFor(const QUrl &authorizationUrl, const QString &extraQuery)
    {
        const QUrlQuery q(authorizationUrl);
        QUrl redirect(q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        redirect.setQuery(extraQuery);
        return redirect;
    }

private slots:
    void init() { m_client = std::make_unique<HttpClient>(&m_network); }

    void clientCredentialsWithBasicAuthentication()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &r, Connection &c) {
            // RFC 6749 2.3.1: form-encoded, then Basic.
            const QByteArray expected = "Basic " + QByteArray("my+app:s%C3%A9cret%26").toBase64();
            if (r.header("Authorization") != expected
                || field(r, QStringLiteral("client_secret")) != QString())
                return oauthError(c, 401, "invalid_client");
            if (field(r, QStringLiteral("grant_type")) != QLatin1String("client_credentials")
                || field(r, QStringLiteral("scope")) != QLatin1String("read write")
                || field(r, QStringLiteral("audience")) != QLatin1String("https://api")
                || field(r, QStringLiteral("extra")) != QLatin1String("1"))
                return oauthError(c, 400, "invalid_request", "fields");
            tokenJson(c, R"({"access_token":"tok-1","token_type":"Bearer","expires_in":120})");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.clientId = QStringLiteral("my app");
        config.clientSecret = QStringLiteral("s\u00e9cret&");
        config.scope = QStringLiteral("read  write");
        config.audience = QStringLiteral("https://api");
        config.tokenParams = {{QStringLiteral("extra"), QStringLiteral("1"), true},
                              {QStringLiteral("off"), QStringLiteral("2"), false}};
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy exchanges(&flow, &OAuth2Flow::exchangeFinished);
        QSignalSpy warnings(&flow, &OAuth2Flow::warning);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QCOMPARE(outcome.token->accessToken, QStringLiteral("tok-1"));
        QVERIFY(outcome.token->expiresAt.isValid());
        QCOMPARE(warnings.count(), 0); // loopback http is fine
        QCOMPARE(exchanges.count(), 1);
        const auto exchange = exchanges.at(0).at(0).value<OAuth2Exchange>();
        QCOMPARE(exchange.response.statusCode, 200);
        QVERIFY(exchange.secrets.contains(QStringLiteral("tok-1")));
        QVERIFY(exchange.secrets.contains(QStringLiteral("s\u00e9cret&")));
        QVERIFY(!server.requests().at(0).target.contains("off"));
        QVERIFY(!field(server.requests().at(0), QStringLiteral("off")).size());
    }

    void clientCredentialsInTheBody()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &r, Connection &c) {
            if (r.hasHeader("Authorization")
                || field(r, QStringLiteral("client_id")) != QLatin1String("app")
                || field(r, QStringLiteral("client_secret")) != QLatin1String("s3"))
                return oauthError(c, 401, "invalid_client");
            tokenJson(c, R"({"access_token":"tok-body"})");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.clientId = QStringLiteral("app");
        config.clientSecret = QStringLiteral("s3");
        config.clientAuth = ClientAuthentication::Body;
        OAuth2Flow flow(m_client.get(), config);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QCOMPARE(outcome.token->accessToken, QStringLiteral("tok-body"));
    }

    void wrongSecretIsExplained()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &, Connection &c) {
            oauthError(c, 401, "invalid_client", "Client authentication failed");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.clientId = QStringLiteral("app");
        config.clientSecret = QStringLiteral("wrong");
        OAuth2Flow flow(m_client.get(), config);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY(!outcome.ok());
        QCOMPARE(outcome.error.code, QStringLiteral("oauth2-invalid_client"));
        QVERIFY2(outcome.error.message.contains(QLatin1String("client secret")),
                 qPrintable(outcome.error.message));
        QVERIFY(outcome.error.message.contains(QLatin1String("Client authentication failed")));
    }

    void tokenEndpointRedirectsAreNotFollowed()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &, Connection &c) {
            c.redirect(307, "http://127.0.0.1:1/elsewhere");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.clientSecret = QStringLiteral("s");
        OAuth2Flow flow(m_client.get(), config);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.message.contains(QLatin1String("/elsewhere")),
                 qPrintable(outcome.error.message));
        QCOMPARE(server.requests().size(), 1);
    }

    void plainHttpTokenEndpointWarns()
    {
        // 0.0.0.0 is not a loopback address by name, yet connecting to it stays on this host.
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenUrl = QStringLiteral("http://0.0.0.0:1/token");
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy warnings(&flow, &OAuth2Flow::warning);
        flow.start();
        QCOMPARE(warnings.count(), 1);
        QVERIFY(warnings.at(0).at(0).toString().contains(QLatin1String("plain http")));
        QVERIFY(!run(flow).ok());
    }

    void passwordGrantSendsTheCredentials()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &r, Connection &c) {
            if (field(r, QStringLiteral("grant_type")) != QLatin1String("password")
                || field(r, QStringLiteral("username")) != QLatin1String("ada")
                || field(r, QStringLiteral("password")) != QLatin1String("pw"))
                return oauthError(c, 400, "invalid_grant");
            tokenJson(c, R"({"access_token":"p","refresh_token":"r1"})");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::Password;
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.username = QStringLiteral("ada");
        config.password = QStringLiteral("pw");
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy exchanges(&flow, &OAuth2Flow::exchangeFinished);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QCOMPARE(outcome.token->refreshToken, QStringLiteral("r1"));
        QVERIFY(
            exchanges.at(0).at(0).value<OAuth2Exchange>().secrets.contains(QStringLiteral("pw")));
    }

    void refreshKeepsTheRefreshTokenWhenNoneComesBack()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &r, Connection &c) {
            if (field(r, QStringLiteral("grant_type")) != QLatin1String("refresh_token")
                || field(r, QStringLiteral("refresh_token")) != QLatin1String("old-refresh"))
                return oauthError(c, 400, "invalid_grant");
            tokenJson(c, R"({"access_token":"fresh","expires_in":60})");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::AuthorizationCode; // refresh works whatever the grant
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        OAuth2Token old;
        old.accessToken = QStringLiteral("stale");
        old.refreshToken = QStringLiteral("old-refresh");
        OAuth2Flow flow(m_client.get(), config);
        flow.refresh(old);
        const OAuth2Outcome outcome = run(flow);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QCOMPARE(outcome.token->accessToken, QStringLiteral("fresh"));
        QCOMPARE(outcome.token->refreshToken, QStringLiteral("old-refresh"));
    }

    void refusedRefreshIsExplained()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &, Connection &c) {
            oauthError(c, 400, "invalid_grant", "Refresh token expired");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::RefreshToken;
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.refreshToken = QStringLiteral("expired-one");
        OAuth2Flow flow(m_client.get(), config);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.message.contains(QLatin1String("refresh token was refused")),
                 qPrintable(outcome.error.message));
    }

    void authorizationCodeWithPkce_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("S256") << int(PkceMethod::S256);
        QTest::newRow("plain") << int(PkceMethod::Plain);
        QTest::newRow("none") << int(PkceMethod::None);
    }

    void authorizationCodeWithPkce()
    {
        QFETCH(int, method);
        ScriptedServer server;
        QString challenge;
        QString challengeMethod;
        QString redirectUri;
        server.setHandler([&](const ReceivedRequest &r, Connection &c) {
            const QString verifier = field(r, QStringLiteral("code_verifier"));
            const bool verified = PkceMethod(method) == PkceMethod::None
                ? verifier.isEmpty()
                : QString::fromLatin1(pkceChallenge(verifier.toLatin1(), PkceMethod(method)))
                    == challenge;
            if (field(r, QStringLiteral("code")) != QLatin1String("the-code")
                || field(r, QStringLiteral("redirect_uri")) != redirectUri || !verified)
                return oauthError(c, 400, "invalid_grant", "PKCE or code");
            tokenJson(c, R"({"access_token":"code-token","refresh_token":"rt"})");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::AuthorizationCode;
        config.authUrl = server.url(QStringLiteral("/authorize?tenant=1")).toString();
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.clientId = QStringLiteral("app");
        config.scope = QStringLiteral("openid profile");
        config.pkce = PkceMethod(method);
        config.authParams = {{QStringLiteral("prompt"), QStringLiteral("consent"), true}};
        OAuth2Flow flow(m_client.get(), config);
        QList<QUrl> opened;
        flow.setOpenUrl([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QSignalSpy urls(&flow, &OAuth2Flow::authorizationUrlReady);
        flow.start();
        QCOMPARE(urls.count(), 1);
        const QUrl url = urls.at(0).at(0).toUrl();
        QCOMPARE(opened, QList<QUrl> {url});
        const QUrlQuery q(url);
        QCOMPARE(q.queryItemValue(QStringLiteral("tenant")), QStringLiteral("1"));
        QCOMPARE(q.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
        QCOMPARE(q.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
                 QStringLiteral("openid profile"));
        QCOMPARE(q.queryItemValue(QStringLiteral("prompt")), QStringLiteral("consent"));
        challenge = q.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
        challengeMethod = q.queryItemValue(QStringLiteral("code_challenge_method"));
        QCOMPARE(challenge.isEmpty(), PkceMethod(method) == PkceMethod::None);
        if (PkceMethod(method) == PkceMethod::S256)
            QCOMPARE(challengeMethod, QStringLiteral("S256"));
        redirectUri = q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
        QVERIFY(redirectUri.startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(redirectUri.endsWith(QLatin1String("/callback")));
        const QString state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        QVERIFY(state.size() >= 32);

        QCOMPARE(browse(redirectFor(url, QStringLiteral("code=the-code&state=") + state)), 200);
        const OAuth2Outcome outcome = run(flow);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QCOMPARE(outcome.token->accessToken, QStringLiteral("code-token"));
    }

    void redirectAnswersThatAreNotOursAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query"); // STATE is replaced by the real state
        QTest::addColumn<QString>("expected");
        QTest::newRow("state differs")
            << QStringLiteral("/callback") << QStringLiteral("code=x&state=forged")
            << QStringLiteral("different state");
        QTest::newRow("state missing")
            << QStringLiteral("/callback") << QStringLiteral("code=x") << QStringLiteral("without");
        QTest::newRow("other path")
            << QStringLiteral("/oauth/redirect") << QStringLiteral("code=x&state=STATE")
            << QStringLiteral("redirect URI registered at the provider");
        QTest::newRow("consent denied")
            << QStringLiteral("/callback")
            << QStringLiteral("error=access_denied&error_description=User+said+no&state=STATE")
            << QStringLiteral("User said no"); // form-encoded: '+' is a space
    }

    void redirectAnswersThatAreNotOursAreRefused()
    {
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QString, expected);
        OAuth2Config config;
        config.authUrl = QStringLiteral("http://127.0.0.1:1/authorize");
        config.tokenUrl = QStringLiteral("http://127.0.0.1:1/token");
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy urls(&flow, &OAuth2Flow::authorizationUrlReady);
        QSignalSpy finished(&flow, &OAuth2Flow::finished);
        flow.start();
        QCOMPARE(urls.count(), 1);
        const QUrl url = urls.at(0).at(0).toUrl();
        const QString state
            = QUrlQuery(url).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        QUrl redirect = redirectFor(url, QString(query).replace(QLatin1String("STATE"), state));
        // A favicon request first: ignored, the flow keeps waiting.
        QUrl favicon = redirect;
        favicon.setPath(QStringLiteral("/favicon.ico"));
        favicon.setQuery(QString());
        QCOMPARE(browse(favicon), 404);
        redirect.setPath(path);
        const int status = browse(redirect);
        QVERIFY2(status == 200 || status == 400, qPrintable(QString::number(status)));
        const OAuth2Outcome outcome = outcomeOf(finished);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.message.contains(expected), qPrintable(outcome.error.message));
    }

    void fixedRedirectPortIsUsed()
    {
        // Find a free port, then ask for it.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        OAuth2Config config;
        config.authUrl = QStringLiteral("http://127.0.0.1:1/authorize");
        config.tokenUrl = QStringLiteral("http://127.0.0.1:1/token");
        config.redirectUri = QStringLiteral("http://127.0.0.1:%1/cb").arg(port);
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy urls(&flow, &OAuth2Flow::authorizationUrlReady);
        flow.start();
        QCOMPARE(urls.count(), 1);
        QCOMPARE(QUrlQuery(urls.at(0).at(0).toUrl())
                     .queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
                 config.redirectUri);
        flow.cancel();
        QCOMPARE(run(flow).error.code, QStringLiteral("oauth2-cancelled"));
    }

    void nonLoopbackRedirectIsRefusedWithAdvice()
    {
        OAuth2Config config;
        config.authUrl = QStringLiteral("http://127.0.0.1:1/authorize");
        config.tokenUrl = QStringLiteral("http://127.0.0.1:1/token");
        config.redirectUri = QStringLiteral("https://oauth.pstmn.io/v1/callback");
        OAuth2Flow flow(m_client.get(), config);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY(!outcome.ok());
        QVERIFY2(outcome.error.message.contains(QLatin1String("RFC 8252")),
                 qPrintable(outcome.error.message));
    }

    void browserThatNeverComesBackTimesOut()
    {
        OAuth2Config config;
        config.authUrl = QStringLiteral("http://127.0.0.1:1/authorize");
        config.tokenUrl = QStringLiteral("http://127.0.0.1:1/token");
        OAuth2Flow flow(m_client.get(), config);
        flow.setInteractionTimeout(300);
        flow.setOpenUrl([](const QUrl &) { return false; }); // no browser here
        QSignalSpy warnings(&flow, &OAuth2Flow::warning);
        flow.start();
        QCOMPARE(warnings.count(), 1);
        QVERIFY(warnings.at(0).at(0).toString().contains(QLatin1String("could not open")));
        const OAuth2Outcome outcome = run(flow);
        QCOMPARE(outcome.error.code, QStringLiteral("oauth2-timeout"));
        QVERIFY(outcome.error.message.contains(QLatin1String("redirect URI")));
    }

    void deviceFlowPollsAtTheIntervalAndSlowsDown()
    {
        ScriptedServer server;
        QList<qint64> polls;
        QElapsedTimer clock;
        int poll = 0;
        server.setHandler([&](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/device") {
                if (field(r, QStringLiteral("client_id")) != QLatin1String("tv")
                    || field(r, QStringLiteral("scope")) != QLatin1String("read"))
                    return oauthError(c, 400, "invalid_request");
                clock.start();
                return tokenJson(c,
                                 "{\"device_code\":\"dev-123\",\"user_code\":\"WDJB-MJHT\", "
                                 "\"verification_uri\":\"https://example.com/"
                                 "device\",\"expires_in\":60,\"interval\":1}");
            }
            polls.append(clock.elapsed());
            if (field(r, QStringLiteral("grant_type"))
                    != QLatin1String("urn:ietf:params:oauth:grant-type:device_code")
                || field(r, QStringLiteral("device_code")) != QLatin1String("dev-123"))
                return oauthError(c, 400, "invalid_grant");
            switch (poll++) {
            case 0:
                return oauthError(c, 400, "authorization_pending");
            case 1:
                return oauthError(c, 400, "slow_down");
            case 2:
                return oauthError(c, 400, "authorization_pending");
            default:
                return tokenJson(c, R"({"access_token":"device-token"})");
            }
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::DeviceCode;
        config.deviceAuthUrl = server.url(QStringLiteral("/device")).toString();
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        config.clientId = QStringLiteral("tv");
        config.scope = QStringLiteral("read");
        OAuth2Flow flow(m_client.get(), config);
        constexpr int second = 40;
        flow.setDeviceSecondMs(second);
        QSignalSpy prompts(&flow, &OAuth2Flow::deviceCodeReady);
        QSignalSpy exchanges(&flow, &OAuth2Flow::exchangeFinished);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QCOMPARE(outcome.token->accessToken, QStringLiteral("device-token"));
        QCOMPARE(prompts.count(), 1);
        const auto prompt = prompts.at(0).at(0).value<DeviceCodePrompt>();
        QCOMPARE(prompt.userCode, QStringLiteral("WDJB-MJHT"));
        QCOMPARE(prompt.verificationUri, QUrl(QStringLiteral("https://example.com/device")));
        QCOMPARE(prompt.intervalSeconds, 1);
        QCOMPARE(polls.size(), 4);
        QVERIFY2(polls.at(0) >= second, qPrintable(QString::number(polls.at(0))));
        QVERIFY(polls.at(1) - polls.at(0) >= second);
        // After slow_down the interval grows by five "seconds" (RFC 8628 section 3.5).
        QVERIFY2(polls.at(2) - polls.at(1) >= 6 * second,
                 qPrintable(QString::number(polls.at(2) - polls.at(1))));
        QVERIFY(polls.at(3) - polls.at(2) >= 6 * second);
        // The device authorization and the poll that ended it; pending polls are not kept.
        QCOMPARE(exchanges.count(), 2);
        QCOMPARE(exchanges.at(0).at(0).value<OAuth2Exchange>().step,
                 QStringLiteral("device authorization"));
        QVERIFY(exchanges.at(0).at(0).value<OAuth2Exchange>().secrets.contains(
            QStringLiteral("dev-123")));
    }

    void deviceSignInDeclined()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/device")
                return tokenJson(c,
                                 "{\"device_code\":\"d\",\"user_code\":\"U\",\"verification_uri\": "
                                 "\"https://example.com/device\",\"interval\":1}");
            oauthError(c, 400, "access_denied");
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::DeviceCode;
        config.deviceAuthUrl = server.url(QStringLiteral("/device")).toString();
        config.tokenUrl = server.url(QStringLiteral("/token")).toString();
        OAuth2Flow flow(m_client.get(), config);
        flow.setDeviceSecondMs(10);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QCOMPARE(outcome.error.code, QStringLiteral("oauth2-access_denied"));
        QVERIFY(outcome.error.message.contains(QLatin1String("declined")));
    }

    void discoveryFillsTheEndpoints()
    {
        ScriptedServer server;
        server.setHandler([&server](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/tenant/.well-known/openid-configuration")
                return tokenJson(
                    c,
                    QJsonDocument(QJsonObject {
                                      {QStringLiteral("issuer"),
                                       server.url(QStringLiteral("/tenant")).toString()},
                                      {QStringLiteral("token_endpoint"),
                                       server.url(QStringLiteral("/t")).toString()},
                                  })
                        .toJson());
            if (r.path() == "/t")
                return tokenJson(c, R"({"access_token":"discovered"})");
            c.respond(404);
        });
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        config.discoveryUrl = server.url(QStringLiteral("/tenant/")).toString();
        OAuth2Flow flow(m_client.get(), config);
        QSignalSpy exchanges(&flow, &OAuth2Flow::exchangeFinished);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
        QCOMPARE(outcome.token->accessToken, QStringLiteral("discovered"));
        QCOMPARE(flow.config().tokenUrl, server.url(QStringLiteral("/t")).toString());
        QCOMPARE(exchanges.count(), 2);
        QCOMPARE(exchanges.at(0).at(0).value<OAuth2Exchange>().step,
                 QStringLiteral("OpenID discovery"));
    }

    void implicitIsNotRun()
    {
        OAuth2Config config;
        config.grant = OAuth2Grant::Implicit;
        config.authUrl = QStringLiteral("http://127.0.0.1:1/authorize");
        OAuth2Flow flow(m_client.get(), config);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QCOMPARE(outcome.error.code, QStringLiteral("oauth2-implicit"));
        QVERIFY(outcome.error.message.contains(QLatin1String("PKCE")));
    }

    void missingTokenUrlIsExplained()
    {
        OAuth2Config config;
        config.grant = OAuth2Grant::ClientCredentials;
        OAuth2Flow flow(m_client.get(), config);
        flow.start();
        const OAuth2Outcome outcome = run(flow);
        QCOMPARE(outcome.error.code, QStringLiteral("oauth2-config"));
        QVERIFY(outcome.error.message.contains(QLatin1String("token URL")));
    }
};

QTEST_GUILESS_MAIN(TestOAuth2Flow)
#include "tst_oauth2flow.moc"
