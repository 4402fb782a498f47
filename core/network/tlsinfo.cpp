#include "core/network/tlsinfo.h"

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QSslCipher>
#include <QSslConfiguration>

namespace Patchbay::Core {

namespace {

QString distinguishedName(const QSslCertificate &certificate, bool issuer)
{
    // Most specific first, as browsers show it.
    static const QSslCertificate::SubjectInfo order[]
        = {QSslCertificate::CommonName,          QSslCertificate::OrganizationalUnitName,
           QSslCertificate::Organization,        QSslCertificate::LocalityName,
           QSslCertificate::StateOrProvinceName, QSslCertificate::CountryName};
    static const char *const labels[] = {"CN", "OU", "O", "L", "ST", "C"};
    QStringList parts;
    for (size_t i = 0; i < std::size(order); ++i) {
        const QStringList values
            = issuer ? certificate.issuerInfo(order[i]) : certificate.subjectInfo(order[i]);
        for (const QString &value : values)
            parts.append(QLatin1String(labels[i]) + u'=' + value);
    }
    if (parts.isEmpty())
        return issuer ? certificate.issuerDisplayName() : certificate.subjectDisplayName();
    return parts.join(QStringLiteral(", "));
}

QString colonHex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(':').toUpper());
}

} // namespace

CertificateInfo certificateInfo(const QSslCertificate &certificate)
{
    CertificateInfo info;
    if (certificate.isNull())
        return info;
    info.subject = distinguishedName(certificate, false);
    info.issuer = distinguishedName(certificate, true);
    const auto names = certificate.subjectAlternativeNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        switch (it.key()) {
        case QSsl::DnsEntry:
            info.alternativeNames.append(QStringLiteral("DNS:") + it.value());
            break;
        case QSsl::IpAddressEntry:
            info.alternativeNames.append(QStringLiteral("IP:") + it.value());
            break;
        case QSsl::EmailEntry:
            info.alternativeNames.append(QStringLiteral("email:") + it.value());
            break;
        }
    }
    info.notBefore = certificate.effectiveDate().toUTC();
    info.notAfter = certificate.expiryDate().toUTC();
    info.sha256 = colonHex(certificate.digest(QCryptographicHash::Sha256));
    info.serialNumber = QString::fromLatin1(certificate.serialNumber()).toUpper();
    info.selfSigned = certificate.isSelfSigned();
    info.pem = certificate.toPem();
    return info;
}

QString tlsProtocolName(int qsslProtocol)
{
    switch (QSsl::SslProtocol(qsslProtocol)) {
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::DtlsV1_2:
        return QStringLiteral("DTLSv1.2");
    default:
        break;
    }
    return QStringLiteral("TLS (older than 1.2)");
}

TlsInfo tlsInfoOf(const QSslConfiguration &session)
{
    TlsInfo info;
    const QList<QSslCertificate> chain = session.peerCertificateChain();
    if (chain.isEmpty() && session.sessionCipher().isNull())
        return info;
    info.protocol = tlsProtocolName(session.sessionProtocol());
    info.cipher = session.sessionCipher().name();
    info.alpn = QString::fromLatin1(session.nextNegotiatedProtocol());
    for (const QSslCertificate &certificate : chain)
        info.peerChain.append(certificateInfo(certificate));
    return info;
}

} // namespace Patchbay::Core
