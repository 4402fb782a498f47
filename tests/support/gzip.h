#pragma once

#include <QByteArray>

namespace Patchbay::Test {

// `data` in the gzip format (RFC 1952) at the best compression level, for Content-Encoding: gzip
// responses (the sandbox's encoder at level 9, so test bombs reach ratios near 1000:1).
QByteArray gzip(const QByteArray &data);

} // namespace Patchbay::Test
