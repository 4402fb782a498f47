#include "ui/common/theme.h"

#include <QApplication>
#include <QEvent>
#include <QPointer>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

#include <cmath>

namespace Patchbay::Ui::Theme {

namespace {

ThemeChoice g_current = ThemeChoice::System; // UI thread only
bool g_systemKnown = false;
QString g_systemStyle;
QPalette g_systemPalette;

QColor rgb(QRgb value)
{
    return QColor::fromRgb(value);
}

double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// Marks drawn on Base: one colour per method and per status class, for each lightness.
struct Pair
{
    QRgb light;
    QRgb dark;
};

QColor pick(const Pair &pair, const QPalette &palette)
{
    return rgb(isDark(palette) ? pair.dark : pair.light);
}

void setBoth(QPalette &p, QPalette::ColorRole role, const QColor &active, const QColor &disabled)
{
    p.setColor(QPalette::Active, role, active);
    p.setColor(QPalette::Inactive, role, active);
    p.setColor(QPalette::Disabled, role, disabled);
}

} // namespace

QPalette lightPalette()
{
    QPalette p;
    const QColor window = rgb(0xefefef);
    const QColor text = rgb(0x1b1b1b);
    const QColor muted = rgb(0x8a8a8a);
    setBoth(p, QPalette::Window, window, window);
    setBoth(p, QPalette::WindowText, text, muted);
    setBoth(p, QPalette::Base, rgb(0xffffff), window);
    setBoth(p, QPalette::AlternateBase, rgb(0xf5f5f5), window);
    setBoth(p, QPalette::ToolTipBase, rgb(0xffffdc), rgb(0xffffdc));
    setBoth(p, QPalette::ToolTipText, text, text);
    setBoth(p, QPalette::PlaceholderText, rgb(0x6b6b6b), muted);
    setBoth(p, QPalette::Text, text, muted);
    setBoth(p, QPalette::Button, rgb(0xf3f3f3), window);
    setBoth(p, QPalette::ButtonText, text, muted);
    setBoth(p, QPalette::BrightText, rgb(0xffffff), rgb(0xffffff));
    setBoth(p, QPalette::Light, rgb(0xffffff), rgb(0xffffff));
    setBoth(p, QPalette::Midlight, rgb(0xe3e3e3), rgb(0xe3e3e3));
    setBoth(p, QPalette::Mid, rgb(0xb8b8b8), rgb(0xb8b8b8));
    setBoth(p, QPalette::Dark, rgb(0x9f9f9f), rgb(0x9f9f9f));
    setBoth(p, QPalette::Shadow, rgb(0x767676), rgb(0x767676));
    setBoth(p, QPalette::Highlight, rgb(0x2763b0), rgb(0xc4c4c4));
    setBoth(p, QPalette::HighlightedText, rgb(0xffffff), text);
    setBoth(p, QPalette::Link, rgb(0x1757a6), rgb(0x1757a6));
    setBoth(p, QPalette::LinkVisited, rgb(0x6b3fa8), rgb(0x6b3fa8));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window = rgb(0x2b2d30);
    const QColor text = rgb(0xe4e4e4);
    const QColor muted = rgb(0x7d7f84);
    setBoth(p, QPalette::Window, window, window);
    setBoth(p, QPalette::WindowText, text, muted);
    setBoth(p, QPalette::Base, rgb(0x1e1f22), rgb(0x242528));
    setBoth(p, QPalette::AlternateBase, rgb(0x26282b), rgb(0x242528));
    setBoth(p, QPalette::ToolTipBase, rgb(0x3a3c40), rgb(0x3a3c40));
    setBoth(p, QPalette::ToolTipText, text, text);
    setBoth(p, QPalette::PlaceholderText, rgb(0x9b9da2), muted);
    setBoth(p, QPalette::Text, text, muted);
    setBoth(p, QPalette::Button, rgb(0x35373b), window);
    setBoth(p, QPalette::ButtonText, text, muted);
    setBoth(p, QPalette::BrightText, rgb(0xffffff), rgb(0xffffff));
    setBoth(p, QPalette::Light, rgb(0x4a4c51), rgb(0x4a4c51));
    setBoth(p, QPalette::Midlight, rgb(0x3c3e42), rgb(0x3c3e42));
    setBoth(p, QPalette::Mid, rgb(0x2a2b2e), rgb(0x2a2b2e));
    setBoth(p, QPalette::Dark, rgb(0x18191b), rgb(0x18191b));
    setBoth(p, QPalette::Shadow, rgb(0x0b0b0c), rgb(0x0b0b0c));
    setBoth(p, QPalette::Highlight, rgb(0x2f65b8), rgb(0x45474c));
    setBoth(p, QPalette::HighlightedText, rgb(0xffffff), text);
    setBoth(p, QPalette::Link, rgb(0x7ab8ff), rgb(0x7ab8ff));
    setBoth(p, QPalette::LinkVisited, rgb(0xc3a1ff), rgb(0xc3a1ff));
    return p;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

void apply(ThemeChoice choice)
{
    if (!g_systemKnown) {
        g_systemKnown = true;
        g_systemStyle = QApplication::style()->name();
        g_systemPalette = QApplication::palette();
    }
    g_current = choice;
    if (choice == ThemeChoice::System) {
        if (QApplication::style()->name() != g_systemStyle)
            QApplication::setStyle(QStyleFactory::create(g_systemStyle));
        QApplication::setPalette(g_systemPalette);
        return;
    }
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(choice == ThemeChoice::Dark ? darkPalette() : lightPalette());
}

ThemeChoice current()
{
    return g_current;
}

QColor over(const QColor &top, const QColor &bottom)
{
    const double a = top.alphaF();
    return QColor::fromRgbF(top.redF() * a + bottom.redF() * (1 - a),
                            top.greenF() * a + bottom.greenF() * (1 - a),
                            top.blueF() * a + bottom.blueF() * (1 - a));
}

double contrastRatio(const QColor &a, const QColor &b)
{
    double la = luminance(a);
    double lb = luminance(b);
    if (la < lb)
        std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

QColor methodColor(const QString &method, const QPalette &palette)
{
    // Light: dark enough for 5:1 on their own 16% tint over white. Dark: light tones.
    static const struct
    {
        const char *method;
        Pair colour;
    } methods[] = {
        {"GET", {0x186d31, 0x6cd08a}},     {"POST", {0x875200, 0xf5c05a}},
        {"PUT", {0x165dbb, 0x6ab4ff}},     {"PATCH", {0x803abf, 0xc997ff}},
        {"DELETE", {0xb22525, 0xff8080}},  {"HEAD", {0x0b6b6b, 0x5fd3d3}},
        {"OPTIONS", {0xa82b76, 0xf08cc8}},
    };
    for (const auto &m : methods) {
        if (method == QLatin1String(m.method))
            return pick(m.colour, palette);
    }
    return palette.color(QPalette::Text);
}

Mark methodBadge(const QString &method, const QPalette &palette, bool selected)
{
    if (selected) {
        // On Highlight: the highlighted text on a darker band, whatever the method.
        return {palette.color(QPalette::HighlightedText), QColor(0, 0, 0, 70)};
    }
    const QColor text = methodColor(method, palette);
    QColor fill = text;
    fill.setAlpha(40);
    return {text, fill};
}

Mark statusBadge(int statusCode, const QPalette &palette)
{
    // Solid fills dark enough for white text at 5:1.
    Pair fill {0x5f6368, 0x6b6b6b};
    if (statusCode >= 200 && statusCode < 300)
        fill = {0x1e7e34, 0x2a7e38};
    else if (statusCode >= 300 && statusCode < 400)
        fill = {0x1a5fb4, 0x2f6ec7};
    else if (statusCode >= 400 && statusCode < 500)
        fill = {0xa85100, 0xa85400};
    else if (statusCode >= 500 && statusCode < 600)
        fill = {0xc02b2b, 0xc13636};
    return {rgb(0xffffff), pick(fill, palette)};
}

QColor statusTextColor(int statusCode, const QPalette &palette)
{
    if (statusCode <= 0 || statusCode >= 500)
        return pick({0xb22525, 0xff8080}, palette);
    if (statusCode >= 400)
        return pick({0x9c4a00, 0xf2a65a}, palette);
    if (statusCode >= 300)
        return pick({0x165dbb, 0x6ab4ff}, palette);
    if (statusCode >= 200)
        return pick({0x186d31, 0x6cd08a}, palette);
    return palette.color(QPalette::PlaceholderText);
}

Mark variableHighlight(bool resolved, const QPalette &palette, bool selected)
{
    if (selected) {
        // Highlighted text on a darker band, underlined when undefined (see the delegates).
        return {palette.color(QPalette::HighlightedText), QColor(0, 0, 0, 80)};
    }
    const QColor text
        = resolved ? pick({0x165dbb, 0x7ab8ff}, palette) : pick({0xb22525, 0xff8080}, palette);
    QColor fill = text;
    fill.setAlpha(40);
    return {text, fill};
}

QColor jsonTokenColor(JsonToken token, const QPalette &palette)
{
    switch (token) {
    case JsonToken::Key:
        return pick({0x0451a5, 0x9cdcfe}, palette);
    case JsonToken::String:
        return pick({0xa31515, 0xe0a58c}, palette);
    case JsonToken::Number:
        return pick({0x066b46, 0xb5cea8}, palette);
    case JsonToken::Literal:
        return pick({0x0000ff, 0x86bdf0}, palette);
    case JsonToken::Error:
        return pick({0xb31d1d, 0xff9090}, palette);
    case JsonToken::Punctuation:
    case JsonToken::Default:
        break;
    }
    return palette.color(QPalette::Text);
}

EditorColors editorColors(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor highlight = palette.color(QPalette::Highlight);
    const auto mix = [&](const QColor &towards, double t) {
        QColor c = towards;
        c.setAlphaF(t);
        return over(c, base);
    };
    EditorColors c;
    c.paper = base;
    c.text = text;
    c.marginBackground = mix(text, 0.04);
    // Line numbers are read too: 4.5:1 on the margin.
    c.marginText = mix(text, isDark(palette) ? 0.6 : 0.66);
    c.caretLine = mix(text, 0.05);
    c.selection = mix(highlight, isDark(palette) ? 0.55 : 0.35);
    c.braceMatch = mix(highlight, isDark(palette) ? 0.25 : 0.18);
    return c;
}

QColor diffLineColor(DiffLine line, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    QColor tint;
    switch (line) {
    case DiffLine::Added:
        tint = QColor(46, 160, 67);
        break;
    case DiffLine::Changed:
        tint = QColor(210, 153, 34);
        break;
    case DiffLine::Removed:
        tint = QColor(218, 54, 51);
        break;
    }
    tint.setAlpha(isDark(palette) ? 45 : 40);
    return over(tint, base);
}

Mark warningBar(const QPalette &palette)
{
    return isDark(palette) ? Mark {rgb(0xffe2a8), rgb(0x4a3512)}
                           : Mark {rgb(0x5c4300), rgb(0xfff4d6)};
}

namespace {

// Re-applies the warning colours to its parent after a theme change.
class WarningColors final : public QObject
{
public:
    explicit WarningColors(QWidget *bar)
        : QObject(bar)
        , m_bar(bar)
    {
        bar->installEventFilter(this);
        update();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_bar && event->type() == QEvent::ApplicationPaletteChange)
            update();
        return QObject::eventFilter(watched, event);
    }

private:
    void update()
    {
        const Mark bar = warningBar(QApplication::palette());
        QPalette palette; // Window and WindowText only; the rest follows the theme
        palette.setColor(QPalette::Window, bar.fill);
        palette.setColor(QPalette::WindowText, bar.text);
        m_bar->setPalette(palette);
    }

    QWidget *m_bar; // not owned (our parent)
};

} // namespace

void useWarningColors(QWidget *bar)
{
    bar->setAutoFillBackground(true);
    new WarningColors(bar); // owned by bar
}

QColor errorText(const QPalette &palette)
{
    return pick({0xb22525, 0xff8080}, palette);
}

} // namespace Patchbay::Ui::Theme
