#include "core/interop/brunoimport.h"

#include "core/common/localfiles.h"
#include "core/graphql/graphqlinterop.h"
#include "core/interop/importtext.h"
#include "core/json/jsonparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace Patchbay::Core {

namespace {

const QString kSyntax = QStringLiteral("bru-syntax");

bool isTextBlock(const QString &name)
{
    static const QStringList dictionaries
        = {QStringLiteral("body:form-urlencoded"), QStringLiteral("body:multipart-form"),
           QStringLiteral("body:file")};
    if (name.startsWith(QLatin1String("body:")))
        return !dictionaries.contains(name);
    return name.startsWith(QLatin1String("script:")) || name == QLatin1String("tests")
        || name == QLatin1String("docs");
}

struct Row
{
    QString key;
    QString value;
    bool enabled = true;
};

// `key: value` rows of a dictionary block; `~key` is disabled.
QList<Row> rowsOf(const BruBlock &block)
{
    QList<Row> rows;
    for (const QString &line : block.lines) {
        const QString t = line.trimmed();
        if (t.isEmpty())
            continue;
        const qsizetype colon = t.indexOf(u':');
        Row row;
        row.key = colon < 0 ? t : t.left(colon).trimmed();
        row.value = colon < 0 ? QString() : t.mid(colon + 1).trimmed();
        if (row.key.startsWith(u'~')) {
            row.enabled = false;
            row.key.remove(0, 1);
        }
        rows << row;
    }
    return rows;
}

QString valueOf(const BruBlock *block, QStringView key)
{
    if (!block)
        return {};
    for (const Row &r : rowsOf(*block)) {
        if (r.key == key && r.enabled)
            return r.value;
    }
    return {};
}

KeyValueList keyValues(const BruBlock &block)
{
    KeyValueList out;
    for (const Row &r : rowsOf(block))
        out << KeyValue {r.key, r.value, r.enabled};
    return out;
}

const BruBlock *find(const QList<BruBlock> &blocks, QStringView name)
{
    for (const BruBlock &b : blocks) {
        if (b.name == name)
            return &b;
    }
    return nullptr;
}

QString resolve(const QString &root, const QString &path)
{
    return QDir::isAbsolutePath(path) ? QDir::cleanPath(path)
                                      : QDir::cleanPath(QDir(root).absoluteFilePath(path));
}

struct Reader
{
    QString root;
    const ImportLimits &limits;
    ImportedCollection result;
    int items = 0;

    // Reads a .bru file of the collection. A symbolic link that leads out of the collection
    // folder is refused without reading it, so nothing of a file elsewhere (/etc/passwd, ~/.ssh)
    // is imported or quoted in an error.
    Result<QList<BruBlock>> readBru(const QString &path)
    {
        if (!isInsideFolder(root, path)) {
            return Error {QStringLiteral("outside-collection"),
                          QStringLiteral("%1 is a symbolic link to a file outside the collection "
                                         "folder, so it was not read. Copy the file into the "
                                         "collection instead of linking it.")
                              .arg(QDir::toNativeSeparators(path))};
        }
        Result<QByteArray> bytes = readRegularFile(path, limits.maxFileBytes);
        if (!bytes) {
            const bool tooLarge = bytes.error().code == QLatin1String("file-too-large");
            return Error {tooLarge ? bytes.error().code : QStringLiteral("not-bruno"),
                          bytes.error().message};
        }
        Result<QList<BruBlock>> parsed = parseBruFile(decodeImportText(bytes.value()));
        if (!parsed) {
            return Error {parsed.error().code,
                          QDir::toNativeSeparators(path) + QLatin1String(", ")
                              + parsed.error().message};
        }
        return parsed;
    }

    Status countItem()
    {
        if (++items > limits.maxItems) {
            return Error {QStringLiteral("too-many-items"),
                          QStringLiteral("The collection has more than %1 requests and folders. "
                                         "Import a smaller part of it.")
                              .arg(limits.maxItems)};
        }
        return Ok {};
    }

