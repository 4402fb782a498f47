#pragma once

#include "core/network/networksettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Patchbay::Ui {

// Adds or edits one client certificate of the network settings: the hosts it is for (a host
// pattern), a PEM certificate with its key or a PKCS#12 file, and the passphrase (kept in the
// keyring). Paths inside `baseDir` (the workspace) are kept relative to it.
class ClientCertificateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientCertificateDialog)

public:
    ClientCertificateDialog(const QString &baseDir, QWidget *parent = nullptr);
    ~ClientCertificateDialog() override;

    void setCertificate(const Core::ClientCertificate &certificate, const QString &passphrase);
    Core::ClientCertificate certificate() const;
    QString passphrase() const;

    // Parts, for tests.
    QLineEdit *hostEdit() const { return m_host; }
    QComboBox *formatCombo() const { return m_format; }
    QLineEdit *certificateEdit() const { return m_certificate; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *passphraseEdit() const { return m_passphrase; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void browse(QLineEdit *edit, const QString &filter);
    void updateState();

    QString m_baseDir;
    QLineEdit *m_host = nullptr; // owned (child)
    QComboBox *m_format = nullptr; // owned (child)
    QLineEdit *m_certificate = nullptr; // owned (child)
    QLabel *m_keyLabel = nullptr; // owned (child)
    QWidget *m_keyRow = nullptr; // owned (child)
    QLineEdit *m_key = nullptr; // owned (child)
    QLineEdit *m_passphrase = nullptr; // owned (child)
    QCheckBox *m_enabled = nullptr; // owned (child)
    QLabel *m_problem = nullptr; // owned (child)
    QDialogButtonBox *m_buttons = nullptr; // owned (child)
};

// `path` relative to `baseDir` when it lies inside it, else as it is.
QString pathForSettings(const QString &path, const QString &baseDir);

} // namespace Patchbay::Ui
