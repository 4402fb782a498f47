#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdio>

namespace Patchbay::Core {
struct ServerSentEvent;
struct WebSocketEntry;
} // namespace Patchbay::Core

// Printing of streamed things (Server-Sent Events, WebSocket messages) as they arrive, by `send`
// and `ws`: a readable block per item, or one JSON object per line (`--jsonl`).
namespace Patchbay::Cli {

// "2026-05-04T10:11:12.345+02:00": local time with milliseconds and offset.
QString streamTime(const QDateTime &at);
// `data` pretty-printed when it is JSON, else as it is.
QByteArray prettyIfJson(const QByteArray &data);

void printEvent(const Core::ServerSentEvent &event, bool jsonLines, FILE *out);
// A text or binary message as one JSON line: {direction, time, type, size, data | base64}.
void printMessage(const Core::WebSocketEntry &entry, FILE *out);

} // namespace Patchbay::Cli
