#pragma once

#include "core/auth/oauth2config.h"
#include "core/auth/oauth2token.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <optional>

namespace Patchbay::Core {

class SecretStore;
struct SecretReply;

// OAuth 2.0 tokens, one per collection and auth configuration, kept in the OS keyring through
// the SecretStore (or in its memory for the session when there is no keyring), never in files.
// The window and patchbay-cli use the same keys, so a token fetched in one serves the other.
// Reads are asynchronous: load() then loaded(); token() answers from memory.
class TokenStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)

public:
    explicit TokenStore(SecretStore *secrets, QObject *parent = nullptr); // not owned
    ~TokenStore() override;

    // "oauth2/<collection id>/<16 hex digits>": the digits hash what identifies a token (grant,
    // endpoints, client id, scope, audience, resource, user name) of the RESOLVED config, so
    // that another environment's server or client gets its own token. Secrets are not hashed.
    static QString keyFor(const QString &collectionId, const OAuth2Config &resolved);

    SecretStore *secrets() const { return m_secrets; }

    // Reads the key from the keyring unless it was read already; loaded() follows (at once,
    // asynchronously, when it was).
    void load(const QString &key);
    bool isLoaded(const QString &key) const { return m_loaded.contains(key); }
    std::optional<OAuth2Token> token(const QString &key) const;

    // Keeps the token in memory and writes it to the keyring; tokenChanged() follows.
    void store(const QString &key, const OAuth2Token &token);
    // Forgets it here and in the keyring; tokenChanged() follows.
    void clear(const QString &key);

signals:
    void loaded(const QString &key);
    void tokenChanged(const QString &key);

private:
    void onReadFinished(const SecretReply &reply);

    SecretStore *m_secrets; // not owned
    QHash<QString, OAuth2Token> m_tokens;
    QSet<QString> m_loaded;
    QSet<QString> m_reading;
};

} // namespace Patchbay::Core
