#include "core/http/curltransport.h"

#include "core/http/preparedrequest.h"
#include "core/http/transferhop.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcCurl, "patchbay.http.curl")

namespace Patchbay::Core {

namespace {

struct SocketWatch
{
    std::unique_ptr<QSocketNotifier> read;
    std::unique_ptr<QSocketNotifier> write;
};

// The request's header lines for curl, folded as Qt sends them.
QList<QByteArray> curlHeaderLines(const PreparedRequest &hop)
{
    QList<QByteArray> lines;
    for (const HttpHeader &header : foldRepeatedHeaders(hop.headers)) {
        // "Name;" is curl's spelling of a header with an empty value ("Name:" removes it).
        if (header.value.isEmpty())
            lines.append(header.name + ';');
        else
            lines.append(header.name + ": " + header.value);
    }
    // Headers curl would add on its own that Qt does not send.
    if (!hop.hasHeader("Expect"))
        lines.append("Expect:");
    if (!hop.hasHeader("Accept"))
        lines.append("Accept:");
    if (!hop.hasHeader("Content-Type"))
        lines.append("Content-Type:"); // curl would label a body form-urlencoded
    return lines;
}

// The TLS session of a transfer, read from OpenSSL (the backend Debian's libcurl uses) the way
// Qt reports its own: protocol and cipher names are OpenSSL's in both.
TlsInfo tlsInfoOf(CURL *easy)
{
    TlsInfo info;
    const curl_tlssessioninfo *session = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_TLS_SSL_PTR, &session) != CURLE_OK || !session
        || session->backend != CURLSSLBACKEND_OPENSSL || !session->internals)
        return info;
    auto *ssl = static_cast<SSL *>(session->internals);
    info.protocol = QString::fromLatin1(SSL_get_version(ssl));
    if (const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl))
        info.cipher = QString::fromLatin1(SSL_CIPHER_get_name(cipher));
    const unsigned char *alpn = nullptr;
    unsigned int alpnLength = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alpnLength);
    info.alpn = QString::fromLatin1(reinterpret_cast<const char *>(alpn), int(alpnLength));
    if (STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl)) {
        for (int i = 0; i < sk_X509_num(chain); ++i) {
            unsigned char *der = nullptr;
            const int length = i2d_X509(sk_X509_value(chain, i), &der);
            if (length <= 0)
                continue;
            const QSslCertificate certificate(
                QByteArray(reinterpret_cast<const char *>(der), length), QSsl::Der);
            OPENSSL_free(der);
            info.peerChain.append(certificateInfo(certificate));
        }
    }
    return info;
}

// What a CURLE_PROXY failure was, in Qt's terms.
QNetworkReply::NetworkError proxyErrorOf(CURL *easy)
{
    long code = CURLPX_OK;
    curl_easy_getinfo(easy, CURLINFO_PROXY_ERROR, &code);
    switch (code) {
    case CURLPX_USER_REJECTED:
    case CURLPX_NO_AUTH:
    case CURLPX_SEND_AUTH:
    case CURLPX_RECV_AUTH:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    case CURLPX_RESOLVE_HOST:
        return QNetworkReply::HostNotFoundError;
    default:
        return QNetworkReply::ProxyConnectionClosedError;
    }
}

