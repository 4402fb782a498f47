#include "core/interop/curlexport.h"

#include "core/http/preparedrequest.h"
#include "core/interop/curlnetwork.h"

#include <QStringList>

namespace Patchbay::Core {

namespace {

bool isSafeShellChar(QChar c)
{
    if (c.unicode() >= 128)
        return false;
    return c.isLetterOrNumber() || QStringView(u"-_./:=@%+,").contains(c);
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

template<typename Quote>
QString headerArgument(const Quote &quote, const QByteArray &name, const QByteArray &value)
{
    return QStringLiteral("-H ") + quote(QString::fromUtf8(name + ": " + value));
}

// curl interprets a leading @ or <, and ;type= / quotes in -F values; --form-string does not.
bool needsFormString(const QString &value)
{
    return value.startsWith(u'@') || value.startsWith(u'<') || value.contains(u';')
        || value.contains(u'"');
}

QString formatSeconds(int milliseconds)
{
    return QString::number(double(milliseconds) / 1000.0, 'g', 12);
}

QString join(const QStringList &parts)
{
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace

QString shellQuote(const QString &word)
{
    if (!word.isEmpty()
        && std::all_of(word.cbegin(), word.cend(), [](QChar c) { return isSafeShellChar(c); }))
        return word;
    QString out = QStringLiteral("'");
    for (const QChar c : word) {
        if (c == u'\'')
            out += QLatin1String("'\\''");
        else
            out += c;
    }
    out += u'\'';
    return out;
}

QString exportCurlCommand(const Request &request, const SecretReferences &secrets)
{
    const auto quote = [&secrets](const QString &word) {
        if (!containsSecret(word, secrets))
            return shellQuote(word);
        // Quoted pieces with each secret as "$NAME" between them: one shell word.
        QString out;
        for (const SecretPiece &piece : splitSecrets(word, secrets))
            out += piece.isSecret ? QStringLiteral("\"$%1\"").arg(piece.text)
                                  : shellQuote(piece.text);
        return out;
    };
    const Result<PreparedRequest> prepared = prepareRequest(request);
    QStringList parts;
    if (!prepared) {
        // Still useful to the user: the request as typed, and why it could not be prepared.
        QString head = QStringLiteral("# ") + prepared.error().message;
        head.replace(u'\n', u' ');
        parts << QStringLiteral("curl -X ") + quote(request.method);
        for (const KeyValue &h : request.headers) {
            if (h.enabled && !h.name.trimmed().isEmpty())
                parts << QStringLiteral("-H ")
                        + quote(h.name.trimmed() + QLatin1String(": ") + h.value.trimmed());
        }
        parts << QStringLiteral("-- ") + quote(request.url);
        return head + u'\n' + join(parts);
    }
    const PreparedRequest &p = prepared.value();
    const RequestBody &body = request.body;
    const bool isHead = p.method == QLatin1String("HEAD");

    QStringList options;
    // Body options, and whether they make curl send POST by itself.
    QStringList bodyOptions;
    bool curlDefaultsToPost = false;
    bool curlSetsContentType = false; // multipart: curl chooses its own boundary
    bool formContentTypeIsCurlDefault = false;
    if (p.hasBody) {
        switch (body.mode) {
        case BodyMode::Multipart:
            for (const MultipartField &field : body.multipartFields) {
                if (!field.enabled || field.name.isEmpty())
                    continue;
                if (field.isFile) {
                    QString arg = field.name + QLatin1String("=@") + field.value;
                    if (!field.contentType.trimmed().isEmpty())
                        arg += QLatin1String(";type=") + field.contentType.trimmed();
                    bodyOptions << QStringLiteral("-F ") + quote(arg);
                } else if (needsFormString(field.value) || !field.contentType.isEmpty()) {
                    if (!field.contentType.trimmed().isEmpty() && !needsFormString(field.value))
                        bodyOptions << QStringLiteral("-F ")
                                + quote(field.name + u'=' + field.value + QLatin1String(";type=")
                                        + field.contentType.trimmed());
                    else
                        bodyOptions << QStringLiteral("--form-string ")
                                + quote(field.name + u'=' + field.value);
                } else {
                    bodyOptions << QStringLiteral("-F ") + quote(field.name + u'=' + field.value);
                }
            }
            if (!bodyOptions.isEmpty()) {
                curlDefaultsToPost = true;
                curlSetsContentType = true;
            }
            break;
        case BodyMode::BinaryFile:
            bodyOptions << QStringLiteral("--data-binary ") + quote(u'@' + body.filePath);
            curlDefaultsToPost = true;
            break;
        case BodyMode::FormUrlEncoded:
            formContentTypeIsCurlDefault = true;
            [[fallthrough]];
        default:
            if (!p.body.isEmpty()) {
                const QString text = QString::fromUtf8(p.body);
                if (text.toUtf8() == p.body) {
                    bodyOptions << QStringLiteral("--data-raw ") + quote(text);
                    curlDefaultsToPost = true;
                }
            }
            break;
        }
        if (bodyOptions.isEmpty()) {
            // An empty body: curl sends none without data, so say the length ourselves.
            bodyOptions << headerArgument(quote, "Content-Length", "0");
        }
    }

    const QString expected = isHead ? QStringLiteral("HEAD")
        : curlDefaultsToPost        ? QStringLiteral("POST")
                                    : QStringLiteral("GET");
    QString first = QStringLiteral("curl");
    if (isHead)
        first += QLatin1String(" --head");
    else if (p.method != expected)
        first += QLatin1String(" -X ") + quote(p.method);
    // A secret in the query is encoded by curl at run time (--url-query, curl 7.87 and later).
    QUrl url = p.url;
    QStringList queryOptions;
    if (containsSecret(url.query(QUrl::FullyEncoded), secrets)) {
        const QStringList pairs = url.query(QUrl::FullyEncoded).split(u'&');
        for (const QString &pair : pairs) {
            const qsizetype eq = pair.indexOf(u'=');
            queryOptions << QStringLiteral("--url-query ")
                    + quote(eq < 0 ? pair
                                   : pair.left(eq) + u'='
                                    + QUrl::fromPercentEncoding(pair.mid(eq + 1).toUtf8()));
        }
        url.setQuery(QString());
    }
    parts << first << queryOptions;

    for (const PreparedHeader &h : p.headers) {
        if (sameName(h.name, "Content-Length"))
            continue;
        if (!h.automatic) {
            if (curlSetsContentType && sameName(h.name, "Content-Type")
                && h.value.toLower().startsWith("multipart/form-data"))
                continue;
            options << headerArgument(quote, h.name, h.value);
            continue;
        }
        if (sameName(h.name, "User-Agent") || sameName(h.name, "Accept"))
            continue; // curl sends its own; Accept */* is the same
        if (sameName(h.name, "Authorization") && request.auth.mode == AuthMode::Basic) {
            options << QStringLiteral("-u ")
                    + quote(request.auth.username + u':' + request.auth.password);
            continue;
        }
        if (sameName(h.name, "Content-Type")) {
            if (curlSetsContentType)
                continue;
            if (formContentTypeIsCurlDefault && h.value == "application/x-www-form-urlencoded")
                continue;
        }
        options << headerArgument(quote, h.name, h.value);
    }
    parts << options << bodyOptions;

    if (!request.settings.verifyTls)
        parts << QStringLiteral("-k");
    for (const auto &[option, value] : curlNetworkArguments(request.settings))
        parts << (value.isEmpty() ? option : option + u' ' + shellQuote(value));
    if (request.settings.followRedirects) {
        parts << QStringLiteral("-L")
              << QStringLiteral("--max-redirs ") + QString::number(request.settings.maxRedirects);
    }
    parts << QStringLiteral("--max-time ") + formatSeconds(request.settings.timeoutMs);
    // Last, after "--": a URL starting with '-' is never read as an option.
    parts << QStringLiteral("-- ") + quote(url.toString(QUrl::FullyEncoded));
    return join(parts);
}

} // namespace Patchbay::Core
