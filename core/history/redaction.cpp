#include "core/history/redaction.h"

#include "core/http/credentialheaders.h"

#include <QUrl>

#include <algorithm>

namespace Patchbay::Core {

namespace {

bool isAuthorizationHeader(QStringView name)
{
    return name.compare(u"authorization", Qt::CaseInsensitive) == 0
        || name.compare(u"proxy-authorization", Qt::CaseInsensitive) == 0;
}

bool isCookieHeader(QStringView name)
{
    return name.compare(u"cookie", Qt::CaseInsensitive) == 0;
}

bool isSetCookieHeader(QStringView name)
{
    return name.compare(u"set-cookie", Qt::CaseInsensitive) == 0;
}

// "Bearer abc" -> "Bearer •••"; a value without a scheme is replaced whole.
QString redactAuthorization(const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return value;
    const qsizetype space = trimmed.indexOf(u' ');
    if (space > 0) {
        const QStringView scheme = QStringView(trimmed).left(space);
        bool alpha = true;
        for (const QChar c : scheme)
            alpha = alpha && (c.isLetterOrNumber() || c == u'-' || c == u'_');
        if (alpha)
            return scheme.toString() + u' ' + redactionMarker();
    }
    return redactionMarker();
}

// "a=1; b=2" -> "a=•••; b=•••"
QString redactCookie(const QString &value)
{
    const QStringList parts = value.split(u';');
    QStringList out;
    out.reserve(parts.size());
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0 || part.mid(eq + 1).trimmed().isEmpty())
            out << part;
        else
            out << part.left(eq + 1) + redactionMarker();
    }
    return out.join(u';');
}

// "sid=abc; Path=/; HttpOnly" -> "sid=•••; Path=/; HttpOnly": attributes are not secret.
QString redactSetCookie(const QString &value)
{
    const qsizetype semi = value.indexOf(u';');
    const QString first = semi < 0 ? value : value.left(semi);
    const QString rest = semi < 0 ? QString() : value.mid(semi);
    return redactCookie(first) + rest;
}

QString redactHeaderValue(QStringView name, const QString &value)
{
    if (value.isEmpty())
        return value;
    if (isAuthorizationHeader(name))
        return redactAuthorization(value);
    if (isCookieHeader(name))
        return redactCookie(value);
    if (isSetCookieHeader(name))
        return redactSetCookie(value);
    if (isSecretName(name))
        return redactionMarker();
    return value;
}

void redactRows(KeyValueList &rows, const QString &extraName, Qt::CaseSensitivity cs)
{
    for (KeyValue &row : rows) {
        if (row.value.isEmpty())
            continue;
        if (isSecretName(row.name)
            || (!extraName.isEmpty() && row.name.compare(extraName, cs) == 0))
            row.value = redactionMarker();
    }
}

} // namespace

QString redactionMarker()
{
    return QStringLiteral("\u2022\u2022\u2022");
}

bool isSecretName(QStringView name)
{
    return looksLikeCredentialName(name);
}

namespace {

bool isSchemeChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
        || c == u'+' || c == u'-' || c == u'.';
}

// Where the authority (user:password@host:port) starts: after "scheme://", after "//", or at
// the very start of a URL written without a scheme ("bob:pw@host/path").
qsizetype authorityStart(const QString &url)
{
    const qsizetype separator = url.indexOf(QLatin1String("://"));
    if (separator > 0) {
        bool scheme = true;
        for (qsizetype i = 0; i < separator && scheme; ++i)
            scheme = isSchemeChar(url.at(i));
        if (scheme)
            return separator + 3;
    }
    return url.startsWith(QLatin1String("//")) ? 2 : 0;
}

// Redacts the values of secret `name=value` items in url[begin, end), items being separated by
// any of `separators`. Returns the new end.
qsizetype redactItems(QString &url, qsizetype begin, qsizetype end, QStringView separators,
                      const QString &extraSecretParam)
{
    qsizetype itemStart = begin;
    while (itemStart <= end) {
        qsizetype itemEnd = itemStart;
        while (itemEnd < end && !separators.contains(url.at(itemEnd)))
            ++itemEnd;
        const qsizetype eq = url.indexOf(u'=', itemStart);
        if (eq >= 0 && eq < itemEnd && eq + 1 < itemEnd) {
            const QString name
                = QUrl::fromPercentEncoding(url.mid(itemStart, eq - itemStart).toUtf8());
            const bool secret
                = isSecretName(name) || (!extraSecretParam.isEmpty() && name == extraSecretParam);
            if (secret && QStringView(url).sliced(eq + 1, itemEnd - eq - 1) != redactionMarker()) {
                url.replace(eq + 1, itemEnd - eq - 1, redactionMarker());
                const qsizetype shift = redactionMarker().size() - (itemEnd - eq - 1);
                itemEnd += shift;
                end += shift;
            }
        }
        itemStart = itemEnd + 1;
    }
    return end;
}

} // namespace

