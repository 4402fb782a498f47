#include "core/collections/collectionformat.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include "core/collections/canonicalyaml.h"

#include <optional>
#include <string>
#include <type_traits>

namespace Patchbay::Core {

namespace {

// ---------------------------------------------------------------------------------------------
// Writing

bool isForbiddenChar(char32_t c)
{
    // Characters YAML cannot hold literally (or treats as line breaks): escape them.
    if (c < 0x20 || c == 0x7f)
        return true;
    if (c >= 0x80 && c <= 0x9f)
        return true;
    return c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0xfffe || c == 0xffff
        || (c >= 0xd800 && c <= 0xdfff);
}

// Code points of `text`, with lone surrogates kept as themselves so that they get escaped.
template<typename Fn> void forEachCodePoint(QStringView text, Fn fn)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            fn(QChar::surrogateToUcs4(ch, text.at(i + 1)));
            ++i;
        } else {
            fn(char32_t(ch.unicode()));
        }
    }
}

bool hasOnlyPrintable(QStringView text, bool allowNewlineAndTab)
{
    bool ok = true;
    forEachCodePoint(text, [&](char32_t c) {
        if (allowNewlineAndTab && (c == u'\n' || c == u'\t'))
            return;
        if (isForbiddenChar(c))
            ok = false;
    });
    return ok;
}

// Plain scalars another YAML tool would read as null, a boolean, a number or a date are quoted,
// so that the file means the same text everywhere.
bool looksLikeNonString(const QString &s)
{
    static const QStringList words = {
        QStringLiteral("null"),  QStringLiteral("~"),    QStringLiteral("true"),
        QStringLiteral("false"), QStringLiteral("yes"),  QStringLiteral("no"),
        QStringLiteral("on"),    QStringLiteral("off"),  QStringLiteral("y"),
        QStringLiteral("n"),     QStringLiteral(".inf"), QStringLiteral("-.inf"),
        QStringLiteral("+.inf"), QStringLiteral(".nan"),
    };
    if (words.contains(s, Qt::CaseInsensitive))
        return true;
    static const QRegularExpression number(QStringLiteral(
        "^[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
        "|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?)$"
        "|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"));
    return number.match(s).hasMatch();
}

bool isPlainSafe(const QString &s)
{
    if (s.isEmpty())
        return false;
    static const QString indicators = QStringLiteral("-?:,[]{}#&*!|>'\"%@`<= \t");
    if (indicators.contains(s.at(0)))
        return false;
    const QChar last = s.back();
    if (last == u' ' || last == u':' || last == u'\t')
        return false;
    if (s.contains(QLatin1String(": ")) || s.contains(QLatin1String(" #")) || s.contains(u'\t'))
        return false;
    if (!hasOnlyPrintable(s, false))
        return false;
    return !looksLikeNonString(s);
}

QByteArray singleQuoted(const QString &s)
{
    QString out = s;
    out.replace(u'\'', QLatin1String("''"));
    return '\'' + out.toUtf8() + '\'';
}

QByteArray doubleQuoted(const QString &s)
{
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    forEachCodePoint(s, [&](char32_t c) {
        switch (c) {
        case u'"':
            out += "\\\"";
            return;
        case u'\\':
            out += "\\\\";
            return;
        case u'\n':
            out += "\\n";
            return;
        case u'\t':
            out += "\\t";
            return;
        case u'\r':
            out += "\\r";
            return;
        case 0:
            out += "\\0";
            return;
        default:
            break;
        }
        if (c >= 0xd800 && c <= 0xdfff) {
            // A lone surrogate has no UTF-8 form; keep the file valid.
            out += "\\ufffd";
            return;
        }
        if (isForbiddenChar(c)) {
            out += "\\u" + QByteArray::number(uint(c), 16).rightJustified(4, '0');
            return;
        }
        const char32_t one[1] = {c};
        out += QString::fromUcs4(one, 1).toUtf8();
    });
    out += '"';
    return out;
}

// A literal block keeps multi-line text readable in a diff. Only used when it round-trips.
bool canBeLiteralBlock(const QString &s)
{
    if (!s.contains(u'\n') || s.contains(u'\r'))
        return false;
    if (!hasOnlyPrintable(s, true))
        return false;
    // Needs some content that is not a line break, or there is nothing to indent.
    bool hasContent = false;
    for (const QChar ch : s) {
        if (ch != u'\n') {
            hasContent = true;
            break;
        }
    }
    if (!hasContent)
        return false;
    // Tabs at the start of a line confuse some parsers' indentation detection.
    const QStringList lines = s.split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(u'\t'))
            return false;
    }
    return true;
}

