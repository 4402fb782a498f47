#include "ui/network/proxysettingswidget.h"

#include "core/network/proxyconfig.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

// What "System" means right now: the variables, or the desktop's configuration.
QString describeSystemProxy()
{
    const ProxyEnvironment env = ProxyEnvironment::fromProcess();
    if (env.isEmpty())
        return ProxySettingsWidget::tr("No proxy variable is set: the desktop's proxy settings "
                                       "apply, if any.");
    QStringList parts;
    if (!env.httpProxy.isEmpty())
        parts.append(QStringLiteral("http_proxy=") + env.httpProxy);
    if (!env.httpsProxy.isEmpty())
        parts.append(QStringLiteral("https_proxy=") + env.httpsProxy);
    if (!env.allProxy.isEmpty())
        parts.append(QStringLiteral("all_proxy=") + env.allProxy);
    if (!env.noProxy.isEmpty())
        parts.append(QStringLiteral("no_proxy=") + env.noProxy);
    // Never show a password a variable may carry.
    for (QString &part : parts)
        part.replace(QRegularExpression(QStringLiteral("//([^:/@]*):[^@/]*@")),
                     QStringLiteral("//\\1:•••@"));
    return ProxySettingsWidget::tr("Now: %1").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

ProxySettingsWidget::ProxySettingsWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("proxySettings"));
    auto *layout = new QVBoxLayout(this);
    m_mode = new QButtonGroup(this);
    m_none = new QRadioButton(tr("&No proxy"), this);
    m_none->setObjectName(QStringLiteral("proxyNone"));
    m_system = new QRadioButton(tr("&System proxy (http_proxy, https_proxy and no_proxy, as "
                                   "curl reads them; else the desktop's settings)"),
                                this);
    m_system->setObjectName(QStringLiteral("proxySystem"));
    m_systemNow = new QLabel(describeSystemProxy(), this);
    m_systemNow->setObjectName(QStringLiteral("systemProxyNow"));
    m_systemNow->setForegroundRole(QPalette::PlaceholderText);
    m_systemNow->setContentsMargins(24, 0, 0, 0);
    m_systemNow->setWordWrap(true);
    m_manual = new QRadioButton(tr("&Manual proxy:"), this);
    m_manual->setObjectName(QStringLiteral("proxyManual"));
    m_mode->addButton(m_none, int(ProxyMode::None));
    m_mode->addButton(m_system, int(ProxyMode::System));
    m_mode->addButton(m_manual, int(ProxyMode::Manual));
    layout->addWidget(m_none);
    layout->addWidget(m_system);
    layout->addWidget(m_systemNow);
    layout->addWidget(m_manual);

    m_manualBox = new QGroupBox(this);
    m_manualBox->setFlat(true);
    auto *form = new QFormLayout(m_manualBox);
    form->setContentsMargins(24, 0, 0, 0);
    m_type = new QComboBox(m_manualBox);
    m_type->setObjectName(QStringLiteral("proxyType"));
    m_type->addItem(tr("HTTP (https:// through a CONNECT tunnel)"), int(ProxyType::Http));
    m_type->addItem(tr("SOCKS5 (host names resolved by the proxy)"), int(ProxyType::Socks5));
    form->addRow(tr("&Type:"), m_type);
    auto *hostRow = new QHBoxLayout;
    m_host = new QLineEdit(m_manualBox);
    m_host->setObjectName(QStringLiteral("proxyHost"));
    m_host->setPlaceholderText(QStringLiteral("proxy.example.com"));
    m_port = new QSpinBox(m_manualBox);
    m_port->setObjectName(QStringLiteral("proxyPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(8080);
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:"), m_manualBox));
    hostRow->addWidget(m_port);
    form->addRow(tr("&Host:"), hostRow);
    m_user = new QLineEdit(m_manualBox);
    m_user->setObjectName(QStringLiteral("proxyUser"));
    m_user->setPlaceholderText(tr("none"));
    form->addRow(tr("&User name:"), m_user);
    m_password = new QLineEdit(m_manualBox);
    m_password->setObjectName(QStringLiteral("proxyPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("kept in the keyring, never in network.yaml"));
    form->addRow(tr("&Password:"), m_password);
    m_bypass = new QLineEdit(m_manualBox);
    m_bypass->setObjectName(QStringLiteral("proxyBypass"));
    m_bypass->setPlaceholderText(QStringLiteral("localhost, 127.0.0.1, .internal.example.com"));
    m_bypass->setToolTip(tr("Comma-separated: host names (with their subdomains), IP addresses, "
                            "CIDR ranges such as 10.0.0.0/8, host:port, or * for every host."));
    form->addRow(tr("&Bypass for:"), m_bypass);
    layout->addWidget(m_manualBox);
    layout->addStretch(1);

    connect(m_mode, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (!checked)
            return;
        updateState();
        emit edited();
    });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        // Each kind's usual port, unless the user typed another.
        if (m_port->value() == 8080 || m_port->value() == 1080)
            m_port->setValue(m_type->currentData().toInt() == int(ProxyType::Socks5) ? 1080 : 8080);
        emit edited();
    });
    for (QLineEdit *edit : {m_host, m_user, m_password, m_bypass})
        connect(edit, &QLineEdit::textEdited, this, &ProxySettingsWidget::edited);
    connect(m_port, &QSpinBox::valueChanged, this, &ProxySettingsWidget::edited);
    m_system->setChecked(true);
    updateState();
}

ProxySettingsWidget::~ProxySettingsWidget() = default;

void ProxySettingsWidget::updateState()
{
    m_manualBox->setEnabled(m_manual->isChecked());
    m_systemNow->setEnabled(m_system->isChecked());
}

void ProxySettingsWidget::setSettings(const NetworkSettings &settings,
                                      const NetworkSecrets &secrets)
{
    const ProxySettings &p = settings.proxy;
    const QSignalBlocker blockType(m_type);
    m_mode->button(int(p.mode))->setChecked(true);
    m_type->setCurrentIndex(std::max(0, m_type->findData(int(p.type))));
    m_host->setText(p.host);
    m_port->setValue(p.port);
    m_user->setText(p.username);
    m_password->setText(secrets.proxyPassword);
    m_bypass->setText(p.bypass.join(QStringLiteral(", ")));
    updateState();
}

void ProxySettingsWidget::applyTo(NetworkSettings &settings, NetworkSecrets &secrets) const
{
    ProxySettings &p = settings.proxy;
    p.mode = ProxyMode(m_mode->checkedId());
    p.type = ProxyType(m_type->currentData().toInt());
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.username = m_user->text().trimmed();
    p.bypass = splitNoProxy(m_bypass->text());
    secrets.proxyPassword = p.username.isEmpty() ? QString() : m_password->text();
}

QString ProxySettingsWidget::problem() const
{
    if (!m_manual->isChecked())
        return {};
    const QString host = m_host->text().trimmed();
    if (host.isEmpty())
        return tr("Enter the manual proxy's host, or choose No proxy or System proxy.");
    if (host.contains(QLatin1String("://")) || host.contains(u'/') || host.contains(u'@'))
        return tr("Enter only the proxy's host name or address (\"%1\" holds more); the type, "
                  "port and user name have their own fields.")
            .arg(host);
    return {};
}

} // namespace Patchbay::Ui
