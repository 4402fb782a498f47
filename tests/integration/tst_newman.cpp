#include "core/json/jsonparser.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

// A Postman collection with test scripts goes through Patchbay (import, files, export) and the
// export still runs in the real newman against `patchbay-cli sandbox`, scripts included.
class TestNewman final : public QObject
{
    Q_OBJECT

private:
    static QString cli()
    {
        return qEnvironmentVariable("PATCHBAY_BINARY_DIR")
            + QStringLiteral("/app/cli/patchbay-cli");
    }
    static QString newman()
    {
        return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
            + QStringLiteral("/tests/integration/servers/node_modules/.bin/newman");
    }
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(program, args);
        Run r;
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QProcess m_sandbox;
    QString m_base;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(newman()),
                 "newman is missing: run `npm ci` in tests/integration/servers (scripts/test "
                 "does)");
        m_sandbox.start(cli(),
                        {QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY2(m_sandbox.waitForStarted(), qPrintable(m_sandbox.errorString()));
        static const QRegularExpression listening(QStringLiteral("(http://127\\.0\\.0\\.1:\\d+)"));
        QString printed;
        QTRY_VERIFY_WITH_TIMEOUT((printed += QString::fromUtf8(m_sandbox.readAllStandardOutput()),
                                  listening.match(printed).hasMatch()),
                                 15000);
        m_base = listening.match(printed).captured(1);
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
        const Run imported
            = run(cli(), {QStringLiteral("import"), fixture, QStringLiteral("--into"), workspace});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));

        const QString exported = dir.filePath(QStringLiteral("exported.json"));
        const Run exportRun
            = run(cli(),
                  {QStringLiteral("export"), workspace + QStringLiteral("/sandbox-checks"),
                   QStringLiteral("--format"), QStringLiteral("postman"), QStringLiteral("-o"),
                   exported});
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.err));

        const QString report = dir.filePath(QStringLiteral("report.json"));
        const Run newmanRun
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
