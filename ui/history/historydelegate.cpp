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

QString HistoryItemDelegate::elideUrl(const QString &url, const QFontMetrics &metrics, int width)
{
    const auto fits = [&](const QString &text) { return metrics.horizontalAdvance(text) <= width; };
    if (fits(url))
        return url;
    QString shown = url;
    for (const QLatin1String scheme : {QLatin1String("https://"), QLatin1String("http://")}) {
        if (shown.startsWith(scheme, Qt::CaseInsensitive)) {
            shown = shown.mid(scheme.size());
            break;
        }
    }
    if (fits(shown))
        return shown;
    const QString ellipsis = QStringLiteral("…");
    const qsizetype slash = shown.indexOf(u'/');
    if (slash > 0) {
        const QString host = shown.left(slash);
        const QStringList segments = shown.mid(slash + 1).split(u'/');
        // The host with the last segments, as many as fit; then the last segments alone.
        for (qsizetype keep = segments.size() - 1; keep >= 1; --keep) {
            const QString end = segments.mid(segments.size() - keep).join(u'/');
            if (fits(host + u'/' + ellipsis + u'/' + end))
                return host + u'/' + ellipsis + u'/' + end;
        }
        for (qsizetype keep = segments.size(); keep >= 1; --keep) {
            const QString end = segments.mid(segments.size() - keep).join(u'/');
            if (fits(ellipsis + u'/' + end))
                return ellipsis + u'/' + end;
        }
    }
    return metrics.elidedText(shown, Qt::ElideMiddle, width);
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
    // Sent by a collection run (the tooltip names it): a mark before the time.
    const bool fromRun = !index.data(HistoryModel::RunRole).toString().isEmpty();
    const QString runMark = QStringLiteral("↻");
    const int markWidth = fromRun ? fm.horizontalAdvance(runMark) + 2 : 0;
    const int statusWidth = fm.horizontalAdvance(QStringLiteral("000")) + Padding;
    const QRect statusRect(timeRect.left() - Padding - markWidth - statusWidth, rect.top(),
                           statusWidth, rect.height());
    painter->setPen(selected ? textColor : palette.color(QPalette::PlaceholderText));
    painter->drawText(timeRect, Qt::AlignVCenter | Qt::AlignRight, time);
    if (fromRun)
        painter->drawText(QRect(timeRect.left() - markWidth, rect.top(), markWidth, rect.height()),
                          Qt::AlignVCenter | Qt::AlignLeft, runMark);
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
                      elideUrl(index.data(HistoryModel::UrlRole).toString(), fm, urlRect.width()));
    painter->restore();
}

} // namespace Patchbay::Ui
