#include "core/collections/collectionformat.h"
#include "core/http/httpclient.h"
#include "core/runner/collectionrunner.h"
#include "tests/integration/clisandbox.h"
#include "tests/integration/externalserver.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

// A test script that checks what pm.response.events() gives for /slow's first three events.
const QString kEventsScript = QStringLiteral(
    "var events = pm.response.events();\n"
    "pm.test('three events', function () { pm.expect(events).to.have.lengthOf(3); });\n"
    "pm.test('ids, types and data', function () {\n"
    "  pm.expect(events[0].id).to.equal('1');\n"
    "  pm.expect(events[2].event).to.equal('tick');\n"
    "  pm.expect(JSON.parse(events[2].data).n).to.equal(3);\n"
    "});\n");

} // namespace

// A collection run meeting a response that is an event stream (core/runner/eventstreamstep.h),
// against the real SSE server (servers/sse_server.py): the step ends after the event bound or
// the stream time with a pass, long before the request's timeout, and test scripts see the
// events; in the engine (Qt's transport, as the window runs) and in `patchbay-cli run` (curl).
class TestEventStreamRuns final : public QObject
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

    // An endless stream (an event every 50 ms for over an hour) ends after three events; the
    // request's timeouts (20 s) are far away.
    void runEndsAfterTheEventBound()
    {
        RunItem item = streamItem(QStringLiteral("/slow?count=100000&interval=50"));
        item.assertions
            = {{AssertionKind::StatusEquals, {}, QStringLiteral("200"), true},
               {AssertionKind::BodyContains, {}, QStringLiteral("data: {\"n\": 3}"), true},
               // JSON targets see the events as an array of {id, event, data}.
               {AssertionKind::JsonEquals, QStringLiteral("length"), QStringLiteral("3"), true},
               {AssertionKind::JsonEquals, QStringLiteral("/2/id"), QStringLiteral("\"3\""), true}};
        item.testScripts = {{QStringLiteral("test script"), kEventsScript}};
        RunOptions options;
        options.stream.maxEvents = 3;
        options.runScripts = true;
        QElapsedTimer clock;
        clock.start();
        const std::optional<RequestResult> result = runOne(item, options, 15000);
        QVERIFY(result);
        QVERIFY2(clock.elapsed() < 10000, "the event bound did not end the step");
        QVERIFY2(result->passed(), qPrintable(describe(*result)));
        QCOMPARE(result->statusCode, 200);
        QCOMPARE(result->events, 3);
        QCOMPARE(result->streamEnd, QStringLiteral("event limit"));
        QCOMPARE(result->assertions.size(), 6); // 4 declared, 2 pm.test
    }

    // With no event bound, the stream time ends an endless stream, without an error.
    void runEndsAnEndlessStreamAtTheStreamTime()
    {
        RunItem item = streamItem(QStringLiteral("/slow?count=100000&interval=200"));
        RunOptions options;
        options.stream = {0, 1000};
        QElapsedTimer clock;
        clock.start();
        const std::optional<RequestResult> result = runOne(item, options, 15000);
        QVERIFY(result);
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(result->passed(), qPrintable(describe(*result)));
        QVERIFY2(elapsed >= 1000 && elapsed < 8000, qPrintable(QString::number(elapsed)));
        QCOMPARE(result->streamEnd, QStringLiteral("stream time 1000 ms"));
        QVERIFY2(result->events >= 2 && result->events <= 8, qPrintable(describe(*result)));
        QVERIFY(result->timeMs >= 1000);

        // Without bounds, the request's own maximum time ends the stream the same way.
        item.request.settings.maxTimeMs = 800;
        options.stream = {0, 0};
        const std::optional<RequestResult> capped = runOne(item, options, 15000);
        QVERIFY(capped);
        QVERIFY2(capped->passed(), qPrintable(describe(*capped)));
        QCOMPARE(capped->streamEnd, QStringLiteral("max time 800 ms"));
        QVERIFY2(capped->events >= 1, qPrintable(describe(*capped)));
    }

    // A stream the server ends (here after two events, its connection closed) ends the step.
    void runEndsWithTheServersEnd()
    {
        RunItem item = streamItem(QStringLiteral("/drop?per=2"));
        const std::optional<RequestResult> result = runOne(item, RunOptions {}, 15000);
        QVERIFY(result);
        QVERIFY2(result->passed(), qPrintable(describe(*result)));
        QCOMPARE(result->events, 2);
        QCOMPARE(result->streamEnd, QStringLiteral("ended by the server"));
    }

    // `patchbay-cli run` (curl): --max-events and --stream-timeout, the reports, and a trusted
    // test script reading pm.response.events().
    void cliRunReadsStreams()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CollectionInfo info;
        info.name = QStringLiteral("Streams");
        QVERIFY(writeFile(dir.filePath(QStringLiteral("collection.yaml")), collectionToYaml(info)));
        SavedRequest ticks;
        ticks.name = QStringLiteral("Ticks");
        ticks.request.url
            = m_server->url(QStringLiteral("/slow?count=100000&interval=50")).toString();
        ticks.request.settings.timeoutMs = 20000;
        ticks.request.settings.maxTimeMs = 20000;
        ticks.testScript = kEventsScript;
        const QString path = dir.filePath(QStringLiteral("ticks.yaml"));
        QVERIFY(writeFile(path, requestToYaml(ticks)));

        QElapsedTimer clock;
        clock.start();
        const QString junit = dir.filePath(QStringLiteral("report.xml"));
        ProcessRun bounded = runProcess(
            cliPath(),
            {QStringLiteral("run"), path, QStringLiteral("--max-events"), QStringLiteral("3"),
             QStringLiteral("--trust-scripts"), QStringLiteral("-r"), QStringLiteral("json"),
             QStringLiteral("-r"), QStringLiteral("junit:") + junit},
            30000);
        QVERIFY2(bounded.exitCode == 0, qPrintable(bounded.out + bounded.err));
        QVERIFY2(clock.elapsed() < 10000, "--max-events did not end the step");
        const QJsonObject report = QJsonDocument::fromJson(bounded.out.toUtf8()).object();
        const QJsonObject step
            = report.value(QLatin1String("executions")).toArray().first().toObject();
        QVERIFY2(step.value(QLatin1String("passed")).toBool(), qPrintable(bounded.out));
        QCOMPARE(step.value(QLatin1String("status")).toInt(), 200);
        const QJsonObject stream = step.value(QLatin1String("stream")).toObject();
        QCOMPARE(stream.value(QLatin1String("events")).toInt(), 3);
        QCOMPARE(stream.value(QLatin1String("ended")).toString(), QStringLiteral("event limit"));
        QCOMPARE(step.value(QLatin1String("assertions")).toArray().size(), 2);
        QFile xml(junit);
        QVERIFY(xml.open(QIODevice::ReadOnly));
        QVERIFY(xml.readAll().contains("event stream: 3 events (event limit)"));

        // No event bound: the stream time ends it (the script, not trusted now, is not run).
        clock.restart();
        ProcessRun timed = runProcess(cliPath(),
                                      {QStringLiteral("run"), path, QStringLiteral("--max-events"),
                                       QStringLiteral("0"), QStringLiteral("--stream-timeout"),
                                       QStringLiteral("800ms")},
                                      30000);
        QVERIFY2(timed.exitCode == 0, qPrintable(timed.out + timed.err));
        QVERIFY2(clock.elapsed() < 10000, "--stream-timeout did not end the step");
        QVERIFY2(timed.out.contains(QStringLiteral("(stream time 800 ms)")), qPrintable(timed.out));
        QVERIFY2(timed.out.contains(QStringLiteral("- test script not run")),
                 qPrintable(timed.out));
    }

