#include "app/cli/commands.h"

#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "core/interop/importdetect.h"
#include "core/runner/clireporter.h"
#include "core/runner/collectionrunner.h"
#include "core/runner/jsonreporter.h"
#include "core/runner/junitreporter.h"
#include "core/runner/rundata.h"
#include "core/runner/runitem.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

using namespace Patchbay::Core;

namespace {

enum ExitCode { ExitPassed = 0, ExitFailed = 1, ExitUsage = 2 };

// What `patchbay-cli run PATH` runs, with the environments it can choose from.
struct RunSource
{
    QString name;
    QList<RunItem> items;
};

struct UsageError
{
    QString message;
};

// How long a run waits for the keyring (it may be locked and asking for a password).
constexpr int kKeyringWaitMs = 15000;

// Reads the workspace's secret variables from the OS keyring into `secrets`, waiting at most
// kKeyringWaitMs. Returns a note for the user when some values could not be had.
QString loadSecrets(const Workspace &workspace, SecretCache &secrets)
{
    // The store's own warning speaks of the window; the note below speaks of this run.
    QLoggingCategory::setFilterRules(QStringLiteral("patchbay.secrets.warning=false"));
    QEventLoop wait;
    QObject::connect(&secrets, &SecretCache::loaded, &wait, &QEventLoop::quit);
    QTimer::singleShot(kKeyringWaitMs, &wait, &QEventLoop::quit);
    secrets.load(workspace);
    if (secrets.isLoading())
        wait.exec();
    if (secrets.isLoading()) {
        return QStringLiteral("the keyring did not answer within %1 s (is it locked?); secret "
                              "variables without a value are reported as undefined. Unlock it, "
                              "or pass them with --var NAME=VALUE.")
            .arg(kKeyringWaitMs / 1000);
    }
    if (!secrets.isPersistent()) {
        return QStringLiteral("no keyring is available (%1), so secret variables are undefined "
                              "unless you pass them with --var NAME=VALUE.")
            .arg(secrets.store()->unavailableReason());
    }
    return {};
}

// "250", "250ms", "2s", "1.5s" -> milliseconds; -1 when it is none of these.
int parseDuration(QString text)
{
    text = text.trimmed().toLower();
    double factor = 1;
    if (text.endsWith(QLatin1String("ms"))) {
        text.chop(2);
    } else if (text.endsWith(u's')) {
        text.chop(1);
        factor = 1000;
    }
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value * factor > 1e9)
        return -1;
    return int(value * factor);
}

// The directory holding collection.yaml at or above `path`, or an empty string.
QString collectionDirOf(const QString &path)
{
    QFileInfo info(path);
    QDir dir(info.isDir() ? info.absoluteFilePath() : info.absolutePath());
    for (;;) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral("collection.yaml"))))
            return QDir::cleanPath(dir.absolutePath());
        if (!dir.cdUp())
            return {};
    }
}

std::optional<Environment> readEnvironmentFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the environment file %1: %2")
                     .arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))) {
        const Result<Environment> env = environmentFromYaml(bytes);
        if (!env.ok()) {
            *error = QStringLiteral("%1: %2").arg(path, env.error().message);
            return std::nullopt;
        }
        return env.value();
    }
    const Result<ImportedCollection> imported
        = importFile(path, {}, ImportFormat::PostmanEnvironment);
    if (!imported.ok() || imported->environments.isEmpty()) {
        *error
            = QStringLiteral("%1 is neither a Patchbay environment (.yaml) nor a Postman "
                             "environment (.json)%2")
                  .arg(path,
                       imported.ok() ? QString() : QStringLiteral(": ") + imported.error().message);
        return std::nullopt;
    }
    return imported->environments.first();
}

// --env NAME|FILE: a file when one exists at that path, else an environment of the collection
// by name (or file name without .yaml).
std::optional<Environment> chooseEnvironment(const QString &value,
                                             const QList<Environment> &available, QString *error)
{
    if (QFileInfo(value).isFile())
        return readEnvironmentFile(value, error);
    for (const Environment &e : available) {
        if (e.name.compare(value, Qt::CaseInsensitive) == 0)
            return e;
    }
    QStringList names;
    for (const Environment &e : available)
        names.append(e.name);
    *error = names.isEmpty()
        ? QStringLiteral("there is no environment file %1 and the collection has no "
                         "environments; pass a Patchbay (.yaml) or Postman (.json) environment "
                         "file")
              .arg(value)
        : QStringLiteral("no environment named \"%1\"; the collection has: %2")
              .arg(value, names.join(QStringLiteral(", ")));
    return std::nullopt;
}

