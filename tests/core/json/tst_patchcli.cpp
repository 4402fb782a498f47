#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// Runs the real patchbay-cli binary: `patch diff` and `patch apply`, files and stdin, exit codes.
class TestPatchCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void diffJsonPatch();
    void diffWithTests();
    void diffMergeWarns();
    void applyDetectsFormat_data();
    void applyDetectsFormat();
    void applyFromStdin();
    void failingOperationIndex();
    void usageErrors_data();
    void usageErrors();
    void unreadableAndInvalidFiles();
    void roundTripDiffThenApply();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &args, const QByteArray &input = {});
    QString write(const QString &name, const QByteArray &content);

    QString m_binary;
    QTemporaryDir m_dir;
};

void TestPatchCli::initTestCase()
{
    m_binary
        = qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/app/cli/patchbay-cli");
    QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
    QVERIFY(m_dir.isValid());
}

TestPatchCli::Run TestPatchCli::run(const QStringList &args, const QByteArray &input)
{
    QProcess process;
    process.start(m_binary, QStringList {QStringLiteral("patch")} + args);
    Run result;
    if (!process.waitForStarted(10000))
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString TestPatchCli::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

void TestPatchCli::diffJsonPatch()
{
    const QString before
        = write(QStringLiteral("before.json"), R"({"price": 1.50, "id": 7, "tags": ["a"]})");
    const QString after
        = write(QStringLiteral("after.json"), R"({"price": 2.50, "id": 7, "tags": ["a", "b"]})");
    const Run r = run({QStringLiteral("diff"), before, after});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out,
             QByteArray("[\n  {\n    \"op\": \"replace\",\n    \"path\": \"/price\",\n"
                        "    \"value\": 2.50\n  },\n  {\n    \"op\": \"add\",\n"
                        "    \"path\": \"/tags/1\",\n    \"value\": \"b\"\n  }\n]\n"));
    QVERIFY(r.err.isEmpty());
}

void TestPatchCli::diffWithTests()
{
    const QString before = write(QStringLiteral("t1.json"), R"({"n": 1})");
    const QString after = write(QStringLiteral("t2.json"), R"({"n": 2})");
    const Run r = run({QStringLiteral("diff"), QStringLiteral("--tests"), before, after});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(
                 "[\n  {\n    \"op\": \"test\",\n    \"path\": \"/n\",\n    \"value\": 1\n"),
             r.out.constData());
}

void TestPatchCli::diffMergeWarns()
{
    const QString before = write(QStringLiteral("m1.json"), R"({"a": 1, "b": {"c": 1}, "l": [1]})");
    const QString after = write(QStringLiteral("m2.json"), R"({"b": {"c": null}, "l": [1, 2]})");
    const Run r = run({QStringLiteral("diff"), QStringLiteral("--format"), QStringLiteral("merge"),
                       before, after});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out,
             QByteArray("{\n  \"a\": null,\n  \"b\": {\n    \"c\": null\n  },\n  \"l\": [\n"
                        "    1,\n    2\n  ]\n}\n"));
    QVERIFY2(r.err.contains("/b/c:"), r.err.constData());
    QVERIFY2(r.err.contains("/l:"), r.err.constData());
}

void TestPatchCli::applyDetectsFormat_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("array is json-patch")
        << QByteArray(R"([{"op":"add","path":"/z","value":1e3}])") << QStringList()
        << QByteArray("{\n  \"a\": 1.50,\n  \"z\": 1e3\n}\n");
    QTest::newRow("object is merge")
        << QByteArray(R"({"a":null,"b":[]})") << QStringList() << QByteArray("{\n  \"b\": []\n}\n");
    QTest::newRow("forced merge with array")
        << QByteArray("[1]") << QStringList {QStringLiteral("--format"), QStringLiteral("merge")}
        << QByteArray("[\n  1\n]\n");
}

void TestPatchCli::applyDetectsFormat()
{
    QFETCH(QByteArray, patch);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, expected);
    const QString doc = write(QStringLiteral("doc.json"), R"({"a": 1.50})");
    const QString patchFile = write(QStringLiteral("patch.json"), patch);
    const Run r = run(QStringList {QStringLiteral("apply")} + extra + QStringList {doc, patchFile});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, expected);
}

