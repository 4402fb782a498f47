#include "core/collections/draftstore.h"

#include "core/collections/authsecrets.h"
#include "core/collections/collectionformat.h"
#include "core/http/requestjson.h"
#include "core/secrets/secretstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

#include <algorithm>

Q_LOGGING_CATEGORY(lcDrafts, "patchbay.collections.drafts")

namespace Patchbay::Core {

namespace {

constexpr int DraftFormatVersion = 1;
const QLatin1String kSuffix(".json");

// Tab ids come from us (UUIDs), but a file name must never escape the directory.
bool isValidId(const QString &id)
{
    return !id.isEmpty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](QChar c) {
        return c.isLetterOrNumber() || c == u'-' || c == u'_';
    });
}

Error draftError(const QString &code, const QString &message)
{
    return Error {code, message};
}

} // namespace

QString draftSecretKey(const QString &tabId, const QString &field)
{
    return SecretStore::keyFor(QStringLiteral("drafts"), tabId, field);
}

Draft draftWithoutSecrets(const Draft &draft, QList<std::pair<QString, QString>> *keyringValues)
{
    Draft out = draft;
    for (const MovedSecret &secret : takeLiteralAuthSecrets(out.request.auth)) {
        out.secretsInKeyring << secret.variable;
        keyringValues->append({draftSecretKey(draft.tabId, secret.variable), secret.value});
    }
    return out;
}

DraftStore::DraftStore(const QString &directory)
    : m_directory(QDir::cleanPath(directory))
{ }

QString DraftStore::fileFor(const QString &tabId) const
{
    return m_directory + u'/' + tabId + kSuffix;
}

Status DraftStore::write(const Draft &draft)
{
    if (!isValidId(draft.tabId))
        return draftError(QStringLiteral("invalid-id"),
                          QStringLiteral("\"%1\" is not a valid draft id.").arg(draft.tabId));
    if (!QFileInfo(m_directory).isDir()) {
        // Private: drafts keep secrets the user typed (tokens, passwords) as the request file
        // would, and nobody else on the machine should read them.
        if (!QDir().mkpath(m_directory))
            return draftError(QStringLiteral("io"),
                              QStringLiteral("Could not create %1 for unsaved drafts: check the "
                                             "permissions of its parent folder.")
                                  .arg(m_directory));
        QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QJsonObject object {
        {QStringLiteral("formatVersion"), DraftFormatVersion},
        {QStringLiteral("tabId"), draft.tabId},
        {QStringLiteral("path"), draft.path},
        {QStringLiteral("writtenAt"), draft.writtenAt.toUTC().toString(Qt::ISODateWithMs)},
        // In the request file's own format, so that every field the file holds comes back.
        {QStringLiteral("baseline"),
         draft.path.isEmpty() ? QString() : QString::fromUtf8(requestToYaml(draft.baseline))},
        {QStringLiteral("request"), requestToJson(draft.request)},
    };
    if (!draft.secretsInKeyring.isEmpty())
        object.insert(QStringLiteral("secretsInKeyring"),
                      QJsonArray::fromStringList(draft.secretsInKeyring));
    if (!draft.assertions.isEmpty() || !draft.captures.isEmpty()) {
        // The Tests tab's rows, in the request file's format (its only writer of them).
        SavedRequest tests;
        tests.assertions = draft.assertions;
        tests.captures = draft.captures;
        object.insert(QStringLiteral("tests"), QString::fromUtf8(requestToYaml(tests)));
    }
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Indented);
    const QString path = fileFor(draft.tabId);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return draftError(QStringLiteral("io"),
                          QStringLiteral("Could not write the draft %1: %2. Free some disk space "
                                         "or check the folder's permissions.")
                              .arg(path, file.errorString()));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return Ok {};
}

Status DraftStore::remove(const QString &tabId)
{
    if (!isValidId(tabId))
        return draftError(QStringLiteral("invalid-id"),
                          QStringLiteral("\"%1\" is not a valid draft id.").arg(tabId));
    const QString path = fileFor(tabId);
    if (QFile::exists(path) && !QFile::remove(path))
        return draftError(QStringLiteral("io"),
                          QStringLiteral("Could not remove the draft %1: check the folder's "
                                         "permissions.")
                              .arg(path));
    return Ok {};
}

Result<Draft> DraftStore::read(const QString &tabId) const
{
    if (!isValidId(tabId))
        return draftError(QStringLiteral("invalid-id"),
                          QStringLiteral("\"%1\" is not a valid draft id.").arg(tabId));
    const QString path = fileFor(tabId);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return draftError(QStringLiteral("not-found"),
                          QStringLiteral("There is no draft %1.").arg(path));
    QJsonParseError parseError;
    // Drafts are our own internal records, not a user's document: QJsonDocument is fine here.
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || object.value(QStringLiteral("tabId")).toString() != tabId)
        return draftError(
            QStringLiteral("invalid-draft"),
            QStringLiteral("The draft %1 is damaged and cannot be restored.").arg(path));
    if (object.value(QStringLiteral("formatVersion")).toInt() > DraftFormatVersion)
        return draftError(
            QStringLiteral("newer-format"),
            QStringLiteral("The draft %1 was written by a newer Patchbay.").arg(path));
    Draft draft;
    draft.tabId = tabId;
    draft.path = object.value(QStringLiteral("path")).toString();
    draft.writtenAt = QDateTime::fromString(object.value(QStringLiteral("writtenAt")).toString(),
                                            Qt::ISODateWithMs);
    const QString baseline = object.value(QStringLiteral("baseline")).toString();
    if (!baseline.isEmpty()) {
        Result<SavedRequest> saved = requestFromYaml(baseline.toUtf8());
        if (!saved.ok())
            return draftError(QStringLiteral("invalid-draft"),
                              QStringLiteral("The draft %1 is damaged and cannot be restored: %2")
                                  .arg(path, saved.error().message));
        draft.baseline = std::move(saved).value();
    }
    draft.request = requestFromJson(object.value(QStringLiteral("request")).toObject());
    for (const QJsonValue &field : object.value(QStringLiteral("secretsInKeyring")).toArray())
        draft.secretsInKeyring << field.toString();
    const QString tests = object.value(QStringLiteral("tests")).toString();
    if (!tests.isEmpty()) {
        Result<SavedRequest> saved = requestFromYaml(tests.toUtf8());
        if (!saved.ok())
            return draftError(QStringLiteral("invalid-draft"),
                              QStringLiteral("The draft %1 is damaged and cannot be restored: %2")
                                  .arg(path, saved.error().message));
        draft.assertions = saved->assertions;
        draft.captures = saved->captures;
    }
    return draft;
}

QList<Draft> DraftStore::list() const
{
    QList<Draft> drafts;
    const QFileInfoList files = QDir(m_directory)
                                    .entryInfoList({QStringLiteral("*.json")},
                                                   QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &info : files) {
        Result<Draft> draft = read(info.completeBaseName());
        if (draft.ok())
            drafts.append(std::move(draft).value());
        else
            qCWarning(lcDrafts) << draft.error().message;
    }
    std::stable_sort(drafts.begin(), drafts.end(),
                     [](const Draft &a, const Draft &b) { return a.writtenAt < b.writtenAt; });
    return drafts;
}

} // namespace Patchbay::Core
