#include "core/openapi/specsync.h"
#include "core/http/httpclient.h"
#include <QEventLoop>
#include <QNetworkAccessManager>

#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/interop/importwriter.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/openapi/specset.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <limits>

namespace Patchbay::Core {

namespace {

const SavedRequest *requestFor(const ImportedCollection &collection, const SpecOperation &op)
{
    const ImportedFolder *folder = &collection.root;
    for (const QString &name : op.folder) {
        const ImportedFolder *next = nullptr;
        for (const ImportedFolder &f : folder->folders)
            if (f.info.name == name)
                next = &f;
        if (!next)
            return nullptr;
        folder = next;
    }
    for (const SavedRequest &r : folder->requests)
        if (r.name == op.requestName)
            return &r;
    return nullptr;
}

QString describeOp(const SpecOperation &op)
{
    return op.method + u' ' + op.path;
}

QString rowKey(const QString &listName, const KeyValue &row)
{
    // Content-Type rows stand for the body types an operation accepts: one per value.
    if (listName == QLatin1String("header")
        && row.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
        return row.name.toLower() + u'\n' + row.value;
    return listName == QLatin1String("header") ? row.name.toLower() : row.name;
}

KeyValueList mergeRows(const QString &what, const KeyValueList &base, const KeyValueList &theirs,
                       const KeyValueList &ours, QStringList *details)
{
    auto find = [&](const KeyValueList &rows, const QString &key) -> const KeyValue * {
        for (const KeyValue &r : rows)
            if (rowKey(what, r) == key)
                return &r;
        return nullptr;
    };
    KeyValueList out;
    for (const KeyValue &o : ours) {
        const QString key = rowKey(what, o);
        const KeyValue *b = find(base, key);
        const KeyValue *t = find(theirs, key);
        if (b && !t) {
            if (o == *b) {
                *details << QStringLiteral("%1 %2 removed").arg(what, o.name);
                continue;
            }
            *details << QStringLiteral("%1 %2 is gone from the description, kept (you changed it)")
                            .arg(what, o.name);
            out << o;
        } else if (b && t && o == *b && !(*t == *b)) {
            *details << QStringLiteral("%1 %2 updated").arg(what, o.name);
            out << *t;
        } else {
            out << o;
        }
    }
    for (const KeyValue &t : theirs) {
        const QString key = rowKey(what, t);
        if (find(ours, key) || find(base, key))
            continue; // present, or deleted by the user
        *details << QStringLiteral("%1 %2 added").arg(what, t.name);
        out << t;
    }
    return out;
}

// Three-way merge of JSON values: members the user left alone take the new value.
JsonValue mergeJson(const JsonValue &base, const JsonValue &theirs, const JsonValue &ours,
                    const QString &at, QStringList *details)
{
    if (ours == base)
        return theirs;
    if (theirs == base)
        return ours;
    if (!(base.isObject() && theirs.isObject() && ours.isObject())) {
        *details << QStringLiteral("body%1 changed in the description and by you: yours kept")
                        .arg(at.isEmpty() ? QString() : u' ' + at);
        return ours;
    }
    JsonValue out = JsonValue::emptyObject();
    for (const JsonMember &m : ours.members()) {
        const JsonValue *b = base.find(m.key);
        const JsonValue *t = theirs.find(m.key);
        if (b && !t) {
            if (m.value == *b) {
                *details << QStringLiteral("body: %1 removed").arg(at + u'/' + m.key);
                continue;
            }
            out.insert(m.key, m.value);
        } else if (b && t) {
            out.insert(m.key, mergeJson(*b, *t, m.value, at + u'/' + m.key, details));
        } else {
            out.insert(m.key, m.value);
        }
    }
    for (const JsonMember &m : theirs.members()) {
        if (ours.contains(m.key) || base.contains(m.key))
            continue;
        *details << QStringLiteral("body: %1 added").arg(at + u'/' + m.key);
        out.insert(m.key, m.value);
    }
    return out;
}

template<typename T>
T mergeField(const char *what, const T &base, const T &theirs, const T &ours, QStringList *details)
{
    if (ours == base) {
        if (!(theirs == base))
            *details << QStringLiteral("%1 updated").arg(QLatin1String(what));
        return theirs;
    }
    if (!(theirs == base))
        *details << QStringLiteral("%1 changed in the description and by you: yours kept")
                        .arg(QLatin1String(what));
    return ours;
}

Result<SavedRequest> readRequest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("read-failed"),
                      QStringLiteral("Could not read %1: %2.").arg(path, file.errorString())};
    return requestFromYaml(file.readAll());
}

void collectFiles(const CollectionItem &item, const QString &folderKey,
                  QHash<QString, QString> *files)
{
    for (const CollectionItem &child : item.children) {
        if (child.kind == ItemKind::Request)
            files->insert(folderKey + u'\n' + child.name, child.path);
        else
            collectFiles(child, folderKey.isEmpty() ? child.name : folderKey + u'/' + child.name,
                         files);
    }
}

} // namespace

