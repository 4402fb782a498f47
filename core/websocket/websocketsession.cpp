#include "core/websocket/websocketsession.h"

#include "core/http/preparedrequest.h"
#include "core/http/reasonphrase.h"
#include "core/http/transferhop.h"
#include "core/json/jsonwriter.h"
#include "core/network/networkprofile.h"
#include "core/network/qtproxyrouter.h"
#include "core/websocket/handshakeauth.h"

#include <QRegularExpression>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace Patchbay::Core {

namespace {

// The summary stays well under history's body cap, so that its JSON is never cut.
constexpr qint64 kSummaryBudget = 512 * 1024;
constexpr qint64 kSummaryDataBytes = 4096;

const char *kindName(WebSocketEntry::Kind kind)
{
    switch (kind) {
    case WebSocketEntry::Kind::Opened:
        return "open";
    case WebSocketEntry::Kind::Text:
        return "text";
    case WebSocketEntry::Kind::Binary:
        return "binary";
    case WebSocketEntry::Kind::Ping:
        return "ping";
    case WebSocketEntry::Kind::Pong:
        return "pong";
    case WebSocketEntry::Kind::Closed:
        return "close";
    case WebSocketEntry::Kind::Error:
        return "error";
    }
    return "text";
}

const char *directionName(WebSocketEntry::Direction direction)
{
    switch (direction) {
    case WebSocketEntry::Direction::Sent:
        return "sent";
    case WebSocketEntry::Direction::Received:
        return "received";
    case WebSocketEntry::Direction::Local:
        return "local";
    }
    return "local";
}

QByteArray entryJson(const WebSocketEntry &e)
{
    QByteArray out = "{\"direction\":\"";
    out += directionName(e.direction);
    out += "\",\"kind\":\"";
    out += kindName(e.kind);
    out += "\",\"time\":";
    appendJsonString(out, e.at.toString(Qt::ISODateWithMs));
    out += ",\"size\":" + QByteArray::number(e.size);
    const QByteArray data = e.data.left(kSummaryDataBytes);
    if (e.kind == WebSocketEntry::Kind::Text) {
        out += ",\"data\":";
        appendJsonString(out, QString::fromUtf8(data));
    } else if (!data.isEmpty()) {
        out += ",\"base64\":\"" + data.toBase64() + '"';
    }
    if (e.truncated || data.size() < e.data.size())
        out += ",\"truncated\":true";
    if (e.closeCode >= 0)
        out += ",\"code\":" + QByteArray::number(e.closeCode);
    if (!e.detail.isEmpty()) {
        out += ",\"detail\":";
        appendJsonString(out, e.detail);
    }
    out += '}';
    return out;
}

// ws:// and wss:// become http:// and https:// for request preparation, and back.
QString swapScheme(const QString &url, bool toHttp)
{
    const QString lower = url.trimmed().toLower();
    const auto swap = [&](QLatin1String from, QLatin1String to) {
        QString out(to);
        out += QStringView(url).trimmed().mid(from.size());
        return out;
    };
    if (toHttp) {
        if (lower.startsWith(QLatin1String("ws://")))
            return swap(QLatin1String("ws://"), QLatin1String("http://"));
        if (lower.startsWith(QLatin1String("wss://")))
            return swap(QLatin1String("wss://"), QLatin1String("https://"));
        return url;
    }
    if (lower.startsWith(QLatin1String("http://")))
        return swap(QLatin1String("http://"), QLatin1String("ws://"));
    if (lower.startsWith(QLatin1String("https://")))
        return swap(QLatin1String("https://"), QLatin1String("wss://"));
    return url;
}

// The HTTP status of a handshake the server refused, from QtWebSockets' error text ("...
// Unhandled http status code: 401 (Unauthorized)."; Qt 6.4 has no accessor for it); 0 if none.
int refusedHandshakeStatus(const QString &errorText)
{
    static const QRegularExpression status(QStringLiteral("status code: (\\d{3})"));
    const QRegularExpressionMatch match = status.match(errorText);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

QString refusedHandshakeText(int status, AuthMode mode)
{
    QString text = QStringLiteral("The server refused the WebSocket handshake with HTTP %1 %2.")
                       .arg(status)
                       .arg(QString::fromLatin1(httpReasonPhrase(status)));
    if (status == 401 || status == 403) {
        text += mode == AuthMode::None || mode == AuthMode::Inherit
            ? QStringLiteral(" It wants credentials: set the request's auth.")
            : QStringLiteral(" Check the request's auth and its credentials.");
    } else if (status == 426 || status == 400) {
        text += QStringLiteral(" Check that the URL is a WebSocket endpoint.");
    }
    return text;
}

} // namespace

QString closeCodeMeaning(int code)
{
    switch (code) {
    case 1000:
        return QStringLiteral("normal closure");
    case 1001:
        return QStringLiteral("going away (server shutting down or page left)");
    case 1002:
        return QStringLiteral("protocol error");
    case 1003:
        return QStringLiteral("unsupported data (a type the endpoint cannot accept)");
    case 1005:
        return QStringLiteral("no status code given");
    case 1006:
        return QStringLiteral("abnormal closure (the connection dropped without a close frame)");
    case 1007:
        return QStringLiteral("invalid payload data (e.g. text that is not UTF-8)");
    case 1008:
        return QStringLiteral("policy violation");
    case 1009:
        return QStringLiteral("message too big");
    case 1010:
        return QStringLiteral("a required extension was not negotiated");
    case 1011:
        return QStringLiteral("internal server error");
    case 1012:
        return QStringLiteral("service restart");
    case 1013:
        return QStringLiteral("try again later");
    case 1014:
        return QStringLiteral("bad gateway");
    case 1015:
        return QStringLiteral("TLS handshake failed");
    default:
        break;
    }
    if (code >= 3000 && code <= 3999)
        return QStringLiteral("registered by a library or framework (IANA)");
    if (code >= 4000 && code <= 4999)
        return QStringLiteral("private use: defined by this application");
    return QStringLiteral("unknown code");
}

WebSocketSession::WebSocketSession(const Request &request, WebSocketNetwork network,
                                   QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_network(std::move(network))
    , m_handshakeTimer(new QTimer(this))
    , m_log(5000, 256LL * 1024 * 1024,
            [](const WebSocketEntry &e) { return qint64(e.data.size()) + 200; })
{
    m_handshakeTimer->setSingleShot(true);
    connect(m_handshakeTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Connecting)
            return;
        fail(QStringLiteral("The server did not complete the WebSocket handshake within %1 s. "
                            "Check the URL and that the server speaks WebSocket there, or "
                            "raise the request's timeout.")
                 .arg(m_request.settings.timeoutMs / 1000.0));
        if (m_socket)
            m_socket->abort();
    });
}

