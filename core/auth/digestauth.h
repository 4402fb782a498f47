#pragma once

#include "core/auth/authchallenge.h"
#include "core/auth/signing.h"
#include "core/auth/signingconfig.h"
#include "core/common/result.h"
#include "core/http/preparedrequest.h"
#include "core/http/response.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace Patchbay::Core {

// Digest's hash algorithms (RFC 7616 3.3). SHA-512 is not in the RFC; httpbin and a few servers
// offer it, so it is answered too (plain SHA-512, no -sess variant).
enum class DigestAlgorithm { Md5, Md5Sess, Sha256, Sha256Sess, Sha512_256, Sha512_256Sess, Sha512 };

// "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess", "SHA-512".
QByteArray digestAlgorithmName(DigestAlgorithm algorithm);
// Case-insensitive inverse of digestAlgorithmName(); std::nullopt for anything else.
std::optional<DigestAlgorithm> digestAlgorithmFromName(QByteArrayView name);

// A Digest challenge (RFC 7616 3.3) this client can answer.
struct DigestChallenge
{
    QByteArray realm;
    QByteArray nonce;
    QByteArray opaque; // null when the server sent none
    DigestAlgorithm algorithm = DigestAlgorithm::Md5;
    bool algorithmGiven = false; // echoed in the answer only when the server named it
    // qop values offered. Neither: a legacy RFC 2069 challenge (no nc, no cnonce).
    bool offersAuth = false;
    bool offersAuthInt = false;
    bool stale = false; // the previous nonce expired; the credentials were fine
    bool userhash = false; // the server wants the username hashed (RFC 7616 3.4.4)

    friend bool operator==(const DigestChallenge &, const DigestChallenge &) = default;
};

// The challenge's Digest meaning; std::nullopt for another scheme, a missing nonce, an algorithm
// or a qop list this client does not implement.
std::optional<DigestChallenge> digestChallengeFrom(const AuthChallenge &challenge);
// The strongest answerable Digest challenge of every WWW-Authenticate header: SHA-512-256, then
// SHA-256, then SHA-512, then MD5 (a server may offer several, RFC 7616 3.7).
std::optional<DigestChallenge> chooseDigestChallenge(const HttpHeaderList &headers);
// The nextnonce of an Authentication-Info header, or a null QByteArray.
QByteArray digestNextNonce(const HttpHeaderList &headers);

// The request-target the digest-uri names: path (at least "/") and query as they go on the wire.
QByteArray digestUri(const QUrl &url);

// The value of the Authorization header answering `challenge` (RFC 7616 3.4) for one request.
// `nonceCount` counts the uses of this nonce, from 1; `cnonce` is the client nonce. Non-ASCII
// usernames go in username* (RFC 8187) unless the server asked for userhash. Error
// "digest-unsupported" when the challenge offers no qop this client can use.
Result<QByteArray> digestAuthorization(const DigestChallenge &challenge, const DigestConfig &config,
                                       QByteArrayView method, QByteArrayView uri,
                                       QByteArrayView body, quint32 nonceCount,
                                       QByteArrayView cnonce);

// The request with its Authorization header answering `challenge`; inputs.nonce is the cnonce.
Result<PreparedRequest> signDigest(const PreparedRequest &request, const DigestChallenge &challenge,
                                   const DigestConfig &config, quint32 nonceCount,
                                   const SigningInputs &inputs);

} // namespace Patchbay::Core
