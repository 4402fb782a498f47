#include "ui/common/jsonlexer.h"

#include "ui/common/theme.h"

#include <Qsci/qsciscintilla.h>

#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>

#include <algorithm>
#include <array>
#include <cstring>

namespace Patchbay::Ui {

namespace {

// A request larger than this many lines is a jump (scroll bar drag, Ctrl+End): only the lines
// near the viewport are styled and the rest is remembered as a gap.
constexpr int kEagerLines = 3000;
// Lines styled above and below the viewport when filling gaps or after a jump.
constexpr int kMarginLines = 200;
// Depth checkpoints every this many lines, so that a later jump scans at most this much text.
constexpr int kCheckpointLines = JsonDepthScanner::kCheckpointLines;

using Sci = QsciScintillaBase;

enum ScanClass : unsigned char { Plain = 0, Quote, Open, Close, Newline };

constexpr std::array<unsigned char, 256> makeScanTable()
{
    std::array<unsigned char, 256> t {};
    t[static_cast<unsigned char>('"')] = Quote;
    t[static_cast<unsigned char>('{')] = Open;
    t[static_cast<unsigned char>('[')] = Open;
    t[static_cast<unsigned char>('}')] = Close;
    t[static_cast<unsigned char>(']')] = Close;
    t[static_cast<unsigned char>('\n')] = Newline;
    return t;
}
constexpr std::array<unsigned char, 256> kScanTable = makeScanTable();

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
}

bool isNumberChar(char c)
{
    return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

struct LineResult
{
    int depthEnd;
    int minDepth;
};

// Styles one line (without its line break) into `styles`.
LineResult lexLine(const char *text, int length, int depth, char *styles)
{
    int minDepth = depth;
    int p = 0;
    while (p < length) {
        const char c = text[p];
        if (c == ' ' || c == '\t' || c == '\r') {
            styles[p++] = JsonLexer::Default;
        } else if (c == '"') {
            int q = p + 1;
            while (q < length && text[q] != '"')
                q += text[q] == '\\' ? 2 : 1;
            if (q >= length) { // unterminated: JSON strings cannot span lines
                std::memset(styles + p, JsonLexer::Error, size_t(length - p));
                p = length;
                continue;
            }
            int r = q + 1;
            while (r < length && (text[r] == ' ' || text[r] == '\t'))
                ++r;
            const char style = (r < length && text[r] == ':') ? JsonLexer::Key : JsonLexer::String;
            std::memset(styles + p, style, size_t(q + 1 - p));
            p = q + 1;
        } else if (c == '-' || isDigit(c)) {
            int q = p + 1;
            while (q < length && isNumberChar(text[q]))
                ++q;
            std::memset(styles + p, JsonLexer::Number, size_t(q - p));
            p = q;
        } else if (isWordChar(c)) {
            int q = p + 1;
            while (q < length && isWordChar(text[q]))
                ++q;
            const std::string_view word(text + p, size_t(q - p));
            const bool keyword = word == "true" || word == "false" || word == "null";
            std::memset(styles + p, keyword ? JsonLexer::Keyword : JsonLexer::Error, size_t(q - p));
            p = q;
        } else if (c == '{' || c == '[') {
            ++depth;
            styles[p++] = JsonLexer::Punctuation;
        } else if (c == '}' || c == ']') {
            if (depth > 0) {
                --depth;
                minDepth = std::min(minDepth, depth);
                styles[p++] = JsonLexer::Punctuation;
            } else {
                styles[p++] = JsonLexer::Error;
            }
        } else if (c == ',' || c == ':') {
            styles[p++] = JsonLexer::Punctuation;
        } else {
            styles[p++] = JsonLexer::Error;
        }
    }
    return {depth, minDepth};
}

int foldLevel(int depthStart, const LineResult &r)
{
    static constexpr int maxDepth = Sci::SC_FOLDLEVELNUMBERMASK - Sci::SC_FOLDLEVELBASE;
    const auto clamp = [](int d) { return std::min(d, int(maxDepth)); };
    // "}, {" closes and reopens: it belongs to the outer level and heads a new fold.
    if (r.minDepth < depthStart && r.depthEnd > r.minDepth)
        return (Sci::SC_FOLDLEVELBASE + clamp(r.minDepth)) | Sci::SC_FOLDLEVELHEADERFLAG;
    int level = Sci::SC_FOLDLEVELBASE + clamp(depthStart);
    if (r.depthEnd > depthStart)
        level |= Sci::SC_FOLDLEVELHEADERFLAG;
    return level;
}

} // namespace

void JsonDepthScanner::feed(const char *data, qsizetype length, std::vector<int> &checkpoints)
{
    const auto *text = reinterpret_cast<const unsigned char *>(data);
    for (qsizetype i = 0; i < length; ++i) {
        const unsigned char c = text[i];
        if (m_inString && c != '\n') {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        switch (kScanTable[c]) {
        case Plain:
            break;
        case Quote:
            m_inString = true;
            m_escape = false;
            break;
        case Open:
            ++m_depth;
            break;
        case Close:
            if (m_depth > 0)
                --m_depth;
            break;
        case Newline:
            m_inString = false; // JSON strings cannot span lines
            m_escape = false;
            ++m_line;
            if (m_line % kCheckpointLines == 0) {
                const size_t k = size_t(m_line / kCheckpointLines);
                if (checkpoints.size() <= k)
                    checkpoints.resize(k + 1, -1);
                checkpoints[k] = m_depth;
            }
            break;
        }
    }
}

JsonLexer::JsonLexer(QObject *parent)
    : QsciLexerCustom(parent)
    , m_palette(QGuiApplication::palette())
    , m_font(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    applyColours();
}

JsonLexer::~JsonLexer() = default;

const char *JsonLexer::language() const
{
    return "JSON";
}

QString JsonLexer::description(int style) const
{
    switch (style) {
    case Default:
        return tr("Default");
    case Key:
        return tr("Key");
    case String:
        return tr("String");
    case Number:
        return tr("Number");
    case Keyword:
        return tr("Literal");
    case Punctuation:
        return tr("Punctuation");
    case Error:
        return tr("Error");
    default:
        return {};
    }
}

QColor JsonLexer::styleColor(int style, const QPalette &palette)
{
    using Theme::JsonToken;
    switch (style) {
    case Key:
        return Theme::jsonTokenColor(JsonToken::Key, palette);
    case String:
        return Theme::jsonTokenColor(JsonToken::String, palette);
    case Number:
        return Theme::jsonTokenColor(JsonToken::Number, palette);
    case Keyword:
        return Theme::jsonTokenColor(JsonToken::Literal, palette);
    case Error:
        return Theme::jsonTokenColor(JsonToken::Error, palette);
    case Punctuation:
        return Theme::jsonTokenColor(JsonToken::Punctuation, palette);
    default:
        return Theme::jsonTokenColor(JsonToken::Default, palette);
    }
}

QColor JsonLexer::defaultColor(int style) const
{
    return styleColor(style, m_palette);
}

QColor JsonLexer::defaultPaper(int) const
{
    return m_palette.color(QPalette::Base);
}

QFont JsonLexer::defaultFont(int) const
{
    return m_font;
}

bool JsonLexer::defaultEolFill(int) const
{
    return true;
}

int JsonLexer::braceStyle() const
{
    return Punctuation;
}

const char *JsonLexer::wordCharacters() const
{
    return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
}

void JsonLexer::setPalette(const QPalette &palette)
{
    m_palette = palette;
    applyColours();
}

void JsonLexer::setBaseFont(const QFont &font)
{
    m_font = font;
    applyColours();
}

void JsonLexer::applyColours()
{
    setDefaultColor(m_palette.color(QPalette::Text));
    setDefaultPaper(m_palette.color(QPalette::Base));
    setDefaultFont(m_font);
    for (int style = 0; style < StyleCount; ++style) {
        setColor(styleColor(style, m_palette), style);
        setPaper(m_palette.color(QPalette::Base), style);
        setFont(m_font, style);
        setEolFill(true, style);
    }
}

void JsonLexer::setEditor(QsciScintilla *newEditor)
{
    if (QsciScintilla *old = editor()) {
        old->viewport()->removeEventFilter(this);
        disconnect(old, &QsciScintillaBase::SCN_MODIFIED, this, nullptr);
    }
    m_gaps.clear();
    m_checkpoints.clear();
    m_bytesStyled = 0;
    QsciLexerCustom::setEditor(newEditor);
    if (newEditor) {
        newEditor->viewport()->installEventFilter(this);
        connect(newEditor, &QsciScintillaBase::SCN_MODIFIED, this,
                [this](int position, int type, const char *, int, int linesAdded, int, int, int,
                       int, int) { onModified(position, type, linesAdded); });
    }
}

bool JsonLexer::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && editor() && watched == editor()->viewport())
        styleVisibleGaps();
    return QsciLexerCustom::eventFilter(watched, event);
}

