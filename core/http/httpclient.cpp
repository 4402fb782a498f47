#include "core/http/httpclient.h"

#include "core/http/callfailure.h"
#include "core/http/preparedrequest.h"
#include "core/http/redirectpolicy.h"
#include "core/http/responsebodywriter.h"
#include "core/http/transferhop.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>

#include <limits>
#include <optional>
#include <utility>

namespace Patchbay::Core {

namespace {

// Releases a reply from anywhere, including from inside one of its own signals: first cut the
// call's connections so that abort() cannot call back into a call that is finishing, then abort
// what still runs (destroying a call stops its transfer), then deleteLater, never delete, because
// the reply may be emitting right now.
struct ReplyDeleter
{
    QObject *listener = nullptr;

    void operator()(QNetworkReply *reply) const
    {
        if (listener)
            QObject::disconnect(reply, nullptr, listener, nullptr);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
};

using ReplyPtr = std::unique_ptr<QNetworkReply, ReplyDeleter>;

// QNetworkRequest keeps one value per header name: repeated user rows are folded first.
void setHeaders(QNetworkRequest &request, const PreparedHeaderList &headers)
{
    for (const HttpHeader &header : foldRepeatedHeaders(headers))
        request.setRawHeader(header.name, header.value);
}

QNetworkRequest toNetworkRequest(const PreparedRequest &hop, const RequestSettings &settings)
{
    QNetworkRequest request(hop.url);
    setHeaders(request, hop.headers);
    // Redirects are ours to follow (credential stripping, recorded hops).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // A REST client shows what the server says now, whatever cache the manager may have.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // The call owns the reply; a manager set to auto-delete replies must not delete it under us.
    request.setAttribute(QNetworkRequest::AutoDeleteReplyOnFinishAttribute, false);
    request.setTransferTimeout(qMax(0, settings.timeoutMs));
    request.setDecompressedSafetyCheckThreshold(
        settings.maxDecompressedBytes < 0 ? -1 : settings.maxDecompressedBytes);
    if (!settings.verifyTls) {
        QSslConfiguration tls = request.sslConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
        // Qt pools connections by scheme, host, port and peer verify name, and applies the TLS
        // configuration only when it opens a connection. A distinct verify name (unused, as
        // nothing is verified) keeps unverified connections out of the pool that verifying
        // requests draw from.
        request.setPeerVerifyName(QStringLiteral("unverified.") + hop.url.host());
    }
    return request;
}

QNetworkReply *sendOn(QNetworkAccessManager &network, const PreparedRequest &hop,
                      const QNetworkRequest &request)
{
    // A custom "HEAD" would make Qt wait for a body that never comes.
    if (hop.method == QLatin1String("HEAD"))
        return network.head(request);
    const QByteArray verb = hop.method.toLatin1();
    if (hop.hasBody)
        return network.sendCustomRequest(request, verb, hop.body);
    return network.sendCustomRequest(request, verb);
}

HttpHeaderList headersOf(const QNetworkReply &reply)
{
    HttpHeaderList headers;
    for (const QNetworkReply::RawHeaderPair &pair : reply.rawHeaderPairs()) {
        if (pair.first.compare("Set-Cookie", Qt::CaseInsensitive) == 0) {
            // Qt joins repeated Set-Cookie headers with '\n', which no header value can contain.
            for (const QByteArray &cookie : pair.second.split('\n'))
                headers.append({pair.first, cookie});
        } else {
            headers.append({pair.first, pair.second});
        }
    }
    return headers;
}

// One hop through Qt: a QNetworkReply whose signals become HopSink calls.
class QtHop final : public TransferHop
{
public:
    QtHop(QNetworkAccessManager &network, const PreparedRequest &hop,
          const RequestSettings &settings, HopSink *sink);

private:
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();

