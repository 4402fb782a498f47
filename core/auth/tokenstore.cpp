#include "core/auth/tokenstore.h"

#include "core/secrets/secretstore.h"

#include <QCryptographicHash>
#include <QTimer>

namespace Patchbay::Core {

TokenStore::TokenStore(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
    Q_ASSERT(secrets);
    connect(m_secrets, &SecretStore::readFinished, this, &TokenStore::onReadFinished);
}

TokenStore::~TokenStore() = default;

QString TokenStore::keyFor(const QString &collectionId, const OAuth2Config &c)
{
    const QStringList identity {oauth2GrantName(c.grant),  c.discoveryUrl.trimmed(),
                                c.authUrl.trimmed(),       c.tokenUrl.trimmed(),
                                c.deviceAuthUrl.trimmed(), c.clientId.trimmed(),
                                c.scope.simplified(),      c.audience.trimmed(),
                                c.resource.trimmed(),      c.username.trimmed()};
    const QByteArray digest
        = QCryptographicHash::hash(identity.join(u'\n').toUtf8(), QCryptographicHash::Sha256)
              .toHex()
              .left(16);
    return QStringLiteral("oauth2/%1/%2").arg(collectionId, QString::fromLatin1(digest));
}

void TokenStore::load(const QString &key)
{
    if (m_loaded.contains(key)) {
        QTimer::singleShot(0, this, [this, key] { emit loaded(key); });
        return;
    }
    if (m_reading.contains(key))
        return; // loaded() follows the read in flight
    m_reading.insert(key);
    m_secrets->read(key);
}

std::optional<OAuth2Token> TokenStore::token(const QString &key) const
{
    const auto it = m_tokens.constFind(key);
    if (it == m_tokens.constEnd())
        return std::nullopt;
    return *it;
}

void TokenStore::store(const QString &key, const OAuth2Token &token)
{
    m_tokens.insert(key, token);
    m_loaded.insert(key); // a read still in flight must not overwrite this
    m_secrets->write(key, QString::fromUtf8(tokenToJson(token)));
    emit tokenChanged(key);
}

void TokenStore::clear(const QString &key)
{
    m_tokens.remove(key);
    m_loaded.insert(key);
    m_secrets->remove(key);
    emit tokenChanged(key);
}

void TokenStore::onReadFinished(const SecretReply &reply)
{
    if (!m_reading.remove(reply.key))
        return; // a secret variable, or another store's key
    if (!m_loaded.contains(reply.key)) {
        if (reply.status == SecretReply::Status::Ok) {
            if (const std::optional<OAuth2Token> token = tokenFromJson(reply.value.toUtf8()))
                m_tokens.insert(reply.key, *token);
        }
        m_loaded.insert(reply.key);
    }
    emit loaded(reply.key);
}

} // namespace Patchbay::Core
