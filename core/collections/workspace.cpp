#include "core/collections/workspace.h"

#include "core/collections/authsecrets.h"
#include "core/collections/sendcontext.h"

#include "core/collections/collectionformat.h"
#include "core/collections/collectionstaging.h"
#include "core/collections/filenames.h"
#include "core/collections/savefileleftovers.h"
#include "core/common/localfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

Q_LOGGING_CATEGORY(lcWorkspace, "patchbay.collections.workspace")

namespace Patchbay::Core {

namespace {

const QString kYamlSuffix = QStringLiteral(".yaml");
const QString kCollectionFile = QStringLiteral("collection.yaml");
const QString kFolderFile = QStringLiteral("folder.yaml");
const QString kEnvironmentsDir = QStringLiteral("environments");
const QString kGlobalsFile = QStringLiteral("globals.yaml");
constexpr qint64 kOrderStep = 1000;
constexpr qint64 kMaxDeletedBytes = 512LL * 1024 * 1024;

enum class FileKind { Request, Folder, Collection, Environment };

struct ParsedFile
{
    QString path;
    FileKind kind = FileKind::Request;
    std::optional<SavedRequest> request;
    std::optional<FolderInfo> folder;
    std::optional<CollectionInfo> collection;
    std::optional<Environment> environment;
    std::optional<FileProblem> problem;
};

Error ioError(const QString &code, const QString &message)
{
    return Error {code, message};
}

// Reads a workspace file. Directories are scanned without following symbolic links, so a file
// is inside its collection unless it is itself a link: one that leads out of its folder (to
// /etc/passwd, ~/.ssh, another checkout) is not read, and nothing of its target is shown.
Result<QByteArray> readLimited(const QString &path)
{
    const QFileInfo info(path);
    if (info.isSymLink() && !isInsideFolder(info.absolutePath(), path)) {
        return ioError(QStringLiteral("link-outside"),
                       QStringLiteral("%1 is a symbolic link to a file outside its folder, so "
                                      "Patchbay does not read it. Put the file itself there "
                                      "instead of a link.")
                           .arg(path));
    }
    Result<QByteArray> bytes = readRegularFile(path, kMaxCollectionFileSize);
    if (!bytes && bytes.error().code == QLatin1String("file-too-large")) {
        return ioError(QStringLiteral("file-too-large"),
                       QStringLiteral("%1 is larger than %2 MiB; collection files are small text "
                                      "files. Check that it belongs in the collection.")
                           .arg(path)
                           .arg(kMaxCollectionFileSize / (1024 * 1024)));
    }
    return bytes;
}

template<typename T>
void takeResult(Result<T> result, std::optional<T> &slot, ParsedFile &out,
                const ParseLocation &where)
{
    if (result.ok()) {
        slot = std::move(result).value();
    } else {
        out.problem = FileProblem {out.path, where.line, where.column, result.error().code,
                                   result.error().message};
    }
}

ParsedFile parseFile(const QString &path, FileKind kind)
{
    ParsedFile out;
    out.path = path;
    out.kind = kind;
    const Result<QByteArray> bytes = readLimited(path);
    if (!bytes.ok()) {
        out.problem = FileProblem {path, 0, 0, bytes.error().code, bytes.error().message};
        return out;
    }
    ParseLocation where;
    switch (kind) {
    case FileKind::Request:
        takeResult(requestFromYaml(*bytes, &where), out.request, out, where);
        break;
    case FileKind::Folder:
        takeResult(folderFromYaml(*bytes, &where), out.folder, out, where);
        break;
    case FileKind::Collection:
        takeResult(collectionFromYaml(*bytes, &where), out.collection, out, where);
        break;
    case FileKind::Environment:
        takeResult(environmentFromYaml(*bytes, &where), out.environment, out, where);
        break;
    }
    return out;
}

// Parsing dominates opening a workspace; files are independent, so spread them over the cores.
void parseAll(std::vector<ParsedFile> &jobs)
{
    const int threads
        = std::clamp(int(jobs.size() / 64), 1, std::max(1, QThread::idealThreadCount()));
    std::atomic<size_t> next {0};
    auto work = [&jobs, &next] {
        for (size_t i = next++; i < jobs.size(); i = next++)
            jobs[i] = parseFile(jobs[i].path, jobs[i].kind);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &t : pool)
        t.join();
}

QString newerFormatReason(int version)
{
    return QStringLiteral("Written by a newer Patchbay (format version %1; this one reads %2). "
                          "It is shown read-only; update Patchbay to edit it.")
        .arg(version)
        .arg(kCollectionFormatVersion);
}

void applyVersion(CollectionItem &item, int version)
{
    item.readOnly = version > kCollectionFormatVersion;
    item.readOnlyReason = item.readOnly ? newerFormatReason(version) : QString();
}

bool itemLessThan(const CollectionItem &a, const CollectionItem &b)
{
    if (a.order != b.order)
        return a.order < b.order;
    const int byName = QString::compare(a.name, b.name, Qt::CaseInsensitive);
    if (byName != 0)
        return byName < 0;
    return a.path < b.path;
}

void sortItems(QList<CollectionItem> &items)
{
    std::sort(items.begin(), items.end(), itemLessThan);
}

void sortCollections(QList<CollectionItem> &items)
{
    std::sort(items.begin(), items.end(), [](const CollectionItem &a, const CollectionItem &b) {
        const int byName = QString::compare(a.name, b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.path < b.path;
    });
}

CollectionItem requestItem(ParsedFile parsed)
{
    CollectionItem item;
    item.kind = ItemKind::Request;
    item.path = parsed.path;
    const QString baseName = QFileInfo(parsed.path).completeBaseName();
    if (parsed.problem || !parsed.request) {
        item.problem = parsed.problem;
        item.name = baseName;
        return item;
    }
    item.request = std::move(*parsed.request);
    item.name = item.request.name.isEmpty() ? baseName : item.request.name;
    item.order = item.request.order;
    applyVersion(item, item.request.formatVersion);
    return item;
}

EnvironmentItem environmentItem(ParsedFile parsed)
{
    EnvironmentItem item;
    item.path = parsed.path;
    if (parsed.problem || !parsed.environment) {
        item.problem = parsed.problem;
        item.environment.name = QFileInfo(parsed.path).completeBaseName();
        return item;
    }
    item.environment = std::move(*parsed.environment);
    if (item.environment.name.isEmpty())
        item.environment.name = QFileInfo(parsed.path).completeBaseName();
    item.readOnly = item.environment.formatVersion > kCollectionFormatVersion;
    if (item.readOnly)
        item.readOnlyReason = newerFormatReason(item.environment.formatVersion);
    return item;
}

// globals.yaml is optional: without it the globals are empty and writable.
EnvironmentItem globalsItem(const QString &path)
{
    if (QFileInfo::exists(path))
        return environmentItem(parseFile(path, FileKind::Environment));
    EnvironmentItem empty;
    empty.path = path;
    empty.environment.name = QStringLiteral("Globals");
    return empty;
}

// Directory contents gathered before parsing, so that all files can be parsed in one batch.
struct DirListing
{
    QStringList dirs;
    QStringList requestFiles;
    QStringList environmentFiles;
    bool hasFolderFile = false;
    bool hasCollectionFile = false;
};

class TreeLoader
{
public:
    void addRoot(const QString &dir, ItemKind kind)
    {
        m_roots.append({dir, kind});
        scan(dir, kind == ItemKind::Collection);
    }

    QList<CollectionItem> load()
    {
        parseAll(m_jobs);
        for (size_t i = 0; i < m_jobs.size(); ++i)
            m_index.insert(m_jobs[i].path, i);
        QList<CollectionItem> items;
        for (const auto &[dir, kind] : std::as_const(m_roots))
            items.append(build(dir, kind));
        return items;
    }

private:
    void scan(const QString &dir, bool collectionRoot)
    {
        DirListing listing;
        QDirIterator it(dir, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            it.next();
            const QString name = it.fileName();
            const QFileInfo info = it.fileInfo();
            if (info.isDir()) {
                if (name.startsWith(u'.') || info.isSymLink())
                    continue;
                // schemas/ holds GraphQL schemas (docs/GRAPHQL.md), never requests.
                if (collectionRoot && name == QLatin1String("schemas"))
                    continue;
                if (collectionRoot && name == kEnvironmentsDir) {
                    QDirIterator envs(it.filePath(), {QStringLiteral("*.yaml")}, QDir::Files);
                    while (envs.hasNext())
                        listing.environmentFiles.append(envs.next());
                    continue;
                }
                listing.dirs.append(it.filePath());
            } else if (name.endsWith(kYamlSuffix) && !name.startsWith(u'.')) {
                if (name == kCollectionFile && collectionRoot) {
                    listing.hasCollectionFile = true;
                    addJob(it.filePath(), FileKind::Collection);
                } else if (name == kFolderFile && !collectionRoot) {
                    listing.hasFolderFile = true;
                    addJob(it.filePath(), FileKind::Folder);
                } else if (name != kCollectionFile && name != kFolderFile) {
                    listing.requestFiles.append(it.filePath());
                    addJob(it.filePath(), FileKind::Request);
                }
            }
        }
        for (const QString &env : std::as_const(listing.environmentFiles))
            addJob(env, FileKind::Environment);
        for (const QString &sub : std::as_const(listing.dirs))
            scan(sub, false);
        m_listings.insert(dir, listing);
    }

    void addJob(const QString &path, FileKind kind)
    {
        ParsedFile job;
        job.path = path;
        job.kind = kind;
        m_jobs.push_back(std::move(job));
    }

    ParsedFile take(const QString &path)
    {
        const auto it = m_index.constFind(path);
        Q_ASSERT(it != m_index.constEnd());
        return std::move(m_jobs[*it]);
    }

    CollectionItem build(const QString &dir, ItemKind kind)
    {
        const DirListing listing = m_listings.value(dir);
        CollectionItem item;
        item.kind = kind;
        item.path = dir;
        const QString dirName = QFileInfo(dir).fileName();
        if (kind == ItemKind::Collection) {
            item.name = dirName;
            if (listing.hasCollectionFile) {
                ParsedFile parsed = take(dir + u'/' + kCollectionFile);
                if (parsed.collection) {
                    item.collection = std::move(*parsed.collection);
                    if (!item.collection->name.isEmpty())
                        item.name = item.collection->name;
                    applyVersion(item, item.collection->formatVersion);
                } else {
                    item.problem = parsed.problem;
                }
            }
            for (const QString &env : listing.environmentFiles)
                item.environments.append(environmentItem(take(env)));
            std::sort(item.environments.begin(), item.environments.end(),
                      [](const EnvironmentItem &a, const EnvironmentItem &b) {
                          return QString::compare(a.environment.name, b.environment.name,
                                                  Qt::CaseInsensitive)
                              < 0;
                      });
        } else {
            item.name = dirName;
            if (listing.hasFolderFile) {
                ParsedFile parsed = take(dir + u'/' + kFolderFile);
                if (parsed.folder) {
                    item.folder = std::move(*parsed.folder);
                    if (!item.folder->name.isEmpty())
                        item.name = item.folder->name;
                    item.order = item.folder->order;
                    applyVersion(item, item.folder->formatVersion);
                } else {
                    item.problem = parsed.problem;
                }
            }
        }
        item.children.reserve(listing.dirs.size() + listing.requestFiles.size());
        for (const QString &sub : listing.dirs)
            item.children.append(build(sub, ItemKind::Folder));
        for (const QString &file : listing.requestFiles)
            item.children.append(requestItem(take(file)));
        sortItems(item.children);
        return item;
    }

    QList<std::pair<QString, ItemKind>> m_roots;
    QHash<QString, DirListing> m_listings;
    std::vector<ParsedFile> m_jobs;
    QHash<QString, size_t> m_index;
};

// The collection subfolders of the root or of a folder of collections opened beside it.
void addCollectionsUnder(TreeLoader &loader, const QString &dir)
{
    QDirIterator it(dir, QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString sub = it.next();
        if (it.fileName().startsWith(u'.'))
            continue;
        // A linked collection is followed only while it stays inside the folder.
        if (it.fileInfo().isSymLink() && !isInsideFolder(dir, sub))
            continue;
        if (QFileInfo::exists(sub + u'/' + kCollectionFile))
            loader.addRoot(sub, ItemKind::Collection);
    }
}

CollectionItem loadDirectory(const QString &dir, ItemKind kind)
{
    TreeLoader loader;
    loader.addRoot(dir, kind);
    return loader.load().value(0);
}

Status writeAtomic(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return ioError(QStringLiteral("write-failed"),
                       QStringLiteral("Could not write %1: %2. Check that the folder is writable.")
                           .arg(path, file.errorString()));
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return ioError(QStringLiteral("write-failed"),
                       QStringLiteral("Could not write %1: %2. The previous version is intact.")
                           .arg(path, reason));
    }
    return Ok {};
}

Result<SaveOutcome> writeIfChanged(const QString &path, const QByteArray &bytes)
{
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.size() == bytes.size()
        && existing.readAll() == bytes)
        return SaveOutcome::Unchanged;
    existing.close();
    const Status written = writeAtomic(path, bytes);
    if (!written.ok())
        return written.error();
    qCDebug(lcWorkspace) << "wrote" << path;
    return SaveOutcome::Written;
}

Error notFound(const QString &path)
{
    return ioError(
        QStringLiteral("not-found"),
        QStringLiteral("%1 is not an item of this workspace. Reload the workspace.").arg(path));
}

Error notWritable(const CollectionItem &item)
{
    if (item.problem) {
        return ioError(QStringLiteral("has-problem"),
                       QStringLiteral("%1 could not be read (%2); fix the file in an editor first.")
                           .arg(item.problem->path, item.problem->message));
    }
    return ioError(QStringLiteral("read-only"), item.readOnlyReason);
}

QString parentDir(const QString &path)
{
    return QFileInfo(path).path();
}

bool isInside(const QString &path, const QString &dir)
{
    return path.startsWith(dir + u'/');
}

// Every file under `dir`, for delete (undo) and duplicate.
Status collectFiles(const QString &dir, QList<DeletedItem::File> *files, QStringList *dirs)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir base(dir);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = base.relativeFilePath(path);
        if (info.isDir() && !info.isSymLink()) {
            dirs->append(relative);
            continue;
        }
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return ioError(QStringLiteral("read-failed"),
                           QStringLiteral("Could not read %1: %2.").arg(path, f.errorString()));
        }
        total += f.size();
        if (total > kMaxDeletedBytes) {
            return ioError(QStringLiteral("too-large"),
                           QStringLiteral("%1 holds more than %2 MiB; delete it outside Patchbay.")
                               .arg(dir)
                               .arg(kMaxDeletedBytes / (1024 * 1024)));
        }
        files->append({relative, f.readAll()});
    }
    std::sort(dirs->begin(), dirs->end());
    return Ok {};
}

