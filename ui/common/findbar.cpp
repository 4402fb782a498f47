#include "ui/common/findbar.h"

#include "ui/common/codeview.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>

namespace Patchbay::Ui {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_caseSensitive(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("findBar"));
    m_edit->setObjectName(QStringLiteral("findText"));
    m_edit->setPlaceholderText(tr("Find"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(220);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_previous->setAutoRaise(true);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (Enter)"));
    m_next->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close (Esc)"));
    m_close->setAutoRaise(true);
    m_status->setObjectName(QStringLiteral("findStatus"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->setSpacing(4);
    layout->addWidget(m_edit);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addSpacing(6);
    layout->addWidget(m_caseSensitive);
    layout->addSpacing(6);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_close);

    connect(m_edit, &QLineEdit::returnPressed, this,
            [this] { find(QGuiApplication::keyboardModifiers().testFlag(Qt::ShiftModifier)); });
    connect(m_edit, &QLineEdit::textEdited, this, [this] { m_status->clear(); });
    connect(m_previous, &QToolButton::clicked, this, [this] { find(true); });
    connect(m_next, &QToolButton::clicked, this, [this] { find(false); });
    connect(m_close, &QToolButton::clicked, this, &FindBar::close);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &FindBar::close);
    hide();
}

FindBar::~FindBar() = default;

void FindBar::setView(CodeView *view)
{
    m_view = view;
}

void FindBar::activate()
{
    if (m_view && m_view->hasSelectedText()) {
        const QString selected = m_view->selectedText();
        if (!selected.contains(QLatin1Char('\n')) && selected.size() < 200)
            m_edit->setText(selected);
    }
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

QString FindBar::text() const
{
    return m_edit->text();
}

void FindBar::setText(const QString &text)
{
    m_edit->setText(text);
}

bool FindBar::isCaseSensitive() const
{
    return m_caseSensitive->isChecked();
}

void FindBar::setCaseSensitive(bool on)
{
    m_caseSensitive->setChecked(on);
}

bool FindBar::findNext()
{
    return find(false);
}

bool FindBar::findPrevious()
{
    return find(true);
}

bool FindBar::find(bool backwards)
{
    if (!m_view || m_edit->text().isEmpty()) {
        m_status->clear();
        return false;
    }
    const bool found = m_view->findNext(m_edit->text(), isCaseSensitive(), backwards);
    m_status->setText(found ? QString() : tr("No matches"));
    return found;
}

void FindBar::close()
{
    hide();
    m_status->clear();
    if (m_view)
        m_view->setFocus(Qt::OtherFocusReason);
    emit closed();
}

} // namespace Patchbay::Ui
