#pragma once

#include "core/auth/hashes.h"
#include "core/common/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace Patchbay::Core {

// A private key read from PEM text (PKCS#1 "RSA PRIVATE KEY", PKCS#8 "PRIVATE KEY" or SEC 1 "EC
// PRIVATE KEY"), for RS256, ES256 and RSA-SHA1 signatures. Copies share the same OpenSSL key.
class PrivateKey
{
public:
    enum class Type { Rsa, Ec, Other };

    // Error "invalid-key" (with what to do) when the text is not an unencrypted PEM private key.
    static Result<PrivateKey> fromPem(QByteArrayView pem);

    Type type() const;
    int bits() const;
    // The EC curve's OpenSSL name ("prime256v1" is P-256); empty for other key types.
    QString curveName() const;

    // RSASSA-PKCS1-v1_5 over `hash` of data (RS256, RSA-SHA1).
    Result<QByteArray> signRsaPkcs1(HashAlgorithm hash, QByteArrayView data) const;
    // ECDSA over `hash` of data, as JWS wants it (RFC 7518 3.4): R and S, each left-padded to
    // `coordinateBytes` (32 for P-256), concatenated.
    Result<QByteArray> signEcdsa(HashAlgorithm hash, QByteArrayView data,
                                 int coordinateBytes) const;

private:
    std::shared_ptr<evp_pkey_st> m_key;
};

} // namespace Patchbay::Core
