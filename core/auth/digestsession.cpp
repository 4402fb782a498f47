#include "core/auth/digestsession.h"

#include <QSet>

namespace Patchbay::Core {

namespace {

constexpr qsizetype kMaxNonceCounts = 512;

QString challengeKey(const QString &origin, const QString &username)
{
    return origin + u'\n' + username;
}

} // namespace

QString DigestSession::originKey(const QUrl &url)
{
    const int defaultPort
        = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
    return url.scheme().toLower() + QLatin1String("://") + url.host().toLower() + u':'
        + QString::number(url.port(defaultPort));
}

std::optional<DigestChallenge> DigestSession::challengeFor(const QUrl &url,
                                                           const QString &username) const
{
    const auto it = m_challenges.constFind(challengeKey(originKey(url), username));
    if (it == m_challenges.cend())
        return std::nullopt;
    return *it;
}

void DigestSession::remember(const QUrl &url, const QString &username,
                             const DigestChallenge &challenge)
{
    DigestChallenge kept = challenge;
    kept.stale = false;
    m_challenges.insert(challengeKey(originKey(url), username), kept);
    // Counts of nonces no challenge uses any more are never needed again: keep the map small
    // for a long run against servers that issue a nonce per request.
    if (m_nonceCounts.size() > kMaxNonceCounts) {
        QSet<QString> live;
        for (auto it = m_challenges.cbegin(); it != m_challenges.cend(); ++it)
            live.insert(it.key().section(u'\n', 0, 0) + u'\n' + QString::fromLatin1(it->nonce));
        m_nonceCounts.removeIf([&live](const QHash<QString, quint32>::iterator &it) {
            return !live.contains(it.key());
        });
    }
}

void DigestSession::useNextNonce(const QUrl &url, const QString &username, const QByteArray &nonce)
{
    const auto it = m_challenges.find(challengeKey(originKey(url), username));
    if (it != m_challenges.end())
        it->nonce = nonce;
}

void DigestSession::forget(const QUrl &url, const QString &username)
{
    m_challenges.remove(challengeKey(originKey(url), username));
}

quint32 DigestSession::takeNonceCount(const QUrl &url, const QByteArray &nonce)
{
    // The server may count per nonce across users; one counter per nonce never repeats a value.
    return ++m_nonceCounts[originKey(url) + u'\n' + QString::fromLatin1(nonce)];
}

} // namespace Patchbay::Core
