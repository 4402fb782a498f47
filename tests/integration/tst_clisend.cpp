#include "tests/integration/clisandbox.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

using Patchbay::Test::cliPath;
using Patchbay::Test::ProcessRun;
using Patchbay::Test::runProcess;
using Patchbay::Test::startCliSandbox;

// `patchbay-cli send` end to end against `patchbay-cli sandbox`, both as real processes.
class TestCliSend final : public QObject
{
    Q_OBJECT

private:
    static ProcessRun run(const QStringList &args) { return runProcess(cliPath(), args, 30000); }

    QProcess m_sandbox;
    QString m_base;

private slots:
    void initTestCase()
    {
        m_base = startCliSandbox(m_sandbox);
        QVERIFY2(!m_base.isEmpty(), "patchbay-cli sandbox did not start");
    }
    void cleanupTestCase()
    {
        m_sandbox.terminate();
        QVERIFY(m_sandbox.waitForFinished(10000));
    }

    void patchShowsTheMergedUser()
    {
        const ProcessRun r = run({QStringLiteral("send"), QStringLiteral("PATCH"),
                                  m_base + QStringLiteral("/users/1"), QStringLiteral("--json"),
                                  QStringLiteral("{\"email\":\"new@example.com\"}")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QLatin1String("HTTP/1.1 200 OK\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("\"email\": \"new@example.com\"")),
                 qPrintable(r.out));
        // Merged, not replaced: the other fields are still there, pretty-printed.
        QVERIFY2(r.out.contains(QLatin1String("\n  \"name\": ")), qPrintable(r.out));
        // Key order of the server is kept: id comes first.
        QVERIFY(r.out.indexOf(QLatin1String("\"id\"")) < r.out.indexOf(QLatin1String("\"name\"")));
    }

    void includeShowsHeaders()
    {
        const ProcessRun r = run({QStringLiteral("send"), QStringLiteral("GET"),
                                  m_base + QStringLiteral("/users/2"), QStringLiteral("-i")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\n[Ee][Tt]ag: "))),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(
            QRegularExpression(QStringLiteral("\\n[Cc]ontent-[Tt]ype: application/json"))));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("404 is a response")
            << QStringList {QStringLiteral("GET"), QStringLiteral("/users/999")} << 0;
        QTest::newRow("404 with --fail")
            << QStringList {QStringLiteral("GET"), QStringLiteral("/users/999"),
                            QStringLiteral("--fail")}
            << 4;
        QTest::newRow("500 with --fail")
            << QStringList {QStringLiteral("GET"), QStringLiteral("/status/500"),
                            QStringLiteral("--fail")}
            << 4;
        QTest::newRow("missing URL is a usage error") << QStringList {QStringLiteral("GET")} << 2;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        if (args.size() > 1)
            args[1] = m_base + args[1];
        args.prepend(QStringLiteral("send"));
        QCOMPARE(run(args).exitCode, exitCode);
    }

    void transportErrorsExitThreeWithAMessage_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("messagePart");
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString closedPort = QStringLiteral("http://127.0.0.1:%1/").arg(probe.serverPort());
        probe.close();
        QTest::newRow("refused") << closedPort << QStringLiteral("refused");
        QTest::newRow("invalid URL")
            << QStringLiteral("http://exa mple.com/") << QStringLiteral("URL");
    }
    void transportErrorsExitThreeWithAMessage()
    {
        QFETCH(QString, url);
        QFETCH(QString, messagePart);
        const ProcessRun r = run({QStringLiteral("send"), QStringLiteral("GET"), url});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(messagePart, Qt::CaseInsensitive), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliSend)
#include "tst_clisend.moc"