bool isSafeRelative(const QString &relative)
{
    const QString clean = QDir::cleanPath(relative);
    return !clean.isEmpty() && !QDir::isAbsolutePath(clean) && clean != QLatin1String("..")
        && !clean.startsWith(QLatin1String("../"));
}

Status writeTree(const QString &dir, const QList<DeletedItem::File> &files, const QStringList &dirs)
{
    if (!QDir().mkpath(dir))
        return ioError(QStringLiteral("write-failed"),
                       QStringLiteral("Could not create %1.").arg(dir));
    for (const QString &sub : dirs) {
        if (!isSafeRelative(sub) || !QDir(dir).mkpath(sub))
            return ioError(QStringLiteral("write-failed"),
                           QStringLiteral("Could not create %1/%2.").arg(dir, sub));
    }
    for (const DeletedItem::File &file : files) {
        if (!isSafeRelative(file.relativePath))
            return ioError(
                QStringLiteral("invalid-path"),
                QStringLiteral("Refusing to write outside %1: %2.").arg(dir, file.relativePath));
        const QString target = dir + u'/' + QDir::cleanPath(file.relativePath);
        QDir().mkpath(parentDir(target));
        const Status written = writeAtomic(target, file.bytes);
        if (!written.ok())
            return written;
    }
    return Ok {};
}

