#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "core/http/reasonphrase.h"
#include "tests/support/gzip.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/tlsidentity.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;
using namespace std::chrono_literals;

namespace {

Request requestTo(const QUrl &url, const QString &method = QStringLiteral("GET"))
{
    Request request;
    request.method = method;
    request.url = url.toString();
    return request;
}

// Answers every request with its own body, echoing the method in a header.
void echo(const ReceivedRequest &request, Connection &connection)
{
    connection.respond(200, request.body, {{"X-Method", request.method}});
}

RawHeaderList locationHeader(const QByteArray &location)
{
    return {{"Location", location}};
}

QByteArray repeatedJson(qsizetype atLeast)
{
    // One record repeated: deflate compresses this about 300:1, like real list endpoints do.
    const QByteArray record
        = R"({"id":1,"name":"item 1","status":"active","tags":["alpha","beta"],"price":7.5},)";
    QByteArray json = "[";
    json.reserve(atLeast + record.size() + 2);
    while (json.size() < atLeast)
        json += record;
    json.chop(1);
    return json + "]";
}

} // namespace

class TestHttpClient final : public QObject
{
    Q_OBJECT

private:
    // Sends and waits for finished(), which must come exactly once.
    std::optional<Response> run(const Request &request, int timeoutMs = 20000)
    {
        std::unique_ptr<HttpCall> call = m_client->send(request);
        return waitForFinished(*call, timeoutMs);
    }

    static std::optional<Response> waitForFinished(HttpCall &call, int timeoutMs = 20000)
    {
        QSignalSpy spy(&call, &HttpCall::finished);
        if (!call.isFinished() && !spy.wait(timeoutMs)) {
            qWarning("finished() was not emitted within %d ms", timeoutMs);
            return std::nullopt;
        }
        QCoreApplication::processEvents(); // a second emission would be queued by now
        if (spy.count() != 1 || !call.isFinished()) {
            qWarning("finished() was emitted %d times", int(spy.count()));
            return std::nullopt;
        }
        return call.response();
    }

    // Built twice: tst_httpclient on Qt's transport, tst_httpclient_curl (PATCHBAY_TEST_CURL) on
    // libcurl's. Every test runs on both; the few known differences are spelled out where
    // they are (see curltransport.h).
#ifdef PATCHBAY_TEST_CURL
    static constexpr bool kCurl = true;
#else
    static constexpr bool kCurl = false;
#endif
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<CurlTransport> m_curl;
    std::unique_ptr<HttpClient> m_client;
    std::optional<TlsIdentity> m_tls;

private slots:
    void initTestCase()
    {
        const Result<TlsIdentity> identity = generateSelfSignedIdentity();
        QVERIFY2(identity.ok(), identity.ok() ? "" : qPrintable(identity.error().message));
        m_tls = identity.value();
    }

    // A fresh transport per test: no connection is reused across tests.
    void init()
    {
        if (kCurl) {
            m_curl = std::make_unique<CurlTransport>();
            m_client = std::make_unique<HttpClient>(m_curl.get());
        } else {
            m_network = std::make_unique<QNetworkAccessManager>();
            m_client = std::make_unique<HttpClient>(m_network.get());
        }
    }

    void cleanup()
    {
        m_client.reset();
        m_network.reset();
        m_curl.reset();
    }

