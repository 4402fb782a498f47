#pragma once

#include <QList>
#include <QSslError>
#include <QString>

namespace Patchbay::Core {

// Which TLS check failed, the same whether Qt or libcurl (OpenSSL's words) reported it.
enum class TlsCheck {
    Expired,
    NotYetValid,
    HostName,
    UnknownIssuer, // no trusted CA, or a self-signed root in the chain
    SelfSigned,
    Revoked,
    ClientCertificateRequired, // the server wanted one and none was sent
    ClientCertificateRejected, // the server refused the one sent (unknown CA, bad certificate)
    Other,
};

TlsCheck tlsCheckOf(QSslError::SslError error);
// The checks named in an error text of OpenSSL as Qt and curl pass it on ("certificate has
// expired", "tlsv13 alert certificate required", "alert unknown ca"...). A server's alert about
// a client certificate counts as ClientCertificateRejected when one was sent, else as
// ClientCertificateRequired.
QList<TlsCheck> tlsChecksInText(const QString &text, bool clientCertificateSent);
// Whether the text is a TLS alert sent by the server (which may arrive after the handshake
// seemed done, while reading the response).
bool isTlsAlertText(const QString &text);

} // namespace Patchbay::Core
