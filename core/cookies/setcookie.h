#pragma once

#include "core/cookies/cookie.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Patchbay::Core {

// One Set-Cookie header, parsed as RFC 6265 section 5.2 says (what the jar then does with it is
// section 5.3, in CookieJar). Attribute names are case-insensitive and the last of each wins.
struct SetCookie
{
    QString name;
    QString value;
    std::optional<QDateTime> expires; // a valid cookie-date in Expires
    std::optional<qint64> maxAge; // seconds; <= 0 means "expire now"
    std::optional<QString> domain; // lower-case, leading dot removed; never empty
    std::optional<QString> path; // only when it starts with '/'
    bool secure = false;
    bool httpOnly = false;
    SameSite sameSite = SameSite::Unspecified;

    friend bool operator==(const SetCookie &, const SetCookie &) = default;
};

// std::nullopt when the header sets no cookie: no '=' in the name-value pair, or an empty name.
// Names and values are UTF-8.
std::optional<SetCookie> parseSetCookie(QByteArrayView header);

// The cookie-date algorithm of RFC 6265 section 5.1.1 (the lenient parser browsers use, which
// reads "Wed, 09 Jun 2021 10:18:14 GMT", "Wednesday, 09-Jun-21 10:18:14 GMT" and asctime dates
// alike). Always UTC; std::nullopt for an invalid date.
std::optional<QDateTime> parseCookieDate(QByteArrayView text);

} // namespace Patchbay::Core
