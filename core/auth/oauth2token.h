#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Patchbay::Core {

// What a token endpoint granted (RFC 6749 section 5.1). Kept in the OS keyring as JSON
// (tokenstore.h), never in a file.
struct OAuth2Token
{
    QString accessToken;
    QString tokenType; // "Bearer" usually
    QString refreshToken;
    QString idToken; // OpenID Connect
    QString scope; // as granted (may differ from the request)
    QDateTime obtainedAt; // UTC
    QDateTime expiresAt; // UTC; invalid when the server did not say

    bool isEmpty() const { return accessToken.isEmpty(); }
    // True when the token has an expiry and it is less than `seconds` away from `now`.
    bool expiresWithin(qint64 seconds, const QDateTime &now) const;
    // Time to renew it: less than kRefreshMarginSeconds left, or, for a short-lived token, less
    // than a quarter of its lifetime (a 60 s token is renewed 15 s before it expires).
    bool needsRenewal(const QDateTime &now) const;

    friend bool operator==(const OAuth2Token &, const OAuth2Token &) = default;
};

// Renew this long before the expiry the server gave, so that a token never runs out between
// being checked and reaching the server.
inline constexpr qint64 kRefreshMarginSeconds = 30;

// A successful token response body. `previous` keeps its refresh token when a refresh grant
// answers without a new one (RFC 6749 section 6 allows that). Errors: "oauth2-bad-token-response"
// when the body is not JSON or has no access_token.
Result<OAuth2Token> parseTokenResponse(const QByteArray &body, const QDateTime &now,
                                       const OAuth2Token *previous = nullptr);

// For the keyring.
QByteArray tokenToJson(const OAuth2Token &token);
std::optional<OAuth2Token> tokenFromJson(const QByteArray &json);

// The payload of a JWT (the middle part, base64url-decoded), without verifying anything: for
// showing what a token says. std::nullopt when `token` is not a JWT with a JSON object payload.
std::optional<QByteArray> jwtPayload(const QString &token);

// "abcd…wxyz (1,234 characters)": enough to recognise a token without showing it.
QString maskToken(const QString &token);

} // namespace Patchbay::Core
