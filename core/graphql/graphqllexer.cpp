#include "core/graphql/graphqllexer.h"

namespace Patchbay::Core::GraphQl {

bool isNameStart(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_';
}

bool isNameContinue(QChar c)
{
    return isNameStart(c) || (c.unicode() >= u'0' && c.unicode() <= u'9');
}

namespace {

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isWhiteSpace(QChar c)
{
    return c == u' ' || c == u'\t';
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

} // namespace

void Lexer::advance(qsizetype n)
{
    for (qsizetype i = 0; i < n && m_pos < m_source.size(); ++i) {
        const QChar c = m_source.at(m_pos++);
        if (c == u'\n'
            || (c == u'\r' && (m_pos >= m_source.size() || m_source.at(m_pos) != u'\n'))) {
            ++m_line;
            m_lineStart = m_pos;
        }
    }
}

void Lexer::skipIgnored()
{
    while (m_pos < m_source.size()) {
        const QChar c = m_source.at(m_pos);
        if (c == u' ' || c == u'\t' || c == u',' || c == u'\n' || c == u'\r'
            || c == QChar(0xfeff)) {
            advance();
        } else if (c == u'#') {
            while (m_pos < m_source.size() && m_source.at(m_pos) != u'\n'
                   && m_source.at(m_pos) != u'\r')
                ++m_pos;
        } else {
            return;
        }
    }
}

Token Lexer::invalid(SourcePosition start, const QString &why)
{
    if (m_pos == start.offset)
        advance();
    return Token {TokenKind::Invalid, start, m_pos, why};
}

Token Lexer::next()
{
    skipIgnored();
    const SourcePosition start = position();
    if (m_pos >= m_source.size())
        return Token {TokenKind::End, start, m_pos, {}};
    const QChar c = m_source.at(m_pos);
    switch (c.unicode()) {
    case u'!':
    case u'$':
    case u'&':
    case u'(':
    case u')':
    case u':':
    case u'=':
    case u'@':
    case u'[':
    case u']':
    case u'{':
    case u'|':
    case u'}':
        advance();
        return Token {TokenKind::Punctuator, start, m_pos, QString(c)};
    case u'.':
        if (m_source.mid(m_pos).startsWith(u"...")) {
            advance(3);
            return Token {TokenKind::Punctuator, start, m_pos, QStringLiteral("...")};
        }
        return invalid(start, QStringLiteral("Unexpected \".\"; did you mean \"...\"?"));
    case u'"':
        if (m_source.mid(m_pos).startsWith(u"\"\"\""))
            return readBlockString(start);
        return readString(start);
    default:
        break;
    }
    if (isNameStart(c)) {
        qsizetype end = m_pos + 1;
        while (end < m_source.size() && isNameContinue(m_source.at(end)))
            ++end;
        const QString name = m_source.mid(m_pos, end - m_pos).toString();
        m_pos = end;
        return Token {TokenKind::Name, start, m_pos, name};
    }
    if (isDigit(c) || c == u'-')
        return readNumber(start);
    return invalid(start, QStringLiteral("Unexpected character \"%1\".").arg(c));
}

Token Lexer::readNumber(SourcePosition start)
{
    qsizetype i = m_pos;
    const auto digits = [&] {
        const qsizetype from = i;
        while (i < m_source.size() && isDigit(m_source.at(i)))
            ++i;
        return i > from;
    };
    const auto fail = [&](const QString &why) {
        m_pos = qMax(i, m_pos + 1);
        return Token {TokenKind::Invalid, start, m_pos, why};
    };
    if (m_source.at(i) == u'-')
        ++i;
    if (i < m_source.size() && m_source.at(i) == u'0') {
        ++i;
        if (i < m_source.size() && isDigit(m_source.at(i)))
            return fail(QStringLiteral("Invalid number: unexpected digit after 0."));
    } else if (!digits()) {
        return fail(QStringLiteral("Invalid number: expected a digit."));
    }
    bool isFloat = false;
    if (i < m_source.size() && m_source.at(i) == u'.') {
        ++i;
        isFloat = true;
        if (!digits())
            return fail(QStringLiteral("Invalid number: expected a digit after \".\"."));
    }
    if (i < m_source.size() && (m_source.at(i) == u'e' || m_source.at(i) == u'E')) {
        ++i;
        isFloat = true;
        if (i < m_source.size() && (m_source.at(i) == u'+' || m_source.at(i) == u'-'))
            ++i;
        if (!digits())
            return fail(QStringLiteral("Invalid number: expected a digit in the exponent."));
    }
    if (i < m_source.size() && (m_source.at(i) == u'.' || isNameStart(m_source.at(i))))
        return fail(QStringLiteral("Invalid number: unexpected \"%1\".").arg(m_source.at(i)));
    const QString text = m_source.mid(m_pos, i - m_pos).toString();
    m_pos = i;
    return Token {isFloat ? TokenKind::Float : TokenKind::Int, start, m_pos, text};
}

Token Lexer::readString(SourcePosition start)
{
    QString value;
    qsizetype i = m_pos + 1;
    const auto fail = [&](const QString &why) {
        m_pos = qMax(i, m_pos + 1);
        return Token {TokenKind::Invalid, start, m_pos, why};
    };
    while (i < m_source.size()) {
        const QChar c = m_source.at(i);
        if (c == u'"') {
            m_pos = i + 1;
            return Token {TokenKind::String, start, m_pos, value};
        }
        if (c == u'\n' || c == u'\r')
            return fail(QStringLiteral("Unterminated string."));
        if (c == u'\\') {
            if (i + 1 >= m_source.size())
                return fail(QStringLiteral("Unterminated string."));
            const QChar e = m_source.at(i + 1);
            i += 2;
            switch (e.unicode()) {
            case u'"':
            case u'\\':
            case u'/':
                value += e;
                break;
            case u'b':
                value += u'\b';
                break;
            case u'f':
                value += u'\f';
                break;
            case u'n':
                value += u'\n';
                break;
            case u'r':
                value += u'\r';
                break;
            case u't':
                value += u'\t';
                break;
            case u'u': {
                uint code = 0;
                if (i < m_source.size() && m_source.at(i) == u'{') {
                    // \u{1F600}: a code point of up to 6 hex digits
                    qsizetype j = i + 1;
                    int n = 0;
                    while (j < m_source.size() && hexValue(m_source.at(j)) >= 0 && n < 7) {
                        code = code * 16 + uint(hexValue(m_source.at(j)));
                        ++j;
                        ++n;
                    }
                    if (n == 0 || n > 6 || j >= m_source.size() || m_source.at(j) != u'}'
                        || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
                        return fail(QStringLiteral("Invalid Unicode escape sequence."));
                    i = j + 1;
                    const char32_t cp[1] = {char32_t(code)};
                    value += QString::fromUcs4(cp, 1);
                    break;
                }
                for (int k = 0; k < 4; ++k) {
                    const int h = i < m_source.size() ? hexValue(m_source.at(i)) : -1;
                    if (h < 0)
                        return fail(QStringLiteral("Invalid Unicode escape sequence."));
                    code = code * 16 + uint(h);
                    ++i;
                }
                value += QChar(char16_t(code));
                break;
            }
            default:
                return fail(QStringLiteral("Invalid character escape sequence: \"\\%1\".").arg(e));
            }
            continue;
        }
        if (c.unicode() < 0x20 && c != u'\t')
            return fail(QStringLiteral("Invalid character within string."));
        value += c;
        ++i;
    }
    return fail(QStringLiteral("Unterminated string."));
}

Token Lexer::readBlockString(SourcePosition start)
{
    qsizetype i = m_pos + 3;
    QString raw;
    while (i < m_source.size()) {
        if (m_source.mid(i).startsWith(u"\"\"\"")) {
            const qsizetype end = i + 3;
            advance(end - m_pos);
            return Token {TokenKind::BlockString, start, m_pos, blockStringValue(raw)};
        }
        if (m_source.mid(i).startsWith(u"\\\"\"\"")) {
            raw += QStringLiteral("\"\"\"");
            i += 4;
            continue;
        }
        raw += m_source.at(i);
        ++i;
    }
    advance(i - m_pos);
    return Token {TokenKind::Invalid, start, m_pos, QStringLiteral("Unterminated string.")};
}

QString blockStringValue(QStringView raw)
{
    QList<QStringView> lines;
    qsizetype from = 0;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw.at(i) == u'\n' || raw.at(i) == u'\r') {
            lines.append(raw.mid(from, i - from));
            if (raw.at(i) == u'\r' && i + 1 < raw.size() && raw.at(i + 1) == u'\n')
                ++i;
            from = i + 1;
        }
    }
    lines.append(raw.mid(from));

