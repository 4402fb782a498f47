#pragma once

#include "core/auth/signing.h"
#include "core/common/result.h"
#include "core/http/preparedrequest.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace Patchbay::Core {

enum class JwtAlgorithm { HS256, HS384, HS512, RS256, ES256 };
// How JwtBearerConfig::key is read: HS* take a secret as text (its UTF-8 bytes) or base64
// (standard or URL-safe alphabet); RS256 and ES256 always take a PEM private key.
enum class JwtKeyFormat { Text, Base64, Pem };
enum class JwtPlacement { Header, Query };

// What the user configures for a JWT signed per request (RFC 7519, JWS compact form).
struct JwtBearerConfig
{
    JwtAlgorithm algorithm = JwtAlgorithm::HS256;
    QString key;
    JwtKeyFormat keyFormat = JwtKeyFormat::Text;
    QString keyId; // the header's "kid"; none when empty
    // A JSON object with {{variables}}, e.g. {"sub": "{{userId}}", "aud": "api"}. A variable
    // inside a string is inserted JSON-escaped; outside one, as JSON text ({"n": {{count}}}).
    QString claimsTemplate = QStringLiteral("{}");
    int lifetimeSeconds = 300; // exp = iat + lifetime
    bool setNotBefore = false; // nbf = iat
    bool setJwtId = false; // jti = the signing nonce
    JwtPlacement placement = JwtPlacement::Header;
    QString headerName = QStringLiteral("Authorization");
    QString headerPrefix = QStringLiteral("Bearer"); // "Bearer <jwt>"; empty: the JWT alone
    QString queryParamName = QStringLiteral("access_token");

    friend bool operator==(const JwtBearerConfig &, const JwtBearerConfig &) = default;
};

// The value of {{name}}, or std::nullopt when no variable of that name exists. The send path
// passes one backed by core/environments (VariableContext::lookup, then resolveText for nested
// and dynamic values), so variable rules stay there.
using JwtVariableResolver = std::function<std::optional<QString>(const QString &name)>;

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