class YamlWriter
{
public:
    // `column` is where the key starts; `dash` puts "- " before it (first key of a list item).
    void key(int column, bool dash, const char *name)
    {
        if (dash) {
            m_out += QByteArray(column - 2, ' ');
            m_out += "- ";
        } else {
            m_out += QByteArray(column, ' ');
        }
        m_out += name;
        m_out += ':';
    }

    void section(int column, const char *name)
    {
        key(column, false, name);
        m_out += '\n';
    }

    void integer(int column, bool dash, const char *name, qint64 value)
    {
        key(column, dash, name);
        m_out += ' ' + QByteArray::number(value) + '\n';
    }

    void boolean(int column, bool dash, const char *name, bool value)
    {
        key(column, dash, name);
        m_out += value ? " true\n" : " false\n";
    }

    void string(int column, bool dash, const char *name, const QString &value)
    {
        key(column, dash, name);
        if (value.isEmpty()) {
            m_out += " ''\n";
        } else if (canBeLiteralBlock(value)) {
            literalBlock(column, value);
        } else if (isPlainSafe(value)) {
            m_out += ' ' + value.toUtf8() + '\n';
        } else if (!value.contains(u'\n') && hasOnlyPrintable(value, false)) {
            m_out += ' ' + singleQuoted(value) + '\n';
        } else {
            m_out += ' ' + doubleQuoted(value) + '\n';
        }
    }

    QByteArray take() { return std::move(m_out); }

private:
    void literalBlock(int column, const QString &value)
    {
        qsizetype end = value.size();
        while (end > 0 && value.at(end - 1) == u'\n')
            --end;
        const qsizetype trailing = value.size() - end;
        const QStringView content = QStringView(value).left(end);
        m_out += " |";
        // An explicit indentation indicator when the first line starts with a space or is empty,
        // since the parser would otherwise guess the indentation from it.
        if (content.startsWith(u' ') || content.startsWith(u'\n'))
            m_out += '2';
        m_out += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
        m_out += '\n';
        const QByteArray indent(column + 2, ' ');
        for (const QStringView line : content.split(u'\n')) {
            if (!line.isEmpty())
                m_out += indent + line.toUtf8();
            m_out += '\n';
        }
        for (qsizetype i = 1; i < trailing; ++i)
            m_out += '\n';
    }

    QByteArray m_out;
};

void writeKeyValues(YamlWriter &w, int column, const char *name, const KeyValueList &rows)
{
    if (rows.isEmpty())
        return;
    w.section(column, name);
    const int item = column + 4;
    for (const KeyValue &row : rows) {
        w.string(item, true, "name", row.name);
        w.string(item, false, "value", row.value);
        if (!row.enabled)
            w.boolean(item, false, "enabled", false);
    }
}

void writeVariables(YamlWriter &w, int column, const VariableList &variables)
{
    if (variables.isEmpty())
        return;
    w.section(column, "variables");
    const int item = column + 4;
    for (const Variable &v : variables) {
        w.string(item, true, "name", v.name);
        if (v.secret)
            w.boolean(item, false, "secret", true);
        else
            w.string(item, false, "value", v.value);
        if (!v.enabled)
            w.boolean(item, false, "enabled", false);
    }
}

void writeAuth(YamlWriter &w, int column, const Auth &auth)
{
    if (auth == Auth {})
        return;
    w.section(column, "auth");
    const int c = column + 2;
    w.string(c, false, "mode", authModeName(auth.mode));
    if (!auth.username.isEmpty())
        w.string(c, false, "username", auth.username);
    if (!auth.password.isEmpty())
        w.string(c, false, "password", auth.password);
    if (!auth.token.isEmpty())
        w.string(c, false, "token", auth.token);
    if (!auth.keyName.isEmpty())
        w.string(c, false, "key", auth.keyName);
    if (!auth.keyValue.isEmpty())
        w.string(c, false, "value", auth.keyValue);
    if (auth.keyLocation != ApiKeyLocation::Header)
        w.string(c, false, "in", QStringLiteral("query"));
}

