#include "ui/tabs/tabdecorations.h"

#include "ui/request/requesteditor.h"

#include <QEvent>
#include <QPainter>
#include <QStyleOption>
#include <QTimer>

namespace Patchbay::Ui {

MethodBadge::MethodBadge(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("methodBadge"));
    setAlignment(Qt::AlignCenter);
    setContentsMargins(2, 0, 2, 0);
    updateLook();
}

void MethodBadge::setMethod(const QString &method)
{
    const QString upper = method.left(7).toUpper();
    if (upper == m_method)
        return;
    m_method = upper;
    setText(upper);
    updateLook();
}

void MethodBadge::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        updateLook();
}

void MethodBadge::updateLook()
{
    // A bold method a little smaller than the title: relative to the tab bar's font, so that
    // both keep their proportions at any scale.
    QFont badgeFont = parentWidget() ? parentWidget()->font() : font();
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    if (font() != badgeFont)
        setFont(badgeFont);
    QPalette pal = palette();
    const QColor colour = RequestEditor::methodColor(m_method, pal);
    if (pal.color(QPalette::WindowText) != colour) {
        pal.setColor(QPalette::WindowText, colour);
        setPalette(pal);
    }
}

TabStateButton::TabStateButton(QWidget *parent)
    : QAbstractButton(parent)
    , m_spin(new QTimer(this))
{
    setObjectName(QStringLiteral("tabStateButton"));
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::ArrowCursor);
    m_spin->setInterval(80);
    connect(m_spin, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 30) % 360;
        update();
    });
    updateToolTip();
}

void TabStateButton::setDirty(bool dirty)
{
    if (m_dirty == dirty)
        return;
    m_dirty = dirty;
    updateToolTip();
    update();
}

void TabStateButton::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    if (busy)
        m_spin->start();
    else
        m_spin->stop();
    updateToolTip();
    update();
}

QSize TabStateButton::sizeHint() const
{
    const int side = std::max(16, fontMetrics().height());
    return {side, side};
}

void TabStateButton::enterEvent(QEnterEvent *event)
{
    QAbstractButton::enterEvent(event);
    update();
}

void TabStateButton::leaveEvent(QEvent *event)
{
    QAbstractButton::leaveEvent(event);
    update();
}

void TabStateButton::updateToolTip()
{
    setToolTip(m_busy        ? tr("Sending… Close the tab to cancel the request")
                   : m_dirty ? tr("Unsaved changes. Close the tab")
                             : tr("Close the tab"));
    setAccessibleName(tr("Close tab"));
}

void TabStateButton::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(2, 2, -2, -2);
    const QColor ink = palette().color(QPalette::WindowText);
    const bool hovered = underMouse();
    if (m_busy && !hovered) {
        // A turning arc: the request is in flight.
        QPen pen(palette().color(QPalette::Highlight), std::max(1.5, area.width() / 7));
        pen.setCapStyle(Qt::RoundCap);
        painter.setPen(pen);
        const QRectF ring = area.adjusted(pen.widthF(), pen.widthF(), -pen.widthF(), -pen.widthF());
        painter.drawArc(ring, -m_angle * 16, 270 * 16);
        return;
    }
    if (m_dirty && !hovered) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        const qreal r = area.width() / 4.5;
        painter.drawEllipse(area.center(), r, r);
        return;
    }
    QStyleOption option;
    option.initFrom(this);
    option.state |= QStyle::State_AutoRaise;
    if (hovered && isEnabled())
        option.state |= QStyle::State_Raised;
    if (isDown())
        option.state |= QStyle::State_Sunken;
    style()->drawPrimitive(QStyle::PE_IndicatorTabClose, &option, &painter, this);
}

} // namespace Patchbay::Ui
