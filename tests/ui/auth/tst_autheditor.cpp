#include "core/auth/tokenstore.h"
#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/history/historyentry.h"
#include "core/history/historystore.h"
#include "core/http/httpclient.h"
#include "core/secrets/secretstore.h"
#include "tests/support/scriptedserver.h"
#include "tests/ui/auth/authwidgets.h"
#include "ui/auth/autheditor.h"
#include "ui/auth/authservices.h"
#include "ui/auth/authsettingsdialog.h"
#include "ui/auth/oauth2editor.h"
#include "ui/auth/oauth2tokenpanel.h"
#include "ui/auth/signindialog.h"
#include "ui/collections/collectionspanel.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/timingchart.h"
#include "ui/runner/runnerdialog.h"
#include "ui/tabs/requesttab.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

bool rowVisible(QWidget *editor, const char *field)
{
    auto *form = qobject_cast<QFormLayout *>(editor->layout());
    return form && form->isRowVisible(child<QWidget>(editor, field));
}

// A JWT whose payload is `payload` (not signed: the editor only decodes it).
QString jwt(const QByteArray &payload)
{
    return QStringLiteral("eyJhbGciOiJSUzI1NiJ9.")
        + QString::fromLatin1(
               payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + QStringLiteral(".c2lnbmF0dXJl");
}

} // namespace

