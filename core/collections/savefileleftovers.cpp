#include "core/collections/savefileleftovers.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>

namespace Patchbay::Core {

namespace {

Q_LOGGING_CATEGORY(lcLeftovers, "patchbay.collections.leftovers")

// Taken when the library's static objects are built, before main().
const QDateTime g_processStart = QDateTime::currentDateTimeUtc();

bool isSuffixChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

bool isSaveFileLeftoverName(QStringView fileName)
{
    constexpr qsizetype kSuffix = 6;
    const QStringView ext = u".yaml.";
    if (fileName.size() <= ext.size() + kSuffix)
        return false; // a name is needed before ".yaml."
    const QStringView suffix = fileName.last(kSuffix);
    if (!std::all_of(suffix.begin(), suffix.end(), isSuffixChar))
        return false;
    return fileName.chopped(kSuffix).endsWith(ext);
}

QDateTime processStartTime()
{
    return g_processStart;
}

int removeStaleSaveFiles(const QString &root, const QDateTime &before)
{
    int removed = 0;
    // Hidden folders (.git, import stagings) are skipped, and symlinks are not followed.
    QDirIterator it(root, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink() || !info.isFile() || !isSaveFileLeftoverName(info.fileName()))
            continue;
        if (info.lastModified() >= before)
            continue; // possibly a save in progress in another process
        if (QFile::remove(info.absoluteFilePath())) {
            ++removed;
            qCInfo(lcLeftovers) << "removed the temporary file of an interrupted save:"
                                << info.absoluteFilePath();
        }
    }
    return removed;
}

} // namespace Patchbay::Core
