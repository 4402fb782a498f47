#include "core/interop/insomniaimport.h"

#include "core/graphql/graphqlinterop.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include "core/common/boundedyaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace Patchbay::Core {

namespace {

const QString kSyntax = QStringLiteral("insomnia-syntax");

// Values a YAML export may hold (a request takes a few dozen); an alias walked in full counts
// every value it stands for, up to twice this.
constexpr qint64 kMaxYamlNodes = 2000000;

Error tooDeep(int maxDepth)
{
    return Error {QStringLiteral("too-deep"),
                  QStringLiteral("The file nests deeper than %1 levels. Flatten its folders and "
                                 "export it again.")
                      .arg(maxDepth)};
}

// YAML is read into the same ordered DOM as JSON, so one code path reads both. Scalars stay
// strings; the readers below accept "true" and "12" where JSON would have true and 12.
Result<JsonValue> fromYaml(const YAML::Node &node, int depth, int maxDepth)
{
    if (depth > maxDepth)
        return tooDeep(maxDepth);
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return JsonValue::null();
    case YAML::NodeType::Scalar:
        return JsonValue::fromString(QString::fromStdString(node.Scalar()));
    case YAML::NodeType::Sequence: {
        JsonValue::Array items;
        for (const YAML::Node &child : node) {
            Result<JsonValue> v = fromYaml(child, depth + 1, maxDepth);
            if (!v)
                return v.error();
            items << std::move(v).value();
        }
        return JsonValue::fromArray(items);
    }
    case YAML::NodeType::Map: {
        JsonValue::Members members;
        for (const auto &pair : node) {
            Result<JsonValue> v = fromYaml(pair.second, depth + 1, maxDepth);
            if (!v)
                return v.error();
            members << JsonMember {QString::fromStdString(pair.first.as<std::string>("")),
                                   std::move(v).value()};
        }
        return JsonValue::fromMembers(members);
    }
    }
    return JsonValue::null();
}

int depthOf(const JsonValue &v, int depth, int maxDepth)
{
    if (depth > maxDepth || !v.isContainer())
        return depth;
    int deepest = depth;
    if (v.isArray()) {
        for (const JsonValue &c : v.array())
            deepest = std::max(deepest, depthOf(c, depth + 1, maxDepth));
    } else {
        for (const JsonMember &m : v.members())
            deepest = std::max(deepest, depthOf(m.value, depth + 1, maxDepth));
    }
    return deepest;
}

