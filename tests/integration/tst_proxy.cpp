#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "core/network/networkcontext.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/networkservers.h"
#include "tests/integration/sendhelper.h"
#include "tests/support/scriptedserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString marker()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace

// Proxies against real ones from Debian: tinyproxy (HTTP forward and CONNECT, with and without
// Basic authentication) and dante (SOCKS5 with names resolved by the proxy, with and without a
// user name). Each test sets the workspace's network settings on the transport, as the window
// and the CLI do. Built twice: Qt's transport (tst_proxy) and libcurl's (tst_proxy_curl).
class TestProxy final : public QObject
{
    Q_OBJECT

private:
    void useSettings(const NetworkSettings &settings, const NetworkSecrets &secrets = {},
                     const ProxyEnvironment &environment = {})
    {
        NetworkProfile profile = NetworkProfile::load(settings, m_dir.path(), secrets, environment);
        profile.setAskDesktopForProxy(false);
        m_client->networkContext()->setProfile(std::make_shared<const NetworkProfile>(profile));
    }

    NetworkSettings manual(ProxyType type, quint16 port, const QString &user = {})
    {
        NetworkSettings s;
        s.proxy.mode = ProxyMode::Manual;
        s.proxy.type = type;
        s.proxy.host = QStringLiteral("127.0.0.1");
        s.proxy.port = port;
        s.proxy.username = user;
        s.caCertificates = {m_dir.filePath(QStringLiteral("pki/ca.pem"))};
        return s;
    }

    Request get(const QUrl &url)
    {
        Request r;
        r.url = url.toString();
        return r;
    }

    QJsonObject echo(const Response &response)
    {
        return QJsonDocument::fromJson(response.body.readAll()).object();
    }

    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_httpbin;
    std::optional<ExternalServer> m_proxy;
    std::optional<ExternalServer> m_authProxy;
    std::optional<ExternalServer> m_socks;
    std::optional<ExternalServer> m_authSocks;
    std::optional<ExternalServer> m_https;
    QString m_proxyDir;
    QString m_authProxyDir;
#ifdef PATCHBAY_TEST_CURL
    std::unique_ptr<CurlTransport> m_transport;
#else
    std::unique_ptr<QNetworkAccessManager> m_transport;
#endif
    std::unique_ptr<HttpClient> m_client;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString pki = makeTestPki(m_dir.path());
        QVERIFY2(pki.isEmpty(), qPrintable(pki));
        m_proxyDir = m_dir.filePath(QStringLiteral("open"));
        m_authProxyDir = m_dir.filePath(QStringLiteral("auth"));
        const QString socksDir = m_dir.filePath(QStringLiteral("socks"));
        const QString authSocksDir = m_dir.filePath(QStringLiteral("socks-auth"));
        for (const QString &d : {m_proxyDir, m_authProxyDir, socksDir, authSocksDir})
            QVERIFY(QDir().mkpath(d));

        m_httpbin.emplace(ExternalServer::httpbin());
        m_proxy.emplace(tinyproxy(m_proxyDir));
        m_authProxy.emplace(
            tinyproxy(m_authProxyDir, QStringLiteral("alice"), QStringLiteral("s3cret")));
        m_socks.emplace(danted(socksDir, false));
        m_authSocks.emplace(danted(authSocksDir, true));
        m_https.emplace(nginxTls(m_dir.path(), QStringLiteral("tunnelled"),
                                 m_dir.filePath(QStringLiteral("pki/chain.pem")),
                                 m_dir.filePath(QStringLiteral("pki/server.key"))));
        for (ExternalServer *server :
             {&*m_httpbin, &*m_proxy, &*m_authProxy, &*m_socks, &*m_authSocks, &*m_https}) {
            const QString error = server->start();
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_transport.reset();
        for (auto *server : {&m_httpbin, &m_proxy, &m_authProxy, &m_socks, &m_authSocks, &m_https})
            server->reset();
    }