QString redactUrl(const QString &url, const QString &extraSecretParam)
{
    QString out = url;

    // user:password@host, with or without a scheme.
    const qsizetype authorityBegin = authorityStart(out);
    qsizetype authorityEnd = out.size();
    for (const QChar stop : {u'/', u'?', u'#'}) {
        const qsizetype i = out.indexOf(stop, authorityBegin);
        if (i >= 0)
            authorityEnd = std::min(authorityEnd, i);
    }
    const qsizetype at
        = authorityEnd > authorityBegin ? out.lastIndexOf(u'@', authorityEnd - 1) : -1;
    if (at >= authorityBegin) {
        const qsizetype colon = out.indexOf(u':', authorityBegin);
        if (colon >= 0 && colon < at && colon + 1 < at
            && QStringView(out).sliced(colon + 1, at - colon - 1) != redactionMarker()) {
            out.replace(colon + 1, at - colon - 1, redactionMarker());
            authorityEnd += redactionMarker().size() - (at - colon - 1);
        }
    }

    // Credentials also travel as path parameters (";jsessionid=..."), in the query (separated by
    // '&', ';', or a stray second '?') and in the fragment (OAuth's "#access_token=...").
    qsizetype queryStart = out.indexOf(u'?', authorityEnd);
    qsizetype fragmentStart = out.indexOf(u'#', authorityEnd);
    if (fragmentStart >= 0 && queryStart > fragmentStart)
        queryStart = -1;
    qsizetype pathEnd = queryStart >= 0 ? queryStart
        : fragmentStart >= 0            ? fragmentStart
                                        : out.size();
    const qsizetype newPathEnd = redactItems(out, authorityEnd, pathEnd, u";/", extraSecretParam);
    const qsizetype shift = newPathEnd - pathEnd;
    if (queryStart >= 0)
        queryStart += shift;
    if (fragmentStart >= 0)
        fragmentStart += shift;
    if (queryStart >= 0) {
        const qsizetype queryEnd = fragmentStart >= 0 ? fragmentStart : out.size();
        const qsizetype newQueryEnd
            = redactItems(out, queryStart + 1, queryEnd, u"&;?", extraSecretParam);
        if (fragmentStart >= 0)
            fragmentStart += newQueryEnd - queryEnd;
    }
    if (fragmentStart >= 0)
        redactItems(out, fragmentStart + 1, out.size(), u"&;?", extraSecretParam);
    return out;
}

Request redactSecrets(const Request &request)
{
    Request r = request;
    Auth &auth = r.auth;
    const bool apiKey = auth.mode == AuthMode::ApiKey;
    const QString headerKey
        = apiKey && auth.keyLocation == ApiKeyLocation::Header ? auth.keyName : QString();
    const QString queryKey
        = apiKey && auth.keyLocation == ApiKeyLocation::Query ? auth.keyName : QString();

    // Secrets are cleared whatever the mode: a user may have switched modes after typing one.
    if (!auth.password.isEmpty())
        auth.password = redactionMarker();
    if (!auth.token.isEmpty())
        auth.token = redactionMarker();
    if (!auth.keyValue.isEmpty())
        auth.keyValue = redactionMarker();
    for (QString *secret :
         {&auth.oauth2.clientSecret, &auth.oauth2.password, &auth.oauth2.refreshToken,
          &auth.digest.password, &auth.awsSigV4.secretAccessKey, &auth.awsSigV4.sessionToken,
          &auth.oauth1.consumerSecret, &auth.oauth1.tokenSecret, &auth.oauth1.privateKeyPem,
          &auth.jwt.key}) {
        if (!secret->isEmpty())
            *secret = redactionMarker();
    }

    for (KeyValue &h : r.headers) {
        if (!headerKey.isEmpty() && !h.value.isEmpty()
            && h.name.compare(headerKey, Qt::CaseInsensitive) == 0)
            h.value = redactionMarker();
        else
            h.value = redactHeaderValue(h.name, h.value);
    }
    redactRows(r.params, queryKey, Qt::CaseSensitive);
    r.url = redactUrl(r.url, queryKey);

    redactRows(r.body.formFields, QString(), Qt::CaseSensitive);
    for (MultipartField &f : r.body.multipartFields) {
        if (!f.isFile && !f.value.isEmpty() && isSecretName(f.name))
            f.value = redactionMarker();
    }
    r.settings.proxyUrl = redactUrl(r.settings.proxyUrl); // user:password@proxy
    if (!r.settings.clientPassphrase.isEmpty())
        r.settings.clientPassphrase = redactionMarker();
    return r;
}

