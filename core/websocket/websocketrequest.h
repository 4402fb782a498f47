#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// How a message's text becomes a frame: sent as text as is, as text that should be JSON (the
// editor checks and formats it), or as binary bytes written in hex ("00 ff 10").
enum class WebSocketPayload { Text, Json, Binary };

// A message saved with a WebSocket request (`websocket.messages` in the request file): the
// composer sends it on demand, and a run sends the enabled ones in order after connecting.
// `{{variables}}` are resolved when it is sent.
struct WebSocketMessage
{
    QString name;
    WebSocketPayload payload = WebSocketPayload::Text;
    QString text; // Binary: hex digits, whitespace ignored
    bool enabled = true;

    friend bool operator==(const WebSocketMessage &, const WebSocketMessage &) = default;
};

// What a WebSocket request adds to a Request (its URL, headers, auth and settings apply as for
// HTTP: the handshake is an HTTP GET).
struct WebSocketOptions
{
    QStringList subprotocols; // offered in Sec-WebSocket-Protocol, in order of preference
    QList<WebSocketMessage> messages;
    // Runs: after sending, wait for this many received messages (within the request's timeout)
    // before closing and checking the tests. 0 closes once the messages are sent.
    int expectMessages = 0;

    bool isEmpty() const { return *this == WebSocketOptions {}; }
    friend bool operator==(const WebSocketOptions &, const WebSocketOptions &) = default;
};

// "text", "json", "binary".
QString webSocketPayloadName(WebSocketPayload payload);
bool webSocketPayloadFromName(QStringView name, WebSocketPayload *payload);
// Decodes the hex text of a binary message ("00 ff 10"); whitespace is ignored. False for an
// odd number of digits or a character that is not one.
bool decodeHexPayload(QStringView text, QByteArray *bytes);
// "00 ff 10": what decodeHexPayload() reads back.
QString encodeHexPayload(const QByteArray &bytes);

} // namespace Patchbay::Core
