#pragma once

#include "core/common/result.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/network/tlscheck.h"

#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Patchbay::Core {

// Why a call failed, for Response::errorKind and Response::errorMessage. Every message the HTTP
// engine shows a person is written in callfailure.cpp, so that failures read alike in the GUI,
// the CLI and history: what failed, then what to check.
struct CallFailure
{
    ErrorKind kind = ErrorKind::Other;
    QString message;

    friend bool operator==(const CallFailure &, const CallFailure &) = default;
};

// What is known about a QNetworkReply that ended with an error.
struct ReplyFailure
{
    QNetworkReply::NetworkError code = QNetworkReply::NoError;
    QString qtMessage; // QNetworkReply::errorString(), used as the detail where Qt's is best
    QUrl url; // the hop that failed
    bool requestSent = false; // the whole request went out
    bool headersReceived = false; // a status line and headers arrived
    QByteArray contentEncoding; // non-empty when Qt was decoding the body
    QStringList tlsProblems; // QSslError::errorString() of the failed handshake
    QList<TlsCheck> tlsChecks; // which checks failed
    QString proxy; // the hop's proxy (ProxyEndpoint::display()), empty when direct
    bool proxyCredentialsSent = false;
    QString clientCertificate; // subject of the client certificate presented, empty when none
    bool decompressionBomb = false; // the decoded/encoded ratio guard stopped the body
    qint64 bodyBytesReceived = 0; // decoded
    qint64 expectedBodyBytes = -1; // Content-Length of an unencoded body, -1 when unknown
    QString violation; // HopFailure::violation
    RequestSettings settings;
};

// Whether Qt set this error only because the status was 4xx or 5xx: such a reply is an HTTP
// response, not a failure.
bool isHttpStatusError(QNetworkReply::NetworkError code);

// Maps a failed reply to one ErrorKind and a message.
CallFailure describeReplyFailure(const ReplyFailure &failure);

// A prepareRequest() or planRedirect() Error: its code names the ErrorKind.
CallFailure failureFromError(const Error &error);

CallFailure cancelledFailure();
CallFailure tooManyRedirectsFailure(int maxRedirects, const QUrl &lastLocation);
// The decoded size of a compressed body passed the absolute cap (see httpclient.h).
CallFailure decodedSizeFailure(qint64 cap, const QByteArray &contentEncoding,
                               const RequestSettings &settings);
CallFailure bodyStorageFailure(const QString &reason);
// The server sent something HTTP does not allow; `what` says what ("the status code -200").
CallFailure protocolViolationFailure(const QUrl &url, const QString &what);
// RequestSettings::maxTimeMs passed before the response was complete.
CallFailure maxTimeFailure(const QUrl &url, const RequestSettings &settings, bool requestSent,
                           bool headersReceived, qint64 bodyBytes);
// The body passed RequestSettings::maxBodyBytes (`declared`: its Content-Length, or -1).
CallFailure bodyTooLargeFailure(const RequestSettings &settings, qint64 declared);

} // namespace Patchbay::Core
