#include "core/auth/oauth2redirectlistener.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Patchbay::Core {

namespace {

constexpr qsizetype kMaxRequestBytes = 16 * 1024;
constexpr int kConnectionTimeoutMs = 10000;

QString escapeHtml(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

OAuth2RedirectListener::OAuth2RedirectListener(QObject *parent)
    : QObject(parent)
{ }

OAuth2RedirectListener::~OAuth2RedirectListener() = default;

bool OAuth2RedirectListener::isListening() const
{
    return m_server && m_server->isListening();
}

Result<QUrl> OAuth2RedirectListener::listen(const QString &redirectUri)
{
    close();
    m_done = false;
    for (QTcpSocket *socket : findChildren<QTcpSocket *>())
        socket->deleteLater();
    QUrl url;
    QHostAddress address(QHostAddress::LocalHost);
    quint16 port = 0;
    if (redirectUri.trimmed().isEmpty()) {
        url = QUrl(QStringLiteral("http://127.0.0.1/callback"));
    } else {
        url = QUrl(redirectUri.trimmed(), QUrl::StrictMode);
        const QString host = url.host().toLower();
        const bool loopbackHost
            = host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
        if (!url.isValid() || url.scheme() != QLatin1String("http") || !loopbackHost
            || url.port() <= 0) {
            return Error {
                QStringLiteral("oauth2-redirect"),
                QStringLiteral("The redirect URI \"%1\" cannot be received by Patchbay: it must "
                               "be http on 127.0.0.1 with a port, e.g. "
                               "http://127.0.0.1:8765/callback (RFC 8252), registered at the "
                               "provider. Leave it empty to use a free port.")
                    .arg(redirectUri)};
        }
        if (host != QLatin1String("localhost"))
            address = QHostAddress(host);
        port = quint16(url.port());
    }
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    m_server = std::make_unique<QTcpServer>();
    if (!m_server->listen(address, port)) {
        const QString reason = m_server->errorString();
        m_server.reset();
        return Error {QStringLiteral("oauth2-redirect"),
                      QStringLiteral("Cannot listen for the sign-in redirect on %1: %2. Close "
                                     "what uses that port, or pick another port in the redirect "
                                     "URI (and register it at the provider).")
                          .arg(url.toString(), reason)};
    }
    url.setPort(m_server->serverPort());
    m_redirect = url;
    connect(m_server.get(), &QTcpServer::newConnection, this,
            &OAuth2RedirectListener::onNewConnection);
    return url;
}

void OAuth2RedirectListener::close()
{
    // Connections already accepted (our children) finish writing their page and go away when
    // they disconnect or time out.
    if (m_server) {
        m_server->close();
        m_server.reset();
    }
}

void OAuth2RedirectListener::onNewConnection()
{
    while (QTcpSocket *socket = m_server ? m_server->nextPendingConnection() : nullptr) {
        socket->setParent(this); // owned: deleted when answered, timed out, or with us
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kConnectionTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void OAuth2RedirectListener::onReadable(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buffer.size() > kMaxRequestBytes)
            socket->abort();
        else
            socket->setProperty("buffer", buffer);
        return;
    }
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        respond(socket, 405, QStringLiteral("Patchbay"),
                QStringLiteral("This address only receives sign-in redirects."));
        return;
    }
    const QUrl target = QUrl(QString::fromLatin1(requestLine.at(1)), QUrl::StrictMode);
    // Providers form-encode the redirect's query (RFC 6749 appendix B): '+' is a space.
    const QUrlQuery query(target.query(QUrl::FullyEncoded).replace(u'+', QLatin1String("%20")));
    const bool looksLikeOAuth = query.hasQueryItem(QStringLiteral("code"))
        || query.hasQueryItem(QStringLiteral("error"))
        || query.hasQueryItem(QStringLiteral("state"));
    if (target.path() != m_redirect.path()) {
        if (!looksLikeOAuth || m_done) {
            respond(socket, 404, QStringLiteral("Not found"), QStringLiteral("Nothing here."));
            return;
        }
        m_done = true;
        const QString message
            = QStringLiteral("The provider sent the browser to %1, but Patchbay expected %2: the "
                             "redirect URI registered at the provider differs from the one "
                             "Patchbay sent. Register %3 there, or set Redirect URI to the "
                             "registered one.")
                  .arg(target.path(), m_redirect.path(), m_redirect.toString());
        respond(socket, 400, QStringLiteral("Redirect URI mismatch"), message);
        emit failed(message);
        return;
    }
    if (m_done) {
        respond(socket, 409, QStringLiteral("Already answered"),
                QStringLiteral("Patchbay already received a sign-in answer. You can close this "
                               "tab."));
        return;
    }
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (!m_state.isEmpty() && state != m_state) {
        m_done = true;
        const QString message = state.isEmpty()
            ? QStringLiteral("The sign-in answer came back without the state Patchbay sent, so it "
                             "cannot be trusted and was refused. Get a new token.")
            : QStringLiteral("The sign-in answer carries a different state than Patchbay sent "
                             "(an old tab, or a forged answer), so it was refused. Get a new "
                             "token.");
        respond(socket, 400, QStringLiteral("Sign-in refused"), message);
        emit failed(message);
        return;
    }
    m_done = true;
    if (query.hasQueryItem(QStringLiteral("error"))) {
        respond(socket, 200, QStringLiteral("Sign-in did not complete"),
                QStringLiteral("The provider answered \"%1\". Patchbay explains it in its window. "
                               "You can close this tab.")
                    .arg(query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded)));
    } else {
        respond(socket, 200, QStringLiteral("Signed in"),
                QStringLiteral("Patchbay received the authorization. You can close this tab and "
                               "return to Patchbay."));
    }
    emit received(query);
}

void OAuth2RedirectListener::respond(QTcpSocket *socket, int status, const QString &title,
                                     const QString &text)
{
    const QByteArray body
        = QStringLiteral("<!doctype html><html><head><meta charset=\"utf-8\"><title>%1 · "
                         "Patchbay</title></head><body style=\"font-family:sans-serif;"
                         "max-width:40em;margin:4em auto\"><h1>%1</h1><p>%2</p></body>"
                         "</html>")
              .arg(escapeHtml(title), escapeHtml(text))
              .toUtf8();
    const QByteArray reason = status == 200 ? "OK"
        : status == 404                     ? "Not Found"
        : status == 405                     ? "Method Not Allowed"
        : status == 409                     ? "Conflict"
                                            : "Bad Request";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                  + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
                    "Connection: close\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace Patchbay::Core
