#include "core/auth/oauth2pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace Patchbay::Core {

QByteArray makePkceVerifier()
{
    static constexpr char alphabet[]
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    constexpr int size = sizeof(alphabet) - 1; // 66
    QByteArray verifier(64, Qt::Uninitialized);
    QRandomGenerator *random = QRandomGenerator::system();
    for (char &c : verifier)
        c = alphabet[random->bounded(size)];
    return verifier;
}

QByteArray pkceChallenge(const QByteArray &verifier, PkceMethod method)
{
    switch (method) {
    case PkceMethod::S256:
        return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    case PkceMethod::Plain:
        return verifier;
    case PkceMethod::None:
        break;
    }
    return {};
}

QByteArray makeOAuth2State()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace Patchbay::Core
