#pragma once

// Internal to core/http: the seam between an HttpCall (redirects, body storage, size caps,
// failure messages) and the transport that moves one hop's bytes (Qt's QNetworkAccessManager or
// libcurl, see curltransport.h).

#include "core/http/preparedrequest.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/network/networkprofile.h"
#include "core/network/tlscheck.h"

#include <QByteArrayView>
#include <QNetworkReply>
#include <QStringList>

#include <memory>

class QObject;

namespace Patchbay::Core {

// At most this many decoded body bytes wait in a transport for the call to store them: Qt's read
// buffer (the socket is not read while it is full) and libcurl's pause threshold. Without it a
// server sending faster than the body reaches the disk fills the memory (5 GiB in a test).
inline constexpr qint64 kHopBufferBytes = 1024 * 1024;

// A response head (status line and headers) with more header lines, or more bytes, is refused.
// libcurl refuses heads over 300 KiB and single lines over 100 KiB itself. Debian's Qt 6.4 reads
// at most 100 header fields and fields of at most 100 KiB, and past that silently drops every
// header (measured); it offers no hook while it reads a head, so there the caps are checked once
// it has, and a head without any header field is refused (qthop.cpp). 100 is also Apache's and
// nginx's usual limit for requests.
inline constexpr int kMaxResponseHeaders = 100;
inline constexpr qint64 kMaxResponseHeadBytes = 256 * 1024;

// The status line and headers of one hop's final (non-1xx) response.
struct HopHead
{
    int statusCode = 0;
    QString reason;
    QString httpVersion; // "1.1", "2"
    HttpHeaderList headers; // in order
    TlsInfo tls; // the session (protocol, cipher, ALPN, peer chain) when over TLS

    // First header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
};

// Why a hop's transfer failed, in Qt's vocabulary so that both transports share one set of
// messages (describeReplyFailure in callfailure.h).
struct HopFailure
{
    QNetworkReply::NetworkError code = QNetworkReply::UnknownNetworkError;
    QString detail; // the transport's own words
    QStringList tlsProblems; // certificate problems of a failed handshake
    QList<TlsCheck> tlsChecks; // which checks they were
    bool decompressionBomb = false; // the decoded/encoded ratio guard stopped the body
    // What the server did that HTTP does not allow ("a chunked body with a broken chunk
    // size"), when the transport knows; callfailure.cpp words the message.
    QString violation;
};

enum class HopPhase { ConnectStarted, TlsDone, RequestSent };

// What a hop reports to its call. A hop calls these from the event loop, never from inside a
// transport callback. Any call may end the call and destroy the hop (see the notes), so a hop
// touches nothing of its own after a call that returns false (hopHead, hopBody) or after
// hopProgress(), hopUploadProgress(), hopFinished() and hopFailed().
class HopSink
{
public:
    virtual QObject *context() = 0; // the HttpCall: the context object of connections
    virtual double elapsedMs() const = 0; // since the call started
    // The proxy and TLS material of the current hop (the same for both transports).
    virtual const HopNetwork &hopNetwork() const = 0;
    virtual void hopPhase(HopPhase phase, double atMs) = 0;
    virtual void hopUploadProgress(qint64 sent, qint64 total) = 0; // may destroy the hop
    // False when the call refused the head and ended (the hop is gone).
    virtual bool hopHead(const HopHead &head) = 0;
    // Stores decoded body bytes; false when the call ended (and the hop is gone).
    virtual bool hopBody(QByteArrayView data) = 0;
    virtual void hopProgress() = 0; // emits downloadProgress; may destroy the hop
    // The response is complete. encodedBodyBytes: the body's size on the wire, -1 if unknown.
    virtual void hopFinished(qint64 encodedBodyBytes) = 0;
    virtual void hopFailed(const HopFailure &failure) = 0;

protected:
    ~HopSink() = default;
};

// One request/response exchange in flight; destroying it aborts the transfer silently.
class TransferHop
{
public:
    virtual ~TransferHop() = default;
};

// A transport other than Qt's that an HttpClient can send through (CurlTransport, which lives
// in its own library, patchbay_curl, so that the window never loads libcurl).
class HopTransport
{
public:
    // Starts one hop; events reach `sink` from the event loop. Destroying the hop aborts it.
    virtual std::unique_ptr<TransferHop> start(const PreparedRequest &hop,
                                               const RequestSettings &settings, HopSink *sink)
        = 0;

protected:
    ~HopTransport() = default;
};

// One header per name, in first-seen order: repeated user rows folded the way RFC 9110 allows
// (", "; Cookie uses "; "), as both transports send them.
HttpHeaderList foldRepeatedHeaders(const PreparedHeaderList &headers);

// Whether a body sent with this Content-Encoding passed the decoded/encoded ratio that marks a
// decompression bomb (Qt's own rule: 40:1 for gzip and deflate, 100:1 for br and zstd), once
// more than `threshold` bytes were decoded. A negative threshold turns the guard off.
bool exceedsDecompressionRatio(QByteArrayView encoding, qint64 decoded, qint64 encoded,
                               qint64 threshold);

} // namespace Patchbay::Core
