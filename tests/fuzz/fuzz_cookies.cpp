// Set-Cookie headers (RFC 6265 section 5.2) and cookie dates (5.1.1), as servers send them.
// Checks: no crash; a parsed cookie has a non-empty name; a domain is lower-case and never
// empty (only its first leading dot is removed, as RFC 6265 5.2.3 says: "Domain=..x" keeps
// ".x", which then matches no host); a path starts with '/'; a date is valid and UTC; parsing
// is deterministic.
#include "core/cookies/setcookie.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 4096))
        return -1;
    const QByteArrayView input = bytes(data, size);
    const std::optional<SetCookie> cookie = parseSetCookie(input);
    if (cookie) {
        FUZZ_CHECK(!cookie->name.isEmpty(), QStringLiteral("empty name"));
        if (cookie->domain) {
            FUZZ_CHECK(!cookie->domain->isEmpty(), QStringLiteral("empty domain"));
            FUZZ_CHECK(*cookie->domain == cookie->domain->toLower(), QStringLiteral("domain case"));
        }
        if (cookie->path)
            FUZZ_CHECK(cookie->path->startsWith(u'/'), QStringLiteral("path"));
        if (cookie->expires)
            FUZZ_CHECK(cookie->expires->isValid() && cookie->expires->timeSpec() == Qt::UTC,
                       QStringLiteral("expires"));
        FUZZ_CHECK(parseSetCookie(input) == cookie, QStringLiteral("not deterministic"));
    }
    if (const std::optional<QDateTime> date = parseCookieDate(input))
        FUZZ_CHECK(date->isValid() && date->timeSpec() == Qt::UTC, QStringLiteral("date"));
    return 0;
}