void writeBody(YamlWriter &w, const RequestBody &body)
{
    if (body == RequestBody {})
        return;
    w.section(0, "body");
    w.string(2, false, "mode", bodyModeName(body.mode));
    if (!body.contentType.isEmpty())
        w.string(2, false, "contentType", body.contentType);
    if (!body.filePath.isEmpty())
        w.string(2, false, "file", body.filePath);
    writeKeyValues(w, 2, "fields", body.formFields);
    if (!body.multipartFields.isEmpty()) {
        w.section(2, "parts");
        for (const MultipartField &f : body.multipartFields) {
            w.string(6, true, "name", f.name);
            w.string(6, false, "value", f.value);
            if (f.isFile)
                w.boolean(6, false, "file", true);
            if (!f.contentType.isEmpty())
                w.string(6, false, "contentType", f.contentType);
            if (!f.enabled)
                w.boolean(6, false, "enabled", false);
        }
    }
    if (!body.text.isEmpty())
        w.string(2, false, "text", body.text);
}

// Subprotocols are tokens (RFC 6455), so one comma-separated line, as in the header, is
// lossless and keeps the file in the fast reader's subset.
void writeWebSocket(YamlWriter &w, const WebSocketOptions &ws)
{
    if (ws.isEmpty())
        return;
    w.section(0, "websocket");
    if (!ws.subprotocols.isEmpty())
        w.string(2, false, "subprotocols", ws.subprotocols.join(QLatin1String(", ")));
    if (ws.expectMessages != 0)
        w.integer(2, false, "expectMessages", ws.expectMessages);
    if (!ws.messages.isEmpty()) {
        w.section(2, "messages");
        for (const WebSocketMessage &m : ws.messages) {
            w.string(6, true, "name", m.name);
            if (m.payload != WebSocketPayload::Text)
                w.string(6, false, "mode", webSocketPayloadName(m.payload));
            w.string(6, false, "text", m.text);
            if (!m.enabled)
                w.boolean(6, false, "enabled", false);
        }
    }
}

void writeSettings(YamlWriter &w, const RequestSettings &s)
{
    const RequestSettings d;
    if (s == d)
        return;
    w.section(0, "settings");
    if (s.timeoutMs != d.timeoutMs)
        w.integer(2, false, "timeoutMs", s.timeoutMs);
    if (s.followRedirects != d.followRedirects)
        w.boolean(2, false, "followRedirects", s.followRedirects);
    if (s.maxRedirects != d.maxRedirects)
        w.integer(2, false, "maxRedirects", s.maxRedirects);
    if (s.verifyTls != d.verifyTls)
        w.boolean(2, false, "verifyTls", s.verifyTls);
    if (s.streamToFileThreshold != d.streamToFileThreshold)
        w.integer(2, false, "streamToFileThreshold", s.streamToFileThreshold);
    if (s.maxDecompressedBytes != d.maxDecompressedBytes)
        w.integer(2, false, "maxDecompressedBytes", s.maxDecompressedBytes);
}

// Written only when there are some, so files without them keep their bytes.
void writeTests(YamlWriter &w, const QList<Assertion> &assertions, const QList<Capture> &captures)
{
    if (!assertions.isEmpty()) {
        w.section(0, "tests");
        for (const Assertion &a : assertions) {
            w.string(4, true, "kind", assertionKindName(a.kind));
            if (!a.target.isEmpty())
                w.string(4, false, "target", a.target);
            if (!a.expected.isEmpty())
                w.string(4, false, "expected", a.expected);
            if (!a.enabled)
                w.boolean(4, false, "enabled", false);
        }
    }
    if (!captures.isEmpty()) {
        w.section(0, "captures");
        for (const Capture &c : captures) {
            w.string(4, true, "variable", c.variable);
            w.string(4, false, c.source == CaptureSource::Header ? "header" : "json", c.path);
            if (!c.enabled)
                w.boolean(4, false, "enabled", false);
        }
    }
}

// Written only when there is a script, so files without scripts keep their bytes.
void writeScripts(YamlWriter &w, const QString &preRequest, const QString &test)
{
    if (preRequest.isEmpty() && test.isEmpty())
        return;
    w.section(0, "scripts");
    if (!preRequest.isEmpty())
        w.string(2, false, "preRequest", preRequest);
    if (!test.isEmpty())
        w.string(2, false, "test", test);
}

