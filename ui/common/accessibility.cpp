#include "ui/common/accessibility.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>

namespace Patchbay::Ui::Accessibility {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Patchbay::Ui::Accessibility", text);
}

QString buttonDescription(QDialogButtonBox::StandardButton button)
{
    switch (button) {
    case QDialogButtonBox::Ok:
        return tr("Keep the changes and close this dialog");
    case QDialogButtonBox::Save:
        return tr("Save and close this dialog");
    case QDialogButtonBox::Apply:
        return tr("Apply the changes and keep this dialog open");
    case QDialogButtonBox::Cancel:
        return tr("Close this dialog without changing anything");
    case QDialogButtonBox::Close:
        return tr("Close this dialog");
    case QDialogButtonBox::Discard:
        return tr("Close this dialog and drop the changes");
    case QDialogButtonBox::Reset:
    case QDialogButtonBox::RestoreDefaults:
        return tr("Put back the default values");
    case QDialogButtonBox::Help:
        return tr("Show help on this dialog");
    default:
        return QString();
    }
}

} // namespace

void describe(QWidget *widget, const QString &name, const QString &description)
{
    widget->setAccessibleName(name);
    widget->setAccessibleDescription(description);
}

void describeTabs(QTabWidget *tabs, const QString &description)
{
    tabs->setAccessibleDescription(description);
    tabs->tabBar()->setAccessibleDescription(description); // for when Qt reads it
}

void describeButtons(QDialogButtonBox *buttons)
{
    for (QAbstractButton *button : buttons->buttons()) {
        if (!button->accessibleDescription().isEmpty())
            continue;
        const QString text = buttonDescription(buttons->standardButton(button));
        if (!text.isEmpty())
            button->setAccessibleDescription(text);
    }
}

} // namespace Patchbay::Ui::Accessibility