WebSocketSession::~WebSocketSession()
{
    if (m_socket) {
        disconnect(m_socket.get(), nullptr, this, nullptr);
        m_socket->abort();
    }
}

void WebSocketSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

WebSocketEntry &WebSocketSession::record(WebSocketEntry entry, const QByteArray &data)
{
    entry.at = QDateTime::currentDateTime();
    entry.sequence = m_log.appended();
    if (entry.size == 0)
        entry.size = data.size();
    if (data.size() > m_maxEntryBytes) {
        entry.data = data.left(m_maxEntryBytes);
        entry.truncated = true;
    } else {
        entry.data = data;
    }
    m_log.append(entry);
    return const_cast<WebSocketEntry &>(m_log.last());
}

Result<WebSocketNetwork> webSocketNetwork(const NetworkProfile &profile, const Request &request)
{
    const Result<CallNetwork> call = profile.forRequest(request.settings);
    if (!call)
        return call.error();
    // The proxy and TLS rules are written for http(s) URLs; the handshake is one.
    const Result<HopNetwork> hop = call->forUrl(QUrl(swapScheme(request.url, true)));
    if (!hop)
        return hop.error();
    WebSocketNetwork network;
    network.proxy = toQtProxy(hop->proxy);
    network.caCertificates = hop->extraCaCertificates;
    network.clientIdentity = hop->clientIdentity;
    network.verifyPeer = hop->verifyPeer;
    return network;
}

void WebSocketSession::open()
{
    if (m_state == State::Connecting || m_state == State::Open)
        return;
    m_error.clear();
    m_errorLogged = false;
    m_closeRequested = false;
    m_lastCloseCode = -1;
    if (!m_startedAt.isValid()) {
        m_startedAt = QDateTime::currentDateTime();
        m_clock.start();
    }
    const QString lower = m_request.url.trimmed().toLower();
    if (!lower.startsWith(QLatin1String("ws://")) && !lower.startsWith(QLatin1String("wss://"))) {
        setState(State::Connecting);
        fail(QStringLiteral("A WebSocket URL starts with ws:// or wss:// (got \"%1\").")
                 .arg(m_request.url));
        return;
    }
    Request http = m_request;
    http.kind = RequestKind::Http;
    http.method = QStringLiteral("GET");
    http.body = RequestBody();
    http.url = swapScheme(m_request.url, true);
    setState(State::Connecting);
    m_authRetried = false;
    startHandshake(http);
}

