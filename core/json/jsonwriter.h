#pragma once

#include "core/json/jsonvalue.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core {

enum class JsonStyle { Compact, Indented };

// Writes `value` as UTF-8 JSON: members in stored order, number literals as stored, strings
// escaped minimally (quote, backslash, control characters, lone surrogates as \uXXXX).
// Indented style puts each item on its own line with `indent` spaces per level, writes empty
// containers as {} and [], and ends without a trailing newline.
QByteArray toJson(const JsonValue &value, JsonStyle style = JsonStyle::Indented, int indent = 2);

// Appends `text` as a quoted JSON string to `out`.
void appendJsonString(QByteArray &out, QStringView text);

// A value as plain text, as other tools' variable and field values are meant: strings without
// quotes, numbers as written, true/false, null as empty, objects and arrays as compact JSON.
QString jsonScalarText(const JsonValue &value);

} // namespace Patchbay::Core
