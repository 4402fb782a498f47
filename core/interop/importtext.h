#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Patchbay::Core {

// Other tools' files come in UTF-8 with or without a byte order mark, and in UTF-16 (Windows
// editors, PowerShell's `>`), with or without one. These read any of them; a BOM-less file is
// taken as UTF-16 when its first bytes are ASCII interleaved with zero bytes, else as UTF-8.
QString decodeImportText(QByteArrayView bytes);

// The same text as UTF-8 without a byte order mark: what the importers parse.
QByteArray importTextAsUtf8(QByteArrayView bytes);

} // namespace Patchbay::Core
