#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/interop/authcodegen.h"
#include "core/interop/brunoimport.h"
#include "core/interop/httpfileexport.h"
#include "core/interop/httpfileimport.h"
#include "core/interop/insomniaimport.h"
#include "core/interop/postmanexport.h"
#include "core/interop/postmanimport.h"
#include "tests/support/testfiles.h"

#include <QDir>
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

QByteArray dataFile(const char *name)
{
    return readFile(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                    + QStringLiteral("/tests/core/interop/data/auth/") + QLatin1String(name));
}

// A Postman v2.1 collection with one request per signing scheme, as Postman writes them.
QByteArray postmanCollection()
{
    return dataFile("signing.postman_collection.json");
}

// A Postman collection with one OAuth 1.0 request signed with `method` (Postman's name).
QByteArray postmanOAuth1Collection(const QString &method)
{
    // Not a raw string literal: moc 6.4 loses the class after one that holds "//".
    const QString json = QStringLiteral(
        "{\"info\": {\"name\": \"o\", \"schema\": "
        "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
        " \"item\": [{\"name\": \"r\", \"request\": {\"method\": \"GET\", \"url\": "
        "\"https://api.test/x\", \"auth\": {\"type\": \"oauth1\", \"oauth1\": ["
        "{\"key\": \"signatureMethod\", \"value\": \"%1\", \"type\": \"string\"},"
        "{\"key\": \"consumerKey\", \"value\": \"ck\", \"type\": \"string\"},"
        "{\"key\": \"privateKey\", \"value\": \"{{pem}}\", \"type\": \"string\"}]}}}]}");
    return json.arg(method).toUtf8();
}

} // namespace

// The signing schemes (Digest, AWS SigV4, OAuth 1.0a, JWT) through the importers, Postman
// export and code generation: converted, not reported as lost; secrets exported only as
// {{variables}}.
class TestSigningInterop final : public QObject
{
    Q_OBJECT

private slots:
    void postmanImportsEveryScheme()
    {
        const Result<ImportedCollection> r = importPostmanCollection(postmanCollection());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY2(!anyContains(r->report.lossy, QStringLiteral("not supported")),
                 qPrintable(r->report.lossy.join(u'\n')));
        const QList<SavedRequest> &rs = r->root.requests;
        QCOMPARE(rs.size(), 4);
        const Auth &digest = rs.at(0).request.auth;
        QCOMPARE(digest.mode, AuthMode::Digest);
        QCOMPARE(digest.digest,
                 (DigestConfig {QStringLiteral("ada"), QStringLiteral("{{pw}}"), false}));
        const Auth &aws = rs.at(1).request.auth;
        QCOMPARE(aws.mode, AuthMode::AwsSigV4);
        QCOMPARE(aws.awsSigV4.accessKeyId, QStringLiteral("AKID"));
        QCOMPARE(aws.awsSigV4.secretAccessKey, QStringLiteral("{{awsSecret}}"));
        QCOMPARE(aws.awsSigV4.sessionToken, QStringLiteral("{{awsSession}}"));
        QCOMPARE(aws.awsSigV4.region, QStringLiteral("eu-west-1"));
        QCOMPARE(aws.awsSigV4.service, QStringLiteral("execute-api"));
        const Auth &oauth1 = rs.at(2).request.auth;
        QCOMPARE(oauth1.mode, AuthMode::OAuth1);
        QCOMPARE(oauth1.oauth1.signatureMethod, OAuth1SignatureMethod::HmacSha256);
        QCOMPARE(oauth1.oauth1.consumerSecret, QStringLiteral("{{cs}}"));
        QCOMPARE(oauth1.oauth1.tokenSecret, QStringLiteral("{{ts}}"));
        QCOMPARE(oauth1.oauth1.realm, QStringLiteral("Photos"));
        QCOMPARE(oauth1.oauth1.placement, OAuth1Placement::Header);
        const Auth &jwt = rs.at(3).request.auth;
        QCOMPARE(jwt.mode, AuthMode::JwtBearer);
        QCOMPARE(jwt.jwt.algorithm, JwtAlgorithm::HS384);
        QCOMPARE(jwt.jwt.key, QStringLiteral("{{jwtSecret}}"));
        QCOMPARE(jwt.jwt.claimsTemplate, QStringLiteral("{\"sub\": \"{{user}}\"}"));
        QCOMPARE(jwt.jwt.placement, JwtPlacement::Query);
        QCOMPARE(jwt.jwt.queryParamName, QStringLiteral("token"));
    }

