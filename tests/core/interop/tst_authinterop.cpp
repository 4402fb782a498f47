#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/interop/brunoimport.h"
#include "core/interop/httpfileimport.h"
#include "core/interop/insomniaimport.h"
#include "core/interop/postmanexport.h"
#include "core/interop/postmanimport.h"
#include "core/json/jsonparser.h"
#include "tests/support/testfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

bool anyContains(const QStringList &lines, const QString &text)
{
    return std::any_of(lines.cbegin(), lines.cend(),
                       [&text](const QString &l) { return l.contains(text); });
}

QString dataDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/interop/data/auth");
}

} // namespace

// OAuth 2.0 and inherited auth through Postman (import and export), Insomnia, Bruno and .http
// (JetBrains' $auth.token with http-client.env.json): converted, not reported as lost; what
// cannot be kept (a saved token, a callback URL elsewhere, header parameters) is reported.
class TestAuthInterop final : public QObject
{
    Q_OBJECT

private slots:
    void postmanOAuth2()
    {
        const Result<ImportedCollection> r = importPostmanCollection(
            readFile(dataDir() + QStringLiteral("/oauth2.postman_collection.json")));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const Auth &top = r->info.auth;
        QCOMPARE(top.mode, AuthMode::OAuth2);
        const OAuth2Config &c = top.oauth2;
        QCOMPARE(c.grant, OAuth2Grant::AuthorizationCode);
        QCOMPARE(c.pkce, PkceMethod::Plain);
        QCOMPARE(c.authUrl, QStringLiteral("https://id.example.com/authorize"));
        QCOMPARE(c.tokenUrl, QStringLiteral("https://id.example.com/token"));
        QCOMPARE(c.clientId, QStringLiteral("{{clientId}}"));
        QCOMPARE(c.clientSecret, QStringLiteral("{{clientSecret}}"));
        QCOMPARE(c.scope, QStringLiteral("openid profile"));
        QCOMPARE(c.clientAuth, ClientAuthentication::Body);
        QCOMPARE(c.placement, TokenPlacement::Query);
        QCOMPARE(c.audience, QStringLiteral("https://api.example.com"));
        QCOMPARE(c.tokenParams,
                 KeyValueList({{QStringLiteral("tenant"), QStringLiteral("t1"), true}}));
        QCOMPARE(c.authParams,
                 KeyValueList({{QStringLiteral("prompt"), QStringLiteral("consent"), false}}));
        QVERIFY(c.redirectUri.isEmpty()); // Postman's own callback cannot reach us

        const QStringList &lossy = r->report.lossy;
        QVERIFY(anyContains(lossy, QStringLiteral("access token saved")));
        QVERIFY(anyContains(lossy, QStringLiteral("oauth.pstmn.io")));
        QVERIFY(anyContains(lossy, QStringLiteral("x-trace")));
        QVERIFY(!anyContains(lossy, QStringLiteral("not supported")));
        // The saved token itself goes nowhere.
        QVERIFY(!collectionToYaml(r->info).contains("saved-token-value"));

        const ImportedFolder &machines = r->root.folders.at(0);
        QCOMPARE(machines.info.auth.oauth2.grant, OAuth2Grant::ClientCredentials);
        QCOMPARE(machines.info.auth.oauth2.headerPrefix, QStringLiteral("token"));
        // Its typed client secret is no loss: saving moves it to the keyring (authsecrets.h).
        QVERIFY(!anyContains(lossy, QStringLiteral("secret")));
        QCOMPARE(machines.requests.at(0).request.auth.mode, AuthMode::Inherit);

        const QList<SavedRequest> &requests = r->root.requests;
        QCOMPARE(requests.at(0).request.auth.mode, AuthMode::Inherit); // Me
        QCOMPARE(requests.at(1).request.auth.oauth2.grant, OAuth2Grant::Implicit); // v2.0 params
        QVERIFY(anyContains(lossy, QStringLiteral("implicit grant imported as legacy")));
        QCOMPARE(requests.at(2).request.auth.mode, AuthMode::Bearer); // only a scripted token
        QCOMPARE(requests.at(2).request.auth.token, QStringLiteral("{{tokenFromScript}}"));
        QCOMPARE(requests.at(3).request.auth.mode, AuthMode::None); // noauth
    }

