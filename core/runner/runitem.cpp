#include "core/runner/runitem.h"

#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/interop/importedcollection.h"

#include <QDir>

namespace Patchbay::Core {

namespace {

// The scripts that apply to a request, outermost first: their names (for "not run" notes) and
// their text (for runs that trust scripts).
struct Scripts
{
    QStringList names;
    QList<ScriptSource> preRequest;
    QList<ScriptSource> test;
};

void noteScripts(Scripts &scripts, const QString &owner, const QString &preRequest,
                 const QString &test)
{
    const QString prefix = owner.isEmpty() ? QString() : owner + QStringLiteral(": ");
    if (!preRequest.trimmed().isEmpty()) {
        scripts.names.append(prefix + QStringLiteral("pre-request script"));
        scripts.preRequest.append({scripts.names.last(), preRequest});
    }
    if (!test.trimmed().isEmpty()) {
        scripts.names.append(prefix + QStringLiteral("test script"));
        scripts.test.append({scripts.names.last(), test});
    }
}

void takeScripts(RunItem &run, Scripts scripts, const SavedRequest &saved)
{
    noteScripts(scripts, QString(), saved.preRequestScript, saved.testScript);
    run.scriptsNotRun = std::move(scripts.names);
    run.preRequestScripts = std::move(scripts.preRequest);
    run.testScripts = std::move(scripts.test);
}

struct WorkspaceWalk
{
    const Workspace &workspace;
    const CollectionInfo &collection;
    const Environment *environment;
    const SecretLookup &secrets;
    QList<RunItem> items;

    // `names` and `scripts` describe the folders above `item`.
    void visit(const CollectionItem &item, const QStringList &names, const Scripts &scripts)
    {
        if (item.kind == ItemKind::Request) {
            RunItem run;
            run.path = item.path;
            run.collectionId = collection.id;
            run.name = (names + QStringList {item.name}).join(QStringLiteral(" / "));
            if (item.problem) {
                run.problem = QStringLiteral("%1 cannot be read (line %2): %3")
                                  .arg(QDir::toNativeSeparators(item.path))
                                  .arg(item.problem->line)
                                  .arg(item.problem->message);
                items.append(run);
                return;
            }
            const SavedRequest &saved = item.request;
            run.request = withCollectionDefaults(
                saved.request, effectiveAuth(workspace, item.path, saved.request.auth).auth,
                collection.headers);
            run.scopes = workspace.scopesFor(item.path);
            if (environment)
                run.scopes.append(
                    {ScopeKind::Environment, environment->name, environment->variables});
            const Environment &globals = workspace.globals().environment;
            if (!globals.variables.isEmpty())
                run.scopes.append({ScopeKind::Globals, globals.name, globals.variables});
            fillSecretValues(run.scopes, collection.id, secrets);
            run.assertions = saved.assertions;
            run.captures = saved.captures;
            takeScripts(run, scripts, saved);
            items.append(run);
            return;
        }
        QStringList childNames = names;
        Scripts childScripts = scripts;
        if (item.kind == ItemKind::Folder) {
            childNames.append(item.name);
            noteScripts(childScripts, QStringLiteral("folder ") + item.name,
                        item.folder->preRequestScript, item.folder->testScript);
        }
        for (const CollectionItem &child : item.children)
            visit(child, childNames, childScripts);
    }
};

struct ImportWalk
{
    const ImportedCollection &collection;
    const Environment *environment;
    QList<RunItem> items;

