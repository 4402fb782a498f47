#pragma once

#include "core/common/result.h"
#include "core/network/networksettings.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Patchbay::Core {

// The proxy one hop goes through, resolved: what both transports are told.
struct ProxyEndpoint
{
    enum class Type { None, Http, Socks5 };

    Type type = Type::None;
    QString host;
    quint16 port = 0;
    QString user;
    QString password;

    bool isNone() const { return type == Type::None; }
    bool hasCredentials() const { return !user.isEmpty(); }
    // "http://proxy.corp:3128" or "socks5h://127.0.0.1:1080"; never the credentials.
    QString display() const;

    friend bool operator==(const ProxyEndpoint &, const ProxyEndpoint &) = default;
};

// A proxy written as curl's -x takes it: [scheme://][user[:password]@]host[:port], where scheme
// is http (the default), socks5 or socks5h (both resolve names at the proxy here, so that
// internal names work), and the port defaults to 1080 as in curl. "" is an error.
Result<ProxyEndpoint> parseProxyUrl(const QString &text);

// The no_proxy rules of curl: "*" matches everything; an entry matches the host itself and its
// subdomains (a leading dot is optional); IP addresses match exactly or by CIDR range
// ("10.0.0.0/8"); an optional ":port" must match too. Entries are separated by commas or spaces.
bool bypassesProxy(const QUrl &url, const QStringList &patterns);
QStringList splitNoProxy(const QString &list);

// The proxy variables curl reads: http_proxy (lower-case only, as curl), HTTPS_PROXY,
// ALL_PROXY and NO_PROXY (either case). Captured once, so a profile is a plain value.
struct ProxyEnvironment
{
    QString httpProxy;
    QString httpsProxy;
    QString allProxy;
    QString noProxy;

    static ProxyEnvironment fromProcess();
    bool isEmpty() const
    {
        return httpProxy.isEmpty() && httpsProxy.isEmpty() && allProxy.isEmpty();
    }
    friend bool operator==(const ProxyEnvironment &, const ProxyEnvironment &) = default;
};

// ProxyMode::System for `url`: the variables when any is set, else the desktop's configuration
// (QNetworkProxyFactory::systemProxyForQuery) when `askDesktop`. A variable that does not parse
// is an error naming it.
Result<ProxyEndpoint> systemProxyFor(const QUrl &url, const ProxyEnvironment &environment,
                                     bool askDesktop = true);
// ProxyMode::Manual for `url` (none when the bypass list matches).
ProxyEndpoint manualProxyFor(const QUrl &url, const ProxySettings &settings,
                             const QString &password);

} // namespace Patchbay::Core
