#include "core/network/qtproxyrouter.h"

#include "core/network/proxyconfig.h"

namespace Patchbay::Core {

QtProxyRouter::QtProxyRouter(Fallback fallback)
    : m_fallback(std::move(fallback))
{ }

void QtProxyRouter::expect(const QUrl &url, const QNetworkProxy &proxy, const void *owner)
{
    m_pending.append({url, proxy, owner});
}

void QtProxyRouter::forget(const void *owner)
{
    m_pending.removeIf([owner](const Pending &p) { return p.owner == owner; });
}

QList<QNetworkProxy> QtProxyRouter::queryProxy(const QNetworkProxyQuery &query)
{
    const QUrl url = query.url();
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (m_pending.at(i).url == url) {
            const QNetworkProxy proxy = m_pending.takeAt(i).proxy;
            return {proxy};
        }
    }
    return {m_fallback ? m_fallback(url) : QNetworkProxy(QNetworkProxy::NoProxy)};
}

QNetworkProxy toQtProxy(const ProxyEndpoint &endpoint)
{
    switch (endpoint.type) {
    case ProxyEndpoint::Type::Http:
        return QNetworkProxy(QNetworkProxy::HttpProxy, endpoint.host, endpoint.port, endpoint.user,
                             endpoint.password);
    case ProxyEndpoint::Type::Socks5: {
        QNetworkProxy proxy(QNetworkProxy::Socks5Proxy, endpoint.host, endpoint.port, endpoint.user,
                            endpoint.password);
        // Names are resolved by the proxy (curl's socks5h), so that internal names work.
        proxy.setCapabilities(proxy.capabilities() | QNetworkProxy::HostNameLookupCapability);
        return proxy;
    }
    case ProxyEndpoint::Type::None:
        break;
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

} // namespace Patchbay::Core