// ---------------------------------------------------------------------------------------------
// Reading. yaml-cpp throws; exceptions never leave this file.

struct FormatError
{
    QString code;
    QString message;
    int line = 0; // 0-based
    int column = 0;
};

// The readers below take either a yaml-cpp node or a CanonicalNode (the fast reader for files
// in the form we write); both offer the same small API.
template<typename Node>
using NodeValue = std::conditional_t<std::is_base_of_v<YAML::Node, Node>, YAML::Node, const Node &>;

template<typename Node> [[noreturn]] void fail(const Node &node, const QString &message)
{
    throw FormatError {QStringLiteral("invalid-format"), message, int(node.Mark().line),
                       int(node.Mark().column)};
}

QString describe(const char *key)
{
    return QLatin1Char('`') + QLatin1String(key) + QLatin1Char('`');
}

QString toQString(const std::string &s)
{
    // QString::fromUtf8 drops a leading byte order mark; a value may start with one.
    if (s.size() >= 3 && s.compare(0, 3, "\xef\xbb\xbf") == 0)
        return QChar(0xfeff) + QString::fromUtf8(s.data() + 3, qsizetype(s.size() - 3));
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The spellings yaml-cpp's convert<bool> accepts.
bool parseBool(const std::string &s, bool &value)
{
    static const char *const yes[]
        = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
    static const char *const no[]
        = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
    for (const char *word : yes) {
        if (s == word) {
            value = true;
            return true;
        }
    }
    for (const char *word : no) {
        if (s == word) {
            value = false;
            return true;
        }
    }
    return false;
}

template<typename Node> QString readString(const Node &map, const char *key)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return {};
    if (!node.IsScalar())
        fail(node, describe(key) + QLatin1String(" must be text"));
    return toQString(node.Scalar());
}

template<typename Node> bool readBool(const Node &map, const char *key, bool fallback)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return fallback;
    bool value = fallback;
    if (!node.IsScalar() || !parseBool(node.Scalar(), value))
        fail(node, describe(key) + QLatin1String(" must be true or false"));
    return value;
}

template<typename Node> qint64 readInt(const Node &map, const char *key, qint64 fallback)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return fallback;
    bool ok = false;
    const qint64 value = node.IsScalar() ? toQString(node.Scalar()).toLongLong(&ok) : 0;
    if (!ok)
        fail(node, describe(key) + QLatin1String(" must be a whole number"));
    return value;
}

template<typename Node> bool hasList(const Node &map, const char *key)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return false;
    if (!node.IsSequence())
        fail(node, describe(key) + QLatin1String(" must be a list"));
    return true;
}

template<typename Node> bool hasMap(const Node &map, const char *key)
{
    NodeValue<Node> node = map[key];
    if (!node || node.IsNull())
        return false;
    if (!node.IsMap())
        fail(node, describe(key) + QLatin1String(" must be a mapping of keys to values"));
    return true;
}

template<typename Node> void requireMapItem(const Node &item, const char *list)
{
    if (!item.IsMap())
        fail(item,
             QLatin1String("each entry of ") + describe(list)
                 + QLatin1String(" must be a mapping (name, value, ...)"));
}

template<typename Node> KeyValueList readKeyValues(const Node &map, const char *key)
{
    KeyValueList rows;
    if (!hasList(map, key))
        return rows;
    NodeValue<Node> list = map[key];
    for (const auto &item : list) {
        requireMapItem(item, key);
        rows.append(
            {readString(item, "name"), readString(item, "value"), readBool(item, "enabled", true)});
    }
    return rows;
}

template<typename Node> VariableList readVariables(const Node &map)
{
    VariableList variables;
    if (!hasList(map, "variables"))
        return variables;
    NodeValue<Node> list = map["variables"];
    for (const auto &item : list) {
        requireMapItem(item, "variables");
        Variable v;
        v.name = readString(item, "name");
        v.secret = readBool(item, "secret", false);
        // A secret's value never comes from a file, even if someone wrote one there.
        if (!v.secret)
            v.value = readString(item, "value");
        v.enabled = readBool(item, "enabled", true);
        variables.append(v);
    }
    return variables;
}