void JsonLexer::onModified(int position, int type, int)
{
    if (!(type & (Sci::SC_MOD_INSERTTEXT | Sci::SC_MOD_DELETETEXT)))
        return;
    QsciScintilla *ed = editor();
    if (ed->SendScintilla(Sci::SCI_GETLENGTH) == 0) {
        m_gaps.clear();
        m_checkpoints.clear();
        m_bytesStyled = 0;
        return;
    }
    // Lines after the change moved; Scintilla restyles from the change onwards anyway.
    const int line = int(ed->SendScintilla(Sci::SCI_LINEFROMPOSITION, position));
    const size_t keep = size_t(line / kCheckpointLines) + 1;
    if (m_checkpoints.size() > keep)
        m_checkpoints.resize(keep);
    std::erase_if(m_gaps, [line](const LineRange &g) { return g.first >= line; });
    for (LineRange &g : m_gaps)
        g.last = std::min(g.last, line);
}

void JsonLexer::resetDocumentState()
{
    m_gaps.clear();
    m_checkpoints.clear();
    m_bytesStyled = 0;
}

void JsonLexer::setCheckpoints(std::vector<int> checkpoints)
{
    m_checkpoints = std::move(checkpoints);
}

void JsonLexer::addGap(int first, int last)
{
    if (first >= last)
        return;
    m_gaps.push_back({first, last});
    std::sort(m_gaps.begin(), m_gaps.end(),
              [](const LineRange &a, const LineRange &b) { return a.first < b.first; });
    std::vector<LineRange> merged;
    merged.reserve(m_gaps.size());
    for (const LineRange &g : m_gaps) {
        if (!merged.empty() && g.first <= merged.back().last)
            merged.back().last = std::max(merged.back().last, g.last);
        else
            merged.push_back(g);
    }
    m_gaps = std::move(merged);
}

