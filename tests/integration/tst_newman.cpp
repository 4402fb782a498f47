#include "core/collections/collectionformat.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "tests/integration/clisandbox.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

// Text that must survive YAML, the Postman JSON and JavaScript string literals.
const QString kAwkward = QStringLiteral("say \"hi\" \\ back\\slash\nline\ttab \u00e9 \U0001F600 "
                                        "\u2028 {{notDefined}} </script> */");

// Three requests checked by assertions of every kind, the third using what the first two
// captured (a header and a JSON value).
QList<SavedRequest> checkedRequests()
{
    SavedRequest user;
    user.name = QStringLiteral("Get user");
    user.order = 1;
    user.request.url = QStringLiteral("{{baseUrl}}/users/1");
    user.assertions = {
        {AssertionKind::StatusEquals, {}, QStringLiteral("200"), true},
        {AssertionKind::HeaderEquals, QStringLiteral("Content-Type"),
         QStringLiteral("application/json; charset=utf-8"), true},
        {AssertionKind::JsonEquals, QStringLiteral("/id"), QStringLiteral("1"), true},
        {AssertionKind::JsonType, QStringLiteral("/email"), QStringLiteral("string"), true},
        {AssertionKind::BodyContains, {}, QStringLiteral("never in the body"), false},
    };
    user.captures = {{QStringLiteral("etag"), CaptureSource::Header, QStringLiteral("ETag"), true}};

    SavedRequest login;
    login.name = QStringLiteral("Login");
    login.order = 2;
    login.request.method = QStringLiteral("POST");
    login.request.url = QStringLiteral("{{baseUrl}}/anything");
    login.request.body.mode = BodyMode::Json;
    JsonValue body = JsonValue::emptyObject();
    body.insert(QStringLiteral("token"), JsonValue::fromString(QStringLiteral("tok-1")));
    body.insert(QStringLiteral("n"), JsonValue::fromDouble(1.5));
    body.insert(QStringLiteral("awkward"), JsonValue::fromString(kAwkward));
    JsonValue list = JsonValue::emptyArray();
    list.append(JsonValue::fromInt(1));
    body.insert(QStringLiteral("a/b"), list);
    login.request.body.text = QString::fromUtf8(toJson(body));
    login.assertions = {
        {AssertionKind::StatusInRange, {}, QStringLiteral("2xx"), true},
        {AssertionKind::HeaderExists, QStringLiteral("content-type"), {}, true},
        {AssertionKind::HeaderMatches, QStringLiteral("Content-Type"),
         QStringLiteral("^application/json"), true},
        {AssertionKind::JsonExists, QStringLiteral("/json/token"), {}, true},
        {AssertionKind::JsonEquals, QStringLiteral("/json/n"), QStringLiteral("1.50"), true},
        {AssertionKind::JsonEquals, QStringLiteral("/json/awkward"), kAwkward, true},
        {AssertionKind::JsonType, QStringLiteral("/json/a~1b"), QStringLiteral("array"), true},
        {AssertionKind::JsonMatches, QStringLiteral("/json/token"), QStringLiteral("^tok-\\d$"),
         true},
        {AssertionKind::BodyContains, {}, QStringLiteral("\"tok-1\""), true},
        {AssertionKind::ResponseTimeBelow, {}, QStringLiteral("10000"), true},
    };
    login.captures = {
        {QStringLiteral("token"), CaptureSource::JsonPointer, QStringLiteral("/json/token"), true}};

    SavedRequest use;
    use.name = QStringLiteral("Use captures");
    use.order = 3;
    use.request.url = QStringLiteral("{{baseUrl}}/anything");
    use.request.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer {{token}}")},
                           {QStringLiteral("X-Etag"), QStringLiteral("{{etag}}")}};
    use.assertions = {
        {AssertionKind::StatusInRange, {}, QStringLiteral("{{okRange}}"), true},
        {AssertionKind::JsonEquals, QStringLiteral("/headers/Authorization"),
         QStringLiteral("Bearer tok-1"), true},
        {AssertionKind::JsonMatches, QStringLiteral("/headers/X-Etag"),
         QStringLiteral("^\"[0-9a-f]+\"$"), true},
        {AssertionKind::JsonType, QStringLiteral("/json"), QStringLiteral("null"), true},
    };
    return {user, login, use};
}

} // namespace

// A Postman collection with test scripts goes through Patchbay (import, files, export) and the
// export still runs in the real newman against `patchbay-cli sandbox`, scripts included.
class TestNewman final : public QObject
{
    Q_OBJECT

private:
    static QString newman()
    {
        return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
            + QStringLiteral("/tests/integration/servers/node_modules/.bin/newman");
    }
    static ProcessRun run(const QString &program, const QStringList &args)
    {
        return runProcess(program, args, 120000);
    }

    // newman on an exported collection against the sandbox, with its JSON report in `report`.
    ProcessRun runNewman(const QString &collection, const QString &report) const
    {
        return run(newman(),
                   {QStringLiteral("run"), collection, QStringLiteral("--env-var"),
                    QStringLiteral("baseUrl=") + m_base, QStringLiteral("--reporters"),
                    QStringLiteral("cli,json"), QStringLiteral("--reporter-json-export"), report,
                    QStringLiteral("--disable-unicode"), QStringLiteral("--color"),
                    QStringLiteral("off")});
    }
    static Result<JsonValue> readReport(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error {QStringLiteral("no-report"), path};
        return parseJson(file.readAll());
    }

