#include "core/http/preparedrequest.h"

#include "core/graphql/graphqlhttp.h"
#include "core/http/credentialheaders.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QRegularExpression>

namespace Patchbay::Core {

namespace {

const QString kInvalidUrl = QStringLiteral("invalid-url");
const QString kInvalidRequest = QStringLiteral("invalid-request");

// RFC 9110 token: the grammar of methods and header names.
bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const bool alnum
            = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

// A header value must not be able to start a new header or request (CR, LF) or end a C string.
bool isSafeHeaderValue(QByteArrayView value)
{
    return !value.contains('\r') && !value.contains('\n') && !value.contains('\0');
}

bool isCredentialHeader(QByteArrayView name)
{
    return isCredentialHeaderName(name);
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// The {{names}} left in a URL: variables that no scope defined when it was resolved.
QStringList leftoverVariables(const QString &url)
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([^{}]+?)\\s*\\}\\}"));
    QStringList names;
    for (auto it = pattern.globalMatch(url); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

Result<QUrl> parseUrl(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        return Error {kInvalidUrl,
                      QStringLiteral("The URL is empty. Enter an address such as "
                                     "https://api.example.com/items.")};
    }
    // A URL that cannot be sent because a variable in it is undefined ("{{baseUrl}}/users/1"):
    // name the variable instead of advising on the scheme or host it was meant to supply.
    const QUrl parsed(text, QUrl::TolerantMode);
    if (const QStringList undefined = leftoverVariables(text); !undefined.isEmpty()
        && (!text.contains(QLatin1String("://")) || !parsed.isValid() || parsed.host().isEmpty()
            || parsed.host().contains(u'{'))) {
        const bool one = undefined.size() == 1;
        return Error {kInvalidUrl,
                      QStringLiteral("The URL \"%1\" cannot be sent: %2 %3 not defined. Pick the "
                                     "environment that defines %4, or define %4 in the collection "
                                     "or a folder.")
                          .arg(text, undefined.join(QLatin1String(", ")),
                               one ? QStringLiteral("is") : QStringLiteral("are"),
                               one ? QStringLiteral("it") : QStringLiteral("them"))};
    }
    // Tolerant parsing percent-encodes what a person naturally types (spaces, non-ASCII), but we
    // never guess a missing scheme like QUrl::fromUserInput does: "localhost:8080" must not be
    // sent somewhere the user did not mean.
    const QUrl url(text, QUrl::TolerantMode);
    if (!text.contains(QLatin1String("://"))) {
        return Error {
            kInvalidUrl,
            QStringLiteral("The URL \"%1\" does not start with http:// or https://. Add the "
                           "scheme, for example http://%1.")
                .arg(text)};
    }
    if (!url.isValid()) {
        return Error {
            kInvalidUrl,
            QStringLiteral("The URL \"%1\" is not valid: %2. Check it for stray characters "
                           "in the host name or port.")
                .arg(text, url.errorString())};
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return Error {
            kInvalidUrl,
            QStringLiteral("The scheme \"%1\" is not supported: Patchbay sends HTTP requests. "
                           "Start the URL with http:// or https://.")
                .arg(url.scheme())};
    }
    if (url.host().isEmpty()) {
        return Error {kInvalidUrl,
                      QStringLiteral("The URL \"%1\" has no host name. Put the server after %2://, "
                                     "for example %2://localhost:8080/.")
                          .arg(text, scheme)};
    }
    return url;
}

QByteArray encodePair(const QString &name, const QString &value,
                      QByteArray (*encode)(const QString &))
{
    return encode(name) + '=' + encode(value);
}

QUrl appendQuery(QUrl url, const QList<QByteArray> &pairs)
{
    if (pairs.isEmpty())
        return url;
    QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
    if (!query.isEmpty())
        query += '&';
    query += pairs.join('&');
    // Everything in `query` is already encoded: strict mode keeps every escape as it is.
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}

struct EncodedBody
{
    QByteArray bytes;
    QByteArray contentType; // empty: none
};

Result<QByteArray> readBodyFile(const QString &path, const QString &what)
{
    const QFileInfo info(path);
    QString problem;
    if (!info.exists())
        problem = QStringLiteral("the file does not exist");
    else if (info.isDir())
        problem = QStringLiteral("it is a folder, not a file");
    QFile file(path);
    if (problem.isEmpty() && !file.open(QIODevice::ReadOnly))
        problem = file.errorString();
    if (!problem.isEmpty()) {
        return Error {kInvalidRequest,
                      QStringLiteral("Cannot read %1 \"%2\": %3. Choose the file again, or change "
                                     "the body so that it does not need it.")
                          .arg(what, path, problem)};
    }
    return file.readAll();
}

QByteArray guessContentType(const QString &path)
{
    static const QMimeDatabase mimeDatabase;
    const QMimeType type = mimeDatabase.mimeTypeForFile(path, QMimeDatabase::MatchExtension);
    return type.isValid() ? type.name().toUtf8() : QByteArrayLiteral("application/octet-stream");
}

// Quoted-string parameter of a Content-Disposition header, escaped like browsers do (WHATWG).
QByteArray dispositionParameter(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return '"' + bytes + '"';
}

Result<EncodedBody> encodeMultipart(const QList<MultipartField> &fields)
{
    QList<QByteArray> parts; // each: part headers, blank line, content
    for (const MultipartField &field : fields) {
        if (!field.enabled || field.name.isEmpty())
            continue;
        QByteArray part
            = "Content-Disposition: form-data; name=" + dispositionParameter(field.name);
        QByteArray content;
        QByteArray contentType = field.contentType.trimmed().toUtf8();
        if (field.isFile) {
            Result<QByteArray> file = readBodyFile(
                field.value, QStringLiteral("the file for the form field \"%1\"").arg(field.name));
            if (!file)
                return file.error();
            content = std::move(file).value();
            part += "; filename=" + dispositionParameter(QFileInfo(field.value).fileName());
            if (contentType.isEmpty())
                contentType = guessContentType(field.value);
        } else {
            content = field.value.toUtf8();
        }
        if (!isSafeHeaderValue(contentType)) {
            return Error {
                kInvalidRequest,
                QStringLiteral("The content type of the form field \"%1\" contains a line "
                               "break. Remove it.")
                    .arg(field.name)};
        }
        if (!contentType.isEmpty())
            part += "\r\nContent-Type: " + contentType;
        parts.append(part + "\r\n\r\n" + content);
    }

    // A boundary derived from the content keeps prepareRequest() deterministic. It must not occur
    // in any part; a hash practically never does, and the counter settles the rare case.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &part : std::as_const(parts))
        hash.addData(part);
    const QByteArray digest = hash.result().toHex();
    QByteArray boundary;
    for (int attempt = 0;; ++attempt) {
        boundary = "----PatchbayFormBoundary"
            + QCryptographicHash::hash(QByteArray(digest + QByteArray::number(attempt)),
                                       QCryptographicHash::Sha256)
                  .toHex()
                  .left(24);
        const bool clash = std::any_of(parts.cbegin(), parts.cend(),
                                       [&](const QByteArray &p) { return p.contains(boundary); });
        if (!clash)
            break;
    }

    EncodedBody body;
    for (const QByteArray &part : std::as_const(parts))
        body.bytes += "--" + boundary + "\r\n" + part + "\r\n";
    body.bytes += "--" + boundary + "--\r\n";
    body.contentType = "multipart/form-data; boundary=" + boundary;
    return body;
}

Result<EncodedBody> encodeBody(const RequestBody &body)
{
    switch (body.mode) {
    case BodyMode::None:
        return EncodedBody {};
    case BodyMode::Json:
        return EncodedBody {body.text.toUtf8(), "application/json"};
    case BodyMode::Text: {
        const QString type = body.contentType.trimmed();
        return EncodedBody {body.text.toUtf8(),
                            type.isEmpty() ? QByteArray("text/plain; charset=utf-8")
                                           : type.toUtf8()};
    }
    case BodyMode::FormUrlEncoded: {
        QList<QByteArray> pairs;
        for (const KeyValue &field : body.formFields) {
            if (field.enabled && !field.name.isEmpty())
                pairs.append(encodePair(field.name, field.value, encodeFormComponent));
        }
        return EncodedBody {pairs.join('&'), "application/x-www-form-urlencoded"};
    }
    case BodyMode::Multipart:
        return encodeMultipart(body.multipartFields);
    case BodyMode::GraphQl: // lowered by prepareRequest() before it gets here
        return EncodedBody {graphQlPayload(body.graphql), "application/json"};
    case BodyMode::BinaryFile: {
        if (body.filePath.isEmpty()) {
            return Error {kInvalidRequest,
                          QStringLiteral("No file is chosen for the binary body. Choose a file, or "
                                         "pick another body type.")};
        }
        Result<QByteArray> file = readBodyFile(body.filePath, QStringLiteral("the body file"));
        if (!file)
            return file.error();
        const QString type = body.contentType.trimmed();
        return EncodedBody {std::move(file).value(),
                            type.isEmpty() ? QByteArray("application/octet-stream")
                                           : type.toUtf8()};
    }
    }
    return EncodedBody {};
}

Error invalidHeader(const QString &name, const QString &problem)
{
    return Error {kInvalidRequest, QStringLiteral("The header \"%1\" %2.").arg(name, problem)};
}

// The header the Auth settings produce, if any (query API keys are added to the URL instead).
Result<std::optional<PreparedHeader>> authHeader(const Auth &auth)
{
    PreparedHeader header {{}, {}, /*automatic=*/true, /*credential=*/true};
    switch (auth.mode) {
    case AuthMode::None:
    case AuthMode::Inherit: // unresolved: nothing to inherit from
    // An OAuth 2.0 token comes from the keyring or a token endpoint, not from the request: the
    // sender (core/auth/oauth2call.h) puts it in as an API-key header or query parameter.
    case AuthMode::OAuth2:
    // These sign the prepared request as it goes out (core/auth/signedcall.h).
    case AuthMode::Digest:
    case AuthMode::AwsSigV4:
    case AuthMode::OAuth1:
    case AuthMode::JwtBearer:
        return std::optional<PreparedHeader>();
    case AuthMode::Basic:
        // RFC 7617: user-id and password are UTF-8 before base64.
        header.name = "Authorization";
        header.value = "Basic " + (auth.username + u':' + auth.password).toUtf8().toBase64();
        break;
    case AuthMode::Bearer:
        if (auth.token.trimmed().isEmpty())
            return std::optional<PreparedHeader>();
        header.name = "Authorization";
        header.value = "Bearer " + auth.token.trimmed().toUtf8();
        break;
    case AuthMode::ApiKey:
        if (auth.keyLocation != ApiKeyLocation::Header || auth.keyName.trimmed().isEmpty())
            return std::optional<PreparedHeader>();
        header.name = auth.keyName.trimmed().toUtf8();
        header.value = auth.keyValue.trimmed().toUtf8();
        if (!isToken(header.name)) {
            return invalidHeader(
                auth.keyName,
                QStringLiteral("set as the API key name is not a valid header name. "
                               "Use letters, digits and dashes only"));
        }
        break;
    }
    if (!isSafeHeaderValue(header.value)) {
        return Error {kInvalidRequest,
                      QStringLiteral("The credentials in the Auth settings contain a line break. "
                                     "Remove it.")};
    }
    return std::optional<PreparedHeader>(header);
}

} // namespace

