#pragma once

#include "core/http/request.h"
#include "core/http/response.h"

#include <QString>
#include <QStringList>
#include <QStringView>

namespace Patchbay::Core {

// Secrets are never written to history. A redacted value becomes redactionMarker(), three
// bullets "•••" (U+2022; UTF-8 bytes in raw response headers). What is kept and what goes:
// - Authorization / Proxy-Authorization: the scheme stays ("Bearer •••").
// - Cookie and Set-Cookie: cookie names and Set-Cookie attributes stay ("sid=•••; Path=/").
// - Other headers, params, URL query items and form fields whose name looks like a credential
//   (isSecretName: api keys, tokens, secrets, passwords...): the whole value.
// - The URL's user-info password, and the Auth fields: Basic password, Bearer token, API key
//   value (and the header or query parameter the API key is sent in), OAuth 2.0 client secret,
//   password and refresh token.
// Redacting twice gives the same result. JSON/text bodies are not inspected.
QString redactionMarker();

// True when a header or parameter of this name usually carries a credential (the same rule that
// drops headers on cross-origin redirects: looksLikeCredentialName in credentialheaders.h).
bool isSecretName(QStringView name);

Request redactSecrets(const Request &request);
HttpHeaderList redactSecrets(const HttpHeaderList &headers);

// Replaces every occurrence of each of `values` (the values of secret variables a request
// used, ResolvedSend::secretValues) with redactionMarker(): in the URL (also percent-encoded),
// params, headers, body text, form and multipart fields, content type and auth. Longer values
// go first, so a value that contains another is redacted whole. Empty values are ignored.
Request redactValues(const Request &request, const QStringList &values);
QString redactValues(const QString &text, const QStringList &values);

// True when a field of `request` holds redactionMarker(): a request taken from history whose
// credentials were removed, which cannot be sent again as it is.
bool containsRedactions(const Request &request);

// Redacts the user-info password (also in a URL written without a scheme, "bob:pw@host") and
// the values of secret `name=value` items in a URL string, keeping everything else byte for
// byte. Items are looked for in the query (separated by '&', ';' or a stray second '?'), in the
// fragment ("#access_token=...") and in path parameters (";jsessionid=..."). `extraSecretParam`
// names one more parameter to redact.
QString redactUrl(const QString &url, const QString &extraSecretParam = QString());

} // namespace Patchbay::Core
