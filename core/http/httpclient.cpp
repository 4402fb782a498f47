#include "core/http/httpclient.h"

#include "core/http/callfailure.h"
#include "core/http/credentialheaders.h"
#include "core/http/preparedrequest.h"
#include "core/http/qthop.h"
#include "core/http/redirectpolicy.h"
#include "core/http/responsebodywriter.h"
#include "core/http/transferhop.h"

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
                    std::optional<PreparedRequest> prepared, const QStringList &secretValues)
        : network(network)
        , transport(transport)
        , request(request)
        , secretValues(secretValues)
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

    // HopSink
    QObject *context() override { return q; }
    double elapsedMs() const override { return double(clock.nsecsElapsed()) / 1e6; }
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
    std::optional<PreparedRequest> prepared; // given by the caller (signed), else made at start
    PreparedRequest hop; // what the current hop sends
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
    QByteArray contentEncoding; // non-empty while the transport decodes the body

    bool done = false; // the outcome is decided and finished() is queued
    bool finishedEmitted = false;
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

void HttpCallPrivate::startHop()
{
    requestSent = false;
    headersReceived = false;
    head = HopHead();
    encodedBodyBytes = -1;
    hopIsRedirect = false;
    contentEncoding.clear();
    response.bytesSent = 0;
    Timing &timing = response.timing;
    timing.connectStart = timing.tlsDone = timing.requestSent = timing.firstByte = -1;
    if (transport)
        transfer = transport->start(hop, request.settings, this);
    else
        transfer = startQtHop(*network, hop, request.settings, this);
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
    return true;
}

bool HttpCallPrivate::hopBody(QByteArrayView data)
{
    if (done)
        return false;
    if (hopIsRedirect || data.isEmpty())
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
{ }

HttpClient::HttpClient(HopTransport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{ }

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpCall> HttpClient::send(const Request &request, const QStringList &secretValues)
{
    std::unique_ptr<HttpCall> call(new HttpCall(std::make_unique<HttpCallPrivate>(
        m_network, m_transport, request, std::nullopt, secretValues)));
    call->d->start();
    return call;
}

std::unique_ptr<HttpCall> HttpClient::send(const Request &request, const PreparedRequest &prepared,
                                           const QStringList &secretValues)
{
    std::unique_ptr<HttpCall> call(new HttpCall(std::make_unique<HttpCallPrivate>(
        m_network, m_transport, request, prepared, secretValues)));
    call->d->start();
    return call;
}

} // namespace Patchbay::Core
