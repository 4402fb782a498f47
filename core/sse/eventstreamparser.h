#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Patchbay::Core {

// One Server-Sent Event as dispatched by the WHATWG event-stream rules.
struct ServerSentEvent
{
    QString type = QStringLiteral("message"); // the `event:` field, "message" when none
    QString data; // `data:` lines joined with LF
    QString lastEventId; // the stream's last event ID when dispatched (may come from earlier)
    bool truncated = false; // data went past the parser's size limit and was cut there
    // Filled by the session, not the parser:
    QDateTime receivedAt; // local time it was parsed
    qint64 sequence = 0; // 0-based count of the session's events, across reconnections
    int connection = 0; // 0 for the first connection, then 1 per reconnection

    friend bool operator==(const ServerSentEvent &, const ServerSentEvent &) = default;
};

// Parses a `text/event-stream` body fed in chunks of any size, exactly as the WHATWG HTML
// standard says (§9.2.6, "Interpreting an event stream"): UTF-8 with one leading BOM skipped and
// malformed bytes as U+FFFD; lines end with CRLF, LF or CR (a CRLF split across chunks is one
// line end); `:` starts a comment; `field: value` loses one leading space of the value; `data`
// lines are joined with LF; `id` values holding NUL are ignored; `retry` takes only ASCII
// digits; unknown fields are ignored; a blank line dispatches, an empty data buffer dispatches
// nothing, and an event left unfinished at the end of the stream is dropped. One parser per
// connection: a reconnection starts a new one with the last event ID so far, as browsers do
// (the standard's per-stream buffer would forget it until the server sends another `id`).
class EventStreamParser
{
public:
    // Data longer than this (per event, in UTF-16 code units) is cut there and the event marked
    // truncated: a hostile stream cannot grow one event without bound.
    static constexpr qsizetype kDefaultMaxEventChars = 16 * 1024 * 1024;

    explicit EventStreamParser(const QString &lastEventId = {},
                               qsizetype maxEventChars = kDefaultMaxEventChars);

    // Parses `bytes` and returns the events they completed, in order.
    QList<ServerSentEvent> feed(QByteArrayView bytes);
    // The stream ended: what is buffered is discarded (an unfinished event is never dispatched).
    void finish();

    // The last event ID string: set by each dispatch (even one that dispatched nothing) from
    // the `id` fields seen so far. Sent as Last-Event-ID when reconnecting.
    QString lastEventId() const { return m_lastEventId; }
    // The last valid `retry` field, in milliseconds.
    std::optional<qint64> retryMs() const { return m_retryMs; }

private:
    void processLine(QStringView line);
    void processField(QStringView field, QStringView value);
    void dispatch(QList<ServerSentEvent> &out);
    void appendToLine(QByteArrayView bytes);
    QString decodeLine();

    qsizetype m_maxEventChars;
    QByteArray m_line; // the line being read, without its end, as bytes
    bool m_atStreamStart = true; // the first line may start with a byte order mark
    bool m_lineTruncated = false;
    bool m_afterCr = false; // the last character seen was CR: a following LF ends nothing
    QString m_data;
    QString m_eventType;
    QString m_lastEventIdBuffer;
    QString m_lastEventId;
    bool m_truncated = false;
    std::optional<qint64> m_retryMs;
    QList<ServerSentEvent> *m_out = nullptr; // during feed()
};

} // namespace Patchbay::Core
Q_DECLARE_METATYPE(Patchbay::Core::ServerSentEvent)
