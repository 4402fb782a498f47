#include "core/collections/workspacewatcher.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFuture>
#include <QLoggingCategory>
#include <QPromise>
#include <QThreadPool>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

#include <algorithm>
#include <memory>

Q_LOGGING_CATEGORY(lcWatcher, "patchbay.collections.watcher")

namespace Patchbay::Core {

WorkspaceWatcher::WorkspaceWatcher(const QString &rootPath, QObject *parent, int maxWatchedFiles)
    : QObject(parent)
    , m_maxWatchedFiles(maxWatchedFiles)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, &WorkspaceWatcher::onDebounced);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &WorkspaceWatcher::onDirectoryChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &WorkspaceWatcher::onFileChanged);
    addRoot(rootPath);
}

void WorkspaceWatcher::addRoot(const QString &rootPath)
{
    const QString root = QDir::cleanPath(QFileInfo(rootPath).absoluteFilePath());
    if (m_roots.contains(root))
        return;
    m_roots.append(root);
    m_known.insert(root, stampOf(root));
    watchTree(root);
}

bool WorkspaceWatcher::removeRoot(const QString &rootPath)
{
    const QString root = QDir::cleanPath(QFileInfo(rootPath).absoluteFilePath());
    if (!m_roots.removeOne(root))
        return false;
    const QString sub = root + u'/';
    const auto under = [&](const QString &path) { return path == root || path.startsWith(sub); };
    QStringList unwatch;
    for (const QString &path : m_watcher.directories()) {
        if (under(path))
            unwatch.append(path);
    }
    for (const QString &path : m_watcher.files()) {
        if (under(path))
            unwatch.append(path);
    }
    if (!unwatch.isEmpty())
        m_watcher.removePaths(unwatch);
    m_known.removeIf([&](const QHash<QString, Stamp>::iterator &e) { return under(e.key()); });
    m_watchedFiles.removeIf(under);
    m_dirtyDirs.removeIf(under);
    m_dirtyFiles.removeIf(under);
    return true;
}

bool WorkspaceWatcher::isRelevant(const QString &name)
{
    // Hidden entries (.git) and QSaveFile's temporary files (NAME.yaml.XXXXXX) are not ours.
    return !name.startsWith(u'.');
}

WorkspaceWatcher::Stamp WorkspaceWatcher::stampOf(const QString &path)
{
    Stamp stamp;
#ifdef Q_OS_UNIX
    // One stat: atomic saves (git, editors, QSaveFile) replace the file, so a new inode shows a
    // change even within one mtime tick and with the same size.
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return stamp;
    stamp.isDir = S_ISDIR(st.st_mode);
    stamp.size = stamp.isDir ? 0 : qint64(st.st_size);
    stamp.modifiedMs = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
    stamp.inode = quint64(st.st_ino);
#else
    const QFileInfo info(path);
    if (!info.exists())
        return stamp;
    stamp.isDir = info.isDir();
    stamp.size = stamp.isDir ? 0 : info.size();
    stamp.modifiedMs = info.lastModified().toMSecsSinceEpoch();
#endif
    return stamp;
}

QList<WorkspaceWatcher::Entry> WorkspaceWatcher::readTree(const QString &dir)
{
    QList<Entry> entries;
    QDirIterator it(dir, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!isRelevant(it.fileName()) || path.contains(QLatin1String("/.")))
            continue;
        const Stamp stamp = stampOf(path);
        if (stamp.isDir || path.endsWith(QLatin1String(".yaml")))
            entries.append({path, stamp});
    }
    return entries;
}

void WorkspaceWatcher::watchTree(const QString &dir)
{
    watchEntries(dir, readTree(dir), true);
}

void WorkspaceWatcher::watchEntries(const QString &dir, const QList<Entry> &entries, bool watchDir)
{
    QStringList dirs;
    if (watchDir)
        dirs.append(dir);
    QStringList files;
    m_known.reserve(m_known.size() + entries.size());
    for (const Entry &entry : entries) {
        m_known.insert(entry.path, entry.stamp);
        (entry.stamp.isDir ? dirs : files).append(entry.path);
    }
    QStringList failed = dirs.isEmpty() ? QStringList() : m_watcher.addPaths(dirs);
    if (m_watchAllFiles && m_watchedFiles.size() + files.size() > m_maxWatchedFiles) {
        m_watchAllFiles = false;
        qCInfo(lcWatcher) << "more than" << m_maxWatchedFiles
                          << "files: watching directories, and only the files asked for";
    }
    if (m_watchAllFiles && !files.isEmpty()) {
        failed += m_watcher.addPaths(files);
        for (const QString &file : std::as_const(files))
            m_watchedFiles.insert(file);
    }
    if (!failed.isEmpty())
        qCWarning(lcWatcher) << "cannot watch" << failed.size() << "paths, e.g." << failed.first();
}

