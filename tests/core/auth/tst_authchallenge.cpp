#include "core/auth/authchallenge.h"

#include <QTest>

using namespace Patchbay::Core;

Q_DECLARE_METATYPE(QList<Patchbay::Core::AuthChallenge>)

namespace {

AuthChallenge challenge(QByteArray scheme, QList<AuthParam> params, QByteArray token68 = {})
{
    return {std::move(scheme), std::move(token68), std::move(params)};
}

} // namespace

// WWW-Authenticate parsing (RFC 9110 11.6.1): several challenges per header, quoted strings
// with escapes and commas, token68, unknown parameters, and input that breaks the grammar.
class TestAuthChallenge final : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QList<AuthChallenge>>("expected");

        QTest::newRow("digest with quoted and bare values")
            << QByteArray("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                          "algorithm=SHA-256, nonce=\"7ypf/xlj9XXw\", opaque=\"FQhe\"")
            << QList<AuthChallenge> {challenge("Digest",
                                               {{"realm", "http-auth@example.org"},
                                                {"qop", "auth, auth-int"},
                                                {"algorithm", "SHA-256"},
                                                {"nonce", "7ypf/xlj9XXw"},
                                                {"opaque", "FQhe"}})};
        // RFC 9110's own example: two challenges in one value, an escaped quote.
        QTest::newRow("two challenges, escaped quotes")
            << QByteArray("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", "
                          "Basic realm=\"simple\"")
            << QList<AuthChallenge> {
                   challenge("Newauth",
                             {{"realm", "apps"}, {"type", "1"}, {"title", "Login to \"apps\""}}),
                   challenge("Basic", {{"realm", "simple"}})};
        QTest::newRow("token68 then params")
            << QByteArray("Bearer abc+/9==, Digest realm=\"r\", nonce=\"n\"")
            << QList<AuthChallenge> {challenge("Bearer", {}, "abc+/9=="),
                                     challenge("Digest", {{"realm", "r"}, {"nonce", "n"}})};
        QTest::newRow("commas and backslashes inside quotes")
            << QByteArray("Digest realm=\"a, b\\\\c\", nonce=\"x,y\"")
            << QList<AuthChallenge> {challenge("Digest", {{"realm", "a, b\\c"}, {"nonce", "x,y"}})};
        QTest::newRow("unknown params kept, empty elements skipped")
            << QByteArray(", Digest realm=\"x\",, charset=UTF-8 , foo=\"bar\",")
            << QList<AuthChallenge> {
                   challenge("Digest", {{"realm", "x"}, {"charset", "UTF-8"}, {"foo", "bar"}})};
        QTest::newRow("spaces around equals")
            << QByteArray("Digest realm = \"x\" , nonce =abc")
            << QList<AuthChallenge> {challenge("Digest", {{"realm", "x"}, {"nonce", "abc"}})};
        QTest::newRow("Qt's newline join of repeated headers")
            << QByteArray("Basic realm=\"a\"\nDigest realm=\"b\", nonce=\"c\"")
            << QList<AuthChallenge> {challenge("Basic", {{"realm", "a"}}),
                                     challenge("Digest", {{"realm", "b"}, {"nonce", "c"}})};
        QTest::newRow("garbage element skipped, the rest kept")
            << QByteArray("Digest realm=\"x\", @@@ \"q,\" !, nonce=\"n\"")
            << QList<AuthChallenge> {challenge("Digest", {{"realm", "x"}, {"nonce", "n"}})};
        QTest::newRow("schemes without parameters")
            << QByteArray("Negotiate, NTLM")
            << QList<AuthChallenge> {challenge("Negotiate", {}), challenge("NTLM", {})};
        QTest::newRow("empty quoted value")
            << QByteArray("Digest realm=\"\", nonce=\"n\"")
            << QList<AuthChallenge> {challenge("Digest", {{"realm", ""}, {"nonce", "n"}})};
        QTest::newRow("unterminated quote keeps the rest")
            << QByteArray("Digest nonce=\"n\", realm=\"x, y")
            << QList<AuthChallenge> {challenge("Digest", {{"nonce", "n"}, {"realm", "x, y"}})};
        QTest::newRow("empty header") << QByteArray("") << QList<AuthChallenge> {};
        QTest::newRow("only separators") << QByteArray(" , ,\n") << QList<AuthChallenge> {};
    }
    void parses()
    {
        QFETCH(QByteArray, header);
        QFETCH(QList<AuthChallenge>, expected);
        const QList<AuthChallenge> parsed = parseAuthChallenges(header);
        QCOMPARE(parsed.size(), expected.size());
        for (qsizetype i = 0; i < parsed.size(); ++i) {
            QCOMPARE(parsed.at(i).scheme, expected.at(i).scheme);
            QCOMPARE(parsed.at(i).token68, expected.at(i).token68);
            QCOMPARE(parsed.at(i).params.size(), expected.at(i).params.size());
            for (qsizetype p = 0; p < parsed.at(i).params.size(); ++p) {
                QCOMPARE(parsed.at(i).params.at(p).name, expected.at(i).params.at(p).name);
                QCOMPARE(parsed.at(i).params.at(p).value, expected.at(i).params.at(p).value);
            }
        }
    }

    void lookupIsCaseInsensitive()
    {
        const QList<AuthChallenge> parsed
            = parseAuthChallenges("dIgEsT REALM=\"x\", Nonce=n, Empty=\"\"");
        QCOMPARE(parsed.size(), 1);
        QVERIFY(parsed.first().isScheme("Digest"));
        QCOMPARE(parsed.first().param("realm"), QByteArray("x"));
        QCOMPARE(parsed.first().param("NONCE"), QByteArray("n"));
        QVERIFY(parsed.first().hasParam("empty"));
        QVERIFY(!parsed.first().param("empty").isNull());
        QVERIFY(parsed.first().param("missing").isNull());
    }

    void authenticationInfoParams()
    {
        const QList<AuthParam> params
            = parseAuthParams("nextnonce=\"abc, d\", qop=auth, rspauth=\"9f\", nc=00000001");
        QCOMPARE(params.size(), 4);
        QCOMPARE(params.at(0).value, QByteArray("abc, d"));
        QCOMPARE(params.at(1).name, QByteArray("qop"));
        QCOMPARE(params.at(3).value, QByteArray("00000001"));
    }
};

QTEST_GUILESS_MAIN(TestAuthChallenge)
#include "tst_authchallenge.moc"
