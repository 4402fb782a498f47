#include "core/http/httpclient.h"
#include "core/sse/eventstreamsession.h"
#include "tests/integration/clisandbox.h"
#include "tests/integration/externalserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

// Server-Sent Events against a real streaming server (servers/sse_server.py, Python's
// http.server): events show as they arrive, ids, a dropped connection and the reconnection with
// Last-Event-ID checked by the server, in the engine and in `patchbay-cli send`.
class TestEventStreams final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<ExternalServer>(
            QStringLiteral("sse_server.py"), QStringLiteral("/usr/bin/python3"),
            QStringList {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                             + QStringLiteral("/tests/integration/servers/sse_server.py"),
                         QStringLiteral("{port}")});
        const QString problem = m_server->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup() { m_server.reset(); }

    void firstEventShowsBeforeTheStreamEnds()
    {
        HttpClient client(&m_network);
        Request request;
        request.url = m_server->url(QStringLiteral("/slow?count=4&interval=400")).toString();
        EventStreamSession session(AuthCall::Context {&client, {}, nullptr}, request);
        QSignalSpy events(&session, &EventStreamSession::eventReceived);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        QElapsedTimer clock;
        clock.start();
        session.start();
        QVERIFY(events.wait(10000));
        const qint64 firstAt = clock.elapsed();
        QCOMPARE(events.size(), 1);
        QVERIFY(finished.isEmpty());
        QVERIFY(finished.wait(10000));
        QCOMPARE(events.size(), 4);
        // Three more events came 400 ms apart after the first was already out.
        QVERIFY2(
            clock.elapsed() - firstAt >= 1000,
            qPrintable(
                QStringLiteral("first at %1 ms, end at %2 ms").arg(firstAt).arg(clock.elapsed())));
        const auto first = events.first().at(0).value<ServerSentEvent>();
        QCOMPARE(first.type, QStringLiteral("tick"));
        QCOMPARE(first.lastEventId, QStringLiteral("1"));
        QCOMPARE(first.data, QStringLiteral("{\"n\": 1}"));
        QCOMPARE(session.lastEventId(), QStringLiteral("4"));
    }

    void reconnectsWithLastEventIdCheckedByTheServer()
    {
        HttpClient client(&m_network);
        Request request;
        request.url = m_server->url(QStringLiteral("/drop?per=2")).toString();
        EventStreamOptions options;
        options.reconnect = true;
        options.maxReconnects = 10;
        EventStreamSession session(AuthCall::Context {&client, {}, nullptr}, request, options);
        QSignalSpy events(&session, &EventStreamSession::eventReceived);
        QSignalSpy reconnecting(&session, &EventStreamSession::reconnecting);
        QSignalSpy finished(&session, &EventStreamSession::finished);
        session.start();
        QVERIFY(finished.wait(15000));
        QStringList ids;
        for (const QList<QVariant> &args : std::as_const(events))
            ids << args.at(0).value<ServerSentEvent>().lastEventId;
        QCOMPARE(ids,
                 QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                              QStringLiteral("4"), QStringLiteral("5"), QStringLiteral("6")}));
        // Three streams (two dropped), then the server's 204 stops the reconnections.
        QCOMPARE(reconnecting.size(), 3);
        QCOMPARE(finished.first().at(0).value<Response>().statusCode, 204);
        QCOMPARE(dropLog(),
                 QJsonArray({QJsonValue(), QStringLiteral("2"), QStringLiteral("4"),
                             QStringLiteral("6")}));
    }

    // The CLI prints each event as a JSON line the moment it arrives.
    void cliPrintsEventsAsTheyArrive()
    {
        QProcess cli;
        cli.start(cliPath(),
                  {QStringLiteral("send"), QStringLiteral("GET"),
                   m_server->url(QStringLiteral("/slow?count=3&interval=700")).toString(),
                   QStringLiteral("--jsonl")});
        QVERIFY(cli.waitForStarted(10000));
        QByteArray printed;
        QElapsedTimer clock;
        clock.start();
        while (!printed.contains("{\"time\"") && clock.elapsed() < 15000)
            if (cli.waitForReadyRead(15000))
                printed += cli.readAllStandardOutput();
        QVERIFY2(printed.contains("\"id\":\"1\""), printed.constData());
        QCOMPARE(cli.state(), QProcess::Running); // the stream is still going
        QVERIFY(cli.waitForFinished(15000));
        QCOMPARE(cli.exitCode(), 0);
        printed += cli.readAllStandardOutput();
        const QList<QByteArray> lines = jsonLines(printed);
        QCOMPARE(lines.size(), 3);
        const QJsonObject third = QJsonDocument::fromJson(lines.at(2)).object();
        QCOMPARE(third.value(QLatin1String("id")).toString(), QStringLiteral("3"));
        QCOMPARE(third.value(QLatin1String("event")).toString(), QStringLiteral("tick"));
        QCOMPARE(third.value(QLatin1String("data")).toString(), QStringLiteral("{\"n\": 3}"));
        QVERIFY(!third.value(QLatin1String("time")).toString().isEmpty());
    }

    void cliMaxEventsAndTimeoutEndTheStream()
    {
        const QString slow
            = m_server->url(QStringLiteral("/slow?count=50&interval=200")).toString();
        ProcessRun max = runProcess(cliPath(),
                                    {QStringLiteral("send"), QStringLiteral("GET"), slow,
                                     QStringLiteral("--jsonl"), QStringLiteral("--max-events"),
                                     QStringLiteral("2")});
        QCOMPARE(max.exitCode, 0);
        QCOMPARE(jsonLines(max.out.toUtf8()).size(), 2);

        QElapsedTimer clock;
        clock.start();
        ProcessRun timed = runProcess(cliPath(),
                                      {QStringLiteral("send"), QStringLiteral("GET"), slow,
                                       QStringLiteral("--timeout"), QStringLiteral("1.5")});
        QCOMPARE(timed.exitCode, 0);
        QVERIFY2(clock.elapsed() < 8000, "--timeout did not end the stream");
        const int shown = int(timed.out.count(QStringLiteral("--- ")));
        QVERIFY2(shown >= 2 && shown < 50, qPrintable(timed.out));
        QVERIFY(timed.out.contains(QStringLiteral("\"n\": 1")));
    }

    void cliReconnects()
    {
        ProcessRun run = runProcess(cliPath(),
                                    {QStringLiteral("send"), QStringLiteral("GET"),
                                     m_server->url(QStringLiteral("/drop?per=2")).toString(),
                                     QStringLiteral("--jsonl"), QStringLiteral("--reconnect")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(jsonLines(run.out.toUtf8()).size(), 6);
        QVERIFY(run.err.contains(QStringLiteral("Last-Event-ID: 4")));
        QCOMPARE(dropLog(),
                 QJsonArray({QJsonValue(), QStringLiteral("2"), QStringLiteral("4"),
                             QStringLiteral("6")}));
    }

private:
    static QList<QByteArray> jsonLines(const QByteArray &out)
    {
        QList<QByteArray> lines;
        for (const QByteArray &line : out.split('\n'))
            if (line.startsWith('{'))
                lines << line;
        return lines;
    }

    // The Last-Event-ID of each /drop request the server got, repeats folded: when a server
    // closes a connection, Qt may resend the request it had sent on it (before it read what
    // came back), so a server can see the same request twice; the answer to the copy is dropped.
    QJsonArray dropLog()
    {
        std::unique_ptr<QNetworkReply> reply(
            m_network.get(QNetworkRequest(m_server->url(QStringLiteral("/log")))));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!done.wait(5000))
            return {};
        QJsonArray folded;
        for (const QJsonValue &value : QJsonDocument::fromJson(reply->readAll()).array()) {
            if (folded.isEmpty() || folded.at(folded.size() - 1) != value)
                folded.append(value);
        }
        return folded;
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<ExternalServer> m_server;
};

QTEST_GUILESS_MAIN(TestEventStreams)
#include "tst_eventstreams.moc"
