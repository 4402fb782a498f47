#include "core/cookies/cookiefiles.h"
#include "core/cookies/cookiejar.h"
#include "core/cookies/cookiejarfile.h"
#include "tests/support/scriptedserver.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

Cookie cookie(const QString &name, const QString &value, const QString &domain, bool hostOnly)
{
    Cookie c;
    c.name = name;
    c.value = value;
    c.domain = domain;
    c.hostOnly = hostOnly;
    c.created = QDateTime::currentDateTimeUtc();
    return c;
}

// Runs curl with `arguments` while the event loop serves the scripted server.
bool runCurl(const QStringList &arguments, QByteArray *output = nullptr)
{
    QProcess curl;
    curl.start(QStringLiteral("curl"), arguments);
    if (!curl.waitForStarted(10000))
        return false;
    QSignalSpy finished(&curl, &QProcess::finished);
    if (!finished.wait(20000))
        return false;
    if (output)
        *output = curl.readAllStandardOutput();
    return curl.exitStatus() == QProcess::NormalExit && curl.exitCode() == 0;
}

} // namespace

class TestCookieFiles final : public QObject
{
    Q_OBJECT

private slots:
    void netscapeRoundTrip()
    {
        Cookie a = cookie(QStringLiteral("sid"), QStringLiteral("abc"),
                          QStringLiteral("example.com"), false);
        a.path = QStringLiteral("/api");
        a.secure = true;
        a.httpOnly = true;
        a.expires = QDateTime(QDate(2099, 1, 2), QTime(3, 4, 5), Qt::UTC);
        const Cookie b = cookie(QStringLiteral("theme"), QString(), QStringLiteral("h.test"), true);
        const QByteArray text = cookiesToNetscape({a, b});
        QVERIFY(text.contains("#HttpOnly_.example.com\tTRUE\t/api\tTRUE\t4071006245\tsid\tabc\n"));
        QVERIFY(text.contains("\nh.test\tFALSE\t/\tFALSE\t0\ttheme\t\n"));

        QStringList skipped;
        const Result<CookieList> read = cookiesFromNetscape(text, &skipped);
        QVERIFY(read.ok());
        QVERIFY(skipped.isEmpty());
        QCOMPARE(read->size(), 2);
        const Cookie &ra = read->at(0);
        QCOMPARE(ra.name, a.name);
        QCOMPARE(ra.value, a.value);
        QCOMPARE(ra.domain, a.domain);
        QCOMPARE(ra.hostOnly, false);
        QCOMPARE(ra.path, a.path);
        QCOMPARE(ra.secure, true);
        QCOMPARE(ra.httpOnly, true);
        QCOMPARE(ra.expires, a.expires);
        QVERIFY(read->at(1).hostOnly);
        QVERIFY(read->at(1).isSession());
    }

