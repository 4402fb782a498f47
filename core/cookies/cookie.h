#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace Patchbay::Core {

// The SameSite attribute as the server sent it. Patchbay stores and shows it but, having no
// notion of a "site" the user is on, never uses it to hold a cookie back (curl does the same).
enum class SameSite { Unspecified, None, Lax, Strict };

// One stored cookie, in the terms of RFC 6265 section 5.3: `domain` is lower-case without a
// leading dot; a host-only cookie goes to exactly that host, any other to its subdomains too.
struct Cookie
{
    QString name;
    QString value;
    QString domain;
    QString path = QStringLiteral("/");
    QDateTime expires; // invalid: a session cookie (kept until the jar is cleared)
    bool hostOnly = true;
    bool secure = false; // sent only over https (and to loopback hosts)
    bool httpOnly = false;
    SameSite sameSite = SameSite::Unspecified;
    QDateTime created; // orders cookies of equal path length, kept when a cookie is replaced

    bool isSession() const { return !expires.isValid(); }
    bool isExpired(const QDateTime &now) const { return expires.isValid() && expires <= now; }
    // Identity in the jar: a new cookie with the same name, domain and path replaces this one.
    bool sameIdentity(const Cookie &other) const
    {
        return name == other.name && domain == other.domain && path == other.path;
    }

    friend bool operator==(const Cookie &, const Cookie &) = default;
};

using CookieList = QList<Cookie>;

QString sameSiteName(SameSite sameSite); // "", "None", "Lax", "Strict"
SameSite sameSiteFromName(QStringView name); // case-insensitive; Unspecified when unknown

} // namespace Patchbay::Core
