#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Patchbay::Core::GraphQl {

// A position in a GraphQL source: UTF-16 offset into the QString, 0-based line and column (in
// UTF-16 units), the way QString and the editors count.
struct SourcePosition
{
    qsizetype offset = 0;
    int line = 0;
    int column = 0;

    friend bool operator==(const SourcePosition &, const SourcePosition &) = default;
};

enum class TokenKind {
    End, // end of the source
    Punctuator, // ! $ & ( ) ... : = @ [ ] { | }
    Name,
    Int,
    Float,
    String, // "..." (value holds the decoded text)
    BlockString, // """...""" (value holds the dedented text)
    Invalid, // a character or literal the grammar does not allow; value says why
};

struct Token
{
    TokenKind kind = TokenKind::End;
    SourcePosition start;
    qsizetype end = 0; // offset just after the token
    QString value; // the text; decoded for strings; the problem for Invalid

    bool isPunctuator(QStringView p) const { return kind == TokenKind::Punctuator && value == p; }
    bool isName(QStringView n) const { return kind == TokenKind::Name && value == n; }
};

// The GraphQL lexer (October 2021 spec): skips whitespace, commas, comments and a byte order
// mark; numbers, strings and block strings are checked as the spec says. It never throws and
// never reads past the end: a bad character gives an Invalid token and the next call goes on
// after it.
class Lexer
{
public:
    explicit Lexer(QStringView source)
        : m_source(source)
    { }

    Token next();
    // The position of the next character that would be read.
    SourcePosition position() const { return {m_pos, m_line, int(m_pos - m_lineStart)}; }

private:
    void skipIgnored();
    void advance(qsizetype n = 1);
    Token readNumber(SourcePosition start);
    Token readString(SourcePosition start);
    Token readBlockString(SourcePosition start);
    Token invalid(SourcePosition start, const QString &why);

    QStringView m_source;
    qsizetype m_pos = 0;
    int m_line = 0;
    qsizetype m_lineStart = 0;
};

// The spec's BlockStringValue: common indentation and blank first and last lines removed.
QString blockStringValue(QStringView raw);
// GraphQL string literals as graphql-js prints them ("a\nb", """block""").
QString printString(QStringView text);
QString printBlockString(QStringView text);
bool isPrintableAsBlockString(QStringView text);

bool isNameStart(QChar c);
bool isNameContinue(QChar c);

} // namespace Patchbay::Core::GraphQl
