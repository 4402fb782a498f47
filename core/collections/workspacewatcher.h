#pragma once

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace Patchbay::Core {

// Reports files of a workspace changed on disk by someone else (git, an editor), debounced, as
// paths the UI passes to Workspace::reload() or compares with unsaved edits. Our own writes are
// not reported once acknowledge()d.
// Directories are always watched: they report files added, removed and replaced (git checkout,
// atomic saves). Edits in place (some editors) only show on a watch of the file itself; every
// file is watched up to `maxWatchedFiles` (QFileSystemWatcher's bookkeeping is quadratic: 10,000
// files take about a second), beyond that only the files passed to watchFile(), e.g. those open
// in an editor. Several roots can be watched (folders opened beside the workspace).
class WorkspaceWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceWatcher)

public:
    explicit WorkspaceWatcher(const QString &rootPath, QObject *parent = nullptr,
                              int maxWatchedFiles = 2000);

    // The first root, given to the constructor.
    QString rootPath() const { return m_roots.value(0); }
    QStringList roots() const { return m_roots; }
    // Also watches the tree under `rootPath`; nothing happens when it is watched already.
    void addRoot(const QString &rootPath);
    // Stops watching a root and everything under it. False when it was not a root.
    bool removeRoot(const QString &rootPath);
    void setDebounceInterval(int milliseconds) { m_debounce.setInterval(milliseconds); }

    // After Patchbay itself wrote, renamed or removed `path`: take its current state as known.
    // A directory not known before (an imported collection: thousands of files) has its tree
    // read by a worker, and treeAcknowledged() says when it is watched.
    void acknowledge(const QString &path);
    // Also report edits in place to this file (when not every file is watched).
    void watchFile(const QString &path);
    bool watchesAllFiles() const { return m_watchAllFiles; }

signals:
    // Files (request files, folder.yaml, collection.yaml, environment files) and directories that
    // were added, modified or removed, sorted.
    void changed(const QStringList &paths);
    // The tree under a directory given to acknowledge() is read and watched.
    void treeAcknowledged(const QString &dir);

private:
    struct Stamp
    {
        qint64 size = -1;
        qint64 modifiedMs = 0;
        quint64 inode = 0;
        bool isDir = false;

        friend bool operator==(const Stamp &, const Stamp &) = default;
    };

    void onDirectoryChanged(const QString &path);
    void onFileChanged(const QString &path);
    void onDebounced();
    struct Entry
    {
        QString path;
        Stamp stamp;
    };

    void watchTree(const QString &dir);
    // The relevant directories and files under `dir` with their stamps (any thread).
    static QList<Entry> readTree(const QString &dir);
    void watchEntries(const QString &dir, const QList<Entry> &entries, bool watchDir);
    void acknowledgeTree(const QString &dir, const Stamp &stamp);
    void addFileWatch(const QString &path);
    void rescanDirectory(const QString &dir, QSet<QString> &changedPaths);
    static bool isRelevant(const QString &name);
    static Stamp stampOf(const QString &path);

    QStringList m_roots;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QHash<QString, Stamp> m_known; // every relevant file and directory under the root
    QSet<QString> m_dirtyDirs;
    QSet<QString> m_dirtyFiles;
    QSet<QString> m_watchedFiles;
    int m_maxWatchedFiles = 2000;
    bool m_watchAllFiles = true;
};

} // namespace Patchbay::Core
