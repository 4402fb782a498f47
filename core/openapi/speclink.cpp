#include "core/openapi/speclink.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/openapi/contractcheck.h"
#include "core/openapi/specset.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUrl>

namespace Patchbay::Core {

namespace {

Status saveBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error {QStringLiteral("write-failed"),
                      QStringLiteral("Could not write %1: %2. Check the folder's permissions "
                                     "and free space.")
                          .arg(path, file.errorString())};
    return Ok {};
}

JsonValue operationToJson(const SpecLinkOperation &entry)
{
    JsonValue object = JsonValue::emptyObject();
    object.insert(QStringLiteral("key"), JsonValue::fromString(entry.operation.key));
    object.insert(QStringLiteral("method"), JsonValue::fromString(entry.operation.method));
    object.insert(QStringLiteral("path"), JsonValue::fromString(entry.operation.path));
    JsonValue folder = JsonValue::emptyArray();
    for (const QString &name : entry.operation.folder)
        folder.append(JsonValue::fromString(name));
    object.insert(QStringLiteral("folder"), folder);
    object.insert(QStringLiteral("name"), JsonValue::fromString(entry.operation.requestName));
    object.insert(QStringLiteral("file"), JsonValue::fromString(entry.file));
    if (entry.removed)
        object.insert(QStringLiteral("removed"), JsonValue::fromBool(true));
    return object;
}

} // namespace

QString specLinkDir(const QString &collectionDir)
{
    return collectionDir + QStringLiteral("/.openapi");
}

