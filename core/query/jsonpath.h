#pragma once

#include "core/common/result.h"

#include <QString>

namespace Patchbay::Core {

// Translates a JSONPath query into a jq program whose results are the matched nodes, in
// document order, one result per node. No JSONPath library is packaged in Debian 12, so the
// query runs on libjq. The subset (RFC 9535 syntax, without function extensions):
//   $ root; .name, ['name'], ["name"]; .* and [*]; [0], [-1]; [start:end:step];
//   [a,b] unions of any selectors; ..name, ..*, ..[…] descendants;
//   [?<filter>] and Goessner's [?(<filter>)], where a filter combines, with && || ! and
//   parentheses, existence tests (@.isbn, $.config.on) and comparisons (== != < <= > >=) of
//   singular paths (@.a.b, @[0], $.x) and literals (numbers, 'strings', "strings", true,
//   false, null). Comparisons follow RFC 9535: < and > only between two numbers or two strings,
//   a missing value equals only a missing value.
// Not supported, with an error that says so: function extensions (length(), count(),
// match(), search(), value()), script expressions such as [(@.length-1)], and regular
// expressions (=~). Member names after a dot may also contain '-' (a common extension).
// Errors: "jsonpath-syntax", naming the column and what was expected.
Result<QString> jsonPathToJq(const QString &path);

} // namespace Patchbay::Core
