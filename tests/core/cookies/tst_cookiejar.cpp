#include "core/cookies/cookiejar.h"
#include "core/cookies/publicsuffixlist.h"
#include "core/cookies/setcookie.h"

#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;

namespace {

const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

QUrl url(const char *text)
{
    return QUrl(QString::fromLatin1(text));
}

// The jar's Cookie header for `to` after `from` answered with `setCookie`.
QByteArray roundTrip(CookieJar &jar, const char *from, const QByteArray &setCookie, const char *to)
{
    jar.storeFromResponse(url(from), {setCookie}, kNow);
    return jar.cookieHeaderFor(url(to), kNow);
}

} // namespace

class TestCookieJar final : public QObject
{
    Q_OBJECT

private slots:
    void parseSetCookie_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << QByteArray("sid=abc") << true << "sid"
                               << "abc";
        QTest::newRow("spaces trimmed") << QByteArray("  sid = a b ;Path=/") << true << "sid"
                                        << "a b";
        QTest::newRow("empty value") << QByteArray("sid=") << true << "sid"
                                     << "";
        QTest::newRow("value with =") << QByteArray("q=a=b") << true << "q"
                                      << "a=b";
        QTest::newRow("no =") << QByteArray("justtext") << false << ""
                              << "";
        QTest::newRow("empty name") << QByteArray("=value") << false << ""
                                    << "";
        QTest::newRow("utf8 value")
            << QByteArray("n=caf\xc3\xa9") << true << "n" << QStringLiteral("café");
    }

    void parseSetCookie()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, valid);
        QFETCH(QString, name);
        QFETCH(QString, value);
        const std::optional<SetCookie> parsed = Patchbay::Core::parseSetCookie(header);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(parsed->name, name);
            QCOMPARE(parsed->value, value);
        }
    }

    void attributesLastOneWins()
    {
        const std::optional<SetCookie> c = Patchbay::Core::parseSetCookie(
            "a=1; Domain=.Example.COM; path=/x; Path=/y; max-age=10; Max-Age=20; secure; "
            "HTTPONLY; SameSite=lax; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Unknown=1");
        QVERIFY(c);
        QCOMPARE(c->domain, QStringLiteral("example.com"));
        QCOMPARE(c->path, QStringLiteral("/y"));
        QCOMPARE(c->maxAge, 20);
        QVERIFY(c->secure);
        QVERIFY(c->httpOnly);
        QCOMPARE(c->sameSite, SameSite::Lax);
        QCOMPARE(c->expires, QDateTime(QDate(2021, 6, 9), QTime(10, 18, 14), Qt::UTC));
        // A Path that does not start with '/' means the default path.
        QVERIFY(!Patchbay::Core::parseSetCookie("a=1; Path=/x; Path=rel")->path);
        // Max-Age must be digits with an optional leading '-'.
        QVERIFY(!Patchbay::Core::parseSetCookie("a=1; Max-Age=1e3")->maxAge);
        QCOMPARE(Patchbay::Core::parseSetCookie("a=1; Max-Age=-5")->maxAge, -5);
    }

    void cookieDates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: rejected
        const QDateTime d(QDate(2021, 6, 9), QTime(10, 18, 14), Qt::UTC);
        QTest::newRow("RFC 1123") << QByteArray("Wed, 09 Jun 2021 10:18:14 GMT") << d;
        QTest::newRow("RFC 850") << QByteArray("Wednesday, 09-Jun-21 10:18:14 GMT") << d;
        QTest::newRow("asctime") << QByteArray("Wed Jun  9 10:18:14 2021") << d;
        QTest::newRow("no weekday, odd case") << QByteArray("9 JUNE 2021 10:18:14") << d;
        QTest::newRow("two-digit year 70") << QByteArray("01 Jan 70 00:00:00 GMT")
                                           << QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("31 April") << QByteArray("31 Apr 2021 10:00:00") << QDateTime();
        QTest::newRow("no time") << QByteArray("09 Jun 2021") << QDateTime();
        QTest::newRow("hour 24") << QByteArray("09 Jun 2021 24:00:00") << QDateTime();
        QTest::newRow("year 1600") << QByteArray("09 Jun 1600 10:00:00") << QDateTime();
    }

    void cookieDates()
    {
        QFETCH(QByteArray, text);
        QFETCH(QDateTime, expected);
        const std::optional<QDateTime> parsed = parseCookieDate(text);
        QCOMPARE(parsed.has_value(), expected.isValid());
        if (parsed)
            QCOMPARE(*parsed, expected);
    }

    // RFC 6265 storage (5.3) and retrieval (5.4), one rule per row: the Cookie header that
    // `to` gets after `from` set `setCookie`.
    void rules_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("setCookie");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("host-only: same host")
            << QByteArray("http://api.example.com/") << QByteArray("a=1")
            << QByteArray("http://api.example.com/x") << QByteArray("a=1");
        QTest::newRow("host-only: not a subdomain")
            << QByteArray("http://example.com/") << QByteArray("a=1")
            << QByteArray("http://api.example.com/") << QByteArray();
        QTest::newRow("Domain: subdomains too")
            << QByteArray("http://example.com/") << QByteArray("a=1; Domain=example.com")
            << QByteArray("http://api.example.com/") << QByteArray("a=1");
        QTest::newRow("Domain: leading dot ignored")
            << QByteArray("http://www.example.com/") << QByteArray("a=1; Domain=.example.com")
            << QByteArray("http://example.com/") << QByteArray("a=1");
        QTest::newRow("Domain: another site refused")
            << QByteArray("http://example.com/") << QByteArray("a=1; Domain=other.com")
            << QByteArray("http://other.com/") << QByteArray();
        QTest::newRow("Domain: a subdomain of the host refused")
            << QByteArray("http://example.com/") << QByteArray("a=1; Domain=api.example.com")
            << QByteArray("http://api.example.com/") << QByteArray();
        QTest::newRow("Domain: not a suffix at a dot")
            << QByteArray("http://badexample.com/") << QByteArray("a=1; Domain=example.com")
            << QByteArray("http://example.com/") << QByteArray();
        QTest::newRow("public suffix refused")
            << QByteArray("http://shop.example.co.uk/") << QByteArray("a=1; Domain=co.uk")
            << QByteArray("http://other.co.uk/") << QByteArray();
        QTest::newRow("public suffix: the host itself, host-only")
            << QByteArray("http://github.io/") << QByteArray("a=1; Domain=github.io")
            << QByteArray("http://github.io/") << QByteArray("a=1");
        QTest::newRow("public suffix: not for its subdomains")
            << QByteArray("http://github.io/") << QByteArray("a=1; Domain=github.io")
            << QByteArray("http://someone.github.io/") << QByteArray();
        QTest::newRow("TLD refused")
            << QByteArray("http://example.com/") << QByteArray("a=1; Domain=com")
            << QByteArray("http://example.com/") << QByteArray();
        QTest::newRow("registrable domain under a public suffix")
            << QByteArray("http://shop.example.co.uk/") << QByteArray("a=1; Domain=example.co.uk")
            << QByteArray("http://www.example.co.uk/") << QByteArray("a=1");
        QTest::newRow("IP address: exact only")
            << QByteArray("http://127.0.0.1:8080/") << QByteArray("a=1; Domain=127.0.0.1")
            << QByteArray("http://127.0.0.1:9090/") << QByteArray("a=1");
        QTest::newRow("default path: directory of the request")
            << QByteArray("http://h.test/api/v1/login") << QByteArray("a=1")
            << QByteArray("http://h.test/api/v1/users") << QByteArray("a=1");
        QTest::newRow("default path: not above it")
            << QByteArray("http://h.test/api/v1/login") << QByteArray("a=1")
            << QByteArray("http://h.test/api/other") << QByteArray();
        QTest::newRow("Path: prefix at a slash")
            << QByteArray("http://h.test/") << QByteArray("a=1; Path=/api")
            << QByteArray("http://h.test/api/users") << QByteArray("a=1");
        QTest::newRow("Path: not a prefix of /apiv2")
            << QByteArray("http://h.test/") << QByteArray("a=1; Path=/api")
            << QByteArray("http://h.test/apiv2") << QByteArray();
        QTest::newRow("Path: exact") << QByteArray("http://h.test/") << QByteArray("a=1; Path=/api")
                                     << QByteArray("http://h.test/api") << QByteArray("a=1");
        QTest::newRow("Secure: not sent over http")
            << QByteArray("https://h.test/") << QByteArray("a=1; Secure")
            << QByteArray("http://h.test/") << QByteArray();
        QTest::newRow("Secure: sent over https")
            << QByteArray("https://h.test/") << QByteArray("a=1; Secure")
            << QByteArray("https://h.test/") << QByteArray("a=1");
        QTest::newRow("Secure: refused from http")
            << QByteArray("http://h.test/") << QByteArray("a=1; Secure")
            << QByteArray("https://h.test/") << QByteArray();
        QTest::newRow("Secure: loopback counts as secure")
            << QByteArray("http://127.0.0.1:8080/") << QByteArray("a=1; Secure")
            << QByteArray("http://127.0.0.1:8080/") << QByteArray("a=1");
        QTest::newRow("Max-Age in the future")
            << QByteArray("http://h.test/") << QByteArray("a=1; Max-Age=60")
            << QByteArray("http://h.test/") << QByteArray("a=1");
        QTest::newRow("Max-Age=0 stores nothing")
            << QByteArray("http://h.test/") << QByteArray("a=1; Max-Age=0")
            << QByteArray("http://h.test/") << QByteArray();
        QTest::newRow("Expires in the past stores nothing")
            << QByteArray("http://h.test/")
            << QByteArray("a=1; Expires=Thu, 01 Jan 2015 00:00:00 GMT")
            << QByteArray("http://h.test/") << QByteArray();
        QTest::newRow("Max-Age wins over a past Expires")
            << QByteArray("http://h.test/")
            << QByteArray("a=1; Expires=Thu, 01 Jan 2015 00:00:00 GMT; Max-Age=60")
            << QByteArray("http://h.test/") << QByteArray("a=1");
        QTest::newRow("__Host- needs Secure, Path=/, no Domain")
            << QByteArray("https://h.test/")
            << QByteArray("__Host-a=1; Secure; Path=/; Domain=h.test")
            << QByteArray("https://h.test/") << QByteArray();
        QTest::newRow("__Host- done right")
            << QByteArray("https://h.test/") << QByteArray("__Host-a=1; Secure; Path=/")
            << QByteArray("https://h.test/") << QByteArray("__Host-a=1");
        QTest::newRow("__Secure- without Secure")
            << QByteArray("https://h.test/") << QByteArray("__Secure-a=1")
            << QByteArray("https://h.test/") << QByteArray();
        QTest::newRow("HttpOnly is sent (a REST client is not a script)")
            << QByteArray("http://h.test/") << QByteArray("a=1; HttpOnly")
            << QByteArray("http://h.test/") << QByteArray("a=1");
        QTest::newRow("Domain is case-insensitive")
            << QByteArray("http://API.Example.com/") << QByteArray("a=1; Domain=EXAMPLE.com")
            << QByteArray("http://www.example.COM/") << QByteArray("a=1");
    }

    void rules()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, setCookie);
        QFETCH(QByteArray, to);
        QFETCH(QByteArray, expected);
        CookieJar jar;
        QVERIFY(PublicSuffixList::system()); // Debian's publicsuffix package
        jar.setPublicSuffixList(PublicSuffixList::system());
        QCOMPARE(roundTrip(jar, from.constData(), setCookie, to.constData()), expected);
    }

    void rejectionsSayWhy()
    {
        CookieJar jar;
        jar.setPublicSuffixList(PublicSuffixList::system());
        const QList<CookieRejection> rejected = jar.storeFromResponse(
            url("http://shop.example.co.uk/"),
            {"a=1; Domain=co.uk", "b=2; Secure", "c=3; Domain=other.example", "ok=1"}, kNow);
        QCOMPARE(rejected.size(), 3);
        QVERIFY(rejected.at(0).reason.contains(QLatin1String("public suffix")));
        QVERIFY(rejected.at(1).reason.contains(QLatin1String("plain http")));
        QVERIFY(rejected.at(2).reason.contains(QLatin1String("does not cover")));
        QCOMPARE(jar.cookies().size(), 1);
    }

    void orderLongerPathFirstThenOlder()
    {
        CookieJar jar;
        const QUrl site = url("http://h.test/a/b/c");
        jar.storeFromResponse(site, {"first=1; Path=/"}, kNow);
        jar.storeFromResponse(site, {"deep=1; Path=/a/b"}, kNow.addSecs(1));
        jar.storeFromResponse(site, {"second=1; Path=/"}, kNow.addSecs(2));
        QCOMPARE(jar.cookieHeaderFor(site, kNow.addSecs(3)),
                 QByteArray("deep=1; first=1; second=1"));
    }

    void replaceKeepsCreationAndExpiredDeletes()
    {
        CookieJar jar;
        QSignalSpy changed(&jar, &CookieJar::changed);
        const QUrl site = url("http://h.test/");
        jar.storeFromResponse(site, {"sid=old"}, kNow);
        jar.storeFromResponse(site, {"sid=new"}, kNow.addSecs(10));
        QCOMPARE(jar.cookies().size(), 1);
        QCOMPARE(jar.cookies().first().value, QStringLiteral("new"));
        QCOMPARE(jar.cookies().first().created, kNow);
        jar.storeFromResponse(site, {"sid=gone; Max-Age=0"}, kNow.addSecs(20));
        QVERIFY(jar.isEmpty());
        QCOMPARE(changed.count(), 3);
        // Nothing changes, nothing is signalled.
        jar.storeFromResponse(site, {"x=1; Domain=other.test"}, kNow);
        QCOMPARE(changed.count(), 3);
    }

    void expiryIsAppliedAtRetrieval()
    {
        CookieJar jar;
        const QUrl site = url("http://h.test/");
        jar.storeFromResponse(site, {"short=1; Max-Age=5", "long=1; Max-Age=500"}, kNow);
        QCOMPARE(jar.cookieHeaderFor(site, kNow.addSecs(4)), QByteArray("short=1; long=1"));
        QCOMPARE(jar.cookieHeaderFor(site, kNow.addSecs(6)), QByteArray("long=1"));
        QCOMPARE(jar.cookies().size(), 1); // dropped, not just hidden
    }

    void httpMayNotShadowSecureCookie()
    {
        CookieJar jar;
        jar.storeFromResponse(url("https://h.test/"), {"sid=secure; Secure"}, kNow);
        const QList<CookieRejection> rejected
            = jar.storeFromResponse(url("http://h.test/"), {"sid=plain"}, kNow);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(jar.cookieHeaderFor(url("https://h.test/"), kNow), QByteArray("sid=secure"));
    }

    void perDomainLimit()
    {
        CookieJar jar;
        const QUrl site = url("http://h.test/");
        for (int i = 0; i < CookieJar::kMaxCookiesPerDomain + 5; ++i)
            jar.storeFromResponse(site, {QByteArray("c") + QByteArray::number(i) + "=1"},
                                  kNow.addSecs(i));
        QCOMPARE(jar.cookies().size(), CookieJar::kMaxCookiesPerDomain);
        QCOMPARE(jar.cookies().first().name, QStringLiteral("c5")); // the oldest went first
    }

    void managerEdits()
    {
        CookieJar jar;
        jar.storeFromResponse(url("http://a.example.com/"), {"a=1; Domain=example.com"}, kNow);
        jar.storeFromResponse(url("http://b.example.com/"), {"b=1"}, kNow);
        jar.storeFromResponse(url("http://other.test/"), {"c=1"}, kNow);
        Cookie edited = jar.cookies().first();
        edited.value = QStringLiteral("2");
        jar.insert(edited);
        QCOMPARE(jar.cookies().first().value, QStringLiteral("2"));
        QCOMPARE(jar.cookies().size(), 3);
        QCOMPARE(jar.removeDomain(QStringLiteral("example.com")), 2);
        QCOMPARE(jar.cookies().size(), 1);
        QVERIFY(jar.remove(jar.cookies().first()));
        QVERIFY(jar.isEmpty());
    }

    void customSuffixList()
    {
        const PublicSuffixList list = PublicSuffixList::fromText(
            "// comment\nck\n*.ck\n!www.ck\n\xe6\x97\xa5\xe6\x9c\xac\n co.test trailing words\n");
        QVERIFY(list.isPublicSuffix(QStringLiteral("ck")));
        QVERIFY(list.isPublicSuffix(QStringLiteral("anything.ck")));
        QVERIFY(!list.isPublicSuffix(QStringLiteral("www.ck")));
        QVERIFY(!list.isPublicSuffix(QStringLiteral("a.anything.ck")));
        QVERIFY(list.isPublicSuffix(QStringLiteral("日本")));
        QVERIFY(list.isPublicSuffix(QStringLiteral("xn--wgv71a"))); // the same, in punycode
        QVERIFY(list.isPublicSuffix(QStringLiteral("test"))); // a single label: the "*" rule
        QVERIFY(!list.isPublicSuffix(QStringLiteral("example.test")));

        CookieJar jar;
        jar.setPublicSuffixList(std::make_shared<const PublicSuffixList>(list));
        QCOMPARE(roundTrip(jar, "http://a.b.ck/", "x=1; Domain=b.ck", "http://c.b.ck/"),
                 QByteArray());
        QCOMPARE(roundTrip(jar, "http://a.www.ck/", "y=1; Domain=www.ck", "http://b.www.ck/"),
                 QByteArray("y=1"));
    }

    void systemListIsDebians()
    {
        const std::shared_ptr<const PublicSuffixList> list = PublicSuffixList::system();
        QVERIFY2(list, "install Debian's publicsuffix package (scripts/test does)");
        QVERIFY(list->ruleCount() > 5000);
        QVERIFY(list->isPublicSuffix(QStringLiteral("co.uk")));
        QVERIFY(list->isPublicSuffix(QStringLiteral("github.io")));
        QVERIFY(!list->isPublicSuffix(QStringLiteral("example.com")));
        QVERIFY(!list->isPublicSuffix(QStringLiteral("city.kawasaki.jp"))); // an exception
        QVERIFY(list->isPublicSuffix(QStringLiteral("anything.kawasaki.jp")));
    }
};

QTEST_GUILESS_MAIN(TestCookieJar)
#include "tst_cookiejar.moc"
