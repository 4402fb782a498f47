#include "tests/integration/clisandbox.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/networkservers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace Patchbay::Test;

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

QString marker()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace

// curl's network options on `patchbay-cli send` and `run`, end to end against real servers:
// tinyproxy (with Basic authentication), nginx with a private CA and ssl_verify_client on, and
// httpbin for cookies. A run in a workspace also uses the workspace's network.yaml.
class TestCliNetwork final : public QObject
{
    Q_OBJECT

private:
    static ProcessRun cli(const QStringList &args) { return runProcess(cliPath(), args, 60000); }
    QString pki(const char *file) const
    {
        return m_dir.filePath(QStringLiteral("pki/") + QLatin1String(file));
    }
    QString proxyUrl(const ExternalServer &proxy) const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(proxy.port());
    }

    QTemporaryDir m_dir;
    QString m_openDir;
    QString m_authDir;
    std::optional<ExternalServer> m_httpbin;
    std::optional<ExternalServer> m_proxy;
    std::optional<ExternalServer> m_authProxy;
    std::optional<ExternalServer> m_tls;
    std::optional<ExternalServer> m_mtls;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString made = makeTestPki(m_dir.path());
        QVERIFY2(made.isEmpty(), qPrintable(made));
        m_openDir = m_dir.filePath(QStringLiteral("open"));
        m_authDir = m_dir.filePath(QStringLiteral("auth"));
        QVERIFY(QDir().mkpath(m_openDir));
        QVERIFY(QDir().mkpath(m_authDir));
        m_httpbin.emplace(ExternalServer::httpbin());
        m_proxy.emplace(tinyproxy(m_openDir));
        m_authProxy.emplace(
            tinyproxy(m_authDir, QStringLiteral("alice"), QStringLiteral("s3cret")));
        m_tls.emplace(
            nginxTls(m_dir.path(), QStringLiteral("tls"), pki("chain.pem"), pki("server.key")));
        m_mtls.emplace(nginxTls(m_dir.path(), QStringLiteral("mtls"), pki("chain.pem"),
                                pki("server.key"),
                                QStringLiteral("ssl_client_certificate %1; ssl_verify_client on;")
                                    .arg(pki("clientca.pem"))));
        for (ExternalServer *s : {&*m_httpbin, &*m_proxy, &*m_authProxy, &*m_tls, &*m_mtls}) {
            const QString error = s->start();
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void cleanupTestCase()
    {
        for (auto *s : {&m_httpbin, &m_proxy, &m_authProxy, &m_tls, &m_mtls})
            s->reset();
    }

    void sendThroughAProxyWithCredentials()
    {
        const QString tag = marker();
        const QString url = m_httpbin->url(QStringLiteral("/get?marker=") + tag).toString();
        const ProcessRun ok
            = cli({QStringLiteral("send"), QStringLiteral("GET"), url, QStringLiteral("-x"),
                   proxyUrl(*m_authProxy), QStringLiteral("--proxy-user"),
                   QStringLiteral("alice:s3cret"), QStringLiteral("-v")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(ok.out.startsWith(QLatin1String("HTTP/1.1 200")));
        QVERIFY2(ok.err.contains(QLatin1String("through the proxy ") + proxyUrl(*m_authProxy)),
                 qPrintable(ok.err));
        QTRY_VERIFY(readText(tinyproxyLog(m_authDir)).contains(tag));

        // Without the user name, the 407 is explained and the exit status is a transport error.
        const ProcessRun refused = cli({QStringLiteral("send"), QStringLiteral("GET"), url,
                                        QStringLiteral("--proxy"), proxyUrl(*m_authProxy)});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(QLatin1String("407 Proxy Authentication Required")),
                 qPrintable(refused.err));
        QVERIFY(refused.err.contains(QLatin1String("--proxy-user")));
    }

    void noProxyBypasses()
    {
        const QString tag = marker();
        const ProcessRun r
            = cli({QStringLiteral("send"), QStringLiteral("GET"),
                   m_httpbin->url(QStringLiteral("/get?marker=") + tag).toString(),
                   QStringLiteral("-x"), proxyUrl(*m_proxy), QStringLiteral("--noproxy"),
                   QStringLiteral("localhost,127.0.0.1"), QStringLiteral("-v")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("through the proxy")));
        QVERIFY(!readText(tinyproxyLog(m_openDir)).contains(tag));
    }

    void privateCaWithCacertOnly()
    {
        const QString url = m_tls->httpsUrl(QStringLiteral("/")).toString();
        const ProcessRun refused = cli({QStringLiteral("send"), QStringLiteral("GET"), url});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(QLatin1String("failed check: certificate authority")),
                 qPrintable(refused.err));
        QVERIFY(refused.err.contains(QLatin1String("--cacert")));

        const ProcessRun trusted
            = cli({QStringLiteral("send"), QStringLiteral("GET"), url, QStringLiteral("--cacert"),
                   pki("ca.pem"), QStringLiteral("-v")});
        QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.err));
        QVERIFY(trusted.out.contains(QLatin1String("tls ")));
        QVERIFY2(trusted.err.contains(QLatin1String("issuer: CN=Patchbay Test Intermediate CA")),
                 qPrintable(trusted.err));
        QVERIFY(!trusted.err.contains(QLatin1String("WARNING")));

        const ProcessRun folder
            = cli({QStringLiteral("send"), QStringLiteral("GET"), url, QStringLiteral("--capath"),
                   m_dir.filePath(QStringLiteral("pki"))});
        QVERIFY2(folder.exitCode == 0, qPrintable(folder.err));

        const ProcessRun insecure = cli({QStringLiteral("send"), QStringLiteral("GET"), url,
                                         QStringLiteral("-k"), QStringLiteral("-v")});
        QVERIFY2(insecure.exitCode == 0, qPrintable(insecure.err));
        QVERIFY(insecure.err.contains(QLatin1String("WARNING: the server's certificate was not "
                                                    "verified")));
    }

    void clientCertificates_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("PEM and key")
            << QStringList {QStringLiteral("--cert"), QStringLiteral("client.pem"),
                            QStringLiteral("--key"), QStringLiteral("client.key")};
        QTest::newRow("P12 with passphrase after the file")
            << QStringList {QStringLiteral("--cert"), QStringLiteral("client.p12:p12pass"),
                            QStringLiteral("--cert-type"), QStringLiteral("P12")};
        QTest::newRow("P12 with --pass")
            << QStringList {QStringLiteral("--cert"), QStringLiteral("client.p12"),
                            QStringLiteral("--pass"), QStringLiteral("p12pass")};
    }

    void clientCertificates()
    {
        QFETCH(QStringList, flags);
        // Relative paths, from the working directory, as curl reads them.
        QProcess process;
        process.setWorkingDirectory(m_dir.filePath(QStringLiteral("pki")));
        process.start(cliPath(),
                      QStringList {QStringLiteral("send"), QStringLiteral("GET"),
                                   m_mtls->httpsUrl(QStringLiteral("/")).toString(),
                                   QStringLiteral("--cacert"), QStringLiteral("ca.pem")}
                          + flags);
        QVERIFY(process.waitForFinished(60000));
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QVERIFY2(out.contains(QLatin1String("CN=Patchbay test client")), qPrintable(out));
    }

    void badCertificateOptionsAreUsageErrors()
    {
        const QString url = m_mtls->httpsUrl(QStringLiteral("/")).toString();
        const ProcessRun wrongPass
            = cli({QStringLiteral("send"), QStringLiteral("GET"), url, QStringLiteral("--cert"),
                   pki("client.p12") + QStringLiteral(":nope")});
        QCOMPARE(wrongPass.exitCode, 2);
        QVERIFY2(wrongPass.err.contains(QLatin1String("passphrase")), qPrintable(wrongPass.err));
        const ProcessRun der
            = cli({QStringLiteral("send"), QStringLiteral("GET"), url, QStringLiteral("--cert"),
                   pki("client.pem"), QStringLiteral("--cert-type"), QStringLiteral("DER")});
        QCOMPARE(der.exitCode, 2);
        const ProcessRun keyOnly = cli({QStringLiteral("send"), QStringLiteral("GET"), url,
                                        QStringLiteral("--key"), pki("client.key")});
        QCOMPARE(keyOnly.exitCode, 2);
    }

    // -c writes what httpbin set (through its redirect), -b sends it back, as curl does.
    void cookieJarFiles()
    {
        const QString jar = m_dir.filePath(QStringLiteral("jar.txt"));
        QFile::remove(jar);
        const ProcessRun set
            = cli({QStringLiteral("send"), QStringLiteral("GET"),
                   m_httpbin->url(QStringLiteral("/cookies/set?flavour=oat&size=large")).toString(),
                   QStringLiteral("-b"), jar, QStringLiteral("-c"), jar});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        // The redirect's target already got them.
        QVERIFY2(set.out.contains(QLatin1String("\"flavour\": \"oat\"")), qPrintable(set.out));
        const QString written = readText(jar);
        QVERIFY2(written.startsWith(QLatin1String("# Netscape HTTP Cookie File")),
                 qPrintable(written));
        QVERIFY(written.contains(QLatin1String("\tflavour\toat\n")));

        const ProcessRun sent = cli({QStringLiteral("send"), QStringLiteral("GET"),
                                     m_httpbin->url(QStringLiteral("/cookies")).toString(),
                                     QStringLiteral("-b"), jar});
        QVERIFY2(sent.out.contains(QLatin1String("\"size\": \"large\"")), qPrintable(sent.out));

        const ProcessRun string = cli({QStringLiteral("send"), QStringLiteral("GET"),
                                       m_httpbin->url(QStringLiteral("/cookies")).toString(),
                                       QStringLiteral("--cookie"), QStringLiteral("a=1; b=two")});
        QVERIFY2(string.out.contains(QLatin1String("\"b\": \"two\"")), qPrintable(string.out));
    }

    // A run uses the workspace's network.yaml (a proxy and a private CA here), curl's options
    // on top; cookies start fresh unless --workspace-cookies.
    void runUsesTheWorkspaceSettings()
    {
        QTemporaryDir workspace;
        const QString collection = workspace.filePath(QStringLiteral("api"));
        QVERIFY(writeText(collection + QStringLiteral("/collection.yaml"),
                          "patchbay: 1\nid: 0b7a1c2e-1111-4c3d-9e8f-000000000001\nname: API\n"));
        const QString tag = marker();
        QVERIFY(
            writeText(collection + QStringLiteral("/1-login.yaml"),
                      QStringLiteral("patchbay: 1\nname: Login\norder: 1\nmethod: GET\nurl: "
                                     "%1\ntests:\n  - kind: status-equals\n    expected: '200'\n")
                          .arg(m_httpbin->url(QStringLiteral("/cookies/set?run=") + tag).toString())
                          .toUtf8()));
        QVERIFY(
            writeText(collection + QStringLiteral("/2-tls.yaml"),
                      QStringLiteral("patchbay: 1\nname: TLS\norder: 2\nmethod: GET\nurl: "
                                     "%1\ntests:\n  - kind: status-equals\n    expected: '200'\n")
                          .arg(m_tls->httpsUrl(QStringLiteral("/")).toString())
                          .toUtf8()));
        QVERIFY(writeText(workspace.filePath(QStringLiteral("network.yaml")),
                          QStringLiteral("patchbay: 1\nproxy:\n  mode: manual\n  host: 127.0.0.1\n"
                                         "  port: %1\ntls:\n  caCertificates:\n    - %2\n")
                              .arg(m_proxy->port())
                              .arg(pki("ca.pem"))
                              .toUtf8()));
        const ProcessRun run = cli({QStringLiteral("run"), collection});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        const QString log = readText(tinyproxyLog(m_openDir));
        QVERIFY2(log.contains(tag), qPrintable(log));
        QVERIFY(log.contains(QStringLiteral("CONNECT 127.0.0.1:%1").arg(m_tls->port())));
        const QString cookieFile = workspace.filePath(QStringLiteral(".patchbay/cookies.json"));
        QVERIFY(!QFile::exists(cookieFile)); // a fresh jar: the workspace's is untouched

        // -x "" goes direct (the TLS request still needs the CA); -c writes the run's jar.
        const QString jar = workspace.filePath(QStringLiteral("run-jar.txt"));
        const QString direct = marker();
        QVERIFY(writeText(
            collection + QStringLiteral("/1-login.yaml"),
            QStringLiteral("patchbay: 1\nname: Login\norder: 1\nmethod: GET\nurl: %1\n")
                .arg(m_httpbin->url(QStringLiteral("/cookies/set?run=") + direct).toString())
                .toUtf8()));
        const ProcessRun noProxy = cli({QStringLiteral("run"), collection, QStringLiteral("-x"),
                                        QString(), QStringLiteral("-c"), jar});
        QVERIFY2(noProxy.exitCode == 0, qPrintable(noProxy.out + noProxy.err));
        QVERIFY(!readText(tinyproxyLog(m_openDir)).contains(direct));
        QVERIFY2(readText(jar).contains(QLatin1String("\trun\t") + direct),
                 qPrintable(readText(jar)));

        const ProcessRun kept
            = cli({QStringLiteral("run"), collection, QStringLiteral("--workspace-cookies")});
        QVERIFY2(kept.exitCode == 0, qPrintable(kept.out + kept.err));
        QTRY_VERIFY(readText(cookieFile).contains(direct));
    }

    // `import` of an Insomnia export puts its CA certificate into the workspace's network.yaml
    // and its cookie jar into the workspace's jar; a run then trusts that CA and, with
    // --workspace-cookies, sends those cookies.
    void importCarriesCertificatesAndCookies()
    {
        QTemporaryDir workspace;
        const QString tag = marker();
        const QString file = workspace.filePath(QStringLiteral("insomnia.json"));
        QVERIFY(writeText(file,
                          QStringLiteral(
                              R"({"_type": "export", "__export_format": 4, "resources": [
  {"_id": "wrk_1", "_type": "workspace", "name": "Bank"},
  {"_id": "req_1", "_type": "request", "parentId": "wrk_1", "name": "TLS", "method": "GET",
   "url": "%1"},
  {"_id": "req_2", "_type": "request", "parentId": "wrk_1", "name": "Cookies", "method": "GET",
   "url": "%2"},
  {"_id": "ca_1", "_type": "ca_certificate", "parentId": "wrk_1", "path": "%3",
   "disabled": false},
  {"_id": "jar_1", "_type": "cookie_jar", "parentId": "wrk_1", "name": "Default Jar",
   "cookies": [{"key": "imported", "value": "%4", "domain": "127.0.0.1", "path": "/",
                "hostOnly": true, "expires": null}]}]})")
                              .arg(m_tls->httpsUrl(QStringLiteral("/")).toString(),
                                   m_httpbin->url(QStringLiteral("/cookies")).toString(),
                                   pki("ca.pem"), tag)
                              .toUtf8()));
        const QString root = workspace.filePath(QStringLiteral("ws"));
        const ProcessRun imported
            = cli({QStringLiteral("import"), file, QStringLiteral("--into"), root});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out + imported.err));
        const QString yaml = readText(root + QStringLiteral("/network.yaml"));
        QVERIFY2(yaml.contains(pki("ca.pem")), qPrintable(yaml));
        const QString cookies = readText(root + QStringLiteral("/.patchbay/cookies.json"));
        QVERIFY2(cookies.contains(tag), qPrintable(cookies));

        const QStringList collections = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(collections, QStringList {QStringLiteral("bank")});
        // httpbin echoes the cookies it got: the run checks that the imported one was sent.
        const QString request = root + QStringLiteral("/bank/cookies.yaml");
        QVERIFY(writeText(request,
                          readText(request).toUtf8()
                              + "tests:\n  - kind: body-contains\n    expected: " + tag.toUtf8()
                              + '\n'));
        const ProcessRun run = cli({QStringLiteral("run"), root + QStringLiteral("/bank"),
                                    QStringLiteral("--workspace-cookies")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        // A fresh jar has no such cookie: the check fails.
        const ProcessRun fresh = cli({QStringLiteral("run"), root + QStringLiteral("/bank")});
        QVERIFY2(fresh.exitCode != 0, qPrintable(fresh.out + fresh.err));
    }
};

QTEST_GUILESS_MAIN(TestCliNetwork)
#include "tst_clinetwork.moc"
