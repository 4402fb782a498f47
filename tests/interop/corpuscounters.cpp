#include "tests/interop/corpuscounters.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace Patchbay::Test {

namespace {

using nlohmann::json;

QString qs(const json &v)
{
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number() || v.is_boolean())
        return QString::fromStdString(v.dump());
    return {};
}

QString joined(const json &v, QChar separator)
{
    if (!v.is_array())
        return qs(v);
    QStringList parts;
    for (const json &p : v)
        parts << (p.is_object() ? qs(p.value("value", json())) : qs(p));
    return parts.join(separator);
}

// Postman replaces a path segment ":name" by the value of the path variable `name`.
QString withPathVariables(QString url, const QList<QPair<QString, QString>> &variables)
{
    for (const auto &[key, value] : variables) {
        if (key.isEmpty() || value.isEmpty())
            continue;
        const QRegularExpression segment(QStringLiteral("/:") + QRegularExpression::escape(key)
                                         + QStringLiteral("(?=[/?#.]|$)"));
        url.replace(segment, u'/' + value);
    }
    return url;
}

// newman builds the URL from the query rows: a row switched off is not sent even when raw has
// it, and a raw without a query gets the rows.
QString withQueryRows(const QString &raw, const json &rows)
{
    if (!rows.is_array() || rows.empty())
        return raw;
    const auto pairOf = [](const json &row) {
        const json &value = row.value("value", json());
        return value.is_null() ? qs(row.value("key", json()))
                               : qs(row.value("key", json())) + u'=' + qs(value);
    };
    QString base = raw.section(u'#', 0, 0);
    const QString fragment = raw.contains(u'#') ? u'#' + raw.section(u'#', 1) : QString();
    if (!base.contains(u'?')) {
        QStringList pairs;
        for (const json &row : rows)
            if (row.is_object() && !row.value("disabled", false))
                pairs << pairOf(row);
        return pairs.isEmpty() ? raw : base + u'?' + pairs.join(u'&') + fragment;
    }
    QStringList pairs = base.section(u'?', 1).split(u'&');
    for (const json &row : rows)
        if (row.is_object() && row.value("disabled", false))
            pairs.removeOne(pairOf(row));
    base = base.section(u'?', 0, 0);
    return base + (pairs.isEmpty() ? QString() : u'?' + pairs.join(u'&')) + fragment;
}

QString postmanUrl(const json &url)
{
    if (!url.is_object())
        return qs(url);
    QString raw = qs(url.value("raw", json()));
    if (!raw.isEmpty())
        raw = withQueryRows(raw, url.value("query", json()));
    if (raw.isEmpty()) {
        const QString protocol = qs(url.value("protocol", json()));
        if (!protocol.isEmpty())
            raw = protocol + QStringLiteral("://");
        raw += joined(url.value("host", json()), u'.');
        const QString port = qs(url.value("port", json()));
        if (!port.isEmpty())
            raw += u':' + port;
        const QString path = joined(url.value("path", json()), u'/');
        if (!path.isEmpty())
            raw += u'/' + path;
        QStringList pairs;
        for (const json &q : url.value("query", json::array())) {
            if (!q.is_object() || q.value("disabled", false))
                continue;
            const json &value = q.value("value", json());
            pairs << (value.is_null() ? qs(q.value("key", json()))
                                      : qs(q.value("key", json())) + u'=' + qs(value));
        }
        if (!pairs.isEmpty())
            raw += u'?' + pairs.join(u'&');
    }
    QList<QPair<QString, QString>> variables;
    for (const json &v : url.value("variable", json::array())) {
        if (v.is_object())
            variables.append({qs(v.value("key", json())), qs(v.value("value", json()))});
    }
    return withPathVariables(raw, variables);
}

QString methodOf(const json &request)
{
    const QString method
        = request.is_object() ? qs(request.value("method", json())).trimmed() : QString();
    return method.isEmpty() ? QStringLiteral("GET") : method;
}

