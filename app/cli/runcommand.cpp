#include "app/cli/cliauth.h"
#include "app/cli/commands.h"

#include "app/cli/networkoptions.h"
#include "core/auth/tokenstore.h"

#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/cookies/cookiefiles.h"
#include "core/cookies/cookiejar.h"
#include "core/http/curltransport.h"
#include "core/http/httpclient.h"
#include "core/interop/importdetect.h"
#include "core/network/networkcontext.h"
#include "core/network/workspacenetwork.h"
#include "core/openapi/speclink.h"
#include "core/runner/clireporter.h"
#include "core/runner/collectionrunner.h"
#include "core/runner/jsonreporter.h"
#include "core/runner/junitreporter.h"
#include "core/runner/rundata.h"
#include "core/runner/runitem.h"
#include "core/sandbox/sandboxserver.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
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

// How long a run waits for the keyring (the workspace's network secrets) before going on.
constexpr int kKeyringWaitMs = 15000;

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

using Patchbay::Cli::collectionDirOf;

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
    const QCommandLineOption maxEventsOption(
        QStringLiteral("max-events"),
        QStringLiteral("A response that is an event stream (text/event-stream) is read as "
                       "events until this many arrived (default 100; 0: no limit)."),
        QStringLiteral("N"));
    const QCommandLineOption streamTimeoutOption(
        QStringLiteral("stream-timeout"),
        QStringLiteral("... or until it streamed this long: 5s, 1500ms (default 5s; 0: no "
                       "limit). Either ends the request without an error."),
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
    const QCommandLineOption workspaceCookiesOption(
        QStringLiteral("workspace-cookies"),
        QStringLiteral("Send and keep cookies in the workspace's jar (what the window uses) "
                       "instead of starting from none."));
    const QCommandLineOption checkSpecOption(
        QStringLiteral("check-spec"),
        QStringLiteral("Check every response against the API description its collection was "
                       "imported from (status, content type, body schema); a response that "
                       "breaks it fails its request."));
    parser.addOptions({envOption, varOption, iterationsOption, dataOption, bailOption,
                       timeoutOption, maxTimeOption, maxEventsOption, streamTimeoutOption,
                       delayOption, insecureOption, reporterOption, trustScriptsOption,
                       transportOption, workspaceCookiesOption, checkSpecOption});
    const Cli::NetworkOptions networkOptions;
    parser.addOptions(networkOptions.options());
    parser.addOptions(Patchbay::Cli::authCommandLineOptions());

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
    if (parser.isSet(maxEventsOption)) {
        bool ok = false;
        options.stream.maxEvents = parser.value(maxEventsOption).toInt(&ok);
        if (!ok || options.stream.maxEvents < 0)
            return usage(QStringLiteral("--max-events expects a whole number, 0 for no limit"));
    }
    if (parser.isSet(streamTimeoutOption)) {
        options.stream.durationMs = parseDuration(parser.value(streamTimeoutOption));
        if (options.stream.durationMs < 0)
            return usage(QStringLiteral("--stream-timeout expects a duration, e.g. 1500ms or "
                                        "10s, 0 for no limit"));
    }
    if (parser.isSet(delayOption)) {
        options.delayMs = parseDuration(parser.value(delayOption));
        if (options.delayMs < 0)
            return usage(QStringLiteral("--delay expects a duration, e.g. 100, 100ms or 1s"));
    }
    options.bail = parser.isSet(bailOption);
    options.insecure = parser.isSet(insecureOption);
    options.runScripts = parser.isSet(trustScriptsOption);
    const Result<CookieList> cookies = networkOptions.cookies(parser, QString());
    if (!cookies.ok())
        return usage(cookies.error().message);
    options.cookies = cookies.value();
    options.workspaceCookies = parser.isSet(workspaceCookiesOption);
    Patchbay::Cli::AuthOptions authOptions;
    QString authError;
    if (!Patchbay::Cli::readAuthOptions(parser, &authOptions, &authError))
        return usage(authError);
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
    QString workspaceRoot; // empty when running a Postman file
    if (!collectionDir.isEmpty()) {
        workspaceRoot = QFileInfo(collectionDir).absolutePath();
        const Result<Workspace> workspace = Workspace::open(workspaceRoot);
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
            const QString note = Patchbay::Cli::loadSecrets(workspace.value(), secrets);
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
        if (options.workspaceCookies)
            return usage(QStringLiteral("--workspace-cookies needs a Patchbay collection (a "
                                        "Postman file has no workspace); use -b FILE"));
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

    // {{$sandboxUrl}} is the window's built-in sandbox: a run that uses it (the sample
    // collection) gets one of its own in this process, on a free port, unless --var sets it.
    std::optional<SandboxServer> sandbox;
    const bool sandboxGiven
        = std::any_of(options.variables.cbegin(), options.variables.cend(),
                      [](const Variable &v) { return v.name == QLatin1String("$sandboxUrl"); });
    if (!sandboxGiven && itemsUseUndefined(source.items, QStringLiteral("$sandboxUrl"))) {
        const Result<quint16> port = sandbox.emplace().start(0);
        if (!port.ok())
            return usage(QStringLiteral("the sandbox API for {{$sandboxUrl}} could not start: %1")
                             .arg(port.error().message));
        options.variables.append({QStringLiteral("$sandboxUrl"),
                                  QStringLiteral("http://127.0.0.1:%1").arg(port.value())});
    }

    // Created only for the transport in use; each outlives the client and its calls.
    std::optional<QNetworkAccessManager> network;
    std::optional<CurlTransport> curl;
    std::optional<HttpClient> client;
    if (transport == QLatin1String("qt"))
        client.emplace(&network.emplace());
    else
        client.emplace(&curl.emplace());
    // The workspace's network settings (network.yaml, its secrets in the keyring), with curl's
    // options on top, as the window would send.
    std::unique_ptr<WorkspaceNetwork> workspaceNetwork;
    NetworkSettings networkSettings;
    NetworkSecrets networkSecrets;
    if (!workspaceRoot.isEmpty()) {
        workspaceNetwork = std::make_unique<WorkspaceNetwork>(client->networkContext(),
                                                              &secretStore, workspaceRoot);
        QEventLoop wait;
        QObject::connect(workspaceNetwork.get(), &WorkspaceNetwork::loaded, &wait,
                         &QEventLoop::quit);
        QTimer::singleShot(kKeyringWaitMs, &wait, &QEventLoop::quit);
        workspaceNetwork->load();
        if (workspaceNetwork->isLoading())
            wait.exec();
        if (workspaceNetwork->isLoading())
            err << "patchbay-cli run: the workspace's network settings did not load within "
                << kKeyringWaitMs / 1000 << " s (is the keyring locked?); using the defaults\n";
        for (const QString &problem : workspaceNetwork->problems())
            err << "patchbay-cli run: network settings: " << problem << '\n';
        networkSettings = workspaceNetwork->settings();
        networkSecrets = workspaceNetwork->secrets();
    }
    ProxyEnvironment environment = ProxyEnvironment::fromProcess();
    if (const Status applied
        = networkOptions.apply(parser, networkSettings, networkSecrets, environment);
        !applied.ok())
        return usage(applied.error().message);
    if (networkOptions.http1Only(parser))
        networkSettings.http1Only = true;
    NetworkProfile profile
        = NetworkProfile::load(networkSettings, workspaceRoot, networkSecrets, environment);
    profile.setAskDesktopForProxy(false); // as curl: the variables only
    client->networkContext()->setProfile(std::make_shared<const NetworkProfile>(profile));

    CollectionRunner runner(&*client);
    // OAuth 2.0 tokens: the keyring's, shared with the window.
    TokenStore tokens(&secretStore);
    runner.setOAuth2Services(Patchbay::Cli::oauth2Services(&*client, &tokens, authOptions));
    Patchbay::Cli::printAuthProgress(&runner, QStringLiteral("run"));
    bool usedTokens = false;
    QObject::connect(&runner, &CollectionRunner::authExchangeFinished, &runner,
                     [&usedTokens] { usedTokens = true; });
    CollectionSpecs specs;
    runner.setSpecCheck(specs.asSpecCheck(), parser.isSet(checkSpecOption));
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
    if (const QString jarPath = networkOptions.cookieJarPath(parser);
        !jarPath.isEmpty() && runner.cookieJar()) {
        if (const Status written = writeCookieFile(jarPath, runner.cookieJar()->cookies());
            !written.ok()) {
            err << "patchbay-cli run: " << written.error().message << '\n';
            exitCode = ExitUsage;
        }
    }
    if (usedTokens)
        Patchbay::Cli::noteTokenKeyring(secretStore, QStringLiteral("run"));
    return exitCode;
}
