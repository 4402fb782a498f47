#include "ui/network/clientcertificatedialog.h"

#include "core/network/tlsmaterial.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

enum Format { Pem, Pkcs12 };

} // namespace

QString pathForSettings(const QString &path, const QString &baseDir)
{
    if (path.isEmpty() || baseDir.isEmpty())
        return path;
    const QString relative = QDir(baseDir).relativeFilePath(path);
    return relative.startsWith(QLatin1String("..")) || QFileInfo(relative).isAbsolute() ? path
                                                                                        : relative;
}

ClientCertificateDialog::ClientCertificateDialog(const QString &baseDir, QWidget *parent)
    : QDialog(parent)
    , m_baseDir(baseDir)
{
    setObjectName(QStringLiteral("clientCertificateDialog"));
    setWindowTitle(tr("Client Certificate"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("certificateHost"));
    m_host->setPlaceholderText(QStringLiteral("api.example.com, *.example.com:8443, *"));
    m_host->setToolTip(tr("The hosts this certificate is presented to: a host name, *.domain for "
                          "its subdomains, * for every host; a :port narrows it."));
    form->addRow(tr("&Hosts:"), m_host);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("certificateFormat"));
    m_format->addItem(tr("PEM certificate and key"), Pem);
    m_format->addItem(tr("PKCS#12 file (.p12, .pfx)"), Pkcs12);
    form->addRow(tr("&Format:"), m_format);

    const auto fileRow = [this](QLineEdit *edit, const QString &filter) {
        auto *row = new QWidget(this);
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto *browseButton = new QPushButton(tr("Browse…"), row);
        rowLayout->addWidget(edit, 1);
        rowLayout->addWidget(browseButton);
        connect(browseButton, &QPushButton::clicked, this,
                [this, edit, filter] { browse(edit, filter); });
        return row;
    };
    m_certificate = new QLineEdit(this);
    m_certificate->setObjectName(QStringLiteral("certificateFile"));
    form->addRow(tr("&Certificate:"),
                 fileRow(m_certificate,
                         tr("Certificates (*.pem *.crt *.cer *.p12 *.pfx);;All "
                            "files (*)")));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("keyFile"));
    m_key->setPlaceholderText(tr("in the certificate file"));
    m_keyRow = fileRow(m_key, tr("Keys (*.key *.pem);;All files (*)"));
    m_keyLabel = new QLabel(tr("&Key:"), this);
    m_keyLabel->setBuddy(m_key);
    form->addRow(m_keyLabel, m_keyRow);
    m_passphrase = new QLineEdit(this);
    m_passphrase->setObjectName(QStringLiteral("certificatePassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setPlaceholderText(tr("kept in the keyring"));
    form->addRow(tr("&Passphrase:"), m_passphrase);
    m_enabled = new QCheckBox(tr("&Use this certificate"), this);
    m_enabled->setChecked(true);
    form->addRow(QString(), m_enabled);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("certificateProblem"));
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ClientCertificateDialog::updateState);
    for (QLineEdit *edit : {m_host, m_certificate, m_key})
        connect(edit, &QLineEdit::textChanged, this, &ClientCertificateDialog::updateState);
    connect(m_certificate, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (isPkcs12File(text))
            m_format->setCurrentIndex(m_format->findData(Pkcs12));
    });
    resize(560, sizeHint().height());
    updateState();
}

ClientCertificateDialog::~ClientCertificateDialog() = default;

void ClientCertificateDialog::browse(QLineEdit *edit, const QString &filter)
{
    const QString start = edit->text().isEmpty() ? m_baseDir : edit->text();
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a File"), start, filter);
    if (file.isEmpty())
        return;
    edit->setText(pathForSettings(file, m_baseDir));
    if (edit == m_certificate && isPkcs12File(file))
        m_format->setCurrentIndex(m_format->findData(Pkcs12));
}

void ClientCertificateDialog::updateState()
{
    const bool pkcs12 = m_format->currentData().toInt() == Pkcs12;
    m_keyLabel->setVisible(!pkcs12);
    m_keyRow->setVisible(!pkcs12);
    QString problem;
    if (m_host->text().trimmed().isEmpty())
        problem = tr("Enter the hosts this certificate is for (* for every host).");
    else if (m_certificate->text().trimmed().isEmpty())
        problem = pkcs12 ? tr("Choose the PKCS#12 file.") : tr("Choose the certificate file.");
    m_problem->setText(problem.isEmpty()
                           ? (pkcs12 ? tr("The passphrase opens the PKCS#12 file.")
                                     : tr("The passphrase is needed only for an encrypted key."))
                           : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void ClientCertificateDialog::setCertificate(const ClientCertificate &certificate,
                                             const QString &passphrase)
{
    m_host->setText(certificate.host);
    m_format->setCurrentIndex(m_format->findData(certificate.isPkcs12() ? Pkcs12 : Pem));
    m_certificate->setText(certificate.file());
    m_key->setText(certificate.key);
    m_passphrase->setText(passphrase);
    m_enabled->setChecked(certificate.enabled);
    updateState();
}

ClientCertificate ClientCertificateDialog::certificate() const
{
    ClientCertificate c;
    c.host = m_host->text().trimmed();
    if (m_format->currentData().toInt() == Pkcs12) {
        c.pkcs12 = m_certificate->text().trimmed();
    } else {
        c.certificate = m_certificate->text().trimmed();
        c.key = m_key->text().trimmed();
    }
    c.enabled = m_enabled->isChecked();
    return c;
}

QString ClientCertificateDialog::passphrase() const
{
    return m_passphrase->text();
}

} // namespace Patchbay::Ui
