#include "core/network/networkfailure.h"

#include "core/http/callfailure.h"

namespace Patchbay::Core {

namespace {

QString hostAndPort(const QUrl &url)
{
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    return url.host() + u':' + QString::number(url.port(https ? 443 : 80));
}

const QString kGoOnAnyway = QStringLiteral(
    "Only if you trust this server, add its host under \"Don't verify certificates for\" in "
    "Network settings, or turn off \"Verify TLS certificates\" for this request (curl's -k).");

QString sentenceFor(TlsCheck check, const NetworkFailureContext &c)
{
    const QString where = hostAndPort(c.url);
    switch (check) {
    case TlsCheck::Expired:
        return QStringLiteral("The certificate of %1 has expired (failed check: validity "
                              "period). The server needs a renewed certificate; if this "
                              "computer's clock is wrong, correct it.")
            .arg(where);
    case TlsCheck::NotYetValid:
        return QStringLiteral("The certificate of %1 is not valid yet (failed check: validity "
                              "period). Check this computer's clock.")
            .arg(where);
    case TlsCheck::HostName:
        return QStringLiteral("The certificate of %1 was not issued for the name \"%2\" (failed "
                              "check: host name). Use an address the certificate names, or have "
                              "the server use a certificate that includes %2.")
            .arg(where, c.url.host());
    case TlsCheck::UnknownIssuer:
        return QStringLiteral("The certificate of %1 was issued by a certificate authority this "
                              "computer does not trust (failed check: certificate authority). If "
                              "the server uses a private CA, add that CA's certificate under "
                              "Network settings → Certificates (or --cacert FILE).")
            .arg(where);
    case TlsCheck::SelfSigned:
        return QStringLiteral("The certificate of %1 is self-signed (failed check: certificate "
                              "authority). To trust it, add that certificate under Network "
                              "settings → Certificates as a CA certificate (or --cacert FILE).")
            .arg(where);
    case TlsCheck::Revoked:
        return QStringLiteral("The certificate of %1 has been revoked by its issuer (failed "
                              "check: revocation). Do not trust this server until it has a new "
                              "certificate.")
            .arg(where);
    case TlsCheck::ClientCertificateRequired:
        return QStringLiteral("%1 requires a client certificate and none is set for this host "
                              "(failed check: client certificate). Add one for %2 under Network "
                              "settings → Certificates (or --cert FILE --key FILE, or a PKCS#12 "
                              "file with --cert FILE:PASSPHRASE --cert-type P12).")
            .arg(where, c.url.host());
    case TlsCheck::ClientCertificateRejected:
        return QStringLiteral("%1 rejected the client certificate %2 (failed check: client "
                              "certificate): the server does not trust its issuer, or the "
                              "certificate is expired or not meant for client authentication. "
                              "Use a certificate issued by a CA the server accepts.")
            .arg(where,
                 c.clientCertificate.isEmpty() ? QString() : u'"' + c.clientCertificate + u'"');
    case TlsCheck::Other:
        break;
    }
    return {};
}

bool isServerCertificateCheck(TlsCheck check)
{
    return check != TlsCheck::ClientCertificateRequired
        && check != TlsCheck::ClientCertificateRejected && check != TlsCheck::Other;
}

} // namespace

CallFailure tlsCheckFailure(const QList<TlsCheck> &checks, const QStringList &problems,
                            const QString &detail, const NetworkFailureContext &context)
{
    QStringList sentences;
    bool serverCheck = false;
    for (TlsCheck check : checks) {
        const QString sentence = sentenceFor(check, context);
        if (!sentence.isEmpty() && !sentences.contains(sentence))
            sentences.append(sentence);
        serverCheck = serverCheck || isServerCertificateCheck(check);
    }
    if (sentences.isEmpty()) {
        if (!problems.isEmpty()) {
            sentences.append(
                QStringLiteral("The TLS certificate of %1 was rejected: %2.")
                    .arg(hostAndPort(context.url), problems.join(QLatin1String("; "))));
            serverCheck = true;
        } else {
            QString hint = QStringLiteral("Check that the server speaks HTTPS on that port, or "
                                          "use http:// if it does not.");
            if (context.clientCertificate.isEmpty()
                && detail.contains(QLatin1String("handshake failure"), Qt::CaseInsensitive))
                hint = QStringLiteral("The server may require a client certificate: add one for "
                                      "this host under Network settings → Certificates (or "
                                      "--cert FILE).");
            return {ErrorKind::Tls,
                    QStringLiteral("The TLS handshake with %1 failed: %2. %3")
                        .arg(hostAndPort(context.url), detail, hint)};
        }
    }
    if (serverCheck)
        sentences.append(kGoOnAnyway);
    return {ErrorKind::Tls, sentences.join(u' ')};
}

CallFailure proxyAuthenticationFailure(const NetworkFailureContext &context)
{
    if (context.proxyCredentialsSent)
        return {ErrorKind::Proxy,
                QStringLiteral("The proxy %1 rejected the user name and password given for it "
                               "(407 Proxy Authentication Required). Check them in Network "
                               "settings (or --proxy-user USER:PASSWORD).")
                    .arg(context.proxy)};
    return {ErrorKind::Proxy,
            QStringLiteral("The proxy %1 requires a user name and password (407 Proxy "
                           "Authentication Required) and none is set. Enter them in Network "
                           "settings → Proxy (or --proxy-user USER:PASSWORD, or "
                           "http://user:password@host:port in the proxy address).")
                .arg(context.proxy)};
}

CallFailure proxyFailure(QNetworkReply::NetworkError code, const QString &detail,
                         const NetworkFailureContext &context)
{
    const QString proxy = context.proxy;
    const QString target = hostAndPort(context.url);
    switch (code) {
    case QNetworkReply::ProxyConnectionRefusedError:
        return {ErrorKind::Proxy,
                QStringLiteral("The proxy %1 refused the connection. Check the proxy's host and "
                               "port in Network settings (or -x, or the http_proxy and "
                               "https_proxy variables), and that the proxy is running.")
                    .arg(proxy)};
    case QNetworkReply::ProxyNotFoundError:
        return {ErrorKind::Proxy,
                QStringLiteral("The proxy host of %1 was not found. Check its spelling in "
                               "Network settings (or -x, or the proxy variables).")
                    .arg(proxy)};
    case QNetworkReply::ProxyTimeoutError:
        return {ErrorKind::Proxy,
                QStringLiteral("The proxy %1 did not answer in time while connecting to %2. "
                               "Check that the proxy is reachable from this network.")
                    .arg(proxy, target)};
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return proxyAuthenticationFailure(context);
    default:
        break;
    }
    return {ErrorKind::Proxy,
            QStringLiteral("The proxy %1 could not connect to %2: %3. The proxy may block that "
                           "host or port (a CONNECT to it was refused), or the host may be "
                           "unreachable from the proxy.")
                .arg(proxy, target, detail)};
}

} // namespace Patchbay::Core
