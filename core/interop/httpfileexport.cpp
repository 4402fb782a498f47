#include "core/interop/httpfileexport.h"
#include "core/collections/authsecrets.h"
#include "core/collections/sendcontext.h"

#include <QFileInfo>
#include <QStringList>
#include <QUrl>

namespace Patchbay::Core {

namespace {

// Percent-encodes like prepareRequest() does, but keeps {{variables}} as they are so that the
// file still refers to them.
QString encodeKeepingVariables(const QString &text, bool form)
{
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), i);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1String("}}"), open + 2);
        const qsizetype plainEnd = close < 0 ? text.size() : open;
        const QString plain = text.mid(i, plainEnd - i);
        QByteArray encoded
            = form ? QUrl::toPercentEncoding(plain, " ") : QUrl::toPercentEncoding(plain);
        if (form)
            encoded.replace(' ', '+');
        out += QString::fromLatin1(encoded);
        if (close < 0)
            break;
        out += text.mid(open, close + 2 - open);
        i = close + 2;
    }
    return out;
}

bool hasHeader(const KeyValueList &headers, QStringView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [&](const KeyValue &h) {
        return h.enabled && h.name.trimmed().compare(name, Qt::CaseInsensitive) == 0;
    });
}

void writeVariables(QStringList &out, const VariableList &variables)
{
    for (const Variable &v : variables) {
        if (v.secret) {
            out << QStringLiteral("# %1 is a secret: Patchbay keeps its value in the keyring. Set "
                                  "it here before sending.")
                       .arg(v.name);
            out << QStringLiteral("@%1 =").arg(v.name);
        } else if (!v.enabled) {
            out << QStringLiteral("# (disabled) @%1 = %2").arg(v.name, v.value);
        } else {
            out << QStringLiteral("@%1 = %2").arg(v.name, v.value);
        }
    }
}

