#include "core/http/httpclient.h"

#include "core/cookies/cookiejar.h"
#include "core/http/callfailure.h"
#include "core/http/credentialheaders.h"
#include "core/http/preparedrequest.h"
#include "core/http/qthop.h"
#include "core/http/redirectpolicy.h"
#include "core/http/responsebodywriter.h"
#include "core/http/transferhop.h"
#include "core/network/networkcontext.h"
#include "core/network/networkfailure.h"
#include "core/network/qtproxyrouter.h"

#include <QElapsedTimer>
#include <QTimer>

#include <limits>
#include <optional>
#include <utility>

namespace Patchbay::Core {

qint64 decodedSizeCap(const RequestSettings &settings)
{
    if (settings.maxDecompressedBytes < 0)
        return -1;
    if (settings.maxDecompressedBytes > std::numeric_limits<qint64>::max() / kDecodedSizeCapFactor)
        return std::numeric_limits<qint64>::max();
    return settings.maxDecompressedBytes * kDecodedSizeCapFactor;
}

namespace {

// What in a response head HTTP does not allow, or an empty string. Qt accepts a status line
// "HTTP/1.1 -200", NUL bytes in headers and any number of headers; libcurl refuses the first
// two itself. The caps are the same on both transports (see transferhop.h).
QString headViolation(const HopHead &head)
{
    if (head.statusCode < 100 || head.statusCode > 999)
        return QStringLiteral("the status code %1 (a status is three digits, 100 to 999)")
            .arg(head.statusCode);
    if (head.headers.size() > kMaxResponseHeaders)
        return QStringLiteral("%1 response headers (more than %2 are refused)")
            .arg(head.headers.size())
            .arg(kMaxResponseHeaders);
    qint64 bytes = 0;
    for (const HttpHeader &header : head.headers) {
        bytes += header.name.size() + header.value.size() + 4;
        if (header.name.contains('\0') || header.value.contains('\0'))
            return QStringLiteral("a NUL byte in the header %1")
                .arg(QString::fromLatin1(header.name.left(64)).toHtmlEscaped());
    }
    if (bytes > kMaxResponseHeadBytes)
        return QStringLiteral("response headers of %1 bytes (more than %2 are refused)")
            .arg(bytes)
            .arg(kMaxResponseHeadBytes);
    return {};
}

} // namespace

class HttpCallPrivate final : public HopSink
{
public:
    HttpCallPrivate(QNetworkAccessManager *network, HopTransport *transport, const Request &request,
                    NetworkContext *networkContext, CookieJar *jar,
                    std::optional<PreparedRequest> prepared, const QStringList &secretValues)
        : network(network)
        , transport(transport)
        , request(request)
        , secretValues(secretValues)
        , networkContext(networkContext)
        , jar(request.settings.cookies ? jar : nullptr)
        , prepared(std::move(prepared))
        , body(request.settings.streamToFileThreshold)
    { }

    void start();
    void startHop();
    void followRedirect();
    void captureResponseHead();
    qint64 expectedBodyBytes() const;
    void fail(const CallFailure &failure);
    void finish();
    // The hop as it goes out: the jar's cookies for its URL after the user's own.
    PreparedRequest withJarCookies(const PreparedRequest &prepared);
    NetworkFailureContext networkFailureContext() const;

    // HopSink
    QObject *context() override { return q; }
    double elapsedMs() const override { return double(clock.nsecsElapsed()) / 1e6; }
    const HopNetwork &hopNetwork() const override { return currentNetwork; }
    void hopPhase(HopPhase phase, double atMs) override;
    void hopUploadProgress(qint64 sent, qint64 total) override;
    bool hopHead(const HopHead &head) override;
    bool hopBody(QByteArrayView data) override;
    void hopProgress() override;
    void hopFinished(qint64 encodedBodyBytes) override;
    void hopFailed(const HopFailure &failure) override;

