#include "core/auth/privatekey.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace Patchbay::Core {

namespace {

const QString kInvalidKey = QStringLiteral("invalid-key");
const QString kSigningFailed = QStringLiteral("signing-failed");

// OpenSSL would prompt on the terminal for an encrypted key's passphrase: never ask.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

const EVP_MD *messageDigest(HashAlgorithm hash)
{
    switch (hash) {
    case HashAlgorithm::Md5:
        return EVP_md5();
    case HashAlgorithm::Sha1:
        return EVP_sha1();
    case HashAlgorithm::Sha256:
        return EVP_sha256();
    case HashAlgorithm::Sha384:
        return EVP_sha384();
    case HashAlgorithm::Sha512:
        return EVP_sha512();
    case HashAlgorithm::Sha512_256:
        return EVP_sha512_256();
    }
    return nullptr;
}

Result<QByteArray> digestSign(EVP_PKEY *key, HashAlgorithm hash, QByteArrayView data)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    size_t length = 0;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    if (!context
        || EVP_DigestSignInit(context.get(), nullptr, messageDigest(hash), nullptr, key) != 1
        || EVP_DigestSign(context.get(), nullptr, &length, bytes, size_t(data.size())) != 1) {
        return Error {kSigningFailed,
                      QStringLiteral("OpenSSL could not sign with this key. Check that the key "
                                     "suits the algorithm (an RSA key for RS256 and RSA-SHA1, a "
                                     "P-256 EC key for ES256).")};
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       bytes, size_t(data.size()))
        != 1) {
        return Error {kSigningFailed, QStringLiteral("OpenSSL failed to sign the request.")};
    }
    signature.resize(qsizetype(length));
    return signature;
}

} // namespace

Result<PrivateKey> PrivateKey::fromPem(QByteArrayView pem)
{
    const QByteArray text = pem.trimmed().toByteArray();
    if (!text.startsWith("-----BEGIN ")) {
        return Error {kInvalidKey,
                      QStringLiteral("The private key is not PEM text. Paste the whole key, from "
                                     "the \"-----BEGIN PRIVATE KEY-----\" line to the END line.")};
    }
    if (text.contains("ENCRYPTED")) {
        return Error {kInvalidKey,
                      QStringLiteral("The private key is encrypted with a passphrase, which "
                                     "Patchbay cannot ask for. Decrypt it first, for example "
                                     "with: openssl pkey -in key.pem -out plain-key.pem")};
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(text.constData(), int(text.size())), &BIO_free);
    EVP_PKEY *key
        = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassphrase, nullptr) : nullptr;
    if (!key) {
        return Error {kInvalidKey,
                      QStringLiteral("The private key could not be read. Use an unencrypted PEM "
                                     "private key: PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 (BEGIN RSA "
                                     "PRIVATE KEY) or EC (BEGIN EC PRIVATE KEY); a public key or "
                                     "certificate does not sign.")};
    }
    PrivateKey result;
    result.m_key.reset(key, &EVP_PKEY_free);
    return result;
}

PrivateKey::Type PrivateKey::type() const
{
    switch (EVP_PKEY_get_base_id(m_key.get())) {
    case EVP_PKEY_RSA:
        return Type::Rsa;
    case EVP_PKEY_EC:
        return Type::Ec;
    default:
        return Type::Other;
    }
}

int PrivateKey::bits() const
{
    return EVP_PKEY_get_bits(m_key.get());
}

QString PrivateKey::curveName() const
{
    if (type() != Type::Ec)
        return {};
    char name[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_group_name(m_key.get(), name, sizeof(name), &length) != 1)
        return {};
    return QString::fromLatin1(name, qsizetype(length));
}

Result<QByteArray> PrivateKey::signRsaPkcs1(HashAlgorithm hash, QByteArrayView data) const
{
    if (type() != Type::Rsa) {
        return Error {kInvalidKey,
                      QStringLiteral("This algorithm needs an RSA private key, but the key given "
                                     "is not RSA.")};
    }
    return digestSign(m_key.get(), hash, data);
}

Result<QByteArray> PrivateKey::signEcdsa(HashAlgorithm hash, QByteArrayView data,
                                         int coordinateBytes) const
{
    if (type() != Type::Ec) {
        return Error {kInvalidKey,
                      QStringLiteral("This algorithm needs an EC private key, but the key given "
                                     "is not an EC key.")};
    }
    Result<QByteArray> der = digestSign(m_key.get(), hash, data);
    if (!der)
        return der;
    const auto *cursor = reinterpret_cast<const unsigned char *>(der->constData());
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(
        d2i_ECDSA_SIG(nullptr, &cursor, long(der->size())), &ECDSA_SIG_free);
    if (!sig)
        return Error {kSigningFailed, QStringLiteral("OpenSSL returned an unreadable signature.")};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * coordinateBytes, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, coordinateBytes) != coordinateBytes
        || BN_bn2binpad(s, out + coordinateBytes, coordinateBytes) != coordinateBytes) {
        return Error {kSigningFailed,
                      QStringLiteral("The EC key's curve does not match the algorithm (ES256 "
                                     "needs a P-256 key).")};
    }
    return raw;
}

} // namespace Patchbay::Core
