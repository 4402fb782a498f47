#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace Patchbay::Core {

// The outcome of one SecretStore operation.
struct SecretReply
{
    enum class Status { Ok, NotFound, Failed };

    QString key;
    QString value; // read: the secret; empty otherwise
    Status status = Status::Ok;
    QString message; // why it failed, or why the value is only kept in memory

    friend bool operator==(const SecretReply &, const SecretReply &) = default;
};

// Values of secret variables, kept in the OS keyring (QtKeychain: Secret Service, KWallet,
// macOS Keychain, Windows Credential Store) under the service "Patchbay". When no keyring is
// available the values stay in this object's memory for the session, isPersistent() turns false
// and persistenceMessage() says so; they are never written anywhere else.
// Every operation answers asynchronously, with one signal per call, in call order.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    explicit SecretStore(QObject *parent = nullptr);
    // `service` other than "Patchbay" is for tests.
    explicit SecretStore(const QString &service, QObject *parent = nullptr);
    ~SecretStore() override;

    // The keyring key of a secret variable: collection id, environment name (empty for
    // collection or folder variables) and variable name.
    static QString keyFor(const QString &collectionId, const QString &environment,
                          const QString &variable);

    QString service() const { return m_service; }
    bool isPersistent() const { return m_persistent; }
    QString persistenceMessage() const { return m_message; }
    // Why the keyring could not be used (the backend's words); empty while it works.
    QString unavailableReason() const { return m_reason; }

    void read(const QString &key);
    void write(const QString &key, const QString &value);
    void remove(const QString &key);
    // Writes and removals the keyring has not finished yet. A process that quits before they
    // finish loses them: wait for settled() first.
    int changesInFlight() const { return m_changesInFlight; }

signals:
    void readFinished(const Patchbay::Core::SecretReply &reply);
    void writeFinished(const Patchbay::Core::SecretReply &reply);
    void removeFinished(const Patchbay::Core::SecretReply &reply);
    void persistenceChanged(bool persistent);
    // The last change in flight finished.
    void settled();

private:
    void changeFinished();
    void fallBackToMemory(const QString &reason);
    void answerLater(void (SecretStore::*signal)(const SecretReply &), SecretReply reply);

    QString m_service;
    bool m_persistent = true;
    QString m_message;
    QString m_reason;
    int m_changesInFlight = 0;
    QHash<QString, QString> m_memory; // this session's values (and the only copy without keyring)
};

} // namespace Patchbay::Core
