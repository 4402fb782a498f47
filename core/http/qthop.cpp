#include "core/http/qthop.h"

#include "core/http/callfailure.h"
#include "core/network/networkcontext.h"
#include "core/network/networkfailure.h"
#include "core/network/qtproxyrouter.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>

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

// The hop's TLS material and HTTP version. See NetworkContext::qtPeerVerifyName() for why
// every distinct TLS configuration gets its own peer verify name.
void applyNetwork(QNetworkRequest &request, const QUrl &url, const HopNetwork &network,
                  NetworkContext &context)
{
    if (network.http1Only)
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0)
        return;
    QSslConfiguration tls = request.sslConfiguration();
    if (!network.extraCaCertificates.isEmpty())
        tls.setCaCertificates(QSslConfiguration::systemCaCertificates()
                              + network.extraCaCertificates);
    if (network.clientIdentity) {
        tls.setLocalCertificateChain(QList<QSslCertificate> {network.clientIdentity->certificate}
                                     + network.clientIdentity->chain);
        tls.setPrivateKey(network.clientIdentity->key);
    }
    if (!network.verifyPeer)
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    request.setPeerVerifyName(context.qtPeerVerifyName(url.host(), network.tlsKey));
    request.setSslConfiguration(tls);
}

QNetworkRequest toNetworkRequest(const PreparedRequest &hop, const RequestSettings &settings,
                                 const HopNetwork &network, NetworkContext &context)
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
    // Cookies are HttpCall's (its CookieJar, the same on both transports), never the manager's.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    applyNetwork(request, hop.url, network, context);
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
    ~QtHop() override;

private:
    // Announces the hop's proxy to the manager's proxy factory, then sends.
    QNetworkReply *send(QNetworkAccessManager &network, const PreparedRequest &hop,
                        const RequestSettings &settings);

    bool onMetaDataChanged(); // false: the call refused the head and this hop is gone
    void onReadyRead();
    void onFinished();

    HopSink *m_sink; // the call, which owns this hop
    ReplyPtr m_reply;
    bool m_headDelivered = false;
    QStringList m_tlsProblems;
    QList<TlsCheck> m_tlsChecks;
};

QNetworkReply *QtHop::send(QNetworkAccessManager &network, const PreparedRequest &hop,
                           const RequestSettings &settings)
{
    NetworkContext &context = *NetworkContext::of(&network);
    QtProxyRouter *router = context.qtProxyRouter();
    router->expect(hop.url, toQtProxy(m_sink->hopNetwork().proxy), this);
    return sendOn(network, hop, toNetworkRequest(hop, settings, m_sink->hopNetwork(), context));
}

QtHop::~QtHop()
{
    // A reply aborted before Qt asked for its proxy leaves its announcement behind.
    if (QtProxyRouter *router = NetworkContext::of(m_reply->manager())->qtProxyRouter())
        router->forget(this);
}

QtHop::QtHop(QNetworkAccessManager &network, const PreparedRequest &hop,
             const RequestSettings &settings, HopSink *sink)
    : m_sink(sink)
    , m_reply(send(network, hop, settings), ReplyDeleter {sink->context()})
{
    QNetworkReply *r = m_reply.get();
    // Qt's HTTP thread stops reading the socket while this much waits to be read here.
    r->setReadBufferSize(kHopBufferBytes);
    QObject *context = sink->context();
    QObject::connect(r, &QNetworkReply::socketStartedConnecting, context,
                     [this] { m_sink->hopPhase(HopPhase::ConnectStarted, m_sink->elapsedMs()); });
    QObject::connect(r, &QNetworkReply::encrypted, context,
                     [this] { m_sink->hopPhase(HopPhase::TlsDone, m_sink->elapsedMs()); });
    // Emitted again if Qt has to resend on a fresh connection: the last one counts.
    QObject::connect(r, &QNetworkReply::requestSent, context,
                     [this] { m_sink->hopPhase(HopPhase::RequestSent, m_sink->elapsedMs()); });
    QObject::connect(r, &QNetworkReply::sslErrors, context, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors) {
            m_tlsProblems.append(error.errorString());
            const TlsCheck check = tlsCheckOf(error.error());
            if (!m_tlsChecks.contains(check))
                m_tlsChecks.append(check);
        }
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

bool QtHop::onMetaDataChanged()
{
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (m_headDelivered || !status.isValid())
        return true;
    m_headDelivered = true;
    HopHead head;
    head.statusCode = status.toInt();
    head.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    head.httpVersion = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool()
        ? QStringLiteral("2")
        : QStringLiteral("1.1");
    head.headers = headersOf(*m_reply);
    if (m_reply->url().scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        head.tls = tlsInfoOf(m_reply->sslConfiguration());
    if (head.headers.isEmpty() && head.httpVersion != QLatin1String("2")) {
        // Qt drops every header of a head it cannot read (more than 100 fields, or one over
        // 100 KiB) and would then read the body without its length. A real server always sends
        // some header, so an empty list means that.
        HopFailure failure {
            QNetworkReply::ProtocolFailure, QStringLiteral("unreadable head"), {}, {}, false, {}};
        failure.violation
            = QStringLiteral("a response head Qt could not read (more than %1 header fields, "
                             "or one larger than 100 KiB, or none at all)")
                  .arg(kMaxResponseHeaders);
        m_sink->hopFailed(failure); // destroys this hop
        return false;
    }
    return m_sink->hopHead(head);
}

void QtHop::onReadyRead()
{
    if (!onMetaDataChanged())
        return;
    // An aborted reply (e.g. by Qt's transfer timeout) is closed: nothing is left to read.
    const QByteArray data = m_reply->isOpen() ? m_reply->readAll() : QByteArray();
    if (!m_sink->hopBody(data))
        return; // the call ended and destroyed this hop
    m_sink->hopProgress(); // last: may destroy this hop
}

void QtHop::onFinished()
{
    if (!onMetaDataChanged())
        return;
    const QByteArray data = m_reply->isOpen() ? m_reply->readAll() : QByteArray();
    if (!m_sink->hopBody(data))
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Qt also sets an error for every 4xx/5xx status; those are answers, not failures.
    const bool isHttpStatus = status >= 400 && isHttpStatusError(error);
    if (error != QNetworkReply::NoError && !isHttpStatus) {
        m_sink->hopFailed({error, m_reply->errorString(), m_tlsProblems, m_tlsChecks, false, {}});
        return;
    }
    m_sink->hopFinished(-1);
}

} // namespace

std::unique_ptr<TransferHop> startQtHop(QNetworkAccessManager &network, const PreparedRequest &hop,
                                        const RequestSettings &settings, HopSink *sink)
{
    return std::make_unique<QtHop>(network, hop, settings, sink);
}

} // namespace Patchbay::Core
