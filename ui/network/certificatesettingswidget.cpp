#include "ui/network/certificatesettingswidget.h"

#include "ui/network/clientcertificatedialog.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

enum ClientColumn { HostColumn, FileColumn, KeyColumn };

// Add/Edit/Remove beside a list; the caller adds it to a layout, which then owns it.
QVBoxLayout *buttonColumn()
{
    auto *column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    return column;
}

} // namespace

CertificateSettingsWidget::CertificateSettingsWidget(const QString &baseDir, QWidget *parent)
    : QWidget(parent)
    , m_baseDir(baseDir)
{
    setObjectName(QStringLiteral("certificateSettings"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createCaGroup());
    layout->addWidget(createClientGroup(), 1);
    layout->addWidget(createInsecureGroup());
    m_http1 = new QCheckBox(tr("Use &HTTP/1.1 only (for servers whose HTTP/2 is broken; a "
                               "request can also ask for it)"),
                            this);
    m_http1->setObjectName(QStringLiteral("http1Only"));
    layout->addWidget(m_http1);
    connect(m_http1, &QCheckBox::toggled, this, &CertificateSettingsWidget::edited);
    updateState();
}

CertificateSettingsWidget::~CertificateSettingsWidget() = default;

QWidget *CertificateSettingsWidget::createCaGroup()
{
    auto *group = new QGroupBox(tr("CA certificates trusted besides the system's"), this);
    auto *row = new QHBoxLayout(group);
    m_caList = new QListWidget(group);
    m_caList->setObjectName(QStringLiteral("caList"));
    m_caList->setToolTip(tr("PEM files, or folders of *.pem, *.crt and *.cer files: a private "
                            "CA, or a self-signed server certificate to trust (curl's --cacert "
                            "and --capath)."));
    m_caList->setMaximumHeight(90);
    row->addWidget(m_caList, 1);
    auto *buttons = buttonColumn();
    auto *addFile = new QPushButton(tr("Add &File…"), group);
    auto *addFolder = new QPushButton(tr("Add F&older…"), group);
    m_removeCa = new QPushButton(tr("Remove"), group);
    buttons->addWidget(addFile);
    buttons->addWidget(addFolder);
    buttons->addWidget(m_removeCa);
    buttons->addStretch(1);
    row->addLayout(buttons);
    connect(addFile, &QPushButton::clicked, this, [this] {
        const QStringList files
            = QFileDialog::getOpenFileNames(this, tr("Trust CA Certificates"), m_baseDir,
                                            tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        for (const QString &file : files)
            addCaPath(pathForSettings(file, m_baseDir));
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Trust a Folder of CAs"), m_baseDir);
        if (!folder.isEmpty())
            addCaPath(pathForSettings(folder, m_baseDir));
    });
    connect(m_removeCa, &QPushButton::clicked, this, [this] {
        delete m_caList->currentItem();
        updateState();
        emit edited();
    });
    connect(m_caList, &QListWidget::currentRowChanged, this,
            &CertificateSettingsWidget::updateState);
    return group;
}

QWidget *CertificateSettingsWidget::createClientGroup()
{
    auto *group = new QGroupBox(tr("Client certificates"), this);
    auto *row = new QHBoxLayout(group);
    m_clientTable = new QTreeWidget(group);
    m_clientTable->setObjectName(QStringLiteral("clientCertificates"));
    m_clientTable->setRootIsDecorated(false);
    m_clientTable->setHeaderLabels({tr("Hosts"), tr("Certificate"), tr("Key")});
    m_clientTable->setToolTip(tr("The first enabled certificate whose hosts match a request's "
                                 "host is presented to it."));
    m_clientTable->header()->setStretchLastSection(true);
    m_clientTable->setColumnWidth(HostColumn, 160);
    m_clientTable->setColumnWidth(FileColumn, 220);
    row->addWidget(m_clientTable, 1);
    auto *buttons = buttonColumn();
    auto *add = new QPushButton(tr("&Add…"), group);
    add->setObjectName(QStringLiteral("addClientCertificate"));
    m_editClient = new QPushButton(tr("&Edit…"), group);
    m_removeClient = new QPushButton(tr("Remove"), group);
    buttons->addWidget(add);
    buttons->addWidget(m_editClient);
    buttons->addWidget(m_removeClient);
    buttons->addStretch(1);
    row->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] { editClientCertificate(-1); });
    connect(m_editClient, &QPushButton::clicked, this, [this] {
        editClientCertificate(m_clientTable->indexOfTopLevelItem(m_clientTable->currentItem()));
    });
    connect(m_clientTable, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        editClientCertificate(m_clientTable->indexOfTopLevelItem(item));
    });
    connect(m_removeClient, &QPushButton::clicked, this, [this] {
        const int row = m_clientTable->indexOfTopLevelItem(m_clientTable->currentItem());
        if (row < 0)
            return;
        m_clients.removeAt(row);
        delete m_clientTable->takeTopLevelItem(row);
        updateState();
        emit edited();
    });
    connect(m_clientTable, &QTreeWidget::currentItemChanged, this,
            &CertificateSettingsWidget::updateState);
    return group;
}

