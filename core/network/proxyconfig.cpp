#include "core/network/proxyconfig.h"

#include <QHostAddress>
#include <QNetworkProxyFactory>
#include <QProcessEnvironment>

namespace Patchbay::Core {

namespace {

constexpr quint16 kDefaultProxyPort = 1080; // curl's

Error proxyError(const QString &message)
{
    return Error {QStringLiteral("invalid-request"), message};
}

bool isHttps(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

bool matchesOne(const QString &host, const QHostAddress &address, int port, QString entry)
{
    entry = entry.trimmed().toLower();
    if (entry.isEmpty())
        return false;
    if (entry == QLatin1String("*"))
        return true;
    // A port only for host names and bracketed IPv6: "host:8080", "[::1]:8080".
    int entryPort = -1;
    if (entry.startsWith(u'[')) {
        const qsizetype close = entry.indexOf(u']');
        if (close > 0 && entry.mid(close + 1).startsWith(u':'))
            entryPort = entry.mid(close + 2).toInt();
        entry = entry.mid(1, close > 0 ? close - 1 : -1);
    } else if (entry.count(u':') == 1) {
        const qsizetype colon = entry.indexOf(u':');
        bool ok = false;
        const int value = entry.mid(colon + 1).toInt(&ok);
        if (ok) {
            entryPort = value;
            entry = entry.left(colon);
        }
    }
    if (entryPort >= 0 && entryPort != port)
        return false;
    if (!address.isNull()) {
        if (entry.contains(u'/')) {
            const std::pair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry);
            return !subnet.first.isNull() && address.isInSubnet(subnet);
        }
        const QHostAddress entryAddress(entry);
        if (!entryAddress.isNull())
            return entryAddress.isEqual(address);
    }
    if (entry.startsWith(u'.'))
        entry.remove(0, 1);
    if (entry.endsWith(u'.'))
        entry.chop(1);
    return host == entry
        || (host.endsWith(entry) && host.at(host.size() - entry.size() - 1) == u'.');
}

ProxyEndpoint fromQtProxy(const QNetworkProxy &proxy)
{
    ProxyEndpoint endpoint;
    switch (proxy.type()) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        endpoint.type = ProxyEndpoint::Type::Http;
        break;
    case QNetworkProxy::Socks5Proxy:
        endpoint.type = ProxyEndpoint::Type::Socks5;
        break;
    default:
        return endpoint;
    }
    endpoint.host = proxy.hostName();
    endpoint.port = proxy.port();
    endpoint.user = proxy.user();
    endpoint.password = proxy.password();
    return endpoint;
}

} // namespace

QString ProxyEndpoint::display() const
{
    if (type == Type::None)
        return {};
    const QString scheme
        = type == Type::Socks5 ? QStringLiteral("socks5h") : QStringLiteral("http");
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return scheme + QStringLiteral("://") + shownHost + u':' + QString::number(port);
}

Result<ProxyEndpoint> parseProxyUrl(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return proxyError(QStringLiteral("The proxy address is empty. Write it as "
                                         "http://host:port or socks5h://host:port."));
    const QString withScheme
        = text.contains(QLatin1String("://")) ? text : QStringLiteral("http://") + text;
    const QUrl url(withScheme, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    ProxyEndpoint endpoint;
    if (scheme == QLatin1String("http"))
        endpoint.type = ProxyEndpoint::Type::Http;
    else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h"))
        endpoint.type = ProxyEndpoint::Type::Socks5;
    else
        return proxyError(QStringLiteral("The proxy \"%1\" uses the scheme %2, which Patchbay "
                                         "does not support. Use http:// (which also carries "
                                         "https requests) or socks5h://.")
                              .arg(text, scheme));
    if (!url.isValid() || url.host().isEmpty())
        return proxyError(QStringLiteral("The proxy \"%1\" is not an address Patchbay can use. "
                                         "Write it as http://host:port or socks5h://host:port.")
                              .arg(text));
    endpoint.host = url.host();
    endpoint.port = quint16(url.port(kDefaultProxyPort));
    endpoint.user = url.userName(QUrl::FullyDecoded);
    endpoint.password = url.password(QUrl::FullyDecoded);
    return endpoint;
}

QStringList splitNoProxy(const QString &list)
{
    QStringList entries;
    QString current;
    for (const QChar c : list) {
        if (c == u',' || c.isSpace()) {
            if (!current.isEmpty())
                entries.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.isEmpty())
        entries.append(current);
    return entries;
}

bool bypassesProxy(const QUrl &url, const QStringList &patterns)
{
    QString host = url.host().toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    const QHostAddress address(host);
    const int port = url.port(isHttps(url) ? 443 : 80);
    for (const QString &pattern : patterns) {
        if (matchesOne(host, address, port, pattern))
            return true;
    }
    return false;
}

ProxyEnvironment ProxyEnvironment::fromProcess()
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const auto either = [&env](const char *lower, const char *upper) {
        const QString value = env.value(QString::fromLatin1(lower));
        return value.isEmpty() ? env.value(QString::fromLatin1(upper)) : value;
    };
    ProxyEnvironment e;
    // curl ignores HTTP_PROXY: under CGI it is set from a request's "Proxy:" header (httpoxy).
    e.httpProxy = env.value(QStringLiteral("http_proxy"));
    e.httpsProxy = either("https_proxy", "HTTPS_PROXY");
    e.allProxy = either("all_proxy", "ALL_PROXY");
    e.noProxy = either("no_proxy", "NO_PROXY");
    return e;
}

Result<ProxyEndpoint> systemProxyFor(const QUrl &url, const ProxyEnvironment &environment,
                                     bool askDesktop)
{
    if (!environment.isEmpty()) {
        if (bypassesProxy(url, splitNoProxy(environment.noProxy)))
            return ProxyEndpoint();
        const char *name = isHttps(url) ? "https_proxy" : "http_proxy";
        QString value = isHttps(url) ? environment.httpsProxy : environment.httpProxy;
        if (value.isEmpty()) {
            value = environment.allProxy;
            name = "all_proxy";
        }
        if (value.isEmpty())
            return ProxyEndpoint();
        Result<ProxyEndpoint> parsed = parseProxyUrl(value);
        if (!parsed.ok())
            return proxyError(QStringLiteral("The %1 variable: %2")
                                  .arg(QString::fromLatin1(name), parsed.error().message));
        return parsed;
    }
    if (!askDesktop)
        return ProxyEndpoint();
    const QList<QNetworkProxy> proxies
        = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    for (const QNetworkProxy &proxy : proxies) {
        const ProxyEndpoint endpoint = fromQtProxy(proxy);
        if (!endpoint.isNone())
            return endpoint;
        if (proxy.type() == QNetworkProxy::NoProxy)
            break;
    }
    return ProxyEndpoint();
}

ProxyEndpoint manualProxyFor(const QUrl &url, const ProxySettings &settings,
                             const QString &password)
{
    if (settings.host.isEmpty() || bypassesProxy(url, settings.bypass))
        return ProxyEndpoint();
    ProxyEndpoint endpoint;
    endpoint.type = settings.type == ProxyType::Socks5 ? ProxyEndpoint::Type::Socks5
                                                       : ProxyEndpoint::Type::Http;
    endpoint.host = settings.host;
    endpoint.port = quint16(settings.port);
    endpoint.user = settings.username;
    endpoint.password = settings.username.isEmpty() ? QString() : password;
    return endpoint;
}

} // namespace Patchbay::Core
