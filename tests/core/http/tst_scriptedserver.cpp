#include "tests/support/gzip.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/tlsidentity.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

using namespace Patchbay::Test;
using namespace std::chrono_literals;

namespace {

// Collects what `socket` receives until `done()` holds, running the event loop (the server
// lives in this thread); false on timeout.
bool readUntil(QTcpSocket &socket, QByteArray &bytes, const std::function<bool()> &done,
               int timeoutMs = 5000)
{
    return QTest::qWaitFor(
        [&] {
            bytes += socket.readAll();
            return done();
        },
        timeoutMs);
}

} // namespace

// The shared test server is itself tested: every network test trusts what it says.
class TestScriptedServer final : public QObject
{
    Q_OBJECT

private slots:
    void recordsRequestsAndKeepsConnectionsAlive()
    {
        ScriptedServer server;
        QVERIFY(server.isListening());
        QVERIFY(server.port() > 0);
        QCOMPARE(server.url(QStringLiteral("/x?y=1")),
                 QUrl(QStringLiteral("http://127.0.0.1:%1/x?y=1").arg(server.port())));
        server.enqueue(ScriptedServer::response(201, "first"));
        server.setHandler([](const ReceivedRequest &request, Connection &connection) {
            connection.respond(200, "handler saw " + request.body);
        });

        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(client.waitForConnected(5000));
        client.write("POST /items?a=1&b=2 HTTP/1.1\r\nHost: x\r\nX-Dup: 1\r\nx-dup: 2\r\n"
                     "Content-Length: 5\r\n\r\nhelloGET /second HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        QVERIFY(readUntil(client, answer, [&] { return answer.endsWith("handler saw "); }));
        QVERIFY(answer.startsWith("HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nfirst"));
        QVERIFY(answer.contains("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhandler saw "));

        QTRY_COMPARE(server.requests().size(), 2);
        const ReceivedRequest first = server.requests().at(0);
        QCOMPARE(first.method, QByteArray("POST"));
        QCOMPARE(first.target, QByteArray("/items?a=1&b=2"));
        QCOMPARE(first.path(), QByteArray("/items"));
        QCOMPARE(first.query(), QByteArray("a=1&b=2"));
        QCOMPARE(first.version, QByteArray("HTTP/1.1"));
        QCOMPARE(first.body, QByteArray("hello"));
        QCOMPARE(first.header("x-dup"), QByteArray("1"));
        QCOMPARE(first.headers.size(), 4);
        QVERIFY(!first.hasHeader("X-Missing"));
        QCOMPARE(server.requests().at(1).path(), QByteArray("/second"));
        QCOMPARE(server.requests().at(1).connectionId, first.connectionId);
        QCOMPARE(server.connectionCount(), 1);
    }

    void unscriptedRequestsGetA500()
    {
        ScriptedServer server;
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(client.waitForConnected(5000));
        client.write("DELETE /nothing HTTP/1.1\r\n\r\n");
        QByteArray answer;
        QVERIFY(readUntil(client, answer, [&] { return answer.contains("/nothing\n"); }));
        QVERIFY(answer.startsWith("HTTP/1.1 500 Internal Server Error\r\n"));
        QVERIFY(answer.contains("no script for DELETE /nothing"));
    }

    void chunkedSlowAndEarlyClose()
    {
        ScriptedServer server;
        server.enqueue([](const ReceivedRequest &, Connection &connection) {
            connection.respondChunked(200, {"ab", QByteArray(), "cdefghijklmnopq"});
        });
        server.enqueue([](const ReceivedRequest &, Connection &connection) {
            connection.writeSlowly("0123456789", 4, 30ms, [&connection] { connection.close(); });
        });
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(client.waitForConnected(5000));
        client.write("GET /a HTTP/1.1\r\n\r\n");
        QByteArray answer;
        QVERIFY(readUntil(client, answer, [&] { return answer.endsWith("0\r\n\r\n"); }));
        QCOMPARE(answer,
                 QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "2\r\nab\r\nf\r\ncdefghijklmnopq\r\n0\r\n\r\n"));

        answer.clear();
        QElapsedTimer clock;
        clock.start();
        client.write("GET /b HTTP/1.1\r\n\r\n");
        QVERIFY(readUntil(client, answer, [&] {
            return client.state() == QAbstractSocket::UnconnectedState; // the server closed
        }));
        QCOMPARE(answer, QByteArray("0123456789"));
        QVERIFY(clock.elapsed() >= 60); // three pieces, 30 ms apart
    }

    void tlsServer()
    {
        const Patchbay::Core::Result<TlsIdentity> identity = generateSelfSignedIdentity();
        QVERIFY2(identity.ok(), identity.ok() ? "" : qPrintable(identity.error().message));
        QCOMPARE(identity->certificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList {QStringLiteral("127.0.0.1")});
        QVERIFY(identity->certificate.isSelfSigned());

        ScriptedServer server(identity.value());
        QCOMPARE(server.url().scheme(), QStringLiteral("https"));
        server.setHandler([](const ReceivedRequest &, Connection &connection) {
            connection.respond(200, "secure");
        });
        QSslSocket client;
        client.setPeerVerifyMode(QSslSocket::VerifyNone);
        QSignalSpy encrypted(&client, &QSslSocket::encrypted);
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(encrypted.wait(10000));
        QCOMPARE(client.peerCertificate(), identity->certificate);
        client.write("GET / HTTP/1.1\r\n\r\n");
        QByteArray answer;
        QVERIFY(readUntil(client, answer, [&] { return answer.endsWith("secure"); }));
    }

    void gzipMatchesTheGzipTool()
    {
        QByteArray data;
        for (int i = 0; i < 5000; ++i)
            data += "line " + QByteArray::number(i) + " of some text\n";
        const QByteArray compressed = gzip(data);
        QVERIFY(compressed.size() < data.size() / 3);
        QProcess tool;
        tool.start(QStringLiteral("gzip"), {QStringLiteral("-dc")});
        QVERIFY(tool.waitForStarted());
        tool.write(compressed);
        tool.closeWriteChannel();
        QVERIFY(tool.waitForFinished());
        QCOMPARE(tool.exitCode(), 0); // also checks the CRC-32 and length trailer
        QCOMPARE(tool.readAllStandardOutput(), data);
    }
};

QTEST_GUILESS_MAIN(TestScriptedServer)
#include "tst_scriptedserver.moc"