HopFailure failureOf(CURLcode code, const char *errorBuffer, CURL *easy, const HopNetwork &network,
                     bool headComplete)
{
    HopFailure failure;
    failure.detail = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code));
    failure.tlsChecks = tlsChecksInText(failure.detail, network.clientIdentity.has_value());
    const bool viaProxy = !network.proxy.isNone();
    long connectCode = 0;
    curl_easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connectCode);
    if (viaProxy && connectCode == 407) {
        failure.code = QNetworkReply::ProxyAuthenticationRequiredError;
        return failure;
    }
    if (viaProxy && connectCode >= 300) {
        failure.code = QNetworkReply::ProxyConnectionClosedError;
        return failure;
    }
    if (viaProxy && code == CURLE_COULDNT_CONNECT) {
        failure.code = QNetworkReply::ProxyConnectionRefusedError;
        return failure;
    }
    // Framing errors curl reports in its own words: said as what the server did.
    const QString detail = failure.detail;
    if (detail.contains(QLatin1String("chunk"), Qt::CaseInsensitive)) {
        failure.code = QNetworkReply::ProtocolFailure;
        failure.violation
            = QStringLiteral("a chunked body whose framing is broken (%1)").arg(detail);
        return failure;
    }
    if (detail.contains(QLatin1String("Nul byte"), Qt::CaseInsensitive)) {
        failure.code = QNetworkReply::ProtocolFailure;
        failure.violation = QStringLiteral("a NUL byte in a response header");
        return failure;
    }
    if (code == CURLE_UNSUPPORTED_PROTOCOL
        && detail.contains(QLatin1String("response code"), Qt::CaseInsensitive)) {
        failure.code = QNetworkReply::ProtocolFailure;
        failure.violation = QStringLiteral("a status line without a valid status code");
        return failure;
    }
    if (!headComplete && code == CURLE_OUT_OF_MEMORY) {
        // What curl 7.88 returns for a header line past its 100 KiB buffer.
        failure.code = QNetworkReply::ProtocolFailure;
        failure.violation = QStringLiteral("a response header line without end (longer than "
                                           "libcurl's 100 KiB)");
        return failure;
    }
    if (detail.contains(QLatin1String("Too large response headers"), Qt::CaseInsensitive)) {
        failure.code = QNetworkReply::ProtocolFailure;
        failure.violation
            = QStringLiteral("response headers larger than libcurl reads (%1)").arg(detail);
        return failure;
    }
    switch (code) {
    case CURLE_PROXY:
        failure.code = proxyErrorOf(easy);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        failure.code = QNetworkReply::HostNotFoundError;
        break;
    case CURLE_COULDNT_CONNECT:
        failure.code = QNetworkReply::ConnectionRefusedError;
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        failure.code = QNetworkReply::ProxyNotFoundError;
        break;
    case CURLE_OPERATION_TIMEDOUT:
        failure.code = QNetworkReply::TimeoutError;
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        failure.code = QNetworkReply::SslHandshakeFailedError;
        failure.tlsProblems.append(failure.detail);
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        failure.code = QNetworkReply::SslHandshakeFailedError;
        break;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        failure.code = QNetworkReply::RemoteHostClosedError;
        break;
    case CURLE_BAD_CONTENT_ENCODING:
        failure.code = QNetworkReply::UnknownContentError;
        break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL: // an HTTP/0.9 answer: anything that is not HTTP
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        failure.code = QNetworkReply::ProtocolFailure;
        break;
    default:
        failure.code = QNetworkReply::UnknownNetworkError;
        break;
    }
    return failure;
}

} // namespace

class CurlHop;

class CurlTransportPrivate
{
public:
    explicit CurlTransportPrivate(CurlTransport *q);
    ~CurlTransportPrivate();

    void socketAction(curl_socket_t socket, int mask);
    void collectDone();
    void deliverReady();

    static int onSocket(CURL *easy, curl_socket_t socket, int what, void *self, void *socketData);
    static int onTimer(CURLM *multi, long timeoutMs, void *self);

    CurlTransport *q;
    CURLM *multi = nullptr;
    CURLSH *share = nullptr;
    QTimer timer; // curl's own timeouts
    QElapsedTimer clock; // activity stamps for transfer timeouts
    std::unordered_map<curl_socket_t, SocketWatch> sockets; // disabled when curl forgets one
    std::deque<CurlHop *> ready; // hops with events to deliver
    bool delivering = false;
};

// One hop through libcurl. curl's callbacks only record what happened; deliver() passes it to
// the call once curl has returned, because the call may destroy the hop in response, and a
// handle must not leave the multi handle from inside one of curl's callbacks.
class CurlHop final : public TransferHop
{
public:
    CurlHop(CurlTransportPrivate *transport, const PreparedRequest &hop,
            const RequestSettings &settings, HopSink *sink);
    ~CurlHop() override;

    void deliver();
    void setResult(CURLcode code)
    {
        m_result = code;
        m_hasResult = true;
        queue();
    }

private:
    static size_t onHeader(char *data, size_t size, size_t count, void *self);
    static size_t onWrite(char *data, size_t size, size_t count, void *self);
    static int onProgress(void *self, curl_off_t downloadTotal, curl_off_t downloaded,
                          curl_off_t uploadTotal, curl_off_t uploaded);

