#include "app/cli/commands.h"

#include "core/collections/workspace.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

using namespace Patchbay::Core;

namespace {

constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

void printError(const QString &message)
{
    QTextStream(stderr) << "patchbay-cli import: " << message << '\n';
}

void printList(QTextStream &out, const char *title, const QStringList &lines)
{
    out << title << " (" << lines.size() << "):\n";
    for (const QString &line : lines)
        out << "  " << line << '\n';
}

} // namespace

int Patchbay::Cli::runImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import a Postman collection or environment, an Insomnia export, a Bruno "
                       "collection, an .http file or a curl command into a workspace as a new "
                       "collection. Nothing that exists is changed."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption intoOption(QStringLiteral("into"),
                                        QStringLiteral("The workspace folder (created if "
                                                       "missing)."),
                                        QStringLiteral("workspace"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("auto (default), postman, postman-environment, insomnia, bruno, http "
                       "or curl."),
        QStringLiteral("format"), QStringLiteral("auto"));
    const QCommandLineOption allowOutsideOption(
        QStringLiteral("allow-outside-files"),
        QStringLiteral("Keep file paths (\"< ./body.json\" in .http files) that lead outside the "
                       "imported file's folder; by default they are dropped and reported."));
    parser.addOption(intoOption);
    parser.addOption(formatOption);
    parser.addOption(allowOutsideOption);
    parser.addPositionalArgument(QStringLiteral("source"), QStringLiteral("FILE or DIR"));
    if (!parser.parse(args)) {
        printError(parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(intoOption)) {
        printError(QStringLiteral("usage: patchbay-cli import FILE|DIR --into WORKSPACE_DIR "
                                  "[--format auto|postman|insomnia|bruno|http|curl] "
                                  "[--allow-outside-files]"));
        return ExitUsage;
    }
    const QString formatName = parser.value(formatOption);
    ImportFormat format = ImportFormat::Unknown;
    if (formatName != QLatin1String("auto")) {
        bool known = false;
        for (ImportFormat f : {ImportFormat::PostmanCollection, ImportFormat::PostmanEnvironment,
                               ImportFormat::Insomnia, ImportFormat::Bruno, ImportFormat::HttpFile,
                               ImportFormat::Curl}) {
            if (importFormatName(f) == formatName) {
                format = f;
                known = true;
            }
        }
        if (!known) {
            printError(QStringLiteral("unknown format '%1' (expected auto, postman, "
                                      "postman-environment, insomnia, bruno, http or curl)")
                           .arg(formatName));
            return ExitUsage;
        }
    }

    const QString source = positional.first();
    ImportLimits limits;
    limits.allowOutsideFiles = parser.isSet(allowOutsideOption);
    Result<ImportedCollection> imported = importFile(source, limits, format);
    if (!imported.ok()) {
        printError(QStringLiteral("%1: %2").arg(source, imported.error().message));
        return ExitFailure;
    }
    const QString root = QFileInfo(parser.value(intoOption)).absoluteFilePath();
    if (!QDir().mkpath(root)) {
        printError(QStringLiteral("cannot create the workspace folder %1").arg(root));
        return ExitFailure;
    }
    Result<Workspace> workspace = Workspace::open(root);
    if (!workspace.ok()) {
        printError(workspace.error().message);
        return ExitFailure;
    }
    Result<QStringList> written
        = writeImportedCollection(workspace.value(), imported.value(), root);
    if (!written.ok()) {
        printError(
            QStringLiteral("could not write into %1: %2").arg(root, written.error().message));
        return ExitFailure;
    }
    QTextStream out(stdout);
    const ImportReport &report = imported->report;
    out << "Imported " << source << " into " << written->join(QStringLiteral(", ")) << '\n';
    out << "Requests: " << report.requestCount() << " in the file, " << report.requestsCreated
        << " created, " << report.requestsLossy << " converted with loss, "
        << report.requestsSkipped << " skipped\n";
    printList(out, "Created", report.created);
    printList(out, "Converted with loss", report.lossy);
    printList(out, "Skipped", report.skipped);
    return 0;
}
