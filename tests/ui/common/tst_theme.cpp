#include "ui/common/codeview.h"
#include "ui/common/jsonlexer.h"
#include "ui/common/theme.h"
#include "ui/history/historydelegate.h"
#include "ui/request/requesteditor.h"
#include "ui/request/variablehighlight.h"
#include "ui/response/statusbadge.h"

#include <QApplication>
#include <QLineEdit>
#include <QtTest>

using namespace Patchbay::Ui;
namespace Theme = Patchbay::Ui::Theme;

Q_DECLARE_METATYPE(QPalette)

namespace {

// WCAG 2.x AA: 4.5:1 for text, 3:1 for large text (18 pt, or 14 pt bold) and for graphics.
constexpr double kText = 4.5;

const QStringList kMethods
    = {QStringLiteral("GET"),     QStringLiteral("POST"),   QStringLiteral("PUT"),
       QStringLiteral("PATCH"),   QStringLiteral("DELETE"), QStringLiteral("HEAD"),
       QStringLiteral("OPTIONS"), QStringLiteral("PURGE")};
const QList<int> kStatuses = {0, 101, 200, 204, 301, 304, 404, 422, 500, 503, 700};

QString describe(const QColor &a, const QColor &b)
{
    return QStringLiteral("%1 on %2: %3:1")
        .arg(a.name(), b.name())
        .arg(Theme::contrastRatio(a, b), 0, 'f', 2);
}

} // namespace

// Every colour Patchbay draws text in, against what it is drawn on, in the Light and the Dark
// theme: WCAG AA (4.5:1 for text). The marks come from ui/common/theme.cpp, which the widgets
// read; the rendering checks at the end make sure they really do.
class TestTheme final : public QObject
{
    Q_OBJECT

private:
    QStringList m_failures;

    void expect(const QString &what, const QColor &text, const QColor &background,
                double minimum = kText)
    {
        QVERIFY2(text.isValid() && background.isValid(), qPrintable(what));
        QCOMPARE(background.alpha(), 255); // compose translucent fills first
        if (Theme::contrastRatio(text, background) + 1e-9 < minimum)
            m_failures << QStringLiteral("%1: %2 (needs %3:1)")
                              .arg(what, describe(text, background))
                              .arg(minimum);
    }

    void palettes()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << Theme::lightPalette();
        QTest::newRow("dark") << Theme::darkPalette();
    }

