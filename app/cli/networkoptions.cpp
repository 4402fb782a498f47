#include "app/cli/networkoptions.h"

#include "core/cookies/cookiefiles.h"
#include "core/interop/curlnetwork.h"
#include "core/network/tlsmaterial.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace Patchbay::Cli {

using namespace Patchbay::Core;

namespace {

Error usageError(const QString &message)
{
    return Error {QStringLiteral("usage"), message};
}

QString absolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

NetworkOptions::NetworkOptions()
    : m_proxy({QStringLiteral("x"), QStringLiteral("proxy")},
              QStringLiteral("Use this proxy: [http://|socks5h://][user:password@]host[:port] "
                             "(\"\" for none). Without it, the http_proxy, https_proxy and "
                             "no_proxy variables apply."),
              QStringLiteral("URL"))
    , m_proxyUser(QStringLiteral("proxy-user"),
                  QStringLiteral("User name and password for the proxy (Basic)."),
                  QStringLiteral("USER:PASSWORD"))
    , m_noProxy(QStringLiteral("noproxy"),
                QStringLiteral("Hosts that bypass the proxy: comma-separated names (with their "
                               "subdomains), IP addresses, CIDR ranges, or \"*\"."),
                QStringLiteral("LIST"))
    , m_caCert(QStringLiteral("cacert"),
               QStringLiteral("Also trust the CA certificates in this PEM file."),
               QStringLiteral("FILE"))
    , m_caPath(QStringLiteral("capath"),
               QStringLiteral("Also trust the CA certificates (*.pem, *.crt) in this folder."),
               QStringLiteral("DIR"))
    , m_cert(QStringLiteral("cert"),
             QStringLiteral("Client certificate: a PEM file (its key in it or given with "
                            "--key), or PKCS#12 with --cert-type P12; \":PASSPHRASE\" after the "
                            "file opens it."),
             QStringLiteral("FILE[:PASSPHRASE]"))
    , m_certType(QStringLiteral("cert-type"),
                 QStringLiteral("PEM (default) or P12 (.p12 and .pfx files are read as P12)."),
                 QStringLiteral("TYPE"))
    , m_key(QStringLiteral("key"), QStringLiteral("The client certificate's PEM private key."),
            QStringLiteral("FILE"))
    , m_pass(QStringLiteral("pass"),
             QStringLiteral("Passphrase of the private key or PKCS#12 file."),
             QStringLiteral("PHRASE"))
    , m_http1(QStringLiteral("http1.1"), QStringLiteral("Use HTTP/1.1, never HTTP/2."))
    , m_cookie({QStringLiteral("b"), QStringLiteral("cookie")},
               QStringLiteral("Send cookies: a cookies.txt file (Netscape format, as curl -c "
                              "writes), or \"name=value; name2=value2\"."),
               QStringLiteral("FILE|DATA"))
    , m_cookieJar({QStringLiteral("c"), QStringLiteral("cookie-jar")},
                  QStringLiteral("Write every cookie afterwards to this cookies.txt file."),
                  QStringLiteral("FILE"))
{ }

QList<QCommandLineOption> NetworkOptions::options() const
{
    return {m_proxy,    m_proxyUser, m_noProxy, m_caCert, m_caPath, m_cert,
            m_certType, m_key,       m_pass,    m_http1,  m_cookie, m_cookieJar};
}

bool NetworkOptions::http1Only(const QCommandLineParser &parser) const
{
    return parser.isSet(m_http1);
}

Status NetworkOptions::apply(const QCommandLineParser &parser, NetworkSettings &settings,
                             NetworkSecrets &secrets, ProxyEnvironment &environment) const
{
    if (parser.isSet(m_proxy)) {
        const QString value = parser.value(m_proxy);
        if (value.trimmed().isEmpty()) {
            settings.proxy.mode = ProxyMode::None;
        } else {
            const Result<ProxyEndpoint> proxy = parseProxyUrl(value);
            if (!proxy.ok())
                return usageError(QStringLiteral("-x: ") + proxy.error().message);
            settings.proxy.mode = ProxyMode::Manual;
            settings.proxy.type
                = proxy->type == ProxyEndpoint::Type::Socks5 ? ProxyType::Socks5 : ProxyType::Http;
            settings.proxy.host = proxy->host;
            settings.proxy.port = proxy->port;
            settings.proxy.username = proxy->user;
            secrets.proxyPassword = proxy->password;
            settings.proxy.bypass.clear();
        }
    }
    if (parser.isSet(m_proxyUser)) {
        const QString value = parser.value(m_proxyUser);
        const qsizetype colon = value.indexOf(u':');
        settings.proxy.username = colon < 0 ? value : value.left(colon);
        secrets.proxyPassword = colon < 0 ? QString() : value.mid(colon + 1);
    }
    if (parser.isSet(m_noProxy)) {
        settings.proxy.bypass = splitNoProxy(parser.value(m_noProxy));
        environment.noProxy = parser.value(m_noProxy);
    }
    for (const QString &file : parser.values(m_caCert) + parser.values(m_caPath))
        settings.caCertificates.append(absolute(file));

    if (parser.isSet(m_key) && !parser.isSet(m_cert))
        return usageError(QStringLiteral("--key needs --cert (the certificate of that key)"));
    if (parser.isSet(m_cert)) {
        const auto [file, passphrase] = splitCurlCertArgument(parser.value(m_cert));
        if (file.isEmpty())
            return usageError(QStringLiteral("--cert needs a file name"));
        const QString type = parser.value(m_certType).toUpper();
        if (!type.isEmpty() && type != QLatin1String("PEM") && type != QLatin1String("P12"))
            return usageError(QStringLiteral("--cert-type %1 is not supported; use PEM or P12 "
                                             "(convert DER with: openssl x509 -inform der -in "
                                             "FILE -out FILE.pem)")
                                  .arg(parser.value(m_certType)));
        ClientCertificate certificate;
        certificate.host = QStringLiteral("*"); // as curl: every host of the transfer
        const bool pkcs12 = type == QLatin1String("P12") || (type.isEmpty() && isPkcs12File(file));
        if (pkcs12 && parser.isSet(m_key))
            return usageError(QStringLiteral("--key goes with a PEM certificate; a PKCS#12 file "
                                             "holds its key"));
        if (pkcs12)
            certificate.pkcs12 = absolute(file);
        else
            certificate.certificate = absolute(file);
        if (parser.isSet(m_key))
            certificate.key = absolute(parser.value(m_key));
        const QString phrase = parser.isSet(m_pass) ? parser.value(m_pass) : passphrase;
        if (!phrase.isEmpty())
            secrets.passphrases.insert(certificate.file(), phrase);
        // Ahead of the workspace's rules: the command line wins.
        settings.clientCertificates.prepend(certificate);
    }
    return Ok {};
}

Result<CookieList> NetworkOptions::cookies(const QCommandLineParser &parser,
                                           const QString &host) const
{
    CookieList all;
    for (const QString &value : parser.values(m_cookie)) {
        if (looksLikeCookieString(value)) {
            if (host.isEmpty())
                return usageError(QStringLiteral("-b \"%1\": a run sends to many hosts, so give "
                                                 "its cookies as a cookies.txt file")
                                      .arg(value));
            all += cookiesFromString(value, host);
            continue;
        }
        if (!QFileInfo::exists(value))
            continue; // curl starts with no cookies then, e.g. "-b jar.txt -c jar.txt"
        const Result<CookieList> read = readCookieFile(value);
        if (!read.ok())
            return usageError(QStringLiteral("-b: ") + read.error().message);
        all += read.value();
    }
    return all;
}

QString NetworkOptions::cookieJarPath(const QCommandLineParser &parser) const
{
    return parser.value(m_cookieJar);
}

Result<NetworkProfile> NetworkOptions::standaloneProfile(const QCommandLineParser &parser) const
{
    NetworkSettings settings;
    NetworkSecrets secrets;
    ProxyEnvironment environment = ProxyEnvironment::fromProcess();
    if (const Status applied = apply(parser, settings, secrets, environment); !applied.ok())
        return applied.error();
    NetworkProfile profile
        = NetworkProfile::load(settings, QDir::currentPath(), secrets, environment);
    profile.setAskDesktopForProxy(false); // as curl: the variables only
    if (!profile.problems().isEmpty())
        return Error {QStringLiteral("network-settings"), profile.problems().join(u'\n')};
    return profile;
}

} // namespace Patchbay::Cli
