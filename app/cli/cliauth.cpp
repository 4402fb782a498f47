#include "app/cli/cliauth.h"

#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/history/redaction.h"
#include "core/runner/collectionrunner.h"
#include "core/secrets/secretcache.h"
#include "core/secrets/secretstore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace Patchbay::Cli {

namespace {

constexpr int kKeyringWaitMs = 15000;

const QCommandLineOption &noBrowserOption()
{
    static const QCommandLineOption option(
        QStringLiteral("no-browser"),
        QStringLiteral("OAuth 2.0 sign-in: print the address to open instead of opening the "
                       "browser."));
    return option;
}

const QCommandLineOption &authTimeoutOption()
{
    static const QCommandLineOption option(
        QStringLiteral("auth-timeout"),
        QStringLiteral("Give up waiting for an OAuth 2.0 sign-in (browser or device code) after "
                       "S seconds (default 120)."),
        QStringLiteral("S"), QStringLiteral("120"));
    return option;
}

// The desktop's way to open an address in the default browser.
bool openInBrowser(const QUrl &url)
{
#if defined(Q_OS_MACOS)
    return QProcess::startDetached(QStringLiteral("open"), {url.toString(QUrl::FullyEncoded)});
#elif defined(Q_OS_WIN)
    return QProcess::startDetached(QStringLiteral("cmd"),
                                   {QStringLiteral("/c"), QStringLiteral("start"), QString(),
                                    url.toString(QUrl::FullyEncoded)});
#else
    return QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)});
#endif
}

void print(const QString &command, const QString &text)
{
    QTextStream err(stderr);
    err << "patchbay-cli " << command << ": " << text << '\n';
    err.flush();
}

template<typename Source, typename UrlSignal, typename DeviceSignal, typename WarningSignal,
         typename ExchangeSignal>
void connectPrinting(Source *source, const QString &command, UrlSignal urlSignal,
                     DeviceSignal deviceSignal, WarningSignal warningSignal,
                     ExchangeSignal exchangeSignal)
{
    QObject::connect(source, urlSignal, source, [command](const QUrl &url) {
        print(command,
              QStringLiteral("sign in at this address (Patchbay waits for the browser to come "
                             "back):\n  %1")
                  .arg(url.toString(QUrl::FullyEncoded)));
    });
    QObject::connect(source, deviceSignal, source, [command](const Core::DeviceCodePrompt &prompt) {
        print(command,
              QStringLiteral("to sign in, open %1 on any device and enter the "
                             "code\n\n    %2\n")
                  .arg(prompt.verificationUri.toString(), prompt.userCode));
    });
    QObject::connect(source, warningSignal, source,
                     [command](const QString &text) { print(command, text); });
    QObject::connect(source, exchangeSignal, source, [command](const Core::OAuth2Exchange &e) {
        // Never the token or the secret: the URL without its query secrets.
        const QString outcome = e.response.isError()
            ? e.response.errorMessage
            : QStringLiteral("HTTP %1").arg(e.response.statusCode);
        print(command,
              QStringLiteral("OAuth 2.0 %1: %2 %3 -> %4 (%5 ms)")
                  .arg(e.step, e.request.method, Core::redactUrl(e.request.url), outcome)
                  .arg(qRound(std::max(e.response.timing.totalMs(), 0.0))));
    });
}

} // namespace

QList<QCommandLineOption> authCommandLineOptions()
{
    return {noBrowserOption(), authTimeoutOption()};
}

bool readAuthOptions(const QCommandLineParser &parser, AuthOptions *options, QString *error)
{
    options->noBrowser = parser.isSet(noBrowserOption());
    bool ok = false;
    const double seconds = parser.value(authTimeoutOption()).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 86400) {
        *error = QStringLiteral("--auth-timeout expects seconds, e.g. --auth-timeout 60");
        return false;
    }
    options->timeoutMs = int(seconds * 1000);
    return true;
}

Core::OAuth2Services oauth2Services(Core::HttpClient *client, Core::TokenStore *tokens,
                                    const AuthOptions &options)
{
    // The store's own warning speaks of the window; noteTokenKeyring() speaks of this command.
    QLoggingCategory::setFilterRules(QStringLiteral("patchbay.secrets.warning=false"));
    Core::OAuth2Services services;
    services.client = client;
    services.tokens = tokens;
    services.interactive = true;
    services.interactionTimeoutMs = options.timeoutMs;
    if (!options.noBrowser)
        services.openUrl = openInBrowser;
    return services;
}

void printAuthProgress(Core::OAuth2Call *call, const QString &command)
{
    connectPrinting(call, command, &Core::OAuth2Call::authorizationUrlReady,
                    &Core::OAuth2Call::deviceCodeReady, &Core::OAuth2Call::warning,
                    &Core::OAuth2Call::exchangeFinished);
}