    HopSink *m_sink; // the call, which owns this hop
    ReplyPtr m_reply;
    bool m_headDelivered = false;
    QStringList m_tlsProblems;
};

QtHop::QtHop(QNetworkAccessManager &network, const PreparedRequest &hop,
             const RequestSettings &settings, HopSink *sink)
    : m_sink(sink)
    , m_reply(sendOn(network, hop, toNetworkRequest(hop, settings)), ReplyDeleter {sink->context()})
{
    QNetworkReply *r = m_reply.get();
    QObject *context = sink->context();
    QObject::connect(r, &QNetworkReply::socketStartedConnecting, context,
                     [this] { m_sink->hopPhase(HopPhase::ConnectStarted, m_sink->elapsedMs()); });
    QObject::connect(r, &QNetworkReply::encrypted, context,
                     [this] { m_sink->hopPhase(HopPhase::TlsDone, m_sink->elapsedMs()); });
    // Emitted again if Qt has to resend on a fresh connection: the last one counts.
    QObject::connect(r, &QNetworkReply::requestSent, context,
                     [this] { m_sink->hopPhase(HopPhase::RequestSent, m_sink->elapsedMs()); });
    QObject::connect(r, &QNetworkReply::sslErrors, context, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            m_tlsProblems.append(error.errorString());
    });
    QObject::connect(r, &QNetworkReply::metaDataChanged, context, [this] { onMetaDataChanged(); });
    QObject::connect(r, &QNetworkReply::readyRead, context, [this] { onReadyRead(); });
    // Qt reports (0, 0) when the reply ends; that says nothing about the upload.
    QObject::connect(r, &QNetworkReply::uploadProgress, context, [this](qint64 sent, qint64 total) {
        if (sent == 0 && total == 0)
            return;
        m_sink->hopUploadProgress(sent, total); // last: may destroy this hop
    });
    QObject::connect(r, &QNetworkReply::finished, context, [this] { onFinished(); });
}

void QtHop::onMetaDataChanged()
{
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (m_headDelivered || !status.isValid())
        return;
    m_headDelivered = true;
    HopHead head;
    head.statusCode = status.toInt();
    head.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    head.httpVersion = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
        ? QStringLiteral("2")
        : QStringLiteral("1.1");
    head.headers = headersOf(*m_reply);
    m_sink->hopHead(head);
}

void QtHop::onReadyRead()
{
    onMetaDataChanged();
    // An aborted reply (e.g. by Qt's transfer timeout) is closed: nothing is left to read.
    const QByteArray data = m_reply->isOpen() ? m_reply->readAll() : QByteArray();
    if (!m_sink->hopBody(data))
        return; // the call ended and destroyed this hop
    m_sink->hopProgress(); // last: may destroy this hop
}

void QtHop::onFinished()
{
    onMetaDataChanged();
    const QByteArray data = m_reply->isOpen() ? m_reply->readAll() : QByteArray();
    if (!m_sink->hopBody(data))
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Qt also sets an error for every 4xx/5xx status; those are answers, not failures.
    const bool isHttpStatus = status >= 400 && isHttpStatusError(error);
    if (error != QNetworkReply::NoError && !isHttpStatus) {
        m_sink->hopFailed({error, m_reply->errorString(), m_tlsProblems, false});
        return;
    }
    m_sink->hopFinished(-1);
}

} // namespace

qint64 decodedSizeCap(const RequestSettings &settings)
{
    if (settings.maxDecompressedBytes < 0)
        return -1;
    if (settings.maxDecompressedBytes > std::numeric_limits<qint64>::max() / kDecodedSizeCapFactor)
        return std::numeric_limits<qint64>::max();
    return settings.maxDecompressedBytes * kDecodedSizeCapFactor;
}

class HttpCallPrivate final : public HopSink
{
public:
    HttpCallPrivate(QNetworkAccessManager *network, HopTransport *transport, const Request &request,
                    std::optional<PreparedRequest> prepared)
        : network(network)
        , transport(transport)
        , request(request)
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
    void hopHead(const HopHead &head) override;
    bool hopBody(QByteArrayView data) override;
    void hopProgress() override;
    void hopFinished(qint64 encodedBodyBytes) override;
    void hopFailed(const HopFailure &failure) override;

    HttpCall *q = nullptr;
    QNetworkAccessManager *network; // not owned; null when another transport is used
    HopTransport *transport; // not owned; null when Qt is used
    const Request request;
    std::optional<PreparedRequest> prepared; // given by the caller (signed), else made at start
    PreparedRequest hop; // what the current hop sends
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
    bool bodyObserved = false; // headReceived() and bodyReceived() are emitted
    bool bodyKept = true; // body bytes are stored in `body`
};

void HttpCallPrivate::start()
{
    response.timing.startedAt = QDateTime::currentDateTime();
    clock.start();
    if (prepared) {
        hop = *std::exchange(prepared, std::nullopt);
        startHop();
        return;
    }
    Result<PreparedRequest> made = prepareRequest(request);
    if (!made) {
        fail(failureFromError(made.error()));
        return;
    }
    hop = std::move(made).value();
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
        transfer = std::make_unique<QtHop>(*network, hop, request.settings, this);
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

void HttpCallPrivate::hopHead(const HopHead &received)
{
    if (headersReceived)
        return;
    headersReceived = true;
    head = received;
    response.timing.firstByte = elapsedMs();
    hopIsRedirect = request.settings.followRedirects && isFollowableRedirect(head.statusCode)
        && !head.header("Location").isNull();
    // Transports decode transparently unless the request asked for an encoding itself.
    const QByteArray encoding = head.header("Content-Encoding").trimmed().toLower();
    if (!hop.hasHeader("Accept-Encoding") && !encoding.isEmpty() && encoding != "identity")
        contentEncoding = encoding;
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
}

bool HttpCallPrivate::hopBody(QByteArrayView data)
{
    if (done)
        return false;
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
{ }

HttpClient::HttpClient(HopTransport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{ }

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpCall> HttpClient::send(const Request &request)
{
    std::unique_ptr<HttpCall> call(new HttpCall(
        std::make_unique<HttpCallPrivate>(m_network, m_transport, request, std::nullopt)));
    call->d->start();
    return call;
}

std::unique_ptr<HttpCall> HttpClient::send(const Request &request, const PreparedRequest &prepared)
{
    std::unique_ptr<HttpCall> call(
        new HttpCall(std::make_unique<HttpCallPrivate>(m_network, m_transport, request, prepared)));
    call->d->start();
    return call;
}

} // namespace Patchbay::Core
