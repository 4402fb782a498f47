#include "core/auth/oauth1.h"

#include "core/auth/hashes.h"
#include "core/auth/privatekey.h"

#include <algorithm>

namespace Patchbay::Core {

namespace {

const QString kConfig = QStringLiteral("oauth1-config");

using Param = std::pair<QByteArray, QByteArray>; // decoded name and value (UTF-8)

// RFC 5849 3.6: every byte but A-Z a-z 0-9 - . _ ~ as %XX, upper-case hex.
QByteArray encode(QByteArrayView bytes)
{
    return bytes.toByteArray().toPercentEncoding();
}

// application/x-www-form-urlencoded pairs, as RFC 5849 3.4.1.3.1 reads query and body: '+'
// is a space; a name without '=' has an empty value; empty items are skipped.
QList<Param> formDecode(QByteArrayView text)
{
    QList<Param> params;
    for (QByteArray item : text.toByteArray().split('&')) {
        if (item.isEmpty())
            continue;
        item.replace('+', ' ');
        const qsizetype equals = item.indexOf('=');
        const QByteArray name = equals < 0 ? item : item.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : item.mid(equals + 1);
        params.append(
            {QByteArray::fromPercentEncoding(name), QByteArray::fromPercentEncoding(value)});
    }
    return params;
}

bool isFormBody(const PreparedRequest &request)
{
    const QByteArray type = request.header("Content-Type");
    return type.split(';').first().trimmed().toLower() == "application/x-www-form-urlencoded";
}

QByteArray baseStringUri(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    QByteArray host = url.host(QUrl::FullyEncoded).toLower().toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    if (url.port() >= 0 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    QByteArray path = url.path(QUrl::FullyEncoded).toUtf8();
    if (path.isEmpty())
        path = "/";
    return scheme.toLatin1() + "://" + host + path;
}

Result<QByteArray> computeSignature(const OAuth1Config &config, const QByteArray &baseString)
{
    const QByteArray key
        = encode(config.consumerSecret.toUtf8()) + '&' + encode(config.tokenSecret.toUtf8());
    switch (config.signatureMethod) {
    case OAuth1SignatureMethod::HmacSha1:
        return hmacOf(HashAlgorithm::Sha1, key, baseString).toBase64();
    case OAuth1SignatureMethod::HmacSha256:
        return hmacOf(HashAlgorithm::Sha256, key, baseString).toBase64();
    case OAuth1SignatureMethod::HmacSha512:
        return hmacOf(HashAlgorithm::Sha512, key, baseString).toBase64();
    case OAuth1SignatureMethod::Plaintext:
        return key;
    case OAuth1SignatureMethod::RsaSha1:
    case OAuth1SignatureMethod::RsaSha256:
    case OAuth1SignatureMethod::RsaSha512: {
        Result<PrivateKey> privateKey = PrivateKey::fromPem(config.privateKeyPem.toUtf8());
        if (!privateKey)
            return privateKey.error();
        const HashAlgorithm hash = config.signatureMethod == OAuth1SignatureMethod::RsaSha1
            ? HashAlgorithm::Sha1
            : config.signatureMethod == OAuth1SignatureMethod::RsaSha256 ? HashAlgorithm::Sha256
                                                                         : HashAlgorithm::Sha512;
        Result<QByteArray> signature = privateKey->signRsaPkcs1(hash, baseString);
        if (!signature)
            return signature.error();
        return signature->toBase64();
    }
    }
    return Error {kConfig, QStringLiteral("Unknown OAuth 1.0 signature method.")};
}

std::optional<Error> checkConfig(const PreparedRequest &request, const OAuth1Config &config)
{
    if (config.consumerKey.trimmed().isEmpty()) {
        return Error {kConfig,
                      QStringLiteral("OAuth 1.0 needs a consumer key. Enter the one the "
                                     "service gave your application.")};
    }
    if (isRsa(config.signatureMethod) && config.privateKeyPem.trimmed().isEmpty()) {
        return Error {kConfig,
                      QStringLiteral("%1 needs the consumer's private key: paste it as PEM "
                                     "text (-----BEGIN PRIVATE KEY-----...).")
                          .arg(QLatin1String(signatureMethodName(config.signatureMethod)))};
    }
    if (config.placement == OAuth1Placement::Body) {
        if (request.method == QLatin1String("GET") || request.method == QLatin1String("HEAD")) {
            return Error {kConfig,
                          QStringLiteral("OAuth 1.0 parameters cannot go in the body of a %1 "
                                         "request. Put them in the header or the query string.")
                              .arg(request.method)};
        }
        if (!request.body.isEmpty() && !isFormBody(request)) {
            return Error {kConfig,
                          QStringLiteral("OAuth 1.0 parameters can go in the body only when it is "
                                         "a form (application/x-www-form-urlencoded). Choose the "
                                         "form body type, or put them in the header.")};
        }
    }
    return std::nullopt;
}

} // namespace

QByteArray signatureMethodName(OAuth1SignatureMethod method)
{
    switch (method) {
    case OAuth1SignatureMethod::HmacSha1:
        return "HMAC-SHA1";
    case OAuth1SignatureMethod::HmacSha256:
        return "HMAC-SHA256";
    case OAuth1SignatureMethod::HmacSha512:
        return "HMAC-SHA512";
    case OAuth1SignatureMethod::RsaSha1:
        return "RSA-SHA1";
    case OAuth1SignatureMethod::RsaSha256:
        return "RSA-SHA256";
    case OAuth1SignatureMethod::RsaSha512:
        return "RSA-SHA512";
    case OAuth1SignatureMethod::Plaintext:
        return "PLAINTEXT";
    }
    return {};
}

Result<OAuth1Signature> oauth1Signature(const PreparedRequest &request, const OAuth1Config &config,
                                        const SigningInputs &inputs)
{
    if (const std::optional<Error> error = checkConfig(request, config))
        return *error;

    QList<Param> protocol = {
        {"oauth_consumer_key", config.consumerKey.trimmed().toUtf8()},
        {"oauth_signature_method", signatureMethodName(config.signatureMethod)},
        {"oauth_timestamp", QByteArray::number(inputs.now.toSecsSinceEpoch())},
        {"oauth_nonce", inputs.nonce},
    };
    if (!config.token.trimmed().isEmpty())
        protocol.append(Param {"oauth_token", config.token.trimmed().toUtf8()});
    if (config.includeVersion)
        protocol.append(Param {"oauth_version", "1.0"});
    if (!config.callback.trimmed().isEmpty())
        protocol.append(Param {"oauth_callback", config.callback.trimmed().toUtf8()});
    if (!config.verifier.trimmed().isEmpty())
        protocol.append(Param {"oauth_verifier", config.verifier.trimmed().toUtf8()});

    // RFC 5849 3.4.1.3: query, form body and protocol parameters, encoded, then sorted.
    QList<Param> all = formDecode(request.url.query(QUrl::FullyEncoded).toUtf8());
    if (request.hasBody && isFormBody(request))
        all += formDecode(request.body);
    all += protocol;
    QList<Param> encoded;
    for (const Param &p : std::as_const(all))
        encoded.append({encode(p.first), encode(p.second)});
    std::sort(encoded.begin(), encoded.end());
    QList<QByteArray> normalized;
    for (const Param &p : std::as_const(encoded))
        normalized.append(p.first + '=' + p.second);

    OAuth1Signature out;
    out.baseString = encode(request.method.toUpper().toUtf8()) + '&'
        + encode(baseStringUri(request.url)) + '&' + encode(normalized.join('&'));
    Result<QByteArray> signature = computeSignature(config, out.baseString);
    if (!signature)
        return signature.error();
    out.signature = std::move(signature).value();
    protocol.append(Param {"oauth_signature", out.signature});

    PreparedRequest signedRequest = request;
    switch (config.placement) {
    case OAuth1Placement::Header: {
        QList<QByteArray> items;
        if (!config.realm.isEmpty()) {
            QByteArray realm = config.realm.toUtf8();
            realm.replace('\\', "\\\\").replace('"', "\\\"");
            items.append("realm=\"" + realm + '"');
        }
        for (const Param &p : std::as_const(protocol))
            items.append(p.first + "=\"" + encode(p.second) + '"');
        signedRequest.removeHeaders("Authorization");
        signedRequest.headers.append({"Authorization", "OAuth " + items.join(", "), true, true});
        break;
    }
    case OAuth1Placement::Query: {
        QByteArray query = signedRequest.url.query(QUrl::FullyEncoded).toUtf8();
        for (const Param &p : std::as_const(protocol))
            query += (query.isEmpty() ? "" : "&") + p.first + '=' + encode(p.second);
        signedRequest.url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
        break;
    }
    case OAuth1Placement::Body: {
        QByteArray &body = signedRequest.body;
        for (const Param &p : std::as_const(protocol)) {
            body += (body.isEmpty() ? "" : "&") + p.first + '='
                + encodeFormComponent(QString::fromUtf8(p.second));
        }
        if (!signedRequest.hasHeader("Content-Type"))
            signedRequest.headers.append(
                {"Content-Type", "application/x-www-form-urlencoded", true, false});
        signedRequest.removeHeaders("Content-Length");
        signedRequest.headers.append(
            {"Content-Length", QByteArray::number(body.size()), true, false});
        signedRequest.hasBody = true;
        break;
    }
    }
    out.request = std::move(signedRequest);
    return out;
}

Result<PreparedRequest> signOAuth1(const PreparedRequest &request, const OAuth1Config &config,
                                   const SigningInputs &inputs)
{
    Result<OAuth1Signature> signature = oauth1Signature(request, config, inputs);
    if (!signature)
        return signature.error();
    return std::move(signature).value().request;
}

} // namespace Patchbay::Core
