#include "core/interop/curlimport.h"

#include "core/interop/curlnetwork.h"

#include <QUrl>

#include <algorithm>
#include <limits>
#include <optional>

namespace Patchbay::Core {

namespace {

bool isNewlineAt(const QString &s, qsizetype i)
{
    return i < s.size()
        && (s.at(i) == u'\n' || (s.at(i) == u'\r' && i + 1 < s.size() && s.at(i + 1) == u'\n'));
}

// Index just past the newline starting at i (which isNewlineAt).
qsizetype skipNewline(const QString &s, qsizetype i)
{
    return s.at(i) == u'\r' ? i + 2 : i + 1;
}

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

// Reads up to maxDigits hex digits at i; returns the value and advances i, or nullopt if none.
std::optional<uint> readHex(const QString &s, qsizetype &i, int maxDigits)
{
    uint value = 0;
    int digits = 0;
    while (digits < maxDigits && i < s.size() && hexValue(s.at(i)) >= 0) {
        value = value * 16 + uint(hexValue(s.at(i)));
        ++i;
        ++digits;
    }
    if (digits == 0)
        return std::nullopt;
    return value;
}

void appendCodePoint(QString &out, uint codePoint)
{
    const char32_t c = char32_t(codePoint);
    out += QString::fromUcs4(&c, 1);
}

// Windows cmd (Chrome's "Copy as cURL (cmd)") escapes with ^: ^" is a quote curl sees, ^^ is ^,
// ^ before a newline continues the line. Dropping the carets leaves a line the POSIX rules read.
QString uncaretCmdLine(const QString &command)
{
    QString out;
    out.reserve(command.size());
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (c == u'^' && i + 1 < command.size()) {
            if (isNewlineAt(command, i + 1)) {
                i = skipNewline(command, i + 1) - 1;
                out += u' ';
            } else {
                out += command.at(++i);
            }
            continue;
        }
        out += c;
    }
    return out;
}

// A caret is cmd.exe's escape only where a POSIX shell would not quote it: bash keeps "^" and
// a newline inside '...' (and "...") as they are, so those never make a command cmd-style.
bool isCmdStyle(const QString &command)
{
    bool inSingle = false;
    bool inDouble = false;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (inSingle) {
            inSingle = c != u'\'';
            continue;
        }
        if (c == u'\\') {
            ++i; // an escaped character, also inside double quotes
            continue;
        }
        if (inDouble) {
            inDouble = c != u'"';
            continue;
        }
        if (c == u'\'') {
            inSingle = true;
        } else if (c == u'"') {
            inDouble = true;
        } else if (c == u'^' && i + 1 < command.size()) {
            // "^" before a newline continues the line; a one-line cmd copy still quotes with
            // ^"...^".
            if (isNewlineAt(command, i + 1) || command.at(i + 1) == u'"')
                return true;
        }
    }
    return false;
}

} // namespace

bool isCurlWord(const QString &word)
{
    QString name = word.section(u'/', -1).section(u'\\', -1).toLower();
    if (name.endsWith(QLatin1String(".exe")))
        name.chop(4);
    return name == QLatin1String("curl");
}