template<typename List, typename Item>
Item *findInTree(List &roots, const QString &clean, Item **parent)
{
    List *level = &roots;
    Item *owner = nullptr;
    while (level) {
        List *nextLevel = nullptr;
        for (Item &candidate : *level) {
            if (candidate.path == clean) {
                if (parent)
                    *parent = owner;
                return &candidate;
            }
            if (candidate.kind != ItemKind::Request && isInside(clean, candidate.path)) {
                owner = &candidate;
                nextLevel = &candidate.children;
                break;
            }
        }
        level = nextLevel;
    }
    return nullptr;
}

} // namespace

// ---------------------------------------------------------------------------------------------

Result<Workspace> Workspace::open(const QString &rootPath)
{
    const QFileInfo rootInfo(rootPath);
    if (!rootInfo.isDir() || !rootInfo.isReadable()) {
        return ioError(QStringLiteral("not-a-directory"),
                       QStringLiteral("%1 is not a readable folder. Choose the workspace folder "
                                      "that holds your collections.")
                           .arg(rootPath));
    }
    Workspace ws;
    ws.m_root = QDir::cleanPath(rootInfo.absoluteFilePath());
    // Imports killed halfway left their hidden staging folders behind; live ones are locked.
    CollectionStaging::removeLeftovers(ws.m_root);
    // So did saves killed between QSaveFile's write and its rename (older than this process).
    removeStaleSaveFiles(ws.m_root, processStartTime());
    TreeLoader loader;
    addCollectionsUnder(loader, ws.m_root);
    ws.m_collections = loader.load();
    ws.sortCollectionList();
    ws.m_globals = globalsItem(ws.globalsPath());
    return ws;
}

// ---------------------------------------------------------------------------------------------
// Folders opened beside the root

Result<QStringList> Workspace::addFolder(const QString &folder)
{
    const QFileInfo info(folder);
    if (folder.trimmed().isEmpty() || !info.exists()) {
        return ioError(QStringLiteral("not-found"),
                       QStringLiteral("The folder %1 does not exist. Choose an existing folder "
                                      "of collections.")
                           .arg(folder));
    }
    if (!info.isDir()) {
        return ioError(QStringLiteral("not-a-directory"),
                       QStringLiteral("%1 is a file. Choose a collection folder (one with a "
                                      "collection.yaml) or a folder that holds collections.")
                           .arg(folder));
    }
    if (!info.isReadable()) {
        return ioError(
            QStringLiteral("read-failed"),
            QStringLiteral("The folder %1 cannot be read. Check its permissions.").arg(folder));
    }
    const QString clean = QDir::cleanPath(info.absoluteFilePath());
    // Canonical paths too, so that a symlink cannot open the same files twice.
    const QString canonical = info.canonicalFilePath();
    for (const QString &root : roots()) {
        const QString rootCanonical = QFileInfo(root).canonicalFilePath();
        const auto same
            = [&](const QString &a, const QString &b) { return !a.isEmpty() && a == b; };
        const auto inside = [&](const QString &a, const QString &b) {
            return !a.isEmpty() && !b.isEmpty() && isInside(a, b);
        };
        const QString what = root == m_root ? QStringLiteral("your workspace folder %1").arg(root)
                                            : QStringLiteral("the open folder %1").arg(root);
        if (same(clean, root) || same(canonical, rootCanonical)) {
            return ioError(QStringLiteral("already-open"),
                           QStringLiteral("%1 is already open.").arg(clean));
        }
        if (inside(clean, root) || inside(canonical, rootCanonical)) {
            return ioError(
                QStringLiteral("already-open"),
                QStringLiteral("%1 is inside %2, which is already open.").arg(clean, what));
        }
        if (inside(root, clean) || inside(rootCanonical, canonical)) {
            return ioError(
                QStringLiteral("overlaps"),
                QStringLiteral("%1 contains %2, which is already open. Choose a "
                               "folder beside it instead%3.")
                    .arg(clean, what,
                         root == m_root ? QString() : QStringLiteral(", or close that one first")));
        }
    }

    const bool isCollection = QFileInfo::exists(clean + u'/' + kCollectionFile);
    TreeLoader loader;
    if (isCollection)
        loader.addRoot(clean, ItemKind::Collection);
    else
        addCollectionsUnder(loader, clean);
    const QList<CollectionItem> loaded = loader.load();
    if (loaded.isEmpty()) {
        return ioError(QStringLiteral("no-collections"),
                       QStringLiteral("%1 holds no collections: it has no collection.yaml and "
                                      "no folder with one. Choose a collection folder or the "
                                      "folder that holds them.")
                           .arg(clean));
    }
    m_extraFolders.append({clean, isCollection});
    m_collections.append(loaded);
    sortCollectionList();
    QStringList added; // in tree order
    for (const CollectionItem &c : std::as_const(m_collections)) {
        if (rootOf(c.path) == clean)
            added.append(c.path);
    }
    return added;
}

bool Workspace::removeFolder(const QString &folder)
{
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    const qsizetype removed
        = m_extraFolders.removeIf([&](const ExtraFolder &f) { return f.path == clean; });
    if (removed == 0)
        return false;
    m_collections.removeIf(
        [&](const CollectionItem &c) { return c.path == clean || isInside(c.path, clean); });
    return true;
}

QStringList Workspace::extraFolders() const
{
    QStringList folders;
    for (const ExtraFolder &f : m_extraFolders)
        folders.append(f.path);
    return folders;
}

QStringList Workspace::roots() const
{
    QStringList all;
    if (!m_root.isEmpty())
        all.append(m_root);
    all.append(extraFolders());
    return all;
}

QString Workspace::rootOf(const QString &path) const
{
    const QString clean = QDir::cleanPath(path);
    if (!m_root.isEmpty() && isInside(clean, m_root))
        return m_root;
    for (const ExtraFolder &f : m_extraFolders) {
        if (isInside(clean, f.path) || (f.isCollection && clean == f.path))
            return f.path;
    }
    return {};
}

