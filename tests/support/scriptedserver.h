#pragma once

#include "tests/support/tlsidentity.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QTcpSocket;
class QTimer;

namespace Patchbay::Test {

using RawHeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One HTTP/1.1 request as the server received it.
struct ReceivedRequest
{
    QByteArray method;
    QByteArray target; // as sent, e.g. "/items?page=2"
    QByteArray version; // e.g. "HTTP/1.1"
    RawHeaderList headers; // in order, duplicates kept
    QByteArray body; // Content-Length framed (chunked request bodies are not supported)
    int connectionId = 0; // 1 for the first connection the server accepted, 2 for the next...

    QByteArray path() const; // target without the query
    QByteArray query() const; // after '?', still encoded
    // First header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

// One accepted connection, handed to the script for each request it carries. Everything is
// driven by the event loop (timers, never sleeps), so a test can wait with QSignalSpy/QTRY_*.
class Connection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    Connection(int id, QTcpSocket *socket, QObject *parent); // takes ownership of socket
    ~Connection() override;

    int id() const { return m_id; }
    bool isOpen() const;

    // Raw bytes, for anything a well-behaved server would never send.
    void write(const QByteArray &bytes);
    // A complete response with Content-Length (added unless `headers` has one).
    void respond(int status, const QByteArray &body = {}, const RawHeaderList &headers = {});
    // A redirect (301, 302, 303, 307, 308) to `location`, absolute or relative, with no body.
    void redirect(int status, const QByteArray &location);
    // A response with Transfer-Encoding: chunked, one chunk per element.
    void respondChunked(int status, const QList<QByteArray> &chunks,
                        const RawHeaderList &headers = {});
    // Writes `bytes` `pieceSize` bytes at a time, one piece per `interval`, then calls `done`.
    void writeSlowly(const QByteArray &bytes, qsizetype pieceSize,
                     std::chrono::milliseconds interval, std::function<void()> done = {});
    // Closes once everything written so far has been sent.
    void close();
    // Drops the connection at once; pending bytes are lost.
    void abort();

signals:
    void requestParsed(const Patchbay::Test::ReceivedRequest &request);

private:
    void onReadyRead();

    const int m_id;
    std::unique_ptr<QTcpSocket> m_socket; // owned
    QByteArray m_buffer;
    std::optional<ReceivedRequest> m_head; // headers parsed, waiting for the body
    qsizetype m_bodyLength = 0;
    QPointer<QTimer> m_slowWriter; // owned through the QObject tree
};

// A loopback HTTP/1.1 server that answers with scripted bytes, shared by every network test:
// faults (bad headers, early close, silence), redirects, slow and chunked bodies, and HTTPS with
// a throwaway certificate. It listens on 127.0.0.1 with an ephemeral port from construction.
//
// Each request goes to the next queued script, else to the handler, else gets a 500 that
// names the unscripted request. Every request is recorded.
class ScriptedServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptedServer)

public:
    using Handler = std::function<void(const ReceivedRequest &, Connection &)>;

    explicit ScriptedServer(QObject *parent = nullptr);
    // HTTPS: every connection starts with a TLS handshake using `identity`.
    explicit ScriptedServer(const TlsIdentity &identity, QObject *parent = nullptr);
    ~ScriptedServer() override;

    bool isListening() const;
    quint16 port() const;
    // "http(s)://127.0.0.1:<port>" + pathAndQuery.
    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const;

    void setHandler(Handler handler);
    void enqueue(Handler script);
    void enqueue(const QByteArray &rawResponse);

    QList<ReceivedRequest> requests() const { return m_requests; }
    int connectionCount() const { return m_connectionCount; }

    // "HTTP/1.1 <status> <reason>" + headers + Content-Length + body.
    static QByteArray response(int status, const QByteArray &body = {},
                               const RawHeaderList &headers = {});

signals:
    void requestReceived(const Patchbay::Test::ReceivedRequest &request);

private:
    class Listener;
    void onNewSocket(QTcpSocket *socket);
    void dispatch(const ReceivedRequest &request, Connection &connection);

    std::unique_ptr<Listener> m_listener; // owned
    std::optional<TlsIdentity> m_tls;
    Handler m_handler;
    QList<Handler> m_queue;
    QList<ReceivedRequest> m_requests;
    int m_connectionCount = 0;
};

} // namespace Patchbay::Test
