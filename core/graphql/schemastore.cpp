#include "core/graphql/schemastore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace Patchbay::Core::GraphQl {

namespace {

constexpr qint64 kMaxSchemaFile = 256LL * 1024 * 1024;

// The absolute path of relativeFile, or "" when it would leave the collection.
QString insideCollection(const QString &collectionDir, const QString &relativeFile)
{
    if (relativeFile.isEmpty() || QDir::isAbsolutePath(relativeFile))
        return {};
    const QString root = QDir::cleanPath(collectionDir);
    const QString path = QDir::cleanPath(root + u'/' + relativeFile);
    return path.startsWith(root + u'/') ? path : QString();
}

Result<QByteArray> readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("io"),
                      QStringLiteral("Could not read the schema file %1: %2. Fetch the schema "
                                     "again, or load it from a file.")
                          .arg(path, file.errorString())};
    if (file.size() > kMaxSchemaFile)
        return Error {QStringLiteral("file-too-large"),
                      QStringLiteral("The schema file %1 is larger than 256 MiB.").arg(path)};
    return file.readAll();
}

} // namespace

QString defaultSchemaFile(const QString &url)
{
    QString slug = url.toLower();
    slug.remove(QRegularExpression(QStringLiteral("^[a-z][a-z0-9+.-]*://")));
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    slug.replace(QRegularExpression(QStringLiteral("^-+|-+$")), QString());
    if (slug.size() > 64)
        slug = slug.left(64);
    if (slug.isEmpty())
        slug = QStringLiteral("schema");
    return QStringLiteral("schemas/") + slug + QStringLiteral(".graphql");
}

Result<StoredSchema> storeSchema(QByteArrayView bytes, const QString &collectionDir,
                                 const QString &relativeFile)
{
    Result<Schema> schema = schemaFromFile(bytes);
    if (!schema)
        return schema.error();
    StoredSchema out;
    out.schema = std::move(schema).value();
    out.sdl = printSchema(out.schema);
    if (collectionDir.isEmpty())
        return out;
    const QString path = insideCollection(collectionDir, relativeFile);
    if (path.isEmpty())
        return Error {QStringLiteral("invalid-path"),
                      QStringLiteral("The schema file \"%1\" is outside the collection folder. "
                                     "Use a path such as schemas/api.graphql.")
                          .arg(relativeFile)};
    if (QFileInfo::exists(path)) {
        Result<QByteArray> previous = readAll(path);
        if (previous)
            out.previousSdl = QString::fromUtf8(previous.value());
    }
    out.path = path;
    if (out.previousSdl == out.sdl)
        return out; // unchanged: no write, no churn in git
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error {QStringLiteral("io"),
                      QStringLiteral("Could not create the folder for %1. Check the permissions "
                                     "of the collection folder.")
                          .arg(path)};
    QSaveFile file(path);
    const QByteArray sdl = out.sdl.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(sdl) != sdl.size() || !file.commit())
        return Error {QStringLiteral("io"),
                      QStringLiteral("Could not write the schema to %1: %2. Check the disk and "
                                     "the folder's permissions.")
                          .arg(path, file.errorString())};
    return out;
}

Result<Schema> loadSchema(const QString &collectionDir, const QString &relativeFile)
{
    const QString path = insideCollection(collectionDir, relativeFile);
    if (path.isEmpty())
        return Error {QStringLiteral("invalid-path"),
                      QStringLiteral("The schema file \"%1\" is outside the collection folder.")
                          .arg(relativeFile)};
    Result<QByteArray> bytes = readAll(path);
    if (!bytes)
        return bytes.error();
    return schemaFromFile(bytes.value());
}

LineDiff schemaDiff(const QString &before, const QString &after)
{
    return diffText(before, after);
}

} // namespace Patchbay::Core::GraphQl
