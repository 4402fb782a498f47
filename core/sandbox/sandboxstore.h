#pragma once

#include "core/common/result.h"
#include "core/json/jsonvalue.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <map>

namespace Patchbay::Core::Sandbox {

// One stored resource: a JSON object whose first member is its "id".
struct StoredResource
{
    qint64 id = 0;
    JsonValue value;
    quint64 version = 1; // bumped by every write
    QDateTime modified; // UTC, whole seconds (what Last-Modified can say)
    QByteArray etag; // strong validator, without quotes

    QByteArray quotedEtag() const { return '"' + etag + '"'; }

    friend bool operator==(const StoredResource &, const StoredResource &) = default;
};

// The JSONPlaceholder-like collections (/users, /posts, /todos) in memory. Writes keep "id"
// first and equal to the id in the URL, whatever the body says; reset() restores the seed data.
class SandboxStore
{
public:
    SandboxStore();

    void reset();

    QStringList collections() const; // "users", "posts", "todos"
    bool hasCollection(const QString &collection) const;

    // Resources in id order whose top-level members equal every filter (values compared as
    // text, as JSONPlaceholder does for ?userId=1).
    QList<StoredResource> list(const QString &collection,
                               const QList<QPair<QString, QString>> &filters = {}) const;
    const StoredResource *find(const QString &collection, qint64 id) const;

    // `object` must be an object; its own "id", if any, is ignored.
    StoredResource create(const QString &collection, const JsonValue &object);
    // Replaces the whole resource, keeping its id. Null when there is no such resource.
    const StoredResource *replace(const QString &collection, qint64 id, const JsonValue &object);
    bool remove(const QString &collection, qint64 id);

    // `object` with "id": id as its first member (any other "id" dropped).
    static JsonValue withIdFirst(const JsonValue &object, qint64 id);
    // A member's value as the text a query string would carry: 1, true, "Bret" -> Bret.
    static QString filterText(const JsonValue &value);

private:
    struct Collection
    {
        std::map<qint64, StoredResource> items;
        qint64 nextId = 1;
    };

    void stamp(const QString &collection, StoredResource &resource) const;

    std::map<QString, Collection> m_collections;
    QStringList m_order;
};

} // namespace Patchbay::Core::Sandbox