    // Bruno's auth:oauth2 block.
    static OAuth2Config readOAuth2(const BruBlock *block, QStringList &lossy)
    {
        OAuth2Config c;
        if (!oauth2GrantFromWireName(valueOf(block, u"grant_type"), &c.grant))
            c.grant = OAuth2Grant::AuthorizationCode;
        if (c.grant == OAuth2Grant::Implicit)
            lossy << QStringLiteral("its OAuth 2.0 implicit grant is imported as legacy: Patchbay "
                                    "does not run it; switch to authorization code");
        if (c.grant == OAuth2Grant::AuthorizationCode)
            c.pkce = valueOf(block, u"pkce") == QLatin1String("true") ? PkceMethod::S256
                                                                      : PkceMethod::None;
        c.authUrl = valueOf(block, u"authorization_url");
        c.tokenUrl = valueOf(block, u"access_token_url");
        c.clientId = valueOf(block, u"client_id");
        c.clientSecret = valueOf(block, u"client_secret");
        c.scope = valueOf(block, u"scope");
        c.username = valueOf(block, u"username");
        c.password = valueOf(block, u"password");
        if (valueOf(block, u"credentials_placement") == QLatin1String("body"))
            c.clientAuth = ClientAuthentication::Body;
        if (valueOf(block, u"token_placement") == QLatin1String("url"))
            c.placement = TokenPlacement::Query;
        const QString prefix = valueOf(block, u"token_header_prefix");
        if (!prefix.isEmpty())
            c.headerPrefix = prefix;
        const QString key = valueOf(block, u"token_query_key");
        if (!key.isEmpty())
            c.queryParam = key;
        const QString callback = valueOf(block, u"callback_url");
        const QUrl url(callback);
        if (url.scheme() == QLatin1String("http") && url.port() > 0
            && (url.host() == QLatin1String("127.0.0.1")
                || url.host() == QLatin1String("localhost")))
            c.redirectUri = callback;
        else if (!callback.isEmpty() && c.grant == OAuth2Grant::AuthorizationCode)
            lossy << QStringLiteral("its OAuth 2.0 callback URL %1 is not on this computer; "
                                    "Patchbay receives the sign-in on http://127.0.0.1 (register "
                                    "it at the provider)")
                         .arg(callback);
        const QString refreshUrl = valueOf(block, u"refresh_token_url");
        if (!refreshUrl.isEmpty() && refreshUrl != c.tokenUrl)
            lossy << QStringLiteral("its separate OAuth 2.0 refresh URL was not imported; "
                                    "Patchbay refreshes at the token URL");
        return c;
    }

    Auth readAuth(const QString &mode, const QList<BruBlock> &blocks, QStringList &lossy)
    {
        Auth auth;
        if (mode.isEmpty() || mode == QLatin1String("inherit"))
            return auth; // inherits from the folder or the collection, as in Bruno
        if (mode == QLatin1String("none")) {
            auth.mode = AuthMode::None;
            return auth;
        }
        const BruBlock *block = find(blocks, QString(QStringLiteral("auth:") + mode));
        if (mode == QLatin1String("basic")) {
            auth.mode = AuthMode::Basic;
            auth.username = valueOf(block, u"username");
            auth.password = valueOf(block, u"password");
        } else if (mode == QLatin1String("bearer")) {
            auth.mode = AuthMode::Bearer;
            auth.token = valueOf(block, u"token");
        } else if (mode == QLatin1String("apikey")) {
            auth.mode = AuthMode::ApiKey;
            auth.keyName = valueOf(block, u"key");
            auth.keyValue = valueOf(block, u"value");
            if (valueOf(block, u"placement").toLower() == QLatin1String("queryparams"))
                auth.keyLocation = ApiKeyLocation::Query;
        } else if (mode == QLatin1String("oauth2")) {
            auth.mode = AuthMode::OAuth2;
            auth.oauth2 = readOAuth2(block, lossy);
        } else if (mode == QLatin1String("digest")) {
            auth.mode = AuthMode::Digest;
            auth.digest.username = valueOf(block, u"username");
            auth.digest.password = valueOf(block, u"password");
        } else if (mode == QLatin1String("awsv4")) {
            auth.mode = AuthMode::AwsSigV4;
            const BruBlock *aws = block;
            auth.awsSigV4.accessKeyId = valueOf(aws, u"accessKeyId");
            auth.awsSigV4.secretAccessKey = valueOf(aws, u"secretAccessKey");
            auth.awsSigV4.sessionToken = valueOf(aws, u"sessionToken");
            auth.awsSigV4.region = valueOf(aws, u"region");
            auth.awsSigV4.service = valueOf(aws, u"service");
            if (!valueOf(aws, u"profileName").isEmpty())
                lossy << QStringLiteral("the AWS profile name is not used; Patchbay signs with "
                                        "the keys given");
        } else {
            auth.mode = AuthMode::None;
            lossy << QStringLiteral("the %1 auth is not supported; set it up again in the Auth "
                                    "tab")
                         .arg(mode);
        }
        return auth;
    }

