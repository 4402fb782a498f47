#include "core/auth/jwtbearer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Patchbay::Core;

namespace {

SigningInputs fixedInputs()
{
    return {QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC), "0123456789abcdef01234567"};
}

std::optional<QString> vars(const QString &name)
{
    if (name == QLatin1String("user"))
        return QStringLiteral("a \"quoted\" \\ name\n\u00e9");
    if (name == QLatin1String("n"))
        return QStringLiteral("12.50");
    if (name == QLatin1String("obj"))
        return QStringLiteral("{\"nested\": true}");
    return std::nullopt;
}

QJsonObject part(const QByteArray &jwt, int index)
{
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(jwt.split('.').value(index), QByteArray::Base64UrlEncoding))
        .object();
}

JwtBearerConfig hs256(const QString &claims)
{
    JwtBearerConfig config;
    config.key = QStringLiteral("secret");
    config.claimsTemplate = claims;
    return config;
}

} // namespace

// Building a JWT: the claims template and its variables, the claims added, the signature (HS256
// recomputed here with Qt), the placement and the errors. tst_authverify has PyJWT verify
// every algorithm and key format.
class TestJwtBearer final : public QObject
{
    Q_OBJECT

private slots:
    void variablesAreEscapedInStringsAndRawOutside()
    {
        const Result<QByteArray> jwt = makeJwt(
            hs256(QStringLiteral(
                "{\"sub\": \"{{user}}\", \"n\": {{ n }}, \"o\": {{obj}}, \"s\": \"x{{n}}y\"}")),
            fixedInputs(), &vars);
        QVERIFY(jwt.ok());
        const QJsonObject claims = part(*jwt, 1);
        QCOMPARE(claims.value(QLatin1String("sub")).toString(), *vars(QStringLiteral("user")));
        QCOMPARE(claims.value(QLatin1String("n")).toDouble(), 12.5);
        QCOMPARE(claims.value(QLatin1String("o")).toObject().value(QLatin1String("nested")),
                 QJsonValue(true));
        QCOMPARE(claims.value(QLatin1String("s")).toString(), QStringLiteral("x12.50y"));
        // The number keeps its literal in the token itself.
        QVERIFY(QByteArray::fromBase64(jwt->split('.').at(1), QByteArray::Base64UrlEncoding)
                    .contains("\"n\":12.50"));
    }

    void escapedQuoteDoesNotEndTheString()
    {
        const Result<QByteArray> jwt
            = makeJwt(hs256(QStringLiteral("{\"a\": \"\\\"{{n}}\\\"\", \"b\": {{n}}}")),
                      fixedInputs(), &vars);
        QVERIFY(jwt.ok());
        QCOMPARE(part(*jwt, 1).value(QLatin1String("a")).toString(), QStringLiteral("\"12.50\""));
        QCOMPARE(part(*jwt, 1).value(QLatin1String("b")).toDouble(), 12.5);
    }

    void standardClaimsAreAddedUnlessSet()
    {
        JwtBearerConfig config = hs256(QStringLiteral("{\"exp\": 1, \"x\": 1}"));
        config.lifetimeSeconds = 60;
        config.setNotBefore = true;
        config.setJwtId = true;
        const Result<QByteArray> jwt = makeJwt(config, fixedInputs(), &vars);
        QVERIFY(jwt.ok());
        const QJsonObject claims = part(*jwt, 1);
        QCOMPARE(claims.value(QLatin1String("exp")).toInteger(), 1); // the template's
        QCOMPARE(claims.value(QLatin1String("iat")).toInteger(), 1700000000);
        QCOMPARE(claims.value(QLatin1String("nbf")).toInteger(), 1700000000);
        QCOMPARE(claims.value(QLatin1String("jti")).toString(),
                 QStringLiteral("0123456789abcdef01234567"));

        config.claimsTemplate.clear();
        const QJsonObject plain = part(*makeJwt(config, fixedInputs(), &vars), 1);
        QCOMPARE(plain.value(QLatin1String("exp")).toInteger(), 1700000060);
    }

