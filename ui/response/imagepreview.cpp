#include "ui/response/imagepreview.h"

#include <QPainter>

namespace Patchbay::Ui {

ImagePreview::ImagePreview(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("imagePreview"));
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setMinimumSize(64, 64);
}

ImagePreview::~ImagePreview() = default;

void ImagePreview::setImage(const QImage &image)
{
    m_image = image;
    update();
}

QRect ImagePreview::imageRect() const
{
    if (m_image.isNull())
        return {};
    const QRect available = rect().adjusted(12, 12, -12, -12);
    QSize size = m_image.size();
    if (size.width() > available.width() || size.height() > available.height())
        size.scale(available.size(), Qt::KeepAspectRatio);
    QRect r(QPoint(0, 0), size);
    r.moveCenter(available.center());
    return r;
}

void ImagePreview::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_image.isNull())
        return;
    const QRect target = imageRect();
    if (m_image.hasAlphaChannel()) {
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        const QColor a = dark ? QColor(60, 60, 60) : QColor(255, 255, 255);
        const QColor b = dark ? QColor(80, 80, 80) : QColor(225, 225, 225);
        constexpr int cell = 8;
        painter.save();
        painter.setClipRect(target);
        for (int y = target.top(); y <= target.bottom(); y += cell) {
            for (int x = target.left(); x <= target.right(); x += cell) {
                const bool even = ((x - target.left()) / cell + (y - target.top()) / cell) % 2;
                painter.fillRect(x, y, cell, cell, even ? a : b);
            }
        }
        painter.restore();
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_image);
}

} // namespace Patchbay::Ui
