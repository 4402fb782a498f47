#include "core/network/networksettings.h"

#include "core/common/boundedyaml.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>

#include <yaml-cpp/yaml.h>

namespace Patchbay::Core {

namespace {

constexpr qint64 kMaxSettingsFileSize = 1024 * 1024;

Error formatError(const QString &message)
{
    return Error {QStringLiteral("invalid-format"), QStringLiteral("network.yaml: ") + message};
}

std::string str(const QString &text)
{
    return text.toStdString();
}

QString text(const YAML::Node &node)
{
    return node && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

QStringList textList(const YAML::Node &node, const char *key)
{
    QStringList list;
    const YAML::Node items = node[key];
    if (!items)
        return list;
    if (!items.IsSequence())
        throw std::runtime_error(std::string("`") + key + "` must be a list");
    for (const YAML::Node &item : items) {
        const QString value = text(item).trimmed();
        if (!value.isEmpty())
            list.append(value);
    }
    return list;
}

bool boolean(const YAML::Node &node, bool fallback)
{
    if (!node)
        return fallback;
    const QString value = text(node).toLower();
    if (value == QLatin1String("true"))
        return true;
    if (value == QLatin1String("false"))
        return false;
    throw std::runtime_error("expected true or false, got \"" + node.Scalar() + '"');
}

void emitList(YAML::Emitter &out, const char *key, const QStringList &items)
{
    if (items.isEmpty())
        return;
    out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
    for (const QString &item : items)
        out << str(item);
    out << YAML::EndSeq;
}

QString hostOfPattern(QString pattern, int *port)
{
    pattern = pattern.trimmed().toLower();
    for (QLatin1String scheme : {QLatin1String("https://"), QLatin1String("http://")}) {
        if (pattern.startsWith(scheme))
            pattern = pattern.mid(scheme.size());
    }
    if (pattern.endsWith(u'/'))
        pattern.chop(1);
    *port = -1;
    const qsizetype colon = pattern.lastIndexOf(u':');
    if (colon > 0 && !pattern.endsWith(u']') && pattern.count(u':') == 1) {
        bool ok = false;
        const int value = pattern.mid(colon + 1).toInt(&ok);
        if (ok) {
            *port = value;
            pattern = pattern.left(colon);
        }
    }
    return pattern;
}

} // namespace

bool hostPatternMatches(const QString &rawPattern, const QUrl &url)
{
    int port = -1;
    const QString pattern = hostOfPattern(rawPattern, &port);
    if (pattern.isEmpty())
        return false;
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    if (port >= 0 && url.port(https ? 443 : 80) != port)
        return false;
    const QString host = url.host().toLower();
    if (pattern == QLatin1String("*"))
        return true;
    if (pattern.startsWith(QLatin1String("*.")))
        return host.endsWith(pattern.mid(1)) && host.size() > pattern.size() - 1;
    return host == pattern;
}

QString networkSecretKey(const QString &id, const QString &name)
{
    return QStringLiteral("patchbay-network/") + id + u'/' + name;
}

QString proxyModeName(ProxyMode mode)
{
    switch (mode) {
    case ProxyMode::None:
        return QStringLiteral("none");
    case ProxyMode::Manual:
        return QStringLiteral("manual");
    case ProxyMode::System:
        break;
    }
    return QStringLiteral("system");
}

QString proxyOverrideName(ProxyOverride proxy)
{
    switch (proxy) {
    case ProxyOverride::None:
        return QStringLiteral("none");
    case ProxyOverride::System:
        return QStringLiteral("system");
    case ProxyOverride::Manual:
        return QStringLiteral("manual");
    case ProxyOverride::Inherit:
        break;
    }
    return QStringLiteral("inherit");
}

std::optional<ProxyOverride> proxyOverrideFromName(const QString &name)
{
    for (ProxyOverride p : {ProxyOverride::Inherit, ProxyOverride::None, ProxyOverride::System,
                            ProxyOverride::Manual}) {
        if (proxyOverrideName(p) == name)
            return p;
    }
    if (name.isEmpty())
        return ProxyOverride::Inherit;
    return std::nullopt;
}

QString proxyTypeName(ProxyType type)
{
    return type == ProxyType::Socks5 ? QStringLiteral("socks5") : QStringLiteral("http");
}

QByteArray networkSettingsToYaml(const NetworkSettings &s)
{
    const NetworkSettings d;
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "patchbay" << YAML::Value << s.formatVersion;
    if (!s.id.isEmpty())
        out << YAML::Key << "id" << YAML::Value << str(s.id);
    if (s.proxy != d.proxy) {
        out << YAML::Key << "proxy" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "mode" << YAML::Value << str(proxyModeName(s.proxy.mode));
        if (s.proxy.type != d.proxy.type)
            out << YAML::Key << "type" << YAML::Value << str(proxyTypeName(s.proxy.type));
        if (!s.proxy.host.isEmpty())
            out << YAML::Key << "host" << YAML::Value << str(s.proxy.host);
        if (s.proxy.port != d.proxy.port)
            out << YAML::Key << "port" << YAML::Value << s.proxy.port;
        if (!s.proxy.username.isEmpty())
            out << YAML::Key << "username" << YAML::Value << str(s.proxy.username);
        emitList(out, "bypass", s.proxy.bypass);
        out << YAML::EndMap;
    }
    if (!s.caCertificates.isEmpty() || !s.clientCertificates.isEmpty() || !s.insecureHosts.isEmpty()
        || s.http1Only) {
        out << YAML::Key << "tls" << YAML::Value << YAML::BeginMap;
        emitList(out, "caCertificates", s.caCertificates);
        if (!s.clientCertificates.isEmpty()) {
            out << YAML::Key << "clientCertificates" << YAML::Value << YAML::BeginSeq;
            for (const ClientCertificate &c : s.clientCertificates) {
                out << YAML::BeginMap << YAML::Key << "host" << YAML::Value << str(c.host);
                if (!c.pkcs12.isEmpty())
                    out << YAML::Key << "pkcs12" << YAML::Value << str(c.pkcs12);
                if (!c.certificate.isEmpty())
                    out << YAML::Key << "certificate" << YAML::Value << str(c.certificate);
                if (!c.key.isEmpty())
                    out << YAML::Key << "key" << YAML::Value << str(c.key);
                if (!c.enabled)
                    out << YAML::Key << "enabled" << YAML::Value << false;
                out << YAML::EndMap;
            }
            out << YAML::EndSeq;
        }
        emitList(out, "insecureHosts", s.insecureHosts);
        if (s.http1Only)
            out << YAML::Key << "http1Only" << YAML::Value << true;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

Result<NetworkSettings> networkSettingsFromYaml(QByteArrayView yaml)
{
    NetworkSettings s;
    // A workspace may come from anyone (a cloned repository): its file is read within limits.
    YamlLimits limits;
    limits.maxBytes = kMaxSettingsFileSize;
    limits.maxDepth = 16;
    limits.maxNodes = 100000;
    limits.maxExpandedNodes = 200000;
    YamlError yamlError;
    const Result<YAML::Node> loaded
        = loadBoundedYaml(yaml, limits, QStringLiteral("network.yaml"), &yamlError);
    if (!loaded)
        return formatError(yamlError.toError().message);
    try {
        const YAML::Node root = loaded.value();
        if (!root || root.IsNull())
            return s;
        if (!root.IsMap())
            return formatError(QStringLiteral("the file must be a mapping (patchbay: 1, proxy, "
                                              "tls)"));
        if (!root["patchbay"])
            return formatError(QStringLiteral("the first key must be `patchbay: 1`"));
        s.formatVersion = root["patchbay"].as<int>();
        s.id = text(root["id"]);
        if (const YAML::Node proxy = root["proxy"]; proxy) {
            if (!proxy.IsMap())
                return formatError(QStringLiteral("`proxy` must be a mapping"));
            const QString mode = text(proxy["mode"]);
            if (mode == QLatin1String("none"))
                s.proxy.mode = ProxyMode::None;
            else if (mode == QLatin1String("manual"))
                s.proxy.mode = ProxyMode::Manual;
            else if (mode.isEmpty() || mode == QLatin1String("system"))
                s.proxy.mode = ProxyMode::System;
            else
                return formatError(QStringLiteral("unknown proxy mode \"%1\" (expected none, "
                                                  "system or manual)")
                                       .arg(mode));
            const QString type = text(proxy["type"]);
            if (type == QLatin1String("socks5"))
                s.proxy.type = ProxyType::Socks5;
            else if (type.isEmpty() || type == QLatin1String("http"))
                s.proxy.type = ProxyType::Http;
            else
                return formatError(QStringLiteral("unknown proxy type \"%1\" (expected http or "
                                                  "socks5)")
                                       .arg(type));
            s.proxy.host = text(proxy["host"]).trimmed();
            if (proxy["port"])
                s.proxy.port = proxy["port"].as<int>();
            s.proxy.username = text(proxy["username"]);
            s.proxy.bypass = textList(proxy, "bypass");
        }
        if (const YAML::Node tls = root["tls"]; tls) {
            if (!tls.IsMap())
                return formatError(QStringLiteral("`tls` must be a mapping"));
            s.caCertificates = textList(tls, "caCertificates");
            if (const YAML::Node certs = tls["clientCertificates"]; certs) {
                if (!certs.IsSequence())
                    return formatError(QStringLiteral("`clientCertificates` must be a list"));
                for (const YAML::Node &item : certs) {
                    ClientCertificate c;
                    c.host = text(item["host"]).trimmed();
                    c.certificate = text(item["certificate"]);
                    c.key = text(item["key"]);
                    c.pkcs12 = text(item["pkcs12"]);
                    c.enabled = boolean(item["enabled"], true);
                    if (c.host.isEmpty())
                        return formatError(QStringLiteral("each client certificate needs a "
                                                          "`host`"));
                    s.clientCertificates.append(c);
                }
            }
            s.insecureHosts = textList(tls, "insecureHosts");
            s.http1Only = boolean(tls["http1Only"], false);
        }
    } catch (const YAML::Exception &e) {
        return formatError(
            QStringLiteral("line %1: %2").arg(e.mark.line + 1).arg(QString::fromStdString(e.msg)));
    } catch (const std::exception &e) {
        return formatError(QString::fromStdString(e.what()));
    }
    return s;
}

QString networkSettingsPath(const QString &workspaceRoot)
{
    return workspaceRoot + QStringLiteral("/network.yaml");
}

Result<NetworkSettings> loadNetworkSettings(const QString &workspaceRoot)
{
    const QString path = networkSettingsPath(workspaceRoot);
    QFile file(path);
    if (!file.exists())
        return NetworkSettings();
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot-read"),
                      QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString())};
    if (file.size() > kMaxSettingsFileSize)
        return Error {QStringLiteral("file-too-large"),
                      QStringLiteral("%1 is larger than 1 MiB.").arg(path)};
    return networkSettingsFromYaml(file.readAll());
}

Status saveNetworkSettings(const QString &workspaceRoot, NetworkSettings settings)
{
    if (settings.id.isEmpty())
        settings.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray bytes = networkSettingsToYaml(settings);
    const QString path = networkSettingsPath(workspaceRoot);
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes)
        return Ok {};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error {QStringLiteral("cannot-write"),
                      QStringLiteral("%1 cannot be written: %2. Check the workspace folder's "
                                     "permissions.")
                          .arg(path, file.errorString())};
    return Ok {};
}

} // namespace Patchbay::Core
