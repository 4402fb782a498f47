#include "core/network/tlsmaterial.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslConfiguration>

namespace Patchbay::Core {

namespace {

constexpr qint64 kMaxCertificateFileSize = 16 * 1024 * 1024;

Error tlsFileError(const QString &message)
{
    return Error {QStringLiteral("invalid-request"), message};
}

Result<QByteArray> readSmallFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tlsFileError(QStringLiteral("The %1 %2 cannot be read: %3. Check the path in the "
                                           "network settings (or the command line).")
                                .arg(what, path, file.errorString()));
    if (file.size() > kMaxCertificateFileSize)
        return tlsFileError(QStringLiteral("The %1 %2 is larger than 16 MiB; it is not a "
                                           "certificate file.")
                                .arg(what, path));
    return file.readAll();
}

QList<QSslCertificate> certificatesIn(const QByteArray &bytes)
{
    QList<QSslCertificate> certificates = QSslCertificate::fromData(bytes, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(bytes, QSsl::Der);
    certificates.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    return certificates;
}

QSslKey keyIn(const QByteArray &bytes, const QByteArray &passphrase)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(bytes, algorithm, QSsl::Pem, QSsl::PrivateKey, passphrase);
        if (!key.isNull())
            return key;
        key = QSslKey(bytes, algorithm, QSsl::Der, QSsl::PrivateKey, passphrase);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

QByteArray ClientIdentity::certificatePem() const
{
    QByteArray pem = certificate.toPem();
    for (const QSslCertificate &c : chain)
        pem += c.toPem();
    return pem;
}

QByteArray ClientIdentity::keyPem() const
{
    return key.toPem();
}

bool isPkcs12File(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("p12") || suffix == QLatin1String("pfx");
}

Result<QList<QSslCertificate>> loadCaCertificates(const QString &fileOrFolder)
{
    const QFileInfo info(fileOrFolder);
    if (!info.exists())
        return tlsFileError(QStringLiteral("The CA certificate file or folder %1 does not exist. "
                                           "Check the path in the network settings (or "
                                           "--cacert/--capath).")
                                .arg(fileOrFolder));
    QList<QSslCertificate> certificates;
    if (info.isDir()) {
        const QFileInfoList files
            = QDir(fileOrFolder)
                  .entryInfoList({QStringLiteral("*.pem"), QStringLiteral("*.crt"),
                                  QStringLiteral("*.cer"), QStringLiteral("*.0")},
                                 QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo &file : files) {
            const Result<QByteArray> bytes
                = readSmallFile(file.filePath(), QStringLiteral("CA file"));
            if (bytes.ok())
                certificates += certificatesIn(bytes.value());
        }
        if (certificates.isEmpty())
            return tlsFileError(QStringLiteral("The folder %1 holds no readable certificate "
                                               "(*.pem, *.crt or *.cer files in PEM or DER).")
                                    .arg(fileOrFolder));
        return certificates;
    }
    const Result<QByteArray> bytes = readSmallFile(fileOrFolder, QStringLiteral("CA file"));
    if (!bytes.ok())
        return bytes.error();
    certificates = certificatesIn(bytes.value());
    if (certificates.isEmpty())
        return tlsFileError(QStringLiteral("%1 holds no certificate (expected PEM blocks "
                                           "\"-----BEGIN CERTIFICATE-----\", or DER).")
                                .arg(fileOrFolder));
    return certificates;
}

Result<ClientIdentity> loadPemIdentity(const QString &certificateFile, const QString &keyFile,
                                       const QString &passphrase)
{
    const Result<QByteArray> certBytes
        = readSmallFile(certificateFile, QStringLiteral("client certificate"));
    if (!certBytes.ok())
        return certBytes.error();
    const QList<QSslCertificate> certificates = certificatesIn(certBytes.value());
    if (certificates.isEmpty())
        return tlsFileError(QStringLiteral("%1 holds no certificate. A client certificate is a "
                                           "PEM file (\"-----BEGIN CERTIFICATE-----\") or a "
                                           "PKCS#12 file (.p12, .pfx).")
                                .arg(certificateFile));
    QByteArray keyBytes = certBytes.value();
    if (!keyFile.isEmpty()) {
        const Result<QByteArray> read = readSmallFile(keyFile, QStringLiteral("private key"));
        if (!read.ok())
            return read.error();
        keyBytes = read.value();
    }
    ClientIdentity identity;
    identity.certificate = certificates.first();
    identity.chain = certificates.mid(1);
    identity.key = keyIn(keyBytes, passphrase.toUtf8());
    identity.source = keyFile.isEmpty() ? certificateFile : certificateFile + u' ' + keyFile;
    if (identity.key.isNull()) {
        const bool encrypted = keyBytes.contains("ENCRYPTED");
        return tlsFileError(
            encrypted ? QStringLiteral("The private key in %1 is encrypted and the passphrase "
                                       "given does not open it.")
                            .arg(keyFile.isEmpty() ? certificateFile : keyFile)
                      : QStringLiteral("No private key was found in %1. Give the key file too "
                                       "(--key FILE, or \"Key\" in the certificate settings).")
                            .arg(keyFile.isEmpty() ? certificateFile : keyFile));
    }
    return identity;
}

Result<ClientIdentity> loadPkcs12Identity(const QString &file, const QString &passphrase)
{
    QFile device(file);
    if (!device.open(QIODevice::ReadOnly))
        return tlsFileError(QStringLiteral("The PKCS#12 file %1 cannot be read: %2.")
                                .arg(file, device.errorString()));
    ClientIdentity identity;
    if (!QSslCertificate::importPkcs12(&device, &identity.key, &identity.certificate,
                                       &identity.chain, passphrase.toUtf8())) {
        return tlsFileError(
            QStringLiteral("The PKCS#12 file %1 cannot be opened: the passphrase "
                           "is wrong or the file is damaged. Enter its passphrase "
                           "in the certificate settings (or --cert FILE:PASSPHRASE).")
                .arg(file));
    }
    identity.source = file;
    // The chain in a PKCS#12 file often repeats the certificate itself, or holds only the CA.
    identity.chain.removeIf([&identity](const QSslCertificate &c) {
        return c == identity.certificate || c.isSelfSigned();
    });
    return identity;
}

Result<ClientIdentity> loadClientIdentity(const QString &certificateFile, const QString &keyFile,
                                          const QString &passphrase)
{
    if (isPkcs12File(certificateFile))
        return loadPkcs12Identity(certificateFile, passphrase);
    Result<ClientIdentity> pem = loadPemIdentity(certificateFile, keyFile, passphrase);
    if (pem.ok() || !keyFile.isEmpty())
        return pem;
    // Neither a .p12 name nor PEM: maybe PKCS#12 all the same.
    Result<ClientIdentity> pkcs12 = loadPkcs12Identity(certificateFile, passphrase);
    return pkcs12.ok() ? pkcs12 : pem;
}

QByteArray caBundlePem(const QList<QSslCertificate> &extra)
{
    QByteArray pem;
    for (const QSslCertificate &c : QSslConfiguration::systemCaCertificates())
        pem += c.toPem();
    for (const QSslCertificate &c : extra)
        pem += c.toPem();
    return pem;
}

} // namespace Patchbay::Core
