#include "core/json/jsonwriter.h"

#include <vector>

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

// Writes iteratively (a stack of open containers instead of recursion), so a value of any depth
// is written without exhausting the call stack.
class Writer
{
public:
    Writer(QByteArray &out, JsonStyle style, int indent)
        : m_out(out)
        , m_indented(style == JsonStyle::Indented)
        , m_indent(indent)
    { }

    void write(const JsonValue &root)
    {
        if (!writeScalarOrOpen(root))
            return;
        while (!m_stack.empty()) {
            Frame &frame = m_stack.back();
            const JsonValue &container = *frame.value;
            if (frame.next >= container.size()) {
                const bool isArray = container.isArray();
                m_stack.pop_back();
                newline(int(m_stack.size()));
                m_out.append(isArray ? ']' : '}');
                continue;
            }
            const qsizetype index = frame.next++;
            if (index > 0)
                m_out.append(',');
            newline(int(m_stack.size()));
            if (container.isArray()) {
                writeScalarOrOpen(container.array().at(index));
            } else {
                const JsonMember &member = container.members().at(index);
                appendJsonString(m_out, member.key);
                if (m_indented)
                    m_out.append(": ", 2);
                else
                    m_out.append(':');
                writeScalarOrOpen(member.value);
            }
        }
    }

private:
    struct Frame
    {
        const JsonValue *value;
        qsizetype next;
    };

    // Writes a scalar or an empty container whole; opens a non-empty container (pushing a frame)
    // and returns true for it.
    bool writeScalarOrOpen(const JsonValue &value)
    {
        switch (value.type()) {
        case JsonValue::Type::Null:
            m_out.append("null", 4);
            return false;
        case JsonValue::Type::Bool:
            if (value.toBool())
                m_out.append("true", 4);
            else
                m_out.append("false", 5);
            return false;
        case JsonValue::Type::Number:
            m_out.append(value.numberLiteral());
            return false;
        case JsonValue::Type::String:
            appendJsonString(m_out, value.toString());
            return false;
        case JsonValue::Type::Array:
        case JsonValue::Type::Object:
            if (value.isEmpty()) {
                m_out.append(value.isArray() ? "[]" : "{}", 2);
                return false;
            }
            m_out.append(value.isArray() ? '[' : '{');
            m_stack.push_back({&value, 0});
            return true;
        }
        return false;
    }

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
    std::vector<Frame> m_stack;
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
    Writer(out, style, indent).write(value);
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