    // nullopt: a request of a kind Patchbay lacks, skipped and reported.
    Result<std::optional<SavedRequest>> readRequest(const QString &path, const QString &where)
    {
        Result<QList<BruBlock>> parsed = readBru(path);
        if (!parsed)
            return parsed.error();
        const QList<BruBlock> &blocks = parsed.value();
        QStringList lossy;
        SavedRequest saved;
        const BruBlock *meta = find(blocks, u"meta");
        saved.name = valueOf(meta, u"name");
        if (saved.name.isEmpty())
            saved.name = QFileInfo(path).completeBaseName();
        saved.order = valueOf(meta, u"seq").toLongLong();
        const QString type = valueOf(meta, u"type");
        const QString fullName = where.isEmpty() ? saved.name : where + u'/' + saved.name;
        if (type == QLatin1String("grpc") || type == QLatin1String("ws") || find(blocks, u"grpc")
            || find(blocks, u"ws")) {
            const bool grpc = type == QLatin1String("grpc") || find(blocks, u"grpc");
            ++result.report.requestsSkipped;
            result.report.skipped << QStringLiteral("%1 %2: Patchbay has no %3 requests yet; it "
                                                    "was not imported")
                                         .arg(grpc ? QStringLiteral("gRPC request")
                                                   : QStringLiteral("WebSocket request"),
                                              fullName,
                                              grpc ? QStringLiteral("gRPC")
                                                   : QStringLiteral("WebSocket"));
            return std::optional<SavedRequest>();
        }
        int examples = 0;
        for (const BruBlock &b : blocks)
            examples += b.name == QLatin1String("example");
        if (examples > 0)
            lossy << QStringLiteral("its %1 saved example responses were not imported (Patchbay "
                                    "has no examples)")
                         .arg(examples);

        static const QStringList methods = {
            QStringLiteral("get"),   QStringLiteral("post"),    QStringLiteral("put"),
            QStringLiteral("patch"), QStringLiteral("delete"),  QStringLiteral("options"),
            QStringLiteral("head"),  QStringLiteral("connect"), QStringLiteral("trace"),
        };
        const BruBlock *http = nullptr;
        for (const BruBlock &b : blocks) {
            if (methods.contains(b.name)) {
                http = &b;
                break;
            }
        }
        Request &request = saved.request;
        QString bodyMode;
        QString authMode;
        if (http) {
            request.method = http->name.toUpper();
            request.url = valueOf(http, u"url");
            bodyMode = valueOf(http, u"body");
            authMode = valueOf(http, u"auth");
        } else {
            lossy << QStringLiteral("it has no method block (get, post, ...); it was read as GET");
        }

        for (const BruBlock &b : blocks) {
            const QString &n = b.name;
            if (n == QLatin1String("params:query") || n == QLatin1String("query")) {
                request.params << keyValues(b);
            } else if (n == QLatin1String("headers")) {
                request.headers << keyValues(b);
            } else if (n == QLatin1String("docs")) {
                saved.description = b.lines.join(u'\n').trimmed();
            } else if (n == QLatin1String("script:pre-request")) {
                saved.preRequestScript = b.lines.join(u'\n').trimmed();
                lossy << QStringLiteral("the pre-request script is kept as text; Patchbay does not "
                                        "run scripts");
            } else if (n == QLatin1String("tests") || n == QLatin1String("script:post-response")) {
                const QString text = b.lines.join(u'\n').trimmed();
                if (!saved.testScript.isEmpty())
                    saved.testScript += QLatin1String("\n\n");
                saved.testScript += text;
                lossy << QStringLiteral("the %1 block is kept as text; Patchbay does not run "
                                        "scripts")
                             .arg(n);
            } else if (n == QLatin1String("params:path")) {
                for (const Row &r : rowsOf(b)) {
                    if (!r.enabled)
                        continue;
                    // Patchbay has no path parameters: put the value into the URL.
                    const QString placeholder = u':' + r.key;
                    qsizetype at = request.url.indexOf(placeholder);
                    if (at >= 0)
                        request.url.replace(at, placeholder.size(), r.value);
                }
                lossy << QStringLiteral("its path parameters were written into the URL");
            } else if (n.startsWith(QLatin1String("vars:")) || n == QLatin1String("assert")
                       || n == QLatin1String("settings")) {
                if (!b.lines.join(QString()).trimmed().isEmpty())
                    lossy << QStringLiteral("the %1 block is not supported and was not imported")
                                 .arg(n);
            }
        }

        request.auth = readAuth(authMode, blocks, lossy);
        RequestBody &body = request.body;
        if (!bodyMode.isEmpty() && bodyMode != QLatin1String("none")) {
            const BruBlock *b = find(blocks, QString(QStringLiteral("body:") + bodyMode));
            const QString text = b ? b->lines.join(u'\n').trimmed() : QString();
            if (bodyMode == QLatin1String("json")) {
                body.mode = BodyMode::Json;
                body.text = text;
            } else if (bodyMode == QLatin1String("text")) {
                body.mode = BodyMode::Text;
                body.text = text;
            } else if (bodyMode == QLatin1String("xml")) {
                body.mode = BodyMode::Text;
                body.text = text;
                body.contentType = QStringLiteral("application/xml");
            } else if (bodyMode == QLatin1String("sparql")) {
                body.mode = BodyMode::Text;
                body.text = text;
                body.contentType = QStringLiteral("application/sparql-query");
            } else if (bodyMode == QLatin1String("form-urlencoded") && b) {
                body.mode = BodyMode::FormUrlEncoded;
                body.formFields = keyValues(*b);
            } else if (bodyMode == QLatin1String("multipart-form") && b) {
                body.mode = BodyMode::Multipart;
                static const QRegularExpression fileRef(QStringLiteral("^@file\\((.*)\\)$"));
                static const QRegularExpression typeSuffix(
                    QStringLiteral("\\s*@contentType\\(([^)]*)\\)\\s*$"));
                for (const Row &r : rowsOf(*b)) {
                    MultipartField field;
                    field.name = r.key;
                    field.enabled = r.enabled;
                    QString value = r.value;
                    const QRegularExpressionMatch type = typeSuffix.match(value);
                    if (type.hasMatch()) {
                        field.contentType = type.captured(1).trimmed();
                        value.truncate(type.capturedStart());
                    }
                    const QRegularExpressionMatch m = fileRef.match(value);
                    if (m.hasMatch()) {
                        const QStringList paths = m.captured(1).split(u'|');
                        field.isFile = true;
                        field.value = resolve(root, paths.constFirst());
                        if (paths.size() > 1)
                            lossy << QStringLiteral("the form field %1 sends %2 files; only the "
                                                    "first was kept")
                                         .arg(r.key)
                                         .arg(paths.size());
                    } else {
                        field.value = value;
                    }
                    body.multipartFields << field;
                }
            } else if (bodyMode == QLatin1String("file") && b) {
                static const QRegularExpression fileLine(
                    QStringLiteral("^@file\\(([^)]*)\\)(?:\\s*@contentType\\(([^)]*)\\))?"));
                for (const Row &r : rowsOf(*b)) {
                    const QRegularExpressionMatch m = fileLine.match(r.value);
                    if (r.enabled && m.hasMatch()) {
                        body.mode = BodyMode::BinaryFile;
                        body.filePath = resolve(root, m.captured(1));
                        body.contentType = m.captured(2).trimmed();
                        break;
                    }
                }
            } else if (bodyMode.startsWith(QLatin1String("graphql"))) {
                body.mode = BodyMode::GraphQl;
                body.graphql.query = text;
                const BruBlock *vars = find(blocks, u"body:graphql:vars");
                if (vars)
                    body.graphql.variables = vars->lines.join(u'\n').trimmed();
            } else {
                lossy << QStringLiteral("the %1 body is not supported and was not imported")
                             .arg(bodyMode);
            }
            if (!b && body.mode == BodyMode::None)
                lossy << QStringLiteral("it selects a %1 body but has no body:%1 block")
                             .arg(bodyMode);
        }

        result.report.created << QStringLiteral("Request %1").arg(fullName);
        for (const QString &l : std::as_const(lossy))
            result.report.lossy << QStringLiteral("Request %1: %2").arg(fullName, l);
        ++(lossy.isEmpty() ? result.report.requestsCreated : result.report.requestsLossy);
        return std::optional<SavedRequest>(saved);
    }

