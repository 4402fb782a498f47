#include "tests/support/tlsidentity.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace Patchbay::Test {

namespace {

Core::Error failure(const QString &message)
{
    return Core::Error {QStringLiteral("tls-identity"), message};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

Core::Result<TlsIdentity> generateSelfSignedIdentity()
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return failure(QStringLiteral("cannot create a temporary directory: ") + dir.errorString());
    const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));

    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-days"), QStringLiteral("1"),
                   QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath});
    if (!openssl.waitForStarted(10000))
        return failure(QStringLiteral("cannot run openssl (is it installed?): ")
                       + openssl.errorString());
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit
        || openssl.exitCode() != 0) {
        return failure(QStringLiteral("openssl req failed: ")
                       + QString::fromLocal8Bit(openssl.readAll()));
    }

    TlsIdentity identity {QSslCertificate(readFile(certPath), QSsl::Pem),
                          QSslKey(readFile(keyPath), QSsl::Rsa, QSsl::Pem)};
    if (identity.certificate.isNull() || identity.privateKey.isNull())
        return failure(QStringLiteral("openssl's certificate or key did not load"));
    return identity;
}

} // namespace Patchbay::Test