    void netscapeSkipsBadAndExpiredLines()
    {
        QStringList skipped;
        const Result<CookieList> read
            = cookiesFromNetscape("# Netscape HTTP Cookie File\n"
                                  "h.test\tFALSE\t/\tFALSE\t0\tok\t1\n"
                                  "h.test\tFALSE\t/\n"
                                  "h.test\tFALSE\t/\tFALSE\tsoon\tbad\t1\n"
                                  "h.test\tFALSE\t/\tFALSE\t1000\told\t1\r\n",
                                  &skipped);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 1);
        QCOMPARE(skipped.size(), 3);
        QVERIFY(skipped.at(0).startsWith(QLatin1String("line 3")));
        QVERIFY(skipped.at(2).contains(QLatin1String("expired")));
        QVERIFY(!cookiesFromNetscape("this is not a cookie file").ok());
    }

    void jsonKeepsEverything()
    {
        Cookie a
            = cookie(QStringLiteral("sid"), QStringLiteral("é=1"), QStringLiteral("h.test"), true);
        a.sameSite = SameSite::Strict;
        a.expires = QDateTime(QDate(2099, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        const Result<CookieList> read = cookiesFromJson(cookiesToJson({a}));
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 1);
        QCOMPARE(read->first().sameSite, SameSite::Strict);
        QCOMPARE(read->first().created.toMSecsSinceEpoch(), a.created.toMSecsSinceEpoch());
        QCOMPARE(read->first().value, a.value);
        QCOMPARE(read->first().expires, a.expires);
    }

    void cookieStrings()
    {
        QVERIFY(looksLikeCookieString(QStringLiteral("a=1")));
        QVERIFY(!looksLikeCookieString(QStringLiteral("cookies.txt")));
        const CookieList list
            = cookiesFromString(QStringLiteral("a=1; b = two ;junk"), QStringLiteral("h.test"));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).value, QStringLiteral("two"));
        QCOMPARE(list.at(1).domain, QStringLiteral("h.test"));
    }

    void writeIsPrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jar.txt"));
        QVERIFY(writeCookieFile(path,
                                {cookie(QStringLiteral("a"), QStringLiteral("1"),
                                        QStringLiteral("h.test"), true)})
                    .ok());
        QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
        const Result<CookieList> back = readCookieFile(path);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), 1);
    }

    // curl is the oracle for the format: a jar it writes with -c reads back, and a file we write
    // is what it sends with -b.
    void curlWritesWhatWeRead()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) {
            c.respond(200, "ok",
                      {{"Set-Cookie", "plain=1"},
                       {"Set-Cookie", "wide=2; Domain=127.0.0.1; Path=/api; HttpOnly"},
                       {"Set-Cookie", "later=3; Max-Age=3600"}});
        });
        QTemporaryDir dir;
        const QString jar = dir.filePath(QStringLiteral("curl-jar.txt"));
        QVERIFY(runCurl({QStringLiteral("-s"), QStringLiteral("-c"), jar,
                         server.url(QStringLiteral("/api/login")).toString()}));
        QStringList skipped;
        const Result<CookieList> read = readCookieFile(jar);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read->size(), 3);
        QMap<QString, Cookie> byName;
        for (const Cookie &c : read.value())
            byName.insert(c.name, c);
        QVERIFY(byName.value(QStringLiteral("plain")).hostOnly);
        // curl keeps the trailing slash of the default path (RFC 6265 would say "/api").
        QCOMPARE(byName.value(QStringLiteral("plain")).path, QStringLiteral("/api/"));
        QVERIFY(byName.value(QStringLiteral("wide")).httpOnly);
        QCOMPARE(byName.value(QStringLiteral("wide")).path, QStringLiteral("/api"));
        QVERIFY(!byName.value(QStringLiteral("later")).isSession());
        QVERIFY(byName.value(QStringLiteral("later")).expires > QDateTime::currentDateTimeUtc());
    }

    void curlSendsWhatWeWrite()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "ok"); });
        CookieJar jar;
        jar.storeFromResponse(server.url(QStringLiteral("/api/x")),
                              {"one=1; Path=/api", "two=2; Max-Age=600", "gone=3; Path=/other"});
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("ours.txt"));
        QVERIFY(writeCookieFile(file, jar.cookies()).ok());
        QVERIFY(runCurl({QStringLiteral("-s"), QStringLiteral("-b"), file,
                         server.url(QStringLiteral("/api/users")).toString()}));
        QCOMPARE(server.requests().size(), 1);
        QByteArray sent = server.requests().first().header("Cookie");
        QList<QByteArray> names;
        for (const QByteArray &pair : sent.split(';'))
            names.append(pair.trimmed());
        std::sort(names.begin(), names.end());
        QCOMPARE(names, QList<QByteArray>({"one=1", "two=2"}));
    }

    void workspaceJarFilePersists()
    {
        QTemporaryDir workspace;
        const QString path = CookieJarFile::pathForWorkspace(workspace.path());
        {
            CookieJar jar;
            CookieJarFile file(&jar, path);
            QVERIFY(file.load().ok());
            jar.storeFromResponse(QUrl(QStringLiteral("http://h.test/")),
                                  {"session=1", "kept=2; Max-Age=600"});
            QTRY_VERIFY(QFileInfo::exists(path)); // written shortly after the change
        }
        // A cookie that expired since it was written is dropped when the file is read.
        Result<CookieList> written = readCookieFile(path);
        QVERIFY(written.ok());
        QCOMPARE(written->size(), 2);
        Cookie stale = written->first();
        stale.name = QStringLiteral("stale");
        stale.expires = QDateTime::currentDateTimeUtc().addSecs(-5);
        QVERIFY(writeCookieFile(path, written.value() + CookieList {stale}).ok());
        QVERIFY(QFileInfo::exists(workspace.filePath(QStringLiteral(".patchbay/.gitignore"))));
        QCOMPARE(QFileInfo(workspace.filePath(QStringLiteral(".patchbay"))).permissions()
                     & (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());
        CookieJar again;
        CookieJarFile reopened(&again, path);
        QVERIFY(reopened.load().ok());
        QStringList names;
        for (const Cookie &c : again.cookies())
            names.append(c.name);
        QCOMPARE(names, QStringList({QStringLiteral("session"), QStringLiteral("kept")}));
    }
};

QTEST_GUILESS_MAIN(TestCookieFiles)
#include "tst_cookiefiles.moc"