void WebSocketSession::startHandshake(const Request &http)
{
    if (m_socket) {
        disconnect(m_socket.get(), nullptr, this, nullptr);
        m_socket.release()->deleteLater(); // may be inside one of its signals
    }
    if (m_auth) {
        disconnect(m_auth.get(), nullptr, this, nullptr);
        m_auth.release()->deleteLater(); // may be inside one of its signals
    }
    m_auth = std::make_unique<HandshakeAuth>(http, m_authContext);
    connect(m_auth.get(), &HandshakeAuth::ready, this, &WebSocketSession::openSocket);
    connect(m_auth.get(), &HandshakeAuth::failed, this, [this](const QString &message) {
        if (m_state == State::Connecting)
            fail(QStringLiteral("The WebSocket did not connect: %1").arg(message));
    });
    m_auth->start();
}

QStringList WebSocketSession::authSecretValues() const
{
    return m_auth ? m_auth->secretValues() : QStringList();
}

void WebSocketSession::openSocket(const PreparedRequest &prepared)
{
    if (m_state != State::Connecting)
        return; // closed or aborted while the token or challenge was fetched
    QNetworkRequest handshake(
        QUrl(swapScheme(prepared.url.toString(QUrl::FullyEncoded), false), QUrl::StrictMode));
    PreparedHeaderList headers;
    for (const PreparedHeader &header : prepared.headers) {
        // Accept is for HTTP responses; the handshake has no use for it. QWebSocket writes
        // Origin itself (from its constructor): a second one would fail the handshake.
        if ((header.automatic && header.name.compare("Accept", Qt::CaseInsensitive) == 0)
            || header.name.compare("Origin", Qt::CaseInsensitive) == 0)
            continue;
        headers.append(header);
    }
    for (const HttpHeader &header : foldRepeatedHeaders(headers))
        handshake.setRawHeader(header.name, header.value);

    if (m_socket) {
        disconnect(m_socket.get(), nullptr, this, nullptr);
        m_socket.release()->deleteLater(); // may be inside one of its signals
    }
    QString origin;
    for (const KeyValue &row : m_request.headers) {
        if (row.enabled && row.name.compare(QLatin1String("Origin"), Qt::CaseInsensitive) == 0)
            origin = row.value;
    }
    m_socket = std::make_unique<QWebSocket>(origin);
    QWebSocket *socket = m_socket.get();
    socket->setProxy(m_network.proxy);
    // Bounded: a message is held whole in memory before it is delivered.
    socket->setMaxAllowedIncomingMessageSize(256ULL * 1024 * 1024);
    if (!m_network.caCertificates.isEmpty() || m_network.clientIdentity) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_network.caCertificates);
        if (const std::optional<ClientIdentity> &identity = m_network.clientIdentity) {
            tls.setLocalCertificateChain(QList<QSslCertificate> {identity->certificate}
                                         + identity->chain);
            tls.setPrivateKey(identity->key);
        }
        socket->setSslConfiguration(tls);
    }
    connect(socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (!m_request.settings.verifyTls || !m_network.verifyPeer) {
            m_socket->ignoreSslErrors();
            return;
        }
        QStringList problems;
        for (const QSslError &error : errors)
            problems << error.errorString();
        m_error = QStringLiteral("The server's TLS certificate was not accepted (%1). Trust its "
                                 "certificate authority, or turn off \"Verify TLS certificates\" "
                                 "for this request if you trust this server.")
                      .arg(problems.join(QStringLiteral("; ")));
    });
    connect(socket, &QWebSocket::connected, this, &WebSocketSession::onConnected);
    connect(socket, &QWebSocket::disconnected, this, &WebSocketSession::onDisconnected);
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WebSocketSession::onError);
    auto frames = std::make_shared<int>(0);
    connect(socket, &QWebSocket::textFrameReceived, this, [frames] { ++*frames; });
    connect(socket, &QWebSocket::binaryFrameReceived, this, [frames] { ++*frames; });
    const auto onMessage = [this, frames](const QByteArray &data, bool binary) {
        WebSocketEntry entry;
        entry.kind = binary ? WebSocketEntry::Kind::Binary : WebSocketEntry::Kind::Text;
        entry.direction = WebSocketEntry::Direction::Received;
        if (*frames > 1)
            entry.detail = QStringLiteral("%1 frames").arg(*frames);
        *frames = 0;
        emit logged(record(entry, data));
        emit messageReceived(data, binary);
    };
    connect(socket, &QWebSocket::textMessageReceived, this,
            [onMessage](const QString &text) { onMessage(text.toUtf8(), false); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [onMessage](const QByteArray &bytes) { onMessage(bytes, true); });
    connect(socket, &QWebSocket::pong, this, [this](quint64 elapsed, const QByteArray &payload) {
        WebSocketEntry entry;
        entry.kind = WebSocketEntry::Kind::Pong;
        entry.direction = WebSocketEntry::Direction::Received;
        entry.detail = QStringLiteral("%1 ms").arg(elapsed);
        emit logged(record(entry, payload));
    });

    QWebSocketHandshakeOptions options;
    options.setSubprotocols(m_request.websocket.subprotocols);
    if (m_request.settings.timeoutMs > 0)
        m_handshakeTimer->start(m_request.settings.timeoutMs);
    socket->open(handshake, options);
}

