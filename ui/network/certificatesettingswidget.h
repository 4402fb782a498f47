#pragma once

#include "core/network/networkprofile.h"
#include "core/network/networksettings.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QFrame;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace Patchbay::Ui {

// Edits a workspace's TLS settings: CA certificates trusted on top of the system's (PEM files or
// folders), client certificates per host pattern (PEM and key, or PKCS#12, passphrases kept in
// the keyring), hosts whose certificates are not verified (with a warning while there are any),
// and HTTP/1.1 only. Self-contained like ProxySettingsWidget.
class CertificateSettingsWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateSettingsWidget)

public:
    // Chosen files inside `baseDir` (the workspace) are kept relative to it.
    explicit CertificateSettingsWidget(const QString &baseDir, QWidget *parent = nullptr);
    ~CertificateSettingsWidget() override;

    void setSettings(const Core::NetworkSettings &settings, const Core::NetworkSecrets &secrets);
    void applyTo(Core::NetworkSettings &settings, Core::NetworkSecrets &secrets) const;

    // Adds without a file dialog (tests, drag and drop).
    void addCaPath(const QString &path);
    void addClientCertificate(const Core::ClientCertificate &certificate,
                              const QString &passphrase);
    void addInsecureHost(const QString &pattern);

    // Parts, for tests.
    QListWidget *caList() const { return m_caList; }
    QTreeWidget *clientTable() const { return m_clientTable; }
    QListWidget *insecureList() const { return m_insecureList; }
    QFrame *insecureWarning() const { return m_insecureWarning; }
    QCheckBox *http1Check() const { return m_http1; }
    QPushButton *removeClientButton() const { return m_removeClient; }

signals:
    void edited();

private:
    QWidget *createCaGroup();
    QWidget *createClientGroup();
    QWidget *createInsecureGroup();
    void editClientCertificate(int row);
    void setClientRow(int row, const Core::ClientCertificate &certificate);
    void updateState();

    QString m_baseDir;
    QList<Core::ClientCertificate> m_clients;
    QHash<QString, QString> m_passphrases; // by file
    QListWidget *m_caList = nullptr; // owned (child)
    QPushButton *m_removeCa = nullptr; // owned (child)
    QTreeWidget *m_clientTable = nullptr; // owned (child)
    QPushButton *m_editClient = nullptr; // owned (child)
    QPushButton *m_removeClient = nullptr; // owned (child)
    QListWidget *m_insecureList = nullptr; // owned (child)
    QPushButton *m_removeInsecure = nullptr; // owned (child)
    QFrame *m_insecureWarning = nullptr; // owned (child)
    QCheckBox *m_http1 = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