    // `folderAuth`: the auth of the folders above, innermost first.
    void visit(const ImportedFolder &folder, const QStringList &names,
               const QList<VariableScope> &folderScopes,
               const QList<std::pair<AuthSource, Auth>> &folderAuth, const Scripts &scripts)
    {
        QList<std::pair<AuthSource, Auth>> parents = folderAuth;
        parents.append(
            {{AuthSource::Kind::Collection, collection.info.name, {}}, collection.info.auth});
        for (const SavedRequest &saved : folder.requests) {
            RunItem run;
            run.collectionId = collection.info.id;
            run.name = (names + QStringList {saved.name}).join(QStringLiteral(" / "));
            run.request = withCollectionDefaults(
                saved.request, resolveInheritedAuth(saved.request.auth, parents).auth,
                collection.info.headers);
            run.scopes = folderScopes;
            run.scopes.append(
                {ScopeKind::Collection, collection.info.name, collection.info.variables});
            if (environment)
                run.scopes.append(
                    {ScopeKind::Environment, environment->name, environment->variables});
            run.assertions = saved.assertions;
            run.captures = saved.captures;
            takeScripts(run, scripts, saved);
            items.append(run);
        }
        for (const ImportedFolder &child : folder.folders) {
            QList<VariableScope> scopes = folderScopes;
            scopes.prepend({ScopeKind::Folder, child.info.name, child.info.variables});
            Scripts childScripts = scripts;
            noteScripts(childScripts, QStringLiteral("folder ") + child.info.name,
                        child.info.preRequestScript, child.info.testScript);
            QList<std::pair<AuthSource, Auth>> childAuth = folderAuth;
            childAuth.prepend({{AuthSource::Kind::Folder, child.info.name, {}}, child.info.auth});
            visit(child, names + QStringList {child.info.name}, scopes, childAuth, childScripts);
        }
    }
};

} // namespace

Result<QList<RunItem>> runItemsFromWorkspace(const Workspace &workspace, const QString &path,
                                             const Environment *environment,
                                             const SecretLookup &secrets)
{
    const QString clean = QDir::cleanPath(path);
    const CollectionItem *collection = collectionOf(workspace, clean);
    const CollectionItem *start = workspace.item(clean);
    if (!collection || !start)
        return Error {QStringLiteral("run-not-found"),
                      QStringLiteral("%1 is not a collection, folder or request of the workspace "
                                     "%2.")
                          .arg(QDir::toNativeSeparators(path),
                               QDir::toNativeSeparators(workspace.rootPath()))};

    WorkspaceWalk walk {workspace, collection->collection, environment, secrets, {}};
    // Scripts of the collection and of the folders above the starting point still apply.
    Scripts scripts;
    noteScripts(scripts, QStringLiteral("collection"), collection->collection->preRequestScript,
                collection->collection->testScript);
    QStringList names;
    const QList<CollectionItem> *level = &collection->children;
    while (level && start != collection) {
        const QList<CollectionItem> *next = nullptr;
        for (const CollectionItem &child : *level) {
            if (child.kind == ItemKind::Folder && clean.startsWith(child.path + u'/')) {
                names.append(child.name);
                noteScripts(scripts, QStringLiteral("folder ") + child.name,
                            child.folder->preRequestScript, child.folder->testScript);
                next = &child.children;
                break;
            }
        }
        level = next;
    }
    walk.visit(*start, names, scripts);
    if (walk.items.isEmpty())
        return Error {
            QStringLiteral("run-empty"),
            QStringLiteral("%1 holds no request to run.").arg(QDir::toNativeSeparators(path))};
    return walk.items;
}

QList<RunItem> runItemsFromImported(const ImportedCollection &collection,
                                    const Environment *environment)
{
    ImportWalk walk {collection, environment, {}};
    Scripts scripts;
    noteScripts(scripts, QStringLiteral("collection"), collection.info.preRequestScript,
                collection.info.testScript);
    walk.visit(collection.root, {}, {}, {}, scripts);
    return walk.items;
}

bool itemsUseUndefined(const QList<RunItem> &items, const QString &name)
{
    for (const RunItem &item : items) {
        QStringList unresolved;
        resolveVariables(item.request, VariableContext(item.scopes), &unresolved);
        if (unresolved.contains(name))
            return true;
    }
    return false;
}

} // namespace Patchbay::Core