    // Postman offers seven OAuth 1.0 signature methods; HMAC-SHA512, RSA-SHA256 and RSA-SHA512
    // were imported as HMAC-SHA1 with a "not offered" note. Each now imports as itself and
    // goes back out under its Postman name.
    void postmanOAuth1MethodsAllImport_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<OAuth1SignatureMethod>("method");
        QTest::newRow("HMAC-SHA1") << "HMAC-SHA1" << OAuth1SignatureMethod::HmacSha1;
        QTest::newRow("HMAC-SHA256") << "HMAC-SHA256" << OAuth1SignatureMethod::HmacSha256;
        QTest::newRow("HMAC-SHA512") << "HMAC-SHA512" << OAuth1SignatureMethod::HmacSha512;
        QTest::newRow("RSA-SHA1") << "RSA-SHA1" << OAuth1SignatureMethod::RsaSha1;
        QTest::newRow("RSA-SHA256") << "RSA-SHA256" << OAuth1SignatureMethod::RsaSha256;
        QTest::newRow("RSA-SHA512") << "RSA-SHA512" << OAuth1SignatureMethod::RsaSha512;
        QTest::newRow("PLAINTEXT") << "PLAINTEXT" << OAuth1SignatureMethod::Plaintext;
    }
    void postmanOAuth1MethodsAllImport()
    {
        QFETCH(QString, name);
        QFETCH(OAuth1SignatureMethod, method);
        const QByteArray collection = postmanOAuth1Collection(name);
        const Result<ImportedCollection> r = importPostmanCollection(collection);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY2(!anyContains(r->report.lossy, QStringLiteral("signature method")),
                 qPrintable(r->report.lossy.join(u'\n')));
        const OAuth1Config &o = r->root.requests.constFirst().request.auth.oauth1;
        QCOMPARE(o.signatureMethod, method);

        // Our file format keeps it.
        for (const YamlReader reader : {YamlReader::Auto, YamlReader::YamlCpp}) {
            const Result<SavedRequest> reread
                = requestFromYaml(requestToYaml(r->root.requests.constFirst()), nullptr, reader);
            QVERIFY(reread.ok());
            QCOMPARE(reread->request.auth.oauth1.signatureMethod, method);
        }
    }

    // Export writes Postman's keys; a secret typed as text is never in the export (saving moved
    // it into a secret variable), and importing the export gives the settings back.
    void postmanExportRoundTrip()
    {
        const Result<ImportedCollection> imported = importPostmanCollection(postmanCollection());
        QVERIFY(imported.ok());
        QTemporaryDir dir;
        Workspace ws = Workspace::open(dir.path()).value();
        const QString col = *ws.createCollection(QStringLiteral("Signed"));
        for (SavedRequest saved : imported->root.requests) {
            if (saved.request.auth.mode == AuthMode::Digest)
                saved.request.auth.digest.password = QStringLiteral("typed-in-password");
            QVERIFY(ws.createRequest(col, saved).ok());
        }
        const QByteArray exported = exportPostmanCollection(ws, col);
        QVERIFY(!exported.contains("typed-in-password"));
        for (const char *type : {"\"digest\"", "\"awsv4\"", "\"oauth1\"", "\"jwt\""})
            QVERIFY2(exported.contains(type), type);

        const Result<ImportedCollection> back = importPostmanCollection(exported);
        QVERIFY(back.ok());
        QCOMPARE(back->root.requests.size(), 4);
        for (const SavedRequest &original : imported->root.requests) {
            const auto again = std::find_if(
                back->root.requests.cbegin(), back->root.requests.cend(),
                [&original](const SavedRequest &s) { return s.name == original.name; });
            QVERIFY(again != back->root.requests.cend());
            Auth expected = original.request.auth;
            if (expected.mode == AuthMode::Digest) // now a reference to its secret variable
                expected.digest.password = QStringLiteral("{{digestPassword}}");
            QCOMPARE(again->request.auth.mode, expected.mode);
            QCOMPARE(again->request.auth.digest, expected.digest);
            QCOMPARE(again->request.auth.awsSigV4, expected.awsSigV4);
            QCOMPARE(again->request.auth.oauth1, expected.oauth1);
            QCOMPARE(again->request.auth.jwt, expected.jwt);
        }
    }

    void insomniaImportsDigestIamAndOAuth1()
    {
        const QByteArray v4 = dataFile("signing.insomnia.json");
        const Result<ImportedCollection> r = importInsomnia(v4);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY2(!anyContains(r->report.lossy, QStringLiteral("not supported")),
                 qPrintable(r->report.lossy.join(u'\n')));
        const QList<SavedRequest> &rs = r->root.requests;
        QCOMPARE(rs.size(), 2);
        QCOMPARE(rs.at(0).request.auth.mode, AuthMode::AwsSigV4);
        QCOMPARE(rs.at(0).request.auth.awsSigV4.secretAccessKey, QStringLiteral("{{secret}}"));
        QCOMPARE(rs.at(0).request.auth.awsSigV4.service, QStringLiteral("s3"));
        QCOMPARE(rs.at(1).request.auth.mode, AuthMode::OAuth1);
        QCOMPARE(rs.at(1).request.auth.oauth1.signatureMethod, OAuth1SignatureMethod::Plaintext);
        QCOMPARE(rs.at(1).request.auth.oauth1.consumerSecret, QStringLiteral("{{cs}}"));
    }

    // .http: Digest goes out as "Digest user password" and comes back as Digest auth; a password
    // written as text in a hand-edited file is not exported, a {{variable}} is.
    void httpFileDigest()
    {
        QTemporaryDir dir;
        Workspace ws = Workspace::open(dir.path()).value();
        const QString col = *ws.createCollection(QStringLiteral("Http"));
        SavedRequest typed;
        typed.name = QStringLiteral("typed");
        typed.request.url = QStringLiteral("http://h/typed");
        typed.request.auth.mode = AuthMode::Digest;
        typed.request.auth.digest = {QStringLiteral("ada"), QStringLiteral("hand-typed-pw"), false};
        QVERIFY(writeFile(col + QStringLiteral("/typed.yaml"), requestToYaml(typed)));
        SavedRequest variable = typed;
        variable.name = QStringLiteral("variable");
        variable.request.auth.digest.password = QStringLiteral("{{pw}}");
        QVERIFY(writeFile(col + QStringLiteral("/variable.yaml"), requestToYaml(variable)));
        ws = Workspace::open(dir.path()).value();

        const QByteArray exported = exportHttpFile(ws, col);
        QVERIFY2(!exported.contains("hand-typed-pw"), exported.constData());
        QVERIFY2(exported.contains("Authorization: Digest ada {{digestPassword}}"),
                 exported.constData());
        QVERIFY2(exported.contains("Authorization: Digest ada {{pw}}"), exported.constData());

        const Result<ImportedCollection> back = importHttpFile(exported, dir.path());
        QVERIFY(back.ok());
        QCOMPARE(back->root.requests.size(), 2);
        for (const SavedRequest &r : back->root.requests) {
            QCOMPARE(r.request.auth.mode, AuthMode::Digest);
            QCOMPARE(r.request.auth.digest.username, QStringLiteral("ada"));
            QVERIFY(r.request.headers.isEmpty());
        }
    }

    // Code generation: what the target does by itself, else a comment without the secret.
    void codeGeneration()
    {
        Request request;
        request.url = QStringLiteral("https://api.example.com/things?b=2&a=1");
        request.auth.mode = AuthMode::Digest;
        request.auth.digest = {QStringLiteral("ada"), QStringLiteral("pw-1"), false};
        const QString curl = generateCodeWithAuth(request, CodeLanguage::Curl).value();
        QVERIFY2(curl.contains(QLatin1String("--digest")), qPrintable(curl));
        const QString python = generateCodeWithAuth(request, CodeLanguage::PythonRequests).value();
        QVERIFY2(python.contains(QLatin1String("HTTPDigestAuth(")), qPrintable(python));

        request.auth.mode = AuthMode::AwsSigV4;
        request.auth.awsSigV4.accessKeyId = QStringLiteral("AKID");
        request.auth.awsSigV4.secretAccessKey = QStringLiteral("{{awsSecret}}");
        request.auth.awsSigV4.region = QStringLiteral("eu-west-1");
        request.auth.awsSigV4.service = QStringLiteral("execute-api");
        const QString aws = generateCodeWithAuth(request, CodeLanguage::Curl).value();
        QVERIFY2(aws.contains(QLatin1String("--aws-sigv4 'aws:amz:eu-west-1:execute-api'")),
                 qPrintable(aws));
        QVERIFY2(aws.contains(QLatin1String("a=1&b=2")), qPrintable(aws)); // sorted for curl

        request.auth.mode = AuthMode::OAuth1;
        request.auth.oauth1.consumerKey = QStringLiteral("ck");
        request.auth.oauth1.consumerSecret = QStringLiteral("oauth1-secret-value");
        const QString oauth1 = generateCodeWithAuth(request, CodeLanguage::Curl).value();
        QVERIFY2(oauth1.contains(QLatin1String("OAuth 1.0a")), qPrintable(oauth1));
        QVERIFY(!oauth1.contains(QLatin1String("oauth1-secret-value")));
    }
};

QTEST_GUILESS_MAIN(TestSigningInterop)
#include "tst_signinginterop.moc"
