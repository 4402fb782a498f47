#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <memory>

// Runs the real `patchbay-cli sandbox` and talks to it over HTTP.
class TestSandboxCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void servesUntilSignal_data();
    void servesUntilSignal();
    void refuses_data();
    void refuses();

private:
    QString m_binary;
};

void TestSandboxCli::initTestCase()
{
    const QByteArray dir = qgetenv("PATCHBAY_BINARY_DIR");
    QVERIFY2(!dir.isEmpty(), "run through ctest: PATCHBAY_BINARY_DIR is not set");
    m_binary = QString::fromLocal8Bit(dir) + QStringLiteral("/app/cli/patchbay-cli");
    QVERIFY2(QFile::exists(m_binary), qPrintable(m_binary));
}

void TestSandboxCli::servesUntilSignal_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestSandboxCli::servesUntilSignal()
{
    QFETCH(int, signalNumber);

    QProcess process;
    process.start(m_binary,
                  {QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));

    // The first line says where it listens; --port 0 picked a free port.
    QByteArray output;
    const QRegularExpression listening(
        QStringLiteral("^Sandbox API listening on (http://127\\.0\\.0\\.1:(\\d+))$"),
        QRegularExpression::MultilineOption);
    QRegularExpressionMatch match;
    QTRY_VERIFY_WITH_TIMEOUT((output += process.readAllStandardOutput(),
                              match = listening.match(QString::fromUtf8(output)), match.hasMatch()),
                             10000);
    QVERIFY(match.captured(2).toInt() > 0);
    const QString base = match.captured(1);

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(base + QStringLiteral("/users/1")));
    request.setRawHeader("Content-Type", "application/merge-patch+json");
    std::unique_ptr<QNetworkReply> reply(
        network.sendCustomRequest(request, "PATCH", "{\"email\": \"new@example.com\"}"));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray body = reply->readAll();
    QVERIFY2(body.contains("\"email\": \"new@example.com\""), body.constData());
    QVERIFY2(body.contains("\"name\": \"Leanne Graham\""), body.constData());

    QCOMPARE(::kill(pid_t(process.processId()), signalNumber), 0);
    QSignalSpy exited(&process, &QProcess::finished);
    QVERIFY(process.state() == QProcess::NotRunning || exited.wait(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void TestSandboxCli::refuses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("port taken") << QStringList {QStringLiteral("--port"), QStringLiteral("TAKEN")}
                                << 1 << QStringLiteral("Cannot listen on 127.0.0.1:");
    QTest::newRow("non-loopback host")
        << QStringList {QStringLiteral("--host"), QStringLiteral("0.0.0.0")} << 2
        << QStringLiteral("--allow-remote");
    QTest::newRow("not an address")
        << QStringList {QStringLiteral("--host"), QStringLiteral("example.com")} << 2
        << QStringLiteral("not an IP address");
    QTest::newRow("bad port") << QStringList {QStringLiteral("--port"), QStringLiteral("70000")}
                              << 2 << QStringLiteral("--port must be a number");
    QTest::newRow("unknown option")
        << QStringList {QStringLiteral("--frobnicate")} << 2 << QStringLiteral("frobnicate");
}

void TestSandboxCli::refuses()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    arguments.replaceInStrings(QStringLiteral("TAKEN"), QString::number(blocker.serverPort()));
    arguments.prepend(QStringLiteral("sandbox"));

    QProcess process;
    process.start(m_binary, arguments);
    QVERIFY(process.waitForStarted(10000));
    QSignalSpy exited(&process, &QProcess::finished);
    QVERIFY(process.state() == QProcess::NotRunning || exited.wait(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), exitCode);
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(errors.contains(message), qPrintable(errors));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "tst_sandboxcli.moc"
