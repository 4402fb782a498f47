#include "core/auth/oauth2config.h"
#include "core/auth/oauth2errors.h"
#include "core/auth/oauth2pkce.h"
#include "core/auth/oauth2token.h"
#include "core/auth/tokenstore.h"

#include <QRegularExpression>
#include <QTest>

using namespace Patchbay::Core;

// The pure parts of OAuth 2.0: names, PKCE, token responses, JWT payloads, error wording and
// the keyring key of a token.
class TestOAuth2 final : public QObject
{
    Q_OBJECT

private slots:
    void namesRoundTrip()
    {
        for (OAuth2Grant g :
             {OAuth2Grant::AuthorizationCode, OAuth2Grant::ClientCredentials, OAuth2Grant::Password,
              OAuth2Grant::DeviceCode, OAuth2Grant::RefreshToken, OAuth2Grant::Implicit}) {
            OAuth2Grant back = OAuth2Grant::Implicit;
            QVERIFY(oauth2GrantFromName(oauth2GrantName(g), &back));
            QCOMPARE(back, g);
        }
        OAuth2Grant unknown = OAuth2Grant::Password;
        QVERIFY(!oauth2GrantFromName(u"authorization_code", &unknown));
        QCOMPARE(unknown, OAuth2Grant::Password);
        QCOMPARE(oauth2GrantName(OAuth2Grant::DeviceCode), QStringLiteral("device-code"));
        QCOMPARE(pkceMethodName(PkceMethod::S256), QStringLiteral("s256"));
    }

    void configJsonRoundTrip()
    {
        OAuth2Config c;
        c.grant = OAuth2Grant::DeviceCode;
        c.tokenUrl = QStringLiteral("https://id.example.com/token");
        c.clientSecret = QStringLiteral("{{secret}}");
        c.pkce = PkceMethod::Plain;
        c.clientAuth = ClientAuthentication::Body;
        c.placement = TokenPlacement::Query;
        c.headerPrefix = QString(); // empty is meaningful
        c.authParams = {{QStringLiteral("prompt"), QStringLiteral("consent"), false}};
        c.tokenParams = {{QStringLiteral("x"), QStringLiteral("1"), true}};
        QCOMPARE(oauth2ConfigFromJson(oauth2ConfigToJson(c)), c);
        QCOMPARE(oauth2ConfigFromJson(QJsonObject {}), OAuth2Config {});
    }

    // RFC 7636 appendix B.
    void pkceChallengeMatchesTheRfcExample()
    {
        const QByteArray verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        QCOMPARE(pkceChallenge(verifier, PkceMethod::S256),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        QCOMPARE(pkceChallenge(verifier, PkceMethod::Plain), verifier);
        QVERIFY(pkceChallenge(verifier, PkceMethod::None).isEmpty());
    }

    void pkceVerifierIsWellFormedAndRandom()
    {
        const QByteArray a = makePkceVerifier();
        const QByteArray b = makePkceVerifier();
        QVERIFY(a != b);
        QVERIFY(a.size() >= 43 && a.size() <= 128);
        static const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9._~-]+$"));
        QVERIFY(unreserved.match(QString::fromLatin1(a)).hasMatch());
        QVERIFY(makeOAuth2State() != makeOAuth2State());
    }

