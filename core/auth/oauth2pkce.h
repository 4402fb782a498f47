#pragma once

#include "core/auth/oauth2config.h"

#include <QByteArray>

namespace Patchbay::Core {

// RFC 7636 (PKCE). A code verifier: 64 characters of the unreserved set from the system's
// random generator (43 to 128 are allowed).
QByteArray makePkceVerifier();
// The code_challenge for `verifier`: base64url(SHA-256(verifier)) without padding for S256,
// the verifier itself for plain, empty for None.
QByteArray pkceChallenge(const QByteArray &verifier, PkceMethod method);
// A value for `state` (and other one-time values): 32 random bytes, base64url.
QByteArray makeOAuth2State();

} // namespace Patchbay::Core
