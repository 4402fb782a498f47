#pragma once

#include "core/common/result.h"
#include "core/json/jsonvalue.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Patchbay::Core {

// Where JSON text stops being valid, for live validation in editors.
struct JsonSyntaxError
{
    qsizetype offset = 0; // byte offset into the UTF-8 input
    int line = 1; // 1-based
    int column = 1; // 1-based, in Unicode characters from the start of the line
    QString message; // what is wrong, without the position ("trailing comma before ']'")

    // "line 3, column 7: trailing comma before ']'"
    QString toString() const;
    friend bool operator==(const JsonSyntaxError &, const JsonSyntaxError &) = default;
};

// Nesting deeper than this is rejected (a guard against stack exhaustion).
inline constexpr int MaxJsonDepth = 512;

// Strict RFC 8259 parser that keeps member order and number literals.
// - Rejects trailing commas, leading zeros, "2.e3", raw control characters in strings,
//   invalid UTF-8, comments, single quotes and anything after the value.
// - A leading UTF-8 byte order mark is ignored.
// - Escaped lone surrogates (\uD800) are kept as they are in the QString; the writer writes them
//   back as \uXXXX escapes, so they survive a round trip.
// - Duplicate keys: the last value wins and stays at the position of the first occurrence
//   (RFC 8259 only says names SHOULD be unique).
// Errors: Error{"json-syntax", "line L, column C: <what is wrong>"}.
Result<JsonValue> parseJson(QByteArrayView utf8);

// The same validation as parseJson() in a single pass without building anything.
// Returns std::nullopt for valid JSON.
std::optional<JsonSyntaxError> findJsonSyntaxError(QByteArrayView utf8);

} // namespace Patchbay::Core
