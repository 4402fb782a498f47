#include "ui/auth/secretfield.h"

#include <QAction>
#include <QCoreApplication>
#include <QIcon>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>

namespace Patchbay::Ui {

namespace {

// An eye drawn in the text colour, for desktops whose icon theme has no "view-visible".
QIcon eyeIcon(const QPalette &palette)
{
    const QIcon themed = QIcon::fromTheme(QStringLiteral("view-visible"));
    if (!themed.isNull())
        return themed;
    QIcon icon;
    for (const int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal s = size / 16.0;
        QPen pen(palette.color(QPalette::Text), 1.4 * s);
        painter.setPen(pen);
        QPainterPath outline;
        outline.moveTo(1.5 * s, 8 * s);
        outline.quadTo(8 * s, 1 * s, 14.5 * s, 8 * s);
        outline.quadTo(8 * s, 15 * s, 1.5 * s, 8 * s);
        painter.drawPath(outline);
        painter.setBrush(palette.color(QPalette::Text));
        painter.drawEllipse(QPointF(8 * s, 8 * s), 2.2 * s, 2.2 * s);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Patchbay::Ui::SecretField", text);
}

} // namespace

void makeSecretField(QLineEdit *edit)
{
    edit->setEchoMode(QLineEdit::Password);
    QAction *reveal = edit->addAction(eyeIcon(edit->palette()), QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show"));
    reveal->setObjectName(QStringLiteral("revealAction"));
    QObject::connect(reveal, &QAction::toggled, edit, [edit, reveal](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setToolTip(shown ? tr("Hide") : tr("Show"));
    });
}

} // namespace Patchbay::Ui
