#include "core/cookies/cookiefiles.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Patchbay::Core {

namespace {

constexpr qint64 kMaxCookieFileSize = 32 * 1024 * 1024;

QByteArray boolField(bool value)
{
    return value ? QByteArrayLiteral("TRUE") : QByteArrayLiteral("FALSE");
}

Error fileError(const QString &code, const QString &message)
{
    return Error {code, message};
}

} // namespace

QByteArray cookiesToNetscape(const CookieList &cookies)
{
    QByteArray out = "# Netscape HTTP Cookie File\n"
                     "# Written by Patchbay; curl reads it with -b FILE.\n\n";
    for (const Cookie &c : cookies) {
        if (c.httpOnly)
            out += "#HttpOnly_";
        if (!c.hostOnly)
            out += '.';
        out += c.domain.toUtf8() + '\t' + boolField(!c.hostOnly) + '\t' + c.path.toUtf8() + '\t'
            + boolField(c.secure) + '\t'
            + QByteArray::number(c.isSession() ? 0 : c.expires.toSecsSinceEpoch()) + '\t'
            + c.name.toUtf8() + '\t' + c.value.toUtf8() + '\n';
    }
    return out;
}

Result<CookieList> cookiesFromNetscape(QByteArrayView text, QStringList *skipped)
{
    CookieList cookies;
    int lineNumber = 0;
    bool sawHeader = false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (QByteArrayView line : QByteArray(text.toByteArray()).split('\n')) {
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        bool httpOnly = false;
        if (line.startsWith("#HttpOnly_")) {
            httpOnly = true;
            line = line.sliced(10);
        } else if (line.startsWith('#')) {
            sawHeader = sawHeader || line.contains("Netscape HTTP Cookie File")
                || line.contains("HTTP Cookie File");
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> fields = line.toByteArray().split('\t');
        if (fields.size() != 7 && fields.size() != 6) {
            if (skipped)
                skipped->append(QStringLiteral("line %1: %2 tab-separated fields instead of 7")
                                    .arg(lineNumber)
                                    .arg(fields.size()));
            continue;
        }
        Cookie c;
        QByteArray domain = fields.at(0).trimmed().toLower();
        c.hostOnly = fields.at(1).trimmed().toUpper() != "TRUE";
        if (domain.startsWith('.')) {
            domain.remove(0, 1);
            c.hostOnly = false;
        }
        c.domain = QString::fromUtf8(domain);
        c.path = QString::fromUtf8(fields.at(2));
        if (c.path.isEmpty())
            c.path = QStringLiteral("/");
        c.secure = fields.at(3).trimmed().toUpper() == "TRUE";
        bool ok = false;
        const qint64 expires = fields.at(4).trimmed().toLongLong(&ok);
        if (!ok) {
            if (skipped)
                skipped->append(
                    QStringLiteral("line %1: the expiry \"%2\" is not a number of seconds")
                        .arg(lineNumber)
                        .arg(QString::fromUtf8(fields.at(4))));
            continue;
        }
        if (expires > 0)
            c.expires = QDateTime::fromSecsSinceEpoch(expires, Qt::UTC);
        c.name = QString::fromUtf8(fields.at(5));
        c.value = fields.size() == 7 ? QString::fromUtf8(fields.at(6)) : QString();
        c.httpOnly = httpOnly;
        c.created = now.addMSecs(cookies.size()); // keeps the file's order
        if (c.domain.isEmpty() || c.name.isEmpty()) {
            if (skipped)
                skipped->append(QStringLiteral("line %1: no domain or no name").arg(lineNumber));
            continue;
        }
        if (c.isExpired(now)) {
            if (skipped)
                skipped->append(QStringLiteral("line %1: %2 expired on %3")
                                    .arg(lineNumber)
                                    .arg(c.name, c.expires.toString(Qt::ISODate)));
            continue;
        }
        cookies.append(c);
    }
    if (cookies.isEmpty() && !sawHeader && !text.trimmed().isEmpty()) {
        return Error {QStringLiteral("invalid-cookie-file"),
                      QStringLiteral("This is not a cookies.txt file (Netscape format, as curl "
                                     "writes with -c): no line has the seven tab-separated "
                                     "fields.")};
    }
    return cookies;
}

QByteArray cookiesToJson(const CookieList &cookies)
{
    QJsonArray list;
    for (const Cookie &c : cookies) {
        QJsonObject o {
            {QStringLiteral("name"), c.name},         {QStringLiteral("value"), c.value},
            {QStringLiteral("domain"), c.domain},     {QStringLiteral("path"), c.path},
            {QStringLiteral("hostOnly"), c.hostOnly}, {QStringLiteral("secure"), c.secure},
            {QStringLiteral("httpOnly"), c.httpOnly}};
        if (c.sameSite != SameSite::Unspecified)
            o.insert(QStringLiteral("sameSite"), sameSiteName(c.sameSite));
        if (!c.isSession())
            o.insert(QStringLiteral("expires"), c.expires.toUTC().toString(Qt::ISODateWithMs));
        if (c.created.isValid())
            o.insert(QStringLiteral("created"), c.created.toUTC().toString(Qt::ISODateWithMs));
        list.append(o);
    }
    const QJsonObject root {{QStringLiteral("patchbay"), 1}, {QStringLiteral("cookies"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<CookieList> cookiesFromJson(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()
        || !document.object().value(QLatin1String("cookies")).isArray()) {
        return fileError(QStringLiteral("invalid-cookie-file"),
                         QStringLiteral("The cookie file is not Patchbay's JSON (%1).")
                             .arg(error.error != QJsonParseError::NoError
                                      ? error.errorString()
                                      : QStringLiteral("no \"cookies\" list")));
    }
    CookieList cookies;
    for (const QJsonValue &value : document.object().value(QLatin1String("cookies")).toArray()) {
        const QJsonObject o = value.toObject();
        Cookie c;
        c.name = o.value(QLatin1String("name")).toString();
        c.value = o.value(QLatin1String("value")).toString();
        c.domain = o.value(QLatin1String("domain")).toString();
        c.path = o.value(QLatin1String("path")).toString(QStringLiteral("/"));
        c.hostOnly = o.value(QLatin1String("hostOnly")).toBool(true);
        c.secure = o.value(QLatin1String("secure")).toBool();
        c.httpOnly = o.value(QLatin1String("httpOnly")).toBool();
        c.sameSite = sameSiteFromName(o.value(QLatin1String("sameSite")).toString());
        if (o.contains(QLatin1String("expires")))
            c.expires = QDateTime::fromString(o.value(QLatin1String("expires")).toString(),
                                              Qt::ISODateWithMs);
        c.created = QDateTime::fromString(o.value(QLatin1String("created")).toString(),
                                          Qt::ISODateWithMs);
        if (!c.name.isEmpty() && !c.domain.isEmpty())
            cookies.append(c);
    }
    return cookies;
}

bool looksLikeCookieString(const QString &argument)
{
    return argument.contains(u'=');
}

CookieList cookiesFromString(const QString &text, const QString &host)
{
    CookieList cookies;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString &pair : text.split(u';')) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0)
            continue;
        Cookie c;
        c.name = pair.left(eq).trimmed();
        c.value = pair.mid(eq + 1).trimmed();
        c.domain = host.toLower();
        c.hostOnly = true;
        c.created = now.addMSecs(cookies.size());
        if (!c.name.isEmpty())
            cookies.append(c);
    }
    return cookies;
}

Result<CookieList> cookiesFromFileContent(QByteArrayView bytes)
{
    if (bytes.trimmed().startsWith('{'))
        return cookiesFromJson(bytes);
    return cookiesFromNetscape(bytes);
}

Result<CookieList> readCookieFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(
            QStringLiteral("cannot-read"),
            QStringLiteral("The cookie file %1 cannot be read: %2.").arg(path, file.errorString()));
    if (file.size() > kMaxCookieFileSize)
        return fileError(QStringLiteral("file-too-large"),
                         QStringLiteral("The cookie file %1 is larger than 32 MiB.").arg(path));
    Result<CookieList> cookies = cookiesFromFileContent(file.readAll());
    if (!cookies.ok())
        return fileError(cookies.error().code,
                         path + QStringLiteral(": ") + cookies.error().message);
    return cookies;
}

Status writeCookieFile(const QString &path, const CookieList &cookies)
{
    const QByteArray bytes = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
        ? cookiesToJson(cookies)
        : cookiesToNetscape(cookies);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(QStringLiteral("cannot-write"),
                         QStringLiteral("The cookie file %1 cannot be written: %2.")
                             .arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(bytes);
    if (!file.commit())
        return fileError(QStringLiteral("cannot-write"),
                         QStringLiteral("The cookie file %1 cannot be written: %2.")
                             .arg(path, file.errorString()));
    return Ok {};
}

} // namespace Patchbay::Core