    HttpCall *q = nullptr;
    QNetworkAccessManager *network; // not owned; null when another transport is used
    HopTransport *transport; // not owned; null when Qt is used
    const Request request;
    const QStringList secretValues; // of the secret variables the request used
    NetworkContext *networkContext; // not owned; a child of the transport, outlives the call
    QPointer<CookieJar> jar; // not owned; null when the request keeps out of the jar
    std::optional<PreparedRequest> prepared; // given by the caller (signed), else made at start
    std::optional<CallNetwork> callNetwork; // the request's proxy and TLS material
    HopNetwork currentNetwork; // the current hop's
    PreparedRequest hop; // what the current hop sends (before the jar's cookies)
    std::unique_ptr<QTimer> deadline; // RequestSettings::maxTimeMs
    std::unique_ptr<TransferHop> transfer;
    Response response;
    QElapsedTimer clock;
    ResponseBodyWriter body;

    // State of the current hop.
    bool requestSent = false;
    bool headersReceived = false;
    HopHead head;
    qint64 encodedBodyBytes = -1;
    bool hopIsRedirect = false; // its body is discarded, the call goes on elsewhere
    bool proxyRefused = false; // the proxy answered 407
    QByteArray contentEncoding; // non-empty while the transport decodes the body

    bool done = false; // the outcome is decided and finished() is queued
    bool finishedEmitted = false;
    bool bodyObserved = false; // headReceived() and bodyReceived() are emitted
    bool bodyKept = true; // body bytes are stored in `body`
};

void HttpCallPrivate::start()
{
    response.timing.startedAt = QDateTime::currentDateTime();
    clock.start();
    if (prepared) {
        hop = *std::exchange(prepared, std::nullopt);
    } else {
        Result<PreparedRequest> made = prepareRequest(request);
        if (!made) {
            fail(failureFromError(made.error()));
            return;
        }
        hop = std::move(made).value();
    }
    markCredentialHeaders(hop, secretValues, request.settings.keepHeadersOnRedirect);
    Result<CallNetwork> resolved = networkContext->profile()->forRequest(request.settings);
    if (!resolved) {
        fail(failureFromError(resolved.error()));
        return;
    }
    callNetwork = std::move(resolved).value();
    if (request.settings.maxTimeMs > 0) {
        deadline = std::make_unique<QTimer>();
        deadline->setSingleShot(true);
        QObject::connect(deadline.get(), &QTimer::timeout, q, [this] {
            fail(maxTimeFailure(hop.url, request.settings, requestSent, headersReceived,
                                body.size()));
        });
        deadline->start(request.settings.maxTimeMs);
    }
    startHop();
}

PreparedRequest HttpCallPrivate::withJarCookies(const PreparedRequest &prepared)
{
    if (!jar)
        return prepared;
    QByteArray fromJar;
    const QByteArray typed = prepared.header("Cookie");
    for (const Cookie &cookie : jar->cookiesFor(prepared.url)) {
        // A cookie the user typed in a Cookie header wins over the jar's of the same name.
        const QByteArray name = cookie.name.toUtf8();
        bool typedToo = false;
        for (const QByteArray &pair : typed.split(';'))
            typedToo = typedToo || pair.trimmed().startsWith(QByteArray(name + '='));
        if (typedToo)
            continue;
        if (!fromJar.isEmpty())
            fromJar += "; ";
        fromJar += name + '=' + cookie.value.toUtf8();
    }
    if (fromJar.isEmpty())
        return prepared;
    PreparedRequest sent = prepared;
    sent.headers.append({"Cookie", fromJar, true, true});
    return sent;
}

NetworkFailureContext HttpCallPrivate::networkFailureContext() const
{
    return {hop.url, currentNetwork.proxy.display(), currentNetwork.proxy.hasCredentials(),
            currentNetwork.clientIdentity
                ? certificateInfo(currentNetwork.clientIdentity->certificate).subject
                : QString()};
}

void HttpCallPrivate::startHop()
{
    requestSent = false;
    headersReceived = false;
    head = HopHead();
    encodedBodyBytes = -1;
    hopIsRedirect = false;
    proxyRefused = false;
    contentEncoding.clear();
    response.bytesSent = 0;
    Timing &timing = response.timing;
    timing.connectStart = timing.tlsDone = timing.requestSent = timing.firstByte = -1;
    Result<HopNetwork> resolved = callNetwork->forUrl(hop.url);
    if (!resolved) {
        fail(failureFromError(resolved.error()));
        return;
    }
    currentNetwork = std::move(resolved).value();
    response.proxy = currentNetwork.proxy.display();
    const PreparedRequest sent = withJarCookies(hop);
    if (transport)
        transfer = transport->start(sent, request.settings, this);
    else
        transfer = startQtHop(*network, sent, request.settings, this);
}

void HttpCallPrivate::hopPhase(HopPhase phase, double atMs)
{
    switch (phase) {
    case HopPhase::ConnectStarted:
        response.timing.connectStart = atMs;
        break;
    case HopPhase::TlsDone:
        response.timing.tlsDone = atMs;
        break;
    case HopPhase::RequestSent:
        requestSent = true;
        response.timing.requestSent = atMs;
        break;
    }
}

void HttpCallPrivate::hopUploadProgress(qint64 sent, qint64 total)
{
    response.bytesSent = sent;
    emit q->uploadProgress(sent, total); // last: a slot may delete q
}

bool HttpCallPrivate::hopHead(const HopHead &received)
{
    if (done)
        return false;
    if (headersReceived)
        return true;
    if (const QString violation = headViolation(received); !violation.isEmpty()) {
        fail(protocolViolationFailure(hop.url, violation));
        return false;
    }
    headersReceived = true;
    head = received;
    response.timing.firstByte = elapsedMs();
    if (jar) {
        QList<QByteArray> setCookies;
        for (const HttpHeader &header : head.headers) {
            if (header.name.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
                setCookies.append(header.value);
        }
        if (!setCookies.isEmpty())
            jar->storeFromResponse(hop.url, setCookies);
    }
    // Through a proxy, a 407 is the proxy's own answer: a failure to explain, not a response.
    proxyRefused = head.statusCode == 407 && !currentNetwork.proxy.isNone();
    hopIsRedirect = request.settings.followRedirects && isFollowableRedirect(head.statusCode)
        && !head.header("Location").isNull();
    // Transports decode transparently unless the request asked for an encoding itself.
    const QByteArray encoding = head.header("Content-Encoding").trimmed().toLower();
    if (!hop.hasHeader("Accept-Encoding") && !encoding.isEmpty() && encoding != "identity")
        contentEncoding = encoding;
    // A body announced larger than the limit is refused before a byte of it is stored.
    const qint64 announced = expectedBodyBytes();
    if (!hopIsRedirect && request.settings.maxBodyBytes > 0
        && announced > request.settings.maxBodyBytes) {
        fail(bodyTooLargeFailure(request.settings, announced));
        return false;
    }
    if (bodyObserved && !hopIsRedirect) {
        // Queued, as every signal of a call is: a hop event must not run a slot that could
        // destroy the call. finished() is queued later, so it always comes after.
        Response started;
        started.statusCode = head.statusCode;
        started.reason = head.reason;
        started.httpVersion = head.httpVersion;
        started.headers = head.headers;
        started.timing = response.timing;
        started.finalUrl = hop.url;
        started.finalMethod = hop.method;
        QMetaObject::invokeMethod(
            q, [this, started] { emit q->headReceived(started); }, Qt::QueuedConnection);
    }
    return true;
}

bool HttpCallPrivate::hopBody(QByteArrayView data)
{
    if (done)
        return false;
    if (proxyRefused) {
        headersReceived = false; // the proxy's answer, not the server's
        fail(proxyAuthenticationFailure(networkFailureContext()));
        return false;
    }
    if (hopIsRedirect || data.isEmpty())
        return true;
    if (bodyObserved) {
        QMetaObject::invokeMethod(
            q, [this, chunk = data.toByteArray()] { emit q->bodyReceived(chunk); },
            Qt::QueuedConnection);
    }
    if (!bodyKept)
        return true;
    if (Status stored = body.append(data); !stored) {
        fail(bodyStorageFailure(stored.error().message));
        return false;
    }
    if (request.settings.maxBodyBytes > 0 && body.size() > request.settings.maxBodyBytes) {
        fail(bodyTooLargeFailure(request.settings, -1));
        return false;
    }
    const qint64 cap = decodedSizeCap(request.settings);
    if (!contentEncoding.isEmpty() && cap >= 0 && body.size() > cap) {
        fail(decodedSizeFailure(cap, contentEncoding, request.settings));
        return false;
    }
    return true;
}

void HttpCallPrivate::hopProgress()
{
    if (done || hopIsRedirect)
        return;
    emit q->downloadProgress(body.size(), expectedBodyBytes()); // last: a slot may delete q
}

void HttpCallPrivate::hopFinished(qint64 encodedBytes)
{
    if (done)
        return;
    encodedBodyBytes = encodedBytes;
    if (proxyRefused) {
        headersReceived = false;
        fail(proxyAuthenticationFailure(networkFailureContext()));
        return;
    }
    if (hopIsRedirect) {
        followRedirect();
        return;
    }
    finish();
}

void HttpCallPrivate::hopFailed(const HopFailure &hopFailure)
{
    if (done)
        return;
    ReplyFailure failure;
    failure.code = hopFailure.code;
    failure.qtMessage = hopFailure.detail;
    failure.decompressionBomb = hopFailure.decompressionBomb;
    failure.url = hop.url;
    failure.requestSent = requestSent;
    failure.headersReceived = headersReceived;
    failure.contentEncoding = contentEncoding;
    failure.tlsProblems = hopFailure.tlsProblems;
    failure.tlsChecks = hopFailure.tlsChecks;
    const NetworkFailureContext where = networkFailureContext();
    failure.proxy = where.proxy;
    failure.proxyCredentialsSent = where.proxyCredentialsSent;
    failure.clientCertificate = where.clientCertificate;
    failure.bodyBytesReceived = body.size();
    failure.expectedBodyBytes = expectedBodyBytes();
    failure.violation = hopFailure.violation;
    failure.settings = request.settings;
    fail(describeReplyFailure(failure));
}

void HttpCallPrivate::followRedirect()
{
    const int status = head.statusCode;
    Result<RedirectStep> step = planRedirect(hop, status, head.header("Location"));
    if (!step) {
        fail(failureFromError(step.error()));
        return;
    }
    const int maxRedirects = qMax(0, request.settings.maxRedirects);
    if (response.redirects.size() >= maxRedirects) {
        fail(tooManyRedirectsFailure(maxRedirects, step->next.url));
        return;
    }
    response.redirects.append(RedirectHop {status, hop.method, hop.url, step->next.url,
                                           step->next.method, step->droppedHeaders, head.headers});
    hop = std::move(step).value().next;
    transfer.reset();
    startHop();
}

qint64 HttpCallPrivate::expectedBodyBytes() const
{
    if (!headersReceived || !contentEncoding.isEmpty())
        return -1; // Content-Length counts encoded bytes
    bool ok = false;
    const qint64 length = head.header("Content-Length").trimmed().toLongLong(&ok);
    return ok ? length : -1;
}

void HttpCallPrivate::captureResponseHead()
{
    response.statusCode = head.statusCode;
    response.reason = head.reason;
    response.httpVersion = head.httpVersion;
    response.headers = head.headers;
    response.tls = head.tls;
    if (!response.tls.isEmpty()) {
        response.tls.verified = currentNetwork.verifyPeer;
        response.tls.notVerifiedReason = currentNetwork.notVerifiedReason;
        if (currentNetwork.clientIdentity)
            response.tls.clientCertificate
                = certificateInfo(currentNetwork.clientIdentity->certificate).subject;
    }
    if (contentEncoding.isEmpty()) {
        response.wireBodyBytes = body.size();
    } else if (encodedBodyBytes >= 0) {
        response.wireBodyBytes = encodedBodyBytes;
    } else {
        // Qt 6.4 removes the Content-Length of a body it decodes (and counts decoded bytes in
        // its progress), so the encoded size is usually unknown.
        bool ok = false;
        const qint64 length = head.header("Content-Length").trimmed().toLongLong(&ok);
        response.wireBodyBytes = ok ? length : -1;
    }
}

void HttpCallPrivate::fail(const CallFailure &failure)
{
    if (done)
        return;
    response.errorKind = failure.kind;
    response.errorMessage = failure.message;
    finish();
}

void HttpCallPrivate::finish()
{
    if (done)
        return;
    done = true;
    if (headersReceived)
        captureResponseHead();
    response.finalUrl = hop.url.isValid() ? hop.url : QUrl(request.url);
    response.finalMethod = hop.method.isEmpty() ? request.method : hop.method;
    response.body = body.take();
    response.timing.finished = elapsedMs();
    if (deadline)
        deadline->stop(); // not deleted: finish() may run inside its timeout()
    transfer.reset();
    // Always from the event loop: callers may connect after send() and may delete the call in
    // their slot, so finished() is never emitted from inside send(), cancel() or a hop's event.
    QMetaObject::invokeMethod(
        q,
        [this] {
            finishedEmitted = true;
            emit q->finished(response);
        },
        Qt::QueuedConnection);
}

HttpCall::HttpCall(std::unique_ptr<HttpCallPrivate> d)
    : d(std::move(d))
{
    this->d->q = this;
}

HttpCall::~HttpCall() = default; // destroying the hop aborts a transfer still running

void HttpCall::cancel()
{
    d->fail(cancelledFailure());
}

void HttpCall::setBodyObserved(bool observed)
{
    d->bodyObserved = observed;
}

void HttpCall::setBodyKept(bool kept)
{
    d->bodyKept = kept;
}

bool HttpCall::isFinished() const
{
    return d->finishedEmitted;
}

const Response &HttpCall::response() const
{
    return d->response;
}

const Request &HttpCall::request() const
{
    return d->request;
}

HttpClient::HttpClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_context(NetworkContext::of(network))
{ }

HttpClient::HttpClient(HopTransport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    // The context lives with the transport when it is a QObject (CurlTransport), so that every
    // client on it shares it; with this client otherwise.
    auto *object = dynamic_cast<QObject *>(transport);
    m_context = NetworkContext::of(object ? object : this);
}

NetworkContext *HttpClient::networkContext() const
{
    return m_context;
}

void HttpClient::setCookieJar(CookieJar *jar)
{
    m_jar = jar;
}

CookieJar *HttpClient::cookieJar() const
{
    return m_jar ? m_jar.data() : m_context->cookieJar();
}

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpCall> HttpClient::send(const Request &request, const QStringList &secretValues)
{
    std::unique_ptr<HttpCall> call(new HttpCall(std::make_unique<HttpCallPrivate>(
        m_network, m_transport, request, m_context, cookieJar(), std::nullopt, secretValues)));
    emit callStarted(call.get());
    call->d->start();
    return call;
}

std::unique_ptr<HttpCall> HttpClient::send(const Request &request, const PreparedRequest &prepared,
                                           const QStringList &secretValues)
{
    std::unique_ptr<HttpCall> call(new HttpCall(std::make_unique<HttpCallPrivate>(
        m_network, m_transport, request, m_context, cookieJar(), prepared, secretValues)));
    emit callStarted(call.get());
    call->d->start();
    return call;
}

} // namespace Patchbay::Core
