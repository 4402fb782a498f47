#include "core/cookies/cookiejar.h"
#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "core/network/networkcontext.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/networkservers.h"
#include "tests/integration/sendhelper.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/tlsidentity.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

// Host names that only the SOCKS proxy resolves (to 127.0.0.1): the cookie rules about domains
// need real names, and this machine's resolver must not be touched.
const QStringList kNames {QStringLiteral("example.test"),     QStringLiteral("api.example.test"),
                          QStringLiteral("www.example.test"), QStringLiteral("badexample.test"),
                          QStringLiteral("other.test"),       QStringLiteral("shop.example.co.uk"),
                          QStringLiteral("other.co.uk"),      QStringLiteral("alice.github.io"),
                          QStringLiteral("bob.github.io")};

QJsonObject cookiesOf(const Response &response)
{
    return QJsonDocument::fromJson(response.body.readAll())
        .object()
        .value(QLatin1String("cookies"))
        .toObject();
}

} // namespace

// The cookie jar on the wire, on both transports (tst_cookies, tst_cookies_curl): httpbin's
// /cookies/set, /cookies/delete and /cookies, then a scripted server reached by many host names
// through dante (SOCKS5, names resolved by the proxy) for Domain, Path, Secure over http,
// expiry and public suffixes.
class TestCookies final : public QObject
{
    Q_OBJECT

private:
    Response get(const QString &url, bool cookies = true)
    {
        Request r;
        r.url = url;
        r.settings.cookies = cookies;
        r.settings.verifyTls = false; // the scripted server's throwaway certificate
        return sendAndWait(*m_client, r);
    }

    QString httpbin(const QString &path) const { return m_httpbin->url(path).toString(); }
    QString named(const QString &host, const QString &path, bool https = false) const
    {
        return QStringLiteral("%1://%2:%3%4")
            .arg(https ? QStringLiteral("https") : QStringLiteral("http"), host)
            .arg(https ? m_tlsSite->port() : m_site->port())
            .arg(path);
    }
    // The Cookie header the scripted servers got last.
    QByteArray lastCookieHeader() const { return m_lastCookie; }

    void throughSocks()
    {
        NetworkSettings s;
        s.proxy.mode = ProxyMode::Manual;
        s.proxy.type = ProxyType::Socks5;
        s.proxy.host = QStringLiteral("127.0.0.1");
        s.proxy.port = m_socks->port();
        NetworkProfile profile = NetworkProfile::load(s, QString(), {}, {});
        profile.setAskDesktopForProxy(false);
        m_client->networkContext()->setProfile(std::make_shared<const NetworkProfile>(profile));
    }

    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_httpbin;
    std::optional<ExternalServer> m_socks;
    std::unique_ptr<ScriptedServer> m_site;
    std::unique_ptr<ScriptedServer> m_tlsSite;
    QByteArray m_lastCookie;
#ifdef PATCHBAY_TEST_CURL
    std::unique_ptr<CurlTransport> m_transport;
#else
    std::unique_ptr<QNetworkAccessManager> m_transport;
#endif
    std::unique_ptr<HttpClient> m_client;
    CookieJar m_jar;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_httpbin.emplace(ExternalServer::httpbin());
        m_socks.emplace(danted(m_dir.path(), false, kNames));
        for (ExternalServer *s : {&*m_httpbin, &*m_socks}) {
            const QString error = s->start();
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        // Each scripted response sets what the query's "set" parameters say; every request's
        // Cookie header is kept.
        const auto handler = [this](const ReceivedRequest &request, Connection &c) {
            m_lastCookie = request.header("Cookie");
            RawHeaderList headers;
            const QList<QByteArray> pairs = request.query().split('&');
            for (const QByteArray &pair : pairs) {
                if (pair.startsWith("set="))
                    headers.append({"Set-Cookie", QByteArray::fromPercentEncoding(pair.mid(4))});
            }
            c.respond(200, m_lastCookie, headers);
        };
        m_site = std::make_unique<ScriptedServer>();
        m_site->setHandler(handler);
        const Result<TlsIdentity> identity = generateSelfSignedIdentity();
        QVERIFY(identity.ok());
        m_tlsSite = std::make_unique<ScriptedServer>(identity.value());
        m_tlsSite->setHandler(handler);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_transport.reset();
        m_httpbin.reset();
        m_socks.reset();
    }

