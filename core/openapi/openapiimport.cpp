#include "core/openapi/openapiimport.h"

#include "core/openapi/openapibuilder.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace Patchbay::Core {

namespace {

const char *const Methods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

bool isMethod(std::string_view key)
{
    for (const char *m : Methods)
        if (key == m)
            return true;
    return false;
}

// "{region}.api.com" → "{{region}}.api.com"
QString templateToVariables(QString text)
{
    static const QRegularExpression braces(QStringLiteral("\\{([^{}/]+)\\}"));
    return text.replace(braces, QStringLiteral("{{\\1}}"));
}

} // namespace

bool looksLikeOpenApi(QByteArrayView head)
{
    const QString text = QString::fromUtf8(head.first(std::min<qsizetype>(head.size(), 64 * 1024)));
    qsizetype start = 0;
    while (start < text.size() && (text.at(start).isSpace() || text.at(start) == QChar(0xFEFF)))
        ++start;
    // JSON: the key anywhere (members come in any order; a spec kept as a string inside another
    // tool's export is escaped and does not match). YAML: a key of the top mapping only, at the
    // start of a line, so that a description embedded in another file (an Insomnia export holds
    // them in indented block scalars) is not taken for one.
    if (start < text.size() && text.at(start) == u'{') {
        static const QRegularExpression jsonKey(
            QStringLiteral("\"(openapi\"\\s*:\\s*\"3\\.|swagger\"\\s*:\\s*\"2\\.0)"));
        return jsonKey.match(text, start).hasMatch();
    }
    static const QRegularExpression yamlKey(
        QStringLiteral("^(['\"]?openapi['\"]?\\s*:\\s*['\"]?3\\.|['\"]?swagger['\"]?\\s*:\\s*['\"]?"
                       "2\\.0)"),
        QRegularExpression::MultilineOption);
    return yamlKey.match(text, start).hasMatch();
}

OpenApiBuilder::OpenApiBuilder(const SpecSet &spec, const ImportLimits &limits)
    : m_spec(spec)
    , m_limits(limits)
    , m_sampler(spec)
    , m_root(spec.root())
{ }

Result<OpenApiImport> OpenApiBuilder::run()
{
    const std::string_view openapi = m_root["openapi"].view();
    const std::string_view swagger = m_root["swagger"].view();
    if (openapi.substr(0, 2) == "3.") {
        m_result.specVersion = toQString(openapi);
    } else if (swagger == "2.0") {
        m_swagger = true;
        m_result.specVersion = QStringLiteral("2.0");
    } else {
        return Error {QStringLiteral("openapi-unknown-version"),
                      QStringLiteral("This is not an OpenAPI 3.x or Swagger 2.0 description (no "
                                     "\"openapi: 3.x\" or \"swagger: '2.0'\" at the top). Check "
                                     "that it is the right file.")};
    }
    for (const QString &problem : m_spec.loadProblems())
        m_result.collection.report.skipped << QStringLiteral("$ref to ") + problem;
    readInfo();
    if (m_swagger) {
        readSwaggerHost();
        m_root["consumes"].forEachItem([&](SpecNode c) { m_globalConsumes << c.text(); });
    } else {
        readServers();
    }
    readSecuritySchemes();
    readTags();
    walkPaths();
    walkWebhooks();
    finish();
    return std::move(m_result);
}

void OpenApiBuilder::readInfo()
{
    const SpecNode info = m_spec.resolve(m_root["info"]);
    CollectionInfo &collection = m_result.collection.info;
    collection.name = info.text("title").trimmed();
    if (collection.name.isEmpty())
        collection.name = QFileInfo(QUrl(m_spec.fileUri(0)).path()).completeBaseName();
    if (collection.name.isEmpty())
        collection.name = QStringLiteral("API");
    collection.description = info.text("description");
    const QString version = info.text("version");
    if (!version.isEmpty())
        collection.description
            += (collection.description.isEmpty() ? QString() : QStringLiteral("\n\n"))
            + QStringLiteral("Version ") + version + QStringLiteral(" of the API description.");
}

