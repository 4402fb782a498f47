#include "ui/response/tlsview.h"

#include <QApplication>
#include <QClipboard>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

QString formatDate(const QDateTime &date)
{
    return QLocale().toString(date.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString roleOf(int index, int count, const Core::CertificateInfo &certificate)
{
    if (index == 0)
        return TlsView::tr("Server certificate");
    if (certificate.selfSigned)
        return TlsView::tr("Root CA");
    return index == count - 1 ? TlsView::tr("Issuer") : TlsView::tr("Intermediate CA");
}

QTreeWidgetItem *field(QTreeWidgetItem *parent, const QString &name, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {name, value}); // owned by parent
    item->setToolTip(1, value);
    return item;
}

} // namespace

TlsView::TlsView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("tlsView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(8);

    m_warning = new QFrame(this);
    m_warning->setObjectName(QStringLiteral("tlsNotVerified"));
    m_warning->setFrameShape(QFrame::StyledPanel);
    m_warning->setAutoFillBackground(true);
    QPalette warn = m_warning->palette();
    warn.setColor(QPalette::Window, QColor(255, 236, 179));
    warn.setColor(QPalette::WindowText, QColor(80, 50, 0));
    m_warning->setPalette(warn);
    auto *warningLayout = new QHBoxLayout(m_warning);
    auto *icon = new QLabel(m_warning);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    m_warningText = new QLabel(m_warning);
    m_warningText->setWordWrap(true);
    m_warningText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    warningLayout->addWidget(icon, 0, Qt::AlignTop);
    warningLayout->addWidget(m_warningText, 1);
    layout->addWidget(m_warning);

    m_session = new QLabel(this);
    m_session->setObjectName(QStringLiteral("tlsSession"));
    m_session->setTextFormat(Qt::RichText);
    m_session->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_session->setWordWrap(true);
    layout->addWidget(m_session);

    m_chain = new QTreeWidget(this);
    m_chain->setObjectName(QStringLiteral("tlsChain"));
    m_chain->setColumnCount(2);
    m_chain->setHeaderLabels({tr("Certificate chain"), QString()});
    m_chain->setRootIsDecorated(true);
    m_chain->setAlternatingRowColors(true);
    m_chain->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chain->header()->setStretchLastSection(true);
    layout->addWidget(m_chain, 1);

    auto *buttons = new QHBoxLayout;
    m_copyPem = new QPushButton(tr("Copy certificate as PEM"), this);
    m_copyPem->setObjectName(QStringLiteral("copyPem"));
    m_copyPem->setToolTip(tr("Copies the selected certificate, e.g. to trust a private CA under "
                             "Tools → Network Settings → Certificates."));
    buttons->addStretch(1);
    buttons->addWidget(m_copyPem);
    layout->addLayout(buttons);
    connect(m_copyPem, &QPushButton::clicked, this, &TlsView::copySelectedPem);
    connect(m_chain, &QTreeWidget::currentItemChanged, this,
            [this] { m_copyPem->setEnabled(m_chain->currentItem() != nullptr); });
    clear();
}

TlsView::~TlsView() = default;

void TlsView::clear()
{
    setTls(Core::TlsInfo());
}

void TlsView::setTls(const Core::TlsInfo &tls)
{
    m_tls = tls;
    m_chain->clear();
    m_copyPem->setEnabled(false);
    if (tls.isEmpty()) {
        m_warning->hide();
        m_session->setText(tr("No TLS: this response came over plain http://, so nothing was "
                              "encrypted and no certificate was checked."));
        m_chain->hide();
        m_copyPem->hide();
        return;
    }
    m_chain->show();
    m_copyPem->show();
    m_warning->setVisible(!tls.verified);
    m_warningText->setText(
        tr("<b>The server's certificate was not verified</b>: %1. Anyone on the network path "
           "could have impersonated this server; do not send secrets this way.")
            .arg(tls.notVerifiedReason.toHtmlEscaped()));

    const auto row = [](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
            .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Protocol"), tls.protocol);
    html += row(tr("Cipher"), tls.cipher);
    html += row(tr("ALPN"), tls.alpn.isEmpty() ? tr("none (HTTP/1.1)") : tls.alpn);
    html += row(tr("Verified"),
                tls.verified ? tr("yes, by a trusted certificate authority")
                             : tr("no: %1").arg(tls.notVerifiedReason));
    html += row(tr("Client certificate"),
                tls.clientCertificate.isEmpty() ? tr("none presented") : tls.clientCertificate);
    html += QStringLiteral("</table>");
    m_session->setText(html);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < tls.peerChain.size(); ++i) {
        const Core::CertificateInfo &c = tls.peerChain.at(i);
        auto *top = new QTreeWidgetItem(
            m_chain, {roleOf(i, int(tls.peerChain.size()), c), c.subject}); // owned by the tree
        top->setData(0, Qt::UserRole, i);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        field(top, tr("Subject"), c.subject);
        field(top, tr("Issuer"), c.issuer);
        if (!c.alternativeNames.isEmpty())
            field(top, tr("Alternative names"), c.alternativeNames.join(QStringLiteral(", ")));
        field(top, tr("Valid from"), formatDate(c.notBefore));
        QTreeWidgetItem *until = field(top, tr("Valid until"), formatDate(c.notAfter));
        if (c.notAfter < now || c.notBefore > now) {
            until->setText(1, until->text(1) + tr(" (not valid now)"));
            until->setForeground(1, QColor(200, 40, 40));
        }
        field(top, tr("SHA-256 fingerprint"), c.sha256);
        field(top, tr("Serial number"), c.serialNumber);
        if (c.selfSigned)
            field(top, tr("Self-signed"), tr("yes"));
        top->setExpanded(i == 0);
    }
    m_chain->resizeColumnToContents(0);
}

QString TlsView::text() const
{
    QStringList lines;
    if (m_warning->isVisibleTo(this))
        lines.append(m_warningText->text());
    lines.append(m_session->text());
    for (int i = 0; i < m_chain->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *top = m_chain->topLevelItem(i);
        lines.append(top->text(0) + QStringLiteral(": ") + top->text(1));
        for (int k = 0; k < top->childCount(); ++k)
            lines.append(top->child(k)->text(0) + QStringLiteral(": ") + top->child(k)->text(1));
    }
    return lines.join(u'\n');
}

void TlsView::copySelectedPem()
{
    QTreeWidgetItem *item = m_chain->currentItem();
    while (item && item->parent())
        item = item->parent();
    if (!item)
        return;
    const int index = item->data(0, Qt::UserRole).toInt();
    if (index >= 0 && index < m_tls.peerChain.size())
        QApplication::clipboard()->setText(QString::fromLatin1(m_tls.peerChain.at(index).pem));
}

} // namespace Patchbay::Ui
