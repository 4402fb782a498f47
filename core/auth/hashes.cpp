#include "core/auth/hashes.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <openssl/evp.h>

#include <optional>

namespace Patchbay::Core {

namespace {

std::optional<QCryptographicHash::Algorithm> qtAlgorithm(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Md5:
        return QCryptographicHash::Md5;
    case HashAlgorithm::Sha1:
        return QCryptographicHash::Sha1;
    case HashAlgorithm::Sha256:
        return QCryptographicHash::Sha256;
    case HashAlgorithm::Sha384:
        return QCryptographicHash::Sha384;
    case HashAlgorithm::Sha512:
        return QCryptographicHash::Sha512;
    case HashAlgorithm::Sha512_256:
        break;
    }
    return std::nullopt;
}

QByteArray sha512_256(QByteArrayView data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int length = 0;
    const int ok = EVP_Digest(data.data(), size_t(data.size()),
                              reinterpret_cast<unsigned char *>(out.data()), &length,
                              EVP_sha512_256(), nullptr);
    // Only a broken libcrypto fails here: SHA-512/256 is in every OpenSSL since 1.1.1.
    Q_ASSERT(ok == 1 && length == 32);
    return ok == 1 ? out : QByteArray();
}

} // namespace

QByteArray hashOf(HashAlgorithm algorithm, QByteArrayView data)
{
    if (const auto qt = qtAlgorithm(algorithm))
        return QCryptographicHash::hash(data, *qt);
    return sha512_256(data);
}

QByteArray hexHashOf(HashAlgorithm algorithm, QByteArrayView data)
{
    return hashOf(algorithm, data).toHex();
}

QByteArray hmacOf(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView data)
{
    const auto qt = qtAlgorithm(algorithm);
    if (!qt)
        return {};
    return QMessageAuthenticationCode::hash(data.toByteArray(), key.toByteArray(), *qt);
}

} // namespace Patchbay::Core
