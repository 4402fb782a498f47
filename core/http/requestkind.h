#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Patchbay::Core {

struct Request;

// What a request is for the user (docs/FORMAT.md "Request kinds"). Each kind has its own editor
// and viewer in the window; collections, variables, auth, history and runs treat them alike.
// Server-Sent Events are not a kind: an http request whose response is `text/event-stream` is
// shown as a stream. Stored in history and drafts as integers: append new kinds, never reorder.
enum class RequestKind {
    Http,
    // An http request whose body mode is BodyMode::GraphQl (docs/GRAPHQL.md). The body mode is
    // where this is stored, so Request::kind never holds it: requestKind() derives it.
    GraphQl,
    WebSocket, // core/websocket: a connection that sends and receives messages
};

// The kind of `request`: its `kind` field (Http or WebSocket), GraphQl for an http request with
// a GraphQL body.
RequestKind requestKind(const Request &request);

// "http", "graphql", "websocket": the `kind:` of a request file.
QString requestKindName(RequestKind kind);
std::optional<RequestKind> requestKindFromName(QStringView name);

} // namespace Patchbay::Core
