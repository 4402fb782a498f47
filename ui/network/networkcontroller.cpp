#include "ui/network/networkcontroller.h"

#include "core/network/networkcontext.h"
#include "core/network/workspacenetwork.h"
#include "ui/network/cookiesdialog.h"
#include "ui/network/networksettingsdialog.h"

#include <QNetworkAccessManager>
#include <QStatusBar>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

NetworkController::NetworkController(QNetworkAccessManager *network, SecretStore *secrets,
                                     const QString &workspaceRoot, QStatusBar *status,
                                     QWidget *window, QObject *parent)
    : QObject(parent)
    , m_workspaceNetwork(
          new WorkspaceNetwork(NetworkContext::of(network), secrets, workspaceRoot, this))
    , m_status(status)
    , m_window(window)
{
    connect(m_workspaceNetwork, &WorkspaceNetwork::loaded, this, [this] {
        const QStringList problems = m_workspaceNetwork->problems();
        if (!problems.isEmpty())
            m_status->showMessage(tr("Network settings: %1 (Tools → Network Settings)")
                                      .arg(problems.join(QStringLiteral("; "))),
                                  20000);
    });
    connect(m_workspaceNetwork, &WorkspaceNetwork::saved, this, [this](const QString &problem) {
        m_status->showMessage(problem.isEmpty() ? tr("Network settings saved") : problem,
                              problem.isEmpty() ? 4000 : 20000);
    });
    connect(m_workspaceNetwork, &WorkspaceNetwork::cookieFileProblem, this,
            [this](const QString &message) {
                m_status->showMessage(tr("Cookies: %1").arg(message), 20000);
            });
    m_workspaceNetwork->load();
}

NetworkController::~NetworkController() = default;

NetworkSettingsDialog *NetworkController::showNetworkSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new NetworkSettingsDialog(m_workspaceNetwork, m_window);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
    return m_settingsDialog;
}

CookiesDialog *NetworkController::showCookies()
{
    if (!m_cookiesDialog) {
        m_cookiesDialog = new CookiesDialog(m_workspaceNetwork->cookieJar(), m_window);
        m_cookiesDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_cookiesDialog->show();
    m_cookiesDialog->raise();
    m_cookiesDialog->activateWindow();
    return m_cookiesDialog;
}

} // namespace Patchbay::Ui
