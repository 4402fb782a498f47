#pragma once

#include "core/auth/oauth2flow.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTimer;

namespace Patchbay::Ui {

// What the user sees while an OAuth 2.0 grant waits for a person: the authorization code flow
// ("finish signing in in your browser", with the address to open by hand) or the device flow
// (the user code, large, and where to enter it, with the time left). Cancel stops the flow.
// Not modal: the window stays usable. The owner closes it when the flow ends.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    // Opens addresses in the system browser (the "Open browser" button).
    void setOpenUrl(std::function<bool(const QUrl &)> openUrl) { m_openUrl = std::move(openUrl); }
    void showBrowserSignIn(const QUrl &authorizationUrl);
    void showDeviceCode(const Core::DeviceCodePrompt &prompt);
    void addWarning(const QString &text);

    QString userCode() const;
    QString message() const;

    // Cancel: stops the flow and closes.
    void reject() override;

signals:
    void cancelRequested();

private:
    void updateCountdown();

    std::function<bool(const QUrl &)> m_openUrl;
    QUrl m_url;
    QDateTime m_expiresAt;
    QLabel *m_message; // owned (child)
    QLabel *m_code; // owned (child)
    QLabel *m_link; // owned (child)
    QLabel *m_countdown; // owned (child)
    QLabel *m_warnings; // owned (child)
    QPushButton *m_copy; // owned (child)
    QPushButton *m_open; // owned (child)
    QTimer *m_timer; // owned (child)
};

} // namespace Patchbay::Ui
