#pragma once

#include "core/http/preparedrequest.h"

#include <QByteArrayView>
#include <QStringList>
#include <QStringView>

namespace Patchbay::Core {

// Which request headers count as credentials: they are dropped when a redirect leaves the
// origin the user addressed (redirectpolicy.h), and their values are hidden in history.
//
// A header is a credential when
//   - its name is Authorization, Proxy-Authorization or Cookie, or it is the API-key header of
//     the Auth settings;
//   - its name looks like one (looksLikeCredentialName): X-Api-Key, Api-Key, X-Auth-Token,
//     X-Access-Token, Private-Token, X-Amz-Security-Token, X-Goog-Api-Key,
//     Ocp-Apim-Subscription-Key, X-CSRF-Token, X-Vault-Token, X-Session-Id, ...;
//   - or its value holds the value of a secret variable (markSecretHeaders).
// RequestSettings::keepHeadersOnRedirect names headers the user wants kept anyway.

// True for names that usually carry a credential, compared on their letters and digits only,
// case-insensitively: exactly "key", "sig", "pwd", "pass", "sid", "cookie", "setcookie" or
// "session", or containing "auth", "apikey", "token", "secret", "password", "passwd",
// "credential", "accesskey", "privatekey", "signature", "sessionid" or "subscriptionkey".
bool looksLikeCredentialName(QStringView name);

// Authorization, Proxy-Authorization, Cookie, or looksLikeCredentialName().
bool isCredentialHeaderName(QByteArrayView name);

// Marks as credentials the headers whose value contains one of `secretValues` (the values of
// the secret variables the request used), then clears the mark of the headers named in `keep`.
void markCredentialHeaders(PreparedRequest &request, const QStringList &secretValues,
                           const QStringList &keep);

} // namespace Patchbay::Core
