#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "core/network/networkcontext.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/networkservers.h"
#include "tests/integration/sendhelper.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/tlsidentity.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

// TLS against real servers and a private PKI that openssl makes at test time: nginx (a chain
// from a private CA, expired and wrong-host certificates, HTTP/2, ssl_verify_client on) and
// openssl s_server (which refuses the handshake without a client certificate). Built twice:
// Qt's transport (tst_tls) and libcurl's (tst_tls_curl); both must read alike.
class TestTls final : public QObject
{
    Q_OBJECT

private:
    QString pki(const char *file) const
    {
        return m_dir.filePath(QStringLiteral("pki/") + QLatin1String(file));
    }

    void useSettings(const NetworkSettings &settings, const NetworkSecrets &secrets = {})
    {
        NetworkProfile profile = NetworkProfile::load(settings, m_dir.path(), secrets, {});
        profile.setAskDesktopForProxy(false);
        m_lastProblems = profile.problems();
        m_client->networkContext()->setProfile(std::make_shared<const NetworkProfile>(profile));
    }

    NetworkSettings trustingTestCa() const
    {
        NetworkSettings s;
        s.caCertificates = {pki("ca.pem")};
        return s;
    }

    Response get(const QUrl &url, const RequestSettings &settings = {})
    {
        Request r;
        r.url = url.toString();
        r.settings = settings;
        return sendAndWait(*m_client, r);
    }

    // openssl's own view of a certificate's SHA-256 fingerprint ("AB:CD:...").
    static QString opensslFingerprint(const QString &pem)
    {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("x509"), QStringLiteral("-in"), pem, QStringLiteral("-noout"),
                       QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
        openssl.waitForFinished(30000);
        const QString out = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
        return out.section(u'=', 1);
    }

    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_chain;
    std::optional<ExternalServer> m_expired;
    std::optional<ExternalServer> m_wrongHost;
    std::optional<ExternalServer> m_mtls;
    std::optional<ExternalServer> m_strictMtls;
    QStringList m_lastProblems;
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
        const QString made = makeTestPki(m_dir.path());
        QVERIFY2(made.isEmpty(), qPrintable(made));
        m_chain.emplace(
            nginxTls(m_dir.path(), QStringLiteral("chain"), pki("chain.pem"), pki("server.key")));
        m_expired.emplace(nginxTls(m_dir.path(), QStringLiteral("expired"),
                                   pki("expired-chain.pem"), pki("expired.key")));
        m_wrongHost.emplace(nginxTls(m_dir.path(), QStringLiteral("wronghost"),
                                     pki("wronghost-chain.pem"), pki("wronghost.key")));
        m_mtls.emplace(nginxTls(m_dir.path(), QStringLiteral("mtls"), pki("chain.pem"),
                                pki("server.key"),
                                QStringLiteral("ssl_client_certificate %1; ssl_verify_client on;")
                                    .arg(pki("clientca.pem"))));
        m_strictMtls.emplace(opensslMtlsServer(m_dir.path()));
        for (ExternalServer *server :
             {&*m_chain, &*m_expired, &*m_wrongHost, &*m_mtls, &*m_strictMtls}) {
            const QString error = server->start();
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_transport.reset();
        for (auto *server : {&m_chain, &m_expired, &m_wrongHost, &m_mtls, &m_strictMtls})
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

    // What the TLS tab shows, checked against openssl's own reading of the certificates.
    void privateCaChainIsAcceptedWithItsCa()
    {
        useSettings(trustingTestCa());
        const Response response = get(m_chain->httpsUrl(QStringLiteral("/")));
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 200);
        const TlsInfo &tls = response.tls;
        QVERIFY(tls.verified);
        QVERIFY2(tls.protocol == QLatin1String("TLSv1.3")
                     || tls.protocol == QLatin1String("TLSv1.2"),
                 qPrintable(tls.protocol));
        QVERIFY(!tls.cipher.isEmpty());
        QCOMPARE(tls.alpn, QStringLiteral("h2"));
        QCOMPARE(response.httpVersion, QStringLiteral("2"));
        QCOMPARE(tls.peerChain.size(), 2); // the leaf and the intermediate nginx sends
        const CertificateInfo &leaf = tls.peerChain.first();
        QCOMPARE(leaf.subject, QStringLiteral("CN=localhost, O=Patchbay tests"));
        QCOMPARE(leaf.issuer, QStringLiteral("CN=Patchbay Test Intermediate CA, O=Patchbay tests"));
        QVERIFY(leaf.alternativeNames.contains(QStringLiteral("DNS:localhost")));
        QVERIFY(leaf.alternativeNames.contains(QStringLiteral("IP:127.0.0.1")));
        QCOMPARE(leaf.sha256, opensslFingerprint(pki("server.pem")));
        QCOMPARE(tls.peerChain.at(1).sha256, opensslFingerprint(pki("int.pem")));
        QVERIFY(leaf.notBefore <= QDateTime::currentDateTimeUtc());
        QVERIFY(leaf.notAfter > QDateTime::currentDateTimeUtc().addDays(20));
        QVERIFY(!leaf.selfSigned);
        QVERIFY(tls.clientCertificate.isEmpty());
    }

