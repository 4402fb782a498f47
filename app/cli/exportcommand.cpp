#include "app/cli/commands.h"

#include "core/collections/workspace.h"
#include "core/interop/postmanexport.h"
#include "core/openapi/openapiexport.h"

#if __has_include("core/interop/httpfileexport.h")
#include "core/interop/httpfileexport.h"
#define PATCHBAY_HAS_HTTP_EXPORT 1
#endif

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

using namespace Patchbay::Core;

namespace {

constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

void printError(const QString &message)
{
    QTextStream(stderr) << "patchbay-cli export: " << message << '\n';
}

// The collection directory that holds `path` (itself included), or empty.
QString collectionDirOf(const QString &path)
{
    QDir dir(path);
    do {
        if (QFileInfo::exists(dir.filePath(QStringLiteral("collection.yaml"))))
            return dir.absolutePath();
    } while (dir.cdUp());
    return {};
}

} // namespace

int Patchbay::Cli::runExport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Export a collection (or one folder of it) for another tool. Secret "
                       "variables are never exported."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("postman (default), http or openapi "
                                                         "(OpenAPI 3.1 JSON)."),
                                          QStringLiteral("format"), QStringLiteral("postman"));
    const QCommandLineOption outputOption(
        QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The file to write ('-': standard "
                       "output)."),
        QStringLiteral("file"));
    parser.addOption(formatOption);
    parser.addOption(outputOption);
    parser.addPositionalArgument(QStringLiteral("collection"),
                                 QStringLiteral("COLLECTION_DIR or a folder inside it"));
    if (!parser.parse(args)) {
        printError(parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(outputOption)) {
        printError(QStringLiteral("usage: patchbay-cli export COLLECTION_DIR --format "
                                  "postman|http|openapi -o FILE"));
        return ExitUsage;
    }
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("postman") && format != QLatin1String("http")
        && format != QLatin1String("openapi")) {
        printError(
            QStringLiteral("unknown format '%1' (expected postman, http or openapi)").arg(format));
        return ExitUsage;
    }
#ifndef PATCHBAY_HAS_HTTP_EXPORT
    if (format == QLatin1String("http")) {
        printError(QStringLiteral("http export not available yet"));
        return ExitUsage;
    }
#endif
    const QString path = QDir::cleanPath(QFileInfo(positional.first()).absoluteFilePath());
    const QString collectionDir = collectionDirOf(path);
    if (collectionDir.isEmpty()) {
        printError(QStringLiteral("%1 is not a Patchbay collection (no collection.yaml in it or "
                                  "above it)")
                       .arg(positional.first()));
        return ExitFailure;
    }
    Result<Workspace> workspace = Workspace::open(QFileInfo(collectionDir).absolutePath());
    if (!workspace.ok()) {
        printError(workspace.error().message);
        return ExitFailure;
    }
    QByteArray bytes;
    if (format == QLatin1String("openapi")) {
        if (const CollectionItem *item = workspace->item(collectionDir))
            bytes = exportOpenApi(*item);
    } else if (format == QLatin1String("postman"))
        bytes = exportPostmanCollection(workspace.value(), path);
#ifdef PATCHBAY_HAS_HTTP_EXPORT
    else
        bytes = exportHttpFile(workspace.value(), path);
#endif
    if (bytes.isEmpty()) {
        printError(QStringLiteral("%1 is not a collection or folder that can be exported")
                       .arg(positional.first()));
        return ExitFailure;
    }
    const QString output = parser.value(outputOption);
    if (output == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            return ExitFailure;
        return 0;
    }
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        printError(QStringLiteral("cannot write %1: %2").arg(output, file.errorString()));
        return ExitFailure;
    }
    return 0;
}
