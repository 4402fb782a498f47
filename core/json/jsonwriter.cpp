#include "core/json/jsonwriter.h"

namespace Patchbay::Core {

namespace {

const char hexDigits[] = "0123456789abcdef";

void appendEscapedUnit(QByteArray &out, char16_t unit)
{
    const char buffer[6] = {'\\',
                            'u',
                            hexDigits[(unit >> 12) & 0xF],
                            hexDigits[(unit >> 8) & 0xF],
                            hexDigits[(unit >> 4) & 0xF],
                            hexDigits[unit & 0xF]};
    out.append(buffer, 6);
}

class Writer
{
public:
    Writer(QByteArray &out, JsonStyle style, int indent)
        : m_out(out)
        , m_indented(style == JsonStyle::Indented)
        , m_indent(indent)
    { }

    void write(const JsonValue &value, int depth)
    {
        switch (value.type()) {
        case JsonValue::Type::Null:
            m_out.append("null", 4);
            break;
        case JsonValue::Type::Bool:
            if (value.toBool())
                m_out.append("true", 4);
            else
                m_out.append("false", 5);
            break;
        case JsonValue::Type::Number:
            m_out.append(value.numberLiteral());
            break;
        case JsonValue::Type::String:
            appendJsonString(m_out, value.toString());
            break;
        case JsonValue::Type::Array: {
            const JsonValue::Array &items = value.array();
            if (items.isEmpty()) {
                m_out.append("[]", 2);
                break;
            }
            m_out.append('[');
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (i > 0)
                    m_out.append(',');
                newline(depth + 1);
                write(items.at(i), depth + 1);
            }
            newline(depth);
            m_out.append(']');
            break;
        }
        case JsonValue::Type::Object: {
            const JsonValue::Members &members = value.members();
            if (members.isEmpty()) {
                m_out.append("{}", 2);
                break;
            }
            m_out.append('{');
            for (qsizetype i = 0; i < members.size(); ++i) {
                if (i > 0)
                    m_out.append(',');
                newline(depth + 1);
                appendJsonString(m_out, members.at(i).key);
                if (m_indented)
                    m_out.append(": ", 2);
                else
                    m_out.append(':');
                write(members.at(i).value, depth + 1);
            }
            newline(depth);
            m_out.append('}');
            break;
        }
        }
    }

private:
    void newline(int depth)
    {
        if (!m_indented)
            return;
        m_out.append('\n');
        m_out.append(qsizetype(depth) * m_indent, ' ');
    }

    QByteArray &m_out;
    bool m_indented;
    int m_indent;
};

} // namespace

void appendJsonString(QByteArray &out, QStringView text)
{
    out.append('"');
    const char16_t *p = text.utf16();
    const char16_t *end = p + text.size();
    while (p < end) {
        const char16_t c = *p++;
        if (c < 0x80) {
            switch (c) {
            case u'"':
                out.append("\\\"", 2);
                break;
            case u'\\':
                out.append("\\\\", 2);
                break;
            case u'\n':
                out.append("\\n", 2);
                break;
            case u'\r':
                out.append("\\r", 2);
                break;
            case u'\t':
                out.append("\\t", 2);
                break;
            case u'\b':
                out.append("\\b", 2);
                break;
            case u'\f':
                out.append("\\f", 2);
                break;
            default:
                if (c < 0x20)
                    appendEscapedUnit(out, c);
                else
                    out.append(char(c));
            }
        } else if (c < 0x800) {
            out.append(char(0xC0 | (c >> 6)));
            out.append(char(0x80 | (c & 0x3F)));
        } else if (QChar::isHighSurrogate(c) && p < end && QChar::isLowSurrogate(*p)) {
            const char32_t cp = QChar::surrogateToUcs4(c, *p++);
            const char bytes[4] = {char(0xF0 | (cp >> 18)), char(0x80 | ((cp >> 12) & 0x3F)),
                                   char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))};
            out.append(bytes, 4);
        } else if (QChar::isSurrogate(c)) {
            appendEscapedUnit(out, c); // a lone surrogate has no UTF-8 form: keep it escaped
        } else {
            const char bytes[3]
                = {char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
            out.append(bytes, 3);
        }
    }
    out.append('"');
}

QByteArray toJson(const JsonValue &value, JsonStyle style, int indent)
{
    QByteArray out;
    Writer(out, style, indent).write(value, 0);
    return out;
}

QString jsonScalarText(const JsonValue &value)
{
    switch (value.type()) {
    case JsonValue::Type::String:
        return value.toString();
    case JsonValue::Type::Number:
        return QString::fromUtf8(value.numberLiteral());
    case JsonValue::Type::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case JsonValue::Type::Null:
        return {};
    default:
        return QString::fromUtf8(toJson(value, JsonStyle::Compact));
    }
}

} // namespace Patchbay::Core