    // Export writes what Postman reads, never a literal secret; importing it gives it back.
    void postmanExportRoundTrip()
    {
        QTemporaryDir dir;
        Workspace ws = Workspace::open(dir.path()).value();
        const QString col = *ws.createCollection(QStringLiteral("OAuth"));
        CollectionInfo info = ws.item(col)->collection;
        info.auth.mode = AuthMode::OAuth2;
        OAuth2Config &c = info.auth.oauth2;
        c.grant = OAuth2Grant::AuthorizationCode;
        c.pkce = PkceMethod::S256;
        c.authUrl = QStringLiteral("https://id.example.com/authorize");
        c.tokenUrl = QStringLiteral("https://id.example.com/token");
        c.clientId = QStringLiteral("app");
        c.clientSecret = QStringLiteral("{{clientSecret}}");
        c.scope = QStringLiteral("read");
        c.audience = QStringLiteral("https://api");
        c.redirectUri = QStringLiteral("http://127.0.0.1:8765/callback");
        c.headerPrefix = QStringLiteral("token");
        c.authParams = {{QStringLiteral("prompt"), QStringLiteral("login"), true}};
        QVERIFY(ws.saveCollection(col, info).ok());
        const QString folder = *ws.createFolder(col, QStringLiteral("Machines"));
        FolderInfo f = ws.item(folder)->folder;
        f.auth.mode = AuthMode::OAuth2;
        f.auth.oauth2.grant = OAuth2Grant::ClientCredentials;
        f.auth.oauth2.tokenUrl = QStringLiteral("https://id.example.com/token");
        f.auth.oauth2.clientSecret = QStringLiteral("typed-in-secret");
        QVERIFY(ws.saveFolder(folder, f).ok());
        SavedRequest open;
        open.name = QStringLiteral("Open");
        open.request.auth.mode = AuthMode::None;
        ws.createRequest(col, open);
        SavedRequest inherits;
        inherits.name = QStringLiteral("Inherits");
        ws.createRequest(folder, inherits);

        const QByteArray exported = exportPostmanCollection(ws, col);
        QVERIFY(!exported.contains("typed-in-secret"));
        QVERIFY(exported.contains("authorization_code_with_pkce"));
        QVERIFY(exported.contains("\"noauth\""));

        const Result<ImportedCollection> back = importPostmanCollection(exported);
        QVERIFY(back.ok());
        QCOMPARE(back->info.auth, info.auth);
        const ImportedFolder &machines = back->root.folders.at(0);
        QCOMPARE(machines.info.auth.oauth2.grant, OAuth2Grant::ClientCredentials);
        // The typed secret moved to the keyring when the folder was saved; the export carries
        // the variable that refers to it.
        QCOMPARE(machines.info.auth.oauth2.clientSecret, QStringLiteral("{{oauth2ClientSecret}}"));
        QCOMPARE(machines.requests.at(0).request.auth.mode, AuthMode::Inherit);
        const auto openBack
            = std::find_if(back->root.requests.cbegin(), back->root.requests.cend(),
                           [](const SavedRequest &s) { return s.name == QLatin1String("Open"); });
        QVERIFY(openBack != back->root.requests.cend());
        QCOMPARE(openBack->request.auth.mode, AuthMode::None);
    }

    void insomniaOAuth2AndFolderAuth()
    {
        const QByteArray json = readFile(dataDir() + QStringLiteral("/oauth2.insomnia.json"));
        const Result<ImportedCollection> r = importInsomnia(json);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const ImportedFolder &secured = r->root.folders.at(0);
        const OAuth2Config &p = secured.info.auth.oauth2;
        QCOMPARE(secured.info.auth.mode, AuthMode::OAuth2);
        QCOMPARE(p.grant, OAuth2Grant::Password);
        QCOMPARE(p.username, QStringLiteral("{{user}}"));
        QCOMPARE(p.password, QStringLiteral("{{pw}}"));
        QCOMPARE(p.clientAuth, ClientAuthentication::Body);
        QCOMPARE(p.headerPrefix, QStringLiteral("JWT"));
        QCOMPARE(secured.requests.at(0).request.auth.mode, AuthMode::Inherit);
        QVERIFY(anyContains(r->report.lossy,
                            QStringLiteral("Folder Secured: the OAuth 2.0 access token")));

        const auto byName = [&r](const QString &name) {
            for (const SavedRequest &s : r->root.requests)
                if (s.name == name)
                    return s;
            return SavedRequest {};
        };
        const OAuth2Config code = byName(QStringLiteral("Code")).request.auth.oauth2;
        QCOMPARE(code.grant, OAuth2Grant::AuthorizationCode);
        QCOMPARE(code.pkce, PkceMethod::S256);
        QCOMPARE(code.redirectUri, QStringLiteral("http://127.0.0.1:9000/cb"));
        QCOMPARE(code.audience, QStringLiteral("https://api"));
        QCOMPARE(byName(QStringLiteral("None")).request.auth.mode, AuthMode::None);
        QVERIFY(!anyContains(r->report.lossy, QStringLiteral("oauth2 auth is not supported")));
    }

