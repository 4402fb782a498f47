#include "core/interop/importtext.h"

#include <QStringDecoder>

namespace Patchbay::Core {

namespace {

enum class Encoding { Utf8, Utf16Le, Utf16Be, Utf32Le, Utf32Be };

struct Detected
{
    Encoding encoding = Encoding::Utf8;
    qsizetype bomSize = 0;
};

Detected detect(QByteArrayView b)
{
    if (b.startsWith("\xEF\xBB\xBF"))
        return {Encoding::Utf8, 3};
    if (b.size() >= 4 && b.startsWith(QByteArrayView("\xFF\xFE\0\0", 4)))
        return {Encoding::Utf32Le, 4};
    if (b.size() >= 4 && b.startsWith(QByteArrayView("\0\0\xFE\xFF", 4)))
        return {Encoding::Utf32Be, 4};
    if (b.startsWith("\xFF\xFE"))
        return {Encoding::Utf16Le, 2};
    if (b.startsWith("\xFE\xFF"))
        return {Encoding::Utf16Be, 2};
    // No BOM: UTF-16 text of these formats starts with ASCII ('{', '#', 'c', ...), so every
    // other byte of its first characters is zero. UTF-8 text has no zero bytes at all.
    const qsizetype n = std::min<qsizetype>(b.size() & ~qsizetype(1), 64);
    if (n >= 4) {
        int evenZeros = 0;
        int oddZeros = 0;
        for (qsizetype i = 0; i < n; ++i)
            (i % 2 ? oddZeros : evenZeros) += b.at(i) == '\0';
        if (oddZeros == n / 2 && evenZeros == 0)
            return {Encoding::Utf16Le, 0};
        if (evenZeros == n / 2 && oddZeros == 0)
            return {Encoding::Utf16Be, 0};
    }
    return {};
}

} // namespace

QString decodeImportText(QByteArrayView bytes)
{
    const Detected d = detect(bytes);
    const QByteArrayView rest = bytes.sliced(d.bomSize);
    switch (d.encoding) {
    case Encoding::Utf8:
        return QString::fromUtf8(rest);
    case Encoding::Utf16Le:
        return QStringDecoder(QStringConverter::Utf16LE).decode(rest);
    case Encoding::Utf16Be:
        return QStringDecoder(QStringConverter::Utf16BE).decode(rest);
    case Encoding::Utf32Le:
        return QStringDecoder(QStringConverter::Utf32LE).decode(rest);
    case Encoding::Utf32Be:
        return QStringDecoder(QStringConverter::Utf32BE).decode(rest);
    }
    return {};
}

QByteArray importTextAsUtf8(QByteArrayView bytes)
{
    const Detected d = detect(bytes);
    if (d.encoding == Encoding::Utf8)
        return bytes.sliced(d.bomSize).toByteArray(); // kept byte for byte, even if invalid
    return decodeImportText(bytes).toUtf8();
}

} // namespace Patchbay::Core