struct ReporterSpec
{
    QString kind;
    QString path;
};

} // namespace

int Patchbay::Cli::runRun(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the requests of a collection one after another and checks their tests\n"
        "(assertions saved with each request). PATH is a Patchbay collection directory, a\n"
        "folder in it, one request file, or a Postman v2.1 collection file (imported in\n"
        "memory). Postman test scripts are not run; they are listed as \"not run\".\n\n"
        "Exit status: 0 when every request got a response and every assertion passed,\n"
        "1 when a request or an assertion failed, 2 for a usage or input error.\n\n"
        "Examples:\n"
        "  patchbay-cli run ~/api/users-api --env local\n"
        "  patchbay-cli run users.postman_collection.json --var baseUrl=http://127.0.0.1:3000\n"
        "  patchbay-cli run users-api/admin --data users.csv --bail -r cli -r junit:report.xml"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("collection directory, folder, request file or "
                                                "Postman collection"));
    const QCommandLineOption envOption(
        {QStringLiteral("e"), QStringLiteral("env")},
        QStringLiteral("Environment: a name from the collection's environments/, or a Patchbay "
                       "(.yaml) or Postman (.json) environment file."),
        QStringLiteral("NAME|FILE"));
    const QCommandLineOption varOption(
        QStringLiteral("var"),
        QStringLiteral("Set a variable (repeatable); outranks environment and data."),
        QStringLiteral("k=v"));
    const QCommandLineOption iterationsOption(
        {QStringLiteral("n"), QStringLiteral("iterations")},
        QStringLiteral("Run the collection N times (default 1, or one per data row)."),
        QStringLiteral("N"));
    const QCommandLineOption dataOption(
        {QStringLiteral("d"), QStringLiteral("data")},
        QStringLiteral("CSV (header row = variable names) or JSON (array of objects) file: one "
                       "row of variables per iteration."),
        QStringLiteral("FILE"));
    const QCommandLineOption bailOption(QStringLiteral("bail"),
                                        QStringLiteral("Stop at the first failed request."));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("Fail a request after this long without progress: 500, 500ms or 2s "
                       "(default: each request's own setting, 30s)."),
        QStringLiteral("TIME"));
    const QCommandLineOption maxTimeOption(
        QStringLiteral("max-time"),
        QStringLiteral("Fail a request that takes longer than this in total, however steadily "
                       "bytes arrive: 10s, 1500ms (a default for requests without their own "
                       "maxTimeMs setting, and a cap for the others)."),
        QStringLiteral("TIME"));
    const QCommandLineOption delayOption(QStringLiteral("delay"),
                                         QStringLiteral("Wait between requests: 100, 100ms or 1s."),
                                         QStringLiteral("TIME"));
    const QCommandLineOption insecureOption({QStringLiteral("k"), QStringLiteral("insecure")},
                                            QStringLiteral("Do not verify TLS certificates."));
    const QCommandLineOption reporterOption(
        {QStringLiteral("r"), QStringLiteral("reporter")},
        QStringLiteral("cli, json[:FILE] or junit:FILE (repeatable; default: cli alone). json "
                       "without a file writes to standard output, and a cli report asked for "
                       "too then goes to standard error."),
        QStringLiteral("KIND[:FILE]"));
    const QCommandLineOption trustScriptsOption(
        QStringLiteral("trust-scripts"),
        QStringLiteral("Run the collection's imported Postman scripts (a sandboxed pm.* subset, "
                       "no network or file access). Only for collections you trust; without it "
                       "they are listed as not run."));
    const QCommandLineOption transportOption(
        QStringLiteral("transport"),
        QStringLiteral("HTTP engine: curl (libcurl, the default and about three times faster) or "
                       "qt (QNetworkAccessManager, as the window sends)."),
        QStringLiteral("curl|qt"), QStringLiteral("curl"));
    parser.addOptions({envOption, varOption, iterationsOption, dataOption, bailOption,
                       timeoutOption, maxTimeOption, delayOption, insecureOption, reporterOption,
                       trustScriptsOption, transportOption});

    QTextStream err(stderr);
    auto usage = [&err](const QString &message) {
        err << "patchbay-cli run: " << message << '\n';
        err.flush();
        return int(ExitUsage);
    };
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitPassed;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(QStringLiteral("expected one PATH, e.g.\n"
                                    "  patchbay-cli run ~/api/users-api --env local"));
    const QString path = QFileInfo(positional.first()).absoluteFilePath();
    if (!QFileInfo::exists(path))
        return usage(QStringLiteral("%1 does not exist").arg(positional.first()));

    RunOptions options;
    for (const QString &var : parser.values(varOption)) {
        const qsizetype eq = var.indexOf(u'=');
        if (eq <= 0)
            return usage(QStringLiteral("--var '%1' is not of the form name=value").arg(var));
        options.variables.append({var.left(eq), var.mid(eq + 1), true, false});
    }
    if (parser.isSet(dataOption)) {
        const Result<QList<DataRow>> rows = readDataFile(parser.value(dataOption));
        if (!rows.ok())
            return usage(rows.error().message);
        if (rows->isEmpty())
            return usage(
                QStringLiteral("the data file %1 has no rows").arg(parser.value(dataOption)));
        options.data = rows.value();
    }
    options.iterations = options.data.isEmpty() ? 1 : int(options.data.size());
    if (parser.isSet(iterationsOption)) {
        bool ok = false;
        options.iterations = parser.value(iterationsOption).toInt(&ok);
        if (!ok || options.iterations < 1)
            return usage(QStringLiteral("--iterations expects a whole number of 1 or more"));
    }
    if (parser.isSet(timeoutOption)) {
        options.timeoutMs = parseDuration(parser.value(timeoutOption));
        if (options.timeoutMs < 0)
            return usage(QStringLiteral("--timeout expects a duration, e.g. 500, 500ms or 2s"));
    }
    if (parser.isSet(maxTimeOption)) {
        options.maxTimeMs = parseDuration(parser.value(maxTimeOption));
        if (options.maxTimeMs < 0)
            return usage(QStringLiteral("--max-time expects a duration, e.g. 1500ms or 10s"));
    }
    if (parser.isSet(delayOption)) {
        options.delayMs = parseDuration(parser.value(delayOption));
        if (options.delayMs < 0)
            return usage(QStringLiteral("--delay expects a duration, e.g. 100, 100ms or 1s"));
    }
    options.bail = parser.isSet(bailOption);
    options.insecure = parser.isSet(insecureOption);
    options.runScripts = parser.isSet(trustScriptsOption);
    const QString transport = parser.value(transportOption);
    if (transport != QLatin1String("curl") && transport != QLatin1String("qt"))
        return usage(QStringLiteral("unknown transport '%1'; use curl or qt").arg(transport));

    QList<ReporterSpec> reporterSpecs;
    for (const QString &spec : parser.values(reporterOption)) {
        const qsizetype colon = spec.indexOf(u':');
        ReporterSpec r {colon < 0 ? spec : spec.left(colon),
                        colon < 0 ? QString() : spec.mid(colon + 1)};
        if (r.kind != QLatin1String("cli") && r.kind != QLatin1String("json")
            && r.kind != QLatin1String("junit"))
            return usage(QStringLiteral("unknown reporter '%1'; use cli, json[:FILE] or "
                                        "junit:FILE")
                             .arg(r.kind));
        if (r.kind == QLatin1String("junit") && r.path.isEmpty())
            return usage(QStringLiteral("the junit reporter needs a file: -r junit:report.xml"));
        reporterSpecs.append(r);
    }
    if (reporterSpecs.isEmpty())
        reporterSpecs.append({QStringLiteral("cli"), QString()});

    // What to run.
    RunSource source;
    SecretStore secretStore;
    SecretCache secrets(&secretStore);
    const QString collectionDir = collectionDirOf(path);
    const QString envValue = parser.value(envOption);
    QString error;
    if (!collectionDir.isEmpty()) {
        const Result<Workspace> workspace
            = Workspace::open(QFileInfo(collectionDir).absolutePath());
        if (!workspace.ok())
            return usage(workspace.error().message);
        const CollectionItem *collection = workspace->item(collectionDir);
        const CollectionItem *start = workspace->item(QDir::cleanPath(path));
        if (!collection || !start)
            return usage(QStringLiteral("%1 is not a request, folder or collection (request "
                                        "files end in .yaml)")
                             .arg(positional.first()));
        std::optional<Environment> environment;
        if (!envValue.isEmpty()) {
            QList<Environment> available;
            for (const EnvironmentItem &e : collection->environments) {
                available.append(e.environment);
                if (QFileInfo(e.path).completeBaseName().compare(envValue, Qt::CaseInsensitive)
                    == 0)
                    environment = e.environment;
            }
            if (!environment) {
                environment = chooseEnvironment(envValue, available, &error);
                if (!environment)
                    return usage(error);
            }
        }
        // Secret variables take their values from the OS keyring, as in the window.
        if (!SecretCache::secretKeys(workspace.value()).isEmpty()) {
            const QString note = loadSecrets(workspace.value(), secrets);
            if (!note.isEmpty())
                err << "patchbay-cli run: " << note << '\n';
        }
        const Result<QList<RunItem>> items = runItemsFromWorkspace(
            workspace.value(), path, environment ? &*environment : nullptr, secrets.lookup());
        if (!items.ok())
            return usage(items.error().message);
        source.name = start->name;
        source.items = items.value();
    } else {
        QFile file(path);
        QByteArray head;
        if (file.open(QIODevice::ReadOnly))
            head = file.read(64 * 1024);
        const ImportFormat format = detectImportFormat(path, head);
        if (format == ImportFormat::Unknown || format == ImportFormat::PostmanEnvironment
            || format == ImportFormat::Curl)
            return usage(QStringLiteral("%1 is not a Patchbay collection (no collection.yaml in it "
                                        "or above it) nor a Postman collection file")
                             .arg(positional.first()));
        const Result<ImportedCollection> imported = importFile(path, {}, format);
        if (!imported.ok())
            return usage(imported.error().message);
        std::optional<Environment> environment;
        if (!envValue.isEmpty()) {
            environment = chooseEnvironment(envValue, imported->environments, &error);
            if (!environment)
                return usage(error);
        }
        source.name = imported->info.name;
        source.items
            = runItemsFromImported(imported.value(), environment ? &*environment : nullptr);
        if (source.items.isEmpty())
            return usage(QStringLiteral("%1 holds no request to run").arg(positional.first()));
    }

    // Reporters. With the JSON report on stdout, the terminal report goes to stderr.
    const bool jsonOnStdout
        = std::any_of(reporterSpecs.cbegin(), reporterSpecs.cend(), [](const ReporterSpec &r) {
              return r.kind == QLatin1String("json") && r.path.isEmpty();
          });
    std::vector<std::unique_ptr<RunReporter>> reporters;
    for (const ReporterSpec &spec : std::as_const(reporterSpecs)) {
        if (spec.kind == QLatin1String("cli"))
            reporters.push_back(std::make_unique<CliReporter>(jsonOnStdout ? stderr : stdout));
        else if (spec.kind == QLatin1String("json"))
            reporters.push_back(std::make_unique<JsonReporter>(spec.path));
        else
            reporters.push_back(std::make_unique<JunitReporter>(spec.path));
    }
    const RunInfo info {source.name, positional.first(), int(source.items.size()),
                        options.iterations};
    for (const auto &reporter : reporters) {
        const Status started = reporter->begin(info);
        if (!started.ok())
            return usage(started.error().message);
    }

    // Created only for the transport in use; each outlives the client and its calls.
    std::optional<QNetworkAccessManager> network;
    std::optional<CurlTransport> curl;
    std::optional<HttpClient> client;
    if (transport == QLatin1String("qt"))
        client.emplace(&network.emplace());
    else
        client.emplace(&curl.emplace());
    CollectionRunner runner(&*client);
    int exitCode = ExitPassed;
    QObject::connect(&runner, &CollectionRunner::requestFinished, &runner,
                     [&reporters](const RequestResult &result) {
                         for (const auto &reporter : reporters)
                             reporter->report(result);
                     });
    QObject::connect(&runner, &CollectionRunner::finished, &runner, [&](const RunSummary &summary) {
        exitCode = summary.passed() ? ExitPassed : ExitFailed;
        for (const auto &reporter : reporters) {
            const Status ended = reporter->end(summary);
            if (!ended.ok()) {
                err << "patchbay-cli run: " << ended.error().message << '\n';
                exitCode = ExitUsage;
            }
        }
        QCoreApplication::exit(0);
    });
    runner.start(source.items, options);
    source.items.clear();
    QCoreApplication::exec();
    fflush(stdout);
    return exitCode;
}
