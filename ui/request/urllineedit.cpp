#include "ui/request/urllineedit.h"

#include "core/interop/curlimport.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>

#include <memory>

namespace Patchbay::Ui {

UrlLineEdit::UrlLineEdit(QWidget *parent)
    : QLineEdit(parent)
{ }

UrlLineEdit::~UrlLineEdit() = default;

bool UrlLineEdit::pasteCurlFromClipboard()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (!Core::looksLikeCurlCommand(text))
        return false;
    emit curlPasted(text);
    return true;
}

void UrlLineEdit::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Paste) && !isReadOnly() && pasteCurlFromClipboard()) {
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void UrlLineEdit::contextMenuEvent(QContextMenuEvent *event)
{
    std::unique_ptr<QMenu> menu(createStandardContextMenu());
    // Route the menu's Paste through the same curl check as Ctrl+V.
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (!action->shortcut().matches(QKeySequence::Paste))
            continue;
        QAction *replacement = new QAction(action->text(), menu.get()); // owned by the menu
        replacement->setShortcut(action->shortcut());
        replacement->setEnabled(action->isEnabled());
        connect(replacement, &QAction::triggered, this, [this] {
            if (!pasteCurlFromClipboard())
                paste();
        });
        menu->insertAction(action, replacement);
        menu->removeAction(action);
        break;
    }
    menu->exec(event->globalPos());
}

} // namespace Patchbay::Ui
