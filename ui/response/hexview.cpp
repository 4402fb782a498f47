#include "ui/response/hexview.h"

#include "ui/common/preferences.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>

namespace Patchbay::Ui {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("hexView"));
    setFont(Preferences::instance()->editorFont());
    connect(Preferences::instance(), &Preferences::editorFontChanged, this, [this](const QFont &f) {
        setFont(f);
        viewport()->update();
    });
    setFrameShape(QFrame::NoFrame);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
}

HexView::~HexView() = default;

void HexView::setData(const QByteArray &data)
{
    m_data = data;
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

int HexView::lineCount() const
{
    return int((m_data.size() + kBytesPerLine - 1) / kBytesPerLine);
}

QString HexView::lineText(int line) const
{
    const qsizetype offset = qsizetype(line) * kBytesPerLine;
    if (line < 0 || offset >= m_data.size())
        return {};
    const qsizetype count = std::min<qsizetype>(kBytesPerLine, m_data.size() - offset);
    QString text;
    text.reserve(10 + kBytesPerLine * 3 + 2 + kBytesPerLine);
    text += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
    for (int i = 0; i < kBytesPerLine; ++i) {
        if (i == kBytesPerLine / 2)
            text += QLatin1Char(' ');
        if (i < count) {
            const auto b = static_cast<unsigned char>(m_data.at(offset + i));
            text += QLatin1Char(kHexDigits[b >> 4]);
            text += QLatin1Char(kHexDigits[b & 0xf]);
            text += QLatin1Char(' ');
        } else {
            text += QLatin1String("   ");
        }
    }
    text += QLatin1Char(' ');
    for (qsizetype i = 0; i < count; ++i) {
        const char c = m_data.at(offset + i);
        text += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
    }
    return text;
}

int HexView::lineHeight() const
{
    return fontMetrics().height() + 2;
}

void HexView::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / lineHeight());
    verticalScrollBar()->setRange(0, std::max(0, lineCount() - visible));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    const int width = fontMetrics().horizontalAdvance(QLatin1Char('0')) * (10 + 49 + 1 + 16) + 16;
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateScrollBars();
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(font());
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor faint = text;
    faint.setAlphaF(0.5);
    const int height = lineHeight();
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int x0 = 8 - horizontalScrollBar()->value();
    const int first = verticalScrollBar()->value();
    const int count = viewport()->height() / height + 2;
    const int ascent = fontMetrics().ascent() + 1;
    for (int i = 0; i < count; ++i) {
        const int line = first + i;
        if (line >= lineCount())
            break;
        const QString s = lineText(line);
        const int y = i * height + ascent;
        // Offset and ASCII columns are quieter than the bytes.
        painter.setPen(faint);
        painter.drawText(x0, y, s.left(10));
        painter.setPen(text);
        painter.drawText(x0 + charWidth * 10, y, s.mid(10, 49));
        painter.setPen(faint);
        painter.drawText(x0 + charWidth * 60, y, s.mid(60));
    }
}

} // namespace Patchbay::Ui
