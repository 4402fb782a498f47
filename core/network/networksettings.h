#pragma once

#include "core/common/result.h"
#include "core/http/request.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Patchbay::Core {

// How requests reach the network. System: the http_proxy, https_proxy, all_proxy and no_proxy
// variables (as curl reads them), else the desktop's configuration (QNetworkProxyFactory).
enum class ProxyMode { None, System, Manual };
// Http also carries https:// requests, through CONNECT. Socks5 resolves host names at the proxy.
enum class ProxyType { Http, Socks5 };

struct ProxySettings
{
    ProxyMode mode = ProxyMode::System;
    ProxyType type = ProxyType::Http;
    QString host;
    int port = 8080;
    QString username; // the password is in the keyring (networkSecretKey(id, "proxy"))
    QStringList bypass; // no_proxy entries: host suffixes, IP addresses, CIDR ranges, "*"

    friend bool operator==(const ProxySettings &, const ProxySettings &) = default;
};

// A client certificate for the hosts that match `host`: a PEM certificate and its key (the key
// may sit in the certificate file), or a PKCS#12 file whose passphrase is in the keyring
// (networkSecretKey(id, passphraseSecretName(file))), as is that of an encrypted PEM key.
struct ClientCertificate
{
    QString host; // a host pattern (see hostPatternMatches)
    QString certificate;
    QString key;
    QString pkcs12;
    bool enabled = true;

    bool isPkcs12() const { return !pkcs12.isEmpty(); }
    // The file its passphrase belongs to (see NetworkSecrets::passphrases).
    QString file() const { return isPkcs12() ? pkcs12 : certificate; }
    friend bool operator==(const ClientCertificate &, const ClientCertificate &) = default;
};

// A workspace's network settings, in `network.yaml` at the workspace root (docs/NETWORK.md).
// They hold no secret, so the file can be shared; relative paths are from the workspace root.
struct NetworkSettings
{
    int formatVersion = 1;
    QString id; // keys the keyring entries of this workspace's proxy password and passphrases
    ProxySettings proxy;
    QStringList caCertificates; // PEM files or folders, trusted on top of the system's CAs
    QList<ClientCertificate> clientCertificates;
    QStringList insecureHosts; // host patterns whose certificates are not verified
    bool http1Only = false;

    friend bool operator==(const NetworkSettings &, const NetworkSettings &) = default;
};

// "api.example.com" (that host), "*.example.com" (its subdomains, not itself), "*" (any host),
// each optionally with ":port". Case-insensitive; a leading "https://" is ignored.
bool hostPatternMatches(const QString &pattern, const QUrl &url);

// The keyring key of a network secret of the workspace whose settings have `id`.
QString networkSecretKey(const QString &id, const QString &name);
inline QString proxyPasswordSecretName()
{
    return QStringLiteral("proxy");
}
// The passphrase of a client certificate file (PKCS#12, or PEM with an encrypted key).
inline QString passphraseSecretName(const QString &file)
{
    return QStringLiteral("passphrase:") + file;
}

// network.yaml: pure functions, as for collection files.
QByteArray networkSettingsToYaml(const NetworkSettings &settings);
Result<NetworkSettings> networkSettingsFromYaml(QByteArrayView yaml);

QString networkSettingsPath(const QString &workspaceRoot);
// Default settings (system proxy) when the file does not exist.
Result<NetworkSettings> loadNetworkSettings(const QString &workspaceRoot);
// Gives the settings an id first if they have none. No write when the bytes are the same.
Status saveNetworkSettings(const QString &workspaceRoot, NetworkSettings settings);

QString proxyModeName(ProxyMode mode); // "none", "system", "manual"
// A request's proxy setting: "inherit", "none", "system", "manual" ("" reads as inherit).
QString proxyOverrideName(ProxyOverride proxy);
std::optional<ProxyOverride> proxyOverrideFromName(const QString &name);
QString proxyTypeName(ProxyType type); // "http", "socks5"

} // namespace Patchbay::Core