// Reading a tree stats every file in it: 24,000 files took about 100 ms of the UI thread after
// an import. A worker reads a new tree; the directory itself is watched at once. What changes
// in it before the worker is done is taken as ours, as it would be by a read on this thread
// (a new tree has no earlier state to compare with).
void WorkspaceWatcher::acknowledgeTree(const QString &dir, const Stamp &stamp)
{
    m_watcher.addPath(dir);
    auto promise = std::make_shared<QPromise<QList<Entry>>>();
    promise->start();
    // Continuations with a context run on its thread, and not at all once it is destroyed.
    promise->future().then(this, [this, dir, stamp](const QList<Entry> &entries) {
        // Removed or replaced meanwhile (an undone import): what was read is stale.
        const auto known = m_known.constFind(dir);
        if (known == m_known.constEnd() || known->inode != stamp.inode)
            return;
        watchEntries(dir, entries, false);
        emit treeAcknowledged(dir);
    });
    QThreadPool::globalInstance()->start([promise, dir] {
        promise->addResult(readTree(dir));
        promise->finish();
    });
}

void WorkspaceWatcher::addFileWatch(const QString &path)
{
    if (!m_watchAllFiles && !m_watchedFiles.contains(path))
        return;
    m_watchedFiles.insert(path);
    m_watcher.addPath(path); // also after a replace: the old inode's watch is gone
}

void WorkspaceWatcher::watchFile(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    m_watchedFiles.insert(clean);
    if (!m_known.contains(clean))
        m_known.insert(clean, stampOf(clean));
    m_watcher.addPath(clean);
}

void WorkspaceWatcher::acknowledge(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    const Stamp stamp = stampOf(clean);
    const QString dir = QFileInfo(clean).path();
    if (m_known.contains(dir))
        m_known.insert(dir, stampOf(dir));
    if (stamp.size < 0) {
        // Gone: forget it and, for a directory, everything that was under it.
        const QString sub = clean + u'/';
        m_known.removeIf([&](const QHash<QString, Stamp>::iterator &e) {
            return e.key() == clean || e.key().startsWith(sub);
        });
        return;
    }
    const bool isNew = !m_known.contains(clean);
    m_known.insert(clean, stamp);
    if (stamp.isDir && isNew)
        acknowledgeTree(clean, stamp);
    else if (stamp.isDir)
        watchTree(clean); // read now: an outside edit right after this must not be taken as ours
    else
        addFileWatch(clean);
}

void WorkspaceWatcher::onDirectoryChanged(const QString &path)
{
    m_dirtyDirs.insert(path);
    m_debounce.start();
}

void WorkspaceWatcher::onFileChanged(const QString &path)
{
    m_dirtyFiles.insert(path);
    m_debounce.start();
}

void WorkspaceWatcher::rescanDirectory(const QString &dir, QSet<QString> &changedPaths)
{
    QSet<QString> present;
    if (QFileInfo(dir).isDir()) {
        QDirIterator it(dir, QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!isRelevant(it.fileName()))
                continue;
            const QFileInfo info = it.fileInfo();
            if (!info.isDir() && !path.endsWith(QLatin1String(".yaml")))
                continue;
            present.insert(path);
            const Stamp stamp = stampOf(path);
            const auto known = m_known.constFind(path);
            if (known == m_known.constEnd()) {
                changedPaths.insert(path);
                m_known.insert(path, stamp);
                if (stamp.isDir)
                    watchTree(path);
                else
                    addFileWatch(path);
            } else if (!stamp.isDir && !(*known == stamp)) {
                changedPaths.insert(path);
                m_known.insert(path, stamp);
                addFileWatch(path); // a replaced file is a new inode to watch
            }
        }
    }
    // Known direct children that are gone.
    const QString prefix = dir + u'/';
    QStringList gone;
    for (auto it = m_known.constBegin(); it != m_known.constEnd(); ++it) {
        const QString &path = it.key();
        if (path.startsWith(prefix) && path.indexOf(u'/', prefix.size()) < 0
            && !present.contains(path))
            gone.append(path);
    }
    for (const QString &path : std::as_const(gone)) {
        changedPaths.insert(path);
        // Forget the whole subtree of a removed directory.
        const QString sub = path + u'/';
        m_known.removeIf([&](const QHash<QString, Stamp>::iterator &e) {
            return e.key() == path || e.key().startsWith(sub);
        });
    }
}

void WorkspaceWatcher::onDebounced()
{
    QSet<QString> changedPaths;
    const QSet<QString> dirs = std::exchange(m_dirtyDirs, {});
    const QSet<QString> files = std::exchange(m_dirtyFiles, {});
    for (const QString &dir : dirs)
        rescanDirectory(dir, changedPaths);
    for (const QString &file : files) {
        const Stamp stamp = stampOf(file);
        const auto known = m_known.constFind(file);
        if (stamp.size < 0) {
            if (known != m_known.constEnd()) {
                m_known.remove(file);
                changedPaths.insert(file);
            }
            continue;
        }
        if (known == m_known.constEnd() || !(*known == stamp)) {
            m_known.insert(file, stamp);
            changedPaths.insert(file);
        }
        // inotify drops the watch of a file that was replaced; watch the new one.
        addFileWatch(file);
    }
    if (changedPaths.isEmpty())
        return;
    QStringList sorted(changedPaths.begin(), changedPaths.end());
    std::sort(sorted.begin(), sorted.end());
    qCDebug(lcWatcher) << "changed on disk:" << sorted;
    emit changed(sorted);
}

} // namespace Patchbay::Core
