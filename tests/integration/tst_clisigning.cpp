#include "clisandbox.h"

#include "core/collections/collectionformat.h"
#include "tests/integration/externalserver.h"
#include "tests/support/testfiles.h"

#include <QDir>
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
