#pragma once

#include "core/auth/oauth2config.h"
#include "core/auth/signingconfig.h"
#include "core/http/keyvalue.h"
#include "core/http/requestkind.h"
#include "core/websocket/websocketrequest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

enum class BodyMode {
    None,
    Json, // text holds JSON; Content-Type application/json unless the user set one
    Text, // text with contentType (text/plain when empty)
    FormUrlEncoded, // formFields, application/x-www-form-urlencoded
    Multipart, // multipartFields, multipart/form-data with a boundary
    BinaryFile, // the bytes of filePath, contentType or application/octet-stream
    // graphql: {query, operationName, variables} as application/json, or as query parameters
    // with GET (core/graphql/graphqlhttp.h, docs/GRAPHQL.md)
    GraphQl,
};

// The GraphQL body mode's fields. `variables` is JSON text, sent as written.
struct GraphQlBody
{
    QString query; // a GraphQL document: one or more operations and fragments
    QString variables; // a JSON object, or empty
    QString operationName; // which operation to run when the document has several
    // The schema file used for completion and validation: a path relative to the collection
    // folder (schemas/NAME.graphql), empty when none was fetched or loaded.
    QString schemaFile;

    friend bool operator==(const GraphQlBody &, const GraphQlBody &) = default;
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
    GraphQlBody graphql; // GraphQl mode

    friend bool operator==(const RequestBody &, const RequestBody &) = default;
};

// Values are stored as integers in history and drafts: append new modes, never reorder.
enum class AuthMode {
    None, // explicitly no credentials (a request or folder opts out of its parent's auth)
    Basic,
    Bearer,
    ApiKey,
    OAuth2, // oauth2 (core/auth/oauth2*): a token from the keyring, fetched when needed
    // The signing schemes (core/auth/signingconfig.h): the request is signed as it is sent
    // (core/auth/signedcall.h), Digest after the server's 401 challenge.
    Digest,
    AwsSigV4,
    OAuth1,
    JwtBearer,
    Inherit, // the parent's auth: the folder's, up to the collection's (the default)
};
enum class ApiKeyLocation { Header, Query };

// The auth of a request, folder or collection. A new one inherits from its parent; a
// collection's Inherit means none. core/collections/sendcontext.h resolves inheritance.
struct Auth
{
    AuthMode mode = AuthMode::Inherit;
    QString username; // Basic
    QString password; // Basic
    QString token; // Bearer
    QString keyName; // ApiKey: header or query parameter name
    QString keyValue; // ApiKey
    ApiKeyLocation keyLocation = ApiKeyLocation::Header;
    OAuth2Config oauth2; // OAuth2
    DigestConfig digest; // Digest
    AwsSigV4Config awsSigV4; // AwsSigV4
    OAuth1Config oauth1; // OAuth1
    JwtBearerConfig jwt; // JwtBearer

    friend bool operator==(const Auth &, const Auth &) = default;
};

// Where a request's proxy comes from: the workspace's network settings, or this request.
enum class ProxyOverride { Inherit, None, System, Manual };

struct RequestSettings
{
    int timeoutMs = 30000; // no bytes moving for this long ends the request; 0 = never
    // The whole exchange (redirects included) may take at most this long, however steadily
    // bytes move: a body trickling at one byte a second ends too. 0 = no limit.
    int maxTimeMs = 0;
    bool followRedirects = true;
    int maxRedirects = 10;
    bool verifyTls = true;
    // Decoded bodies larger than this go to a temporary file instead of memory.
    qint64 streamToFileThreshold = 8 * 1024 * 1024;
    // Compressed responses may decode to at most this many bytes. Real JSON compresses far
    // better than Qt's default 40:1 guard allows, so the guard only applies past this size.
    qint64 maxDecompressedBytes = 1024LL * 1024 * 1024;
    // A decoded body larger than this ends the request (the temporary file would fill the
    // disk); 0 = no limit.
    qint64 maxBodyBytes = 4LL * 1024 * 1024 * 1024;
    // Headers kept on a redirect to another origin although they would be dropped as
    // credentials (credentialheaders.h), by name, case-insensitively.
    QStringList keepHeadersOnRedirect;
    // Network overrides of the workspace's settings (docs/NETWORK.md); {{variables}} allowed.
    ProxyOverride proxy = ProxyOverride::Inherit;
    QString proxyUrl; // Manual: curl's -x syntax, e.g. http://user:{{proxyPassword}}@proxy:3128
    QString caCertificates; // a PEM file or folder trusted for this request, besides the system's
    QString clientCertificate; // PEM or PKCS#12 file, instead of the workspace's host rules
    QString clientKey; // PEM key, when not in the certificate file
    QString clientPassphrase; // of the PKCS#12 file or encrypted key (use a secret variable)
    bool http1Only = false; // never HTTP/2, for servers whose HTTP/2 is broken
    bool cookies = true; // false: the cookie jar is neither sent nor updated

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
    // Http or WebSocket. A GraphQL request is Http with a GraphQL body (requestKind()).
    RequestKind kind = RequestKind::Http;
    WebSocketOptions websocket; // WebSocket kind only (kept, not used, by the others)

    friend bool operator==(const Request &, const Request &) = default;
};

} // namespace Patchbay::Core
