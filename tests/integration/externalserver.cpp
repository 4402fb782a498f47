#include "tests/integration/externalserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace Patchbay::Test {

namespace {

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

ExternalServer::ExternalServer(QString name, QString program, QStringList arguments,
                               QString workingDirectory)
    : m_name(std::move(name))
    , m_program(std::move(program))
    , m_arguments(std::move(arguments))
    , m_workingDirectory(std::move(workingDirectory))
{ }

ExternalServer::~ExternalServer()
{
    stop();
}

QString ExternalServer::start(int timeoutMs)
{
    if (!QFile::exists(m_program))
        return m_name
            + QStringLiteral(" is not installed (%1 missing): run scripts/test, which "
                             "installs it")
                  .arg(m_program);
    // A port taken between probing and binding is retried with another one.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freeLoopbackPort();
        QStringList args = m_arguments;
        args.replaceInStrings(QStringLiteral("{port}"), QString::number(m_port));
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        if (!m_workingDirectory.isEmpty())
            m_process->setWorkingDirectory(m_workingDirectory);
        m_process->start(m_program, args);
        if (!m_process->waitForStarted(5000))
            return m_name + QStringLiteral(" did not start: ") + m_process->errorString();

        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(200))
                return {};
            QThread::msleep(50); // polling a child process's port; no signal exists for this
        }
        if (m_process->state() == QProcess::Running)
            break;
        m_process->waitForFinished(1000);
    }
    const QString output = QString::fromLocal8Bit(m_process->readAll());
    stop();
    return m_name + QStringLiteral(" did not accept connections on 127.0.0.1. Output:\n") + output;
}

void ExternalServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

QUrl ExternalServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

ExternalServer ExternalServer::httpbin()
{
    // Debian's python3-httpbin; /usr/bin/python3 because another python3 may come first in PATH.
    return ExternalServer(QStringLiteral("httpbin"), QStringLiteral("/usr/bin/python3"),
                          {QStringLiteral("-m"), QStringLiteral("httpbin.core"),
                           QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("--port"), QStringLiteral("{port}")});
}

ExternalServer ExternalServer::authVerifier(const QString &keyDir)
{
    return ExternalServer(QStringLiteral("authverifier"), QStringLiteral("/usr/bin/python3"),
                          {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                               + QStringLiteral("/tests/integration/servers/authverifier.py"),
                           QStringLiteral("{port}"), keyDir});
}

ExternalServer ExternalServer::sampleJsonServer(const QString &tempDir)
{
    return jsonServer(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                          + QStringLiteral("/tests/integration/data/jsonserver-db.json"),
                      tempDir);
}

ExternalServer ExternalServer::jsonServer(const QString &dbJsonPath, const QString &tempDir)
{
    const QString db = tempDir + QStringLiteral("/db.json");
    QFile::remove(db);
    QFile::copy(dbJsonPath, db);
    QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner);
    const QString program = qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/integration/servers/node_modules/.bin/json-server");
    return ExternalServer(QStringLiteral("json-server"), program,
                          {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("--port"), QStringLiteral("{port}"),
                           QStringLiteral("--quiet"), db},
                          tempDir);
}

} // namespace Patchbay::Test