void JsonLexer::styleText(int start, int end)
{
    QsciScintilla *ed = editor();
    if (!ed || end <= start)
        return;
    const int startLine = int(ed->SendScintilla(Sci::SCI_LINEFROMPOSITION, start));
    const int endLine = int(ed->SendScintilla(Sci::SCI_LINEFROMPOSITION, end - 1)) + 1;
    int firstLine = startLine;
    if (endLine - startLine > kEagerLines) {
        const int firstVisible = int(ed->SendScintilla(
            Sci::SCI_DOCLINEFROMVISIBLE, ed->SendScintilla(Sci::SCI_GETFIRSTVISIBLELINE)));
        firstLine
            = std::max(startLine, std::min(firstVisible - kMarginLines, endLine - kEagerLines));
        addGap(startLine, firstLine);
    }
    styleLines(firstLine, endLine, depthAtLineStart(firstLine));
}

void JsonLexer::styleVisibleGaps()
{
    QsciScintilla *ed = editor();
    if (m_gaps.empty() || !ed || m_filling)
        return;
    const long firstDisplay = ed->SendScintilla(Sci::SCI_GETFIRSTVISIBLELINE);
    const long onScreen = ed->SendScintilla(Sci::SCI_LINESONSCREEN);
    const int firstVisible = int(ed->SendScintilla(Sci::SCI_DOCLINEFROMVISIBLE, firstDisplay));
    const int lastVisible
        = int(ed->SendScintilla(Sci::SCI_DOCLINEFROMVISIBLE, firstDisplay + onScreen + 1));
    const int lineCount = int(ed->SendScintilla(Sci::SCI_GETLINECOUNT));
    const int a = std::max(0, firstVisible - kMarginLines);
    const int b = std::min(lineCount, lastVisible + 1 + kMarginLines);

    m_filling = true;
    std::vector<LineRange> remaining;
    std::vector<LineRange> todo;
    for (const LineRange &g : m_gaps) {
        const int from = std::max(g.first, a);
        const int to = std::min(g.last, b);
        if (from >= to) {
            remaining.push_back(g);
            continue;
        }
        todo.push_back({from, to});
        if (g.first < from)
            remaining.push_back({g.first, from});
        if (to < g.last)
            remaining.push_back({to, g.last});
    }
    m_gaps = std::move(remaining);
    for (const LineRange &r : todo)
        styleLines(r.first, r.last, depthAtLineStart(r.first));
    m_filling = false;
}

