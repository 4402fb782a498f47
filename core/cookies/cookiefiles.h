#pragma once

#include "core/common/result.h"
#include "core/cookies/cookie.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

namespace Patchbay::Core {

// Netscape cookies.txt, the format curl reads with `-b FILE` and writes with `-c FILE`: one
// cookie a line, seven tab-separated fields (domain, include subdomains, path, secure, expiry in
// Unix seconds or 0 for a session cookie, name, value); "#HttpOnly_" before the domain marks an
// HttpOnly cookie, other lines starting with '#' are comments. It has no SameSite field.
QByteArray cookiesToNetscape(const CookieList &cookies);
// Lines that are not cookies are skipped and described in `skipped` (line number and why).
// Fails only when the text has no cookie line at all and does not look like such a file.
Result<CookieList> cookiesFromNetscape(QByteArrayView text, QStringList *skipped = nullptr);

// The workspace jar's own file: JSON that keeps every field (SameSite, creation time).
QByteArray cookiesToJson(const CookieList &cookies);
Result<CookieList> cookiesFromJson(QByteArrayView json);

// `-b` of curl: "name=value; other=value" (anything with a '='), or else a file name.
bool looksLikeCookieString(const QString &argument);
// The cookies of a "name=value; other=value" string, as host-only cookies of `host` with path /.
CookieList cookiesFromString(const QString &text, const QString &host);

// Reads a cookies.txt or our JSON, whichever `bytes` holds.
Result<CookieList> cookiesFromFileContent(QByteArrayView bytes);
Result<CookieList> readCookieFile(const QString &path);
// Writes atomically (QSaveFile) with owner-only permissions: cookies are credentials.
// Netscape format unless the name ends in ".json".
Status writeCookieFile(const QString &path, const CookieList &cookies);

} // namespace Patchbay::Core