private:
    RunItem streamItem(const QString &path) const
    {
        RunItem item;
        item.name = QStringLiteral("Ticks");
        item.request.url = m_server->url(path).toString();
        // Far away: the stream's bounds must end the step, not these.
        item.request.settings.timeoutMs = 20000;
        item.request.settings.maxTimeMs = 20000;
        return item;
    }

    // Runs one item with Qt's transport and returns its result, or nothing after `waitMs`.
    std::optional<RequestResult> runOne(const RunItem &item, const RunOptions &options, int waitMs)
    {
        HttpClient client(&m_network);
        CollectionRunner runner(&client);
        QSignalSpy results(&runner, &CollectionRunner::requestFinished);
        QSignalSpy finished(&runner, &CollectionRunner::finished);
        runner.start({item}, options);
        if (!finished.wait(waitMs) || results.size() != 1) {
            runner.stop();
            finished.wait(5000);
            return std::nullopt;
        }
        return results.first().at(0).value<RequestResult>();
    }

    static QString describe(const RequestResult &r)
    {
        QString text = QStringLiteral("status %1, error '%2', %3 events (%4), %5 ms")
                           .arg(r.statusCode)
                           .arg(r.errorMessage)
                           .arg(r.events)
                           .arg(r.streamEnd)
                           .arg(r.timeMs);
        for (const AssertionOutcome &a : r.assertions)
            text += QStringLiteral("; %1: %2").arg(a.description, a.result.message);
        return text;
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<ExternalServer> m_server;
};

QTEST_GUILESS_MAIN(TestEventStreamRuns)
#include "tst_eventstreamruns.moc"
