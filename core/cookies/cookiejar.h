#pragma once

#include "core/cookies/cookie.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <memory>

namespace Patchbay::Core {

class PublicSuffixList;

// Why one Set-Cookie header stored nothing (RFC 6265 and its 6265bis revision).
struct CookieRejection
{
    QString header; // as received
    QString reason;

    friend bool operator==(const CookieRejection &, const CookieRejection &) = default;
};

// Cookies kept between requests, following RFC 6265 (sections 5.3 and 5.4) with the rules of
// its revision that browsers and curl apply: Domain, Path, Secure, HttpOnly, Max-Age (which
// wins over Expires), host-only cookies, refusal of cookies for a public suffix or for another
// domain, Secure cookies only from and to https (or a loopback host, as curl and browsers
// allow), no overwriting of a Secure cookie over http, and the __Secure- and __Host- prefixes.
// SameSite is kept and shown, never enforced (a REST client has no "site").
//
// The window keeps one jar per workspace (persisted by CookieJarFile), runs a fresh one unless
// asked otherwise; HttpClient reads and feeds it at every hop, so redirects see cookies set on
// the way, the same on both transports. Lives on one thread.
class CookieJar final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieJar)

public:
    // Limits as in browsers: the oldest cookies go first when one is passed.
    static constexpr int kMaxCookiesPerDomain = 180;
    static constexpr int kMaxCookies = 3000;
    static constexpr int kMaxNameValueBytes = 4096;

    explicit CookieJar(QObject *parent = nullptr);
    ~CookieJar() override;

    // The list that decides which domains are public suffixes; PublicSuffixList::system() by
    // default. Null: only single-label domains ("com", "local") are refused.
    void setPublicSuffixList(std::shared_ptr<const PublicSuffixList> list);

    // Stores what the Set-Cookie headers of a response from `url` may set (an expired one deletes
    // its cookie); returns the headers that were refused and why.
    QList<CookieRejection> storeFromResponse(const QUrl &url, const QList<QByteArray> &setCookies,
                                             const QDateTime &now
                                             = QDateTime::currentDateTimeUtc());
    // The cookies for a request to `url`, in the order they are sent: longer paths first, then
    // older first. Expired cookies met on the way are dropped.
    CookieList cookiesFor(const QUrl &url, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // "a=1; b=2" for the Cookie header; empty when there is none.
    QByteArray cookieHeaderFor(const QUrl &url,
                               const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Every cookie, in the order they were first stored.
    CookieList cookies() const { return m_cookies; }
    bool isEmpty() const { return m_cookies.isEmpty(); }

    // The Cookies manager's edits, and loading a file. insert() replaces the cookie with the same
    // name, domain and path (keeping its creation time); an expired cookie is not stored.
    void insert(const Cookie &cookie);
    bool remove(const Cookie &cookie); // by name, domain and path
    // Removes the cookies of `domain` and of its subdomains; returns how many.
    int removeDomain(const QString &domain);
    void clear();
    void setCookies(const CookieList &cookies);
    int removeExpired(const QDateTime &now = QDateTime::currentDateTimeUtc());

    // RFC 6265 5.1.3 and 5.1.4, and the secure contexts used for the Secure flag.
    static bool domainMatches(const QString &host, const QString &domain);
    static bool pathMatches(const QString &requestPath, const QString &cookiePath);
    static QString defaultPath(const QUrl &url);
    static bool isSecureContext(const QUrl &url);
    // The host as cookies see it: lower-case ASCII (punycode), no trailing dot.
    static QString canonicalHost(const QUrl &url);

signals:
    // Cookies were added, changed or removed.
    void changed();

private:
    std::optional<QString> store(const QUrl &url, const QByteArray &header, const QDateTime &now);
    bool isPublicSuffix(const QString &domain) const;
    void enforceLimits(const QString &domain);

    CookieList m_cookies;
    std::shared_ptr<const PublicSuffixList> m_suffixes;
    bool m_suffixesSet = false;
};

} // namespace Patchbay::Core
