#include "ui/history/historydelegate.h"

#include "ui/common/theme.h"
#include "ui/history/historymodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace Patchbay::Ui {

namespace {

constexpr int Padding = 6;

} // namespace

HistoryItemDelegate::HistoryItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QColor HistoryItemDelegate::methodColor(const QString &method, const QPalette &palette)
{
    const QColor colour = Theme::methodColor(method, palette);
    return colour == palette.color(QPalette::Text) ? palette.color(QPalette::PlaceholderText)
                                                   : colour;
}

QColor HistoryItemDelegate::statusColor(int statusCode, const QPalette &palette)
{
    return Theme::statusTextColor(statusCode, palette);
}

QSize HistoryItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const int height = option.fontMetrics.height() + (index.parent().isValid() ? 8 : 10);
    size.setHeight(std::max(size.height(), height));
    return size;
}

void HistoryItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QPalette &palette = opt.palette;

    // Background, selection and focus as the style draws them, without the text.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    const QRect rect = opt.rect.adjusted(Padding, 0, -Padding, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor textColor = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);

    if (index.data(HistoryModel::IsDayRole).toBool()) {
        QFont font = opt.font;
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(selected ? textColor : palette.color(QPalette::PlaceholderText));
        painter->drawText(rect, Qt::AlignVCenter | Qt::AlignLeft,
                          index.data(Qt::DisplayRole).toString());
        painter->restore();
        return;
    }

    const QFontMetrics fm(opt.font);
    const QString method = index.data(HistoryModel::MethodRole).toString();
    const int status = index.data(HistoryModel::StatusCodeRole).toInt();
    const QString statusText = status > 0 ? QString::number(status) : tr("ERR");
    const QString time
        = QLocale().toString(index.data(HistoryModel::SentAtRole).toDateTime().toLocalTime().time(),
                             QLocale::ShortFormat);

    // Badge: the method in a rounded box of its colour.
    QFont badgeFont = opt.font;
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(std::max(6.0, opt.font.pointSizeF() * 0.8));
    const QFontMetrics bfm(badgeFont);
    const int badgeWidth
        = std::max(bfm.horizontalAdvance(QStringLiteral("DELETE")), bfm.horizontalAdvance(method))
        + 8;
    const QRect badge(rect.left(), rect.center().y() - bfm.height() / 2 - 1, badgeWidth,
                      bfm.height() + 2);
    const Theme::Mark mark = Theme::methodBadge(method, palette, selected);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(mark.fill);
    painter->drawRoundedRect(badge, 3, 3);
    painter->setFont(badgeFont);
    painter->setPen(mark.text);
    painter->drawText(badge, Qt::AlignCenter, bfm.elidedText(method, Qt::ElideRight, badgeWidth));

    // Right side: status, then time.
    painter->setFont(opt.font);
    const int timeWidth = fm.horizontalAdvance(time);
    const QRect timeRect(rect.right() - timeWidth, rect.top(), timeWidth, rect.height());
    const int statusWidth = fm.horizontalAdvance(QStringLiteral("000")) + Padding;
    const QRect statusRect(timeRect.left() - Padding - statusWidth, rect.top(), statusWidth,
                           rect.height());
    painter->setPen(selected ? textColor : palette.color(QPalette::PlaceholderText));
    painter->drawText(timeRect, Qt::AlignVCenter | Qt::AlignRight, time);
    QFont statusFont = opt.font;
    statusFont.setBold(true);
    painter->setFont(statusFont);
    painter->setPen(selected ? textColor : statusColor(status, palette));
    painter->drawText(statusRect, Qt::AlignVCenter | Qt::AlignRight, statusText);

    // The URL takes what is left.
    painter->setFont(opt.font);
    const QRect urlRect(badge.right() + Padding, rect.top(),
                        statusRect.left() - Padding - badge.right() - Padding, rect.height());
    painter->setPen(textColor);
    painter->drawText(urlRect, Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(index.data(HistoryModel::UrlRole).toString(), Qt::ElideMiddle,
                                    urlRect.width()));
    painter->restore();
}

} // namespace Patchbay::Ui