void printAuthProgress(Core::CollectionRunner *runner, const QString &command)
{
    connectPrinting(runner, command, &Core::CollectionRunner::authorizationUrlReady,
                    &Core::CollectionRunner::deviceCodeReady, &Core::CollectionRunner::authWarning,
                    &Core::CollectionRunner::authExchangeFinished);
}

void noteTokenKeyring(Core::SecretStore &store, const QString &command)
{
    // A token stored just before the command ends is still on its way to the keyring (a few
    // D-Bus round trips): quitting now would lose it, and the next command would fetch another.
    if (store.changesInFlight() > 0) {
        QEventLoop wait;
        QObject::connect(&store, &Core::SecretStore::settled, &wait, &QEventLoop::quit);
        QTimer::singleShot(kKeyringWriteWaitMs, &wait, &QEventLoop::quit);
        wait.exec();
        if (store.changesInFlight() > 0)
            print(command,
                  QStringLiteral("the keyring did not store the OAuth 2.0 token within %1 s: "
                                 "the next command may fetch a new one.")
                      .arg(kKeyringWriteWaitMs / 1000));
    }
    if (!store.isPersistent())
        print(command,
              QStringLiteral("no keyring is available (%1): OAuth 2.0 tokens were kept "
                             "for this command only.")
                  .arg(store.unavailableReason()));
}

QString loadSecrets(const Core::Workspace &workspace, Core::SecretCache &secrets)
{
    // The store's own warning speaks of the window; the note below speaks of this command.
    QLoggingCategory::setFilterRules(QStringLiteral("patchbay.secrets.warning=false"));
    QEventLoop wait;
    QObject::connect(&secrets, &Core::SecretCache::loaded, &wait, &QEventLoop::quit);
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

// The workspace's types, for the function below (moved here from sendcommand.cpp).
using namespace Patchbay::Core;

bool authFrom(const QString &command, const QString &pathArgument, const QString &environment,
              SecretCache &secrets, Auth *auth, QString *collectionId, QString *error)
{
    const QString path = QDir::cleanPath(QFileInfo(pathArgument).absoluteFilePath());
    const QString collectionDir = collectionDirOf(path);
    if (collectionDir.isEmpty()) {
        *error = QStringLiteral("--auth %1: not in a Patchbay collection (no collection.yaml in "
                                "it or above it)")
                     .arg(pathArgument);
        return false;
    }
    Result<Workspace> workspace = Workspace::open(QFileInfo(collectionDir).absolutePath());
    if (!workspace.ok()) {
        *error = workspace.error().message;
        return false;
    }
    const CollectionItem *item = workspace->item(path);
    const CollectionItem *collection = workspace->item(collectionDir);
    if (!item || !collection || item->problem) {
        *error = QStringLiteral("--auth %1: not a readable request, folder or collection")
                     .arg(pathArgument);
        return false;
    }
    const Auth own = item->kind == ItemKind::Request ? item->request.request.auth
        : item->kind == ItemKind::Folder             ? item->folder->auth
                                                     : item->collection->auth;
    QString environmentPath;
    if (!environment.isEmpty()) {
        QStringList names;
        for (const EnvironmentItem &e : collection->environments) {
            names.append(e.environment.name);
            if (e.environment.name.compare(environment, Qt::CaseInsensitive) == 0
                || QFileInfo(e.path).completeBaseName().compare(environment, Qt::CaseInsensitive)
                    == 0)
                environmentPath = e.path;
        }
        if (environmentPath.isEmpty()) {
            *error = QStringLiteral("no environment named \"%1\"; the collection has: %2")
                         .arg(environment,
                              names.isEmpty() ? QStringLiteral("none")
                                              : names.join(QStringLiteral(", ")));
            return false;
        }
    }
    if (!SecretCache::secretKeys(workspace.value()).isEmpty()) {
        const QString note = Patchbay::Cli::loadSecrets(workspace.value(), secrets);
        if (!note.isEmpty())
            QTextStream(stderr) << "patchbay-cli " << command << ": " << note << '\n';
    }
    const ResolvedAuth resolved
        = resolveAuth(workspace.value(), path, own, environmentPath, secrets.lookup());
    if (!resolved.unresolved.isEmpty())
        QTextStream(stderr) << "patchbay-cli " << command << ": not defined, sent as written: "
                            << resolved.unresolved.join(QStringLiteral(", ")) << '\n';
    *auth = resolved.auth;
    *collectionId = resolved.collectionId;
    return true;
}

} // namespace Patchbay::Cli