    qsizetype common = -1;
    qsizetype first = -1;
    qsizetype last = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines.at(i);
        qsizetype indent = 0;
        while (indent < line.size() && isWhiteSpace(line.at(indent)))
            ++indent;
        if (indent == line.size())
            continue;
        if (first < 0)
            first = i;
        last = i;
        if (i != 0 && (common < 0 || indent < common))
            common = indent;
    }
    if (first < 0)
        return {};
    QString out;
    for (qsizetype i = first; i <= last; ++i) {
        if (i > first)
            out += u'\n';
        const QStringView line = lines.at(i);
        out += (i == 0 || common < 0) ? line : line.mid(qMin(common, line.size()));
    }
    return out;
}

QString printString(QStringView text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            continue;
        case u'\\':
            out += QLatin1String("\\\\");
            continue;
        case u'\b':
            out += QLatin1String("\\b");
            continue;
        case u'\t':
            out += QLatin1String("\\t");
            continue;
        case u'\n':
            out += QLatin1String("\\n");
            continue;
        case u'\f':
            out += QLatin1String("\\f");
            continue;
        case u'\r':
            out += QLatin1String("\\r");
            continue;
        default:
            break;
        }
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f))
            out += QLatin1String("\\u")
                + QString::number(uint(u), 16).rightJustified(4, u'0').toUpper();
        else
            out += c;
    }
    out += u'"';
    return out;
}

