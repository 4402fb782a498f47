#include "core/network/networkcontext.h"
#include "core/network/workspacenetwork.h"
#include "core/secrets/secretstore.h"
#include "ui/network/certificatesettingswidget.h"
#include "ui/network/clientcertificatedialog.h"
#include "ui/network/networksettingsdialog.h"
#include "ui/network/proxysettingswidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUuid>

using namespace Patchbay::Core;
using namespace Patchbay::Ui;

namespace {

const QString kService
    = QStringLiteral("PatchbayTestNetworkUi-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

bool load(WorkspaceNetwork &network)
{
    QSignalSpy loaded(&network, &WorkspaceNetwork::loaded);
    network.load();
    return loaded.wait(20000);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// Tools → Network Settings driven as a user would: the proxy and certificate pages, OK saving
// network.yaml (no secrets in it) and the keyring, what failed to load, and the warning while
// some hosts are not verified.
class TestNetworkSettingsDialog final : public QObject
{
    Q_OBJECT

private slots:
    void editAndSaveEverything()
    {
        QTemporaryDir root;
        QNetworkAccessManager manager;
        SecretStore store(kService);
        WorkspaceNetwork network(NetworkContext::of(&manager), &store, root.path());
        QVERIFY(load(network));

        NetworkSettingsDialog dialog(&network);
        dialog.show();
        ProxySettingsWidget *proxy = dialog.proxySettings();
        QVERIFY(proxy->systemButton()->isChecked()); // the default
        QVERIFY(!proxy->hostEdit()->isEnabled());
        proxy->manualButton()->click();
        QVERIFY(proxy->hostEdit()->isEnabled());
        // A manual proxy needs a host before OK does anything.
        QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        proxy->typeCombo()->setCurrentIndex(1); // SOCKS5
        QCOMPARE(proxy->portSpin()->value(), 1080);
        QTest::keyClicks(proxy->hostEdit(), QStringLiteral("socks.corp"));
        QVERIFY(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        QTest::keyClicks(proxy->userEdit(), QStringLiteral("alice"));
        QTest::keyClicks(proxy->passwordEdit(), QStringLiteral("s3cret"));
        QCOMPARE(proxy->passwordEdit()->echoMode(), QLineEdit::Password);
        QTest::keyClicks(proxy->bypassEdit(), QStringLiteral("localhost, .internal.corp"));

        CertificateSettingsWidget *certificates = dialog.certificateSettings();
        certificates->addCaPath(QStringLiteral("certs/corp-ca.pem"));
        certificates->addClientCertificate(
            {QStringLiteral("*.corp"), QString(), QString(), QStringLiteral("certs/me.p12"), true},
            QStringLiteral("p12pass"));
        QCOMPARE(certificates->clientTable()->topLevelItemCount(), 1);
        QVERIFY(certificates->clientTable()->topLevelItem(0)->text(1).contains(
            QLatin1String("PKCS#12")));
        dialog.showPage(NetworkSettingsDialog::CertificatesPage);
        QVERIFY(!certificates->insecureWarning()->isVisible());
        certificates->addInsecureHost(QStringLiteral("dev.corp"));
        QVERIFY(certificates->insecureWarning()->isVisible());
        certificates->http1Check()->setChecked(true);

        QSignalSpy loaded(&network, &WorkspaceNetwork::loaded);
        QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));

        const NetworkSettings &saved = network.settings();
        QCOMPARE(saved.proxy.mode, ProxyMode::Manual);
        QCOMPARE(saved.proxy.type, ProxyType::Socks5);
        QCOMPARE(saved.proxy.host, QStringLiteral("socks.corp"));
        QCOMPARE(saved.proxy.port, 1080);
        QCOMPARE(saved.proxy.username, QStringLiteral("alice"));
        QCOMPARE(saved.proxy.bypass,
                 QStringList({QStringLiteral("localhost"), QStringLiteral(".internal.corp")}));
        QCOMPARE(saved.caCertificates, QStringList {QStringLiteral("certs/corp-ca.pem")});
        QCOMPARE(saved.clientCertificates.size(), 1);
        QCOMPARE(saved.insecureHosts, QStringList {QStringLiteral("dev.corp")});
        QVERIFY(saved.http1Only);
        QCOMPARE(network.secrets().proxyPassword, QStringLiteral("s3cret"));
        QCOMPARE(network.secrets().passphrases.value(QStringLiteral("certs/me.p12")),
                 QStringLiteral("p12pass"));
        const QByteArray yaml = readFile(networkSettingsPath(root.path()));
        QVERIFY(yaml.contains("socks.corp"));
        QVERIFY(!yaml.contains("s3cret"));
        QVERIFY(!yaml.contains("p12pass"));

        // The files named do not exist: the next dialog says what is not in effect.
        NetworkSettingsDialog again(&network);
        again.show();
        QVERIFY(again.problemsLabel()->isVisible());
        QVERIFY(again.problemsLabel()->text().contains(QLatin1String("corp-ca.pem")));
        QVERIFY(again.proxySettings()->manualButton()->isChecked());
        QCOMPARE(again.proxySettings()->passwordEdit()->text(), QStringLiteral("s3cret"));
        QCOMPARE(again.certificateSettings()->insecureList()->count(), 1);
        QVERIFY(again.certificateSettings()->http1Check()->isChecked());

        // Removing the client certificate removes it from the settings on the next OK.
        again.certificateSettings()->clientTable()->setCurrentItem(
            again.certificateSettings()->clientTable()->topLevelItem(0));
        QTest::mouseClick(again.certificateSettings()->removeClientButton(), Qt::LeftButton);
        QSignalSpy loadedAgain(&network, &WorkspaceNetwork::loaded);
        again.accept();
        QVERIFY(loadedAgain.wait(20000));
        QVERIFY(network.settings().clientCertificates.isEmpty());
    }

    void cancelKeepsTheSettings()
    {
        QTemporaryDir root;
        QNetworkAccessManager manager;
        SecretStore store(kService);
        WorkspaceNetwork network(NetworkContext::of(&manager), &store, root.path());
        QVERIFY(load(network));
        NetworkSettingsDialog dialog(&network);
        dialog.show();
        dialog.proxySettings()->noneButton()->click();
        dialog.reject();
        QCOMPARE(network.settings().proxy.mode, ProxyMode::System);
        QVERIFY(!QFile::exists(networkSettingsPath(root.path())));
    }

    void clientCertificateDialog()
    {
        QTemporaryDir root;
        ClientCertificateDialog dialog(root.path());
        dialog.show();
        QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        QTest::keyClicks(dialog.hostEdit(), QStringLiteral("api.test:8443"));
        QTest::keyClicks(dialog.certificateEdit(), QStringLiteral("client.pem"));
        QTest::keyClicks(dialog.keyEdit(), QStringLiteral("client.key"));
        QVERIFY(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        ClientCertificate pem = dialog.certificate();
        QCOMPARE(pem.certificate, QStringLiteral("client.pem"));
        QCOMPARE(pem.key, QStringLiteral("client.key"));
        QVERIFY(!pem.isPkcs12());
        // Typing a .p12 file switches to PKCS#12, which has no key file.
        dialog.certificateEdit()->clear();
        QTest::keyClicks(dialog.certificateEdit(), QStringLiteral("me.p12"));
        QCOMPARE(dialog.formatCombo()->currentIndex(), 1);
        QVERIFY(!dialog.keyEdit()->isVisible());
        QTest::keyClicks(dialog.passphraseEdit(), QStringLiteral("pw"));
        const ClientCertificate p12 = dialog.certificate();
        QCOMPARE(p12.pkcs12, QStringLiteral("me.p12"));
        QVERIFY(p12.key.isEmpty());
        QCOMPARE(dialog.passphrase(), QStringLiteral("pw"));
        // Files inside the workspace are kept relative to it.
        QCOMPARE(pathForSettings(root.filePath(QStringLiteral("certs/a.pem")), root.path()),
                 QStringLiteral("certs/a.pem"));
        QCOMPARE(pathForSettings(QStringLiteral("/etc/ssl/a.pem"), root.path()),
                 QStringLiteral("/etc/ssl/a.pem"));
    }
};

QTEST_MAIN(TestNetworkSettingsDialog)
#include "tst_networksettingsdialog.moc"
