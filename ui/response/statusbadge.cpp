#include "ui/response/statusbadge.h"

#include "ui/common/theme.h"

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
    static const int representative[] = {100, 200, 300, 400, 500, 0};
    return Theme::statusBadge(representative[int(statusClass)], palette).fill;
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
    painter.setPen(Theme::statusBadge(m_code, palette()).text);
    painter.drawText(rect(), Qt::AlignCenter, text());
}

} // namespace Patchbay::Ui
