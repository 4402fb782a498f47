#include "core/sse/eventstreamparser.h"

#include <limits>

namespace Patchbay::Core {

EventStreamParser::EventStreamParser(const QString &lastEventId, qsizetype maxEventChars)
    // The default flags skip one BOM at the very start of the stream, as UTF-8 decode does.
    : m_decoder(QStringConverter::Utf8)
    , m_maxEventChars(qMax<qsizetype>(1, maxEventChars))
    , m_lastEventIdBuffer(lastEventId)
    , m_lastEventId(lastEventId)
{ }

QList<ServerSentEvent> EventStreamParser::feed(QByteArrayView bytes)
{
    QList<ServerSentEvent> events;
    if (bytes.isEmpty())
        return events;
    const QString text = m_decoder.decode(bytes);
    m_out = &events;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'\r' && c != u'\n')
            continue;
        if (c == u'\n' && m_afterCr && i == start && m_line.isEmpty() && !m_lineTruncated) {
            // The LF of a CRLF whose CR ended the previous line.
            m_afterCr = false;
            start = i + 1;
            continue;
        }
        appendToLine(QStringView(text).mid(start, i - start));
        processLine(m_line);
        m_line.clear();
        m_lineTruncated = false;
        m_afterCr = c == u'\r';
        start = i + 1;
    }
    if (start < text.size()) {
        appendToLine(QStringView(text).mid(start));
        m_afterCr = false;
    }
    m_out = nullptr;
    return events;
}

void EventStreamParser::appendToLine(QStringView text)
{
    // A line is at most one field: bounded like the event's data, plus room for the field name.
    const qsizetype room = m_maxEventChars + 64 - m_line.size();
    if (text.size() > room) {
        m_line += text.left(qMax<qsizetype>(0, room));
        m_lineTruncated = true;
    } else {
        m_line += text;
    }
}

void EventStreamParser::finish()
{
    m_line.clear();
    m_lineTruncated = false;
    m_afterCr = false;
    m_data.clear();
    m_eventType.clear();
    m_truncated = false;
}

void EventStreamParser::processLine(QStringView line)
{
    if (line.isEmpty()) {
        dispatch(*m_out);
        return;
    }
    if (line.front() == u':')
        return; // a comment
    const qsizetype colon = line.indexOf(u':');
    if (colon < 0) {
        processField(line, QStringView());
        return;
    }
    QStringView value = line.mid(colon + 1);
    if (value.startsWith(u' '))
        value = value.mid(1);
    processField(line.left(colon), value);
}

void EventStreamParser::processField(QStringView field, QStringView value)
{
    if (field == u"event") {
        m_eventType = value.toString();
    } else if (field == u"data") {
        const qsizetype room = m_maxEventChars - m_data.size();
        if (value.size() + 1 > room || m_lineTruncated) {
            m_data += value.left(qMax<qsizetype>(0, room - 1));
            m_truncated = true;
        } else {
            m_data += value;
        }
        if (m_data.size() < m_maxEventChars)
            m_data += u'\n';
    } else if (field == u"id") {
        if (!value.contains(QChar(0)))
            m_lastEventIdBuffer = value.toString();
    } else if (field == u"retry") {
        if (value.isEmpty())
            return;
        qint64 ms = 0;
        for (const QChar c : value) {
            if (c < u'0' || c > u'9')
                return;
            // Saturates: a reconnection time past any real wait means "never soon".
            ms = ms > (std::numeric_limits<qint64>::max() - 9) / 10
                ? std::numeric_limits<qint64>::max()
                : ms * 10 + (c.unicode() - u'0');
        }
        m_retryMs = ms;
    }
}

void EventStreamParser::dispatch(QList<ServerSentEvent> &out)
{
    m_lastEventId = m_lastEventIdBuffer;
    if (m_data.isEmpty()) {
        m_eventType.clear();
        m_truncated = false;
        return;
    }
    if (m_data.endsWith(u'\n'))
        m_data.chop(1);
    ServerSentEvent event;
    if (!m_eventType.isEmpty())
        event.type = m_eventType;
    event.data = std::exchange(m_data, QString());
    event.lastEventId = m_lastEventId;
    event.truncated = std::exchange(m_truncated, false);
    m_eventType.clear();
    out.append(std::move(event));
}

} // namespace Patchbay::Core