bool Workspace::holdsCollections(const QString &dir) const
{
    const QString clean = QDir::cleanPath(dir);
    if (!m_root.isEmpty() && clean == m_root)
        return true;
    return std::any_of(m_extraFolders.cbegin(), m_extraFolders.cend(),
                       [&](const ExtraFolder &f) { return !f.isCollection && f.path == clean; });
}

bool Workspace::isOpenedCollection(const QString &path) const
{
    const QString clean = QDir::cleanPath(path);
    return std::any_of(m_extraFolders.cbegin(), m_extraFolders.cend(),
                       [&](const ExtraFolder &f) { return f.isCollection && f.path == clean; });
}

// The root's collections first, then each opened folder's in the order opened: the tree groups
// them by where they live.
void Workspace::sortCollectionList()
{
    if (m_extraFolders.isEmpty()) {
        sortCollections(m_collections);
        return;
    }
    const QStringList order = roots();
    const auto rank = [&](const CollectionItem &c) { return order.indexOf(rootOf(c.path)); };
    std::sort(m_collections.begin(), m_collections.end(),
              [&](const CollectionItem &a, const CollectionItem &b) {
                  const qsizetype ra = rank(a);
                  const qsizetype rb = rank(b);
                  if (ra != rb)
                      return ra < rb;
                  const int byName = QString::compare(a.name, b.name, Qt::CaseInsensitive);
                  return byName != 0 ? byName < 0 : a.path < b.path;
              });
}

const CollectionItem *Workspace::findItem(const QString &path, const CollectionItem **parent) const
{
    return findInTree(m_collections, QDir::cleanPath(path), parent);
}

CollectionItem *Workspace::findItem(const QString &path, CollectionItem **parent)
{
    // Non-const traversal, so that a list shared with a copy of the workspace detaches first.
    return findInTree(m_collections, QDir::cleanPath(path), parent);
}

const CollectionItem *Workspace::item(const QString &path) const
{
    return findItem(path, nullptr);
}

CollectionItem *Workspace::collectionOf(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    for (CollectionItem &c : m_collections) {
        if (c.path == clean || isInside(clean, c.path))
            return &c;
    }
    return nullptr;
}

const EnvironmentItem *Workspace::environment(const QString &path) const
{
    const QString clean = QDir::cleanPath(path);
    for (const CollectionItem &c : m_collections) {
        for (const EnvironmentItem &e : c.environments) {
            if (e.path == clean)
                return &e;
        }
    }
    return nullptr;
}

QList<FileProblem> Workspace::problems() const
{
    QList<FileProblem> out;
    std::function<void(const CollectionItem &)> visit = [&](const CollectionItem &item) {
        if (item.problem)
            out.append(*item.problem);
        for (const EnvironmentItem &e : item.environments) {
            if (e.problem)
                out.append(*e.problem);
        }
        for (const CollectionItem &child : item.children)
            visit(child);
    };
    for (const CollectionItem &c : m_collections)
        visit(c);
    if (m_globals.problem)
        out.append(*m_globals.problem);
    return out;
}

QList<CollectionItem> *Workspace::childrenOf(const QString &parentPath)
{
    CollectionItem *parent = findItem(parentPath);
    if (!parent || parent->kind == ItemKind::Request)
        return nullptr;
    return &parent->children;
}

bool Workspace::contains(const QString &path) const
{
    return !rootOf(path).isEmpty();
}

void Workspace::removeFromTree(const QString &path)
{
    CollectionItem *parent = nullptr;
    CollectionItem *found = findItem(path, &parent);
    if (!found)
        return;
    const QString target = found->path;
    QList<CollectionItem> &siblings = parent ? parent->children : m_collections;
    siblings.removeIf([&](const CollectionItem &c) { return c.path == target; });
}

void Workspace::insertIntoTree(const QString &parentPath, CollectionItem item)
{
    if (item.kind == ItemKind::Collection) {
        m_collections.removeIf([&](const CollectionItem &c) { return c.path == item.path; });
        m_collections.append(std::move(item));
        sortCollectionList();
        return;
    }
    QList<CollectionItem> *siblings = childrenOf(parentPath);
    if (!siblings)
        return;
    siblings->removeIf([&](const CollectionItem &c) { return c.path == item.path; });
    // Into its place: the siblings are sorted already (a full sort per insert made an import of
    // thousands of requests quadratic).
    const auto at = std::upper_bound(siblings->begin(), siblings->end(), item, itemLessThan);
    siblings->insert(at, std::move(item));
}

qint64 Workspace::nextOrder(const QString &parentPath) const
{
    const CollectionItem *parent = item(parentPath);
    qint64 last = 0;
    if (parent) {
        for (const CollectionItem &c : parent->children)
            last = std::max(last, c.order);
    }
    return last + kOrderStep;
}

// ---------------------------------------------------------------------------------------------
// Saving

Status Workspace::keepAuthSecrets(const QString &path, Auth &auth, VariableList *own,
                                  ScopeKind scope)
{
    if (literalAuthSecrets(auth).isEmpty())
        return Ok {};
    CollectionItem *collection = collectionOf(path);
    if (!collection)
        return notFound(path);
    // Folder and collection variables share the collection's keyring keys, and a collection
    // variable hides an environment's: a new name must be unused in all of them, and by every
    // {{reference}} in the collection.
    QStringList taken = variableNamesInUse(*collection, m_globals.environment.variables);
    addVariableReferences(auth, taken);
    CollectionInfo info = *collection->collection;
    const QString collectionPath = collection->path;
    VariableList &target = own ? *own : info.variables;
    const QList<MovedSecret> moved = moveLiteralAuthSecrets(auth, target, taken);
    // Without a sink (no keyring here) the variable is made without its value: the send reports
    // it as undefined until the user enters it, and the text never reaches a file.
    for (const MovedSecret &secret : moved) {
        if (m_secretSink)
            m_secretSink(secretKeyFor(info.id, scope, QString(), secret.variable), secret.value);
    }
    if (!own) {
        const Result<SaveOutcome> saved = saveCollection(collectionPath, info);
        if (!saved.ok())
            return saved.error();
    }
    return Ok {};
}

Result<SaveOutcome> Workspace::saveRequest(const QString &path, const SavedRequest &request)
{
    CollectionItem *found = findItem(path);
    if (!found || found->kind != ItemKind::Request)
        return notFound(path);
    if (found->readOnly || found->problem)
        return notWritable(*found);
    SavedRequest saved = request;
    saved.formatVersion = requestFormatVersion(saved);
    if (const Status kept = keepAuthSecrets(path, saved.request.auth, nullptr); !kept.ok())
        return kept.error();
    found = findItem(path); // saving the collection may have moved the tree's items
    const Result<SaveOutcome> outcome = writeIfChanged(found->path, requestToYaml(saved));
    if (!outcome.ok())
        return outcome;
    if (*outcome == SaveOutcome::Written)
        noteTouched(found->path);
    const bool resort = found->order != saved.order || found->name != saved.name;
    found->request = saved;
    found->name = saved.name.isEmpty() ? QFileInfo(found->path).completeBaseName() : saved.name;
    found->order = saved.order;
    if (resort) {
        CollectionItem *parent = nullptr;
        findItem(path, &parent);
        if (parent)
            sortItems(parent->children);
    }
    return outcome;
}

