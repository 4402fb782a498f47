#include "core/interop/curlnetwork.h"

#include "core/network/tlsmaterial.h"

#include <QUrl>

namespace Patchbay::Core {

namespace {

// ':' in a --cert file name is written "\:".
QString escapeCertFile(const QString &file)
{
    return QString(file).replace(u':', QLatin1String("\\:"));
}

// A path that names a folder, as far as text tells (capath vs cacert).
bool looksLikeFolder(const QString &path)
{
    return path.endsWith(u'/');
}

} // namespace

std::pair<QString, QString> splitCurlCertArgument(const QString &argument)
{
    QString file;
    for (qsizetype i = 0; i < argument.size(); ++i) {
        const QChar c = argument.at(i);
        if (c == u'\\' && i + 1 < argument.size() && argument.at(i + 1) == u':') {
            file += u':';
            ++i;
        } else if (c == u':') {
            return {file, argument.mid(i + 1)};
        } else {
            file += c;
        }
    }
    return {file, QString()};
}

bool applyCurlNetworkOption(const QString &name, const QString &spelled, const QString &arg,
                            RequestSettings &settings, CurlNetworkOptions &pending,
                            QStringList &warnings)
{
    if (name == QLatin1String("proxy")) {
        settings.proxy = arg.trimmed().isEmpty() ? ProxyOverride::None : ProxyOverride::Manual;
        settings.proxyUrl = arg.trimmed();
    } else if (name == QLatin1String("proxy-user")) {
        pending.proxyUser = arg;
        pending.proxyUserGiven = true;
    } else if (name == QLatin1String("noproxy")) {
        if (arg.trimmed() == QLatin1String("*")) {
            settings.proxy = ProxyOverride::None;
            settings.proxyUrl.clear();
        } else {
            warnings << QStringLiteral("Ignored %1 %2: a bypass list belongs to the workspace's "
                                       "proxy (Tools → Network Settings).")
                            .arg(spelled, arg);
        }
    } else if (name == QLatin1String("cacert") || name == QLatin1String("capath")) {
        settings.caCertificates = arg;
    } else if (name == QLatin1String("cert")) {
        const auto [file, passphrase] = splitCurlCertArgument(arg);
        settings.clientCertificate = file;
        if (!passphrase.isEmpty())
            settings.clientPassphrase = passphrase;
    } else if (name == QLatin1String("key")) {
        settings.clientKey = arg;
    } else if (name == QLatin1String("pass")) {
        settings.clientPassphrase = arg;
    } else if (name == QLatin1String("cert-type")) {
        // PEM and P12 are both recognised when the file is read; DER is not supported.
        if (arg.compare(QLatin1String("PEM"), Qt::CaseInsensitive) != 0
            && arg.compare(QLatin1String("P12"), Qt::CaseInsensitive) != 0)
            warnings << QStringLiteral("%1 %2 is not supported: use a PEM or PKCS#12 "
                                       "certificate.")
                            .arg(spelled, arg);
    } else if (name == QLatin1String("http1.1")) {
        settings.http1Only = true;
    } else {
        return false;
    }
    return true;
}

void finishCurlNetworkOptions(RequestSettings &settings, const CurlNetworkOptions &pending,
                              QStringList &warnings)
{
    if (!pending.proxyUserGiven)
        return;
    if (settings.proxy != ProxyOverride::Manual) {
        warnings << QStringLiteral("Ignored --proxy-user: without -x the workspace's proxy "
                                   "applies, with its own user name (Tools → Network "
                                   "Settings).");
        return;
    }
    const qsizetype colon = pending.proxyUser.indexOf(u':');
    const QString user = colon < 0 ? pending.proxyUser : pending.proxyUser.left(colon);
    const QString password = colon < 0 ? QString() : pending.proxyUser.mid(colon + 1);
    QString address = settings.proxyUrl;
    qsizetype hostStart = address.indexOf(QLatin1String("://"));
    hostStart = hostStart < 0 ? 0 : hostStart + 3;
    const qsizetype at = address.indexOf(u'@', hostStart);
    if (at >= 0)
        address.remove(hostStart, at - hostStart + 1); // --proxy-user wins, as in curl
    // Percent-encoded so that ':' and '@' in a password survive; {{variables}} stay readable.
    const auto encode = [](const QString &text) {
        return QString::fromLatin1(QUrl::toPercentEncoding(text, "{}"));
    };
    QString userInfo = encode(user);
    if (colon >= 0)
        userInfo += u':' + encode(password);
    address.insert(hostStart, userInfo + u'@');
    settings.proxyUrl = address;
}

QList<std::pair<QString, QString>> curlNetworkArguments(const RequestSettings &s)
{
    QList<std::pair<QString, QString>> args;
    switch (s.proxy) {
    case ProxyOverride::Manual:
        if (!s.proxyUrl.trimmed().isEmpty())
            args.append({QStringLiteral("-x"), s.proxyUrl.trimmed()});
        break;
    case ProxyOverride::None:
        args.append({QStringLiteral("--noproxy"), QStringLiteral("*")});
        break;
    case ProxyOverride::System: // curl reads the proxy variables itself
    case ProxyOverride::Inherit:
        break;
    }
    if (!s.caCertificates.trimmed().isEmpty()) {
        const QString ca = s.caCertificates.trimmed();
        args.append(
            {looksLikeFolder(ca) ? QStringLiteral("--capath") : QStringLiteral("--cacert"), ca});
    }
    if (!s.clientCertificate.trimmed().isEmpty()) {
        const QString file = s.clientCertificate.trimmed();
        QString cert = escapeCertFile(file);
        if (!s.clientPassphrase.isEmpty())
            cert += u':' + s.clientPassphrase;
        args.append({QStringLiteral("--cert"), cert});
        if (isPkcs12File(file))
            args.append({QStringLiteral("--cert-type"), QStringLiteral("P12")});
        if (!s.clientKey.trimmed().isEmpty())
            args.append({QStringLiteral("--key"), s.clientKey.trimmed()});
    }
    if (s.http1Only)
        args.append({QStringLiteral("--http1.1"), QString()});
    return args;
}

} // namespace Patchbay::Core
