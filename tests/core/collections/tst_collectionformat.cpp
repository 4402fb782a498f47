#include "core/collections/collectionformat.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

Q_DECLARE_METATYPE(Patchbay::Core::SavedRequest)

namespace {

QString dataDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/collections/data");
}

// Everything we write is read by the fast canonical reader, with the same result as yaml-cpp.
void compareReaders(const QByteArray &yaml)
{
    const Result<SavedRequest> canonical = requestFromYaml(yaml, nullptr, YamlReader::Canonical);
    const Result<SavedRequest> full = requestFromYaml(yaml, nullptr, YamlReader::YamlCpp);
    QVERIFY2(canonical.ok(), yaml.constData());
    QVERIFY(full.ok());
    QCOMPARE(canonical.value(), full.value());
}

} // namespace

// Golden files and edge cases of the collection YAML format (docs/FORMAT.md).
class TestCollectionFormat final : public QObject
{
    Q_OBJECT

private slots:
    void textRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain") << QStringLiteral("hello world");
        QTest::newRow("looks like a number") << QStringLiteral("0123");
        QTest::newRow("looks like a float") << QStringLiteral("-1.5e3");
        QTest::newRow("looks like hex") << QStringLiteral("0x1F");
        QTest::newRow("looks like sexagesimal") << QStringLiteral("1:30");
        QTest::newRow("looks like a date") << QStringLiteral("2024-01-02");
        QTest::newRow("infinity") << QStringLiteral(".inf");
        QTest::newRow("ip address") << QStringLiteral("127.0.0.1");
        QTest::newRow("uuid") << QStringLiteral("4b0c3a5e-8f7d-4c1e-9a51-2f8d6c1b7e90");
        QTest::newRow("relative path") << QStringLiteral("./data/blob.bin");
        QTest::newRow("looks like a bool") << QStringLiteral("yes");
        QTest::newRow("null word") << QStringLiteral("null");
        QTest::newRow("tilde") << QStringLiteral("~");
        QTest::newRow("variable at start") << QStringLiteral("{{baseUrl}}/users/1");
        QTest::newRow("colon space") << QStringLiteral("a: b");
        QTest::newRow("hash") << QStringLiteral("a #b");
        QTest::newRow("quotes") << QStringLiteral("it's \"quoted\"");
        QTest::newRow("leading spaces") << QStringLiteral("  padded  ");
        QTest::newRow("tab") << QStringLiteral("a\tb");
        QTest::newRow("unicode") << QStringLiteral("Grüße, 世界 🚀");
        QTest::newRow("control chars") << QStringLiteral("a\x01\x1b b");
        QTest::newRow("carriage return") << QStringLiteral("line1\r\nline2\r\n");
        QTest::newRow("line separator") << QString(QChar(0x2028)) + QStringLiteral("x");
        QTest::newRow("nel") << QString(QChar(0x85)) + QStringLiteral("x");
        QTest::newRow("bom") << QString(QChar(0xfeff)) + QStringLiteral("x");
        QTest::newRow("multi-line no trailing newline") << QStringLiteral("{\n  \"a\": 1\n}");
        QTest::newRow("multi-line one trailing newline") << QStringLiteral("{\n  \"a\": 1\n}\n");
        QTest::newRow("multi-line two trailing newlines") << QStringLiteral("a\nb\n\n");
        QTest::newRow("multi-line many trailing newlines") << QStringLiteral("a\nb\n\n\n\n");
        QTest::newRow("leading space first line") << QStringLiteral("  indented\nnext\n");
        QTest::newRow("leading empty line") << QStringLiteral("\nsecond\n");
        QTest::newRow("leading empty lines then spaces") << QStringLiteral("\n\n   deep\nshallow");
        QTest::newRow("blank line inside") << QStringLiteral("a\n\nb\n");
        QTest::newRow("whitespace-only line inside") << QStringLiteral("a\n   \nb\n");
        QTest::newRow("trailing spaces on lines") << QStringLiteral("a  \nb \n");
        QTest::newRow("whitespace-only last line") << QStringLiteral("a\n  ");
        QTest::newRow("tab-indented lines") << QStringLiteral("a\n\tb\n");
        QTest::newRow("only newlines") << QStringLiteral("\n\n");
        QTest::newRow("single newline") << QStringLiteral("\n");
        QTest::newRow("document markers") << QStringLiteral("---\n...\n# not a comment\n");
        QTest::newRow("yaml-ish content") << QStringLiteral("key: value\n- item\n  | pipe\n");
        QTest::newRow("backslashes") << QStringLiteral("C:\\path\\to\\file");
        QTest::newRow("unicode multi-line") << QStringLiteral("héllo\nwörld 🚀\n");
    }

    void textRoundTrip()
    {
        QFETCH(QString, text);
        SavedRequest saved;
        saved.name = text;
        saved.description = text;
        saved.request.url = text;
        saved.request.headers = {{text, text, true}};
        saved.request.body.mode = BodyMode::Text;
        saved.request.body.text = text;
        saved.request.auth.mode = AuthMode::Bearer;
        saved.request.auth.token = text;
        const QByteArray yaml = requestToYaml(saved);
        ParseLocation where;
        const Result<SavedRequest> back = requestFromYaml(yaml, &where);
        QVERIFY2(back.ok(),
                 qPrintable(back.ok() ? QString()
                                      : back.error().message + u'\n' + QString::fromUtf8(yaml)));
        QCOMPARE(back->name, saved.name);
        QCOMPARE(back->description, saved.description);
        QCOMPARE(back->request.url, saved.request.url);
        QCOMPARE(back->request.body.text, saved.request.body.text);
        QCOMPARE(back.value(), saved);
        QCOMPARE(requestToYaml(back.value()), yaml);
        compareReaders(yaml);
    }

    void goldenRequestRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(dataDir() + QStringLiteral("/golden"));
        const QStringList files
            = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 15);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    // Load then save gives the same bytes: files we wrote never churn in git.
    void goldenRequestRoundTrip()
    {
        QFETCH(QString, file);
        const QByteArray bytes = readFile(file);
        QVERIFY(!bytes.isEmpty());
        const Result<SavedRequest> loaded = requestFromYaml(bytes);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        QCOMPARE(loaded->formatVersion, requestFormatVersion(loaded.value()));
        QCOMPARE(QString::fromUtf8(requestToYaml(loaded.value())), QString::fromUtf8(bytes));
        compareReaders(bytes);
    }

    void goldenValues()
    {
        const QString golden = dataDir() + QStringLiteral("/golden/");
        const Result<SavedRequest> multipart
            = requestFromYaml(readFile(golden + QStringLiteral("body-multipart.yaml")));
        QVERIFY(multipart.ok());
        const MultipartField file {QStringLiteral("file"), QStringLiteral("/home/ada/avatar.png"),
                                   true, QStringLiteral("image/png"), true};
        QCOMPARE(multipart->request.body.mode, BodyMode::Multipart);
        QCOMPARE(multipart->request.body.multipartFields.size(), 3);
        QCOMPARE(multipart->request.body.multipartFields.at(1), file);
        QCOMPARE(multipart->request.body.multipartFields.at(2).enabled, false);

        const Result<SavedRequest> keep
            = requestFromYaml(readFile(golden + QStringLiteral("body-text-keep-newlines.yaml")));
        QVERIFY(keep.ok());
        QCOMPARE(keep->request.body.text,
                 QStringLiteral(
                     "# Title\n\nBody line, with trailing spaces  \n    indented code\n\n\n"));
        QCOMPARE(keep->request.body.contentType, QStringLiteral("text/markdown"));

        const Result<SavedRequest> lead
            = requestFromYaml(readFile(golden + QStringLiteral("body-text-leading-space.yaml")));
        QVERIFY(lead.ok());
        QCOMPARE(lead->request.body.text, QStringLiteral("  starts indented\nthen not\n"));

        const Result<SavedRequest> strip = requestFromYaml(
            readFile(golden + QStringLiteral("body-json-no-trailing-newline.yaml")));
        QVERIFY(strip.ok());
        QCOMPARE(strip->request.body.text, QStringLiteral("{\"email\": \"new@example.com\"}"));

        const Result<SavedRequest> params
            = requestFromYaml(readFile(golden + QStringLiteral("params-headers-disabled.yaml")));
        QVERIFY(params.ok());
        const KeyValueList expectedParams {{QStringLiteral("page"), QStringLiteral("2"), true},
                                           {QStringLiteral("debug"), QStringLiteral("true"), false},
                                           {QStringLiteral("empty"), QString(), true}};
        QCOMPARE(params->request.params, expectedParams);
        QCOMPARE(params->order, 1000);

        // A key without `value:` is a query key without a value (?flag), not an empty one.
        const Result<SavedRequest> flags
            = requestFromYaml(readFile(golden + QStringLiteral("params-without-value.yaml")));
        QVERIFY(flags.ok());
        const KeyValueList expectedFlags {{QStringLiteral("flag"), QString(), true, false},
                                          {QStringLiteral("x"), QStringLiteral("1"), true, true},
                                          {QStringLiteral("empty"), QString(), true, true},
                                          {QStringLiteral("verbose"), QString(), false, false}};
        QCOMPARE(flags->request.params, expectedFlags);

        const Result<SavedRequest> settings
            = requestFromYaml(readFile(golden + QStringLiteral("settings-all.yaml")));
        QVERIFY(settings.ok());
        QCOMPARE(settings->request.settings.timeoutMs, 5000);
        QCOMPARE(settings->request.settings.followRedirects, false);
        QCOMPARE(settings->request.settings.maxRedirects, 3);
        QCOMPARE(settings->request.settings.verifyTls, false);
        QCOMPARE(settings->request.settings.streamToFileThreshold, 1048576);
        QCOMPARE(settings->request.settings.maxDecompressedBytes, 0);
        QCOMPARE(settings->order, -500);

        const Result<SavedRequest> network
            = requestFromYaml(readFile(golden + QStringLiteral("settings-network.yaml")));
        QVERIFY2(network.ok(), network.ok() ? "" : qPrintable(network.error().message));
        const RequestSettings &n = network->request.settings;
        QCOMPARE(n.proxy, ProxyOverride::Manual);
        QCOMPARE(n.proxyUrl, QStringLiteral("http://alice:{{proxyPassword}}@proxy.corp:3128"));
        QCOMPARE(n.caCertificates, QStringLiteral("certs/corp-ca.pem"));
        QCOMPARE(n.clientCertificate, QStringLiteral("certs/client.p12"));
        QVERIFY(n.clientKey.isEmpty());
        QCOMPARE(n.clientPassphrase, QStringLiteral("{{p12Passphrase}}"));
        QVERIFY(n.http1Only);
        QVERIFY(!n.cookies);

        const Result<SavedRequest> apikey
            = requestFromYaml(readFile(golden + QStringLiteral("auth-apikey-query.yaml")));
        QVERIFY(apikey.ok());
        QCOMPARE(apikey->request.auth.mode, AuthMode::ApiKey);
        QCOMPARE(apikey->request.auth.keyLocation, ApiKeyLocation::Query);
        QCOMPARE(apikey->request.auth.keyValue, QStringLiteral("{{apiKey}}"));

        const Result<SavedRequest> oauth2 = requestFromYaml(
            readFile(golden + QStringLiteral("auth-oauth2-authorization-code.yaml")));
        QVERIFY(oauth2.ok());
        const OAuth2Config &o = oauth2->request.auth.oauth2;
        QCOMPARE(oauth2->request.auth.mode, AuthMode::OAuth2);
        QCOMPARE(o.grant, OAuth2Grant::AuthorizationCode);
        QCOMPARE(o.clientSecret, QStringLiteral("{{clientSecret}}"));
        QCOMPARE(o.pkce, PkceMethod::Plain);
        QCOMPARE(o.clientAuth, ClientAuthentication::Body);
        QCOMPARE(o.placement, TokenPlacement::Query);
        QCOMPARE(o.headerPrefix, QString()); // written '' : no prefix, not the default
        QCOMPARE(o.queryParam, QStringLiteral("token"));
        QCOMPARE(o.authParams.size(), 2);
        QVERIFY(!o.authParams.at(1).enabled);
        QCOMPARE(o.tokenParams.at(0).value, QStringLiteral("{{tenant}}"));
        QCOMPARE(o.redirectUri, QStringLiteral("http://127.0.0.1:8765/callback"));

        const Result<SavedRequest> device = requestFromYaml(
            readFile(golden + QStringLiteral("auth-oauth2-device-and-password.yaml")));
        QVERIFY(device.ok());
        QCOMPARE(device->request.auth.oauth2.grant, OAuth2Grant::DeviceCode);
        QCOMPARE(device->request.auth.oauth2.headerPrefix, QStringLiteral("token"));
        QCOMPARE(device->request.auth.oauth2.pkce, PkceMethod::S256); // the default

        // An explicit "none" opts out of the parent's auth; a file without auth inherits.
        const Result<SavedRequest> none
            = requestFromYaml(readFile(golden + QStringLiteral("auth-none-explicit.yaml")));
        QVERIFY(none.ok());
        QCOMPARE(none->request.auth.mode, AuthMode::None);
        const Result<SavedRequest> minimal
            = requestFromYaml(readFile(golden + QStringLiteral("get-minimal.yaml")));
        QVERIFY(minimal.ok());
        QCOMPARE(minimal->request.auth.mode, AuthMode::Inherit);
        const Result<SavedRequest> inherit
            = requestFromYaml(readFile(golden + QStringLiteral("auth-inherit-keeps-fields.yaml")));
        QVERIFY(inherit.ok());
        QCOMPARE(inherit->request.auth.mode, AuthMode::Inherit);
        QCOMPARE(inherit->request.auth.token, QStringLiteral("{{oldToken}}"));

        const Result<SavedRequest> unicode
            = requestFromYaml(readFile(golden + QStringLiteral("unicode-and-quoting.yaml")));
        QVERIFY(unicode.ok());
        QCOMPARE(unicode->name, QStringLiteral("Grüße: 世界 🚀"));
        QCOMPARE(unicode->request.headers.at(1).value, QStringLiteral("tab\there\x1b"));
        QCOMPARE(unicode->description, QStringLiteral("Windows line endings\r\nare kept\r\n"));
    }

    // The signing schemes' sections: every setting read from its key (the golden files above
    // also round-trip byte for byte, on both readers).
    void goldenSigningValues()
    {
        const QString golden = dataDir() + QStringLiteral("/golden/");
        const Result<SavedRequest> digest
            = requestFromYaml(readFile(golden + QStringLiteral("auth-digest.yaml")));
        QVERIFY(digest.ok());
        QCOMPARE(digest->request.auth.mode, AuthMode::Digest);
        QCOMPARE(
            digest->request.auth.digest,
            (DigestConfig {QStringLiteral("admin"), QStringLiteral("{{devicePassword}}"), true}));

        const Result<SavedRequest> aws
            = requestFromYaml(readFile(golden + QStringLiteral("auth-awsv4.yaml")));
        QVERIFY(aws.ok());
        const AwsSigV4Config &a = aws->request.auth.awsSigV4;
        QCOMPARE(aws->request.auth.mode, AuthMode::AwsSigV4);
        QCOMPARE(a.accessKeyId, QStringLiteral("AKIDEXAMPLE"));
        QCOMPARE(a.secretAccessKey, QStringLiteral("{{awsSecret}}"));
        QCOMPARE(a.sessionToken, QStringLiteral("{{awsSession}}"));
        QCOMPARE(a.region, QStringLiteral("eu-west-1"));
        QCOMPARE(a.service, QStringLiteral("s3"));
        QCOMPARE(a.placement, AwsSigV4Placement::Query);
        QVERIFY(a.unsignedPayload);
        QCOMPARE(a.extraSignedHeaders,
                 (QStringList {QStringLiteral("x-request-id"), QStringLiteral("range")}));
        QCOMPARE(a.expiresSeconds, 600);

        const Result<SavedRequest> oauth1
            = requestFromYaml(readFile(golden + QStringLiteral("auth-oauth1.yaml")));
        QVERIFY(oauth1.ok());
        const OAuth1Config &o = oauth1->request.auth.oauth1;
        QCOMPARE(oauth1->request.auth.mode, AuthMode::OAuth1);
        QCOMPARE(o.signatureMethod, OAuth1SignatureMethod::RsaSha1);
        QCOMPARE(o.consumerKey, QStringLiteral("dpf43f3p2l4k3l03"));
        QVERIFY(o.consumerSecret.isEmpty());
        QCOMPARE(o.token, QStringLiteral("nnch734d00sl2jdk"));
        QCOMPARE(o.tokenSecret, QStringLiteral("{{tokenSecret}}"));
        QVERIFY(o.privateKeyPem.startsWith(QLatin1String("-----BEGIN PRIVATE KEY-----\n")));
        QVERIFY(o.privateKeyPem.endsWith(QLatin1String("-----END PRIVATE KEY-----\n")));
        QCOMPARE(o.placement, OAuth1Placement::Body);
        QCOMPARE(o.callback, QStringLiteral("oob"));
        QCOMPARE(o.realm, QStringLiteral("Photos"));
        QVERIFY(!o.includeVersion);

        const Result<SavedRequest> jwt
            = requestFromYaml(readFile(golden + QStringLiteral("auth-jwt.yaml")));
        QVERIFY(jwt.ok());
        const JwtBearerConfig &j = jwt->request.auth.jwt;
        QCOMPARE(jwt->request.auth.mode, AuthMode::JwtBearer);
        QCOMPARE(j.algorithm, JwtAlgorithm::ES256);
        QCOMPARE(j.key, QStringLiteral("{{signingKey}}"));
        QCOMPARE(j.keyFormat, JwtKeyFormat::Pem);
        QCOMPARE(j.keyId, QStringLiteral("key-2026"));
        QCOMPARE(j.claimsTemplate,
                 QStringLiteral("{\n  \"sub\": \"{{userId}}\",\n  \"aud\": \"jobs\"\n}"));
        QCOMPARE(j.lifetimeSeconds, 60);
        QVERIFY(j.setNotBefore && j.setJwtId);
        QCOMPARE(j.placement, JwtPlacement::Query);
        QCOMPARE(j.headerPrefix, QString(QLatin1String("")));
        QCOMPARE(j.queryParamName, QStringLiteral("jwt"));
        QCOMPARE(j.headerName, JwtBearerConfig().headerName); // not in the file: the default
    }

    // `tests:` and `captures:` (docs/FORMAT.md), read the same by both readers.
    void graphqlBody()
    {
        const Result<SavedRequest> r
            = requestFromYaml(readFile(dataDir() + QStringLiteral("/golden/body-graphql.yaml")));
        QVERIFY(r.ok());
        const RequestBody &body = r->request.body;
        QCOMPARE(body.mode, BodyMode::GraphQl);
        QVERIFY(body.graphql.query.startsWith(QLatin1String("query Hero($episode")));
        QVERIFY(body.graphql.query.endsWith(QLatin1String("{ id }\n}")));
        QCOMPARE(body.graphql.operationName, QStringLiteral("Hero"));
        QCOMPARE(body.graphql.variables,
                 QStringLiteral("{\n  \"episode\": \"EMPIRE\",\n  \"token\": \"{{token}}\"\n}\n"));
        QCOMPARE(body.graphql.schemaFile, QStringLiteral("schemas/starwars.graphql"));
        QVERIFY(body.text.isEmpty());
    }

    void testsAndCaptures()
    {
        const QByteArray bytes
            = readFile(dataDir() + QStringLiteral("/golden/tests-and-captures.yaml"));
        for (YamlReader reader : {YamlReader::Canonical, YamlReader::YamlCpp}) {
            const Result<SavedRequest> r = requestFromYaml(bytes, nullptr, reader);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
            const QList<Assertion> assertions = {
                {AssertionKind::StatusEquals, {}, QStringLiteral("200"), true},
                {AssertionKind::HeaderMatches, QStringLiteral("Content-Type"),
                 QStringLiteral("^application/json"), true},
                {AssertionKind::JsonType, QStringLiteral("/token"), QStringLiteral("string"), true},
                {AssertionKind::ResponseTimeBelow, {}, QStringLiteral("500"), false},
            };
            QCOMPARE(r->assertions, assertions);
            const QList<Capture> captures = {
                {QStringLiteral("token"), CaptureSource::JsonPointer, QStringLiteral("/token"),
                 true},
                {QStringLiteral("etag"), CaptureSource::Header, QStringLiteral("ETag"), false},
            };
            QCOMPARE(r->captures, captures);
        }
    }

    void testsAndCapturesProblems_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown kind")
            << QByteArray("patchbay: 1\nurl: u\ntests:\n  - kind: status\n    expected: '200'\n")
            << "line 4, column 5: unknown test kind \"status\" (expected one of status-equals, "
               "status-in-range, header-exists, header-equals, header-matches, json-exists, "
               "json-equals, json-type, json-matches, body-contains, response-time-below, "
               "matches-spec)";
        QTest::newRow("capture with two sources")
            << QByteArray("patchbay: 1\nurl: u\ncaptures:\n  - variable: t\n    json: /t\n"
                          "    header: X\n")
            << "line 4, column 5: a capture takes its value from either `json` (a JSON pointer) "
               "or `header` (a header name)";
        QTest::newRow("capture without source")
            << QByteArray("patchbay: 1\nurl: u\ncaptures:\n  - variable: t\n")
            << "line 4, column 5: a capture takes its value from either `json` (a JSON pointer) "
               "or `header` (a header name)";
        QTest::newRow("tests not a list") << QByteArray("patchbay: 1\nurl: u\ntests: 200\n")
                                          << "line 3, column 8: `tests` must be a list";
        QTest::newRow("unknown proxy setting")
            << QByteArray("patchbay: 1\nurl: u\nsettings:\n  proxy: socks\n")
            << "line 4, column 10: unknown proxy setting \"socks\" (expected inherit, none, "
               "system or manual)";
    }

    void testsAndCapturesProblems()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        const Result<SavedRequest> r = requestFromYaml(yaml);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("invalid-format"));
        QCOMPARE(r.error().message, message);
    }

    void everyShapeRoundTrips_data()
    {
        QTest::addColumn<SavedRequest>("saved");
        SavedRequest base;
        base.name = QStringLiteral("R");
        for (BodyMode mode :
             {BodyMode::None, BodyMode::Json, BodyMode::Text, BodyMode::FormUrlEncoded,
              BodyMode::Multipart, BodyMode::BinaryFile, BodyMode::GraphQl}) {
            SavedRequest s = base;
            s.request.body.mode = mode;
            s.request.body.text = QStringLiteral("line 1\nline 2");
            s.request.body.contentType = QStringLiteral("x/y");
            s.request.body.formFields = {{QStringLiteral("a"), QStringLiteral("1"), false}};
            s.request.body.multipartFields
                = {{QStringLiteral("f"), QStringLiteral("/p"), true, {}, true}};
            s.request.body.filePath = QStringLiteral("/tmp/x");
            s.request.body.graphql
                = {QStringLiteral("{ a(x: \"#1\") }\n"), QStringLiteral("{\"x\": 1}"),
                   QStringLiteral("Op"), QStringLiteral("schemas/a b.graphql")};
            QTest::addRow("body %s", qPrintable(bodyModeName(mode))) << s;
        }
        for (AuthMode mode : {AuthMode::Inherit, AuthMode::None, AuthMode::Basic, AuthMode::Bearer,
                              AuthMode::ApiKey, AuthMode::OAuth2}) {
            SavedRequest s = base;
            s.request.auth = {mode,
                              QStringLiteral("u"),
                              QStringLiteral("p"),
                              QStringLiteral("t"),
                              QStringLiteral("k"),
                              QStringLiteral("v"),
                              ApiKeyLocation::Query,
                              {}};
            QTest::addRow("auth %s", qPrintable(authModeName(mode))) << s;
        }
        // Every OAuth 2.0 setting away from its default, with text that needs quoting.
        for (OAuth2Grant grant :
             {OAuth2Grant::AuthorizationCode, OAuth2Grant::ClientCredentials, OAuth2Grant::Password,
              OAuth2Grant::DeviceCode, OAuth2Grant::RefreshToken, OAuth2Grant::Implicit}) {
            SavedRequest s = base;
            s.request.auth.mode = AuthMode::OAuth2;
            OAuth2Config &o = s.request.auth.oauth2;
            o.grant = grant;
            o.discoveryUrl = QStringLiteral("https://id.example.com/");
            o.authUrl = QStringLiteral("{{idp}}/authorize?x=1 #y");
            o.tokenUrl = QStringLiteral("https://id.example.com/token");
            o.deviceAuthUrl = QStringLiteral("https://id.example.com/device");
            o.clientId = QStringLiteral("0123");
            o.clientSecret = QStringLiteral("{{secret}}");
            o.scope = QStringLiteral("a: b");
            o.audience = QStringLiteral("true");
            o.resource = QStringLiteral("multi\nline");
            o.username = QStringLiteral("-u");
            o.password = QStringLiteral("{{pw}}");
            o.refreshToken = QStringLiteral("{{rt}}");
            o.redirectUri = QStringLiteral("http://127.0.0.1:9000/cb");
            o.pkce = PkceMethod::None;
            o.clientAuth = ClientAuthentication::Body;
            o.authParams = {{QStringLiteral("p"), QStringLiteral("1"), false}};
            o.tokenParams = {{QStringLiteral("t"), QString(), true}};
            o.placement = TokenPlacement::Query;
            o.headerPrefix = QString();
            o.queryParam = QStringLiteral("k");
            QTest::addRow("oauth2 %s", qPrintable(oauth2GrantName(grant))) << s;
        }
        for (AssertionKind kind : allAssertionKinds()) {
            SavedRequest s = base;
            s.assertions = {{kind, QStringLiteral("/a b: #c"), QStringLiteral("1.0"), true},
                            {kind, {}, QStringLiteral("multi\nline"), false}};
            s.captures = {{QStringLiteral("v"), CaptureSource::Header, QStringLiteral("X-A"), true},
                          {QStringLiteral("w"), CaptureSource::JsonPointer, {}, false}};
            QTest::addRow("tests %s", qPrintable(assertionKindName(kind))) << s;
        }
        SavedRequest queries = base; // jq and JSONPath targets: YAML's special characters
        queries.assertions
            = {{AssertionKind::JsonEquals,
                QStringLiteral(".items | map(select(.a == \"x: y\")) | length"),
                QStringLiteral("2"), true},
               {AssertionKind::JsonExists, QStringLiteral("$..book[?(@.price < 10)]"), {}, true},
               {AssertionKind::JsonType, QStringLiteral("[.[] | {id, n: .name}]\n| first"),
                QStringLiteral("object"), true}};
        queries.captures = {
            {QStringLiteral("t"), CaptureSource::JsonPointer, QStringLiteral("$['a b'][0]"), true},
            {QStringLiteral("u"), CaptureSource::JsonPointer, QStringLiteral(".data | @base64"),
             true}};
        QTest::newRow("jq and JSONPath targets") << queries;
        SavedRequest custom = base;
        custom.request.method = QStringLiteral("PURGE");
        custom.request.settings.timeoutMs = 0;
        QTest::newRow("custom verb, no timeout") << custom;
        for (ProxyOverride proxy :
             {ProxyOverride::None, ProxyOverride::System, ProxyOverride::Manual}) {
            SavedRequest network = base;
            network.request.settings.proxy = proxy;
            network.request.settings.proxyUrl = QStringLiteral("socks5h://127.0.0.1:1080");
            network.request.settings.caCertificates = QStringLiteral("/etc/ssl/private-ca");
            network.request.settings.clientCertificate = QStringLiteral("client.pem");
            network.request.settings.clientKey = QStringLiteral("client.key");
            network.request.settings.clientPassphrase = QStringLiteral("{{keyPass}}");
            network.request.settings.http1Only = true;
            network.request.settings.cookies = false;
            QTest::addRow("network, proxy %d", int(proxy)) << network;
        }
    }

    void everyShapeRoundTrips()
    {
        QFETCH(SavedRequest, saved);
        const QByteArray yaml = requestToYaml(saved);
        const Result<SavedRequest> back = requestFromYaml(yaml);
        QVERIFY2(back.ok(), yaml.constData());
        QCOMPARE(back.value(), saved);
        QCOMPARE(requestToYaml(back.value()), yaml);
        compareReaders(yaml);
    }

    // Hand-edited YAML outside the form we write is read by yaml-cpp, with YAML's meaning.
    void handEditedFilesUseFullYaml_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("url");
        QTest::newRow("comment after value")
            << QByteArray("patchbay: 1\nurl: http://x/ # note\n") << QStringLiteral("http://x/");
        QTest::newRow("comment line")
            << QByteArray("# header\npatchbay: 1\nurl: http://x/\n") << QStringLiteral("http://x/");
        QTest::newRow("flow list")
            << QByteArray("patchbay: 1\nurl: u\nheaders: [{name: a, value: b}]\n")
            << QStringLiteral("u");
        QTest::newRow("null url") << QByteArray("patchbay: 1\nurl: ~\n") << QString();
        QTest::newRow("crlf") << QByteArray("patchbay: 1\r\nurl: http://crlf/\r\n")
                              << QStringLiteral("http://crlf/");
        QTest::newRow("four-space indentation")
            << QByteArray("patchbay: 1\nurl: u4\nbody:\n    mode: text\n    text: hi\n")
            << QStringLiteral("u4");
        QTest::newRow("folded block") << QByteArray("patchbay: 1\nurl: >\n  http://folded/\n")
                                      << QStringLiteral("http://folded/\n");
        QTest::newRow("multi-line plain")
            << QByteArray("patchbay: 1\nurl: http://a\n  b\n") << QStringLiteral("http://a b");
        QTest::newRow("no final newline")
            << QByteArray("patchbay: 1\nurl: http://end/") << QStringLiteral("http://end/");
        QTest::newRow("yes as bool")
            << QByteArray("patchbay: 1\nurl: y\nsettings:\n  verifyTls: no\n")
            << QStringLiteral("y");
    }

    void handEditedFilesUseFullYaml()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, url);
        const Result<SavedRequest> viaYamlCpp = requestFromYaml(yaml, nullptr, YamlReader::YamlCpp);
        QVERIFY2(viaYamlCpp.ok(),
                 qPrintable(viaYamlCpp.ok() ? QString() : viaYamlCpp.error().message));
        QCOMPARE(viaYamlCpp->request.url, url);
        const Result<SavedRequest> automatic = requestFromYaml(yaml);
        QVERIFY(automatic.ok());
        QCOMPARE(automatic.value(), viaYamlCpp.value());
        const Result<SavedRequest> canonical
            = requestFromYaml(yaml, nullptr, YamlReader::Canonical);
        if (canonical.ok())
            QCOMPARE(canonical.value(), viaYamlCpp.value());
        else
            QCOMPARE(canonical.error().code, QStringLiteral("not-canonical"));
    }

    // Found by fuzz_collectionyaml once version 2 existed: a settings file written by hand as
    // `patchbay: 2` (a version this build reads) was saved back as version 1.
    void settingsFilesKeepTheVersionTheyWereReadWith()
    {
        const QByteArray collection = "patchbay: 2\nname: Two\n";
        const Result<CollectionInfo> c = collectionFromYaml(collection);
        QVERIFY(c.ok());
        QCOMPARE(c->formatVersion, 2);
        QCOMPARE(collectionFromYaml(collectionToYaml(*c)).value(), c.value());
        const Result<FolderInfo> f = folderFromYaml("patchbay: 2\nname: F\n");
        QVERIFY(f.ok());
        QCOMPARE(folderFromYaml(folderToYaml(*f)).value(), f.value());
        const Result<Environment> e = environmentFromYaml("patchbay: 2\nname: E\n");
        QVERIFY(e.ok());
        QCOMPARE(environmentFromYaml(environmentToYaml(*e)).value(), e.value());
        CollectionInfo plain;
        QVERIFY(collectionToYaml(plain).startsWith("patchbay: 1\n")); // new files: version 1
    }

    void collectionFolderEnvironmentRoundTrip()
    {
        const QByteArray collection = readFile(dataDir() + QStringLiteral("/collection-full.yaml"));
        const Result<CollectionInfo> c = collectionFromYaml(collection);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        QCOMPARE(c->name, QStringLiteral("Users API"));
        QCOMPARE(c->variables.size(), 3);
        QVERIFY(c->variables.at(1).secret);
        QCOMPARE(c->auth.mode, AuthMode::Bearer);
        QCOMPARE(collectionToYaml(c.value()), collection);

        const QByteArray folder = readFile(dataDir() + QStringLiteral("/folder-full.yaml"));
        const Result<FolderInfo> f = folderFromYaml(folder);
        QVERIFY(f.ok());
        QCOMPARE(f->order, 2000);
        QCOMPARE(f->auth.mode, AuthMode::Inherit); // no auth: inherits
        QCOMPARE(folderToYaml(f.value()), folder);

        // A folder's own auth, which its requests inherit.
        const QByteArray folderAuth = readFile(dataDir() + QStringLiteral("/folder-auth.yaml"));
        const Result<FolderInfo> fa = folderFromYaml(folderAuth);
        QVERIFY2(fa.ok(), qPrintable(fa.ok() ? QString() : fa.error().message));
        QCOMPARE(fa->auth.mode, AuthMode::OAuth2);
        QCOMPARE(fa->auth.oauth2.grant, OAuth2Grant::Password);
        QCOMPARE(fa->auth.oauth2.password, QStringLiteral("{{adminPassword}}"));
        QCOMPARE(folderToYaml(fa.value()), folderAuth);

        const QByteArray environment
            = readFile(dataDir() + QStringLiteral("/environment-full.yaml"));
        const Result<Environment> e = environmentFromYaml(environment);
        QVERIFY(e.ok());
        QCOMPARE(e->name, QStringLiteral("Staging"));
        const Variable secret {QStringLiteral("password"), QString(), true, true};
        QCOMPARE(e->variables.at(1), secret);
        QCOMPARE(environmentToYaml(e.value()), environment);
    }

    // Secret values never reach a file, and a value written next to `secret: true` is ignored.
    void secretValuesNeverWritten()
    {
        Environment env;
        env.name = QStringLiteral("Prod");
        env.variables = {{QStringLiteral("token"), QStringLiteral("hunter2-SECRET"), true, true}};
        const QByteArray yaml = environmentToYaml(env);
        QVERIFY(!yaml.contains("hunter2"));
        QVERIFY(yaml.contains("secret: true"));
        CollectionInfo c;
        c.variables = env.variables;
        QVERIFY(!collectionToYaml(c).contains("hunter2"));
        FolderInfo f;
        f.variables = env.variables;
        QVERIFY(!folderToYaml(f).contains("hunter2"));

        const Result<Environment> planted = environmentFromYaml(
            "patchbay: 1\nname: X\nvariables:\n  - name: t\n    value: leaked\n    secret: true\n");
        QVERIFY(planted.ok());
        QVERIFY(planted->variables.at(0).value.isEmpty());
    }

    void problems_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        QTest::newRow("syntax error")
            << QStringLiteral("broken-syntax.yaml") << QStringLiteral("yaml-syntax") << 3;
        QTest::newRow("wrong structure")
            << QStringLiteral("broken-structure.yaml") << QStringLiteral("invalid-format") << 4;
        QTest::newRow("no version")
            << QStringLiteral("not-patchbay.yaml") << QStringLiteral("invalid-format") << 1;
        QTest::newRow("newer and incompatible") << QStringLiteral("newer-version-incompatible.yaml")
                                                << QStringLiteral("newer-format") << 3;
    }

    void problems()
    {
        QFETCH(QString, file);
        QFETCH(QString, code);
        QFETCH(int, line);
        ParseLocation where;
        const Result<SavedRequest> r = requestFromYaml(readFile(dataDir() + u'/' + file), &where);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QCOMPARE(where.line, line);
        QVERIFY2(r.error().message.startsWith(QStringLiteral("line %1,").arg(line)),
                 qPrintable(r.error().message));
    }

    // Kinds round-trip through the file. GraphQL is stored as its body mode (which older readers
    // refuse cleanly), so only WebSocket needs the version that older readers show read-only.
    void kindsRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("version");
        QTest::newRow("http") << int(RequestKind::Http) << 1;
        QTest::newRow("graphql") << int(RequestKind::GraphQl) << 1;
        QTest::newRow("websocket") << int(RequestKind::WebSocket) << 2;
    }

    void kindsRoundTrip()
    {
        QFETCH(int, kind);
        QFETCH(int, version);
        SavedRequest saved;
        saved.name = QStringLiteral("Kind");
        if (RequestKind(kind) == RequestKind::GraphQl) {
            saved.request.method = QStringLiteral("POST");
            saved.request.body.mode = BodyMode::GraphQl;
            saved.request.body.graphql.query = QStringLiteral("{ viewer { login } }");
        } else {
            saved.request.kind = RequestKind(kind);
        }
        saved.request.url = QStringLiteral("ws://127.0.0.1:8080/socket");
        if (saved.request.kind == RequestKind::WebSocket) {
            saved.request.websocket.subprotocols
                = QStringList {QStringLiteral("graphql-transport-ws"), QStringLiteral("v1")};
            saved.request.websocket.expectMessages = 3;
            saved.request.websocket.messages = {
                {QStringLiteral("Subscribe"), WebSocketPayload::Json,
                 QStringLiteral("{\"type\": \"subscribe\"}\n"), true},
                {QString(), WebSocketPayload::Text, QString(), true},
                {QStringLiteral("Bytes"), WebSocketPayload::Binary, QStringLiteral("00 7f ff"),
                 false},
            };
        }
        const QByteArray yaml = requestToYaml(saved);
        QVERIFY(yaml.startsWith(
            QByteArray(QByteArray("patchbay: ") + QByteArray::number(version) + "\n")));
        QCOMPARE(yaml.contains("\nkind: "), kind == int(RequestKind::WebSocket));
        QCOMPARE(requestFormatVersion(saved), version);
        QCOMPARE(int(requestKind(saved.request)), kind);
        const Result<SavedRequest> back = requestFromYaml(yaml);
        QVERIFY2(back.ok(), yaml.constData());
        QCOMPARE(back->formatVersion, version);
        saved.formatVersion = version;
        QCOMPARE(back.value(), saved);
        QCOMPARE(requestToYaml(back.value()), yaml);
        QCOMPARE(int(requestKind(back->request)), kind);
        compareReaders(yaml);
    }

    // A hand-written `kind: graphql` means the body mode; it is never written back.
    void graphQlKindKey_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<bool>("ok");
        QTest::newRow("no body") << QByteArray("patchbay: 1\nkind: graphql\nname: q\n") << true;
        QTest::newRow("graphql body")
            << QByteArray("patchbay: 1\nkind: graphql\nname: q\nbody:\n  mode: graphql\n"
                          "  query: '{ a }'\n")
            << true;
        QTest::newRow("json body")
            << QByteArray("patchbay: 1\nkind: graphql\nname: q\nbody:\n  mode: json\n"
                          "  text: '{}'\n")
            << false;
    }

    void graphQlKindKey()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(bool, ok);
        const Result<SavedRequest> r = requestFromYaml(yaml);
        QCOMPARE(r.ok(), ok);
        if (!ok) {
            QVERIFY(r.error().message.contains(QLatin1String("GraphQL body")));
            return;
        }
        QCOMPARE(r->request.kind, RequestKind::Http);
        QCOMPARE(r->request.body.mode, BodyMode::GraphQl);
        QCOMPARE(requestKind(r->request), RequestKind::GraphQl);
        QVERIFY(!requestToYaml(r.value()).contains("kind:"));
    }

    void webSocketGoldenValues()
    {
        const Result<SavedRequest> r
            = requestFromYaml(readFile(dataDir() + QStringLiteral("/golden/kind-websocket.yaml")));
        QVERIFY(r.ok());
        QCOMPARE(r->request.kind, RequestKind::WebSocket);
        QCOMPARE(r->request.method, QStringLiteral("GET"));
        QCOMPARE(r->request.websocket.subprotocols,
                 QStringList({QStringLiteral("chat.v2"), QStringLiteral("chat.v1")}));
        QCOMPARE(r->request.websocket.expectMessages, 2);
        QCOMPARE(r->request.websocket.messages.size(), 3);
        const WebSocketMessage bytes = r->request.websocket.messages.at(2);
        QCOMPARE(bytes.payload, WebSocketPayload::Binary);
        QVERIFY(!bytes.enabled);
        QByteArray decoded;
        QVERIFY(decodeHexPayload(bytes.text, &decoded));
        QCOMPARE(decoded, QByteArray("\x00\xff\x10", 3));
        QCOMPARE(r->request.websocket.messages.at(0).payload, WebSocketPayload::Json);
        QCOMPARE(r->request.websocket.messages.at(1).payload, WebSocketPayload::Text);
    }

    void kindProblems_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown kind")
            << QByteArray("patchbay: 2\nname: x\nkind: grpc\n") << QStringLiteral("invalid-format");
        // A future kind comes with a future version: refused as "newer format", never misread.
        QTest::newRow("future kind")
            << QByteArray("patchbay: 3\nkind: grpc\nname: x\n") << QStringLiteral("newer-format");
        QTest::newRow("unknown message mode")
            << QByteArray("patchbay: 2\nkind: websocket\nwebsocket:\n  messages:\n"
                          "    - name: a\n      mode: xml\n      text: b\n")
            << QStringLiteral("invalid-format");
    }

    void kindProblems()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, code);
        const Result<SavedRequest> r = requestFromYaml(yaml);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
    }

    void hexPayload_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QString() << true << QByteArray();
        QTest::newRow("spaced") << QStringLiteral(" 0a FF\n10 ") << true
                                << QByteArray("\x0a\xff\x10", 3);
        QTest::newRow("odd") << QStringLiteral("abc") << false << QByteArray();
        QTest::newRow("not hex") << QStringLiteral("zz") << false << QByteArray();
    }

    void hexPayload()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QByteArray, bytes);
        QByteArray decoded;
        QCOMPARE(decodeHexPayload(text, &decoded), valid);
        if (valid) {
            QCOMPARE(decoded, bytes);
            QByteArray again;
            QVERIFY(decodeHexPayload(encodeHexPayload(decoded), &again));
            QCOMPARE(again, bytes);
        }
    }

    void newerVersionLoadsWithItsVersion()
    {
        const Result<SavedRequest> r
            = requestFromYaml(readFile(dataDir() + QStringLiteral("/newer-version.yaml")));
        QVERIFY(r.ok());
        QCOMPARE(r->formatVersion, 7);
        QCOMPARE(r->name, QStringLiteral("From the future"));
    }

    void hostileInput_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("code");
        QByteArray big = "patchbay: 1\ndescription: '";
        big += QByteArray(kMaxCollectionFileSize, 'a');
        big += "'\n";
        QTest::newRow("larger than the limit") << big << QStringLiteral("file-too-large");
        QTest::newRow("deep flow nesting") << QByteArray("patchbay: 1\nheaders: ")
                + QByteArray(100000, '[') << QStringLiteral("yaml-too-deep");
        QByteArray blocks = "patchbay: 1\nheaders:\n";
        for (int i = 0; i < 3000; ++i)
            blocks += QByteArray(2 * i + 2, ' ') + "- \n";
        QTest::newRow("deep block nesting") << blocks << QStringLiteral("*");
        QByteArray maps = "patchbay: 1\nname: x\nbody:\n";
        for (int i = 1; i < 5000; ++i)
            maps += QByteArray(2 * i, ' ') + "k:\n";
        maps += QByteArray(10000, ' ') + "k: v\n";
        QTest::newRow("deep mapping nesting") << maps << QStringLiteral("*");
        QTest::newRow("binary garbage")
            << QByteArray("\x00\xff\xfe{{{:::", 10) << QStringLiteral("*");
        QTest::newRow("alias bomb") << QByteArray(
            "patchbay: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, "
            "*a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nheaders: [*c, *c, *c, *c, *c, *c, *c]\n")
                                    << QStringLiteral("invalid-format");
    }

    // Hostile files fail cleanly (no crash, no hang) with an error; "*" accepts any error code.
    void hostileInput()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, code);
        const Result<SavedRequest> r = requestFromYaml(yaml);
        QVERIFY(!r.ok());
        if (code != QLatin1String("*"))
            QCOMPARE(r.error().code, code);
        QVERIFY(!r.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCollectionFormat)
#include "tst_collectionformat.moc"