SavedRequest mergeRequest(const SavedRequest &base, const SavedRequest &theirs,
                          const SavedRequest &ours, QStringList *details)
{
    SavedRequest out = ours; // assertions, captures, scripts, settings, order: the user's
    out.name = mergeField("name", base.name, theirs.name, ours.name, details);
    out.description = mergeField("description", base.description, theirs.description,
                                 ours.description, details);
    out.request.method = mergeField("method", base.request.method, theirs.request.method,
                                    ours.request.method, details);
    out.request.url
        = mergeField("URL", base.request.url, theirs.request.url, ours.request.url, details);
    out.request.params = mergeRows(QStringLiteral("parameter"), base.request.params,
                                   theirs.request.params, ours.request.params, details);
    out.request.headers = mergeRows(QStringLiteral("header"), base.request.headers,
                                    theirs.request.headers, ours.request.headers, details);
    out.request.auth
        = mergeField("auth", base.request.auth, theirs.request.auth, ours.request.auth, details);
    const RequestBody &b = base.request.body;
    const RequestBody &t = theirs.request.body;
    const RequestBody &o = ours.request.body;
    if (o == b) {
        if (!(t == b))
            *details << QStringLiteral("body updated");
        out.request.body = t;
    } else if (!(t == b)) {
        const Result<JsonValue> bj = parseJson(b.text.toUtf8());
        const Result<JsonValue> tj = parseJson(t.text.toUtf8());
        const Result<JsonValue> oj = parseJson(o.text.toUtf8());
        if (b.mode == BodyMode::Json && t.mode == BodyMode::Json && o.mode == BodyMode::Json
            && bj.ok() && tj.ok() && oj.ok()) {
            out.request.body.text = QString::fromUtf8(
                toJson(mergeJson(bj.value(), tj.value(), oj.value(), QString(), details)));
        } else {
            *details << QStringLiteral("body changed in the description and by you: yours kept");
        }
    }
    return out;
}

Result<LoadedSpec> loadSpecFile(const QString &path)
{
    Result<std::unique_ptr<SpecSet>> set = SpecSet::loadFile(path);
    if (!set.ok())
        return set.error();
    LoadedSpec spec;
    spec.source = QFileInfo(path).absoluteFilePath();
    spec.set = std::move(set.value());
    Result<OpenApiImport> imported = importOpenApi(*spec.set);
    if (!imported.ok())
        return imported.error();
    spec.imported = std::move(imported.value());
    return spec;
}

Result<LoadedSpec> loadSpecBytes(const QByteArray &bytes, const QString &url,
                                 const std::function<Result<QByteArray>(const QString &)> &fetch)
{
    Result<std::unique_ptr<SpecSet>> set = SpecSet::loadBytes(bytes, url, fetch);
    if (!set.ok())
        return set.error();
    LoadedSpec spec;
    spec.source = url;
    spec.set = std::move(set.value());
    Result<OpenApiImport> imported = importOpenApi(*spec.set);
    if (!imported.ok())
        return imported.error();
    spec.imported = std::move(imported.value());
    return spec;
}