QString str(const JsonValue &object, QStringView key)
{
    const JsonValue &v = object.value(key);
    if (v.isString())
        return v.toString();
    if (v.isNumber())
        return QString::fromUtf8(v.numberLiteral());
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

bool flag(const JsonValue &object, QStringView key)
{
    const JsonValue &v = object.value(key);
    if (v.isBool())
        return v.toBool();
    return v.isString() && v.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

double number(const JsonValue &object, QStringView key)
{
    const JsonValue &v = object.value(key);
    if (v.isNumber())
        return v.toDouble();
    bool ok = false;
    const double d = v.toString().toDouble(&ok);
    return ok ? d : 0;
}

struct Importer
{
    const ImportLimits &limits;
    ImportedCollection result;
    int items = 0;

    Status countItem()
    {
        if (++items > limits.maxItems) {
            return Error {QStringLiteral("too-many-items"),
                          QStringLiteral("The file has more than %1 requests and folders. Export "
                                         "smaller parts of the workspace and import them one by "
                                         "one.")
                              .arg(limits.maxItems)};
        }
        return Ok {};
    }

    QString convert(const QString &text, QStringList &lossy)
    {
        const QString out = convertInsomniaTemplate(text);
        if (out.contains(QLatin1String("{%"))) {
            static const QRegularExpression tag(QStringLiteral("\\{%.*?%\\}"));
            const QString first = tag.match(out).captured(0);
            const QString note = QStringLiteral("the template tag %1 is kept as text; replace it "
                                                "with a value or a variable")
                                     .arg(first.isEmpty() ? QStringLiteral("{% ... %}") : first);
            if (!lossy.contains(note))
                lossy << note;
        }
        return out;
    }

    KeyValueList rows(const JsonValue &list, QStringList &lossy)
    {
        KeyValueList out;
        for (const JsonValue &row : list.array()) {
            const QString name = convert(str(row, u"name"), lossy);
            const QString value = convert(str(row, u"value"), lossy);
            if (name.isEmpty() && value.isEmpty())
                continue;
            out << KeyValue {name, value, !flag(row, u"disabled")};
        }
        return out;
    }

    void readBody(const JsonValue &body, Request &request, QStringList &lossy)
    {
        const QString mimeType = str(body, u"mimeType");
        const QString mime = mimeType.section(u';', 0, 0).trimmed().toLower();
        RequestBody &b = request.body;
        const QString text = convert(str(body, u"text"), lossy);
        if (mime.isEmpty()) {
            if (!text.isEmpty()) {
                b.mode = BodyMode::Text;
                b.text = text;
            }
        } else if (mime == QLatin1String("application/graphql")) {
            if (const std::optional<RequestBody> graphql = graphQlBodyFromJsonText(text)) {
                b = *graphql;
            } else {
                b.mode = BodyMode::Json;
                b.text = text;
                lossy << QStringLiteral("the GraphQL body is not the JSON document Insomnia "
                                        "writes; it was imported as a JSON body");
            }
        } else if (mime.contains(QLatin1String("json"))) {
            b.mode = BodyMode::Json;
            b.text = text;
        } else if (mime == QLatin1String("application/x-www-form-urlencoded")) {
            b.mode = BodyMode::FormUrlEncoded;
            b.formFields = rows(body.value(u"params"), lossy);
        } else if (mime == QLatin1String("multipart/form-data")) {
            b.mode = BodyMode::Multipart;
            for (const JsonValue &p : body.value(u"params").array()) {
                MultipartField field;
                field.name = convert(str(p, u"name"), lossy);
                field.enabled = !flag(p, u"disabled");
                field.isFile = str(p, u"type") == QLatin1String("file");
                field.value = field.isFile ? str(p, u"fileName") : convert(str(p, u"value"), lossy);
                field.contentType = str(p, u"contentType");
                b.multipartFields << field;
            }
        } else if (mime == QLatin1String("application/octet-stream")
                   || !str(body, u"fileName").isEmpty()) {
            b.mode = BodyMode::BinaryFile;
            b.filePath = str(body, u"fileName");
            b.contentType
                = mime == QLatin1String("application/octet-stream") ? QString() : mimeType;
        } else {
            b.mode = BodyMode::Text;
            b.text = text;
            b.contentType = mimeType;
        }
        // Insomnia stores the body's type as a header too; the body mode sends it (and a
        // multipart header without our boundary would break the request).
        if (b.mode != BodyMode::None) {
            request.headers.removeIf([&](const KeyValue &h) {
                return h.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0
                    && h.value.section(u';', 0, 0).trimmed().compare(mime, Qt::CaseInsensitive) == 0
                    && (b.mode != BodyMode::Json
                        || h.value.trimmed().compare(QLatin1String("application/json"),
                                                     Qt::CaseInsensitive)
                            == 0);
            });
        }
    }

    // Insomnia's OAuth 2.0 settings (its `authentication` object of type oauth2).
    OAuth2Config readOAuth2(const JsonValue &auth, QStringList &lossy)
    {
        OAuth2Config c;
        if (!oauth2GrantFromWireName(str(auth, u"grantType"), &c.grant))
            c.grant = OAuth2Grant::AuthorizationCode;
        if (c.grant == OAuth2Grant::Implicit)
            lossy << QStringLiteral("its OAuth 2.0 implicit grant is imported as legacy: Patchbay "
                                    "does not run it; switch to authorization code");
        c.authUrl = convert(str(auth, u"authorizationUrl"), lossy);
        c.tokenUrl = convert(str(auth, u"accessTokenUrl"), lossy);
        c.clientId = convert(str(auth, u"clientId"), lossy);
        c.clientSecret = convert(str(auth, u"clientSecret"), lossy);
        c.scope = convert(str(auth, u"scope"), lossy);
        c.audience = convert(str(auth, u"audience"), lossy);
        c.resource = convert(str(auth, u"resource"), lossy);
        c.username = convert(str(auth, u"username"), lossy);
        c.password = convert(str(auth, u"password"), lossy);
        c.refreshToken = convert(str(auth, u"refreshToken"), lossy);
        if (c.grant == OAuth2Grant::AuthorizationCode)
            c.pkce = !flag(auth, u"usePkce")                         ? PkceMethod::None
                : str(auth, u"pkceMethod") == QLatin1String("plain") ? PkceMethod::Plain
                                                                     : PkceMethod::S256;
        if (flag(auth, u"credentialsInBody"))
            c.clientAuth = ClientAuthentication::Body;
        if (auth.contains(u"tokenPrefix"))
            c.headerPrefix = str(auth, u"tokenPrefix");
        const QString redirect = convert(str(auth, u"redirectUrl"), lossy);
        const QUrl redirectUrl(redirect);
        if (redirectUrl.scheme() == QLatin1String("http") && redirectUrl.port() > 0
            && (redirectUrl.host() == QLatin1String("127.0.0.1")
                || redirectUrl.host() == QLatin1String("localhost")))
            c.redirectUri = redirect;
        else if (!redirect.isEmpty() && c.grant == OAuth2Grant::AuthorizationCode)
            lossy << QStringLiteral("its OAuth 2.0 redirect URL %1 is not on this computer; "
                                    "Patchbay receives the sign-in on http://127.0.0.1 (register "
                                    "it at the provider)")
                         .arg(redirect);
        if (!str(auth, u"accessToken").isEmpty())
            lossy << QStringLiteral("the OAuth 2.0 access token saved with it was not imported "
                                    "(tokens live in the keyring); get a new token");
        return c;
    }

    // An `authentication` object. No type inherits (as in Insomnia); "none" is no auth.
    Auth authOf(const JsonValue &auth, QStringList &lossy)
    {
        Auth a;
        const QString type = str(auth, u"type").toLower();
        if (type.isEmpty())
            return a;
        if (type == QLatin1String("none")) {
            a.mode = AuthMode::None;
            return a;
        }
        if (flag(auth, u"disabled")) {
            lossy << QStringLiteral("the %1 auth was disabled and is not imported").arg(type);
            a.mode = AuthMode::None;
            return a;
        }
        if (type == QLatin1String("basic")) {
            a.mode = AuthMode::Basic;
            a.username = convert(str(auth, u"username"), lossy);
            a.password = convert(str(auth, u"password"), lossy);
        } else if (type == QLatin1String("bearer")) {
            a.mode = AuthMode::Bearer;
            a.token = convert(str(auth, u"token"), lossy);
            const QString prefix = str(auth, u"prefix");
            if (!prefix.isEmpty() && prefix != QLatin1String("Bearer"))
                lossy << QStringLiteral("the bearer prefix \"%1\" is not supported; \"Bearer\" is "
                                        "sent")
                             .arg(prefix);
        } else if (type == QLatin1String("apikey")) {
            a.mode = AuthMode::ApiKey;
            a.keyName = convert(str(auth, u"key"), lossy);
            a.keyValue = convert(str(auth, u"value"), lossy);
            const QString addTo = str(auth, u"addTo");
            if (addTo == QLatin1String("queryParams")) {
                a.keyLocation = ApiKeyLocation::Query;
            } else if (addTo == QLatin1String("cookie")) {
                lossy << QStringLiteral("the API key was sent as a cookie; it is sent as a header "
                                        "now");
            }
        } else if (type == QLatin1String("oauth2")) {
            a.mode = AuthMode::OAuth2;
            a.oauth2 = readOAuth2(auth, lossy);
        } else if (type == QLatin1String("digest")) {
            a.mode = AuthMode::Digest;
            a.digest.username = convert(str(auth, u"username"), lossy);
            a.digest.password = convert(str(auth, u"password"), lossy);
        } else if (type == QLatin1String("iam")) {
            a.mode = AuthMode::AwsSigV4;
            a.awsSigV4.accessKeyId = convert(str(auth, u"accessKeyId"), lossy);
            a.awsSigV4.secretAccessKey = convert(str(auth, u"secretAccessKey"), lossy);
            a.awsSigV4.sessionToken = convert(str(auth, u"sessionToken"), lossy);
            a.awsSigV4.region = convert(str(auth, u"region"), lossy);
            a.awsSigV4.service = convert(str(auth, u"service"), lossy);
        } else if (type == QLatin1String("oauth1")) {
            a.mode = AuthMode::OAuth1;
            OAuth1Config &o = a.oauth1;
            o.consumerKey = convert(str(auth, u"consumerKey"), lossy);
            o.consumerSecret = convert(str(auth, u"consumerSecret"), lossy);
            o.token = convert(str(auth, u"tokenKey"), lossy);
            o.tokenSecret = convert(str(auth, u"tokenSecret"), lossy);
            o.privateKeyPem = convert(str(auth, u"privateKey"), lossy);
            o.callback = convert(str(auth, u"callback"), lossy);
            o.verifier = convert(str(auth, u"verifier"), lossy);
            o.realm = convert(str(auth, u"realm"), lossy);
            const QString method = str(auth, u"signatureMethod").toUpper();
            if (method == QLatin1String("HMAC-SHA256"))
                o.signatureMethod = OAuth1SignatureMethod::HmacSha256;
            else if (method == QLatin1String("RSA-SHA1"))
                o.signatureMethod = OAuth1SignatureMethod::RsaSha1;
            else if (method == QLatin1String("PLAINTEXT"))
                o.signatureMethod = OAuth1SignatureMethod::Plaintext;
            else if (!method.isEmpty() && method != QLatin1String("HMAC-SHA1"))
                lossy << QStringLiteral("the OAuth 1.0 signature method %1 is not offered; "
                                        "HMAC-SHA1 is used")
                             .arg(method);
        } else {
            a.mode = AuthMode::None;
            lossy << QStringLiteral("the %1 auth is not supported; set it up again in the Auth "
                                    "tab")
                         .arg(type);
        }
        return a;
    }

    void readAuth(const JsonValue &auth, Request &request, QStringList &lossy)
    {
        request.auth = authOf(auth, lossy);
    }

    SavedRequest readRequest(const JsonValue &r, const QString &where, bool v5)
    {
        SavedRequest saved;
        QStringList lossy;
        saved.name = str(r, u"name");
        if (saved.name.isEmpty())
            saved.name = QStringLiteral("Untitled request");
        const JsonValue &meta = v5 ? r.value(u"meta") : r;
        saved.description = str(meta, u"description");
        if (saved.description.isEmpty())
            saved.description = str(r, u"description");
        Request &request = saved.request;
        const QString method = str(r, u"method").trimmed().toUpper();
        if (!method.isEmpty())
            request.method = method;
        request.url = convert(str(r, u"url"), lossy);
        request.params = rows(r.value(u"parameters"), lossy);
        request.headers = rows(r.value(u"headers"), lossy);
        readBody(r.value(u"body"), request, lossy);
        readAuth(r.value(u"authentication"), request, lossy);
        const QString follow = v5 ? str(r.value(u"settings"), u"followRedirects")
                                  : str(r, u"settingFollowRedirects");
        if (follow == QLatin1String("off"))
            request.settings.followRedirects = false;
        const JsonValue &cookies = r.value(u"settings").value(u"cookies");
        const bool send = v5 ? !cookies.contains(u"send") || flag(cookies, u"send")
                             : !r.contains(u"settingSendCookies") || flag(r, u"settingSendCookies");
        const bool store = v5
            ? !cookies.contains(u"store") || flag(cookies, u"store")
            : !r.contains(u"settingStoreCookies") || flag(r, u"settingStoreCookies");
        if (!send || !store) {
            request.settings.cookies = false;
            if (send || store)
                lossy << QStringLiteral("cookies are now neither sent nor stored (Insomnia did "
                                        "one of the two)");
        }
        const QString pre
            = v5 ? str(r.value(u"scripts"), u"preRequest") : str(r, u"preRequestScript");
        const QString post
            = v5 ? str(r.value(u"scripts"), u"afterResponse") : str(r, u"afterResponseScript");
        // Kept as text (never run): Insomnia scripts use its own API.
        saved.preRequestScript = pre;
        saved.testScript = post;
        if (!pre.trimmed().isEmpty())
            lossy << QStringLiteral("the pre-request script is kept as text; Patchbay does not "
                                    "run scripts");
        if (!post.trimmed().isEmpty())
            lossy << QStringLiteral("the after-response script is kept as text; Patchbay does "
                                    "not run scripts");
        const QString path = where.isEmpty() ? saved.name : where + u'/' + saved.name;
        result.report.created << QStringLiteral("Request %1").arg(path);
        for (const QString &l : std::as_const(lossy))
            result.report.lossy << QStringLiteral("Request %1: %2").arg(path, l);
        ++(lossy.isEmpty() ? result.report.requestsCreated : result.report.requestsLossy);
        return saved;
    }

    VariableList variablesOf(const JsonValue &data, const JsonValue &order)
    {
        VariableList out;
        QStringList names;
        // v4 keeps the user's order in dataPropertyOrder; our DOM keeps the file's order anyway.
        for (const JsonMember &m : data.members())
            names << m.key;
        if (order.isObject()) {
            QStringList ordered;
            for (const JsonValue &k : order.value(u"&").array())
                if (names.contains(k.toString()))
                    ordered << k.toString();
            for (const QString &n : std::as_const(names))
                if (!ordered.contains(n))
                    ordered << n;
            names = ordered;
        }
        QStringList ignored;
        for (const QString &n : std::as_const(names))
            out << Variable {n, convert(jsonScalarText(data.value(n)), ignored), true, false};
        return out;
    }

    static VariableList merged(VariableList base, const VariableList &over)
    {
        for (const Variable &v : over) {
            const auto it = std::find_if(base.begin(), base.end(),
                                         [&](const Variable &b) { return b.name == v.name; });
            if (it != base.end())
                *it = v;
            else
                base << v;
        }
        return base;
    }

    void addEnvironments(const QString &baseName, const VariableList &base,
                         const QList<std::pair<QString, VariableList>> &subs)
    {
        if (subs.isEmpty()) {
            if (!base.isEmpty() || !baseName.isEmpty()) {
                Environment e;
                e.name = baseName.isEmpty() ? QStringLiteral("Base Environment") : baseName;
                e.variables = base;
                result.environments << e;
                result.report.created << QStringLiteral("Environment %1").arg(e.name);
            }
            return;
        }
        for (const auto &[name, vars] : subs) {
            Environment e;
            e.name = name;
            e.variables = merged(base, vars);
            result.environments << e;
            result.report.created << QStringLiteral(
                                         "Environment %1 (with the base environment's variables)")
                                         .arg(name);
        }
    }

    // ---- v4 ----
    Result<bool> readV4(const JsonValue &root)
    {
        const JsonValue &resources = root.value(u"resources");
        if (!resources.isArray())
            return Error {QStringLiteral("not-insomnia"),
                          QStringLiteral("The Insomnia export has no resources list. Export the "
                                         "collection again from Insomnia.")};
        QHash<QString, QList<qsizetype>> children;
        QHash<QString, qsizetype> byId;
        const JsonValue::Array &all = resources.array();
        QStringList workspaces;
        for (qsizetype i = 0; i < all.size(); ++i) {
            const JsonValue &r = all.at(i);
            const QString id = str(r, u"_id");
            byId.insert(id, i);
            children[str(r, u"parentId")] << i;
            if (str(r, u"_type") == QLatin1String("workspace"))
                workspaces << id;
        }
        QSet<qsizetype> used;
        if (!workspaces.isEmpty()) {
            const JsonValue &ws = all.at(byId.value(workspaces.constFirst()));
            result.info.name = str(ws, u"name");
            result.info.description = str(ws, u"description");
        }
        if (result.info.name.isEmpty())
            result.info.name = QStringLiteral("Insomnia import");

        // Top-level items: under a workspace, or with a parent that is not in the file.
        for (qsizetype w = 0; w < workspaces.size(); ++w) {
            used.insert(byId.value(workspaces.at(w)));
            if (w == 0) {
                Result<bool> ok = readV4Children(all, children, workspaces.at(w), result.root,
                                                 QString(), 1, used);
                if (!ok)
                    return ok;
            } else {
                ImportedFolder folder;
                folder.info.name = str(all.at(byId.value(workspaces.at(w))), u"name");
                folder.info.order = w;
                result.report.lossy << QStringLiteral("Workspace %1 became a folder of %2")
                                           .arg(folder.info.name, result.info.name);
                Result<bool> ok = readV4Children(all, children, workspaces.at(w), folder,
                                                 folder.info.name, 2, used);
                if (!ok)
                    return ok;
                result.root.folders << folder;
            }
        }
        if (workspaces.isEmpty()) {
            for (auto it = children.cbegin(); it != children.cend(); ++it) {
                if (!byId.contains(it.key())) {
                    Result<bool> ok
                        = readV4Children(all, children, it.key(), result.root, QString(), 1, used);
                    if (!ok)
                        return ok;
                }
            }
        }

        // Environments: base ones are children of a workspace, sub ones of a base.
        for (qsizetype i = 0; i < all.size(); ++i) {
            const JsonValue &r = all.at(i);
            if (str(r, u"_type") != QLatin1String("environment") || used.contains(i))
                continue;
            const QString parent = str(r, u"parentId");
            const qsizetype parentIndex = byId.value(parent, -1);
            if (parentIndex >= 0
                && str(all.at(parentIndex), u"_type") == QLatin1String("environment"))
                continue; // a sub environment, read with its base
            used.insert(i);
            const VariableList base = variablesOf(r.value(u"data"), r.value(u"dataPropertyOrder"));
            QList<std::pair<QString, VariableList>> subs;
            for (qsizetype c : children.value(str(r, u"_id"))) {
                const JsonValue &sub = all.at(c);
                if (str(sub, u"_type") != QLatin1String("environment"))
                    continue;
                used.insert(c);
                subs << std::pair {
                    str(sub, u"name"),
                    variablesOf(sub.value(u"data"), sub.value(u"dataPropertyOrder"))};
                if (flag(sub, u"isPrivate"))
                    result.report.lossy
                        << QStringLiteral("Environment %1 was private in Insomnia; it is stored "
                                          "in the collection now")
                               .arg(str(sub, u"name"));
            }
            addEnvironments(str(r, u"name"), base, subs);
        }

        for (qsizetype i = 0; i < all.size(); ++i) {
            if (!used.contains(i) && readNetworkResource(all.at(i)))
                used.insert(i);
        }

        for (qsizetype i = 0; i < all.size(); ++i) {
            if (used.contains(i))
                continue;
            const JsonValue &r = all.at(i);
            const QString type = str(r, u"_type");
            const QString name = str(r, u"name");
            if (type == QLatin1String("grpc_request")
                || type == QLatin1String("websocket_request")) {
                ++result.report.requestsSkipped;
                result.report.skipped << lostKind(type == QLatin1String("grpc_request"), name);
            } else if (type == QLatin1String("request") || type == QLatin1String("request_group")) {
                if (type == QLatin1String("request"))
                    ++result.report.requestsSkipped;
                result.report.skipped << QStringLiteral("%1 %2: its parent %3 is not in the file")
                                             .arg(type, name, str(r, u"parentId"));
            } else
                result.report.skipped << QStringLiteral("%1 %2: Patchbay has no equivalent")
                                             .arg(type, name.isEmpty() ? str(r, u"_id") : name);
        }
        return true;
    }

    // Workspace-wide: CA and client certificates, cookies. False for any other resource.
    bool readNetworkResource(const JsonValue &r)
    {
        const QString type = str(r, u"_type");
        if (type == QLatin1String("ca_certificate")) {
            addCaCertificate(str(r, u"path"), flag(r, u"disabled"));
        } else if (type == QLatin1String("client_certificate")) {
            ClientCertificate c;
            c.host = str(r, u"host").trimmed();
            c.certificate = str(r, u"cert");
            c.key = str(r, u"key");
            c.pkcs12 = str(r, u"pfx");
            if (c.isPkcs12()) {
                c.certificate.clear();
                c.key.clear();
            }
            c.enabled = !flag(r, u"disabled");
            if (c.host.isEmpty() || c.file().isEmpty()) {
                result.report.skipped << QStringLiteral("Client certificate %1: no host or no "
                                                        "file")
                                             .arg(str(r, u"_id"));
                return true;
            }
            result.network.clientCertificates << c;
            if (!str(r, u"passphrase").isEmpty())
                result.network.passphrases.insert(c.file(), str(r, u"passphrase"));
            result.report.created << QStringLiteral("Client certificate for %1 (%2): added to "
                                                    "the workspace's network settings")
                                         .arg(c.host, c.file());
        } else if (type == QLatin1String("cookie_jar")) {
            readCookies(r.value(u"cookies"));
        } else {
            return false;
        }
        return true;
    }

    void addCaCertificate(const QString &path, bool disabled)
    {
        if (path.isEmpty())
            return;
        if (disabled) {
            result.report.skipped
                << QStringLiteral("CA certificate %1: turned off in Insomnia").arg(path);
            return;
        }
        result.network.caCertificates << path;
        result.report.created << QStringLiteral("CA certificate %1: trusted in the workspace's "
                                                "network settings")
                                     .arg(path);
    }

    void readCookies(const JsonValue &cookies)
    {
        for (const JsonValue &c : cookies.array()) {
            Cookie cookie;
            cookie.name = str(c, u"key");
            cookie.value = str(c, u"value");
            cookie.domain = str(c, u"domain").toLower();
            if (cookie.domain.startsWith(u'.'))
                cookie.domain.remove(0, 1);
            cookie.path = str(c, u"path").isEmpty() ? QStringLiteral("/") : str(c, u"path");
            cookie.secure = flag(c, u"secure");
            cookie.httpOnly = flag(c, u"httpOnly");
            cookie.hostOnly = !c.contains(u"hostOnly") || flag(c, u"hostOnly");
            const QString expires = str(c, u"expires");
            if (!expires.isEmpty() && expires != QLatin1String("Infinity"))
                cookie.expires = QDateTime::fromString(expires, Qt::ISODateWithMs).toUTC();
            if (cookie.name.isEmpty() || cookie.domain.isEmpty()
                || cookie.isExpired(QDateTime::currentDateTimeUtc()))
                continue;
            result.network.cookies << cookie;
        }
        if (!result.network.cookies.isEmpty())
            result.report.created << QStringLiteral("Cookie jar: %1 cookies added to the "
                                                    "workspace's jar")
                                         .arg(result.network.cookies.size());
    }

    Result<bool> readV4Children(const JsonValue::Array &all,
                                const QHash<QString, QList<qsizetype>> &children,
                                const QString &parentId, ImportedFolder &into, const QString &where,
                                int depth, QSet<qsizetype> &used)
    {
        if (depth > limits.maxDepth)
            return tooDeep(limits.maxDepth);
        QList<qsizetype> kids;
        for (qsizetype c : children.value(parentId)) {
            const QString type = str(all.at(c), u"_type");
            if ((type == QLatin1String("request") || type == QLatin1String("request_group"))
                && !used.contains(c))
                kids << c;
        }
        std::stable_sort(kids.begin(), kids.end(), [&](qsizetype a, qsizetype b) {
            return number(all.at(a), u"metaSortKey") < number(all.at(b), u"metaSortKey");
        });
        qint64 order = 0;
        for (qsizetype c : std::as_const(kids)) {
            used.insert(c); // also breaks parentId cycles
            const JsonValue &r = all.at(c);
            const Status counted = countItem();
            if (!counted)
                return counted.error();
            ++order;
            if (str(r, u"_type") == QLatin1String("request")) {
                SavedRequest saved = readRequest(r, where, false);
                saved.order = order;
                into.requests << saved;
                continue;
            }
            ImportedFolder folder;
            folder.info.name = str(r, u"name");
            folder.info.order = order;
            folder.info.description = str(r, u"description");
            folder.info.variables
                = variablesOf(r.value(u"environment"), r.value(u"environmentPropertyOrder"));
            const QString path
                = where.isEmpty() ? folder.info.name : where + u'/' + folder.info.name;
            result.report.created << QStringLiteral("Folder %1").arg(path);
            QStringList authLossy;
            folder.info.auth = authOf(r.value(u"authentication"), authLossy);
            for (const QString &line : std::as_const(authLossy))
                result.report.lossy << QStringLiteral("Folder %1: %2").arg(path, line);
            Result<bool> ok
                = readV4Children(all, children, str(r, u"_id"), folder, path, depth + 1, used);
            if (!ok)
                return ok;
            into.folders << folder;
        }
        return true;
    }

    static QString lostKind(bool grpc, const QString &name)
    {
        return QStringLiteral("%1 %2: Patchbay has no %3 requests yet; it was not imported")
            .arg(grpc ? QStringLiteral("gRPC request") : QStringLiteral("WebSocket request"), name,
                 grpc ? QStringLiteral("gRPC") : QStringLiteral("WebSocket"));
    }

    // A v5 item that is a gRPC (true) or WebSocket (false) request, by its id prefix
    // (greq_, ws-req_) or, without one, by what only those kinds have.
    static std::optional<bool> otherKind(const JsonValue &item)
    {
        const QString id = str(item.value(u"meta"), u"id");
        if (id.startsWith(QLatin1String("greq_")) || item.contains(u"protoMethodName")
            || item.contains(u"protoFileId"))
            return true;
        const QString url = str(item, u"url").trimmed().toLower();
        if (id.startsWith(QLatin1String("ws-req_"))
            || ((url.startsWith(QLatin1String("ws://")) || url.startsWith(QLatin1String("wss://")))
                && !item.contains(u"method")))
            return false;
        return std::nullopt;
    }

    // ---- v5 ----
    Result<bool> readV5(const JsonValue &root)
    {
        const QString type = str(root, u"type");
        if (!type.startsWith(QLatin1String("collection.insomnia.rest/"))) {
            return Error {QStringLiteral("not-insomnia"),
                          QStringLiteral("This Insomnia file is a %1, not a collection. Export a "
                                         "request collection from Insomnia.")
                              .arg(type)};
        }
        result.info.name = str(root, u"name");
        if (result.info.name.isEmpty())
            result.info.name = QStringLiteral("Insomnia import");
        result.info.description = str(root.value(u"meta"), u"description");
        Result<bool> ok = readV5Items(root.value(u"collection"), result.root, QString(), 1);
        if (!ok)
            return ok;
        const JsonValue &env = root.value(u"environments");
        if (env.isObject()) {
            const VariableList base = variablesOf(env.value(u"data"), {});
            QList<std::pair<QString, VariableList>> subs;
            for (const JsonValue &sub : env.value(u"subEnvironments").array()) {
                subs << std::pair {str(sub, u"name"), variablesOf(sub.value(u"data"), {})};
                if (flag(sub, u"isPrivate"))
                    result.report.lossy
                        << QStringLiteral("Environment %1 was private in Insomnia; it is stored "
                                          "in the collection now")
                               .arg(str(sub, u"name"));
            }
            addEnvironments(str(env, u"name"), base, subs);
        }
        for (const JsonValue &certificate : root.value(u"certificates").array())
            addCaCertificate(str(certificate, u"path"), flag(certificate, u"disabled"));
        readCookies(root.value(u"cookieJar").value(u"cookies"));
        return true;
    }

    Result<bool> readV5Items(const JsonValue &items, ImportedFolder &into, const QString &where,
                             int depth)
    {
        if (depth > limits.maxDepth)
            return tooDeep(limits.maxDepth);
        QList<qsizetype> indexes;
        for (qsizetype i = 0; i < items.size(); ++i)
            indexes << i;
        std::stable_sort(indexes.begin(), indexes.end(), [&](qsizetype a, qsizetype b) {
            return number(items.at(a).value(u"meta"), u"sortKey")
                < number(items.at(b).value(u"meta"), u"sortKey");
        });
        qint64 order = 0;
        for (qsizetype i : std::as_const(indexes)) {
            const JsonValue &item = items.at(i);
            const Status counted = countItem();
            if (!counted)
                return counted.error();
            ++order;
            if (item.contains(u"children")
                || (!item.contains(u"url") && !item.contains(u"method"))) {
                ImportedFolder folder;
                folder.info.name = str(item, u"name");
                folder.info.order = order;
                folder.info.description = str(item.value(u"meta"), u"description");
                folder.info.variables = variablesOf(item.value(u"environment"), {});
                const QString path
                    = where.isEmpty() ? folder.info.name : where + u'/' + folder.info.name;
                result.report.created << QStringLiteral("Folder %1").arg(path);
                QStringList authLossy;
                folder.info.auth = authOf(item.value(u"authentication"), authLossy);
                for (const QString &line : std::as_const(authLossy))
                    result.report.lossy << QStringLiteral("Folder %1: %2").arg(path, line);
                Result<bool> ok = readV5Items(item.value(u"children"), folder, path, depth + 1);
                if (!ok)
                    return ok;
                into.folders << folder;
            } else if (const std::optional<bool> grpc = otherKind(item)) {
                const QString path
                    = where.isEmpty() ? str(item, u"name") : where + u'/' + str(item, u"name");
                ++result.report.requestsSkipped;
                result.report.skipped << lostKind(*grpc, path);
            } else {
                SavedRequest saved = readRequest(item, where, true);
                saved.order = order;
                into.requests << saved;
            }
        }
        return true;
    }
};

// Export format 1 (2016) nests requests in request groups; formats 2-4 list resources linked by
// parentId. Rewritten as the latter so that one reader handles both.
JsonValue resourcesFromFormat1(const JsonValue &root)
{
    JsonValue resources = JsonValue::emptyArray();
    JsonValue workspace = JsonValue::emptyObject();
    workspace.insert(QStringLiteral("_id"), JsonValue::fromString(QStringLiteral("wrk_format1")));
    workspace.insert(QStringLiteral("_type"), JsonValue::fromString(QStringLiteral("workspace")));
    workspace.insert(QStringLiteral("name"),
                     JsonValue::fromString(QStringLiteral("Insomnia import")));
    resources.append(workspace);
    int n = 0;
    const auto addRequest = [&](const JsonValue &r, const QString &parent) {
        JsonValue out = r;
        out.insert(QStringLiteral("_id"), JsonValue::fromString(QStringLiteral("req_%1").arg(++n)));
        out.insert(QStringLiteral("_type"), JsonValue::fromString(QStringLiteral("request")));
        out.insert(QStringLiteral("parentId"), JsonValue::fromString(parent));
        out.insert(QStringLiteral("metaSortKey"), JsonValue::fromInt(n));
        JsonValue body = JsonValue::emptyObject();
        QString mime = str(r, u"contentType");
        for (const JsonValue &h : r.value(u"headers").array())
            if (str(h, u"name").compare(QLatin1String("content-type"), Qt::CaseInsensitive) == 0)
                mime = str(h, u"value");
        if (!str(r, u"body").isEmpty()) {
            body.insert(QStringLiteral("mimeType"), JsonValue::fromString(mime));
            body.insert(QStringLiteral("text"), JsonValue::fromString(str(r, u"body")));
        }
        out.insert(QStringLiteral("body"), body);
        out.insert(QStringLiteral("parameters"), r.value(u"params"));
        JsonValue auth = r.value(u"authentication");
        if (auth.isObject() && !str(auth, u"username").isEmpty())
            auth.insert(QStringLiteral("type"), JsonValue::fromString(QStringLiteral("basic")));
        out.insert(QStringLiteral("authentication"), auth);
        resources.append(out);
    };
    for (const JsonValue &item : root.value(u"items").array()) {
        if (str(item, u"_type") == QLatin1String("request_group")) {
            const QString id = QStringLiteral("fld_%1").arg(++n);
            JsonValue group = JsonValue::emptyObject();
            group.insert(QStringLiteral("_id"), JsonValue::fromString(id));
            group.insert(QStringLiteral("_type"),
                         JsonValue::fromString(QStringLiteral("request_group")));
            group.insert(QStringLiteral("parentId"),
                         JsonValue::fromString(QStringLiteral("wrk_format1")));
            group.insert(QStringLiteral("name"), item.value(u"name"));
            group.insert(QStringLiteral("metaSortKey"), JsonValue::fromInt(n));
            resources.append(group);
            for (const JsonValue &r : item.value(u"requests").array())
                addRequest(r, id);
        } else {
            addRequest(item, QStringLiteral("wrk_format1"));
        }
    }
    JsonValue out = root;
    out.insert(QStringLiteral("resources"), resources);
    return out;
}

} // namespace

QString convertInsomniaTemplate(const QString &text)
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    static const QRegularExpression variable(
        QStringLiteral("\\{\\{\\s*(?:_\\.)?([A-Za-z0-9_$][A-Za-z0-9_.$-]*)\\s*\\}\\}"));
    QString out = text;
    out.replace(variable, QStringLiteral("{{\\1}}"));
    return out;
}

