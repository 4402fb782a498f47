#include "core/sse/eventstreamsession.h"

#include <QPointer>
#include <QTimer>

#include <limits>

namespace Patchbay::Core {

namespace {

void setHeader(KeyValueList &headers, const QString &name, const QString &value)
{
    headers.removeIf([&](const KeyValue &row) {
        return row.enabled && row.name.compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value, true});
}

bool hasHeader(const KeyValueList &headers, QLatin1String name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [&](const KeyValue &row) {
        return row.enabled && row.name.compare(name, Qt::CaseInsensitive) == 0;
    });
}

// Writes `text` as field lines: one per line of it (CR and LF both end lines in a stream).
void appendField(QByteArray &out, const char *field, const QString &text)
{
    const QStringList lines = QString(text)
                                  .replace(QLatin1String("\r\n"), QLatin1String("\n"))
                                  .replace(u'\r', u'\n')
                                  .split(u'\n');
    for (const QString &line : lines) {
        out += field;
        if (!line.isEmpty())
            out += ": " + line.toUtf8();
        out += '\n';
    }
}

} // namespace

bool isEventStream(const Response &response)
{
    const QByteArray type = response.header("Content-Type").split(';').first().trimmed().toLower();
    return type == "text/event-stream";
}

EventStreamSession::EventStreamSession(const AuthCall::Context &context, const Request &request,
                                       EventStreamOptions options, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_request(request)
    , m_options(options)
    , m_events(options.maxEvents)
    , m_retryTimer(new QTimer(this))
    , m_retryMs(options.defaultRetryMs)
{
    m_context.observeBody = true;
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        ++m_connection;
        connectCall();
    });
    if (!hasHeader(m_request.headers, QLatin1String("Accept")))
        setHeader(m_request.headers, QStringLiteral("Accept"), QStringLiteral("text/event-stream"));
}

EventStreamSession::~EventStreamSession() = default;

void EventStreamSession::start()
{
    if (m_active)
        return;
    m_active = true;
    m_startedAt = QDateTime::currentDateTime();
    m_clock.start();
    connectCall();
}

void EventStreamSession::adopt(std::unique_ptr<AuthCall> call, const Response &head)
{
    if (m_active || !call)
        return;
    m_active = true;
    m_startedAt
        = head.timing.startedAt.isValid() ? head.timing.startedAt : QDateTime::currentDateTime();
    m_clock.start();
    // The call started before the head came: times are measured from its start.
    m_clockOffsetMs = head.timing.startedAt.isValid() ? std::max(head.timing.firstByte, 0.0) : 0;
    m_call = std::move(call);
    m_call->setBodyKept(false);
    connect(m_call.get(), &AuthCall::headReceived, this, &EventStreamSession::onHead);
    connect(m_call.get(), &AuthCall::bodyReceived, this, &EventStreamSession::onBody);
    connect(m_call.get(), &AuthCall::finished, this, &EventStreamSession::onCallFinished);
    onHead(head);
}

void EventStreamSession::connectCall()
{
    Request request = m_request;
    if (!m_lastEventId.isEmpty())
        setHeader(request.headers, QStringLiteral("Last-Event-ID"), m_lastEventId);
    m_streaming = false;
    m_call = AuthCall::send(m_context, request);
    m_call->setBodyKept(false);
    connect(m_call.get(), &AuthCall::headReceived, this, &EventStreamSession::onHead);
    connect(m_call.get(), &AuthCall::bodyReceived, this, &EventStreamSession::onBody);
    connect(m_call.get(), &AuthCall::finished, this, &EventStreamSession::onCallFinished);
}

void EventStreamSession::onHead(const Response &head)
{
    m_lastHead = head;
    m_streaming = head.statusCode == 200 && isEventStream(head);
    m_parser = std::make_unique<EventStreamParser>(m_lastEventId);
    emit connected(head, m_connection);
}

void EventStreamSession::onBody(const QByteArray &data)
{
    if (!m_streaming || !m_parser)
        return;
    const QList<ServerSentEvent> events = m_parser->feed(data);
    m_lastEventId = m_parser->lastEventId();
    if (const std::optional<qint64> retry = m_parser->retryMs())
        m_retryMs = qMin(*retry, m_options.maxRetryMs);
    const QPointer<EventStreamSession> alive(this);
    for (ServerSentEvent event : events) {
        event.receivedAt = QDateTime::currentDateTime();
        event.sequence = m_events.appended();
        event.connection = m_connection;
        m_events.append(event);
        emit eventReceived(event);
        if (!alive || m_stopping)
            return; // a slot stopped or destroyed the session
    }
}

void EventStreamSession::onCallFinished(const Response &response)
{
    // Inside the call's own signal: it goes once control is back in the event loop.
    AuthCall *call = m_call.release();
    call->deleteLater();
    if (m_parser)
        m_parser->finish();
    if (m_stopping) {
        end(response, true);
        return;
    }
    // A 200 event stream that ended or dropped, or a connection that failed, reconnects (as
    // EventSource does); any other answer (an error status, another type) ends the session.
    const bool answeredOtherwise = response.statusCode != 0 && !m_streaming;
    const bool cancelled = response.errorKind == ErrorKind::Cancelled;
    if (!m_options.reconnect || answeredOtherwise || cancelled
        || m_reconnects >= m_options.maxReconnects) {
        end(response, false);
        return;
    }
    ++m_reconnects;
    emit reconnecting(m_reconnects, m_retryMs, m_lastEventId);
    m_retryTimer->start(int(qMin<qint64>(m_retryMs, std::numeric_limits<int>::max())));
}

void EventStreamSession::stop()
{
    if (!m_active || m_stopping)
        return;
    m_stopping = true;
    if (m_call) {
        m_call->cancel(); // finished() follows from the event loop
        return;
    }
    m_retryTimer->stop();
    Response response = m_lastHead;
    QMetaObject::invokeMethod(
        this, [this, response] { end(response, true); }, Qt::QueuedConnection);
}

void EventStreamSession::end(Response response, bool stoppedByUser)
{
    if (!m_active)
        return;
    m_active = false;
    m_stopping = false;
    // What the user saw is the stream, not how it ended: a Stop is not an error.
    if (stoppedByUser && response.errorKind == ErrorKind::Cancelled) {
        response.errorKind = ErrorKind::None;
        response.errorMessage.clear();
    }
    if (response.statusCode == 0 && m_lastHead.statusCode != 0 && !response.isError()) {
        response.statusCode = m_lastHead.statusCode;
        response.reason = m_lastHead.reason;
        response.headers = m_lastHead.headers;
    }
    if (m_streaming || m_events.appended() > 0)
        response.body = ResponseBody(transcript());
    response.timing.startedAt = m_startedAt;
    response.timing.finished = m_clockOffsetMs + double(m_clock.nsecsElapsed()) / 1e6;
    emit finished(response, stoppedByUser);
}

QByteArray EventStreamSession::transcript() const
{
    QByteArray out;
    QString lastId;
    for (const ServerSentEvent &event : m_events) {
        // Each event's id as the parser gave it: an `id` line when it changed (an empty one
        // when the server reset it), so that parsing the transcript gives the same ids.
        if (event.lastEventId != lastId)
            appendField(out, "id", event.lastEventId);
        lastId = event.lastEventId;
        if (event.type != QLatin1String("message"))
            appendField(out, "event", event.type);
        appendField(out, "data", event.data);
        out += '\n';
    }
    return out;
}

} // namespace Patchbay::Core
