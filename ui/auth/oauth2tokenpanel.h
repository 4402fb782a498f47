#pragma once

#include "core/auth/oauth2flow.h"
#include "core/collections/sendcontext.h"

#include <QGroupBox>

#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace Patchbay::Ui {

class AuthServices;

// The OAuth 2.0 token of the settings being edited, as the keyring holds it for this
// collection and configuration: masked, with its expiry, type, scopes and, for a JWT, its
// decoded payload (not verified, key order kept); Get new token runs the grant, Refresh uses the
// refresh token, Clear forgets it (here and in the keyring). Errors are shown in words.
class OAuth2TokenPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OAuth2TokenPanel)

public:
    explicit OAuth2TokenPanel(QWidget *parent = nullptr);
    ~OAuth2TokenPanel() override;

    // `resolve` gives the settings as they are now, resolved for sending. Null services: the
    // panel says that tokens are not available here.
    void setContext(AuthServices *services, std::function<Core::ResolvedAuth()> resolve);
    // The settings changed: shows the token of the new configuration (after a short pause).
    void settingsChanged();
    // Shows the token of the current configuration now (when the panel is visible).
    void refreshDisplay();

    void getNewToken();
    void refreshToken();
    void clearToken();
    bool isBusy() const { return m_flow != nullptr; }

    QString statusText() const;
    QString messageText() const;
    QString tokenKey() const { return m_key; }

protected:
    void showEvent(QShowEvent *event) override;

signals:
    // A grant or refresh ended (successfully or not); messageText() says how.
    void flowFinished(bool ok);

private:
    void startFlow(bool refresh);
    void onFlowFinished(const Core::OAuth2Outcome &outcome);
    void setMessage(const QString &text, bool error);
    void updateButtons();

    AuthServices *m_services = nullptr; // not owned
    std::function<Core::ResolvedAuth()> m_resolve;
    QString m_key;
    QString m_flowKey; // the key the running flow's token goes to
    std::unique_ptr<Core::OAuth2Flow> m_flow; // owned: Get new token / Refresh in progress
    bool m_refreshing = false;

    QLabel *m_status; // owned (child)
    QLineEdit *m_token; // owned (child)
    QPushButton *m_copy; // owned (child)
    QLabel *m_details; // owned (child)
    QPlainTextEdit *m_payload; // owned (child)
    QLabel *m_message; // owned (child)
    QPushButton *m_get; // owned (child)
    QPushButton *m_refresh; // owned (child)
    QPushButton *m_clear; // owned (child)
    QTimer *m_settle; // owned (child)
    QString m_fullToken;
};

} // namespace Patchbay::Ui
