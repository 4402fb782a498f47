#include "core/common/localfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace Patchbay::Core {

QString resolvedPath(const QString &path)
{
    const QString absolute = QDir::isAbsolutePath(path) ? QDir::fromNativeSeparators(path)
                                                        : QDir::current().filePath(path);
    const QStringList parts = absolute.split(u'/', Qt::SkipEmptyParts);
    QString resolved = QStringLiteral("/");
    qsizetype first = 0;
    if (!absolute.startsWith(u'/') && !parts.isEmpty()) { // "C:" on Windows
        resolved = parts.first() + u'/';
        first = 1;
    }
    bool existing = true; // every component so far exists, so links may appear
    for (qsizetype i = first; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        if (part == u'.')
            continue;
        if (part == QLatin1String("..")) {
            // `resolved` has no links left, so its parent is the real parent.
            resolved = QFileInfo(resolved).path();
            continue;
        }
        const QString candidate
            = resolved.endsWith(u'/') ? QString(resolved + part) : QString(resolved + u'/' + part);
        if (existing) {
            const QFileInfo info(candidate);
            if (info.isSymLink() && !info.exists())
                return {}; // a dangling link or a loop (Qt then returns the path unresolved)
            if (info.exists()) {
                const QString canonical = info.canonicalFilePath();
                if (canonical.isEmpty())
                    return {};
                resolved = canonical;
                continue;
            }
            existing = false;
        }
        resolved = candidate;
    }
    return resolved;
}

bool isInsideFolder(const QString &folder, const QString &path)
{
    const QString root = resolvedPath(folder);
    if (root.isEmpty() || !QFileInfo(root).isDir())
        return false;
    const QString target
        = resolvedPath(QDir::isAbsolutePath(path) ? path : QDir(folder).filePath(path));
    if (target.isEmpty())
        return false;
    if (target == root)
        return true;
    return target.startsWith(root.endsWith(u'/') ? root : root + u'/');
}

Result<QByteArray> readRegularFile(const QString &path, qint64 maxBytes)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return Error {QStringLiteral("read-failed"),
                      QStringLiteral("%1 does not exist. Check the path.")
                          .arg(QDir::toNativeSeparators(path))};
    }
    if (!info.isFile()) {
        return Error {QStringLiteral("not-a-file"),
                      QStringLiteral("%1 is not a regular file (a folder, device, pipe or "
                                     "socket), so it was not read.")
                          .arg(QDir::toNativeSeparators(path))};
    }
    const auto tooLarge = [&] {
        return Error {
            QStringLiteral("file-too-large"),
            QStringLiteral("%1 is larger than %2, the most Patchbay reads here. Check "
                           "that it is the right file.")
                .arg(QDir::toNativeSeparators(path),
                     QLocale::c().formattedDataSize(maxBytes, 0, QLocale::DataSizeIecFormat))};
    };
    if (info.size() > maxBytes)
        return tooLarge();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error {QStringLiteral("read-failed"),
                      QStringLiteral("Could not read %1: %2.")
                          .arg(QDir::toNativeSeparators(path), file.errorString())};
    }
    // The size may have changed since it was checked: never read past the limit.
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes)
        return tooLarge();
    return bytes;
}

} // namespace Patchbay::Core
