#include "core/http/httpclient.h"
#include "core/network/networkcontext.h"
#include "core/network/networkprofile.h"
#include "core/network/networksettings.h"
#include "core/network/proxyconfig.h"
#include "tests/support/scriptedserver.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

QUrl url(const char *text)
{
    return QUrl(QString::fromLatin1(text));
}

} // namespace

class TestNetworkSettings final : public QObject
{
    Q_OBJECT

private slots:
    void yamlRoundTrip()
    {
        NetworkSettings s;
        s.id = QStringLiteral("0b1c6a4e-0000-4000-8000-000000000001");
        s.proxy.mode = ProxyMode::Manual;
        s.proxy.type = ProxyType::Socks5;
        s.proxy.host = QStringLiteral("proxy.corp");
        s.proxy.port = 1080;
        s.proxy.username = QStringLiteral("alice");
        s.proxy.bypass = {QStringLiteral("localhost"), QStringLiteral(".corp.example"),
                          QStringLiteral("10.0.0.0/8")};
        s.caCertificates = {QStringLiteral("certs/root.pem"), QStringLiteral("/etc/corp/cas")};
        s.clientCertificates = {{QStringLiteral("api.example.com"), QStringLiteral("c.pem"),
                                 QStringLiteral("c.key"), QString(), true},
                                {QStringLiteral("*.internal:8443"), QString(), QString(),
                                 QStringLiteral("me.p12"), false}};
        s.insecureHosts = {QStringLiteral("*.dev.local")};
        s.http1Only = true;
        const QByteArray yaml = networkSettingsToYaml(s);
        const Result<NetworkSettings> back = networkSettingsFromYaml(yaml);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
        QCOMPARE(back.value(), s);
        QVERIFY(!yaml.contains("password"));
        // The defaults write nothing but the version.
        QCOMPARE(networkSettingsToYaml(NetworkSettings()), QByteArray("patchbay: 1\n"));
        QCOMPARE(networkSettingsFromYaml("patchbay: 1\n").value(), NetworkSettings());
    }

