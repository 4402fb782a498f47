#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "core/http/transferhop.h"
#include "tests/support/scriptedserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace Patchbay::Core;
using namespace Patchbay::Test;
using namespace std::chrono_literals;

namespace {

Request requestTo(const QUrl &url)
{
    Request request;
    request.url = url.toString();
    return request;
}

// The peak resident memory of this process so far (VmHWM), in bytes.
qint64 peakMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

// Headers of `count` lines ("X-Hnnnnn: value\r\n", 13 bytes and more) whose bytes, counted as a
// head is counted (name + ": " + value + CRLF), add up to `bytes` when that is larger. The
// padding is spread over the lines: libcurl refuses a single line over 100 KiB by itself.
QByteArray headerLines(int count, qint64 bytes)
{
    const qint64 pad = std::max<qint64>(0, bytes - 13LL * count);
    QByteArray lines;
    for (int i = 0; i < count; ++i) {
        const qint64 mine = pad / count + (i < pad % count ? 1 : 0);
        lines += "X-H" + QByteArray::number(i).rightJustified(5, '0') + ": " + QByteArray(mine, 'p')
            + "v\r\n";
    }
    return lines;
}

// tests/support/hostile_server.py in a process of its own: it serves bodies faster than the
// event loop of this process could, which an in-process server cannot.
class HostileServer
{
public:
    bool start(const QStringList &args)
    {
        m_portFile = m_dir.filePath(QStringLiteral("port"));
        m_process.start(QStringLiteral("/usr/bin/python3"),
                        QStringList {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                         + QStringLiteral("/tests/support/hostile_server.py"),
                                     m_portFile}
                            + args);
        return QTest::qWaitFor(
            [this] {
                QFile f(m_portFile);
                return f.open(QIODevice::ReadOnly) && !f.readAll().trimmed().isEmpty();
            },
            60000);
    }
    QUrl url() const
    {
        QFile f(m_portFile);
        f.open(QIODevice::ReadOnly);
        return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(QString::fromLatin1(f.readAll())));
    }
    ~HostileServer()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

private:
    QTemporaryDir m_dir;
    QString m_portFile;
    QProcess m_process;
};

} // namespace

// What a broken or hostile server can do, on both transports (tst_hostileserver on Qt's,
// tst_hostileserver_curl on libcurl's): every case ends with a clear error, in bounded time and
// memory.
class TestHostileServer final : public QObject
{
    Q_OBJECT

private:
#ifdef PATCHBAY_TEST_CURL
    static constexpr bool kCurl = true;
#else
    static constexpr bool kCurl = false;
#endif
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<CurlTransport> m_curl;
    std::unique_ptr<HttpClient> m_client;
    std::unique_ptr<ScriptedServer> m_server;

    std::optional<Response> run(const Request &request, const QStringList &secrets = {},
                                int timeoutMs = 60000)
    {
        std::unique_ptr<HttpCall> call = m_client->send(request, secrets);
        QSignalSpy spy(call.get(), &HttpCall::finished);
        if (!spy.wait(timeoutMs))
            return std::nullopt;
        return call->response();
    }

    std::optional<Response> raw(const QByteArray &response)
    {
        m_server->enqueue(response);
        return run(requestTo(m_server->url()));
    }

private slots:
    void init()
    {
        if (kCurl) {
            m_curl = std::make_unique<CurlTransport>();
            m_client = std::make_unique<HttpClient>(m_curl.get());
        } else {
            m_network = std::make_unique<QNetworkAccessManager>();
            m_client = std::make_unique<HttpClient>(m_network.get());
        }
        m_server = std::make_unique<ScriptedServer>();
        QVERIFY(m_server->isListening());
    }

    void cleanup()
    {
        m_client.reset();
        m_network.reset();
        m_curl.reset();
        m_server.reset();
    }

