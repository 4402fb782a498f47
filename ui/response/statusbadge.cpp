#include "ui/response/statusbadge.h"

#include <QPainter>
#include <QPainterPath>

namespace Patchbay::Ui {

StatusBadge::StatusBadge(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("statusBadge"));
    QFont bold = font();
    bold.setBold(true);
    setFont(bold);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

StatusBadge::~StatusBadge() = default;

void StatusBadge::setStatusCode(int code)
{
    m_code = code;
    setToolTip(tr("HTTP status %1").arg(code));
    updateGeometry();
    update();
}

QString StatusBadge::text() const
{
    return QString::number(m_code);
}

StatusBadge::StatusClass StatusBadge::classOf(int code)
{
    if (code >= 100 && code < 200)
        return StatusClass::Informational;
    if (code >= 200 && code < 300)
        return StatusClass::Success;
    if (code >= 300 && code < 400)
        return StatusClass::Redirect;
    if (code >= 400 && code < 500)
        return StatusClass::ClientError;
    if (code >= 500 && code < 600)
        return StatusClass::ServerError;
    return StatusClass::Unknown;
}

QColor StatusBadge::colorFor(StatusClass statusClass, const QPalette &palette)
{
    // Mid-tone fills: white text stays readable, and they stand out on light and dark bases.
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    switch (statusClass) {
    case StatusClass::Success:
        return dark ? QColor(0x2e, 0x8b, 0x3e) : QColor(0x1e, 0x7e, 0x34);
    case StatusClass::Redirect:
        return dark ? QColor(0x2f, 0x6f, 0xc9) : QColor(0x1a, 0x5f, 0xb4);
    case StatusClass::ClientError:
        return dark ? QColor(0xc8, 0x6a, 0x12) : QColor(0xc2, 0x5e, 0x00);
    case StatusClass::ServerError:
        return dark ? QColor(0xc9, 0x3a, 0x3a) : QColor(0xc0, 0x2b, 0x2b);
    case StatusClass::Informational:
    case StatusClass::Unknown:
        break;
    }
    return dark ? QColor(0x6b, 0x6b, 0x6b) : QColor(0x5f, 0x63, 0x68);
}

QColor StatusBadge::color() const
{
    return colorFor(statusClass(), palette());
}

QSize StatusBadge::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return {fm.horizontalAdvance(text()) + 20, fm.height() + 8};
}

void StatusBadge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    path.addRoundedRect(r, r.height() / 2, r.height() / 2);
    painter.fillPath(path, color());
    painter.setPen(Qt::white);
    painter.drawText(rect(), Qt::AlignCenter, text());
}

} // namespace Patchbay::Ui
