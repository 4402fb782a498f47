#include "core/auth/awssigv4.h"

#include "core/auth/hashes.h"

#include <QSet>

#include <algorithm>

namespace Patchbay::Core {

namespace {

const QString kAwsConfig = QStringLiteral("aws-config");
constexpr QByteArrayView kAlgorithm = "AWS4-HMAC-SHA256";
constexpr QByteArrayView kUnsignedPayload = "UNSIGNED-PAYLOAD";

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_' || c == '.' || c == '~';
}

// AWS's UriEncode: every byte but the unreserved ones as %XX (upper case); '/' kept on request.
QByteArray awsEncode(QByteArrayView bytes, bool keepSlash = false)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size());
    for (char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            const auto u = static_cast<unsigned char>(c);
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

QByteArray decoded(QByteArrayView encoded)
{
    return QByteArray::fromPercentEncoding(encoded.toByteArray());
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// RFC 3986 5.2.4, plus the removal of empty segments that AWS services other than S3 expect.
QByteArray normalizedPath(const QByteArray &path)
{
    if (path.isEmpty())
        return "/";
    QList<QByteArray> kept;
    for (const QByteArray &segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray out = path.startsWith('/') ? "/" : "";
    out += kept.join('/');
    if (path.endsWith('/') && !kept.isEmpty())
        out += '/';
    return out;
}

// Collapses runs of whitespace to one space and trims (SigV4's Trimall).
QByteArray trimAll(QByteArrayView value)
{
    return value.toByteArray().simplified();
}

QByteArray hostOf(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLower().toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort
        = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
    if (url.port() >= 0 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

using QueryItem = std::pair<QByteArray, QByteArray>;

// The URL with its path and query in AWS's encoding, and the query's (name, value) items.
QUrl reencodeUrl(QUrl url, QList<QueryItem> &items)
{
    QList<QByteArray> segments;
    for (const QByteArray &segment : url.path(QUrl::FullyEncoded).toUtf8().split('/'))
        segments.append(awsEncode(decoded(segment)));
    // Already encoded: strict mode keeps every escape as it is.
    url.setPath(QString::fromLatin1(segments.join('/')), QUrl::StrictMode);

    if (url.hasQuery()) {
        QList<QByteArray> wire;
        for (const QByteArray &item : url.query(QUrl::FullyEncoded).toUtf8().split('&')) {
            if (item.isEmpty())
                continue;
            const qsizetype equals = item.indexOf('=');
            const QByteArray name
                = awsEncode(decoded(item.left(equals < 0 ? item.size() : equals)));
            const QByteArray value
                = equals < 0 ? QByteArray() : awsEncode(decoded(item.mid(equals + 1)));
            items.append({name, value});
            wire.append(equals < 0 ? name : name + '=' + value);
        }
        if (wire.isEmpty())
            url.setQuery(QString());
        else
            url.setQuery(QString::fromLatin1(wire.join('&')), QUrl::StrictMode);
    }
    return url;
}

QByteArray canonicalQuery(QList<QueryItem> items)
{
    std::sort(items.begin(), items.end());
    QList<QByteArray> joined;
    for (const QueryItem &item : std::as_const(items))
        joined.append(item.first + '=' + item.second);
    return joined.join('&');
}

QByteArray signingKey(const AwsSigV4Config &config, const QByteArray &date)
{
    QByteArray key = "AWS4" + config.secretAccessKey.trimmed().toUtf8();
    for (const QByteArray &part : {date, config.region.trimmed().toUtf8(),
                                   config.service.trimmed().toUtf8(), QByteArray("aws4_request")})
        key = hmacOf(HashAlgorithm::Sha256, key, part);
    return key;
}

Error configError(const QString &message)
{
    return Error {kAwsConfig, message};
}

std::optional<Error> checkConfig(const AwsSigV4Config &config, const SigningInputs &inputs)
{
    const auto missing = [](const QString &what, const QString &example) {
        return configError(QStringLiteral("AWS Signature v4 needs %1. Enter it in the Auth "
                                          "settings%2.")
                               .arg(what, example));
    };
    if (config.accessKeyId.trimmed().isEmpty())
        return missing(QStringLiteral("an access key ID"), QStringLiteral(" (AKIA...)"));
    if (config.secretAccessKey.trimmed().isEmpty())
        return missing(QStringLiteral("a secret access key"), QString());
    if (config.region.trimmed().isEmpty())
        return missing(QStringLiteral("a region"), QStringLiteral(", for example us-east-1"));
    if (config.service.trimmed().isEmpty()) {
        return missing(QStringLiteral("a service name"),
                       QStringLiteral(", for example s3 or execute-api"));
    }
    if (config.placement == AwsSigV4Placement::Query
        && (config.expiresSeconds < 1 || config.expiresSeconds > 604800)) {
        return configError(QStringLiteral("A presigned URL must expire after 1 to 604800 seconds "
                                          "(7 days); %1 is out of range.")
                               .arg(config.expiresSeconds));
    }
    if (!inputs.now.isValid())
        return configError(QStringLiteral("No signing time was given."));
    return std::nullopt;
}

} // namespace

Result<AwsSigV4Signature> awsSigV4Signature(const PreparedRequest &request,
                                            const AwsSigV4Config &config,
                                            const SigningInputs &inputs)
{
    if (const std::optional<Error> error = checkConfig(config, inputs))
        return *error;
    const bool isS3
        = config.service.trimmed().compare(QLatin1String("s3"), Qt::CaseInsensitive) == 0;
    const bool inQuery = config.placement == AwsSigV4Placement::Query;
    const QByteArray timestamp
        = inputs.now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray date = timestamp.left(8);

    AwsSigV4Signature out;
    out.credentialScope = date + '/' + config.region.trimmed().toUtf8() + '/'
        + config.service.trimmed().toUtf8() + "/aws4_request";
    const QByteArray credential = config.accessKeyId.trimmed().toUtf8() + '/' + out.credentialScope;
    PreparedRequest signedRequest = request;
    QList<QueryItem> queryItems;
    signedRequest.url = reencodeUrl(request.url, queryItems);

    // Headers this signer sets replace any the user typed.
    signedRequest.removeHeaders("Authorization");
    const QByteArray sessionToken = config.sessionToken.trimmed().toUtf8();
    QByteArray payloadHash;
    if (inQuery && isS3) {
        payloadHash = kUnsignedPayload.toByteArray();
    } else if (config.unsignedPayload) {
        payloadHash = kUnsignedPayload.toByteArray();
    } else if (!isS3 && !inQuery && signedRequest.hasHeader("X-Amz-Content-Sha256")) {
        payloadHash = signedRequest.header("X-Amz-Content-Sha256").trimmed(); // botocore's rule
    } else {
        payloadHash = hexHashOf(HashAlgorithm::Sha256,
                                signedRequest.hasBody ? QByteArrayView(signedRequest.body)
                                                      : QByteArrayView());
    }
    if (!inQuery) {
        signedRequest.removeHeaders("X-Amz-Date");
        signedRequest.headers.append({"X-Amz-Date", timestamp, true, false});
        if (!sessionToken.isEmpty()) {
            signedRequest.removeHeaders("X-Amz-Security-Token");
            signedRequest.headers.append({"X-Amz-Security-Token", sessionToken, true, true});
        }
        if (isS3 || config.unsignedPayload) {
            signedRequest.removeHeaders("X-Amz-Content-Sha256");
            signedRequest.headers.append({"X-Amz-Content-Sha256", payloadHash, true, false});
        }
    }

    // Which headers are signed, by lowercase name, with their values in order.
    QList<QByteArray> names = {"host"};
    const auto include = [&names](const QByteArray &lower) {
        if (!names.contains(lower))
            names.append(lower);
    };
    for (const PreparedHeader &header : std::as_const(signedRequest.headers)) {
        const QByteArray lower = header.name.toLower();
        if (lower.startsWith("x-amz-")
            || (!inQuery && (lower == "content-type" || lower == "content-md5")))
            include(lower);
    }
    for (const QString &extra : config.extraSignedHeaders) {
        const QByteArray lower = extra.trimmed().toLower().toUtf8();
        if (lower.isEmpty())
            continue;
        if (lower != "host" && !signedRequest.hasHeader(lower)) {
            return configError(QStringLiteral("The header \"%1\" is listed to be signed but the "
                                              "request has no such header. Add it, or remove it "
                                              "from the signed headers.")
                                   .arg(extra.trimmed()));
        }
        include(lower);
    }
    std::sort(names.begin(), names.end());
    out.signedHeaders = names.join(';');

    QByteArray canonicalHeaders;
    for (const QByteArray &name : std::as_const(names)) {
        QList<QByteArray> values;
        for (const PreparedHeader &header : std::as_const(signedRequest.headers)) {
            if (sameName(header.name, name))
                values.append(trimAll(header.value));
        }
        if (name == "host" && values.isEmpty())
            values.append(hostOf(signedRequest.url));
        const QByteArray value = values.join(',');
        canonicalHeaders += name + ':' + value + '\n';
        // One header on the wire, with exactly the signed value (transports would join
        // repeated headers with ", ", which is not what was signed).
        if (name != "host" && values.size() > 1) {
            const auto first
                = std::find_if(signedRequest.headers.begin(), signedRequest.headers.end(),
                               [&](const PreparedHeader &h) { return sameName(h.name, name); });
            PreparedHeader folded = *first;
            folded.value = value;
            const qsizetype at = first - signedRequest.headers.begin();
            signedRequest.removeHeaders(name);
            signedRequest.headers.insert(at, folded);
        }
    }

    if (inQuery) {
        QList<QueryItem> authItems = {
            {"X-Amz-Algorithm", kAlgorithm.toByteArray()},
            {"X-Amz-Credential", awsEncode(credential)},
            {"X-Amz-Date", timestamp},
            {"X-Amz-Expires", QByteArray::number(config.expiresSeconds)},
            {"X-Amz-SignedHeaders", awsEncode(out.signedHeaders)},
        };
        if (!sessionToken.isEmpty())
            authItems.append({"X-Amz-Security-Token", awsEncode(sessionToken)});
        for (const QueryItem &item : std::as_const(authItems)) {
            // A parameter of ours the user also typed would be signed twice: ours wins.
            queryItems.removeIf([&](const QueryItem &q) { return q.first == item.first; });
            queryItems.append(item);
        }
        QList<QByteArray> wire;
        for (const QueryItem &item : std::as_const(queryItems))
            wire.append(item.first + '=' + item.second);
        signedRequest.url.setQuery(QString::fromLatin1(wire.join('&')), QUrl::StrictMode);
    }

    const QByteArray path = signedRequest.url.path(QUrl::FullyEncoded).toUtf8();
    const QByteArray canonicalUri
        = isS3 ? (path.isEmpty() ? QByteArray("/") : path) : awsEncode(normalizedPath(path), true);
    out.canonicalRequest = signedRequest.method.toUtf8() + '\n' + canonicalUri + '\n'
        + canonicalQuery(queryItems) + '\n' + canonicalHeaders + '\n' + out.signedHeaders + '\n'
        + payloadHash;
    out.stringToSign = kAlgorithm.toByteArray() + '\n' + timestamp + '\n' + out.credentialScope
        + '\n' + hexHashOf(HashAlgorithm::Sha256, out.canonicalRequest);
    out.signature
        = hmacOf(HashAlgorithm::Sha256, signingKey(config, date), out.stringToSign).toHex();

    if (inQuery) {
        signedRequest.url.setQuery(signedRequest.url.query(QUrl::FullyEncoded)
                                       + QLatin1String("&X-Amz-Signature=")
                                       + QString::fromLatin1(out.signature),
                                   QUrl::StrictMode);
    } else {
        signedRequest.headers.append({"Authorization",
                                      kAlgorithm.toByteArray() + " Credential=" + credential
                                          + ", SignedHeaders=" + out.signedHeaders
                                          + ", Signature=" + out.signature,
                                      true, true});
    }
    out.request = std::move(signedRequest);
    return out;
}

Result<PreparedRequest> signAwsSigV4(const PreparedRequest &request, const AwsSigV4Config &config,
                                     const SigningInputs &inputs)
{
    Result<AwsSigV4Signature> signature = awsSigV4Signature(request, config, inputs);
    if (!signature)
        return signature.error();
    return std::move(signature).value().request;
}

} // namespace Patchbay::Core
