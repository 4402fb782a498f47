#include "core/json/jsonpointer.h"

namespace Patchbay::Core {

Result<JsonPointer> JsonPointer::parse(QStringView text)
{
    if (text.isEmpty())
        return JsonPointer();
    if (text.front() != u'/')
        return Error {QStringLiteral("json-pointer"),
                      QStringLiteral("JSON pointer \"%1\" must be empty or start with '/'")
                          .arg(text.toString())};
    QStringList tokens;
    qsizetype start = 1;
    while (true) {
        qsizetype slash = text.indexOf(u'/', start);
        const QStringView raw = text.mid(start, slash < 0 ? -1 : slash - start);
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw.at(i) == u'~'
                && (i + 1 >= raw.size() || (raw.at(i + 1) != u'0' && raw.at(i + 1) != u'1')))
                return Error {QStringLiteral("json-pointer"),
                              QStringLiteral("JSON pointer \"%1\": '~' must be followed by 0 or 1 "
                                             "(write ~0 for '~' and ~1 for '/')")
                                  .arg(text.toString())};
        }
        tokens.append(unescapeToken(raw));
        if (slash < 0)
            break;
        start = slash + 1;
    }
    return JsonPointer(std::move(tokens));
}

QString JsonPointer::escapeToken(QStringView token)
{
    QString result = token.toString();
    if (result.contains(u'~') || result.contains(u'/')) {
        result.replace(u'~', QLatin1String("~0"));
        result.replace(u'/', QLatin1String("~1"));
    }
    return result;
}

QString JsonPointer::unescapeToken(QStringView token)
{
    QString result = token.toString();
    if (result.contains(u'~')) {
        // Order matters: "~01" is "~1" literally, not "/".
        result.replace(QLatin1String("~1"), QLatin1String("/"));
        result.replace(QLatin1String("~0"), QLatin1String("~"));
    }
    return result;
}

JsonPointer JsonPointer::parent() const
{
    QStringList tokens = m_tokens;
    if (!tokens.isEmpty())
        tokens.removeLast();
    return JsonPointer(std::move(tokens));
}

JsonPointer JsonPointer::child(const QString &token) const
{
    QStringList tokens = m_tokens;
    tokens.append(token);
    return JsonPointer(std::move(tokens));
}

bool JsonPointer::isPrefixOf(const JsonPointer &other) const
{
    if (m_tokens.size() > other.m_tokens.size())
        return false;
    for (qsizetype i = 0; i < m_tokens.size(); ++i) {
        if (m_tokens.at(i) != other.m_tokens.at(i))
            return false;
    }
    return true;
}

QString JsonPointer::toString() const
{
    QString result;
    for (const QString &token : m_tokens)
        result += u'/' + escapeToken(token);
    return result;
}

qsizetype JsonPointer::arrayIndex(QStringView token)
{
    if (token.isEmpty() || token.size() > 15)
        return -1;
    if (token.size() > 1 && token.front() == u'0')
        return -1;
    qsizetype value = 0;
    for (const QChar c : token) {
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

namespace {

template<typename Value> Value *step(Value *current, const QString &token)
{
    if (current->isObject()) {
        if constexpr (std::is_const_v<Value>)
            return current->find(token);
        else
            return current->findMutable(token);
    }
    if (current->isArray()) {
        const qsizetype i = JsonPointer::arrayIndex(token);
        if (i < 0 || i >= current->size())
            return nullptr;
        if constexpr (std::is_const_v<Value>)
            return &current->array().at(i);
        else
            return &current->mutableArray()[i];
    }
    return nullptr;
}

} // namespace

const JsonValue *resolveJsonPointer(const JsonValue &root, const JsonPointer &pointer)
{
    const JsonValue *current = &root;
    for (const QString &token : pointer.tokens()) {
        current = step(current, token);
        if (!current)
            return nullptr;
    }
    return current;
}

JsonValue *resolveJsonPointerMutable(JsonValue &root, const JsonPointer &pointer)
{
    // Check first, so that a failed lookup does not detach shared containers.
    if (!resolveJsonPointer(root, pointer))
        return nullptr;
    JsonValue *current = &root;
    for (const QString &token : pointer.tokens())
        current = step(current, token);
    return current;
}

Result<JsonValue> lookupJsonPointer(const JsonValue &root, const JsonPointer &pointer)
{
    const JsonValue *current = &root;
    JsonPointer walked;
    for (const QString &token : pointer.tokens()) {
        const JsonValue *next = step(current, token);
        if (!next) {
            QString why;
            const QString where = walked.isRoot() ? QStringLiteral("the document")
                                                  : QStringLiteral("\"%1\"").arg(walked.toString());
            if (current->isObject()) {
                why = QStringLiteral("%1 has no member \"%2\"").arg(where, token);
            } else if (current->isArray()) {
                if (JsonPointer::arrayIndex(token) < 0)
                    why = QStringLiteral("\"%1\" is not a valid index into the array at %2")
                              .arg(token, where);
                else
                    why = QStringLiteral("index %1 is out of range: the array at %2 has %3 items")
                              .arg(token, where)
                              .arg(current->size());
            } else {
                why = QStringLiteral("%1 is %2, not an object or array")
                          .arg(where,
                               current->isNull() ? QStringLiteral("null")
                                                 : QStringLiteral("a ") + current->typeName());
            }
            return Error {
                QStringLiteral("json-pointer"),
                QStringLiteral("path \"%1\" does not exist: %2").arg(pointer.toString(), why)};
        }
        current = next;
        walked = walked.child(token);
    }
    return *current;
}

} // namespace Patchbay::Core