    void tokenResponseParsing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("expiresIn"); // -1: none
        QTest::addColumn<QString>("refresh");
        QTest::newRow("number") << QByteArray(
            R"({"access_token":"a","token_type":"Bearer","expires_in":3600,"refresh_token":"r"})")
                                << qint64(3600) << QStringLiteral("r");
        QTest::newRow("string expires_in")
            << QByteArray(R"({"access_token":"a","expires_in":"60"})") << qint64(60) << QString();
        QTest::newRow("no expiry")
            << QByteArray(R"({"access_token":"a"})") << qint64(-1) << QString();
    }

    void tokenResponseParsing()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, expiresIn);
        QFETCH(QString, refresh);
        const QDateTime now = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        const Result<OAuth2Token> token = parseTokenResponse(body, now);
        QVERIFY(token.ok());
        QCOMPARE(token->accessToken, QStringLiteral("a"));
        QCOMPARE(token->refreshToken, refresh);
        QCOMPARE(token->obtainedAt, now);
        if (expiresIn < 0)
            QVERIFY(!token->expiresAt.isValid());
        else
            QCOMPARE(token->expiresAt, now.addSecs(expiresIn));
    }

    void refreshWithoutNewRefreshTokenKeepsTheOld()
    {
        OAuth2Token previous;
        previous.refreshToken = QStringLiteral("keep-me");
        previous.scope = QStringLiteral("read");
        const Result<OAuth2Token> token = parseTokenResponse(
            R"({"access_token":"new"})", QDateTime::currentDateTimeUtc(), &previous);
        QVERIFY(token.ok());
        QCOMPARE(token->refreshToken, QStringLiteral("keep-me"));
        QCOMPARE(token->scope, QStringLiteral("read"));
    }

    void badTokenResponsesAreExplained()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const Result<OAuth2Token> html = parseTokenResponse("<html>login</html>", now);
        QVERIFY(!html.ok());
        QCOMPARE(html.error().code, QStringLiteral("oauth2-bad-token-response"));
        QVERIFY(html.error().message.contains(QLatin1String("token URL")));
        QVERIFY(!parseTokenResponse(R"({"token_type":"Bearer"})", now).ok());
    }

    void tokenJsonRoundTrip()
    {
        OAuth2Token t;
        t.accessToken = QStringLiteral("at");
        t.refreshToken = QStringLiteral("rt");
        t.idToken = QStringLiteral("id");
        t.tokenType = QStringLiteral("Bearer");
        t.scope = QStringLiteral("a b");
        t.obtainedAt = QDateTime(QDate(2026, 5, 6), QTime(7, 8, 9, 10), Qt::UTC);
        t.expiresAt = t.obtainedAt.addSecs(90);
        QCOMPARE(tokenFromJson(tokenToJson(t)), std::optional<OAuth2Token>(t));
        QVERIFY(!tokenFromJson("{}"));
        QVERIFY(!tokenFromJson("nonsense"));
    }

    void expiry()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        OAuth2Token t;
        t.accessToken = QStringLiteral("x");
        QVERIFY(!t.expiresWithin(30, now)); // no expiry known
        t.expiresAt = now.addSecs(20);
        QVERIFY(t.expiresWithin(30, now));
        t.expiresAt = now.addSecs(120);
        QVERIFY(!t.expiresWithin(30, now));

        // Renewal: 30 s before the end, or a quarter of the lifetime for short-lived tokens.
        t.obtainedAt = now;
        t.expiresAt = now.addSecs(3600);
        QVERIFY(!t.needsRenewal(now.addSecs(3560)));
        QVERIFY(t.needsRenewal(now.addSecs(3575)));
        t.expiresAt = now.addSecs(2);
        QVERIFY(!t.needsRenewal(now.addMSecs(1400)));
        QVERIFY(t.needsRenewal(now.addMSecs(1600)));
        t.expiresAt = QDateTime();
        QVERIFY(!t.needsRenewal(now.addYears(1)));
    }

    void jwtPayloadKeepsTheTextAsSent()
    {
        const QByteArray payload(R"({"sub":"ada","exp":1700000000,"scope":"read"})");
        const QString jwt = QStringLiteral("eyJhbGciOiJub25lIn0.")
            + QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding
                                                   | QByteArray::OmitTrailingEquals))
            + QStringLiteral(".sig");
        QCOMPARE(jwtPayload(jwt), std::optional<QByteArray>(payload));
        QVERIFY(!jwtPayload(QStringLiteral("opaque-token")));
        QVERIFY(!jwtPayload(QStringLiteral("a.b.c")));
    }

    void masking()
    {
        const QString token = QStringLiteral("abcdefghijklmnopqrstuvwxyz");
        const QString masked = maskToken(token);
        QVERIFY(!masked.contains(QLatin1String("mnop")));
        QVERIFY(masked.startsWith(QLatin1String("abcd")));
        QVERIFY(masked.contains(QLatin1String("26 characters")));
        QVERIFY(!maskToken(QStringLiteral("short")).contains(u's'));
    }

    void errorsAreExplainedInWords_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("step");
        QTest::addColumn<int>("grant");
        QTest::addColumn<QString>("expected");
        QTest::newRow("invalid_client")
            << QStringLiteral("invalid_client") << int(OAuth2Step::Token)
            << int(OAuth2Grant::ClientCredentials) << QStringLiteral("client secret");
        QTest::newRow("access_denied")
            << QStringLiteral("access_denied") << int(OAuth2Step::Authorization)
            << int(OAuth2Grant::AuthorizationCode) << QStringLiteral("consent was declined");
        QTest::newRow("invalid_grant after refresh")
            << QStringLiteral("invalid_grant") << int(OAuth2Step::Refresh)
            << int(OAuth2Grant::AuthorizationCode) << QStringLiteral("refresh token was refused");
        QTest::newRow("invalid_grant for password")
            << QStringLiteral("invalid_grant") << int(OAuth2Step::Token)
            << int(OAuth2Grant::Password) << QStringLiteral("user name or password");
        QTest::newRow("expired device code")
            << QStringLiteral("expired_token") << int(OAuth2Step::Token)
            << int(OAuth2Grant::DeviceCode) << QStringLiteral("expired");
    }

    void errorsAreExplainedInWords()
    {
        QFETCH(QString, error);
        QFETCH(int, step);
        QFETCH(int, grant);
        QFETCH(QString, expected);
        const QString text = explainOAuth2Error(error, QStringLiteral("server words"),
                                                OAuth2Step(step), OAuth2Grant(grant));
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY2(text.contains(error + QStringLiteral(": server words")), qPrintable(text));
    }

    void redirectMismatchIsNamed()
    {
        const QString text = explainOAuth2Error(
            QStringLiteral("invalid_request"), QStringLiteral("redirect_uri mismatch"),
            OAuth2Step::Authorization, OAuth2Grant::AuthorizationCode,
            QStringLiteral("http://127.0.0.1:5555/callback"));
        QVERIFY2(text.contains(QLatin1String("http://127.0.0.1:5555/callback")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("registered")));
    }

    void insecureEndpoints_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("insecure");
        QTest::newRow("https") << QStringLiteral("https://id.example.com/token") << false;
        QTest::newRow("http remote") << QStringLiteral("http://id.example.com/token") << true;
        QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080/token") << false;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost/token") << false;
        QTest::newRow("http ipv6 loopback") << QStringLiteral("http://[::1]:80/token") << false;
        QTest::newRow("http lan") << QStringLiteral("http://10.0.0.5/token") << true;
    }

    void insecureEndpoints()
    {
        QFETCH(QString, url);
        QFETCH(bool, insecure);
        QCOMPARE(isInsecureEndpoint(url), insecure);
    }

    void tokenKeysSeparateCollectionsAndConfigurationsButNotSecrets()
    {
        OAuth2Config c;
        c.grant = OAuth2Grant::ClientCredentials;
        c.tokenUrl = QStringLiteral("https://id.example.com/token");
        c.clientId = QStringLiteral("app");
        const QString key = TokenStore::keyFor(QStringLiteral("col-1"), c);
        QVERIFY(key.startsWith(QLatin1String("oauth2/col-1/")));
        QCOMPARE(TokenStore::keyFor(QStringLiteral("col-1"), c), key);
        QVERIFY(TokenStore::keyFor(QStringLiteral("col-2"), c) != key);
        OAuth2Config otherScope = c;
        otherScope.scope = QStringLiteral("admin");
        QVERIFY(TokenStore::keyFor(QStringLiteral("col-1"), otherScope) != key);
        OAuth2Config otherSecret = c;
        otherSecret.clientSecret = QStringLiteral("rotated");
        QCOMPARE(TokenStore::keyFor(QStringLiteral("col-1"), otherSecret), key);
        QVERIFY(!key.contains(QLatin1String("app")));
    }
};

QTEST_GUILESS_MAIN(TestOAuth2)
#include "tst_oauth2.moc"
