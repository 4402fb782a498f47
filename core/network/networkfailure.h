#pragma once

#include "core/network/tlscheck.h"

#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Patchbay::Core {

struct CallFailure;

// What is known about the network side of a failed hop, for its message.
struct NetworkFailureContext
{
    QUrl url;
    QString proxy; // ProxyEndpoint::display(), empty when direct
    bool proxyCredentialsSent = false;
    QString clientCertificate; // subject of the certificate presented, empty when none
};

// A failed TLS handshake (or a TLS alert after it): which check failed, and what to do.
CallFailure tlsCheckFailure(const QList<TlsCheck> &checks, const QStringList &problems,
                            const QString &detail, const NetworkFailureContext &context);
// The proxy could not be reached, closed, timed out or refused the credentials.
CallFailure proxyFailure(QNetworkReply::NetworkError code, const QString &detail,
                         const NetworkFailureContext &context);
// The proxy answered 407 Proxy Authentication Required.
CallFailure proxyAuthenticationFailure(const NetworkFailureContext &context);

} // namespace Patchbay::Core
