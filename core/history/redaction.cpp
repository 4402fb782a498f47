#include "core/history/redaction.h"

#include <QUrl>

#include <algorithm>
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
        QStringLiteral("auth"),       QStringLiteral("apikey"),    QStringLiteral("token"),
        QStringLiteral("secret"),     QStringLiteral("password"),  QStringLiteral("passwd"),
        QStringLiteral("credential"), QStringLiteral("accesskey"), QStringLiteral("privatekey"),
        QStringLiteral("signature"),  QStringLiteral("sessionid"),
    };
    for (const QString &p : parts) {
        if (n.contains(p))
            return true;
    }
    return false;
}

QString redactUrl(const QString &url, const QString &extraSecretParam)
{
    QString out = url;

    // user:password@host
    const qsizetype scheme = out.indexOf(QLatin1String("://"));
    if (scheme > 0) {
        const qsizetype authorityStart = scheme + 3;
        qsizetype authorityEnd = out.size();
        for (const QChar stop : {u'/', u'?', u'#'}) {
            const qsizetype i = out.indexOf(stop, authorityStart);
            if (i >= 0)
                authorityEnd = std::min(authorityEnd, i);
        }
        const qsizetype at = out.lastIndexOf(u'@', authorityEnd - 1);
        if (at >= authorityStart) {
            const qsizetype colon = out.indexOf(u':', authorityStart);
            if (colon >= 0 && colon < at && colon + 1 < at)
                out.replace(colon + 1, at - colon - 1, redactionMarker());
        }
    }

    const qsizetype question = out.indexOf(u'?');
    if (question < 0)
        return out;
    qsizetype queryEnd = out.indexOf(u'#', question);
    if (queryEnd < 0)
        queryEnd = out.size();
    const QStringList items = out.mid(question + 1, queryEnd - question - 1).split(u'&');
    QStringList redacted;
    redacted.reserve(items.size());
    bool changed = false;
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(u'=');
        if (eq < 0 || eq + 1 == item.size()) {
            redacted << item;
            continue;
        }
        const QString name = QUrl::fromPercentEncoding(item.left(eq).toUtf8());
        if (isSecretName(name) || (!extraSecretParam.isEmpty() && name == extraSecretParam)) {
            const QString value = item.left(eq + 1) + redactionMarker();
            changed = changed || value != item;
            redacted << value;
        } else {
            redacted << item;
        }
    }
    if (changed)
        out.replace(question + 1, queryEnd - question - 1, redacted.join(u'&'));
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

Request redactValues(const Request &request, const QStringList &values)
{
    const QStringList needles = redactionNeedles(values);
    if (needles.isEmpty())
        return request;
    Request r = request;
    auto text = [&needles](QString &s) { replaceAll(s, needles); };
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
    return r;
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
