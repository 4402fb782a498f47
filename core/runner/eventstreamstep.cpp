#include "core/runner/eventstreamstep.h"

#include "core/graphql/graphqlsubscription.h"
#include "core/sse/eventstreamsession.h"

#include <QTimer>

namespace Patchbay::Core {

namespace {

EventStreamOptions sessionOptions(const StreamBounds &bounds)
{
    EventStreamOptions options;
    options.maxEvents = bounds.maxEvents > 0
        ? std::min<qsizetype>(bounds.maxEvents, EventStreamStep::kRingEvents)
        : EventStreamStep::kRingEvents;
    options.reconnect = false; // a step is one exchange
    return options;
}

} // namespace

EventStreamStep::EventStreamStep(const AuthCall::Context &context, const Request &resolved,
                                 StreamBounds bounds, QObject *parent)
    : QObject(parent)
    , m_bounds(bounds)
    , m_request(resolved)
    , m_session(std::make_unique<EventStreamSession>(context, resolved, sessionOptions(bounds)))
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    m_deadline->setTimerType(Qt::PreciseTimer); // a coarse one may end 5 % early
    connect(m_deadline, &QTimer::timeout, this,
            [this] { stopBecause(QStringLiteral("stream time %1 ms").arg(m_bounds.durationMs)); });
    connect(m_session.get(), &EventStreamSession::eventReceived, this,
            &EventStreamStep::countEvent);
    connect(m_session.get(), &EventStreamSession::finished, this, &EventStreamStep::onFinished);
}

EventStreamStep::EventStreamStep(std::unique_ptr<GraphQlSubscription> subscription,
                                 StreamBounds bounds, QObject *parent)
    : QObject(parent)
    , m_bounds(bounds)
    , m_subscription(std::move(subscription))
    , m_deadline(new QTimer(this))
{
    m_subscription->setMaxEvents(sessionOptions(bounds).maxEvents);
    m_deadline->setSingleShot(true);
    m_deadline->setTimerType(Qt::PreciseTimer);
    connect(m_deadline, &QTimer::timeout, this,
            [this] { stopBecause(QStringLiteral("stream time %1 ms").arg(m_bounds.durationMs)); });
    connect(m_subscription.get(), &GraphQlSubscription::subscribed, this, [this] {
        if (m_bounds.durationMs > 0)
            m_deadline->start(m_bounds.durationMs);
    });
    connect(m_subscription.get(), &GraphQlSubscription::eventReceived, this,
            &EventStreamStep::countEvent);
    connect(m_subscription.get(), &GraphQlSubscription::finished, this,
            &EventStreamStep::onFinished);
}

void EventStreamStep::start()
{
    if (m_subscription)
        m_subscription->start();
}

bool EventStreamStep::isActive() const
{
    return m_session ? m_session->isActive() : m_subscription->isActive();
}

void EventStreamStep::countEvent()
{
    ++m_count;
    if (m_bounds.maxEvents > 0 && m_count >= m_bounds.maxEvents)
        stopBecause(QStringLiteral("event limit"));
}

EventStreamStep::~EventStreamStep() = default;

void EventStreamStep::adopt(std::unique_ptr<AuthCall> call, const Response &head)
{
    if (m_bounds.durationMs > 0)
        m_deadline->start(m_bounds.durationMs);
    m_head = head;
    m_session->adopt(std::move(call), head);
}

void EventStreamStep::cancel()
{
    stopBecause(QStringLiteral("run stopped"));
}

void EventStreamStep::stopBecause(const QString &reason)
{
    if (!isActive() || !m_endReason.isEmpty())
        return;
    m_deadline->stop();
    m_endReason = reason;
    if (m_session)
        m_session->stop(); // finished() follows from the event loop
    else
        m_subscription->stop(); // finished() follows
}

void EventStreamStep::onFinished(Response response, bool stopped)
{
    m_deadline->stop();
    if (!stopped) {
        if (response.errorKind == ErrorKind::Timeout) {
            // The request's idle timeout or maximum time ends a stream as the bounds do: what
            // was received is the answer (docs/STREAMS.md "Timeouts").
            const RequestSettings &settings = m_request.settings;
            const bool total = settings.maxTimeMs > 0
                && response.timing.totalMs() >= 0.9 * double(settings.maxTimeMs);
            m_endReason = total ? QStringLiteral("max time %1 ms").arg(settings.maxTimeMs)
                                : QStringLiteral("idle timeout %1 ms").arg(settings.timeoutMs);
            response.errorKind = ErrorKind::None;
            response.errorMessage.clear();
        } else if (response.isError()) {
            m_endReason = m_subscription && response.statusCode == 101
                ? QStringLiteral("subscription failed")
                : QStringLiteral("connection failed");
        } else {
            m_endReason = m_subscription ? QStringLiteral("completed by the server")
                                         : QStringLiteral("ended by the server");
        }
    }
    if (response.statusCode == 0) {
        response.statusCode = m_head.statusCode;
        response.reason = m_head.reason;
        response.headers = m_head.headers;
        response.httpVersion = m_head.httpVersion;
    }
    emit finished(response);
}

} // namespace Patchbay::Core
