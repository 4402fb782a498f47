#include "core/sse/eventstreamparser.h"

#include <QStringDecoder>

#include <limits>

namespace Patchbay::Core {

EventStreamParser::EventStreamParser(const QString &lastEventId, qsizetype maxEventChars)
    : m_maxEventChars(qMax<qsizetype>(1, maxEventChars))
    , m_lastEventIdBuffer(lastEventId)
    , m_lastEventId(lastEventId)
{ }

QList<ServerSentEvent> EventStreamParser::feed(QByteArrayView bytes)
{
    // Lines are split on the raw bytes (CR and LF are never part of a UTF-8 sequence) and each
    // whole line is decoded at once. Decoding chunk by chunk with a stateful QStringDecoder
    // does not do: Qt 6.4's drops the LF after a sequence left unfinished at a chunk's end
    // (fuzz_eventstream found it), and with it the blank line that dispatches an event.
    QList<ServerSentEvent> events;
    m_out = &events;
    qsizetype start = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (c != '\r' && c != '\n')
            continue;
        if (c == '\n' && m_afterCr && i == start && m_line.isEmpty() && !m_lineTruncated) {
            // The LF of a CRLF whose CR ended the previous line.
            m_afterCr = false;
            start = i + 1;
            continue;
        }
        appendToLine(bytes.sliced(start, i - start));
        processLine(decodeLine());
        m_line.clear();
        m_lineTruncated = false;
        m_afterCr = c == '\r';
        start = i + 1;
    }
    if (start < bytes.size()) {
        appendToLine(bytes.sliced(start));
        m_afterCr = false;
    }
    m_out = nullptr;
    return events;
}

QString EventStreamParser::decodeLine()
{
    QByteArrayView line = m_line;
    // One byte order mark at the very start of the stream is skipped, as UTF-8 decode does.
    if (m_atStreamStart && line.startsWith("\xEF\xBB\xBF"))
        line = line.sliced(3);
    m_atStreamStart = false;
    // Not QString::fromUtf8: it would skip a byte order mark at the start of every line.
    QStringDecoder decoder(QStringConverter::Utf8,
                           QStringConverter::Flag::Stateless
                               | QStringConverter::Flag::ConvertInitialBom);
    return decoder.decode(line);
}

void EventStreamParser::appendToLine(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    // A line is at most one field: bounded like the event's data (UTF-8 takes up to 3 bytes
    // per UTF-16 unit), plus room for the field name.
    const qsizetype room = 3 * m_maxEventChars + 256 - m_line.size();
    if (bytes.size() > room) {
        m_line += bytes.first(qMax<qsizetype>(0, room));
        m_lineTruncated = true;
    } else {
        m_line += bytes;
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