Result<SaveOutcome> Workspace::saveCollection(const QString &collectionPath,
                                              const CollectionInfo &info)
{
    CollectionItem *found = findItem(collectionPath);
    if (!found || found->kind != ItemKind::Collection)
        return notFound(collectionPath);
    if (found->readOnly || found->problem)
        return notWritable(*found);
    CollectionInfo saved = info;
    saved.formatVersion = kBaseFormatVersion;
    if (const Status kept = keepAuthSecrets(collectionPath, saved.auth, &saved.variables);
        !kept.ok())
        return kept.error();
    const Result<SaveOutcome> outcome
        = writeIfChanged(found->path + u'/' + kCollectionFile, collectionToYaml(saved));
    if (outcome.ok()) {
        if (*outcome == SaveOutcome::Written)
            noteTouched(found->path + u'/' + kCollectionFile);
        found->collection = saved;
        found->name = saved.name.isEmpty() ? QFileInfo(found->path).fileName() : saved.name;
        sortCollectionList();
    }
    return outcome;
}

Result<SaveOutcome> Workspace::saveFolder(const QString &folderPath, const FolderInfo &info)
{
    CollectionItem *found = findItem(folderPath);
    if (!found || found->kind != ItemKind::Folder)
        return notFound(folderPath);
    if (found->readOnly || found->problem)
        return notWritable(*found);
    FolderInfo saved = info;
    saved.formatVersion = kBaseFormatVersion;
    if (const Status kept
        = keepAuthSecrets(folderPath, saved.auth, &saved.variables, ScopeKind::Folder);
        !kept.ok())
        return kept.error();
    const Result<SaveOutcome> outcome
        = writeIfChanged(found->path + u'/' + kFolderFile, folderToYaml(saved));
    if (outcome.ok()) {
        if (*outcome == SaveOutcome::Written)
            noteTouched(found->path + u'/' + kFolderFile);
        found->folder = saved;
        found->name = saved.name.isEmpty() ? QFileInfo(found->path).fileName() : saved.name;
        found->order = saved.order;
        CollectionItem *parent = nullptr;
        findItem(folderPath, &parent);
        if (parent)
            sortItems(parent->children);
    }
    return outcome;
}

Result<SaveOutcome> Workspace::saveEnvironment(const QString &environmentPath,
                                               const Environment &environment)
{
    const QString clean = QDir::cleanPath(environmentPath);
    CollectionItem *collection = collectionOf(clean);
    if (!collection)
        return notFound(clean);
    for (EnvironmentItem &e : collection->environments) {
        if (e.path != clean)
            continue;
        if (e.readOnly)
            return ioError(QStringLiteral("read-only"), e.readOnlyReason);
        if (e.problem)
            return ioError(QStringLiteral("has-problem"), e.problem->message);
        Environment saved = environment;
        saved.formatVersion = kBaseFormatVersion;
        const Result<SaveOutcome> outcome = writeIfChanged(clean, environmentToYaml(saved));
        if (outcome.ok())
            e.environment = saved;
        if (outcome.ok() && *outcome == SaveOutcome::Written)
            noteTouched(clean);
        return outcome;
    }
    return notFound(clean);
}

QString Workspace::globalsPath() const
{
    return m_root + u'/' + kGlobalsFile;
}

Result<SaveOutcome> Workspace::saveGlobals(const Environment &globals)
{
    if (m_root.isEmpty())
        return ioError(QStringLiteral("no-workspace"),
                       QStringLiteral("No workspace is open; open one before saving globals."));
    if (m_globals.readOnly)
        return ioError(QStringLiteral("read-only"), m_globals.readOnlyReason);
    if (m_globals.problem)
        return ioError(QStringLiteral("has-problem"), m_globals.problem->message);
    Environment saved = globals;
    saved.formatVersion = kBaseFormatVersion;
    const QString path = globalsPath();
    const Result<SaveOutcome> outcome = writeIfChanged(path, environmentToYaml(saved));
    if (outcome.ok()) {
        m_globals.path = path;
        m_globals.environment = saved;
    }
    if (outcome.ok() && *outcome == SaveOutcome::Written)
        noteTouched(path);
    return outcome;
}

// ---------------------------------------------------------------------------------------------
// Creating

Result<QString> Workspace::createCollection(const QString &name)
{
    if (m_root.isEmpty())
        return ioError(QStringLiteral("no-workspace"),
                       QStringLiteral("No workspace folder is open; open one before creating a "
                                      "collection."));
    const QString dir = m_root + u'/' + uniqueEntryName(m_root, name, QString(), {}, u"collection");
    if (!QDir().mkpath(dir))
        return ioError(QStringLiteral("write-failed"),
                       QStringLiteral("Could not create %1.").arg(dir));
    CollectionInfo info;
    info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    info.name = name;
    const Status written = writeAtomic(dir + u'/' + kCollectionFile, collectionToYaml(info));
    if (!written.ok()) {
        QDir(dir).removeRecursively();
        return written.error();
    }
    insertIntoTree(m_root, loadDirectory(dir, ItemKind::Collection));
    noteTouched(dir);
    return dir;
}

Result<QString> Workspace::createFolder(const QString &parentPath, const QString &name)
{
    const CollectionItem *parent = item(parentPath);
    if (!parent || parent->kind == ItemKind::Request)
        return notFound(parentPath);
    const QString dir
        = parent->path + u'/' + newEntryName(parent->path, name, QString(), u"folder");
    if (!QDir().mkpath(dir))
        return ioError(QStringLiteral("write-failed"),
                       QStringLiteral("Could not create %1.").arg(dir));
    FolderInfo info;
    info.name = name;
    info.order = nextOrder(parent->path);
    const Status written = writeAtomic(dir + u'/' + kFolderFile, folderToYaml(info));
    if (!written.ok()) {
        QDir(dir).removeRecursively();
        return written.error();
    }
    const QString parentDirPath = parent->path;
    insertIntoTree(parentDirPath, loadDirectory(dir, ItemKind::Folder));
    noteTouched(dir);
    return dir;
}

Result<QString> Workspace::createRequest(const QString &parentPath, const SavedRequest &request)
{
    const CollectionItem *parent = item(parentPath);
    if (!parent || parent->kind == ItemKind::Request)
        return notFound(parentPath);
    const QString dir = parent->path;
    const QString file = dir + u'/' + newEntryName(dir, request.name, kYamlSuffix, u"request");
    SavedRequest saved = request;
    saved.formatVersion = requestFormatVersion(saved);
    if (const Status kept = keepAuthSecrets(dir, saved.request.auth, nullptr); !kept.ok())
        return kept.error();
    if (saved.order == 0)
        saved.order = nextOrder(dir);
    const Status written = writeAtomic(file, requestToYaml(saved));
    if (!written.ok())
        return written.error();
    ParsedFile parsed;
    parsed.path = file;
    parsed.request = saved;
    insertIntoTree(dir, requestItem(std::move(parsed)));
    noteTouched(file);
    return file;
}

Result<QString> Workspace::createEnvironment(const QString &collectionPath,
                                             const Environment &environment)
{
    CollectionItem *collection = findItem(collectionPath);
    if (!collection || collection->kind != ItemKind::Collection)
        return notFound(collectionPath);
    const QString dir = collection->path + u'/' + kEnvironmentsDir;
    if (!QDir().mkpath(dir))
        return ioError(QStringLiteral("write-failed"),
                       QStringLiteral("Could not create %1.").arg(dir));
    const QString file
        = dir + u'/' + uniqueEntryName(dir, environment.name, kYamlSuffix, {}, u"environment");
    Environment saved = environment;
    saved.formatVersion = kBaseFormatVersion;
    const Status written = writeAtomic(file, environmentToYaml(saved));
    if (!written.ok())
        return written.error();
    collection->environments.append({file, saved, false, {}, std::nullopt});
    std::sort(collection->environments.begin(), collection->environments.end(),
              [](const EnvironmentItem &a, const EnvironmentItem &b) {
                  return QString::compare(a.environment.name, b.environment.name,
                                          Qt::CaseInsensitive)
                      < 0;
              });
    noteTouched(dir);
    noteTouched(file);
    return file;
}

