#include "core/auth/oauth2token.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

namespace Patchbay::Core {

namespace {

// Internal documents only (token responses and our keyring entries): QJsonDocument's key
// sorting does not matter here. What the user sees of a JWT goes through jwtPayload() instead.
std::optional<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

} // namespace

bool OAuth2Token::expiresWithin(qint64 seconds, const QDateTime &now) const
{
    return expiresAt.isValid() && now.secsTo(expiresAt) < seconds;
}

bool OAuth2Token::needsRenewal(const QDateTime &now) const
{
    if (!expiresAt.isValid())
        return false;
    qint64 marginMs = kRefreshMarginSeconds * 1000;
    if (obtainedAt.isValid() && obtainedAt < expiresAt)
        marginMs = std::min(marginMs, obtainedAt.msecsTo(expiresAt) / 4);
    return now.msecsTo(expiresAt) < marginMs;
}

Result<OAuth2Token> parseTokenResponse(const QByteArray &body, const QDateTime &now,
                                       const OAuth2Token *previous)
{
    const std::optional<QJsonObject> o = parseObject(body);
    if (!o) {
        return Error {QStringLiteral("oauth2-bad-token-response"),
                      QStringLiteral("The token endpoint answered with something that is not "
                                     "JSON. Check the token URL: it must be the provider's token "
                                     "endpoint, not a web page.")};
    }
    OAuth2Token token;
    token.accessToken = text(*o, "access_token");
    if (token.accessToken.isEmpty()) {
        return Error {QStringLiteral("oauth2-bad-token-response"),
                      QStringLiteral("The token endpoint answered without an access_token. Check "
                                     "the token URL and the grant type.")};
    }
    token.tokenType = text(*o, "token_type");
    token.refreshToken = text(*o, "refresh_token");
    if (token.refreshToken.isEmpty() && previous)
        token.refreshToken = previous->refreshToken;
    token.idToken = text(*o, "id_token");
    token.scope = text(*o, "scope");
    if (token.scope.isEmpty() && previous)
        token.scope = previous->scope;
    token.obtainedAt = now.toUTC();
    // Some servers send expires_in as a string.
    const QJsonValue expiresIn = o->value(QLatin1String("expires_in"));
    bool ok = expiresIn.isDouble();
    qint64 seconds = ok ? qint64(expiresIn.toDouble()) : expiresIn.toString().toLongLong(&ok);
    if (ok && seconds > 0)
        token.expiresAt = token.obtainedAt.addSecs(seconds);
    return token;
}

QByteArray tokenToJson(const OAuth2Token &t)
{
    QJsonObject o {{QStringLiteral("access_token"), t.accessToken},
                   {QStringLiteral("token_type"), t.tokenType},
                   {QStringLiteral("refresh_token"), t.refreshToken},
                   {QStringLiteral("id_token"), t.idToken},
                   {QStringLiteral("scope"), t.scope},
                   {QStringLiteral("obtained_at"), t.obtainedAt.toString(Qt::ISODateWithMs)}};
    if (t.expiresAt.isValid())
        o.insert(QStringLiteral("expires_at"), t.expiresAt.toString(Qt::ISODateWithMs));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<OAuth2Token> tokenFromJson(const QByteArray &json)
{
    const std::optional<QJsonObject> o = parseObject(json);
    if (!o)
        return std::nullopt;
    OAuth2Token t;
    t.accessToken = text(*o, "access_token");
    if (t.accessToken.isEmpty())
        return std::nullopt;
    t.tokenType = text(*o, "token_type");
    t.refreshToken = text(*o, "refresh_token");
    t.idToken = text(*o, "id_token");
    t.scope = text(*o, "scope");
    t.obtainedAt = QDateTime::fromString(text(*o, "obtained_at"), Qt::ISODateWithMs);
    t.expiresAt = QDateTime::fromString(text(*o, "expires_at"), Qt::ISODateWithMs);
    return t;
}

std::optional<QByteArray> jwtPayload(const QString &token)
{
    const QStringList parts = token.trimmed().split(u'.');
    if (parts.size() != 3) // a signed JWT; an encrypted one (5 parts) cannot be read
        return std::nullopt;
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!decoded)
        return std::nullopt;
    const QByteArray payload = decoded.decoded.trimmed();
    if (!payload.startsWith('{') || !parseObject(payload))
        return std::nullopt;
    return payload;
}

QString maskToken(const QString &token)
{
    const qsizetype n = token.size();
    if (n == 0)
        return {};
    if (n <= 16)
        return QString(n, QChar(0x2022));
    return token.left(4) + QChar(0x2026) + token.right(4)
        + QStringLiteral(" (%1 characters)").arg(n);
}

} // namespace Patchbay::Core
