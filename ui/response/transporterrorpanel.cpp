#include "ui/response/transporterrorpanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QStyle>

namespace Patchbay::Ui {

using Core::ErrorKind;

TransportErrorPanel::TransportErrorPanel(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("transportErrorPanel"));
    m_title->setObjectName(QStringLiteral("errorTitle"));
    m_message->setObjectName(QStringLiteral("errorMessage"));
    m_hint->setObjectName(QStringLiteral("errorHint"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    for (QLabel *label : {m_message, m_hint}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
    m_icon->setAlignment(Qt::AlignTop);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setHorizontalSpacing(12);
    layout->addWidget(m_icon, 0, 0, 3, 1);
    layout->addWidget(m_title, 0, 1);
    layout->addWidget(m_message, 1, 1);
    layout->addWidget(m_hint, 2, 1);
    layout->setColumnStretch(1, 1);
    applyPalette();
}

TransportErrorPanel::~TransportErrorPanel() = default;

QString TransportErrorPanel::titleFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::InvalidUrl:
        return tr("Invalid URL");
    case ErrorKind::InvalidRequest:
        return tr("Request could not be sent");
    case ErrorKind::ConnectionRefused:
        return tr("Could not connect");
    case ErrorKind::HostNotFound:
        return tr("Host not found");
    case ErrorKind::Timeout:
        return tr("Timed out");
    case ErrorKind::Tls:
        return tr("TLS certificate problem");
    case ErrorKind::Cancelled:
        return tr("Request cancelled");
    case ErrorKind::ConnectionReset:
        return tr("Connection closed early");
    case ErrorKind::TooManyRedirects:
        return tr("Too many redirects");
    case ErrorKind::InsecureRedirect:
        return tr("Insecure redirect refused");
    case ErrorKind::DecompressionFailed:
        return tr("Could not decode the response");
    case ErrorKind::Protocol:
        return tr("Not an HTTP response");
    case ErrorKind::Proxy:
        return tr("Proxy problem");
    case ErrorKind::Auth:
        return tr("No credentials");
    case ErrorKind::None:
    case ErrorKind::Other:
        break;
    }
    return tr("Request failed");
}

QString TransportErrorPanel::hintFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::InvalidUrl:
        return tr("Check the URL: it needs a scheme (http:// or https://) and a host.");
    case ErrorKind::InvalidRequest:
        return tr("Check the request body and any files it refers to.");
    case ErrorKind::ConnectionRefused:
        return tr("Check that the server is running and listens on this host and port, and "
                  "that no firewall blocks it.");
    case ErrorKind::HostNotFound:
        return tr("Check the host name for typos, and your network, DNS or VPN connection.");
    case ErrorKind::Timeout:
        return tr("The server stopped sending data. Check that it is reachable and not "
                  "overloaded, or raise the timeout in the request settings.");
    case ErrorKind::Tls:
        return tr("Certificates, CAs and hosts not to verify are set in Tools → Network "
                  "Settings; a request can also turn off verification for itself.");
    case ErrorKind::Cancelled:
        return tr("Send the request again when you are ready.");
    case ErrorKind::ConnectionReset:
        return tr("The server closed the connection before the whole response arrived. Check "
                  "the server's logs, or a proxy in between.");
    case ErrorKind::TooManyRedirects:
        return tr("The server redirects in a loop or more often than allowed. See the "
                  "Redirects tab, or raise the limit in the request settings.");
    case ErrorKind::InsecureRedirect:
        return tr("The server redirected from https to http. Use an https URL, or follow the "
                  "redirect by hand if you trust it.");
    case ErrorKind::DecompressionFailed:
        return tr("The compressed body is corrupt or decodes past the size limit in the request "
                  "settings.");
    case ErrorKind::Protocol:
        return tr("Check the port and the scheme: is this an HTTP server, and does it expect "
                  "http or https?");
    case ErrorKind::Proxy:
        return tr("Check the proxy in Tools → Network Settings, or the request's own proxy "
                  "setting.");
    case ErrorKind::Auth:
        return tr("Nothing was sent. Check the Auth tab: its settings and the authorization "
                  "server's answer (in History) say what is missing.");
    case ErrorKind::None:
    case ErrorKind::Other:
        break;
    }
    return tr("Check the URL, the network and the server.");
}

void TransportErrorPanel::setError(ErrorKind kind, const QString &message)
{
    m_title->setText(titleFor(kind));
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_hint->setText(hintFor(kind));
}

QString TransportErrorPanel::title() const
{
    return m_title->text();
}

QString TransportErrorPanel::message() const
{
    return m_message->text();
}

QString TransportErrorPanel::hint() const
{
    return m_hint->text();
}

void TransportErrorPanel::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applyingPalette)
        applyPalette();
}

void TransportErrorPanel::applyPalette()
{
    // A red-tinted panel that keeps the palette's text colour readable, light or dark.
    m_applyingPalette = true;
    QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor red(0xd0, 0x3b, 0x3b);
    const qreal t = base.lightness() < 128 ? 0.22 : 0.10;
    const QColor tint = QColor::fromRgbF(base.redF() + (red.redF() - base.redF()) * t,
                                         base.greenF() + (red.greenF() - base.greenF()) * t,
                                         base.blueF() + (red.blueF() - base.blueF()) * t);
    pal.setColor(QPalette::Window, tint);
    setPalette(pal);
    m_applyingPalette = false;
}

} // namespace Patchbay::Ui
