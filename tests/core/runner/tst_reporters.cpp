#include "core/json/jsonparser.h"
#include "core/json/jsonpointer.h"
#include "core/runner/clireporter.h"
#include "core/runner/jsonreporter.h"
#include "core/runner/junitreporter.h"
#include "tests/support/testfiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

RequestResult sent(const QString &name, int status, const QString &reason = {})
{
    RequestResult r;
    r.name = name;
    r.method = QStringLiteral("GET");
    r.url = QStringLiteral("https://api.example.com/users/1");
    r.statusCode = status;
    r.reason = reason;
    r.timeMs = 1.5;
    return r;
}

} // namespace

// What the reporters write for the cases a run's output must explain on its own: an HTTP/2
// response without a reason phrase, variables sent as written, a refused TLS certificate.
class TestReporters final : public QObject
{
    Q_OBJECT

private slots:
    void cliLineFillsTheReasonPhraseOfHttp2()
    {
        QCOMPARE(resultLine(sent(QStringLiteral("A"), 404), false),
                 QStringLiteral("PASS  A  GET https://api.example.com/users/1  404 Not Found  "
                                "1.5 ms"));
        QCOMPARE(resultLine(sent(QStringLiteral("B"), 200, QStringLiteral("Fine")), false),
                 QStringLiteral("PASS  B  GET https://api.example.com/users/1  200 Fine  1.5 ms"));
    }

    // An event stream read by a run: how many events and why the step ended, in every report.
    void everyReportShowsAStreamsEvents()
    {
        RequestResult r = sent(QStringLiteral("Ticks"), 200, QStringLiteral("OK"));
        r.events = 3;
        r.streamEnd = QStringLiteral("event limit");
        QCOMPARE(resultLine(r, false),
                 QStringLiteral("PASS  Ticks  GET https://api.example.com/users/1  200 OK  1.5 ms"
                                "  3 events (event limit)"));
        QVERIFY(!resultLine(sent(QStringLiteral("A"), 200), false).contains(u'('));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("r.json"));
        const QString junit = dir.filePath(QStringLiteral("r.xml"));
        JsonReporter jsonReporter(json);
        JunitReporter junitReporter(junit);
        for (RunReporter *reporter : {static_cast<RunReporter *>(&jsonReporter),
                                      static_cast<RunReporter *>(&junitReporter)}) {
            QVERIFY(reporter->begin({QStringLiteral("API"), QStringLiteral("api"), 1, 2}).ok());
            reporter->report(r);
            reporter->report(sent(QStringLiteral("Plain"), 200));
            QVERIFY(reporter->end(RunSummary {}).ok());
        }
        const Result<JsonValue> report = parseJson(readFile(json));
        QVERIFY2(report.ok(), readFile(json).constData());
        const auto at = [&](const char *pointer) {
            return resolveJsonPointer(report.value(),
                                      JsonPointer::parse(QString::fromLatin1(pointer)).value());
        };
        QVERIFY(at("/executions/0/stream/events"));
        QCOMPARE(at("/executions/0/stream/events")->toInt(), 3);
        QCOMPARE(at("/executions/0/stream/ended")->toString(), QStringLiteral("event limit"));
        QVERIFY(!at("/executions/1/stream")); // not a stream
        QVERIFY2(readFile(junit).contains("event stream: 3 events (event limit)"),
                 readFile(junit).constData());
    }

    void cliReportExplainsUndefinedVariablesAndTls()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("out.txt"));
        FILE *out = std::fopen(qPrintable(path), "w");
        QVERIFY(out);
        {
            CliReporter reporter(out);
            QVERIFY(reporter.begin({QStringLiteral("API"), QStringLiteral("api"), 3, 1}).ok());
            RequestResult undefined = sent(QStringLiteral("Tenant"), 200, QStringLiteral("OK"));
            undefined.undefinedVariables = {QStringLiteral("tenant"), QStringLiteral("region")};
            reporter.report(undefined);
            RequestResult badUrl = sent(QStringLiteral("Base"), 0);
            badUrl.url = QStringLiteral("{{baseUrl}}/users/1");
            badUrl.errorKind = ErrorKind::InvalidUrl;
            badUrl.errorMessage = QStringLiteral("baseUrl is not defined");
            badUrl.undefinedVariables = {QStringLiteral("baseUrl")};
            reporter.report(badUrl);
            RequestResult tls = sent(QStringLiteral("TLS"), 0);
            tls.errorKind = ErrorKind::Tls;
            tls.errorMessage = QStringLiteral("The TLS certificate was rejected");
            reporter.report(tls);
            RunSummary summary;
            QVERIFY(reporter.end(summary).ok());
        }
        std::fclose(out);
        const QString text = QString::fromUtf8(readFile(path));
        QVERIFY2(text.contains(QLatin1String(
                     "PASS  Tenant  GET https://api.example.com/users/1  200 OK  1.5 ms\n"
                     "      ! not defined, sent as written: tenant, region (pick an environment "
                     "with --env, or pass --var tenant=VALUE)\n")),
                 qPrintable(text));
        // A URL that could not be sent says so once, in its failure.
        QCOMPARE(text.count(QLatin1String("baseUrl")), 3); // the line, the failure, the list
        QVERIFY2(text.contains(QLatin1String("      x The TLS certificate was rejected\n"
                                             "      (here: --insecure skips certificate "
                                             "checks)\n")),
                 qPrintable(text));
    }

    // A reason phrase or message from a server reached the terminal with its escape sequences.
    void cliReportShowsControlCharacters()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("out.txt"));
        FILE *out = std::fopen(qPrintable(path), "w");
        QVERIFY(out);
        {
            CliReporter reporter(out);
            QVERIFY(reporter.begin({QStringLiteral("API"), QStringLiteral("api"), 1, 1}).ok());
            reporter.report(
                sent(QStringLiteral("Evil"), 200, QStringLiteral("\x1b[31mOK\x1b]0;t\x07")));
            QVERIFY(reporter.end(RunSummary {}).ok());
        }
        std::fclose(out);
        const QByteArray text = readFile(path);
        QVERIFY2(!text.contains('\x1b') && !text.contains('\x07'), text.constData());
        QVERIFY2(text.contains("200 ^[[31mOK^[]0;t^G"), text.constData());
    }

    void jsonAndJunitListUndefinedVariables()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("r.json"));
        const QString junit = dir.filePath(QStringLiteral("r.xml"));
        JsonReporter jsonReporter(json);
        JunitReporter junitReporter(junit);
        RequestResult r = sent(QStringLiteral("Tenant"), 200, QStringLiteral("OK"));
        r.undefinedVariables = {QStringLiteral("tenant")};
        for (RunReporter *reporter : {static_cast<RunReporter *>(&jsonReporter),
                                      static_cast<RunReporter *>(&junitReporter)}) {
            QVERIFY(reporter->begin({QStringLiteral("API"), QStringLiteral("api"), 1, 1}).ok());
            reporter->report(r);
            QVERIFY(reporter->end(RunSummary {}).ok());
        }
        const Result<JsonValue> report = parseJson(readFile(json));
        QVERIFY2(report.ok(), readFile(json).constData());
        const JsonValue *names = resolveJsonPointer(
            report.value(),
            JsonPointer::parse(QStringLiteral("/executions/0/undefinedVariables")).value());
        QVERIFY(names);
        QCOMPARE(names->size(), 1);
        QVERIFY2(readFile(junit).contains("not defined, sent as written: tenant"),
                 readFile(junit).constData());
    }
};

QTEST_GUILESS_MAIN(TestReporters)
#include "tst_reporters.moc"
