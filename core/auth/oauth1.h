#pragma once

#include "core/auth/signing.h"
#include "core/common/result.h"
#include "core/http/preparedrequest.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core {

enum class OAuth1SignatureMethod { HmacSha1, HmacSha256, RsaSha1, Plaintext };
// Where the protocol parameters go (RFC 5849 3.5): the Authorization header, the form body, or
// the query string.
enum class OAuth1Placement { Header, Body, Query };

// What the user configures for OAuth 1.0a (RFC 5849).
struct OAuth1Config
{
    QString consumerKey;
    QString consumerSecret; // HMAC and PLAINTEXT
    QString token; // oauth_token: the access (or request) token; empty for a request-token call
    QString tokenSecret;
    QString privateKeyPem; // RSA-SHA1: the consumer's private key (PKCS#1 or PKCS#8 PEM)
    OAuth1SignatureMethod signatureMethod = OAuth1SignatureMethod::HmacSha1;
    OAuth1Placement placement = OAuth1Placement::Header;
    QString callback; // oauth_callback, for the request-token call ("oob" when none)
    QString verifier; // oauth_verifier, for the access-token call
    QString realm; // header placement only
    bool includeVersion = true; // oauth_version="1.0" (optional in the RFC)

    friend bool operator==(const OAuth1Config &, const OAuth1Config &) = default;
};

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
Result<OAuth1Signature> oauth1Signature(const PreparedRequest &request, const OAuth1Config &config,
                                        const SigningInputs &inputs);
Result<PreparedRequest> signOAuth1(const PreparedRequest &request, const OAuth1Config &config,
                                   const SigningInputs &inputs);

} // namespace Patchbay::Core
