#include "core/interop/codegennetwork.h"

#include "core/network/proxyconfig.h"
#include "core/network/tlsmaterial.h"

namespace Patchbay::Core {

namespace {

QString trimmed(const QString &text)
{
    return text.trimmed();
}

bool ownProxy(const RequestSettings &s)
{
    return s.proxy == ProxyOverride::Manual && !s.proxyUrl.trimmed().isEmpty();
}

// The proxy with a scheme, as libraries other than curl want it.
QString proxyWithScheme(const RequestSettings &s)
{
    const QString url = s.proxyUrl.trimmed();
    return url.contains(QLatin1String("://")) ? url : QStringLiteral("http://") + url;
}

} // namespace

QStringList pythonNetworkArguments(const RequestSettings &s, bool verifyTls,
                                   const QuoteFunction &quote, QString *comment)
{
    QStringList args;
    QStringList notes;
    if (ownProxy(s)) {
        const QString proxy = quote(proxyWithScheme(s));
        args.append(QStringLiteral("proxies={\"http\": %1, \"https\": %1}").arg(proxy));
        if (proxyWithScheme(s).startsWith(QLatin1String("socks")))
            notes.append(QStringLiteral("SOCKS proxies need: pip install \"requests[socks]\""));
    } else if (s.proxy == ProxyOverride::None) {
        notes.append(QStringLiteral("Patchbay sends this request without a proxy: unset "
                                    "http_proxy and https_proxy, or use a Session with "
                                    "trust_env = False."));
    }
    if (verifyTls && !trimmed(s.caCertificates).isEmpty()) {
        args.append(QStringLiteral("verify=") + quote(trimmed(s.caCertificates)));
        notes.append(QStringLiteral("verify= trusts only that CA bundle, not the system's as "
                                    "Patchbay does."));
    }
    const QString certificate = trimmed(s.clientCertificate);
    if (!certificate.isEmpty()) {
        if (isPkcs12File(certificate)) {
            notes.append(QStringLiteral("requests cannot read PKCS#12: convert it first with "
                                        "openssl pkcs12 -in %1 -out client.pem -nodes, then pass "
                                        "cert=\"client.pem\".")
                             .arg(certificate));
        } else {
            args.append(trimmed(s.clientKey).isEmpty()
                            ? QStringLiteral("cert=") + quote(certificate)
                            : QStringLiteral("cert=(%1, %2)")
                                  .arg(quote(certificate), quote(trimmed(s.clientKey))));
            if (!s.clientPassphrase.isEmpty())
                notes.append(QStringLiteral("requests cannot open an encrypted key: decrypt it "
                                            "with openssl pkey -in KEY -out key.pem."));
        }
    }
    if (comment) {
        for (const QString &note : std::as_const(notes))
            *comment += QStringLiteral("# ") + note + u'\n';
        if (!notes.isEmpty())
            *comment += u'\n';
    }
    return args;
}

QStringList httpieNetworkArguments(const RequestSettings &s, bool verifyTls,
                                   const QuoteFunction &quote)
{
    QStringList args;
    if (ownProxy(s)) {
        args.append(QStringLiteral("--proxy=")
                    + quote(QStringLiteral("http:") + proxyWithScheme(s)));
        args.append(QStringLiteral("--proxy=")
                    + quote(QStringLiteral("https:") + proxyWithScheme(s)));
    }
    if (verifyTls && !trimmed(s.caCertificates).isEmpty())
        args.append(QStringLiteral("--verify=") + quote(trimmed(s.caCertificates)));
    const QString certificate = trimmed(s.clientCertificate);
    if (!certificate.isEmpty() && !isPkcs12File(certificate)) {
        args.append(QStringLiteral("--cert=") + quote(certificate));
        if (!trimmed(s.clientKey).isEmpty())
            args.append(QStringLiteral("--cert-key=") + quote(trimmed(s.clientKey)));
        if (!s.clientPassphrase.isEmpty())
            args.append(QStringLiteral("--cert-key-pass=") + quote(s.clientPassphrase));
    }
    return args;
}

QString fetchNetworkComment(const RequestSettings &s)
{
    QStringList lines;
    if (ownProxy(s))
        lines.append(QStringLiteral("Patchbay sends this request through the proxy %1; fetch "
                                    "has no proxy option (Node.js: undici's ProxyAgent as the "
                                    "dispatcher).")
                         .arg(s.proxyUrl.trimmed()));
    if (!trimmed(s.caCertificates).isEmpty())
        lines.append(QStringLiteral("It also trusts the CA certificates in %1 (Node.js: "
                                    "NODE_EXTRA_CA_CERTS=%1).")
                         .arg(trimmed(s.caCertificates)));
    if (!trimmed(s.clientCertificate).isEmpty())
        lines.append(QStringLiteral("It presents the client certificate %1; fetch cannot "
                                    "(Node.js: undici's Agent with connect: { cert, key } or "
                                    "{ pfx, passphrase }).")
                         .arg(trimmed(s.clientCertificate)));
    QString comment;
    for (const QString &line : std::as_const(lines))
        comment += QStringLiteral("// ") + line + u'\n';
    return comment;
}

QStringList qtNetworkIncludes(const RequestSettings &s)
{
    QStringList includes;
    if (s.proxy == ProxyOverride::None || ownProxy(s))
        includes.append(QStringLiteral("QNetworkProxy"));
    if (!trimmed(s.caCertificates).isEmpty() || !trimmed(s.clientCertificate).isEmpty())
        includes.append({QStringLiteral("QSslCertificate"), QStringLiteral("QSslConfiguration")});
    if (!trimmed(s.clientCertificate).isEmpty())
        includes.append({QStringLiteral("QFile"), QStringLiteral("QSslKey")});
    return includes;
}

QString qtNetworkCode(const RequestSettings &s, const QuoteFunction &quote)
{
    QString code;
    if (s.proxy == ProxyOverride::None) {
        code += QStringLiteral("    manager.setProxy(QNetworkProxy::NoProxy);\n");
    } else if (ownProxy(s)) {
        const Result<ProxyEndpoint> proxy = parseProxyUrl(s.proxyUrl);
        if (!proxy.ok()) {
            code += QStringLiteral("    // Through the proxy %1 (QNetworkProxy).\n")
                        .arg(s.proxyUrl.trimmed());
        } else {
            const bool socks = proxy->type == ProxyEndpoint::Type::Socks5;
            code += QStringLiteral("    manager.setProxy(QNetworkProxy(QNetworkProxy::%1, %2, %3")
                        .arg(socks ? QStringLiteral("Socks5Proxy") : QStringLiteral("HttpProxy"),
                             quote(proxy->host))
                        .arg(proxy->port);
            if (proxy->hasCredentials())
                code += QStringLiteral(",\n                                   %1, %2")
                            .arg(quote(proxy->user), quote(proxy->password));
            code += QStringLiteral("));\n");
        }
    }
    const QString ca = trimmed(s.caCertificates);
    const QString certificate = trimmed(s.clientCertificate);
    if (!ca.isEmpty() || !certificate.isEmpty()) {
        code += QStringLiteral("    QSslConfiguration tls = request.sslConfiguration();\n");
        if (!ca.isEmpty()) {
            code += QStringLiteral("    tls.addCaCertificates(%1); // besides the system's\n")
                        .arg(quote(ca));
        }
        if (isPkcs12File(certificate)) {
            code += QStringLiteral(
                        "    QFile pkcs12(%1);\n"
                        "    QSslKey key;\n"
                        "    QSslCertificate certificate;\n"
                        "    if (!pkcs12.open(QIODevice::ReadOnly)\n"
                        "        || !QSslCertificate::importPkcs12(&pkcs12, &key, &certificate, "
                        "nullptr, %2))\n"
                        "        qFatal(\"cannot open the PKCS#12 file\");\n"
                        "    tls.setLocalCertificate(certificate);\n"
                        "    tls.setPrivateKey(key);\n")
                        .arg(quote(certificate),
                             quote(s.clientPassphrase) + QStringLiteral(".toUtf8()"));
        } else if (!certificate.isEmpty()) {
            const QString keyFile
                = trimmed(s.clientKey).isEmpty() ? certificate : trimmed(s.clientKey);
            code += QStringLiteral(
                        "    QFile certificateFile(%1);\n"
                        "    QFile keyFile(%2);\n"
                        "    if (!certificateFile.open(QIODevice::ReadOnly) || "
                        "!keyFile.open(QIODevice::ReadOnly))\n"
                        "        qFatal(\"cannot read the client certificate or its key\");\n"
                        "    tls.setLocalCertificate(QSslCertificate(&certificateFile));\n"
                        "    // QSsl::Ec for an elliptic-curve key.\n"
                        "    tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem, "
                        "QSsl::PrivateKey, %3));\n")
                        .arg(quote(certificate), quote(keyFile),
                             quote(s.clientPassphrase) + QStringLiteral(".toUtf8()"));
        }
        code += QStringLiteral("    request.setSslConfiguration(tls);\n");
    }
    if (s.http1Only)
        code += QStringLiteral(
            "    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);\n");
    return code;
}

} // namespace Patchbay::Core
