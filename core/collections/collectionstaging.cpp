#include "core/collections/collectionstaging.h"

#include "core/collections/filenames.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcStaging, "patchbay.collections.staging")

namespace Patchbay::Core {

namespace {

QString lockPathFor(const QString &stagingPath)
{
    return stagingPath + QStringLiteral(".lock");
}

QString randomSuffix()
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString suffix;
    for (int i = 0; i < 8; ++i)
        suffix += QLatin1Char(letters[QRandomGenerator::global()->bounded(36)]);
    return suffix;
}

} // namespace

CollectionStaging::CollectionStaging(QString root, QString path, std::unique_ptr<QLockFile> lock)
    : m_root(std::move(root))
    , m_path(std::move(path))
    , m_lock(std::move(lock))
{ }

CollectionStaging::~CollectionStaging()
{
    QDir(m_path).removeRecursively();
    m_lock->unlock(); // removes the lock file
}

Result<std::unique_ptr<CollectionStaging>> CollectionStaging::begin(const QString &workspaceRoot)
{
    const QString root = QDir::cleanPath(workspaceRoot);
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QString path = root + u'/' + kPrefix + randomSuffix();
        // The lock first, then the folder: a folder without a live lock is always a leftover.
        auto lock = std::make_unique<QLockFile>(lockPathFor(path));
        lock->setStaleLockTime(0); // never taken over by age: only when its process is gone
        if (!lock->tryLock(0) || QFileInfo::exists(path))
            continue;
        if (!QDir().mkdir(path)) {
            return Error {QStringLiteral("write-failed"),
                          QStringLiteral("Could not create the folder %1 to import into. Check "
                                         "that the workspace folder is writable.")
                              .arg(path)};
        }
        return std::unique_ptr<CollectionStaging>(
            new CollectionStaging(root, path, std::move(lock)));
    }
    return Error {QStringLiteral("write-failed"),
                  QStringLiteral("Could not lock a folder to import into in %1. Check that the "
                                 "workspace folder is writable.")
                      .arg(root)};
}

Result<QString> CollectionStaging::publish(const QString &stagedCollection, const QString &name)
{
    // QDir::rename refuses to replace an existing entry (renameat2 with RENAME_NOREPLACE on
    // Linux): should another process take the name first, try the next one.
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString target
            = m_root + u'/' + uniqueEntryName(m_root, name, QString(), {}, u"collection");
        if (QDir().rename(stagedCollection, target))
            return target;
    }
    return Error {QStringLiteral("write-failed"),
                  QStringLiteral("Could not move the imported collection into %1. Check that "
                                 "the workspace folder is writable.")
                      .arg(m_root)};
}

int CollectionStaging::removeLeftovers(const QString &workspaceRoot)
{
    const QDir root(workspaceRoot);
    int removed = 0;
    const QFileInfoList entries = root.entryInfoList(
        {kPrefix + u'*'}, QDir::Dirs | QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (entry.isSymLink())
            continue;
        const QString path = entry.isDir() ? entry.absoluteFilePath()
                                           : entry.absoluteFilePath().chopped(5); // ".lock"
        if (!entry.isDir() && !entry.fileName().endsWith(QLatin1String(".lock")))
            continue;
        const QFileInfo lockInfo(lockPathFor(path));
        if (lockInfo.exists() && lockInfo.size() == 0
            && lockInfo.lastModified().msecsTo(QDateTime::currentDateTime()) > kEmptyLockGraceMs) {
            // A process killed between creating its lock file and writing its id into it leaves
            // an empty lock that QLockFile never sees as stale (its age is not considered, see
            // begin()); a live import writes its id at once.
            QFile::remove(lockInfo.filePath());
        }
        QLockFile lock(lockPathFor(path));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // a live import
        if (QFileInfo(path).isDir()) {
            QDir(path).removeRecursively();
            ++removed;
            qCInfo(lcStaging) << "removed the leftover of an interrupted import:" << path;
        }
        lock.unlock();
    }
    return removed;
}

} // namespace Patchbay::Core
