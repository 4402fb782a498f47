#pragma once

#include <Qsci/qscilexercustom.h>

#include <QFont>
#include <QPalette>

namespace Patchbay::Ui {

// Styles GraphQL for QScintilla. Scintilla asks for the lines from the first unstyled one to
// the end of what is visible; each line is styled on its own, and the only state that crosses
// a line break (inside a """block string""") is kept in Scintilla's per-line state, so nothing
// below the visible area is ever styled and an edit restyles from its line only.
class GraphQlLexer final : public QsciLexerCustom
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphQlLexer)

public:
    enum Style {
        Default = 0,
        Keyword, // query, mutation, fragment, on, type...
        Name, // fields, arguments
        TypeName, // after ":" in variable definitions, after "on", in SDL
        Variable, // $name
        String, // "..." and """..."""
        Number,
        Comment,
        Punctuation,
        Directive, // @name
        Literal, // true, false, null
        StyleCount
    };

    explicit GraphQlLexer(QObject *parent = nullptr);
    ~GraphQlLexer() override;

    const char *language() const override;
    QString description(int style) const override;
    QColor defaultColor(int style) const override;
    QColor defaultPaper(int style) const override;
    QFont defaultFont(int style) const override;
    bool defaultEolFill(int style) const override;
    int braceStyle() const override;
    const char *wordCharacters() const override;
    void styleText(int start, int end) override;

    void setPalette(const QPalette &palette);
    void setBaseFont(const QFont &font);

    // Lines styled since the text was set, for tests.
    qint64 linesStyled() const { return m_linesStyled; }

private:
    void applyColours();

    QPalette m_palette;
    QFont m_font;
    qint64 m_linesStyled = 0;
    QByteArray m_styles; // scratch buffer
};

} // namespace Patchbay::Ui
