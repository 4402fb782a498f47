#pragma once

#include "core/http/transferhop.h"

#include <QObject>

#include <memory>

namespace Patchbay::Core {

class CurlTransportPrivate;

// Moves HttpClient's requests with libcurl instead of QNetworkAccessManager, on the Qt event loop
// of the thread that owns it (curl's multi-socket interface driven by QSocketNotifier and a
// QTimer). patchbay-cli's collection runner uses it: Qt 6.4's request path costs about 0.8 ms per
// small request on loopback (it reads response headers one byte per system call and hands every
// request to a second thread), libcurl about 0.2 ms (docs/PERFORMANCE.md).
//
// HttpClient behaves the same on both transports: redirects, credential stripping, transfer
// timeouts, TLS verification, body storage, decompression limits and failure messages are
// HttpClient's own and shared. What libcurl does differently from Qt:
//   - repeated response headers are kept one per line, as they came (Qt joins them with ", ");
//   - a reply that is not HTTP at all is reported as ErrorKind::Protocol (Qt 6.4 retries and
//     then reports the connection as closed).
// Proxies, CA and client certificates, verification and HTTP/1.1-only come from the hop's
// HopNetwork (never from curl's own reading of the proxy variables), cookies from HttpCall's
// CookieJar (curl's cookie engine is off), and the TLS details of a response are read from
// OpenSSL as Qt reports them.
//
// One connection pool and DNS cache for every request of this transport; connections are kept
// alive between requests. The transport must outlive every call made through it.
//
// Built as its own library (patchbay_curl): link it where it is used (patchbay-cli), so that
// the window, which sends through Qt, never loads libcurl and its libraries.
class CurlTransport final : public QObject, public HopTransport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlTransport)

public:
    explicit CurlTransport(QObject *parent = nullptr);
    ~CurlTransport() override;

    // Starts one hop; events reach `sink` from the event loop. Destroying the hop aborts it.
    std::unique_ptr<TransferHop> start(const PreparedRequest &hop, const RequestSettings &settings,
                                       HopSink *sink) override;

private:
    std::unique_ptr<CurlTransportPrivate> d;
};

} // namespace Patchbay::Core
