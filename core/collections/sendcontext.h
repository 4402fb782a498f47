#pragma once

#include "core/collections/workspace.h"
#include "core/http/request.h"
#include "core/interop/codesecrets.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace Patchbay::Core {

// A request from a collection as it goes out: the auth in effect replaces an inheriting one
// (effectiveAuth()), the collection's default headers apply when the request does not set the
// same name, then every {{variable}} is resolved (request → folders → collection → environment →
// globals, and dynamic ones).
struct ResolvedSend
{
    Request request;
    QStringList unresolved; // names left as written
    QStringList secretValues; // values of secret variables used (to redact what is logged)

    friend bool operator==(const ResolvedSend &, const ResolvedSend &) = default;
};

// The value of a secret variable by its keyring key (SecretStore::keyFor), std::nullopt when it
// is not known (not loaded yet, or never entered). SecretCache::lookup() gives one.
using SecretLookup = std::function<std::optional<QString>(const QString &key)>;

// The keyring key of a secret variable of `scope`: collection and folder variables use the
// collection id and no environment, environment variables add the environment's name, globals
// have neither ("//NAME").
QString secretKeyFor(const QString &collectionId, ScopeKind scope, const QString &environment,
                     const QString &name);

// The scopes a request at `requestPath` is resolved in, outermost last: folders (innermost
// first), collection, the environment at `environmentPath`, globals. Secret variables get their
// value from `secrets`; one whose value is unknown is disabled, so that it is reported as
// unresolved instead of silently sending an empty value. Either path may be empty.
// `captured` (values that earlier responses set through captures, this session) come first.
QList<VariableScope> variableScopes(const Workspace &workspace, const QString &requestPath,
                                    const QString &environmentPath,
                                    const SecretLookup &secrets = {},
                                    const VariableList &captured = {});

// Where the auth in effect for an item comes from.
struct AuthSource
{
    enum class Kind {
        Own, // the item's own auth (any mode but Inherit, including an explicit None)
        Folder, // inherited from an enclosing folder
        Collection, // inherited from the collection
        Nothing, // inherits, and no parent sets any: no credentials are sent
    };
    Kind kind = Kind::Own;
    QString name; // display name of the folder or collection
    QString path; // its directory

    friend bool operator==(const AuthSource &, const AuthSource &) = default;
};

struct EffectiveAuth
{
    Auth auth; // never Inherit
    AuthSource source;

    friend bool operator==(const EffectiveAuth &, const EffectiveAuth &) = default;
};

// The auth in effect for `own`, given its parents innermost first (folders, then the
// collection): the first that does not inherit. A collection that "inherits" means none.
EffectiveAuth resolveInheritedAuth(const Auth &own,
                                   const QList<std::pair<AuthSource, Auth>> &parents);

// The auth in effect for the item at `path` (a request file, a folder or a collection
// directory) whose own auth is `own` (as edited, perhaps unsaved). A folder's own auth is not
// its parent: the chain starts above `path`. An unsaved request (empty path) has no parents.
EffectiveAuth effectiveAuth(const Workspace &workspace, const QString &path, const Auth &own);

// The request with `auth` (the auth in effect: effectiveAuth()) and the collection's default
// headers (unless it sets the same header): what resolveForSending() and the runner do before
// resolving variables.
Request withCollectionDefaults(const Request &request, const Auth &auth,
                               const KeyValueList &headers);

// Gives each secret variable of `scopes` (of the collection `collectionId`) its value from
// `secrets`; one whose value is unknown is disabled, so that it is reported as unresolved.
void fillSecretValues(QList<VariableScope> &scopes, const QString &collectionId,
                      const SecretLookup &secrets);

// `requestPath` may be empty (an unsaved request: only environment, globals and dynamic
// variables resolve) and `environmentPath` may be empty (no environment).
ResolvedSend resolveForSending(const Workspace &workspace, const QString &requestPath,
                               const Request &request, const QString &environmentPath,
                               const SecretLookup &secrets = {}, const VariableList &captured = {});

// The auth in effect for the item at `path` (own auth `own`, as edited), ready to use: its
// variables resolved in the item's scopes, `environmentPath` and globals; with the id of the
// collection whose keyring holds its OAuth 2.0 tokens (empty for an unsaved request).
struct ResolvedAuth
{
    Auth auth; // never Inherit
    AuthSource source;
    QString collectionId;
    QStringList unresolved;
    QStringList secretValues;

    friend bool operator==(const ResolvedAuth &, const ResolvedAuth &) = default;
};

ResolvedAuth resolveAuth(const Workspace &workspace, const QString &path, const Auth &own,
                         const QString &environmentPath, const SecretLookup &secrets = {},
                         const VariableList &captured = {});

// What Generate code and Copy as curl show by default: resolveForSending(), except that each
// secret variable becomes a placeholder listed in `secrets` (the code then reads the value from an
// environment variable, see generateCode()), so that no secret value reaches the code, even one
// not entered on this computer.
ResolvedSend resolveForCode(const Workspace &workspace, const QString &requestPath,
                            const Request &request, const QString &environmentPath,
                            const VariableList &captured, SecretReferences *references);

// The collection item that holds `path`, or null.
const CollectionItem *collectionOf(const Workspace &workspace, const QString &path);

} // namespace Patchbay::Core