QString rowsText(const json &rows, bool withFiles)
{
    QStringList out;
    if (rows.is_string())
        return qs(rows).trimmed(); // v2.0 "Name: value" lines
    if (!rows.is_array())
        return {};
    for (const json &row : rows) {
        if (!row.is_object() || row.value("disabled", false))
            continue;
        const QString value = withFiles && row.value("type", std::string()) == "file"
            ? QStringLiteral("@") + joined(row.value("src", json()), u',')
            : qs(row.value("value", json()));
        out << qs(row.value("key", json())) + QStringLiteral(": ") + value;
    }
    return out.join(u'\n');
}

QString bodyText(const json &body)
{
    if (!body.is_object())
        return {};
    const std::string mode = body.value("mode", std::string());
    if (mode == "raw") {
        const QString raw = qs(body.value("raw", json()));
        return raw.isEmpty() ? QString() : QStringLiteral("raw:") + raw;
    }
    if (mode == "urlencoded")
        return QStringLiteral("urlencoded:") + rowsText(body.value("urlencoded", json()), false);
    if (mode == "formdata")
        return QStringLiteral("formdata:") + rowsText(body.value("formdata", json()), true);
    if (mode == "file") {
        const json &file = body.value("file", json());
        return QStringLiteral("file:")
            + (file.is_object() ? qs(file.value("src", json())) : QString());
    }
    if (mode == "graphql") {
        const json &g = body.value("graphql", json());
        return QStringLiteral("graphql:")
            + (g.is_object() ? qs(g.value("query", json())) : QString());
    }
    return mode.empty() ? QString() : QString::fromStdString(mode);
}

QString authText(const json &auth)
{
    if (!auth.is_object())
        return {};
    const std::string type = auth.value("type", std::string());
    if (type.empty() || type == "noauth")
        return QStringLiteral("none");
    QStringList params;
    const json &p = auth.value(type, json());
    if (p.is_array()) {
        for (const json &row : p)
            if (row.is_object())
                params << qs(row.value("key", json())) + u'=' + qs(row.value("value", json()));
    } else if (p.is_object()) {
        for (auto it = p.begin(); it != p.end(); ++it)
            params << QString::fromStdString(it.key()) + u'=' + qs(it.value());
    }
    params.sort();
    return QString::fromStdString(type) + u' ' + params.join(u',');
}

void countV2Items(const json &items, PostmanCount &count, const json &inheritedAuth)
{
    if (!items.is_array())
        return;
    for (const json &item : items) {
        if (!item.is_object())
            continue;
        if (item.contains("item") && item["item"].is_array()) {
            countV2Items(item["item"], count,
                         item.contains("auth") && item["auth"].is_object() ? item["auth"]
                                                                           : inheritedAuth);
            continue;
        }
        ++count.requests;
        if (!item.contains("request") || item["request"].is_null()) {
            ++count.withoutRequest;
            continue;
        }
        const json &request = item["request"];
        count.sent.append(
            {methodOf(request),
             request.is_object() ? postmanUrl(request.value("url", json())) : qs(request)});
        RequestParts parts;
        if (request.is_object()) {
            parts.headers = rowsText(request.value("header", json()), false);
            // The body as Postman sends it: none with GET and the like (unless body pruning is
            // off), none when switched off or empty.
            static const QStringList pruned
                = {QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("COPY"),
                   QStringLiteral("PURGE"), QStringLiteral("UNLOCK")};
            const json &behavior = item.value("protocolProfileBehavior", json::object());
            const json &body = request.value("body", json());
            const bool keep = !pruned.contains(methodOf(request))
                || (behavior.is_object() && behavior.value("disableBodyPruning", false));
            parts.body = keep && !(body.is_object() && body.value("disabled", false))
                ? bodyText(body)
                : QString();
            if (parts.body == QLatin1String("formdata:")
                || parts.body == QLatin1String("urlencoded:"))
                parts.body.clear();
            parts.auth
                = authText(request.contains("auth") && request["auth"].is_object() ? request["auth"]
                                                                                   : inheritedAuth);
        } else {
            parts.auth = authText(inheritedAuth);
        }
        count.parts.append(parts);
    }
}

