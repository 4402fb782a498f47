#pragma once

#include "core/auth/digestauth.h"

#include <QHash>
#include <QString>
#include <QUrl>

#include <optional>

namespace Patchbay::Core {

// What a client remembers between Digest requests (RFC 7616 3.4): the last challenge per origin
// and user, so that later requests answer it at once without another 401, and how often each
// nonce was used, since the nonce count (nc) must grow with every request that reuses a nonce.
// Kept in memory by the send path for as long as the window or the run lives; never stored.
class DigestSession
{
public:
    // The challenge to answer up front for a request to `url` by `username`, if one was seen.
    std::optional<DigestChallenge> challengeFor(const QUrl &url, const QString &username) const;
    // Remembers `challenge` for the origin of `url` and `username`; a new nonce counts from 1.
    void remember(const QUrl &url, const QString &username, const DigestChallenge &challenge);
    // Replaces the remembered nonce (a server's Authentication-Info nextnonce).
    void useNextNonce(const QUrl &url, const QString &username, const QByteArray &nonce);
    void forget(const QUrl &url, const QString &username);
    // 1 for the first use of this nonce at this origin, then 2, 3...
    quint32 takeNonceCount(const QUrl &url, const QByteArray &nonce);

private:
    static QString originKey(const QUrl &url);

    QHash<QString, DigestChallenge> m_challenges; // origin + user
    QHash<QString, quint32> m_nonceCounts; // origin + nonce: uses so far
};

} // namespace Patchbay::Core
