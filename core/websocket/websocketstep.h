#pragma once

#include "core/http/request.h"
#include "core/http/response.h"
#include "core/websocket/websocketsession.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

class QTimer;

namespace Patchbay::Core {

// A WebSocket request as one step of a run (docs/RUNNER.md): connect, send the request's
// enabled messages in order, wait for `websocket.expectMessages` messages (all within the
// request's timeout), close, and finish with a Response that tests and captures read like any
// other: status 101, and a JSON array body with one item per received message (its JSON value
// when the text parses as JSON, else the text as a string, and {"binary": BASE64} for binary).
// Fewer messages than expected, a refused handshake or a close by the server first make a
// transport failure with a message that says which.
class WebSocketStep final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketStep)

public:
    // `network`: webSocketNetwork() for the run's network settings.
    explicit WebSocketStep(const Request &resolved, const WebSocketNetwork &network,
                           QObject *parent = nullptr);
    ~WebSocketStep() override;

    // OAuth 2.0 and Digest handshakes need it (WebSocketSession::setAuthContext). Before start().
    void setAuthContext(const AuthCall::Context &context) { m_authContext = context; }
    void start();
    // Ends the step; finished() follows with ErrorKind::Cancelled.
    void cancel();

signals:
    void finished(const Patchbay::Core::Response &response);

private:
    void onOpened();
    void onMessage(const QByteArray &data, bool binary);
    void onClosed(int code, const QString &reason, bool byServer);
    void finish(ErrorKind error, const QString &message);

    Request m_request;
    WebSocketNetwork m_network;
    AuthCall::Context m_authContext;
    std::unique_ptr<WebSocketSession> m_session; // owned
    QTimer *m_deadline; // owned (child)
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    QList<QByteArray> m_items; // received messages as JSON
    double m_openedAt = -1;
    double m_firstMessageAt = -1;
    ErrorKind m_pendingError = ErrorKind::None;
    QString m_pendingMessage;
    bool m_closing = false;
    bool m_done = false;
};

} // namespace Patchbay::Core
