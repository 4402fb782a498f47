#include "clisandbox.h"

#include "core/collections/collectionformat.h"
#include "tests/integration/externalserver.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

// The signing schemes as a user sets them up: auth on a folder of a collection on disk (read
// back from its YAML), inherited by the requests in it, with {{variables}} for the secrets,
// sent by `patchbay-cli send --auth` and `run`. Each is checked by a real verifier: httpbin's
// /digest-auth (Digest), botocore's SigV4Auth, oauthlib's server side and PyJWT
// (servers/authverifier.py).
class TestCliSigning final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_httpbin;
    std::optional<ExternalServer> m_verifier;
    std::optional<ExternalServer> m_idp; // oauth2-mock-server
    QJsonObject m_credentials;
    QString m_collection;

    QString credential(const char *key) const
    {
        return m_credentials.value(QLatin1String(key)).toString();
    }

    // A folder `name` whose auth is `auth`, with one request inheriting it that expects 200.
    void writeFolder(const QString &name, const Auth &auth, const QString &url)
    {
        const QString dir = m_collection + u'/' + name;
        QVERIFY(QDir().mkpath(dir));
        FolderInfo folder;
        folder.name = name;
        folder.auth = auth;
        QVERIFY(writeFile(dir + QStringLiteral("/folder.yaml"), folderToYaml(folder)));
        SavedRequest saved;
        saved.name = QStringLiteral("call");
        saved.request.url = url;
        saved.assertions = {{AssertionKind::StatusEquals, {}, QStringLiteral("200"), true}};
        QVERIFY(writeFile(dir + QStringLiteral("/call.yaml"), requestToYaml(saved)));
        // What was written reads back as it was: the collection file holds the settings.
        const Result<FolderInfo> read
            = folderFromYaml(readFile(dir + QStringLiteral("/folder.yaml")));
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read.value().auth, auth);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_httpbin.emplace(ExternalServer::httpbin());
        QString error = m_httpbin->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_verifier.emplace(ExternalServer::authVerifier(m_dir.path()));
        error = m_verifier->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_idp.emplace(ExternalServer::oauth2MockServer());
        error = m_idp->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_credentials
            = QJsonDocument::fromJson(readFile(m_dir.filePath(QStringLiteral("credentials.json"))))
                  .object();
        QVERIFY(!m_credentials.isEmpty());
        const QJsonObject aws = m_credentials.value(QLatin1String("aws")).toObject();

        m_collection = m_dir.filePath(QStringLiteral("signed"));
        QVERIFY(QDir().mkpath(m_collection));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("Signed");
        info.variables = {
            {QStringLiteral("httpbin"), m_httpbin->url().toString()},
            {QStringLiteral("verifier"), m_verifier->url().toString()},
            // httpbin hashes its decoded path, so the password in its URL needs no escaping.
            {QStringLiteral("digestPassword"), QStringLiteral("pass-word.1")},
            {QStringLiteral("awsSecret"), aws.value(QLatin1String("secret_key")).toString()},
            {QStringLiteral("consumerSecret"), credential("consumer_secret")},
            {QStringLiteral("tokenSecret"), credential("token_secret")},
            {QStringLiteral("jwtSecret"), credential("jwt_text_secret")},
            {QStringLiteral("user"), QStringLiteral("zoë \"quoted\"")},
        };
        QVERIFY(
            writeFile(m_collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));

        Auth digest;
        digest.mode = AuthMode::Digest;
        digest.digest.username = QStringLiteral("user");
        digest.digest.password = QStringLiteral("{{digestPassword}}");
        writeFolder(QStringLiteral("digest"), digest,
                    QStringLiteral("{{httpbin}}/digest-auth/auth/user/pass-word.1/SHA-256"));

        Auth aws4;
        aws4.mode = AuthMode::AwsSigV4;
        aws4.awsSigV4.accessKeyId = aws.value(QLatin1String("access_key")).toString();
        aws4.awsSigV4.secretAccessKey = QStringLiteral("{{awsSecret}}");
        aws4.awsSigV4.region = aws.value(QLatin1String("region")).toString();
        aws4.awsSigV4.service = aws.value(QLatin1String("service")).toString();
        writeFolder(QStringLiteral("aws"), aws4,
                    QStringLiteral("{{verifier}}/awsv4/things?b=2&a=1"));

        Auth oauth1;
        oauth1.mode = AuthMode::OAuth1;
        oauth1.oauth1.consumerKey = credential("consumer_key");
        oauth1.oauth1.consumerSecret = QStringLiteral("{{consumerSecret}}");
        oauth1.oauth1.token = credential("token");
        oauth1.oauth1.tokenSecret = QStringLiteral("{{tokenSecret}}");
        oauth1.oauth1.signatureMethod = OAuth1SignatureMethod::HmacSha256;
        writeFolder(QStringLiteral("oauth1"), oauth1,
                    QStringLiteral("{{verifier}}/oauth1/photos?size=original"));

        Auth jwt;
        jwt.mode = AuthMode::JwtBearer;
        jwt.jwt.key = QStringLiteral("{{jwtSecret}}");
        jwt.jwt.claimsTemplate = QStringLiteral("{\"sub\": \"{{user}}\", \"aud\": \"api\"}");
        writeFolder(QStringLiteral("jwt"), jwt,
                    QStringLiteral("{{verifier}}/jwt/text/me?audience=api"));
    }

    void cleanupTestCase()
    {
        m_idp.reset();
        m_verifier.reset();
        m_httpbin.reset();
    }

    void sendSignsWithTheFolderAuth_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::newRow("Digest SHA-256 at httpbin") << "digest";
        QTest::newRow("AWS SigV4, botocore") << "aws";
        QTest::newRow("OAuth 1.0a HMAC-SHA256, oauthlib") << "oauth1";
        QTest::newRow("JWT HS256, PyJWT") << "jwt";
    }

    void sendSignsWithTheFolderAuth()
    {
        QFETCH(QString, folder);
        const QString request = m_collection + u'/' + folder + QStringLiteral("/call.yaml");
        const Result<SavedRequest> saved = requestFromYaml(readFile(request));
        QVERIFY(saved.ok());
        // send takes the URL as written; the collection's variables resolve it.
        QString url = saved.value().request.url;
        url.replace(QLatin1String("{{httpbin}}"), m_httpbin->url().toString());
        url.replace(QLatin1String("{{verifier}}"), m_verifier->url().toString());
        const ProcessRun run
            = runProcess(cliPath(),
                         {QStringLiteral("send"), QStringLiteral("GET"), url,
                          QStringLiteral("--auth"), request, QStringLiteral("-v")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.startsWith(QLatin1String("HTTP/1.1 200")), qPrintable(run.out + run.err));
        // No secret reaches the terminal.
        for (const char *key : {"consumer_secret", "token_secret", "jwt_text_secret"})
            QVERIFY(!run.err.contains(credential(key)));
        if (folder == QLatin1String("digest")) // the challenge round trip shows in the timing
            QVERIFY2(run.err.contains(QLatin1String("Auth challenge")), qPrintable(run.err));
    }

    void runSignsEveryRequest()
    {
        const ProcessRun run = runProcess(cliPath(), {QStringLiteral("run"), m_collection});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        // Every request passed its status assertion, and there were four.
        QCOMPARE(run.out.count(QLatin1String("PASS  ")), 4);
        QVERIFY2(!run.out.contains(QLatin1String("FAIL  ")), qPrintable(run.out));
    }

    // A Postman v2.1 collection as people have them: OAuth 2.0 client credentials, Digest and
    // AWS Signature v4 with their secrets typed into the auth (not in variables), and pm.test
    // scripts. `patchbay-cli import` moves each typed secret out of the files into a secret
    // variable whose value goes to the keyring; `run` then signs with it against real servers
    // (oauth2-mock-server, httpbin's /digest-auth, botocore). Without a keyring the import says
    // which secrets it could not keep, and the run says which variable is missing.
    void postmanCollectionImportsAndRuns()
    {
        const bool keyring
            = qEnvironmentVariable("PATCHBAY_SECRETS_MODE") == QLatin1String("keyring");
        const QJsonObject aws = m_credentials.value(QLatin1String("aws")).toObject();
        auto kv = [](const char *key, const QString &value) {
            return QJsonObject {{QStringLiteral("key"), QLatin1String(key)},
                                {QStringLiteral("value"), value},
                                {QStringLiteral("type"), QStringLiteral("string")}};
        };
        auto item = [](const char *name, const QString &url, const char *type,
                       const QJsonArray &params) {
            const QJsonObject test {{QStringLiteral("listen"), QStringLiteral("test")},
                                    {QStringLiteral("script"),
                                     QJsonObject {{QStringLiteral("exec"),
                                                   QJsonArray {QStringLiteral(
                                                       "pm.test('status is 200', function () { "
                                                       "pm.response.to.have.status(200); });")}}}}};
            return QJsonObject {
                {QStringLiteral("name"), QLatin1String(name)},
                {QStringLiteral("event"), QJsonArray {test}},
                {QStringLiteral("request"),
                 QJsonObject {{QStringLiteral("method"), QStringLiteral("GET")},
                              {QStringLiteral("url"), url},
                              {QStringLiteral("auth"),
                               QJsonObject {{QStringLiteral("type"), QLatin1String(type)},
                                            {QLatin1String(type), params}}}}}};
        };
        const QJsonArray items {
            item("OAuth 2.0 client credentials", QStringLiteral("{{httpbin}}/bearer"), "oauth2",
                 QJsonArray {kv("grant_type", QStringLiteral("client_credentials")),
                             kv("accessTokenUrl", QStringLiteral("{{idp}}/token")),
                             kv("clientId", QStringLiteral("patchbay-app")),
                             kv("clientSecret", QStringLiteral("s3cret")),
                             kv("scope", QStringLiteral("read")),
                             kv("addTokenTo", QStringLiteral("header"))}),
            item("Digest", QStringLiteral("{{httpbin}}/digest-auth/auth/user/passwd/MD5"), "digest",
                 QJsonArray {kv("username", QStringLiteral("user")),
                             kv("password", QStringLiteral("passwd")),
                             kv("algorithm", QStringLiteral("MD5"))}),
            item("AWS Signature v4", QStringLiteral("{{verifier}}/awsv4/things?b=2&a=1"), "awsv4",
                 QJsonArray {kv("accessKey", aws.value(QLatin1String("access_key")).toString()),
                             kv("secretKey", aws.value(QLatin1String("secret_key")).toString()),
                             kv("region", aws.value(QLatin1String("region")).toString()),
                             kv("service", aws.value(QLatin1String("service")).toString())}),
        };
        const QJsonObject collection {
            {QStringLiteral("info"),
             QJsonObject {{QStringLiteral("name"), QStringLiteral("Signed in Postman")},
                          {QStringLiteral("schema"),
                           QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/"
                                          "collection.json")}}},
            {QStringLiteral("variable"),
             QJsonArray {kv("httpbin", m_httpbin->url().toString()),
                         kv("verifier", m_verifier->url().toString()),
                         kv("idp", m_idp->url().toString())}},
            {QStringLiteral("item"), items}};
        const QString file = m_dir.filePath(QStringLiteral("signed.postman_collection.json"));
        QVERIFY(writeFile(file, QJsonDocument(collection).toJson()));
        const QString workspace = m_dir.filePath(QStringLiteral("postman-ws"));

        const ProcessRun imported = runProcess(
            cliPath(), {QStringLiteral("import"), file, QStringLiteral("--into"), workspace});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out + imported.err));
        // The pm.test scripts are kept as text (reported as a loss); `run --trust-scripts` runs
        // them.
        QVERIFY2(imported.out.contains(QLatin1String("3 in the file")), qPrintable(imported.out));
        QVERIFY2(imported.out.contains(QLatin1String("0 skipped")), qPrintable(imported.out));
        const QStringList made = QDir(workspace).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(made.size(), 1);
        const QString root = workspace + u'/' + made.first();
        // No typed secret reached a file. (httpbin takes the Digest password in its URL too,
        // so for Digest the auth's own field is checked.)
        QDirIterator files(root, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QByteArray text = readFile(files.next());
            for (const QString &secret :
                 {QStringLiteral("s3cret"), aws.value(QLatin1String("secret_key")).toString()})
                QVERIFY2(!text.contains(secret.toUtf8()), qPrintable(files.filePath()));
            QVERIFY2(!text.contains("password: passwd"), qPrintable(files.filePath()));
        }
        QVERIFY(readFile(root + QStringLiteral("/digest.yaml")).contains("{{digestPassword}}"));

        const ProcessRun run = runProcess(
            cliPath(), {QStringLiteral("run"), root, QStringLiteral("--trust-scripts")});
        if (keyring) {
            QVERIFY2(!imported.err.contains(QLatin1String("no keyring")), qPrintable(imported.err));
            QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
            QCOMPARE(run.out.count(QLatin1String("PASS  ")), 3);
            QVERIFY2(!run.out.contains(QLatin1String("FAIL  ")), qPrintable(run.out));
        } else {
            // The import said which secrets it could not keep, and the run says what to pass.
            for (const char *variable :
                 {"oauth2ClientSecret", "digestPassword", "awsSecretAccessKey"}) {
                QVERIFY2(imported.err.contains(QLatin1String(variable)), qPrintable(imported.err));
                QVERIFY2(
                    run.out.contains(QStringLiteral("--var %1=VALUE").arg(QLatin1String(variable))),
                    qPrintable(run.out));
            }
            QVERIFY2(imported.err.contains(QLatin1String("no keyring")), qPrintable(imported.err));
            QVERIFY2(run.exitCode != 0, qPrintable(run.out + run.err));
        }
    }

    void aWrongSecretIsRefused()
    {
        // The verifiers are real: the same request with a wrong secret gets 401.
        const QString dir = m_collection + QStringLiteral("/oauth1");
        Result<FolderInfo> folder = folderFromYaml(readFile(dir + QStringLiteral("/folder.yaml")));
        QVERIFY(folder.ok());
        FolderInfo changed = folder.value();
        changed.auth.oauth1.consumerSecret = QStringLiteral("not the secret");
        QVERIFY(writeFile(dir + QStringLiteral("/folder.yaml"), folderToYaml(changed)));
        const ProcessRun run
            = runProcess(cliPath(),
                         {QStringLiteral("send"), QStringLiteral("GET"),
                          m_verifier->url(QStringLiteral("/oauth1/photos")).toString(),
                          QStringLiteral("--auth"), dir + QStringLiteral("/call.yaml")});
        QVERIFY2(run.out.startsWith(QLatin1String("HTTP/1.1 401")), qPrintable(run.out));
        QVERIFY(writeFile(dir + QStringLiteral("/folder.yaml"), folderToYaml(folder.value())));
    }
};

QTEST_GUILESS_MAIN(TestCliSigning)
#include "tst_clisigning.moc"
