#pragma once

#include "core/common/result.h"
#include "core/http/preparedrequest.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

namespace Patchbay::Core {

// 301, 302, 303, 307 and 308. Other 3xx statuses (300, 304, ...) are answers, not redirects.
bool isFollowableRedirect(int statusCode);

// The single definition of "same origin" used for credential stripping: scheme, host and port
// (default ports filled in, so http://h and http://h:80 are the same origin).
bool isSameOrigin(const QUrl &a, const QUrl &b);

struct RedirectStep
{
    PreparedRequest next; // what to send to the new location
    QList<QByteArray> droppedHeaders; // credential headers removed because the origin changed

    friend bool operator==(const RedirectStep &, const RedirectStep &) = default;
};

// What to send after `current` was answered by a followable redirect to `location` (the raw
// Location header, relative or absolute). Rules, as in the Fetch standard and browsers:
//   - 303 turns every method but GET and HEAD into GET; 301 and 302 turn POST into GET. Such a
//     GET has no body and no body headers (Content-Type, Content-Length, Content-Encoding, ...);
//   - 307 and 308 keep the method and the body;
//   - when scheme, host or port change, every credential header (credentialheaders.h:
//     Authorization, Cookie, the API-key header, X-Api-Key and the like, headers holding a secret
//     variable's value) is dropped and stays dropped;
//   - a Location without a fragment keeps the current URL's fragment (RFC 9110).
// Errors: "insecure-redirect" for https -> http; "protocol" for a Location that is not an http(s)
// URL.
Result<RedirectStep> planRedirect(const PreparedRequest &current, int statusCode,
                                  const QByteArray &location);

} // namespace Patchbay::Core