bool isSpecUrl(const QString &source)
{
    return source.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || source.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

Result<QByteArray> downloadSpecFile(HttpClient &client, const QString &url)
{
    Request request;
    request.url = url;
    request.headers << KeyValue {QStringLiteral("Accept"),
                                 QStringLiteral("application/json, application/yaml, */*")};
    std::unique_ptr<HttpCall> call = client.send(request);
    Response response;
    QEventLoop loop;
    QObject::connect(call.get(), &HttpCall::finished, &loop, [&](const Response &r) {
        response = r;
        loop.quit();
    });
    loop.exec();
    if (response.isError())
        return Error {QStringLiteral("download-failed"),
                      QStringLiteral("Could not download %1: %2").arg(url, response.errorMessage)};
    if (response.statusCode >= 400)
        return Error {
            QStringLiteral("download-failed"),
            QStringLiteral("Downloading %1 gave HTTP %2.").arg(url).arg(response.statusCode)};
    return response.body.readAll();
}

Result<LoadedSpec> loadSpecUrl(const QString &url)
{
    QNetworkAccessManager network;
    HttpClient client(&network);
    Result<QByteArray> bytes = downloadSpecFile(client, url);
    if (!bytes.ok())
        return bytes.error();
    return loadSpecBytes(bytes.value(), url,
                         [&client](const QString &ref) { return downloadSpecFile(client, ref); });
}

Result<StagedCollection> stageSpecCollection(const QString &workspaceRoot,
                                             const QStringList &takenNames, const LoadedSpec &spec)
{
    // The link is written into the staged collection, so it arrives with it in one rename.
    const auto link = [&spec](Workspace &stage, const QString &collectionDir) -> Status {
        const CollectionItem *item = stage.item(collectionDir);
        if (!item)
            return Error {QStringLiteral("import-failed"),
                          QStringLiteral("The collection was written but could not be found in "
                                         "the workspace.")};
        QHash<QString, QString> files;
        collectFiles(*item, QString(), &files);
        SpecLink link;
        link.source = spec.source;
        link.sha256 = sha256Hex(spec.set->fileBytes(0));
        const QDir dir(collectionDir);
        for (const SpecOperation &op : spec.imported.operations) {
            SpecLinkOperation entry;
            entry.operation = op;
            entry.file
                = dir.relativeFilePath(files.value(op.folder.join(u'/') + u'\n' + op.requestName));
            link.operations << entry;
        }
        return writeSpecLink(collectionDir, link, *spec.set);
    };
    return stageImportedCollection(workspaceRoot, takenNames, spec.imported.collection, link);
}

Result<QString> writeSpecCollection(Workspace &workspace, const LoadedSpec &spec)
{
    QStringList taken;
    for (const CollectionItem &c : workspace.collections())
        taken << c.name;
    Result<StagedCollection> staged = stageSpecCollection(workspace.rootPath(), taken, spec);
    if (!staged.ok())
        return staged.error();
    return publishStagedCollection(workspace, staged.value());
}

QStringList SpecSyncPlan::describe() const
{
    QStringList lines;
    for (const SpecChange &c : changes) {
        const char *kind = c.kind == SpecChange::Kind::Added ? "added"
            : c.kind == SpecChange::Kind::Removed            ? "removed"
            : c.kind == SpecChange::Kind::Updated            ? "updated"
                                                             : "kept";
        lines << QStringLiteral("%1 %2 (%3)").arg(QLatin1String(kind), c.operation, c.request);
        for (const QString &d : c.details)
            lines << QStringLiteral("    ") + d;
    }
    lines << QStringLiteral("%1 operations unchanged").arg(unchanged);
    return lines;
}

Result<SpecSyncPlan> planSpecSync(const QString &collectionDir, const LoadedSpec &newSpec)
{
    Result<SpecLink> link = readSpecLink(collectionDir);
    if (!link.ok())
        return link.error();
    Result<LoadedSpec> base = loadSpecFile(specSnapshotPath(collectionDir, link.value()));
    if (!base.ok())
        return Error {base.error().code,
                      QStringLiteral("The copy of the description this collection was imported "
                                     "from could not be read: %1")
                          .arg(base.error().message)};
    SpecSyncPlan plan;
    plan.collectionDir = collectionDir;
    plan.spec = newSpec;
    plan.link.source = link->source;
    plan.link.sha256 = sha256Hex(newSpec.set->fileBytes(0));

    const OpenApiImport &theirs = newSpec.imported;
    QHash<QString, qsizetype> theirsByKey;
    QHash<QString, qsizetype> theirsByRoute;
    for (qsizetype i = 0; i < theirs.operations.size(); ++i) {
        theirsByKey.insert(theirs.operations[i].key, i);
        theirsByRoute.insert(describeOp(theirs.operations[i]), i);
    }
    QHash<QString, const SpecOperation *> baseByKey;
    for (const SpecOperation &op : base->imported.operations)
        baseByKey.insert(op.key, &op);
    QSet<qsizetype> matched;
    const QDir dir(collectionDir);

    for (const SpecLinkOperation &entry : link->operations) {
        const QString filePath = dir.absoluteFilePath(entry.file);
        qsizetype t = theirsByKey.value(entry.operation.key, -1);
        if (t < 0 || matched.contains(t))
            t = theirsByRoute.value(describeOp(entry.operation), -1); // operationId renamed
        if (t >= 0 && matched.contains(t))
            t = -1;
        Result<SavedRequest> ours = readRequest(filePath);
        SpecChange change;
        change.operation = describeOp(entry.operation);
        change.file = entry.file;
        change.request = ours.ok() ? ours->name : entry.operation.requestName;
        SpecLinkOperation next = entry;
        if (t < 0) {
            if (!entry.removed && ours.ok()) {
                change.kind = SpecChange::Kind::Removed;
                change.details << QStringLiteral("gone from the description: the request is "
                                                 "kept and its name marked");
                SavedRequest flagged = ours.value();
                flagged.name += QStringLiteral(" (removed from the API)");
                plan.writes << SpecSyncPlan::Write {filePath, flagged};
                plan.changes << change;
            }
            next.removed = true;
            plan.link.operations << next;
            continue;
        }
        matched.insert(t);
        const SpecOperation &theirOp = theirs.operations[t];
        next.operation = theirOp;
        next.removed = false;
        const SavedRequest *theirRequest = requestFor(theirs.collection, theirOp);
        const SpecOperation *baseOp = baseByKey.value(entry.operation.key);
        const SavedRequest *baseRequest
            = baseOp ? requestFor(base->imported.collection, *baseOp) : nullptr;
        if (!ours.ok() || !theirRequest) {
            change.kind = SpecChange::Kind::Kept;
            change.details << QStringLiteral("its request file is gone (deleted?): not recreated");
            plan.changes << change;
            plan.link.operations << next;
            continue;
        }
        QStringList details;
        if (theirOp.key != entry.operation.key)
            details << QStringLiteral("operationId renamed from %1 to %2")
                           .arg(entry.operation.key, theirOp.key);
        const SavedRequest merged = mergeRequest(baseRequest ? *baseRequest : ours.value(),
                                                 *theirRequest, ours.value(), &details);
        if (!(merged == ours.value()) || !details.isEmpty()) {
            change.kind = SpecChange::Kind::Updated;
            change.details = details;
            plan.changes << change;
            if (!(merged == ours.value()))
                plan.writes << SpecSyncPlan::Write {filePath, merged};
        } else {
            ++plan.unchanged;
        }
        plan.link.operations << next;
    }
    for (qsizetype i = 0; i < theirs.operations.size(); ++i) {
        if (matched.contains(i))
            continue;
        const SpecOperation &op = theirs.operations[i];
        const SavedRequest *request = requestFor(theirs.collection, op);
        if (!request)
            continue;
        SpecChange change;
        change.kind = SpecChange::Kind::Added;
        change.operation = describeOp(op);
        change.request = request->name;
        change.file = op.folder.join(u'/');
        change.details << QStringLiteral("new in the description");
        plan.changes << change;
        SavedRequest created = *request;
        created.order = 0; // after its siblings
        plan.creates << SpecSyncPlan::Create {op.folder, created, op};
    }
    return plan;
}

SpecSyncApplier::SpecSyncApplier(SpecSyncPlan plan)
    : m_plan(std::move(plan))
    , m_dir(m_plan.collectionDir)
{ }

qsizetype SpecSyncApplier::total() const
{
    return m_plan.writes.size() + m_plan.creates.size() + 1; // the link last
}

bool SpecSyncApplier::step(Workspace &workspace, int budgetMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!isFinished()) {
        if (const Status s = stepOne(workspace); !s.ok())
            m_error = s.error();
        ++m_done;
        if (clock.elapsed() >= budgetMs)
            break;
    }
    return isFinished();
}

