#pragma once

#include "core/collections/sendcontext.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

namespace Patchbay::Core {

class SecretStore;
struct SecretReply;
class Workspace;

// The values of a workspace's secret variables for this session: load() reads every one from
// the SecretStore (keyring) in the background, value()/lookup() answer at once from memory, and
// setValue() keeps a new value in memory and writes it to the keyring. Keys are
// secretKeyFor(): collection id, environment name (environment variables only) and name.
class SecretCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretCache)

public:
    explicit SecretCache(SecretStore *store, QObject *parent = nullptr); // store not owned
    ~SecretCache() override;

    SecretStore *store() const { return m_store; }
    // False when the keyring is unavailable: values live in memory only (persistenceMessage()).
    bool isPersistent() const;
    QString persistenceMessage() const;

    // Every secret variable of the workspace: collection, folder, environment and global.
    static QStringList secretKeys(const Workspace &workspace);

    // Reads the value of every secret of `workspace` not yet in memory; loaded() follows when
    // all reads have answered (at once, asynchronously, when there is nothing to read).
    void load(const Workspace &workspace);
    bool isLoading() const { return !m_pending.isEmpty(); }

    std::optional<QString> value(const QString &key) const;
    bool hasValue(const QString &key) const { return m_values.contains(key); }
    // Keeps `value` in memory and writes it to the keyring (valueWritten() follows).
    void setValue(const QString &key, const QString &value);
    // Forgets the value here and in the keyring.
    void removeValue(const QString &key);

    // For resolveForSending() and variableScopes(); valid while this object lives.
    SecretLookup lookup() const;

signals:
    void loaded();
    void valueChanged(const QString &key);
    // The keyring answered a setValue(); `message` is set when the value is only in memory.
    void valueWritten(const QString &key, const QString &message);
    void persistenceChanged(bool persistent);

private:
    void onReadFinished(const SecretReply &reply);

    SecretStore *m_store; // not owned
    QHash<QString, QString> m_values;
    QHash<QString, int> m_pending; // reads in flight per key
    bool m_loadedQueued = false;
};

} // namespace Patchbay::Core