Result<ImportedCollection> importInsomnia(QByteArrayView data, const ImportLimits &limits)
{
    if (data.size() > limits.maxFileBytes) {
        return Error {QStringLiteral("file-too-large"),
                      QStringLiteral("The file is %1 bytes, more than the %2 bytes an import may "
                                     "read. Export a smaller part of the workspace.")
                          .arg(data.size())
                          .arg(limits.maxFileBytes)};
    }
    qsizetype first = 0;
    if (data.startsWith("\xEF\xBB\xBF"))
        first = 3;
    while (first < data.size() && QByteArrayView(" \t\r\n").contains(data.at(first)))
        ++first;

    JsonValue root;
    // YAML in flow style starts with '{' too: what is not JSON is read as YAML.
    Result<JsonValue> parsed = first < data.size() && data.at(first) == '{'
        ? parseJson(data)
        : Result<JsonValue>(Error {kSyntax, QString()});
    if (parsed.ok()) {
        if (depthOf(*parsed, 0, limits.maxDepth + 8) > limits.maxDepth + 8)
            return tooDeep(limits.maxDepth);
        root = std::move(parsed).value();
    } else {
        YamlLimits yamlLimits;
        yamlLimits.maxBytes = limits.maxFileBytes;
        // Documents nest a few levels per folder: allow that on top of the folder limit.
        yamlLimits.maxDepth = limits.maxDepth * 4 + 8;
        yamlLimits.maxNodes = kMaxYamlNodes;
        yamlLimits.maxExpandedNodes = kMaxYamlNodes * 2;
        const Result<YAML::Node> node
            = loadBoundedYaml(data, yamlLimits, QStringLiteral("The Insomnia export"));
        if (!node) {
            // The import's own codes for the limits it shares with JSON exports.
            const QString code = node.error().code;
            if (code == QLatin1String("yaml-too-deep"))
                return Error {QStringLiteral("too-deep"), node.error().message};
            if (code == QLatin1String("yaml-too-large"))
                return Error {QStringLiteral("file-too-large"), node.error().message};
            if (code != QLatin1String("yaml-syntax"))
                return node.error();
            return Error {kSyntax,
                          node.error().message
                              + QStringLiteral(". The Insomnia export is not valid YAML; export "
                                               "it again from Insomnia.")};
        }
        try {
            Result<JsonValue> converted = fromYaml(node.value(), 0, yamlLimits.maxDepth);
            if (!converted)
                return converted.error();
            root = std::move(converted).value();
        } catch (const YAML::Exception &e) {
            if (!parsed.error().message.isEmpty())
                return Error {kSyntax,
                              QStringLiteral("The Insomnia export is neither valid JSON (%1) nor "
                                             "valid YAML (line %2: %3). Export it again from "
                                             "Insomnia.")
                                  .arg(parsed.error().message)
                                  .arg(e.mark.line + 1)
                                  .arg(QString::fromStdString(e.msg))};
            return Error {kSyntax,
                          QStringLiteral("line %1, column %2: %3. The Insomnia export is not "
                                         "valid YAML; export it again from Insomnia.")
                              .arg(e.mark.line + 1)
                              .arg(e.mark.column + 1)
                              .arg(QString::fromStdString(e.msg))};
        }
    }
    if (!root.isObject()) {
        return Error {
            QStringLiteral("not-insomnia"),
            QStringLiteral("This is not an Insomnia export: expected an object with "
                           "\"_type: export\" or \"type: collection.insomnia.rest/5.0\".")};
    }

    Importer importer {limits, {}, 0};
    Result<bool> ok = false;
    if (str(root, u"_type") == QLatin1String("export")) {
        const QString format = str(root, u"__export_format");
        if (!root.contains(u"resources") && root.value(u"items").isArray())
            root = resourcesFromFormat1(root);
        else if (format != QLatin1String("4"))
            importer.result.report.lossy
                << QStringLiteral("The export format is %1; it was read as format 4")
                       .arg(format.isEmpty() ? QStringLiteral("unknown") : format);
        ok = importer.readV4(root);
    } else if (str(root, u"type").contains(QLatin1String("insomnia.rest/"))) {
        ok = importer.readV5(root);
    } else {
        return Error {QStringLiteral("not-insomnia"),
                      QStringLiteral("This is not an Insomnia export: it has neither \"_type: "
                                     "export\" nor \"type: collection.insomnia.rest/5.0\".")};
    }
    if (!ok)
        return ok.error();
    return std::move(importer.result);
}

} // namespace Patchbay::Core
