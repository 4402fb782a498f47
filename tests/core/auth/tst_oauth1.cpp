#include "core/auth/oauth1.h"

#include <QTest>

using namespace Patchbay::Core;

Q_DECLARE_METATYPE(Patchbay::Core::OAuth1Config)

namespace {

PreparedRequest rfcExampleRequest()
{
    // RFC 5849 3.4.1.1: the query, a form body with a '+' and a value-less field.
    PreparedRequest request;
    request.method = QStringLiteral("POST");
    request.url = QUrl(QStringLiteral("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
                       QUrl::StrictMode);
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded", true, false},
                       {"Content-Length", "9", true, false}};
    request.body = "c2&a3=2+q";
    request.hasBody = true;
    return request;
}

OAuth1Config rfcExampleConfig()
{
    OAuth1Config config;
    config.consumerKey = QStringLiteral("9djdj82h48djs9d2");
    config.consumerSecret = QStringLiteral("j49sk3j29djd");
    config.token = QStringLiteral("kkk9d7dh3k39sjv7");
    config.tokenSecret = QStringLiteral("dh893hdasih9");
    config.includeVersion = false;
    config.realm = QStringLiteral("Example");
    return config;
}

SigningInputs rfcExampleInputs()
{
    return {QDateTime::fromSecsSinceEpoch(137131201, Qt::UTC), "7d8f3e4a"};
}

} // namespace

// OAuth 1.0a signing by itself: RFC 5849's worked base string, parameter placement and the
// configuration errors. tst_authverify has oauthlib's server check the signatures.
class TestOAuth1 final : public QObject
{
    Q_OBJECT

private slots:
    void rfcBaseString()
    {
        const Result<OAuth1Signature> s
            = oauth1Signature(rfcExampleRequest(), rfcExampleConfig(), rfcExampleInputs());
        QVERIFY(s.ok());
        // RFC 5849 3.4.1.1, character for character.
        QCOMPARE(s->baseString,
                 QByteArray("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
                            "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
                            "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_"
                            "method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
                            "9d7dh3k39sjv7"));
        // The header carries the realm and every protocol parameter, encoded.
        const QByteArray header = s->request.header("Authorization");
        QVERIFY2(
            header.startsWith("OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\""),
            header.constData());
        QVERIFY(header.contains(
            QByteArray(", oauth_signature=\"" + s->signature.toPercentEncoding() + '"')));
        QVERIFY(!header.contains("oauth_version"));
    }

    void baseStringUriNormalisation()
    {
        // RFC 5849 3.4.1.2: scheme and host in lower case, default port dropped, path kept.
        PreparedRequest request;
        request.method = QStringLiteral("get");
        request.url = QUrl(QStringLiteral("HTTP://EXAMPLE.COM:80/r%20v/X?id=123"));
        const Result<OAuth1Signature> s
            = oauth1Signature(request, rfcExampleConfig(), rfcExampleInputs());
        QVERIFY(s.ok());
        QVERIFY2(s->baseString.startsWith("GET&http%3A%2F%2Fexample.com%2Fr%2520v%2FX&id%3D123%26"),
                 s->baseString.constData());
        request.url = QUrl(QStringLiteral("https://www.example.net:8080/?q=1"));
        QVERIFY(oauth1Signature(request, rfcExampleConfig(), rfcExampleInputs())
                    ->baseString.startsWith("GET&https%3A%2F%2Fwww.example.net%3A8080%2F&"));
    }

    void plaintextSignatureIsTheKey()
    {
        OAuth1Config config = rfcExampleConfig();
        config.signatureMethod = OAuth1SignatureMethod::Plaintext;
        config.consumerSecret = QStringLiteral("a b&c");
        const Result<OAuth1Signature> s
            = oauth1Signature(rfcExampleRequest(), config, rfcExampleInputs());
        QVERIFY(s.ok());
        QCOMPARE(s->signature, QByteArray("a%20b%26c&dh893hdasih9"));
    }

