#include "core/json/jsonparser.h"

#include <QHash>

#include <string_view>
#include <unordered_map>

namespace Patchbay::Core {

namespace {

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Length of the valid UTF-8 sequence starting at `p` (lead byte >= 0x80), or 0 when invalid.
inline int utf8SequenceLength(const uchar *p, const uchar *end)
{
    const uchar c = p[0];
    auto cont = [&](int i, uchar lo = 0x80, uchar hi = 0xBF) {
        return p + i < end && p[i] >= lo && p[i] <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED) // excludes UTF-8 encoded surrogates
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

QString hex4(uint code)
{
    return QStringLiteral("%1").arg(code, 4, 16, QLatin1Char('0')).toUpper();
}

// A readable name for the character at `p` ("'x'", "U+0000", "end of input").
QString describeAt(const char *p, const char *end)
{
    if (p >= end)
        return QStringLiteral("end of input");
    const uchar c = uchar(*p);
    if (c >= 0x21 && c < 0x7F)
        return u'\'' + QChar::fromLatin1(char(c)) + u'\'';
    if (c < 0x80)
        return QStringLiteral("U+") + hex4(c);
    const int len = utf8SequenceLength(reinterpret_cast<const uchar *>(p),
                                       reinterpret_cast<const uchar *>(end));
    if (len == 0)
        return QStringLiteral("invalid UTF-8 byte 0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    const QString s = QString::fromUtf8(p, len);
    const uint cp = s.size() == 2 ? QChar::surrogateToUcs4(s.at(0), s.at(1)) : s.at(0).unicode();
    return QStringLiteral("U+") + hex4(cp) + QStringLiteral(" '") + s + u'\'';
}

// UTF-8 to UTF-16 for string contents. QString::fromUtf8 drops a byte order mark at the start
// of its input, but inside a JSON string U+FEFF is content (at the start of a string or right
// after an escape), so leading ones are decoded here.
QString decodeUtf8(const char *p, qsizetype size)
{
    QString out;
    while (size >= 3 && uchar(p[0]) == 0xEF && uchar(p[1]) == 0xBB && uchar(p[2]) == 0xBF) {
        out.append(QChar(0xFEFF));
        p += 3;
        size -= 3;
    }
    if (out.isEmpty())
        return QString::fromUtf8(p, size);
    out.append(QString::fromUtf8(p, size));
    return out;
}

template<bool Build> class Parser
{
public:
    Parser(QByteArrayView input)
        : m_begin(input.data())
        , m_p(input.data())
        , m_end(input.data() + input.size())
    { }

    bool parseDocument(JsonValue *out)
    {
        if (m_end - m_p >= 3 && uchar(m_p[0]) == 0xEF && uchar(m_p[1]) == 0xBB
            && uchar(m_p[2]) == 0xBF)
            m_p += 3;
        skipWhitespace();
        if (m_p == m_end)
            return fail(m_p, QStringLiteral("expected a JSON value, found end of input"));
        if (!parseValue(out))
            return false;
        skipWhitespace();
        if (m_p != m_end)
            return fail(
                m_p,
                QStringLiteral("unexpected %1 after the JSON value").arg(describeAt(m_p, m_end)));
        return true;
    }

    const char *errorAt() const { return m_errorAt; }
    const QString &errorMessage() const { return m_error; }
    const char *begin() const { return m_begin; }

private:
    bool fail(const char *at, const QString &message)
    {
        m_errorAt = at;
        m_error = message;
        return false;
    }

    void skipWhitespace()
    {
        while (m_p < m_end) {
            const char c = *m_p;
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_p;
        }
    }

    bool parseValue(JsonValue *out)
    {
        if (m_p >= m_end)
            return fail(m_p, QStringLiteral("expected a JSON value, found end of input"));
        switch (*m_p) {
        case '{':
            return parseObject(out);
        case '[':
            return parseArray(out);
        case '"': {
            QString s;
            if (!parseString(Build ? &s : nullptr))
                return false;
            if constexpr (Build)
                *out = JsonValue::fromString(std::move(s));
            return true;
        }
        case 't':
            return parseLiteral("true", out, JsonValue::fromBool(true));
        case 'f':
            return parseLiteral("false", out, JsonValue::fromBool(false));
        case 'n':
            return parseLiteral("null", out, JsonValue());
        case '-':
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9':
            return parseNumber(out);
        case ',':
            return fail(m_p, QStringLiteral("expected a JSON value, found ','"));
        case '\'':
            return fail(m_p, QStringLiteral("strings must use double quotes, found '''"));
        default:
            return fail(
                m_p, QStringLiteral("expected a JSON value, found %1").arg(describeAt(m_p, m_end)));
        }
    }

    bool parseLiteral(const char *word, JsonValue *out, JsonValue value)
    {
        const char *start = m_p;
        for (const char *w = word; *w; ++w, ++m_p) {
            if (m_p >= m_end || *m_p != *w)
                return fail(
                    start,
                    QStringLiteral("invalid literal; expected '%1'").arg(QLatin1String(word)));
        }
        if constexpr (Build)
            *out = std::move(value);
        return true;
    }

    bool parseNumber(JsonValue *out)
    {
        const char *start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail(m_p, QStringLiteral("invalid number: expected a digit after '-'"));
        if (*m_p == '0') {
            ++m_p;
            if (m_p < m_end && isDigit(*m_p))
                return fail(start, QStringLiteral("invalid number: leading zeros are not allowed"));
        } else {
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (m_p >= m_end || !isDigit(*m_p))
                return fail(m_p,
                            QStringLiteral("invalid number: expected a digit after the decimal "
                                           "point"));
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p >= m_end || !isDigit(*m_p))
                return fail(m_p,
                            QStringLiteral("invalid number: expected a digit in the exponent"));
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if constexpr (Build)
            *out = JsonValue::fromNumberLiteral(QByteArray(start, m_p - start));
        return true;
    }

    // Keys repeat (arrays of similar objects): short keys without escapes are decoded once and
    // then shared, which saves an allocation per member and memory.
    bool parseKey(QString *out)
    {
        if constexpr (Build) {
            const char *start = m_p + 1;
            const char *p = start;
            const char *limit = std::min(m_end, start + 64);
            while (p < limit && *p != '"' && *p != '\\' && uchar(*p) >= 0x20)
                ++p;
            if (p < limit && *p == '"') {
                const std::string_view raw(start, size_t(p - start));
                const auto it = m_keys.find(raw);
                if (it != m_keys.end()) {
                    *out = it->second;
                    m_p = p + 1;
                    return true;
                }
                if (!parseString(out))
                    return false;
                if (m_keys.size() < 4096)
                    m_keys.emplace(raw, *out);
                return true;
            }
        }
        return parseString(out);
    }

    // m_p is at the opening quote. `out` is null when only validating.
    bool parseString(QString *out)
    {
        const char *open = m_p;
        ++m_p;
        const char *spanStart = m_p;
        bool escaped = false;
        while (true) {
            if (m_p >= m_end)
                return fail(open, QStringLiteral("unterminated string"));
            const uchar c = uchar(*m_p);
            if (c == '"') {
                if constexpr (Build) {
                    if (!escaped)
                        *out = decodeUtf8(spanStart, m_p - spanStart);
                    else
                        out->append(decodeUtf8(spanStart, m_p - spanStart));
                }
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return fail(m_p,
                            QStringLiteral("control character U+") + hex4(c)
                                + QStringLiteral(" must be escaped in a string"));
            if (c < 0x80 && c != '\\') {
                ++m_p;
                continue;
            }
            if (c >= 0x80) {
                const int len = utf8SequenceLength(reinterpret_cast<const uchar *>(m_p),
                                                   reinterpret_cast<const uchar *>(m_end));
                if (len == 0)
                    return fail(m_p, QStringLiteral("invalid UTF-8 in string"));
                m_p += len;
                continue;
            }
            // A backslash escape.
            if constexpr (Build) {
                if (!escaped)
                    out->clear();
                out->append(decodeUtf8(spanStart, m_p - spanStart));
            }
            escaped = true;
            const char *escape = m_p;
            ++m_p;
            if (m_p >= m_end)
                return fail(open, QStringLiteral("unterminated string"));
            char16_t decoded = 0;
            switch (*m_p) {
            case '"':
                decoded = u'"';
                break;
            case '\\':
                decoded = u'\\';
                break;
            case '/':
                decoded = u'/';
                break;
            case 'b':
                decoded = u'\b';
                break;
            case 'f':
                decoded = u'\f';
                break;
            case 'n':
                decoded = u'\n';
                break;
            case 'r':
                decoded = u'\r';
                break;
            case 't':
                decoded = u'\t';
                break;
            case 'u': {
                uint code = 0;
                for (int i = 1; i <= 4; ++i) {
                    const int h = m_p + i < m_end ? hexValue(m_p[i]) : -1;
                    if (h < 0)
                        return fail(escape,
                                    QStringLiteral("invalid \\u escape: expected four hex digits"));
                    code = code * 16 + uint(h);
                }
                m_p += 4;
                // Surrogate pairs arrive as two escapes and simply join in the UTF-16 string.
                decoded = char16_t(code);
                break;
            }
            default:
                return fail(escape,
                            QStringLiteral("invalid escape '\\%1' in string")
                                .arg(uchar(*m_p) >= 0x21 && uchar(*m_p) < 0x7F
                                         ? QString(QChar::fromLatin1(*m_p))
                                         : describeAt(m_p, m_end)));
            }
            if constexpr (Build)
                out->append(QChar(decoded));
            ++m_p;
            spanStart = m_p;
        }
    }

    bool enter(const char *at)
    {
        if (++m_depth > MaxJsonDepth)
            return fail(at, QStringLiteral("nesting is deeper than %1 levels").arg(MaxJsonDepth));
        return true;
    }

    bool parseArray(JsonValue *out)
    {
        if (!enter(m_p))
            return false;
        ++m_p;
        JsonValue::Array items;
        skipWhitespace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            --m_depth;
            if constexpr (Build)
                *out = JsonValue::fromArray();
            return true;
        }
        while (true) {
            JsonValue item;
            if (!parseValue(Build ? &item : nullptr))
                return false;
            if constexpr (Build)
                items.append(std::move(item));
            skipWhitespace();
            if (m_p >= m_end)
                return fail(m_p,
                            QStringLiteral("unexpected end of input in an array: expected ',' "
                                           "or ']'"));
            if (*m_p == ']') {
                ++m_p;
                break;
            }
            if (*m_p != ',')
                return fail(m_p,
                            QStringLiteral("expected ',' or ']' after an array item, found %1")
                                .arg(describeAt(m_p, m_end)));
            const char *comma = m_p;
            ++m_p;
            skipWhitespace();
            if (m_p < m_end && *m_p == ']')
                return fail(comma, QStringLiteral("trailing comma before ']'"));
        }
        --m_depth;
        if constexpr (Build)
            *out = JsonValue::fromArray(std::move(items));
        return true;
    }

    bool parseObject(JsonValue *out)
    {
        if (!enter(m_p))
            return false;
        ++m_p;
        JsonValue object = JsonValue::emptyObject();
        JsonValue::Members *members = Build ? &object.mutableMembers() : nullptr;
        QHash<QString, qsizetype> index; // only for large objects, to find duplicates fast
        skipWhitespace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            --m_depth;
            if constexpr (Build)
                *out = std::move(object);
            return true;
        }
        while (true) {
            if (m_p >= m_end)
                return fail(m_p,
                            QStringLiteral("unexpected end of input in an object: expected a "
                                           "key"));
            if (*m_p != '"') {
                if (*m_p == '}')
                    return fail(m_p, QStringLiteral("expected a key in double quotes, found '}'"));
                return fail(m_p,
                            QStringLiteral("object keys must be strings in double quotes, found %1")
                                .arg(describeAt(m_p, m_end)));
            }
            QString key;
            if (!parseKey(Build ? &key : nullptr))
                return false;
            skipWhitespace();
            if (m_p >= m_end || *m_p != ':')
                return fail(m_p,
                            QStringLiteral("expected ':' after an object key, found %1")
                                .arg(describeAt(m_p, m_end)));
            ++m_p;
            skipWhitespace();
            JsonValue value;
            if (!parseValue(Build ? &value : nullptr))
                return false;
            if constexpr (Build)
                addMember(*members, index, std::move(key), std::move(value));
            skipWhitespace();
            if (m_p >= m_end)
                return fail(m_p,
                            QStringLiteral("unexpected end of input in an object: expected ',' "
                                           "or '}'"));
            if (*m_p == '}') {
                ++m_p;
                break;
            }
            if (*m_p != ',')
                return fail(m_p,
                            QStringLiteral("expected ',' or '}' after an object member, found %1")
                                .arg(describeAt(m_p, m_end)));
            const char *comma = m_p;
            ++m_p;
            skipWhitespace();
            if (m_p < m_end && *m_p == '}')
                return fail(comma, QStringLiteral("trailing comma before '}'"));
        }
        --m_depth;
        if constexpr (Build)
            *out = std::move(object);
        return true;
    }

    static void addMember(JsonValue::Members &members, QHash<QString, qsizetype> &index,
                          QString key, JsonValue value)
    {
        constexpr qsizetype linearLimit = 16;
        if (members.size() < linearLimit) {
            for (JsonMember &m : members) {
                if (m.key == key) {
                    m.value = std::move(value); // duplicate: last value, first position
                    return;
                }
            }
            members.append(JsonMember {std::move(key), std::move(value)});
            return;
        }
        if (index.isEmpty()) {
            for (qsizetype i = 0; i < members.size(); ++i)
                index.insert(members.at(i).key, i);
        }
        const auto it = index.constFind(key);
        if (it != index.constEnd()) {
            members[it.value()].value = std::move(value);
            return;
        }
        index.insert(key, members.size());
        members.append(JsonMember {std::move(key), std::move(value)});
    }

    std::unordered_map<std::string_view, QString> m_keys; // raw key bytes -> decoded key
    const char *m_begin;
    const char *m_p;
    const char *m_end;
    int m_depth = 0;
    const char *m_errorAt = nullptr;
    QString m_error;
};

JsonSyntaxError makeError(const char *begin, const char *at, const QString &message)
{
    JsonSyntaxError error;
    error.offset = at - begin;
    error.message = message;
    int line = 1;
    int column = 1;
    for (const char *p = begin; p < at; ++p) {
        const uchar c = uchar(*p);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    error.line = line;
    error.column = column;
    return error;
}

} // namespace

QString JsonSyntaxError::toString() const
{
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

Result<JsonValue> parseJson(QByteArrayView utf8)
{
    Parser<true> parser(utf8);
    JsonValue value;
    if (!parser.parseDocument(&value)) {
        const JsonSyntaxError e
            = makeError(parser.begin(), parser.errorAt(), parser.errorMessage());
        return Error {QStringLiteral("json-syntax"), e.toString()};
    }
    return value;
}

std::optional<JsonSyntaxError> findJsonSyntaxError(QByteArrayView utf8)
{
    Parser<false> parser(utf8);
    if (parser.parseDocument(nullptr))
        return std::nullopt;
    return makeError(parser.begin(), parser.errorAt(), parser.errorMessage());
}

} // namespace Patchbay::Core
