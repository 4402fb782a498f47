#pragma once

#include "core/common/result.h"
#include "core/environments/variable.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Patchbay::Core {

// Iteration data for a run (`--data`): one row of variables per iteration, as newman reads it.
// CSV: the first record names the columns; RFC 4180 quoting ("a ""b""", commas and line breaks
// inside quotes), LF or CRLF, a leading UTF-8 BOM is ignored. JSON: an array of objects whose
// values are used as text (strings without quotes, other values as JSON).
// Errors: "data-csv", "data-json", "read-failed".
using DataRow = VariableList;

Result<QList<DataRow>> parseCsvData(QByteArrayView csv);
Result<QList<DataRow>> parseJsonData(QByteArrayView json);
// Picks the format from the content: JSON when it starts with '[' (after whitespace), else CSV.
Result<QList<DataRow>> readDataFile(const QString &path);

} // namespace Patchbay::Core