void TestPatchCli::applyFromStdin()
{
    const QString doc = write(QStringLiteral("stdin-doc.json"), R"({"a": 1})");
    Run r = run({QStringLiteral("apply"), doc, QStringLiteral("-")},
                R"([{"op":"replace","path":"/a","value":"x"}])");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("{\n  \"a\": \"x\"\n}\n"));

    const QString patch = write(QStringLiteral("stdin-patch.json"), R"({"b": 2})");
    r = run({QStringLiteral("apply"), QStringLiteral("-"), patch}, R"({"a": 1})");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("{\n  \"a\": 1,\n  \"b\": 2\n}\n"));
}

void TestPatchCli::failingOperationIndex()
{
    const QString doc = write(QStringLiteral("fail-doc.json"), R"({"a": {}})");
    const QString patch = write(QStringLiteral("fail-patch.json"),
                                R"([{"op":"add","path":"/x","value":1},
                                    {"op":"test","path":"/a","value":{}},
                                    {"op":"replace","path":"/a/b","value":2}])");
    const Run r = run({QStringLiteral("apply"), doc, patch});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("operation 2 (replace /a/b): "), r.err.constData());
    QVERIFY2(r.err.contains("does not exist"), r.err.constData());
}

void TestPatchCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList();
    QTest::newRow("unknown action")
        << QStringList {QStringLiteral("merge"), QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("one file") << QStringList {QStringLiteral("diff"), QStringLiteral("a")};
    QTest::newRow("bad format") << QStringList {QStringLiteral("diff"), QStringLiteral("--format"),
                                                QStringLiteral("xml"), QStringLiteral("a"),
                                                QStringLiteral("b")};
    QTest::newRow("unknown option") << QStringList {
        QStringLiteral("diff"), QStringLiteral("--nope"), QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("two stdins") << QStringList {QStringLiteral("diff"), QStringLiteral("-"),
                                                QStringLiteral("-")};
    QTest::newRow("tests with merge") << QStringList {
        QStringLiteral("diff"),  QStringLiteral("--tests"), QStringLiteral("--format"),
        QStringLiteral("merge"), QStringLiteral("a"),       QStringLiteral("b")};
}

void TestPatchCli::usageErrors()
{
    QFETCH(QStringList, args);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("Usage: patchbay-cli patch"));
}

void TestPatchCli::unreadableAndInvalidFiles()
{
    const QString good = write(QStringLiteral("good.json"), "{}");
    Run r = run({QStringLiteral("diff"), m_dir.filePath(QStringLiteral("missing.json")), good});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot read") && r.err.contains("missing.json"), r.err.constData());

    const QString bad = write(QStringLiteral("bad.json"), "{\n  \"a\": [1,]\n}");
    r = run({QStringLiteral("diff"), good, bad});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("bad.json:2:10: invalid JSON: trailing comma"), r.err.constData());
}

void TestPatchCli::roundTripDiffThenApply()
{
    const QByteArray beforeText
        = R"({"items": [{"id": 1, "q": 2}, {"id": 2, "q": 5}], "total": 7.00, "note": "x"})";
    const QString before = write(QStringLiteral("rt1.json"), beforeText);
    const QString after = write(QStringLiteral("rt2.json"),
                                R"({"items": [{"id": 2, "q": 6}], "total": 6.00, "extra": true})");
    const Run diff = run({QStringLiteral("diff"), before, after});
    QCOMPARE(diff.exitCode, 0);
    const Run applied = run({QStringLiteral("apply"), before, QStringLiteral("-")}, diff.out);
    QCOMPARE(applied.exitCode, 0);
    QCOMPARE(applied.out,
             QByteArray("{\n  \"items\": [\n    {\n      \"id\": 2,\n      \"q\": 6\n"
                        "    }\n  ],\n  \"total\": 6.00,\n  \"extra\": true\n}\n"));
}

QTEST_GUILESS_MAIN(TestPatchCli)
#include "tst_patchcli.moc"
