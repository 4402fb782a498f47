#include "core/auth/authchallenge.h"

namespace Patchbay::Core {

namespace {

bool isTokenChar(char c)
{
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken68Char(char c)
{
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || QByteArrayView("-._~+/").contains(c);
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// A cursor over the header value. Newlines (Qt's joiner for some repeated headers) count as
// list separators, like commas.
class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_text(text)
    { }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : '\0';
    }
    qsizetype position() const { return m_pos; }
    void reset(qsizetype position) { m_pos = position; }
    void advance() { ++m_pos; }

    void skipSpace()
    {
        while (!atEnd() && isSpace(peek()))
            ++m_pos;
    }
    bool isSeparator() const { return peek() == ',' || peek() == '\n' || peek() == '\r'; }
    // Skips whitespace and any number of list separators; true when at least one was passed.
    bool skipSeparators()
    {
        bool passed = false;
        for (;;) {
            skipSpace();
            if (atEnd() || !isSeparator())
                return passed;
            passed = true;
            ++m_pos;
        }
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.sliced(start, m_pos - start).toByteArray();
    }
    // After the opening quote; false for an unterminated string (everything to the end is kept).
    bool quotedString(QByteArray &out)
    {
        ++m_pos; // the opening quote
        while (!atEnd()) {
            const char c = m_text.at(m_pos++);
            if (c == '"')
                return true;
            if (c == '\\' && !atEnd())
                out += m_text.at(m_pos++);
            else
                out += c;
        }
        return false;
    }
    // Skips to the next list separator outside a quoted string (error recovery).
    void skipElement()
    {
        while (!atEnd() && !isSeparator()) {
            if (peek() == '"') {
                QByteArray ignored;
                quotedString(ignored);
            } else {
                ++m_pos;
            }
        }
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

// token BWS "=" BWS ( token / quoted-string ), ending at a separator or the end. On failure the
// scanner is left where it was.
bool parseParam(Scanner &scanner, AuthParam &param)
{
    const qsizetype start = scanner.position();
    const QByteArray name = scanner.token();
    scanner.skipSpace();
    if (name.isEmpty() || scanner.peek() != '=') {
        scanner.reset(start);
        return false;
    }
    scanner.advance(); // the '='
    scanner.skipSpace();
    QByteArray value;
    if (scanner.peek() == '"') {
        scanner.quotedString(value);
    } else {
        value = scanner.token();
        // A token68 such as "abc==" looks like a parameter named "abc" with an empty value.
        if (value.isEmpty() && !scanner.atEnd() && !scanner.isSeparator()) {
            scanner.reset(start);
            return false;
        }
    }
    scanner.skipSpace();
    if (!scanner.atEnd() && !scanner.isSeparator()) {
        scanner.reset(start);
        return false;
    }
    param = {name, value};
    return true;
}

// A token68 ending at a separator or the end.
bool parseToken68(Scanner &scanner, QByteArray &token68)
{
    const qsizetype start = scanner.position();
    QByteArray out;
    while (!scanner.atEnd() && isToken68Char(scanner.peek())) {
        out += scanner.peek();
        scanner.advance();
    }
    while (scanner.peek() == '=') {
        out += '=';
        scanner.advance();
    }
    scanner.skipSpace();
    if (out.isEmpty() || (!scanner.atEnd() && !scanner.isSeparator())) {
        scanner.reset(start);
        return false;
    }
    token68 = out;
    return true;
}

// Whether the scanner stands at "scheme SP" or "scheme <separator/end>": the start of a new
// challenge rather than a parameter.
bool atChallengeStart(Scanner &scanner)
{
    const qsizetype start = scanner.position();
    const QByteArray scheme = scanner.token();
    const char next = scanner.peek();
    bool result = false;
    if (!scheme.isEmpty()) {
        if (scanner.atEnd() || scanner.isSeparator()) {
            result = true;
        } else if (isSpace(next)) {
            scanner.skipSpace();
            result = scanner.peek() != '='; // "realm = x" is a parameter with spaces
        }
    }
    scanner.reset(start);
    return result;
}

} // namespace

bool AuthChallenge::isScheme(QByteArrayView name) const
{
    return QByteArrayView(scheme).compare(name, Qt::CaseInsensitive) == 0;
}

QByteArray AuthChallenge::param(QByteArrayView name) const
{
    for (const AuthParam &p : params) {
        if (QByteArrayView(p.name).compare(name, Qt::CaseInsensitive) == 0)
            return p.value.isNull() ? QByteArray("") : p.value;
    }
    return {};
}

bool AuthChallenge::hasParam(QByteArrayView name) const
{
    return !param(name).isNull();
}

QList<AuthChallenge> parseAuthChallenges(QByteArrayView headerValue)
{
    QList<AuthChallenge> challenges;
    Scanner scanner(headerValue);
    scanner.skipSeparators();
    while (!scanner.atEnd()) {
        if (!atChallengeStart(scanner)) {
            // A parameter of the current challenge, or garbage.
            AuthParam param;
            if (!challenges.isEmpty() && parseParam(scanner, param))
                challenges.last().params.append(param);
            else
                scanner.skipElement();
            scanner.skipSeparators();
            continue;
        }
        AuthChallenge challenge;
        challenge.scheme = scanner.token();
        scanner.skipSpace();
        if (!scanner.atEnd() && !scanner.isSeparator()) {
            AuthParam param;
            if (parseParam(scanner, param))
                challenge.params.append(param);
            else if (!parseToken68(scanner, challenge.token68))
                scanner.skipElement();
        }
        challenges.append(challenge);
        scanner.skipSeparators();
    }
    return challenges;
}

QList<AuthParam> parseAuthParams(QByteArrayView headerValue)
{
    QList<AuthParam> params;
    Scanner scanner(headerValue);
    scanner.skipSeparators();
    while (!scanner.atEnd()) {
        AuthParam param;
        if (parseParam(scanner, param))
            params.append(param);
        else
            scanner.skipElement();
        scanner.skipSeparators();
    }
    return params;
}

} // namespace Patchbay::Core
