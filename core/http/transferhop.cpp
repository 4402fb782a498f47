#include "core/http/transferhop.h"

#include <algorithm>

namespace Patchbay::Core {

QByteArray HopHead::header(QByteArrayView name) const
{
    for (const HttpHeader &header : headers) {
        if (name.compare(header.name, Qt::CaseInsensitive) == 0)
            return header.value;
    }
    return {};
}

HttpHeaderList foldRepeatedHeaders(const PreparedHeaderList &headers)
{
    HttpHeaderList folded;
    for (const PreparedHeader &header : headers) {
        const auto at = std::find_if(folded.begin(), folded.end(), [&header](const HttpHeader &h) {
            return h.name.compare(header.name, Qt::CaseInsensitive) == 0;
        });
        if (at == folded.end()) {
            folded.append({header.name, header.value});
            continue;
        }
        const QByteArray separator = header.name.compare("Cookie", Qt::CaseInsensitive) == 0
            ? QByteArrayLiteral("; ")
            : QByteArrayLiteral(", ");
        at->value += separator + header.value;
    }
    return folded;
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
