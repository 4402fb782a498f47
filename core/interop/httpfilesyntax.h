#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace Patchbay::Core::HttpFileSyntax {

// The pieces of the .http dialects (VS Code REST Client, JetBrains HTTP Client, httpyac,
// kulala) that the importer needs before it reads one request: lines, `###` blocks, request
// lines, and the script blocks whose lines must never be taken for anything else.

struct Line
{
    QString text;
    int number = 0; // 1-based
};

struct Block
{
    QString title; // after ###
    int line = 0; // of the ### line, 0 for the first block
    QList<Line> lines;
};

struct RequestLine
{
    QString method; // empty for a bare URL (GET)
    QString target; // URL, with any HTTP/x version removed
};

// `METHOD URL [HTTP/x]` with an upper-case method, or, when `bareUrl`, a URL alone
// (`https://...`, `{{host}}/...`, `/path`).
std::optional<RequestLine> parseRequestLine(QStringView trimmed, bool bareUrl);

// Methods that are not HTTP requests in these tools (gRPC, WebSocket, server-sent events,
// MQTT, AMQP): requests Patchbay cannot hold yet.
bool isOtherProtocol(const QString &method);
// A URL whose scheme is one of those protocols (a bare `wss://...` line is a WebSocket in httpyac).
bool isOtherScheme(const QString &url);

// Where each line stands among script blocks: JetBrains/kulala `< {% ... %}` (before the request)
// and `> {% ... %}` (after it), httpyac `{{ ... }}` lines, httpyac `/* ... */` comments, and a
// response stored under a request (from an `HTTP/1.1 200` line to the end of the block).
enum class LineKind { Plain, PreScript, PostScript, BraceScript, Comment, Response };
QList<LineKind> classifyLines(const QList<Line> &lines);

// Splits a `###` block at every request line after its first (httpyac and kulala start a new
// request there), so that requests are never merged. The comments, directives, variables and
// pre-request scripts right above a request line go with that request.
QList<Block> splitRequests(const Block &block);

} // namespace Patchbay::Core::HttpFileSyntax