int JsonLexer::depthAtLineStart(int line)
{
    if (line <= 0)
        return 0;
    QsciScintilla *ed = editor();
    const long state = ed->SendScintilla(Sci::SCI_GETLINESTATE, line - 1);
    if (state > 0)
        return int(state - 1);
    // The line above was never styled (a gap): scan brackets from the nearest checkpoint.
    int k = std::min(line / kCheckpointLines, int(m_checkpoints.size()) - 1);
    while (k >= 0 && m_checkpoints[size_t(k)] < 0)
        --k;
    if (k < 0)
        return scanDepth(0, 0, line);
    return scanDepth(k * kCheckpointLines, m_checkpoints[size_t(k)], line);
}

// Bracket depth at the start of `toLine`, given `depth` at the start of `fromLine`, without
// styling. Records checkpoints on the way. Same rules as lexLine (strings end at a line break).
int JsonLexer::scanDepth(int fromLine, int depth, int toLine)
{
    QsciScintilla *ed = editor();
    if (toLine <= fromLine)
        return depth;
    const long startPos = ed->SendScintilla(Sci::SCI_POSITIONFROMLINE, fromLine);
    const long endPos = ed->SendScintilla(Sci::SCI_POSITIONFROMLINE, toLine);
    const long length = endPos - startPos;
    if (length <= 0)
        return depth;
    const auto *text = reinterpret_cast<const unsigned char *>(
        ed->SendScintilla(Sci::SCI_GETRANGEPOINTER, startPos, length));
    if (!text)
        return depth;
    JsonDepthScanner scanner(fromLine, depth);
    scanner.feed(reinterpret_cast<const char *>(text), length, m_checkpoints);
    return scanner.depth();
}

void JsonLexer::styleLines(int firstLine, int endLine, int depth)
{
    QsciScintilla *ed = editor();
    const int lineCount = int(ed->SendScintilla(Sci::SCI_GETLINECOUNT));
    endLine = std::min(endLine, lineCount);
    if (firstLine >= endLine)
        return;
    const long startPos = ed->SendScintilla(Sci::SCI_POSITIONFROMLINE, firstLine);
    const long endPos = endLine >= lineCount
        ? ed->SendScintilla(Sci::SCI_GETLENGTH)
        : ed->SendScintilla(Sci::SCI_POSITIONFROMLINE, endLine);
    const long length = endPos - startPos;

    std::vector<int> levels;
    std::vector<int> states;
    levels.reserve(size_t(endLine - firstLine));
    states.reserve(size_t(endLine - firstLine));
    if (length > 0) {
        const char *text = reinterpret_cast<const char *>(
            ed->SendScintilla(Sci::SCI_GETRANGEPOINTER, startPos, length));
        m_styles.resize(length);
        char *styles = m_styles.data();
        long p = 0;
        while (p < length) {
            const void *nl = std::memchr(text + p, '\n', size_t(length - p));
            const long lineEnd = nl ? static_cast<const char *>(nl) - text : length;
            const LineResult r = lexLine(text + p, int(lineEnd - p), depth, styles + p);
            levels.push_back(foldLevel(depth, r));
            depth = r.depthEnd;
            states.push_back(depth + 1);
            if (nl) {
                styles[lineEnd] = Default;
                p = lineEnd + 1;
            } else {
                p = length;
            }
        }
        ed->SendScintilla(Sci::SCI_STARTSTYLING, startPos, 0L);
        ed->SendScintilla(Sci::SCI_SETSTYLINGEX, static_cast<unsigned long>(length),
                          m_styles.constData());
        m_bytesStyled += length;
    }
    // An empty last line still gets a level, so that folds above it close.
    while (int(levels.size()) < endLine - firstLine) {
        levels.push_back(Sci::SC_FOLDLEVELBASE + depth);
        states.push_back(depth + 1);
    }
    for (size_t i = 0; i < levels.size(); ++i) {
        const unsigned long line = static_cast<unsigned long>(firstLine) + i;
        ed->SendScintilla(Sci::SCI_SETFOLDLEVEL, line, long(levels[i]));
        ed->SendScintilla(Sci::SCI_SETLINESTATE, line, long(states[i]));
    }
}

} // namespace Patchbay::Ui
