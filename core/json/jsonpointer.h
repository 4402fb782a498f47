#pragma once

#include "core/common/result.h"
#include "core/json/jsonvalue.h"

#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// An RFC 6901 JSON Pointer ("/a~1b/~0c/0"): a list of unescaped reference tokens.
// The empty pointer "" is the whole document; "-" as the last token means "after the last item".
class JsonPointer
{
public:
    JsonPointer() = default;
    explicit JsonPointer(QStringList tokens)
        : m_tokens(std::move(tokens))
    { }

    // Errors: Error{"json-pointer", "..."} when the text is not empty and does not start with
    // '/', or holds '~' not followed by 0 or 1.
    static Result<JsonPointer> parse(QStringView text);

    static QString escapeToken(QStringView token); // "a/b" -> "a~1b", "~" -> "~0"
    static QString unescapeToken(QStringView token); // no validation

    const QStringList &tokens() const { return m_tokens; }
    bool isRoot() const { return m_tokens.isEmpty(); }
    QString lastToken() const { return m_tokens.isEmpty() ? QString() : m_tokens.last(); }
    JsonPointer parent() const;
    JsonPointer child(const QString &token) const;
    JsonPointer child(qsizetype index) const { return child(QString::number(index)); }
    // True when `other` is this pointer or lies below it.
    bool isPrefixOf(const JsonPointer &other) const;

    QString toString() const;

    // "0", "12" -> the index; "-", "01", "x", "-1" -> -1.
    static qsizetype arrayIndex(QStringView token);

    friend bool operator==(const JsonPointer &, const JsonPointer &) = default;

private:
    QStringList m_tokens;
};

// The value at `pointer`, or null when a token names a missing member or an index out of range.
const JsonValue *resolveJsonPointer(const JsonValue &root, const JsonPointer &pointer);
JsonValue *resolveJsonPointerMutable(JsonValue &root, const JsonPointer &pointer);

// Like resolveJsonPointer(), with a message saying which token failed and why.
Result<JsonValue> lookupJsonPointer(const JsonValue &root, const JsonPointer &pointer);

} // namespace Patchbay::Core