    void init()
    {
#ifdef PATCHBAY_TEST_CURL
        m_transport = std::make_unique<CurlTransport>();
#else
        m_transport = std::make_unique<QNetworkAccessManager>();
#endif
        m_client = std::make_unique<HttpClient>(m_transport.get());
    }

    void cleanup()
    {
        m_client.reset();
        m_transport.reset();
    }

    // The request goes to tinyproxy as an absolute URI and tinyproxy's log says so; the response
    // names the proxy and its timing starts with the connection to it.
    void httpThroughProxy()
    {
        useSettings(manual(ProxyType::Http, m_proxy->port()));
        const QString tag = marker();
        const Response response
            = sendAndWait(*m_client, get(m_httpbin->url(QStringLiteral("/get?marker=") + tag)));
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.proxy, QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port()));
        QVERIFY(response.timing.connectStart >= 0);
        QTRY_VERIFY2(readText(tinyproxyLog(m_proxyDir))
                         .contains(QStringLiteral("GET http://127.0.0.1:%1/get?marker=%2")
                                       .arg(m_httpbin->port())
                                       .arg(tag)),
                     qPrintable(readText(tinyproxyLog(m_proxyDir))));
    }

    // https:// goes through a CONNECT tunnel; the TLS session is with the origin, not the proxy.
    void httpsThroughConnect()
    {
        useSettings(manual(ProxyType::Http, m_proxy->port()));
        const Response response
            = sendAndWait(*m_client, get(m_https->httpsUrl(QStringLiteral("/"))));
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 200);
        QVERIFY(response.body.readAll().startsWith("tunnelled "));
        QVERIFY(!response.tls.peerChain.isEmpty());
        QVERIFY(response.tls.peerChain.first().subject.contains(QLatin1String("CN=localhost")));
        QTRY_VERIFY(readText(tinyproxyLog(m_proxyDir))
                        .contains(QStringLiteral("CONNECT 127.0.0.1:%1").arg(m_https->port())));
    }

    void basicAuthentication_data()
    {
        QTest::addColumn<bool>("https");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("passes");
        QTest::newRow("http, right password") << false << "alice"
                                              << "s3cret" << true;
        QTest::newRow("https, right password") << true << "alice"
                                               << "s3cret" << true;
        QTest::newRow("http, no credentials") << false << ""
                                              << "" << false;
        QTest::newRow("https, no credentials") << true << ""
                                               << "" << false;
    }

    // The password comes from the keyring through NetworkSecrets, as in the window. Without
    // credentials the 407 is a failure that says what the proxy wants and where to set it.
    void basicAuthentication()
    {
        QFETCH(bool, https);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(bool, passes);
        NetworkSecrets secrets;
        secrets.proxyPassword = password;
        useSettings(manual(ProxyType::Http, m_authProxy->port(), user), secrets);
        const QString tag = marker();
        const QUrl url = https ? m_https->httpsUrl(QStringLiteral("/") + tag)
                               : m_httpbin->url(QStringLiteral("/get?marker=") + tag);
        const Response response = sendAndWait(*m_client, get(url));
        if (passes) {
            QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
            QCOMPARE(response.statusCode, 200);
            const QString expected = https
                ? QStringLiteral("CONNECT 127.0.0.1:%1").arg(m_https->port())
                : QStringLiteral("marker=") + tag;
            QTRY_VERIFY(readText(tinyproxyLog(m_authProxyDir)).contains(expected));
            return;
        }
        QCOMPARE(response.errorKind, ErrorKind::Proxy);
        QCOMPARE(response.statusCode, 0);
        QVERIFY2(response.errorMessage.contains(QLatin1String("407")),
                 qPrintable(response.errorMessage));
        QVERIFY(response.errorMessage.contains(QLatin1String("none is set")));
        QVERIFY(response.errorMessage.contains(
            QStringLiteral("127.0.0.1:%1").arg(m_authProxy->port())));
    }

    // A request may carry its own proxy, credentials included (curl's -x syntax).
    void requestOverridesTheWorkspace()
    {
        useSettings(NetworkSettings()); // system: no variables, so direct
        Request r = get(m_httpbin->url(QStringLiteral("/get?marker=") + marker()));
        r.settings.proxy = ProxyOverride::Manual;
        r.settings.proxyUrl
            = QStringLiteral("http://alice:s3cret@127.0.0.1:%1").arg(m_authProxy->port());
        const Response response = sendAndWait(*m_client, r);
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.proxy, QStringLiteral("http://127.0.0.1:%1").arg(m_authProxy->port()));
        QTRY_VERIFY(readText(tinyproxyLog(m_authProxyDir)).contains(r.url.section(u'=', 1)));

        r.settings.proxy = ProxyOverride::None;
        useSettings(manual(ProxyType::Http, m_proxy->port()));
        const QString tag = marker();
        r.url = m_httpbin->url(QStringLiteral("/get?marker=") + tag).toString();
        const Response direct = sendAndWait(*m_client, r);
        QCOMPARE(direct.statusCode, 200);
        QVERIFY(direct.proxy.isEmpty());
        QVERIFY(!readText(tinyproxyLog(m_proxyDir)).contains(tag));
    }

    void bypassList()
    {
        NetworkSettings s = manual(ProxyType::Http, m_proxy->port());
        s.proxy.bypass = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
        useSettings(s);
        const QString tag = marker();
        const Response response
            = sendAndWait(*m_client, get(m_httpbin->url(QStringLiteral("/get?marker=") + tag)));
        QCOMPARE(response.statusCode, 200);
        QVERIFY(response.proxy.isEmpty());
        QVERIFY(!readText(tinyproxyLog(m_proxyDir)).contains(tag));
    }

    // System mode reads the proxy variables as curl does (captured in the profile).
    void systemProxyVariables()
    {
        NetworkSettings s;
        s.proxy.mode = ProxyMode::System;
        ProxyEnvironment env;
        env.httpProxy = QStringLiteral("127.0.0.1:%1").arg(m_proxy->port());
        useSettings(s, {}, env);
        const QString tag = marker();
        const Response response
            = sendAndWait(*m_client, get(m_httpbin->url(QStringLiteral("/get?marker=") + tag)));
        QCOMPARE(response.statusCode, 200);
        QTRY_VERIFY(readText(tinyproxyLog(m_proxyDir)).contains(tag));
        env.noProxy = QStringLiteral("127.0.0.1");
        useSettings(s, {}, env);
        const QString other = marker();
        QCOMPARE(
            sendAndWait(*m_client, get(m_httpbin->url(QStringLiteral("/get?m=") + other))).proxy,
            QString());
    }

    // A redirect to another origin drops the user's credentials before the next hop goes out,
    // through the proxy or around it: neither the proxy nor the new origin sees them, and the
    // proxy's own credentials never reach an origin.
    void credentialsStayBehindOnCrossOriginRedirect_data()
    {
        QTest::addColumn<bool>("bypassTarget");
        QTest::newRow("target through the proxy") << false;
        QTest::newRow("target bypasses the proxy") << true;
    }

    void credentialsStayBehindOnCrossOriginRedirect()
    {
        QFETCH(bool, bypassTarget);
        ScriptedServer target;
        target.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "landed"); });
        NetworkSettings s = manual(ProxyType::Http, m_authProxy->port(), QStringLiteral("alice"));
        if (bypassTarget)
            s.proxy.bypass = {QStringLiteral("localhost")};
        NetworkSecrets secrets;
        secrets.proxyPassword = QStringLiteral("s3cret");
        useSettings(s, secrets);
        // The target by another name: another origin, and one the bypass list can single out.
        const QString location = QStringLiteral("http://localhost:%1/landing").arg(target.port());
        Request r = get(m_httpbin->url(QStringLiteral("/redirect-to")));
        r.params = {{QStringLiteral("url"), location},
                    {QStringLiteral("status_code"), QStringLiteral("302")}};
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("user");
        r.auth.password = QStringLiteral("pass");
        r.headers = {{QStringLiteral("Cookie"), QStringLiteral("session=1")}};
        const Response response = sendAndWait(*m_client, r);
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.redirects.size(), 1);
        QVERIFY(response.redirects.first().droppedHeaders.contains("Authorization"));
        QCOMPARE(target.requests().size(), 1);
        const ReceivedRequest landed = target.requests().first(); // requests() is a copy
        QVERIFY(!landed.hasHeader("Authorization"));
        QVERIFY(!landed.hasHeader("Cookie"));
        QVERIFY(!landed.hasHeader("Proxy-Authorization"));
        QCOMPARE(response.proxy.isEmpty(), bypassTarget);
        const QString log = readText(tinyproxyLog(m_authProxyDir));
        QCOMPARE(log.contains(QStringLiteral("GET http://localhost:%1/landing").arg(target.port())),
                 !bypassTarget);
    }

    void socksResolvesNamesAtTheProxy()
    {
        useSettings(NetworkSettings());
        const QUrl onlyTheProxyKnows(QStringLiteral("http://%1:%2/get")
                                         .arg(QLatin1String(kSocksOnlyHost))
                                         .arg(m_httpbin->port()));
        // This machine cannot resolve the name...
        const Response direct = sendAndWait(*m_client, get(onlyTheProxyKnows));
        QCOMPARE(direct.errorKind, ErrorKind::HostNotFound);
        // ...dante can.
        useSettings(manual(ProxyType::Socks5, m_socks->port()));
        const Response response = sendAndWait(*m_client, get(onlyTheProxyKnows));
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(echo(response)
                     .value(QLatin1String("headers"))
                     .toObject()
                     .value(QLatin1String("Host"))
                     .toString(),
                 QStringLiteral("%1:%2").arg(QLatin1String(kSocksOnlyHost)).arg(m_httpbin->port()));
        QCOMPARE(response.proxy, QStringLiteral("socks5h://127.0.0.1:%1").arg(m_socks->port()));
    }

    void socksWithUserName_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("passes");
        QTest::newRow("right password") << kSocksUser << kSocksPassword << true;
        QTest::newRow("wrong password") << kSocksUser << "nope" << false;
        QTest::newRow("no user name") << ""
                                      << "" << false;
    }

    void socksWithUserName()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(bool, passes);
        NetworkSecrets secrets;
        secrets.proxyPassword = password;
        useSettings(manual(ProxyType::Socks5, m_authSocks->port(), user), secrets);
        const Response response = sendAndWait(
            *m_client, get(m_https->httpsUrl(QStringLiteral("/"), QLatin1String(kSocksOnlyHost))));
        if (passes) {
            // TLS through SOCKS: the certificate is checked against the name asked for, which
            // only the proxy resolved (the PKI's server certificate is for localhost).
            QCOMPARE(response.errorKind, ErrorKind::Tls);
            QVERIFY2(response.errorMessage.contains(QLatin1String("host name")),
                     qPrintable(response.errorMessage));
            useSettings(manual(ProxyType::Socks5, m_authSocks->port(), user), secrets);
            const Response plain = sendAndWait(*m_client,
                                               get(QUrl(QStringLiteral("http://%1:%2/get")
                                                            .arg(QLatin1String(kSocksOnlyHost))
                                                            .arg(m_httpbin->port()))));
            QVERIFY2(!plain.isError(), qPrintable(plain.errorMessage));
            QCOMPARE(plain.statusCode, 200);
            return;
        }
        QCOMPARE(response.errorKind, ErrorKind::Proxy);
        QVERIFY2(
            response.errorMessage.contains(QStringLiteral("127.0.0.1:%1").arg(m_authSocks->port())),
            qPrintable(response.errorMessage));
    }

    void proxyNotRunning()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        useSettings(manual(ProxyType::Http, port));
        const Response response
            = sendAndWait(*m_client, get(m_httpbin->url(QStringLiteral("/get"))));
        QCOMPARE(response.errorKind, ErrorKind::Proxy);
        QVERIFY2(response.errorMessage.contains(QLatin1String("refused")),
                 qPrintable(response.errorMessage));
        QVERIFY(response.errorMessage.contains(QStringLiteral("127.0.0.1:%1").arg(port)));
    }
};

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
