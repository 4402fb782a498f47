#pragma once

#include "core/common/result.h"
#include "core/network/importednetwork.h"
#include "core/network/networkprofile.h"
#include "core/network/networksettings.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace Patchbay::Core {

class CookieJar;
class CookieJarFile;
class NetworkContext;
class SecretStore;
struct SecretReply;

// A workspace's network: its settings (network.yaml), their secrets (proxy password, client
// certificate passphrases) in the keyring, the files they name, and its persisted cookie jar,
// given to a transport's NetworkContext so that every request on it uses them. Files are read
// on a worker thread and the keyring answers asynchronously: load() returns at once and
// loaded() follows. Without a workspace folder the defaults apply and cookies stay in memory.
class WorkspaceNetwork final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceNetwork)

public:
    // `context` and `store` are not owned and outlive this object.
    WorkspaceNetwork(NetworkContext *context, SecretStore *store, QString workspaceRoot,
                     QObject *parent = nullptr);
    ~WorkspaceNetwork() override; // writes pending cookie changes

    QString workspaceRoot() const { return m_root; }
    NetworkContext *context() const { return m_context; }
    // The workspace's jar (owned): the context sends and stores cookies with it.
    CookieJar *cookieJar() const { return m_jar.get(); }

    // As of the last load() or save().
    const NetworkSettings &settings() const { return m_settings; }
    const NetworkSecrets &secrets() const { return m_secrets; }
    // What could not be loaded (network.yaml, a certificate file, the keyring), for the user.
    QStringList problems() const { return m_problems; }
    bool isLoading() const { return m_loading; }

    // Reads everything and gives the context the new profile; loaded() follows. The cookie jar
    // is read once, on the first call, and loaded() waits for it too.
    void load();
    // Writes network.yaml (giving the settings an id) and the secrets to the keyring (removing
    // those no longer used), then loads. saved() follows, then loaded().
    void save(const NetworkSettings &settings, const NetworkSecrets &secrets);

    // Adds what an imported file carried: its cookies to the jar at once, its CA and client
    // certificates (passphrases to the keyring) to the settings, which are then saved (saved()
    // and loaded() follow when this returns true).
    bool mergeImported(const ImportedNetwork &imported);

    // The keyring keys the secrets of `settings` are kept under, by what they are for.
    static QString proxyPasswordKey(const NetworkSettings &settings);
    static QString passphraseKey(const NetworkSettings &settings, const QString &file);

signals:
    void loaded();
    // `problem` says why network.yaml could not be written; empty when it was.
    void saved(const QString &problem);
    // The cookie file could not be read or written.
    void cookieFileProblem(const QString &message);

private:
    void onSettingsRead(const Result<NetworkSettings> &settings, int generation);
    void onSecretRead(const SecretReply &reply);
    void onSecretWritten(const SecretReply &reply);
    void buildProfile(int generation);
    void writeSecrets(const NetworkSettings &previous, const NetworkSettings &settings,
                      const NetworkSecrets &secrets);
    // loaded() once the profile is set and the cookie file has been read.
    void finishIfReady();

    NetworkContext *m_context; // not owned
    SecretStore *m_store; // not owned
    QString m_root;
    std::unique_ptr<CookieJar> m_jar;
    std::unique_ptr<CookieJarFile> m_jarFile; // null without a workspace folder
    bool m_jarRequested = false;
    bool m_jarLoaded = false;
    bool m_profileReady = false;
    QThreadPool m_worker; // one thread: loads never overlap
    int m_generation = 0; // a newer load() makes an older one's results moot
    bool m_loading = false;
    NetworkSettings m_settings;
    NetworkSecrets m_secrets;
    QStringList m_problems;
    QHash<QString, QString> m_pendingSecrets; // keyring key -> what it is ("proxy" or a file)
    // Writes and removals the keyring has not answered yet: loaded() waits for them, so that
    // nobody tears the store down under a keyring job (QtKeychain's libsecret backend calls
    // back into a deleted job otherwise).
    QHash<QString, int> m_pendingWrites;
};

} // namespace Patchbay::Core
