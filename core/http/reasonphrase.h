#pragma once

#include <QByteArray>

namespace Patchbay::Core {

// The standard reason phrase of an HTTP status ("Not Found"), or an empty string for codes
// without one. For servers we write (the sandbox, test servers) and for views of responses
// whose server sent no phrase (HTTP/2 has none).
QByteArray httpReasonPhrase(int status);

} // namespace Patchbay::Core