std::optional<json> parseJsonText(const QString &text)
{
    json doc = json::parse(text.toStdString(), nullptr, false);
    if (doc.is_discarded())
        return std::nullopt;
    return doc;
}

// YAML (and JSON, which yaml-cpp reads as YAML) into nlohmann's DOM, scalars as strings.
json fromYaml(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        json o = json::object();
        for (const auto &pair : node)
            o[pair.first.as<std::string>("")] = fromYaml(pair.second);
        return o;
    }
    case YAML::NodeType::Sequence: {
        json a = json::array();
        for (const YAML::Node &child : node)
            a.push_back(fromYaml(child));
        return a;
    }
    case YAML::NodeType::Scalar:
        return node.Scalar();
    default:
        return nullptr;
    }
}

int countV5(const json &items)
{
    int n = 0;
    if (!items.is_array())
        return 0;
    for (const json &item : items) {
        if (!item.is_object())
            continue;
        if (item.contains("children"))
            n += countV5(item["children"]);
        else
            ++n;
    }
    return n;
}

} // namespace

QString corpusText(const QByteArray &bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return QString::fromUtf8(bytes.mid(3));
    if (bytes.startsWith("\xFF\xFE")) {
        QStringDecoder decode(QStringConverter::Utf16LE);
        return decode(bytes.mid(2));
    }
    if (bytes.startsWith("\xFE\xFF")) {
        QStringDecoder decode(QStringConverter::Utf16BE);
        return decode(bytes.mid(2));
    }
    return QString::fromUtf8(bytes);
}

std::optional<PostmanCount> countPostman(const QString &text)
{
    std::optional<json> parsed = parseJsonText(text);
    if (!parsed || !parsed->is_object())
        return std::nullopt;
    json root = *parsed;
    if (root.contains("collection") && root["collection"].is_object())
        root = root["collection"];
    PostmanCount count;
    if (root.contains("item") && root["item"].is_array()) {
        countV2Items(root["item"], count, root.value("auth", json()));
        return count;
    }
    if (root.contains("requests") && root["requests"].is_array()) {
        for (const json &r : root["requests"]) {
            ++count.requests;
            QList<QPair<QString, QString>> variables;
            if (r.contains("pathVariables") && r["pathVariables"].is_object()) {
                for (auto it = r["pathVariables"].begin(); it != r["pathVariables"].end(); ++it)
                    variables.append({QString::fromStdString(it.key()), qs(it.value())});
            }
            count.sent.append(
                {methodOf(r), withPathVariables(qs(r.value("url", json())), variables)});
        }
        return count;
    }
    return std::nullopt;
}

std::optional<int> countInsomnia(const QString &text)
{
    std::optional<json> root = parseJsonText(text);
    if (!root) {
        try {
            root = fromYaml(YAML::Load(text.toStdString()));
        } catch (const YAML::Exception &) {
            return std::nullopt;
        }
    }
    if (!root->is_object())
        return std::nullopt;
    if (root->contains("resources")) {
        int n = 0;
        for (const json &r : (*root)["resources"]) {
            const std::string type
                = r.is_object() ? r.value("_type", std::string()) : std::string();
            if (type == "request" || type == "grpc_request" || type == "websocket_request")
                ++n;
        }
        return n;
    }
    if (root->contains("collection"))
        return countV5((*root)["collection"]);
    if (root->contains("items") && (*root)["items"].is_array()) { // export format 1
        int n = 0;
        for (const json &item : (*root)["items"]) {
            if (item.value("_type", std::string()) == "request_group")
                n += int(item.value("requests", json::array()).size());
            else if (item.value("_type", std::string()) == "request")
                ++n;
        }
        return n;
    }
    return std::nullopt;
}

