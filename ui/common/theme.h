#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

class QWidget;

namespace Patchbay::Ui {

// Light or Dark are Patchbay's own palettes on the Fusion style; System leaves the platform's
// style and palette.
enum class ThemeChoice { System, Light, Dark };

// Every colour Patchbay picks itself, in one place: the Light and Dark palettes and the colours
// of its own marks (method and status badges, {{variable}} highlights, JSON tokens, editor
// chrome, diff markers). Each mark colour is chosen for the palette it is drawn on, so a System
// palette gets the light or dark set by its lightness. tests/ui/common/tst_theme.cpp holds them
// to WCAG AA contrast (4.5:1 for text) on both palettes.
namespace Theme {

// Applies `choice` to the whole application at once: widgets repaint and text views restyle
// (they follow QEvent::PaletteChange). System puts back the style and palette the application
// started with.
void apply(ThemeChoice choice);
ThemeChoice current();

QPalette lightPalette();
QPalette darkPalette();
bool isDark(const QPalette &palette);

// A colour composited over another, as the screen shows a translucent fill.
QColor over(const QColor &top, const QColor &bottom);
// WCAG 2 contrast ratio of two opaque colours (1 to 21).
double contrastRatio(const QColor &a, const QColor &b);

// Text and fill of a small label drawn on `background` (a badge, a highlighted word). The
// fill may be translucent: what reads is `text` over over(fill, background).
struct Mark
{
    QColor text;
    QColor fill;
};

// The HTTP method as a badge (history, collections) or coloured text (the method picker, tab
// icons): `selected` is for a badge in a selected row, drawn on the palette's Highlight.
Mark methodBadge(const QString &method, const QPalette &palette, bool selected = false);
QColor methodColor(const QString &method, const QPalette &palette);

// The status code pill of the response (white text on a solid fill) and the status code as
// coloured text in lists. Codes outside 100-599 (and 0 for no response) are neutral or red.
Mark statusBadge(int statusCode, const QPalette &palette);
QColor statusTextColor(int statusCode, const QPalette &palette);

// A {{variable}} in an editor: the accent (resolved) or red (undefined) with a light fill;
// `selected` is for a variable in a selected table row (on Highlight).
Mark variableHighlight(bool resolved, const QPalette &palette, bool selected = false);

// The JSON lexer's token colours on the editor paper (the palette's Base).
enum class JsonToken { Default, Key, String, Number, Literal, Punctuation, Error };
QColor jsonTokenColor(JsonToken token, const QPalette &palette);

// QScintilla views: paper, margins, caret line, selection and brace highlight.
struct EditorColors
{
    QColor paper;
    QColor text;
    QColor marginBackground;
    QColor marginText;
    QColor caretLine;
    QColor selection;
    QColor braceMatch;
};
EditorColors editorColors(const QPalette &palette);

// Line backgrounds of the diff views (opaque, so text keeps its contrast).
enum class DiffLine { Added, Changed, Removed };
QColor diffLineColor(DiffLine line, const QPalette &palette);

// Notice bars (conflict, recovery, warnings): background and text.
Mark warningBar(const QPalette &palette);
// Gives `bar` (an auto-filled frame with labels) the warning colours, now and after every theme
// change.
void useWarningColors(QWidget *bar);

// Error messages in text (a red that reads on Window and Base).
QColor errorText(const QPalette &palette);

} // namespace Theme

} // namespace Patchbay::Ui
