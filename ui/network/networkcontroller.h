#pragma once

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QStatusBar;
class QWidget;

namespace Patchbay::Core {
class SecretStore;
class WorkspaceNetwork;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class CookiesDialog;
class NetworkSettingsDialog;

// The window's part for the network: loads the workspace's settings and cookie jar onto the
// window's transport (so every request, run and dialog of the window uses them), opens Tools →
// Network Settings and Tools → Cookies, and says in the status bar what could not be loaded.
class NetworkController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkController)

public:
    // All pointers not owned. `workspaceRoot` may be empty (no folder: defaults, cookies in
    // memory).
    NetworkController(QNetworkAccessManager *network, Core::SecretStore *secrets,
                      const QString &workspaceRoot, QStatusBar *status, QWidget *window,
                      QObject *parent = nullptr);
    ~NetworkController() override;

    Core::WorkspaceNetwork *workspaceNetwork() const { return m_workspaceNetwork; }

    // Non-modal; a second call raises the open one.
    NetworkSettingsDialog *showNetworkSettings();
    CookiesDialog *showCookies();

private:
    Core::WorkspaceNetwork *m_workspaceNetwork; // owned (child)
    QStatusBar *m_status; // not owned
    QWidget *m_window; // not owned
    QPointer<NetworkSettingsDialog> m_settingsDialog; // owned by m_window, deletes on close
    QPointer<CookiesDialog> m_cookiesDialog; // owned by m_window, deletes on close
};

} // namespace Patchbay::Ui
