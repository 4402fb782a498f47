#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

namespace Patchbay::Ui {

// Hides the text of a credential field (password echo) and adds an eye at its end that shows
// it while checked (QAction "revealAction").
void makeSecretField(QLineEdit *edit);
// makeSecretField() for an auth setting whose typed value moves to the keyring when the item is
// saved (core/collections/authsecrets.h); its tooltip says so.
void makeKeyringSecretField(QLineEdit *edit);

// A multi-line credential (a PEM private key, a shared secret): while it holds a key typed in
// the field it shows a line of bullets and its length instead of the key; the eye button
// (objectName "revealButton") shows the editor. An empty field or a lone {{variable}} shows the
// editor, ready to type or paste into. Takes `edit` as its child.
class SecretTextField final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretTextField)

public:
    explicit SecretTextField(QPlainTextEdit *edit, QWidget *parent = nullptr);

    QPlainTextEdit *edit() const { return m_edit; }
    QToolButton *revealButton() const { return m_reveal; }
    bool isConcealed() const;
    // Call after the text was set from a request: hides a literal key (unchecking the eye),
    // shows an empty field or a variable.
    void conceal();

private:
    void update();

    QPlainTextEdit *m_edit; // owned (child)
    QLabel *m_mask; // owned (child)
    QStackedWidget *m_stack; // owned (child)
    QToolButton *m_reveal; // owned (child)
};

} // namespace Patchbay::Ui
