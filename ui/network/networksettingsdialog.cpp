#include "ui/network/networksettingsdialog.h"

#include "core/network/workspacenetwork.h"
#include "ui/network/certificatesettingswidget.h"
#include "ui/network/proxysettingswidget.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

NetworkSettingsDialog::NetworkSettingsDialog(WorkspaceNetwork *network, QWidget *parent)
    : QDialog(parent)
    , m_network(network)
{
    setObjectName(QStringLiteral("networkSettingsDialog"));
    setWindowTitle(tr("Network Settings"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("For every request of this workspace, in the window and in "
                                "patchbay-cli run. Saved in network.yaml at the workspace's "
                                "root (no secrets: passwords and passphrases go to the "
                                "keyring); a request's Settings tab can override them."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tabs = new QTabWidget(this);
    m_proxy = new ProxySettingsWidget(m_tabs);
    m_certificates = new CertificateSettingsWidget(m_network->workspaceRoot(), m_tabs);
    m_tabs->addTab(m_proxy, tr("Proxy"));
    m_tabs->addTab(m_certificates, tr("Certificates"));
    layout->addWidget(m_tabs, 1);
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("networkProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette red = m_problems->palette();
    red.setColor(QPalette::WindowText, QColor(190, 30, 30));
    m_problems->setPalette(red);
    layout->addWidget(m_problems);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NetworkSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_proxy->setSettings(m_network->settings(), m_network->secrets());
    m_certificates->setSettings(m_network->settings(), m_network->secrets());
    connect(m_proxy, &ProxySettingsWidget::edited, this, &NetworkSettingsDialog::updateState);
    connect(m_network, &WorkspaceNetwork::loaded, this, &NetworkSettingsDialog::showProblems);
    showProblems();
    updateState();
    resize(760, 640);
}

NetworkSettingsDialog::~NetworkSettingsDialog() = default;

void NetworkSettingsDialog::showPage(Page page)
{
    m_tabs->setCurrentIndex(page);
}

void NetworkSettingsDialog::showProblems()
{
    const QStringList problems = m_network->problems();
    m_problems->setText(problems.isEmpty()
                            ? QString()
                            : tr("Not in effect: %1").arg(problems.join(QStringLiteral("\n"))));
    m_problems->setVisible(!problems.isEmpty());
}

void NetworkSettingsDialog::updateState()
{
    const QString problem = m_proxy->problem();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(problem);
}

void NetworkSettingsDialog::accept()
{
    if (!m_proxy->problem().isEmpty())
        return;
    NetworkSettings settings = m_network->settings();
    NetworkSecrets secrets = m_network->secrets();
    m_proxy->applyTo(settings, secrets);
    m_certificates->applyTo(settings, secrets);
    m_network->save(settings, secrets);
    QDialog::accept();
}

} // namespace Patchbay::Ui
