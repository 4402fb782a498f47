#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace Patchbay::Core {

// A client certificate ready to present: the certificate, any intermediates, and its key.
struct ClientIdentity
{
    QSslCertificate certificate;
    QList<QSslCertificate> chain; // intermediates, may be empty
    QSslKey key;
    QString source; // the file(s) it came from, for messages

    // The certificate and chain as PEM, and the key as unencrypted PEM, for libcurl.
    QByteArray certificatePem() const;
    QByteArray keyPem() const;
    friend bool operator==(const ClientIdentity &, const ClientIdentity &) = default;
};

// Every certificate in a PEM (or DER) file, or in the *.pem, *.crt and *.cer files of a folder.
// An error when nothing readable is there, saying so.
Result<QList<QSslCertificate>> loadCaCertificates(const QString &fileOrFolder);

// A PEM certificate and key. `keyFile` may be empty when the key is in `certificateFile`.
// `passphrase` decrypts an encrypted key.
Result<ClientIdentity> loadPemIdentity(const QString &certificateFile, const QString &keyFile,
                                       const QString &passphrase = {});
// A PKCS#12 file (.p12, .pfx) and its passphrase.
Result<ClientIdentity> loadPkcs12Identity(const QString &file, const QString &passphrase);
// PKCS#12 when the file ends in .p12/.pfx or is not PEM; PEM otherwise.
Result<ClientIdentity> loadClientIdentity(const QString &certificateFile, const QString &keyFile,
                                          const QString &passphrase);
bool isPkcs12File(const QString &path);

// The system's trusted CAs followed by `extra`, as one PEM bundle (what libcurl takes to trust
// "the system store and these").
QByteArray caBundlePem(const QList<QSslCertificate> &extra);

} // namespace Patchbay::Core
