#pragma once

#include "core/auth/authcall.h"
#include "core/common/boundedlog.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/sse/eventstreamparser.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

class QTimer;

namespace Patchbay::Core {

struct EventStreamOptions
{
    qsizetype maxEvents = 10000; // events kept (the oldest go first); all are still emitted
    bool reconnect = false; // reconnect after the stream ends, with Last-Event-ID
    int maxReconnects = 100; // then the session ends
    qint64 defaultRetryMs = 3000; // until the server sends `retry:`
    qint64 maxRetryMs = 60000; // a server's `retry:` above this waits this long

    friend bool operator==(const EventStreamOptions &, const EventStreamOptions &) = default;
};

// True when a response is an event stream: Content-Type text/event-stream (any parameters).
bool isEventStream(const Response &response);

// A Server-Sent Events stream sent as Send sends, with the request's auth (AuthCall;
// docs/STREAMS.md): parses the body as it arrives,
// emits each event, keeps the last EventStreamOptions::maxEvents, and, when asked to, reconnects
// as EventSource does (after the server's `retry:` delay, sending Last-Event-ID) when the stream
// ends or the connection drops. A response that is not a 200 event stream ends the session
// without reconnecting. Bodies are never stored, so an endless stream uses bounded memory.
class EventStreamSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStreamSession)

public:
    // `context.client` (and its digest session) outlive the session. `request` is resolved (no
    // {{variables}}).
    EventStreamSession(const AuthCall::Context &context, const Request &request,
                       EventStreamOptions options = {}, QObject *parent = nullptr);
    ~EventStreamSession() override; // aborts the connection

    // Sends the request, with `Accept: text/event-stream` unless it sets Accept.
    void start();
    // Takes over a call someone else sent with Context::observeBody whose head (`head`, from
    // AuthCall::headReceived) is an event stream: the window and the CLI send first and look at
    // the answer. Call it from the headReceived() slot so that no body byte is missed.
    void adopt(std::unique_ptr<AuthCall> call, const Response &head);
    // Ends the session (no reconnection); finished() follows with stoppedByUser.
    void stop();
    bool isActive() const { return m_active; }

    const BoundedLog<ServerSentEvent> &events() const { return m_events; }
    void setMaxEvents(qsizetype maxEvents) { m_events.setCapacity(maxEvents); }
    const EventStreamOptions &options() const { return m_options; }
    // Turns reconnection on or off while streaming (the window's Reconnect box); applies when
    // the current connection ends. A reconnection already scheduled still happens.
    void setReconnect(bool reconnect) { m_options.reconnect = reconnect; }
    QString lastEventId() const { return m_lastEventId; }
    int connections() const { return m_connection + 1; }
    // The events kept, written back as an event stream (what history stores).
    QByteArray transcript() const;

signals:
    // Each connection's status and headers (0 for the first).
    void connected(const Patchbay::Core::Response &head, int connection);
    void eventReceived(const Patchbay::Core::ServerSentEvent &event);
    // The stream ended or dropped; the next connection starts in `delayMs`.
    void reconnecting(int attempt, qint64 delayMs, const QString &lastEventId);
    // The session is over: the last connection's response (its body is transcript(), its error
    // the reason a connection failed), and whether stop() ended it.
    void finished(const Patchbay::Core::Response &response, bool stoppedByUser);

private:
    void connectCall();
    void onHead(const Response &head);
    void onBody(const QByteArray &data);
    void onCallFinished(const Response &response);
    void end(Response response, bool stoppedByUser);

    AuthCall::Context m_context;
    Request m_request;
    EventStreamOptions m_options;
    std::unique_ptr<AuthCall> m_call; // owned; the connection in flight
    std::unique_ptr<EventStreamParser> m_parser; // this connection's
    BoundedLog<ServerSentEvent> m_events;
    QTimer *m_retryTimer; // owned (child)
    QElapsedTimer m_clock;
    double m_clockOffsetMs = 0; // from the call's start to adopt()
    QDateTime m_startedAt;
    Response m_lastHead;
    QString m_lastEventId;
    qint64 m_retryMs;
    int m_connection = 0;
    int m_reconnects = 0;
    bool m_streaming = false; // this connection's head was a 200 event stream
    bool m_active = false;
    bool m_stopping = false;
};

} // namespace Patchbay::Core