    Result<bool> readFolder(const QString &dirPath, ImportedFolder &into, const QString &where,
                            int depth)
    {
        if (depth > limits.maxDepth) {
            return Error {QStringLiteral("too-deep"),
                          QStringLiteral("The collection nests folders deeper than %1 levels "
                                         "(at %2). Flatten it and import again.")
                              .arg(limits.maxDepth)
                              .arg(QDir::toNativeSeparators(dirPath))};
        }
        const QDir dir(dirPath);
        const QFileInfoList entries = dir.entryInfoList(
            QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        for (const QFileInfo &entry : entries) {
            const QString name = entry.fileName();
            const QString shown = where.isEmpty() ? name : where + u'/' + name;
            if (entry.isSymLink()) {
                result.report.skipped
                    << QStringLiteral("%1: symbolic links are not followed").arg(shown);
                continue;
            }
            if (entry.isDir()) {
                if (depth == 1 && name == QLatin1String("environments"))
                    continue;
                if (name == QLatin1String("node_modules") || name.startsWith(u'.')) {
                    result.report.skipped
                        << QStringLiteral("%1: not part of the requests").arg(shown);
                    continue;
                }
                const Status counted = countItem();
                if (!counted)
                    return counted.error();
                ImportedFolder folder;
                folder.info.name = name;
                const QString folderBru = entry.filePath() + QStringLiteral("/folder.bru");
                if (QFileInfo::exists(folderBru)) {
                    Result<QList<BruBlock>> blocks = readBru(folderBru);
                    if (!blocks)
                        return blocks.error();
                    const BruBlock *meta = find(*blocks, u"meta");
                    if (!valueOf(meta, u"name").isEmpty())
                        folder.info.name = valueOf(meta, u"name");
                    folder.info.order = valueOf(meta, u"seq").toLongLong();
                    for (const BruBlock &b : std::as_const(*blocks)) {
                        if (b.name == QLatin1String("vars:pre-request")) {
                            for (const Row &r : rowsOf(b))
                                folder.info.variables
                                    << Variable {r.key, r.value, r.enabled, false};
                        } else if (b.name == QLatin1String("docs")) {
                            folder.info.description = b.lines.join(u'\n').trimmed();
                        } else if (b.name == QLatin1String("auth")) {
                            QStringList lossy;
                            folder.info.auth = readAuth(valueOf(&b, u"mode"), *blocks, lossy);
                            for (const QString &l : std::as_const(lossy))
                                result.report.lossy
                                    << QStringLiteral("Folder %1: %2").arg(shown, l);
                        } else if (b.name.startsWith(QLatin1String("auth:"))) {
                            // read with the auth block
                        } else if (b.name != QLatin1String("meta")
                                   && !b.lines.join(QString()).trimmed().isEmpty()) {
                            result.report.lossy
                                << QStringLiteral("Folder %1: the %2 block is not supported for "
                                                  "folders and was not imported")
                                       .arg(shown, b.name);
                        }
                    }
                }
                const QString path
                    = where.isEmpty() ? folder.info.name : where + u'/' + folder.info.name;
                result.report.created << QStringLiteral("Folder %1").arg(path);
                Result<bool> ok = readFolder(entry.filePath(), folder, path, depth + 1);
                if (!ok)
                    return ok;
                into.folders << folder;
                continue;
            }
            if (depth == 1
                && (name == QLatin1String("bruno.json") || name == QLatin1String("collection.bru")))
                continue;
            if (name == QLatin1String("folder.bru"))
                continue;
            if (!name.endsWith(QLatin1String(".bru"))) {
                result.report.skipped << QStringLiteral("%1: not a .bru request file").arg(shown);
                continue;
            }
            const Status counted = countItem();
            if (!counted)
                return counted.error();
            Result<std::optional<SavedRequest>> request = readRequest(entry.filePath(), where);
            if (!request)
                return request.error();
            if (request.value())
                into.requests << *request.value();
        }
        // Bruno orders by seq; the file name settles ties (entries came sorted by name).
        std::stable_sort(
            into.requests.begin(), into.requests.end(),
            [](const SavedRequest &a, const SavedRequest &b) { return a.order < b.order; });
        std::stable_sort(into.folders.begin(), into.folders.end(),
                         [](const ImportedFolder &a, const ImportedFolder &b) {
                             return a.info.order < b.info.order;
                         });
        return true;
    }

    Result<bool> readEnvironments()
    {
        const QString dirPath = root + QStringLiteral("/environments");
        const QDir dir(dirPath);
        if (!dir.exists())
            return true;
        if (!isInsideFolder(root, dirPath)) {
            result.report.skipped << QStringLiteral("environments: a symbolic link to a folder "
                                                    "outside the collection; not read");
            return true;
        }
        const QFileInfoList files
            = dir.entryInfoList({QStringLiteral("*.bru")}, QDir::Files, QDir::Name);
        for (const QFileInfo &file : files) {
            if (!isInsideFolder(root, file.filePath())) {
                result.report.skipped
                    << QStringLiteral("environments/%1: a symbolic link to a file outside the "
                                      "collection; not read")
                           .arg(file.fileName());
                continue;
            }
            Result<QList<BruBlock>> blocks = readBru(file.filePath());
            if (!blocks)
                return blocks.error();
            Environment env;
            env.name = file.completeBaseName();
            for (const BruBlock &b : std::as_const(*blocks)) {
                if (b.name == QLatin1String("vars")) {
                    for (const Row &r : rowsOf(b))
                        env.variables << Variable {r.key, r.value, r.enabled, false};
                } else if (b.name == QLatin1String("vars:secret")) {
                    for (const QString &line : b.lines) {
                        QString n = line.trimmed();
                        if (n.endsWith(u','))
                            n.chop(1);
                        bool enabled = true;
                        if (n.startsWith(u'~')) {
                            enabled = false;
                            n.remove(0, 1);
                        }
                        if (!n.isEmpty())
                            env.variables << Variable {n, QString(), enabled, true};
                    }
                    result.report.lossy
                        << QStringLiteral("Environment %1: secret values stay in Bruno; enter "
                                          "them again in Patchbay")
                               .arg(env.name);
                } else {
                    result.report.skipped
                        << QStringLiteral("Environment %1: the %2 block is not supported")
                               .arg(env.name, b.name);
                }
            }
            result.environments << env;
            result.report.created << QStringLiteral("Environment %1").arg(env.name);
        }
        return true;
    }
};

} // namespace

Result<QList<BruBlock>> parseBruFile(const QString &input)
{
    QString text = input;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    const QStringList lines = text.split(u'\n');
    QList<BruBlock> blocks;
    static const QRegularExpression header(
        QStringLiteral("^([A-Za-z][A-Za-z0-9:_-]*)\\s*([{\\[])\\s*$"));
    static const QRegularExpression oneLine(
        QStringLiteral("^([A-Za-z][A-Za-z0-9:_-]*)\\s*\\{\\s*\\}\\s*$"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.trimmed().isEmpty())
            continue;
        const int number = int(i + 1);
        if (const QRegularExpressionMatch m = oneLine.match(line); m.hasMatch()) {
            blocks << BruBlock {m.captured(1), number, false, {}};
            continue;
        }
        const QRegularExpressionMatch m = header.match(line);
        if (!m.hasMatch()) {
            return Error {kSyntax,
                          QStringLiteral("line %1: expected a block such as \"get {\" or "
                                         "\"headers {\", found \"%2\". Fix the file in Bruno or a "
                                         "text editor and import again.")
                              .arg(number)
                              .arg(line.trimmed().left(80))};
        }
        BruBlock block;
        block.name = m.captured(1);
        block.line = number;
        block.isList = m.captured(2) == QLatin1String("[");
        const QString close = block.isList ? QStringLiteral("]") : QStringLiteral("}");
        const bool text = isTextBlock(block.name);
        bool closed = false;
        // Newer Bruno writes more inside dictionary blocks: `@description(...)` annotations
        // (one line, or several between triple quotes), values of several lines between triple
        // quotes, and nested `key: {` mappings (example blocks) that may hold raw JSON. Only a
        // brace at the block's own level closes it; annotations are dropped (descriptions of
        // rows) and a value of several lines becomes one row.
        static const QString tripleQuote = QStringLiteral("'''");
        int depth = 0;
        bool inAnnotation = false;
        qsizetype multiLineRow = -1; // index in block.lines of a row whose value continues
        for (++i; i < lines.size(); ++i) {
            const QString &inner = lines.at(i);
            const QString trimmed = inner.trimmed();
            const QString dedented = inner.startsWith(QLatin1String("  ")) ? inner.mid(2) : inner;
            if (!text && inAnnotation) {
                inAnnotation = !trimmed.startsWith(tripleQuote);
                continue;
            }
            if (!text && multiLineRow >= 0) {
                if (trimmed.startsWith(tripleQuote)) { // may go on: ''' @contentType(...)
                    block.lines[multiLineRow] += trimmed.mid(tripleQuote.size());
                    multiLineRow = -1;
                } else {
                    QString &row = block.lines[multiLineRow];
                    row += (row.endsWith(QLatin1String(": ")) ? QString() : QStringLiteral("\n"))
                        + (dedented.startsWith(QLatin1String("  ")) ? dedented.mid(2) : dedented);
                }
                continue;
            }
            if (!text && depth == 0 && trimmed.startsWith(u'@')) {
                inAnnotation = trimmed.contains(QLatin1String("('''"))
                    && !trimmed.endsWith(QLatin1String("''')"));
                continue;
            }
            if (!text && trimmed.endsWith(tripleQuote) && trimmed != tripleQuote
                && trimmed.contains(u':')) {
                multiLineRow = block.lines.size();
                block.lines << dedented.left(dedented.lastIndexOf(tripleQuote));
                continue;
            }
            if (!text && depth > 0
                && (trimmed == QLatin1String("}") || trimmed == QLatin1String("]")
                    || trimmed == QLatin1String("},") || trimmed == QLatin1String("],"))) {
                --depth;
            } else if (!text && depth == 0 && trimmed == close) {
                closed = true;
                break;
            } else if (!text && (trimmed.endsWith(u'{') || trimmed.endsWith(u'['))) {
                ++depth;
            } else if (text && trimmed == close && !inner.startsWith(u' ')) {
                closed = true;
                break;
            }
            if (!text && !inner.trimmed().isEmpty() && !inner.startsWith(u' ')
                && !inner.startsWith(u'\t')) {
                return Error {kSyntax,
                              QStringLiteral("line %1: the block \"%2\" opened on line %3 is not "
                                             "closed with \"%4\" before this line.")
                                  .arg(i + 1)
                                  .arg(block.name)
                                  .arg(number)
                                  .arg(close)};
            }
            block.lines << dedented;
        }
        if (!closed) {
            return Error {kSyntax,
                          QStringLiteral("line %1: the block \"%2\" is not closed with \"%3\".")
                              .arg(number)
                              .arg(block.name, close)};
        }
        blocks << block;
    }
    return blocks;
}

Result<ImportedCollection> importBrunoDirectory(const QString &dirPath, const ImportLimits &limits)
{
    const QString root = QDir(dirPath).absolutePath();
    const QString configPath = root + QStringLiteral("/bruno.json");
    if (!QFileInfo::exists(configPath)) {
        return Error {QStringLiteral("not-bruno"),
                      QStringLiteral("%1 has no bruno.json, so it is not a Bruno collection. "
                                     "Choose the folder that holds bruno.json.")
                          .arg(QDir::toNativeSeparators(root))};
    }
    if (!isInsideFolder(root, configPath)) {
        return Error {QStringLiteral("outside-collection"),
                      QStringLiteral("bruno.json is a symbolic link to a file outside the "
                                     "collection folder, so it was not read.")};
    }
    const Result<QByteArray> config = readRegularFile(configPath, limits.maxFileBytes);
    if (!config) {
        if (config.error().code == QLatin1String("file-too-large"))
            return Error {QStringLiteral("file-too-large"),
                          QStringLiteral("bruno.json is larger than the %1 bytes an import may "
                                         "read. Check that this is a Bruno collection.")
                              .arg(limits.maxFileBytes)};
        return Error {QStringLiteral("not-bruno"), config.error().message};
    }
    const Result<JsonValue> json = parseJson(config.value());
    if (!json || !json->isObject()) {
        return Error {
            QStringLiteral("not-bruno"),
            QStringLiteral("bruno.json is not a JSON object%1. Fix it and import again.")
                .arg(json ? QString() : QStringLiteral(" (") + json.error().message + u')')};
    }
    Reader reader {root, limits, {}, 0};
    ImportedCollection &c = reader.result;
    c.info.name = json->value(u"name").toString();
    if (c.info.name.isEmpty())
        c.info.name = QFileInfo(root).fileName();

    const QString collectionBru = root + QStringLiteral("/collection.bru");
    if (QFileInfo::exists(collectionBru)) {
        Result<QList<BruBlock>> blocks = reader.readBru(collectionBru);
        if (!blocks)
            return blocks.error();
        QStringList lossy;
        const BruBlock *authBlock = find(*blocks, u"auth");
        c.info.auth = reader.readAuth(valueOf(authBlock, u"mode"), *blocks, lossy);
        for (const BruBlock &b : std::as_const(*blocks)) {
            if (b.name == QLatin1String("headers"))
                c.info.headers << keyValues(b);
            else if (b.name == QLatin1String("docs"))
                c.info.description = b.lines.join(u'\n').trimmed();
            else if (b.name == QLatin1String("vars:pre-request"))
                for (const Row &r : rowsOf(b))
                    c.info.variables << Variable {r.key, r.value, r.enabled, false};
            else if (b.name != QLatin1String("auth") && !b.name.startsWith(QLatin1String("auth:"))
                     && b.name != QLatin1String("meta"))
                lossy << QStringLiteral("the %1 block is not supported and was not imported")
                             .arg(b.name);
        }
        for (const QString &l : std::as_const(lossy))
            c.report.lossy << QStringLiteral("Collection %1: %2").arg(c.info.name, l);
    }

    Result<bool> ok = reader.readFolder(root, c.root, QString(), 1);
    if (!ok)
        return ok.error();
    ok = reader.readEnvironments();
    if (!ok)
        return ok.error();
    return std::move(reader.result);
}

} // namespace Patchbay::Core
