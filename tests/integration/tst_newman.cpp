#include "core/json/jsonparser.h"
#include "tests/integration/clisandbox.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

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
        const ProcessRun newmanRun
            = run(newman(),
                  {QStringLiteral("run"), exported, QStringLiteral("--env-var"),
                   QStringLiteral("baseUrl=") + m_base, QStringLiteral("--reporters"),
                   QStringLiteral("cli,json"), QStringLiteral("--reporter-json-export"), report,
                   QStringLiteral("--disable-unicode"), QStringLiteral("--color"),
                   QStringLiteral("off")});
        QVERIFY2(newmanRun.exitCode == 0, qPrintable(newmanRun.out + newmanRun.err));

        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Result<JsonValue> parsed = parseJson(file.readAll());
        QVERIFY(parsed.ok());
        const JsonValue &stats = parsed->value(u"run").value(u"stats");
        QCOMPARE(stats.value(u"requests").value(u"total").toInt(), 2);
        QCOMPARE(stats.value(u"requests").value(u"failed").toInt(), 0);
        // The three pm.test assertions of the fixture ran (scripts survived) and passed.
        QCOMPARE(stats.value(u"assertions").value(u"total").toInt(), 3);
        QCOMPARE(stats.value(u"assertions").value(u"failed").toInt(), 0);
        QCOMPARE(stats.value(u"prerequestScripts").value(u"total").toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestNewman)
#include "tst_newman.moc"
