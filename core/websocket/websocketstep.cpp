#include "core/websocket/websocketstep.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/websocket/websocketsession.h"

#include <QTimer>

namespace Patchbay::Core {

WebSocketStep::WebSocketStep(const Request &resolved, const WebSocketNetwork &network,
                             QObject *parent)
    : QObject(parent)
    , m_request(resolved)
    , m_network(network)
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] {
        const int expected = m_request.websocket.expectMessages;
        finish(ErrorKind::Timeout,
               m_session && m_session->isOpen()
                   ? QStringLiteral("%1 of the %2 expected WebSocket messages arrived within %3 "
                                    "s. Check what the server sends back, or raise the "
                                    "request's timeout.")
                         .arg(m_items.size())
                         .arg(expected)
                         .arg(m_request.settings.timeoutMs / 1000.0)
                   : QStringLiteral("The WebSocket did not connect within %1 s.")
                         .arg(m_request.settings.timeoutMs / 1000.0));
    });
}

WebSocketStep::~WebSocketStep() = default;

void WebSocketStep::start()
{
    m_startedAt = QDateTime::currentDateTime();
    m_clock.start();
    Request request = m_request;
    // The step's deadline covers everything; the session's handshake limit is the same.
    m_session = std::make_unique<WebSocketSession>(request, m_network);
    m_session->setAuthContext(m_authContext);
    m_session->setMaxLogEntries(16);
    connect(m_session.get(), &WebSocketSession::opened, this, &WebSocketStep::onOpened);
    connect(m_session.get(), &WebSocketSession::messageReceived, this, &WebSocketStep::onMessage);
    connect(m_session.get(), &WebSocketSession::closed, this, &WebSocketStep::onClosed);
    if (m_request.settings.timeoutMs > 0)
        m_deadline->start(m_request.settings.timeoutMs);
    m_session->open();
}

void WebSocketStep::cancel()
{
    finish(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
}

void WebSocketStep::onOpened()
{
    m_openedAt = double(m_clock.nsecsElapsed()) / 1e6;
    for (const WebSocketMessage &message : std::as_const(m_request.websocket.messages)) {
        if (!message.enabled)
            continue;
        if (message.payload == WebSocketPayload::Binary) {
            QByteArray bytes;
            if (!decodeHexPayload(message.text, &bytes)) {
                finish(ErrorKind::InvalidRequest,
                       QStringLiteral("The binary message \"%1\" is not hex (\"00 ff 10\").")
                           .arg(message.name));
                return;
            }
            m_session->sendBinary(bytes);
        } else {
            m_session->sendText(message.text);
        }
    }
    if (m_request.websocket.expectMessages <= 0)
        finish(ErrorKind::None, QString());
}

void WebSocketStep::onMessage(const QByteArray &data, bool binary)
{
    if (m_done || m_closing)
        return;
    if (m_firstMessageAt < 0)
        m_firstMessageAt = double(m_clock.nsecsElapsed()) / 1e6;
    QByteArray item;
    if (binary) {
        item = "{\"binary\":\"" + data.toBase64() + "\"}";
    } else if (const Result<JsonValue> json = parseJson(data); json.ok()) {
        item = toJson(json.value(), JsonStyle::Compact);
    } else {
        appendJsonString(item, QString::fromUtf8(data));
    }
    m_items.append(item);
    if (m_items.size() >= m_request.websocket.expectMessages)
        finish(ErrorKind::None, QString());
}

void WebSocketStep::onClosed(int code, const QString &reason, bool byServer)
{
    if (m_done)
        return;
    if (m_closing) {
        // Our close completed: report what was decided when it was asked for.
        m_done = true;
        m_deadline->stop();
        Response r = m_session->summary();
        r.headers.removeIf([](const HttpHeader &h) {
            return h.name.compare("Content-Type", Qt::CaseInsensitive) == 0;
        });
        r.headers.append(HttpHeader {"Content-Type", "application/json"});
        r.body = ResponseBody('[' + m_items.join(',') + ']');
        r.timing.requestSent = m_openedAt;
        r.timing.firstByte = m_firstMessageAt;
        r.timing.finished = double(m_clock.nsecsElapsed()) / 1e6;
        if (m_pendingError != ErrorKind::None) {
            r.errorKind = m_pendingError;
            r.errorMessage = m_pendingMessage;
        }
        emit finished(r);
        return;
    }
    const QString meaning
        = QStringLiteral("%1 (%2%3)")
              .arg(code)
              .arg(closeCodeMeaning(code), reason.isEmpty() ? QString() : u": " + reason);
    if (m_openedAt < 0) {
        QString message;
        for (const WebSocketEntry &e : m_session->log())
            if (e.kind == WebSocketEntry::Kind::Error)
                message = e.detail;
        m_pendingError = ErrorKind::ConnectionRefused;
        m_pendingMessage
            = message.isEmpty() ? QStringLiteral("The WebSocket did not connect.") : message;
    } else {
        m_pendingError = ErrorKind::ConnectionReset;
        m_pendingMessage
            = QStringLiteral("The server closed the WebSocket %1 after %2 of the %3 expected "
                             "messages.")
                  .arg(byServer ? meaning : QStringLiteral("(") + meaning + u')')
                  .arg(m_items.size())
                  .arg(m_request.websocket.expectMessages);
    }
    m_closing = true;
    onClosed(code, reason, byServer);
}

void WebSocketStep::finish(ErrorKind error, const QString &message)
{
    if (m_done || m_closing)
        return;
    m_pendingError = error;
    m_pendingMessage = message;
    m_closing = true;
    if (m_session && m_session->state() != WebSocketSession::State::Idle) {
        m_session->close(1000, QString()); // closed() follows and reports
        // A server that never answers the close handshake must not hold the run.
        QTimer::singleShot(3000, this, [this] {
            if (!m_done && m_session)
                m_session->abort();
        });
        return;
    }
    QMetaObject::invokeMethod(
        this, [this] { onClosed(1000, QString(), false); }, Qt::QueuedConnection);
}

} // namespace Patchbay::Core