void WebSocketSession::onConnected()
{
    m_handshakeTimer->stop();
    m_everOpened = true;
    setState(State::Open);
    WebSocketEntry entry;
    entry.kind = WebSocketEntry::Kind::Opened;
    entry.direction = WebSocketEntry::Direction::Local;
    entry.detail = m_socket->subprotocol();
    emit logged(record(entry, QByteArray()));
    emit opened();
}

void WebSocketSession::onError()
{
    if (!m_socket)
        return;
    if (m_error.isEmpty()) {
        QString message = m_socket->errorString();
        if (const int status = refusedHandshakeStatus(message); status > 0)
            message = refusedHandshakeText(status, m_request.auth.mode);
        else if (m_state == State::Connecting || m_state == State::Idle)
            message = QStringLiteral("Could not connect: %1").arg(message);
        m_error = message;
    }
    // Qt reports some failures (a refused connection) after disconnected().
    if (m_state == State::Idle && !m_errorLogged) {
        m_errorLogged = true;
        WebSocketEntry error;
        error.kind = WebSocketEntry::Kind::Error;
        error.detail = m_error;
        emit logged(record(error, QByteArray()));
    }
}

void WebSocketSession::onDisconnected()
{
    m_handshakeTimer->stop();
    const State was = m_state;
    // A token or a nonce the server no longer takes: renew it and shake hands again, once.
    if (was == State::Connecting && !m_closeRequested && !m_authRetried && m_auth
        && refusedHandshakeStatus(m_socket->errorString()) == 401 && m_auth->retryAfterRefusal()) {
        m_authRetried = true;
        m_error.clear();
        disconnect(m_socket.get(), nullptr, this, nullptr);
        m_socket.release()->deleteLater(); // we are inside its signal
        WebSocketEntry note;
        note.kind = WebSocketEntry::Kind::Error;
        note.direction = WebSocketEntry::Direction::Local;
        note.detail = QStringLiteral("The server refused the handshake (HTTP 401): trying once "
                                     "more with a renewed %1.")
                          .arg(m_request.auth.mode == AuthMode::OAuth2
                                   ? QStringLiteral("token")
                                   : QStringLiteral("Digest challenge"));
        emit logged(record(note, QByteArray()));
        return;
    }
    if (!m_error.isEmpty() && !m_errorLogged
        && (was == State::Connecting || m_socket->closeCode() == 1006)) {
        m_errorLogged = true;
        WebSocketEntry error;
        error.kind = WebSocketEntry::Kind::Error;
        error.detail = m_error;
        emit logged(record(error, QByteArray()));
    }
    const int code = was == State::Connecting ? 1006 : int(m_socket->closeCode());
    const QString reason = m_socket->closeReason();
    m_lastCloseCode = code;
    WebSocketEntry entry;
    entry.kind = WebSocketEntry::Kind::Closed;
    entry.direction
        = m_closeRequested ? WebSocketEntry::Direction::Sent : WebSocketEntry::Direction::Received;
    entry.closeCode = code;
    entry.detail = closeCodeMeaning(code) + (reason.isEmpty() ? QString() : u": " + reason);
    setState(State::Idle);
    emit logged(record(entry, reason.toUtf8()));
    emit closed(code, reason, !m_closeRequested);
}

void WebSocketSession::fail(const QString &message)
{
    m_error = message;
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
        return; // disconnected() follows and reports it
    m_errorLogged = true;
    WebSocketEntry error;
    error.kind = WebSocketEntry::Kind::Error;
    error.detail = message;
    emit logged(record(error, QByteArray()));
    setState(State::Idle);
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_lastCloseCode = 1006;
            emit closed(1006, QString(), false);
        },
        Qt::QueuedConnection);
}

