#pragma once

#include "core/auth/authcall.h"
#include "core/common/boundedlog.h"
#include "core/common/result.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/network/tlsmaterial.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QNetworkProxy>
#include <QObject>
#include <QSslCertificate>

#include <memory>
#include <optional>

class QTimer;
class QWebSocket;

namespace Patchbay::Core {

class HandshakeAuth;
class NetworkProfile;
struct PreparedRequest;

// One line of a WebSocket session's log (docs/STREAMS.md).
struct WebSocketEntry
{
    enum class Kind { Opened, Text, Binary, Ping, Pong, Closed, Error };
    enum class Direction { Sent, Received, Local };

    Kind kind = Kind::Text;
    Direction direction = Direction::Local;
    QByteArray data; // text as UTF-8, binary bytes, ping/pong payload
    qint64 size = 0; // bytes of the message (data may be cut for the log, see the session)
    bool truncated = false;
    QString detail; // Opened: the subprotocol; Closed: the code's meaning; Error: the message;
                    // Pong: the round trip in ms
    int closeCode = -1; // Closed only
    QDateTime at;
    qint64 sequence = 0; // 0-based within the session, across reconnections

    friend bool operator==(const WebSocketEntry &, const WebSocketEntry &) = default;
};

// What a close code means, for people (RFC 6455 §7.4.1, and the IANA registry).
QString closeCodeMeaning(int code);

// How a WebSocketSession reaches the server beyond the request itself: what an http(s) hop to
// the same URL would use (webSocketNetwork()).
struct WebSocketNetwork
{
    // DefaultProxy: the application's (QNetworkProxy::setApplicationProxy), as without settings.
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
    QList<QSslCertificate> caCertificates; // trusted besides the system's
    std::optional<ClientIdentity> clientIdentity;
    bool verifyPeer = true; // false when the workspace turns verification off for the host
};

// The workspace's network settings (proxy, extra CAs, client certificate, verification) and
// the request's overrides, resolved for the request's ws:// or wss:// URL as for http(s)://.
Result<WebSocketNetwork> webSocketNetwork(const NetworkProfile &profile, const Request &request);

struct WebSocketOptions;

// One WebSocket connection at a time for a request (ws:// or wss://), on QtWebSockets: the
// handshake carries the request's headers, auth (every mode, through HandshakeAuth: OAuth 2.0
// and Digest need the auth context), query params and subprotocols; TLS is verified unless the
// request turns it off. A handshake refused with 401 is tried once more with a renewed token or
// Digest challenge. Every message,
// ping, pong, open, close (with its code's meaning) and failure goes into a bounded log and out by
// signal. Messages larger than the log's per-entry cap keep their first bytes in the log (the
// signal carries all of them).
class WebSocketSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketSession)

public:
    enum class State { Idle, Connecting, Open, Closing };

    // `request` is resolved (no {{variables}}); its URL is ws:// or wss://.
    explicit WebSocketSession(const Request &request, WebSocketNetwork network = {},
                              QObject *parent = nullptr);
    ~WebSocketSession() override; // aborts the connection

    // Connects (again, after a close: a reconnection). The handshake must finish within the
    // request's timeout (0 = no limit).
    void open();
    // Closes with `code` (1000: normal) and `reason`; closed() follows.
    void close(int code = 1000, const QString &reason = {});
    // Drops the connection without a close handshake.
    void abort();

    // False (and an Error entry) when the session is not open.
    bool sendText(const QString &text);
    bool sendBinary(const QByteArray &bytes);
    bool ping(const QByteArray &payload = {});

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    QString subprotocol() const;
    const BoundedLog<WebSocketEntry> &log() const { return m_log; }
    void setMaxLogEntries(qsizetype entries) { m_log.setCapacity(entries); }
    // What OAuth 2.0 and Digest need before the handshake (a client for the token or the
    // challenge, the keyring's tokens, the Digest session): see HandshakeAuth. Set before open().
    void setAuthContext(const AuthCall::Context &context) { m_authContext = context; }
    // The OAuth 2.0 tokens the last handshake used, for redacting what is kept of it.
    QStringList authSecretValues() const;
    // Bytes of each message kept in the log (default 1 MiB).
    void setMaxEntryBytes(qint64 bytes) { m_maxEntryBytes = bytes; }
    const Request &request() const { return m_request; }

    // The session as an exchange for history: status 101 (or the failure), the handshake's
    // headers as sent in the request, and a body that lists the log's last entries as JSON
    // (application/json: [{direction, kind, time, size, data | base64, ...}]).
    Response summary() const;

signals:
    void stateChanged(Patchbay::Core::WebSocketSession::State state);
    void logged(const Patchbay::Core::WebSocketEntry &entry);
    // A message came in, whole (text as UTF-8).
    void messageReceived(const QByteArray &data, bool binary);
    void opened();
    // The connection is over: after close(), the server's close, a drop or a failed handshake.
    void closed(int code, const QString &reason, bool byServer);

private:
    void setState(State state);
    void startHandshake(const Request &http);
    void openSocket(const PreparedRequest &handshake);
    void endBeforeHandshake();
    bool refuseUnlessOpen(); // true (and an Error entry) when not open
    WebSocketEntry &record(WebSocketEntry entry, const QByteArray &data);
    void onConnected();
    void onDisconnected();
    void onError();
    void fail(const QString &message);

    Request m_request;
    WebSocketNetwork m_network;
    AuthCall::Context m_authContext;
    std::unique_ptr<HandshakeAuth> m_auth; // owned: the current handshake's auth
    std::unique_ptr<QWebSocket> m_socket; // owned; the current connection
    QTimer *m_handshakeTimer; // owned (child)
    BoundedLog<WebSocketEntry> m_log;
    qint64 m_maxEntryBytes = 1024 * 1024;
    State m_state = State::Idle;
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    QString m_error;
    bool m_errorLogged = false; // this connection's failure is in the log
    bool m_closeRequested = false;
    bool m_everOpened = false;
    int m_lastCloseCode = -1;
    bool m_authRetried = false; // this connection's handshake was refused once (401)
};

} // namespace Patchbay::Core

Q_DECLARE_METATYPE(Patchbay::Core::WebSocketEntry)
