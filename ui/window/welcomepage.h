#pragma once

#include <QWidget>

namespace Patchbay::Ui {

// What an empty tab's response side shows on a first run: an offer to send an update to the
// built-in sandbox API, and where to find the shortcuts.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(QWidget *parent = nullptr);

signals:
    // "Try PATCH /users/1 on the sandbox" was clicked.
    void sandboxExampleRequested();
};

} // namespace Patchbay::Ui
