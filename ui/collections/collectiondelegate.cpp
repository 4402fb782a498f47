#include "ui/collections/collectiondelegate.h"

#include "core/collections/collectionitem.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QWidget>

namespace Patchbay::Ui {

namespace {

constexpr int Padding = 6;

QFont badgeFontFor(const QFont &font)
{
    QFont badgeFont = font;
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.8));
    return badgeFont;
}

bool isRequest(const QModelIndex &index)
{
    return index.data(CollectionTreeModel::KindRole).toInt() == int(Core::ItemKind::Request)
        && index.data(CollectionTreeModel::ProblemRole).toString().isEmpty();
}

} // namespace

CollectionItemDelegate::CollectionItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

int CollectionItemDelegate::badgeWidth(const QFont &font)
{
    const QFontMetrics bfm(badgeFontFor(font));
    return bfm.horizontalAdvance(QStringLiteral("DELETE")) + 8;
}

QSize CollectionItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
    if (isRequest(index))
        size.rwidth() += badgeWidth(option.font) + Padding;
    return size;
}

void CollectionItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    if (!isRequest(index)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QPalette &palette = opt.palette;
    const QString name = opt.text;

    // Background, selection and focus as the style draws them, without the text.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    const QRect rect = opt.rect.adjusted(Padding / 2, 0, -Padding, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor textColor = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);

    // Badge: the method in a rounded box of its colour, as in the history panel.
    const QString method = index.data(CollectionTreeModel::MethodRole).toString();
    const QFont badgeFont = badgeFontFor(opt.font);
    const QFontMetrics bfm(badgeFont);
    const int width = badgeWidth(opt.font);
    const QRect badge(rect.left(), rect.center().y() - bfm.height() / 2 - 1, width,
                      bfm.height() + 2);
    const Theme::Mark mark = Theme::methodBadge(method.toUpper(), palette, selected);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(mark.fill);
    painter->drawRoundedRect(badge, 3, 3);
    painter->setFont(badgeFont);
    painter->setPen(mark.text);
    painter->drawText(badge, Qt::AlignCenter, bfm.elidedText(method, Qt::ElideRight, width));

    painter->setFont(opt.font);
    const QFontMetrics fm(opt.font);
    const QRect nameRect(badge.right() + Padding, rect.top(),
                         rect.right() - badge.right() - Padding, rect.height());
    painter->setPen(textColor);
    painter->drawText(nameRect, Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(name, Qt::ElideRight, nameRect.width()));
    painter->restore();
}

void CollectionItemDelegate::updateEditorGeometry(QWidget *editor,
                                                  const QStyleOptionViewItem &option,
                                                  const QModelIndex &index) const
{
    QStyledItemDelegate::updateEditorGeometry(editor, option, index);
    if (isRequest(index)) {
        // Edit the name where it is drawn, next to the badge.
        const int shift = Padding / 2 + badgeWidth(option.font) + Padding / 2;
        editor->setGeometry(editor->geometry().adjusted(shift, 0, 0, 0));
    }
}

} // namespace Patchbay::Ui
