#include "core/interop/codegen.h"

#include "core/graphql/graphqlhttp.h"

#include "core/http/preparedrequest.h"
#include "core/interop/codegennetwork.h"
#include "core/interop/codesecrets.h"
#include "core/interop/curlnetwork.h"
#include "core/json/jsonparser.h"

#include <QFileInfo>

namespace Patchbay::Core {

namespace {

// The secrets of the code being written (generateCode() sets them while it runs): the string
// literals below turn their placeholders into lookups of environment variables.
thread_local const SecretReferences *t_secrets = nullptr;
thread_local QStringList *t_usedSecrets = nullptr;

bool hasSecret(const QString &text)
{
    return t_secrets && containsSecret(text, *t_secrets);
}

// `text` as literal pieces and lookups joined by `plus`; `literal` and `lookup` write each.
template<typename Literal, typename Lookup>
QString withLookups(const QString &text, Literal literal, Lookup lookup,
                    QLatin1String plus = QLatin1String(" + "))
{
    QStringList parts;
    for (const SecretPiece &piece : splitSecrets(text, *t_secrets)) {
        if (!piece.isSecret) {
            parts << literal(piece.text);
            continue;
        }
        parts << lookup(piece.text);
        if (t_usedSecrets && !t_usedSecrets->contains(piece.text))
            t_usedSecrets->append(piece.text);
    }
    return parts.join(plus);
}

using Pair = QPair<QString, QString>;
using Pairs = QList<Pair>;

bool sameName(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool isToken(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool alnum
            = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
        if (!alnum && !QStringView(u"!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

bool hasDuplicateNames(const Pairs &pairs)
{
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (pairs.at(i).first == pairs.at(j).first)
                return true;
        }
    }
    return false;
}

// What prepareRequest() would send, in the terms every generator needs. The same filtering and
// precedence rules apply (see preparedrequest.h), but nothing is read or resolved.
struct Spec
{
    QString method;
    QString url; // as the user typed it, without the params rows
    Pairs params; // enabled rows, then a query API key
    Pairs headers; // user rows that survive, then the auth header (Bearer, API key)
    // Content-Type the body mode implies when the user set none (Json, Text, BinaryFile);
    // form and multipart types are left to the library, which knows the boundary.
    QString impliedContentType;
    bool userContentType = false;
    bool basicAuth = false;
    QString username;
    QString password;
    BodyMode mode = BodyMode::None;
    QString text; // Json, Text
    std::optional<JsonValue> json; // Json mode with valid JSON
    Pairs form;
    QList<MultipartField> parts;
    QString filePath;
    int timeoutMs = 0;
    bool followRedirects = true;
    bool verifyTls = true;
    RequestSettings settings; // proxy, certificates, HTTP/1.1 (codegennetwork.h)
    CodeAuthExtras extras; // a request-signing scheme's part (authcodegen.h)

    // Headers to write when the library does not add a Content-Type by itself.
    Pairs headersWithContentType() const
    {
        Pairs all = headers;
        if (!impliedContentType.isEmpty())
            all.prepend({QStringLiteral("Content-Type"), impliedContentType});
        return all;
    }
    bool hasFileParts() const
    {
        return std::any_of(parts.cbegin(), parts.cend(),
                           [](const MultipartField &f) { return f.isFile; });
    }
};

QString keepVariables(QByteArray encoded);

Spec makeSpec(const Request &request)
{
    Spec spec;
    spec.method = request.method;
    spec.url = request.url.trimmed();
    // A key without a value (?flag) has no form in params dicts and URLSearchParams: then the
    // whole query is written into the URL, as prepareRequest() sends it.
    const bool valueless
        = std::any_of(request.params.cbegin(), request.params.cend(), [](const KeyValue &row) {
              return row.enabled && !row.name.isEmpty() && !row.hasValue;
          });
    QStringList query;
    for (const KeyValue &row : request.params) {
        if (!row.enabled || row.name.isEmpty())
            continue;
        if (!valueless) {
            spec.params.append({row.name, row.value});
            continue;
        }
        QString item = keepVariables(encodeQueryComponent(row.name));
        if (row.hasValue)
            item += u'=' + keepVariables(encodeQueryComponent(row.value));
        query << item;
    }
    if (!query.isEmpty())
        spec.url += (spec.url.contains(u'?') ? u'&' : u'?') + query.join(u'&');
    const Auth &auth = request.auth;
    std::optional<Pair> authHeader;
    switch (auth.mode) {
    case AuthMode::None:
    case AuthMode::Inherit:
        break;
    // The token is fetched when sending and is never written into code.
    case AuthMode::OAuth2:
    // Signed by the tools themselves or noted in comments: generateCodeWithAuth()
    // (authcodegen.h) passes what to add.
    case AuthMode::Digest:
    case AuthMode::AwsSigV4:
    case AuthMode::OAuth1:
    case AuthMode::JwtBearer:
        break;
    case AuthMode::Basic:
        spec.basicAuth = true;
        spec.username = auth.username;
        spec.password = auth.password;
        break;
    case AuthMode::Bearer:
        if (!auth.token.trimmed().isEmpty())
            authHeader = Pair {QStringLiteral("Authorization"),
                               QStringLiteral("Bearer ") + auth.token.trimmed()};
        break;
    case AuthMode::ApiKey:
        if (auth.keyName.trimmed().isEmpty())
            break;
        if (auth.keyLocation == ApiKeyLocation::Query)
            spec.params.append({auth.keyName.trimmed(), auth.keyValue});
        else
            authHeader = Pair {auth.keyName.trimmed(), auth.keyValue.trimmed()};
        break;
    }
    for (const KeyValue &row : request.headers) {
        const QString name = row.name.trimmed();
        if (!row.enabled || name.isEmpty() || sameName(name, QStringLiteral("Content-Length")))
            continue;
        if (authHeader && sameName(name, authHeader->first))
            continue;
        if (spec.basicAuth && sameName(name, QStringLiteral("Authorization")))
            continue;
        if (sameName(name, QStringLiteral("Content-Type")))
            spec.userContentType = true;
        spec.headers.append({name, row.value.trimmed()});
    }
    if (authHeader)
        spec.headers.append(*authHeader);

    const RequestBody &body = request.body;
    spec.mode = request.method == QLatin1String("HEAD") ? BodyMode::None : body.mode;
    switch (spec.mode) {
    case BodyMode::GraphQl: // generateCode() lowers it to JSON first
    case BodyMode::None:
        break;
    case BodyMode::Json: {
        spec.text = body.text;
        Result<JsonValue> parsed = parseJson(body.text.toUtf8());
        if (parsed)
            spec.json = std::move(parsed).value();
        spec.impliedContentType = QStringLiteral("application/json");
        break;
    }
    case BodyMode::Text:
        spec.text = body.text;
        spec.impliedContentType = body.contentType.trimmed().isEmpty()
            ? QStringLiteral("text/plain; charset=utf-8")
            : body.contentType.trimmed();
        break;
    case BodyMode::FormUrlEncoded:
        for (const KeyValue &row : body.formFields) {
            if (row.enabled && !row.name.isEmpty())
                spec.form.append({row.name, row.value});
        }
        break;
    case BodyMode::Multipart:
        for (const MultipartField &field : body.multipartFields) {
            if (field.enabled && !field.name.isEmpty())
                spec.parts.append(field);
        }
        break;
    case BodyMode::BinaryFile:
        spec.filePath = body.filePath;
        spec.impliedContentType = body.contentType.trimmed().isEmpty()
            ? QStringLiteral("application/octet-stream")
            : body.contentType.trimmed();
        break;
    }
    if (spec.userContentType)
        spec.impliedContentType.clear();
    spec.timeoutMs = qMax(0, request.settings.timeoutMs);
    spec.followRedirects = request.settings.followRedirects;
    spec.verifyTls = request.settings.verifyTls;
    spec.settings = request.settings;
    return spec;
}

// Percent-encoding as prepareRequest() does it, but {{variables}} stay readable.
QString keepVariables(QByteArray encoded)
{
    encoded.replace("%7B%7B", "{{").replace("%7D%7D", "}}");
    return QString::fromLatin1(encoded);
}

QString encodedQuery(const Pairs &pairs)
{
    QStringList items;
    for (const Pair &p : pairs) {
        items.append(keepVariables(encodeQueryComponent(p.first)) + u'='
                     + keepVariables(encodeQueryComponent(p.second)));
    }
    return items.join(u'&');
}

QString urlWithQuery(const Spec &spec)
{
    if (spec.extras.sortQuery) {
        // The URL's own items and the params rows together, encoded the way AWS encodes them and
        // sorted by name, then value: what AWS signs (curl 7.88's --aws-sigv4 keeps the order
        // and encoding it is given).
        const qsizetype hash = spec.url.indexOf(u'#');
        const QString fragment = hash < 0 ? QString() : spec.url.mid(hash);
        const QString base = hash < 0 ? spec.url : spec.url.left(hash);
        const qsizetype mark = base.indexOf(u'?');
        QStringList raw
            = mark < 0 ? QStringList() : base.mid(mark + 1).split(u'&', Qt::SkipEmptyParts);
        if (!spec.params.isEmpty())
            raw += encodedQuery(spec.params).split(u'&');
        const auto canonical = [](const QString &part) {
            return QUrl::toPercentEncoding(QUrl::fromPercentEncoding(part.toUtf8()));
        };
        QList<std::pair<QByteArray, QByteArray>> items;
        for (const QString &item : std::as_const(raw)) {
            const qsizetype equals = item.indexOf(u'=');
            items.append({canonical(item.left(equals < 0 ? item.size() : equals)),
                          canonical(equals < 0 ? QString() : item.mid(equals + 1))});
        }
        std::sort(items.begin(), items.end());
        QStringList sorted;
        for (const auto &[name, value] : std::as_const(items))
            sorted.append(keepVariables(name + '=' + value));
        const QString path = mark < 0 ? base : base.left(mark);
        if (sorted.isEmpty())
            return path + fragment;
        return path + u'?' + sorted.join(u'&') + fragment;
    }
    if (spec.params.isEmpty())
        return spec.url;
    const QChar joiner = spec.url.contains(u'?') ? u'&' : u'?';
    return spec.url + joiner + encodedQuery(spec.params);
}

// `code` with the auth scheme's notes on top, as comments of the language.
QString withComments(const QString &code, const QStringList &lines, const QString &marker)
{
    if (lines.isEmpty())
        return code;
    QString out;
    for (const QString &line : lines)
        out += marker + u' ' + line + u'\n';
    return out + u'\n' + code;
}

QString seconds(int ms)
{
    return ms % 1000 == 0 ? QString::number(ms / 1000) : QString::number(ms / 1000.0, 'g', 10);
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
}

// ---------------------------------------------------------------------------------------------
// String literals

// Double-quoted literal with C-like escapes, shared by Python and JavaScript. Non-ASCII text is
// kept as it is (both read UTF-8 source); callers keep surrogate pairs together.
QString cLikeString(const QString &text, bool javaScript)
{
    QString out = QStringLiteral("\"");
    for (QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (u < 0x20 || u == 0x7f || (javaScript && (u == 0x2028 || u == 0x2029))
                || c.isSurrogate()) {
                if (!javaScript && u < 0x100)
                    out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
                else
                    out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    return out + u'"';
}

// A double-quoted string literal for Python or JavaScript. Surrogate pairs pass through as the
// characters they are; a lone surrogate is escaped (Python cannot encode it to UTF-8).
QString quotedKeepingPairs(const QString &text, bool javaScript)
{
    QString out = QStringLiteral("\"");
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        out += cLikeString(QString(c), javaScript).mid(1).chopped(1);
    }
    return out + u'"';
}

QString pyStr(const QString &text)
{
    if (!hasSecret(text))
        return quotedKeepingPairs(text, false);
    return withLookups(
        text, [](const QString &t) { return quotedKeepingPairs(t, false); },
        [](const QString &name) { return QStringLiteral("os.environ[\"%1\"]").arg(name); });
}

QString jsStr(const QString &text)
{
    if (!hasSecret(text))
        return quotedKeepingPairs(text, true);
    return withLookups(
        text, [](const QString &t) { return quotedKeepingPairs(t, true); },
        [](const QString &name) { return QStringLiteral("process.env.%1").arg(name); });
}

QString jsTemplateText(QString text)
{
    text.replace(u'\\', QLatin1String("\\\\"))
        .replace(u'`', QLatin1String("\\`"))
        .replace(QLatin1String("${"), QLatin1String("\\${"));
    return text;
}

// A JavaScript template literal: keeps multi-line text (JSON bodies) readable.
QString jsTemplate(const QString &text)
{
    if (!hasSecret(text))
        return u'`' + jsTemplateText(text) + u'`';
    return u'`'
        + withLookups(
               text, jsTemplateText,
               [](const QString &name) { return QStringLiteral("${process.env.%1}").arg(name); },
               QLatin1String(""))
        + u'`';
}

// A C++ string literal of the UTF-8 bytes; a multi-line text becomes adjacent literals, one
// per line, indented by `indent`.
QString cppStrPlain(const QString &text, const QString &indent)
{
    const QByteArray bytes = text.toUtf8();
    QString out = QStringLiteral("\"");
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const unsigned char b = static_cast<unsigned char>(bytes.at(i));
        switch (b) {
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\n':
            out += QLatin1String("\\n\"");
            if (i + 1 < bytes.size())
                out += u'\n' + indent + u'"';
            else
                return out;
            break;
        default:
            if (b < 0x20 || b == 0x7f) {
                out += QStringLiteral("\\%1").arg(int(b), 3, 8, QLatin1Char('0'));
            } else if (b >= 0x80) {
                // Keep whole UTF-8 sequences together.
                qsizetype end = i + 1;
                while (end < bytes.size()
                       && (static_cast<unsigned char>(bytes.at(end)) & 0xc0) == 0x80)
                    ++end;
                out += QString::fromUtf8(bytes.mid(i, end - i));
                i = end - 1;
            } else {
                out += QLatin1Char(char(b));
            }
        }
    }
    return out + u'"';
}

// The same, with secrets read from the environment: a QByteArray expression then.
QString cppStr(const QString &text, const QString &indent)
{
    if (!hasSecret(text))
        return cppStrPlain(text, indent);
    return withLookups(
        text, [&indent](const QString &t) { return cppStrPlain(t, indent); },
        [](const QString &name) {
            return QStringLiteral("qEnvironmentVariable(\"%1\").toUtf8()").arg(name);
        });
}

// ---------------------------------------------------------------------------------------------
// Python (requests)

QString pyLiteral(const JsonValue &value, int indent);

bool isFlat(const JsonValue &value)
{
    if (value.isArray()) {
        for (const JsonValue &item : value.array()) {
            if (item.isContainer() && !item.isEmpty())
                return false;
        }
    } else if (value.isObject()) {
        for (const JsonMember &m : value.members()) {
            if (m.value.isContainer() && !m.value.isEmpty())
                return false;
        }
    }
    return true;
}

QString pyLiteral(const JsonValue &value, int indent)
{
    switch (value.type()) {
    case JsonValue::Type::Null:
        return QStringLiteral("None");
    case JsonValue::Type::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case JsonValue::Type::Number:
        return QString::fromLatin1(value.numberLiteral());
    case JsonValue::Type::String:
        return pyStr(value.toString());
    case JsonValue::Type::Array:
    case JsonValue::Type::Object:
        break;
    }
    const bool isObject = value.isObject();
    const QString open = isObject ? QStringLiteral("{") : QStringLiteral("[");
    const QString close = isObject ? QStringLiteral("}") : QStringLiteral("]");
    QStringList items;
    if (isObject) {
        for (const JsonMember &m : value.members())
            items.append(pyStr(m.key) + QLatin1String(": ") + pyLiteral(m.value, indent + 4));
    } else {
        for (const JsonValue &item : value.array())
            items.append(pyLiteral(item, indent + 4));
    }
    if (items.isEmpty())
        return open + close;
    const QString oneLine = open + items.join(QLatin1String(", ")) + close;
    if (isFlat(value) && oneLine.size() + indent <= 80 && !oneLine.contains(u'\n'))
        return oneLine;
    const QString inner(indent + 4, u' ');
    return open + u'\n' + inner + items.join(QLatin1String(",\n") + inner) + u",\n"
        + QString(indent, u' ') + close;
}

// {"a": "1"} or, when a name repeats, [("a", "1"), ("a", "2")].
QString pyPairs(const Pairs &pairs, int indent)
{
    const bool asList = hasDuplicateNames(pairs);
    QStringList items;
    for (const Pair &p : pairs) {
        items.append(
            asList ? QString(u'(' + pyStr(p.first) + QLatin1String(", ") + pyStr(p.second) + u')')
                   : QString(pyStr(p.first) + QLatin1String(": ") + pyStr(p.second)));
    }
    const QString open = asList ? QStringLiteral("[") : QStringLiteral("{");
    const QString close = asList ? QStringLiteral("]") : QStringLiteral("}");
    const QString oneLine = open + items.join(QLatin1String(", ")) + close;
    if (oneLine.size() + indent <= 80)
        return oneLine;
    const QString inner(indent + 4, u' ');
    return open + u'\n' + inner + items.join(QLatin1String(",\n") + inner) + u",\n"
        + QString(indent, u' ') + close;
}

QString pyText(const QString &text)
{
    // http.client encodes str bodies as Latin-1; UTF-8 bytes are what Patchbay sends.
    if (hasSecret(text))
        return u'(' + pyStr(text) + QLatin1String(").encode()");
    return isAscii(text) ? pyStr(text) : pyStr(text) + QLatin1String(".encode()");
}

QString generatePython(const Spec &spec)
{
    static const QStringList shortcuts
        = {QStringLiteral("GET"),    QStringLiteral("POST"),   QStringLiteral("PUT"),
           QStringLiteral("PATCH"),  QStringLiteral("DELETE"), QStringLiteral("HEAD"),
           QStringLiteral("OPTIONS")};
    QStringList args;
    QString call;
    if (shortcuts.contains(spec.method)) {
        call = QStringLiteral("requests.") + spec.method.toLower();
    } else {
        call = QStringLiteral("requests.request");
        args.append(pyStr(spec.method));
    }
    args.append(pyStr(spec.url));
    if (!spec.params.isEmpty())
        args.append(QStringLiteral("params=") + pyPairs(spec.params, 4));
    const bool jsonKeyword = spec.mode == BodyMode::Json && spec.json.has_value();
    const Pairs headers = jsonKeyword ? spec.headers : spec.headersWithContentType();
    if (!headers.isEmpty())
        args.append(QStringLiteral("headers=") + pyPairs(headers, 4));
    switch (spec.mode) {
    case BodyMode::GraphQl: // generateCode() lowers it to JSON first
    case BodyMode::None:
        break;
    case BodyMode::Json:
        args.append(jsonKeyword ? QStringLiteral("json=") + pyLiteral(*spec.json, 4)
                                : QStringLiteral("data=") + pyText(spec.text));
        break;
    case BodyMode::Text:
        args.append(QStringLiteral("data=") + pyText(spec.text));
        break;
    case BodyMode::FormUrlEncoded:
        args.append(QStringLiteral("data=") + pyPairs(spec.form, 4));
        break;
    case BodyMode::Multipart: {
        // Every part goes in files= so that requests sends multipart even without a file.
        Pairs parts;
        for (const MultipartField &f : spec.parts) {
            QString value;
            if (!f.isFile) {
                value = QStringLiteral("(None, %1)").arg(pyStr(f.value));
            } else {
                const QString open = QStringLiteral("open(%1, \"rb\")").arg(pyStr(f.value));
                value = f.contentType.trimmed().isEmpty()
                    ? open
                    : QStringLiteral("(%1, %2, %3)")
                          .arg(pyStr(QFileInfo(f.value).fileName()), open,
                               pyStr(f.contentType.trimmed()));
            }
            parts.append({f.name, value});
        }
        const bool asList = hasDuplicateNames(parts);
        QStringList items;
        for (const Pair &p : parts) {
            items.append(
                asList ? QString(u'(' + pyStr(p.first) + QLatin1String(", ") + p.second + u')')
                       : QString(pyStr(p.first) + QLatin1String(": ") + p.second));
        }
        const QString inner(8, u' ');
        args.append(QStringLiteral("files=") + (asList ? u'[' : u'{') + u'\n' + inner
                    + items.join(QLatin1String(",\n") + inner) + QLatin1String(",\n    ")
                    + (asList ? u']' : u'}'));
        break;
    }
    case BodyMode::BinaryFile:
        args.append(QStringLiteral("data=open(%1, \"rb\")").arg(pyStr(spec.filePath)));
        break;
    }
    if (spec.basicAuth)
        args.append(
            QStringLiteral("auth=(%1, %2)").arg(pyStr(spec.username), pyStr(spec.password)));
    if (!spec.extras.pythonAuth.isEmpty())
        args.append(QStringLiteral("auth=") + spec.extras.pythonAuth);
    if (spec.timeoutMs > 0)
        args.append(QStringLiteral("timeout=") + seconds(spec.timeoutMs));
    // requests.head() does not follow redirects unless asked to; every other method does.
    if (spec.method == QLatin1String("HEAD") && spec.followRedirects)
        args.append(QStringLiteral("allow_redirects=True"));
    else if (spec.method != QLatin1String("HEAD") && !spec.followRedirects)
        args.append(QStringLiteral("allow_redirects=False"));
    if (!spec.verifyTls)
        args.append(QStringLiteral("verify=False"));
    QString networkComment;
    args.append(pythonNetworkArguments(spec.settings, spec.verifyTls, pyStr, &networkComment));

    QString code = QStringLiteral("import json\n\nimport requests\n");
    if (!spec.extras.pythonImport.isEmpty())
        code += spec.extras.pythonImport + u'\n';
    code += u'\n' + networkComment;
    const QString oneLine = call + u'(' + args.join(QLatin1String(", ")) + u')';
    if (oneLine.size() + 11 <= 88 && !oneLine.contains(u'\n'))
        code += QStringLiteral("response = ") + oneLine + u'\n';
    else
        code += QStringLiteral("response = ") + call + QLatin1String("(\n    ")
            + args.join(QLatin1String(",\n    ")) + QLatin1String(",\n)\n");
    code += QStringLiteral("print(response.status_code, response.reason)\n"
                           "response.raise_for_status()\n"
                           "if \"json\" in response.headers.get(\"Content-Type\", \"\"):\n"
                           "    print(json.dumps(response.json(), indent=2, ensure_ascii=False))\n"
                           "else:\n"
                           "    print(response.text)\n");
    return code;
}

// ---------------------------------------------------------------------------------------------
// Shell commands (curl, HTTPie)

QString alwaysQuotePlain(const QString &word)
{
    QString quoted = word;
    quoted.replace(u'\'', QLatin1String("'\\''"));
    return u'\'' + quoted + u'\'';
}

// Single-quoted, with secrets as "$NAME" between the quoted pieces.
QString alwaysQuote(const QString &word)
{
    if (!hasSecret(word))
        return alwaysQuotePlain(word);
    return withLookups(
        word, alwaysQuotePlain,
        [](const QString &name) { return QStringLiteral("\"$%1\"").arg(name); }, QLatin1String(""));
}

// A word for a POSIX shell: as it is when it only holds safe characters, else single-quoted.
QString shellWord(const QString &word)
{
    static const QStringView safe(
        u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=@%+,-");
    const bool plain = !word.isEmpty() && !hasSecret(word)
        && std::all_of(word.cbegin(), word.cend(), [](QChar c) { return safe.contains(c); });
    return plain ? word : alwaysQuote(word);
}

QString shellCommand(const QString &first, const QStringList &rest)
{
    if (rest.isEmpty())
        return first + u'\n';
    return first + QLatin1String(" \\\n  ") + rest.join(QLatin1String(" \\\n  ")) + u'\n';
}

// curl -F parses ; and , in file names unless the name is double-quoted.
QString curlFileArgument(const QString &path)
{
    if (!path.contains(u';') && !path.contains(u',') && !path.contains(u'"'))
        return path;
    QString escaped = path;
    escaped.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
    return u'"' + escaped + u'"';
}

QString generateCurl(const Spec &spec)
{
    QString first = QStringLiteral("curl");
    const bool sendsBody = spec.mode != BodyMode::None;
    if (spec.method == QLatin1String("HEAD"))
        first += QLatin1String(" --head");
    else if (spec.method != (sendsBody ? QLatin1String("POST") : QLatin1String("GET")))
        first += QLatin1String(" -X ") + shellWord(spec.method);
    // A secret in the query cannot be encoded when the code is written: curl encodes it at run
    // time from --url-query (curl 7.87 and later), every param then, to keep their order.
    const bool secretQuery
        = std::any_of(spec.params.cbegin(), spec.params.cend(),
                      [](const Pair &p) { return hasSecret(p.first + p.second); });

    QStringList options;
    for (const Pair &p : secretQuery ? spec.params : Pairs()) {
        options.append(
            QStringLiteral("--url-query ")
            + alwaysQuote(keepVariables(encodeQueryComponent(p.first)) + u'=' + p.second));
    }
    for (const Pair &h : spec.headersWithContentType()) {
        // curl drops a header given with an empty value unless it ends with ';'.
        options.append(QStringLiteral("-H ")
                       + alwaysQuote(h.second.isEmpty()
                                         ? QString(h.first + u';')
                                         : QString(h.first + QLatin1String(": ") + h.second)));
    }
    if (spec.basicAuth) {
        if (spec.username.contains(u':') && !hasSecret(spec.username + spec.password)) {
            const QByteArray token = (spec.username + u':' + spec.password).toUtf8().toBase64();
            options.append(QStringLiteral("-H ")
                           + alwaysQuote(QStringLiteral("Authorization: Basic ")
                                         + QString::fromLatin1(token)));
        } else {
            options.append(QStringLiteral("-u ")
                           + alwaysQuote(spec.username + u':' + spec.password));
        }
    }
    switch (spec.mode) {
    case BodyMode::GraphQl: // generateCode() lowers it to JSON first
    case BodyMode::None:
        break;
    case BodyMode::Json:
    case BodyMode::Text:
        options.append(QStringLiteral("--data-raw ") + alwaysQuote(spec.text));
        break;
    case BodyMode::FormUrlEncoded:
        if (spec.form.isEmpty())
            options.append(QStringLiteral("--data-raw ''"));
        // curl encodes the value only; the name goes out as written, so encode it here.
        for (const Pair &p : spec.form) {
            options.append(
                QStringLiteral("--data-urlencode ")
                + alwaysQuote(keepVariables(encodeFormComponent(p.first)) + u'=' + p.second));
        }
        break;
    case BodyMode::Multipart:
        for (const MultipartField &f : spec.parts) {
            if (f.isFile) {
                QString value = f.name + QLatin1String("=@") + curlFileArgument(f.value);
                if (!f.contentType.trimmed().isEmpty())
                    value += QLatin1String(";type=") + f.contentType.trimmed();
                options.append(QStringLiteral("-F ") + alwaysQuote(value));
            } else {
                // --form-string takes the value literally (no @file, <file or ;type=).
                options.append(QStringLiteral("--form-string ")
                               + alwaysQuote(f.name + u'=' + f.value));
            }
        }
        break;
    case BodyMode::BinaryFile:
        options.append(QStringLiteral("--data-binary ") + alwaysQuote(u'@' + spec.filePath));
        break;
    }
    options += spec.extras.shellOptions;
    if (spec.followRedirects)
        options.append(QStringLiteral("-L"));
    if (!spec.verifyTls)
        options.append(QStringLiteral("-k"));
    for (const auto &[option, value] : curlNetworkArguments(spec.settings))
        options.append(value.isEmpty() ? option : option + u' ' + shellWord(value));
    if (spec.timeoutMs > 0)
        options.append(QStringLiteral("--max-time ") + seconds(spec.timeoutMs));
    // Last, after "--": a URL starting with '-' (say, from a variable) is never an option.
    options.append(QStringLiteral("-- ")
                   + alwaysQuote(secretQuery ? spec.url : urlWithQuery(spec)));
    return shellCommand(first, options);
}

// Separators of HTTPie request items must be escaped in names.
QString httpieName(const QString &name)
{
    QString out;
    for (QChar c : name) {
        if (c == u':' || c == u'=' || c == u'@' || c == u'\\')
            out += u'\\';
        out += c;
    }
    return out;
}

QString generateHttpie(const Spec &spec)
{
    // HTTPie reads a body from any stdin that is not a terminal, even an empty one: in scripts
    // and CI it then refuses data items or sends a stray Content-Type. Measured with 3.2.1.
    QString first = QStringLiteral("http --ignore-stdin");
    if (spec.mode == BodyMode::FormUrlEncoded
        || (spec.mode == BodyMode::Multipart && spec.hasFileParts()))
        first += QLatin1String(" --form");
    else if (spec.mode == BodyMode::Multipart)
        first += QLatin1String(" --multipart");

    // Options first; after "--" come the method, the URL and the request items, none of which
    // can then be read as an option (a URL starting with '-', say).
    QStringList options;
    if (spec.mode == BodyMode::Json || spec.mode == BodyMode::Text)
        options.append(QStringLiteral("--raw ") + alwaysQuote(spec.text));
    if (spec.basicAuth)
        options.append(QStringLiteral("-a ") + alwaysQuote(spec.username + u':' + spec.password));
    options += spec.extras.shellOptions;
    if (spec.followRedirects)
        options.append(QStringLiteral("--follow"));
    if (!spec.verifyTls)
        options.append(QStringLiteral("--verify=no"));
    options.append(httpieNetworkArguments(spec.settings, spec.verifyTls, alwaysQuote));
    if (spec.timeoutMs > 0)
        options.append(QStringLiteral("--timeout ") + seconds(spec.timeoutMs));
    options.append(QStringLiteral("-- ") + shellWord(spec.method) + u' ' + alwaysQuote(spec.url));

    QStringList items;
    for (const Pair &p : spec.params)
        items.append(alwaysQuote(httpieName(p.first) + QLatin1String("==") + p.second));
    for (const Pair &h : spec.headersWithContentType()) {
        // "Name;" sends an empty header; "Name:" would remove it.
        items.append(alwaysQuote(h.second.isEmpty() ? QString(h.first + u';')
                                                    : QString(h.first + u':' + h.second)));
    }
    switch (spec.mode) {
    case BodyMode::GraphQl: // generateCode() lowers it to JSON first
    case BodyMode::None:
        break;
    case BodyMode::Json:
    case BodyMode::Text:
        break; // --raw, above
    case BodyMode::FormUrlEncoded:
        for (const Pair &p : spec.form)
            items.append(alwaysQuote(httpieName(p.first) + u'=' + p.second));
        break;
    case BodyMode::Multipart:
        for (const MultipartField &f : spec.parts) {
            if (f.isFile) {
                QString value = httpieName(f.name) + u'@' + f.value;
                if (!f.contentType.trimmed().isEmpty())
                    value += QLatin1String(";type=") + f.contentType.trimmed();
                items.append(alwaysQuote(value));
            } else {
                items.append(alwaysQuote(httpieName(f.name) + u'=' + f.value));
            }
        }
        break;
    case BodyMode::BinaryFile:
        items.append(alwaysQuote(u'@' + spec.filePath));
        break;
    }
    return shellCommand(first, options + items);
}

// ---------------------------------------------------------------------------------------------
// JavaScript (fetch)

QString jsPairsArray(const Pairs &pairs)
{
    QStringList rows;
    for (const Pair &p : pairs)
        rows.append(QStringLiteral("  [%1, %2],").arg(jsStr(p.first), jsStr(p.second)));
    return u"[\n" + rows.join(u'\n') + u"\n]";
}

QString basicCredentials(const Spec &spec)
{
    return spec.username + u':' + spec.password;
}

QString generateFetch(const Spec &spec)
{
    QString code;
    const bool readsFiles = spec.mode == BodyMode::BinaryFile
        || (spec.mode == BodyMode::Multipart && spec.hasFileParts());
    if (readsFiles)
        code += QStringLiteral("import { readFile } from \"node:fs/promises\";\n\n");

    QString url = jsStr(spec.url);
    if (!spec.params.isEmpty()) {
        code += QStringLiteral("const params = new URLSearchParams(%1);\n")
                    .arg(jsPairsArray(spec.params));
        const QString joiner = spec.url.contains(u'?') ? QStringLiteral("&") : QStringLiteral("?");
        url = jsTemplate(spec.url + joiner).chopped(1) + QLatin1String("${params}`");
    }

    QString body;
    switch (spec.mode) {
    case BodyMode::GraphQl: // generateCode() lowers it to JSON first
    case BodyMode::None:
        break;
    case BodyMode::Json:
    case BodyMode::Text:
        // The text as written: JSON.stringify() would rewrite numbers and reorder nothing, but
        // lose literals such as 1.50.
        body = jsTemplate(spec.text);
        break;
    case BodyMode::FormUrlEncoded:
        code += QStringLiteral("const form = new URLSearchParams(%1);\n")
                    .arg(jsPairsArray(spec.form));
        body = QStringLiteral("form");
        break;
    case BodyMode::Multipart:
        if (spec.hasFileParts()) {
            code
                += QStringLiteral("// Files are read from disk (Node.js). In a browser, append the "
                                  "File of an <input type=\"file\"> instead.\n");
        }
        code += QStringLiteral("const form = new FormData();\n");
        for (const MultipartField &f : spec.parts) {
            if (!f.isFile) {
                code += QStringLiteral("form.append(%1, %2);\n").arg(jsStr(f.name), jsStr(f.value));
                continue;
            }
            const QString type = f.contentType.trimmed();
            code += QStringLiteral(
                        "form.append(\n  %1,\n  new Blob([await readFile(%2)]%3),\n  %4,\n);\n")
                        .arg(jsStr(f.name), jsStr(f.value),
                             type.isEmpty() ? QString()
                                            : QStringLiteral(", { type: %1 }").arg(jsStr(type)),
                             jsStr(QFileInfo(f.value).fileName()));
        }
        body = QStringLiteral("form");
        break;
    case BodyMode::BinaryFile:
        body = QStringLiteral("await readFile(%1)").arg(jsStr(spec.filePath));
        break;
    }
    if (!code.isEmpty() && !code.endsWith(QLatin1String("\n\n")))
        code += u'\n';

    QStringList headerRows;
    for (const Pair &h : spec.headersWithContentType())
        headerRows.append(QStringLiteral("    %1: %2,").arg(jsStr(h.first), jsStr(h.second)));
    if (spec.basicAuth) {
        const QString credentials = basicCredentials(spec);
        // btoa() takes Latin-1; RFC 7617 wants UTF-8, so non-ASCII credentials are encoded here.
        const QString value = isAscii(credentials) || hasSecret(credentials)
            ? QStringLiteral("\"Basic \" + btoa(%1)").arg(jsStr(credentials))
            : jsStr(QStringLiteral("Basic ")
                    + QString::fromLatin1(credentials.toUtf8().toBase64()));
        headerRows.append(QStringLiteral("    \"Authorization\": %1,").arg(value));
    }

    QStringList options;
    if (spec.method != QLatin1String("GET"))
        options.append(QStringLiteral("  method: %1,").arg(jsStr(spec.method)));
    if (!headerRows.isEmpty())
        options.append(QStringLiteral("  headers: {\n") + headerRows.join(u'\n') + u"\n  },");
    if (!body.isEmpty())
        options.append(QStringLiteral("  body: %1,").arg(body));
    if (!spec.followRedirects)
        options.append(QStringLiteral("  redirect: \"manual\","));
    if (spec.timeoutMs > 0)
        options.append(QStringLiteral("  signal: AbortSignal.timeout(%1),").arg(spec.timeoutMs));

    if (!spec.verifyTls) {
        code += QStringLiteral(
            "// Patchbay skips TLS certificate checks for this request; fetch has "
            "no such option\n// (Node.js: NODE_TLS_REJECT_UNAUTHORIZED=0 turns "
            "them off for the whole process).\n");
    }
    code += fetchNetworkComment(spec.settings);
    if (options.isEmpty())
        code += QStringLiteral("const response = await fetch(%1);\n").arg(url);
    else
        code += QStringLiteral("const response = await fetch(%1, {\n%2\n});\n")
                    .arg(url, options.join(u'\n'));
    code += QStringLiteral("console.log(response.status, response.statusText);\n"
                           "if (!response.ok) {\n"
                           "  throw new Error(`HTTP ${response.status} ${response.statusText}`);\n"
                           "}\n"
                           "console.log(await response.text());\n");
    return code;
}

// ---------------------------------------------------------------------------------------------
// C++ (Qt)

QString qstr(const QString &text)
{
    const auto literal = [](const QString &t) {
        return QStringLiteral("QStringLiteral(%1)").arg(cppStrPlain(t, QStringLiteral("        ")));
    };
    if (!hasSecret(text))
        return literal(text);
    return withLookups(text, literal, [](const QString &name) {
        return QStringLiteral("qEnvironmentVariable(\"%1\")").arg(name);
    });
}

// QUrlQuery leaves '+' as it is, which servers read as a space; "%2B" is kept encoded.
QString qtQueryText(const QString &text)
{
    return qstr(QString(text).replace(u'+', QLatin1String("%2B")));
}

QString generateQt(const Spec &spec)
{
    QStringList includes
        = {QStringLiteral("QCoreApplication"),      QStringLiteral("QDebug"),
           QStringLiteral("QNetworkAccessManager"), QStringLiteral("QNetworkReply"),
           QStringLiteral("QNetworkRequest"),       QStringLiteral("QUrl")};
    if (!spec.params.isEmpty())
        includes.append(QStringLiteral("QUrlQuery"));
    if (spec.mode == BodyMode::BinaryFile
        || (spec.mode == BodyMode::Multipart && spec.hasFileParts()))
        includes.append(QStringLiteral("QFile"));
    if (spec.mode == BodyMode::Multipart)
        includes.append(QStringLiteral("QHttpMultiPart"));
    if (spec.mode == BodyMode::FormUrlEncoded)
        includes.append(QStringLiteral("QUrlQuery"));
    includes.append(qtNetworkIncludes(spec.settings));
    includes.removeDuplicates();
    includes.sort();

    QString code;
    for (const QString &include : std::as_const(includes))
        code += QStringLiteral("#include <%1>\n").arg(include);
    code += QStringLiteral("\nint main(int argc, char *argv[])\n{\n"
                           "    QCoreApplication app(argc, argv);\n"
                           "    QNetworkAccessManager manager;\n\n");
    code += QStringLiteral("    QUrl url(%1);\n").arg(qstr(spec.url));
    if (!spec.params.isEmpty()) {
        code += QStringLiteral("    QUrlQuery query(url);\n");
        for (const Pair &p : spec.params)
            code += QStringLiteral("    query.addQueryItem(%1, %2);\n")
                        .arg(qtQueryText(p.first), qtQueryText(p.second));
        code += QStringLiteral("    url.setQuery(query);\n");
    }
    code += QStringLiteral("    QNetworkRequest request(url);\n");
    for (const Pair &h : spec.headersWithContentType()) {
        code += QStringLiteral("    request.setRawHeader(%1, %2);\n")
                    .arg(cppStr(h.first, {}), cppStr(h.second, {}));
    }
    if (spec.mode == BodyMode::FormUrlEncoded && !spec.userContentType) {
        code += QStringLiteral("    request.setHeader(QNetworkRequest::ContentTypeHeader,\n"
                               "                      "
                               "QStringLiteral(\"application/x-www-form-urlencoded\"));\n");
    }
    if (spec.basicAuth) {
        code
            += QStringLiteral("    request.setRawHeader(\"Authorization\",\n"
                              "                         \"Basic \" + QByteArray(%1).toBase64());\n")
                   .arg(cppStr(basicCredentials(spec), {}));
    }
    if (spec.timeoutMs > 0)
        code += QStringLiteral("    request.setTransferTimeout(%1);\n").arg(spec.timeoutMs);
    if (!spec.followRedirects) {
        code
            += QStringLiteral("    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,\n"
                              "                         QNetworkRequest::ManualRedirectPolicy);\n");
    }
    code += qtNetworkCode(spec.settings, [](const QString &text) { return qstr(text); });
    code += u'\n';

    QString send
        = QStringLiteral("    QNetworkReply *reply = manager.sendCustomRequest(request, %1")
              .arg(cppStr(spec.method, {}));
    switch (spec.mode) {
    case BodyMode::GraphQl: // generateCode() lowers it to JSON first
    case BodyMode::None:
        send += QLatin1String(");\n");
        break;
    case BodyMode::Json:
    case BodyMode::Text:
        code += QStringLiteral("    const QByteArray body = %1;\n")
                    .arg(cppStr(spec.text, QStringLiteral("        ")));
        send += QLatin1String(", body);\n");
        break;
    case BodyMode::FormUrlEncoded: {
        code += QStringLiteral("    QUrlQuery form;\n");
        for (const Pair &p : spec.form)
            code += QStringLiteral("    form.addQueryItem(%1, %2);\n")
                        .arg(qtQueryText(p.first), qtQueryText(p.second));
        code += QStringLiteral(
            "    const QByteArray body = form.toString(QUrl::FullyEncoded).toUtf8();\n");
        send += QLatin1String(", body);\n");
        break;
    }
    case BodyMode::Multipart: {
        code += QStringLiteral(
            "    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);\n");
        int index = 0;
        for (const MultipartField &f : spec.parts) {
            const QString part = QStringLiteral("part%1").arg(++index);
            QString disposition = QStringLiteral("form-data; name=\"") + f.name + u'"';
            if (f.isFile)
                disposition
                    += QStringLiteral("; filename=\"") + QFileInfo(f.value).fileName() + u'"';
            code += QStringLiteral("    QHttpPart %1;\n"
                                   "    %1.setHeader(QNetworkRequest::ContentDispositionHeader,\n"
                                   "                 %2);\n")
                        .arg(part, qstr(disposition));
            if (!f.contentType.trimmed().isEmpty()) {
                code
                    += QStringLiteral("    %1.setHeader(QNetworkRequest::ContentTypeHeader, %2);\n")
                           .arg(part, qstr(f.contentType.trimmed()));
            }
            if (f.isFile) {
                code += QStringLiteral(
                            "    auto *file%1 = new QFile(%2, multiPart);\n"
                            "    if (!file%1->open(QIODevice::ReadOnly))\n"
                            "        qFatal(\"cannot read %%s\", qPrintable(file%1->fileName()));\n"
                            "    %3.setBodyDevice(file%1);\n")
                            .arg(QString::number(index), qstr(f.value), part);
            } else {
                code += QStringLiteral("    %1.setBody(%2);\n")
                            .arg(part, cppStr(f.value, QStringLiteral("        ")));
            }
            code += QStringLiteral("    multiPart->append(%1);\n").arg(part);
        }
        send += QLatin1String(", multiPart);\n    multiPart->setParent(reply);\n");
        break;
    }
    case BodyMode::BinaryFile:
        code += QStringLiteral("    QFile file(%1);\n"
                               "    if (!file.open(QIODevice::ReadOnly))\n"
                               "        qFatal(\"cannot read %%s\", qPrintable(file.fileName()));\n"
                               "    const QByteArray body = file.readAll();\n")
                    .arg(qstr(spec.filePath));
        send += QLatin1String(", body);\n");
        break;
    }
    code += send;
    if (!spec.verifyTls) {
        code += QStringLiteral(
            "    // TLS certificate checks are off for this request, as in Patchbay.\n"
            "    QObject::connect(reply, &QNetworkReply::sslErrors, reply,\n"
            "                     [reply] { reply->ignoreSslErrors(); });\n");
    }
    code += QStringLiteral(
        "    QObject::connect(reply, &QNetworkReply::finished, &app, [reply] {\n"
        "        reply->deleteLater();\n"
        "        const QVariant status = "
        "reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);\n"
        "        if (!status.isValid()) {\n"
        "            qWarning().noquote() << reply->errorString();\n"
        "            QCoreApplication::exit(1);\n"
        "            return;\n"
        "        }\n"
        "        qInfo().noquote() << status.toInt() << QString::fromUtf8(reply->readAll());\n"
        "        QCoreApplication::exit(status.toInt() < 400 ? 0 : 1);\n"
        "    });\n"
        "    return app.exec();\n"
        "}\n");
    return code;
}

} // namespace

QList<CodeLanguage> codeLanguages()
{
    return {CodeLanguage::PythonRequests, CodeLanguage::Curl, CodeLanguage::Httpie,
            CodeLanguage::JavaScriptFetch, CodeLanguage::CppQt};
}

QString languageName(CodeLanguage language)
{
    switch (language) {
    case CodeLanguage::PythonRequests:
        return QStringLiteral("Python (requests)");
    case CodeLanguage::Curl:
        return QStringLiteral("curl");
    case CodeLanguage::Httpie:
        return QStringLiteral("HTTPie");
    case CodeLanguage::JavaScriptFetch:
        return QStringLiteral("JavaScript (fetch)");
    case CodeLanguage::CppQt:
        return QStringLiteral("C++ (Qt)");
    }
    return {};
}

QString languageKey(CodeLanguage language)
{
    switch (language) {
    case CodeLanguage::PythonRequests:
        return QStringLiteral("python");
    case CodeLanguage::Curl:
        return QStringLiteral("curl");
    case CodeLanguage::Httpie:
        return QStringLiteral("httpie");
    case CodeLanguage::JavaScriptFetch:
        return QStringLiteral("fetch");
    case CodeLanguage::CppQt:
        return QStringLiteral("qt");
    }
    return {};
}

std::optional<CodeLanguage> languageFromName(const QString &name)
{
    for (CodeLanguage language : codeLanguages()) {
        if (sameName(name.trimmed(), languageKey(language)))
            return language;
    }
    return std::nullopt;
}

QString shellQuoted(const QString &word)
{
    return alwaysQuote(word);
}

QString pythonString(const QString &text)
{
    return pyStr(text);
}

namespace {

QString generateFor(const Spec &spec, CodeLanguage language)
{
    const QStringList &notes = spec.extras.comments;
    switch (language) {
    case CodeLanguage::PythonRequests:
        return withComments(generatePython(spec), notes, QStringLiteral("#"));
    case CodeLanguage::Curl:
        return withComments(generateCurl(spec), notes, QStringLiteral("#"));
    case CodeLanguage::Httpie:
        return withComments(generateHttpie(spec), notes, QStringLiteral("#"));
    case CodeLanguage::JavaScriptFetch:
        return withComments(generateFetch(spec), notes, QStringLiteral("//"));
    case CodeLanguage::CppQt:
        return withComments(generateQt(spec), notes, QStringLiteral("//"));
    }
    return {};
}

// Says which environment variables the code reads, in the language's comment syntax.
QString secretsComment(CodeLanguage language, const QStringList &names)
{
    const bool hash = language == CodeLanguage::PythonRequests || language == CodeLanguage::Curl
        || language == CodeLanguage::Httpie;
    return (hash ? QStringLiteral("# ") : QStringLiteral("// "))
        + QStringLiteral("Secret values are read from the environment: %1\n")
              .arg(names.join(QLatin1String(", ")));
}

} // namespace

Result<QString> generateCode(const Request &request, CodeLanguage language)
{
    return generateCode(request, language, CodeAuthExtras(), SecretReferences());
}

Result<QString> generateCode(const Request &request, CodeLanguage language,
                             const SecretReferences &secrets)
{
    return generateCode(request, language, CodeAuthExtras(), secrets);
}

Result<QString> generateCode(const Request &request, CodeLanguage language,
                             const CodeAuthExtras &extras, const SecretReferences &secrets)
{
    if (!isToken(request.method)) {
        return Error {QStringLiteral("invalid-request"),
                      QStringLiteral("\"%1\" is not a valid HTTP method. Use a single word of "
                                     "letters, digits or dashes, such as GET, POST or PURGE.")
                          .arg(request.method)};
    }
    if (!codeLanguages().contains(language)) {
        return Error {QStringLiteral("invalid-language"),
                      QStringLiteral("This code language is not supported.")};
    }
    // A GraphQL body becomes the JSON POST (or GET with query parameters) it stands for.
    const Result<Request> lowered = graphQlAsHttp(request);
    if (!lowered)
        return lowered.error();
    Spec spec = makeSpec(lowered.value());
    spec.extras = extras;
    QStringList used;
    t_secrets = &secrets;
    t_usedSecrets = &used;
    QString code = generateFor(spec, language);
    t_secrets = nullptr;
    t_usedSecrets = nullptr;
    if (used.isEmpty())
        return code;
    if (language == CodeLanguage::PythonRequests)
        code.replace(QLatin1String("import json\n"), QLatin1String("import json\nimport os\n"));
    return QString(secretsComment(language, used) + code);
}

} // namespace Patchbay::Core
