#include "core/interop/importwriter.h"

#include "core/collections/authsecrets.h"
#include "core/collections/collectionstaging.h"
#include "core/collections/filenames.h"
#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <optional>

namespace Patchbay::Core {

namespace {

QString uniqueName(const QString &name, const QStringList &taken)
{
    auto isTaken = [&taken](const QString &candidate) {
        return taken.contains(candidate, Qt::CaseInsensitive);
    };
    if (!isTaken(name))
        return name;
    for (int n = 2;; ++n) {
        const QString candidate = name + u' ' + QString::number(n);
        if (!isTaken(candidate))
            return candidate;
    }
}

// Collection-wide headers, for a collection that becomes a folder (its auth goes on that
// folder, which its requests inherit).
void pushDown(ImportedFolder &folder, const KeyValueList &headers)
{
    for (SavedRequest &saved : folder.requests) {
        for (const KeyValue &h : headers) {
            const bool set
                = std::any_of(saved.request.headers.cbegin(), saved.request.headers.cend(),
                              [&h](const KeyValue &o) {
                                  return o.name.compare(h.name, Qt::CaseInsensitive) == 0;
                              });
            if (!set)
                saved.request.headers.append(h);
        }
    }
    for (ImportedFolder &child : folder.folders)
        pushDown(child, headers);
}

bool hasLiteralSecrets(const ImportedFolder &folder)
{
    return !literalAuthSecrets(folder.info.auth).isEmpty()
        || std::any_of(
            folder.requests.cbegin(), folder.requests.cend(),
            [](const SavedRequest &r) { return !literalAuthSecrets(r.request.auth).isEmpty(); })
        || std::any_of(folder.folders.cbegin(), folder.folders.cend(), hasLiteralSecrets);
}

bool hasLiteralSecrets(const ImportedCollection &imported)
{
    return !literalAuthSecrets(imported.info.auth).isEmpty() || hasLiteralSecrets(imported.root);
}

// The variable names an import declares or refers to.
void addImportedNames(const ImportedFolder &folder, QStringList &names)
{
    for (const Variable &v : folder.info.variables)
        names << v.name;
    addVariableReferences(folder.info.auth, names);
    for (const SavedRequest &r : folder.requests)
        addVariableReferences(r.request, names);
    for (const ImportedFolder &child : folder.folders)
        addImportedNames(child, names);
}

QStringList importedNames(const ImportedCollection &imported)
{
    QStringList names;
    for (const Variable &v : imported.info.variables)
        names << v.name;
    for (const Environment &e : imported.environments) {
        for (const Variable &v : e.variables)
            names << v.name;
    }
    addVariableReferences(imported.info.auth, names);
    addImportedNames(imported.root, names);
    return names;
}

void moveLiteralSecrets(ImportedFolder &folder, VariableList &variables, const QStringList &taken,
                        QList<MovedSecret> &moved)
{
    moved += moveLiteralAuthSecrets(folder.info.auth, variables, taken);
    for (SavedRequest &r : folder.requests)
        moved += moveLiteralAuthSecrets(r.request.auth, variables, taken);
    for (ImportedFolder &child : folder.folders)
        moveLiteralSecrets(child, variables, taken, moved);
}

// Moves the secrets typed into the imported auth settings (the collection's, its folders',
// its requests') into secret variables of `variables` before anything is written: the new
// names then avoid every name the import and `inUse` declare or refer to, and an import into
// an existing collection keeps them in the folder it creates. Returns the values, for the
// keyring.
QList<MovedSecret> moveImportedSecrets(ImportedCollection &imported, Auth &collectionAuth,
                                       VariableList &variables, const QStringList &inUse)
{
    const QStringList taken = inUse + importedNames(imported);
    QList<MovedSecret> moved = moveLiteralAuthSecrets(collectionAuth, variables, taken);
    moveLiteralSecrets(imported.root, variables, taken, moved);
    return moved;
}

class Writer
{
public:
    explicit Writer(Workspace &workspace)
        : m_workspace(workspace)
    { }

