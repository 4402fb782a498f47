#pragma once

#include "core/auth/oauth2call.h"
#include "core/http/request.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

class QCommandLineParser;
class QTextStream;

namespace Patchbay::Core {
class CollectionRunner;
class SecretCache;
class SecretStore;
class Workspace;
} // namespace Patchbay::Core

// What `send` and `run` share for auth: the --no-browser and --auth-timeout options, opening
// the system browser (xdg-open, open, start), printing the sign-in prompts (URL, device code)
// and each token exchange to stderr, and reading secret variables from the keyring.
namespace Patchbay::Cli {

struct AuthOptions
{
    bool noBrowser = false;
    int timeoutMs = 120000; // waiting for a browser or a device sign-in
};

QList<QCommandLineOption> authCommandLineOptions();
// False with `error` set for a bad --auth-timeout.
bool readAuthOptions(const QCommandLineParser &parser, AuthOptions *options, QString *error);

// OAuth 2.0 services for the CLI: the browser unless --no-browser (then the URL is only
// printed), the timeout; `tokens` is the keyring's (may be null).
Core::OAuth2Services oauth2Services(Core::HttpClient *client, Core::TokenStore *tokens,
                                    const AuthOptions &options);

// Prints what `source` (an OAuth2Call or a CollectionRunner) says about getting tokens.
void printAuthProgress(Core::OAuth2Call *call, const QString &command);
void printAuthProgress(Core::CollectionRunner *runner, const QString &command);

// After a command that got OAuth 2.0 tokens: waits (at most kKeyringWriteWaitMs) for the keyring
// to store them, and says so when they could not go to a keyring.
inline constexpr int kKeyringWriteWaitMs = 10000;
void noteTokenKeyring(Core::SecretStore &store, const QString &command);

// Reads the workspace's secret variables from the OS keyring into `secrets`, waiting at most
// 15 s. Returns a note for the user when some values could not be had.
QString loadSecrets(const Core::Workspace &workspace, Core::SecretCache &secrets);

// The folder holding collection.yaml at or above `path` (a file or folder), or "".
QString collectionDirOf(const QString &path);

// --auth PATH of `command` (send, ws): the auth in effect for a request, folder or collection of
// a workspace, resolved with its scopes, the environment named `environment` and the keyring's
// secrets. Sets `collectionId` (its OAuth 2.0 tokens' collection). False with `error` set when
// PATH is none.
bool authFrom(const QString &command, const QString &pathArgument, const QString &environment,
              Core::SecretCache &secrets, Core::Auth *auth, QString *collectionId, QString *error);

} // namespace Patchbay::Cli
