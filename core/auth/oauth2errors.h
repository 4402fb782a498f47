#pragma once

#include "core/auth/oauth2config.h"

#include <QString>

namespace Patchbay::Core {

// Which step an OAuth 2.0 error came from: the same code means different things (invalid_grant
// after a refresh is an expired refresh token; after a code exchange, a used or mismatched code).
enum class OAuth2Step { Authorization, DeviceAuthorization, Token, Refresh };

// An OAuth 2.0 error (RFC 6749 sections 4.1.2.1 and 5.2, RFC 8628 section 3.5) in words: what
// it means for this grant and what to do, then the server's own code and description.
// `redirectUri` is the one Patchbay sent, for mismatch advice.
QString explainOAuth2Error(const QString &error, const QString &description, OAuth2Step step,
                           OAuth2Grant grant, const QString &redirectUri = {});

// A user-facing name for a grant: "authorization code", "client credentials"...
QString oauth2GrantTitle(OAuth2Grant grant);

// True for http URLs whose host is not a loopback address: tokens and secrets sent there can be
// read on the way.
bool isInsecureEndpoint(const QString &url);

} // namespace Patchbay::Core
