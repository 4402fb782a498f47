#include "core/cookies/cookiejar.h"

#include "core/cookies/publicsuffixlist.h"
#include "core/cookies/setcookie.h"

#include <QHostAddress>

#include <algorithm>
#include <optional>

namespace Patchbay::Core {

namespace {

bool isIpAddress(const QString &host)
{
    return !QHostAddress(host).isNull();
}

bool startsWithCaseSensitive(const QString &name, QLatin1String prefix)
{
    return name.startsWith(prefix, Qt::CaseSensitive);
}

QString requestPath(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    return path.isEmpty() ? QStringLiteral("/") : path;
}

// The latest date QDateTime handles comfortably; Max-Age values beyond it mean "forever".
QDateTime farFuture()
{
    return QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
}

} // namespace

CookieJar::CookieJar(QObject *parent)
    : QObject(parent)
{ }

CookieJar::~CookieJar() = default;

void CookieJar::setPublicSuffixList(std::shared_ptr<const PublicSuffixList> list)
{
    m_suffixes = std::move(list);
    m_suffixesSet = true;
}

bool CookieJar::isPublicSuffix(const QString &domain) const
{
    const std::shared_ptr<const PublicSuffixList> list
        = m_suffixesSet ? m_suffixes : PublicSuffixList::system();
    if (list)
        return list->isPublicSuffix(domain);
    return !domain.contains(u'.');
}

QString CookieJar::canonicalHost(const QUrl &url)
{
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

bool CookieJar::domainMatches(const QString &host, const QString &domain)
{
    if (host == domain)
        return true;
    return host.endsWith(domain) && host.size() > domain.size()
        && host.at(host.size() - domain.size() - 1) == u'.' && !isIpAddress(host);
}

bool CookieJar::pathMatches(const QString &path, const QString &cookiePath)
{
    if (path == cookiePath)
        return true;
    if (!path.startsWith(cookiePath))
        return false;
    return cookiePath.endsWith(u'/') || path.at(cookiePath.size()) == u'/';
}

QString CookieJar::defaultPath(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    if (!path.startsWith(u'/'))
        return QStringLiteral("/");
    const qsizetype lastSlash = path.lastIndexOf(u'/');
    if (lastSlash == 0)
        return QStringLiteral("/");
    return path.left(lastSlash);
}

bool CookieJar::isSecureContext(const QUrl &url)
{
    if (url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0)
        return true;
    const QString host = canonicalHost(url);
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<QString> CookieJar::store(const QUrl &url, const QByteArray &header,
                                        const QDateTime &now)
{
    const std::optional<SetCookie> parsed = parseSetCookie(header);
    if (!parsed)
        return QStringLiteral("it has no name=value pair");
    if (parsed->name.toUtf8().size() + parsed->value.toUtf8().size() > kMaxNameValueBytes)
        return QStringLiteral("its name and value are longer than %1 bytes")
            .arg(kMaxNameValueBytes);
    const QString host = canonicalHost(url);
    if (host.isEmpty())
        return QStringLiteral("the response came from a URL without a host");

    Cookie cookie;
    cookie.name = parsed->name;
    cookie.value = parsed->value;
    cookie.created = now;
    cookie.secure = parsed->secure;
    cookie.httpOnly = parsed->httpOnly;
    cookie.sameSite = parsed->sameSite;
    if (parsed->maxAge) {
        const qint64 seconds = *parsed->maxAge;
        if (seconds <= 0)
            cookie.expires = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
        else if (seconds > now.secsTo(farFuture()))
            cookie.expires = farFuture();
        else
            cookie.expires = now.addSecs(seconds);
    } else if (parsed->expires) {
        cookie.expires = *parsed->expires;
    }

    QString domain;
    if (parsed->domain) {
        domain = QString::fromLatin1(QUrl::toAce(*parsed->domain)).toLower();
        if (domain.endsWith(u'.'))
            domain.chop(1);
        if (domain.isEmpty())
            return QStringLiteral("its Domain \"%1\" is not a valid domain name")
                .arg(*parsed->domain);
    }
    if (!domain.isEmpty() && isPublicSuffix(domain)) {
        if (domain != host)
            return QStringLiteral("its Domain \"%1\" is a public suffix, shared by unrelated "
                                  "sites")
                .arg(domain);
        domain.clear(); // the host itself may set a host-only cookie
    }
    if (!domain.isEmpty()) {
        if (!domainMatches(host, domain))
            return QStringLiteral("its Domain \"%1\" does not cover the host %2").arg(domain, host);
        cookie.hostOnly = false;
        cookie.domain = domain;
    } else {
        cookie.hostOnly = true;
        cookie.domain = host;
    }
    cookie.path = parsed->path ? *parsed->path : defaultPath(url);

    const bool secureContext = isSecureContext(url);
    if (cookie.secure && !secureContext)
        return QStringLiteral("it is Secure but came over plain http");
    if (startsWithCaseSensitive(cookie.name, QLatin1String("__Secure-")) && !cookie.secure)
        return QStringLiteral("a __Secure- cookie must have the Secure attribute");
    if (startsWithCaseSensitive(cookie.name, QLatin1String("__Host-"))
        && (!cookie.secure || !cookie.hostOnly || cookie.path != QLatin1String("/")))
        return QStringLiteral("a __Host- cookie must be Secure, with Path=/ and no Domain");
    if (!cookie.secure && !secureContext) {
        // An http response may not shadow a Secure cookie of the same name (6265bis 5.7).
        for (const Cookie &existing : std::as_const(m_cookies)) {
            if (existing.secure && existing.name == cookie.name
                && (domainMatches(existing.domain, cookie.domain)
                    || domainMatches(cookie.domain, existing.domain))
                && pathMatches(cookie.path, existing.path))
                return QStringLiteral("it would overwrite a Secure cookie over plain http");
        }
    }

    const auto existing
        = std::find_if(m_cookies.begin(), m_cookies.end(),
                       [&cookie](const Cookie &c) { return c.sameIdentity(cookie); });
    if (cookie.isExpired(now)) {
        // An expired cookie deletes the one it names; nothing is refused.
        if (existing != m_cookies.end())
            m_cookies.erase(existing);
        return std::nullopt;
    }
    if (existing != m_cookies.end()) {
        cookie.created = existing->created;
        *existing = cookie;
    } else {
        m_cookies.append(cookie);
        enforceLimits(cookie.domain);
    }
    return std::nullopt;
}

void CookieJar::enforceLimits(const QString &domain)
{
    const auto oldestOf = [this](auto predicate) {
        auto oldest = m_cookies.end();
        for (auto it = m_cookies.begin(); it != m_cookies.end(); ++it) {
            if (predicate(*it) && (oldest == m_cookies.end() || it->created < oldest->created))
                oldest = it;
        }
        return oldest;
    };
    const auto inDomain = [&domain](const Cookie &c) { return c.domain == domain; };
    while (std::count_if(m_cookies.cbegin(), m_cookies.cend(), inDomain) > kMaxCookiesPerDomain)
        m_cookies.erase(oldestOf(inDomain));
    while (m_cookies.size() > kMaxCookies)
        m_cookies.erase(oldestOf([](const Cookie &) { return true; }));
}

QList<CookieRejection> CookieJar::storeFromResponse(const QUrl &url,
                                                    const QList<QByteArray> &setCookies,
                                                    const QDateTime &now)
{
    QList<CookieRejection> rejected;
    const CookieList before = m_cookies;
    for (const QByteArray &header : setCookies) {
        if (const std::optional<QString> reason = store(url, header, now))
            rejected.append({QString::fromUtf8(header), *reason});
    }
    if (m_cookies != before)
        emit changed();
    return rejected;
}

CookieList CookieJar::cookiesFor(const QUrl &url, const QDateTime &now)
{
    const QString host = canonicalHost(url);
    const QString path = requestPath(url);
    const bool secureContext = isSecureContext(url);
    removeExpired(now);
    CookieList matching;
    for (const Cookie &cookie : std::as_const(m_cookies)) {
        const bool hostOk
            = cookie.hostOnly ? host == cookie.domain : domainMatches(host, cookie.domain);
        if (hostOk && pathMatches(path, cookie.path) && (!cookie.secure || secureContext))
            matching.append(cookie);
    }
    std::stable_sort(matching.begin(), matching.end(), [](const Cookie &a, const Cookie &b) {
        if (a.path.size() != b.path.size())
            return a.path.size() > b.path.size();
        return a.created < b.created;
    });
    return matching;
}

QByteArray CookieJar::cookieHeaderFor(const QUrl &url, const QDateTime &now)
{
    QByteArray header;
    for (const Cookie &cookie : cookiesFor(url, now)) {
        if (!header.isEmpty())
            header += "; ";
        header += cookie.name.toUtf8() + '=' + cookie.value.toUtf8();
    }
    return header;
}

void CookieJar::insert(const Cookie &cookie)
{
    Cookie stored = cookie;
    stored.domain = stored.domain.toLower();
    if (stored.domain.startsWith(u'.'))
        stored.domain.remove(0, 1);
    if (stored.path.isEmpty())
        stored.path = QStringLiteral("/");
    if (!stored.created.isValid())
        stored.created = QDateTime::currentDateTimeUtc();
    const auto existing
        = std::find_if(m_cookies.begin(), m_cookies.end(),
                       [&stored](const Cookie &c) { return c.sameIdentity(stored); });
    if (stored.isExpired(QDateTime::currentDateTimeUtc())) {
        if (existing == m_cookies.end())
            return;
        m_cookies.erase(existing);
    } else if (existing != m_cookies.end()) {
        if (*existing == stored)
            return;
        *existing = stored;
    } else {
        m_cookies.append(stored);
    }
    emit changed();
}

bool CookieJar::remove(const Cookie &cookie)
{
    const qsizetype removed
        = m_cookies.removeIf([&cookie](const Cookie &c) { return c.sameIdentity(cookie); });
    if (removed > 0)
        emit changed();
    return removed > 0;
}

int CookieJar::removeDomain(const QString &domain)
{
    QString clean = domain.trimmed().toLower();
    if (clean.startsWith(u'.'))
        clean.remove(0, 1);
    const qsizetype removed
        = m_cookies.removeIf([&clean](const Cookie &c) { return domainMatches(c.domain, clean); });
    if (removed > 0)
        emit changed();
    return int(removed);
}

void CookieJar::clear()
{
    if (m_cookies.isEmpty())
        return;
    m_cookies.clear();
    emit changed();
}

void CookieJar::setCookies(const CookieList &cookies)
{
    if (cookies == m_cookies)
        return;
    m_cookies.clear();
    for (const Cookie &cookie : cookies) {
        const auto existing
            = std::find_if(m_cookies.begin(), m_cookies.end(),
                           [&cookie](const Cookie &c) { return c.sameIdentity(cookie); });
        if (existing != m_cookies.end())
            *existing = cookie;
        else
            m_cookies.append(cookie);
    }
    emit changed();
}

int CookieJar::removeExpired(const QDateTime &now)
{
    const qsizetype removed
        = m_cookies.removeIf([&now](const Cookie &c) { return c.isExpired(now); });
    if (removed > 0)
        emit changed();
    return int(removed);
}

} // namespace Patchbay::Core
