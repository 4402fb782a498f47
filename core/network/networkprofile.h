#pragma once

#include "core/common/result.h"
#include "core/http/request.h"
#include "core/network/networksettings.h"
#include "core/network/proxyconfig.h"
#include "core/network/tlsmaterial.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QStringList>

#include <memory>
#include <optional>

namespace Patchbay::Core {

// What the transport needs for one hop, resolved from the workspace's settings and the
// request's overrides: the same value drives Qt and libcurl, so both behave alike.
struct HopNetwork
{
    ProxyEndpoint proxy;
    QList<QSslCertificate> extraCaCertificates; // trusted on top of the system's
    QByteArray caBundle; // system + extra CAs as PEM (for libcurl); empty without extra CAs
    std::optional<ClientIdentity> clientIdentity;
    bool verifyPeer = true;
    QString notVerifiedReason; // why verifyPeer is false
    bool http1Only = false;
    // Identifies the TLS material (extra CAs, client identity, HTTP/1.1 only, verification);
    // empty for the defaults. Connections made with one configuration are never reused by
    // another.
    QByteArray tlsKey;

    friend bool operator==(const HopNetwork &, const HopNetwork &) = default;
};

// The secrets the settings refer to, read from the keyring by the caller.
struct NetworkSecrets
{
    QString proxyPassword;
    // Of client certificates, by their file as written in the settings: a PKCS#12 file, or a
    // PEM certificate whose key is encrypted.
    QHash<QString, QString> passphrases;

    friend bool operator==(const NetworkSecrets &, const NetworkSecrets &) = default;
};

class CallNetwork;

// A workspace's network settings with their files loaded (CA certificates, client
// certificates), their secrets, and the process's proxy variables: an immutable value shared by
// every call (NetworkContext holds it). Loading never fails as a whole: a file that cannot be
// read is listed in problems(), and a client certificate that failed to load makes requests to
// its hosts fail with that message rather than go out without it.
class NetworkProfile
{
public:
    NetworkProfile(); // the defaults: system proxy, system CAs, nothing else
    // Relative paths are from `baseDir` (the workspace root).
    static NetworkProfile
    load(const NetworkSettings &settings, const QString &baseDir, const NetworkSecrets &secrets,
         const ProxyEnvironment &environment = ProxyEnvironment::fromProcess());

    const NetworkSettings &settings() const { return m_settings; }
    QStringList problems() const { return m_problems; }
    // Whether ProxyMode::System asks the desktop when no proxy variable is set (off in tests).
    void setAskDesktopForProxy(bool ask) { m_askDesktop = ask; }

    // The network of one call: the request's overrides applied. Fails when the request names a
    // file that cannot be loaded or a proxy that does not parse; nothing is sent then.
    Result<CallNetwork> forRequest(const RequestSettings &request) const;

private:
    friend class CallNetwork;
    struct LoadedCertificate
    {
        ClientCertificate setting;
        std::optional<ClientIdentity> identity;
        QString problem;
    };

    QString absolutePath(const QString &path) const;

    NetworkSettings m_settings;
    QString m_baseDir;
    QString m_proxyPassword;
    ProxyEnvironment m_environment;
    bool m_askDesktop = true;
    QList<QSslCertificate> m_caCertificates;
    QByteArray m_caBundle;
    QList<LoadedCertificate> m_clientCertificates;
    QStringList m_problems;
};

// The network of one request, per hop (a redirect may change the host, hence the proxy and the
// client certificate).
class CallNetwork
{
public:
    Result<HopNetwork> forUrl(const QUrl &url) const;

private:
    friend class NetworkProfile;
    NetworkProfile m_profile; // a cheap copy: its lists are implicitly shared
    RequestSettings m_request;
    std::optional<ProxyEndpoint> m_requestProxy; // ProxyOverride::Manual, parsed
    QList<QSslCertificate> m_extraCa; // the profile's and the request's
    QByteArray m_caBundle;
    std::optional<ClientIdentity> m_requestIdentity;
};

} // namespace Patchbay::Core
