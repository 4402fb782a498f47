#include "core/auth/jwtbearer.h"

#include "core/auth/hashes.h"
#include "core/auth/privatekey.h"
#include "core/environments/variablecontext.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

namespace Patchbay::Core {

namespace {

const QString kTemplate = QStringLiteral("jwt-template");
const QString kConfig = QStringLiteral("jwt-config");

QByteArray base64Url(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64UrlEncoding
                                        | QByteArray::OmitTrailingEquals);
}

// Whether position `end` of `text` lies inside a JSON string literal, scanning from `start`
// where the state was `inString`.
bool scanString(QStringView text, qsizetype start, qsizetype end, bool inString)
{
    for (qsizetype i = start; i < end; ++i) {
        const QChar c = text.at(i);
        if (inString && c == u'\\') {
            ++i; // an escaped character, possibly a quote
        } else if (c == u'"') {
            inString = !inString;
        }
    }
    return inString;
}

// `text` with each {{name}} that `resolve` knows replaced: JSON-escaped inside a string, as it
// is outside one. Unknown names stay as written and are appended to `undefined`.
QString substitute(const QString &text, const JwtVariableResolver &resolve, QStringList *undefined)
{
    QString out;
    qsizetype pos = 0;
    bool inString = false;
    for (const VariableSpan &span : findVariables(text)) {
        inString = scanString(text, pos, span.start, inString);
        out += QStringView(text).mid(pos, span.start - pos);
        pos = span.start + span.length;
        const std::optional<QString> value = resolve ? resolve(span.name) : std::nullopt;
        if (!value) {
            out += QStringView(text).mid(span.start, span.length);
            if (undefined && !undefined->contains(span.name))
                undefined->append(span.name);
            continue;
        }
        if (inString) {
            QByteArray quoted;
            appendJsonString(quoted, *value);
            out += QString::fromUtf8(quoted.mid(1, quoted.size() - 2));
        } else {
            out += *value;
        }
    }
    out += QStringView(text).mid(pos);
    return out;
}

Result<QByteArray> resolveTemplate(const QString &text, const JwtVariableResolver &resolve)
{
    QStringList undefined;
    const QString out = substitute(text, resolve, &undefined);
    if (!undefined.isEmpty()) {
        return Error {kTemplate,
                      QStringLiteral("The JWT claims use %1, which no variable defines. Define "
                                     "it in the environment, collection or a folder.")
                          .arg(QStringLiteral("{{") + undefined.join(QStringLiteral("}}, {{"))
                               + QStringLiteral("}}"))};
    }
    return out.toUtf8();
}

Result<QByteArray> secretOf(const JwtBearerConfig &config)
{
    if (config.keyFormat == JwtKeyFormat::Pem) {
        return Error {kConfig,
                      QStringLiteral("%1 signs with a shared secret, not a PEM key. Enter the "
                                     "secret as text or base64, or pick RS256 or ES256.")
                          .arg(QString::fromLatin1(jwtAlgorithmName(config.algorithm)))};
    }
    if (config.keyFormat == JwtKeyFormat::Text)
        return config.key.toUtf8();
    const QByteArray text = config.key.trimmed().toLatin1();
    for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        auto decoded = QByteArray::fromBase64Encoding(
            text, options | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            return decoded.decoded;
    }
    return Error {kConfig,
                  QStringLiteral("The JWT secret is not valid base64. Check it for stray "
                                 "characters, or choose \"text\" if it is the secret itself.")};
}

Result<QByteArray> signatureOf(const JwtBearerConfig &config, const QByteArray &input)
{
    switch (config.algorithm) {
    case JwtAlgorithm::HS256:
    case JwtAlgorithm::HS384:
    case JwtAlgorithm::HS512: {
        Result<QByteArray> secret = secretOf(config);
        if (!secret)
            return secret;
        const HashAlgorithm hash = config.algorithm == JwtAlgorithm::HS256 ? HashAlgorithm::Sha256
            : config.algorithm == JwtAlgorithm::HS384                      ? HashAlgorithm::Sha384
                                                                           : HashAlgorithm::Sha512;
        return hmacOf(hash, *secret, input);
    }
    case JwtAlgorithm::RS256:
    case JwtAlgorithm::ES256: {
        Result<PrivateKey> key = PrivateKey::fromPem(config.key.toUtf8());
        if (!key)
            return key.error();
        if (config.algorithm == JwtAlgorithm::RS256)
            return key->signRsaPkcs1(HashAlgorithm::Sha256, input);
        if (key->type() != PrivateKey::Type::Ec
            || key->curveName() != QLatin1String("prime256v1")) {
            return Error {kConfig,
                          QStringLiteral("ES256 needs an EC private key on the P-256 curve "
                                         "(prime256v1); this key is %1.")
                              .arg(key->type() == PrivateKey::Type::Ec
                                       ? QStringLiteral("on %1").arg(key->curveName())
                                       : QStringLiteral("not an EC key"))};
        }
        return key->signEcdsa(HashAlgorithm::Sha256, input, 32);
    }
    }
    return Error {kConfig, QStringLiteral("Unknown JWT algorithm.")};
}

} // namespace

