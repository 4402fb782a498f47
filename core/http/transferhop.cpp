#include "core/http/transferhop.h"

namespace Patchbay::Core {

QByteArray HopHead::header(QByteArrayView name) const
{
    for (const HttpHeader &header : headers) {
        if (name.compare(header.name, Qt::CaseInsensitive) == 0)
            return header.value;
    }
    return {};
}

bool exceedsDecompressionRatio(QByteArrayView encoding, qint64 decoded, qint64 encoded,
                               qint64 threshold)
{
    if (threshold < 0 || decoded <= threshold || encoded <= 0)
        return false;
    const bool strong
        = encoding.contains(QByteArrayView("br")) || encoding.contains(QByteArrayView("zstd"));
    const qint64 ratio = strong ? 100 : 40;
    return decoded / encoded > ratio;
}

} // namespace Patchbay::Core
