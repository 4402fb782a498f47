#include "core/sandbox/sandboxstore.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/sandbox/sandboxseed.h"

#include <QCryptographicHash>

namespace Patchbay::Core::Sandbox {

SandboxStore::SandboxStore()
{
    reset();
}

void SandboxStore::reset()
{
    m_collections.clear();
    m_order.clear();
    const Result<JsonValue> seed = parseJson(seedJson());
    Q_ASSERT_X(seed.ok(), "SandboxStore", "the seed data must be valid JSON");
    if (!seed.ok())
        return;
    for (const JsonMember &member : seed->members()) {
        Collection &collection = m_collections[member.key];
        m_order.append(member.key);
        for (const JsonValue &item : member.value.array()) {
            StoredResource resource;
            resource.id = item.value(u"id").toInt();
            resource.value = withIdFirst(item, resource.id);
            stamp(member.key, resource);
            collection.nextId = std::max(collection.nextId, resource.id + 1);
            collection.items.emplace(resource.id, std::move(resource));
        }
    }
}

QStringList SandboxStore::collections() const
{
    return m_order;
}

bool SandboxStore::hasCollection(const QString &collection) const
{
    return m_collections.count(collection) > 0;
}

QList<StoredResource> SandboxStore::list(const QString &collection,
                                         const QList<QPair<QString, QString>> &filters) const
{
    QList<StoredResource> result;
    const auto it = m_collections.find(collection);
    if (it == m_collections.end())
        return result;
    for (const auto &[id, resource] : it->second.items) {
        const bool matches = std::all_of(filters.cbegin(), filters.cend(), [&](const auto &f) {
            const JsonValue *value = resource.value.find(f.first);
            return value && filterText(*value) == f.second;
        });
        if (matches)
            result.append(resource);
    }
    return result;
}

const StoredResource *SandboxStore::find(const QString &collection, qint64 id) const
{
    const auto it = m_collections.find(collection);
    if (it == m_collections.end())
        return nullptr;
    const auto item = it->second.items.find(id);
    return item == it->second.items.end() ? nullptr : &item->second;
}

StoredResource SandboxStore::create(const QString &collection, const JsonValue &object)
{
    Collection &c = m_collections[collection];
    StoredResource resource;
    resource.id = c.nextId++;
    resource.value = withIdFirst(object, resource.id);
    stamp(collection, resource);
    c.items.emplace(resource.id, resource);
    return resource;
}

const StoredResource *SandboxStore::replace(const QString &collection, qint64 id,
                                            const JsonValue &object)
{
    const auto it = m_collections.find(collection);
    if (it == m_collections.end())
        return nullptr;
    const auto item = it->second.items.find(id);
    if (item == it->second.items.end())
        return nullptr;
    StoredResource &resource = item->second;
    resource.value = withIdFirst(object, id);
    ++resource.version;
    stamp(collection, resource);
    return &resource;
}

bool SandboxStore::remove(const QString &collection, qint64 id)
{
    const auto it = m_collections.find(collection);
    return it != m_collections.end() && it->second.items.erase(id) > 0;
}

JsonValue SandboxStore::withIdFirst(const JsonValue &object, qint64 id)
{
    JsonValue::Members members;
    members.reserve(object.members().size() + 1);
    members.append({QStringLiteral("id"), JsonValue::fromInt(id)});
    for (const JsonMember &member : object.members()) {
        if (member.key != QLatin1String("id"))
            members.append(member);
    }
    return JsonValue::fromMembers(members);
}

QString SandboxStore::filterText(const JsonValue &value)
{
    switch (value.type()) {
    case JsonValue::Type::Null:
        return QStringLiteral("null");
    case JsonValue::Type::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case JsonValue::Type::Number:
        return QString::fromLatin1(value.numberLiteral());
    case JsonValue::Type::String:
        return value.toString();
    case JsonValue::Type::Array:
    case JsonValue::Type::Object:
        return QString::fromUtf8(toJson(value, JsonStyle::Compact));
    }
    return {};
}

void SandboxStore::stamp(const QString &collection, StoredResource &resource) const
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
    resource.modified = now;
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(collection.toUtf8());
    hash.addData(
        QByteArray(QByteArray::number(resource.id) + '/' + QByteArray::number(resource.version)));
    hash.addData(toJson(resource.value, JsonStyle::Compact));
    resource.etag = hash.result().toHex().left(20);
}

} // namespace Patchbay::Core::Sandbox
