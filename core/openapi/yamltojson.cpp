#include "core/openapi/yamltojson.h"

#include <yaml.h>

#include <QHash>
#include <QString>

#include <charconv>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace Patchbay::Core {

namespace {

struct Frame
{
    bool isMap = false;
    bool expectKey = true; // maps only
    qint64 count = 0;
    qint64 start = 0; // offset of the container's first byte, for anchors
    std::string anchor;
};

void appendEscaped(std::string &out, std::string_view text)
{
    out += '"';
    size_t plainFrom = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.data() + plainFrom, i - plainFrom);
        plainFrom = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default: {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
        }
    }
    out.append(text.data() + plainFrom, text.size() - plainFrom);
    out += '"';
}

bool isDigits(std::string_view s, bool (*ok)(char))
{
    if (s.empty())
        return false;
    for (char c : s)
        if (!ok(c))
            return false;
    return true;
}

bool isDec(char c)
{
    return c >= '0' && c <= '9';
}

// Appends the JSON form of a plain YAML scalar under the core schema.
void appendPlainScalar(std::string &out, std::string_view s)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
        out += "null";
        return;
    }
    if (s == "true" || s == "True" || s == "TRUE") {
        out += "true";
        return;
    }
    if (s == "false" || s == "False" || s == "FALSE") {
        out += "false";
        return;
    }
    const char first = s.front();
    if (!(isDec(first) || first == '-' || first == '+' || first == '.')) {
        appendEscaped(out, s);
        return;
    }
    // Integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+.
    std::string_view body = s;
    bool negative = false;
    if (body.front() == '-' || body.front() == '+') {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (isDigits(body, isDec)) {
        size_t zeros = 0;
        while (zeros + 1 < body.size() && body[zeros] == '0')
            ++zeros;
        if (negative && !(body.size() - zeros == 1 && body[zeros] == '0'))
            out += '-';
        out.append(body.data() + zeros, body.size() - zeros);
        return;
    }
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        const int base = s[1] == 'o' ? 8 : 16;
        unsigned long long value = 0;
        const auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), value, base);
        if (ec == std::errc() && end == s.data() + s.size()) {
            out += std::to_string(value);
            return;
        }
        appendEscaped(out, s);
        return;
    }
    // Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    size_t i = 0;
    const size_t n = body.size();
    size_t intDigits = 0;
    while (i < n && isDec(body[i]))
        ++i, ++intDigits;
    size_t fracDigits = 0;
    bool dot = false;
    if (i < n && body[i] == '.') {
        dot = true;
        ++i;
        while (i < n && isDec(body[i]))
            ++i, ++fracDigits;
    }
    bool valid = intDigits + fracDigits > 0 && (intDigits > 0 || fracDigits > 0);
    if (!dot && intDigits == 0)
        valid = false;
    size_t expDigits = 0;
    bool exp = false;
    if (valid && i < n && (body[i] == 'e' || body[i] == 'E')) {
        exp = true;
        ++i;
        if (i < n && (body[i] == '-' || body[i] == '+'))
            ++i;
        while (i < n && isDec(body[i]))
            ++i, ++expDigits;
        if (expDigits == 0)
            valid = false;
    }
    if (!valid || i != n) {
        appendEscaped(out, s); // ".inf", ".nan", "1.2.3", "-x"...
        return;
    }
    // Rewrite into JSON's stricter grammar: a leading zero before a bare '.', digits after it,
    // no '+' sign, no leading zeros.
    if (negative)
        out += '-';
    std::string_view digits = body.substr(0, intDigits);
    while (digits.size() > 1 && digits.front() == '0')
        digits.remove_prefix(1);
    if (digits.empty())
        out += '0';
    else
        out.append(digits);
    if (fracDigits > 0) {
        out += '.';
        out.append(body.substr(intDigits + 1, fracDigits));
    }
    if (exp) {
        const std::string_view e = body.substr(intDigits + (dot ? 1 + fracDigits : 0));
        out += 'e';
        std::string_view rest = e.substr(1);
        if (!rest.empty() && rest.front() == '+')
            rest.remove_prefix(1);
        out.append(rest);
    }
}

Error syntaxError(const yaml_parser_t &parser)
{
    const yaml_mark_t &mark = parser.problem_mark;
    QString message = QString::fromUtf8(parser.problem ? parser.problem : "invalid YAML");
    if (parser.context)
        message = QString::fromUtf8(parser.context) + QStringLiteral(", ") + message;
    return Error {QStringLiteral("yaml-syntax"),
                  QStringLiteral("line %1, column %2: %3. Fix the YAML and try again.")
                      .arg(mark.line + 1)
                      .arg(mark.column + 1)
                      .arg(message)};
}

Error lineError(const char *code, const yaml_event_t &event, const QString &what)
{
    return Error {QString::fromLatin1(code),
                  QStringLiteral("line %1: %2").arg(event.start_mark.line + 1).arg(what)};
}

class Converter
{
public:
    Converter(QByteArrayView yaml, const SpecLimits &limits)
        : m_limits(limits)
        , m_inputSize(yaml.size())
    {
        m_out.reserve(size_t(yaml.size()));
    }

