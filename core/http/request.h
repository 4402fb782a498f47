#pragma once

#include "core/http/keyvalue.h"
#include "core/http/requestkind.h"
#include "core/websocket/websocketrequest.h"

#include <QList>
#include <QString>

namespace Patchbay::Core {

enum class BodyMode {
    None,
    Json, // text holds JSON; Content-Type application/json unless the user set one
    Text, // text with contentType (text/plain when empty)
    FormUrlEncoded, // formFields, application/x-www-form-urlencoded
    Multipart, // multipartFields, multipart/form-data with a boundary
    BinaryFile, // the bytes of filePath, contentType or application/octet-stream
};

// A multipart/form-data part: a text value, or a file whose path is in `value`.
struct MultipartField
{
    QString name;
    QString value;
    bool isFile = false;
    QString contentType; // optional; for files guessed from the name when empty
    bool enabled = true;

    friend bool operator==(const MultipartField &, const MultipartField &) = default;
};

struct RequestBody
{
    BodyMode mode = BodyMode::None;
    QString text; // Json and Text modes
    QString contentType; // Text and BinaryFile modes; empty means the mode's default
    KeyValueList formFields;
    QList<MultipartField> multipartFields;
    QString filePath; // BinaryFile mode

    friend bool operator==(const RequestBody &, const RequestBody &) = default;
};

enum class AuthMode { None, Basic, Bearer, ApiKey };
enum class ApiKeyLocation { Header, Query };

struct Auth
{
    AuthMode mode = AuthMode::None;
    QString username; // Basic
    QString password; // Basic
    QString token; // Bearer
    QString keyName; // ApiKey: header or query parameter name
    QString keyValue; // ApiKey
    ApiKeyLocation keyLocation = ApiKeyLocation::Header;

    friend bool operator==(const Auth &, const Auth &) = default;
};

struct RequestSettings
{
    int timeoutMs = 30000; // no bytes moving for this long ends the request; 0 = never
    bool followRedirects = true;
    int maxRedirects = 10;
    bool verifyTls = true;
    // Decoded bodies larger than this go to a temporary file instead of memory.
    qint64 streamToFileThreshold = 8 * 1024 * 1024;
    // Compressed responses may decode to at most this many bytes. Real JSON compresses far
    // better than Qt's default 40:1 guard allows, so the guard only applies past this size.
    qint64 maxDecompressedBytes = 1024LL * 1024 * 1024;

    friend bool operator==(const RequestSettings &, const RequestSettings &) = default;
};

// A request as the user edits it. `url` may carry a query of its own; enabled `params` rows are
// appended to it, encoded, when the request is sent.
struct Request
{
    QString method = QStringLiteral("GET"); // any token, including custom verbs
    QString url;
    KeyValueList params;
    KeyValueList headers;
    RequestBody body;
    Auth auth;
    RequestSettings settings;
    RequestKind kind = RequestKind::Http; // docs/REQUEST-KINDS.md
    WebSocketOptions websocket; // WebSocket kind only (kept, not used, by the others)

    friend bool operator==(const Request &, const Request &) = default;
};

} // namespace Patchbay::Core
