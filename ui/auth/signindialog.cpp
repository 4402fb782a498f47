#include "ui/auth/signindialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Patchbay::Ui {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in"));
    setModal(false);
    auto *layout = new QVBoxLayout(this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    m_code = new QLabel(this);
    m_code->setObjectName(QStringLiteral("userCode"));
    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->hide();
    layout->addWidget(m_code);

    m_link = new QLabel(this);
    m_link->setObjectName(QStringLiteral("signInLink"));
    m_link->setWordWrap(true);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_link->setOpenExternalLinks(false);
    connect(m_link, &QLabel::linkActivated, this, [this](const QString &link) {
        if (m_openUrl)
            m_openUrl(QUrl(link));
    });
    layout->addWidget(m_link);

    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("signInCountdown"));
    m_countdown->setEnabled(false);
    layout->addWidget(m_countdown);

    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("signInWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #b35c00;"));
    m_warnings->hide();
    layout->addWidget(m_warnings);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_open = buttons->addButton(tr("Open browser"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("openBrowserButton"));
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(
            m_code->isVisible() ? m_code->text() : m_url.toString(QUrl::FullyEncoded));
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_openUrl)
            m_openUrl(m_url);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    layout->addWidget(buttons);

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &SignInDialog::updateCountdown);
    resize(460, sizeHint().height());
}

SignInDialog::~SignInDialog() = default;

void SignInDialog::showBrowserSignIn(const QUrl &authorizationUrl)
{
    m_url = authorizationUrl;
    setWindowTitle(tr("Sign in with your browser"));
    m_message->setText(tr("Finish signing in in your browser; Patchbay continues by itself when "
                          "the provider sends you back. If no browser opened, open this "
                          "address:"));
    const QString text = authorizationUrl.toString(QUrl::FullyEncoded);
    m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                        .arg(text.toHtmlEscaped(),
                             text.left(120).toHtmlEscaped()
                                 + (text.size() > 120 ? QStringLiteral("…") : QString())));
    m_copy->setText(tr("Copy address"));
    m_code->hide();
    m_countdown->clear();
}

void SignInDialog::showDeviceCode(const Core::DeviceCodePrompt &prompt)
{
    m_url = prompt.verificationUriComplete.isEmpty() ? prompt.verificationUri
                                                     : prompt.verificationUriComplete;
    m_expiresAt = prompt.expiresAt;
    setWindowTitle(tr("Sign in on another device"));
    const QString where = prompt.verificationUri.toString();
    m_message->setText(tr("On any device, open the address below and enter this code:"));
    m_code->setText(prompt.userCode);
    m_code->show();
    m_link->setText(
        QStringLiteral("<a href=\"%1\">%2</a>")
            .arg(m_url.toString(QUrl::FullyEncoded).toHtmlEscaped(), where.toHtmlEscaped()));
    m_copy->setText(tr("Copy code"));
    updateCountdown();
    m_timer->start();
}

void SignInDialog::addWarning(const QString &text)
{
    const QString current = m_warnings->text();
    m_warnings->setText(current.isEmpty() ? text : current + u'\n' + text);
    m_warnings->show();
}

QString SignInDialog::userCode() const
{
    return m_code->isVisible() || !m_code->text().isEmpty() ? m_code->text() : QString();
}

QString SignInDialog::message() const
{
    return m_message->text();
}

void SignInDialog::reject()
{
    emit cancelRequested();
    QDialog::reject();
}

void SignInDialog::updateCountdown()
{
    if (!m_expiresAt.isValid())
        return;
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_expiresAt);
    m_countdown->setText(left > 0 ? tr("Waiting for approval… the code expires in %1:%2")
                                        .arg(left / 60)
                                        .arg(left % 60, 2, 10, QLatin1Char('0'))
                                  : tr("The code has expired."));
}

} // namespace Patchbay::Ui
