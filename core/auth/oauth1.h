#pragma once

#include "core/auth/signing.h"
#include "core/auth/signingconfig.h"
#include "core/common/result.h"
#include "core/http/preparedrequest.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core {

// A signed request and its signature base string, for users comparing with a server's.
struct OAuth1Signature
{
    PreparedRequest request;
    QByteArray baseString;
    QByteArray signature; // base64 (HMAC, RSA) or the PLAINTEXT key

    friend bool operator==(const OAuth1Signature &, const OAuth1Signature &) = default;
};

// Signs `request` (RFC 5849 3.4) with inputs.now as oauth_timestamp and inputs.nonce as
// oauth_nonce. The base string covers the method, the URL without query (scheme and host in
// lower case, default port dropped, path as sent), the query parameters, the oauth_*
// parameters and, for an application/x-www-form-urlencoded body, the form fields ('+' read as
// a space in both). Body placement appends the parameters to a form body (an empty body
// becomes one). Errors: "oauth1-config" (no consumer key, no private key for RSA-SHA1, body
// placement with a body that is not a form or on GET/HEAD), "invalid-key".
// The name of a signature method on the wire and in other tools' files ("HMAC-SHA1"...).
QByteArray signatureMethodName(OAuth1SignatureMethod method);

Result<OAuth1Signature> oauth1Signature(const PreparedRequest &request, const OAuth1Config &config,
                                        const SigningInputs &inputs);
Result<PreparedRequest> signOAuth1(const PreparedRequest &request, const OAuth1Config &config,
                                   const SigningInputs &inputs);

} // namespace Patchbay::Core
