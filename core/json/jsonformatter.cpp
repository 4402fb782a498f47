#include "core/json/jsonformatter.h"

namespace Patchbay::Core {

void JsonFormatter::newline(QByteArray &out)
{
    if (m_depth > m_maxIndentDepth) {
        m_flattened = true;
        return;
    }
    out.append('\n');
    out.append(qsizetype(m_depth) * m_indent, ' ');
}

void JsonFormatter::feed(QByteArrayView chunk, QByteArray &out)
{
    if (m_outOfBudget)
        return;
    const qsizetype start = out.size();
    // Checked after every token: a token adds at most maxIndentDepth * indent + 3 bytes, so the
    // overshoot before the cut is small and bounded.
    const qint64 allowed = m_budget < 0 ? -1 : m_budget - m_written;
    out.reserve(out.size() + chunk.size() + chunk.size() / 2);
    for (const char c : chunk) {
        if (allowed >= 0 && out.size() - start > allowed) {
            out.truncate(start + qsizetype(allowed));
            m_outOfBudget = true;
            m_written = m_budget;
            return;
        }
        if (m_inString) {
            out.append(c);
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (m_afterOpen) {
            m_afterOpen = false;
            if (c == '}' || c == ']') {
                --m_depth;
                out.append(c);
                continue;
            }
            newline(out);
        }
        switch (c) {
        case '{':
        case '[':
            out.append(c);
            ++m_depth;
            m_afterOpen = true;
            break;
        case '}':
        case ']': {
            // A container whose items were written flat closes on the same line.
            const bool flat = m_depth > m_maxIndentDepth;
            if (m_depth > 0)
                --m_depth;
            if (flat)
                m_flattened = true;
            else
                newline(out);
            out.append(c);
            break;
        }
        case ',':
            out.append(c);
            newline(out);
            break;
        case ':':
            out.append(": ");
            break;
        case '"':
            m_inString = true;
            out.append(c);
            break;
        default:
            out.append(c);
            break;
        }
    }
    if (allowed >= 0 && out.size() - start > allowed) {
        out.truncate(start + qsizetype(allowed));
        m_outOfBudget = true;
        m_written = m_budget;
        return;
    }
    m_written += out.size() - start;
}

QByteArray prettyPrintJson(QByteArrayView json, int indent)
{
    JsonFormatter formatter(indent);
    QByteArray out;
    formatter.feed(json, out);
    return out;
}

QByteArray compactJson(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    bool escape = false;
    for (const char c : json) {
        if (inString) {
            out.append(c);
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out.append(c);
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            out.append(c);
        }
    }
    return out;
}

} // namespace Patchbay::Core
