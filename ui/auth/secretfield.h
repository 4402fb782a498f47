#pragma once

class QLineEdit;

namespace Patchbay::Ui {

// Hides the text of a credential field (password echo) and adds an eye at its end that shows
// it while checked (QAction "revealAction").
void makeSecretField(QLineEdit *edit);

} // namespace Patchbay::Ui