// `auth` is the auth in effect for the request (its own or inherited).
void writeRequest(QStringList &out, QStringList &notes, const SavedRequest &saved,
                  const CollectionInfo &collection, const Auth &effective)
{
    Request request = saved.request;
    // What the collection adds when sending: the auth in effect, its headers unless the request
    // sets the same name.
    request.auth = effective;
    for (const KeyValue &h : collection.headers) {
        if (h.enabled && !hasHeader(request.headers, h.name.trimmed()))
            request.headers.append(h);
    }

    QString name = saved.name;
    name.replace(u'\n', u' ');
    out << QStringLiteral("### ") + name;
    if (!saved.description.isEmpty()) {
        const QStringList lines = saved.description.split(u'\n');
        for (const QString &l : lines)
            out << (l.isEmpty() ? QStringLiteral("#") : QStringLiteral("# ") + l);
    }
    if (!request.settings.followRedirects)
        out << QStringLiteral("# @no-redirect");
    if (request.settings.timeoutMs != RequestSettings().timeoutMs)
        out << QStringLiteral("# @timeout ")
                + QString::number(double(request.settings.timeoutMs) / 1000.0, 'g', 12);

    QStringList query;
    QStringList disabledParams;
    for (const KeyValue &p : std::as_const(request.params)) {
        if (p.name.isEmpty())
            continue;
        const QString pair = p.hasValue
            ? encodeKeepingVariables(p.name, false) + u'=' + encodeKeepingVariables(p.value, false)
            : encodeKeepingVariables(p.name, false);
        if (p.enabled)
            query << pair;
        else
            disabledParams << pair;
    }
    const Auth &auth = request.auth;
    if (auth.mode == AuthMode::ApiKey && auth.keyLocation == ApiKeyLocation::Query
        && !auth.keyName.trimmed().isEmpty())
        query << encodeKeepingVariables(auth.keyName.trimmed(), false) + u'='
                + encodeKeepingVariables(auth.keyValue, false);
    QString url = request.url.trimmed();
    if (!query.isEmpty())
        url += (url.contains(u'?') ? u'&' : u'?') + query.join(u'&');
    out << request.method + u' ' + url;
    // After the request line: comments there are not read back as the description.
    for (const QString &p : std::as_const(disabledParams))
        out << QStringLiteral("# disabled query parameter %1").arg(p);

    KeyValueList headers = request.headers;
    switch (auth.mode) {
    case AuthMode::Basic:
        headers.removeIf([](const KeyValue &h) {
            return h.name.trimmed().compare(QLatin1String("Authorization"), Qt::CaseInsensitive)
                == 0;
        });
        headers.prepend({QStringLiteral("Authorization"),
                         QStringLiteral("Basic ") + auth.username
                             + (auth.username.contains(u' ') ? u':' : u' ') + auth.password,
                         true});
        break;
    case AuthMode::Bearer:
        if (!auth.token.trimmed().isEmpty() && !hasHeader(headers, u"Authorization"))
            headers.prepend({QStringLiteral("Authorization"),
                             QStringLiteral("Bearer ") + auth.token.trimmed(), true});
        break;
    case AuthMode::ApiKey:
        if (auth.keyLocation == ApiKeyLocation::Header && !auth.keyName.trimmed().isEmpty()
            && !hasHeader(headers, auth.keyName.trimmed()))
            headers.prepend({auth.keyName.trimmed(), auth.keyValue, true});
        break;
    case AuthMode::OAuth2:
        notes << QStringLiteral("# %1 uses OAuth 2.0 (token URL %2), which a .http file cannot "
                                "hold: get a token and add \"Authorization: %3 <token>\".")
                     .arg(saved.name, auth.oauth2.tokenUrl, auth.oauth2.headerPrefix);
        break;
    case AuthMode::Digest: {
        // The .http clients (REST Client, IntelliJ) answer Digest challenges themselves. A
        // password typed as text is not exported: a variable stands in its place.
        QString password = auth.digest.password;
        if (isLiteralSecret(password)) {
            password = QStringLiteral("{{digestPassword}}");
            notes << QStringLiteral("# %1: the Digest password is not exported; define "
                                    "{{digestPassword}} in the client's environment.")
                         .arg(saved.name);
        }
        headers.prepend({QStringLiteral("Authorization"),
                         QStringLiteral("Digest ") + auth.digest.username + u' ' + password, true});
        break;
    }
    case AuthMode::AwsSigV4:
        notes << QStringLiteral("# %1 is signed with AWS Signature v4 (region %2, service %3), "
                                "which a .http file cannot hold: sign it in the client that "
                                "sends it.")
                     .arg(saved.name, auth.awsSigV4.region, auth.awsSigV4.service);
        break;
    case AuthMode::OAuth1:
        notes << QStringLiteral("# %1 is signed with OAuth 1.0a, which a .http file cannot hold: "
                                "sign it in the client that sends it.")
                     .arg(saved.name);
        break;
    case AuthMode::JwtBearer:
        notes << QStringLiteral("# %1 sends a JWT signed for each request, which a .http file "
                                "cannot hold: add \"Authorization: Bearer <jwt>\".")
                     .arg(saved.name);
        break;
    case AuthMode::None:
    case AuthMode::Inherit:
        break;
    }

    const RequestBody &body = request.body;
    QString contentType;
    QStringList bodyLines;
    const QString boundary = QStringLiteral("PatchbayBoundary");
    switch (body.mode) {
    case BodyMode::None:
        break;
    case BodyMode::Json:
        contentType = QStringLiteral("application/json");
        bodyLines << body.text;
        break;
    case BodyMode::Text:
        contentType = body.contentType;
        bodyLines << body.text;
        break;
    case BodyMode::FormUrlEncoded: {
        contentType = QStringLiteral("application/x-www-form-urlencoded");
        QStringList pairs;
        for (const KeyValue &f : body.formFields) {
            if (!f.enabled || f.name.isEmpty()) {
                if (!f.name.isEmpty())
                    out << QStringLiteral("# disabled form field %1").arg(f.name);
                continue;
            }
            pairs << encodeKeepingVariables(f.name, true) + u'='
                    + encodeKeepingVariables(f.value, true);
        }
        bodyLines << pairs.join(u'&');
        break;
    }
    case BodyMode::Multipart:
        contentType = QStringLiteral("multipart/form-data; boundary=") + boundary;
        for (const MultipartField &f : body.multipartFields) {
            if (!f.enabled || f.name.isEmpty()) {
                if (!f.name.isEmpty())
                    out << QStringLiteral("# disabled form field %1").arg(f.name);
                continue;
            }
            bodyLines << QStringLiteral("--") + boundary;
            QString disposition
                = QStringLiteral("Content-Disposition: form-data; name=\"%1\"").arg(f.name);
            if (f.isFile)
                disposition
                    += QStringLiteral("; filename=\"%1\"").arg(QFileInfo(f.value).fileName());
            bodyLines << disposition;
            if (!f.contentType.isEmpty())
                bodyLines << QStringLiteral("Content-Type: ") + f.contentType;
            bodyLines << QString();
            bodyLines << (f.isFile ? QStringLiteral("< ") + f.value : f.value);
        }
        bodyLines << QStringLiteral("--") + boundary + QStringLiteral("--");
        break;
    case BodyMode::BinaryFile:
        contentType = body.contentType;
        bodyLines << QStringLiteral("< ") + body.filePath;
        break;
    case BodyMode::GraphQl:
        // VS Code REST Client's marker (httpyac and Patchbay read it too): the query, then
        // the variables after a blank line. The .http format has no operation name.
        contentType = QStringLiteral("application/json");
        headers.append({QStringLiteral("X-REQUEST-TYPE"), QStringLiteral("GraphQL"), true});
        bodyLines << body.graphql.query.trimmed();
        if (!body.graphql.variables.trimmed().isEmpty())
            bodyLines << QString() << body.graphql.variables.trimmed();
        break;
    }
    const bool userContentType = hasHeader(headers, u"Content-Type");
    if (!contentType.isEmpty() && (!userContentType || body.mode == BodyMode::Multipart)) {
        if (body.mode == BodyMode::Multipart)
            headers.removeIf([](const KeyValue &h) {
                return h.name.trimmed().compare(QLatin1String("Content-Type"), Qt::CaseInsensitive)
                    == 0;
            });
        headers.append({QStringLiteral("Content-Type"), contentType, true});
    }

    for (const KeyValue &h : std::as_const(headers)) {
        if (h.name.trimmed().isEmpty())
            continue;
        const QString line = h.name.trimmed() + QLatin1String(": ") + h.value.trimmed();
        out << (h.enabled ? line : QStringLiteral("# ") + line);
    }
    if (!bodyLines.isEmpty()) {
        out << QString();
        out << bodyLines;
    }
    out << QString();
}

