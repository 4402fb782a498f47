#pragma once

#include "core/http/request.h"
#include "core/interop/codesecrets.h"

#include <QString>

namespace Patchbay::Core {

// Quotes one word for a POSIX shell: bare when it holds only safe characters, otherwise in
// single quotes with each ' written as '\''.
QString shellQuote(const QString &word);

// A curl command that sends what Patchbay sends for `request` (built from prepareRequest()):
// -X only when curl would pick another method, -H for headers the user set plus Content-Type
// when curl's default differs, --data-raw / --data-binary @file / -F, -u for basic auth, -k,
// -L with --max-redirs, --max-time. One option per line with ` \` continuations. Variables must
// already be resolved. When the request cannot be prepared (e.g. an unreadable body file) the
// command is built from the request as typed, with a leading comment saying why. The
// placeholders of `secrets` become "$NAME" lookups of environment variables.
QString exportCurlCommand(const Request &request, const SecretReferences &secrets = {});

} // namespace Patchbay::Core
