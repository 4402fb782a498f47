#include "core/interop/importdetect.h"

#include "core/common/localfiles.h"
#include "core/interop/curlimport.h"
#include "core/interop/curlscript.h"
#include "core/interop/importtext.h"
#include "core/interop/postmanimport.h"
#include "core/json/jsonparser.h"
#include "core/openapi/openapiimport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

#if __has_include("core/interop/insomniaimport.h")
#include "core/interop/insomniaimport.h"
#define PATCHBAY_HAS_INSOMNIA 1
#endif
#if __has_include("core/interop/brunoimport.h")
#include "core/interop/brunoimport.h"
#define PATCHBAY_HAS_BRUNO 1
#endif
#if __has_include("core/interop/httpfileimport.h")
#include "core/interop/httpfileimport.h"
#define PATCHBAY_HAS_HTTPFILE 1
#endif

namespace Patchbay::Core {

namespace {

[[maybe_unused]] Error notSupportedYet(ImportFormat format)
{
    return Error {QStringLiteral("import-unsupported"),
                  QStringLiteral("format not supported yet: this Patchbay cannot import %1 "
                                 "files.")
                      .arg(importFormatName(format))};
}

} // namespace

QString importFormatName(ImportFormat format)
{
    switch (format) {
    case ImportFormat::PostmanCollection:
        return QStringLiteral("postman");
    case ImportFormat::PostmanEnvironment:
        return QStringLiteral("postman-environment");
    case ImportFormat::Insomnia:
        return QStringLiteral("insomnia");
    case ImportFormat::Bruno:
        return QStringLiteral("bruno");
    case ImportFormat::HttpFile:
        return QStringLiteral("http");
    case ImportFormat::Curl:
        return QStringLiteral("curl");
    case ImportFormat::OpenApi:
        return QStringLiteral("openapi");
    case ImportFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

namespace {

// What a JSON document is, from the keys its tool always writes.
ImportFormat formatOfJson(const JsonValue &root)
{
    if (!root.isObject())
        return ImportFormat::Unknown;
    const JsonValue &wrapped = root.value(u"collection");
    if (wrapped.isObject() && wrapped.value(u"item").isArray())
        return ImportFormat::PostmanCollection; // the Postman API's {"collection": {...}}
    if (root.value(u"info").isObject() && root.value(u"item").isArray())
        return ImportFormat::PostmanCollection;
    // newman runs a collection without `info`: an `item` list whose entries are items.
    if (root.value(u"item").isArray() && !root.value(u"item").isEmpty()
        && root.value(u"item").at(0).isObject()
        && (root.value(u"item").at(0).contains(u"request")
            || root.value(u"item").at(0).contains(u"item")))
        return ImportFormat::PostmanCollection;
    if (root.value(u"requests").isArray()
        && (root.contains(u"order") || root.contains(u"folders") || root.contains(u"id")))
        return ImportFormat::PostmanCollection; // Collection v1
    if (root.value(u"_type").toString() == QLatin1String("export")
        || root.contains(u"__export_format") || root.value(u"resources").isArray()
        || root.value(u"type").toString().startsWith(QLatin1String("collection.insomnia.rest/")))
        return ImportFormat::Insomnia;
    if (root.value(u"values").isArray())
        return ImportFormat::PostmanEnvironment;
    return ImportFormat::Unknown;
}

// A head cut short, or not JSON at all (YAML in flow style starts with '{' too): the telling
// keys anywhere in it.
ImportFormat formatOfBraces(const QString &text)
{
    static const QRegularExpression postmanSchema(
        QStringLiteral("\"schema\"\\s*:\\s*\"[^\"]*collection/v[12]"));
    static const QRegularExpression insomnia(
        QStringLiteral("[{,]\\s*[\"']?(_type[\"']?\\s*:\\s*[\"']?export|__export_format)"));
    if (postmanSchema.match(text).hasMatch())
        return ImportFormat::PostmanCollection;
    if (insomnia.match(text).hasMatch())
        return ImportFormat::Insomnia;
    static const QRegularExpression values(QStringLiteral("\"values\"\\s*:\\s*\\["));
    if (text.contains(QLatin1String("_postman_variable_scope")))
        return ImportFormat::PostmanEnvironment;
    if (text.contains(QLatin1String("\"info\"")) && text.contains(QLatin1String("\"item\"")))
        return ImportFormat::PostmanCollection;
    if (text.contains(QLatin1String("\"requests\"")) && text.contains(QLatin1String("\"order\"")))
        return ImportFormat::PostmanCollection;
    if (values.match(text).hasMatch())
        return ImportFormat::PostmanEnvironment;
    return ImportFormat::Unknown;
}

} // namespace

ImportFormat detectImportFormat(const QString &path, QByteArrayView head)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return QFileInfo::exists(path + QStringLiteral("/bruno.json")) ? ImportFormat::Bruno
                                                                       : ImportFormat::Unknown;
    if (looksLikeOpenApi(head))
        return ImportFormat::OpenApi;
    const QString text
        = decodeImportText(head.first(std::min<qsizetype>(head.size(), 4 * 1024 * 1024))).trimmed();
    if (text.startsWith(u'{')) {
        const Result<JsonValue> json = parseJson(text.toUtf8());
        const ImportFormat format
            = json.ok() ? formatOfJson(json.value()) : formatOfBraces(text.left(256 * 1024));
        if (format != ImportFormat::Unknown || json.ok())
            return format;
    }
    // Insomnia's YAML: v4 (`_type: export` as a key of the top mapping) and v5.
    static const QRegularExpression insomniaYaml(
        QStringLiteral("^(_type:\\s*['\"]?export['\"]?\\s*$|__export_format:|type:\\s*['\"]?"
                       "collection\\.insomnia\\.rest/)"),
        QRegularExpression::MultilineOption);
    if (insomniaYaml.match(text.left(256 * 1024)).hasMatch())
        return ImportFormat::Insomnia;
    const QString suffix = fi.suffix().toLower();
    const bool httpSuffix = suffix == QLatin1String("http") || suffix == QLatin1String("rest");
    if (!httpSuffix && looksLikeCurlScript(text))
        return ImportFormat::Curl;
    static const QRegularExpression requestLine(
        QStringLiteral("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\\s+\\S+"),
        QRegularExpression::MultilineOption);
    if (text.startsWith(QLatin1String("###")) || text.contains(QLatin1String("\n###"))
        || requestLine.match(text).hasMatch() || (httpSuffix && !text.isEmpty()))
        return ImportFormat::HttpFile;
    return ImportFormat::Unknown;
}

Result<ImportedCollection> importFile(const QString &path, const ImportLimits &limits,
                                      ImportFormat format)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return Error {QStringLiteral("read-failed"),
                      QStringLiteral("%1 does not exist. Check the path.").arg(path)};
    QByteArray bytes;
    if (!fi.isDir()) {
        if (fi.size() > limits.maxFileBytes)
            return Error {QStringLiteral("import-too-large"),
                          QStringLiteral("%1 is %2 MiB; imports are limited to %3 MiB. Check "
                                         "that it is the right file, or split it.")
                              .arg(path)
                              .arg(double(fi.size()) / (1024 * 1024), 0, 'f', 1)
                              .arg(limits.maxFileBytes / (1024 * 1024))};
        // Never a device or a pipe: /dev/zero has no size and no end.
        Result<QByteArray> read = readRegularFile(path, limits.maxFileBytes);
        if (!read) {
            if (read.error().code == QLatin1String("file-too-large"))
                return Error {QStringLiteral("import-too-large"), read.error().message};
            return Error {QStringLiteral("read-failed"), read.error().message};
        }
        bytes = importTextAsUtf8(std::move(read).value());
    }
    if (format == ImportFormat::Unknown)
        format = detectImportFormat(path, bytes);
    else if (format == ImportFormat::PostmanCollection
             && detectImportFormat(path, bytes) == ImportFormat::PostmanEnvironment)
        format = ImportFormat::PostmanEnvironment; // "postman" covers both of its files

    switch (format) {
    case ImportFormat::PostmanCollection:
        return importPostmanCollection(bytes, limits);
    case ImportFormat::PostmanEnvironment: {
        ImportReport report;
        Result<Environment> env = importPostmanEnvironment(bytes, &report, limits);
        if (!env.ok())
            return env.error();
        ImportedCollection imported;
        imported.info.name = env->name;
        imported.environments << env.value();
        imported.report = report;
        return imported;
    }
    case ImportFormat::Insomnia:
#ifdef PATCHBAY_HAS_INSOMNIA
        return importInsomnia(bytes, limits);
#else
        return notSupportedYet(format);
#endif
    case ImportFormat::Bruno:
#ifdef PATCHBAY_HAS_BRUNO
        return importBrunoDirectory(path, limits);
#else
        return notSupportedYet(format);
#endif
    case ImportFormat::HttpFile:
#ifdef PATCHBAY_HAS_HTTPFILE
        return importHttpFile(bytes, fi.absolutePath(), limits);
#else
        return notSupportedYet(format);
#endif
    case ImportFormat::Curl:
        return importCurlScript(QString::fromUtf8(bytes), fi.completeBaseName());
    case ImportFormat::OpenApi: {
        Result<OpenApiImport> spec = importOpenApiFile(path, limits);
        if (!spec.ok())
            return spec.error();
        return spec->collection;
    }
    case ImportFormat::Unknown:
        break;
    }
    return Error {QStringLiteral("import-unknown-format"),
                  QStringLiteral("Could not tell what %1 is. Patchbay imports Postman "
                                 "collections and environments, Insomnia exports, Bruno "
                                 "collections, .http files and curl commands; pass --format "
                                 "to choose.")
                      .arg(path)};
}

} // namespace Patchbay::Core
