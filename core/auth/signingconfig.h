#pragma once

// What the user configures for the signing schemes (Digest, AWS SigV4, OAuth 1.0a, JWT bearer):
// plain values that Auth (core/http/request.h) holds. The signing is in digestauth.h,
// awssigv4.h, oauth1.h and jwtbearer.h; see signing.h for how a send uses it.

#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// What the user configures for Digest auth: the credentials, and a preference the server
// leaves to the client.
struct DigestConfig
{
    QString username;
    QString password;
    // When the server offers both qop=auth and qop=auth-int, answer with auth-int (which also
    // protects the body). Off by default: some servers offer auth-int but mishandle it.
    bool preferAuthInt = false;

    friend bool operator==(const DigestConfig &, const DigestConfig &) = default;
};

// Where the signature goes: an Authorization header, or the query string (a presigned URL).
enum class AwsSigV4Placement { Header, Query };

// What the user configures for AWS Signature Version 4.
struct AwsSigV4Config
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // temporary credentials (STS); empty when none
    QString region; // "us-east-1"
    QString service; // "execute-api", "s3", "sqs"...; "s3" selects S3's rules
    AwsSigV4Placement placement = AwsSigV4Placement::Header;
    // Sign "UNSIGNED-PAYLOAD" instead of the body's SHA-256, for streamed or large bodies (the
    // service must allow it: S3 does over HTTPS).
    bool unsignedPayload = false;
    // Names of request headers to sign besides host, content-type, content-md5 and every
    // x-amz-* header (always signed). Each must be in the request.
    QStringList extraSignedHeaders;
    int expiresSeconds = 3600; // query placement: how long the URL is valid, 1 to 604800

    friend bool operator==(const AwsSigV4Config &, const AwsSigV4Config &) = default;
};

enum class OAuth1SignatureMethod {
    HmacSha1,
    HmacSha256,
    HmacSha512,
    RsaSha1,
    RsaSha256,
    RsaSha512,
    Plaintext
};
// RSA-SHA*: signed with the consumer's private key (OAuth1Config::privateKeyPem).
inline bool isRsa(OAuth1SignatureMethod method)
{
    return method == OAuth1SignatureMethod::RsaSha1 || method == OAuth1SignatureMethod::RsaSha256
        || method == OAuth1SignatureMethod::RsaSha512;
}
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

} // namespace Patchbay::Core