    void init()
    {
#ifdef PATCHBAY_TEST_CURL
        m_transport = std::make_unique<CurlTransport>();
#else
        m_transport = std::make_unique<QNetworkAccessManager>();
#endif
        m_client = std::make_unique<HttpClient>(m_transport.get());
        m_jar.clear();
        m_client->setCookieJar(&m_jar);
        m_lastCookie.clear();
    }

    void cleanup()
    {
        m_client.reset();
        m_transport.reset();
    }

    // /cookies/set answers with Set-Cookie and a redirect to /cookies, which echoes what it got:
    // the redirect's hop already sends what the first hop stored.
    void httpbinSetEchoAndDelete()
    {
        const Response set = get(httpbin(QStringLiteral("/cookies/set?flavour=oat&size=large")));
        QVERIFY2(!set.isError(), qPrintable(set.errorMessage));
        QCOMPARE(set.redirects.size(), 1);
        QCOMPARE(cookiesOf(set).value(QLatin1String("flavour")).toString(), QStringLiteral("oat"));
        QCOMPARE(m_jar.cookies().size(), 2);
        QVERIFY(m_jar.cookies().first().hostOnly);
        QCOMPARE(m_jar.cookies().first().path, QStringLiteral("/"));

        const Response deleted = get(httpbin(QStringLiteral("/cookies/delete?flavour")));
        QVERIFY2(!deleted.isError(), qPrintable(deleted.errorMessage));
        const QJsonObject left = cookiesOf(deleted);
        QVERIFY(!left.contains(QLatin1String("flavour")));
        QCOMPARE(left.value(QLatin1String("size")).toString(), QStringLiteral("large"));
        QCOMPARE(m_jar.cookies().size(), 1);

        const Response echoed = get(httpbin(QStringLiteral("/cookies")));
        QCOMPARE(cookiesOf(echoed).keys(), QStringList {QStringLiteral("size")});
    }

    // "Don't send or store cookies" for one request.
    void requestWithoutCookies()
    {
        get(httpbin(QStringLiteral("/cookies/set?kept=1")));
        QCOMPARE(m_jar.cookies().size(), 1);
        const Response unsent = get(httpbin(QStringLiteral("/cookies")), false);
        QVERIFY(cookiesOf(unsent).isEmpty());
        get(httpbin(QStringLiteral("/cookies/set?ignored=1")), false);
        QCOMPARE(m_jar.cookies().size(), 1);
        QCOMPARE(cookiesOf(get(httpbin(QStringLiteral("/cookies")))).keys(),
                 QStringList {QStringLiteral("kept")});
    }

