#include "core/auth/digestauth.h"
#include "core/auth/digestsession.h"
#include "core/auth/hashes.h"

#include <QTest>

using namespace Patchbay::Core;

namespace {

// The parameters of an Authorization header we produced (our parser reads it back).
AuthChallenge answerOf(const QByteArray &header)
{
    const QList<AuthChallenge> parsed = parseAuthChallenges(header);
    return parsed.size() == 1 ? parsed.first() : AuthChallenge();
}

DigestChallenge challengeOf(const QByteArray &header)
{
    const QList<AuthChallenge> parsed = parseAuthChallenges(header);
    if (parsed.size() != 1)
        return {};
    return digestChallengeFrom(parsed.first()).value_or(DigestChallenge());
}

} // namespace

// Digest answers (RFC 7616) for one challenge, checked against the RFCs' worked examples and, for
// what they do not cover (-sess, auth-int, SHA-512, legacy RFC 2069), against values computed
// with Python's hashlib from RFC 7616's formulas.
class TestDigestAuth final : public QObject
{
    Q_OBJECT

private slots:
    void sha512_256IsNotTruncatedSha512()
    {
        // FIPS 180-4 example: SHA-512/256("abc").
        QCOMPARE(hexHashOf(HashAlgorithm::Sha512_256, "abc"),
                 QByteArray("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"));
    }

