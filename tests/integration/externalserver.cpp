#include "tests/integration/externalserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
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
        if (!m_configPath.isEmpty()) {
            QFile config(m_configPath);
            if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return m_name + QStringLiteral(": cannot write ") + m_configPath;
            QString content = m_configTemplate;
            config.write(
                content.replace(QStringLiteral("{port}"), QString::number(m_port)).toUtf8());
        }
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        if (m_environment)
            m_process->setProcessEnvironment(*m_environment);
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
    const QString printed = output();
    stop();
    return m_name + QStringLiteral(" did not accept connections on 127.0.0.1. Output:\n") + printed;
}

void ExternalServer::setConfigFile(const QString &path, const QString &content)
{
    m_configPath = path;
    m_configTemplate = content;
}

void ExternalServer::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
}

QString ExternalServer::output()
{
    if (m_process)
        m_output += m_process->readAll();
    return QString::fromLocal8Bit(m_output);
}

QUrl ExternalServer::httpsUrl(const QString &path, const QString &host) const
{
    return QUrl(QStringLiteral("https://%1:%2%3").arg(host).arg(m_port).arg(path));
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

ExternalServer ExternalServer::oauth2MockServer(const QStringList &extra)
{
    const QString servers = qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/integration/servers");
    QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        node = QStringLiteral("/usr/bin/node");
    return ExternalServer(QStringLiteral("oauth2-mock-server"), node,
                          QStringList {servers + QStringLiteral("/oauth2-server.mjs"),
                                       QStringLiteral("--port"), QStringLiteral("{port}")}
                              + extra,
                          servers);
}

ExternalServer ExternalServer::oauth2DeviceServer(const QStringList &extra)
{
    const QString script = qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/integration/servers/oauth2_device_server.py");
    return ExternalServer(
        QStringLiteral("Authlib device server"), QStringLiteral("/usr/bin/python3"),
        QStringList {script, QStringLiteral("--port"), QStringLiteral("{port}")} + extra);
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
