#include "tests/support/gzip.h"

#include <QtEndian>

#include <array>

namespace Patchbay::Test {

namespace {

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t {};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (char byte : data)
        crc = table[(crc ^ quint8(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

QByteArray littleEndian32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToLittleEndian(value, bytes.data());
    return bytes;
}

} // namespace

QByteArray gzip(const QByteArray &data)
{
    // qCompress = 4-byte big-endian size + zlib stream (2-byte header, raw deflate, 4-byte
    // Adler-32). gzip wants the raw deflate between its own header and trailer.
    const QByteArray zlib = qCompress(data, 9);
    const QByteArray deflate = zlib.mid(4 + 2, zlib.size() - 4 - 2 - 4);
    static const char header[] = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, 2, '\xff'};
    return QByteArray(header, sizeof header) + deflate + littleEndian32(crc32(data))
        + littleEndian32(quint32(data.size())); // ISIZE is the size modulo 2^32
}

} // namespace Patchbay::Test
