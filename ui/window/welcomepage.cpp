#include "ui/window/welcomepage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);

    auto *title = new QLabel(tr("Send your first request"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *text = new QLabel(
        tr("Patchbay comes with a sandbox API that runs on this computer: no network and no "
           "account needed.<br>Try an update: a PATCH that changes one field of a user."),
        this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setTextFormat(Qt::RichText);

    auto *tryButton = new QPushButton(tr("Try PATCH /users/1 on the sandbox"), this);
    tryButton->setDefault(true);
    tryButton->setObjectName(QStringLiteral("trySandboxButton"));
    connect(tryButton, &QPushButton::clicked, this, &WelcomePage::sandboxExampleRequested);

    auto *hint = new QLabel(tr("Or type a URL and press Ctrl+Enter. Help \u2192 Keyboard "
                               "shortcuts lists every shortcut."),
                            this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(text);
    layout->addSpacing(16);
    layout->addWidget(tryButton, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    layout->addWidget(hint);
    layout->addStretch(3);
}

} // namespace Patchbay::Ui