    // Writes the children of `folder` into the existing `parentPath`; `top` collects what is
    // created directly there.
    Status writeChildren(const QString &parentPath, const ImportedFolder &folder, QStringList *top,
                         bool uniqueNames)
    {
        const CollectionItem *parent = m_workspace.item(parentPath);
        if (!parent)
            return Error {QStringLiteral("not-found"), parentPath};
        qint64 offset = 0;
        QStringList taken;
        if (uniqueNames) {
            for (const CollectionItem &child : parent->children) {
                offset = std::max(offset, child.order);
                taken << child.name;
            }
        }
        // Folders and requests interleave by order; write them in that order.
        struct Entry
        {
            qint64 order;
            const ImportedFolder *folder;
            const SavedRequest *request;
        };
        QList<Entry> entries;
        for (const ImportedFolder &f : folder.folders)
            entries.append({f.info.order, &f, nullptr});
        for (const SavedRequest &r : folder.requests)
            entries.append({r.order, nullptr, &r});
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Entry &a, const Entry &b) { return a.order < b.order; });
        qint64 next = offset;
        for (const Entry &e : entries) {
            next = std::max(next + 1, offset + e.order);
            if (e.folder) {
                FolderInfo info = e.folder->info;
                info.name = uniqueNames ? uniqueName(info.name, taken) : info.name;
                taken << info.name;
                info.order = next;
                Result<QString> created = m_workspace.createFolder(parentPath, info.name);
                if (!created.ok())
                    return created.error();
                if (top)
                    top->append(created.value());
                Result<SaveOutcome> saved = m_workspace.saveFolder(created.value(), info);
                if (!saved.ok())
                    return saved.error();
                const Status children = writeChildren(created.value(), *e.folder, nullptr, false);
                if (!children.ok())
                    return children;
            } else {
                SavedRequest request = *e.request;
                request.name = uniqueNames ? uniqueName(request.name, taken) : request.name;
                taken << request.name;
                request.order = next;
                Result<QString> created = m_workspace.createRequest(parentPath, request);
                if (!created.ok())
                    return created.error();
                if (top)
                    top->append(created.value());
            }
        }
        return Ok {};
    }

    Status writeEnvironments(const CollectionItem &collection, const QList<Environment> &envs,
                             QStringList *top)
    {
        QStringList taken;
        for (const EnvironmentItem &e : collection.environments)
            taken << e.environment.name;
        const QString path = collection.path;
        for (Environment env : envs) {
            env.name = uniqueName(env.name, taken);
            taken << env.name;
            Result<QString> created = m_workspace.createEnvironment(path, env);
            if (!created.ok())
                return created.error();
            top->append(created.value());
        }
        return Ok {};
    }

private:
    Workspace &m_workspace;
};

bool hasSettings(const CollectionInfo &info)
{
    return !info.variables.isEmpty() || info.auth != Auth {} || !info.headers.isEmpty()
        || !info.preRequestScript.isEmpty() || !info.testScript.isEmpty()
        || !info.description.isEmpty();
}

void undo(Workspace &workspace, const QStringList &created)
{
    for (auto it = created.crbegin(); it != created.crend(); ++it) {
        if (workspace.item(*it)) {
            workspace.remove(*it);
        } else if (QFile::exists(*it)) { // an environment file added to an existing collection
            QFile::remove(*it);
            workspace.reload(*it);
        }
    }
}

} // namespace

Result<StagedCollection>
stageImportedCollection(const QString &workspaceRoot, const QStringList &takenNames,
                        const ImportedCollection &imported,
                        const std::function<Status(Workspace &, const QString &)> &finish)
{
    StagedCollection out;
    out.name = uniqueName(
        imported.info.name.isEmpty() ? QStringLiteral("Imported") : imported.info.name, takenNames);
    // Built in a hidden folder, then renamed into place: a kill halfway leaves nothing that
    // looks like a collection (CollectionStaging::removeLeftovers cleans up at start).
    Result<std::unique_ptr<CollectionStaging>> staging = CollectionStaging::begin(workspaceRoot);
    if (!staging.ok())
        return staging.error();
    out.staging = std::move(staging.value());
    Result<Workspace> opened = Workspace::open(out.staging->path());
    if (!opened.ok())
        return opened.error();
    Workspace &stage = opened.value();
    stage.setExclusive(true); // the staging folder is ours alone
    // Secrets moved out of auth settings are kept for the real workspace's keyring, which
    // publishStagedCollection() hands them to on its own thread.
    stage.setSecretSink([&out](const QString &key, const QString &value) {
        out.secrets.append({key, value});
    });
    Result<QString> staged = stage.createCollection(out.name);
    if (!staged.ok())
        return staged.error();
    out.stagedPath = staged.value();
    CollectionInfo info = imported.info;
    info.name = out.name;
    info.id = stage.item(out.stagedPath)->collection->id;
    std::optional<ImportedCollection> withoutSecrets;
    if (hasLiteralSecrets(imported)) {
        withoutSecrets = imported;
        for (const MovedSecret &m :
             moveImportedSecrets(*withoutSecrets, info.auth, info.variables, {}))
            out.secrets.append(
                {secretKeyFor(info.id, ScopeKind::Collection, QString(), m.variable), m.value});
    }
    const ImportedCollection &source = withoutSecrets ? *withoutSecrets : imported;
    Result<SaveOutcome> saved = stage.saveCollection(out.stagedPath, info);
    if (!saved.ok())
        return saved.error();
    Writer stageWriter(stage);
    Status status = stageWriter.writeChildren(out.stagedPath, source.root, nullptr, false);
    if (status.ok()) {
        QStringList envs;
        status = stageWriter.writeEnvironments(*stage.item(out.stagedPath), source.environments,
                                               &envs);
    }
    if (status.ok() && finish)
        status = finish(stage, out.stagedPath);
    if (!status.ok())
        return status.error(); // the staging folder goes with `out.staging`
    out.tree = *stage.item(out.stagedPath);
    // Paths as publish() will most likely make them (the same free name, unless something took
    // it meanwhile): rewriting 24,000 paths took 40 ms of the UI thread in adoptCollection().
    const QString root = QDir::cleanPath(workspaceRoot);
    Workspace::relocateTree(out.tree, out.stagedPath,
                            root + u'/'
                                + uniqueEntryName(root, out.name, QString(), {}, u"collection"));
    return out;
}