namespace {

struct Option
{
    QString canonical; // long name without dashes
    bool takesArgument = false;
};

// Short and long spellings of the options this importer understands or deliberately accepts.
std::optional<Option> lookupOption(const QString &name)
{
    struct Entry
    {
        const char *shortName;
        const char *longName;
        bool takesArgument;
    };
    static const Entry entries[] = {
        {"X", "request", true},
        {"H", "header", true},
        {"d", "data", true},
        {nullptr, "data-ascii", true},
        {nullptr, "data-raw", true},
        {nullptr, "data-binary", true},
        {nullptr, "data-urlencode", true},
        {nullptr, "json", true},
        {"F", "form", true},
        {nullptr, "form-string", true},
        {"u", "user", true},
        {"b", "cookie", true},
        {"A", "user-agent", true},
        {"e", "referer", true},
        {"k", "insecure", false},
        {"L", "location", false},
        {nullptr, "max-redirs", true},
        {"G", "get", false},
        {"I", "head", false},
        {"T", "upload-file", true},
        {nullptr, "url", true},
        {"m", "max-time", true},
        {nullptr, "oauth2-bearer", true},
        {nullptr, "basic", false},
        // Network settings of the request (core/interop/curlnetwork.h).
        {"x", "proxy", true},
        {"U", "proxy-user", true},
        {nullptr, "noproxy", true},
        {nullptr, "cacert", true},
        {nullptr, "capath", true},
        {"E", "cert", true},
        {nullptr, "cert-type", true},
        {nullptr, "key", true},
        {nullptr, "pass", true},
        {nullptr, "http1.1", false},
        // Accepted: they change what curl prints, not the request.
        {nullptr, "compressed", false},
        {"s", "silent", false},
        {"S", "show-error", false},
        {"v", "verbose", false},
        {"i", "include", false},
        {"f", "fail", false},
        {nullptr, "fail-with-body", false},
        {"#", "progress-bar", false},
        {"N", "no-buffer", false},
        // Known but not carried over: reported, and their argument is skipped.
        {"o", "output", true},
        {"w", "write-out", true},
        {nullptr, "connect-timeout", true},
        {nullptr, "retry", true},
        {nullptr, "resolve", true},
        {"c", "cookie-jar", true},
        {"D", "dump-header", true},
        {nullptr, "limit-rate", true},
        {"O", "remote-name", false},
        {nullptr, "http1.0", false},
        {nullptr, "http2", false},
        {nullptr, "http2-prior-knowledge", false},
        {nullptr, "path-as-is", false},
    };
    const bool isShort = name.size() == 1;
    for (const Entry &e : entries) {
        if (isShort ? (e.shortName && name == QLatin1String(e.shortName))
                    : name == QLatin1String(e.longName))
            return Option {QString::fromLatin1(e.longName), e.takesArgument};
    }
    return std::nullopt;
}

bool isSilentlyAccepted(const QString &canonical)
{
    static const QStringList names = {
        QStringLiteral("compressed"),     QStringLiteral("silent"),
        QStringLiteral("show-error"),     QStringLiteral("verbose"),
        QStringLiteral("include"),        QStringLiteral("fail"),
        QStringLiteral("fail-with-body"), QStringLiteral("progress-bar"),
        QStringLiteral("no-buffer"),      QStringLiteral("basic"),
    };
    return names.contains(canonical);
}

qsizetype findHeader(const KeyValueList &headers, QStringView name)
{
    for (qsizetype i = headers.size() - 1; i >= 0; --i) {
        if (headers.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

void setHeaderIfAbsent(KeyValueList &headers, const QString &name, const QString &value)
{
    if (findHeader(headers, name) < 0)
        headers.append({name, value, true});
}

QString percentEncode(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString formDecode(QString text)
{
    text.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(text.toUtf8());
}

bool looksLikeJson(const QString &text)
{
    const QString t = text.trimmed();
    return (t.startsWith(u'{') && t.endsWith(u'}')) || (t.startsWith(u'[') && t.endsWith(u']'));
}

// name=value&name=value with nothing that would not survive being decoded and re-encoded.
std::optional<KeyValueList> parseFormFields(const QString &data)
{
    if (data.isEmpty())
        return std::nullopt;
    KeyValueList fields;
    const QStringList pairs = data.split(u'&');
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0)
            return std::nullopt;
        const QString name = pair.left(eq);
        const QString value = pair.mid(eq + 1);
        static const QString unsafe = QStringLiteral(" {}[]\"\n\r\t");
        for (const QChar c : pair) {
            if (unsafe.contains(c))
                return std::nullopt;
        }
        fields.append({formDecode(name), formDecode(value), true});
    }
    return fields;
}

// One --data-urlencode argument, encoded as curl does.
QString urlEncodeDataArgument(const QString &arg, QStringList &warnings)
{
    const qsizetype eq = arg.indexOf(u'=');
    const qsizetype at = arg.indexOf(u'@');
    if (at >= 0 && (eq < 0 || at < eq)) {
        warnings << QStringLiteral("--data-urlencode %1: reading a file is not supported; the text "
                                   "was sent as it is")
                        .arg(arg);
        return percentEncode(arg);
    }
    if (eq < 0)
        return percentEncode(arg);
    if (eq == 0)
        return percentEncode(arg.mid(1));
    return arg.left(eq) + u'=' + percentEncode(arg.mid(eq + 1));
}

struct FormPart
{
    MultipartField field;
    bool ok = true;
};

FormPart parseFormArgument(const QString &arg, bool literal)
{
    FormPart part;
    const qsizetype eq = arg.indexOf(u'=');
    if (eq <= 0) {
        part.ok = false;
        return part;
    }
    part.field.name = arg.left(eq);
    QString value = arg.mid(eq + 1);
    if (!literal && (value.startsWith(u'@') || value.startsWith(u'<'))) {
        // @file uploads the file; <file would inline it as text, which a file part approximates.
        const QStringList pieces = value.mid(1).split(u';');
        part.field.isFile = true;
        part.field.value = pieces.value(0);
        for (qsizetype i = 1; i < pieces.size(); ++i) {
            const QString piece = pieces.at(i).trimmed();
            if (piece.startsWith(QLatin1String("type="), Qt::CaseInsensitive))
                part.field.contentType = piece.mid(5);
        }
        return part;
    }
    if (!literal) {
        const qsizetype typeAt = value.indexOf(QLatin1String(";type="), 0, Qt::CaseInsensitive);
        if (typeAt >= 0) {
            part.field.contentType = value.mid(typeAt + 6);
            value.truncate(typeAt);
        }
    }
    part.field.value = value;
    return part;
}

} // namespace

bool looksLikeCurlCommand(const QString &text)
{
    const QString trimmed = text.trimmed();
    qsizetype end = 0;
    while (end < trimmed.size() && !trimmed.at(end).isSpace())
        ++end;
    QString first = trimmed.left(end);
    if (first.startsWith(u'"') && first.endsWith(u'"') && first.size() > 1)
        first = first.mid(1, first.size() - 2);
    return isCurlWord(first);
}

Result<QStringList> splitShellWords(const QString &input)
{
    const QString s = isCmdStyle(input) ? uncaretCmdLine(input) : input;
    QStringList words;
    QString word;
    bool inWord = false;
    qsizetype i = 0;
    const auto unterminated = [](const QString &what) {
        return Error {QStringLiteral("unterminated-quote"),
                      QStringLiteral("The command has an unterminated %1 quote: check that every "
                                     "quote is closed.")
                          .arg(what)};
    };

    while (i < s.size()) {
        const QChar c = s.at(i);
        if (c == u'\\' || c == u'`') {
            // Line continuation: bash (\) or PowerShell (`).
            if (isNewlineAt(s, i + 1)) {
                i = skipNewline(s, i + 1);
                continue;
            }
            if (c == u'`') {
                word += c;
                inWord = true;
                ++i;
                continue;
            }
            if (i + 1 < s.size()) {
                word += s.at(i + 1);
                inWord = true;
                i += 2;
            } else {
                ++i;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord) {
                words << word;
                word.clear();
                inWord = false;
            }
            ++i;
            continue;
        }
        if (c == u'\'') {
            const qsizetype close = s.indexOf(u'\'', i + 1);
            if (close < 0)
                return unterminated(QStringLiteral("single"));
            word += s.mid(i + 1, close - i - 1);
            inWord = true;
            i = close + 1;
            continue;
        }
        if (c == u'"') {
            inWord = true;
            ++i;
            bool closed = false;
            while (i < s.size()) {
                const QChar d = s.at(i);
                if (d == u'"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == u'\\' && i + 1 < s.size()) {
                    const QChar next = s.at(i + 1);
                    if (isNewlineAt(s, i + 1)) {
                        i = skipNewline(s, i + 1);
                        continue;
                    }
                    if (next == u'"' || next == u'\\' || next == u'$' || next == u'`') {
                        word += next;
                        i += 2;
                        continue;
                    }
                }
                word += d;
                ++i;
            }
            if (!closed)
                return unterminated(QStringLiteral("double"));
            continue;
        }
        if (c == u'$' && i + 1 < s.size() && s.at(i + 1) == u'\'') {
            inWord = true;
            i += 2;
            bool closed = false;
            while (i < s.size()) {
                const QChar d = s.at(i);
                if (d == u'\'') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d != u'\\' || i + 1 >= s.size()) {
                    word += d;
                    ++i;
                    continue;
                }
                const QChar e = s.at(i + 1);
                i += 2;
                switch (e.unicode()) {
                case 'n':
                    word += u'\n';
                    break;
                case 't':
                    word += u'\t';
                    break;
                case 'r':
                    word += u'\r';
                    break;
                case 'a':
                    word += QChar(0x07);
                    break;
                case 'b':
                    word += QChar(0x08);
                    break;
                case 'e':
                case 'E':
                    word += QChar(0x1b);
                    break;
                case 'f':
                    word += QChar(0x0c);
                    break;
                case 'v':
                    word += QChar(0x0b);
                    break;
                case '\\':
                case '\'':
                case '"':
                case '?':
                    word += e;
                    break;
                case 'x': {
                    const auto v = readHex(s, i, 2);
                    if (v)
                        appendCodePoint(word, *v);
                    else
                        word += QLatin1String("\\x");
                    break;
                }
                case 'u':
                case 'U': {
                    const auto v = readHex(s, i, e == u'u' ? 4 : 8);
                    if (v)
                        appendCodePoint(word, *v);
                    else
                        word += u'\\' + QString(e);
                    break;
                }
                default:
                    if (e >= u'0' && e <= u'7') {
                        uint v = uint(e.unicode() - u'0');
                        for (int n = 0; n < 2 && i < s.size() && s.at(i) >= u'0' && s.at(i) <= u'7';
                             ++n, ++i)
                            v = v * 8 + uint(s.at(i).unicode() - u'0');
                        appendCodePoint(word, v);
                    } else {
                        word += u'\\';
                        word += e;
                    }
                }
            }
            if (!closed)
                return unterminated(QStringLiteral("$'...'"));
            continue;
        }
        word += c;
        inWord = true;
        ++i;
    }
    if (inWord)
        words << word;
    return words;
}

Result<CurlImport> parseCurlCommand(const QString &command)
{
    const Result<QStringList> split = splitShellWords(command);
    if (!split)
        return split.error();
    return parseCurlWords(split.value());
}

Result<CurlImport> parseCurlWords(const QStringList &words, const std::optional<QString> &input)
{
    if (words.isEmpty() || !isCurlWord(words.first())) {
        return Error {QStringLiteral("not-curl"),
                      QStringLiteral("This is not a curl command: it should start with \"curl\".")};
    }

    CurlImport result;
    Request &request = result.request;
    QStringList &warnings = result.warnings;
    request.settings.followRedirects = false; // curl follows only with -L

    QString explicitMethod;
    QStringList dataParts;
    enum class DataKind { None, Plain, Binary, Json };
    DataKind dataKind = DataKind::None;
    QString dataFile; // -d @file / --data-binary @file
    QList<MultipartField> formParts;
    QString uploadFile;
    bool getMode = false;
    bool headMode = false;
    QStringList positionals;
    CurlNetworkOptions networkOptions;

    const auto missingArgument = [](const QString &option) {
        return Error {QStringLiteral("missing-argument"),
                      QStringLiteral("The option %1 needs a value after it.").arg(option)};
    };

    const auto apply = [&](const Option &option, const QString &spelled, const QString &arg) {
        const QString &name = option.canonical;
        if (name == QLatin1String("request")) {
            explicitMethod = arg;
        } else if (name == QLatin1String("header")) {
            const qsizetype colon = arg.indexOf(u':');
            if (colon < 0) {
                if (arg.endsWith(u';')) {
                    request.headers.append({arg.chopped(1).trimmed(), QString(), true});
                } else {
                    warnings
                        << QStringLiteral("Ignored the header \"%1\": it has no colon.").arg(arg);
                }
                return;
            }
            const QString headerName = arg.left(colon).trimmed();
            const QString value = arg.mid(colon + 1).trimmed();
            if (value.isEmpty()) {
                warnings << QStringLiteral("Ignored \"%1\": in curl it removes a default header.")
                                .arg(arg);
                return;
            }
            request.headers.append({headerName, value, true});
        } else if (name == QLatin1String("data") || name == QLatin1String("data-ascii")
                   || name == QLatin1String("data-raw") || name == QLatin1String("data-binary")) {
            const bool fileAllowed = name != QLatin1String("data-raw");
            if (fileAllowed && arg == QLatin1String("@-") && input) {
                dataParts << (name == QLatin1String("data-binary") ? *input
                                                                   : QString(*input).remove(u'\n'));
            } else if (fileAllowed && arg.startsWith(u'@')) {
                dataFile = arg.mid(1);
                if (name != QLatin1String("data-binary"))
                    warnings << QStringLiteral("%1 @file strips newlines from the file; Patchbay "
                                               "sends the file as it is.")
                                    .arg(spelled);
            } else {
                dataParts << arg;
            }
            if (name == QLatin1String("data-binary") && dataKind != DataKind::Json)
                dataKind = DataKind::Binary;
            else if (dataKind == DataKind::None)
                dataKind = DataKind::Plain;
        } else if (name == QLatin1String("data-urlencode")) {
            dataParts << urlEncodeDataArgument(arg, warnings);
            if (dataKind == DataKind::None)
                dataKind = DataKind::Plain;
        } else if (name == QLatin1String("json")) {
            if (arg == QLatin1String("@-") && input)
                dataParts << *input;
            else if (arg.startsWith(u'@'))
                dataFile = arg.mid(1);
            else
                dataParts << arg;
            dataKind = DataKind::Json;
        } else if (name == QLatin1String("form") || name == QLatin1String("form-string")) {
            const FormPart part = parseFormArgument(arg, name == QLatin1String("form-string"));
            if (part.ok)
                formParts << part.field;
            else
                warnings
                    << QStringLiteral("Ignored %1 \"%2\": expected name=value.").arg(spelled, arg);
        } else if (name == QLatin1String("user")) {
            request.auth.mode = AuthMode::Basic;
            const qsizetype colon = arg.indexOf(u':');
            if (colon < 0) {
                request.auth.username = arg;
                request.auth.password.clear();
                warnings << QStringLiteral("%1 has no password; curl would prompt for it. Enter it "
                                           "in the Auth tab.")
                                .arg(spelled);
            } else {
                request.auth.username = arg.left(colon);
                request.auth.password = arg.mid(colon + 1);
            }
        } else if (name == QLatin1String("oauth2-bearer")) {
            request.auth = Auth {};
            request.auth.mode = AuthMode::Bearer;
            request.auth.token = arg;
        } else if (name == QLatin1String("cookie")) {
            if (!arg.contains(u'=')) {
                warnings << QStringLiteral("Ignored %1 %2: a request does not read a cookie "
                                           "file; import it into the workspace's jar (Tools → "
                                           "Cookies → Import cookies.txt).")
                                .arg(spelled, arg);
                return;
            }
            const qsizetype existing = findHeader(request.headers, u"Cookie");
            if (existing >= 0)
                request.headers[existing].value += QLatin1String("; ") + arg;
            else
                request.headers.append({QStringLiteral("Cookie"), arg, true});
        } else if (name == QLatin1String("user-agent")) {
            request.headers.append({QStringLiteral("User-Agent"), arg, true});
        } else if (name == QLatin1String("referer")) {
            request.headers.append({QStringLiteral("Referer"), arg, true});
        } else if (name == QLatin1String("insecure")) {
            request.settings.verifyTls = false;
        } else if (name == QLatin1String("location")) {
            request.settings.followRedirects = true;
        } else if (name == QLatin1String("max-redirs")) {
            bool ok = false;
            const int hops = arg.toInt(&ok);
            if (ok && hops >= 0)
                request.settings.maxRedirects = hops;
            else
                warnings << QStringLiteral("Ignored %1 %2: not a number.").arg(spelled, arg);
        } else if (name == QLatin1String("get")) {
            getMode = true;
        } else if (name == QLatin1String("head")) {
            headMode = true;
        } else if (name == QLatin1String("upload-file")) {
            uploadFile = arg;
        } else if (name == QLatin1String("url")) {
            positionals.prepend(arg);
        } else if (name == QLatin1String("max-time")) {
            bool ok = false;
            const double seconds = arg.toDouble(&ok);
            if (ok && seconds >= 0) // longer than int milliseconds hold: as long as they do
                request.settings.timeoutMs
                    = int(std::min(seconds * 1000, double(std::numeric_limits<int>::max())));
            else
                warnings << QStringLiteral("Ignored %1 %2: not a number.").arg(spelled, arg);
        } else if (applyCurlNetworkOption(name, spelled, arg, request.settings, networkOptions,
                                          warnings)) {
            // kept in the request's settings
        } else if (!isSilentlyAccepted(name)) {
            warnings
                << (option.takesArgument
                        ? QStringLiteral("Ignored %1 %2: not supported by Patchbay.")
                              .arg(spelled, arg)
                        : QStringLiteral("Ignored %1: not supported by Patchbay.").arg(spelled));
        }
    };

    bool optionsEnded = false;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &word = words.at(i);
        if (optionsEnded || !word.startsWith(u'-') || word == QLatin1String("-")) {
            positionals << word;
            continue;
        }
        if (word == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (word.startsWith(QLatin1String("--"))) {
            QString longName = word.mid(2);
            // --no-foo switches a boolean off; only the ones we know matter.
            if (longName == QLatin1String("no-location")) {
                request.settings.followRedirects = false;
                continue;
            }
            if (longName == QLatin1String("no-insecure")) {
                request.settings.verifyTls = true;
                continue;
            }
            const std::optional<Option> option = lookupOption(longName);
            if (!option) {
                warnings << QStringLiteral("Ignored unknown option %1.").arg(word);
                continue;
            }
            QString arg;
            if (option->takesArgument) {
                if (i + 1 >= words.size())
                    return missingArgument(word);
                arg = words.at(++i);
            }
            apply(*option, word, arg);
            continue;
        }
        // Short options, possibly bundled (-sSL) or with an attached value (-XPUT).
        for (qsizetype k = 1; k < word.size(); ++k) {
            const QString letter = word.mid(k, 1);
            const std::optional<Option> option = lookupOption(letter);
            if (!option) {
                warnings << QStringLiteral("Ignored unknown option -%1.").arg(letter);
                continue;
            }
            QString arg;
            if (option->takesArgument) {
                if (k + 1 < word.size()) {
                    arg = word.mid(k + 1);
                } else {
                    if (i + 1 >= words.size())
                        return missingArgument(QLatin1Char('-') + letter);
                    arg = words.at(++i);
                }
                apply(*option, QLatin1Char('-') + letter, arg);
                break;
            }
            apply(*option, QLatin1Char('-') + letter, arg);
        }
    }

    finishCurlNetworkOptions(request.settings, networkOptions, warnings);

    // The URL: the first word that has a scheme, else the first positional word.
    qsizetype urlIndex = -1;
    for (qsizetype i = 0; i < positionals.size(); ++i) {
        if (positionals.at(i).contains(QLatin1String("://"))) {
            urlIndex = i;
            break;
        }
    }
    if (urlIndex < 0 && !positionals.isEmpty())
        urlIndex = 0;
    if (urlIndex < 0) {
        return Error {QStringLiteral("no-url"),
                      QStringLiteral("The curl command has no URL: add one after \"curl\".")};
    }
    request.url = positionals.at(urlIndex);
    for (qsizetype i = 0; i < positionals.size(); ++i) {
        if (i != urlIndex)
            warnings << QStringLiteral("Ignored the extra argument \"%1\".").arg(positionals.at(i));
    }

    QString method;
    const bool hasData = dataKind != DataKind::None;
    if (getMode && hasData) {
        if (!dataFile.isEmpty())
            warnings << QStringLiteral(
                "-G with a data file is not supported: the file was ignored.");
        const QString query = dataParts.join(u'&');
        if (!query.isEmpty())
            request.url += (request.url.contains(u'?') ? u'&' : u'?') + query;
        method = QStringLiteral("GET");
    } else if (hasData) {
        method = QStringLiteral("POST");
        const qsizetype ctIndex = findHeader(request.headers, u"Content-Type");
        if (dataKind == DataKind::Json) {
            if (ctIndex < 0)
                request.headers.append(
                    {QStringLiteral("Content-Type"), QStringLiteral("application/json"), true});
            setHeaderIfAbsent(request.headers, QStringLiteral("Accept"),
                              QStringLiteral("application/json"));
        }
        const qsizetype typeIndex = findHeader(request.headers, u"Content-Type");
        const QString contentType
            = typeIndex >= 0 ? request.headers.at(typeIndex).value : QString();
        const QString mime = contentType.section(u';', 0, 0).trimmed().toLower();
        // curl joins -d arguments with &, but --json arguments are concatenated.
        const QString text
            = dataParts.join(dataKind == DataKind::Json ? QString() : QStringLiteral("&"));
        RequestBody &body = request.body;
        const auto dropContentType = [&] {
            const qsizetype index = findHeader(request.headers, u"Content-Type");
            if (index >= 0)
                request.headers.removeAt(index);
        };

        if (!dataFile.isEmpty()) {
            body.mode = BodyMode::BinaryFile;
            body.filePath = dataFile;
            body.contentType = contentType.isEmpty() && dataKind != DataKind::Binary
                ? QStringLiteral("application/x-www-form-urlencoded")
                : contentType;
            dropContentType();
            if (!text.isEmpty())
                warnings << QStringLiteral("Data given next to a data file was ignored.");
        } else if (mime.contains(QLatin1String("json")) && looksLikeJson(text)) {
            body.mode = BodyMode::Json;
            body.text = text;
            // Json mode sends application/json by itself; a more specific type stays a header.
            if (mime == QLatin1String("application/json")
                && contentType.trimmed().size() == mime.size())
                dropContentType();
        } else if (mime.isEmpty() || mime == QLatin1String("application/x-www-form-urlencoded")) {
            if (const auto fields = parseFormFields(text)) {
                body.mode = BodyMode::FormUrlEncoded;
                body.formFields = *fields;
                dropContentType();
            } else {
                body.mode = BodyMode::Text;
                body.text = text;
                body.contentType = contentType.isEmpty()
                    ? QStringLiteral("application/x-www-form-urlencoded")
                    : contentType;
                dropContentType();
                if (mime.isEmpty() && looksLikeJson(text)) {
                    warnings << QStringLiteral("The body looks like JSON but the command sets no "
                                               "Content-Type, so curl would send it as "
                                               "application/x-www-form-urlencoded. Choose JSON "
                                               "in the Body tab if the server expects JSON.");
                }
            }
        } else {
            body.mode = BodyMode::Text;
            body.text = text;
            body.contentType = contentType;
            dropContentType();
        }
    } else if (!formParts.isEmpty()) {
        method = QStringLiteral("POST");
        request.body.mode = BodyMode::Multipart;
        request.body.multipartFields = formParts;
        const qsizetype ctIndex = findHeader(request.headers, u"Content-Type");
        if (ctIndex >= 0
            && request.headers.at(ctIndex).value.startsWith(QLatin1String("multipart/form-data"),
                                                            Qt::CaseInsensitive))
            request.headers.removeAt(ctIndex); // the boundary is chosen when sending
    } else if (!uploadFile.isEmpty()) {
        method = QStringLiteral("PUT");
        request.body.mode = BodyMode::BinaryFile;
        request.body.filePath = uploadFile;
        const qsizetype ctIndex = findHeader(request.headers, u"Content-Type");
        if (ctIndex >= 0) {
            request.body.contentType = request.headers.at(ctIndex).value;
            request.headers.removeAt(ctIndex);
        }
    } else {
        method = headMode ? QStringLiteral("HEAD") : QStringLiteral("GET");
    }
    if (hasData && !formParts.isEmpty())
        warnings << QStringLiteral("-F cannot be combined with -d: the form fields were ignored.");
    if (headMode && method != QLatin1String("HEAD") && explicitMethod.isEmpty())
        warnings << QStringLiteral("-I was ignored because the command also sends a body.");

    request.method = explicitMethod.isEmpty() ? method : explicitMethod;
    return result;
}

} // namespace Patchbay::Core
