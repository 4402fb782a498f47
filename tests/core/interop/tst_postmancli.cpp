#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the real patchbay-cli: `import` into a workspace and `export` back to Postman.
class TestPostmanCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_binary
            = qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/app/cli/patchbay-cli");
        QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
    }

    void importThenExport()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        Run imported
            = run({QStringLiteral("import"), fixture(), QStringLiteral("--into"), workspace});
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.out.contains("Created ("), imported.out.constData());
        QVERIFY(imported.out.contains("Converted with loss ("));
        QVERIFY(imported.out.contains("access token saved with the OAuth 2.0 settings"));
        QVERIFY(imported.out.contains("Skipped (0):"));
        const QString collection = workspace + QStringLiteral("/shop-api");
        QVERIFY2(QFile::exists(collection + QStringLiteral("/collection.yaml")),
                 imported.out.constData());

        const QString out = dir.filePath(QStringLiteral("exported.json"));
        Run exported = run({QStringLiteral("export"), collection, QStringLiteral("--format"),
                            QStringLiteral("postman"), QStringLiteral("-o"), out});
        QCOMPARE(exported.exitCode, 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("collection/v2.1.0"));
        QVERIFY(bytes.contains("pm.response.to.have.status(200);"));

        // Importing the export again adds a second collection, never touching the first.
        Run again = run({QStringLiteral("import"), out, QStringLiteral("--into"), workspace});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(QFile::exists(workspace + QStringLiteral("/shop-api-2/collection.yaml")));
    }

    void failsClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("missing file")
            << QStringList {QStringLiteral("import"), QStringLiteral("/nonexistent/x.json"),
                            QStringLiteral("--into"), QStringLiteral("WS")}
            << 1 << QByteArray("does not exist");
        QTest::newRow("no --into")
            << QStringList {QStringLiteral("import"), QStringLiteral("x.json")} << 2
            << QByteArray("usage");
        QTest::newRow("bad format")
            << QStringList {QStringLiteral("import"),   QStringLiteral("x.json"),
                            QStringLiteral("--into"),   QStringLiteral("WS"),
                            QStringLiteral("--format"), QStringLiteral("word")}
            << 2 << QByteArray("unknown format");
        QTest::newRow("export not a collection")
            << QStringList {QStringLiteral("export"), QStringLiteral("/"), QStringLiteral("-o"),
                            QStringLiteral("OUT")}
            << 1 << QByteArray("not a Patchbay collection");
    }

    void failsClearly()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        args.replaceInStrings(QStringLiteral("WS"), dir.filePath(QStringLiteral("ws")));
        args.replaceInStrings(QStringLiteral("OUT"), dir.filePath(QStringLiteral("out.json")));
        const Run r = run(args);
        QTEST(r.exitCode, "exitCode");
        QFETCH(QByteArray, message);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void badJsonNamesLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"info\": {\"schema\": "
                "\"https://schema.getpostman.com/json/collection/v2.1.0/\"},\n \"item\": [,]}");
        f.close();
        const Run r = run({QStringLiteral("import"), path, QStringLiteral("--into"),
                           dir.filePath(QStringLiteral("ws"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("line 2, column"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("ws"))));
    }

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static QString fixture()
    {
        return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
            + QStringLiteral("/tests/core/interop/data/postman/full-v21.postman_collection.json");
    }

    Run run(const QStringList &args)
    {
        QProcess process;
        process.start(m_binary, args);
        Run result;
        if (!process.waitForStarted(10000) || !process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished(5000);
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QString m_binary;
};

QTEST_GUILESS_MAIN(TestPostmanCli)
#include "tst_postmancli.moc"
