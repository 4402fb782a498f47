#include "core/http/credentialheaders.h"

#include <array>

namespace Patchbay::Core {

namespace {

QString normalizedName(QStringView name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            out.append(c.toLower());
    }
    return out;
}

bool named(QByteArrayView name, const QStringList &names)
{
    const QString text = QString::fromLatin1(name);
    return std::any_of(names.cbegin(), names.cend(), [&](const QString &n) {
        return n.trimmed().compare(text, Qt::CaseInsensitive) == 0;
    });
}

} // namespace

bool looksLikeCredentialName(QStringView name)
{
    const QString n = normalizedName(name);
    if (n.isEmpty())
        return false;
    static const std::array exact = {
        QStringLiteral("key"),       QStringLiteral("sig"),     QStringLiteral("pwd"),
        QStringLiteral("pass"),      QStringLiteral("sid"),     QStringLiteral("cookie"),
        QStringLiteral("setcookie"), QStringLiteral("session"),
    };
    for (const QString &e : exact) {
        if (n == e)
            return true;
    }
    static const std::array parts = {
        QStringLiteral("auth"),       QStringLiteral("apikey"),
        QStringLiteral("token"),      QStringLiteral("secret"),
        QStringLiteral("password"),   QStringLiteral("passwd"),
        QStringLiteral("credential"), QStringLiteral("accesskey"),
        QStringLiteral("privatekey"), QStringLiteral("signature"),
        QStringLiteral("sessionid"),  QStringLiteral("subscriptionkey"),
    };
    for (const QString &p : parts) {
        if (n.contains(p))
            return true;
    }
    return false;
}

bool isCredentialHeaderName(QByteArrayView name)
{
    for (QByteArrayView credential : {"Authorization", "Proxy-Authorization", "Cookie"}) {
        if (name.compare(credential, Qt::CaseInsensitive) == 0)
            return true;
    }
    return looksLikeCredentialName(QString::fromLatin1(name));
}

void markCredentialHeaders(PreparedRequest &request, const QStringList &secretValues,
                           const QStringList &keep)
{
    for (PreparedHeader &header : request.headers) {
        if (!header.credential) {
            for (const QString &secret : secretValues) {
                if (!secret.isEmpty() && header.value.contains(secret.toUtf8())) {
                    header.credential = true;
                    break;
                }
            }
        }
        if (header.credential && named(header.name, keep))
            header.credential = false;
    }
}

} // namespace Patchbay::Core
