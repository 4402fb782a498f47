#include "core/collections/sendcontext.h"

#include "core/environments/variablecontext.h"
#include "core/http/requestjson.h"
#include "core/secrets/secretstore.h"

#include <QJsonDocument>

#include <QDir>

namespace Patchbay::Core {

const CollectionItem *collectionOf(const Workspace &workspace, const QString &path)
{
    if (path.isEmpty())
        return nullptr;
    const QString clean = QDir::cleanPath(path);
    for (const CollectionItem &c : workspace.collections()) {
        if (clean == c.path || clean.startsWith(c.path + u'/'))
            return &c;
    }
    return nullptr;
}

namespace {

void fillSecrets(VariableList &variables, const SecretLookup &secrets, const QString &collectionId,
                 ScopeKind scope, const QString &environment)
{
    for (Variable &v : variables) {
        if (!v.secret)
            continue;
        const std::optional<QString> value = secrets
            ? secrets(secretKeyFor(collectionId, scope, environment, v.name))
            : std::nullopt;
        v.value = value.value_or(QString());
        if (!value)
            v.enabled = false;
    }
}

} // namespace

void fillSecretValues(QList<VariableScope> &scopes, const QString &collectionId,
                      const SecretLookup &secrets)
{
    for (VariableScope &scope : scopes) {
        fillSecrets(scope.variables, secrets, collectionId, scope.kind,
                    scope.kind == ScopeKind::Environment ? scope.name : QString());
    }
}

QString secretKeyFor(const QString &collectionId, ScopeKind scope, const QString &environment,
                     const QString &name)
{
    switch (scope) {
    case ScopeKind::Environment:
        return SecretStore::keyFor(collectionId, environment, name);
    case ScopeKind::Globals:
        return SecretStore::keyFor(QString(), QString(), name);
    default:
        return SecretStore::keyFor(collectionId, QString(), name);
    }
}

QList<VariableScope> variableScopes(const Workspace &workspace, const QString &requestPath,
                                    const QString &environmentPath, const SecretLookup &secrets,
                                    const VariableList &captured)
{
    QList<VariableScope> scopes
        = requestPath.isEmpty() ? QList<VariableScope>() : workspace.scopesFor(requestPath);
    const EnvironmentItem *env
        = environmentPath.isEmpty() ? nullptr : workspace.environment(environmentPath);
    if (env)
        scopes.append({ScopeKind::Environment, env->environment.name, env->environment.variables});
    scopes.append({ScopeKind::Globals, workspace.globals().environment.name,
                   workspace.globals().environment.variables});

    // The environment's collection keys its secrets; for a request it is the same collection.
    const CollectionItem *collection
        = collectionOf(workspace, requestPath.isEmpty() ? environmentPath : requestPath);
    fillSecretValues(scopes, collection ? collection->collection->id : QString(), secrets);
    if (!captured.isEmpty())
        scopes.prepend({ScopeKind::Request, QStringLiteral("Captured"), captured});
    return scopes;
}

EffectiveAuth resolveInheritedAuth(const Auth &own,
                                   const QList<std::pair<AuthSource, Auth>> &parents)
{
    if (own.mode != AuthMode::Inherit)
        return {own, {}};
    for (const auto &[source, auth] : parents) {
        if (auth.mode != AuthMode::Inherit)
            return {auth, source};
    }
    EffectiveAuth nothing;
    nothing.auth.mode = AuthMode::None;
    nothing.source.kind = AuthSource::Kind::Nothing;
    return nothing;
}

EffectiveAuth effectiveAuth(const Workspace &workspace, const QString &path, const Auth &own)
{
    QList<std::pair<AuthSource, Auth>> parents;
    const CollectionItem *collection = collectionOf(workspace, path);
    if (collection) {
        const QString clean = QDir::cleanPath(path);
        // Folders strictly above `path`, outermost first, then reversed.
        const QList<CollectionItem> *level = &collection->children;
        while (level) {
            const QList<CollectionItem> *next = nullptr;
            for (const CollectionItem &child : *level) {
                if (child.kind == ItemKind::Folder && clean.startsWith(child.path + u'/')) {
                    parents.prepend(
                        {{AuthSource::Kind::Folder, child.name, child.path}, child.folder->auth});
                    next = &child.children;
                    break;
                }
            }
            level = next;
        }
        if (clean != collection->path)
            parents.append({{AuthSource::Kind::Collection, collection->name, collection->path},
                            collection->collection->auth});
    }
    return resolveInheritedAuth(own, parents);
}

Request withCollectionDefaults(const Request &request, const Auth &auth,
                               const KeyValueList &headers)
{
    Request effective = request;
    if (effective.auth.mode == AuthMode::Inherit)
        effective.auth = auth;
    if (effective.auth.mode == AuthMode::Inherit)
        effective.auth.mode = AuthMode::None;
    KeyValueList defaults;
    for (const KeyValue &header : headers) {
        const bool overridden = std::any_of(
            request.headers.cbegin(), request.headers.cend(), [&header](const KeyValue &h) {
                return h.enabled && h.name.compare(header.name, Qt::CaseInsensitive) == 0;
            });
        if (header.enabled && !overridden)
            defaults.append(header);
    }
    effective.headers = defaults + effective.headers;
    return effective;
}

ResolvedSend resolveForSending(const Workspace &workspace, const QString &requestPath,
                               const Request &request, const QString &environmentPath,
                               const SecretLookup &secrets, const VariableList &captured)
{
    Request effective = request;
    const EffectiveAuth auth = effectiveAuth(workspace, requestPath, request.auth);
    if (const CollectionItem *collection = collectionOf(workspace, requestPath))
        effective = withCollectionDefaults(request, auth.auth, collection->collection->headers);
    else
        effective.auth = auth.auth;

    const QList<VariableScope> scopes
        = variableScopes(workspace, requestPath, environmentPath, secrets, captured);
    ResolvedSend result;
    result.request = resolveVariables(effective, VariableContext(scopes), &result.unresolved,
                                      &result.secretValues);
    return result;
}

ResolvedAuth resolveAuth(const Workspace &workspace, const QString &path, const Auth &own,
                         const QString &environmentPath, const SecretLookup &secrets,
                         const VariableList &captured)
{
    const EffectiveAuth effective = effectiveAuth(workspace, path, own);
    ResolvedAuth result;
    result.source = effective.source;
    const CollectionItem *collection = collectionOf(workspace, path);
    if (collection)
        result.collectionId = collection->collection->id;
    // The scopes of the item the auth belongs to; for a folder's own auth, the folder's.
    const QList<VariableScope> scopes
        = variableScopes(workspace, path, environmentPath, secrets, captured);
    Request carrier;
    carrier.auth = effective.auth;
    result.auth = resolveVariables(carrier, VariableContext(scopes), &result.unresolved,
                                   &result.secretValues)
                      .auth;
    return result;
}

ResolvedSend resolveForCode(const Workspace &workspace, const QString &requestPath,
                            const Request &request, const QString &environmentPath,
                            const VariableList &captured, SecretReferences *references)
{
    Request effective = request;
    if (const CollectionItem *collection = collectionOf(workspace, requestPath))
        effective = withCollectionDefaults(request, collection->collection->auth,
                                           collection->collection->headers);
    // No secret value is looked up: each enabled secret variable gets its placeholder.
    const SecretLookup noValues = [](const QString &) { return std::optional<QString>(QString()); };
    QList<VariableScope> scopes
        = variableScopes(workspace, requestPath, environmentPath, noValues, captured);
    SecretReferences made;
    QHash<QString, QString> placeholders; // by variable name: the first scope's wins anyway
    QStringList names;
    for (VariableScope &scope : scopes) {
        for (Variable &v : scope.variables) {
            if (!v.secret || !v.enabled)
                continue;
            auto found = placeholders.constFind(v.name);
            if (found == placeholders.constEnd()) {
                const QString environmentVariable = environmentVariableName(v.name, names);
                names << environmentVariable;
                made.append({secretPlaceholder(made.size()), environmentVariable});
                found = placeholders.insert(v.name, made.constLast().placeholder);
            }
            v.value = *found;
        }
    }
    ResolvedSend result;
    result.request = resolveVariables(effective, VariableContext(scopes), &result.unresolved);
    if (references) {
        // Only those the request uses.
        const QByteArray text = QJsonDocument(requestToJson(result.request)).toJson();
        references->clear();
        for (const SecretReference &reference : std::as_const(made)) {
            if (text.contains(reference.placeholder.toUtf8()))
                references->append(reference);
        }
    }
    return result;
}

} // namespace Patchbay::Core
