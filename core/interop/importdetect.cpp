#include "core/interop/importdetect.h"

#include "core/common/localfiles.h"
#include "core/interop/curlimport.h"
#include "core/interop/postmanimport.h"

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
    case ImportFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

ImportFormat detectImportFormat(const QString &path, QByteArrayView head)
{
    const QFileInfo fi(path);
    if (fi.isDir())
        return QFileInfo::exists(path + QStringLiteral("/bruno.json")) ? ImportFormat::Bruno
                                                                       : ImportFormat::Unknown;
    const QString text
        = QString::fromUtf8(head.first(std::min<qsizetype>(head.size(), 256 * 1024))).trimmed();
    if (text.startsWith(u'{')) {
        // Key order varies between exporters: look for the telling keys anywhere in the head.
        static const QRegularExpression postmanSchema(
            QStringLiteral("\"schema\"\\s*:\\s*\"[^\"]*collection/v2"));
        if (postmanSchema.match(text).hasMatch())
            return ImportFormat::PostmanCollection;
        if (text.contains(QLatin1String("\"_type\"")) && text.contains(QLatin1String("\"export\""))
            && text.contains(QLatin1String("__export_format")))
            return ImportFormat::Insomnia;
        if (text.contains(QLatin1String("__export_format")))
            return ImportFormat::Insomnia;
        static const QRegularExpression values(QStringLiteral("\"values\"\\s*:\\s*\\["));
        if (text.contains(QLatin1String("_postman_variable_scope"))
            || (values.match(text).hasMatch() && text.contains(QLatin1String("\"name\""))))
            return ImportFormat::PostmanEnvironment;
        if (text.contains(QLatin1String("\"info\"")) && text.contains(QLatin1String("\"item\"")))
            return ImportFormat::PostmanCollection;
        return ImportFormat::Unknown;
    }
    static const QRegularExpression insomniaV5(
        QStringLiteral("^type:\\s*['\"]?collection\\.insomnia\\.rest/5"),
        QRegularExpression::MultilineOption);
    if (insomniaV5.match(text).hasMatch())
        return ImportFormat::Insomnia;
    if (looksLikeCurlCommand(text))
        return ImportFormat::Curl;
    static const QRegularExpression requestLine(
        QStringLiteral("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\\s+\\S+"),
        QRegularExpression::MultilineOption);
    const QString suffix = fi.suffix().toLower();
    if (text.startsWith(QLatin1String("###")) || text.contains(QLatin1String("\n###"))
        || requestLine.match(text).hasMatch()
        || ((suffix == QLatin1String("http") || suffix == QLatin1String("rest"))
            && !text.isEmpty()))
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
        bytes = std::move(read).value();
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
    case ImportFormat::Curl: {
        Result<CurlImport> curl = parseCurlCommand(QString::fromUtf8(bytes));
        if (!curl.ok())
            return curl.error();
        ImportedCollection imported;
        imported.info.name = fi.completeBaseName();
        SavedRequest saved;
        const QUrl url(curl->request.url);
        saved.name
            = curl->request.method + u' ' + (url.path().isEmpty() ? curl->request.url : url.path());
        saved.order = 1000;
        saved.request = curl->request;
        imported.root.requests << saved;
        const QString where = QStringLiteral("Request \"") + saved.name + u'"';
        for (const QString &warning : curl->warnings)
            imported.report.lossy << where + QStringLiteral(": ") + warning;
        if (curl->warnings.isEmpty())
            imported.report.created << where;
        return imported;
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
