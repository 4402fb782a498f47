#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace Patchbay::Test {

// A real third-party server (httpbin, json-server) started for one test executable on a free
// loopback port and stopped with it. start() waits until the port accepts connections.
class ExternalServer final
{
public:
    ExternalServer(QString name, QString program, QStringList argumentsWithPortPlaceholder,
                   QString workingDirectory = {});
    ~ExternalServer();
    ExternalServer(const ExternalServer &) = delete;
    ExternalServer &operator=(const ExternalServer &) = delete;
    ExternalServer(ExternalServer &&) = default;
    ExternalServer &operator=(ExternalServer &&) = default;

    // A configuration file written before each start, with "{port}" replaced by the port.
    void setConfigFile(const QString &path, const QString &contentWithPortPlaceholder);
    void setEnvironment(const QProcessEnvironment &environment);

    // Empty string on success, otherwise what went wrong (including the server's output).
    QString start(int timeoutMs = 20000);
    void stop();
    quint16 port() const { return m_port; }
    QUrl url(const QString &path = {}) const;
    QUrl httpsUrl(const QString &path = {},
                  const QString &host = QStringLiteral("127.0.0.1")) const;
    // What the server printed so far.
    QString output();

    static ExternalServer httpbin();
    // `dbJson` is copied: json-server rewrites its database file.
    static ExternalServer jsonServer(const QString &dbJsonPath, const QString &tempDir);
    // json-server over a copy of tests/integration/data/jsonserver-db.json (users and posts).
    static ExternalServer sampleJsonServer(const QString &tempDir);
    // oauth2-mock-server configured by servers/oauth2-server.mjs (clients, users, short-lived
    // tokens: `extra` is e.g. {"--token-ttl", "2"}).
    static ExternalServer oauth2MockServer(const QStringList &extra = {});
    // The Authlib device-flow server, servers/oauth2_device_server.py.
    static ExternalServer oauth2DeviceServer(const QStringList &extra = {});
    // servers/authverifier.py: OAuth 1.0a (oauthlib) and JWT (PyJWT) checks; it writes the keys
    // and secrets it accepts to keyDir/credentials.json before it listens.
    static ExternalServer authVerifier(const QString &keyDir);

private:
    QString m_name;
    QString m_program;
    QStringList m_arguments;
    QString m_workingDirectory;
    QString m_configPath;
    QString m_configTemplate;
    std::optional<QProcessEnvironment> m_environment;
    QByteArray m_output;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process; // owned
};

} // namespace Patchbay::Test
