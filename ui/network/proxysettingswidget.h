#pragma once

#include "core/network/networkprofile.h"
#include "core/network/networksettings.h"

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace Patchbay::Ui {

// Edits a workspace's proxy: none, the system's (the proxy variables, else the desktop's
// settings), or a manual HTTP (https through CONNECT) or SOCKS5 proxy with a user name, a
// password kept in the keyring and a bypass list. Self-contained: a dialog or a page of the
// Preferences hosts it, loads it with setSettings() and reads it back with applyTo().
class ProxySettingsWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxySettingsWidget)

public:
    explicit ProxySettingsWidget(QWidget *parent = nullptr);
    ~ProxySettingsWidget() override;

    void setSettings(const Core::NetworkSettings &settings, const Core::NetworkSecrets &secrets);
    // Writes what the widget shows into the proxy part of `settings` and `secrets`.
    void applyTo(Core::NetworkSettings &settings, Core::NetworkSecrets &secrets) const;
    // Why the settings cannot be saved as they are (a manual proxy without a host); empty when
    // they can.
    QString problem() const;

    // Parts, for tests.
    QRadioButton *noneButton() const { return m_none; }
    QRadioButton *systemButton() const { return m_system; }
    QRadioButton *manualButton() const { return m_manual; }
    QComboBox *typeCombo() const { return m_type; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portSpin() const { return m_port; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *bypassEdit() const { return m_bypass; }
    QLabel *systemProxyLabel() const { return m_systemNow; }

signals:
    void edited();

private:
    void updateState();

    QButtonGroup *m_mode = nullptr; // owned (QObject child)
    QRadioButton *m_none = nullptr; // owned (child)
    QRadioButton *m_system = nullptr; // owned (child)
    QRadioButton *m_manual = nullptr; // owned (child)
    QLabel *m_systemNow = nullptr; // owned (child)
    QGroupBox *m_manualBox = nullptr; // owned (child)
    QComboBox *m_type = nullptr; // owned (child)
    QLineEdit *m_host = nullptr; // owned (child)
    QSpinBox *m_port = nullptr; // owned (child)
    QLineEdit *m_user = nullptr; // owned (child)
    QLineEdit *m_password = nullptr; // owned (child)
    QLineEdit *m_bypass = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
