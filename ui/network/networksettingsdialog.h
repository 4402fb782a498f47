#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTabWidget;

namespace Patchbay::Core {
class WorkspaceNetwork;
}

namespace Patchbay::Ui {

class CertificateSettingsWidget;
class ProxySettingsWidget;

// Tools → Network Settings: the workspace's proxy and certificates (ProxySettingsWidget and
// CertificateSettingsWidget, which a Preferences dialog could host as pages instead), with what
// failed to load last time. OK saves through WorkspaceNetwork: network.yaml and the keyring.
class NetworkSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkSettingsDialog)

public:
    enum Page { ProxyPage, CertificatesPage };

    explicit NetworkSettingsDialog(Core::WorkspaceNetwork *network,
                                   QWidget *parent = nullptr); // network not owned
    ~NetworkSettingsDialog() override;

    void showPage(Page page);
    void accept() override;

    ProxySettingsWidget *proxySettings() const { return m_proxy; }
    CertificateSettingsWidget *certificateSettings() const { return m_certificates; }
    QLabel *problemsLabel() const { return m_problems; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void showProblems();
    void updateState();

    Core::WorkspaceNetwork *m_network; // not owned
    QTabWidget *m_tabs = nullptr; // owned (child)
    ProxySettingsWidget *m_proxy = nullptr; // owned (child)
    CertificateSettingsWidget *m_certificates = nullptr; // owned (child)
    QLabel *m_problems = nullptr; // owned (child)
    QDialogButtonBox *m_buttons = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