    void headerAndHs256Signature()
    {
        JwtBearerConfig config = hs256(QStringLiteral("{\"sub\": \"1\"}"));
        config.keyId = QStringLiteral("k1");
        config.algorithm = JwtAlgorithm::HS512;
        const Result<QByteArray> jwt = makeJwt(config, fixedInputs(), &vars);
        QVERIFY(jwt.ok());
        QCOMPARE(part(*jwt, 0),
                 (QJsonObject {{QStringLiteral("alg"), QStringLiteral("HS512")},
                               {QStringLiteral("typ"), QStringLiteral("JWT")},
                               {QStringLiteral("kid"), QStringLiteral("k1")}}));
        const QList<QByteArray> pieces = jwt->split('.');
        QCOMPARE(pieces.size(), 3);
        const QByteArray expected = QMessageAuthenticationCode::hash(
            pieces.at(0) + '.' + pieces.at(1), "secret", QCryptographicHash::Sha512);
        QCOMPARE(QByteArray::fromBase64(pieces.at(2), QByteArray::Base64UrlEncoding), expected);
        QVERIFY(!jwt->contains('=')); // unpadded base64url
    }

    void base64SecretBothAlphabets()
    {
        JwtBearerConfig config = hs256(QStringLiteral("{}"));
        config.keyFormat = JwtKeyFormat::Base64;
        const QByteArray secret("\xfb\xff\x00\x01 secret", 11);
        config.key = QString::fromLatin1(secret.toBase64());
        const QByteArray a = *makeJwt(config, fixedInputs(), &vars);
        config.key = QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding));
        const QByteArray b = *makeJwt(config, fixedInputs(), &vars);
        QCOMPARE(a, b);
        config.key = QStringLiteral("not base64 !!");
        QCOMPARE(makeJwt(config, fixedInputs(), &vars).error().code, QStringLiteral("jwt-config"));
    }

    void placements()
    {
        PreparedRequest request;
        request.method = QStringLiteral("GET");
        request.url = QUrl(QStringLiteral("https://api.example.com/x?a=1"));
        request.headers = {{"Authorization", "Basic old", false, true}};
        JwtBearerConfig config = hs256(QStringLiteral("{}"));
        const Result<PreparedRequest> header = signJwtBearer(request, config, fixedInputs(), &vars);
        QVERIFY(header.ok());
        QCOMPARE(header->headers.size(), 1);
        QVERIFY(header->header("Authorization").startsWith("Bearer eyJ"));
        QVERIFY(header->headers.first().credential);

        config.headerName = QStringLiteral("X-Token");
        config.headerPrefix.clear();
        const Result<PreparedRequest> custom = signJwtBearer(request, config, fixedInputs(), &vars);
        QVERIFY(custom->header("X-Token").startsWith("eyJ"));
        QCOMPARE(custom->header("Authorization"), QByteArray("Basic old"));

        config.placement = JwtPlacement::Query;
        const Result<PreparedRequest> query = signJwtBearer(request, config, fixedInputs(), &vars);
        QVERIFY(query->url.query().startsWith(QLatin1String("a=1&access_token=eyJ")));
    }

    void templateErrors_data()
    {
        QTest::addColumn<QString>("claims");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("undefined variables")
            << QStringLiteral("{\"a\": \"{{nope}}\", \"b\": {{gone}}}")
            << QStringLiteral("{{nope}}, {{gone}}");
        QTest::newRow("not JSON") << QStringLiteral("{\"a\": 1,}") << QStringLiteral("line 1");
        QTest::newRow("not an object") << QStringLiteral("[1, 2]") << QStringLiteral("array");
    }
    void templateErrors()
    {
        QFETCH(QString, claims);
        QFETCH(QString, mentions);
        const Result<QByteArray> jwt = makeJwt(hs256(claims), fixedInputs(), &vars);
        QVERIFY(!jwt.ok());
        QCOMPARE(jwt.error().code, QStringLiteral("jwt-template"));
        QVERIFY2(jwt.error().message.contains(mentions), qPrintable(jwt.error().message));
    }

    void missingKey()
    {
        JwtBearerConfig config = hs256(QStringLiteral("{}"));
        config.key = QStringLiteral("  ");
        QCOMPARE(makeJwt(config, fixedInputs(), &vars).error().code, QStringLiteral("jwt-config"));
    }
};

QTEST_GUILESS_MAIN(TestJwtBearer)
#include "tst_jwtbearer.moc"
