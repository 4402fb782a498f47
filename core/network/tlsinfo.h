#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class QSslCertificate;
class QSslConfiguration;

namespace Patchbay::Core {

// One certificate of the chain a server presented, as the TLS tab shows it.
struct CertificateInfo
{
    QString subject; // "CN=localhost, O=Example"
    QString issuer;
    QStringList alternativeNames; // "DNS:localhost", "IP:127.0.0.1"
    QDateTime notBefore; // UTC
    QDateTime notAfter;
    QString sha256; // "AB:CD:…", 32 bytes
    QString serialNumber;
    bool selfSigned = false;
    QByteArray pem;

    friend bool operator==(const CertificateInfo &, const CertificateInfo &) = default;
};

CertificateInfo certificateInfo(const QSslCertificate &certificate);

// The TLS session of a response (empty for http://).
struct TlsInfo
{
    QString protocol; // "TLSv1.3"
    QString cipher; // OpenSSL's name, e.g. "TLS_AES_256_GCM_SHA384"
    QString alpn; // "h2", "http/1.1", empty when none was negotiated
    QList<CertificateInfo> peerChain; // the server's certificate first
    bool verified = true; // false when the certificate was not checked
    QString notVerifiedReason; // why not (the request's setting, or a host rule)
    QString clientCertificate; // subject of the certificate Patchbay presented, if any

    bool isEmpty() const { return protocol.isEmpty() && peerChain.isEmpty(); }
    friend bool operator==(const TlsInfo &, const TlsInfo &) = default;
};

// The session Qt negotiated (QNetworkReply::sslConfiguration()); empty when there was none.
TlsInfo tlsInfoOf(const QSslConfiguration &session);
// "TLSv1.3", the name OpenSSL (and so libcurl) uses.
QString tlsProtocolName(int qsslProtocol);

} // namespace Patchbay::Core
