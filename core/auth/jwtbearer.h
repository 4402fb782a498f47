#pragma once

#include "core/auth/signing.h"
#include "core/auth/signingconfig.h"
#include "core/common/result.h"
#include "core/http/preparedrequest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Patchbay::Core {

// The value of {{name}}, or std::nullopt when no variable of that name exists. The send path
// passes one backed by core/environments (VariableContext::lookup, then resolveText for nested
// and dynamic values), so variable rules stay there.
using JwtVariableResolver = std::function<std::optional<QString>(const QString &name)>;

// The claims template with the variables `resolve` knows filled in as makeJwt() would (JSON-
// escaped inside a string); unknown ones stay as written and are appended to `unresolved`. The
// send path resolves a request's variables this way, so that signing needs no resolver.
QString resolveJwtClaims(const QString &claimsTemplate, const JwtVariableResolver &resolve,
                         QStringList *unresolved = nullptr);

// "HS256", "HS384", "HS512", "RS256", "ES256".
QByteArray jwtAlgorithmName(JwtAlgorithm algorithm);

// A signed JWT: header {"alg", "typ": "JWT", "kid"?}, the template's claims with iat (inputs.now)
// and exp added (and nbf, jti when asked) unless the template sets them itself. Errors:
// "jwt-template" (an undefined variable, not a JSON object: the message names it and where),
// "jwt-config" (no key, bad base64, a key that does not suit the algorithm), "invalid-key".
Result<QByteArray> makeJwt(const JwtBearerConfig &config, const SigningInputs &inputs,
                           const JwtVariableResolver &resolve);

// The request carrying a fresh JWT in the configured header ("Authorization: Bearer <jwt>") or
// query parameter.
Result<PreparedRequest> signJwtBearer(const PreparedRequest &request, const JwtBearerConfig &config,
                                      const SigningInputs &inputs,
                                      const JwtVariableResolver &resolve);

} // namespace Patchbay::Core