    // Qt accepted "HTTP/1.1 -200" and printed it.
    void negativeStatus()
    {
        const auto r = raw("HTTP/1.1 -200 OK\r\nContent-Length: 2\r\n\r\nhi");
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Protocol);
        QVERIFY2(r->errorMessage.contains(QLatin1String("status")), qPrintable(r->errorMessage));
    }

    void nulInAHeader()
    {
        const auto r
            = raw(QByteArray("HTTP/1.1 200 OK\r\nX-A: a\0b\r\nContent-Length: 2\r\n\r\nhi", 48));
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Protocol);
        QVERIFY2(r->errorMessage.contains(QLatin1String("NUL")), qPrintable(r->errorMessage));
    }

    // kMaxResponseHeaders headers are read; one more is refused (a million took 12 s before).
    void headerCountAtAndPastTheLimit()
    {
        const QByteArray ok = "HTTP/1.1 200 OK\r\n" + headerLines(kMaxResponseHeaders - 1, 0)
            + "Content-Length: 2\r\n\r\nhi";
        auto r = raw(ok);
        QVERIFY(r);
        QVERIFY2(!r->isError(), qPrintable(r->errorMessage));
        QCOMPARE(r->headers.size(), kMaxResponseHeaders);

        r = raw("HTTP/1.1 200 OK\r\n" + headerLines(kMaxResponseHeaders, 0)
                + "Content-Length: 2\r\n\r\nhi");
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Protocol);
        QVERIFY2(r->errorMessage.contains(QString::number(kMaxResponseHeaders)),
                 qPrintable(r->errorMessage));
    }

    void headBytesAtAndPastTheLimit()
    {
        const QByteArray tail = "Content-Length: 2\r\n"; // 19 bytes, counted too
        auto r = raw("HTTP/1.1 200 OK\r\n" + headerLines(10, kMaxResponseHeadBytes - tail.size())
                     + tail + "\r\nhi");
        QVERIFY(r);
        QVERIFY2(!r->isError(), qPrintable(r->errorMessage));
        QCOMPARE(r->body.readAll(), QByteArray("hi"));

        r = raw("HTTP/1.1 200 OK\r\n" + headerLines(10, kMaxResponseHeadBytes - tail.size() + 1)
                + tail + "\r\nhi");
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Protocol);
        QVERIFY2(r->errorMessage.contains(QLatin1String("bytes")), qPrintable(r->errorMessage));
    }

    // A header line that never ends: a Protocol error (libcurl) or, on Qt, which offers no
    // hook while it reads a head, a timeout whose message does not claim that nothing moved.
    void endlessHeaderLine()
    {
        m_server->enqueue([](const ReceivedRequest &, Connection &c) {
            c.write("HTTP/1.1 200 OK\r\nX-Endless: ");
            c.writeSlowly(QByteArray(8 * 1024 * 1024, 'a'), 64 * 1024, 5ms);
        });
        Request request = requestTo(m_server->url());
        request.settings.timeoutMs = 1500;
        request.settings.maxTimeMs = 5000;
        QElapsedTimer timer;
        timer.start();
        const auto r = run(request);
        QVERIFY(r);
        QVERIFY(timer.elapsed() < 20000);
        if (kCurl) {
            QCOMPARE(r->errorKind, ErrorKind::Protocol);
            QVERIFY2(r->errorMessage.contains(QLatin1String("without end")),
                     qPrintable(r->errorMessage));
        } else {
            QCOMPARE(r->errorKind, ErrorKind::Timeout);
            QVERIFY2(!r->errorMessage.contains(QLatin1String("No data moved")),
                     qPrintable(r->errorMessage));
            QVERIFY2(r->errorMessage.contains(QLatin1String("without end"))
                         || r->errorMessage.contains(QLatin1String("maximum time")),
                     qPrintable(r->errorMessage));
        }
    }

    // "--timeout" is an idle timeout: a body trickling one byte at a time ran forever.
    void maxTimeEndsATrickle()
    {
        m_server->enqueue([](const ReceivedRequest &, Connection &c) {
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            c.writeSlowly(QByteArray(100000, 'x'), 1, 50ms);
        });
        Request request = requestTo(m_server->url());
        request.settings.maxTimeMs = 700;
        QElapsedTimer timer;
        timer.start();
        const auto r = run(request);
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Timeout);
        QVERIFY2(r->errorMessage.contains(QLatin1String("maximum time of 700 ms")),
                 qPrintable(r->errorMessage));
        QVERIFY2(r->errorMessage.contains(QLatin1String("body was arriving")),
                 qPrintable(r->errorMessage));
        QVERIFY2(timer.elapsed() >= 650 && timer.elapsed() < 10000,
                 qPrintable(QString::number(timer.elapsed())));
    }

    // The deadline counts the whole exchange, redirects included.
    void maxTimeSpansRedirects()
    {
        m_server->setHandler([](const ReceivedRequest &request, Connection &c) {
            QTimer::singleShot(300ms, &c, [&c, path = request.path()] {
                if (path == "/end")
                    c.respond(200, "done");
                else
                    c.redirect(302, path + "x");
            });
        });
        Request request = requestTo(m_server->url(QStringLiteral("/a")));
        request.settings.maxRedirects = 50;
        request.settings.maxTimeMs = 1000;
        const auto r = run(request);
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Timeout);
        QVERIFY(r->redirects.size() >= 1 && r->redirects.size() <= 4);
    }

    void bodySizeAtAndPastTheLimit()
    {
        const QByteArray body(64 * 1024, 'b');
        m_server->setHandler([body](const ReceivedRequest &request, Connection &c) {
            if (request.path() == "/chunked")
                c.respondChunked(200, {body.left(40000), body.mid(40000)});
            else
                c.respond(200, body);
        });
        Request request = requestTo(m_server->url(QStringLiteral("/length")));
        request.settings.maxBodyBytes = body.size();
        auto r = run(request);
        QVERIFY(r);
        QVERIFY2(!r->isError(), qPrintable(r->errorMessage));
        QCOMPARE(r->body.size(), body.size());

        request.settings.maxBodyBytes = body.size() - 1;
        r = run(request);
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Other);
        QVERIFY2(r->errorMessage.contains(QLatin1String("announced")), qPrintable(r->errorMessage));

        request.url = m_server->url(QStringLiteral("/chunked")).toString();
        r = run(request);
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::Other);
        QVERIFY2(r->errorMessage.contains(QLatin1String("grew past")), qPrintable(r->errorMessage));
        request.settings.maxBodyBytes = body.size();
        r = run(request);
        QVERIFY(r);
        QVERIFY2(!r->isError(), qPrintable(r->errorMessage));
    }

    void brokenChunks_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<bool>("badSize"); // a chunk size no parser can read
        const QByteArray head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        QTest::newRow("not hex") << head + "zzzz\r\nhello\r\n0\r\n\r\n" << true;
        QTest::newRow("negative") << head + "-1\r\nhello\r\n0\r\n\r\n" << true;
        QTest::newRow("2^64") << head + "10000000000000000\r\nhello\r\n0\r\n\r\n" << true;
        QTest::newRow("short chunk, then the connection closes") << head + "10\r\nhello" << false;
    }

    // libcurl reports every broken chunk. Qt 6.4 reads a chunk size it cannot parse as the
    // last chunk (toLong fails and gives 0) and ends the body there, with no signal to tell it
    // from a whole body; a connection closed inside a chunk it reports only sometimes (it
    // depends on whether the close arrives with the last bytes). See docs/RELIABILITY.md
    // ("Limits"). On Qt these are expected failures, so a Qt that reports them shows as XPASS.
    void brokenChunks()
    {
        QFETCH(QByteArray, response);
        QFETCH(bool, badSize);
        m_server->enqueue([response](const ReceivedRequest &, Connection &c) {
            c.write(response);
            c.close();
        });
        const auto r = run(requestTo(m_server->url()));
        QVERIFY(r);
        if (!kCurl && (badSize || !r->isError()))
            QEXPECT_FAIL("", "Qt 6.4 gives no signal for broken chunk framing", Continue);
        QVERIFY2(r->isError(), qPrintable(QString::fromLatin1(r->body.readAll())));
        if (kCurl && badSize) {
            QCOMPARE(r->errorKind, ErrorKind::Protocol);
            QVERIFY2(r->errorMessage.contains(QLatin1String("chunked")),
                     qPrintable(r->errorMessage));
        }
    }

    // After a redirect to another origin, X-Api-Key and headers holding a secret variable's
    // value were still sent (18 of 18 runs); Authorization and Cookie were dropped.
    void crossOriginRedirectDropsCredentials()
    {
        ScriptedServer other;
        QVERIFY(other.isListening());
        other.setHandler([](const ReceivedRequest &, Connection &c) { c.respond(200, "there"); });
        m_server->setHandler([&other](const ReceivedRequest &, Connection &c) {
            c.redirect(307, other.url(QStringLiteral("/landing")).toEncoded());
        });
        Request request = requestTo(m_server->url(QStringLiteral("/start")));
        request.headers = {{QStringLiteral("X-Api-Key"), QStringLiteral("k-123"), true},
                           {QStringLiteral("Ocp-Apim-Subscription-Key"), QStringLiteral("s"), true},
                           {QStringLiteral("X-Tenant"), QStringLiteral("t-secret-1"), true},
                           {QStringLiteral("X-Plain"), QStringLiteral("plain"), true}};
        auto r = run(request, {QStringLiteral("secret-1")});
        QVERIFY(r);
        QVERIFY2(!r->isError(), qPrintable(r->errorMessage));
        ReceivedRequest landed = other.requests().constLast();
        QVERIFY(!landed.hasHeader("X-Api-Key"));
        QVERIFY(!landed.hasHeader("Ocp-Apim-Subscription-Key"));
        QVERIFY(!landed.hasHeader("X-Tenant")); // its value holds a secret variable's
        QCOMPARE(landed.header("X-Plain"), QByteArray("plain"));
        QCOMPARE(r->redirects.constFirst().droppedHeaders,
                 (QList<QByteArray> {"X-Api-Key", "Ocp-Apim-Subscription-Key", "X-Tenant"}));

        // The request may keep named headers on purpose.
        request.settings.keepHeadersOnRedirect = {QStringLiteral("x-api-key")};
        r = run(request, {QStringLiteral("secret-1")});
        QVERIFY(r);
        landed = other.requests().constLast();
        QCOMPARE(landed.header("X-Api-Key"), QByteArray("k-123"));
        QVERIFY(!landed.hasHeader("X-Tenant"));
    }

    // Qt buffered everything its HTTP thread read ahead of a busy event loop: a 5 GiB body
    // took 4.6-5.7 GB. A slow consumer (a window busy painting) must not change that.
    void memoryStaysBoundedForAFastBody()
    {
        HostileServer server;
        QVERIFY(server.start({QStringLiteral("big"), QString::number(192 * 1024 * 1024)}));
        const qint64 before = peakMemory();
        QVERIFY(before > 0);
        std::unique_ptr<HttpCall> call = m_client->send(requestTo(server.url()));
        QObject::connect(call.get(), &HttpCall::downloadProgress, call.get(),
                         [] { QThread::msleep(2); }); // the slow consumer under test
        QSignalSpy spy(call.get(), &HttpCall::finished);
        QVERIFY(spy.wait(180000));
        QVERIFY2(!call->response().isError(), qPrintable(call->response().errorMessage));
        QCOMPARE(call->response().body.size(), 192 * 1024 * 1024);
        const qint64 growth = peakMemory() - before;
        QVERIFY2(growth < 64 * 1024 * 1024, qPrintable(QString::number(growth)));
    }

    // libcurl decoded about 2 GB of a gzip bomb into memory before the ratio guard, which ran
    // only after a whole socket action, fired.
    void gzipBombIsStoppedWhileDecoding()
    {
        HostileServer server;
        QVERIFY(server.start({QStringLiteral("gzipbomb"), QString::number(1024 * 1024 * 1024)}));
        Request request = requestTo(server.url());
        request.settings.maxDecompressedBytes = 16 * 1024 * 1024;
        const qint64 before = peakMemory();
        const auto r = run(request);
        QVERIFY(r);
        QCOMPARE(r->errorKind, ErrorKind::DecompressionFailed);
        const qint64 growth = peakMemory() - before;
        QVERIFY2(growth < 96 * 1024 * 1024, qPrintable(QString::number(growth)));
    }
};

QTEST_GUILESS_MAIN(TestHostileServer)
#include "tst_hostileserver.moc"
