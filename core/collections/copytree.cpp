#include "core/collections/copytree.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSaveFile>

namespace Patchbay::Core {

Status copyTree(const QString &sourceDir, const QString &targetDir)
{
    const QDir source(sourceDir);
    if (!source.exists())
        return Error {QStringLiteral("copy-failed"),
                      QStringLiteral("%1 does not exist.").arg(sourceDir)};
    const QDir target(targetDir);
    if (target.exists() && !target.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return Error {QStringLiteral("target-not-empty"),
                      QStringLiteral("%1 already has files; nothing was copied.").arg(targetDir)};

    QDirIterator it(sourceDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = source.relativeFilePath(from);
        const QString to = target.filePath(relative);
        if (!QDir().mkpath(QFileInfo(to).absolutePath()))
            return Error {QStringLiteral("copy-failed"),
                          QStringLiteral("Could not create the folder for %1. Check that %2 is "
                                         "writable.")
                              .arg(to, targetDir)};
        QFile in(from);
        QSaveFile out(to);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)
            || out.write(in.readAll()) != in.size() || !out.commit())
            return Error {
                QStringLiteral("copy-failed"),
                QStringLiteral("Could not copy %1 to %2: %3").arg(from, to, out.errorString())};
    }
    return Ok {};
}

} // namespace Patchbay::Core
