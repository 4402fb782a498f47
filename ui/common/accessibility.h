#pragma once

#include <QString>

class QDialogButtonBox;
class QTabWidget;
class QWidget;

namespace Patchbay::Ui::Accessibility {

// What a screen reader announces for `widget`: its name (what it is) and its description
// (what it does or holds). tst_accessibility walks every focus chain and fails on a gap.
void describe(QWidget *widget, const QString &name, const QString &description);

// `tabs` gets `description`. Its tab bar is announced by the current page's name: Qt 6.4's
// QAccessibleTabBar reports no description, so each page needs a tab text.
void describeTabs(QTabWidget *tabs, const QString &description);

// Each standard button of `buttons` (OK, Save, Cancel, Close...) says what pressing it does,
// unless it already has a description of its own.
void describeButtons(QDialogButtonBox *buttons);

} // namespace Patchbay::Ui::Accessibility
