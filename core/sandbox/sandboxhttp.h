#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace Patchbay::Core::Sandbox {

using HeaderPairs = QList<QPair<QByteArray, QByteArray>>;

// A request as the sandbox routes see it: copied out of QHttpServerRequest so that routes are
// plain functions and a delayed answer can outlive the original request.
struct SandboxRequest
{
    QByteArray method; // "GET", "PATCH", ...; "UNKNOWN" for verbs Qt HttpServer cannot name
    QUrl url;
    QString path; // decoded, without a trailing slash (except "/")
    QUrlQuery query;
    HeaderPairs headers; // in order, as received
    QByteArray body;
    QString remoteAddress;

    // First header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
    // Content-Type without parameters, lowercased ("application/json").
    QByteArray mediaType() const;
    // Path split on '/', without empty segments: "/users/1" -> {"users", "1"}.
    QStringList segments() const;

    friend bool operator==(const SandboxRequest &, const SandboxRequest &) = default;
};

// What a route answers. The server writes it to the socket (after `delayMs` when set).
struct SandboxReply
{
    int status = 200;
    HeaderPairs headers;
    QByteArray body;
    int delayMs = 0;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;

    friend bool operator==(const SandboxReply &, const SandboxReply &) = default;
};

inline constexpr char jsonContentType[] = "application/json; charset=utf-8";

// A reply with a JSON body (already serialised) and the sandbox's JSON content type.
SandboxReply jsonReply(int status, QByteArray json);
// The error body every route uses: {"status": 404, "error": "Not Found", "message": "..."}.
SandboxReply errorReply(int status, const QString &message);
// 405 with Allow listing `allowed`.
SandboxReply methodNotAllowed(const QByteArray &method, const QByteArrayList &allowed);
// 204 (or 200 for OPTIONS) answer listing the methods of a route.
SandboxReply optionsReply(const QByteArrayList &allowed);

// RFC 9110 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate(const QDateTime &time);
// "\"abc\"" and "W/\"abc\"" both give "abc"; used for If-Match and If-None-Match lists.
QByteArrayList entityTags(const QByteArray &headerValue);

} // namespace Patchbay::Core::Sandbox