// ---------------------------------------------------------------------------------------------
// Rename, move, duplicate

Result<QString> Workspace::rename(const QString &path, const QString &newName)
{
    CollectionItem *found = findItem(path);
    if (!found)
        return notFound(path);
    if (found->readOnly || found->problem)
        return notWritable(*found);
    const QString dir = parentDir(found->path);
    const QString oldEntry = QFileInfo(found->path).fileName();

    if (found->kind == ItemKind::Request) {
        SavedRequest saved = found->request;
        saved.name = newName;
        const QString entry = uniqueEntryName(dir, newName, kYamlSuffix, oldEntry);
        if (entry == oldEntry) {
            const QString samePath = found->path;
            const Result<SaveOutcome> outcome = saveRequest(samePath, saved);
            if (!outcome.ok())
                return outcome.error();
            return samePath;
        }
        const QString target = dir + u'/' + entry;
        saved.formatVersion = requestFormatVersion(saved);
        // The new file exists before the old one goes: a crash in between leaves two copies,
        // never none.
        const Status written = writeAtomic(target, requestToYaml(saved));
        if (!written.ok())
            return written.error();
        const QString oldPath = found->path;
        if (!QFile::remove(oldPath)) {
            QFile::remove(target);
            return ioError(
                QStringLiteral("remove-failed"),
                QStringLiteral("Could not remove %1; the rename was undone.").arg(oldPath));
        }
        removeFromTree(oldPath);
        ParsedFile parsed;
        parsed.path = target;
        parsed.request = saved;
        insertIntoTree(dir, requestItem(std::move(parsed)));
        noteTouched(oldPath);
        noteTouched(target);
        return target;
    }

    // Folders and collections: the display name goes into their file, then the directory is
    // renamed in one step (rename(2) is atomic).
    const QString oldPath = found->path;
    const ItemKind kind = found->kind;
    if (kind == ItemKind::Folder) {
        FolderInfo info = found->folder;
        if (info.name.isEmpty() && info.order == 0)
            info.order = found->order;
        info.name = newName;
        const Result<SaveOutcome> saved = saveFolder(oldPath, info);
        if (!saved.ok())
            return saved.error();
    } else {
        CollectionInfo info = found->collection;
        info.name = newName;
        const Result<SaveOutcome> saved = saveCollection(oldPath, info);
        if (!saved.ok())
            return saved.error();
    }
    const QString entry = uniqueEntryName(dir, newName, QString(), oldEntry,
                                          kind == ItemKind::Folder ? u"folder" : u"collection");
    QString target = oldPath;
    // A collection folder opened on its own keeps its directory name: the user chose that folder.
    if (entry != oldEntry && !isOpenedCollection(oldPath)) {
        target = dir + u'/' + entry;
        if (!QDir().rename(oldPath, target))
            return ioError(QStringLiteral("rename-failed"),
                           QStringLiteral("Could not rename %1 to %2; the name inside was updated.")
                               .arg(oldPath, target));
    }
    removeFromTree(oldPath);
    insertIntoTree(dir, loadDirectory(target, kind));
    noteTouched(oldPath);
    noteTouched(target);
    return target;
}

Result<QString> Workspace::move(const QString &path, const QString &newParentPath)
{
    const CollectionItem *found = item(path);
    const CollectionItem *target = item(newParentPath);
    if (!found)
        return notFound(path);
    if (!target || target->kind == ItemKind::Request)
        return notFound(newParentPath);
    if (found->kind == ItemKind::Collection)
        return ioError(QStringLiteral("invalid-move"),
                       QStringLiteral("A collection cannot be moved into another one."));
    const QString sourcePath = found->path;
    const QString targetDir = target->path;
    const QString oldDir = parentDir(sourcePath);
    if (oldDir == targetDir)
        return sourcePath;
    if (targetDir == sourcePath || isInside(targetDir, sourcePath))
        return ioError(QStringLiteral("invalid-move"),
                       QStringLiteral("A folder cannot be moved into itself."));
    const qint64 order = nextOrder(targetDir);

    if (found->kind == ItemKind::Request) {
        const QString destination
            = targetDir + u'/' + uniqueEntryName(targetDir, found->name, kYamlSuffix);
        QByteArray bytes;
        std::optional<SavedRequest> saved;
        if (found->readOnly || found->problem) {
            // Files we cannot rewrite travel as they are.
            const Result<QByteArray> raw = readLimited(sourcePath);
            if (!raw.ok())
                return raw.error();
            bytes = *raw;
        } else {
            saved = found->request;
            saved->order = order;
            saved->formatVersion = requestFormatVersion(*saved);
            bytes = requestToYaml(*saved);
        }
        const Status written = writeAtomic(destination, bytes);
        if (!written.ok())
            return written.error();
        if (!QFile::remove(sourcePath)) {
            QFile::remove(destination);
            return ioError(
                QStringLiteral("remove-failed"),
                QStringLiteral("Could not remove %1; the move was undone.").arg(sourcePath));
        }
        removeFromTree(sourcePath);
        insertIntoTree(targetDir, requestItem(parseFile(destination, FileKind::Request)));
        noteTouched(sourcePath);
        noteTouched(destination);
        return destination;
    }

    const QString destination = targetDir + u'/'
        + uniqueEntryName(targetDir, QFileInfo(sourcePath).fileName(), QString(), {}, u"folder");
    if (!QDir().rename(sourcePath, destination)) {
        // Opened folders may live on another file system, where rename(2) fails: copy, then
        // remove the original only once the copy is complete.
        QList<DeletedItem::File> files;
        QStringList dirs;
        const Status collected = collectFiles(sourcePath, &files, &dirs);
        if (!collected.ok())
            return collected.error();
        const Status written = writeTree(destination, files, dirs);
        if (!written.ok()) {
            QDir(destination).removeRecursively();
            return ioError(QStringLiteral("rename-failed"),
                           QStringLiteral("Could not move %1 to %2: %3")
                               .arg(sourcePath, destination, written.error().message));
        }
        if (!QDir(sourcePath).removeRecursively())
            qCWarning(lcWorkspace) << "moved" << sourcePath << "but could not remove all of it";
    }
    removeFromTree(sourcePath);
    CollectionItem moved = loadDirectory(destination, ItemKind::Folder);
    if (!moved.readOnly && !moved.problem) {
        FolderInfo info = moved.folder;
        if (info.name.isEmpty())
            info.name = moved.name;
        info.order = order;
        info.formatVersion = kBaseFormatVersion;
        if (writeIfChanged(destination + u'/' + kFolderFile, folderToYaml(info)).ok()) {
            moved.folder = info;
            moved.order = order;
        }
    }
    insertIntoTree(targetDir, std::move(moved));
    noteTouched(sourcePath);
    noteTouched(destination);
    return destination;
}

