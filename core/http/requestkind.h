#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Patchbay::Core {

// What a request is (docs/REQUEST-KINDS.md). Each kind has its own editor and viewer in the
// window; collections, variables, auth, history and runs treat them alike. Server-Sent Events
// are not a kind: an Http request whose response is `text/event-stream` is shown as a stream.
// Stored in history and drafts as integers: append new kinds, never reorder.
enum class RequestKind {
    Http,
    // An HTTP POST whose body holds a GraphQL operation (branch `graphql`: its body mode, editor
    // and schema). Until that lands it sends and edits exactly as Http.
    GraphQl,
    WebSocket, // core/websocket: a connection that sends and receives messages
};

// "http", "graphql", "websocket": the `kind:` of a request file.
QString requestKindName(RequestKind kind);
std::optional<RequestKind> requestKindFromName(QStringView name);

} // namespace Patchbay::Core