template<typename Node> Auth readAuth(const Node &map)
{
    Auth auth;
    if (!hasMap(map, "auth"))
        return auth;
    NodeValue<Node> node = map["auth"];
    const QString mode = readString(node, "mode");
    if (mode.isEmpty() || mode == QLatin1String("none"))
        auth.mode = AuthMode::None;
    else if (mode == QLatin1String("basic"))
        auth.mode = AuthMode::Basic;
    else if (mode == QLatin1String("bearer"))
        auth.mode = AuthMode::Bearer;
    else if (mode == QLatin1String("apikey"))
        auth.mode = AuthMode::ApiKey;
    else
        fail(node["mode"],
             QLatin1String("unknown auth mode \"") + mode
                 + QLatin1String("\" (expected none, basic, bearer or apikey)"));
    auth.username = readString(node, "username");
    auth.password = readString(node, "password");
    auth.token = readString(node, "token");
    auth.keyName = readString(node, "key");
    auth.keyValue = readString(node, "value");
    const QString in = readString(node, "in");
    if (in.isEmpty() || in == QLatin1String("header"))
        auth.keyLocation = ApiKeyLocation::Header;
    else if (in == QLatin1String("query"))
        auth.keyLocation = ApiKeyLocation::Query;
    else
        fail(node["in"], QLatin1String("`in` must be header or query"));
    return auth;
}

template<typename Node> RequestBody readBody(const Node &map)
{
    RequestBody body;
    if (!hasMap(map, "body"))
        return body;
    NodeValue<Node> node = map["body"];
    const QString mode = readString(node, "mode");
    static const BodyMode modes[]
        = {BodyMode::None,           BodyMode::Json,      BodyMode::Text,
           BodyMode::FormUrlEncoded, BodyMode::Multipart, BodyMode::BinaryFile};
    bool known = mode.isEmpty();
    for (BodyMode m : modes) {
        if (bodyModeName(m) == mode) {
            body.mode = m;
            known = true;
        }
    }
    if (!known)
        fail(node["mode"],
             QLatin1String("unknown body mode \"") + mode
                 + QLatin1String("\" (expected none, json, text, form-urlencoded, "
                                 "multipart or file)"));
    body.contentType = readString(node, "contentType");
    body.filePath = readString(node, "file");
    body.formFields = readKeyValues(node, "fields");
    if (hasList(node, "parts")) {
        NodeValue<Node> parts = node["parts"];
        for (const auto &item : parts) {
            requireMapItem(item, "parts");
            MultipartField f;
            f.name = readString(item, "name");
            f.value = readString(item, "value");
            f.isFile = readBool(item, "file", false);
            f.contentType = readString(item, "contentType");
            f.enabled = readBool(item, "enabled", true);
            body.multipartFields.append(f);
        }
    }
    body.text = readString(node, "text");
    return body;
}

template<typename Node> RequestKind readKind(const Node &map)
{
    const QString name = readString(map, "kind");
    if (name.isEmpty())
        return RequestKind::Http;
    const std::optional<RequestKind> kind = requestKindFromName(name);
    if (!kind)
        fail(map["kind"],
             QLatin1String("unknown request kind \"") + name
                 + QLatin1String("\" (expected http, graphql or websocket)"));
    return *kind;
}

template<typename Node> WebSocketOptions readWebSocket(const Node &map)
{
    WebSocketOptions ws;
    if (!hasMap(map, "websocket"))
        return ws;
    NodeValue<Node> node = map["websocket"];
    for (const QString &name : readString(node, "subprotocols").split(u',')) {
        if (!name.trimmed().isEmpty())
            ws.subprotocols.append(name.trimmed());
    }
    ws.expectMessages = int(qBound(qint64(0), readInt(node, "expectMessages", 0), qint64(1000000)));
    if (hasList(node, "messages")) {
        NodeValue<Node> list = node["messages"];
        for (const auto &item : list) {
            requireMapItem(item, "messages");
            WebSocketMessage m;
            m.name = readString(item, "name");
            const QString mode = readString(item, "mode");
            if (!mode.isEmpty() && !webSocketPayloadFromName(mode, &m.payload))
                fail(item["mode"],
                     QLatin1String("unknown message mode \"") + mode
                         + QLatin1String("\" (expected text, json or binary)"));
            m.text = readString(item, "text");
            m.enabled = readBool(item, "enabled", true);
            ws.messages.append(m);
        }
    }
    return ws;
}

