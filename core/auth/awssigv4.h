#pragma once

#include "core/auth/signing.h"
#include "core/common/result.h"
#include "core/http/preparedrequest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

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

// A signed request and the intermediate values AWS's error messages refer to ("The canonical
// request should have been ..."), so that a user can compare them.
struct AwsSigV4Signature
{
    PreparedRequest request;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signedHeaders; // "content-type;host;x-amz-date"
    QByteArray credentialScope; // "20150830/us-east-1/iam/aws4_request"
    QByteArray signature; // lowercase hex

    friend bool operator==(const AwsSigV4Signature &, const AwsSigV4Signature &) = default;
};

// Signs `request` at inputs.now, byte for byte as botocore does (tests/core/auth/sigv4_oracle.py
// checks it):
//   - the path and query are first re-encoded the way AWS encodes them (every byte but A-Z a-z
//     0-9 - _ . ~ percent-encoded; '+' is a plus sign, not a space; empty query items dropped),
//     so that what goes on the wire is what was signed;
//   - the canonical URI is that path, encoded once more and with dot segments and repeated
//     slashes removed, except for S3, which takes the path as it is (RFC 3986 style);
//   - the canonical query sorts the items by name, then value; repeated names are kept;
//   - header placement adds X-Amz-Date, X-Amz-Security-Token and, for S3 or an unsigned
//     payload, X-Amz-Content-Sha256, then Authorization; repeated signed headers are folded
//     into one "a,b" value, as they are signed;
//   - query placement adds the X-Amz-* parameters to the URL and signs host (and the listed
//     headers); S3 presigned URLs always sign UNSIGNED-PAYLOAD.
// Errors "aws-config" (a missing key, region or service; a listed header missing from the
// request; expiry out of range), each saying what to fix.
Result<AwsSigV4Signature> awsSigV4Signature(const PreparedRequest &request,
                                            const AwsSigV4Config &config,
                                            const SigningInputs &inputs);
// The signed request alone.
Result<PreparedRequest> signAwsSigV4(const PreparedRequest &request, const AwsSigV4Config &config,
                                     const SigningInputs &inputs);

} // namespace Patchbay::Core