    void queue();
    void touch() { m_lastActivityNs = m_transport->clock.nsecsElapsed(); }
    void parseHeaderLine(QByteArrayView line);
    void deliverPhases();
    void onIdleTimer();
    // The hop's proxy and TLS material: the same HopNetwork Qt's transport applies.
    void applyNetwork(CURL *e, const HopNetwork &network);

    CurlTransportPrivate *m_transport; // outlives every hop
    HopSink *m_sink; // the call, which owns this hop
    CURL *m_easy = nullptr;
    curl_slist *m_headerList = nullptr;
    QByteArray m_requestBody; // curl reads it in place
    bool m_hasBody = false;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
    bool m_https = false;
    double m_startedAtMs = 0;
    QByteArray m_decodedEncoding; // the Content-Encoding curl decodes, if any
    qint64 m_decompressionThreshold = -1;

    // Recorded by curl's callbacks, delivered by deliver().
    HopHead m_head;
    bool m_headComplete = false;
    bool m_headDelivered = false;
    QByteArray m_pendingBody;
    bool m_paused = false; // the write callback paused the transfer: resume once delivered
    bool m_decompressionBomb = false; // the write callback stopped a decompression bomb
    QString m_violation; // what the header callback refused
    int m_headLines = 0;
    qint64 m_headBytes = 0;
    qint64 m_decodedBytes = 0;
    curl_off_t m_uploaded = 0;
    curl_off_t m_uploadTotal = 0;
    curl_off_t m_uploadDelivered = 0;
    double m_uploadDoneAtMs = -1;
    curl_off_t m_downloaded = 0;
    bool m_phasesDelivered = false;
    CURLcode m_result = CURLE_OK;
    bool m_hasResult = false;
    bool m_queued = false;

    // Transfer timeout: no bytes moving for this long.
    int m_timeoutMs = 0;
    qint64 m_lastActivityNs = 0;
    QTimer m_idleTimer;

    bool *m_gone = nullptr; // set while deliver() runs: tells it the hop was destroyed
};

CurlTransportPrivate::CurlTransportPrivate(CurlTransport *q)
    : q(q)
{
    static std::once_flag globalInit;
    std::call_once(globalInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    clock.start();
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &CurlTransportPrivate::onSocket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &CurlTransportPrivate::onTimer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    share = curl_share_init();
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, q, [this] { socketAction(CURL_SOCKET_TIMEOUT, 0); });
}

CurlTransportPrivate::~CurlTransportPrivate()
{
    Q_ASSERT(ready.empty()); // every hop is gone (the transport outlives its calls)
    timer.stop();
    curl_multi_cleanup(multi); // closes pooled connections, removing their sockets
    sockets.clear();
    curl_share_cleanup(share);
}

int CurlTransportPrivate::onSocket(CURL *, curl_socket_t socket, int what, void *self, void *)
{
    auto *d = static_cast<CurlTransportPrivate *>(self);
    if (what == CURL_POLL_REMOVE) {
        // Kept, disabled, for the next socket with this descriptor: no allocation per request.
        if (auto it = d->sockets.find(socket); it != d->sockets.end()) {
            it->second.read->setEnabled(false);
            it->second.write->setEnabled(false);
        }
        return 0;
    }
    SocketWatch &watch = d->sockets[socket];
    if (!watch.read) {
        watch.read = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Read);
        watch.write = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Write);
        watch.read->setEnabled(false);
        watch.write->setEnabled(false);
        QObject::connect(watch.read.get(), &QSocketNotifier::activated, d->q,
                         [d, socket] { d->socketAction(socket, CURL_CSELECT_IN); });
        QObject::connect(watch.write.get(), &QSocketNotifier::activated, d->q,
                         [d, socket] { d->socketAction(socket, CURL_CSELECT_OUT); });
    }
    watch.read->setEnabled(what == CURL_POLL_IN || what == CURL_POLL_INOUT);
    watch.write->setEnabled(what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
    return 0;
}

int CurlTransportPrivate::onTimer(CURLM *, long timeoutMs, void *self)
{
    auto *d = static_cast<CurlTransportPrivate *>(self);
    if (timeoutMs < 0)
        d->timer.stop();
    else
        d->timer.start(int(std::min<long>(timeoutMs, 24L * 3600 * 1000)));
    return 0;
}

