#include "core/interop/authcodegen.h"

#include <QTest>

using namespace Patchbay::Core;

Q_DECLARE_METATYPE(Patchbay::Core::CodeLanguage)

namespace {

Request request()
{
    Request r;
    r.method = QStringLiteral("GET");
    r.url = QStringLiteral("https://abc.execute-api.eu-west-1.amazonaws.com/prod/items?z=1&b=2");
    r.params = {{QStringLiteral("a"), QStringLiteral("x y")},
                {QStringLiteral("b"), QStringLiteral("1")}};
    return r;
}

DigestConfig digest()
{
    return {QStringLiteral("ada"), QStringLiteral("pa'ss word")};
}

AwsSigV4Config aws()
{
    AwsSigV4Config config;
    config.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    config.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    config.region = QStringLiteral("eu-west-1");
    config.service = QStringLiteral("execute-api");
    return config;
}

QString code(const SigningAuth &auth, CodeLanguage language)
{
    const Result<QString> out = generateSignedCode(request(), language, auth);
    return out.ok() ? *out : QString();
}

// The lines of `text` that are comments in that language.
QString comments(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(u'\n')) {
        if (line.startsWith(u'#') || line.startsWith(QLatin1String("//")))
            out.append(line);
    }
    return out.join(u'\n');
}

} // namespace

// What code generation adds for request-signing schemes (core/interop/authcodegen): working
// options where the tool signs by itself, comments without secrets elsewhere. Generated code is
// run against real servers in tst_authcodegenrun.
class TestAuthCodegen final : public QObject
{
    Q_OBJECT

private slots:
    void digestCurl()
    {
        const QString curl = code(digest(), CodeLanguage::Curl);
        QVERIFY2(curl.contains(QLatin1String("--digest \\\n  -u 'ada:pa'\\''ss word'")),
                 qPrintable(curl));
        QVERIFY(comments(curl).isEmpty());
    }

    void digestPythonAndHttpie()
    {
        const QString python = code(digest(), CodeLanguage::PythonRequests);
        QVERIFY(python.contains(
            QLatin1String("import requests\nfrom requests.auth import HTTPDigestAuth\n")));
        QVERIFY2(python.contains(QLatin1String("auth=HTTPDigestAuth(\"ada\", \"pa'ss word\")")),
                 qPrintable(python));
        const QString httpie = code(digest(), CodeLanguage::Httpie);
        QVERIFY(httpie.contains(QLatin1String("--auth-type=digest \\\n  -a 'ada:pa'\\''ss word'")));
    }

    void digestElsewhereIsAComment_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        QTest::newRow("fetch") << CodeLanguage::JavaScriptFetch;
        QTest::newRow("qt") << CodeLanguage::CppQt;
    }
    void digestElsewhereIsAComment()
    {
        QFETCH(CodeLanguage, language);
        const QString out = code(digest(), language);
        QVERIFY(out.startsWith(QLatin1String("// Digest auth:")));
        QVERIFY(!out.contains(QLatin1String("pa'ss word")));
    }

    void digestUserWithColon()
    {
        DigestConfig config = digest();
        config.username = QStringLiteral("dom:ada");
        const QString curl = code(config, CodeLanguage::Curl);
        QVERIFY(!curl.contains(QLatin1String("--digest")));
        QVERIFY(comments(curl).contains(QLatin1String("contains ':'")));
    }

    void awsCurlSortsTheQuery()
    {
        AwsSigV4Config config = aws();
        config.sessionToken = QStringLiteral("tok/en+=");
        const QString curl = code(config, CodeLanguage::Curl);
        // The URL comes last, after "--" (never read as an option).
        QVERIFY2(curl.contains(QLatin1String("-- "
                                             "'https://abc.execute-api.eu-west-1.amazonaws.com/"
                                             "prod/items?a=x%20y&b=1&b=2&z=1'")),
                 qPrintable(curl));
        QVERIFY(curl.contains(QLatin1String("--aws-sigv4 'aws:amz:eu-west-1:execute-api'")));
        QVERIFY(curl.contains(
            QLatin1String("-u 'AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'")));
        QVERIFY(curl.contains(QLatin1String("-H 'X-Amz-Security-Token: tok/en+='")));
        QVERIFY(comments(curl).contains(QLatin1String("sorted")));
        QVERIFY(!comments(curl).contains(QLatin1String("EXAMPLEKEY")));
    }

    void awsPresignedAndOtherLanguagesAreComments_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        QTest::addColumn<bool>("presigned");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("curl presigned") << CodeLanguage::Curl << true << QStringLiteral("presign");
        QTest::newRow("python") << CodeLanguage::PythonRequests << false
                                << QStringLiteral("botocore");
        QTest::newRow("httpie") << CodeLanguage::Httpie << false << QStringLiteral("plugin");
        QTest::newRow("fetch") << CodeLanguage::JavaScriptFetch << false
                               << QStringLiteral("@aws-sdk/signature-v4");
        QTest::newRow("qt") << CodeLanguage::CppQt << false << QStringLiteral("AWSAuthV4Signer");
    }
    void awsPresignedAndOtherLanguagesAreComments()
    {
        QFETCH(CodeLanguage, language);
        QFETCH(bool, presigned);
        QFETCH(QString, mentions);
        AwsSigV4Config config = aws();
        if (presigned)
            config.placement = AwsSigV4Placement::Query;
        const QString out = code(config, language);
        QVERIFY2(comments(out).contains(mentions), qPrintable(out));
        QVERIFY(comments(out).contains(QLatin1String("region eu-west-1, service execute-api")));
        QVERIFY(!out.contains(QLatin1String("EXAMPLEKEY")));
        QVERIFY(!out.contains(QLatin1String("--aws-sigv4")));
        // Without curl's signing the query keeps the order the user gave.
        QVERIFY(out.contains(QLatin1String("items?z=1&b=2")));
    }

    void oauth1AndJwtAreComments_data()
    {
        QTest::addColumn<CodeLanguage>("language");
        for (CodeLanguage language : codeLanguages())
            QTest::newRow(qPrintable(languageKey(language))) << language;
    }
    void oauth1AndJwtAreComments()
    {
        QFETCH(CodeLanguage, language);
        OAuth1Config oauth;
        oauth.consumerKey = QStringLiteral("ck");
        oauth.consumerSecret = QStringLiteral("consumer-secret-value");
        oauth.tokenSecret = QStringLiteral("token-secret-value");
        oauth.signatureMethod = OAuth1SignatureMethod::HmacSha256;
        const QString o = code(oauth, language);
        QVERIFY2(comments(o).contains(
                     QLatin1String("OAuth 1.0a (HMAC-SHA256, parameters in the header)")),
                 qPrintable(o));
        QVERIFY(!o.contains(QLatin1String("secret-value")));

        JwtBearerConfig jwt;
        jwt.algorithm = JwtAlgorithm::ES256;
        jwt.key = QStringLiteral("-----BEGIN PRIVATE KEY-----\nsecret-key-material\n");
        const QString j = code(jwt, language);
        QVERIFY2(comments(j).contains(QLatin1String("fresh ES256 token")), qPrintable(j));
        QVERIFY(comments(j).contains(QLatin1String("Authorization header (\"Bearer <token>\")")));
        QVERIFY(!j.contains(QLatin1String("secret-key-material")));
    }

    void plainCodeIsUnchanged()
    {
        for (CodeLanguage language : codeLanguages())
            QCOMPARE(*generateCode(request(), language, CodeAuthExtras()),
                     *generateCode(request(), language));
    }
};

QTEST_GUILESS_MAIN(TestAuthCodegen)
#include "tst_authcodegen.moc"
