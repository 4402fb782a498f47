#include "core/json/jsonformatter.h"

namespace Patchbay::Core {

void JsonFormatter::newline(QByteArray &out) const
{
    out.append('\n');
    out.append(qsizetype(m_depth) * m_indent, ' ');
}

void JsonFormatter::feed(QByteArrayView chunk, QByteArray &out)
{
    out.reserve(out.size() + chunk.size() + chunk.size() / 2);
    for (const char c : chunk) {
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
        case ']':
            if (m_depth > 0)
                --m_depth;
            newline(out);
            out.append(c);
            break;
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
