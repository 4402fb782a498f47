#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace Patchbay::Core {

// Text a server or a file chose, made safe to write to a terminal: escape sequences
// ("ESC[31m", "ESC]0;title BEL") would otherwise recolour the screen, move the cursor, rename
// the window or worse. Control characters become visible instead: C0 controls and DEL in caret
// notation as `cat -v` shows them ("^[" for ESC, "^?" for DEL), C1 controls (U+0080 to U+009F)
// as "<U+009B>". Line feeds and tabs stay, and so does a carriage return before a line feed.
QString neutralizeTerminalControls(QStringView text);

// The same for UTF-8 bytes arriving in chunks (a response body): a sequence split between two
// chunks is handled as one. Bytes that are not UTF-8 pass unchanged.
class TerminalTextFilter
{
public:
    QByteArray feed(QByteArrayView chunk);
    // What was held back at the end of the last chunk.
    QByteArray finish();

private:
    QByteArray m_carry; // a trailing '\r' or UTF-8 lead byte 0xC2
};

} // namespace Patchbay::Core