namespace {

// Longest first; with the percent-encoded form of each value too (as it appears in URLs).
QStringList redactionNeedles(const QStringList &values)
{
    QStringList needles;
    for (const QString &v : values) {
        if (v.isEmpty())
            continue;
        needles << v;
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(v));
        if (encoded != v)
            needles << encoded;
    }
    needles.removeDuplicates();
    std::stable_sort(needles.begin(), needles.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return needles;
}

void replaceAll(QString &text, const QStringList &needles)
{
    if (text.isEmpty())
        return;
    for (const QString &n : needles)
        text.replace(n, redactionMarker());
}

} // namespace

QString redactValues(const QString &text, const QStringList &values)
{
    QString out = text;
    replaceAll(out, redactionNeedles(values));
    return out;
}

namespace {

// Calls `text` on every text field of `r` a value can hide in: URL, params, headers, body, auth
// and the TLS and proxy settings.
template<typename TextFn> void forEachText(Request &r, TextFn &&text)
{
    auto rows = [&text](KeyValueList &list) {
        for (KeyValue &row : list) {
            text(row.name);
            text(row.value);
        }
    };
    text(r.url);
    rows(r.params);
    rows(r.headers);
    text(r.body.text);
    text(r.body.contentType);
    text(r.body.filePath);
    text(r.body.graphql.query);
    text(r.body.graphql.variables);
    text(r.body.graphql.operationName);
    rows(r.body.formFields);
    for (MultipartField &f : r.body.multipartFields) {
        text(f.name);
        text(f.value);
        text(f.contentType);
    }
    text(r.auth.username);
    text(r.auth.password);
    text(r.auth.token);
    text(r.auth.keyName);
    text(r.auth.keyValue);
    text(r.settings.proxyUrl);
    text(r.settings.caCertificates);
    text(r.settings.clientCertificate);
    text(r.settings.clientKey);
    text(r.settings.clientPassphrase);
    OAuth2Config &o = r.auth.oauth2;
    for (QString *field : {&o.discoveryUrl, &o.authUrl, &o.tokenUrl, &o.deviceAuthUrl, &o.clientId,
                           &o.clientSecret, &o.scope, &o.audience, &o.resource, &o.username,
                           &o.password, &o.refreshToken, &o.redirectUri})
        text(*field);
    rows(o.authParams);
    rows(o.tokenParams);
    Auth &a = r.auth;
    for (QString *field :
         {&a.digest.username, &a.digest.password, &a.awsSigV4.accessKeyId,
          &a.awsSigV4.secretAccessKey, &a.awsSigV4.sessionToken, &a.oauth1.consumerKey,
          &a.oauth1.consumerSecret, &a.oauth1.token, &a.oauth1.tokenSecret, &a.oauth1.privateKeyPem,
          &a.oauth1.verifier, &a.jwt.key, &a.jwt.claimsTemplate})
        text(*field);
}

} // namespace

Request redactValues(const Request &request, const QStringList &values)
{
    const QStringList needles = redactionNeedles(values);
    if (needles.isEmpty())
        return request;
    Request r = request;
    forEachText(r, [&needles](QString &s) { replaceAll(s, needles); });
    return r;
}

bool containsRedactions(const Request &request)
{
    Request r = request;
    const QString marker = redactionMarker();
    bool found = false;
    forEachText(r, [&](const QString &s) { found = found || s.contains(marker); });
    return found;
}

HttpHeaderList redactSecrets(const HttpHeaderList &headers)
{
    HttpHeaderList out = headers;
    for (HttpHeader &h : out) {
        const QString name = QString::fromLatin1(h.name);
        // Header bytes are Latin-1 on the wire; only touched values are re-encoded.
        const QString value = QString::fromLatin1(h.value);
        const QString redacted = redactHeaderValue(name, value);
        if (redacted == value)
            continue;
        // The bytes we keep go back as they came (Latin-1); only the marker is new. Encoding
        // everything as UTF-8 would double-encode any byte above 0x7F that the header kept.
        const QStringList kept = redacted.split(redactionMarker());
        const QByteArray marker = redactionMarker().toUtf8();
        h.value.clear();
        for (qsizetype i = 0; i < kept.size(); ++i)
            h.value += (i > 0 ? marker : QByteArray()) + kept.at(i).toLatin1();
    }
    return out;
}

} // namespace Patchbay::Core
