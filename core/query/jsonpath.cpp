#include "core/query/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <optional>

namespace Patchbay::Core {

namespace {

// Helpers the translated program calls. $st, $s and $e are null when the slice omits them.
constexpr char kHelpers[]
    = "def _jp_slice($s; $e; $st): "
      "arrays | length as $n | . as $a | ($st // 1) as $step "
      "| if $step == 0 then empty "
      "elif $step > 0 then "
      "([([(if $s == null then 0 elif $s >= 0 then $s else $n + $s end), 0] | max), $n] | min) "
      "as $lo "
      "| ([([(if $e == null then $n elif $e >= 0 then $e else $n + $e end), 0] | max), $n] "
      "| min) as $hi "
      "| range($lo; $hi; $step) | $a[.] "
      "else "
      "([([(if $s == null then $n - 1 elif $s >= 0 then $s else $n + $s end), -1] | max), "
      "$n - 1] | min) as $hi "
      "| ([([(if $e == null then -1 elif $e >= 0 then $e else $n + $e end), -1] | max), "
      "$n - 1] | min) as $lo "
      "| range($hi; $lo; $step) | $a[.] end; "
      "def _jp_eq($a; $b): if ($a | length) == 0 or ($b | length) == 0 "
      "then ($a | length) == ($b | length) else $a[0] == $b[0] end; "
      "def _jp_lt($a; $b): ($a | length) == 1 and ($b | length) == 1 "
      "and ((($a[0] | type) == \"number\" and ($b[0] | type) == \"number\") "
      "or (($a[0] | type) == \"string\" and ($b[0] | type) == \"string\")) "
      "and $a[0] < $b[0]; ";

// A jq string literal is a JSON one: Qt's writer escapes it.
QString jqString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

const QString kInteger = QStringLiteral(
    "an integer without leading zeros, between -9007199254740991 and 9007199254740991");

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    { }