QString resolveJwtClaims(const QString &claimsTemplate, const JwtVariableResolver &resolve,
                         QStringList *unresolved)
{
    return substitute(claimsTemplate, resolve, unresolved);
}

QByteArray jwtAlgorithmName(JwtAlgorithm algorithm)
{
    switch (algorithm) {
    case JwtAlgorithm::HS256:
        return "HS256";
    case JwtAlgorithm::HS384:
        return "HS384";
    case JwtAlgorithm::HS512:
        return "HS512";
    case JwtAlgorithm::RS256:
        return "RS256";
    case JwtAlgorithm::ES256:
        return "ES256";
    }
    return {};
}

Result<QByteArray> makeJwt(const JwtBearerConfig &config, const SigningInputs &inputs,
                           const JwtVariableResolver &resolve)
{
    if (config.key.trimmed().isEmpty()) {
        return Error {kConfig,
                      QStringLiteral("The JWT needs a key to be signed with: enter the secret or "
                                     "paste the PEM private key.")};
    }
    const QString claimsText
        = config.claimsTemplate.trimmed().isEmpty() ? QStringLiteral("{}") : config.claimsTemplate;
    Result<QByteArray> resolved = resolveTemplate(claimsText, resolve);
    if (!resolved)
        return resolved.error();
    Result<JsonValue> claims = parseJson(*resolved);
    if (!claims) {
        return Error {kTemplate,
                      QStringLiteral("The JWT claims are not valid JSON once their variables are "
                                     "filled in (%1). Check the template's quotes and commas.")
                          .arg(claims.error().message)};
    }
    if (!claims->isObject()) {
        return Error {kTemplate,
                      QStringLiteral("The JWT claims must be a JSON object ({...}), not %1.")
                          .arg(claims->typeName())};
    }
    JsonValue payload = std::move(claims).value();
    const qint64 now = inputs.now.toSecsSinceEpoch();
    const auto addUnlessSet = [&payload](const QString &name, JsonValue value) {
        if (!payload.contains(name))
            payload.insert(name, std::move(value));
    };
    addUnlessSet(QStringLiteral("iat"), JsonValue::fromInt(now));
    addUnlessSet(QStringLiteral("exp"), JsonValue::fromInt(now + qMax(1, config.lifetimeSeconds)));
    if (config.setNotBefore)
        addUnlessSet(QStringLiteral("nbf"), JsonValue::fromInt(now));
    if (config.setJwtId)
        addUnlessSet(QStringLiteral("jti"),
                     JsonValue::fromString(QString::fromLatin1(inputs.nonce)));

    JsonValue header = JsonValue::emptyObject();
    header.insert(QStringLiteral("alg"),
                  JsonValue::fromString(QString::fromLatin1(jwtAlgorithmName(config.algorithm))));
    header.insert(QStringLiteral("typ"), JsonValue::fromString(QStringLiteral("JWT")));
    if (!config.keyId.trimmed().isEmpty())
        header.insert(QStringLiteral("kid"), JsonValue::fromString(config.keyId.trimmed()));

    const QByteArray input = base64Url(toJson(header, JsonStyle::Compact)) + '.'
        + base64Url(toJson(payload, JsonStyle::Compact));
    Result<QByteArray> signature = signatureOf(config, input);
    if (!signature)
        return signature.error();
    return QByteArray(input + '.' + base64Url(*signature));
}

Result<PreparedRequest> signJwtBearer(const PreparedRequest &request, const JwtBearerConfig &config,
                                      const SigningInputs &inputs,
                                      const JwtVariableResolver &resolve)
{
    Result<QByteArray> jwt = makeJwt(config, inputs, resolve);
    if (!jwt)
        return jwt.error();
    PreparedRequest signedRequest = request;
    if (config.placement == JwtPlacement::Query) {
        const QString name = config.queryParamName.trimmed().isEmpty()
            ? QStringLiteral("access_token")
            : config.queryParamName.trimmed();
        QByteArray query = signedRequest.url.query(QUrl::FullyEncoded).toUtf8();
        query += (query.isEmpty() ? "" : "&") + encodeQueryComponent(name) + '=' + *jwt;
        signedRequest.url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
        return signedRequest;
    }
    const QByteArray name = config.headerName.trimmed().isEmpty()
        ? QByteArray("Authorization")
        : config.headerName.trimmed().toLatin1();
    const QByteArray prefix = config.headerPrefix.trimmed().toUtf8();
    signedRequest.removeHeaders(name);
    signedRequest.headers.append({name, prefix.isEmpty() ? *jwt : prefix + ' ' + *jwt, true, true});
    return signedRequest;
}

} // namespace Patchbay::Core
