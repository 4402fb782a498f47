#include "core/collections/yamlwriter.h"

#include <QRegularExpression>
#include <QStringList>

namespace Patchbay::Core::CollectionYaml {

namespace {

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

} // namespace

void YamlWriter::string(int column, bool dash, const char *name, const QString &value)
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

void YamlWriter::literalBlock(int column, const QString &value)
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

void writeKeyValues(YamlWriter &w, int column, const char *name, const KeyValueList &rows)
{
    if (rows.isEmpty())
        return;
    w.section(column, name);
    const int item = column + 4;
    for (const KeyValue &row : rows) {
        w.string(item, true, "name", row.name);
        if (row.hasValue) // a query key without a value (?flag) has no `value:` line
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

} // namespace Patchbay::Core::CollectionYaml
