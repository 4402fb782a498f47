#include "core/secrets/secretcache.h"

#include "core/collections/workspace.h"
#include "core/secrets/secretstore.h"

#include <QPointer>
#include <QTimer>

#include <functional>

namespace Patchbay::Core {

namespace {

void addSecrets(QStringList &keys, const VariableList &variables, const QString &collectionId,
                ScopeKind scope, const QString &environment)
{
    for (const Variable &v : variables) {
        if (!v.secret || v.name.isEmpty())
            continue;
        const QString key = secretKeyFor(collectionId, scope, environment, v.name);
        if (!keys.contains(key))
            keys << key;
    }
}

} // namespace

SecretCache::SecretCache(SecretStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    Q_ASSERT(store);
    connect(m_store, &SecretStore::readFinished, this, &SecretCache::onReadFinished);
    connect(m_store, &SecretStore::writeFinished, this,
            [this](const SecretReply &reply) { emit valueWritten(reply.key, reply.message); });
    connect(m_store, &SecretStore::persistenceChanged, this, &SecretCache::persistenceChanged);
}

SecretCache::~SecretCache()
{
    // Best effort: do not leave secrets in freed memory.
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        it->fill(u'\0');
}

bool SecretCache::isPersistent() const
{
    return m_store->isPersistent();
}

QString SecretCache::persistenceMessage() const
{
    return m_store->persistenceMessage();
}

QStringList SecretCache::secretKeys(const Workspace &workspace)
{
    QStringList keys;
    for (const CollectionItem &collection : workspace.collections()) {
        const QString id = collection.collection->id;
        addSecrets(keys, collection.collection->variables, id, ScopeKind::Collection, QString());
        std::function<void(const CollectionItem &)> folders = [&](const CollectionItem &item) {
            for (const CollectionItem &child : item.children) {
                if (child.kind != ItemKind::Folder)
                    continue;
                addSecrets(keys, child.folder->variables, id, ScopeKind::Folder, QString());
                folders(child);
            }
        };
        folders(collection);
        for (const EnvironmentItem &env : collection.environments) {
            addSecrets(keys, env.environment.variables, id, ScopeKind::Environment,
                       env.environment.name);
        }
    }
    addSecrets(keys, workspace.globals().environment.variables, QString(), ScopeKind::Globals,
               QString());
    return keys;
}

void SecretCache::load(const Workspace &workspace)
{
    const QStringList keys = secretKeys(workspace);
    for (const QString &key : keys) {
        if (m_values.contains(key) || m_pending.contains(key))
            continue;
        m_pending.insert(key, 1);
        m_store->read(key);
    }
    if (m_pending.isEmpty() && !m_loadedQueued) {
        m_loadedQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_loadedQueued = false;
            if (m_pending.isEmpty())
                emit loaded();
        });
    }
}

void SecretCache::onReadFinished(const SecretReply &reply)
{
    const auto pending = m_pending.find(reply.key);
    if (pending == m_pending.end())
        return; // someone else's read, or a value set since
    if (--*pending <= 0)
        m_pending.erase(pending);
    if (reply.status == SecretReply::Status::Ok) {
        m_values.insert(reply.key, reply.value);
        emit valueChanged(reply.key);
    }
    if (m_pending.isEmpty())
        emit loaded();
}

std::optional<QString> SecretCache::value(const QString &key) const
{
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd())
        return std::nullopt;
    return *it;
}

void SecretCache::setValue(const QString &key, const QString &value)
{
    // A read still in flight would bring back the old value: the new one wins.
    const bool wasLoading = isLoading();
    m_pending.remove(key);
    m_values.insert(key, value);
    m_store->write(key, value);
    emit valueChanged(key);
    if (wasLoading && !isLoading())
        emit loaded();
}

void SecretCache::removeValue(const QString &key)
{
    const bool wasLoading = isLoading();
    m_pending.remove(key);
    m_values.remove(key);
    m_store->remove(key);
    emit valueChanged(key);
    if (wasLoading && !isLoading())
        emit loaded();
}

SecretLookup SecretCache::lookup() const
{
    // A guarded pointer: a lookup that outlives the cache finds nothing rather than crashing.
    QPointer<const SecretCache> self(this);
    return [self](const QString &key) -> std::optional<QString> {
        return self ? self->value(key) : std::nullopt;
    };
}

} // namespace Patchbay::Core