void OpenApiBuilder::readServers()
{
    int index = 0;
    m_root["servers"].forEachItem([&](SpecNode server) {
        server = m_spec.resolve(server);
        ++index;
        QString url = server.text("url");
        if (url.isEmpty())
            return;
        // A relative server URL is relative to where the description was loaded from.
        const QString from = m_spec.fileUri(0);
        if (url.startsWith(u'/')
            && (from.startsWith(QLatin1String("http://"))
                || from.startsWith(QLatin1String("https://"))))
            url = QUrl(from).resolved(QUrl(url)).toString();
        else if (url.startsWith(u'/'))
            m_result.collection.report.lossy
                << QStringLiteral("Server %1: its URL is relative; set baseUrl to the host "
                                  "that serves it.")
                       .arg(url);
        while (url.endsWith(u'/') && url.size() > 1 && !url.endsWith(QLatin1String("//")))
            url.chop(1);
        Environment env;
        env.name = server.text("description").trimmed();
        if (env.name.isEmpty() || env.name.size() > 60)
            env.name = QUrl(templateToVariables(url)).host();
        if (env.name.isEmpty())
            env.name = QStringLiteral("Server %1").arg(index);
        env.variables << Variable {QStringLiteral("baseUrl"), templateToVariables(url)};
        server["variables"].forEachMember([&](std::string_view name, SpecNode variable) {
            QString value = variable.text("default");
            if (value.isEmpty() && variable["enum"].size() > 0)
                value = variable["enum"].at(0).text();
            env.variables << Variable {toQString(name), value};
        });
        for (const Environment &existing : std::as_const(m_result.collection.environments))
            if (existing.name == env.name)
                env.name += QStringLiteral(" %1").arg(index);
        m_result.collection.environments << env;
    });
    if (m_result.collection.environments.isEmpty())
        m_result.collection.report.lossy
            << QStringLiteral("The description names no server: set baseUrl in an environment.");
}

void OpenApiBuilder::readSwaggerHost()
{
    const QString host = m_root.text("host");
    QString basePath = m_root.text("basePath");
    if (basePath == QLatin1String("/"))
        basePath.clear();
    QStringList schemes;
    m_root["schemes"].forEachItem([&](SpecNode s) { schemes << s.text(); });
    if (schemes.isEmpty())
        schemes << QStringLiteral("https");
    if (host.isEmpty()) {
        m_result.collection.report.lossy
            << QStringLiteral("The description names no host: set baseUrl in an environment.");
        m_result.collection.environments << Environment {
            1,
            QStringLiteral("Default"),
            {Variable {QStringLiteral("baseUrl"), QStringLiteral("{{host}}") + basePath}}};
        return;
    }
    for (const QString &scheme : std::as_const(schemes))
        m_result.collection.environments
            << Environment {1,
                            scheme + QStringLiteral("://") + host,
                            {Variable {QStringLiteral("baseUrl"),
                                       scheme + QStringLiteral("://") + host + basePath}}};
}

void OpenApiBuilder::readTags()
{
    m_root["tags"].forEachItem([&](SpecNode tag) {
        const QString name = tag.text("name");
        if (name.isEmpty() || m_tagOrder.contains(name))
            return;
        m_tagOrder << name;
        m_tagDescriptions.insert(name, tag.text("description"));
    });
    auto scan = [&](SpecNode item) {
        item = m_spec.resolve(item);
        item.forEachMember([&](std::string_view method, SpecNode op) {
            if (isMethod(method) && op["tags"].size() > 0)
                m_anyTags = true;
        });
    };
    m_root["paths"].forEachMember([&](std::string_view, SpecNode item) { scan(item); });
}