Result<QString> Workspace::duplicate(const QString &path)
{
    const CollectionItem *found = item(path);
    if (!found)
        return notFound(path);
    if (found->readOnly || found->problem)
        return notWritable(*found);
    QString dir = parentDir(found->path);
    const QString copyName = found->name + QLatin1String(" copy");
    // The copy of a collection folder opened on its own would land outside every open folder.
    if (found->kind == ItemKind::Collection && !holdsCollections(dir)) {
        if (m_root.isEmpty())
            return ioError(QStringLiteral("no-workspace"),
                           QStringLiteral("No workspace folder is open to hold the copy."));
        dir = m_root;
    }

    // Right after the original: halfway to the next sibling when there is room.
    qint64 order = found->order;
    const CollectionItem *parent = nullptr;
    findItem(found->path, &parent);
    if (parent) {
        const QList<CollectionItem> &siblings = parent->children;
        for (qsizetype i = 0; i < siblings.size(); ++i) {
            if (siblings.at(i).path != found->path)
                continue;
            if (i + 1 < siblings.size() && siblings.at(i + 1).order - found->order >= 2)
                order = found->order + (siblings.at(i + 1).order - found->order) / 2;
            else if (i + 1 == siblings.size())
                order = found->order + kOrderStep;
            break;
        }
    }

    if (found->kind == ItemKind::Request) {
        SavedRequest saved = found->request;
        saved.name = copyName;
        saved.order = order;
        return createRequest(dir, saved);
    }

    const ItemKind kind = found->kind;
    const QString sourcePath = found->path;
    QList<DeletedItem::File> files;
    QStringList dirs;
    const Status collected = collectFiles(sourcePath, &files, &dirs);
    if (!collected.ok())
        return collected.error();
    const QString destination = dir + u'/'
        + uniqueEntryName(dir, copyName, QString(), {},
                          kind == ItemKind::Folder ? u"folder" : u"collection");
    const Status written = writeTree(destination, files, dirs);
    if (!written.ok()) {
        QDir(destination).removeRecursively();
        return written.error();
    }
    if (kind == ItemKind::Folder) {
        FolderInfo info = found->folder;
        info.name = copyName;
        info.order = order;
        info.formatVersion = kBaseFormatVersion;
        writeAtomic(destination + u'/' + kFolderFile, folderToYaml(info));
    } else {
        CollectionInfo info = found->collection;
        info.name = copyName;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.formatVersion = kBaseFormatVersion;
        writeAtomic(destination + u'/' + kCollectionFile, collectionToYaml(info));
    }
    insertIntoTree(kind == ItemKind::Collection ? m_root : dir, loadDirectory(destination, kind));
    noteTouched(destination);
    return destination;
}

// ---------------------------------------------------------------------------------------------
// Delete and undo

Result<DeletedItem> Workspace::remove(const QString &path)
{
    const CollectionItem *found = item(path);
    if (!found)
        return notFound(path);
    DeletedItem deleted;
    deleted.kind = found->kind;
    deleted.path = found->path;
    if (found->kind == ItemKind::Request) {
        QFile f(found->path);
        if (!f.open(QIODevice::ReadOnly))
            return ioError(
                QStringLiteral("read-failed"),
                QStringLiteral("Could not read %1: %2.").arg(found->path, f.errorString()));
        deleted.files.append({QFileInfo(found->path).fileName(), f.readAll()});
        f.close();
        if (!QFile::remove(deleted.path))
            return ioError(
                QStringLiteral("remove-failed"),
                QStringLiteral("Could not delete %1. Check its permissions.").arg(deleted.path));
    } else {
        const Status collected = collectFiles(deleted.path, &deleted.files, &deleted.directories);
        if (!collected.ok())
            return collected.error();
        if (!QDir(deleted.path).removeRecursively())
            return ioError(QStringLiteral("remove-failed"),
                           QStringLiteral("Could not delete all of %1. Check its permissions.")
                               .arg(deleted.path));
    }
    removeFromTree(deleted.path);
    noteTouched(deleted.path);
    return deleted;
}

Result<QString> Workspace::restore(const DeletedItem &deleted)
{
    const QString path = QDir::cleanPath(deleted.path);
    if (!contains(path))
        return ioError(QStringLiteral("invalid-path"),
                       QStringLiteral("%1 is outside this workspace.").arg(path));
    if (QFileInfo::exists(path))
        return ioError(
            QStringLiteral("exists"),
            QStringLiteral("%1 exists again; rename or remove it, then undo.").arg(path));
    const QString parent = parentDir(path);
    if (deleted.kind != ItemKind::Collection && !findItem(parent))
        return ioError(
            QStringLiteral("not-found"),
            QStringLiteral("The folder %1 is gone; the item cannot go back there.").arg(parent));
    if (deleted.kind == ItemKind::Request) {
        if (deleted.files.size() != 1)
            return ioError(QStringLiteral("invalid-path"), QStringLiteral("Nothing to restore."));
        const Status written = writeAtomic(path, deleted.files.constFirst().bytes);
        if (!written.ok())
            return written.error();
        insertIntoTree(parent, requestItem(parseFile(path, FileKind::Request)));
        noteTouched(path);
        return path;
    }
    const Status written = writeTree(path, deleted.files, deleted.directories);
    if (!written.ok())
        return written.error();
    insertIntoTree(deleted.kind == ItemKind::Collection ? m_root : parent,
                   loadDirectory(path, deleted.kind));
    noteTouched(path);
    return path;
}

// ---------------------------------------------------------------------------------------------
// Order

Result<SaveOutcome> Workspace::writeItemOrder(CollectionItem &target, qint64 order)
{
    if (target.kind == ItemKind::Request) {
        SavedRequest saved = target.request;
        saved.order = order;
        saved.formatVersion = requestFormatVersion(saved);
        const Result<SaveOutcome> outcome = writeIfChanged(target.path, requestToYaml(saved));
        if (outcome.ok()) {
            target.request = saved;
            target.order = order;
        }
        return outcome;
    }
    FolderInfo info = target.folder;
    if (info.name.isEmpty())
        info.name = target.name;
    info.order = order;
    info.formatVersion = kBaseFormatVersion;
    const Result<SaveOutcome> outcome
        = writeIfChanged(target.path + u'/' + kFolderFile, folderToYaml(info));
    if (outcome.ok()) {
        target.folder = info;
        target.order = order;
    }
    return outcome;
}

Result<QStringList> Workspace::reorder(const QString &path, int newIndex)
{
    CollectionItem *parent = nullptr;
    CollectionItem *found = findItem(path, &parent);
    if (!found || !parent)
        return notFound(path);
    if (found->readOnly || found->problem)
        return notWritable(*found);
    const QString movedPath = found->path;
    QList<CollectionItem> &children = parent->children;
    QList<CollectionItem *> siblings;
    CollectionItem *moved = nullptr;
    for (CollectionItem &c : children) {
        if (c.path == movedPath)
            moved = &c;
        else
            siblings.append(&c);
    }
    const qsizetype index = std::clamp<qsizetype>(newIndex, 0, siblings.size());
    const CollectionItem *before = index > 0 ? siblings.at(index - 1) : nullptr;
    const CollectionItem *after = index < siblings.size() ? siblings.at(index) : nullptr;

    QStringList rewritten;
    auto fits = [&](qint64 order) {
        return (!before || before->order < order) && (!after || order < after->order);
    };
    std::optional<qint64> single;
    if (fits(moved->order))
        single = moved->order;
    else if (!before && after)
        single = after->order - kOrderStep;
    else if (before && !after)
        single = before->order + kOrderStep;
    else if (before && after && after->order - before->order >= 2)
        single = before->order + (after->order - before->order) / 2;

    if (single) {
        if (*single != moved->order) {
            const Result<SaveOutcome> outcome = writeItemOrder(*moved, *single);
            if (!outcome.ok())
                return outcome.error();
            rewritten.append(moved->path);
        }
    } else {
        // No room between the neighbours: renumber, rewriting only the keys that change.
        siblings.insert(index, moved);
        for (qsizetype i = 0; i < siblings.size(); ++i) {
            CollectionItem *sibling = siblings.at(i);
            const qint64 order = (i + 1) * kOrderStep;
            if (sibling->order == order)
                continue;
            if (sibling->readOnly || sibling->problem)
                continue; // never rewrite a file we cannot read back
            const Result<SaveOutcome> outcome = writeItemOrder(*sibling, order);
            if (!outcome.ok())
                return outcome.error();
            if (*outcome == SaveOutcome::Written)
                rewritten.append(sibling->path);
        }
    }
    sortItems(children);
    for (const QString &path : std::as_const(rewritten))
        noteTouched(path);
    return rewritten;
}

