#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>

// Shared by the fuzz targets (tests/fuzz/CMakeLists.txt). A failed check prints the condition
// and what differed, then aborts, so that libFuzzer keeps the input as a crash reproducer.
#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::Patchbay::Fuzz::fail(#condition, __FILE__, __LINE__, (detail));                      \
    } while (false)

namespace Patchbay::Fuzz {

[[noreturn]] void fail(const char *condition, const char *file, int line, const QString &detail);

// The input as UTF-8 bytes.
inline QByteArrayView bytes(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Inputs past the target's max_len are ignored (scripts/fuzz passes -max_len as well; this keeps
// a reproducer run by hand from spending minutes on a huge file).
inline bool tooLarge(size_t size, size_t limit)
{
    return size > limit;
}

// Shortens a value for a failure message.
QString excerpt(const QString &text, qsizetype max = 300);
QString excerpt(QByteArrayView bytes, qsizetype max = 300);

} // namespace Patchbay::Fuzz
