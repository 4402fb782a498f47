#pragma once

#include "core/http/request.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace Patchbay::Core {

// A request's network settings (its own proxy, CA file, client certificate, HTTP/1.1 only) in
// the code generators' languages other than curl (see curlnetwork.h for curl): what each library
// can do, and a comment that says what it cannot. `quote` writes a string literal of the
// language. Used by codegen.cpp only.
using QuoteFunction = std::function<QString(const QString &)>;

// requests' keyword arguments (proxies=, verify=, cert=); `comment` gets "# ..." lines for what
// requests cannot do, to go above the call.
QStringList pythonNetworkArguments(const RequestSettings &settings, bool verifyTls,
                                   const QuoteFunction &quote, QString *comment);
// HTTPie's options (--proxy, --verify=FILE, --cert, --cert-key, --cert-key-pass).
QStringList httpieNetworkArguments(const RequestSettings &settings, bool verifyTls,
                                   const QuoteFunction &quote);
// "// ..." lines: fetch has none of these options; where Node.js has them instead.
QString fetchNetworkComment(const RequestSettings &settings);
// Qt: the classes the code below uses, and the statements that set up `manager` and `request`.
QStringList qtNetworkIncludes(const RequestSettings &settings);
QString qtNetworkCode(const RequestSettings &settings, const QuoteFunction &quote);

} // namespace Patchbay::Core
