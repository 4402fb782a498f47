#include "core/auth/signing.h"

#include <QRandomGenerator>

#include <array>

namespace Patchbay::Core {

SigningInputs SigningInputs::fresh()
{
    std::array<quint32, 3> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()),
                           qsizetype(words.size() * sizeof(quint32)));
    return {QDateTime::currentDateTimeUtc(), bytes.toHex()};
}

} // namespace Patchbay::Core