QByteArray defaultUserAgent()
{
    return QByteArrayLiteral("Patchbay/" PATCHBAY_VERSION);
}

QByteArray encodeQueryComponent(const QString &text)
{
    // QUrl::toPercentEncoding keeps exactly the RFC 3986 unreserved set.
    return QUrl::toPercentEncoding(text);
}

QByteArray encodeFormComponent(const QString &text)
{
    return QUrl::toPercentEncoding(text, " ").replace(' ', '+');
}

QByteArray PreparedRequest::header(QByteArrayView name) const
{
    for (const PreparedHeader &h : headers) {
        if (sameName(h.name, name))
            return h.value;
    }
    return {};
}

bool PreparedRequest::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&](const PreparedHeader &h) { return sameName(h.name, name); });
}

qsizetype PreparedRequest::removeHeaders(QByteArrayView name)
{
    return headers.removeIf([&](const PreparedHeader &h) { return sameName(h.name, name); });
}

PreparedHeaderList PreparedRequest::automaticHeaders() const
{
    PreparedHeaderList result;
    for (const PreparedHeader &h : headers) {
        if (h.automatic)
            result.append(h);
    }
    return result;
}

Result<PreparedRequest> prepareRequest(const Request &request)
{
    if (request.body.mode == BodyMode::GraphQl) {
        // A GraphQL body is sent as the plain HTTP request it stands for (JSON POST or GET).
        const Result<Request> lowered = graphQlAsHttp(request);
        if (!lowered)
            return lowered.error();
        return prepareRequest(lowered.value());
    }
    PreparedRequest out;

    out.method = request.method;
    if (!isToken(out.method.toLatin1())) {
        return Error {
            kInvalidRequest,
            QStringLiteral("\"%1\" is not a valid HTTP method. Use a single word of letters, "
                           "digits or dashes, such as GET, POST or PURGE.")
                .arg(request.method)};
    }

    Result<QUrl> url = parseUrl(request.url);
    if (!url)
        return url.error();
    QList<QByteArray> queryPairs;
    for (const KeyValue &param : request.params) {
        if (!param.enabled || param.name.isEmpty())
            continue;
        // `?flag` stays `?flag`: some servers tell it from `?flag=`.
        queryPairs.append(param.hasValue ? encodePair(param.name, param.value, encodeQueryComponent)
                                         : encodeQueryComponent(param.name));
    }
    const Auth &auth = request.auth;
    if (auth.mode == AuthMode::ApiKey && auth.keyLocation == ApiKeyLocation::Query
        && !auth.keyName.trimmed().isEmpty()) {
        queryPairs.append(encodePair(auth.keyName.trimmed(), auth.keyValue, encodeQueryComponent));
    }
    out.url = appendQuery(url.value(), queryPairs);

    PreparedHeaderList userHeaders;
    for (const KeyValue &row : request.headers) {
        const QString name = row.name.trimmed();
        if (!row.enabled || name.isEmpty())
            continue;
        const QByteArray nameBytes = name.toUtf8();
        if (!isToken(nameBytes)) {
            return invalidHeader(
                name,
                QStringLiteral("is not a valid header name. Use letters, digits and "
                               "dashes only (no spaces or colons)"));
        }
        const QByteArray value = row.value.trimmed().toUtf8();
        if (!isSafeHeaderValue(value))
            return invalidHeader(name, QStringLiteral("contains a line break. Remove it"));
        userHeaders.append({nameBytes, value, /*automatic=*/false, isCredentialHeader(nameBytes)});
    }
    const auto userHas = [&](QByteArrayView name) {
        return std::any_of(userHeaders.cbegin(), userHeaders.cend(),
                           [&](const PreparedHeader &h) { return sameName(h.name, name); });
    };

    Result<std::optional<PreparedHeader>> fromAuth = authHeader(auth);
    if (!fromAuth)
        return fromAuth.error();
    Result<EncodedBody> body = encodeBody(request.body);
    if (!body)
        return body.error();

    const bool isHead = out.method == QLatin1String("HEAD");
    const bool methodExpectsBody = out.method == QLatin1String("POST")
        || out.method == QLatin1String("PUT") || out.method == QLatin1String("PATCH")
        || out.method == QLatin1String("DELETE");
    out.hasBody = !isHead && (request.body.mode != BodyMode::None || methodExpectsBody);
    if (out.hasBody)
        out.body = body->bytes;

    const auto addAutomatic = [&](QByteArray name, QByteArray value) {
        if (!userHas(name))
            out.headers.append({name, value, /*automatic=*/true, isCredentialHeader(name)});
    };
    addAutomatic("User-Agent", defaultUserAgent());
    addAutomatic("Accept", "*/*");
    if (fromAuth.value()) {
        const PreparedHeader header = *fromAuth.value();
        userHeaders.removeIf(
            [&](const PreparedHeader &h) { return sameName(h.name, header.name); });
        out.headers.append(header);
    }
    if (out.hasBody && !body->contentType.isEmpty())
        addAutomatic("Content-Type", body->contentType);
    userHeaders.removeIf(
        [](const PreparedHeader &h) { return sameName(h.name, "Content-Length"); });
    if (out.hasBody)
        out.headers.append({"Content-Length", QByteArray::number(out.body.size()), true, false});
    out.headers.append(userHeaders);
    markCredentialHeaders(out, {}, request.settings.keepHeadersOnRedirect);
    return out;
}

} // namespace Patchbay::Core
