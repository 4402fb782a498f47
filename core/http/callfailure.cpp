#include "core/http/callfailure.h"

#include "core/network/networkfailure.h"

#include <QLocale>

namespace Patchbay::Core {

namespace {

QString hostAndPort(const QUrl &url)
{
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    return url.host() + u':' + QString::number(url.port(https ? 443 : 80));
}

QString byteSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString raiseDecompressedCapHint(const RequestSettings &settings)
{
    return QStringLiteral(
               "If you trust this server, raise \"Max decompressed size\" in the request "
               "settings (now %1).")
        .arg(byteSize(settings.maxDecompressedBytes));
}

CallFailure decompressionFailure(const ReplyFailure &f)
{
    const QString encoding = QString::fromLatin1(f.contentEncoding);
    const QString bombRule = QStringLiteral("past %1 at a ratio above 40:1 (gzip, deflate) or "
                                            "100:1 (br, zstd), the mark of a decompression bomb")
                                 .arg(byteSize(f.settings.maxDecompressedBytes));
    // Newer Qt names its archive-bomb guard in the message; Qt 6.4 says only "Decompression
    // failed:" for both a bomb and a corrupt body, so then the message has to cover both.
    if (f.decompressionBomb
        || f.qtMessage.contains(QLatin1String("SafetyCheckThreshold"), Qt::CaseInsensitive)) {
        return {ErrorKind::DecompressionFailed,
                QStringLiteral("The %1-encoded response body expanded %2, so it was stopped. %3")
                    .arg(encoding, bombRule, raiseDecompressedCapHint(f.settings))};
    }
    QString detail = f.qtMessage;
    detail.remove(QLatin1String("Decompression failed:"))
        .remove(QLatin1String("Decompression failed"));
    detail = detail.trimmed();
    if (!detail.isEmpty()) {
        return {
            ErrorKind::DecompressionFailed,
            QStringLiteral("The response body from %1 says it is %2-encoded but does not decode "
                           "(%3). Send the request with \"Accept-Encoding: identity\" to see "
                           "the raw bytes.")
                .arg(hostAndPort(f.url), encoding, detail)};
    }
    return {
        ErrorKind::DecompressionFailed,
        QStringLiteral("The %1-encoded response body from %2 could not be decoded: it is either "
                       "corrupt, or it expanded %3. %4 To see the raw bytes instead, send the "
                       "request with \"Accept-Encoding: identity\".")
            .arg(encoding, hostAndPort(f.url), bombRule, raiseDecompressedCapHint(f.settings))};
}

CallFailure closedEarlyFailure(const ReplyFailure &f)
{
    // Qt 6.4 also ends up here when the server answers with something that is not HTTP: it
    // drops such a connection itself, retries, and finally reports the connection as closed.
    if (!f.headersReceived) {
        return {ErrorKind::ConnectionReset,
                QStringLiteral("%1 closed the connection without sending a valid HTTP response. "
                               "Check that the server speaks %2 on that port (and not, say, HTTPS, "
                               "SSH or a database protocol), and look at its logs.")
                    .arg(hostAndPort(f.url), f.url.scheme().toUpper())};
    }
    const QString progress = f.expectedBodyBytes >= 0
        ? QStringLiteral("after %1 of %2 body bytes")
              .arg(f.bodyBytesReceived)
              .arg(f.expectedBodyBytes)
        : QStringLiteral("after %1 body bytes").arg(f.bodyBytesReceived);
    return {ErrorKind::ConnectionReset,
            QStringLiteral("%1 closed the connection before the whole response arrived (%2). The "
                           "server may have crashed or hit a limit; check its logs.")
                .arg(hostAndPort(f.url), progress)};
}

CallFailure timeoutFailure(const ReplyFailure &f)
{
    QString phase;
    if (f.headersReceived) {
        phase = QStringLiteral("while the response body was arriving");
    } else if (f.requestSent) {
        // While a head arrives neither transport reports progress: a silent server and one
        // that sends header bytes without end look alike here.
        return {ErrorKind::Timeout,
                QStringLiteral("%1 sent no complete response head (status line and headers) "
                               "within %2 ms, so the request was stopped. The server may be slow "
                               "to answer, or it may send headers without end. If it is just "
                               "slow, raise the timeout in the request settings.")
                    .arg(hostAndPort(f.url))
                    .arg(f.settings.timeoutMs)};
    } else {
        phase = QStringLiteral("while connecting to %1 or sending the request")
                    .arg(hostAndPort(f.url));
    }
    return {ErrorKind::Timeout,
            QStringLiteral("No data moved for %1 ms %2, so the request was stopped. If the server "
                           "is just slow, raise the timeout in the request settings.")
                .arg(f.settings.timeoutMs)
                .arg(phase)};
}

NetworkFailureContext networkContextOf(const ReplyFailure &f)
{
    return {f.url, f.proxy, f.proxyCredentialsSent, f.clientCertificate};
}

CallFailure tlsFailure(const ReplyFailure &f)
{
    return tlsCheckFailure(f.tlsChecks, f.tlsProblems, f.qtMessage, networkContextOf(f));
}

} // namespace

bool isHttpStatusError(QNetworkReply::NetworkError code)
{
    switch (code) {
    case QNetworkReply::ProxyAuthenticationRequiredError: // 407 from the server itself
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::OperationNotImplementedError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}

CallFailure describeReplyFailure(const ReplyFailure &f)
{
    if (!f.violation.isEmpty())
        return protocolViolationFailure(f.url, f.violation);
    // A server's TLS alert (a client certificate it wants or refuses) may only arrive once the
    // handshake looked done, while reading the response: Qt and curl then report a read error.
    if (f.code != QNetworkReply::SslHandshakeFailedError && isTlsAlertText(f.qtMessage)) {
        ReplyFailure alert = f;
        alert.tlsChecks = tlsChecksInText(f.qtMessage, !f.clientCertificate.isEmpty());
        return tlsFailure(alert);
    }
    if (!f.proxy.isEmpty()) {
        // Through an HTTP proxy the only connection Patchbay makes is to the proxy (Qt reports
        // its refusal as any other); a refusing target makes the proxy answer or close instead.
        if (f.code == QNetworkReply::ConnectionRefusedError
            && f.proxy.startsWith(QLatin1String("http://")))
            return proxyFailure(QNetworkReply::ProxyConnectionRefusedError, f.qtMessage,
                                networkContextOf(f));
        switch (f.code) {
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
        case QNetworkReply::ProxyAuthenticationRequiredError:
            return proxyFailure(f.code, f.qtMessage, networkContextOf(f));
        default:
            break;
        }
    }
    switch (f.code) {
    case QNetworkReply::ConnectionRefusedError:
        return {ErrorKind::ConnectionRefused,
                QStringLiteral("Connection refused by %1. Is the server running and listening on "
                               "that port?")
                    .arg(hostAndPort(f.url))};
    case QNetworkReply::HostNotFoundError:
        return {
            ErrorKind::HostNotFound,
            QStringLiteral("The host \"%1\" was not found. Check the spelling of the host name, "
                           "your network connection and DNS settings.")
                .arg(f.url.host())};
    // Qt's transfer timeout aborts the reply, which reports OperationCanceledError; a cancel() of
    // ours never gets here because the call stops listening to the reply before aborting it.
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return timeoutFailure(f);
    case QNetworkReply::SslHandshakeFailedError:
        return tlsFailure(f);
    case QNetworkReply::RemoteHostClosedError:
        return closedEarlyFailure(f);
    // Qt reports a body that fails to decode as UnknownContentError (ProtocolFailure in some
    // versions); only the encoding header tells it from other failures.
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::ProtocolFailure:
        if (f.headersReceived && !f.contentEncoding.isEmpty())
            return decompressionFailure(f);
        if (f.code == QNetworkReply::UnknownContentError)
            break;
        return {ErrorKind::Protocol,
                QStringLiteral("%1 sent something that is not a valid HTTP response (%2). Check "
                               "that the URL points to an HTTP server and that the port is right.")
                    .arg(hostAndPort(f.url), f.qtMessage)};
    case QNetworkReply::ProtocolUnknownError:
        return {ErrorKind::InvalidUrl,
                QStringLiteral("%1 cannot be sent: %2. Use an http:// or https:// URL.")
                    .arg(f.url.toDisplayString(), f.qtMessage)};
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return {ErrorKind::Proxy,
                QStringLiteral("The proxy failed while sending the request to %1: %2. Check the "
                               "proxy settings (and the http_proxy/https_proxy variables).")
                    .arg(hostAndPort(f.url), f.qtMessage)};
    default:
        break;
    }
    return {ErrorKind::Other,
            QStringLiteral("The request to %1 failed: %2.").arg(hostAndPort(f.url), f.qtMessage)};
}

CallFailure failureFromError(const Error &error)
{
    return {errorKindFromName(error.code), error.message};
}

CallFailure cancelledFailure()
{
    return {ErrorKind::Cancelled, QStringLiteral("The request was cancelled.")};
}

CallFailure tooManyRedirectsFailure(int maxRedirects, const QUrl &lastLocation)
{
    return {ErrorKind::TooManyRedirects,
            QStringLiteral("Stopped after following %1 redirects; the next one pointed to %2. The "
                           "server may be redirecting in a loop. If the chain is legitimate, raise "
                           "\"Max redirects\" in the request settings.")
                .arg(maxRedirects)
                .arg(lastLocation.toDisplayString())};
}

CallFailure decodedSizeFailure(qint64 cap, const QByteArray &contentEncoding,
                               const RequestSettings &settings)
{
    return {ErrorKind::DecompressionFailed,
            QStringLiteral("The %1-encoded response body decoded to more than %2, the absolute "
                           "limit for compressed responses, so it was stopped. %3")
                .arg(QString::fromLatin1(contentEncoding), byteSize(cap),
                     raiseDecompressedCapHint(settings))};
}

CallFailure bodyStorageFailure(const QString &reason)
{
    return {ErrorKind::Other,
            QStringLiteral("The response body could not be stored in a temporary file: %1. Free "
                           "some disk space in the temporary folder and try again.")
                .arg(reason)};
}

CallFailure protocolViolationFailure(const QUrl &url, const QString &what)
{
    return {ErrorKind::Protocol,
            QStringLiteral("%1 sent %2, which HTTP does not allow, so the response was refused. "
                           "The server (or a proxy in between) is broken or hostile; check its "
                           "logs.")
                .arg(hostAndPort(url), what)};
}

CallFailure maxTimeFailure(const QUrl &url, const RequestSettings &settings, bool requestSent,
                           bool headersReceived, qint64 bodyBytes)
{
    QString phase;
    if (headersReceived)
        phase = QStringLiteral("while the response body was arriving (%1 so far)")
                    .arg(byteSize(bodyBytes));
    else if (requestSent)
        phase = QStringLiteral("while waiting for the response of %1").arg(hostAndPort(url));
    else
        phase
            = QStringLiteral("while connecting to %1 or sending the request").arg(hostAndPort(url));
    return {ErrorKind::Timeout,
            QStringLiteral("The request took longer than its maximum time of %1 ms, so it was "
                           "stopped %2. If the server is just slow or the body is large, raise the "
                           "limit (maxTimeMs in the request file's settings, --max-time on the "
                           "command line).")
                .arg(settings.maxTimeMs)
                .arg(phase)};
}

CallFailure bodyTooLargeFailure(const RequestSettings &settings, qint64 declared)
{
    const QString size = declared >= 0 ? QStringLiteral("announced %1").arg(byteSize(declared))
                                       : QStringLiteral("grew past it");
    return {ErrorKind::Other,
            QStringLiteral("The response body is larger than the limit of %1 (it %2), so it "
                           "was stopped. If you expect a body this large, raise the limit "
                           "(maxBodyBytes in the request file's settings, --max-body-size for "
                           "send).")
                .arg(byteSize(settings.maxBodyBytes), size)};
}

} // namespace Patchbay::Core