// The auth editor (ui/auth) on its own, in a request tab and in the folder/collection dialog:
// every type, inheritance and where it comes from, the OAuth 2.0 settings per grant, the token
// panel (masked token, expiry, scopes, decoded JWT, Get new token, Refresh, Clear), the sign-in
// dialog of the browser and device flows, and token exchanges in history, secrets redacted.
// No session bus: tokens live in the SecretStore's memory.
class TestAuthEditor final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Ui::AuthServices> m_services;
    Workspace m_ws;
    QString m_col, m_folder, m_inFolder, m_atRoot;

    void useWorkspaceResolver()
    {
        m_services->setResolver([this](const QString &path, const Auth &own) {
            return resolveAuth(m_ws, path, own, QString());
        });
    }

    OAuth2Config serverConfig(const ScriptedServer &server, OAuth2Grant grant) const
    {
        OAuth2Config c;
        c.grant = grant;
        c.authUrl = server.url(QStringLiteral("/authorize")).toString();
        c.tokenUrl = server.url(QStringLiteral("/token")).toString();
        c.deviceAuthUrl = server.url(QStringLiteral("/device")).toString();
        c.clientId = QStringLiteral("app");
        c.clientSecret = QStringLiteral("{{secret}}");
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"nonexistent"),
                 "run through ctest (no session bus)");
        m_ws = Workspace::open(m_dir.path()).value();
        m_col = *m_ws.createCollection(QStringLiteral("Shop"));
        CollectionInfo info = m_ws.item(m_col)->collection;
        info.auth.mode = AuthMode::Bearer;
        info.auth.token = QStringLiteral("{{token}}");
        info.variables = {{QStringLiteral("secret"), QStringLiteral("s3cret-value"), true, false}};
        QVERIFY(m_ws.saveCollection(m_col, info).ok());
        m_folder = *m_ws.createFolder(m_col, QStringLiteral("Admin"));
        FolderInfo folder = m_ws.item(m_folder)->folder;
        folder.auth.mode = AuthMode::Basic;
        folder.auth.username = QStringLiteral("root");
        QVERIFY(m_ws.saveFolder(m_folder, folder).ok());
        SavedRequest saved;
        saved.name = QStringLiteral("in folder");
        m_inFolder = *m_ws.createRequest(m_folder, saved);
        saved.name = QStringLiteral("at root");
        m_atRoot = *m_ws.createRequest(m_col, saved);
    }

    void init()
    {
        m_client = std::make_unique<HttpClient>(&m_network);
        m_secrets = std::make_unique<SecretStore>(
            QStringLiteral("PatchbayTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_services = std::make_unique<Ui::AuthServices>(m_client.get(), m_secrets.get(), nullptr);
        useWorkspaceResolver();
    }

    void cleanup()
    {
        m_services.reset(); // before the secret store it uses
    }

    void everySimpleTypeFromTheWidgets_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QStringList>("fields"); // objectName=text
        QTest::addColumn<Auth>("expected");
        Auth inherit;
        QTest::newRow("inherit") << int(AuthMode::Inherit) << QStringList {} << inherit;
        Auth none;
        none.mode = AuthMode::None;
        QTest::newRow("none") << int(AuthMode::None) << QStringList {} << none;
        Auth basic;
        basic.mode = AuthMode::Basic;
        basic.username = QStringLiteral("ann");
        basic.password = QStringLiteral("{{pw}}");
        QTest::newRow("basic") << int(AuthMode::Basic)
                               << QStringList {QStringLiteral("basicUser=ann"),
                                               QStringLiteral("basicPassword={{pw}}")}
                               << basic;
        Auth bearer;
        bearer.mode = AuthMode::Bearer;
        bearer.token = QStringLiteral("t");
        QTest::newRow("bearer") << int(AuthMode::Bearer)
                                << QStringList {QStringLiteral("bearerToken=t")} << bearer;
        Auth key;
        key.mode = AuthMode::ApiKey;
        key.keyName = QStringLiteral("X-Key");
        key.keyValue = QStringLiteral("v");
        QTest::newRow("api key") << int(AuthMode::ApiKey)
                                 << QStringList {QStringLiteral("apiKeyName=X-Key"),
                                                 QStringLiteral("apiKeyValue=v")}
                                 << key;
        Auth digest;
        digest.mode = AuthMode::Digest;
        digest.digest.username = QStringLiteral("admin");
        digest.digest.password = QStringLiteral("{{pw}}");
        QTest::newRow("digest") << int(AuthMode::Digest)
                                << QStringList {QStringLiteral("digestUser=admin"),
                                                QStringLiteral("digestPassword={{pw}}")}
                                << digest;
        Auth aws;
        aws.mode = AuthMode::AwsSigV4;
        aws.awsSigV4.accessKeyId = QStringLiteral("AKID");
        aws.awsSigV4.secretAccessKey = QStringLiteral("{{awsSecret}}");
        aws.awsSigV4.region = QStringLiteral("eu-west-1");
        aws.awsSigV4.service = QStringLiteral("execute-api");
        aws.awsSigV4.extraSignedHeaders = {QStringLiteral("x-trace")};
        QTest::newRow("aws sigv4") << int(AuthMode::AwsSigV4)
                                   << QStringList {QStringLiteral("awsAccessKey=AKID"),
                                                   QStringLiteral("awsSecretKey={{awsSecret}}"),
                                                   QStringLiteral("awsRegion=eu-west-1"),
                                                   QStringLiteral("awsService=execute-api"),
                                                   QStringLiteral("awsSignedHeaders=x-trace")}
                                   << aws;
        Auth oauth1;
        oauth1.mode = AuthMode::OAuth1;
        oauth1.oauth1.consumerKey = QStringLiteral("ck");
        oauth1.oauth1.consumerSecret = QStringLiteral("{{cs}}");
        oauth1.oauth1.token = QStringLiteral("tk");
        oauth1.oauth1.tokenSecret = QStringLiteral("{{ts}}");
        QTest::newRow("oauth 1.0a") << int(AuthMode::OAuth1)
                                    << QStringList {QStringLiteral("oauth1ConsumerKey=ck"),
                                                    QStringLiteral("oauth1ConsumerSecret={{cs}}"),
                                                    QStringLiteral("oauth1Token=tk"),
                                                    QStringLiteral("oauth1TokenSecret={{ts}}")}
                                    << oauth1;
        Auth jwt;
        jwt.mode = AuthMode::JwtBearer;
        jwt.jwt.keyId = QStringLiteral("k1");
        jwt.jwt.queryParamName = QStringLiteral("jwt");
        QTest::newRow("jwt bearer")
            << int(AuthMode::JwtBearer)
            << QStringList {QStringLiteral("jwtKeyId=k1"), QStringLiteral("jwtQueryParam=jwt")}
            << jwt;
    }

    void everySimpleTypeFromTheWidgets()
    {
        QFETCH(int, mode);
        QFETCH(QStringList, fields);
        QFETCH(Auth, expected);
        Ui::AuthEditor editor;
        editor.show();
        QSignalSpy edited(&editor, &Ui::AuthEditor::edited);
        choose(editor.modeCombo(), mode);
        for (const QString &field : fields) {
            auto *edit = child<QLineEdit>(&editor, qPrintable(field.section(u'=', 0, 0)));
            QVERIFY(edit && edit->isVisible());
            type(edit, field.section(u'=', 1));
        }
        QCOMPARE(editor.auth(), expected);
        if (mode != int(AuthMode::Inherit))
            QVERIFY(!edited.isEmpty());
    }

    void oauth2SettingsRoundTripThroughTheWidgets_data()
    {
        QTest::addColumn<int>("grant");
        for (OAuth2Grant g :
             {OAuth2Grant::AuthorizationCode, OAuth2Grant::ClientCredentials, OAuth2Grant::Password,
              OAuth2Grant::DeviceCode, OAuth2Grant::RefreshToken, OAuth2Grant::Implicit})
            QTest::addRow("%s", qPrintable(oauth2GrantName(g))) << int(g);
    }

    // Every field survives setAuth() then auth(); the grant decides which fields show.
    void oauth2SettingsRoundTripThroughTheWidgets()
    {
        QFETCH(int, grant);
        Auth a;
        a.mode = AuthMode::OAuth2;
        OAuth2Config &c = a.oauth2;
        c.grant = OAuth2Grant(grant);
        c.discoveryUrl = QStringLiteral("https://id.example.com");
        c.authUrl = QStringLiteral("https://id.example.com/authorize");
        c.tokenUrl = QStringLiteral("https://id.example.com/token");
        c.deviceAuthUrl = QStringLiteral("https://id.example.com/device");
        c.clientId = QStringLiteral("app");
        c.clientSecret = QStringLiteral("{{secret}}");
        c.scope = QStringLiteral("a b");
        c.audience = QStringLiteral("aud");
        c.resource = QStringLiteral("res");
        c.username = QStringLiteral("ada");
        c.password = QStringLiteral("{{pw}}");
        c.refreshToken = QStringLiteral("{{rt}}");
        c.redirectUri = QStringLiteral("http://127.0.0.1:8765/cb");
        c.pkce = PkceMethod::Plain;
        c.clientAuth = ClientAuthentication::Body;
        c.authParams = {{QStringLiteral("prompt"), QStringLiteral("consent"), false}};
        c.tokenParams = {{QStringLiteral("x"), QStringLiteral("1"), true}};
        c.placement = TokenPlacement::Query;
        c.headerPrefix = QString();
        c.queryParam = QStringLiteral("key");
        Ui::AuthEditor editor;
        editor.show();
        editor.setAuth(a);
        QCOMPARE(editor.auth(), a);

        Ui::OAuth2Editor *o = editor.oauth2Editor();
        QVERIFY(o->isVisible());
        const auto g = OAuth2Grant(grant);
        QCOMPARE(rowVisible(o, "oauth2Username"), g == OAuth2Grant::Password);
        QCOMPARE(rowVisible(o, "oauth2DeviceUrl"), g == OAuth2Grant::DeviceCode);
        QCOMPARE(rowVisible(o, "oauth2Pkce"), g == OAuth2Grant::AuthorizationCode);
        QCOMPARE(rowVisible(o, "oauth2RefreshToken"), g == OAuth2Grant::RefreshToken);
        QCOMPARE(rowVisible(o, "oauth2Redirect"),
                 g == OAuth2Grant::AuthorizationCode || g == OAuth2Grant::Implicit);
        QVERIFY(rowVisible(o, "oauth2QueryParam"));
        QVERIFY(!rowVisible(o, "oauth2HeaderPrefix"));
        QCOMPARE(o->warningText().contains(QLatin1String("legacy")), g == OAuth2Grant::Implicit);
        QCOMPARE(child<QLineEdit>(o, "oauth2ClientSecret")->echoMode(), QLineEdit::Password);
    }

    void oauth2TypedIn()
    {
        Ui::AuthEditor editor;
        editor.show();
        choose(editor.modeCombo(), int(AuthMode::OAuth2));
        Ui::OAuth2Editor *o = editor.oauth2Editor();
        choose(child<QComboBox>(o, "oauth2Grant"), int(OAuth2Grant::ClientCredentials));
        type(child<QLineEdit>(o, "oauth2TokenUrl"), QStringLiteral("http://id.example.com/token"));
        type(child<QLineEdit>(o, "oauth2ClientSecret"), QStringLiteral("plain-secret"));
        const Auth a = editor.auth();
        QCOMPARE(a.mode, AuthMode::OAuth2);
        QCOMPARE(a.oauth2.grant, OAuth2Grant::ClientCredentials);
        QCOMPARE(a.oauth2.tokenUrl, QStringLiteral("http://id.example.com/token"));
        // Plain http and a secret typed into a file are both called out.
        QVERIFY(o->warningText().contains(QLatin1String("plain http")));
        QVERIFY(o->warningText().contains(QLatin1String("kept in the keyring")));
        type(child<QLineEdit>(o, "oauth2ClientSecret"), QStringLiteral("{{clientSecret}}"));
        QVERIFY(!o->warningText().contains(QLatin1String("kept in the keyring")));
        QVERIFY(editor.summary().contains(QLatin1String("OAuth 2.0")));
    }

    void collectionsHaveNoParent()
    {
        Ui::AuthEditor editor(Ui::AuthEditor::Owner::Collection);
        QCOMPARE(editor.modeCombo()->findData(int(AuthMode::Inherit)), -1);
        editor.setAuth(Auth {});
        QCOMPARE(editor.modeCombo()->currentData().toInt(), int(AuthMode::None));
        QCOMPARE(editor.auth(), Auth {}); // saving changes nothing in the file
        Auth none;
        none.mode = AuthMode::None;
        editor.setAuth(none);
        QCOMPARE(editor.auth(), none);
    }

    void inheritanceNamesItsSource_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("expected");
        QTest::newRow("folder") << QStringLiteral("inFolder")
                                << QStringLiteral("the folder “Admin”: Basic");
        QTest::newRow("collection")
            << QStringLiteral("atRoot") << QStringLiteral("the collection “Shop”: Bearer token");
        QTest::newRow("unsaved") << QString() << QStringLiteral("unsaved request");
    }

    void inheritanceNamesItsSource()
    {
        QFETCH(QString, which);
        QFETCH(QString, expected);
        const QString path = which == QLatin1String("inFolder") ? m_inFolder
            : which == QLatin1String("atRoot")                  ? m_atRoot
                                                                : QString();
        Ui::AuthEditor editor;
        editor.setContext(m_services.get(), path);
        editor.show();
        QVERIFY2(editor.sourceText().contains(expected), qPrintable(editor.sourceText()));
        if (!path.isEmpty())
            QVERIFY(editor.summary().startsWith(QLatin1String("Inherited")));
        // Its own auth instead: the label says so.
        choose(editor.modeCombo(), int(AuthMode::Bearer));
        QVERIFY(
            child<QLabel>(&editor, "authSource")->text().contains(QLatin1String("this request")));
    }

    void tokenPanelShowsTheTokenAndClearsIt()
    {
        Auth a;
        a.mode = AuthMode::OAuth2;
        a.oauth2.grant = OAuth2Grant::ClientCredentials;
        a.oauth2.tokenUrl = QStringLiteral("https://id.example.com/token");
        a.oauth2.clientSecret = QStringLiteral("{{secret}}");
        const ResolvedAuth resolved = m_services->resolve(m_atRoot, a);
        const QString key = TokenStore::keyFor(resolved.collectionId, resolved.auth.oauth2);
        OAuth2Token token;
        token.accessToken = jwt("{\"sub\":\"ada\",\"scope\":\"read\",\"exp\":4102444800}");
        token.tokenType = QStringLiteral("Bearer");
        token.scope = QStringLiteral("read write");
        token.refreshToken = QStringLiteral("r");
        token.obtainedAt = QDateTime::currentDateTimeUtc();
        token.expiresAt = token.obtainedAt.addSecs(3600);
        m_services->tokens()->store(key, token);

        Ui::AuthEditor editor;
        editor.setContext(m_services.get(), m_atRoot);
        editor.setAuth(a);
        editor.resize(700, 900);
        editor.show();
        Ui::OAuth2TokenPanel *panel = editor.oauth2Editor()->tokenPanel();
        QTRY_VERIFY(panel->statusText().contains(QLatin1String("Valid until")));
        QCOMPARE(panel->tokenKey(), key);
        auto *value = child<QLineEdit>(panel, "tokenValue");
        QVERIFY(!value->text().contains(token.accessToken.mid(10, 20))); // masked
        QVERIFY(value->text().contains(QLatin1String("characters")));
        QVERIFY(child<QLabel>(panel, "tokenDetails")->text().contains(QLatin1String("read write")));
        const QString payload = child<QPlainTextEdit>(panel, "jwtPayload")->toPlainText();
        QVERIFY2(payload.startsWith(QLatin1String("{\n  \"sub\": \"ada\"")), qPrintable(payload));
        QVERIFY(payload.indexOf(QLatin1String("\"scope\""))
                < payload.indexOf(QLatin1String("\"exp\"")));

        child<QPushButton>(panel, "copyTokenButton")->click();
        QCOMPARE(QApplication::clipboard()->text(), token.accessToken);
        child<QPushButton>(panel, "clearTokenButton")->click();
        QVERIFY(!m_services->tokens()->token(key));
        QVERIFY(panel->statusText().contains(QLatin1String("No token")));
        QVERIFY(!child<QPushButton>(panel, "clearTokenButton")->isEnabled());
    }

    void getNewTokenThenRefresh()
    {
        ScriptedServer server;
        int issued = 0;
        server.setHandler([&issued](const ReceivedRequest &r, Connection &c) {
            const QUrlQuery form(QString::fromUtf8(r.body));
            const bool refresh = form.queryItemValue(QStringLiteral("grant_type"))
                == QLatin1String("refresh_token");
            ++issued;
            c.respond(200,
                      QStringLiteral("{\"access_token\":\"%1-%2\",\"refresh_token\":\"rt\","
                                     "\"expires_in\":60}")
                          .arg(refresh ? QStringLiteral("refreshed") : QStringLiteral("new"))
                          .arg(issued)
                          .toUtf8(),
                      {{"Content-Type", "application/json"}});
        });
        Auth a;
        a.mode = AuthMode::OAuth2;
        a.oauth2 = serverConfig(server, OAuth2Grant::ClientCredentials);
        Ui::AuthEditor editor;
        editor.setContext(m_services.get(), m_atRoot);
        editor.setAuth(a);
        editor.resize(700, 900);
        editor.show();
        Ui::OAuth2TokenPanel *panel = editor.oauth2Editor()->tokenPanel();
        QSignalSpy exchanges(m_services.get(), &Ui::AuthServices::exchangeRecorded);
        QSignalSpy done(panel, &Ui::OAuth2TokenPanel::flowFinished);
        child<QPushButton>(panel, "getTokenButton")->click();
        QVERIFY(done.wait(10000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(panel->messageText()));
        QTRY_VERIFY(panel->statusText().contains(QLatin1String("Valid until")));
        QCOMPARE(m_services->tokens()->token(panel->tokenKey())->accessToken,
                 QStringLiteral("new-1"));
        // The secret variable was resolved for the token call.
        QCOMPARE(QString::fromUtf8(server.requests().first().header("Authorization")),
                 QStringLiteral("Basic ")
                     + QString::fromLatin1(QByteArray("app:s3cret-value").toBase64()));
        QCOMPARE(exchanges.count(), 1);

        child<QPushButton>(panel, "refreshTokenButton")->click();
        QVERIFY(done.wait(10000));
        QCOMPARE(m_services->tokens()->token(panel->tokenKey())->accessToken,
                 QStringLiteral("refreshed-2"));
        QVERIFY(panel->messageText().contains(QLatin1String("refreshed")));
    }

    void deviceCodeDialog()
    {
        ScriptedServer server;
        int polls = 0;
        server.setHandler([&polls](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/device")
                return c.respond(200,
                                 "{\"device_code\":\"dc\",\"user_code\":\"BDWP-HQPK\","
                                 "\"verification_uri\":\"https://example.com/activate\","
                                 "\"interval\":1,\"expires_in\":600}",
                                 {{"Content-Type", "application/json"}});
            if (polls++ == 0)
                return c.respond(400, "{\"error\":\"authorization_pending\"}",
                                 {{"Content-Type", "application/json"}});
            c.respond(200, "{\"access_token\":\"device-token\"}",
                      {{"Content-Type", "application/json"}});
        });
        Auth a;
        a.mode = AuthMode::OAuth2;
        a.oauth2 = serverConfig(server, OAuth2Grant::DeviceCode);
        QWidget window;
        auto *editor = new Ui::AuthEditor(Ui::AuthEditor::Owner::Request, &window);
        editor->setContext(m_services.get(), m_atRoot);
        editor->setAuth(a);
        window.resize(700, 900);
        window.show();
        Ui::OAuth2TokenPanel *panel = editor->oauth2Editor()->tokenPanel();
        QSignalSpy done(panel, &Ui::OAuth2TokenPanel::flowFinished);
        child<QPushButton>(panel, "getTokenButton")->click();
        QTRY_VERIFY(m_services->signInDialog() && m_services->signInDialog()->isVisible());
        Ui::SignInDialog *dialog = m_services->signInDialog();
        QCOMPARE(dialog->userCode(), QStringLiteral("BDWP-HQPK"));
        QVERIFY(child<QLabel>(dialog, "signInLink")
                    ->text()
                    .contains(QLatin1String("example.com/activate")));
        QVERIFY(
            child<QLabel>(dialog, "signInCountdown")->text().contains(QLatin1String("expires in")));
        child<QPushButton>(dialog, "copyButton")->click();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("BDWP-HQPK"));
        QVERIFY(done.wait(15000));
        QVERIFY(done.first().at(0).toBool());
        QTRY_VERIFY(!m_services->signInDialog() || !m_services->signInDialog()->isVisible());
        QCOMPARE(m_services->tokens()->token(panel->tokenKey())->accessToken,
                 QStringLiteral("device-token"));
    }

    void browserSignInCanBeCancelled()
    {
        ScriptedServer server;
        Auth a;
        a.mode = AuthMode::OAuth2;
        a.oauth2 = serverConfig(server, OAuth2Grant::AuthorizationCode);
        QList<QUrl> opened;
        m_services->setOpenUrl([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QWidget window;
        auto *editor = new Ui::AuthEditor(Ui::AuthEditor::Owner::Request, &window);
        editor->setContext(m_services.get(), m_atRoot);
        editor->setAuth(a);
        window.resize(700, 900);
        window.show();
        Ui::OAuth2TokenPanel *panel = editor->oauth2Editor()->tokenPanel();
        QSignalSpy done(panel, &Ui::OAuth2TokenPanel::flowFinished);
        child<QPushButton>(panel, "getTokenButton")->click();
        QCOMPARE(opened.size(), 1); // the system browser, not an embedded one
        QVERIFY(opened.first().toString().startsWith(
            server.url(QStringLiteral("/authorize")).toString()));
        QTRY_VERIFY(m_services->signInDialog() && m_services->signInDialog()->isVisible());
        QVERIFY(m_services->signInDialog()->message().contains(QLatin1String("browser")));
        QVERIFY(!child<QPushButton>(panel, "getTokenButton")->isEnabled()); // one at a time
        m_services->signInDialog()
            ->findChild<QDialogButtonBox *>()
            ->button(QDialogButtonBox::Cancel)
            ->click();
        QVERIFY(done.wait(5000));
        QVERIFY(!done.first().at(0).toBool());
        QVERIFY(panel->messageText().contains(QLatin1String("cancelled")));
        QVERIFY(child<QPushButton>(panel, "getTokenButton")->isEnabled());
    }

    // A send from a tab: the token call lands in history as its own entry, secrets redacted,
    // and shows in the response's timing before the request.
    void tokenCallsAreVisible()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return c.respond(
                    200, "{\"access_token\":\"tok-SECRET-123\",\"refresh_token\":\"rt-SECRET\"}",
                    {{"Content-Type", "application/json"}});
            c.respond(r.header("Authorization") == "Bearer tok-SECRET-123" ? 200 : 401);
        });
        HistoryStore history(m_dir.filePath(QStringLiteral("history.sqlite")));
        Ui::AuthServices services(m_client.get(), m_secrets.get(), &history);
        services.setResolver([this](const QString &path, const Auth &own) {
            return resolveAuth(m_ws, path, own, QString());
        });
        Ui::RequestTab tab;
        tab.setAuthServices(&services);
        Request request;
        request.url = server.url(QStringLiteral("/api")).toString();
        request.auth.mode = AuthMode::OAuth2;
        request.auth.oauth2 = serverConfig(server, OAuth2Grant::ClientCredentials);
        request.auth.oauth2.clientSecret = QStringLiteral("client-SECRET");
        QSignalSpy added(&history, &HistoryStore::entryAdded);
        QSignalSpy finished(&tab, &Ui::RequestTab::exchangeFinished);
        tab.send(m_client.get(), request);
        QVERIFY(finished.wait(10000));
        const auto response = finished.first().at(1).value<Response>();
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.timing.before.size(), 1);
        QCOMPARE(finished.first().at(0).value<Request>().auth.mode, AuthMode::OAuth2);

        QTRY_COMPARE(added.count(), 1); // the token exchange (the window records the request)
        const qint64 id = added.first().at(0).value<HistoryEntrySummary>().id;
        QSignalSpy fetched(&history, &HistoryStore::entryFetched);
        history.fetchEntry(id);
        QVERIFY(fetched.wait(5000));
        const auto entry = fetched.first().at(1).value<HistoryEntry>();
        QVERIFY(entry.request.url.endsWith(QLatin1String("/token")));
        SavedRequest asSaved;
        asSaved.request = entry.request;
        const QByteArray everything = entry.body + requestToYaml(asSaved);
        QVERIFY2(!everything.contains("SECRET"), everything.constData());
        QVERIFY(entry.body.contains("access_token"));
    }

    void folderAndCollectionAuthAreEditedInTheirDialog()
    {
        Ui::AuthSettingsDialog dialog(&m_ws, m_folder, m_services.get());
        QCOMPARE(dialog.editor()->auth().mode, AuthMode::Basic);
        QVERIFY(dialog.editor()->modeCombo()->findData(int(AuthMode::Inherit)) >= 0);
        choose(dialog.editor()->modeCombo(), int(AuthMode::Inherit));
        QSignalSpy saved(&dialog, &Ui::AuthSettingsDialog::saved);
        QVERIFY(dialog.save());
        QCOMPARE(saved.count(), 1);
        QCOMPARE(m_ws.item(m_folder)->folder->auth.mode, AuthMode::Inherit);
        // The request in the folder now gets the collection's bearer.
        QCOMPARE(effectiveAuth(m_ws, m_inFolder, Auth {}).auth.mode, AuthMode::Bearer);
        // Put it back for the other tests.
        Ui::AuthSettingsDialog again(&m_ws, m_folder, nullptr);
        choose(again.editor()->modeCombo(), int(AuthMode::Basic));
        QVERIFY(again.save());
        QCOMPARE(m_ws.item(m_folder)->folder->auth.username, QStringLiteral("root"));

        Ui::AuthSettingsDialog collection(&m_ws, m_col, nullptr);
        QCOMPARE(collection.editor()->modeCombo()->findData(int(AuthMode::Inherit)), -1);
        QCOMPARE(collection.editor()->auth().token, QStringLiteral("{{token}}"));

        // "Auth…" in the sidebar: on folders and collections, not on requests.
        Ui::CollectionsPanel panel(&m_ws);
        QVERIFY(panel.selectPath(m_folder));
        QVERIFY(panel.authAction()->isEnabled());
        QVERIFY(panel.selectPath(m_inFolder));
        QVERIFY(!panel.authAction()->isEnabled());
        std::unique_ptr<Ui::AuthSettingsDialog> fromPanel(panel.createAuthDialog(m_col));
        QVERIFY(fromPanel);
        QVERIFY(!panel.createAuthDialog(m_inFolder));
    }

    // A run from the window uses the same tokens: one token call for the whole run, in history.
    void runsFromTheWindowShareTheTokens()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return c.respond(200, "{\"access_token\":\"run-token\",\"expires_in\":600}",
                                 {{"Content-Type", "application/json"}});
            c.respond(r.header("Authorization") == "Bearer run-token" ? 200 : 401);
        });
        const QString col = *m_ws.createCollection(QStringLiteral("Runs"));
        CollectionInfo info = m_ws.item(col)->collection;
        info.auth.mode = AuthMode::OAuth2;
        info.auth.oauth2 = serverConfig(server, OAuth2Grant::ClientCredentials);
        info.auth.oauth2.clientSecret = QStringLiteral("x");
        QVERIFY(m_ws.saveCollection(col, info).ok());
        for (const QString &name : {QStringLiteral("one"), QStringLiteral("two")}) {
            SavedRequest saved;
            saved.name = name;
            saved.request.url = server.url(QStringLiteral("/api")).toString();
            saved.assertions = {{AssertionKind::StatusEquals, {}, QStringLiteral("200"), true}};
            QVERIFY(m_ws.createRequest(col, saved).ok());
        }
        Ui::RunnerDialog dialog(m_ws, col, QString(), &m_network);
        dialog.setAuthServices(m_services.get());
        QSignalSpy exchanges(m_services.get(), &Ui::AuthServices::exchangeRecorded);
        QSignalSpy finished(&dialog, &Ui::RunnerDialog::runFinished);
        dialog.start();
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.first().at(0).value<RunSummary>().passed());
        QCOMPARE(exchanges.count(), 1);
    }

    // The window records the token exchange and the request; a server that echoes the
    // Authorization header back (as httpbin does) must not carry the token into history.
    void tokensNeverReachHistory()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &r, Connection &c) {
            if (r.path() == "/token")
                return c.respond(200,
                                 "{\"access_token\":\"tok-ECHO-1\",\"refresh_token\":\"rt-ECHO\"}",
                                 {{"Content-Type", "application/json"}});
            c.respond(200, "{\"authorization\":\"" + r.header("Authorization") + "\"}",
                      {{"Content-Type", "application/json"}});
        });
        HistoryStore history(m_dir.filePath(QStringLiteral("window-history.sqlite")));
        Workspace workspace;
        Ui::MainWindow window(&m_network, &history, &workspace);
        Request request;
        request.url = server.url(QStringLiteral("/echo")).toString();
        request.auth.mode = AuthMode::OAuth2;
        request.auth.oauth2 = serverConfig(server, OAuth2Grant::ClientCredentials);
        request.auth.oauth2.clientSecret = QStringLiteral("cs-ECHO");
        window.currentTab()->openUnsaved(request);
        QSignalSpy added(&history, &HistoryStore::entryAdded);
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        window.sendTab(window.currentTab());
        QVERIFY(finished.wait(10000));
        const auto response = finished.first().at(0).value<Response>();
        QVERIFY(response.body.readAll().contains("Bearer tok-ECHO-1")); // the viewer shows it
        QTRY_COMPARE(added.count(), 2); // the token call, then the request
        for (const QList<QVariant> &row : std::as_const(added)) {
            QSignalSpy fetched(&history, &HistoryStore::entryFetched);
            history.fetchEntry(row.at(0).value<HistoryEntrySummary>().id);
            QVERIFY(fetched.wait(5000));
            const auto entry = fetched.first().at(1).value<HistoryEntry>();
            SavedRequest asSaved;
            asSaved.request = entry.request;
            QByteArray everything = entry.body + requestToYaml(asSaved);
            for (const HttpHeader &h : entry.responseHeaders)
                everything += h.name + ": " + h.value + '\n';
            QVERIFY2(!everything.contains("ECHO"), everything.constData());
        }
    }

    // Getting the token is a phase before the request in the Timing tab (OAuth2Call puts the
    // request's own times after it on the same clock).
    void tokenPhaseComesFirstInTheTiming()
    {
        Timing t;
        t.requestSent = 41;
        t.firstByte = 45;
        t.finished = 46;
        t.before = {{QStringLiteral("OAuth 2.0 token"), 0, 40, QStringLiteral("new token")}};
        const QList<Ui::TimingChart::Phase> phases = Ui::TimingChart::phasesFor(t);
        QCOMPARE(phases.first().name, QStringLiteral("OAuth 2.0 token"));
        QVERIFY(phases.first().observed);
        QCOMPARE(phases.first().start, 0.0);
        QCOMPARE(phases.first().end, 40.0);
        const auto wait = std::find_if(phases.cbegin(), phases.cend(), [](const auto &p) {
            return p.name.startsWith(QLatin1String("Waiting"));
        });
        QVERIFY(wait != phases.cend());
        QCOMPARE(wait->start, 41.0); // after the token
        QCOMPARE(wait->end, 45.0);
        Ui::TimingChart chart;
        chart.setTiming(t);
        QCOMPARE(chart.totalMs(), 46.0);
    }

    void requestEditorShowsTheAuthTab()
    {
        Ui::RequestEditor editor;
        Request r;
        r.auth.mode = AuthMode::OAuth2;
        r.auth.oauth2.grant = OAuth2Grant::Password;
        editor.setRequest(r);
        QCOMPARE(editor.request().auth, r.auth);
        auto *tabs = child<QTabWidget>(&editor, "requestTabs");
        QCOMPARE(tabs->tabText(3), QStringLiteral("Auth · OAuth 2.0"));
        QVERIFY(editor.authEditor());
    }
};

QTEST_MAIN(TestAuthEditor)
#include "tst_autheditor.moc"