    // Domain through real names: host-only by default, the domain and its subdomains with
    // Domain=, never a sibling or an unrelated site.
    void domainRules_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("setCookie");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("sent");
        QTest::newRow("host-only: same host") << "api.example.test"
                                              << "a=1"
                                              << "api.example.test" << true;
        QTest::newRow("host-only: not to a sibling") << "api.example.test"
                                                     << "a=1"
                                                     << "www.example.test" << false;
        QTest::newRow("host-only: not to the parent") << "api.example.test"
                                                      << "a=1"
                                                      << "example.test" << false;
        QTest::newRow("Domain: to the parent and siblings") << "api.example.test"
                                                            << "a=1; Domain=example.test"
                                                            << "www.example.test" << true;
        QTest::newRow("Domain: leading dot") << "api.example.test"
                                             << "a=1; Domain=.example.test"
                                             << "example.test" << true;
        QTest::newRow("Domain: not a suffix at a dot") << "api.example.test"
                                                       << "a=1; Domain=example.test"
                                                       << "badexample.test" << false;
        QTest::newRow("Domain of another site refused") << "api.example.test"
                                                        << "a=1; Domain=other.test"
                                                        << "other.test" << false;
        QTest::newRow("public suffix refused") << "shop.example.co.uk"
                                               << "a=1; Domain=co.uk"
                                               << "other.co.uk" << false;
        QTest::newRow("private public suffix refused") << "alice.github.io"
                                                       << "a=1; Domain=github.io"
                                                       << "bob.github.io" << false;
    }

    void domainRules()
    {
        QFETCH(QString, from);
        QFETCH(QString, setCookie);
        QFETCH(QString, to);
        QFETCH(bool, sent);
        throughSocks();
        const Response set = get(named(
            from,
            QStringLiteral("/?set=") + QString::fromLatin1(QUrl::toPercentEncoding(setCookie))));
        QVERIFY2(!set.isError(), qPrintable(set.errorMessage));
        const Response next = get(named(to, QStringLiteral("/")));
        QVERIFY2(!next.isError(), qPrintable(next.errorMessage));
        QCOMPARE(lastCookieHeader(), sent ? QByteArray("a=1") : QByteArray());
    }

    void pathRules()
    {
        throughSocks();
        get(named(QStringLiteral("api.example.test"),
                  QStringLiteral("/v1/login?set=dflt%3D1&set=api%3D1%3B%20Path%3D%2Fv1%2Fusers")));
        QCOMPARE(m_jar.cookies().size(), 2);
        get(named(QStringLiteral("api.example.test"), QStringLiteral("/v1/users/7")));
        QCOMPARE(lastCookieHeader(), QByteArray("api=1; dflt=1")); // longer path first
        get(named(QStringLiteral("api.example.test"), QStringLiteral("/v1/orders")));
        QCOMPARE(lastCookieHeader(), QByteArray("dflt=1"));
        get(named(QStringLiteral("api.example.test"), QStringLiteral("/v1users")));
        QCOMPARE(lastCookieHeader(), QByteArray());
        get(named(QStringLiteral("api.example.test"), QStringLiteral("/")));
        QCOMPARE(lastCookieHeader(), QByteArray());
    }

    // A Secure cookie set over http is refused; one set over https goes only over https.
    void secureOverHttp()
    {
        throughSocks();
        get(named(QStringLiteral("api.example.test"),
                  QStringLiteral("/?set=plain%3D1%3B%20Secure")));
        QVERIFY(m_jar.isEmpty());
        const Response tls = get(named(QStringLiteral("api.example.test"),
                                       QStringLiteral("/?set=sid%3D1%3B%20Secure"), true));
        QVERIFY2(!tls.isError(), qPrintable(tls.errorMessage));
        QCOMPARE(m_jar.cookies().size(), 1);
        get(named(QStringLiteral("api.example.test"), QStringLiteral("/")));
        QCOMPARE(lastCookieHeader(), QByteArray());
        get(named(QStringLiteral("api.example.test"), QStringLiteral("/"), true));
        QCOMPARE(lastCookieHeader(), QByteArray("sid=1"));
    }

    // Max-Age=0 and a past Expires delete at once; a short Max-Age runs out.
    void expiry()
    {
        throughSocks();
        const QString host = QStringLiteral("www.example.test");
        get(named(host, QStringLiteral("/?set=a%3D1&set=b%3D1&set=short%3D1%3B%20Max-Age%3D1")));
        get(named(host, QStringLiteral("/")));
        QCOMPARE(lastCookieHeader(), QByteArray("a=1; b=1; short=1"));
        get(named(
            host,
            QStringLiteral("/?set=a%3Dx%3B%20Max-Age%3D0&set=b%3Dx%3B%20Expires%3DThu%2C%2001%20"
                           "Jan%202015%2000%3A00%3A00%20GMT")));
        QCOMPARE(lastCookieHeader(), QByteArray("a=1; b=1; short=1")); // sent, then deleted
        QTRY_VERIFY_WITH_TIMEOUT(
            m_jar.cookieHeaderFor(QUrl(named(host, QStringLiteral("/")))).isEmpty(), 5000);
        get(named(host, QStringLiteral("/")));
        QCOMPARE(lastCookieHeader(), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestCookies)
#include "tst_cookies.moc"