// ---------------------------------------------------------------------------------------------
// Reload

namespace {

QString relocatedPath(const QString &path, const QString &from, const QString &to)
{
    return path == from || path.startsWith(from + u'/') ? to + path.mid(from.size()) : path;
}

void relocate(CollectionItem &item, const QString &from, const QString &to)
{
    item.path = relocatedPath(item.path, from, to);
    if (item.problem)
        item.problem->path = relocatedPath(item.problem->path, from, to);
    for (EnvironmentItem &e : item.environments) {
        e.path = relocatedPath(e.path, from, to);
        if (e.problem)
            e.problem->path = relocatedPath(e.problem->path, from, to);
    }
    for (CollectionItem &child : item.children)
        relocate(child, from, to);
}

} // namespace

void Workspace::relocateTree(CollectionItem &item, const QString &from, const QString &to)
{
    relocate(item, QDir::cleanPath(from), QDir::cleanPath(to));
}

QString Workspace::newEntryName(const QString &dir, QStringView name, const QString &suffix,
                                QStringView fallback)
{
    if (!m_exclusive)
        return uniqueEntryName(dir, name, suffix, {}, fallback);
    const auto read = [&dir] {
        QSet<QString> names;
        QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            it.next();
            names.insert(it.fileName().toLower());
        }
        return names;
    };
    auto known = m_entryNames.find(dir);
    if (known == m_entryNames.end())
        known = m_entryNames.insert(dir, read());
    QString entry = uniqueEntryNameAmong(*known, name, suffix, fallback);
    if (QFileInfo::exists(dir + u'/' + entry)) { // written by something else after all
        *known = read();
        entry = uniqueEntryNameAmong(*known, name, suffix, fallback);
    }
    known->insert(entry.toLower());
    return entry;
}

Status Workspace::adoptCollection(const CollectionItem &staged, const QString &stagedPath,
                                  const QString &finalPath)
{
    const QString clean = QDir::cleanPath(finalPath);
    if (staged.kind != ItemKind::Collection || parentDir(clean) != QDir::cleanPath(m_root)
        || !QFileInfo::exists(clean + u'/' + kCollectionFile))
        return reload(clean);
    CollectionItem item = staged; // shares its children until one changes
    if (QDir::cleanPath(stagedPath) != clean)
        relocate(item, QDir::cleanPath(stagedPath), clean);
    removeFromTree(clean);
    insertIntoTree(m_root, std::move(item));
    noteTouched(clean); // ours: the watcher must not read it all again as an outside change
    return Ok {};
}

Status Workspace::reload(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    if (!contains(clean))
        return ioError(QStringLiteral("invalid-path"),
                       QStringLiteral("%1 is outside this workspace.").arg(clean));
    const QFileInfo info(clean);
    const QString dir = info.path();
    const QString fileName = info.fileName();

    if (clean == globalsPath()) {
        m_globals = globalsItem(clean);
        return Ok {};
    }
    // A collection directory directly under the root or an opened folder of collections, or
    // a collection folder opened on its own.
    if (holdsCollections(dir) || isOpenedCollection(clean)) {
        removeFromTree(clean);
        if (info.isDir() && (!info.isSymLink() || isInsideFolder(dir, clean))
            && QFileInfo::exists(clean + u'/' + kCollectionFile))
            insertIntoTree(dir, loadDirectory(clean, ItemKind::Collection));
        return Ok {};
    }
    CollectionItem *collection = collectionOf(clean);
    if (!collection)
        return notFound(clean);

    // Environment files.
    if (QFileInfo(dir).fileName() == kEnvironmentsDir && parentDir(dir) == collection->path) {
        collection->environments.removeIf(
            [&](const EnvironmentItem &e) { return e.path == clean; });
        if (info.isFile() && fileName.endsWith(kYamlSuffix))
            collection->environments.append(
                environmentItem(parseFile(clean, FileKind::Environment)));
        std::sort(collection->environments.begin(), collection->environments.end(),
                  [](const EnvironmentItem &a, const EnvironmentItem &b) {
                      return QString::compare(a.environment.name, b.environment.name,
                                              Qt::CaseInsensitive)
                          < 0;
                  });
        return Ok {};
    }
    if (clean == collection->path + u'/' + kEnvironmentsDir) {
        const QString collectionPath = collection->path;
        removeFromTree(collectionPath);
        insertIntoTree(m_root, loadDirectory(collectionPath, ItemKind::Collection));
        return Ok {};
    }

    // collection.yaml / folder.yaml: the owning directory's own data (children kept).
    if (fileName == kCollectionFile || fileName == kFolderFile) {
        CollectionItem *owner = findItem(dir);
        if (!owner)
            return reload(dir);
        const ItemKind kind = owner->kind;
        *owner = loadDirectory(dir, kind);
        if (kind == ItemKind::Collection) {
            sortCollectionList();
        } else {
            CollectionItem *parent = nullptr;
            findItem(dir, &parent);
            if (parent)
                sortItems(parent->children);
        }
        return Ok {};
    }

    // Requests and folders.
    if (!findItem(dir) && dir != collection->path)
        return reload(dir);
    removeFromTree(clean);
    if (info.isDir() && !info.isSymLink() && !fileName.startsWith(u'.'))
        insertIntoTree(dir, loadDirectory(clean, ItemKind::Folder));
    else if (info.isFile() && fileName.endsWith(kYamlSuffix) && !fileName.startsWith(u'.'))
        insertIntoTree(dir, requestItem(parseFile(clean, FileKind::Request)));
    return Ok {};
}

// ---------------------------------------------------------------------------------------------

void Workspace::noteTouched(const QString &path)
{
    if (!m_touched.contains(path))
        m_touched.append(path);
}

QStringList Workspace::takeTouchedPaths()
{
    return std::exchange(m_touched, {});
}

QList<VariableScope> Workspace::scopesFor(const QString &path) const
{
    QList<VariableScope> scopes;
    const QString clean = QDir::cleanPath(path);
    for (const CollectionItem &c : m_collections) {
        if (c.path != clean && !isInside(clean, c.path))
            continue;
        QList<VariableScope> folders;
        const QList<CollectionItem> *level = &c.children;
        while (level) {
            const QList<CollectionItem> *next = nullptr;
            for (const CollectionItem &child : *level) {
                if (child.kind == ItemKind::Folder
                    && (child.path == clean || isInside(clean, child.path))) {
                    folders.prepend({ScopeKind::Folder, child.name, child.folder->variables});
                    next = &child.children;
                    break;
                }
            }
            level = next;
        }
        scopes = folders;
        scopes.append({ScopeKind::Collection, c.name, c.collection->variables});
        break;
    }
    return scopes;
}

} // namespace Patchbay::Core