    void privateCaChainIsRefusedWithoutIt()
    {
        useSettings(NetworkSettings());
        const Response response = get(m_chain->httpsUrl(QStringLiteral("/")));
        QCOMPARE(response.errorKind, ErrorKind::Tls);
        QVERIFY2(response.errorMessage.contains(QLatin1String("certificate authority this computer "
                                                              "does not trust")),
                 qPrintable(response.errorMessage));
        QVERIFY(response.errorMessage.contains(QLatin1String("--cacert")));
        QVERIFY(!response.errorMessage.contains(QLatin1String("expired")));
    }

    // Each failed check has its own message, the same on both transports.
    void eachCheckHasItsOwnMessage_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("says");
        QTest::addColumn<QString>("doesNotSay");
        QTest::newRow("expired") << "expired"
                                 << "has expired (failed check: validity period)"
                                 << "host name";
        QTest::newRow("wrong host") << "wronghost"
                                    << "was not issued for the name \"127.0.0.1\" (failed check: "
                                       "host name)"
                                    << "expired";
    }

    void eachCheckHasItsOwnMessage()
    {
        QFETCH(QString, server);
        QFETCH(QString, says);
        QFETCH(QString, doesNotSay);
        useSettings(trustingTestCa());
        const ExternalServer &s = server == QLatin1String("expired") ? *m_expired : *m_wrongHost;
        const Response response = get(s.httpsUrl(QStringLiteral("/")));
        QCOMPARE(response.errorKind, ErrorKind::Tls);
        QVERIFY2(response.errorMessage.contains(says), qPrintable(response.errorMessage));
        QVERIFY2(!response.errorMessage.contains(doesNotSay), qPrintable(response.errorMessage));
        QVERIFY(response.errorMessage.contains(QLatin1String("Don't verify certificates for")));
    }

    void selfSignedHasItsOwnMessage()
    {
        const Result<TlsIdentity> identity = generateSelfSignedIdentity();
        QVERIFY(identity.ok());
        ScriptedServer server(identity.value());
        server.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "ok"); });
        useSettings(NetworkSettings());
        const Response response = get(server.url());
        QCOMPARE(response.errorKind, ErrorKind::Tls);
        QVERIFY2(response.errorMessage.contains(QLatin1String("is self-signed")),
                 qPrintable(response.errorMessage));
    }

    // "Don't verify" for some hosts only, and the response says it was not verified and why.
    void hostsNotToVerify()
    {
        NetworkSettings s = trustingTestCa();
        s.insecureHosts = {QStringLiteral("127.0.0.1:%1").arg(m_expired->port())};
        useSettings(s);
        const Response accepted = get(m_expired->httpsUrl(QStringLiteral("/")));
        QVERIFY2(!accepted.isError(), qPrintable(accepted.errorMessage));
        QVERIFY(!accepted.tls.verified);
        QVERIFY(accepted.tls.notVerifiedReason.contains(s.insecureHosts.first()));
        // Another host (here, port) is still verified.
        QCOMPARE(get(m_wrongHost->httpsUrl(QStringLiteral("/"))).errorKind, ErrorKind::Tls);
        QVERIFY(get(m_chain->httpsUrl(QStringLiteral("/"))).tls.verified);
    }

    void clientCertificate_data()
    {
        QTest::addColumn<bool>("pkcs12");
        QTest::newRow("PEM certificate and key") << false;
        QTest::newRow("PKCS#12 with a passphrase") << true;
    }

    void clientCertificate()
    {
        QFETCH(bool, pkcs12);
        NetworkSettings s = trustingTestCa();
        ClientCertificate c;
        c.host = QStringLiteral("127.0.0.1:%1").arg(m_mtls->port());
        NetworkSecrets secrets;
        if (pkcs12) {
            c.pkcs12 = QStringLiteral("pki/client.p12"); // relative to the workspace
            secrets.passphrases.insert(c.pkcs12, QLatin1String(kPkcs12Passphrase));
        } else {
            c.certificate = pki("client.pem");
            c.key = pki("client.key");
        }
        s.clientCertificates = {c};
        useSettings(s, secrets);
        QVERIFY2(m_lastProblems.isEmpty(), qPrintable(m_lastProblems.join(u'\n')));
        const Response response = get(m_mtls->httpsUrl(QStringLiteral("/")));
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 200);
        QVERIFY2(response.body.readAll().contains("CN=Patchbay test client"),
                 response.body.readAll().constData());
        QCOMPARE(response.tls.clientCertificate,
                 QStringLiteral("CN=Patchbay test client, O=Patchbay tests"));
        // The certificate is for that host only.
        QVERIFY(get(m_chain->httpsUrl(QStringLiteral("/"))).tls.clientCertificate.isEmpty());
    }

    // nginx completes the handshake and answers 400 with its reason; the TLS details show that no
    // certificate (or which one) was presented.
    void nginxWithoutOrWithAnotherCertificate_data()
    {
        QTest::addColumn<bool>("other");
        QTest::addColumn<QByteArray>("nginxSays");
        QTest::newRow("none") << false << QByteArray("No required SSL certificate was sent");
        QTest::newRow("from another CA") << true << QByteArray("The SSL certificate error");
    }

    void nginxWithoutOrWithAnotherCertificate()
    {
        QFETCH(bool, other);
        QFETCH(QByteArray, nginxSays);
        NetworkSettings s = trustingTestCa();
        if (other)
            s.clientCertificates = {{QStringLiteral("127.0.0.1"), pki("other-client.pem"),
                                     pki("other-client.key"), QString(), true}};
        useSettings(s);
        const Response response = get(m_mtls->httpsUrl(QStringLiteral("/")));
        QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
        QCOMPARE(response.statusCode, 400);
        QVERIFY(response.body.readAll().contains(nginxSays));
        QCOMPARE(response.tls.clientCertificate.isEmpty(), !other);
    }

    // A server that refuses the handshake itself: the failure names the client certificate.
    void handshakeRefused_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("says");
        QTest::newRow("none") << ""
                              << "requires a client certificate and none is set";
        QTest::newRow("from another CA") << "other-client"
                                         << "rejected the client certificate";
        QTest::newRow("the right one") << "client"
                                       << "";
    }

    void handshakeRefused()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, says);
        NetworkSettings s = trustingTestCa();
        if (!certificate.isEmpty())
            s.clientCertificates = {{QStringLiteral("127.0.0.1"),
                                     m_dir.filePath(QStringLiteral("pki/%1.pem").arg(certificate)),
                                     m_dir.filePath(QStringLiteral("pki/%1.key").arg(certificate)),
                                     QString(), true}};
        useSettings(s);
        const Response response = get(m_strictMtls->httpsUrl(QStringLiteral("/hello.txt")));
        if (says.isEmpty()) {
            QVERIFY2(!response.isError(), qPrintable(response.errorMessage));
            QCOMPARE(response.body.readAll(), QByteArray("hello\n"));
            return;
        }
        QCOMPARE(response.errorKind, ErrorKind::Tls);
        QVERIFY2(response.errorMessage.contains(says), qPrintable(response.errorMessage));
        QVERIFY(response.errorMessage.contains(QStringLiteral("failed check: client certificate")));
    }

    // The request's own CA and client certificate (curl's --cacert, --cert), and that a
    // connection made with a client certificate is never reused by a request without one.
    void requestOverridesAndConnectionIsolation()
    {
        useSettings(NetworkSettings());
        RequestSettings own;
        own.caCertificates = pki("ca.pem");
        own.clientCertificate = pki("client.p12");
        own.clientPassphrase = QLatin1String(kPkcs12Passphrase);
        const Response withCertificate = get(m_mtls->httpsUrl(QStringLiteral("/")), own);
        QVERIFY2(!withCertificate.isError(), qPrintable(withCertificate.errorMessage));
        QCOMPARE(withCertificate.statusCode, 200);
        RequestSettings caOnly;
        caOnly.caCertificates = pki("ca.pem");
        const Response without = get(m_mtls->httpsUrl(QStringLiteral("/")), caOnly);
        QVERIFY2(!without.isError(), qPrintable(without.errorMessage));
        QCOMPARE(without.statusCode, 400);
        own.clientPassphrase = QStringLiteral("wrong");
        const Response wrongPassphrase = get(m_mtls->httpsUrl(QStringLiteral("/")), own);
        QCOMPARE(wrongPassphrase.errorKind, ErrorKind::InvalidRequest);
        QVERIFY(wrongPassphrase.errorMessage.contains(QLatin1String("passphrase")));
    }

    void workspaceCertificateThatFailsToLoadStopsTheRequest()
    {
        NetworkSettings s = trustingTestCa();
        s.clientCertificates
            = {{QStringLiteral("127.0.0.1"), QString(), QString(), pki("client.p12"), true}};
        useSettings(s); // no passphrase in the keyring
        QCOMPARE(m_lastProblems.size(), 1);
        const Response response = get(m_mtls->httpsUrl(QStringLiteral("/")));
        QCOMPARE(response.errorKind, ErrorKind::InvalidRequest);
        QVERIFY(response.errorMessage.contains(QLatin1String("nothing was sent")));
    }

    void http1OnlySwitch()
    {
        useSettings(trustingTestCa());
        const Response h2 = get(m_chain->httpsUrl(QStringLiteral("/")));
        QCOMPARE(h2.httpVersion, QStringLiteral("2"));
        QVERIFY(h2.body.readAll().contains("HTTP/2.0"));
        RequestSettings http1;
        http1.http1Only = true;
        const Response h1 = get(m_chain->httpsUrl(QStringLiteral("/")), http1);
        QVERIFY2(!h1.isError(), qPrintable(h1.errorMessage));
        QCOMPARE(h1.httpVersion, QStringLiteral("1.1"));
        QVERIFY(h1.body.readAll().contains("HTTP/1.1"));
        QCOMPARE(h1.tls.alpn == QLatin1String("h2"), false);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
