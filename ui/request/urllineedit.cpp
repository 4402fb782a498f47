#include "ui/request/urllineedit.h"

#include "core/interop/curlimport.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QHelpEvent>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QTextCharFormat>
#include <QToolTip>

#include <memory>

namespace Patchbay::Ui {

UrlLineEdit::UrlLineEdit(QWidget *parent)
    : QLineEdit(parent)
{
    connect(this, &QLineEdit::textChanged, this, &UrlLineEdit::refreshVariables);
}

UrlLineEdit::~UrlLineEdit() = default;

void UrlLineEdit::setVariableLookup(VariableLookup lookup)
{
    m_lookup = std::move(lookup);
    refreshVariables();
}

void UrlLineEdit::refreshVariables()
{
    const QList<VariableHighlight> now = Ui::variableHighlights(text(), m_lookup);
    if (now.isEmpty() && m_highlights.isEmpty())
        return;
    m_highlights = now;
    applyHighlights();
}

void UrlLineEdit::applyHighlights()
{
    // QLineEdit has no public API for formats; an input method event carrying only TextFormat
    // attributes sets them on its layout without touching text, cursor or undo history.
    // Attribute positions are relative to the cursor.
    QList<QInputMethodEvent::Attribute> attributes;
    const int cursor = cursorPosition();
    const QColor accent = resolvedVariableColor(palette());
    for (const VariableHighlight &h : std::as_const(m_highlights)) {
        QTextCharFormat format;
        const QColor colour = h.resolved ? accent : unresolvedVariableColor();
        format.setForeground(colour);
        QColor background = colour;
        background.setAlpha(40);
        format.setBackground(background);
        if (!h.resolved) {
            format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            format.setUnderlineColor(colour);
        }
        attributes.append(
            {QInputMethodEvent::TextFormat, int(h.start) - cursor, int(h.length), format});
    }
    QInputMethodEvent event(QString(), attributes);
    QLineEdit::inputMethodEvent(&event);
}

QString UrlLineEdit::variableToolTipAt(int position) const
{
    if (!m_lookup)
        return {};
    for (const VariableHighlight &h : m_highlights) {
        if (position >= h.start && position < h.start + h.length)
            return variableToolTip(h.name, m_lookup(h.name));
    }
    return {};
}

bool UrlLineEdit::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && !m_highlights.isEmpty()) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = variableToolTipAt(cursorPositionAt(help->pos()));
        if (!tip.isEmpty()) {
            QToolTip::showText(help->globalPos(), tip, this);
            return true;
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QLineEdit::event(event);
}

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
