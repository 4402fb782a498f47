#include "core/sandbox/gzip.h"

#include <zlib.h>

namespace Patchbay::Core::Sandbox {

QByteArray gzipCompress(QByteArrayView data, int level)
{
    z_stream stream {};
    // 15 window bits + 16 asks zlib for a gzip header and trailer (CRC-32, size).
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    const qsizetype written = qsizetype(stream.total_out);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}

} // namespace Patchbay::Core::Sandbox