    QProcess m_sandbox;
    QString m_base;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(newman()),
                 "newman is missing: run `npm ci` in tests/integration/servers (scripts/test "
                 "does)");
        m_base = startCliSandbox(m_sandbox);
        QVERIFY2(!m_base.isEmpty(), "patchbay-cli sandbox did not start");
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        QVERIFY(m_sandbox.waitForFinished(10000));
    }

    void exportedCollectionRunsInNewman()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fixture = qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
            + QStringLiteral("/tests/integration/data/newman.postman_collection.json");
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        const ProcessRun imported = run(
            cliPath(), {QStringLiteral("import"), fixture, QStringLiteral("--into"), workspace});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));

        const QString exported = dir.filePath(QStringLiteral("exported.json"));
        const ProcessRun exportRun
            = run(cliPath(),
                  {QStringLiteral("export"), workspace + QStringLiteral("/sandbox-checks"),
                   QStringLiteral("--format"), QStringLiteral("postman"), QStringLiteral("-o"),
                   exported});
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.err));

        const QString report = dir.filePath(QStringLiteral("report.json"));
        const ProcessRun newmanRun = runNewman(exported, report);
        QVERIFY2(newmanRun.exitCode == 0, qPrintable(newmanRun.out + newmanRun.err));

        const Result<JsonValue> parsed = readReport(report);
        QVERIFY2(parsed.ok(), "newman wrote no readable JSON report");
        const JsonValue &stats = parsed->value(u"run").value(u"stats");
        QCOMPARE(stats.value(u"requests").value(u"total").toInt(), 2);
        QCOMPARE(stats.value(u"requests").value(u"failed").toInt(), 0);
        // The three pm.test assertions of the fixture ran (scripts survived) and passed.
        QCOMPARE(stats.value(u"assertions").value(u"total").toInt(), 3);
        QCOMPARE(stats.value(u"assertions").value(u"failed").toInt(), 0);
        QCOMPARE(stats.value(u"prerequestScripts").value(u"total").toInt(), 1);
    }

    // Patchbay assertions and captures become pm.test / pm.collectionVariables.set scripts that
    // really check the responses in newman: all pass, and a broken expectation is one failure.
    void exportedAssertionsRunInNewman_data()
    {
        QTest::addColumn<QString>("breakStatus"); // expected status of the first assertion
        QTest::addColumn<int>("failed");
        QTest::newRow("all pass") << "200" << 0;
        QTest::newRow("one fails") << "201" << 1;
    }

    void exportedAssertionsRunInNewman()
    {
        QFETCH(QString, breakStatus);
        QFETCH(int, failed);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString collection = dir.filePath(QStringLiteral("ws/checks"));
        QVERIFY(QDir().mkpath(collection));
        CollectionInfo info;
        info.name = QStringLiteral("Checks");
        info.variables = {{QStringLiteral("okRange"), QStringLiteral("200-299"), true, false}};
        QVERIFY(writeFile(collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        QList<SavedRequest> requests = checkedRequests();
        requests[0].assertions[0].expected = breakStatus;
        int enabled = 0;
        for (const SavedRequest &r : std::as_const(requests)) {
            QVERIFY(
                writeFile(collection + u'/' + QString::number(r.order) + QStringLiteral(".yaml"),
                          requestToYaml(r)));
            for (const Assertion &a : r.assertions)
                enabled += a.enabled ? 1 : 0;
        }
        QCOMPARE(enabled, 18);

        const QString exported = dir.filePath(QStringLiteral("exported.json"));
        const ProcessRun exportRun
            = run(cliPath(),
                  {QStringLiteral("export"), collection, QStringLiteral("--format"),
                   QStringLiteral("postman"), QStringLiteral("-o"), exported});
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.err));

        const QString report = dir.filePath(QStringLiteral("report.json"));
        const ProcessRun newmanRun = runNewman(exported, report);
        // newman exits 1 when an assertion fails.
        QVERIFY2(newmanRun.exitCode == (failed == 0 ? 0 : 1),
                 qPrintable(newmanRun.out + newmanRun.err));

        const Result<JsonValue> parsed = readReport(report);
        QVERIFY2(parsed.ok(), "newman wrote no readable JSON report");
        const JsonValue &stats = parsed->value(u"run").value(u"stats");
        QCOMPARE(stats.value(u"requests").value(u"total").toInt(), 3);
        QCOMPARE(stats.value(u"requests").value(u"failed").toInt(), 0);
        // No script error: every generated script ran to its end.
        QCOMPARE(stats.value(u"testScripts").value(u"total").toInt(), 3);
        QVERIFY2(stats.value(u"testScripts").value(u"failed").toInt() == 0,
                 qPrintable(newmanRun.out));
        // One pm.test per enabled assertion (the disabled one is not run), all passing but
        // the one broken on purpose.
        QCOMPARE(stats.value(u"assertions").value(u"total").toInt(), enabled);
        QVERIFY2(stats.value(u"assertions").value(u"failed").toInt() == failed,
                 qPrintable(newmanRun.out));
        const JsonValue &failures = parsed->value(u"run").value(u"failures");
        QCOMPARE(failures.size(), qsizetype(failed));
        if (failed == 1)
            QCOMPARE(failures.at(0).value(u"error").value(u"test").toString(),
                     QStringLiteral("status equals 201"));
    }
};

QTEST_GUILESS_MAIN(TestNewman)
#include "tst_newman.moc"
