#include "ui/response/bodysniffer.h"

#include <QByteArray>

namespace Patchbay::Ui {

bool isUtf8Text(QByteArrayView bytes, bool truncated)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c == 0)
                return false;
            ++i;
            continue;
        }
        int extra = 0;
        unsigned int cp = 0;
        if ((c & 0xe0) == 0xc0) {
            extra = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n) { // the sequence runs past the end
            if (!truncated)
                return false;
            for (qsizetype k = i + 1; k < n; ++k) {
                if ((p[k] & 0xc0) != 0x80)
                    return false;
            }
            return true;
        }
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        static constexpr unsigned int minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += extra + 1;
    }
    return true;
}

namespace {

QByteArray mediaType(QByteArrayView contentType)
{
    QByteArray type = contentType.toByteArray();
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

char firstNonSpace(QByteArrayView head)
{
    qsizetype i = 0;
    // A UTF-8 byte order mark is not content.
    if (head.startsWith("\xef\xbb\xbf"))
        i = 3;
    for (; i < head.size(); ++i) {
        const char c = head[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return c;
    }
    return 0;
}

} // namespace

BodyKind sniffBody(QByteArrayView contentType, QByteArrayView head)
{
    if (head.isEmpty())
        return BodyKind::Empty;
    const QByteArray type = mediaType(contentType);
    if (type.startsWith("image/") && type != "image/svg+xml")
        return BodyKind::Image;
    const bool text = isUtf8Text(head, true);
    if (!text)
        return BodyKind::Binary;
    const char first = firstNonSpace(head);
    const bool jsonType
        = type == "application/json" || type.endsWith("+json") || type == "text/json";
    const bool looksJson = first == '{' || first == '[';
    const bool jsonStart = looksJson || first == '"' || first == '-'
        || (first >= '0' && first <= '9') || first == 't' || first == 'f' || first == 'n';
    // A JSON media type over an HTML error page is text, not something to re-indent.
    if ((jsonType && jsonStart) || looksJson)
        return BodyKind::Json;
    return BodyKind::Text;
}

} // namespace Patchbay::Ui