void CurlTransportPrivate::socketAction(curl_socket_t socket, int mask)
{
    int running = 0;
    const CURLMcode code = curl_multi_socket_action(multi, socket, mask, &running);
    if (code != CURLM_OK)
        qCWarning(lcCurl) << "curl_multi_socket_action:" << curl_multi_strerror(code);
    collectDone();
    deliverReady();
}

void CurlTransportPrivate::collectDone()
{
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(multi, &left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CurlHop *hop = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &hop);
        if (hop)
            hop->setResult(message->data.result);
    }
}

void CurlTransportPrivate::deliverReady()
{
    if (delivering)
        return; // a nested event loop inside a delivery: the outer loop goes on
    delivering = true;
    while (!ready.empty()) {
        CurlHop *hop = ready.front();
        ready.pop_front();
        hop->deliver(); // may destroy hop, and others (which leave the queue)
    }
    delivering = false;
}

CurlHop::CurlHop(CurlTransportPrivate *transport, const PreparedRequest &hop,
                 const RequestSettings &settings, HopSink *sink)
    : m_transport(transport)
    , m_sink(sink)
    , m_requestBody(hop.body)
    , m_hasBody(hop.hasBody)
    , m_https(hop.url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
    , m_startedAtMs(sink->elapsedMs())
    , m_decompressionThreshold(settings.maxDecompressedBytes)
    , m_timeoutMs(qMax(0, settings.timeoutMs))
{
    // A fresh easy handle per hop: connections and DNS live in the multi and share handles.
    // Cookies are HttpCall's (its CookieJar), so curl's cookie engine stays off.
    m_easy = curl_easy_init();
    CURL *e = m_easy;
    const QByteArray url = hop.url.toEncoded();
    curl_easy_setopt(e, CURLOPT_URL, url.constData()); // curl copies strings
    curl_easy_setopt(e, CURLOPT_PRIVATE, this);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_SHARE, transport->share);
    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); // HttpClient follows redirects itself
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &CurlHop::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &CurlHop::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, &CurlHop::onProgress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, this);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);

    const QByteArray method = hop.method.toLatin1();
    if (method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (m_hasBody) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(m_requestBody.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, m_requestBody.constData());
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method.constData());
    } else {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
        if (method != "GET")
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method.constData());
    }
    for (const QByteArray &line : curlHeaderLines(hop))
        m_headerList = curl_slist_append(m_headerList, line.constData());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, m_headerList);
    // Transparent decoding unless the request asked for an encoding itself (as with Qt).
    if (!hop.hasHeader("Accept-Encoding"))
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    applyNetwork(e, sink->hopNetwork());

    touch();
    if (m_timeoutMs > 0) {
        m_idleTimer.setSingleShot(true);
        QObject::connect(&m_idleTimer, &QTimer::timeout, sink->context(),
                         [this] { onIdleTimer(); });
        m_idleTimer.start(m_timeoutMs);
    }
    if (const CURLMcode code = curl_multi_add_handle(transport->multi, e); code != CURLM_OK) {
        m_errorBuffer[0] = 0;
        qCWarning(lcCurl) << "curl_multi_add_handle:" << curl_multi_strerror(code);
        setResult(CURLE_FAILED_INIT);
        // Delivered from the event loop, never from inside send().
        QTimer::singleShot(0, transport->q, [transport] { transport->deliverReady(); });
    }
}

CurlHop::~CurlHop()
{
    if (m_gone)
        *m_gone = true;
    if (m_queued) {
        auto &ready = m_transport->ready;
        ready.erase(std::remove(ready.begin(), ready.end(), this), ready.end());
    }
    curl_multi_remove_handle(m_transport->multi, m_easy);
    curl_easy_cleanup(m_easy);
    curl_slist_free_all(m_headerList);
}

