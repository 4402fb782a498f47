#pragma once

#include <QStyledItemDelegate>

namespace Patchbay::Ui {

// Paints the collections tree: requests as a coloured method badge (as in the history panel)
// and their name; collections and folders with their icon; files that failed to parse greyed
// with a warning icon. Editing (rename) is the default line edit.
class CollectionItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionItemDelegate)

public:
    explicit CollectionItemDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

    // The width of the badge column, so that names line up.
    static int badgeWidth(const QFont &font);
};

} // namespace Patchbay::Ui