template<typename Node> RequestSettings readSettings(const Node &map)
{
    RequestSettings s;
    if (!hasMap(map, "settings"))
        return s;
    NodeValue<Node> node = map["settings"];
    s.timeoutMs = int(readInt(node, "timeoutMs", s.timeoutMs));
    s.followRedirects = readBool(node, "followRedirects", s.followRedirects);
    s.maxRedirects = int(readInt(node, "maxRedirects", s.maxRedirects));
    s.verifyTls = readBool(node, "verifyTls", s.verifyTls);
    s.streamToFileThreshold = readInt(node, "streamToFileThreshold", s.streamToFileThreshold);
    s.maxDecompressedBytes = readInt(node, "maxDecompressedBytes", s.maxDecompressedBytes);
    return s;
}

template<typename Node> QList<Assertion> readAssertions(const Node &map)
{
    QList<Assertion> assertions;
    if (!hasList(map, "tests"))
        return assertions;
    NodeValue<Node> list = map["tests"];
    for (const auto &item : list) {
        if (!item.IsMap())
            fail(item,
                 QStringLiteral("each entry of `tests` must be a mapping (kind, target, "
                                "expected)"));
        Assertion a;
        const QString kind = readString(item, "kind");
        if (!assertionKindFromName(kind, &a.kind)) {
            QStringList names;
            for (AssertionKind k : allAssertionKinds())
                names.append(assertionKindName(k));
            fail(item,
                 QLatin1String("unknown test kind \"") + kind
                     + QLatin1String("\" (expected one of ") + names.join(QStringLiteral(", "))
                     + u')');
        }
        a.target = readString(item, "target");
        a.expected = readString(item, "expected");
        a.enabled = readBool(item, "enabled", true);
        assertions.append(a);
    }
    return assertions;
}

template<typename Node> QList<Capture> readCaptures(const Node &map)
{
    QList<Capture> captures;
    if (!hasList(map, "captures"))
        return captures;
    NodeValue<Node> list = map["captures"];
    for (const auto &item : list) {
        if (!item.IsMap())
            fail(item,
                 QStringLiteral("each entry of `captures` must be a mapping (variable, "
                                "json or header)"));
        Capture c;
        c.variable = readString(item, "variable");
        NodeValue<Node> json = item["json"];
        NodeValue<Node> header = item["header"];
        const bool hasJson = json && !json.IsNull();
        const bool hasHeader = header && !header.IsNull();
        if (hasJson == hasHeader)
            fail(item,
                 QStringLiteral("a capture takes its value from either `json` (a JSON "
                                "pointer) or `header` (a header name)"));
        c.source = hasHeader ? CaptureSource::Header : CaptureSource::JsonPointer;
        c.path = readString(item, hasHeader ? "header" : "json");
        c.enabled = readBool(item, "enabled", true);
        captures.append(c);
    }
    return captures;
}

template<typename Node> void readScripts(const Node &map, QString &preRequest, QString &test)
{
    if (!hasMap(map, "scripts"))
        return;
    NodeValue<Node> node = map["scripts"];
    preRequest = readString(node, "preRequest");
    test = readString(node, "test");
}

// Checks the version key of a parsed document and hands its root mapping to `read`.
template<typename T, typename Node, typename ReadFn>
T readDocument(const Node &root, const ReadFn &read, int &version)
{
    if (!root.IsMap()) {
        throw FormatError {QStringLiteral("invalid-format"),
                           QStringLiteral("The file is not a Patchbay file: expected a mapping "
                                          "starting with `patchbay: %1`.")
                               .arg(kBaseFormatVersion),
                           int(root.Mark().line), int(root.Mark().column)};
    }
    NodeValue<Node> versionNode = root["patchbay"];
    if (!versionNode) {
        throw FormatError {QStringLiteral("invalid-format"),
                           QStringLiteral("The file is not a Patchbay file: the `patchbay: %1` "
                                          "format version line is missing.")
                               .arg(kBaseFormatVersion),
                           0, 0};
    }
    version = int(readInt(root, "patchbay", 0));
    if (version < 1)
        fail(versionNode, QStringLiteral("`patchbay` must be a format version (1 or more)"));
    T value = read(root);
    value.formatVersion = version;
    return value;
}

