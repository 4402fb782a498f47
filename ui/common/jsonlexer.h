#pragma once

#include <Qsci/qscilexercustom.h>

#include <QFont>
#include <QPalette>

#include <vector>

namespace Patchbay::Ui {

// Follows the bracket depth of JSON text fed in pieces, by the lexer's rules (strings end at a
// line break), and notes the depth at the start of every kCheckpointLines-th line. A worker
// that produces a large document can hand these to JsonLexer::setCheckpoints().
class JsonDepthScanner
{
public:
    static constexpr int kCheckpointLines = 4096;

    JsonDepthScanner(int firstLine = 0, int depth = 0)
        : m_line(firstLine)
        , m_depth(depth)
    { }

    void feed(const char *text, qsizetype length, std::vector<int> &checkpoints);
    int depth() const { return m_depth; }
    int line() const { return m_line; }

private:
    int m_line;
    int m_depth;
    bool m_inString = false;
    bool m_escape = false;
};

// Styles JSON for QScintilla, only in the range the editor asks for, line by line, so a 100 MB
// document opens, scrolls and jumps to its end without styling what nobody looks at.
// Fold levels follow the bracket depth, so {...} and [...] fold.
class JsonLexer final : public QsciLexerCustom
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonLexer)

public:
    enum Style {
        Default = 0,
        Key,
        String,
        Number,
        Keyword, // true, false, null
        Punctuation,
        Error,
        StyleCount
    };

    explicit JsonLexer(QObject *parent = nullptr);
    ~JsonLexer() override;

    const char *language() const override;
    QString description(int style) const override;
    QColor defaultColor(int style) const override;
    QColor defaultPaper(int style) const override;
    QFont defaultFont(int style) const override;
    bool defaultEolFill(int style) const override;
    int braceStyle() const override;
    const char *wordCharacters() const override;

    void setEditor(QsciScintilla *editor) override;
    void styleText(int start, int end) override;

    // Colours derive from `palette` (light or dark); fonts from `font`.
    void setPalette(const QPalette &palette);
    void setBaseFont(const QFont &font);

    // Bytes styled since the text was last replaced, for tests and benchmarks.
    qint64 bytesStyled() const { return m_bytesStyled; }
    // Forgets what it knew about the text, e.g. after the editor switched documents.
    void resetDocumentState();
    // Depths at the start of every JsonDepthScanner::kCheckpointLines-th line of the text.
    void setCheckpoints(std::vector<int> checkpoints);
    // Styles the visible lines that an earlier jump skipped over. Called before each paint.
    void styleVisibleGaps();

    static QColor styleColor(int style, const QPalette &palette);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct LineRange
    {
        int first; // first line
        int last; // one past the last line
    };

    void onModified(int position, int modificationType, int linesAdded);
    void styleLines(int firstLine, int endLine, int depth);
    int depthAtLineStart(int line);
    int scanDepth(int fromLine, int depth, int toLine);
    void addGap(int first, int last);
    void applyColours();

    QPalette m_palette;
    QFont m_font;
    qint64 m_bytesStyled = 0;
    std::vector<LineRange> m_gaps; // lines left unstyled by a jump, sorted, disjoint
    std::vector<int> m_checkpoints; // depth at the start of line i * kCheckpointLines, -1 unknown
    QByteArray m_styles; // scratch buffer
    bool m_filling = false;
};

} // namespace Patchbay::Ui
