#include "tests/integration/clisandbox.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using Patchbay::Test::cliPath;
using Patchbay::Test::ProcessRun;
using Patchbay::Test::runProcess;
using Patchbay::Test::startCliSandbox;

namespace {

// tests/support/hostile_server.py in its own process; empty URL when it did not start.
QString startHostileServer(QProcess &process, const QTemporaryDir &dir, const QStringList &args)
{
    const QString portFile = dir.filePath(QStringLiteral("port"));
    process.start(QStringLiteral("/usr/bin/python3"),
                  QStringList {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                   + QStringLiteral("/tests/support/hostile_server.py"),
                               portFile}
                      + args);
    const bool ready = QTest::qWaitFor([&] { return QFileInfo(portFile).size() > 0; }, 60000);
    QFile file(portFile);
    if (!ready || !file.open(QIODevice::ReadOnly))
        return {};
    return QStringLiteral("http://127.0.0.1:%1/").arg(QString::fromLatin1(file.readAll()));
}

} // namespace

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
    // Ctrl+C or SIGTERM while a large body was printed left the whole temporary body file
    // behind (200 MB in the test): the default action killed the process on the spot.
    void stopSignalRemovesTheTemporaryBody_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void stopSignalRemovesTheTemporaryBody()
    {
        QFETCH(int, signal);
        QTemporaryDir serverDir;
        QProcess server;
        const QString url = startHostileServer(
            server, serverDir, {QStringLiteral("big"), QString::number(48 * 1024 * 1024)});
        QVERIFY2(!url.isEmpty(), "hostile_server.py did not start");
        QTemporaryDir tmp;
        QProcess send;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), tmp.path());
        send.setProcessEnvironment(env);
        // stdout is a pipe nobody reads: printing blocks once it is full, with the body on disk.
        send.start(cliPath(), {QStringLiteral("send"), QStringLiteral("GET"), url});
        QVERIFY(send.waitForStarted());
        const QDir dir(tmp.path());
        const auto bodyFiles
            = [&] { return dir.entryList({QStringLiteral("patchbay-body-*")}, QDir::Files); };
        QVERIFY(QTest::qWaitFor(
            [&] {
                const QStringList files = bodyFiles();
                return !files.isEmpty()
                    && QFileInfo(dir.filePath(files.constFirst())).size() == 48 * 1024 * 1024;
            },
            60000));
        QTest::qWait(200); // into the printing loop
        ::kill(pid_t(send.processId()), signal);
        QVERIFY(send.waitForFinished(15000));
        QCOMPARE(send.exitStatus(), QProcess::NormalExit);
        QCOMPARE(send.exitCode(), 128 + signal);
        QVERIFY2(bodyFiles().isEmpty(), qPrintable(bodyFiles().join(u' ')));
        server.kill();
        server.waitForFinished();
    }

    // --timeout is an idle timeout: a body trickling a byte a second never ended.
    void maxTimeEndsATrickle()
    {
        QTemporaryDir serverDir;
        QProcess server;
        const QString url = startHostileServer(server, serverDir, {QStringLiteral("trickle")});
        QVERIFY2(!url.isEmpty(), "hostile_server.py did not start");
        QElapsedTimer timer;
        timer.start();
        const ProcessRun r = run({QStringLiteral("send"), QStringLiteral("GET"), url,
                                  QStringLiteral("--max-time"), QStringLiteral("1.5")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("maximum time of 1500 ms")), qPrintable(r.err));
        QVERIFY(timer.elapsed() < 20000);
        server.kill();
        server.waitForFinished();
    }

    void maxTimeAndBodySizeAreChecked_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("max-time") << QStringList {QStringLiteral("--max-time"),
                                                  QStringLiteral("x")};
        QTest::newRow("max-body-size")
            << QStringList {QStringLiteral("--max-body-size"), QStringLiteral("12Q")};
    }
    void maxTimeAndBodySizeAreChecked()
    {
        QFETCH(QStringList, args);
        const ProcessRun r = run(QStringList {QStringLiteral("send"), QStringLiteral("GET"),
                                              m_base + QStringLiteral("/users/1")}
                                 + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(args.constFirst()), qPrintable(r.err));
    }

    void maxBodySizeStopsALargerBody()
    {
        const ProcessRun r
            = run({QStringLiteral("send"), QStringLiteral("GET"), m_base + QStringLiteral("/users"),
                   QStringLiteral("--max-body-size"), QStringLiteral("10")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("larger than the limit")), qPrintable(r.err));
    }

    // Escape sequences a server sends reached the terminal through `send -i`.
    void escapesAreShownOnATerminal()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&server] {
            QTcpSocket *socket = server.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 \x1b[31mOK\r\nX-Evil: \x1b]0;title\x07\r\n"
                              "Content-Type: text/plain\r\nContent-Length: 9\r\n\r\n"
                              "\x1b[2Jbody\n");
                socket->disconnectFromHost();
            });
        });
        // script(1) gives the command a terminal of its own.
        QProcess p;
        p.start(QStringLiteral("script"),
                {QStringLiteral("-qec"),
                 QStringLiteral("%1 send -i GET http://127.0.0.1:%2/")
                     .arg(cliPath())
                     .arg(server.serverPort()),
                 QStringLiteral("/dev/null")});
        QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000));
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(!out.contains('\x1b'), out.toPercentEncoding().constData());
        QVERIFY2(out.contains("200 ^[[31mOK"), out.constData());
        QVERIFY2(out.contains("X-Evil: ^[]0;title^G"), out.constData());
        QVERIFY2(out.contains("^[[2Jbody"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliSend)
#include "tst_clisend.moc"