// Parses `yaml`: files in the form we write go through the fast canonical reader, anything else
// (and any file the fast reader finds wrong, for the authoritative message) through yaml-cpp.
template<typename T, typename ReadFn>
Result<T> parseFile(QByteArrayView yaml, ParseLocation *errorAt, YamlReader reader, ReadFn read)
{
    auto failure = [errorAt](const QString &code, const QString &message, int line, int column) {
        if (errorAt)
            *errorAt = {line, column};
        QString text = message;
        if (line > 0)
            text = QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
        return Error {code, text};
    };
    if (yaml.size() > kMaxCollectionFileSize) {
        return failure(QStringLiteral("file-too-large"),
                       QStringLiteral("The file is larger than %1 MiB; collection files are "
                                      "small text files. Check that it is the right file.")
                           .arg(kMaxCollectionFileSize / (1024 * 1024)),
                       0, 0);
    }
    int version = 0;
    if (reader != YamlReader::YamlCpp) {
        CanonicalNode root;
        if (parseCanonicalYaml(yaml, root)) {
            try {
                return readDocument<T>(root, read, version);
            } catch (const FormatError &) {
                // Fall through: yaml-cpp gives the message.
            }
        }
        if (reader == YamlReader::Canonical)
            return failure(QStringLiteral("not-canonical"),
                           QStringLiteral("Not in the canonical form."), 0, 0);
    }
    version = 0;
    try {
        const YAML::Node root
            = YAML::Load(std::string(yaml.data(), std::string::size_type(yaml.size())));
        return readDocument<T>(root, read, version);
    } catch (const FormatError &e) {
        if (version > kCollectionFormatVersion) {
            return failure(QStringLiteral("newer-format"),
                           QStringLiteral("The file uses format version %1, newer than this "
                                          "Patchbay reads (%2): %3. Update Patchbay to open it.")
                               .arg(version)
                               .arg(kCollectionFormatVersion)
                               .arg(e.message),
                           e.line + 1, e.column + 1);
        }
        return failure(e.code, e.message, e.line + 1, e.column + 1);
    } catch (const YAML::Exception &e) {
        return failure(QStringLiteral("yaml-syntax"), toQString(e.msg), e.mark.line + 1,
                       e.mark.column + 1);
    } catch (const std::exception &e) {
        return failure(QStringLiteral("yaml-syntax"), QString::fromLocal8Bit(e.what()), 0, 0);
    }
}

} // namespace

QString bodyModeName(BodyMode mode)
{
    switch (mode) {
    case BodyMode::None:
        return QStringLiteral("none");
    case BodyMode::Json:
        return QStringLiteral("json");
    case BodyMode::Text:
        return QStringLiteral("text");
    case BodyMode::FormUrlEncoded:
        return QStringLiteral("form-urlencoded");
    case BodyMode::Multipart:
        return QStringLiteral("multipart");
    case BodyMode::BinaryFile:
        return QStringLiteral("file");
    }
    return QStringLiteral("none");
}

QString authModeName(AuthMode mode)
{
    switch (mode) {
    case AuthMode::None:
        return QStringLiteral("none");
    case AuthMode::Basic:
        return QStringLiteral("basic");
    case AuthMode::Bearer:
        return QStringLiteral("bearer");
    case AuthMode::ApiKey:
        return QStringLiteral("apikey");
    }
    return QStringLiteral("none");
}

int requestFormatVersion(const SavedRequest &request)
{
    return request.request.kind == RequestKind::Http ? kBaseFormatVersion : 2;
}

QByteArray requestToYaml(const SavedRequest &saved)
{
    const Request &request = saved.request;
    YamlWriter w;
    w.integer(0, false, "patchbay", requestFormatVersion(saved));
    if (request.kind != RequestKind::Http)
        w.string(0, false, "kind", requestKindName(request.kind));
    w.string(0, false, "name", saved.name);
    w.integer(0, false, "order", saved.order);
    // A WebSocket handshake is always a GET: the method would only be noise.
    if (request.kind != RequestKind::WebSocket)
        w.string(0, false, "method", request.method);
    w.string(0, false, "url", request.url);
    writeKeyValues(w, 0, "params", request.params);
    writeKeyValues(w, 0, "headers", request.headers);
    writeBody(w, request.body);
    writeWebSocket(w, request.websocket);
    writeAuth(w, 0, saved.request.auth);
    writeSettings(w, saved.request.settings);
    writeTests(w, saved.assertions, saved.captures);
    writeScripts(w, saved.preRequestScript, saved.testScript);
    if (!saved.description.isEmpty())
        w.string(0, false, "description", saved.description);
    return w.take();
}