Status SpecSyncApplier::stepOne(Workspace &workspace)
{
    const qsizetype writes = m_plan.writes.size();
    if (m_done < writes) {
        const SpecSyncPlan::Write &write = m_plan.writes.at(m_done);
        Result<SaveOutcome> saved = workspace.saveRequest(write.path, write.request);
        if (!saved.ok())
            return saved.error();
        m_touched << write.path;
        return Ok {};
    }
    if (m_done < writes + m_plan.creates.size()) {
        const SpecSyncPlan::Create &create = m_plan.creates.at(m_done - writes);
        QString parent = m_plan.collectionDir;
        for (const QString &name : create.folder) {
            const CollectionItem *item = workspace.item(parent);
            QString found;
            if (item)
                for (const CollectionItem &child : item->children)
                    if (child.kind == ItemKind::Folder && child.name == name)
                        found = child.path;
            if (found.isEmpty()) {
                Result<QString> folder = workspace.createFolder(parent, name);
                if (!folder.ok())
                    return folder.error();
                found = folder.value();
            }
            parent = found;
        }
        Result<QString> path = workspace.createRequest(parent, create.request);
        if (!path.ok())
            return path.error();
        m_touched << path.value();
        SpecLinkOperation entry;
        entry.operation = create.operation;
        entry.operation.requestName = create.request.name;
        entry.file = m_dir.relativeFilePath(path.value());
        m_plan.link.operations << entry;
        return Ok {};
    }
    return writeSpecLink(m_plan.collectionDir, m_plan.link, *m_plan.spec.set);
}

Result<QStringList> applySpecSync(Workspace &workspace, SpecSyncPlan plan)
{
    SpecSyncApplier applier(std::move(plan));
    applier.step(workspace, std::numeric_limits<int>::max());
    if (applier.error())
        return *applier.error();
    return applier.touched();
}

} // namespace Patchbay::Core
