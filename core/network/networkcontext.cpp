#include "core/network/networkcontext.h"

#include "core/cookies/cookiejar.h"
#include "core/network/qtproxyrouter.h"

#include <QNetworkAccessManager>

namespace Patchbay::Core {

namespace {

// The n-th spelling of `host` with its letters in another case; the host itself when it has
// too few letters for that many spellings (an IP address has none).
QString caseVariant(const QString &host, int n)
{
    QString variant = host.toLower();
    int bit = 0;
    for (QChar &c : variant) {
        if (!c.isLetter())
            continue;
        if (n & (1 << bit))
            c = c.toUpper();
        if (++bit >= 30)
            break;
    }
    if (n >= (1 << bit))
        return host;
    return variant;
}

} // namespace

NetworkContext::NetworkContext(QObject *transport)
    : QObject(transport)
    , m_profile(std::make_shared<const NetworkProfile>())
    , m_ownJar(std::make_unique<CookieJar>())
    , m_jar(m_ownJar.get())
    , m_network(qobject_cast<QNetworkAccessManager *>(transport))
{
    setObjectName(QStringLiteral("patchbayNetworkContext"));
    if (m_network) {
        // Requests that did not come through HttpClient get the workspace's proxy.
        m_router = new QtProxyRouter([this](const QUrl &url) {
            const Result<CallNetwork> call = m_profile->forRequest(RequestSettings());
            if (!call.ok())
                return QNetworkProxy(QNetworkProxy::NoProxy);
            const Result<HopNetwork> hop = call->forUrl(url);
            return hop.ok() ? toQtProxy(hop->proxy) : QNetworkProxy(QNetworkProxy::NoProxy);
        });
        m_network->setProxyFactory(m_router); // the manager owns it
    }
}

NetworkContext *NetworkContext::of(QObject *transport)
{
    Q_ASSERT(transport);
    if (auto *context
        = transport->findChild<NetworkContext *>(QString(), Qt::FindDirectChildrenOnly))
        return context;
    return new NetworkContext(transport); // owned by the transport
}

void NetworkContext::setProfile(std::shared_ptr<const NetworkProfile> profile)
{
    m_profile = profile ? std::move(profile) : std::make_shared<const NetworkProfile>();
    m_tlsKeysByHost.clear();
    if (m_network)
        m_network->clearConnectionCache();
    emit profileChanged();
}

CookieJar *NetworkContext::cookieJar() const
{
    return m_jar ? m_jar.data() : m_ownJar.get();
}

void NetworkContext::setCookieJar(CookieJar *jar)
{
    m_jar = jar ? jar : m_ownJar.get();
}

QString NetworkContext::qtPeerVerifyName(const QString &host, const QByteArray &tlsKey)
{
    QList<QByteArray> &keys = m_tlsKeysByHost[host.toLower()];
    qsizetype index = keys.indexOf(tlsKey);
    if (index < 0) {
        keys.append(tlsKey);
        index = keys.size() - 1;
    }
    return index == 0 ? host : caseVariant(host, int(index));
}

} // namespace Patchbay::Core