// Requests go to `out`; notes about what a flat file cannot hold go to `notes` (written at the
// top: a comment after a request would become part of its body).
void writeChildren(QStringList &out, QStringList &notes, const QList<CollectionItem> &children,
                   const Workspace &workspace, const CollectionInfo &collection, int depth)
{
    if (depth > 256)
        return;
    for (const CollectionItem &child : children) {
        if (child.kind == ItemKind::Request) {
            if (child.problem)
                notes << QStringLiteral("# %1 was not exported: %2")
                             .arg(child.name, child.problem->message);
            else
                writeRequest(out, notes, child.request, collection,
                             effectiveAuth(workspace, child.path, child.request.request.auth).auth);
        } else if (child.kind == ItemKind::Folder) {
            for (const Variable &v : child.folder->variables)
                notes << QStringLiteral("# Folder %1 sets %2; a .http file has no folder scope, "
                                        "so it is not written as a variable.")
                             .arg(child.name, v.name);
            writeChildren(out, notes, child.children, workspace, collection, depth + 1);
        }
    }
}

} // namespace

QByteArray exportHttpFile(const Workspace &workspace, const QString &path)
{
    const CollectionItem *item = workspace.item(path);
    if (!item || item->kind == ItemKind::Request)
        return {};
    const CollectionItem *collectionItem = collectionOf(workspace, path);
    const CollectionInfo info = collectionItem ? *collectionItem->collection : CollectionInfo {};

    QStringList out;
    out << QStringLiteral("# Exported from Patchbay: ")
            + (item->kind == ItemKind::Collection ? item->name
                                                  : info.name + QLatin1String(" / ") + item->name);
    QStringList requests;
    QStringList notes;
    writeChildren(requests, notes, item->children, workspace, info, 0);
    out << notes;
    writeVariables(out, info.variables);
    if (item->kind == ItemKind::Folder)
        writeVariables(out, item->folder->variables);
    out << QString();
    out << requests;
    return out.join(u'\n').toUtf8();
}

} // namespace Patchbay::Core
