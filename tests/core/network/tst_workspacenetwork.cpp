#include "core/cookies/cookiejar.h"
#include "core/cookies/cookiejarfile.h"
#include "core/network/networkcontext.h"
#include "core/network/workspacenetwork.h"
#include "core/secrets/secretstore.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;

namespace {

// A fresh keyring service per run, so that runs never see each other's entries.
const QString kService
    = QStringLiteral("PatchbayTestNetwork-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

bool waitLoaded(WorkspaceNetwork &network)
{
    QSignalSpy loaded(&network, &WorkspaceNetwork::loaded);
    network.load();
    return loaded.wait(20000);
}

} // namespace

// A workspace's network.yaml, its secrets in the keyring and its cookie file, loaded into the
// transport's NetworkContext. Runs twice (see CMakeLists.txt): with a real keyring, where a
// second SecretStore reads what the first wrote, and with none, where the store's memory keeps
// them for the session.
class TestWorkspaceNetwork final : public QObject
{
    Q_OBJECT

private:
    bool realKeyring() const
    {
        return qEnvironmentVariable("PATCHBAY_SECRETS_MODE") == QLatin1String("keyring");
    }

private slots:
    void savedSettingsAndSecretsComeBack()
    {
        QTemporaryDir root;
        QNetworkAccessManager manager;
        NetworkContext *context = NetworkContext::of(&manager);
        SecretStore store(kService);

        NetworkSettings settings;
        settings.proxy.mode = ProxyMode::Manual;
        settings.proxy.host = QStringLiteral("proxy.corp");
        settings.proxy.port = 3128;
        settings.proxy.username = QStringLiteral("alice");
        settings.clientCertificates = {
            {QStringLiteral("*.corp"), QString(), QString(), QStringLiteral("client.p12"), true}};
        settings.insecureHosts = {QStringLiteral("dev.corp")};
        NetworkSecrets secrets;
        secrets.proxyPassword = QStringLiteral("s3cret");
        secrets.passphrases.insert(QStringLiteral("client.p12"), QStringLiteral("p12pass"));
        {
            WorkspaceNetwork network(context, &store, root.path());
            QVERIFY(waitLoaded(network));
            QCOMPARE(network.settings(), NetworkSettings()); // no network.yaml yet
            QSignalSpy saved(&network, &WorkspaceNetwork::saved);
            QSignalSpy loaded(&network, &WorkspaceNetwork::loaded);
            network.save(settings, secrets);
            QVERIFY(loaded.wait(20000));
            QCOMPARE(saved.count(), 1);
            QCOMPARE(saved.first().first().toString(), QString());
            QVERIFY(!network.settings().id.isEmpty());
        }
        // The file holds no secret.
        QFile file(networkSettingsPath(root.path()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray yaml = file.readAll();
        QVERIFY(yaml.contains("proxy.corp"));
        QVERIFY(!yaml.contains("s3cret"));
        QVERIFY(!yaml.contains("p12pass"));

        // Another session: with a real keyring, another store reads what the first wrote.
        std::unique_ptr<SecretStore> other;
        if (realKeyring())
            other = std::make_unique<SecretStore>(kService);
        WorkspaceNetwork again(context, other ? other.get() : &store, root.path());
        QVERIFY(waitLoaded(again));
        QCOMPARE(again.settings().proxy, settings.proxy);
        QCOMPARE(again.secrets().proxyPassword, QStringLiteral("s3cret"));
        QCOMPARE(again.secrets().passphrases.value(QStringLiteral("client.p12")),
                 QStringLiteral("p12pass"));
        // The transport sends with them: the proxy with its password.
        const Result<CallNetwork> call = context->profile()->forRequest(RequestSettings());
        QVERIFY(call.ok());
        const Result<HopNetwork> hop = call->forUrl(QUrl(QStringLiteral("http://api.test/")));
        QVERIFY(hop.ok());
        QCOMPARE(hop->proxy.display(), QStringLiteral("http://proxy.corp:3128"));
        QCOMPARE(hop->proxy.password, QStringLiteral("s3cret"));
        // client.p12 does not exist: listed, and requests to *.corp stop with that message.
        QCOMPARE(again.problems().size(), 1);
        QVERIFY(again.problems().first().contains(QLatin1String("client.p12")));
        QVERIFY(!call->forUrl(QUrl(QStringLiteral("https://x.corp/"))).ok());

        // Without a user name the password is removed from the keyring.
        settings.proxy.username.clear();
        QSignalSpy loaded(&again, &WorkspaceNetwork::loaded);
        again.save(settings, again.secrets());
        QVERIFY(loaded.wait(20000));
        SecretStore *keyring = other ? other.get() : &store;
        QSignalSpy read(keyring, &SecretStore::readFinished);
        keyring->read(WorkspaceNetwork::proxyPasswordKey(again.settings()));
        QVERIFY(read.wait(20000));
        QCOMPARE(read.first().first().value<SecretReply>().status, SecretReply::Status::NotFound);
    }

    void brokenFileKeepsTheDefaultsAndSaysWhy()
    {
        QTemporaryDir root;
        QFile file(networkSettingsPath(root.path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("patchbay: 1\nproxy:\n  mode: sometimes\n");
        file.close();
        QNetworkAccessManager manager;
        SecretStore store(kService);
        WorkspaceNetwork network(NetworkContext::of(&manager), &store, root.path());
        QVERIFY(waitLoaded(network));
        QCOMPARE(network.problems().size(), 1);
        QVERIFY(network.problems().first().contains(QLatin1String("sometimes")));
        QCOMPARE(network.settings().proxy.mode, ProxyMode::System);
    }

    // The workspace's jar is the transport's, and it outlives the window in cookies.json.
    void cookiesPersist()
    {
        QTemporaryDir root;
        QNetworkAccessManager manager;
        NetworkContext *context = NetworkContext::of(&manager);
        SecretStore store(kService);
        {
            WorkspaceNetwork network(context, &store, root.path());
            QVERIFY(waitLoaded(network));
            QCOMPARE(context->cookieJar(), network.cookieJar());
            network.cookieJar()->storeFromResponse(QUrl(QStringLiteral("http://h.test/")),
                                                   {"sid=1; Max-Age=600"});
        }
        QCOMPARE(context->cookieJar()->cookies().size(), 0); // back to the transport's own
        QVERIFY(QFile::exists(CookieJarFile::pathForWorkspace(root.path())));
        WorkspaceNetwork again(context, &store, root.path());
        QVERIFY(waitLoaded(again));
        QTRY_COMPARE(again.cookieJar()->cookies().size(), 1);
        QCOMPARE(again.cookieJar()->cookieHeaderFor(QUrl(QStringLiteral("http://h.test/x"))),
                 QByteArray("sid=1"));
    }

    // What an imported file carried joins the workspace: certificates (no duplicates) with
    // their passphrases, cookies in the jar.
    void mergeImported()
    {
        QTemporaryDir root;
        QNetworkAccessManager manager;
        SecretStore store(kService);
        WorkspaceNetwork network(NetworkContext::of(&manager), &store, root.path());
        QVERIFY(waitLoaded(network));
        ImportedNetwork imported;
        imported.caCertificates = {QStringLiteral("/etc/bank/ca.pem")};
        imported.clientCertificates = {{QStringLiteral("*.bank.test"), QString(), QString(),
                                        QStringLiteral("/home/me/bank.p12"), true}};
        imported.passphrases.insert(QStringLiteral("/home/me/bank.p12"), QStringLiteral("pw"));
        Cookie sid;
        sid.name = QStringLiteral("sid");
        sid.value = QStringLiteral("abc");
        sid.domain = QStringLiteral("bank.test");
        imported.cookies = {sid};
        QSignalSpy loaded(&network, &WorkspaceNetwork::loaded);
        QVERIFY(network.mergeImported(imported));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(network.settings().caCertificates, imported.caCertificates);
        QCOMPARE(network.settings().clientCertificates, imported.clientCertificates);
        QCOMPARE(network.secrets().passphrases.value(QStringLiteral("/home/me/bank.p12")),
                 QStringLiteral("pw"));
        QCOMPARE(network.cookieJar()->cookieHeaderFor(QUrl(QStringLiteral("http://bank.test/"))),
                 QByteArray("sid=abc"));
        // The same again changes nothing.
        QVERIFY(!network.mergeImported(imported));
        QCOMPARE(network.settings().clientCertificates.size(), 1);
    }

    // Without a folder: the defaults, cookies in memory.
    void noWorkspaceFolder()
    {
        QNetworkAccessManager manager;
        SecretStore store(kService);
        WorkspaceNetwork network(NetworkContext::of(&manager), &store, QString());
        QVERIFY(waitLoaded(network));
        QVERIFY(network.problems().isEmpty());
        QCOMPARE(NetworkContext::of(&manager)->cookieJar(), network.cookieJar());
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceNetwork)
#include "tst_workspacenetwork.moc"
