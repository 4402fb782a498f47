#include "tests/support/scriptedserver.h"

#include "core/http/reasonphrase.h"

#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Patchbay::Test {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool hasHeaderIn(const RawHeaderList &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&](const auto &h) { return sameName(h.first, name); });
}

QByteArray statusLineAndHeaders(int status, const RawHeaderList &headers)
{
    QByteArray head
        = "HTTP/1.1 " + QByteArray::number(status) + ' ' + Core::httpReasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    return head;
}

} // namespace

QByteArray ReceivedRequest::path() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

QByteArray ReceivedRequest::query() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.mid(question + 1);
}

QByteArray ReceivedRequest::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (sameName(headerName, name))
            return value;
    }
    return {};
}

bool ReceivedRequest::hasHeader(QByteArrayView name) const
{
    return hasHeaderIn(headers, name);
}

Connection::Connection(int id, QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(socket)
{
    m_socket->setParent(nullptr);
    connect(m_socket.get(), &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket.get(), &QTcpSocket::disconnected, this, &QObject::deleteLater);
}

Connection::~Connection()
{
    disconnect(m_socket.get(), nullptr, this, nullptr);
    m_socket->abort();
}

bool Connection::isOpen() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void Connection::write(const QByteArray &bytes)
{
    if (isOpen())
        m_socket->write(bytes);
}

void Connection::respond(int status, const QByteArray &body, const RawHeaderList &headers)
{
    write(ScriptedServer::response(status, body, headers));
}

void Connection::redirect(int status, const QByteArray &location)
{
    respond(status, {}, {{"Location", location}});
}

void Connection::respondChunked(int status, const QList<QByteArray> &chunks,
                                const RawHeaderList &headers)
{
    RawHeaderList all = headers;
    all.append(std::pair<QByteArray, QByteArray>("Transfer-Encoding", "chunked"));
    QByteArray bytes = statusLineAndHeaders(status, all) + "\r\n";
    for (const QByteArray &chunk : chunks) {
        if (!chunk.isEmpty()) // an empty chunk would end the body early
            bytes += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    write(bytes + "0\r\n\r\n");
}

void Connection::writeSlowly(const QByteArray &bytes, qsizetype pieceSize,
                             std::chrono::milliseconds interval, std::function<void()> done)
{
    Q_ASSERT(pieceSize > 0);
    delete m_slowWriter;
    auto *timer = new QTimer(this); // owned by this connection: stops with it
    m_slowWriter = timer;
    timer->setInterval(interval);
    auto offset = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, this, [this, timer, bytes, pieceSize, offset, done] {
        write(bytes.mid(*offset, pieceSize));
        *offset += pieceSize;
        if (*offset >= bytes.size() || !isOpen()) {
            timer->stop();
            timer->deleteLater();
            if (done && isOpen())
                done();
        }
    });
    timer->start();
}

void Connection::close()
{
    m_socket->disconnectFromHost(); // sends what is pending first
}

void Connection::abort()
{
    m_socket->abort();
    deleteLater();
}

void Connection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    for (;;) {
        if (!m_head) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            m_buffer.remove(0, end + 4);
            ReceivedRequest request;
            request.connectionId = m_id;
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            request.version = requestLine.value(2);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.append(std::pair(lines[i].left(colon).trimmed(),
                                                     lines[i].mid(colon + 1).trimmed()));
            }
            m_bodyLength = request.header("Content-Length").toLongLong();
            m_head = std::move(request);
        }
        if (m_buffer.size() < m_bodyLength)
            return;
        ReceivedRequest request = std::move(*m_head);
        m_head.reset();
        request.body = m_buffer.left(m_bodyLength);
        m_buffer.remove(0, m_bodyLength);
        emit requestParsed(request);
    }
}

// QSslServer is new in Qt 6.4 and absent from earlier 6.x; overriding incomingConnection works
// everywhere and lets one class serve both plain and TLS connections.
class ScriptedServer::Listener final : public QTcpServer
{
public:
    explicit Listener(std::function<void(qintptr)> onIncoming)
        : m_onIncoming(std::move(onIncoming))
    { }

protected:
    void incomingConnection(qintptr socketDescriptor) override { m_onIncoming(socketDescriptor); }

private:
    std::function<void(qintptr)> m_onIncoming;
};

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
{
    m_listener = std::make_unique<Listener>([this](qintptr descriptor) {
        auto *socket = new QTcpSocket; // handed to a Connection at once
        socket->setSocketDescriptor(descriptor);
        onNewSocket(socket);
    });
    m_listener->listen(QHostAddress::LocalHost, 0);
}

ScriptedServer::ScriptedServer(const TlsIdentity &identity, QObject *parent)
    : QObject(parent)
    , m_tls(identity)
{
    m_listener = std::make_unique<Listener>([this](qintptr descriptor) {
        auto *socket = new QSslSocket; // handed to a Connection at once
        socket->setSocketDescriptor(descriptor);
        socket->setLocalCertificate(m_tls->certificate);
        socket->setPrivateKey(m_tls->privateKey);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        onNewSocket(socket);
        socket->startServerEncryption();
    });
    m_listener->listen(QHostAddress::LocalHost, 0);
}

ScriptedServer::~ScriptedServer()
{
    m_listener->close();
    // Connections are children: deleting them drops their sockets before the listener goes.
    qDeleteAll(findChildren<Connection *>(Qt::FindDirectChildrenOnly));
}

bool ScriptedServer::isListening() const
{
    return m_listener->isListening();
}

quint16 ScriptedServer::port() const
{
    return m_listener->serverPort();
}

QUrl ScriptedServer::url(const QString &pathAndQuery) const
{
    return QUrl((m_tls ? QStringLiteral("https://127.0.0.1:") : QStringLiteral("http://127.0.0.1:"))
                + QString::number(port()) + pathAndQuery);
}

void ScriptedServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void ScriptedServer::enqueue(Handler script)
{
    m_queue.append(std::move(script));
}

void ScriptedServer::enqueue(const QByteArray &rawResponse)
{
    enqueue([rawResponse](const ReceivedRequest &, Connection &connection) {
        connection.write(rawResponse);
    });
}

void ScriptedServer::onNewSocket(QTcpSocket *socket)
{
    auto *connection = new Connection(++m_connectionCount, socket, this); // child of the server
    connect(connection, &Connection::requestParsed, this,
            [this, connection](const ReceivedRequest &request) { dispatch(request, *connection); });
}

void ScriptedServer::dispatch(const ReceivedRequest &request, Connection &connection)
{
    m_requests.append(request);
    emit requestReceived(request);
    if (!m_queue.isEmpty()) {
        m_queue.takeFirst()(request, connection);
    } else if (m_handler) {
        m_handler(request, connection);
    } else {
        connection.respond(
            500, "ScriptedServer: no script for " + request.method + ' ' + request.target + '\n');
    }
}

QByteArray ScriptedServer::response(int status, const QByteArray &body,
                                    const RawHeaderList &headers)
{
    RawHeaderList all = headers;
    if (!hasHeaderIn(all, "Content-Length"))
        all.append(
            std::pair<QByteArray, QByteArray>("Content-Length", QByteArray::number(body.size())));
    return statusLineAndHeaders(status, all) + "\r\n" + body;
}

} // namespace Patchbay::Test