Result<SavedRequest> requestFromYaml(QByteArrayView yaml, ParseLocation *errorAt, YamlReader reader)
{
    return parseFile<SavedRequest>(yaml, errorAt, reader, [](const auto &root) {
        SavedRequest saved;
        saved.request.kind = readKind(root);
        saved.name = readString(root, "name");
        saved.order = readInt(root, "order", 0);
        saved.request.method = readString(root, "method");
        if (saved.request.method.isEmpty())
            saved.request.method = QStringLiteral("GET");
        saved.request.url = readString(root, "url");
        saved.request.params = readKeyValues(root, "params");
        saved.request.headers = readKeyValues(root, "headers");
        saved.request.body = readBody(root);
        saved.request.websocket = readWebSocket(root);
        saved.request.auth = readAuth(root);
        saved.request.settings = readSettings(root);
        saved.assertions = readAssertions(root);
        saved.captures = readCaptures(root);
        readScripts(root, saved.preRequestScript, saved.testScript);
        saved.description = readString(root, "description");
        return saved;
    });
}

QByteArray collectionToYaml(const CollectionInfo &collection)
{
    YamlWriter w;
    w.integer(0, false, "patchbay", kBaseFormatVersion);
    if (!collection.id.isEmpty())
        w.string(0, false, "id", collection.id);
    w.string(0, false, "name", collection.name);
    writeVariables(w, 0, collection.variables);
    writeAuth(w, 0, collection.auth);
    writeKeyValues(w, 0, "headers", collection.headers);
    writeScripts(w, collection.preRequestScript, collection.testScript);
    if (!collection.description.isEmpty())
        w.string(0, false, "description", collection.description);
    return w.take();
}

Result<CollectionInfo> collectionFromYaml(QByteArrayView yaml, ParseLocation *errorAt)
{
    return parseFile<CollectionInfo>(yaml, errorAt, YamlReader::Auto, [](const auto &root) {
        CollectionInfo c;
        c.id = readString(root, "id");
        c.name = readString(root, "name");
        c.variables = readVariables(root);
        c.auth = readAuth(root);
        c.headers = readKeyValues(root, "headers");
        readScripts(root, c.preRequestScript, c.testScript);
        c.description = readString(root, "description");
        return c;
    });
}

QByteArray folderToYaml(const FolderInfo &folder)
{
    YamlWriter w;
    w.integer(0, false, "patchbay", kBaseFormatVersion);
    w.string(0, false, "name", folder.name);
    w.integer(0, false, "order", folder.order);
    writeVariables(w, 0, folder.variables);
    writeScripts(w, folder.preRequestScript, folder.testScript);
    if (!folder.description.isEmpty())
        w.string(0, false, "description", folder.description);
    return w.take();
}

Result<FolderInfo> folderFromYaml(QByteArrayView yaml, ParseLocation *errorAt)
{
    return parseFile<FolderInfo>(yaml, errorAt, YamlReader::Auto, [](const auto &root) {
        FolderInfo f;
        f.name = readString(root, "name");
        f.order = readInt(root, "order", 0);
        f.variables = readVariables(root);
        readScripts(root, f.preRequestScript, f.testScript);
        f.description = readString(root, "description");
        return f;
    });
}

QByteArray environmentToYaml(const Environment &environment)
{
    YamlWriter w;
    w.integer(0, false, "patchbay", kBaseFormatVersion);
    w.string(0, false, "name", environment.name);
    writeVariables(w, 0, environment.variables);
    return w.take();
}

Result<Environment> environmentFromYaml(QByteArrayView yaml, ParseLocation *errorAt)
{
    return parseFile<Environment>(yaml, errorAt, YamlReader::Auto, [](const auto &root) {
        Environment e;
        e.name = readString(root, "name");
        e.variables = readVariables(root);
        return e;
    });
}

} // namespace Patchbay::Core