    void queryPlacement()
    {
        PreparedRequest request;
        request.method = QStringLiteral("GET");
        request.url = QUrl(QStringLiteral("https://api.example.com/photos?size=big"));
        OAuth1Config config = rfcExampleConfig();
        config.placement = OAuth1Placement::Query;
        const Result<OAuth1Signature> s = oauth1Signature(request, config, rfcExampleInputs());
        QVERIFY(s.ok());
        const QString query = s->request.url.query(QUrl::FullyEncoded);
        QVERIFY2(query.startsWith(QLatin1String("size=big&oauth_consumer_key=9djdj82h48djs9d2&")),
                 qPrintable(query));
        QVERIFY(query.endsWith(QLatin1String("&oauth_signature=")
                               + QString::fromLatin1(s->signature.toPercentEncoding())));
        QVERIFY(!s->request.hasHeader("Authorization"));
    }

    void bodyPlacement()
    {
        OAuth1Config config = rfcExampleConfig();
        config.placement = OAuth1Placement::Body;
        const Result<OAuth1Signature> s
            = oauth1Signature(rfcExampleRequest(), config, rfcExampleInputs());
        QVERIFY(s.ok());
        QVERIFY(s->request.body.startsWith("c2&a3=2+q&oauth_consumer_key=9djdj82h48djs9d2&"));
        QCOMPARE(s->request.header("Content-Length"), QByteArray::number(s->request.body.size()));
        QCOMPARE(s->request.headers.size(), 2); // no second Content-Length

        // An empty body becomes a form.
        PreparedRequest empty;
        empty.method = QStringLiteral("POST");
        empty.url = QUrl(QStringLiteral("https://api.example.com/token"));
        empty.hasBody = true;
        empty.headers = {{"Content-Length", "0", true, false}};
        const Result<PreparedRequest> filled = signOAuth1(empty, config, rfcExampleInputs());
        QVERIFY(filled.ok());
        QCOMPARE(filled->header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QVERIFY(filled->body.startsWith("oauth_consumer_key="));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<OAuth1Config>("config");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        OAuth1Config body = rfcExampleConfig();
        body.placement = OAuth1Placement::Body;
        QTest::newRow("body placement on GET")
            << QStringLiteral("GET") << QByteArray() << body << QStringLiteral("oauth1-config")
            << QStringLiteral("header or the query");
        QTest::newRow("body placement with JSON")
            << QStringLiteral("POST") << QByteArray("application/json") << body
            << QStringLiteral("oauth1-config") << QStringLiteral("form");
        OAuth1Config noKey = rfcExampleConfig();
        noKey.consumerKey = QStringLiteral(" ");
        QTest::newRow("no consumer key")
            << QStringLiteral("GET") << QByteArray() << noKey << QStringLiteral("oauth1-config")
            << QStringLiteral("consumer key");
        OAuth1Config rsa = rfcExampleConfig();
        rsa.signatureMethod = OAuth1SignatureMethod::RsaSha1;
        QTest::newRow("RSA without a key")
            << QStringLiteral("GET") << QByteArray() << rsa << QStringLiteral("oauth1-config")
            << QStringLiteral("private key");
        rsa.privateKeyPem = QStringLiteral("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n"
                                           "-----END ENCRYPTED PRIVATE KEY-----");
        QTest::newRow("RSA with an encrypted key")
            << QStringLiteral("GET") << QByteArray() << rsa << QStringLiteral("invalid-key")
            << QStringLiteral("openssl pkey");
        rsa.privateKeyPem = QStringLiteral("-----BEGIN PRIVATE KEY-----\nnot base64\n"
                                           "-----END PRIVATE KEY-----");
        QTest::newRow("RSA with garbage")
            << QStringLiteral("GET") << QByteArray() << rsa << QStringLiteral("invalid-key")
            << QStringLiteral("could not be read");
    }
    void errors()
    {
        QFETCH(QString, method);
        QFETCH(QByteArray, contentType);
        QFETCH(OAuth1Config, config);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        PreparedRequest request;
        request.method = method;
        request.url = QUrl(QStringLiteral("https://api.example.com/x"));
        if (!contentType.isEmpty()) {
            request.headers = {{"Content-Type", contentType, true, false}};
            request.body = "{}";
            request.hasBody = true;
        }
        const Result<PreparedRequest> s = signOAuth1(request, config, rfcExampleInputs());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, code);
        QVERIFY2(s.error().message.contains(mentions), qPrintable(s.error().message));
    }
};

QTEST_GUILESS_MAIN(TestOAuth1)
#include "tst_oauth1.moc"
