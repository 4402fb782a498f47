#pragma once

#include "core/auth/authcall.h"
#include "core/http/request.h"
#include "core/http/response.h"

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace Patchbay::Core {

class EventStreamSession;
class GraphQlSubscription;

// How long a run listens to a response that is an event stream (docs/RUNNER.md).
struct StreamBounds
{
    int maxEvents = 100; // the step ends after this many events; 0: no count bound
    int durationMs = 5000; // ... or this long after the head arrived; 0: no time bound

    friend bool operator==(const StreamBounds &, const StreamBounds &) = default;
};

// A run step whose response head said `text/event-stream` (status 200): the call is handed to
// an EventStreamSession, which reads the body as events, and the step ends after
// StreamBounds::maxEvents events or StreamBounds::durationMs, or when the server ends the
// stream. Reaching a bound, the server's end and the request's own timeouts (idle, max time)
// end the step without an error; a dropped connection keeps its error. The response has the
// head's status and headers, and as body the events received, written back as an event stream
// (the last kRingEvents of them at most: memory stays bounded on an endless stream).
class EventStreamStep final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStreamStep)

public:
    // Events the step keeps for the body; all are counted.
    static constexpr qsizetype kRingEvents = 10000;

    EventStreamStep(const AuthCall::Context &context, const Request &resolved, StreamBounds bounds,
                    QObject *parent = nullptr);
    ~EventStreamStep() override;

    // A GraphQL subscription as a step, bounded the same way; the time counts from the
    // server's acknowledgement. start() subscribes. The body is the subscription's: a JSON array
    // of [{"type", "data"}].
    EventStreamStep(std::unique_ptr<GraphQlSubscription> subscription, StreamBounds bounds,
                    QObject *parent = nullptr);
    void start();

    // Takes over `call`, whose head (`head`) is a 200 event stream; call it from the call's
    // headReceived() slot so that no body byte is missed.
    void adopt(std::unique_ptr<AuthCall> call, const Response &head);
    // Ends the step now with the events so far (no error); finished() follows.
    void cancel();

    // Events received (also those that fell out of the kept ones).
    qint64 eventCount() const { return m_count; }
    // Why the stream ended, for reports: "event limit", "stream time 5000 ms", "ended by the
    // server", "max time 3000 ms", "idle timeout 30000 ms", "connection failed", "run stopped".
    QString endReason() const { return m_endReason; }

signals:
    void finished(const Patchbay::Core::Response &response);

private:
    void stopBecause(const QString &reason);
    void onFinished(Response response, bool stopped);

    StreamBounds m_bounds;
    Request m_request; // for its timeouts
    bool isActive() const;
    void countEvent();

    std::unique_ptr<EventStreamSession> m_session; // owned; or m_subscription
    std::unique_ptr<GraphQlSubscription> m_subscription; // owned
    QTimer *m_deadline; // owned (child)
    Response m_head;
    QString m_endReason;
    qint64 m_count = 0;
};

} // namespace Patchbay::Core