Result<QString> publishStagedCollection(Workspace &workspace, StagedCollection &staged)
{
    Q_ASSERT(staged.staging);
    const Result<QString> published = staged.staging->publish(staged.stagedPath, staged.name);
    if (!published.ok())
        return published.error();
    if (workspace.secretSink()) {
        for (const auto &[key, value] : std::as_const(staged.secrets))
            workspace.secretSink()(key, value);
    }
    staged.secrets.clear();
    staged.staging.reset(); // the emptied hidden folder and its lock go now
    if (const Status adopted
        = workspace.adoptCollection(staged.tree, staged.tree.path, published.value());
        !adopted.ok())
        return adopted.error();
    return published.value();
}

Result<QStringList> writeImportedCollection(Workspace &workspace,
                                            const ImportedCollection &imported,
                                            const QString &targetParent)
{
    const QString target = QDir::cleanPath(targetParent);
    QStringList created;
    Writer writer(workspace);
    Status status = Ok {};
    if (target == QDir::cleanPath(workspace.rootPath())) {
        QStringList taken;
        for (const CollectionItem &c : workspace.collections())
            taken << c.name;
        Result<StagedCollection> staged
            = stageImportedCollection(workspace.rootPath(), taken, imported);
        if (!staged.ok())
            return staged.error();
        const Result<QString> published = publishStagedCollection(workspace, staged.value());
        if (!published.ok())
            return published.error();
        created << published.value();
    } else {
        const CollectionItem *parent = workspace.item(target);
        const CollectionItem *collection = collectionOf(workspace, target);
        if (!parent || parent->kind == ItemKind::Request || !collection)
            return Error {QStringLiteral("import-target"),
                          QStringLiteral("%1 is not the workspace, a collection or a folder of "
                                         "it. Choose where to import.")
                              .arg(targetParent)};
        // Typed secrets become variables of the folder the import creates, or of the
        // collection when it lands loose among the collection's items.
        ImportedCollection source = imported;
        CollectionInfo collectionInfo = *collection->collection;
        QList<MovedSecret> moved;
        const bool wrap = hasSettings(imported.info);
        const QString collectionPath = collection->path;
        if (hasLiteralSecrets(imported)) {
            const QStringList inUse
                = variableNamesInUse(*collection, workspace.globals().environment.variables);
            moved = moveImportedSecrets(source, source.info.auth,
                                        wrap ? source.info.variables : collectionInfo.variables,
                                        inUse);
            for (const MovedSecret &m : std::as_const(moved)) {
                if (workspace.secretSink())
                    workspace.secretSink()(
                        secretKeyFor(collectionInfo.id, ScopeKind::Folder, QString(), m.variable),
                        m.value);
            }
        }
        if (!wrap && !moved.isEmpty()) {
            const Result<SaveOutcome> saved
                = workspace.saveCollection(collectionPath, collectionInfo);
            if (!saved.ok())
                return saved.error();
        }
        if (wrap) {
            ImportedFolder wrapper;
            wrapper.info.name
                = source.info.name.isEmpty() ? QStringLiteral("Imported") : source.info.name;
            wrapper.info.order = 1000;
            wrapper.info.description = source.info.description;
            wrapper.info.variables = source.info.variables;
            wrapper.info.auth = source.info.auth;
            wrapper.info.preRequestScript = source.info.preRequestScript;
            wrapper.info.testScript = source.info.testScript;
            ImportedFolder content = source.root;
            pushDown(content, source.info.headers);
            wrapper.folders = content.folders;
            wrapper.requests = content.requests;
            ImportedFolder holder;
            holder.folders << wrapper;
            status = writer.writeChildren(target, holder, &created, true);
        } else {
            status = writer.writeChildren(target, source.root, &created, true);
        }
        if (status.ok() && !source.environments.isEmpty()) {
            const CollectionItem *c = collectionOf(workspace, target);
            status = writer.writeEnvironments(*c, source.environments, &created);
        }
    }
    if (!status.ok()) {
        undo(workspace, created);
        return status.error();
    }
    return created;
}

} // namespace Patchbay::Core
