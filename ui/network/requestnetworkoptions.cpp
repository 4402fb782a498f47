#include "ui/network/requestnetworkoptions.h"

#include "ui/common/accessibility.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

RequestNetworkOptions::RequestNetworkOptions(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("requestNetworkOptions"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *proxyRow = new QHBoxLayout;
    m_proxy = new QComboBox(this);
    m_proxy->setObjectName(QStringLiteral("requestProxy"));
    m_proxy->addItem(tr("Workspace's setting"), int(ProxyOverride::Inherit));
    m_proxy->addItem(tr("No proxy"), int(ProxyOverride::None));
    m_proxy->addItem(tr("System proxy"), int(ProxyOverride::System));
    m_proxy->addItem(tr("This proxy:"), int(ProxyOverride::Manual));
    m_proxyUrl = new QLineEdit(this);
    m_proxyUrl->setObjectName(QStringLiteral("requestProxyUrl"));
    m_proxyUrl->setPlaceholderText(QStringLiteral("http://user:{{proxyPassword}}@proxy:3128"));
    m_proxyUrl->setToolTip(tr("As curl's -x: http://host:port (also carries https://), or "
                              "socks5h://host:port; user:password@ for Basic authentication."));
    proxyRow->addWidget(m_proxy);
    proxyRow->addWidget(m_proxyUrl, 1);
    form->addRow(tr("Proxy:"), proxyRow);

    m_ca = new QLineEdit(this);
    m_ca->setObjectName(QStringLiteral("requestCa"));
    m_ca->setPlaceholderText(tr("also trust this PEM file or folder (curl's --cacert)"));
    form->addRow(tr("CA certificates:"), m_ca);
    auto *certRow = new QHBoxLayout;
    m_certificate = new QLineEdit(this);
    m_certificate->setObjectName(QStringLiteral("requestCertificate"));
    m_certificate->setPlaceholderText(tr("client certificate: PEM or .p12 (else the workspace's)"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("requestKey"));
    m_key->setPlaceholderText(tr("key (PEM)"));
    m_passphrase = new QLineEdit(this);
    m_passphrase->setObjectName(QStringLiteral("requestPassphrase"));
    m_passphrase->setPlaceholderText(QStringLiteral("{{passphrase}}"));
    m_passphrase->setToolTip(tr("Of the PKCS#12 file or encrypted key. Use a secret variable: "
                                "what is typed here is saved in the request file."));
    certRow->addWidget(m_certificate, 3);
    certRow->addWidget(m_key, 2);
    certRow->addWidget(m_passphrase, 2);
    form->addRow(tr("Client certificate:"), certRow);
    m_http1 = new QCheckBox(tr("HTTP/1.1 only (never HTTP/2)"), this);
    m_http1->setObjectName(QStringLiteral("requestHttp1Only"));
    form->addRow(tr("Protocol:"), m_http1);
    m_cookies = new QCheckBox(tr("Send and store cookies (the workspace's jar)"), this);
    m_cookies->setObjectName(QStringLiteral("requestCookies"));
    m_cookies->setChecked(true);
    form->addRow(tr("Cookies:"), m_cookies);
    Accessibility::describe(m_proxy, tr("Proxy"),
                            tr("Which proxy this request goes through: the workspace's, none, "
                               "the system's or the one typed beside"));
    Accessibility::describe(m_proxyUrl, tr("Proxy address"), m_proxyUrl->toolTip());
    Accessibility::describe(m_ca, tr("CA certificates"),
                            tr("A PEM file or folder trusted for this request besides the "
                               "system's"));
    Accessibility::describe(m_certificate, tr("Client certificate"),
                            tr("A PEM or PKCS#12 client certificate for this request"));
    Accessibility::describe(m_key, tr("Client key"),
                            tr("The PEM key of the client certificate, when it is not in the "
                               "certificate file"));
    Accessibility::describe(m_passphrase, tr("Client certificate passphrase"),
                            m_passphrase->toolTip());
    Accessibility::describe(m_http1, m_http1->text(),
                            tr("Never use HTTP/2 for this request, for servers whose HTTP/2 is "
                               "broken"));
    Accessibility::describe(m_cookies, m_cookies->text(),
                            tr("Send the workspace's cookies with this request and keep the ones "
                               "it sets"));
    connect(m_proxy, &QComboBox::currentIndexChanged, this, [this] {
        updateState();
        if (!m_loading)
            emit edited();
    });
    for (QLineEdit *edit : textFields())
        connect(edit, &QLineEdit::textEdited, this, &RequestNetworkOptions::edited);
    for (QCheckBox *box : {m_http1, m_cookies})
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_loading)
                emit edited();
        });
    updateState();
}

RequestNetworkOptions::~RequestNetworkOptions() = default;

QList<QLineEdit *> RequestNetworkOptions::textFields() const
{
    return {m_proxyUrl, m_ca, m_certificate, m_key, m_passphrase};
}

void RequestNetworkOptions::updateState()
{
    m_proxyUrl->setEnabled(m_proxy->currentData().toInt() == int(ProxyOverride::Manual));
}

void RequestNetworkOptions::setSettings(const RequestSettings &s)
{
    m_loading = true;
    m_proxy->setCurrentIndex(std::max(0, m_proxy->findData(int(s.proxy))));
    m_proxyUrl->setText(s.proxyUrl);
    m_ca->setText(s.caCertificates);
    m_certificate->setText(s.clientCertificate);
    m_key->setText(s.clientKey);
    m_passphrase->setText(s.clientPassphrase);
    m_http1->setChecked(s.http1Only);
    m_cookies->setChecked(s.cookies);
    updateState();
    m_loading = false;
}

void RequestNetworkOptions::applyTo(RequestSettings &s) const
{
    s.proxy = ProxyOverride(m_proxy->currentData().toInt());
    s.proxyUrl = m_proxyUrl->text().trimmed();
    s.caCertificates = m_ca->text().trimmed();
    s.clientCertificate = m_certificate->text().trimmed();
    s.clientKey = m_key->text().trimmed();
    s.clientPassphrase = m_passphrase->text();
    s.http1Only = m_http1->isChecked();
    s.cookies = m_cookies->isChecked();
}

} // namespace Patchbay::Ui
