#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdio>
#include <functional>

#include "core/auth/authcall.h"

namespace Patchbay::Core {
class NetworkProfile;
struct Request;
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

struct SubscriptionOutput
{
    bool jsonLines = false;
    qint64 maxEvents = -1; // stop after this many (-1: no limit)
    int timeoutMs = 0; // stop listening after this long (0: no limit)
    std::function<bool()> stopRequested; // polled: Ctrl+C
};

// `send` with a GraphQL subscription: subscribes over WebSocket (graphql-transport-ws) and
// prints each message the server sends for it as an event, until the server completes it,
// --max-events, --timeout or Ctrl+C. Returns the exit status (0, 2 usage, 3 failure).
int streamSubscription(const Core::Request &request, const Core::AuthCall::Context &context,
                       const Core::NetworkProfile &profile, const SubscriptionOutput &output);

} // namespace Patchbay::Cli
