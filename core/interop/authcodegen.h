#pragma once

#include "core/auth/awssigv4.h"
#include "core/auth/digestauth.h"
#include "core/auth/jwtbearer.h"
#include "core/auth/oauth1.h"
#include "core/interop/codegen.h"

#include <optional>
#include <variant>

namespace Patchbay::Core {

// A request-signing scheme of core/auth, as code generation sees it.
using SigningAuth = std::variant<DigestConfig, AwsSigV4Config, OAuth1Config, JwtBearerConfig>;

// What `auth` adds to code in `language`. Working code where the language's usual tool signs
// by itself: curl --digest and --aws-sigv4 (with the query sorted, which curl 7.88 does not
// do), HTTPie's --auth-type=digest, requests' HTTPDigestAuth. Otherwise, and for what a tool
// lacks (a presigned URL, auth-int, SHA-512-256), comments saying what the user must add; the
// comments never contain secrets. Credentials that the code itself uses are written as the
// config holds them, as for Basic auth ({{variables}} stay as written).
CodeAuthExtras codeAuthExtras(const SigningAuth &auth, CodeLanguage language);

// generateCode() for `request` signed with `auth`.
Result<QString> generateSignedCode(const Request &request, CodeLanguage language,
                                   const SigningAuth &auth);

// The signing settings of `auth` when its mode is a signing scheme.
std::optional<SigningAuth> signingAuthOf(const Auth &auth);
// generateCode() for `request` with its own auth: the signing schemes with codeAuthExtras(),
// everything else as generateCode() writes it; `secrets` as for generateCode().
Result<QString> generateCodeWithAuth(const Request &request, CodeLanguage language,
                                     const SecretReferences &secrets = {});

} // namespace Patchbay::Core
