#include "app/cli/commands.h"

#include "core/collections/workspace.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"
#include "core/network/networkcontext.h"
#include "core/network/workspacenetwork.h"
#include "core/secrets/secretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

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
        QStringLiteral("auto (default), postman, postman-environment, insomnia, bruno, http, "
                       "curl or openapi (OpenAPI 3.x / Swagger 2.0, also from a URL)."),
        QStringLiteral("format"), QStringLiteral("auto"));
    const QCommandLineOption allowOutsideOption(
        QStringLiteral("allow-outside-files"),
        QStringLiteral("Keep file paths (\"< ./body.json\" in .http files) that lead outside the "
                       "imported file's folder; by default they are dropped and reported."));
    const QCommandLineOption updateOption(
        QStringLiteral("update"),
        QStringLiteral("With an OpenAPI/Swagger description: update this collection (imported "
                       "from an earlier version of it) instead of creating one; your edits, "
                       "tests and scripts are kept (docs/OPENAPI.md)."),
        QStringLiteral("collection"));
    const QCommandLineOption dryRunOption(
        QStringLiteral("dry-run"),
        QStringLiteral("With --update: print what would change and write nothing."));
    parser.addOption(intoOption);
    parser.addOption(formatOption);
    parser.addOption(allowOutsideOption);
    parser.addOption(updateOption);
    parser.addOption(dryRunOption);
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
    if (positional.size() == 1
        && (parser.value(formatOption) == QLatin1String("openapi")
            || (parser.value(formatOption) == QLatin1String("auto")
                && isSpecSource(positional.first())))
        && (parser.isSet(intoOption) || parser.isSet(updateOption)))
        return runSpecImport(positional.first(), parser.value(intoOption),
                             parser.value(updateOption), parser.isSet(dryRunOption));
    if (positional.size() != 1 || !parser.isSet(intoOption)) {
        printError(QStringLiteral("usage: patchbay-cli import FILE|DIR|URL --into WORKSPACE_DIR "
                                  "[--format auto|postman|insomnia|bruno|http|curl|openapi] "
                                  "[--allow-outside-files], or "
                                  "patchbay-cli import SPEC --update COLLECTION_DIR [--dry-run]"));
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
    // Secrets typed into an auth (a Digest password, an OAuth 2.0 client secret...) move out of
    // the files into secret variables; their values go to the keyring, as in the window.
    QList<std::pair<QString, QString>> movedSecrets; // keyring key, value
    workspace.value().setSecretSink([&movedSecrets](const QString &key, const QString &value) {
        movedSecrets.append({key, value});
    });
    Result<QStringList> written
        = writeImportedCollection(workspace.value(), imported.value(), root);
    if (!written.ok()) {
        printError(
            QStringLiteral("could not write into %1: %2").arg(root, written.error().message));
        return ExitFailure;
    }
    if (!movedSecrets.isEmpty()) {
        SecretStore keyring;
        QStringList unkept; // variable names whose value could not be kept
        for (const auto &[key, value] : movedSecrets) {
            QEventLoop wait; // bounded: a locked keyring may be asking for its password
            bool kept = false;
            QObject::connect(&keyring, &SecretStore::writeFinished, &wait,
                             [&](const SecretReply &reply) {
                                 kept = reply.status == SecretReply::Status::Ok;
                                 wait.quit();
                             });
            QTimer::singleShot(15000, &wait, &QEventLoop::quit);
            keyring.write(key, value);
            wait.exec();
            if (!kept || !keyring.isPersistent())
                unkept << key.section(u'/', -1);
        }
        if (!unkept.isEmpty())
            printError(QStringLiteral(
                           "warning: the secrets typed into the file's auth were moved out of the "
                           "collection into secret variables (%1), but there is no keyring to "
                           "keep their values (%2). Enter them in the window (Tools → Manage "
                           "Environments, the collection's variables), or pass --var NAME=VALUE "
                           "to patchbay-cli run.")
                           .arg(unkept.join(QStringLiteral(", ")),
                                keyring.unavailableReason().isEmpty()
                                    ? keyring.persistenceMessage()
                                    : keyring.unavailableReason()));
    }
    if (!imported->network.isEmpty()) {
        // Certificates go to the workspace's network.yaml (passphrases to the keyring) and
        // cookies to its jar, as the window does.
        SecretStore secrets;
        NetworkContext *context = NetworkContext::of(QCoreApplication::instance());
        WorkspaceNetwork network(context, &secrets, root);
        // Bounded: the keyring may be locked and asking for a password.
        const auto waitForLoaded = [&network] {
            QEventLoop wait;
            QObject::connect(&network, &WorkspaceNetwork::loaded, &wait, &QEventLoop::quit);
            QTimer::singleShot(15000, &wait, &QEventLoop::quit);
            wait.exec();
        };
        network.load();
        if (network.isLoading())
            waitForLoaded();
        if (network.mergeImported(imported->network)) // saved, then loaded again
            waitForLoaded();
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
