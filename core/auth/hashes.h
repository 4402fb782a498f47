#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Patchbay::Core {

// The hash functions the signing schemes use. SHA-512/256 (FIPS 180-4, its own initial values,
// not a truncated SHA-512) is Digest's strongest algorithm; Qt lacks it, so it comes from OpenSSL.
enum class HashAlgorithm { Md5, Sha1, Sha256, Sha384, Sha512, Sha512_256 };

QByteArray hashOf(HashAlgorithm algorithm, QByteArrayView data); // raw bytes
QByteArray hexHashOf(HashAlgorithm algorithm, QByteArrayView data); // lowercase hex
// HMAC (RFC 2104) of `data` with `key`. Not defined for Sha512_256 (returns an empty array).
QByteArray hmacOf(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView data);

} // namespace Patchbay::Core