    void brunoOAuth2AndFolderAuth()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        QVERIFY(writeFile(root + QStringLiteral("/bruno.json"),
                          "{\"version\": \"1\", \"name\": \"B\", \"type\": \"collection\"}"));
        QVERIFY(writeFile(
            root + QStringLiteral("/collection.bru"),
            "auth {\n  mode: oauth2\n}\n\n"
            "auth:oauth2 {\n  grant_type: client_credentials\n  access_token_url: {{idp}}/token\n"
            "  client_id: {{clientId}}\n  client_secret: {{clientSecret}}\n  scope: read\n"
            "  credentials_placement: body\n  token_placement: url\n  token_query_key: key\n}\n"));
        QVERIFY(
            writeFile(root + QStringLiteral("/Users/folder.bru"),
                      "meta {\n  name: Users\n}\n\nauth {\n  mode: oauth2\n}\n\nauth:oauth2 {\n"
                      "  grant_type: authorization_code\n  callback_url: http://localhost:7777/cb\n"
                      "  authorization_url: https://id.example.com/authorize\n"
                      "  access_token_url: https://id.example.com/token\n  client_id: app\n  pkce: "
                      "true\n}\n"));
        QVERIFY(writeFile(root + QStringLiteral("/Users/List.bru"),
                          "meta {\n  name: List\n  type: http\n  seq: 1\n}\n\nget {\n  url: "
                          "https://api.example.com/users\n"
                          "  body: none\n  auth: inherit\n}\n"));
        QVERIFY(writeFile(root + QStringLiteral("/Open.bru"),
                          "meta {\n  name: Open\n  type: http\n  seq: 2\n}\n\nget {\n  url: "
                          "https://api.example.com/open\n"
                          "  body: none\n  auth: none\n}\n"));
        const Result<ImportedCollection> r = importBrunoDirectory(root);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const OAuth2Config &c = r->info.auth.oauth2;
        QCOMPARE(r->info.auth.mode, AuthMode::OAuth2);
        QCOMPARE(c.grant, OAuth2Grant::ClientCredentials);
        QCOMPARE(c.tokenUrl, QStringLiteral("{{idp}}/token"));
        QCOMPARE(c.clientAuth, ClientAuthentication::Body);
        QCOMPARE(c.placement, TokenPlacement::Query);
        QCOMPARE(c.queryParam, QStringLiteral("key"));
        const ImportedFolder &users = r->root.folders.at(0);
        QCOMPARE(users.info.auth.oauth2.grant, OAuth2Grant::AuthorizationCode);
        QCOMPARE(users.info.auth.oauth2.pkce, PkceMethod::S256);
        QCOMPARE(users.info.auth.oauth2.redirectUri, QStringLiteral("http://localhost:7777/cb"));
        QCOMPARE(users.requests.at(0).request.auth.mode, AuthMode::Inherit);
        QCOMPARE(r->root.requests.at(0).request.auth.mode, AuthMode::None);
        QVERIFY2(!anyContains(r->report.lossy, QStringLiteral("block is not supported")),
                 qPrintable(r->report.lossy.join(u'\n')));
    }

    void httpFileJetBrainsAuth()
    {
        const QString dir = dataDir() + QStringLiteral("/http");
        const QByteArray text = "### Jobs\nGET https://api.example.com/jobs\n"
                                "Authorization: Bearer {{$auth.token(\"idp\")}}\n\n"
                                "### Unknown\nGET https://api.example.com/x\n"
                                "Authorization: Bearer {{$auth.token(\"missing\")}}\n";
        const Result<ImportedCollection> r = importHttpFile(text, dir);
        QVERIFY(r.ok());
        const Request &jobs = r->root.requests.at(0).request;
        QCOMPARE(jobs.auth.mode, AuthMode::OAuth2);
        QCOMPARE(jobs.auth.oauth2.grant, OAuth2Grant::ClientCredentials);
        QCOMPARE(jobs.auth.oauth2.tokenUrl, QStringLiteral("https://id.example.com/token"));
        QCOMPARE(jobs.auth.oauth2.clientAuth, ClientAuthentication::Body);
        QVERIFY(jobs.auth.oauth2.clientSecret.isEmpty());
        QVERIFY(jobs.headers.isEmpty()); // the header became the auth
        QVERIFY(anyContains(r->report.lossy, QStringLiteral("http-client.private.env.json")));
        const Request &unknown = r->root.requests.at(1).request;
        QCOMPARE(unknown.headers.size(), 1); // kept as it was, and said so
        QVERIFY(anyContains(r->report.lossy, QStringLiteral("\"missing\" was not found")));
    }
};

QTEST_GUILESS_MAIN(TestAuthInterop)
#include "tst_authinterop.moc"
