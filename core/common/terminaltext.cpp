#include "core/common/terminaltext.h"

namespace Patchbay::Core {

namespace {

void appendCaret(QByteArray &out, uchar c)
{
    out.append('^');
    out.append(c == 0x7F ? '?' : char(c + 0x40));
}

void appendC1(QByteArray &out, uchar c)
{
    out.append("<U+00");
    out.append("0123456789ABCDEF"[c >> 4]);
    out.append("0123456789ABCDEF"[c & 0xF]);
    out.append('>');
}

} // namespace

QString neutralizeTerminalControls(QStringView text)
{
    TerminalTextFilter filter;
    QByteArray out = filter.feed(text.toUtf8());
    out += filter.finish();
    return QString::fromUtf8(out);
}

QByteArray TerminalTextFilter::feed(QByteArrayView chunk)
{
    QByteArray in = m_carry + chunk.toByteArray();
    m_carry.clear();
    QByteArray out;
    out.reserve(in.size() + 16);
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(in.at(i));
        if (c == '\n' || c == '\t') {
            out.append(char(c));
        } else if (c == '\r') {
            if (i + 1 == n) {
                m_carry = "\r"; // a line feed may follow in the next chunk
            } else if (in.at(i + 1) == '\n') {
                out.append('\r');
            } else {
                appendCaret(out, c);
            }
        } else if (c < 0x20 || c == 0x7F) {
            appendCaret(out, c);
        } else if (c == 0xC2) {
            // U+0080..U+009F are encoded C2 80..C2 9F.
            if (i + 1 == n) {
                m_carry = QByteArray(1, char(c));
            } else if (uchar(in.at(i + 1)) >= 0x80 && uchar(in.at(i + 1)) <= 0x9F) {
                appendC1(out, uchar(in.at(i + 1)));
                ++i;
            } else {
                out.append(char(c));
            }
        } else {
            out.append(char(c));
        }
    }
    return out;
}

QByteArray TerminalTextFilter::finish()
{
    QByteArray out;
    for (const char c : std::as_const(m_carry)) {
        if (c == '\r')
            appendCaret(out, uchar(c));
        else
            out.append(c);
    }
    m_carry.clear();
    return out;
}

} // namespace Patchbay::Core
