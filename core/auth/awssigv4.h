#pragma once

#include "core/auth/signing.h"
#include "core/auth/signingconfig.h"
#include "core/common/result.h"
#include "core/http/preparedrequest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

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