void CurlHop::applyNetwork(CURL *e, const HopNetwork &network)
{
    // Explicit both ways: curl would otherwise read the proxy variables on its own.
    curl_easy_setopt(e, CURLOPT_NOPROXY, "");
    if (network.proxy.isNone()) {
        curl_easy_setopt(e, CURLOPT_PROXY, "");
    } else {
        const QByteArray proxy = network.proxy.display().toUtf8();
        curl_easy_setopt(e, CURLOPT_PROXY, proxy.constData());
        curl_easy_setopt(e, CURLOPT_PROXYTYPE,
                         network.proxy.type == ProxyEndpoint::Type::Socks5
                             ? long(CURLPROXY_SOCKS5_HOSTNAME)
                             : long(CURLPROXY_HTTP));
        if (network.proxy.hasCredentials()) {
            const QByteArray user = network.proxy.user.toUtf8();
            const QByteArray password = network.proxy.password.toUtf8();
            curl_easy_setopt(e, CURLOPT_PROXYUSERNAME, user.constData());
            curl_easy_setopt(e, CURLOPT_PROXYPASSWORD, password.constData());
        }
    }
    if (network.http1Only)
        curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    if (!m_https)
        return;
    // curl copies blobs and never reuses a connection made with other TLS settings (CAs, client
    // certificate, verification), so each configuration gets its own connections, as with Qt.
    if (!network.caBundle.isEmpty()) {
        curl_blob blob {const_cast<char *>(network.caBundle.constData()),
                        size_t(network.caBundle.size()), CURL_BLOB_COPY};
        curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (network.clientIdentity) {
        const QByteArray certificate = network.clientIdentity->certificatePem();
        const QByteArray key = network.clientIdentity->keyPem();
        curl_blob certificateBlob {const_cast<char *>(certificate.constData()),
                                   size_t(certificate.size()), CURL_BLOB_COPY};
        curl_blob keyBlob {const_cast<char *>(key.constData()), size_t(key.size()), CURL_BLOB_COPY};
        curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
        curl_easy_setopt(e, CURLOPT_SSLCERT_BLOB, &certificateBlob);
        curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
        curl_easy_setopt(e, CURLOPT_SSLKEY_BLOB, &keyBlob);
    }
    if (!network.verifyPeer) {
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
}

void CurlHop::queue()
{
    if (m_queued)
        return;
    m_queued = true;
    m_transport->ready.push_back(this);
}

size_t CurlHop::onHeader(char *data, size_t size, size_t count, void *self)
{
    auto *hop = static_cast<CurlHop *>(self);
    const size_t bytes = size * count;
    hop->touch();
    // The head caps while it arrives (a million headers used to be read first).
    if (!hop->m_headComplete) {
        const QByteArrayView line(data, qsizetype(bytes));
        const bool statusLine = line.startsWith("HTTP/");
        const bool blankLine = line == "\r\n" || line == "\n";
        if (statusLine) {
            hop->m_headLines = 0;
            hop->m_headBytes = 0;
        } else if (!blankLine) {
            // Counted as HttpCall counts a head: header lines only, "Name: value\r\n".
            hop->m_headBytes += qint64(bytes);
            ++hop->m_headLines;
        }
        if (hop->m_headLines > kMaxResponseHeaders) {
            hop->m_violation
                = QStringLiteral("more than %1 response headers").arg(kMaxResponseHeaders);
            return 0; // curl fails the transfer
        }
        if (hop->m_headBytes > kMaxResponseHeadBytes) {
            hop->m_violation = QStringLiteral("response headers of more than %1 bytes")
                                   .arg(kMaxResponseHeadBytes);
            return 0;
        }
    }
    hop->parseHeaderLine(QByteArrayView(data, qsizetype(bytes)));
    return bytes;
}

void CurlHop::parseHeaderLine(QByteArrayView line)
{
    if (m_headComplete)
        return; // trailers of a chunked body
    QByteArrayView text = line;
    while (text.endsWith('\n') || text.endsWith('\r'))
        text.chop(1);
    if (text.startsWith("HTTP/")) {
        // A status line: of an interim 1xx response, or of the final one.
        m_head = HopHead();
        const qsizetype space = text.indexOf(' ');
        const QByteArrayView version = text.sliced(5, (space < 0 ? text.size() : space) - 5);
        m_head.httpVersion = version == "2" || version == "2.0" ? QStringLiteral("2")
                                                                : QString::fromLatin1(version);
        if (space >= 0) {
            const QByteArrayView rest = text.sliced(space + 1);
            const qsizetype reasonAt = rest.indexOf(' ');
            m_head.statusCode = rest.first(reasonAt < 0 ? rest.size() : reasonAt).toInt();
            if (reasonAt >= 0)
                m_head.reason = QString::fromLatin1(rest.sliced(reasonAt + 1).trimmed());
        }
        return;
    }
    if (text.isEmpty()) {
        if (m_head.statusCode >= 200) {
            m_headComplete = true;
            const QByteArray encoding = m_head.header("Content-Encoding").trimmed().toLower();
            if (!encoding.isEmpty() && encoding != "identity")
                m_decodedEncoding = encoding;
            // curl may be called for the headers of a TLS session only while it is open.
            if (m_https)
                m_head.tls = tlsInfoOf(m_easy);
            queue();
        }
        return;
    }
    if ((text.startsWith(' ') || text.startsWith('\t')) && !m_head.headers.isEmpty()) {
        m_head.headers.last().value += ' ' + text.trimmed().toByteArray(); // obsolete folding
        return;
    }
    const qsizetype colon = text.indexOf(':');
    if (colon <= 0)
        return;
    m_head.headers.append({text.first(colon).trimmed().toByteArray(),
                           text.sliced(colon + 1).trimmed().toByteArray()});
}

size_t CurlHop::onWrite(char *data, size_t size, size_t count, void *self)
{
    auto *hop = static_cast<CurlHop *>(self);
    const size_t bytes = size * count;
    hop->touch();
    // One socket action can read (and decode) far more than the call stores per turn: past the
    // buffer, curl keeps the data and stops reading until deliver() resumes it.
    if (hop->m_pendingBody.size() >= kHopBufferBytes) {
        hop->m_paused = true;
        hop->queue();
        return CURL_WRITEFUNC_PAUSE;
    }
    // The ratio guard while curl decodes, not after it: a few kilobytes of gzip decode to
    // megabytes per read.
    if (!hop->m_decodedEncoding.isEmpty()) {
        curl_off_t encoded = 0; // counted before decoding
        curl_easy_getinfo(hop->m_easy, CURLINFO_SIZE_DOWNLOAD_T, &encoded);
        const qint64 decoded = hop->m_decodedBytes + hop->m_pendingBody.size() + qint64(bytes);
        if (exceedsDecompressionRatio(hop->m_decodedEncoding, decoded, encoded,
                                      hop->m_decompressionThreshold)) {
            hop->m_decompressionBomb = true;
            return 0; // curl fails the transfer with CURLE_WRITE_ERROR
        }
    }
    hop->m_pendingBody.append(data, qsizetype(bytes));
    hop->queue();
    return bytes;
}

int CurlHop::onProgress(void *self, curl_off_t, curl_off_t downloaded, curl_off_t uploadTotal,
                        curl_off_t uploaded)
{
    auto *hop = static_cast<CurlHop *>(self);
    if (uploaded != hop->m_uploaded || downloaded != hop->m_downloaded)
        hop->touch();
    hop->m_downloaded = downloaded;
    if (uploaded != hop->m_uploaded) {
        hop->m_uploaded = uploaded;
        hop->m_uploadTotal = uploadTotal;
        if (uploadTotal > 0 && uploaded >= uploadTotal && hop->m_uploadDoneAtMs < 0)
            hop->m_uploadDoneAtMs = hop->m_sink->elapsedMs();
        hop->queue();
    }
    return 0;
}

void CurlHop::deliverPhases()
{
    if (m_phasesDelivered)
        return;
    curl_off_t nameLookup = 0;
    curl_off_t appConnect = 0;
    curl_off_t preTransfer = 0;
    long newConnections = 0;
    curl_easy_getinfo(m_easy, CURLINFO_NAMELOOKUP_TIME_T, &nameLookup);
    curl_easy_getinfo(m_easy, CURLINFO_APPCONNECT_TIME_T, &appConnect);
    curl_easy_getinfo(m_easy, CURLINFO_PRETRANSFER_TIME_T, &preTransfer);
    curl_easy_getinfo(m_easy, CURLINFO_NUM_CONNECTS, &newConnections);
    const auto at = [this](curl_off_t micros) { return m_startedAtMs + double(micros) / 1000.0; };
    if (preTransfer <= 0)
        return; // not connected yet: nothing went out
    m_phasesDelivered = true;
    if (newConnections > 0)
        m_sink->hopPhase(HopPhase::ConnectStarted, at(nameLookup));
    if (appConnect > 0)
        m_sink->hopPhase(HopPhase::TlsDone, at(appConnect));
    // A body is sent when curl counted its last byte; a request without one goes out in one
    // write right after curl's "pretransfer" mark.
    if (m_requestBody.isEmpty() || !m_hasBody)
        m_sink->hopPhase(HopPhase::RequestSent, at(preTransfer));
    else if (m_uploadDoneAtMs >= 0)
        m_sink->hopPhase(HopPhase::RequestSent, m_uploadDoneAtMs);
    else
        m_phasesDelivered = false; // the body is still going out
}

void CurlHop::deliver()
{
    bool gone = false;
    m_gone = &gone;
    m_queued = false;
    if (m_headComplete || m_hasResult)
        deliverPhases();
    if (m_uploaded != m_uploadDelivered && m_uploadTotal > 0) {
        m_uploadDelivered = m_uploaded;
        m_sink->hopUploadProgress(m_uploaded, m_uploadTotal);
        if (gone)
            return;
    }
    if (m_headComplete && !m_headDelivered) {
        m_headDelivered = true;
        if (!m_sink->hopHead(m_head))
            return; // refused: the call ended and this hop is gone
    }
    if (!m_pendingBody.isEmpty()) {
        QByteArray data;
        data.swap(m_pendingBody);
        m_decodedBytes += data.size();
        // The ratio guard first: one read of compressed bytes can decode past the absolute cap.
        if (!m_decodedEncoding.isEmpty()) {
            curl_off_t encoded = 0; // counted before decoding
            curl_easy_getinfo(m_easy, CURLINFO_SIZE_DOWNLOAD_T, &encoded);
            if (exceedsDecompressionRatio(m_decodedEncoding, m_decodedBytes, encoded,
                                          m_decompressionThreshold)) {
                m_sink->hopFailed({QNetworkReply::UnknownContentError,
                                   QStringLiteral("Decompression failed"),
                                   {},
                                   {},
                                   true,
                                   {}});
                return;
            }
        }
        if (!m_sink->hopBody(data))
            return; // the call ended: this hop is gone
        m_sink->hopProgress();
        if (gone)
            return;
    }
    if (m_paused && !m_hasResult) {
        // curl may hand over what it kept right away (onWrite queues this hop again) and
        // schedules its timer to read on.
        m_paused = false;
        curl_easy_pause(m_easy, CURLPAUSE_CONT);
    }
    if (m_hasResult) {
        if (m_result == CURLE_OK && m_headDelivered) {
            qint64 encodedBytes = -1;
            if (!m_decodedEncoding.isEmpty()) {
                curl_off_t encoded = 0;
                curl_easy_getinfo(m_easy, CURLINFO_SIZE_DOWNLOAD_T, &encoded);
                encodedBytes = encoded;
            }
            m_sink->hopFinished(encodedBytes);
        } else if (!m_violation.isEmpty()) {
            HopFailure failure {QNetworkReply::ProtocolFailure, m_violation, {}, {}, false, {}};
            failure.violation = m_violation;
            m_sink->hopFailed(failure);
        } else if (m_decompressionBomb) {
            m_sink->hopFailed({QNetworkReply::UnknownContentError,
                               QStringLiteral("Decompression failed"),
                               {},
                               {},
                               true,
                               {}});
        } else {
            m_sink->hopFailed(m_result == CURLE_OK
                                  ? HopFailure {QNetworkReply::ProtocolFailure,
                                                QStringLiteral("no response head"),
                                                {},
                                                {},
                                                false,
                                                {}}
                                  : failureOf(m_result, m_errorBuffer, m_easy, m_sink->hopNetwork(),
                                              m_headComplete));
        }
        return;
    }
    m_gone = nullptr;
}

void CurlHop::onIdleTimer()
{
    const qint64 idleMs = (m_transport->clock.nsecsElapsed() - m_lastActivityNs) / 1000000;
    if (idleMs < m_timeoutMs) {
        m_idleTimer.start(int(m_timeoutMs - idleMs));
        return;
    }
    deliverPhases(); // whether the request went out decides the message
    m_sink->hopFailed(
        {QNetworkReply::TimeoutError, QStringLiteral("Transfer timed out"), {}, {}, false, {}});
}

CurlTransport::CurlTransport(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<CurlTransportPrivate>(this))
{ }

CurlTransport::~CurlTransport() = default;

std::unique_ptr<TransferHop> CurlTransport::start(const PreparedRequest &hop,
                                                  const RequestSettings &settings, HopSink *sink)
{
    return std::make_unique<CurlHop>(d.get(), hop, settings, sink);
}

} // namespace Patchbay::Core