void WebSocketSession::endBeforeHandshake()
{
    // Closed while the token or challenge was on its way: no socket to close.
    if (m_auth) {
        disconnect(m_auth.get(), nullptr, this, nullptr);
        m_auth.release()->deleteLater(); // may be inside one of its signals
    }
    m_closeRequested = true;
    m_lastCloseCode = 1006;
    WebSocketEntry entry;
    entry.kind = WebSocketEntry::Kind::Closed;
    entry.direction = WebSocketEntry::Direction::Sent;
    entry.closeCode = 1006;
    entry.detail = closeCodeMeaning(1006);
    setState(State::Idle);
    emit logged(record(entry, QByteArray()));
    emit closed(1006, QString(), false);
}

void WebSocketSession::close(int code, const QString &reason)
{
    if (m_state == State::Connecting && !m_socket) {
        endBeforeHandshake();
        return;
    }
    if (!m_socket || m_state == State::Idle)
        return;
    m_closeRequested = true;
    if (m_state == State::Connecting) {
        m_socket->abort();
        return;
    }
    setState(State::Closing);
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void WebSocketSession::abort()
{
    if (m_state == State::Connecting && !m_socket) {
        endBeforeHandshake();
        return;
    }
    if (!m_socket || m_state == State::Idle)
        return;
    m_closeRequested = true;
    m_socket->abort();
}

bool WebSocketSession::refuseUnlessOpen()
{
    if (isOpen())
        return false;
    WebSocketEntry error;
    error.kind = WebSocketEntry::Kind::Error;
    error.detail = QStringLiteral("Not connected: connect before sending.");
    emit logged(record(error, QByteArray()));
    return true;
}

bool WebSocketSession::sendText(const QString &text)
{
    if (refuseUnlessOpen())
        return false;
    const QByteArray utf8 = text.toUtf8();
    m_socket->sendTextMessage(text);
    WebSocketEntry entry;
    entry.kind = WebSocketEntry::Kind::Text;
    entry.direction = WebSocketEntry::Direction::Sent;
    emit logged(record(entry, utf8));
    return true;
}

bool WebSocketSession::sendBinary(const QByteArray &bytes)
{
    if (refuseUnlessOpen())
        return false;
    m_socket->sendBinaryMessage(bytes);
    WebSocketEntry entry;
    entry.kind = WebSocketEntry::Kind::Binary;
    entry.direction = WebSocketEntry::Direction::Sent;
    emit logged(record(entry, bytes));
    return true;
}

bool WebSocketSession::ping(const QByteArray &payload)
{
    if (!isOpen())
        return false;
    m_socket->ping(payload.left(125)); // control frames carry at most 125 bytes
    WebSocketEntry entry;
    entry.kind = WebSocketEntry::Kind::Ping;
    entry.direction = WebSocketEntry::Direction::Sent;
    emit logged(record(entry, payload.left(125)));
    return true;
}

QString WebSocketSession::subprotocol() const
{
    return m_socket ? m_socket->subprotocol() : QString();
}

Response WebSocketSession::summary() const
{
    Response r;
    r.timing.startedAt = m_startedAt.isValid() ? m_startedAt : QDateTime::currentDateTime();
    r.timing.finished = m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e6 : 0;
    r.finalUrl = QUrl(m_request.url);
    r.finalMethod = QStringLiteral("GET");
    if (m_everOpened) {
        r.statusCode = 101;
        r.reason = QStringLiteral("Switching Protocols");
        r.httpVersion = QStringLiteral("1.1");
        r.headers.append(HttpHeader {"Upgrade", "websocket"});
        if (!subprotocol().isEmpty())
            r.headers.append(HttpHeader {"Sec-WebSocket-Protocol", subprotocol().toUtf8()});
    } else {
        r.errorKind = ErrorKind::Other;
        r.errorMessage
            = m_error.isEmpty() ? QStringLiteral("The WebSocket never connected.") : m_error;
    }
    r.headers.append(HttpHeader {"Content-Type", "application/json"});
    // The newest entries that fit the budget, oldest first.
    QList<QByteArray> items;
    qint64 used = 2;
    for (qsizetype i = m_log.size() - 1; i >= 0; --i) {
        QByteArray item = entryJson(m_log.at(i));
        if (used + item.size() + 1 > kSummaryBudget)
            break;
        used += item.size() + 1;
        items.prepend(std::move(item));
    }
    r.body = ResponseBody('[' + items.join(",\n") + ']');
    return r;
}

} // namespace Patchbay::Core
