#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Patchbay::Core::Sandbox {

// gzip (RFC 1952) encoding of `data`, as sent with Content-Encoding: gzip. qCompress() writes
// the zlib format with a Qt length prefix, which no HTTP client decodes.
QByteArray gzipCompress(QByteArrayView data, int level = 6);

} // namespace Patchbay::Core::Sandbox
