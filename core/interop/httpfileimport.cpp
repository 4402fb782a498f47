#include "core/interop/httpfileimport.h"

#include "core/common/localfiles.h"
#include "core/graphql/graphqlinterop.h"
#include "core/interop/httpfilesyntax.h"
#include "core/json/jsonvalue.h"
#include "core/json/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <optional>

namespace Patchbay::Core {

namespace {

const QString kSyntax = QStringLiteral("http-syntax");

using HttpFileSyntax::Block;
using HttpFileSyntax::Line;
using HttpFileSyntax::LineKind;

Error syntaxError(int line, const QString &what)
{
    return Error {kSyntax,
                  QStringLiteral("Line %1: %2 Fix the line in the file and import it again.")
                      .arg(line)
                      .arg(what)};
}

bool isCommentLine(QStringView trimmed)
{
    return trimmed.startsWith(u'#') || trimmed.startsWith(u"//");
}

// The text of a comment line without its marker and the space after it.
QString commentText(const QString &trimmed)
{
    QString c = trimmed.startsWith(u'#') ? trimmed.mid(1) : trimmed.mid(2);
    if (c.startsWith(u' '))
        c.remove(0, 1);
    return c;
}

bool isToken(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c.unicode() >= 128)
            return false;
        if (!c.isLetterOrNumber() && !QStringView(u"!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

// "Name: value" with a valid header name.
std::optional<KeyValue> parseHeaderLine(const QString &text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    // "Name : value" (a space before the colon) is accepted by the JetBrains client and httpyac.
    const QString name = text.left(colon).trimmed();
    if (!isToken(name) || text.at(0).isSpace())
        return std::nullopt;
    return KeyValue {name, text.mid(colon + 1).trimmed(), true};
}

qsizetype findHeader(const KeyValueList &headers, QStringView name)
{
    for (qsizetype i = headers.size() - 1; i >= 0; --i) {
        if (headers.at(i).enabled && headers.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QString resolvePath(const QString &baseDir, const QString &path)
{
    if (QDir::isAbsolutePath(path) || baseDir.isEmpty())
        return QDir::cleanPath(path);
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

// "< ./file" or "<@ ./file": the path, or an empty string.
QString fileReference(const QString &trimmed, bool *withVariables = nullptr)
{
    if (!trimmed.startsWith(u'<') || trimmed.startsWith(QLatin1String("<>")))
        return {};
    QString rest = trimmed.mid(1);
    const bool at = rest.startsWith(u'@');
    if (at)
        rest.remove(0, 1);
    if (withVariables)
        *withVariables = at;
    if (!rest.startsWith(u' ') && !rest.startsWith(u'\t'))
        return {};
    return rest.trimmed();
}

QString formDecode(QString text)
{
    text.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(text.toUtf8());
}

QString parameterOf(const QString &headerValue, const QString &name)
{
    const QStringList pieces = headerValue.split(u';');
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QString piece = pieces.at(i).trimmed();
        const qsizetype eq = piece.indexOf(u'=');
        if (eq > 0 && piece.left(eq).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            QString value = piece.mid(eq + 1).trimmed();
            if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
                value = value.mid(1, value.size() - 2);
            return value;
        }
    }
    return {};
}

struct MultipartResult
{
    QList<MultipartField> fields;
    QStringList notes;
    bool ok = false;
};

// Whether a "< ./file" reference may be kept: it must stay inside the .http file's folder once
// symbolic links are resolved, unless the user allowed files elsewhere (a collection from
// someone else could otherwise send ~/.ssh/id_rsa with its first request).
bool mayReference(const QString &baseDir, const QString &resolved, bool allowOutside)
{
    return allowOutside || (!baseDir.isEmpty() && isInsideFolder(baseDir, resolved));
}

QString outsideNote(const QString &what, const QString &path)
{
    return QStringLiteral("%1 %2 is outside the folder of the .http file, so it was not kept "
                          "(import with --allow-outside-files to keep such paths)")
        .arg(what, path);
}

MultipartResult parseMultipart(const QList<Line> &lines, const QString &boundary,
                               const QString &baseDir, bool allowOutside)
{
    MultipartResult result;
    if (boundary.isEmpty())
        return result;
    const QString delimiter = QStringLiteral("--") + boundary;
    const QString closing = delimiter + QStringLiteral("--");
    qsizetype i = 0;
    while (i < lines.size() && lines.at(i).text.trimmed().isEmpty())
        ++i;
    if (i >= lines.size() || lines.at(i).text.trimmed() != delimiter)
        return result;
    ++i;
    bool closed = false;
    while (i < lines.size()) {
        MultipartField field;
        QString fileName;
        bool hasFileName = false;
        // Part headers.
        while (i < lines.size() && !lines.at(i).text.trimmed().isEmpty()) {
            const std::optional<KeyValue> h = parseHeaderLine(lines.at(i).text.trimmed());
            if (!h)
                return result;
            if (h->name.compare(QLatin1String("Content-Disposition"), Qt::CaseInsensitive) == 0) {
                field.name = parameterOf(h->value, QStringLiteral("name"));
                hasFileName = h->value.contains(QLatin1String("filename="), Qt::CaseInsensitive);
                fileName = parameterOf(h->value, QStringLiteral("filename"));
            } else if (h->name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0) {
                field.contentType = h->value;
            }
            ++i;
        }
        if (i < lines.size())
            ++i; // the blank line
        QStringList content;
        while (i < lines.size()) {
            const QString t = lines.at(i).text.trimmed();
            if (t == delimiter || t == closing)
                break;
            content << lines.at(i).text;
            ++i;
        }
        if (i >= lines.size())
            return result; // no closing delimiter
        while (!content.isEmpty() && content.constLast().trimmed().isEmpty())
            content.removeLast();
        if (field.name.isEmpty())
            return result;
        const QString onlyLine = content.size() == 1 ? content.constFirst().trimmed() : QString();
        const QString ref = fileReference(onlyLine);
        bool keep = true;
        if (!ref.isEmpty()) {
            const QString path = resolvePath(baseDir, ref);
            keep = mayReference(baseDir, path, allowOutside);
            if (!keep) {
                result.notes << outsideNote(
                    QStringLiteral("the file of the part \"%1\",").arg(field.name), path);
            }
            field.isFile = true;
            field.value = path;
        } else {
            field.value = content.join(u'\n');
            if (hasFileName) {
                result.notes << QStringLiteral("the inline content of the file part \"%1\" (%2) "
                                               "is sent as a text field")
                                    .arg(field.name, fileName);
            }
        }
        if (keep)
            result.fields << field;
        const bool last = lines.at(i).text.trimmed() == closing;
        ++i;
        if (last) {
            closed = true;
            break;
        }
    }
    result.ok = closed;
    return result;
}

struct Context
{
    const QString &baseDir;
    bool allowOutside = false;
    ImportedCollection &collection;
    int requestCount = 0;
};

// JetBrains' OAuth 2.0: a request says `Authorization: Bearer {{$auth.token("id")}}` and
// http-client.env.json beside the file describes "id" under Security.Auth (in any
// environment). The private env file's secrets are not imported: they belong in secret
// variables. nullopt when `value` is not such a reference or the configuration is not found.
std::optional<Auth> jetBrainsOAuth2(const QString &value, const QString &baseDir,
                                    QStringList &lossy)
{
    static const QRegularExpression reference(
        QStringLiteral("^\\s*(\\S+)\\s+\\{\\{\\s*\\$auth\\.(?:token|idToken)\\(\\s*\"([^\"]+)\"\\s*"
                       "\\)\\s*\\}\\}\\s*$"));
    const QRegularExpressionMatch match = reference.match(value);
    if (!match.hasMatch())
        return std::nullopt;
    const QString id = match.captured(2);
    QJsonObject config;
    bool secretsInPrivateFile = false;
    for (const QString &name :
         {QStringLiteral("http-client.env.json"), QStringLiteral("http-client.private.env.json")}) {
        QFile file(QDir(baseDir).filePath(name));
        if (file.size() > 1024 * 1024 || !file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject environments = QJsonDocument::fromJson(file.readAll()).object();
        for (auto env = environments.begin(); env != environments.end(); ++env) {
            const QJsonObject found = env->toObject()
                                          .value(QLatin1String("Security"))
                                          .toObject()
                                          .value(QLatin1String("Auth"))
                                          .toObject()
                                          .value(id)
                                          .toObject();
            for (auto it = found.begin(); it != found.end(); ++it) {
                const bool secret = it.key() == QLatin1String("Client Secret")
                    || it.key() == QLatin1String("Password");
                if (name.contains(QLatin1String("private")) && secret)
                    secretsInPrivateFile = true;
                else if (!config.contains(it.key()))
                    config.insert(it.key(), it.value());
            }
        }
    }
    if (config.isEmpty()) {
        lossy << QStringLiteral("its OAuth 2.0 configuration \"%1\" was not found in "
                                "http-client.env.json beside the file; the header was kept")
                     .arg(id);
        return std::nullopt;
    }
    const auto text
        = [&config](const char *key) { return config.value(QLatin1String(key)).toString(); };
    Auth auth;
    auth.mode = AuthMode::OAuth2;
    OAuth2Config &c = auth.oauth2;
    const QString grant = text("Grant Type").toLower();
    if (grant == QLatin1String("client credentials"))
        c.grant = OAuth2Grant::ClientCredentials;
    else if (grant == QLatin1String("password"))
        c.grant = OAuth2Grant::Password;
    else if (grant == QLatin1String("device authorization"))
        c.grant = OAuth2Grant::DeviceCode;
    else if (grant == QLatin1String("implicit"))
        c.grant = OAuth2Grant::Implicit;
    c.authUrl = text("Auth URL");
    c.tokenUrl = text("Token URL");
    c.deviceAuthUrl = text("Device Auth URL");
    c.clientId = text("Client ID");
    c.clientSecret = text("Client Secret");
    c.scope = text("Scope");
    c.audience = text("Audience");
    c.resource = text("Resource");
    c.username = text("Username");
    c.password = text("Password");
    const QUrl redirect(text("Redirect URL"));
    if (redirect.port() > 0
        && (redirect.host() == QLatin1String("127.0.0.1")
            || redirect.host() == QLatin1String("localhost")))
        c.redirectUri = redirect.toString();
    const QJsonValue pkce = config.value(QLatin1String("PKCE"));
    if (c.grant == OAuth2Grant::AuthorizationCode) {
        c.pkce = pkce.isObject()
            ? (pkce.toObject().value(QLatin1String("Code Challenge Method")).toString()
                       == QLatin1String("Plain")
                   ? PkceMethod::Plain
                   : PkceMethod::S256)
            : (pkce.toBool() ? PkceMethod::S256 : PkceMethod::None);
    }
    if (text("Client Credentials").toLower() == QLatin1String("in body"))
        c.clientAuth = ClientAuthentication::Body;
    if (!match.captured(1).isEmpty())
        c.headerPrefix = match.captured(1);
    if (secretsInPrivateFile)
        lossy << QStringLiteral("the client secret or password of \"%1\" in "
                                "http-client.private.env.json was not imported: put it in a "
                                "secret variable and write {{its name}} in the OAuth 2.0 settings")
                     .arg(id);
    return auth;
}

void setVariable(VariableList &variables, const QString &name, const QString &value)
{
    for (Variable &v : variables) {
        if (v.name == name) {
            v.value = value;
            return;
        }
    }
    variables.append({name, value, true, false});
}

// Converts `{{ $dynamic }}`-free text: nothing to do, {{var}} is the same syntax in Patchbay.
// The text inside a `< {% ... %}` / `> {% ... %}` block (one line or several), or httpyac
// `{{ ... }}` lines, without their markers.
QString scriptText(const QList<Line> &lines)
{
    QStringList out;
    for (const Line &l : lines) {
        QString t = l.text;
        const qsizetype open = t.indexOf(QLatin1String("{%"));
        if (open >= 0 && t.left(open).trimmed().size() <= 1)
            t = t.mid(open + 2);
        const qsizetype close = t.lastIndexOf(QLatin1String("%}"));
        if (close >= 0)
            t.truncate(close);
        const QString trimmed = t.trimmed();
        if (trimmed == QLatin1String("{{") || trimmed == QLatin1String("}}")
            || ((trimmed.startsWith(QLatin1String("{{@"))
                 || trimmed.startsWith(QLatin1String("{{+")))
                && !trimmed.contains(QLatin1String("}}"))))
            continue;
        out << t;
    }
    return out.join(u'\n').trimmed();
}

bool startsGraphql(const QString &firstBodyLine)
{
    static const QRegularExpression keyword(
        QStringLiteral("^(query|mutation|subscription|fragment)\\b"));
    return keyword.match(firstBodyLine.trimmed()).hasMatch();
}

// Converts `{{ $dynamic }}`-free text: nothing to do, {{var}} is the same syntax in Patchbay.
Result<bool> parseBlock(const Block &block, Context &ctx, const ImportLimits &limits)
{
    ImportReport &report = ctx.collection.report;
    static const QRegularExpression variableLine(
        QStringLiteral("^@([A-Za-z_$][A-Za-z0-9_.$-]*)\\s*:?=\\s?(.*)$"));
    const QList<LineKind> kinds = HttpFileSyntax::classifyLines(block.lines);
    const auto kindAt = [&kinds](qsizetype i) { return kinds.value(i, LineKind::Plain); };

    SavedRequest saved;
    Request &request = saved.request;
    QString directiveName;
    QStringList description;
    QStringList lossy;
    QList<Line> preScript;
    qsizetype i = 0;
    const qsizetype n = block.lines.size();
    // Preamble: comments, directives, variables, pre-request scripts.
    int requestLine = 0;
    for (; i < n; ++i) {
        const Line &line = block.lines.at(i);
        const QString t = line.text.trimmed();
        if (kindAt(i) == LineKind::PreScript || kindAt(i) == LineKind::BraceScript) {
            preScript << line;
            continue;
        }
        if (kindAt(i) == LineKind::PostScript) {
            lossy << QStringLiteral("a response handler above the request line (line %1) was "
                                    "not imported")
                         .arg(line.number);
            continue;
        }
        if (kindAt(i) == LineKind::Comment)
            continue;
        if (kindAt(i) == LineKind::Response)
            break;
        if (t.isEmpty())
            continue;
        if (isCommentLine(t)) {
            const QString c = commentText(t);
            if (c.startsWith(u'@')) {
                const QString directive = c.mid(1).section(u' ', 0, 0);
                const QString argument = c.mid(1 + directive.size()).trimmed();
                if (directive == QLatin1String("name")) {
                    directiveName = argument;
                } else if (directive.startsWith(QLatin1String("name="))) {
                    directiveName
                        = directive.mid(5) + (argument.isEmpty() ? QString() : u' ' + argument);
                } else if (directive == QLatin1String("no-redirect")
                           || directive == QLatin1String("noRedirect")) {
                    request.settings.followRedirects = false;
                } else if (directive == QLatin1String("timeout")) {
                    bool ok = false;
                    const double seconds = argument.section(u' ', 0, 0).toDouble(&ok);
                    if (ok && seconds >= 0)
                        request.settings.timeoutMs = int(seconds * 1000);
                    else
                        lossy << QStringLiteral("@timeout \"%1\" is not a number of seconds "
                                                "and was ignored")
                                     .arg(argument);
                } else if (!directive.isEmpty()) {
                    lossy << QStringLiteral("the directive @%1 is not supported and was ignored")
                                 .arg(directive);
                }
            } else {
                description << c;
            }
            continue;
        }
        if (t.startsWith(u'@')) {
            const QRegularExpressionMatch m = variableLine.match(t);
            if (m.hasMatch()) {
                setVariable(ctx.collection.info.variables, m.captured(1), m.captured(2).trimmed());
                description.clear();
            } else {
                lossy << QStringLiteral("\"%1\" (line %2) is not a file variable (@name = value) "
                                        "and was ignored")
                             .arg(t.left(80))
                             .arg(line.number);
            }
            continue;
        }
        if (t.startsWith(QLatin1String("< ")) && !HttpFileSyntax::parseRequestLine(t, true)) {
            lossy << QStringLiteral("the pre-request script file %1 was not imported")
                         .arg(t.mid(2).trimmed());
            continue;
        }
        if (!HttpFileSyntax::parseRequestLine(t, true)) {
            // Not a request line: when one follows in the block, this is text before it (a
            // shared GraphQL fragment, a stray word), else it is read as a URL below.
            bool later = false;
            for (qsizetype k = i + 1; k < n && !later; ++k)
                later = kindAt(k) == LineKind::Plain
                    && HttpFileSyntax::parseRequestLine(block.lines.at(k).text.trimmed(), false);
            if (later) {
                lossy << QStringLiteral("line %1 \"%2\" above the request line was not imported")
                             .arg(line.number)
                             .arg(t.left(60));
                continue;
            }
        }
        static const QRegularExpression importLine(QStringLiteral("^(import|run)\\s+\\S"));
        if (importLine.match(t).hasMatch()) {
            lossy << QStringLiteral("\"%1\" (line %2) was not followed: import the file it names "
                                    "on its own")
                         .arg(t.left(80))
                         .arg(line.number);
            continue;
        }
        requestLine = line.number;
        break;
    }
    if (i >= n) {
        if (!block.title.isEmpty())
            report.skipped << QStringLiteral("Block \"%1\" at line %2: it has no request line.")
                                  .arg(block.title)
                                  .arg(block.line);
        return false;
    }

    if (++ctx.requestCount > limits.maxItems) {
        return Error {QStringLiteral("too-many-items"),
                      QStringLiteral("The file has more than %1 requests. Split it into smaller "
                                     "files and import them one by one.")
                          .arg(limits.maxItems)};
    }

    // Request line.
    bool graphql = false;
    {
        const QString t = block.lines.at(i).text.trimmed();
        if (const std::optional<HttpFileSyntax::RequestLine> rl
            = HttpFileSyntax::parseRequestLine(t, true)) {
            request.method = rl->method.isEmpty() ? QStringLiteral("GET") : rl->method;
            request.url = rl->target;
        } else {
            static const QRegularExpression version(QStringLiteral("\\s+HTTP/[0-9.]+$"));
            static const QRegularExpression methodWord(QStringLiteral("^([A-Z]+)\\s+(\\S.*)$"));
            QString rest = t;
            rest.remove(version);
            const QRegularExpressionMatch m = methodWord.match(rest);
            if (m.hasMatch()) {
                request.method = m.captured(1);
                request.url = m.captured(2).trimmed();
            } else if (rest.contains(u' ') || rest.contains(u'\t')) {
                // Not a request line at all (a stray header, a word): nothing to import here.
                report.skipped << QStringLiteral("Line %1: \"%2\" is not a request line (METHOD "
                                                 "URL) and was not imported")
                                      .arg(requestLine)
                                      .arg(t.left(80));
                --ctx.requestCount;
                return false;
            } else {
                request.url = rest;
            }
        }
        if (HttpFileSyntax::isOtherProtocol(request.method)
            || HttpFileSyntax::isOtherScheme(request.url)) {
            const QString name = !directiveName.isEmpty() ? directiveName
                : !block.title.isEmpty()                  ? block.title
                                                          : request.method + u' ' + request.url;
            ++report.requestsSkipped;
            report.skipped << QStringLiteral("Request %1 (line %2): %3 requests are not HTTP; "
                                             "Patchbay cannot hold them yet, so it was not "
                                             "imported")
                                  .arg(name)
                                  .arg(requestLine)
                                  .arg(request.method);
            return true;
        }
        if (request.method == QLatin1String("GRAPHQL")) {
            request.method = QStringLiteral("POST");
            graphql = true;
        }
        if (request.url.contains(u' ')) {
            ++report.requestsSkipped;
            report.skipped << QStringLiteral("Request at line %1: the request line \"%2\" has a "
                                             "space inside the URL; expected METHOD URL "
                                             "[HTTP/1.1]. It was not imported.")
                                  .arg(requestLine)
                                  .arg(t.left(120));
            return true;
        }
        ++i;
        // Query continuation lines, indented or starting with ? or &.
        while (i < n && kindAt(i) == LineKind::Plain) {
            const QString &raw = block.lines.at(i).text;
            const QString c = raw.trimmed();
            const bool indented = !raw.isEmpty() && raw.at(0).isSpace();
            if (c.isEmpty()
                || !(c.startsWith(u'?') || c.startsWith(u'&')
                     || (indented && c.startsWith(u'/') && !c.startsWith(QLatin1String("//")))))
                break;
            request.url += c;
            ++i;
        }
        static const QRegularExpression version(QStringLiteral("\\s+HTTP/[0-9.]+$"));
        request.url.remove(version);
    }
    saved.preRequestScript = scriptText(preScript);

    // Headers, up to a blank line (or the first line that is not a header: a body written
    // without the blank line, e.g. a GraphQL query).
    for (; i < n; ++i) {
        const Line &line = block.lines.at(i);
        const QString t = line.text.trimmed();
        if (kindAt(i) == LineKind::PreScript) {
            preScript << line;
            saved.preRequestScript = scriptText(preScript);
            continue;
        }
        if (kindAt(i) == LineKind::Comment)
            continue;
        if (kindAt(i) != LineKind::Plain)
            break;
        if (t.isEmpty()) {
            ++i;
            break;
        }
        if (isCommentLine(t)) {
            if (const auto h = parseHeaderLine(commentText(t))) {
                KeyValue disabled = *h;
                disabled.enabled = false;
                request.headers << disabled;
            }
            continue;
        }
        if (t.startsWith(u'{') || t.startsWith(u'[') || !fileReference(t).isEmpty())
            break; // a body without the blank line before it
        const std::optional<KeyValue> h = parseHeaderLine(t);
        if (!h) {
            lossy << QStringLiteral("line %1 \"%2\" is not a header, so the body was taken to "
                                    "start there (no blank line before it)")
                         .arg(line.number)
                         .arg(t.left(60));
            break;
        }
        request.headers << *h;
    }
    if (!saved.preRequestScript.isEmpty())
        lossy << QStringLiteral("the pre-request script is kept as text; Patchbay does not run "
                                "it");
    for (const KeyValue &h : std::as_const(request.headers)) {
        if (h.enabled && h.name.compare(QLatin1String("X-REQUEST-TYPE"), Qt::CaseInsensitive) == 0
            && h.value.compare(QLatin1String("GraphQL"), Qt::CaseInsensitive) == 0)
            graphql = true;
    }
    request.headers.removeIf([](const KeyValue &h) {
        return h.name.compare(QLatin1String("X-REQUEST-TYPE"), Qt::CaseInsensitive) == 0;
    });

    // Body up to the end of the block, without response handlers (kept as the test script).
    QList<Line> bodyLines;
    QStringList handler;
    bool inHandler = false;
    int handlerLine = 0;
    QList<Line> afterScript;
    for (; i < n; ++i) {
        const Line &line = block.lines.at(i);
        const QString t = line.text.trimmed();
        if (!inHandler && kindAt(i) == LineKind::Comment)
            continue;
        if (!inHandler && kindAt(i) == LineKind::Response) {
            lossy << QStringLiteral("the response stored below the request (line %1) was not "
                                    "imported")
                         .arg(line.number);
            break;
        }
        if (!inHandler && kindAt(i) == LineKind::BraceScript) {
            afterScript << line;
            continue;
        }
        if (!inHandler && kindAt(i) == LineKind::PreScript) {
            lossy << QStringLiteral("a pre-request script below the request (line %1) was not "
                                    "imported")
                         .arg(line.number);
            continue;
        }
        if (!inHandler && t.startsWith(QLatin1String("??"))) {
            lossy << QStringLiteral("the assertion \"%1\" was not imported").arg(t.left(60));
            continue;
        }
        if (inHandler) {
            const qsizetype end = line.text.indexOf(QLatin1String("%}"));
            if (end >= 0) {
                inHandler = false;
                if (!line.text.left(end).trimmed().isEmpty())
                    handler << line.text.left(end);
            } else {
                handler << line.text;
            }
            continue;
        }
        if (t.startsWith(QLatin1String("> ")) || t.startsWith(QLatin1String(">>"))
            || t == QLatin1String(">")) {
            if (t.startsWith(QLatin1String(">>"))) {
                lossy << QStringLiteral("the response output redirection (%1) was ignored")
                             .arg(t.left(60));
                continue;
            }
            const qsizetype open = t.indexOf(QLatin1String("{%"));
            if (open < 0) {
                lossy << QStringLiteral("the response handler file %1 was not imported")
                             .arg(t.mid(1).trimmed());
                continue;
            }
            lossy << QStringLiteral("the response handler script is kept as text; Patchbay does "
                                    "not run scripts");
            const QString rest = t.mid(open + 2);
            const qsizetype close = rest.indexOf(QLatin1String("%}"));
            if (close >= 0) {
                handler << rest.left(close).trimmed();
            } else {
                if (!rest.trimmed().isEmpty())
                    handler << rest;
                inHandler = true;
                handlerLine = line.number;
            }
            continue;
        }
        if (t.startsWith(QLatin1String("<> "))) {
            lossy << QStringLiteral("the reference to a previous response (%1) was ignored")
                         .arg(t.mid(3));
            continue;
        }
        bodyLines << line;
    }
    if (!afterScript.isEmpty()) {
        handler << scriptText(afterScript);
        lossy << QStringLiteral("the script after the request is kept as text; Patchbay does not "
                                "run it");
    }
    saved.testScript = handler.join(u'\n').trimmed();
    if (inHandler)
        return syntaxError(
            handlerLine,
            QStringLiteral(
                "the response handler \"> {%\" that starts here is not closed with \"%}\"."));
    while (!bodyLines.isEmpty() && bodyLines.constFirst().text.trimmed().isEmpty())
        bodyLines.removeFirst();
    while (!bodyLines.isEmpty() && bodyLines.constLast().text.trimmed().isEmpty())
        bodyLines.removeLast();

    const qsizetype ctIndex = findHeader(request.headers, u"Content-Type");
    const QString contentType = ctIndex >= 0 ? request.headers.at(ctIndex).value : QString();
    const QString mime = contentType.section(u';', 0, 0).trimmed().toLower();
    const auto dropContentType = [&] {
        const qsizetype index = findHeader(request.headers, u"Content-Type");
        if (index >= 0)
            request.headers.removeAt(index);
    };
    RequestBody &body = request.body;
    bool withVariables = false;
    const QString fileRef = bodyLines.size() == 1
        ? fileReference(bodyLines.constFirst().text.trimmed(), &withVariables)
        : QString();
    QStringList bodyTexts;
    for (const Line &l : std::as_const(bodyLines))
        bodyTexts << l.text;
    const QString bodyText = bodyTexts.join(u'\n');

    if (!bodyLines.isEmpty() && fileRef.isEmpty()
        && (graphql
            || (startsGraphql(bodyTexts.constFirst())
                && (mime.isEmpty() || mime.contains(QLatin1String("json")))))) {
        body = graphQlBodyFromHttpLines(bodyTexts);
        dropContentType();
    } else if (bodyLines.isEmpty()) {
        body.mode = BodyMode::None;
    } else if (!fileRef.isEmpty()
               && !mayReference(ctx.baseDir, resolvePath(ctx.baseDir, fileRef), ctx.allowOutside)) {
        body.mode = BodyMode::None;
        dropContentType();
        lossy << outsideNote(QStringLiteral("the body file"), resolvePath(ctx.baseDir, fileRef));
    } else if (!fileRef.isEmpty()) {
        body.mode = BodyMode::BinaryFile;
        body.filePath = resolvePath(ctx.baseDir, fileRef);
        body.contentType = contentType;
        dropContentType();
        lossy << QStringLiteral("the body is read from the file %1 when sending; it was not copied "
                                "into the collection")
                     .arg(body.filePath);
        if (withVariables)
            lossy << QStringLiteral("variables inside the body file are not replaced");
    } else if (mime.contains(QLatin1String("json"))) {
        body.mode = BodyMode::Json;
        body.text = bodyText;
        if (contentType.trimmed().compare(QLatin1String("application/json"), Qt::CaseInsensitive)
            == 0)
            dropContentType();
    } else if (mime == QLatin1String("application/x-www-form-urlencoded")) {
        QString joined;
        for (const QString &l : std::as_const(bodyTexts))
            joined += l.trimmed();
        KeyValueList fields;
        bool ok = true;
        const QStringList pairs = joined.split(u'&', Qt::SkipEmptyParts);
        for (const QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0) {
                ok = false;
                break;
            }
            fields << KeyValue {formDecode(pair.left(eq)), formDecode(pair.mid(eq + 1)), true};
        }
        if (ok) {
            body.mode = BodyMode::FormUrlEncoded;
            body.formFields = fields;
        } else {
            body.mode = BodyMode::Text;
            body.text = bodyText;
            body.contentType = contentType;
            lossy << QStringLiteral("the form body is not a list of name=value pairs and was kept "
                                    "as text");
        }
        dropContentType();
    } else if (mime == QLatin1String("multipart/form-data")) {
        const MultipartResult parts
            = parseMultipart(bodyLines, parameterOf(contentType, QStringLiteral("boundary")),
                             ctx.baseDir, ctx.allowOutside);
        if (parts.ok) {
            body.mode = BodyMode::Multipart;
            body.multipartFields = parts.fields;
            lossy << parts.notes;
            dropContentType();
        } else {
            body.mode = BodyMode::Text;
            body.text = bodyText;
            body.contentType = contentType;
            dropContentType();
            lossy << QStringLiteral("the multipart body could not be split into parts (check the "
                                    "boundary) and was kept as text");
        }
    } else {
        body.mode = BodyMode::Text;
        body.text = bodyText;
        body.contentType = contentType;
        dropContentType();
    }

    // Authorization: Basic user pass (or user:pass) is how both tools spell basic auth, and
    // "Digest user pass" digest auth (REST Client, httpyac; the client answers the challenge).
    const qsizetype authIndex = findHeader(request.headers, u"Authorization");
    if (authIndex >= 0) {
        const QString value = request.headers.at(authIndex).value;
        const bool basic = value.startsWith(QLatin1String("Basic "), Qt::CaseInsensitive);
        const bool digest = value.startsWith(QLatin1String("Digest "), Qt::CaseInsensitive);
        if (std::optional<Auth> oauth2 = jetBrainsOAuth2(value, ctx.baseDir, lossy)) {
            request.auth = *oauth2;
            request.headers.removeAt(authIndex);
        } else if (basic || digest) {
            const QString rest = value.mid(basic ? 6 : 7).trimmed();
            const qsizetype space = rest.indexOf(u' ');
            const qsizetype colon = rest.indexOf(u':');
            const qsizetype split = space >= 0 ? space : colon;
            // "Digest username=..., realm=..." is an answer already computed, not credentials.
            const bool computed = digest && rest.contains(u'=');
            if (split > 0 && !computed) {
                request.auth.mode = basic ? AuthMode::Basic : AuthMode::Digest;
                const QString user = rest.left(split);
                const QString password = rest.mid(split + 1).trimmed();
                if (basic) {
                    request.auth.username = user;
                    request.auth.password = password;
                } else {
                    request.auth.digest.username = user;
                    request.auth.digest.password = password;
                }
                request.headers.removeAt(authIndex);
            } else if (digest) {
                lossy << QStringLiteral("the Digest Authorization header is a computed answer, "
                                        "not a user name and password; it was kept as it is");
            }
        }
    }

    saved.name = !directiveName.isEmpty() ? directiveName
        : !block.title.isEmpty()          ? block.title
                                          : request.method + u' ' + request.url;
    saved.description = description.join(u'\n').trimmed();
    saved.order = ctx.requestCount;
    ctx.collection.root.requests << saved;
    report.created << QStringLiteral("Request %1").arg(saved.name);
    ++(lossy.isEmpty() ? report.requestsCreated : report.requestsLossy);
    for (const QString &l : std::as_const(lossy))
        report.lossy
            << QStringLiteral("Request %1 (line %2): %3").arg(saved.name).arg(requestLine).arg(l);
    return true;
}

} // namespace

Result<ImportedCollection> importHttpFile(QByteArrayView bytes, const QString &baseDir,
                                          const ImportLimits &limits)
{
    if (bytes.size() > limits.maxFileBytes) {
        return Error {QStringLiteral("file-too-large"),
                      QStringLiteral("The file is %1 bytes, more than the %2 bytes an import may "
                                     "read. Split it into smaller files.")
                          .arg(bytes.size())
                          .arg(limits.maxFileBytes)};
    }
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));

    ImportedCollection collection;
    collection.info.name = QStringLiteral("HTTP requests");
    Context ctx {baseDir, limits.allowOutsideFiles, collection};

    QList<Block> blocks(1);
    int number = 0;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        ++number;
        const QString lineText = text.mid(start, end - start);
        if (lineText.startsWith(QLatin1String("###"))) {
            Block b;
            b.title = lineText.mid(3).trimmed();
            b.line = number;
            blocks << b;
        } else {
            blocks.last().lines << Line {lineText, number};
        }
        start = end + 1;
    }
    for (const Block &block : std::as_const(blocks)) {
        for (const Block &part : HttpFileSyntax::splitRequests(block)) {
            const Result<bool> parsed = parseBlock(part, ctx, limits);
            if (!parsed)
                return parsed.error();
        }
    }
    for (const Variable &v : std::as_const(collection.info.variables))
        collection.report.created << QStringLiteral("Collection variable %1").arg(v.name);
    return collection;
}

} // namespace Patchbay::Core