QWidget *CertificateSettingsWidget::createInsecureGroup()
{
    auto *group = new QGroupBox(tr("Don't verify certificates for"), this);
    auto *outer = new QVBoxLayout(group);
    m_insecureWarning = new QFrame(group);
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setAutoFillBackground(true);
    QPalette warn = m_insecureWarning->palette();
    warn.setColor(QPalette::Window, QColor(255, 236, 179));
    warn.setColor(QPalette::WindowText, QColor(80, 50, 0));
    m_insecureWarning->setPalette(warn);
    auto *warningLayout = new QHBoxLayout(m_insecureWarning);
    auto *icon = new QLabel(m_insecureWarning);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    auto *text = new QLabel(tr("Certificates of these hosts are not checked: anyone on the "
                               "network path could impersonate them. Their responses say so in "
                               "the TLS tab. Prefer trusting their CA above."),
                            m_insecureWarning);
    text->setWordWrap(true);
    warningLayout->addWidget(icon, 0, Qt::AlignTop);
    warningLayout->addWidget(text, 1);
    outer->addWidget(m_insecureWarning);
    auto *row = new QHBoxLayout;
    m_insecureList = new QListWidget(group);
    m_insecureList->setObjectName(QStringLiteral("insecureHosts"));
    m_insecureList->setMaximumHeight(80);
    row->addWidget(m_insecureList, 1);
    auto *buttons = buttonColumn();
    auto *add = new QPushButton(tr("A&dd…"), group);
    m_removeInsecure = new QPushButton(tr("Remove"), group);
    buttons->addWidget(add);
    buttons->addWidget(m_removeInsecure);
    buttons->addStretch(1);
    row->addLayout(buttons);
    outer->addLayout(row);
    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString pattern
            = QInputDialog::getText(this, tr("Don't Verify Certificates"),
                                    tr("Host (dev.local, *.dev.local, 127.0.0.1:8443):"),
                                    QLineEdit::Normal, QString(), &ok);
        if (ok)
            addInsecureHost(pattern);
    });
    connect(m_removeInsecure, &QPushButton::clicked, this, [this] {
        delete m_insecureList->currentItem();
        updateState();
        emit edited();
    });
    connect(m_insecureList, &QListWidget::currentRowChanged, this,
            &CertificateSettingsWidget::updateState);
    return group;
}

void CertificateSettingsWidget::updateState()
{
    m_removeCa->setEnabled(m_caList->currentItem() != nullptr);
    const bool client = m_clientTable->currentItem() != nullptr;
    m_editClient->setEnabled(client);
    m_removeClient->setEnabled(client);
    m_removeInsecure->setEnabled(m_insecureList->currentItem() != nullptr);
    m_insecureWarning->setVisible(m_insecureList->count() > 0);
}