    void rfc7616Examples_data()
    {
        QTest::addColumn<QByteArray>("algorithm");
        QTest::addColumn<QByteArray>("response");
        // RFC 7616 3.9.1: the same exchange answered with MD5 and with SHA-256.
        QTest::newRow("MD5") << QByteArray("MD5") << QByteArray("8ca523f5e9506fed4657c9700eebdbec");
        QTest::newRow("SHA-256")
            << QByteArray("SHA-256")
            << QByteArray("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }
    void rfc7616Examples()
    {
        QFETCH(QByteArray, algorithm);
        QFETCH(QByteArray, response);
        const DigestChallenge challenge = challengeOf(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + algorithm
            + ", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
              "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        QVERIFY(challenge.offersAuth && challenge.offersAuthInt);
        const Result<QByteArray> header = digestAuthorization(
            challenge, {QStringLiteral("Mufasa"), QStringLiteral("Circle of Life")}, "GET",
            "/dir/index.html", {}, 1, "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        QVERIFY(header.ok());
        QCOMPARE(*header,
                 "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
                 "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", "
                 "algorithm="
                     + algorithm + ", response=\"" + response
                     + "\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", qop=auth, "
                       "nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\"");
    }

    void rfc2617Example()
    {
        // RFC 2617 3.5: no algorithm parameter (MD5), so none is echoed.
        const DigestChallenge challenge
            = challengeOf("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                          "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                          "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        const Result<QByteArray> header = digestAuthorization(
            challenge, {QStringLiteral("Mufasa"), QStringLiteral("Circle Of Life")}, "GET",
            "/dir/index.html", {}, 1, "0a4f113b");
        QVERIFY(header.ok());
        const AuthChallenge answer = answerOf(*header);
        QCOMPARE(answer.param("response"), QByteArray("6629fae49393a05397450978507c4ef1"));
        QVERIFY(!answer.hasParam("algorithm"));
        QCOMPARE(answer.param("opaque"), QByteArray("5ccc069c403ebaf9f0171e9517f40e41"));
    }

    void sha512_256WithUserhashAndUnicodeUsername()
    {
        // RFC 7616 3.9.2's exchange. Its printed userhash and response are disputed (errata
        // 4897); these were computed with Python's hashlib (OpenSSL's SHA-512/256).
        const DigestChallenge challenge
            = challengeOf("Digest realm=\"api@example.org\", qop=\"auth\", "
                          "algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/"
                          "RVvkK\", opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", "
                          "charset=UTF-8, userhash=true");
        QVERIFY(challenge.userhash);
        QCOMPARE(challenge.algorithm, DigestAlgorithm::Sha512_256);
        const DigestConfig config {QStringLiteral("J\u00e4s\u00f8n Doe"),
                                   QStringLiteral("Secret, or not?")};
        const Result<QByteArray> header
            = digestAuthorization(challenge, config, "GET", "/doe.json", {}, 1,
                                  "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v");
        QVERIFY(header.ok());
        const AuthChallenge answer = answerOf(*header);
        QCOMPARE(answer.param("username"),
                 QByteArray("793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b"));
        QCOMPARE(answer.param("response"),
                 QByteArray("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5"));
        QCOMPARE(answer.param("userhash"), QByteArray("true"));
        QVERIFY(!answer.hasParam("username*"));
    }

    void unicodeUsernameWithoutUserhash()
    {
        const DigestChallenge challenge = challengeOf("Digest realm=\"r\", qop=auth, nonce=\"n\"");
        const Result<QByteArray> header = digestAuthorization(
            challenge, {QStringLiteral("J\u00e4s\u00f8n Doe"), {}}, "GET", "/", {}, 1, "c");
        QVERIFY(header.ok());
        QVERIFY2(header->startsWith("Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm="),
                 header->constData());
    }

    void quotesInUsernameAreEscaped()
    {
        const DigestChallenge challenge = challengeOf("Digest realm=\"r\", qop=auth, nonce=\"n\"");
        const Result<QByteArray> header = digestAuthorization(
            challenge, {QStringLiteral("a\"b\\c"), {}}, "GET", "/", {}, 1, "c");
        QVERIFY(header.ok());
        QCOMPARE(answerOf(*header).param("username"), QByteArray("a\"b\\c"));
    }

    void variants_data()
    {
        QTest::addColumn<QByteArray>("challenge");
        QTest::addColumn<bool>("preferAuthInt");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("uri");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<quint32>("nc");
        QTest::addColumn<QByteArray>("qop");
        QTest::addColumn<QByteArray>("response");

        const QByteArray common = ", realm=\"testrealm@host.com\", "
                                  "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"";
        QTest::newRow("MD5-sess") << QByteArray("Digest algorithm=MD5-sess, qop=auth" + common)
                                  << false << QByteArray("GET") << QByteArray("/dir/index.html")
                                  << QByteArray() << 1u << QByteArray("auth")
                                  << QByteArray("8e3825c57e897f5a0dec6c2d4e5059d0");
        QTest::newRow("SHA-256-sess auth-int")
            << QByteArray("Digest algorithm=SHA-256-sess, qop=\"auth-int\"" + common) << false
            << QByteArray("POST") << QByteArray("/upload?x=1") << QByteArray("{\"a\": 1}") << 1u
            << QByteArray("auth-int")
            << QByteArray("8f8feadd403707c115362623ce37d13f3ba272d1f260b103ee56e6128b036b89");
        QTest::newRow("SHA-512-256-sess, nc 10")
            << QByteArray("Digest algorithm=SHA-512-256-sess, qop=auth" + common) << false
            << QByteArray("PUT") << QByteArray("/items/7") << QByteArray() << 10u
            << QByteArray("auth")
            << QByteArray("c9a7869735d34f4f3373a0b7d43e45c727a1e5497678279d90eef9252695269f");
        QTest::newRow("legacy RFC 2069 (no qop)")
            << QByteArray("Digest algorithm=MD5" + common) << false << QByteArray("GET")
            << QByteArray("/dir/index.html") << QByteArray() << 1u << QByteArray()
            << QByteArray("670fd8c2df070c60b045671b8b24ff02");
        QTest::newRow("SHA-512 (httpbin's)")
            << QByteArray("Digest algorithm=SHA-512, qop=auth" + common) << false
            << QByteArray("GET") << QByteArray("/dir/index.html") << QByteArray() << 1u
            << QByteArray("auth")
            << QByteArray("abb145ab10fd07056cbcfc87ebf74d53b285bb2073887cc37edc2018ee297d7cac9d06be"
                          "00bac252ccb4c3101905caa99dba06d53cd9ea34dfc35b2b97f86f6c");
        QTest::newRow("auth-int preferred, empty body")
            << QByteArray("Digest qop=\"auth,auth-int\"" + common) << true << QByteArray("GET")
            << QByteArray("/dir/index.html") << QByteArray() << 1u << QByteArray("auth-int")
            << QByteArray("5e6610ecf9ba3017a4870ad48e3ad30b");
    }
    void variants()
    {
        QFETCH(QByteArray, challenge);
        QFETCH(bool, preferAuthInt);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, uri);
        QFETCH(QByteArray, body);
        QFETCH(quint32, nc);
        QFETCH(QByteArray, qop);
        QFETCH(QByteArray, response);
        const DigestConfig config {QStringLiteral("Mufasa"), QStringLiteral("Circle Of Life"),
                                   preferAuthInt};
        const Result<QByteArray> header = digestAuthorization(challengeOf(challenge), config,
                                                              method, uri, body, nc, "0a4f113b");
        QVERIFY(header.ok());
        const AuthChallenge answer = answerOf(*header);
        QCOMPARE(answer.param("response"), response);
        QCOMPARE(answer.param("qop"), qop);
        if (qop.isEmpty()) {
            QVERIFY(!answer.hasParam("nc"));
            QVERIFY(!answer.hasParam("cnonce"));
        } else {
            QCOMPARE(answer.param("nc"), QByteArray::number(nc, 16).rightJustified(8, '0'));
        }
    }

    void sessWithoutQopIsRefused()
    {
        const Result<QByteArray> header = digestAuthorization(
            challengeOf("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess"), {}, "GET", "/", {},
            1, "c");
        QVERIFY(!header.ok());
        QCOMPARE(header.error().code, QStringLiteral("digest-unsupported"));
    }

    void unanswerableChallenges_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("no nonce") << QByteArray("Digest realm=\"r\", qop=auth");
        QTest::newRow("unknown algorithm") << QByteArray("Digest nonce=\"n\", algorithm=SHA-1");
        QTest::newRow("only unknown qop") << QByteArray("Digest nonce=\"n\", qop=\"auth-conf\"");
        QTest::newRow("another scheme") << QByteArray("Basic realm=\"r\", nonce=\"n\"");
    }
    void unanswerableChallenges()
    {
        QFETCH(QByteArray, header);
        const QList<AuthChallenge> parsed = parseAuthChallenges(header);
        QCOMPARE(parsed.size(), 1);
        QVERIFY(!digestChallengeFrom(parsed.first()).has_value());
    }

    void strongestChallengeIsChosen()
    {
        const HttpHeaderList headers
            = {{"WWW-Authenticate", "Basic realm=\"r\""},
               {"WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"a\", algorithm=MD5, qop=auth, "
                "Digest realm=\"r\", nonce=\"b\", algorithm=SHA-256, qop=auth"},
               {"WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"c\", algorithm=SHA-512-256-sess, "
                "qop=auth, stale=TRUE"},
               {"WWW-Authenticate", "Digest realm=\"r\", nonce=\"d\", algorithm=SHA-3"}};
        const std::optional<DigestChallenge> chosen = chooseDigestChallenge(headers);
        QVERIFY(chosen.has_value());
        QCOMPARE(chosen->nonce, QByteArray("c"));
        QCOMPARE(chosen->algorithm, DigestAlgorithm::Sha512_256Sess);
        QVERIFY(chosen->stale);
        QVERIFY(!chooseDigestChallenge({{"WWW-Authenticate", "Basic realm=\"r\""}}).has_value());
    }

    void nextNonce()
    {
        QCOMPARE(digestNextNonce({{"Authentication-Info", "qop=auth, nextnonce=\"fresh\""}}),
                 QByteArray("fresh"));
        QVERIFY(digestNextNonce({{"Content-Type", "text/plain"}}).isNull());
    }

    void uri_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("uri");
        QTest::newRow("no path") << QStringLiteral("http://h") << QByteArray("/");
        QTest::newRow("query without path")
            << QStringLiteral("http://h?x=1") << QByteArray("/?x=1");
        QTest::newRow("encoded, no fragment")
            << QStringLiteral("https://h:8443/a%20b/%C3%BC?q=%2B1&r#frag")
            << QByteArray("/a%20b/%C3%BC?q=%2B1&r");
    }
    void uri()
    {
        QFETCH(QString, url);
        QFETCH(QByteArray, uri);
        QCOMPARE(digestUri(QUrl(url)), uri);
    }

    void sessionCountsPerNonceAndOrigin()
    {
        DigestSession session;
        const QUrl a(QStringLiteral("http://a.example/x"));
        const QUrl b(QStringLiteral("http://a.example:8080/x"));
        QCOMPARE(session.takeNonceCount(a, "n1"), 1u);
        QCOMPARE(session.takeNonceCount(a, "n1"), 2u);
        QCOMPARE(session.takeNonceCount(b, "n1"), 1u); // another origin
        QCOMPARE(session.takeNonceCount(a, "n2"), 1u);
        DigestChallenge challenge;
        challenge.nonce = "n1";
        challenge.stale = true;
        session.remember(a, QStringLiteral("ada"), challenge);
        QCOMPARE(session
                     .challengeFor(QUrl(QStringLiteral("http://A.example:80/other")),
                                   QStringLiteral("ada"))
                     ->nonce,
                 QByteArray("n1"));
        QVERIFY(!session.challengeFor(a, QStringLiteral("bob")).has_value());
        QVERIFY(!session.challengeFor(a, QStringLiteral("ada"))->stale);
        session.useNextNonce(a, QStringLiteral("ada"), "n3");
        QCOMPARE(session.challengeFor(a, QStringLiteral("ada"))->nonce, QByteArray("n3"));
        session.forget(a, QStringLiteral("ada"));
        QVERIFY(!session.challengeFor(a, QStringLiteral("ada")).has_value());
    }

    void sessionDropsCountsOfDeadNonces()
    {
        DigestSession session;
        const QUrl url(QStringLiteral("http://a.example/"));
        DigestChallenge live;
        live.nonce = "live";
        session.remember(url, QStringLiteral("ada"), live);
        session.takeNonceCount(url, "live");
        for (int i = 0; i < 600; ++i)
            session.takeNonceCount(url, "dead-" + QByteArray::number(i));
        session.remember(url, QStringLiteral("ada"), live); // prunes
        QCOMPARE(session.takeNonceCount(url, "live"), 2u); // kept
        QCOMPARE(session.takeNonceCount(url, "dead-1"), 1u); // forgotten
    }

    void signReplacesAuthorization()
    {
        PreparedRequest request;
        request.method = QStringLiteral("POST");
        request.url = QUrl(QStringLiteral("http://127.0.0.1:1/upload?x=1"));
        request.headers = {{"Authorization", "Basic old", false, true}, {"X-Other", "1"}};
        request.body = "{\"a\": 1}";
        request.hasBody = true;
        const DigestChallenge challenge = challengeOf(
            "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
            "algorithm=SHA-256-sess, qop=\"auth-int\"");
        const Result<PreparedRequest> signedRequest = signDigest(
            request, challenge, {QStringLiteral("Mufasa"), QStringLiteral("Circle Of Life")}, 1,
            {QDateTime(), "0a4f113b"});
        QVERIFY(signedRequest.ok());
        QCOMPARE(signedRequest->headers.size(), 2);
        const PreparedHeader &authorization = signedRequest->headers.last();
        QCOMPARE(authorization.name, QByteArray("Authorization"));
        QVERIFY(authorization.automatic);
        QVERIFY(authorization.credential);
        // The same exchange as the "SHA-256-sess auth-int" row, now from the request itself.
        QCOMPARE(answerOf(authorization.value).param("response"),
                 QByteArray("8f8feadd403707c115362623ce37d13f3ba272d1f260b103ee56e6128b036b89"));
        QCOMPARE(answerOf(authorization.value).param("uri"), QByteArray("/upload?x=1"));
    }
};

QTEST_GUILESS_MAIN(TestDigestAuth)
#include "tst_digestauth.moc"