private slots:
    void init() { m_failures.clear(); }

    void contrastRatioMatchesWcag()
    {
        QCOMPARE(Theme::contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(Theme::contrastRatio(Qt::white, Qt::white), 1.0);
        // WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes.
        QVERIFY(qAbs(Theme::contrastRatio(QColor(0x767676), Qt::white) - 4.54) < 0.01);
        QVERIFY(Theme::contrastRatio(QColor(0x777777), Qt::white) < 4.5);
        QCOMPARE(Theme::over(QColor(255, 0, 0, 0), Qt::white), QColor(Qt::white));
        QCOMPARE(Theme::over(QColor(0, 0, 0, 255), Qt::white), QColor(Qt::black));
    }

    void paletteText_data() { palettes(); }
    void paletteText()
    {
        QFETCH(QPalette, palette);
        const auto c = [&](QPalette::ColorRole r) { return palette.color(QPalette::Active, r); };
        expect(QStringLiteral("text"), c(QPalette::Text), c(QPalette::Base));
        expect(QStringLiteral("text on alternate rows"), c(QPalette::Text),
               c(QPalette::AlternateBase));
        expect(QStringLiteral("window text"), c(QPalette::WindowText), c(QPalette::Window));
        expect(QStringLiteral("button text"), c(QPalette::ButtonText), c(QPalette::Button));
        expect(QStringLiteral("selected text"), c(QPalette::HighlightedText),
               c(QPalette::Highlight));
        expect(QStringLiteral("placeholder and hints"), c(QPalette::PlaceholderText),
               c(QPalette::Base));
        expect(QStringLiteral("hints on window"), c(QPalette::PlaceholderText),
               c(QPalette::Window));
        expect(QStringLiteral("tooltips"), c(QPalette::ToolTipText), c(QPalette::ToolTipBase));
        expect(QStringLiteral("links"), c(QPalette::Link), c(QPalette::Base));
        QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.join(u'\n')));
    }

    void methodBadges_data() { palettes(); }
    void methodBadges()
    {
        QFETCH(QPalette, palette);
        const QColor base = palette.color(QPalette::Base);
        const QColor highlight = palette.color(QPalette::Highlight);
        for (const QString &method : kMethods) {
            const Theme::Mark badge = Theme::methodBadge(method, palette);
            expect(method + QStringLiteral(" badge"), badge.text, Theme::over(badge.fill, base));
            const Theme::Mark selected = Theme::methodBadge(method, palette, true);
            expect(method + QStringLiteral(" badge, selected row"), selected.text,
                   Theme::over(selected.fill, highlight));
            // The method picker and the tab icons draw the method as text.
            expect(method + QStringLiteral(" as text"), Theme::methodColor(method, palette), base);
            expect(method + QStringLiteral(" on a button"), Theme::methodColor(method, palette),
                   palette.color(QPalette::Button));
            expect(method + QStringLiteral(" on the window (tab bar)"),
                   Theme::methodColor(method, palette), palette.color(QPalette::Window));
            // What the widgets ask for is the theme's colour.
            QCOMPARE(RequestEditor::methodColor(method, palette),
                     Theme::methodColor(method, palette));
        }
        QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.join(u'\n')));
    }

    void statusBadges_data() { palettes(); }
    void statusBadges()
    {
        QFETCH(QPalette, palette);
        for (const int status : kStatuses) {
            const QString name = QString::number(status);
            const Theme::Mark badge = Theme::statusBadge(status, palette);
            QCOMPARE(badge.fill.alpha(), 255);
            expect(name + QStringLiteral(" badge"), badge.text, badge.fill);
            expect(name + QStringLiteral(" in the history list"),
                   Theme::statusTextColor(status, palette), palette.color(QPalette::Base));
            QCOMPARE(HistoryItemDelegate::statusColor(status, palette),
                     Theme::statusTextColor(status, palette));
            QCOMPARE(StatusBadge::colorFor(StatusBadge::classOf(status), palette), badge.fill);
        }
        QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.join(u'\n')));
    }

    void variableHighlights_data() { palettes(); }
    void variableHighlights()
    {
        QFETCH(QPalette, palette);
        for (const bool resolved : {true, false}) {
            const QString name
                = resolved ? QStringLiteral("{{defined}}") : QStringLiteral("{{undefined}}");
            const Theme::Mark mark = Theme::variableHighlight(resolved, palette);
            for (const QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase})
                expect(name, mark.text, Theme::over(mark.fill, palette.color(role)));
            const Theme::Mark selected = Theme::variableHighlight(resolved, palette, true);
            expect(name + QStringLiteral(" in a selected row"), selected.text,
                   Theme::over(selected.fill, palette.color(QPalette::Highlight)));
        }
        QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.join(u'\n')));
    }

    void editorColours_data() { palettes(); }
    void editorColours()
    {
        QFETCH(QPalette, palette);
        const Theme::EditorColors editor = Theme::editorColors(palette);
        for (int style = JsonLexer::Default; style < JsonLexer::StyleCount; ++style) {
            const QColor token = JsonLexer::styleColor(style, palette);
            const QString name = QStringLiteral("JSON token %1").arg(style);
            expect(name, token, editor.paper);
            expect(name + QStringLiteral(" on the caret line"), token, editor.caretLine);
            expect(name + QStringLiteral(" on a matched brace"), token, editor.braceMatch);
            for (const Theme::DiffLine line :
                 {Theme::DiffLine::Added, Theme::DiffLine::Changed, Theme::DiffLine::Removed})
                expect(name + QStringLiteral(" on a diff line"), token,
                       Theme::diffLineColor(line, palette));
        }
        expect(QStringLiteral("selected code"), editor.text, editor.selection);
        expect(QStringLiteral("line numbers"), editor.marginText, editor.marginBackground);
        const Theme::Mark bar = Theme::warningBar(palette);
        expect(QStringLiteral("warning bars"), bar.text, bar.fill);
        expect(QStringLiteral("error text"), Theme::errorText(palette),
               palette.color(QPalette::Window));
        expect(QStringLiteral("error text on base"), Theme::errorText(palette),
               palette.color(QPalette::Base));
        QVERIFY2(m_failures.isEmpty(), qPrintable(m_failures.join(u'\n')));
    }

    // The theme reaches the screen: Dark and back to Light change what widgets paint, with
    // no restart (text views restyle themselves on the palette change).
    void applyTakesEffectAtOnce()
    {
        CodeView view;
        view.setJsonHighlighting(true);
        view.setUtf8Text("{\"a\": 1}");
        StatusBadge badge;
        badge.setStatusCode(404);
        badge.resize(badge.sizeHint());
        const auto paper = [&view] {
            return QColor::fromRgb(QRgb(view.SendScintilla(QsciScintillaBase::SCI_STYLEGETBACK,
                                                           QsciScintillaBase::STYLE_DEFAULT)));
        };
        const auto badgeFill = [&badge] {
            const QImage image = badge.grab().toImage();
            return QColor(image.pixel(image.width() / 2, 2));
        };

        Theme::apply(ThemeChoice::Dark);
        QCOMPARE(Theme::current(), ThemeChoice::Dark);
        QCOMPARE(QApplication::palette().color(QPalette::Base),
                 Theme::darkPalette().color(QPalette::Base));
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        // Scintilla stores colours as BGR.
        const auto bgr = [](const QColor &c) { return QColor(c.blue(), c.green(), c.red()); };
        QTRY_COMPARE(bgr(paper()), Theme::darkPalette().color(QPalette::Base));
        QCOMPARE(view.jsonLexer()->defaultPaper(0), Theme::darkPalette().color(QPalette::Base));
        QCOMPARE(view.jsonLexer()->color(JsonLexer::Key),
                 Theme::jsonTokenColor(Theme::JsonToken::Key, Theme::darkPalette()));
        QCOMPARE(badgeFill(), Theme::statusBadge(404, Theme::darkPalette()).fill);

        Theme::apply(ThemeChoice::Light);
        QTRY_COMPARE(bgr(paper()), Theme::lightPalette().color(QPalette::Base));
        QCOMPARE(view.jsonLexer()->color(JsonLexer::Key),
                 Theme::jsonTokenColor(Theme::JsonToken::Key, Theme::lightPalette()));
        QCOMPARE(badgeFill(), Theme::statusBadge(404, Theme::lightPalette()).fill);

        Theme::apply(ThemeChoice::System);
        QCOMPARE(Theme::current(), ThemeChoice::System);
    }

    // A line edit with an undefined {{variable}} turns red, and the red and the normal text
    // follow a theme change (no colour of the old theme stays behind).
    void lineEditHintsFollowTheTheme()
    {
        Theme::apply(ThemeChoice::Light);
        QLineEdit edit;
        auto *hints = new LineEditVariableHints(&edit);
        hints->setLookup([](const QString &) { return VariableInfo {}; });
        edit.setText(QStringLiteral("{{missing}}"));
        QCOMPARE(edit.palette().color(QPalette::Text),
                 Theme::variableHighlight(false, Theme::lightPalette()).text);
        Theme::apply(ThemeChoice::Dark);
        QTRY_COMPARE(edit.palette().color(QPalette::Text),
                     Theme::variableHighlight(false, Theme::darkPalette()).text);
        edit.setText(QStringLiteral("plain"));
        QCOMPARE(edit.palette().color(QPalette::Text), Theme::darkPalette().color(QPalette::Text));
        Theme::apply(ThemeChoice::Light);
        QTRY_COMPARE(edit.palette().color(QPalette::Text),
                     Theme::lightPalette().color(QPalette::Text));
        Theme::apply(ThemeChoice::System);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