void CertificateSettingsWidget::addCaPath(const QString &path)
{
    const QString clean = path.trimmed();
    if (clean.isEmpty() || !m_caList->findItems(clean, Qt::MatchExactly).isEmpty())
        return;
    m_caList->addItem(clean);
    updateState();
    emit edited();
}

void CertificateSettingsWidget::addInsecureHost(const QString &pattern)
{
    const QString clean = pattern.trimmed();
    if (clean.isEmpty() || !m_insecureList->findItems(clean, Qt::MatchExactly).isEmpty())
        return;
    m_insecureList->addItem(clean);
    updateState();
    emit edited();
}

void CertificateSettingsWidget::setClientRow(int row, const ClientCertificate &certificate)
{
    QTreeWidgetItem *item = m_clientTable->topLevelItem(row);
    if (!item)
        item = new QTreeWidgetItem(m_clientTable); // owned by the tree
    item->setText(HostColumn, certificate.host);
    item->setText(FileColumn,
                  certificate.isPkcs12() ? tr("%1 (PKCS#12)").arg(certificate.pkcs12)
                                         : certificate.certificate);
    item->setText(KeyColumn,
                  certificate.isPkcs12() || certificate.key.isEmpty() ? tr("in the file")
                                                                      : certificate.key);
    QFont font = item->font(HostColumn);
    font.setStrikeOut(!certificate.enabled);
    for (int c = 0; c < 3; ++c)
        item->setFont(c, font);
    item->setToolTip(HostColumn, certificate.enabled ? QString() : tr("Not used (turned off)"));
}

void CertificateSettingsWidget::addClientCertificate(const ClientCertificate &certificate,
                                                     const QString &passphrase)
{
    m_clients.append(certificate);
    if (!passphrase.isEmpty())
        m_passphrases.insert(certificate.file(), passphrase);
    setClientRow(int(m_clients.size() - 1), certificate);
    updateState();
    emit edited();
}

void CertificateSettingsWidget::editClientCertificate(int row)
{
    ClientCertificateDialog dialog(m_baseDir, this);
    if (row >= 0 && row < m_clients.size())
        dialog.setCertificate(m_clients.at(row), m_passphrases.value(m_clients.at(row).file()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (row < 0 || row >= m_clients.size()) {
        addClientCertificate(dialog.certificate(), dialog.passphrase());
        return;
    }
    m_clients[row] = dialog.certificate();
    if (dialog.passphrase().isEmpty())
        m_passphrases.remove(dialog.certificate().file());
    else
        m_passphrases.insert(dialog.certificate().file(), dialog.passphrase());
    setClientRow(row, m_clients.at(row));
    emit edited();
}

void CertificateSettingsWidget::setSettings(const NetworkSettings &settings,
                                            const NetworkSecrets &secrets)
{
    m_caList->clear();
    m_caList->addItems(settings.caCertificates);
    m_clientTable->clear();
    m_clients = settings.clientCertificates;
    m_passphrases = secrets.passphrases;
    for (int i = 0; i < m_clients.size(); ++i)
        setClientRow(i, m_clients.at(i));
    m_insecureList->clear();
    m_insecureList->addItems(settings.insecureHosts);
    const QSignalBlocker block(m_http1);
    m_http1->setChecked(settings.http1Only);
    updateState();
}

void CertificateSettingsWidget::applyTo(NetworkSettings &settings, NetworkSecrets &secrets) const
{
    settings.caCertificates.clear();
    for (int i = 0; i < m_caList->count(); ++i)
        settings.caCertificates.append(m_caList->item(i)->text());
    settings.clientCertificates = m_clients;
    secrets.passphrases.clear();
    for (const ClientCertificate &c : m_clients) {
        if (m_passphrases.contains(c.file()))
            secrets.passphrases.insert(c.file(), m_passphrases.value(c.file()));
    }
    settings.insecureHosts.clear();
    for (int i = 0; i < m_insecureList->count(); ++i)
        settings.insecureHosts.append(m_insecureList->item(i)->text());
    settings.http1Only = m_http1->isChecked();
}

} // namespace Patchbay::Ui
