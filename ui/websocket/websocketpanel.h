#pragma once

#include "core/http/request.h"
#include "core/websocket/websocketsession.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;

namespace Patchbay::Core {
struct Response;
}

namespace Patchbay::Ui {

class WebSocketComposer;
class WebSocketLogView;

// A WebSocket request's connection in its tab, in place of the response viewer
// (docs/STREAMS.md): its state, Reconnect and Ping, the message log and the composer. Connect
// and Disconnect are the editor's one button by the URL (RequestEditor::setConnection()).
// Owns the session; each connection's end is reported with the session's summary (what
// history keeps).
class WebSocketPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketPanel)

public:
    // Replaces {{variables}} in a message's text as it is sent.
    using TextResolver = std::function<QString(const QString &)>;

    explicit WebSocketPanel(QWidget *parent = nullptr);
    ~WebSocketPanel() override; // aborts the connection

    // Connects with `resolved` (no {{variables}} left) in a new session: the log starts again.
    void connectTo(const Core::Request &resolved, const Core::WebSocketNetwork &network,
                   TextResolver resolver = {});
    // What OAuth 2.0 and Digest handshakes need (the window's auth services); for the next
    // connectTo().
    void setAuthContext(const Core::AuthCall::Context &context) { m_authContext = context; }
    // The OAuth 2.0 tokens the handshake used: history redacts them from the exchange.
    QStringList authSecretValues() const
    {
        return m_session ? m_session->authSecretValues() : QStringList();
    }
    // Connects again with the same request, keeping the log.
    void reconnect();
    // Closes the connection normally (1000), or gives up a handshake in progress.
    void disconnectSession();
    // Connecting, open or closing.
    bool isActive() const;
    bool isOpen() const;
    // Idle before the first connection.
    Core::WebSocketSession::State state() const;
    // Sends a saved message: {{variables}} replaced, JSON as text, binary from its hex.
    bool sendMessage(const Core::WebSocketMessage &message);
    void setTemplates(const QList<Core::WebSocketMessage> &templates);
    // Shows why a connection could not even start (e.g. the network settings do not apply).
    void showProblem(const QString &text);

    Core::WebSocketSession *session() const { return m_session.get(); }
    WebSocketLogView *logView() const { return m_log; }
    WebSocketComposer *composer() const { return m_composer; }
    QPushButton *reconnectButton() const { return m_reconnect; }
    QPushButton *pingButton() const { return m_ping; }
    QLabel *statusLabel() const { return m_status; }

signals:
    // The handshake finished, `elapsedMs` after connectTo() or reconnect() started it.
    void opened(const QString &url, qint64 elapsedMs);
    // A connection ended (or never opened): `summary` is the session as an exchange.
    void connectionEnded(const Patchbay::Core::Response &summary);
    // Connecting, open, closed.
    void stateChanged();
    void saveMessageRequested(const Patchbay::Core::WebSocketMessage &message);

private:
    void onStateChanged();
    void onClosed(int code, const QString &reason, bool byServer);
    void sendComposed(const QByteArray &data, bool binary);
    void updateControls();

    std::unique_ptr<Core::WebSocketSession> m_session; // owned
    TextResolver m_resolve;
    Core::AuthCall::Context m_authContext;
    QString m_endText; // how the last connection ended
    int m_pings = 0;
    QElapsedTimer m_connecting; // since the current connection started
    QLabel *m_status; // owned (child)
    QPushButton *m_reconnect; // owned (child)
    QPushButton *m_ping; // owned (child)
    WebSocketLogView *m_log; // owned (child)
    WebSocketComposer *m_composer; // owned (child)
};

} // namespace Patchbay::Ui
