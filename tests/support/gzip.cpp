#include "tests/support/gzip.h"

#include "core/sandbox/gzip.h"

namespace Patchbay::Test {

QByteArray gzip(const QByteArray &data)
{
    return Core::Sandbox::gzipCompress(data, 9);
}

} // namespace Patchbay::Test
