#include "core/http/httpclient.h"
#include "core/sse/eventstreamsession.h"
#include "tests/support/scriptedserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;
using namespace std::chrono_literals;

namespace {

const QByteArray kStreamHead
    = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
      "Cache-Control: no-cache\r\nConnection: close\r\n\r\n";

Request streamRequest(const ScriptedServer &server, const QString &path)
{
    Request r;
    r.url = server.url(path).toString();
    r.settings.timeoutMs = 10000;
    return r;
}

} // namespace

// EventStreamSession over HttpClient against a loopback server that writes event streams.
class TestEventStreamSession final : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_client = std::make_unique<HttpClient>(&m_network); }
    void cleanup() { m_client.reset(); }

    // Events show as they arrive: the first one well before the server ends the stream.
    void eventsArriveBeforeTheStreamEnds()
    {
        ScriptedServer server;
        bool ended = false;
        server.setHandler([&](const ReceivedRequest &, Connection &c) {
            c.write(kStreamHead);
            QByteArray body;
            for (int i = 1; i <= 4; ++i)
                body += "id: " + QByteArray::number(i) + "\ndata: {\"n\": " + QByteArray::number(i)
                    + "}\n\n";
            const qsizetype piece = body.size() / 4;
            c.writeSlowly(body, piece, 150ms, [&ended, &c] {
                ended = true;
                c.close();
            });
        });
        EventStreamSession session(context(), streamRequest(server, QStringLiteral("/s")));
        QSignalSpy events(&session, &EventStreamSession::eventReceived);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        session.start();
        QVERIFY(events.wait(5000));
        QVERIFY2(!ended, "the first event came only after the stream ended");
        QVERIFY(finished.wait(5000));
        QCOMPARE(events.size(), 4);
        QCOMPARE(session.lastEventId(), QStringLiteral("4"));
        QCOMPARE(server.requests().first().header("Accept"), QByteArray("text/event-stream"));
        const auto response = finished.first().at(0).value<Response>();
        QCOMPARE(response.statusCode, 200);
        QVERIFY(!response.isError());
        QCOMPARE(finished.first().at(1).toBool(), false);

        // History keeps the events as a stream that reads back the same.
        EventStreamParser again;
        const QList<ServerSentEvent> reparsed = again.feed(response.body.readAll());
        QCOMPARE(reparsed.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(reparsed.at(i).data, session.events().at(i).data);
            QCOMPARE(reparsed.at(i).lastEventId, session.events().at(i).lastEventId);
        }
    }

    // A dropped stream reconnects after the server's retry delay with Last-Event-ID.
    void reconnectsWithLastEventId()
    {
        ScriptedServer server;
        int connections = 0;
        server.setHandler([&](const ReceivedRequest &, Connection &c) {
            ++connections;
            c.write(kStreamHead);
            if (connections == 1) {
                c.write("retry: 50\nid: a1\ndata: one\n\ndata: unfinished");
                c.close();
            } else {
                c.write("data: two\n\n");
                c.close();
            }
        });
        EventStreamOptions options;
        options.reconnect = true;
        options.maxReconnects = 1;
        EventStreamSession session(context(), streamRequest(server, QStringLiteral("/s")), options);
        QSignalSpy events(&session, &EventStreamSession::eventReceived);
        QSignalSpy reconnecting(&session, &EventStreamSession::reconnecting);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        session.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(reconnecting.size(), 1);
        QCOMPARE(reconnecting.first().at(1).toLongLong(), 50);
        // Qt may resend a request on a fresh connection when the server closed the one it was
        // on, so the server can see more requests than the session made.
        QVERIFY(!server.requests().at(0).hasHeader("Last-Event-ID"));
        int withId = 0;
        for (const ReceivedRequest &r : server.requests()) {
            if (r.hasHeader("Last-Event-ID")) {
                QCOMPARE(r.header("Last-Event-ID"), QByteArray("a1"));
                ++withId;
            }
        }
        QVERIFY(withId >= 1);
        QCOMPARE(events.size(), 2);
        const auto second = events.at(1).at(0).value<ServerSentEvent>();
        QCOMPARE(second.data, QStringLiteral("two"));
        QCOMPARE(second.lastEventId, QStringLiteral("a1"));
        QCOMPARE(second.connection, 1);
        QCOMPARE(second.sequence, 1);
    }

    void notAStreamEndsWithoutReconnecting()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) {
            c.respond(404, "nope", {{"Content-Type", "text/plain"}});
        });
        EventStreamOptions options;
        options.reconnect = true;
        EventStreamSession session(context(), streamRequest(server, QStringLiteral("/s")), options);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        session.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(finished.first().at(0).value<Response>().statusCode, 404);
    }

    // An endless stream keeps only the last N events in memory.
    void keepsTheLastEvents()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) {
            c.write(kStreamHead);
            QByteArray body;
            for (int i = 0; i < 500; ++i)
                body += "data: " + QByteArray::number(i) + "\n\n";
            c.write(body);
        });
        EventStreamOptions options;
        options.maxEvents = 7;
        EventStreamSession session(context(), streamRequest(server, QStringLiteral("/s")), options);
        QSignalSpy events(&session, &EventStreamSession::eventReceived);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 500, 5000);
        QCOMPARE(session.events().size(), 7);
        QCOMPARE(session.events().firstIndex(), 493);
        QCOMPARE(session.events().last().data, QStringLiteral("499"));
        // Stop ends an endless stream cleanly.
        session.stop();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(1).toBool(), true);
        const auto response = finished.first().at(0).value<Response>();
        QVERIFY(!response.isError());
        QCOMPARE(response.statusCode, 200);
    }

    // The window sends first and hands the call over when the head says event stream.
    void adoptsACallAlreadySent()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &, Connection &c) {
            c.write(kStreamHead);
            c.writeSlowly("data: x\n\ndata: y\n\n", 9, 50ms, [&c] { c.close(); });
        });
        const Request request = streamRequest(server, QStringLiteral("/s"));
        AuthCall::Context observing = context();
        observing.observeBody = true;
        std::unique_ptr<AuthCall> call = AuthCall::send(observing, request);
        EventStreamSession session(context(), request);
        QSignalSpy events(&session, &EventStreamSession::eventReceived);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        AuthCall *raw = call.get();
        connect(raw, &AuthCall::headReceived, this, [&](const Response &head) {
            QVERIFY(isEventStream(head));
            session.adopt(std::move(call), head);
        });
        QVERIFY(finished.wait(5000));
        QCOMPARE(events.size(), 2);
    }

    // The stream is sent with the request's auth (AuthCall): Digest answers the server's 401
    // challenge, and the stream behind it is what the session reads.
    void streamsBehindADigestChallenge()
    {
        ScriptedServer server;
        QList<QByteArray> authorizations;
        server.setHandler([&](const ReceivedRequest &r, Connection &c) {
            authorizations.append(r.header("Authorization"));
            if (!r.header("Authorization").startsWith("Digest ")) {
                c.write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"sse\", "
                        "nonce=\"abc123\", qop=\"auth\", algorithm=MD5\r\n"
                        "Content-Type: text/event-stream\r\nContent-Length: 15\r\n\r\n"
                        "data: refused\n\n");
                return;
            }
            c.write(kStreamHead);
            c.writeSlowly("id: 1\ndata: a\n\nid: 2\ndata: b\n\n", 16, 30ms, [&c] { c.close(); });
        });
        Request request = streamRequest(server, QStringLiteral("/s"));
        request.auth.mode = AuthMode::Digest;
        request.auth.digest.username = QStringLiteral("ada");
        request.auth.digest.password = QStringLiteral("pw");
        EventStreamSession session(context(), request);
        QSignalSpy events(&session, &EventStreamSession::eventReceived);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        session.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(authorizations.size(), 2);
        QVERIFY(authorizations.at(1).contains("username=\"ada\""));
        QCOMPARE(events.size(), 2); // the 401's body is not an event of the stream
        QCOMPARE(events.at(1).at(0).value<ServerSentEvent>().data, QStringLiteral("b"));
        const Response response = finished.at(0).at(0).value<Response>();
        QCOMPARE(response.statusCode, 200);
    }

private:
    AuthCall::Context context() const { return AuthCall::Context {m_client.get(), {}, nullptr}; }

    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;
};

QTEST_GUILESS_MAIN(TestEventStreamSession)
#include "tst_eventstreamsession.moc"
