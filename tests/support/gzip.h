#pragma once

#include <QByteArray>

namespace Patchbay::Test {

// `data` in the gzip format (RFC 1952) at the best compression level, for Content-Encoding: gzip
// responses. Built on qCompress so that tests need no zlib of their own.
QByteArray gzip(const QByteArray &data);

} // namespace Patchbay::Test
