#pragma once

// Request signing: Digest (RFC 7616), AWS Signature Version 4, OAuth 1.0a (RFC 5849) and JWT
// bearer tokens. Each scheme is a plain value config (DigestConfig, AwsSigV4Config, OAuth1Config,
// JwtBearerConfig, one header each) and a pure function that signs a PreparedRequest:
//
//     signAwsSigV4(prepared, config, inputs) -> Result<PreparedRequest>
//     signOAuth1(prepared, config, inputs)   -> Result<PreparedRequest>
//     signJwtBearer(prepared, config, inputs, resolver) -> Result<PreparedRequest>
//     signDigest(prepared, challenge, config, nonceCount, inputs) -> Result<PreparedRequest>
//
// How the send path uses them:
//   1. resolve variables in the Request (core/environments), so that the config values and the
//      request carry no {{names}} (a JWT claims template is the exception: it is resolved by
//      signJwtBearer with the resolver it is given, so that values land JSON-escaped);
//   2. prepareRequest() (core/http/preparedrequest.h);
//   3. sign the PreparedRequest with the scheme's function and SigningInputs::fresh();
//   4. send exactly that: HttpClient::send(request, signed) (not send(request), which would
//      prepare it again without the signature).
// Digest cannot sign up front: the server's 401 carries the nonce. DigestCall (digestcall.h)
// does steps 2-4 around that round trip, shows it in the response's timing (Timing::before) and,
// given a DigestSession that lives as long as the window or the run, answers later requests at
// once with growing nonce counts. Code generation for these schemes: core/interop/authcodegen.h.
//
// A signature covers what is sent, so nothing may change the request after signing. Signing
// adds headers marked `automatic` (and `credential` where they carry secrets, so that redirects
// to another origin drop them). No secret is ever written to a log line.

#include <QByteArray>
#include <QDateTime>

namespace Patchbay::Core {

// What differs between two signings of the same request: the time and a random nonce. Tests
// fix them; sending uses fresh().
struct SigningInputs
{
    QDateTime now; // UTC
    QByteArray nonce; // printable ASCII, unique per signing (OAuth 1 nonce, Digest cnonce, jti)

    // The current UTC time and 96 random bits (from the system's CSPRNG) as 24 hex digits:
    // enough never to repeat, and within the 20 to 30 characters that oauthlib servers accept.
    static SigningInputs fresh();

    friend bool operator==(const SigningInputs &, const SigningInputs &) = default;
};

} // namespace Patchbay::Core