    void anyMethodWithBody_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentLength"); // null: no header
        QTest::newRow("GET") << QStringLiteral("GET") << QByteArray() << QByteArray();
        QTest::newRow("POST") << QStringLiteral("POST") << QByteArray(R"({"a":1})")
                              << QByteArray("7");
        QTest::newRow("PUT") << QStringLiteral("PUT") << QByteArray(R"({"a":2})")
                             << QByteArray("7");
        QTest::newRow("PATCH") << QStringLiteral("PATCH") << QByteArray(R"({"op":"x"})")
                               << QByteArray("10");
        QTest::newRow("DELETE") << QStringLiteral("DELETE") << QByteArray(R"({"id":9})")
                                << QByteArray("8");
        QTest::newRow("POST empty") << QStringLiteral("POST") << QByteArray() << QByteArray("0");
        QTest::newRow("custom PURGE with body")
            << QStringLiteral("PURGE") << QByteArray("[1]") << QByteArray("3");
        QTest::newRow("GET with body")
            << QStringLiteral("GET") << QByteArray(R"({"q":1})") << QByteArray("7");
        QTest::newRow("OPTIONS") << QStringLiteral("OPTIONS") << QByteArray() << QByteArray();
    }

    void anyMethodWithBody()
    {
        QFETCH(QString, method);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentLength);
        ScriptedServer server;
        QVERIFY(server.isListening());
        server.setHandler(echo);

        Request request = requestTo(server.url(QStringLiteral("/items/1?x=1")), method);
        if (!body.isEmpty()) {
            request.body.mode = BodyMode::Json;
            request.body.text = QString::fromUtf8(body);
        }
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(response->body.readAll(), body);
        QCOMPARE(response->finalMethod, method);
        QCOMPARE(response->header("X-Method"), method.toLatin1());

        QCOMPARE(server.requests().size(), 1);
        const ReceivedRequest &received = server.requests().constFirst();
        QCOMPARE(received.method, method.toLatin1());
        QCOMPARE(received.target, QByteArray("/items/1?x=1"));
        QCOMPARE(received.body, body);
        QCOMPARE(received.header("Content-Length"), contentLength);
        QCOMPARE(received.header("Content-Type"),
                 body.isEmpty() ? QByteArray() : QByteArray("application/json"));
        QCOMPARE(received.header("User-Agent"), QByteArray("Patchbay/" PATCHBAY_VERSION));
        QCOMPARE(received.header("Accept"), QByteArray("*/*"));
    }

    void repeatedUserHeadersAreFolded()
    {
        ScriptedServer server;
        server.setHandler(echo);
        Request request = requestTo(server.url());
        request.headers = {{QStringLiteral("X-Trace"), QStringLiteral("1")},
                           {QStringLiteral("Cookie"), QStringLiteral("a=1")},
                           {QStringLiteral("X-Trace"), QStringLiteral("2")},
                           {QStringLiteral("Cookie"), QStringLiteral("b=2")}};
        request.auth.mode = AuthMode::ApiKey;
        request.auth.keyName = QStringLiteral("api_key");
        request.auth.keyValue = QStringLiteral("k&1");
        request.auth.keyLocation = ApiKeyLocation::Query;
        QVERIFY(run(request));
        const ReceivedRequest &received = server.requests().constFirst();
        QCOMPARE(received.header("X-Trace"), QByteArray("1, 2"));
        QCOMPARE(received.header("Cookie"), QByteArray("a=1; b=2"));
        QCOMPARE(received.target, QByteArray("/?api_key=k%261"));
    }

    void headRequest()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            // A HEAD answer announces a body it does not send.
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
        });
        const std::optional<Response> response
            = run(requestTo(server.url(), QStringLiteral("HEAD")));
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(response->body.size(), 0);
        QCOMPARE(server.requests().constFirst().method, QByteArray("HEAD"));
    }

    void httpErrorsAreResponses_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
        QTest::newRow("404") << 404;
        QTest::newRow("418") << 418;
        QTest::newRow("500") << 500;
        QTest::newRow("503") << 503;
    }

    void httpErrorsAreResponses()
    {
        QFETCH(int, status);
        ScriptedServer server;
        server.setHandler([status](const ReceivedRequest &, Connection &connection) {
            connection.respond(status, R"({"error":"nope"})",
                               {{"Content-Type", "application/json"}});
        });
        const std::optional<Response> response = run(requestTo(server.url()));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::None);
        QVERIFY(response->errorMessage.isEmpty());
        QCOMPARE(response->statusCode, status);
        QCOMPARE(response->reason, QString::fromLatin1(httpReasonPhrase(status)));
        QCOMPARE(response->body.readAll(), QByteArray(R"({"error":"nope"})"));
    }

    void responseMetadata()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.write("HTTP/1.1 201 Created Just Now\r\n"
                             "Content-Type: text/plain\r\n"
                             "Set-Cookie: a=1; Path=/\r\n"
                             "X-Trace: abc\r\n"
                             "Set-Cookie: b=2\r\n"
                             "Content-Length: 5\r\n"
                             "\r\nhello");
        });
        const QUrl url = server.url(QStringLiteral("/r?q=1"));
        const std::optional<Response> response = run(requestTo(url, QStringLiteral("POST")));
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 201);
        QCOMPARE(response->reason, QStringLiteral("Created Just Now"));
        QCOMPARE(response->httpVersion, QStringLiteral("1.1"));
        QCOMPARE(response->finalUrl, url);
        QCOMPARE(response->finalMethod, QStringLiteral("POST"));
        QCOMPARE(response->body.readAll(), QByteArray("hello"));
        QCOMPARE(response->wireBodyBytes, 5);
        QCOMPARE(response->header("content-type"), QByteArray("text/plain"));
        QCOMPARE(response->header("X-Trace"), QByteArray("abc"));
        QCOMPARE(response->headerValues("Set-Cookie"), (QList<QByteArray> {"a=1; Path=/", "b=2"}));
        QCOMPARE(response->headers.constFirst().name, QByteArray("Content-Type"));
        QVERIFY(response->redirects.isEmpty());
        QVERIFY(response->timing.startedAt.isValid());
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe; // a port that was free a moment ago and now has no listener
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        const std::optional<Response> response = run(requestTo(url));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::ConnectionRefused);
        QCOMPARE(response->statusCode, 0);
        QCOMPARE(response->errorMessage,
                 QStringLiteral("Connection refused by 127.0.0.1:%1. Is the server running and "
                                "listening on that port?")
                     .arg(port));
        QCOMPARE(response->finalUrl, url);
    }

    void hostNotFound()
    {
        const std::optional<Response> response
            = run(requestTo(QUrl(QStringLiteral("http://nohost.invalid/x"))));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::HostNotFound);
        QVERIFY2(
            response->errorMessage.contains(QStringLiteral("\"nohost.invalid\" was not found")),
            qPrintable(response->errorMessage));
    }

    void timeout()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &) { /* never answers */ });
        Request request = requestTo(server.url());
        request.settings.timeoutMs = 300;
        QElapsedTimer clock;
        clock.start();
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::Timeout);
        // Neither transport reports header bytes as progress, so the message does not claim
        // that nothing moved (a head without end looks the same here).
        QVERIFY2(response->errorMessage.contains(
                     QStringLiteral("sent no complete response head (status line and headers) "
                                    "within 300 ms")),
                 qPrintable(response->errorMessage));
        QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(server.requests().size(), 1);
    }

    void slowButSteadyBodyIsNoTimeout()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
            connection.writeSlowly("0123456789", 1, 60ms); // 600 ms in all, never 300 ms silent
        });
        Request request = requestTo(server.url());
        request.settings.timeoutMs = 300;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->body.readAll(), QByteArray("0123456789"));
        QVERIFY(response->timing.finished > 300);
    }

    void cancel_data()
    {
        QTest::addColumn<QString>("moment");
        QTest::newRow("before connecting") << QStringLiteral("before connecting");
        QTest::newRow("waiting for the response") << QStringLiteral("waiting");
        QTest::newRow("mid-upload") << QStringLiteral("mid-upload");
        QTest::newRow("mid-body") << QStringLiteral("mid-body");
        QTest::newRow("during the second redirect hop") << QStringLiteral("second hop");
    }

    void cancel()
    {
        QFETCH(QString, moment);
        ScriptedServer server;
        ScriptedServer other;
        QPointer<Connection> serving; // the connection the call was using when cancelled
        other.setHandler([&](const ReceivedRequest &, Connection &connection) {
            serving = &connection; // never answers
        });
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            if (moment != QLatin1String("second hop"))
                serving = &connection;
            if (moment == QLatin1String("mid-body")) {
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
                connection.writeSlowly(QByteArray(100000, 'x'), 1000, 50ms);
            } else if (moment == QLatin1String("second hop")) {
                connection.redirect(307, other.url().toEncoded());
            } // else never answers
        });

        Request request = requestTo(server.url(), QStringLiteral("POST"));
        if (moment == QLatin1String("mid-upload")) {
            request.body.mode = BodyMode::Text;
            request.body.text = QString(32 * 1024 * 1024, u'u');
        }
        std::unique_ptr<HttpCall> call = m_client->send(request);
        HttpCall *raw = call.get();
        bool cancelledMidUpload = false;
        if (moment == QLatin1String("before connecting")) {
            call->cancel();
        } else if (moment == QLatin1String("waiting")) {
            connect(&server, &ScriptedServer::requestReceived, raw, [raw] { raw->cancel(); });
        } else if (moment == QLatin1String("mid-upload")) {
            connect(raw, &HttpCall::uploadProgress, raw, [&](qint64 sent, qint64 total) {
                if (sent > 0 && sent < total && !cancelledMidUpload) {
                    cancelledMidUpload = true;
                    raw->cancel();
                }
            });
        } else if (moment == QLatin1String("mid-body")) {
            connect(raw, &HttpCall::downloadProgress, raw, [raw](qint64 received, qint64) {
                if (received > 0)
                    raw->cancel();
            });
        } else {
            connect(&other, &ScriptedServer::requestReceived, raw, [raw] { raw->cancel(); });
        }

        const std::optional<Response> response = waitForFinished(*call);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::Cancelled);
        QCOMPARE(response->errorMessage, QStringLiteral("The request was cancelled."));
        if (moment == QLatin1String("mid-upload")) {
            QVERIFY(cancelledMidUpload);
            QVERIFY(response->bytesSent < 32 * 1024 * 1024);
        }
        if (moment == QLatin1String("mid-body")) {
            QCOMPARE(response->statusCode, 200);
            QVERIFY(response->body.size() > 0 && response->body.size() < 100000);
        }
        if (moment == QLatin1String("second hop")) {
            QCOMPARE(response->redirects.size(), 1);
            QCOMPARE(response->finalUrl, other.url());
        }
        if (moment == QLatin1String("before connecting"))
            QCOMPARE(server.requests().size(), 0);
        // The transfer really stopped: the server sees its connection closed.
        if (serving)
            QTRY_VERIFY(serving.isNull() || !serving->isOpen());

        // Cancelling again, or after the end, changes nothing.
        call->cancel();
        QCoreApplication::processEvents();
        QCOMPARE(call->response(), *response);
    }

    void destroyingTheCallAbortsSilently()
    {
        ScriptedServer server;
        QPointer<Connection> serving;
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            serving = &connection;
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            connection.writeSlowly(QByteArray(100000, 'x'), 1000, 50ms);
        });
        std::unique_ptr<HttpCall> call = m_client->send(requestTo(server.url()));
        QSignalSpy finished(call.get(), &HttpCall::finished);
        QSignalSpy progress(call.get(), &HttpCall::downloadProgress);
        QVERIFY(progress.wait(5000));
        call.reset();
        QTRY_VERIFY(serving.isNull() || !serving->isOpen());
        QCOMPARE(finished.count(), 0);
    }

    void finishedIsAlwaysAsynchronous_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("invalid URL") << QStringLiteral("localhost:1/x") << ErrorKind::InvalidUrl;
        QTest::newRow("empty URL") << QString() << ErrorKind::InvalidUrl;
        QTest::newRow("unsupported scheme")
            << QStringLiteral("ftp://127.0.0.1/") << ErrorKind::InvalidUrl;
    }

    void finishedIsAlwaysAsynchronous()
    {
        QFETCH(QString, url);
        QFETCH(ErrorKind, kind);
        Request request;
        request.url = url;
        std::unique_ptr<HttpCall> call = m_client->send(request);
        QVERIFY(!call->isFinished()); // not yet: a slot connected now still gets finished()
        const std::optional<Response> response = waitForFinished(*call);
        QVERIFY(response);
        QCOMPARE(response->errorKind, kind);
        QVERIFY(!response->errorMessage.isEmpty());
        QCOMPARE(call->request(), request);
    }

    void unreadableBodyFileSendsNothing()
    {
        ScriptedServer server;
        Request request = requestTo(server.url(), QStringLiteral("PUT"));
        request.body.mode = BodyMode::BinaryFile;
        request.body.filePath = QStringLiteral("/nonexistent/patchbay/body.bin");
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::InvalidRequest);
        QVERIFY(response->errorMessage.contains(QStringLiteral("/nonexistent/patchbay/body.bin")));
        QCOMPARE(server.connectionCount(), 0);
    }

    void connectionClosedMidBody()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
            connection.close();
        });
        const std::optional<Response> response = run(requestTo(server.url()));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::ConnectionReset);
        QVERIFY2(
            response->errorMessage.contains(QStringLiteral("before the whole response arrived")),
            qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 200); // what did arrive is kept
        QCOMPARE(response->body.readAll(), QByteArray("0123456789"));
    }

    void connectionClosedBeforeAnswering()
    {
        ScriptedServer server;
        server.setHandler(
            [](const ReceivedRequest &, Connection &connection) { connection.close(); });
        const std::optional<Response> response = run(requestTo(server.url()));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::ConnectionReset);
        QVERIFY2(response->errorMessage.contains(
                     QStringLiteral("without sending a valid HTTP response")),
                 qPrintable(response->errorMessage));
    }

    void responsesThatAreNotHttp_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n");
        QTest::newRow("garbage status line") << QByteArray("HTTP/1.1 OK fine\r\n\r\n");
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    }

    // Qt 6.4 drops a connection whose status line does not parse and reports it closed (after
    // retrying), indistinguishable from a server that hung up: a ConnectionReset whose message
    // names both causes. Protocol is left for failures Qt does name (see tst_response).
    void responsesThatAreNotHttp()
    {
        QFETCH(QByteArray, raw);
        ScriptedServer server;
        server.setHandler(
            [raw](const ReceivedRequest &, Connection &connection) { connection.write(raw); });
        Request request = requestTo(server.url());
        request.settings.timeoutMs = 5000;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        // libcurl tells such a reply from a hang-up and names it.
        const ErrorKind expected = kCurl ? ErrorKind::Protocol : ErrorKind::ConnectionReset;
        QVERIFY2(response->errorKind == expected, qPrintable(response->errorMessage));
        QVERIFY2(response->errorMessage.contains(QStringLiteral("valid HTTP response")),
                 qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 0);
    }

    void corruptGzipBody()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.respond(200, "definitely not gzip", {{"Content-Encoding", "gzip"}});
        });
        const std::optional<Response> response = run(requestTo(server.url()));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::DecompressionFailed);
        QVERIFY2(response->errorMessage.contains(QStringLiteral("Accept-Encoding: identity")),
                 qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 200);
    }

    void redirectMethodAndBody_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("nextMethod");
        QTest::addColumn<bool>("keepsBody");
        QTest::newRow("301 POST -> GET")
            << 301 << QStringLiteral("POST") << QStringLiteral("GET") << false;
        QTest::newRow("302 POST -> GET")
            << 302 << QStringLiteral("POST") << QStringLiteral("GET") << false;
        QTest::newRow("303 PUT -> GET")
            << 303 << QStringLiteral("PUT") << QStringLiteral("GET") << false;
        QTest::newRow("303 POST -> GET")
            << 303 << QStringLiteral("POST") << QStringLiteral("GET") << false;
        QTest::newRow("307 POST kept")
            << 307 << QStringLiteral("POST") << QStringLiteral("POST") << true;
        QTest::newRow("308 PUT kept")
            << 308 << QStringLiteral("PUT") << QStringLiteral("PUT") << true;
        QTest::newRow("302 PATCH kept")
            << 302 << QStringLiteral("PATCH") << QStringLiteral("PATCH") << true;
    }

    void redirectMethodAndBody()
    {
        QFETCH(int, status);
        QFETCH(QString, method);
        QFETCH(QString, nextMethod);
        QFETCH(bool, keepsBody);
        ScriptedServer server;
        server.setHandler([status](const ReceivedRequest &request, Connection &connection) {
            if (request.path() == "/start")
                connection.respond(status, "moved", locationHeader("/target?step=2"));
            else
                echo(request, connection);
        });
        Request request = requestTo(server.url(QStringLiteral("/start")), method);
        request.body.mode = BodyMode::Json;
        request.body.text = QStringLiteral(R"({"payload":true})");
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 200);
        QCOMPARE(response->finalMethod, nextMethod);
        QCOMPARE(response->finalUrl, server.url(QStringLiteral("/target?step=2")));

        QCOMPARE(response->redirects.size(), 1);
        const RedirectHop &hop = response->redirects.constFirst();
        QCOMPARE(hop.statusCode, status);
        QCOMPARE(hop.method, method);
        QCOMPARE(hop.url, server.url(QStringLiteral("/start")));
        QCOMPARE(hop.location, server.url(QStringLiteral("/target?step=2")));
        QCOMPARE(hop.nextMethod, nextMethod);
        QVERIFY(hop.droppedHeaders.isEmpty());
        QCOMPARE(hop.headers.constFirst().name, QByteArray("Location"));

        QCOMPARE(server.requests().size(), 2);
        const ReceivedRequest second = server.requests().at(1); // requests() is a copy
        QCOMPARE(second.method, nextMethod.toLatin1());
        QCOMPARE(second.body, keepsBody ? QByteArray(R"({"payload":true})") : QByteArray());
        QCOMPARE(second.hasHeader("Content-Type"), keepsBody);
        QCOMPARE(second.hasHeader("Content-Length"), keepsBody);
        QCOMPARE(response->body.readAll(), second.body); // the redirect's own body is dropped
    }

    void relativeLocationChain()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &request, Connection &connection) {
            if (request.path() == "/a/b/c")
                connection.redirect(302, "../d?x=1");
            else if (request.path() == "/a/d")
                connection.redirect(301, "e");
            else
                connection.respond(200, request.target);
        });
        const std::optional<Response> response
            = run(requestTo(server.url(QStringLiteral("/a/b/c"))));
        QVERIFY(response);
        QCOMPARE(response->body.readAll(), QByteArray("/a/e"));
        QCOMPARE(response->redirects.size(), 2);
        QCOMPARE(response->redirects.at(0).location, server.url(QStringLiteral("/a/d?x=1")));
        QCOMPARE(response->redirects.at(1).location, server.url(QStringLiteral("/a/e")));
    }

    void tooManyRedirects()
    {
        ScriptedServer server;
        int counter = 0;
        server.setHandler([&counter](const ReceivedRequest &, Connection &connection) {
            connection.redirect(302, "/loop" + QByteArray::number(++counter));
        });
        Request request = requestTo(server.url());
        request.settings.maxRedirects = 3;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::TooManyRedirects);
        QVERIFY2(response->errorMessage.contains(QStringLiteral("following 3 redirects")),
                 qPrintable(response->errorMessage));
        QCOMPARE(response->redirects.size(), 3);
        QCOMPARE(server.requests().size(), 4); // the first request and three followed hops
        QCOMPARE(response->statusCode, 302); // the redirect that was not followed
    }

    void redirectNotFollowedWhenOff()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.respond(302, "see elsewhere", locationHeader("/elsewhere"));
        });
        Request request = requestTo(server.url());
        request.settings.followRedirects = false;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY(!response->isError());
        QCOMPARE(response->statusCode, 302);
        QCOMPARE(response->header("Location"), QByteArray("/elsewhere"));
        QCOMPARE(response->body.readAll(), QByteArray("see elsewhere"));
        QVERIFY(response->redirects.isEmpty());
        QCOMPARE(server.requests().size(), 1);
    }

    void crossOriginRedirectDropsCredentials()
    {
        ScriptedServer first;
        ScriptedServer second; // another port: another origin
        QVERIFY(first.port() != second.port());
        first.setHandler([&second](const ReceivedRequest &, Connection &connection) {
            connection.redirect(307, second.url(QStringLiteral("/landing")).toEncoded());
        });
        second.setHandler(echo);

        Request request = requestTo(first.url(), QStringLiteral("POST"));
        request.body.mode = BodyMode::Text;
        request.body.text = QStringLiteral("body");
        request.auth.mode = AuthMode::Basic;
        request.auth.username = QStringLiteral("alice");
        request.auth.password = QStringLiteral("secret");
        request.headers
            = {{QStringLiteral("Cookie"), QStringLiteral("session=42")},
               {QStringLiteral("Proxy-Authorization"), QStringLiteral("Basic cHJveHk=")},
               {QStringLiteral("X-Keep"), QStringLiteral("yes")}};
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));

        const ReceivedRequest &atFirst = first.requests().constFirst();
        QVERIFY(atFirst.hasHeader("Authorization"));
        QCOMPARE(atFirst.header("Cookie"), QByteArray("session=42"));
        QVERIFY(atFirst.hasHeader("Proxy-Authorization"));

        QCOMPARE(second.requests().size(), 1);
        const ReceivedRequest &atSecond = second.requests().constFirst();
        QVERIFY(!atSecond.hasHeader("Authorization"));
        QVERIFY(!atSecond.hasHeader("Cookie"));
        QVERIFY(!atSecond.hasHeader("Proxy-Authorization"));
        QCOMPARE(atSecond.header("X-Keep"), QByteArray("yes"));
        QCOMPARE(atSecond.body, QByteArray("body")); // 307 keeps the body
        QCOMPARE(response->redirects.constFirst().droppedHeaders,
                 (QList<QByteArray> {"Authorization", "Cookie", "Proxy-Authorization"}));
    }

    void sameOriginRedirectKeepsCredentials()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &request, Connection &connection) {
            if (request.path() == "/start")
                connection.redirect(308, "/next");
            else
                echo(request, connection);
        });
        Request request = requestTo(server.url(QStringLiteral("/start")));
        request.auth.mode = AuthMode::Bearer;
        request.auth.token = QStringLiteral("tok");
        request.headers = {{QStringLiteral("Cookie"), QStringLiteral("session=42")}};
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY(!response->isError());
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(1).header("Authorization"), QByteArray("Bearer tok"));
        QCOMPARE(server.requests().at(1).header("Cookie"), QByteArray("session=42"));
        QVERIFY(response->redirects.constFirst().droppedHeaders.isEmpty());
    }

    void httpsToHttpRedirectRefused()
    {
        ScriptedServer plain;
        ScriptedServer secure(*m_tls);
        secure.setHandler([&plain](const ReceivedRequest &, Connection &connection) {
            connection.redirect(302, plain.url().toEncoded());
        });
        Request request = requestTo(secure.url());
        request.settings.verifyTls = false;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::InsecureRedirect);
        QVERIFY2(response->errorMessage.contains(plain.url().toDisplayString()),
                 qPrintable(response->errorMessage));
        QCOMPARE(response->statusCode, 302);
        QCOMPARE(plain.connectionCount(), 0);
    }

    void selfSignedCertificateRejected()
    {
        ScriptedServer secure(*m_tls);
        secure.setHandler(echo);
        const std::optional<Response> response = run(requestTo(secure.url()));
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::Tls);
        QVERIFY2(response->errorMessage.contains(QStringLiteral("self-signed")),
                 qPrintable(response->errorMessage));
        QVERIFY2(response->errorMessage.contains(QStringLiteral("Verify TLS certificates")),
                 qPrintable(response->errorMessage));
        QCOMPARE(secure.requests().size(), 0);
    }

    void selfSignedAcceptedWithoutVerification()
    {
        ScriptedServer secure(*m_tls);
        secure.setHandler(echo);
        Request request = requestTo(secure.url(), QStringLiteral("POST"));
        request.body.mode = BodyMode::Text;
        request.body.text = QStringLiteral("over tls");
        request.settings.verifyTls = false;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->body.readAll(), QByteArray("over tls"));
        const Timing &t = response->timing;
        QVERIFY(t.connectStart >= 0);
        QVERIFY(t.tlsDone >= t.connectStart);
        QVERIFY(t.requestSent >= t.tlsDone);
        QVERIFY(t.firstByte >= t.requestSent);
        QVERIFY(t.finished >= t.firstByte);

        // The unverified connection is kept alive, but a verifying request must not reuse it.
        const std::optional<Response> verified = run(requestTo(secure.url()));
        QVERIFY(verified);
        QCOMPARE(verified->errorKind, ErrorKind::Tls);
    }

    void largeBodyStreamedToFile()
    {
        QByteArray payload(1024 * 1024, '\0');
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char('a' + i % 26);
        ScriptedServer server;
        server.setHandler([&payload](const ReceivedRequest &, Connection &connection) {
            connection.respond(200, payload);
        });
        Request request = requestTo(server.url());
        request.settings.streamToFileThreshold = 64 * 1024;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QVERIFY(response->body.isInFile());
        QVERIFY(QFile::exists(response->body.filePath()));
        QCOMPARE(response->body.size(), payload.size());
        QCOMPARE(response->body.readAll(), payload);
        QCOMPARE(response->wireBodyBytes, payload.size());

        request.settings.streamToFileThreshold = 2 * 1024 * 1024; // above: stays in memory
        const std::optional<Response> small = run(request);
        QVERIFY(small);
        QVERIFY(!small->body.isInFile());
        QCOMPARE(small->body.readAll(), payload);
    }

    void gzipBodyDecoded()
    {
        const QByteArray json = R"({"message":"hello hello hello hello hello hello"})";
        const QByteArray compressed = gzip(json);
        ScriptedServer server;
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            connection.respond(
                200, compressed,
                {{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}});
        });
        const std::optional<Response> response = run(requestTo(server.url()));
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->body.readAll(), json);
        // Qt 6.4 hides the encoded size (see HttpCallPrivate::captureResponseHead); what is
        // reported must never be the decoded size.
        QVERIFY(response->wireBodyBytes == -1 || response->wireBodyBytes == compressed.size());
        QVERIFY(server.requests().constFirst().header("Accept-Encoding").contains("gzip"));
    }

    void userAcceptEncodingGetsTheRawBody()
    {
        const QByteArray compressed = gzip("raw please");
        ScriptedServer server;
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            connection.respond(200, compressed, {{"Content-Encoding", "gzip"}});
        });
        Request request = requestTo(server.url());
        request.headers = {{QStringLiteral("Accept-Encoding"), QStringLiteral("gzip")}};
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->body.readAll(), compressed); // the user asked for the encoding
        QCOMPARE(response->wireBodyBytes, compressed.size());
        QCOMPARE(server.requests().constFirst().header("Accept-Encoding"), QByteArray("gzip"));
    }

    void realisticCompressedJsonPassesDefaultCap()
    {
        // Qt's own guard alone (10 MiB, 40:1) rejects this; our default settings must not.
        const QByteArray json = repeatedJson(30 * 1000 * 1000);
        const QByteArray compressed = gzip(json);
        const double ratio = double(json.size()) / double(compressed.size());
        QVERIFY2(ratio > 250 && ratio < 1000, qPrintable(QString::number(ratio)));
        ScriptedServer server;
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            connection.respond(200, compressed, {{"Content-Encoding", "gzip"}});
        });
        const std::optional<Response> response = run(requestTo(server.url()), 60000);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->body.size(), json.size());
        QVERIFY(response->body.isInFile()); // 30 MB is past the default 8 MiB threshold
        QCOMPARE(response->body.peek(64), json.left(64));
        QVERIFY(response->wireBodyBytes == -1 || response->wireBodyBytes == compressed.size());
    }

    void gzipBombRejected()
    {
        const QByteArray bomb = gzip(QByteArray(64 * 1024 * 1024, '\0')); // about 1000:1
        ScriptedServer server;
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            connection.respond(200, bomb, {{"Content-Encoding", "gzip"}});
        });
        Request request = requestTo(server.url());
        request.settings.maxDecompressedBytes = 1024 * 1024;
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::DecompressionFailed);
        QVERIFY2(response->errorMessage.contains(QStringLiteral("decompression bomb")),
                 qPrintable(response->errorMessage));
        QVERIFY2(response->errorMessage.contains(QStringLiteral("(now 1.0 MiB)")),
                 qPrintable(response->errorMessage));
        QVERIFY(response->body.size() < 64 * 1024 * 1024);
    }

    void absoluteDecodedSizeCap()
    {
        // Random hex compresses only about 2:1, far below any bomb ratio, but decodes past
        // kDecodedSizeCapFactor x maxDecompressedBytes.
        QByteArray text(3 * 1024 * 1024, '\0');
        QRandomGenerator random(42);
        for (char &c : text)
            c = "0123456789abcdef"[random.bounded(16)];
        const QByteArray compressed = gzip(text);
        ScriptedServer server;
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            connection.respond(200, compressed, {{"Content-Encoding", "gzip"}});
        });
        Request request = requestTo(server.url());
        request.settings.maxDecompressedBytes = 512 * 1024;
        QCOMPARE(decodedSizeCap(request.settings), 2 * 1024 * 1024);
        const std::optional<Response> response = run(request);
        QVERIFY(response);
        QCOMPARE(response->errorKind, ErrorKind::DecompressionFailed);
        QVERIFY2(response->errorMessage.contains(QStringLiteral("more than 2.0 MiB")),
                 qPrintable(response->errorMessage));

        request.settings.maxDecompressedBytes = 1024 * 1024; // cap 4 MiB: passes
        const std::optional<Response> allowed = run(request);
        QVERIFY(allowed);
        QVERIFY2(!allowed->isError(), qPrintable(allowed->errorMessage));
        QCOMPARE(allowed->body.readAll(), text);
    }

    void timingPhasesAreMonotonic()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n");
            connection.writeSlowly("body", 2, 20ms);
        });
        const std::optional<Response> response = run(requestTo(server.url()));
        QVERIFY(response);
        const Timing &t = response->timing;
        QVERIFY(t.startedAt.isValid());
        QCOMPARE(t.tlsDone, -1.0); // plain http
        QVERIFY(t.connectStart >= 0);
        QVERIFY(t.requestSent >= t.connectStart);
        QVERIFY(t.firstByte >= t.requestSent);
        QVERIFY(t.finished >= t.firstByte + 15); // the body took two 20 ms ticks
        QCOMPARE(t.totalMs(), t.finished);

        // A second request on the kept-alive connection opens no socket.
        const std::optional<Response> again = run(requestTo(server.url()));
        QVERIFY(again);
        QCOMPARE(again->timing.connectStart, -1.0);
        QVERIFY(again->timing.firstByte >= again->timing.requestSent);
        QCOMPARE(server.connectionCount(), 1);
    }

    void progressSignals()
    {
        const QByteArray download(256 * 1024, 'd');
        ScriptedServer server;
        server.setHandler([&](const ReceivedRequest &, Connection &connection) {
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: "
                             + QByteArray::number(download.size()) + "\r\n\r\n");
            connection.writeSlowly(download, 64 * 1024, 10ms);
        });
        Request request = requestTo(server.url(), QStringLiteral("PUT"));
        request.body.mode = BodyMode::Text;
        request.body.text = QString(1024 * 1024, u'u');
        std::unique_ptr<HttpCall> call = m_client->send(request);
        QSignalSpy downloads(call.get(), &HttpCall::downloadProgress);
        QSignalSpy uploads(call.get(), &HttpCall::uploadProgress);
        const std::optional<Response> response = waitForFinished(*call);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));

        QVERIFY(downloads.count() >= 2);
        qint64 previous = 0;
        for (const QList<QVariant> &args : std::as_const(downloads)) {
            QVERIFY(args.at(0).toLongLong() > previous);
            previous = args.at(0).toLongLong();
            QCOMPARE(args.at(1).toLongLong(), download.size());
        }
        QCOMPARE(previous, download.size());

        QVERIFY(uploads.count() >= 1);
        QCOMPARE(uploads.last().at(0).toLongLong(), 1024 * 1024);
        QCOMPARE(uploads.last().at(1).toLongLong(), 1024 * 1024);
        QCOMPARE(response->bytesSent, 1024 * 1024);
    }

    // Both transports keep the connection alive between sequential requests.
    void connectionIsKeptAlive()
    {
        ScriptedServer server;
        server.setHandler(echo);
        for (int i = 0; i < 5; ++i) {
            Request request = requestTo(server.url(), QStringLiteral("PUT"));
            request.body.mode = BodyMode::Json;
            request.body.text = QStringLiteral("{\"n\": %1}").arg(i);
            const std::optional<Response> response = run(request);
            QVERIFY(response);
            QCOMPARE(response->errorKind, ErrorKind::None);
            QCOMPARE(response->body.readAll(), request.body.text.toUtf8());
            if (i == 0)
                QVERIFY(response->timing.connectStart >= 0);
            else
                QCOMPARE(response->timing.connectStart, -1.0); // no new connection
        }
        QCOMPARE(server.connectionCount(), 1);
    }

    // A cookie a response sets goes with later requests to that server, as in a browser (Qt's
    // default cookie jar, libcurl's cookie engine); a login followed by API calls relies on it.
    void cookiesAreSentBackLater()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &, Connection &connection) {
            connection.respond(
                204, {},
                {{"Set-Cookie", "session=abc123; Path=/"}, {"Set-Cookie", "theme=dark; Path=/"}});
        });
        server.setHandler(echo);
        const std::optional<Response> login = run(requestTo(server.url(QStringLiteral("/login"))));
        QVERIFY(login);
        QCOMPARE(login->headerValues("Set-Cookie").size(), 2);
        const std::optional<Response> next = run(requestTo(server.url(QStringLiteral("/items"))));
        QVERIFY(next);
        QCOMPARE(next->errorKind, ErrorKind::None);
        const QByteArray cookie = server.requests().last().header("Cookie");
        QVERIFY2(cookie.contains("session=abc123") && cookie.contains("theme=dark"),
                 cookie.constData());
    }

    void chunkedBody()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.respondChunked(200, {"Hello, ", "chunked ", "world", QByteArray(5000, '!')});
        });
        std::unique_ptr<HttpCall> call = m_client->send(requestTo(server.url()));
        QSignalSpy downloads(call.get(), &HttpCall::downloadProgress);
        const std::optional<Response> response = waitForFinished(*call);
        QVERIFY(response);
        QVERIFY2(!response->isError(), qPrintable(response->errorMessage));
        QCOMPARE(response->body.readAll(), "Hello, chunked world" + QByteArray(5000, '!'));
        QCOMPARE(response->wireBodyBytes, 5020);
        QVERIFY(!downloads.isEmpty());
        QCOMPARE(downloads.last().at(1).toLongLong(), -1); // no Content-Length
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