void OpenApiBuilder::walkPaths()
{
    const SpecNode paths = m_root["paths"];
    if (!paths.isObject()) {
        if (!m_root.has("webhooks"))
            m_result.collection.report.skipped
                << QStringLiteral("The description has no paths: nothing to import.");
        return;
    }
    paths.forEachMember([&](std::string_view path, SpecNode item) {
        const QString pathText = toQString(path);
        if (!path.starts_with('/')) {
            if (!path.starts_with("x-"))
                m_result.collection.report.skipped
                    << QStringLiteral("Path \"%1\": does not start with '/'.").arg(pathText);
            return;
        }
        QString problem;
        const SpecNode resolved = m_spec.resolve(item, &problem);
        if (!resolved.isObject()) {
            m_result.collection.report.skipped
                << QStringLiteral("Path %1: %2")
                       .arg(pathText,
                            problem.isEmpty() ? QStringLiteral("not an object") : problem);
            return;
        }
        walkPathItem(pathText, resolved, {}, QStringLiteral("{{baseUrl}}"), QString());
    });
}

void OpenApiBuilder::walkWebhooks()
{
    m_root["webhooks"].forEachMember([&](std::string_view name, SpecNode item) {
        QString problem;
        const SpecNode resolved = m_spec.resolve(item, &problem);
        if (!resolved.isObject()) {
            m_result.collection.report.skipped
                << QStringLiteral("Webhook %1: %2").arg(toQString(name), problem);
            return;
        }
        walkPathItem(toQString(name), resolved, {QStringLiteral("Webhooks")},
                     QStringLiteral("{{webhookUrl}}"), QStringLiteral("webhook "));
    });
}

void OpenApiBuilder::walkPathItem(const QString &path, SpecNode item,
                                  const QStringList &forcedFolder, const QString &urlBase,
                                  const QString &keyPrefix)
{
    item.forEachMember([&](std::string_view methodKey, SpecNode operation) {
        if (!isMethod(methodKey))
            return;
        const QString method = toQString(methodKey).toUpper();
        const QString where = keyPrefix.isEmpty()
            ? QStringLiteral("Operation %1 %2").arg(method, path)
            : QStringLiteral("Webhook %1 %2").arg(method, path);
        if (!operation.isObject()) {
            m_result.collection.report.skipped << where + QStringLiteral(": not an object.");
            return;
        }
        if (m_requestCount >= m_limits.maxItems) {
            m_result.collection.report.skipped << where
                    + QStringLiteral(": not imported, the import is limited to %1 requests.")
                          .arg(m_limits.maxItems);
            return;
        }
        QStringList folder = forcedFolder;
        if (folder.isEmpty()) {
            const SpecNode tags = operation["tags"];
            if (tags.size() > 0 && !tags.at(0).text().trimmed().isEmpty()) {
                folder << tags.at(0).text().trimmed();
            } else if (!m_anyTags) {
                const QString first = path.section(u'/', 1, 1);
                if (!first.isEmpty() && !first.startsWith(u'{'))
                    folder << first;
            }
        }
        SavedRequest saved = buildOperation(where, method, path, item, operation, urlBase);
        SpecOperation op;
        op.method = method;
        op.path = path;
        const QString operationId = operation.text("operationId");
        op.key = !operationId.isEmpty() ? operationId : keyPrefix + method + u' ' + path;
        addRequest(folder, std::move(saved), op);
        if (!m_swagger)
            addCallbacks(where, operation, folder);
    });
}

ImportedFolder &OpenApiBuilder::folderFor(const QStringList &names)
{
    const QString key = names.join(u'/');
    auto it = m_folderIndex.constFind(key);
    if (it == m_folderIndex.constEnd()) {
        ImportedFolder folder;
        folder.info.name = names.value(0);
        folder.info.description = m_tagDescriptions.value(folder.info.name);
        m_folders.append({names, folder});
        it = m_folderIndex.insert(key, int(m_folders.size()) - 1);
    }
    return m_folders[*it].second;
}

