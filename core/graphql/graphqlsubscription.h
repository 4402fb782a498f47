#pragma once

#include "core/auth/authcall.h"
#include "core/common/boundedlog.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/sse/eventstreamparser.h"
#include "core/websocket/websocketsession.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

class QTimer;

namespace Patchbay::Core {

// The operation a GraphQL body runs: the one named by operationName, else the only one. Its
// keyword ("query", "mutation" or "subscription"), or empty when the document does not say
// (a syntax error, no operation, several and none named).
QString graphQlOperationType(const GraphQlBody &body);
// A GraphQL request whose operation is a subscription: sent over WebSocket, not HTTP.
bool isGraphQlSubscription(const Request &request);
// The WebSocket URL of a GraphQL endpoint: http:// becomes ws://, https:// wss://.
QString graphQlSubscriptionUrl(const QString &url);

// The subprotocol of GraphQL over WebSocket (the graphql-ws project's protocol, "GraphQL over
// WebSocket" RFC draft).
inline constexpr char kGraphQlTransportWs[] = "graphql-transport-ws";

// One GraphQL subscription over WebSocket (docs/GRAPHQL.md): opens a WebSocketSession to the
// endpoint's ws(s) URL with the request's headers, auth and network (subprotocol
// graphql-transport-ws), sends connection_init, waits for connection_ack within the request's
// timeout, subscribes with the body's query, operation name and variables, and reports each
// message the server sends for it as an event: type "next" (data: the execution result),
// "error" (data: the GraphQL errors). Pings are answered. The server's "complete", stop(), a
// close or a failure end it. The last `maxEvents` events are kept; all are emitted. The events
// have the shape of Server-Sent Events so that the window's event view and the CLI's event
// printer show both alike.
class GraphQlSubscription final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphQlSubscription)

public:
    // `request` is resolved and has a GraphQl body; `context` as for WebSocketSession.
    GraphQlSubscription(const Request &request, const WebSocketNetwork &network,
                        const AuthCall::Context &context, qsizetype maxEvents = 10000,
                        QObject *parent = nullptr);
    ~GraphQlSubscription() override;

    void start();
    // Completes the subscription and closes (1000); finished() follows with stoppedByUser.
    void stop();
    bool isActive() const { return m_active; }
    // Subscribed: the server acknowledged the connection and the subscribe message went out.
    bool isSubscribed() const { return m_subscribed; }

    const BoundedLog<ServerSentEvent> &events() const { return m_events; }
    void setMaxEvents(qsizetype maxEvents) { m_events.setCapacity(maxEvents); }
    // The OAuth 2.0 tokens the handshake used, for redacting history.
    QStringList authSecretValues() const;

signals:
    void subscribed();
    void eventReceived(const Patchbay::Core::ServerSentEvent &event);
    // Over: the response for history (status 101 once connected; a JSON array body of the kept
    // events' data; the error when it failed) and whether stop() ended it.
    void finished(const Patchbay::Core::Response &response, bool stoppedByUser);

private:
    void onOpened();
    void onMessage(const QByteArray &data, bool binary);
    void onClosed(int code, const QString &reason, bool byServer);
    void sendMessage(const QByteArray &json);
    void emitEvent(const QString &type, const QString &data);
    void end(const QString &error, bool stoppedByUser);

    Request m_request;
    std::unique_ptr<WebSocketSession> m_session; // owned
    QTimer *m_ackTimer; // owned (child)
    BoundedLog<ServerSentEvent> m_events;
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    qint64 m_sequence = 0;
    QString m_error; // what ended it, when it failed
    bool m_everOpened = false;
    bool m_subscribed = false;
    bool m_active = false;
    bool m_stopping = false;
    bool m_done = false;
};

} // namespace Patchbay::Core