    void yamlErrorsSayWhere()
    {
        const Result<NetworkSettings> bad
            = networkSettingsFromYaml("patchbay: 1\nproxy:\n  mode: sometimes\n");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QLatin1String("sometimes")));
        QVERIFY(!networkSettingsFromYaml("patchbay: 1\ntls:\n  clientCertificates:\n    - key: k\n")
                     .ok());
        QVERIFY(!networkSettingsFromYaml("proxy: [").ok());
    }

    // A hostile network.yaml (a cloned workspace) is refused before yaml-cpp expands it.
    void aliasBombIsRefused()
    {
        QByteArray yaml = "patchbay: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i < 9; ++i) {
            yaml += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [";
            for (int j = 0; j < 9; ++j)
                yaml += (j ? ", *a" : "*a") + QByteArray::number(i - 1);
            yaml += "]\n";
        }
        const Result<NetworkSettings> bad = networkSettingsFromYaml(yaml);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.startsWith(QLatin1String("network.yaml")),
                 qPrintable(bad.error().message));
    }

    void saveAndLoad()
    {
        QTemporaryDir dir;
        QCOMPARE(loadNetworkSettings(dir.path()).value(), NetworkSettings()); // no file yet
        NetworkSettings s;
        s.http1Only = true;
        QVERIFY(saveNetworkSettings(dir.path(), s).ok());
        const Result<NetworkSettings> loaded = loadNetworkSettings(dir.path());
        QVERIFY(loaded.ok());
        QVERIFY(loaded->http1Only);
        QVERIFY(!loaded->id.isEmpty()); // given one, for its keyring entries
    }

    void hostPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << "api.example.com"
                               << "https://api.example.com/x" << true;
        QTest::newRow("exact, case") << "API.example.com"
                                     << "https://api.EXAMPLE.com/" << true;
        QTest::newRow("other host") << "api.example.com"
                                    << "https://example.com/" << false;
        QTest::newRow("wildcard: subdomain") << "*.example.com"
                                             << "https://a.b.example.com/" << true;
        QTest::newRow("wildcard: not the apex") << "*.example.com"
                                                << "https://example.com/" << false;
        QTest::newRow("wildcard: not a suffix of a word") << "*.example.com"
                                                          << "https://badexample.com/" << false;
        QTest::newRow("port matches") << "127.0.0.1:8443"
                                      << "https://127.0.0.1:8443/" << true;
        QTest::newRow("port differs") << "127.0.0.1:8443"
                                      << "https://127.0.0.1/" << false;
        QTest::newRow("default port") << "h.test:443"
                                      << "https://h.test/" << true;
        QTest::newRow("scheme ignored") << "https://h.test"
                                        << "https://h.test/" << true;
        QTest::newRow("star") << "*"
                              << "http://anything/" << true;
    }

    void hostPatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, url);
        QFETCH(bool, matches);
        QCOMPARE(hostPatternMatches(pattern, QUrl(url)), matches);
    }

    void proxyUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("display");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("host:port") << "proxy:3128" << true << "http://proxy:3128"
                                   << ""
                                   << "";
        QTest::newRow("curl's default port") << "proxy" << true << "http://proxy:1080"
                                             << ""
                                             << "";
        QTest::newRow("credentials")
            << "http://al%40ice:p%3Ass@127.0.0.1:8888" << true << "http://127.0.0.1:8888"
            << "al@ice"
            << "p:ss";
        QTest::newRow("socks5h") << "socks5h://127.0.0.1:1080" << true << "socks5h://127.0.0.1:1080"
                                 << ""
                                 << "";
        QTest::newRow("socks5 resolves remotely too")
            << "socks5://u:p@127.0.0.1:1081" << true << "socks5h://127.0.0.1:1081"
            << "u"
            << "p";
        QTest::newRow("IPv6") << "http://[::1]:8080" << true << "http://[::1]:8080"
                              << ""
                              << "";
        QTest::newRow("https proxy unsupported") << "https://proxy:443" << false << ""
                                                 << ""
                                                 << "";
        QTest::newRow("socks4 unsupported") << "socks4://proxy" << false << ""
                                            << ""
                                            << "";
        QTest::newRow("empty") << "" << false << ""
                               << ""
                               << "";
    }

    void proxyUrls()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, display);
        QFETCH(QString, user);
        QFETCH(QString, password);
        const Result<ProxyEndpoint> parsed = parseProxyUrl(text);
        QCOMPARE(parsed.ok(), ok);
        if (!ok) {
            QVERIFY(!parsed.error().message.isEmpty());
            return;
        }
        QCOMPARE(parsed->display(), display);
        QCOMPARE(parsed->user, user);
        QCOMPARE(parsed->password, password);
    }

    void noProxy_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("bypass");
        QTest::newRow("star") << "*"
                              << "http://x.test/" << true;
        QTest::newRow("domain and subdomains") << "example.com"
                                               << "http://api.example.com/" << true;
        QTest::newRow("leading dot") << ".example.com"
                                     << "http://example.com/" << true;
        QTest::newRow("not a word suffix") << "example.com"
                                           << "http://badexample.com/" << false;
        QTest::newRow("list with spaces") << "a.test, localhost ,b.test"
                                          << "http://localhost:9/" << true;
        QTest::newRow("IP exact") << "127.0.0.1"
                                  << "http://127.0.0.1:8080/" << true;
        QTest::newRow("IP other") << "127.0.0.1"
                                  << "http://127.0.0.2/" << false;
        QTest::newRow("CIDR") << "10.0.0.0/8"
                              << "http://10.2.3.4/" << true;
        QTest::newRow("CIDR miss") << "10.0.0.0/8"
                                   << "http://11.2.3.4/" << false;
        QTest::newRow("port") << "h.test:8080"
                              << "http://h.test:8080/" << true;
        QTest::newRow("port miss") << "h.test:8080"
                                   << "http://h.test:9090/" << false;
        QTest::newRow("IPv6") << "[::1]"
                              << "http://[::1]:80/" << true;
    }

    void noProxy()
    {
        QFETCH(QString, list);
        QFETCH(QString, url);
        QFETCH(bool, bypass);
        QCOMPARE(bypassesProxy(QUrl(url), splitNoProxy(list)), bypass);
    }

    void systemProxyFromVariables()
    {
        ProxyEnvironment env;
        env.httpProxy = QStringLiteral("http://plain:3128");
        env.httpsProxy = QStringLiteral("secure:3129");
        env.noProxy = QStringLiteral("localhost,.internal");
        QCOMPARE(systemProxyFor(url("http://a.test/"), env, false)->display(),
                 QStringLiteral("http://plain:3128"));
        QCOMPARE(systemProxyFor(url("https://a.test/"), env, false)->display(),
                 QStringLiteral("http://secure:3129"));
        QVERIFY(systemProxyFor(url("https://db.internal/"), env, false)->isNone());
        QVERIFY(systemProxyFor(url("http://localhost:3000/"), env, false)->isNone());
        env.httpsProxy.clear();
        env.allProxy = QStringLiteral("socks5h://all:1080");
        QCOMPARE(systemProxyFor(url("https://a.test/"), env, false)->display(),
                 QStringLiteral("socks5h://all:1080"));
        env.httpProxy = QStringLiteral("ftp://nope");
        const Result<ProxyEndpoint> bad = systemProxyFor(url("http://a.test/"), env, false);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QLatin1String("http_proxy")));
    }

    // Per hop: the workspace's manual proxy with its bypass list and password, the request's
    // overrides, client certificates by host pattern, and hosts not to verify.
    void profileResolvesPerHop()
    {
        NetworkSettings s;
        s.proxy.mode = ProxyMode::Manual;
        s.proxy.host = QStringLiteral("127.0.0.1");
        s.proxy.port = 8888;
        s.proxy.username = QStringLiteral("alice");
        s.proxy.bypass = {QStringLiteral("direct.test")};
        s.insecureHosts = {QStringLiteral("*.dev.test")};
        s.clientCertificates = {{QStringLiteral("mtls.test"), QStringLiteral("missing.pem"),
                                 QString(), QString(), true}};
        NetworkSecrets secrets;
        secrets.proxyPassword = QStringLiteral("s3cret");
        QTemporaryDir dir;
        const NetworkProfile profile = NetworkProfile::load(s, dir.path(), secrets, {});
        QCOMPARE(profile.problems().size(), 1); // the missing certificate file
        QVERIFY(profile.problems().first().contains(QLatin1String("missing.pem")));

        const Result<CallNetwork> call = profile.forRequest(RequestSettings());
        QVERIFY(call.ok());
        const Result<HopNetwork> viaProxy = call->forUrl(url("https://api.test/"));
        QVERIFY(viaProxy.ok());
        QCOMPARE(viaProxy->proxy.display(), QStringLiteral("http://127.0.0.1:8888"));
        QCOMPARE(viaProxy->proxy.password, QStringLiteral("s3cret"));
        QVERIFY(viaProxy->verifyPeer);
        QVERIFY(viaProxy->tlsKey.isEmpty());
        QVERIFY(call->forUrl(url("http://direct.test/"))->proxy.isNone());
        const Result<HopNetwork> insecure = call->forUrl(url("https://a.dev.test/"));
        QVERIFY(!insecure->verifyPeer);
        QVERIFY(insecure->notVerifiedReason.contains(QLatin1String("*.dev.test")));
        // A certificate that failed to load stops requests to its host instead of sending
        // them without it.
        const Result<HopNetwork> mtls = call->forUrl(url("https://mtls.test/"));
        QVERIFY(!mtls.ok());
        QVERIFY(mtls.error().message.contains(QLatin1String("mtls.test")));

        RequestSettings overrides;
        overrides.proxy = ProxyOverride::None;
        overrides.http1Only = true;
        const Result<HopNetwork> direct
            = profile.forRequest(overrides)->forUrl(url("https://api.test/"));
        QVERIFY(direct->proxy.isNone());
        QVERIFY(direct->http1Only);
        QVERIFY(!direct->tlsKey.isEmpty()); // another TLS configuration: other connections
        overrides.proxy = ProxyOverride::Manual;
        overrides.proxyUrl = QStringLiteral("socks5h://bob:pw@127.0.0.1:1080");
        const Result<HopNetwork> socks
            = profile.forRequest(overrides)->forUrl(url("http://x.test/"));
        QCOMPARE(socks->proxy.type, ProxyEndpoint::Type::Socks5);
        QCOMPARE(socks->proxy.user, QStringLiteral("bob"));
        overrides.proxyUrl = QStringLiteral("ftp://nope");
        QVERIFY(!profile.forRequest(overrides).ok());
        RequestSettings missingCa;
        missingCa.caCertificates = QStringLiteral("no-such-ca.pem");
        const Result<CallNetwork> noCa = profile.forRequest(missingCa);
        QVERIFY(!noCa.ok());
        QVERIFY(noCa.error().message.contains(QLatin1String("no-such-ca.pem")));
    }

    // Saving the network settings while a request is in flight must not kill it (Qt's
    // clearConnectionCache() did: the window's first request could hang while the workspace's
    // settings loaded).
    void profileChangeLeavesRequestsInFlight()
    {
        Patchbay::Test::ScriptedServer server;
        server.setHandler(
            [](const Patchbay::Test::ReceivedRequest &, Patchbay::Test::Connection &c) {
                c.writeSlowly(Patchbay::Test::ScriptedServer::response(200, QByteArray(64, 'x')),
                              16, std::chrono::milliseconds(50));
            });
        QNetworkAccessManager manager;
        HttpClient client(&manager);
        Request request;
        request.url = server.url().toString();
        std::unique_ptr<HttpCall> call = client.send(request);
        QSignalSpy finished(call.get(), &HttpCall::finished);
        QTRY_COMPARE(server.requests().size(), 1);
        client.networkContext()->setProfile(std::make_shared<const NetworkProfile>());
        QVERIFY(finished.wait(10000));
        const Response response = finished.first().first().value<Response>();
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.body.size(), 64);
    }

    // Each TLS configuration of a host gets its own spelling of the name (Qt pools connections
    // by it): names in another case, IP addresses written another way, all the same to TLS.
    void peerVerifyNamesKeepConfigurationsApart_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("name") << "localhost";
        QTest::newRow("IPv4") << "127.0.0.1";
        QTest::newRow("IPv6") << "::1";
    }

    void peerVerifyNamesKeepConfigurationsApart()
    {
        QFETCH(QString, host);
        QNetworkAccessManager manager;
        NetworkContext *context = NetworkContext::of(&manager);
        QCOMPARE(context->qtPeerVerifyName(host, {}), host);
        QStringList names {host};
        for (int i = 1; i <= 8; ++i) {
            const QString name = context->qtPeerVerifyName(host, QByteArray::number(i));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.append(name);
            const QHostAddress address(host);
            if (address.isNull())
                QCOMPARE(name.toLower(), host);
            else
                QVERIFY2(QHostAddress(name).isEqual(address, QHostAddress::StrictConversion),
                         qPrintable(name));
        }
        // The same configuration keeps its name.
        QCOMPARE(context->qtPeerVerifyName(host, QByteArray::number(3)), names.at(3));
    }
};

QTEST_GUILESS_MAIN(TestNetworkSettings)
#include "tst_networksettings.moc"
