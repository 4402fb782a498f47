#include "core/network/networkprofile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace Patchbay::Core {

namespace {

Error requestError(const QString &message)
{
    return Error {QStringLiteral("invalid-request"), message};
}

QByteArray tlsKeyOf(const QList<QSslCertificate> &extraCa,
                    const std::optional<ClientIdentity> &identity, bool http1Only, bool verifyPeer)
{
    if (extraCa.isEmpty() && !identity && !http1Only && verifyPeer)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QSslCertificate &c : extraCa)
        hash.addData(c.digest(QCryptographicHash::Sha256));
    hash.addData(QByteArrayView("|"));
    if (identity) {
        hash.addData(identity->certificate.digest(QCryptographicHash::Sha256));
        hash.addData(identity->key.toDer());
    }
    hash.addData(http1Only ? QByteArrayView("|h1") : QByteArrayView("|h2"));
    hash.addData(verifyPeer ? QByteArrayView("|verify") : QByteArrayView("|trust"));
    return hash.result().toHex().left(16);
}

} // namespace

NetworkProfile::NetworkProfile()
    : m_environment(ProxyEnvironment::fromProcess())
{ }

QString NetworkProfile::absolutePath(const QString &path) const
{
    if (path.isEmpty() || QFileInfo(path).isAbsolute() || m_baseDir.isEmpty())
        return QDir::cleanPath(QDir::fromNativeSeparators(path));
    return QDir::cleanPath(m_baseDir + u'/' + path);
}

NetworkProfile NetworkProfile::load(const NetworkSettings &settings, const QString &baseDir,
                                    const NetworkSecrets &secrets,
                                    const ProxyEnvironment &environment)
{
    NetworkProfile profile;
    profile.m_settings = settings;
    profile.m_baseDir = baseDir;
    profile.m_proxyPassword = secrets.proxyPassword;
    profile.m_environment = environment;
    for (const QString &path : settings.caCertificates) {
        const Result<QList<QSslCertificate>> loaded
            = loadCaCertificates(profile.absolutePath(path));
        if (loaded.ok())
            profile.m_caCertificates += loaded.value();
        else
            profile.m_problems.append(loaded.error().message);
    }
    if (!profile.m_caCertificates.isEmpty())
        profile.m_caBundle = caBundlePem(profile.m_caCertificates);
    for (const ClientCertificate &certificate : settings.clientCertificates) {
        if (!certificate.enabled)
            continue;
        LoadedCertificate loaded {certificate, std::nullopt, QString()};
        Result<ClientIdentity> identity = certificate.isPkcs12()
            ? loadPkcs12Identity(profile.absolutePath(certificate.pkcs12),
                                 secrets.passphrases.value(certificate.file()))
            : loadPemIdentity(profile.absolutePath(certificate.certificate),
                              certificate.key.isEmpty() ? QString()
                                                        : profile.absolutePath(certificate.key),
                              secrets.passphrases.value(certificate.file()));
        if (identity.ok()) {
            loaded.identity = std::move(identity).value();
        } else {
            loaded.problem = identity.error().message;
            profile.m_problems.append(QStringLiteral("Client certificate for %1: %2")
                                          .arg(certificate.host, loaded.problem));
        }
        profile.m_clientCertificates.append(loaded);
    }
    return profile;
}

Result<CallNetwork> NetworkProfile::forRequest(const RequestSettings &request) const
{
    CallNetwork call;
    call.m_profile = *this;
    call.m_request = request;
    call.m_extraCa = m_caCertificates;
    call.m_caBundle = m_caBundle;
    if (request.proxy == ProxyOverride::Manual) {
        Result<ProxyEndpoint> proxy = parseProxyUrl(request.proxyUrl);
        if (!proxy.ok())
            return requestError(QStringLiteral("The request's proxy setting: ")
                                + proxy.error().message);
        call.m_requestProxy = proxy.value();
    }
    if (!request.caCertificates.trimmed().isEmpty()) {
        const Result<QList<QSslCertificate>> loaded
            = loadCaCertificates(absolutePath(request.caCertificates.trimmed()));
        if (!loaded.ok())
            return loaded.error();
        call.m_extraCa += loaded.value();
        call.m_caBundle = caBundlePem(call.m_extraCa);
    }
    if (!request.clientCertificate.trimmed().isEmpty()) {
        Result<ClientIdentity> identity = loadClientIdentity(
            absolutePath(request.clientCertificate.trimmed()),
            request.clientKey.trimmed().isEmpty() ? QString()
                                                  : absolutePath(request.clientKey.trimmed()),
            request.clientPassphrase);
        if (!identity.ok())
            return identity.error();
        call.m_requestIdentity = std::move(identity).value();
    }
    return call;
}

Result<HopNetwork> CallNetwork::forUrl(const QUrl &url) const
{
    HopNetwork hop;
    const NetworkSettings &settings = m_profile.m_settings;
    ProxyOverride mode = m_request.proxy;
    if (mode == ProxyOverride::Inherit) {
        switch (settings.proxy.mode) {
        case ProxyMode::None:
            mode = ProxyOverride::None;
            break;
        case ProxyMode::System:
            mode = ProxyOverride::System;
            break;
        case ProxyMode::Manual:
            hop.proxy = manualProxyFor(url, settings.proxy, m_profile.m_proxyPassword);
            break;
        }
    }
    if (mode == ProxyOverride::System) {
        Result<ProxyEndpoint> proxy
            = systemProxyFor(url, m_profile.m_environment, m_profile.m_askDesktop);
        if (!proxy.ok())
            return proxy.error();
        hop.proxy = proxy.value();
    } else if (mode == ProxyOverride::Manual && m_requestProxy) {
        hop.proxy = *m_requestProxy;
    }

    hop.extraCaCertificates = m_extraCa;
    hop.caBundle = m_caBundle;
    if (m_requestIdentity) {
        hop.clientIdentity = m_requestIdentity;
    } else {
        for (const NetworkProfile::LoadedCertificate &c : m_profile.m_clientCertificates) {
            if (!hostPatternMatches(c.setting.host, url))
                continue;
            if (!c.identity) {
                return requestError(QStringLiteral("The client certificate for %1 (network "
                                                   "settings) could not be loaded, so nothing "
                                                   "was sent to %2: %3")
                                        .arg(c.setting.host, url.host(), c.problem));
            }
            hop.clientIdentity = c.identity;
            break;
        }
    }
    if (!m_request.verifyTls) {
        hop.verifyPeer = false;
        hop.notVerifiedReason = QStringLiteral("certificate verification is off for this request");
    } else {
        for (const QString &pattern : settings.insecureHosts) {
            if (hostPatternMatches(pattern, url)) {
                hop.verifyPeer = false;
                hop.notVerifiedReason
                    = QStringLiteral("%1 matches \"%2\" in the workspace's list of hosts whose "
                                     "certificates are not verified")
                          .arg(url.host(), pattern);
                break;
            }
        }
    }
    hop.http1Only = m_request.http1Only || settings.http1Only;
    hop.tlsKey
        = tlsKeyOf(hop.extraCaCertificates, hop.clientIdentity, hop.http1Only, hop.verifyPeer);
    return hop;
}

} // namespace Patchbay::Core
