#include "core/websocket/websocketrequest.h"

namespace Patchbay::Core {

QString webSocketPayloadName(WebSocketPayload payload)
{
    switch (payload) {
    case WebSocketPayload::Text:
        return QStringLiteral("text");
    case WebSocketPayload::Json:
        return QStringLiteral("json");
    case WebSocketPayload::Binary:
        return QStringLiteral("binary");
    }
    return QStringLiteral("text");
}

bool webSocketPayloadFromName(QStringView name, WebSocketPayload *payload)
{
    for (WebSocketPayload p :
         {WebSocketPayload::Text, WebSocketPayload::Json, WebSocketPayload::Binary}) {
        if (name == webSocketPayloadName(p)) {
            *payload = p;
            return true;
        }
    }
    return false;
}

bool decodeHexPayload(QStringView text, QByteArray *bytes)
{
    QByteArray out;
    out.reserve(text.size() / 2);
    int high = -1;
    for (const QChar ch : text) {
        if (ch.isSpace())
            continue;
        const char16_t c = ch.unicode();
        int digit = -1;
        if (c >= u'0' && c <= u'9')
            digit = c - u'0';
        else if (c >= u'a' && c <= u'f')
            digit = c - u'a' + 10;
        else if (c >= u'A' && c <= u'F')
            digit = c - u'A' + 10;
        if (digit < 0)
            return false;
        if (high < 0) {
            high = digit;
        } else {
            out.append(char(high * 16 + digit));
            high = -1;
        }
    }
    if (high >= 0)
        return false;
    if (bytes)
        *bytes = out;
    return true;
}

QString encodeHexPayload(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size() * 3);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (i > 0)
            out += u' ';
        out += QString::number(uchar(bytes.at(i)), 16).rightJustified(2, u'0');
    }
    return out;
}

} // namespace Patchbay::Core
