#include "core/collections/workspace.h"
#include "core/http/httpclient.h"
#include "core/secrets/secretstore.h"
#include "tests/support/testfiles.h"
#include "tests/ui/auth/authwidgets.h"
#include "ui/auth/autheditor.h"
#include "ui/auth/authservices.h"
#include "ui/auth/authsettingsdialog.h"
#include "ui/auth/secretfield.h"

#include <QComboBox>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;

// The auth editor's pages for the signing schemes (ui/auth/signingpages): every setting through
// the widgets, masked secrets, inheritance from a folder named in the editor, and a secret typed
// into a folder's settings kept out of its file (Workspace::setSecretSink). No session bus.
class TestSigningPages final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Ui::AuthServices> m_services;
    Workspace m_ws;
    QString m_col, m_folder, m_inFolder;

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"nonexistent"),
                 "run through ctest (no session bus)");
        m_ws = Workspace::open(m_dir.path()).value();
        m_col = *m_ws.createCollection(QStringLiteral("Shop"));
        m_folder = *m_ws.createFolder(m_col, QStringLiteral("Admin"));
        SavedRequest saved;
        saved.name = QStringLiteral("in folder");
        m_inFolder = *m_ws.createRequest(m_folder, saved);
        m_client = std::make_unique<HttpClient>(&m_network);
        m_secrets = std::make_unique<SecretStore>(
            QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_services = std::make_unique<Ui::AuthServices>(m_client.get(), m_secrets.get(), nullptr);
        m_services->setResolver([this](const QString &path, const Auth &own) {
            return resolveAuth(m_ws, path, own, QString());
        });
    }

    void cleanupTestCase() { m_services.reset(); }

    // Each scheme is offered, and its page is the one shown.
    void everySchemeHasItsPage_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("field");
        QTest::newRow("digest") << int(AuthMode::Digest) << QStringLiteral("digestPassword");
        QTest::newRow("aws") << int(AuthMode::AwsSigV4) << QStringLiteral("awsSecretKey");
        QTest::newRow("oauth1") << int(AuthMode::OAuth1) << QStringLiteral("oauth1ConsumerSecret");
        QTest::newRow("jwt") << int(AuthMode::JwtBearer) << QStringLiteral("jwtClaims");
    }

    void everySchemeHasItsPage()
    {
        QFETCH(int, mode);
        QFETCH(QString, field);
        Ui::AuthEditor editor;
        editor.show();
        QVERIFY(editor.modeCombo()->findData(mode) >= 0);
        choose(editor.modeCombo(), mode);
        QCOMPARE(editor.auth().mode, AuthMode(mode));
        QVERIFY(child<QWidget>(&editor, qPrintable(field))->isVisible());
        QVERIFY2(
            child<QLabel>(&editor, "authSource")->text().contains(QLatin1String("this request")),
            qPrintable(child<QLabel>(&editor, "authSource")->text()));
    }

    // Every setting of the signing schemes survives setAuth() then auth(); secrets are masked.
    void signingSettingsRoundTripThroughTheWidgets()
    {
        Auth a;
        a.mode = AuthMode::JwtBearer;
        a.digest = {QStringLiteral("admin"), QStringLiteral("{{pw}}"), true};
        AwsSigV4Config &w = a.awsSigV4;
        w.accessKeyId = QStringLiteral("AKID");
        w.secretAccessKey = QStringLiteral("{{s}}");
        w.sessionToken = QStringLiteral("{{t}}");
        w.region = QStringLiteral("us-east-1");
        w.service = QStringLiteral("s3");
        w.placement = AwsSigV4Placement::Query;
        w.unsignedPayload = true;
        w.extraSignedHeaders = {QStringLiteral("range"), QStringLiteral("x-id")};
        OAuth1Config &o = a.oauth1;
        o.consumerKey = QStringLiteral("ck");
        o.consumerSecret = QStringLiteral("{{cs}}");
        o.token = QStringLiteral("tk");
        o.tokenSecret = QStringLiteral("{{ts}}");
        o.privateKeyPem
            = QStringLiteral("-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n");
        o.signatureMethod = OAuth1SignatureMethod::RsaSha1;
        o.placement = OAuth1Placement::Body;
        o.callback = QStringLiteral("oob");
        o.verifier = QStringLiteral("v");
        o.realm = QStringLiteral("Photos");
        JwtBearerConfig &j = a.jwt;
        j.algorithm = JwtAlgorithm::ES256;
        j.key = QStringLiteral("{{pem}}");
        j.keyFormat = JwtKeyFormat::Pem;
        j.keyId = QStringLiteral("k1");
        j.claimsTemplate = QStringLiteral("{\"sub\": \"{{user}}\"}");
        j.lifetimeSeconds = 60;
        j.placement = JwtPlacement::Query;
        j.headerPrefix = QString();
        j.queryParamName = QStringLiteral("jwt");
        Ui::AuthEditor editor;
        editor.show();
        editor.setAuth(a);
        QCOMPARE(editor.auth(), a);
        QVERIFY(child<QWidget>(&editor, "jwtClaims")->isVisible());
        QVERIFY(!child<QWidget>(&editor, "digestUser")->isVisible());
        for (const char *secret : {"digestPassword", "awsSecretKey", "awsSessionToken",
                                   "oauth1ConsumerSecret", "oauth1TokenSecret"})
            QCOMPARE(child<QLineEdit>(&editor, secret)->echoMode(), QLineEdit::Password);
    }

    // A signing scheme on a folder: the request inheriting it names it, and a secret typed into
    // it goes to the keyring (the workspace's sink), never into folder.yaml.
    // The JWT and OAuth 1.0a keys are multi-line: a typed key was shown in clear. Now a loaded
    // key shows bullets and its length until the eye is pressed; a variable or an empty field
    // shows the editor; typing into the open editor keeps it open.
    void multiLineKeysAreMasked()
    {
        const QString pem
            = QStringLiteral("-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n");
        Auth a;
        a.mode = AuthMode::JwtBearer;
        a.jwt.key = pem;
        Ui::AuthEditor editor;
        editor.show();
        editor.setAuth(a);
        auto *key = child<QPlainTextEdit>(&editor, "jwtKey");
        auto *field = qobject_cast<Ui::SecretTextField *>(key->parentWidget()->parentWidget());
        QVERIFY(field);
        QVERIFY(field->isConcealed());
        QVERIFY(!key->isVisible());
        const auto *mask = field->findChild<QLabel *>(QStringLiteral("secretMask"));
        QVERIFY(mask->isVisible());
        QVERIFY(!mask->text().contains(QLatin1String("PRIVATE")));
        QVERIFY2(mask->text().contains(QString::number(pem.size())), qPrintable(mask->text()));
        QCOMPARE(editor.auth().jwt.key, pem); // masked, not lost

        QTest::mouseClick(field->revealButton(), Qt::LeftButton);
        QVERIFY(key->isVisible());
        QCOMPARE(key->toPlainText(), pem);
        QTest::mouseClick(field->revealButton(), Qt::LeftButton);
        QVERIFY(field->isConcealed());

        a.jwt.key = QStringLiteral("{{jwtKey}}");
        editor.setAuth(a);
        QVERIFY(!field->isConcealed());
        QVERIFY(!field->revealButton()->isEnabled());

        a.jwt.key.clear();
        editor.setAuth(a);
        QVERIFY(!field->isConcealed());
        key->setFocus();
        QTest::keyClicks(key, QStringLiteral("shared-secret"));
        QVERIFY(!field->isConcealed()); // typing keeps it open
        QVERIFY(field->revealButton()->isEnabled());
        QCOMPARE(editor.auth().jwt.key, QStringLiteral("shared-secret"));

        a.mode = AuthMode::OAuth1;
        a.oauth1.privateKeyPem = pem;
        editor.setAuth(a);
        auto *oauth1Key = child<QPlainTextEdit>(&editor, "oauth1PrivateKey");
        QVERIFY(!oauth1Key->isVisible());
        QCOMPARE(editor.auth().oauth1.privateKeyPem, pem);
    }

    void signingAuthIsInheritedAndItsSecretKeptOut()
    {
        QHash<QString, QString> kept;
        m_ws.setSecretSink(
            [&kept](const QString &key, const QString &value) { kept.insert(key, value); });
        Ui::AuthSettingsDialog dialog(&m_ws, m_folder, m_services.get());
        choose(dialog.editor()->modeCombo(), int(AuthMode::Digest));
        QTest::keyClicks(child<QLineEdit>(dialog.editor(), "digestUser"), QStringLiteral("admin"));
        QTest::keyClicks(child<QLineEdit>(dialog.editor(), "digestPassword"),
                         QStringLiteral("typed-digest-secret"));
        QVERIFY(dialog.save());
        m_ws.setSecretSink({});
        const QByteArray file = readFile(m_folder + QStringLiteral("/folder.yaml"));
        QVERIFY2(!file.contains("typed-digest-secret"), file.constData());
        QCOMPARE(kept.values(), QStringList {QStringLiteral("typed-digest-secret")});
        const Auth saved = m_ws.item(m_folder)->folder->auth;
        QCOMPARE(saved.mode, AuthMode::Digest);
        QCOMPARE(saved.digest.username, QStringLiteral("admin"));
        QCOMPARE(saved.digest.password, QStringLiteral("{{digestPassword}}"));

        Ui::AuthEditor editor;
        editor.setContext(m_services.get(), m_inFolder);
        editor.show();
        QVERIFY2(editor.sourceText().contains(QStringLiteral("the folder “Admin”: Digest")),
                 qPrintable(editor.sourceText()));
        QCOMPARE(editor.summary(), QStringLiteral("Inherited · Digest"));
        QCOMPARE(effectiveAuth(m_ws, m_inFolder, Auth {}).auth.mode, AuthMode::Digest);
    }
};

QTEST_MAIN(TestSigningPages)
#include "tst_signingpages.moc"
