#pragma once

#include "core/network/tlsinfo.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>

class QIODevice;
class QTemporaryFile;

namespace Patchbay::Core {

struct HttpHeader
{
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};

using HttpHeaderList = QList<HttpHeader>;

// Transport failures. An HTTP 4xx/5xx is a Response with ErrorKind::None.
enum class ErrorKind {
    None,
    InvalidUrl, // nothing was sent
    InvalidRequest, // e.g. a body file that cannot be read; nothing was sent
    ConnectionRefused,
    HostNotFound,
    Timeout,
    Tls,
    Cancelled,
    ConnectionReset, // closed or reset before the whole response arrived
    TooManyRedirects,
    InsecureRedirect, // https -> http refused
    DecompressionFailed, // corrupt encoding, or a body decoding past the configured cap
    Protocol, // the server sent something that is not HTTP
    Proxy, // the proxy refused, failed or wanted credentials (407)
    Auth, // credentials could not be had (e.g. no OAuth 2.0 token); nothing was sent
    Other,
};

// An exchange made on a request's behalf before its final one, e.g. the 401 round trip of Digest
// auth, a retry after a stale nonce, or an OAuth 2.0 token call. Milliseconds since
// Timing::startedAt.
struct TimingSpan
{
    QString name; // for people: "Auth challenge"
    double start = -1;
    double end = -1;
    QString note; // what happened, e.g. "refreshed at the token endpoint"; may be empty

    friend bool operator==(const TimingSpan &, const TimingSpan &) = default;
};

// Milliseconds since `startedAt`; -1 when the phase was not observed (e.g. no new connection
// was opened because a kept-alive one was reused, or no TLS).
struct Timing
{
    QDateTime startedAt;
    // Exchanges before the final request, in order (empty for a plain send). When there are
    // any, startedAt is when the first began and the phases below, measured from it too, follow
    // them. HttpClient never fills this; drivers that send more than once do (core/auth).
    QList<TimingSpan> before;
    double connectStart = -1;
    double tlsDone = -1;
    double requestSent = -1;
    double firstByte = -1; // response headers arrived
    double finished = -1;

    double totalMs() const { return finished; }
    friend bool operator==(const Timing &, const Timing &) = default;
};

// One followed redirect: the response that redirected and where the client went next.
struct RedirectHop
{
    int statusCode = 0;
    QString method; // method used for the request that got this redirect
    QUrl url; // URL that answered with the redirect
    QUrl location; // resolved target
    QString nextMethod; // method used for the next request (303 etc. turn into GET)
    QList<QByteArray> droppedHeaders; // credentials removed because the origin changed
    HttpHeaderList headers; // headers of the redirect response

    friend bool operator==(const RedirectHop &, const RedirectHop &) = default;
};

// The decoded response body: in memory, or in a temporary file for large bodies.
// Copies share the same file, which is removed when the last copy goes away.
class ResponseBody
{
public:
    ResponseBody() = default;
    explicit ResponseBody(QByteArray data);
    static ResponseBody fromFile(std::shared_ptr<QTemporaryFile> file);

    bool isInFile() const { return m_file != nullptr; }
    QString filePath() const;
    qint64 size() const;
    // Reads everything into memory. Fine for small bodies; large ones should use open().
    QByteArray readAll() const;
    // First `maxBytes` bytes, cheap for both kinds of storage.
    QByteArray peek(qint64 maxBytes) const;
    // A new read-only device positioned at the start, owned by the caller.
    std::unique_ptr<QIODevice> open() const;

    friend bool operator==(const ResponseBody &a, const ResponseBody &b);

private:
    QByteArray m_data;
    std::shared_ptr<QTemporaryFile> m_file;
};

struct Response
{
    int statusCode = 0; // 0 when there was no HTTP response (see errorKind)
    QString reason;
    QString httpVersion; // "1.1", "2"
    HttpHeaderList headers; // in order, duplicates kept
    ResponseBody body; // decoded
    qint64 wireBodyBytes = -1; // body bytes as transferred (compressed), -1 when unknown
    qint64 bytesSent = 0; // request body bytes uploaded
    Timing timing;
    QList<RedirectHop> redirects;
    QUrl finalUrl;
    QString finalMethod;
    QString proxy; // the proxy of the last hop ("http://host:port"), empty when direct
    TlsInfo tls; // the last hop's TLS session; empty for http://
    ErrorKind errorKind = ErrorKind::None;
    QString errorMessage; // what failed and what to check

    bool isError() const { return errorKind != ErrorKind::None; }
    // First header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    QList<QByteArray> headerValues(QByteArrayView name) const;

    friend bool operator==(const Response &, const Response &) = default;
};

QString errorKindName(ErrorKind kind); // stable, e.g. "connection-refused"
// The inverse of errorKindName(); ErrorKind::Other for an unknown name.
ErrorKind errorKindFromName(QStringView name);

} // namespace Patchbay::Core