    // Returns an error, or nothing when the event was taken.
    std::optional<Error> take(const yaml_event_t &event)
    {
        switch (event.type) {
        case YAML_SCALAR_EVENT: {
            if (++m_nodes > m_limits.maxNodes)
                return tooLarge(event);
            const std::string_view value(reinterpret_cast<const char *>(event.data.scalar.value),
                                         event.data.scalar.length);
            const bool key = beforeNode();
            const qint64 start = qint64(m_out.size());
            const char *tag = reinterpret_cast<const char *>(event.data.scalar.tag);
            const bool forcedString = tag && std::strcmp(tag, YAML_STR_TAG) == 0;
            if (key || forcedString || event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
                appendEscaped(m_out, value);
            else
                appendPlainScalar(m_out, value);
            if (key)
                m_out += ':';
            else
                afterValue();
            if (event.data.scalar.anchor)
                remember(event.data.scalar.anchor, start, key);
            return std::nullopt;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            if (++m_nodes > m_limits.maxNodes)
                return tooLarge(event);
            if (beforeNode())
                return lineError("yaml-unsupported", event,
                                 QStringLiteral("a sequence or mapping used as a mapping key is "
                                                "not supported in an API description."));
            if (int(m_stack.size()) >= m_limits.maxDepth)
                return lineError("yaml-too-deep", event,
                                 QStringLiteral("nesting deeper than %1 levels; the file is not "
                                                "a usable API description.")
                                     .arg(m_limits.maxDepth));
            Frame frame;
            frame.isMap = event.type == YAML_MAPPING_START_EVENT;
            frame.start = qint64(m_out.size());
            const yaml_char_t *anchor
                = frame.isMap ? event.data.mapping_start.anchor : event.data.sequence_start.anchor;
            if (anchor)
                frame.anchor = reinterpret_cast<const char *>(anchor);
            m_out += frame.isMap ? '{' : '[';
            m_stack.push_back(std::move(frame));
            return std::nullopt;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            Frame frame = std::move(m_stack.back());
            m_stack.pop_back();
            m_out += frame.isMap ? '}' : ']';
            if (!frame.anchor.empty())
                m_anchors.insert(QByteArray::fromStdString(frame.anchor),
                                 {frame.start, qint64(m_out.size()) - frame.start});
            afterValue();
            return std::nullopt;
        }
        case YAML_ALIAS_EVENT: {
            if (++m_nodes > m_limits.maxNodes)
                return tooLarge(event);
            const QByteArray name(reinterpret_cast<const char *>(event.data.alias.anchor));
            const auto it = m_anchors.constFind(name);
            if (it == m_anchors.constEnd())
                return lineError("yaml-syntax", event,
                                 QStringLiteral("alias *%1 has no anchor before it.")
                                     .arg(QString::fromUtf8(name)));
            const bool key = beforeNode();
            if (qint64(m_out.size()) + it->length > m_limits.maxExpandedBytes)
                return tooLarge(event);
            if (key) {
                // A key must be a string: a scalar anchor's text is one already.
                const std::string_view text(m_out.data() + it->start, size_t(it->length));
                if (text.empty() || text.front() != '"')
                    appendEscaped(m_out, text);
                else
                    m_out.append(text);
                m_out += ':';
            } else {
                m_out.append(m_out.data() + it->start, size_t(it->length));
                afterValue();
            }
            return std::nullopt;
        }
        default:
            return std::nullopt;
        }
    }

    std::string takeText() { return std::move(m_out); }

private:
    struct Range
    {
        qint64 start = 0;
        qint64 length = 0;
    };

    // Writes the separator before a node; true when the node is a mapping key.
    bool beforeNode()
    {
        if (m_stack.empty())
            return false;
        Frame &frame = m_stack.back();
        if (frame.isMap) {
            if (frame.expectKey) {
                if (frame.count > 0)
                    m_out += ',';
                frame.expectKey = false;
                return true;
            }
            return false;
        }
        if (frame.count > 0)
            m_out += ',';
        return false;
    }

    void afterValue()
    {
        if (m_stack.empty())
            return;
        Frame &frame = m_stack.back();
        ++frame.count;
        if (frame.isMap)
            frame.expectKey = true;
    }

    void remember(const yaml_char_t *anchor, qint64 start, bool key)
    {
        qint64 end = qint64(m_out.size());
        if (key)
            --end; // without the ':'
        m_anchors.insert(QByteArray(reinterpret_cast<const char *>(anchor)), {start, end - start});
    }

    Error tooLarge(const yaml_event_t &event) const
    {
        return lineError("yaml-too-large", event,
                         QStringLiteral("the document expands to more than %1 MiB or %2 nodes "
                                        "(aliases included); refusing to read further.")
                             .arg(m_limits.maxExpandedBytes / (1024 * 1024))
                             .arg(m_limits.maxNodes));
    }

    const SpecLimits &m_limits;
    qint64 m_inputSize = 0;
    qint64 m_nodes = 0;
    std::string m_out;
    std::vector<Frame> m_stack;
    QHash<QByteArray, Range> m_anchors;
};

} // namespace

Result<std::string> yamlToJson(QByteArrayView yaml, const SpecLimits &limits)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return Error {QStringLiteral("yaml-syntax"), QStringLiteral("Out of memory.")};
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(yaml.data()),
                                 size_t(yaml.size()));
    Converter converter(yaml, limits);
    bool inDocument = false;
    bool sawDocument = false;
    std::optional<Error> failure;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            failure = syntaxError(parser);
            break;
        }
        const yaml_event_type_t type = event.type;
        if (type == YAML_DOCUMENT_START_EVENT) {
            if (sawDocument) {
                yaml_event_delete(&event);
                break; // only the first document of a stream
            }
            inDocument = sawDocument = true;
        } else if (type == YAML_DOCUMENT_END_EVENT) {
            inDocument = false;
        } else if (inDocument) {
            failure = converter.take(event);
        }
        yaml_event_delete(&event);
        if (failure || type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&parser);
    if (failure)
        return *failure;
    std::string text = converter.takeText();
    if (text.empty())
        text = "null";
    return text;
}

} // namespace Patchbay::Core