QString collectionFolderOf(const QString &path)
{
    QFileInfo info(path);
    QDir dir = info.isDir() ? QDir(info.absoluteFilePath()) : info.absoluteDir();
    for (int i = 0; i < 64; ++i) {
        if (dir.exists(QStringLiteral("collection.yaml")))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return {};
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString specSnapshotPath(const QString &collectionDir, const SpecLink &link)
{
    return specLinkDir(collectionDir) + QStringLiteral("/spec/") + link.snapshotRoot;
}

Result<SpecLink> readSpecLink(const QString &collectionDir)
{
    QFile file(specLinkDir(collectionDir) + QStringLiteral("/link.json"));
    if (!file.exists())
        return Error {
            QStringLiteral("no-spec-link"),
            QStringLiteral("%1 was not imported from an API description.").arg(collectionDir)};
    if (!file.open(QIODevice::ReadOnly))
        return Error {
            QStringLiteral("read-failed"),
            QStringLiteral("Could not read %1: %2.").arg(file.fileName(), file.errorString())};
    Result<JsonValue> json = parseJson(file.readAll());
    if (!json.ok() || !json->isObject())
        return Error {
            QStringLiteral("spec-link-invalid"),
            QStringLiteral("%1 is damaged; import the description again.").arg(file.fileName())};
    SpecLink link;
    link.source = json->value(u"source").toString();
    link.sha256 = json->value(u"sha256").toString();
    link.snapshotRoot = json->value(u"snapshot").toString();
    for (const JsonValue &item : json->value(u"operations").array()) {
        SpecLinkOperation entry;
        entry.operation.key = item.value(u"key").toString();
        entry.operation.method = item.value(u"method").toString();
        entry.operation.path = item.value(u"path").toString();
        for (const JsonValue &name : item.value(u"folder").array())
            entry.operation.folder << name.toString();
        entry.operation.requestName = item.value(u"name").toString();
        entry.file = item.value(u"file").toString();
        entry.removed = item.value(u"removed").toBool();
        link.operations << entry;
    }
    return link;
}

Status writeSpecLink(const QString &collectionDir, const SpecLink &link, const SpecSet &spec)
{
    const QString dir = specLinkDir(collectionDir);
    const QString specDir = dir + QStringLiteral("/spec");
    // The copy keeps the files' layout relative to the root, so relative $refs still work.
    const QString rootUri = spec.fileUri(0);
    const bool remote = rootUri.startsWith(QLatin1String("http"));
    const QString rootDir = remote ? QUrl(rootUri).resolved(QUrl(QStringLiteral("."))).toString()
                                   : QFileInfo(rootUri).absolutePath() + u'/';
    SpecLink written = link;
    QString rootName
        = remote ? QFileInfo(QUrl(rootUri).path()).fileName() : QFileInfo(rootUri).fileName();
    if (rootName.isEmpty() || rootName.startsWith(u'.'))
        rootName = spec.isYaml(0) ? QStringLiteral("openapi.yaml") : QStringLiteral("openapi.json");
    written.snapshotRoot = rootName;
    QDir(specDir).removeRecursively();
    for (int i = 0; i < spec.fileCount(); ++i) {
        QString relative = i == 0 ? rootName : spec.fileUri(i);
        if (i > 0 && relative.startsWith(rootDir))
            relative = relative.mid(rootDir.size());
        else if (i > 0)
            relative = QStringLiteral("_outside/%1/").arg(i) + QFileInfo(relative).fileName();
        if (relative.contains(QLatin1String("..")))
            relative = QStringLiteral("_outside/%1/").arg(i) + QFileInfo(relative).fileName();
        if (Status s = saveBytes(specDir + u'/' + relative, spec.fileBytes(i)); !s.ok())
            return s;
    }
    JsonValue root = JsonValue::emptyObject();
    root.insert(QStringLiteral("patchbay"), JsonValue::fromInt(1));
    root.insert(QStringLiteral("source"), JsonValue::fromString(written.source));
    root.insert(QStringLiteral("sha256"), JsonValue::fromString(written.sha256));
    root.insert(QStringLiteral("snapshot"), JsonValue::fromString(written.snapshotRoot));
    JsonValue ops = JsonValue::emptyArray();
    for (const SpecLinkOperation &entry : written.operations)
        ops.append(operationToJson(entry));
    root.insert(QStringLiteral("operations"), ops);
    return saveBytes(dir + QStringLiteral("/link.json"), toJson(root) + '\n');
}

CollectionSpecs::CollectionSpecs() = default;
CollectionSpecs::~CollectionSpecs() = default;

const CollectionSpecs::Loaded &CollectionSpecs::loaded(const QString &collection)
{
    // Updating from the spec rewrites link.json with the new copy: a cheap stat notices it.
    const QFileInfo linkFile(specLinkDir(collection) + QStringLiteral("/link.json"));
    const QString stamp = linkFile.exists() ? linkFile.lastModified().toString(Qt::ISODateWithMs)
            + u'/' + QString::number(linkFile.size())
                                            : QString();
    auto it = m_checkers.find(collection);
    if (it == m_checkers.end() || it->linkStamp != stamp) {
        std::shared_ptr<ContractChecker> checker;
        if (Result<SpecLink> link = readSpecLink(collection); link.ok()) {
            Result<std::unique_ptr<ContractChecker>> read
                = ContractChecker::loadFile(specSnapshotPath(collection, link.value()));
            if (read.ok())
                checker = std::move(read.value());
        }
        it = m_checkers.insert(collection, {checker, stamp});
    }
    return *it;
}

void CollectionSpecs::warm(const QString &requestPath)
{
    const QString collection = requestPath.isEmpty() ? QString() : collectionFolderOf(requestPath);
    if (collection.isEmpty())
        return;
    const QMutexLocker lock(&m_mutex);
    loaded(collection);
}

SpecCheckResult CollectionSpecs::check(const QString &requestPath, const Response &response)
{
    SpecCheckResult out;
    const QString collection = requestPath.isEmpty() ? QString() : collectionFolderOf(requestPath);
    if (collection.isEmpty()) {
        out.result.message = QStringLiteral("not checked: the request is not in a collection "
                                            "with an API description");
        return out;
    }
    const QMutexLocker lock(&m_mutex);
    const Loaded &entry = loaded(collection);
    if (!entry.checker) {
        out.result.message = QStringLiteral("not checked: the collection has no API description");
        return out;
    }
    const ContractResult result = entry.checker->check(response);
    out.described = result.outcome != ContractResult::Outcome::NotDescribed;
    out.result.passed = result.matches();
    out.result.message = result.summary();
    return out;
}

SpecCheck CollectionSpecs::asSpecCheck()
{
    return [this](const QString &path, const Response &response) { return check(path, response); };
}

} // namespace Patchbay::Core
