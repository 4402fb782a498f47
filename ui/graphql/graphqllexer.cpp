#include "ui/graphql/graphqllexer.h"

#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>
#include <QGuiApplication>

#include <cstring>
#include <string_view>

namespace Patchbay::Ui {

namespace {

using Sci = QsciScintillaBase;

// Line state: bit 0 = the line ends inside a block string; bit 1 = the last word before the
// line end was a keyword that makes the next name a type ("on", "type", ":" in SDL...).
constexpr int kInBlockString = 1;
constexpr int kExpectType = 2;

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

bool isKeyword(std::string_view w)
{
    static constexpr std::string_view words[] = {
        "query",  "mutation",  "subscription", "fragment",   "on",     "type",
        "input",  "enum",      "interface",    "union",      "scalar", "schema",
        "extend", "directive", "implements",   "repeatable",
    };
    for (std::string_view k : words) {
        if (k == w)
            return true;
    }
    return false;
}

bool introducesType(std::string_view w)
{
    return w == "on" || w == "type" || w == "input" || w == "enum" || w == "interface"
        || w == "union" || w == "scalar" || w == "implements";
}

// Styles one line (without its line break); returns the state at its end.
int lexLine(const char *text, int length, int state, char *styles)
{
    bool inBlock = state & kInBlockString;
    bool expectType = state & kExpectType;
    bool afterColon = false; // ":" then a name: a type in definitions, an argument value else
    int parenDepth = 0;
    int p = 0;
    while (p < length) {
        if (inBlock) {
            int close = -1;
            for (int q = p; q + 2 < length; ++q) {
                if (text[q] == '\\' && q + 3 < length
                    && std::memcmp(text + q + 1, "\"\"\"", 3) == 0) {
                    q += 3; // an escaped \""" stays inside
                    continue;
                }
                if (std::memcmp(text + q, "\"\"\"", 3) == 0) {
                    close = q;
                    break;
                }
            }
            const int end = close >= 0 ? close + 3 : length;
            std::memset(styles + p, GraphQlLexer::String, size_t(end - p));
            p = end;
            if (close >= 0)
                inBlock = false;
            continue;
        }
        const char c = text[p];
        if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
            styles[p++] = GraphQlLexer::Default;
        } else if (c == '#') {
            std::memset(styles + p, GraphQlLexer::Comment, size_t(length - p));
            p = length;
        } else if (c == '"') {
            if (p + 2 < length && text[p + 1] == '"' && text[p + 2] == '"') {
                std::memset(styles + p, GraphQlLexer::String, 3);
                p += 3;
                inBlock = true;
                continue;
            }
            int q = p + 1;
            while (q < length && text[q] != '"')
                q += text[q] == '\\' ? 2 : 1;
            q = std::min(q + 1, length);
            std::memset(styles + p, GraphQlLexer::String, size_t(q - p));
            p = q;
        } else if (c == '$' || c == '@') {
            int q = p + 1;
            while (q < length && isNameChar(text[q]))
                ++q;
            std::memset(styles + p, c == '$' ? GraphQlLexer::Variable : GraphQlLexer::Directive,
                        size_t(q - p));
            p = q;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            int q = p + 1;
            while (q < length
                   && (isNameChar(text[q]) || text[q] == '.' || text[q] == '+' || text[q] == '-'))
                ++q;
            std::memset(styles + p, GraphQlLexer::Number, size_t(q - p));
            p = q;
        } else if (isNameStart(c)) {
            int q = p + 1;
            while (q < length && isNameChar(text[q]))
                ++q;
            const std::string_view word(text + p, size_t(q - p));
            char style = GraphQlLexer::Name;
            if (expectType || (afterColon && parenDepth == 0)) {
                style = GraphQlLexer::TypeName;
                expectType = false;
            } else if (word == "true" || word == "false" || word == "null") {
                style = GraphQlLexer::Literal;
            } else if (isKeyword(word)) {
                style = GraphQlLexer::Keyword;
                expectType = introducesType(word);
            } else if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z' && afterColon) {
                style = GraphQlLexer::TypeName;
            }
            afterColon = false;
            std::memset(styles + p, style, size_t(q - p));
            p = q;
        } else {
            if (c == '(')
                ++parenDepth;
            else if (c == ')')
                parenDepth = std::max(0, parenDepth - 1);
            // In "($id: ID!)" and "field: Type" a ":" is followed by a type; an argument's ":"
            // (inside a field's parentheses) by a value: told apart by what came before "(".
            afterColon = c == ':';
            if (c == '&' || c == '|' || c == '=')
                expectType = c != '=';
            styles[p++] = GraphQlLexer::Punctuation;
        }
    }
    return (inBlock ? kInBlockString : 0) | (expectType ? kExpectType : 0);
}

} // namespace

