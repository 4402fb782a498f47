#include "core/cookies/setcookie.h"

#include <QList>

namespace Patchbay::Core {

namespace {

QByteArrayView trimWhitespace(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// RFC 6265 5.1.1: delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
bool isDateDelimiter(unsigned char c)
{
    return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40)
        || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

// Reads 1 to `maxDigits` digits at the start of `token`, which must then end or go on with a
// non-digit. -1 when it does not.
int leadingNumber(QByteArrayView token, int minDigits, int maxDigits, qsizetype *used = nullptr)
{
    qsizetype n = 0;
    int value = 0;
    while (n < token.size() && isDigit(token[n])) {
        if (n == maxDigits)
            return -1;
        value = value * 10 + (token[n] - '0');
        ++n;
    }
    if (n < minDigits)
        return -1;
    if (used)
        *used = n;
    return value;
}

bool parseTime(QByteArrayView token, int *hour, int *minute, int *second)
{
    int parts[3];
    QByteArrayView rest = token;
    for (int i = 0; i < 3; ++i) {
        qsizetype used = 0;
        parts[i] = leadingNumber(rest, 1, 2, &used);
        if (parts[i] < 0)
            return false;
        rest = rest.sliced(used);
        if (i < 2) {
            if (rest.isEmpty() || rest.front() != ':')
                return false;
            rest = rest.sliced(1);
        }
    }
    *hour = parts[0];
    *minute = parts[1];
    *second = parts[2];
    return true;
}

int monthOf(QByteArrayView token)
{
    static const char *const names[]
        = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (token.size() < 3)
        return 0;
    for (int i = 0; i < 12; ++i) {
        if (token.first(3).compare(QByteArrayView(names[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

} // namespace

std::optional<QDateTime> parseCookieDate(QByteArrayView text)
{
    bool foundTime = false;
    bool foundDay = false;
    bool foundMonth = false;
    bool foundYear = false;
    int hour = 0, minute = 0, second = 0, day = 0, month = 0, year = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && isDateDelimiter(uchar(text[i])))
            ++i;
        const qsizetype start = i;
        while (i < text.size() && !isDateDelimiter(uchar(text[i])))
            ++i;
        const QByteArrayView token = text.sliced(start, i - start);
        if (token.isEmpty())
            continue;
        if (!foundTime && parseTime(token, &hour, &minute, &second)) {
            foundTime = true;
            continue;
        }
        if (!foundDay) {
            const int value = leadingNumber(token, 1, 2);
            if (value >= 0) {
                day = value;
                foundDay = true;
                continue;
            }
        }
        if (!foundMonth) {
            if (const int value = monthOf(token)) {
                month = value;
                foundMonth = true;
                continue;
            }
        }
        if (!foundYear) {
            const int value = leadingNumber(token, 2, 4);
            if (value >= 0) {
                year = value;
                foundYear = true;
                continue;
            }
        }
    }
    if (year >= 70 && year <= 99)
        year += 1900;
    else if (year >= 0 && year <= 69)
        year += 2000;
    if (!foundTime || !foundDay || !foundMonth || !foundYear || day < 1 || day > 31 || year < 1601
        || hour > 23 || minute > 59 || second > 59)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid()) // 31 April, 29 February of a common year
        return std::nullopt;
    return QDateTime(date, QTime(hour, minute, second), Qt::UTC);
}

std::optional<SetCookie> parseSetCookie(QByteArrayView header)
{
    const qsizetype semicolon = header.indexOf(';');
    const QByteArrayView pair = semicolon < 0 ? header : header.first(semicolon);
    const qsizetype eq = pair.indexOf('=');
    if (eq < 0)
        return std::nullopt;
    SetCookie cookie;
    cookie.name = QString::fromUtf8(trimWhitespace(pair.first(eq)));
    cookie.value = QString::fromUtf8(trimWhitespace(pair.sliced(eq + 1)));
    if (cookie.name.isEmpty())
        return std::nullopt;
    if (semicolon < 0)
        return cookie;

    QByteArrayView rest = header.sliced(semicolon + 1);
    while (!rest.isEmpty()) {
        const qsizetype next = rest.indexOf(';');
        const QByteArrayView av = next < 0 ? rest : rest.first(next);
        rest = next < 0 ? QByteArrayView() : rest.sliced(next + 1);
        const qsizetype avEq = av.indexOf('=');
        const QByteArrayView name = trimWhitespace(avEq < 0 ? av : av.first(avEq));
        const QByteArrayView value
            = avEq < 0 ? QByteArrayView() : trimWhitespace(av.sliced(avEq + 1));
        const auto is = [&name](const char *attribute) {
            return name.compare(QByteArrayView(attribute), Qt::CaseInsensitive) == 0;
        };
        if (is("Expires")) {
            if (const std::optional<QDateTime> date = parseCookieDate(value))
                cookie.expires = date;
        } else if (is("Max-Age")) {
            if (value.isEmpty() || !(isDigit(value.front()) || value.front() == '-'))
                continue;
            bool allDigits = true;
            for (char c : value.sliced(1))
                allDigits = allDigits && isDigit(c);
            if (!allDigits || value == "-")
                continue;
            bool ok = false;
            qint64 seconds = value.toLongLong(&ok);
            if (!ok) // more digits than a qint64 holds: as good as forever, or as good as now
                seconds = value.front() == '-' ? -1 : std::numeric_limits<qint64>::max() / 2000;
            cookie.maxAge = seconds;
        } else if (is("Domain")) {
            QByteArrayView domain = value;
            if (domain.startsWith('.'))
                domain = domain.sliced(1);
            if (!domain.isEmpty())
                cookie.domain = QString::fromUtf8(domain).toLower();
        } else if (is("Path")) {
            if (value.startsWith('/'))
                cookie.path = QString::fromUtf8(value);
            else
                cookie.path.reset(); // the default path
        } else if (is("Secure")) {
            cookie.secure = true;
        } else if (is("HttpOnly")) {
            cookie.httpOnly = true;
        } else if (is("SameSite")) {
            cookie.sameSite = sameSiteFromName(QString::fromLatin1(value));
        }
    }
    return cookie;
}

QString sameSiteName(SameSite sameSite)
{
    switch (sameSite) {
    case SameSite::None:
        return QStringLiteral("None");
    case SameSite::Lax:
        return QStringLiteral("Lax");
    case SameSite::Strict:
        return QStringLiteral("Strict");
    case SameSite::Unspecified:
        break;
    }
    return {};
}

SameSite sameSiteFromName(QStringView name)
{
    if (name.compare(u"None", Qt::CaseInsensitive) == 0)
        return SameSite::None;
    if (name.compare(u"Lax", Qt::CaseInsensitive) == 0)
        return SameSite::Lax;
    if (name.compare(u"Strict", Qt::CaseInsensitive) == 0)
        return SameSite::Strict;
    return SameSite::Unspecified;
}

} // namespace Patchbay::Core
