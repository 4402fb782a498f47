#pragma once

#include <QList>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QUrl>

#include <functional>

namespace Patchbay::Core {

struct ProxyEndpoint;

// Gives each request on a QNetworkAccessManager its own proxy. Qt asks a manager's proxy factory
// with nothing but the URL, right away for requests without a body and from the event loop
// for those with one, in the order they were sent. So each hop announces its proxy for its URL
// before sending (expect()); the factory answers the oldest announcement for that URL, and a hop
// that goes away unanswered withdraws its own (forget()). Requests nobody announced get
// `fallback`'s answer. Owned by the manager (setProxyFactory).
class QtProxyRouter final : public QNetworkProxyFactory
{
public:
    using Fallback = std::function<QNetworkProxy(const QUrl &url)>;
    explicit QtProxyRouter(Fallback fallback);

    void expect(const QUrl &url, const QNetworkProxy &proxy, const void *owner);
    void forget(const void *owner);
    qsizetype pendingCount() const { return m_pending.size(); }

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    struct Pending
    {
        QUrl url;
        QNetworkProxy proxy;
        const void *owner;
    };
    QList<Pending> m_pending;
    Fallback m_fallback;
};

QNetworkProxy toQtProxy(const ProxyEndpoint &endpoint);

} // namespace Patchbay::Core