bool isPrintableAsBlockString(QStringView value)
{
    if (value.isEmpty())
        return true;
    bool isEmptyLine = true;
    bool hasIndent = false;
    bool hasCommonIndent = true;
    bool seenNonEmptyLine = false;
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n') || u == 0x7f)
            return false; // includes \r
        if (u == u'\n') {
            if (isEmptyLine && !seenNonEmptyLine)
                return false; // a leading new line
            seenNonEmptyLine = true;
            isEmptyLine = true;
            hasIndent = false;
        } else if (u == u'\t' || u == u' ') {
            hasIndent = hasIndent || isEmptyLine;
        } else {
            hasCommonIndent = hasCommonIndent && hasIndent;
            isEmptyLine = false;
        }
    }
    if (isEmptyLine)
        return false; // trailing empty lines
    if (hasCommonIndent && seenNonEmptyLine)
        return false; // internal indentation
    return true;
}

QString printBlockString(QStringView value)
{
    QString escaped = value.toString();
    escaped.replace(QLatin1String("\"\"\""), QLatin1String("\\\"\"\""));
    const QStringList lines = escaped.split(u'\n');
    const bool isSingleLine = lines.size() == 1;
    bool forceLeadingNewLine = lines.size() > 1;
    for (qsizetype i = 1; i < lines.size() && forceLeadingNewLine; ++i) {
        const QString &line = lines.at(i);
        forceLeadingNewLine = line.isEmpty() || isWhiteSpace(line.at(0));
    }
    const bool hasTrailingTripleQuotes = escaped.endsWith(QLatin1String("\\\"\"\""));
    const bool hasTrailingQuote = value.endsWith(u'"') && !hasTrailingTripleQuotes;
    const bool hasTrailingSlash = value.endsWith(u'\\');
    const bool forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
    const bool multipleLines = !isSingleLine || value.size() > 70 || forceTrailingNewline
        || forceLeadingNewLine || hasTrailingTripleQuotes;
    QString out = QStringLiteral("\"\"\"");
    const bool skipLeadingNewLine = isSingleLine && !value.isEmpty() && isWhiteSpace(value.at(0));
    if ((multipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        out += u'\n';
    out += escaped;
    if (multipleLines || forceTrailingNewline)
        out += u'\n';
    out += QLatin1String("\"\"\"");
    return out;
}

} // namespace Patchbay::Core::GraphQl