    Result<QString> parse()
    {
        if (!eat(u'$'))
            return fail(QStringLiteral("a JSONPath starts with $"));
        QString query;
        if (!segments(&query, /*singularOnly=*/false))
            return m_error;
        if (!atEnd())
            return fail(QStringLiteral("a '.', '..' or '[' here"));
        return QString(QString::fromLatin1(kHelpers) + QStringLiteral(". as $__root | ")
                       + (query.isEmpty() ? QStringLiteral(".") : query));
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : QChar();
    }
    bool eat(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool eat(QLatin1String word)
    {
        if (!QStringView(m_text).mid(m_pos).startsWith(word))
            return false;
        m_pos += word.size();
        return true;
    }
    void skipSpace()
    {
        while (!atEnd()
               && (peek() == u' ' || peek() == u'\t' || peek() == u'\n' || peek() == u'\r'))
            ++m_pos;
    }

    Error fail(const QString &expected)
    {
        const QString found = atEnd() ? QStringLiteral("the end")
                                      : QStringLiteral("'%1'").arg(m_text.mid(m_pos, 1));
        m_error = Error {QStringLiteral("jsonpath-syntax"),
                         QStringLiteral("JSONPath: expected %1 at column %2, found %3.")
                             .arg(expected)
                             .arg(m_pos + 1)
                             .arg(found)};
        return m_error;
    }
    bool failed(const QString &expected)
    {
        fail(expected);
        return false;
    }
    bool unsupported(const QString &what)
    {
        m_error = Error {QStringLiteral("jsonpath-syntax"),
                         QStringLiteral("JSONPath: %1 at column %2 is not supported here; use a "
                                        "jq expression for it.")
                             .arg(what)
                             .arg(m_pos + 1)};
        return false;
    }

    static bool isNameStart(QChar c) { return c.isLetter() || c == u'_' || c.unicode() >= 0x80; }
    static bool isNameChar(QChar c) { return isNameStart(c) || c.isDigit() || c == u'-'; }

    static QString child(const QString &name)
    {
        const QString key = jqString(name);
        return QStringLiteral("(objects | select(has(%1)) | .[%1])").arg(key);
    }
    static QString index(qint64 i)
    {
        if (i >= 0)
            return QStringLiteral("(arrays | select(length > %1) | .[%1])").arg(i);
        return QStringLiteral("(arrays | select(length >= %1) | .[length - %1])").arg(-i);
    }

    // Segments after the root or @, appended to `out` as a jq pipeline. With `singularOnly`
    // only names and indices are allowed (a path that names one value, for comparisons).
    bool segments(QString *out, bool singularOnly)
    {
        for (;;) {
            // Blanks may separate segments, but not end the query.
            const qsizetype beforeSpace = m_pos;
            skipSpace();
            if (peek() != u'.' && peek() != u'[') {
                m_pos = beforeSpace;
                return true;
            }
            QString step;
            if (peek() == u'.' && peek(1) == u'.') {
                if (singularOnly)
                    return failed(QStringLiteral("a name or index (no '..' in a comparison)"));
                m_pos += 2;
                QString selector;
                if (peek() == u'[') {
                    if (!bracket(&selector, false))
                        return false;
                } else if (eat(u'*')) {
                    selector = QStringLiteral(".[]?");
                } else if (isNameStart(peek())) {
                    selector = child(name());
                } else {
                    return failed(QStringLiteral("a name, * or [ after '..'"));
                }
                step = QStringLiteral("(.. | %1)").arg(selector);
            } else if (eat(u'.')) {
                if (eat(u'*')) {
                    if (singularOnly)
                        return failed(QStringLiteral("a name or index (no * in a comparison)"));
                    step = QStringLiteral(".[]?");
                } else if (isNameStart(peek())) {
                    step = child(name());
                } else {
                    return failed(QStringLiteral("a member name or * after '.'"));
                }
            } else if (peek() == u'[') {
                if (!bracket(&step, singularOnly))
                    return false;
            } else {
                return true;
            }
            if (!out->isEmpty())
                *out += QStringLiteral(" | ");
            *out += step;
        }
    }

    QString name()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isNameChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    bool bracket(QString *out, bool singularOnly)
    {
        eat(u'[');
        QStringList selectors;
        for (;;) {
            skipSpace();
            QString selector;
            if (!oneSelector(&selector, singularOnly))
                return false;
            selectors << selector;
            skipSpace();
            if (eat(u']'))
                break;
            if (!eat(u','))
                return failed(QStringLiteral("',' or ']'"));
            if (singularOnly)
                return failed(QStringLiteral("one name or index (no unions in a comparison)"));
        }
        *out = selectors.size() == 1
            ? selectors.constFirst()
            : QStringLiteral("(%1)").arg(selectors.join(QStringLiteral(", ")));
        return true;
    }

    bool oneSelector(QString *out, bool singularOnly)
    {
        const QChar c = peek();
        if (c == u'\'' || c == u'"') {
            QString text;
            if (!stringLiteral(&text))
                return false;
            *out = child(text);
            return true;
        }
        if (c == u'*') {
            if (singularOnly)
                return failed(QStringLiteral("a name or index (no * in a comparison)"));
            ++m_pos;
            *out = QStringLiteral(".[]?");
            return true;
        }
        if (c == u'?') {
            if (singularOnly)
                return failed(QStringLiteral("a name or index (no filter in a comparison)"));
            ++m_pos;
            skipSpace();
            QString condition;
            if (!orExpression(&condition))
                return false;
            *out = QStringLiteral("(.[]? | select(%1))").arg(condition);
            return true;
        }
        if (c == u'(')
            return unsupported(QStringLiteral("a script expression"));
        if (c == u'-' || c.isDigit() || c == u':') {
            std::optional<qint64> start;
            if (c != u':') {
                start = integer();
                if (!start)
                    return failed(kInteger);
            }
            skipSpace();
            if (peek() != u':') {
                *out = index(*start);
                return true;
            }
            if (singularOnly)
                return failed(QStringLiteral("a name or index (no slice in a comparison)"));
            std::optional<qint64> end;
            std::optional<qint64> step;
            eat(u':');
            skipSpace();
            if (peek() == u'-' || peek().isDigit()) {
                end = integer();
                if (!end)
                    return failed(kInteger);
            }
            skipSpace();
            if (eat(u':')) {
                skipSpace();
                if (peek() == u'-' || peek().isDigit()) {
                    step = integer();
                    if (!step)
                        return failed(kInteger);
                }
            }
            const auto arg = [](const std::optional<qint64> &v) {
                return v ? QString::number(*v) : QStringLiteral("null");
            };
            *out = QStringLiteral("_jp_slice(%1; %2; %3)").arg(arg(start), arg(end), arg(step));
            return true;
        }
        return failed(QStringLiteral("a name in quotes, *, an index, a slice or a ?filter"));
    }

    // An index or slice bound as RFC 9535 writes them: no leading zeros, no -0, and within
    // what a double holds exactly (+-(2^53 - 1)).
    std::optional<qint64> integer()
    {
        const qsizetype start = m_pos;
        eat(u'-');
        const qsizetype digits = m_pos;
        while (peek().isDigit())
            ++m_pos;
        const QStringView text = QStringView(m_text).mid(start, m_pos - start);
        const QStringView body = QStringView(m_text).mid(digits, m_pos - digits);
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        constexpr qint64 maxExact = (qint64(1) << 53) - 1;
        if (!ok || body.isEmpty() || (body.size() > 1 && body.front() == u'0')
            || (digits > start && body == u"0") || value > maxExact || value < -maxExact) {
            m_pos = start;
            return std::nullopt;
        }
        return value;
    }

    bool stringLiteral(QString *text)
    {
        const QChar quote = peek();
        ++m_pos;
        while (!atEnd() && peek() != quote) {
            const QChar c = peek();
            if (c.unicode() < 0x20)
                return failed(QStringLiteral("an escape such as \\n for a control character"));
            ++m_pos;
            if (c != u'\\') {
                *text += c;
                continue;
            }
            const QChar e = peek();
            ++m_pos;
            switch (e.unicode()) {
            case 'b':
                *text += u'\b';
                break;
            case 'f':
                *text += u'\f';
                break;
            case 'n':
                *text += u'\n';
                break;
            case 'r':
                *text += u'\r';
                break;
            case 't':
                *text += u'\t';
                break;
            case '/':
            case '\\':
                *text += e;
                break;
            case 'u': {
                const std::optional<char16_t> unit = hex4();
                if (!unit)
                    return false;
                if (QChar::isLowSurrogate(*unit))
                    return failed(QStringLiteral("a high surrogate before a low one"));
                *text += QChar(*unit);
                if (QChar::isHighSurrogate(*unit)) {
                    if (!eat(QLatin1String("\\u")))
                        return failed(QStringLiteral("\\u and a low surrogate"));
                    const std::optional<char16_t> low = hex4();
                    if (!low)
                        return false;
                    if (!QChar::isLowSurrogate(*low))
                        return failed(QStringLiteral("a low surrogate"));
                    *text += QChar(*low);
                }
                break;
            }
            default:
                // Only the string's own quote is escaped: \' in '…', \" in "…".
                if (e == quote) {
                    *text += e;
                    break;
                }
                --m_pos;
                return failed(
                    QStringLiteral("an escape (\\n, \\t, \\\\, \\/, \\uXXXX or the quote)"));
            }
        }
        if (!eat(quote))
            return failed(QStringLiteral("the closing quote"));
        return true;
    }

    std::optional<char16_t> hex4()
    {
        const QStringView digits = QStringView(m_text).mid(m_pos, 4);
        bool ok = digits.size() == 4;
        for (const QChar d : digits)
            ok = ok && (d.isDigit() || (d.toLower() >= u'a' && d.toLower() <= u'f'));
        if (!ok) {
            failed(QStringLiteral("four hexadecimal digits after \\u"));
            return std::nullopt;
        }
        m_pos += 4;
        return char16_t(digits.toUShort(nullptr, 16));
    }

    // RFC 9535 numbers: JSON's, plus -0.
    bool number()
    {
        eat(u'-');
        if (eat(u'0')) {
            if (peek().isDigit())
                return false;
        } else {
            if (!peek().isDigit())
                return false;
            while (peek().isDigit())
                ++m_pos;
        }
        if (eat(u'.')) {
            if (!peek().isDigit())
                return false;
            while (peek().isDigit())
                ++m_pos;
        }
        if (peek() == u'e' || peek() == u'E') {
            ++m_pos;
            if (!eat(u'+'))
                eat(u'-');
            if (!peek().isDigit())
                return false;
            while (peek().isDigit())
                ++m_pos;
        }
        return true;
    }

    bool orExpression(QString *out)
    {
        if (!andExpression(out))
            return false;
        for (;;) {
            skipSpace();
            if (!eat(QLatin1String("||")))
                return true;
            QString right;
            if (!andExpression(&right))
                return false;
            *out = QStringLiteral("(%1 or %2)").arg(*out, right);
        }
    }

    bool andExpression(QString *out)
    {
        if (!unary(out))
            return false;
        for (;;) {
            skipSpace();
            if (!eat(QLatin1String("&&")))
                return true;
            QString right;
            if (!unary(&right))
                return false;
            *out = QStringLiteral("(%1 and %2)").arg(*out, right);
        }
    }

    bool unary(QString *out)
    {
        skipSpace();
        if (peek() == u'!' && peek(1) != u'=') {
            ++m_pos;
            QString inner;
            if (!unary(&inner))
                return false;
            *out = QStringLiteral("(%1 | not)").arg(inner);
            return true;
        }
        if (eat(u'(')) {
            QString inner;
            if (!orExpression(&inner))
                return false;
            skipSpace();
            if (!eat(u')'))
                return failed(QStringLiteral("')'"));
            *out = inner;
            return true;
        }
        return comparisonOrTest(out);
    }

    // A path alone is an existence test; followed by an operator, a comparison.
    bool comparisonOrTest(QString *out)
    {
        skipSpace();
        const qsizetype start = m_pos;
        QString left;
        bool leftIsPath = false;
        if (!operand(&left, &leftIsPath))
            return false;
        skipSpace();
        QString op;
        for (const char *candidate : {"==", "!=", "<=", ">=", "<", ">"}) {
            if (eat(QLatin1String(candidate))) {
                op = QLatin1String(candidate);
                break;
            }
        }
        if (op.isEmpty()) {
            if (eat(QLatin1String("=~")))
                return unsupported(QStringLiteral("a regular expression match (=~)"));
            if (!leftIsPath) {
                m_pos = start;
                return failed(QStringLiteral("a path (@… or $…) or a comparison"));
            }
            *out = QStringLiteral("(%1 | length > 0)").arg(left);
            return true;
        }
        if (leftIsPath && !m_lastPathSingular) {
            m_pos = start;
            return failed(QStringLiteral("a path that names one value in a comparison"));
        }
        skipSpace();
        QString right;
        bool rightIsPath = false;
        const qsizetype rightStart = m_pos;
        if (!operand(&right, &rightIsPath))
            return false;
        if (rightIsPath && !m_lastPathSingular) {
            m_pos = rightStart;
            return failed(QStringLiteral("a path that names one value in a comparison"));
        }
        if (op == QLatin1String("=="))
            *out = QStringLiteral("_jp_eq(%1; %2)").arg(left, right);
        else if (op == QLatin1String("!="))
            *out = QStringLiteral("(_jp_eq(%1; %2) | not)").arg(left, right);
        else if (op == QLatin1String("<"))
            *out = QStringLiteral("_jp_lt(%1; %2)").arg(left, right);
        else if (op == QLatin1String(">"))
            *out = QStringLiteral("_jp_lt(%2; %1)").arg(left, right);
        else if (op == QLatin1String("<="))
            *out = QStringLiteral("(_jp_lt(%1; %2) or _jp_eq(%1; %2))").arg(left, right);
        else
            *out = QStringLiteral("(_jp_lt(%2; %1) or _jp_eq(%1; %2))").arg(left, right);
        return true;
    }

    // An operand as a jq array of its value (empty when a path finds nothing).
    bool operand(QString *out, bool *isPath)
    {
        skipSpace();
        const QChar c = peek();
        *isPath = false;
        if (c == u'@' || c == u'$') {
            ++m_pos;
            const qsizetype start = m_pos;
            QString path;
            // Parse as a general path first; remember whether it was singular.
            if (!segments(&path, false))
                return false;
            const qsizetype end = m_pos;
            m_pos = start;
            QString singular;
            const Error saved = m_error;
            m_lastPathSingular = segments(&singular, true) && m_pos == end;
            m_error = saved;
            m_pos = end;
            const QString base = c == u'@' ? QStringLiteral(".") : QStringLiteral("$__root");
            *out = QStringLiteral("[%1%2]").arg(
                base, path.isEmpty() ? QString() : QStringLiteral(" | ") + path);
            *isPath = true;
            return true;
        }
        if (c == u'\'' || c == u'"') {
            QString text;
            if (!stringLiteral(&text))
                return false;
            *out = QStringLiteral("[%1]").arg(jqString(text));
            return true;
        }
        if (c == u'-' || c.isDigit()) {
            const qsizetype start = m_pos;
            if (!number()) {
                m_pos = start;
                return failed(QStringLiteral("a number such as 1, -0.5 or 2e3"));
            }
            *out = QStringLiteral("[%1]").arg(m_text.mid(start, m_pos - start));
            return true;
        }
        for (const char *word : {"true", "false", "null"}) {
            if (eat(QLatin1String(word))) {
                *out = QStringLiteral("[%1]").arg(QLatin1String(word));
                return true;
            }
        }
        if (isNameStart(c)) {
            const qsizetype start = m_pos;
            const QString word = name();
            if (peek() == u'(') {
                m_pos = start;
                return unsupported(QStringLiteral("the function %1()").arg(word));
            }
            m_pos = start;
        }
        return failed(QStringLiteral("a path (@… or $…), a number, a string, true, false or null"));
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    bool m_lastPathSingular = false;
    Error m_error;
};

} // namespace

Result<QString> jsonPathToJq(const QString &path)
{
    return Parser(path).parse();
}

} // namespace Patchbay::Core