int countBruno(const QString &dir)
{
    int n = 0;
    const QString root = QDir(dir).absolutePath();
    QDirIterator it(root, {QStringLiteral("*.bru")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = path.mid(root.size() + 1);
        if (relative == QLatin1String("collection.bru")
            || relative.endsWith(QLatin1String("folder.bru"))
            || relative.startsWith(QLatin1String("environments/")))
            continue;
        ++n;
    }
    return n;
}

int countHttp(const QString &input)
{
    static const QRegularExpression method(QStringLiteral(
        "^\\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|CONNECT|PROPFIND|PROPPATCH|MKCOL|COPY|"
        "MOVE|LOCK|UNLOCK|SEARCH|QUERY|CHECKOUT|CHECKIN|REPORT|MERGE|MKACTIVITY|MKWORKSPACE|"
        "VERSION-CONTROL|BASELINE-CONTROL|GRAPHQL|GRPC|WS|WSS|WEBSOCKET|SSE|MQTT|AMQP|KAFKA)\\s+"
        "\\S"));
    // A request line without a method (GET): a URL of any scheme, or a path.
    static const QRegularExpression bareUrl(
        QStringLiteral("^([a-z][a-z0-9+.-]*://|\\{\\{[^}]+\\}\\}/|/)\\S*$"));
    const QStringList lines
        = QString(input).replace(QLatin1String("\r\n"), QLatin1String("\n")).split(u'\n');
    int n = 0;
    bool inScript = false; // JetBrains/kulala {% ... %}
    bool inBraces = false; // httpyac {{ ... }} script lines
    bool regionStart = true; // no request line yet since the last ###
    bool inComment = false; // httpyac /* ... */
    bool inResponse = false; // a stored response (HTTP/1.1 200 ...) up to the next ###
    static const QRegularExpression status(QStringLiteral("^HTTP/[0-9.]+\\s+[0-9]{3}"));
    for (const QString &line : lines) {
        const QString t = line.trimmed();
        if (inResponse && !t.startsWith(QLatin1String("###")))
            continue;
        inResponse = false;
        if (inComment) {
            inComment = !t.contains(QLatin1String("*/"));
            continue;
        }
        if (line.startsWith(QLatin1String("/*"))) {
            inComment = !t.mid(2).contains(QLatin1String("*/"));
            continue;
        }
        if (status.match(line).hasMatch()) {
            inResponse = true;
            continue;
        }
        if (inScript) {
            inScript = !t.contains(QLatin1String("%}"));
            continue;
        }
        if (inBraces) {
            inBraces = t != QLatin1String("}}");
            continue;
        }
        if ((t.startsWith(QLatin1String("{%")) || t.startsWith(QLatin1String("< {%"))
             || t.startsWith(QLatin1String("> {%")))
            && !t.contains(QLatin1String("%}"))) {
            inScript = true;
            continue;
        }
        if (t == QLatin1String("{{") || t.startsWith(QLatin1String("{{@"))
            || (t.startsWith(QLatin1String("{{")) && !t.contains(QLatin1String("}}")))) {
            inBraces = true;
            continue;
        }
        if (t.startsWith(QLatin1String("###"))) {
            regionStart = true;
            continue;
        }
        if (method.match(line).hasMatch()) {
            ++n;
            regionStart = false;
            continue;
        }
        if (t.isEmpty() || t.startsWith(u'#') || t.startsWith(QLatin1String("//"))
            || t.startsWith(u'@'))
            continue;
        if (regionStart && bareUrl.match(t).hasMatch())
            ++n;
        regionStart = false;
    }
    return n;
}

int countCurl(const QString &input)
{
    QString text = input;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1String("\\\n"), QLatin1String(" "));
    static const QRegularExpression command(
        QStringLiteral("(^|[|;&(]\\s*|\\bsudo\\s+)curl(\\.exe)?(\\s|$)"));
    int n = 0;
    for (QString line : text.split(u'\n')) {
        line = line.trimmed();
        if (line.startsWith(QLatin1String("$ ")) || line.startsWith(QLatin1String("> ")))
            line = line.mid(2).trimmed();
        if (line.startsWith(u'#'))
            continue;
        for (auto it = command.globalMatch(line); it.hasNext(); it.next())
            ++n;
    }
    return n;
}

} // namespace Patchbay::Test
