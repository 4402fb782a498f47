#include "core/network/tlscheck.h"

namespace Patchbay::Core {

TlsCheck tlsCheckOf(QSslError::SslError error)
{
    switch (error) {
    case QSslError::CertificateExpired:
        return TlsCheck::Expired;
    case QSslError::CertificateNotYetValid:
        return TlsCheck::NotYetValid;
    case QSslError::HostNameMismatch:
        return TlsCheck::HostName;
    case QSslError::SelfSignedCertificate:
        return TlsCheck::SelfSigned;
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return TlsCheck::UnknownIssuer;
    case QSslError::CertificateRevoked:
        return TlsCheck::Revoked;
    default:
        return TlsCheck::Other;
    }
}

bool isTlsAlertText(const QString &text)
{
    return text.contains(QLatin1String("alert "), Qt::CaseInsensitive)
        && (text.contains(QLatin1String("SSL routines"), Qt::CaseInsensitive)
            || text.contains(QLatin1String("tlsv1"), Qt::CaseInsensitive)
            || text.contains(QLatin1String("sslv3"), Qt::CaseInsensitive));
}

QList<TlsCheck> tlsChecksInText(const QString &text, bool clientCertificateSent)
{
    const QString t = text.toLower();
    QList<TlsCheck> checks;
    const auto add = [&checks](TlsCheck check) {
        if (!checks.contains(check))
            checks.append(check);
    };
    // Alerts the server sends about our client certificate.
    if (t.contains(QLatin1String("alert certificate required")))
        add(TlsCheck::ClientCertificateRequired);
    for (QLatin1String alert :
         {QLatin1String("alert unknown ca"), QLatin1String("alert bad certificate"),
          QLatin1String("alert certificate unknown"), QLatin1String("alert certificate expired"),
          QLatin1String("alert certificate revoked"),
          QLatin1String("alert unsupported certificate"), QLatin1String("alert access denied")}) {
        if (t.contains(alert))
            add(clientCertificateSent ? TlsCheck::ClientCertificateRejected
                                      : TlsCheck::ClientCertificateRequired);
    }
    // Our own verification of the server's certificate.
    if (t.contains(QLatin1String("certificate has expired"))
        || (t.contains(QLatin1String("certificate expired"))
            && !t.contains(QLatin1String("alert"))))
        add(TlsCheck::Expired);
    if (t.contains(QLatin1String("not yet valid")))
        add(TlsCheck::NotYetValid);
    if (t.contains(QLatin1String("does not match target host"))
        || t.contains(QLatin1String("no alternative certificate subject name"))
        || t.contains(QLatin1String("hostname mismatch")))
        add(TlsCheck::HostName);
    if (t.contains(QLatin1String("self-signed certificate in certificate chain"))
        || t.contains(QLatin1String("self signed certificate in certificate chain"))
        || t.contains(QLatin1String("unable to get local issuer"))
        || t.contains(QLatin1String("unable to get issuer"))
        || t.contains(QLatin1String("unable to verify the first certificate")))
        add(TlsCheck::UnknownIssuer);
    else if (t.contains(QLatin1String("self-signed certificate"))
             || t.contains(QLatin1String("self signed certificate")))
        add(TlsCheck::SelfSigned);
    if (t.contains(QLatin1String("certificate revoked")) && !t.contains(QLatin1String("alert")))
        add(TlsCheck::Revoked);
    return checks;
}

} // namespace Patchbay::Core