void OpenApiBuilder::addRequest(const QStringList &folder, SavedRequest request, SpecOperation op)
{
    // Names are unique in a folder: a repeated one gets " (2)", " (3)"... Each base name
    // remembers its next number, so a thousand repeats cost no more than one.
    const QString folderKey = folder.join(u'/') + u'\n';
    QSet<QString> &names = m_namesByFolder[folderKey];
    QString name = request.name;
    if (names.contains(name.toLower())) {
        int &next = m_nextSuffix[folderKey + name.toLower()];
        next = std::max(next, 2);
        do
            name = request.name + QStringLiteral(" (%1)").arg(next++);
        while (names.contains(name.toLower()));
    }
    names.insert(name.toLower());
    request.name = name;
    request.order = (++m_order) * 1000;
    op.folder = folder;
    op.requestName = name;
    ++m_requestCount;
    if (folder.isEmpty())
        m_result.collection.root.requests << std::move(request);
    else
        folderFor(folder).requests << std::move(request);
    m_result.operations << op;
}

void OpenApiBuilder::finish()
{
    // Folders in the order of the description's tag list, then as they were met.
    std::stable_sort(m_folders.begin(), m_folders.end(), [&](const auto &a, const auto &b) {
        auto rank = [&](const QStringList &names) {
            if (names.value(0) == QLatin1String("Webhooks"))
                return int(m_tagOrder.size()) + 2;
            if (names.value(0) == QLatin1String("Callbacks"))
                return int(m_tagOrder.size()) + 1;
            const qsizetype i = m_tagOrder.indexOf(names.value(0));
            return i < 0 ? int(m_tagOrder.size()) : int(i);
        };
        return rank(a.first) < rank(b.first);
    });
    qint64 order = 0;
    for (auto &entry : m_folders) {
        entry.second.info.order = (++order) * 1000;
        m_result.collection.root.folders << std::move(entry.second);
    }
    m_folders.clear();
    m_result.collection.report.created
        << QStringLiteral("%1 requests in %2 folders from the %3 description \"%4\"")
               .arg(m_requestCount)
               .arg(m_result.collection.root.folders.size())
               .arg(m_swagger ? QStringLiteral("Swagger 2.0")
                              : QStringLiteral("OpenAPI ") + m_result.specVersion,
                    m_result.collection.info.name);
    for (const Environment &env : std::as_const(m_result.collection.environments))
        m_result.collection.report.created << QStringLiteral("Environment \"%1\"").arg(env.name);
}

QString OpenApiBuilder::pathToUrl(const QString &path)
{
    static const QRegularExpression param(QStringLiteral("\\{([^{}/]+)\\}"));
    QString url = path;
    QRegularExpressionMatchIterator it = param.globalMatch(path);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!m_pathVariables.contains(name)) {
            m_pathVariables.insert(name);
            m_result.collection.info.variables << Variable {name, QString()};
        }
    }
    return url.replace(param, QStringLiteral("{{\\1}}"));
}

Result<OpenApiImport> importOpenApi(const SpecSet &spec, const ImportLimits &limits)
{
    OpenApiBuilder builder(spec, limits);
    return builder.run();
}

Result<OpenApiImport> importOpenApiFile(const QString &path, const ImportLimits &limits,
                                        const SpecLimits &specLimits)
{
    Result<std::unique_ptr<SpecSet>> spec = SpecSet::loadFile(path, specLimits);
    if (!spec.ok())
        return spec.error();
    return importOpenApi(*spec.value(), limits);
}

Result<OpenApiImport>
importOpenApiBytes(const QByteArray &bytes, const QString &uri,
                   const std::function<Result<QByteArray>(const QString &)> &fetch,
                   const ImportLimits &limits, const SpecLimits &specLimits)
{
    Result<std::unique_ptr<SpecSet>> spec = SpecSet::loadBytes(bytes, uri, fetch, specLimits);
    if (!spec.ok())
        return spec.error();
    return importOpenApi(*spec.value(), limits);
}

} // namespace Patchbay::Core
