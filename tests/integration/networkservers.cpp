#include "tests/integration/networkservers.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <unistd.h>

namespace Patchbay::Test {

namespace {

QString pki(const QString &dir, const char *file)
{
    return dir + QStringLiteral("/pki/") + QLatin1String(file);
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

QString makeTestPki(const QString &dir)
{
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    script.start(QStringLiteral("sh"),
                 {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                      + QStringLiteral("/tests/integration/servers/make-test-pki.sh"),
                  dir + QStringLiteral("/pki")});
    if (!script.waitForFinished(120000) || script.exitStatus() != QProcess::NormalExit
        || script.exitCode() != 0)
        return QStringLiteral("make-test-pki.sh failed: ")
            + QString::fromLocal8Bit(script.readAll());
    return {};
}

QString tinyproxyLog(const QString &dir)
{
    return dir + QStringLiteral("/tinyproxy.log");
}

ExternalServer tinyproxy(const QString &dir, const QString &user, const QString &password)
{
    QString config = QStringLiteral("Port {port}\n"
                                    "Listen 127.0.0.1\n"
                                    "Timeout 60\n"
                                    "MaxClients 50\n"
                                    "LogLevel Connect\n"
                                    "LogFile \"%1\"\n"
                                    "Allow 127.0.0.1\n"
                                    "DisableViaHeader Yes\n")
                         .arg(tinyproxyLog(dir));
    if (!user.isEmpty())
        config += QStringLiteral("BasicAuth %1 %2\n").arg(user, password);
    ExternalServer server(
        QStringLiteral("tinyproxy"), QStringLiteral("/usr/bin/tinyproxy"),
        {QStringLiteral("-d"), QStringLiteral("-c"), dir + QStringLiteral("/tinyproxy.conf")});
    server.setConfigFile(dir + QStringLiteral("/tinyproxy.conf"), config);
    return server;
}

QString dantedLog(const QString &dir)
{
    return dir + QStringLiteral("/danted.log");
}

ExternalServer danted(const QString &dir, bool requireUser, const QStringList &extraHosts)
{
    // A private password database and hosts file through nss_wrapper, so that neither a system
    // user nor /etc/hosts is touched. The password is crypt(3)ed by openssl.
    QProcess crypt;
    crypt.start(QStringLiteral("openssl"),
                {QStringLiteral("passwd"), QStringLiteral("-6"), QLatin1String(kSocksPassword)});
    crypt.waitForFinished(30000);
    const QByteArray hash = crypt.readAllStandardOutput().trimmed();
    writeText(dir + QStringLiteral("/passwd"),
              "root:x:0:0:root:/root:/bin/sh\n"
              "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
                  + QByteArray(kSocksUser) + ":x:4242:4242:socks:/nonexistent:/bin/false\n");
    writeText(dir + QStringLiteral("/group"), "root:x:0:\nnogroup:x:65534:\n");
    writeText(dir + QStringLiteral("/shadow"),
              QByteArray(kSocksUser) + ':' + hash + ":19000:0:99999:7:::\n");
    QByteArray hosts = "127.0.0.1 " + QByteArray(kSocksOnlyHost) + "\n127.0.0.1 localhost\n";
    for (const QString &host : extraHosts)
        hosts += "127.0.0.1 " + host.toLatin1() + '\n';
    writeText(dir + QStringLiteral("/hosts"), hosts);

    QString config = QStringLiteral("logoutput: %1\n"
                                    "internal: 127.0.0.1 port = {port}\n"
                                    "external: 127.0.0.1\n"
                                    "socksmethod: %2\n"
                                    "clientmethod: none\n")
                         .arg(dantedLog(dir),
                              requireUser ? QStringLiteral("username") : QStringLiteral("none"));
    if (isRoot())
        config += QStringLiteral("user.privileged: root\nuser.unprivileged: root\n");
    config += QStringLiteral("client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: error }\n"
                             "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect error }\n");
    ExternalServer server(QStringLiteral("danted"), QStringLiteral("/usr/sbin/danted"),
                          {QStringLiteral("-f"), dir + QStringLiteral("/danted.conf"),
                           QStringLiteral("-p"), dir + QStringLiteral("/danted.pid")});
    server.setConfigFile(dir + QStringLiteral("/danted.conf"), config);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral("libnss_wrapper.so"));
    env.insert(QStringLiteral("NSS_WRAPPER_PASSWD"), dir + QStringLiteral("/passwd"));
    env.insert(QStringLiteral("NSS_WRAPPER_GROUP"), dir + QStringLiteral("/group"));
    env.insert(QStringLiteral("NSS_WRAPPER_SHADOW"), dir + QStringLiteral("/shadow"));
    env.insert(QStringLiteral("NSS_WRAPPER_HOSTS"), dir + QStringLiteral("/hosts"));
    server.setEnvironment(env);
    return server;
}

ExternalServer nginxTls(const QString &dir, const QString &name, const QString &certificate,
                        const QString &key, const QString &extra)
{
    const QString prefix = dir + QStringLiteral("/nginx-") + name;
    QDir().mkpath(prefix);
    const QString config
        = QStringLiteral("daemon off;\n"
                         "master_process off;\n"
                         "worker_processes 1;\n"
                         "pid %1/nginx.pid;\n"
                         "error_log %1/error.log info;\n"
                         "events { worker_connections 64; }\n"
                         "http {\n"
                         "  access_log %1/access.log;\n"
                         "  client_body_temp_path %1/body;\n"
                         "  proxy_temp_path %1/proxy;\n"
                         "  fastcgi_temp_path %1/fastcgi;\n"
                         "  uwsgi_temp_path %1/uwsgi;\n"
                         "  scgi_temp_path %1/scgi;\n"
                         "  server {\n"
                         "    listen 127.0.0.1:{port} ssl http2;\n"
                         "    ssl_certificate %2;\n"
                         "    ssl_certificate_key %3;\n"
                         "    %4\n"
                         "    location / {\n"
                         "      default_type text/plain;\n"
                         "      return 200 \"%5 $server_protocol $ssl_client_s_dn\\n\";\n"
                         "    }\n"
                         "  }\n"
                         "}\n")
              .arg(prefix, certificate, key, extra, name);
    ExternalServer server(QStringLiteral("nginx"), QStringLiteral("/usr/sbin/nginx"),
                          {QStringLiteral("-c"), prefix + QStringLiteral("/nginx.conf"),
                           QStringLiteral("-p"), prefix});
    server.setConfigFile(prefix + QStringLiteral("/nginx.conf"), config);
    return server;
}

ExternalServer opensslMtlsServer(const QString &dir)
{
    // With -HTTP, s_server sends the file as it is, so it carries its own status line and
    // Content-Length (Qt would otherwise wait for a close that s_server delays).
    const QString root = dir + QStringLiteral("/s_server");
    QDir().mkpath(root);
    writeText(root + QStringLiteral("/hello.txt"),
              "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n");
    ExternalServer server(
        QStringLiteral("openssl s_server"), QStringLiteral("/usr/bin/openssl"),
        {QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:{port}"),
         QStringLiteral("-cert"), pki(dir, "server.pem"), QStringLiteral("-key"),
         pki(dir, "server.key"), QStringLiteral("-cert_chain"), pki(dir, "int.pem"),
         QStringLiteral("-CAfile"), pki(dir, "clientca.pem"), QStringLiteral("-Verify"),
         QStringLiteral("1"), QStringLiteral("-verify_return_error"), QStringLiteral("-HTTP")},
        root);
    return server;
}

} // namespace Patchbay::Test