GraphQlLexer::GraphQlLexer(QObject *parent)
    : QsciLexerCustom(parent)
    , m_palette(QGuiApplication::palette())
    , m_font(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    applyColours();
}

GraphQlLexer::~GraphQlLexer() = default;

const char *GraphQlLexer::language() const
{
    return "GraphQL";
}

QString GraphQlLexer::description(int style) const
{
    switch (style) {
    case Default:
        return tr("Default");
    case Keyword:
        return tr("Keyword");
    case Name:
        return tr("Field or argument");
    case TypeName:
        return tr("Type");
    case Variable:
        return tr("Variable");
    case String:
        return tr("String");
    case Number:
        return tr("Number");
    case Comment:
        return tr("Comment");
    case Punctuation:
        return tr("Punctuation");
    case Directive:
        return tr("Directive");
    case Literal:
        return tr("Literal");
    default:
        return {};
    }
}

QColor GraphQlLexer::defaultColor(int style) const
{
    const bool dark = m_palette.color(QPalette::Base).lightness() < 128;
    switch (style) {
    case Keyword:
        return dark ? QColor(0xc5, 0x86, 0xc0) : QColor(0xaf, 0x00, 0xdb);
    case Name:
        return dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x10, 0x80);
    case TypeName:
        return dark ? QColor(0x4e, 0xc9, 0xb0) : QColor(0x26, 0x7f, 0x99);
    case Variable:
        return dark ? QColor(0xd7, 0xba, 0x7d) : QColor(0x79, 0x5e, 0x26);
    case String:
        return dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15);
    case Number:
        return dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58);
    case Comment:
        return dark ? QColor(0x6a, 0x99, 0x55) : QColor(0x00, 0x80, 0x00);
    case Directive:
        return dark ? QColor(0xdc, 0xdc, 0xaa) : QColor(0x79, 0x5e, 0x26);
    case Literal:
        return dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff);
    default:
        return m_palette.color(QPalette::Text);
    }
}

QColor GraphQlLexer::defaultPaper(int) const
{
    return m_palette.color(QPalette::Base);
}

QFont GraphQlLexer::defaultFont(int style) const
{
    QFont font = m_font;
    if (style == Comment)
        font.setItalic(true);
    return font;
}

bool GraphQlLexer::defaultEolFill(int) const
{
    return true;
}

int GraphQlLexer::braceStyle() const
{
    return Punctuation;
}

const char *GraphQlLexer::wordCharacters() const
{
    return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
}

void GraphQlLexer::setPalette(const QPalette &palette)
{
    m_palette = palette;
    applyColours();
}

void GraphQlLexer::setBaseFont(const QFont &font)
{
    m_font = font;
    applyColours();
}

void GraphQlLexer::applyColours()
{
    setDefaultColor(m_palette.color(QPalette::Text));
    setDefaultPaper(m_palette.color(QPalette::Base));
    setDefaultFont(m_font);
    for (int style = 0; style < StyleCount; ++style) {
        setColor(defaultColor(style), style);
        setPaper(m_palette.color(QPalette::Base), style);
        setFont(defaultFont(style), style);
        setEolFill(true, style);
    }
}

void GraphQlLexer::styleText(int start, int end)
{
    QsciScintilla *ed = editor();
    if (!ed || end <= start)
        return;
    const int firstLine = int(ed->SendScintilla(Sci::SCI_LINEFROMPOSITION, start));
    const int lastLine = int(ed->SendScintilla(Sci::SCI_LINEFROMPOSITION, end - 1));
    int state = firstLine > 0 ? int(ed->SendScintilla(Sci::SCI_GETLINESTATE, firstLine - 1)) : 0;
    const long lineStart = ed->SendScintilla(Sci::SCI_POSITIONFROMLINE, firstLine);
    startStyling(int(lineStart));
    for (int line = firstLine; line <= lastLine; ++line) {
        const long from = ed->SendScintilla(Sci::SCI_POSITIONFROMLINE, line);
        const long to = ed->SendScintilla(Sci::SCI_GETLINEENDPOSITION, line);
        const long next
            = line + 1 < ed->lines() ? ed->SendScintilla(Sci::SCI_POSITIONFROMLINE, line + 1) : to;
        const int length = int(to - from);
        const char *text = reinterpret_cast<const char *>(
            ed->SendScintilla(Sci::SCI_GETRANGEPOINTER, from, long(length)));
        m_styles.resize(qMax<qsizetype>(length, 1));
        state = lexLine(text, length, state, m_styles.data());
        for (int i = 0; i < length;) {
            int run = 1;
            while (i + run < length && m_styles.at(i + run) == m_styles.at(i))
                ++run;
            setStyling(run, m_styles.at(i));
            i += run;
        }
        if (next > to)
            setStyling(int(next - to), Default);
        ed->SendScintilla(Sci::SCI_SETLINESTATE, line, long(state));
        ++m_linesStyled;
    }
}

} // namespace Patchbay::Ui
