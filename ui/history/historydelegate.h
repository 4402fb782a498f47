#pragma once

#include <QStyledItemDelegate>

namespace Patchbay::Ui {

// Paints history rows: day headers in a muted small-caps style; entries as a coloured method
// badge, the URL (elided in the middle, see elideUrl()), the status coloured by class and the
// time sent (after a ↻ for requests sent by a run).
// Colours are derived from the palette so that they read well on light and dark themes.
class HistoryItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryItemDelegate)

public:
    explicit HistoryItemDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Text colour for a method badge and for a status (0 = transport failure).
    static QColor methodColor(const QString &method, const QPalette &palette);
    static QColor statusColor(int statusCode, const QPalette &palette);
    // The URL in at most `width` pixels, readable: without its scheme, then the host and as many
    // whole path segments from the end as fit ("127.0.0.1:3000/…/users/1", "…/users/1"), and
    // only then cut in the middle of the text.
    static QString elideUrl(const QString &url, const QFontMetrics &metrics, int width);
};

} // namespace Patchbay::Ui
