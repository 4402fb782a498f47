#pragma once

#include "core/network/networkprofile.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace Patchbay::Core {

class CookieJar;
class QtProxyRouter;

// The network configuration of one transport (the window's QNetworkAccessManager, or a
// CurlTransport): the NetworkProfile its requests use and the cookie jar they read and feed.
// Every HttpClient on that transport finds it with NetworkContext::of(), so the window's editor,
// runs and dialogs all send through the same proxy, certificates and cookies. It is a child of
// the transport, created on first use with the defaults (system proxy, an in-memory jar).
class NetworkContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkContext)

public:
    static NetworkContext *of(QObject *transport);

    std::shared_ptr<const NetworkProfile> profile() const { return m_profile; }
    // Later requests use `profile`; requests in flight go on with theirs.
    void setProfile(std::shared_ptr<const NetworkProfile> profile);

    // The jar of this transport: its own in-memory jar until setCookieJar() (not owned; null
    // goes back to the own jar).
    CookieJar *cookieJar() const;
    void setCookieJar(CookieJar *jar);

    // Qt transport only. Qt pools connections by host, port, proxy and peer verify name, and
    // applies a request's TLS configuration only when it opens a connection. Each distinct TLS
    // configuration for a host (see HopNetwork::tlsKey) gets its own spelling of the host name
    // (letters in another case, or an IP address written another way: the same name to TLS,
    // another key to Qt's pool). The first configuration seen for a host keeps the name.
    QString qtPeerVerifyName(const QString &host, const QByteArray &tlsKey);
    QtProxyRouter *qtProxyRouter() const { return m_router; }

signals:
    void profileChanged();

private:
    explicit NetworkContext(QObject *transport);

    std::shared_ptr<const NetworkProfile> m_profile;
    std::unique_ptr<CookieJar> m_ownJar;
    QPointer<CookieJar> m_jar; // not owned
    QNetworkAccessManager *m_network = nullptr; // the parent, when it is Qt's
    QtProxyRouter *m_router = nullptr; // owned by m_network (setProxyFactory)
    QHash<QString, QList<QByteArray>> m_tlsKeysByHost;
};

} // namespace Patchbay::Core
