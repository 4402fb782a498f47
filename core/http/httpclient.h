#pragma once

#include "core/http/preparedrequest.h"
#include "core/http/request.h"
#include "core/http/response.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace Patchbay::Core {
class CookieJar;
class HopTransport;
class NetworkContext;
} // namespace Patchbay::Core

namespace Patchbay::Core {

class HttpCallPrivate;

// Decompression limits. Qt decodes gzip/deflate/br/zstd bodies transparently; its archive-bomb
// guard (a ratio above 40:1 for gzip and deflate, 100:1 for brotli and zstd) is only armed once
// the decoded size passes RequestSettings::maxDecompressedBytes, because real JSON often
// compresses 100:1 to 300:1. Past that size only such extreme ratios are refused, so a body
// compressed at a "plausible" 30:1 could still decode without end and fill the disk. Hence an
// absolute cap: a compressed body that decodes to more than kDecodedSizeCapFactor x
// maxDecompressedBytes (4 GiB by default) fails with ErrorKind::DecompressionFailed whatever
// its ratio. Uncompressed bodies are not capped: every byte of them crossed the network. A
// negative maxDecompressedBytes turns both guards off.
inline constexpr qint64 kDecodedSizeCapFactor = 4;
// The absolute cap on the decoded size of a compressed body; -1 when there is none.
qint64 decodedSizeCap(const RequestSettings &settings);

// One request in flight. Owns its network reply (and every redirect hop's reply); destroying
// the call aborts whatever is still running. finished() is emitted exactly once, also for
// transport errors and cancel(), always from the event loop (never from inside send()).
class HttpCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    ~HttpCall() override;

    void cancel();
    bool isFinished() const;
    // Valid once finished() was emitted.
    const Response &response() const;
    // The request as it was actually sent (after redirects: the first hop).
    const Request &request() const;

    // Streaming bodies (text/event-stream): with observation on, headReceived() and
    // bodyReceived() report the final response as it arrives. Turn it on right after send().
    void setBodyObserved(bool observed);
    // Off: body bytes stop being stored (the response's body keeps what came before), for
    // endless bodies whose observer keeps what it needs. Events still flow.
    void setBodyKept(bool kept);

signals:
    // Decoded body bytes so far; total is -1 when the server did not say.
    void downloadProgress(qint64 received, qint64 total);
    void uploadProgress(qint64 sent, qint64 total);
    void finished(const Patchbay::Core::Response &response);
    // With setBodyObserved(true), from the event loop: the final (not redirecting) response's
    // status and headers (no body yet), then its decoded body bytes as they arrive, all before
    // finished().
    void headReceived(const Patchbay::Core::Response &head);
    void bodyReceived(const QByteArray &data);

private:
    friend class HttpClient;
    explicit HttpCall(std::unique_ptr<HttpCallPrivate> d);
    std::unique_ptr<HttpCallPrivate> d; // owned
};

// Sends Requests on one injected transport: a QNetworkAccessManager (the window's) or a
// CurlTransport (libcurl; patchbay-cli's runner, where Qt 6.4's per-request costs dominate, see
// curltransport.h). Both behave alike; where they differ, curltransport.h says so. Redirects are
// followed by this class, never by Qt, so credentials can be dropped when the origin changes (see
// redirectpolicy.h). The transport must outlive every call; a manager is not reconfigured, each
// request carries its own attributes (no redirects by Qt, no HTTP cache, its timeout and TLS
// policy).
//
// What the client guarantees:
//   - 4xx and 5xx are responses; only transport failures set Response::errorKind, each with a
//     message saying what failed and what to check (callfailure.cpp);
//   - RequestSettings::timeoutMs is a transfer timeout: the request fails with Timeout only when
//     no bytes moved for that long, so a slow but steady download is never cut;
//     RequestSettings::maxTimeMs is a total deadline that ends even a steady trickle;
//   - a status outside 100-999, a NUL byte in a header, more than kMaxResponseHeaders headers
//     or kMaxResponseHeadBytes of them are Protocol errors; a body past maxBodyBytes ends the
//     request;
//   - verifyTls=false accepts any certificate for that request only, and its connections are
//     never reused by requests that do verify;
//   - the body is read as it arrives and moves to a temporary file past
//     RequestSettings::streamToFileThreshold;
//   - response headers keep their order. Qt folds repeated header names into one (joined with
//     ", "); Set-Cookie, which cannot be folded, is split back into one header per cookie;
//   - proxies, CA certificates, client certificates, per-host verification and HTTP/1.1-only
//     come from the transport's NetworkContext (the workspace's settings) and the request's
//     overrides, resolved per hop into one HopNetwork that both transports apply alike;
//   - cookies are read from and stored into one CookieJar (RFC 6265) at every hop, redirects
//     included, unless the request turns cookies off; neither Qt's nor curl's jar is used.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(QNetworkAccessManager *network, QObject *parent = nullptr); // not owned
    // Another transport, e.g. a CurlTransport (core/http/curltransport.h); not owned.
    explicit HttpClient(HopTransport *transport, QObject *parent = nullptr);
    ~HttpClient() override;

    // Never returns null. An invalid request finishes with an error without sending anything.
    // `secretValues` are the values of the secret variables the request used
    // (ResolvedSend::secretValues): headers holding one are dropped on a redirect to another
    // origin, like Authorization.
    std::unique_ptr<HttpCall> send(const Request &request, const QStringList &secretValues = {});
    // Sends `prepared` as it is: the caller made it from `request` with prepareRequest() and then
    // changed it, e.g. signed it (core/auth), so it must not be prepared again. `request` supplies
    // the settings and is what HttpCall::request() returns.
    std::unique_ptr<HttpCall> send(const Request &request, const PreparedRequest &prepared,
                                   const QStringList &secretValues = {});

    // The transport's network configuration (profile, shared cookie jar).
    NetworkContext *networkContext() const;
    // The jar this client's calls use: the context's unless set here (not owned; e.g. a run's
    // fresh jar). Null goes back to the context's.
    void setCookieJar(CookieJar *jar);
    CookieJar *cookieJar() const;

signals:
    // Every call send() makes, before it starts, from inside send(): wrappers that send for
    // someone else (core/auth/authcall.h) use it to observe the call that carries the user's
    // request. A slot may configure the call (setBodyObserved()) but not destroy it.
    void callStarted(Patchbay::Core::HttpCall *call);

private:
    QNetworkAccessManager *m_network = nullptr; // not owned
    HopTransport *m_transport = nullptr; // not owned
    NetworkContext *m_context = nullptr; // owned by the transport (or by this client)
    QPointer<CookieJar> m_jar; // not owned
};

} // namespace Patchbay::Core
