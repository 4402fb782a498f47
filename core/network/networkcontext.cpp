#include "core/network/networkcontext.h"

#include "core/cookies/cookiejar.h"
#include "core/network/qtproxyrouter.h"

#include <QHostAddress>
#include <QNetworkAccessManager>

namespace Patchbay::Core {

namespace {

// The n-th other spelling of an IPv4 address that Qt reads as the same address: the last
// number in hexadecimal with n - 1 leading zeros ("127.0.0.0x1", "127.0.0.0x01"...).
QString ipv4Variant(const QHostAddress &address, int n)
{
    const quint32 value = address.toIPv4Address();
    return QStringLiteral("%1.%2.%3.0x%4")
        .arg((value >> 24) & 0xff)
        .arg((value >> 16) & 0xff)
        .arg((value >> 8) & 0xff)
        .arg(QString(n - 1, u'0') + QString::number(value & 0xff, 16));
}

// The n-th other spelling of an IPv6 address: its eight groups written out, bit i of n padding
// group i to four digits (255 spellings).
QString ipv6Variant(const QHostAddress &address, int n)
{
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    QStringList groups;
    for (int i = 0; i < 8; ++i) {
        const int group = (bytes[2 * i] << 8) | bytes[2 * i + 1];
        groups.append(QString::number(group, 16).rightJustified((n >> i) & 1 ? 4 : 1, u'0'));
    }
    return groups.join(u':');
}

// The n-th spelling of `host` with its letters in another case; empty when it has too few
// letters for that many spellings.
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
        return {};
    return variant;
}

// Another spelling of `host` that TLS checks as the same name (a name's letters in another
// case, an IP address written otherwise) but that Qt's connection pool keys apart; n >= 1.
// Empty when there are no more.
QString hostVariant(const QString &host, int n)
{
    const QHostAddress address(host);
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return n <= 32 ? ipv4Variant(address, n) : QString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return n <= 255 ? ipv6Variant(address, n) : QString();
    return caseVariant(host, n);
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
    // Pooled connections stay: one made with other settings is never picked for a request of
    // the new profile (Qt keys its pool by proxy and by the peer verify name, which differs per
    // TLS configuration and is never given to another one, so m_tlsKeysByHost only grows).
    // clearConnectionCache() would also kill the requests in flight.
    m_profile = profile ? std::move(profile) : std::make_shared<const NetworkProfile>();
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
    if (index == 0)
        return host;
    const QString variant = hostVariant(host, int(index));
    // Past the last spelling, configurations share the host's connections (never seen in use:
    // it takes 33 TLS configurations for one IPv4 address, more for names).
    return variant.isEmpty() ? host : variant;
}

} // namespace Patchbay::Core
