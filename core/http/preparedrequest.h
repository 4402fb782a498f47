#pragma once

#include "core/common/result.h"
#include "core/http/request.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace Patchbay::Core {

// One header as it goes on the wire.
struct PreparedHeader
{
    QByteArray name;
    QByteArray value;
    // Set by Patchbay (User-Agent, Accept, Content-Type from the body mode, Content-Length,
    // Authorization or the API-key header from the auth settings), not typed by the user. The UI
    // shows these greyed out.
    bool automatic = false;
    // Carries credentials (credentialheaders.h: Authorization, Cookie, the API-key header,
    // X-Api-Key and the like, secret values): dropped when a redirect leaves the origin the user
    // addressed, unless RequestSettings::keepHeadersOnRedirect names it.
    bool credential = false;

    friend bool operator==(const PreparedHeader &, const PreparedHeader &) = default;
};

using PreparedHeaderList = QList<PreparedHeader>;

// What goes on the wire for one Request: a plain value, computed without any network access.
//
// Header precedence (the same as python-requests):
//   - a user row wins over an automatic header of the same name (User-Agent, Accept,
//     Content-Type), so a user Content-Type replaces the body mode's;
//   - the Auth settings win over a user row of the same name (Authorization or the API-key
//     header), because choosing an auth mode is the more deliberate act;
//   - Content-Length is always computed from the body: a wrong value would corrupt the
//     connection, so a user row with that name is ignored.
// Host, Connection, Accept-Encoding and Accept-Language are added by the transport (Qt) and
// are not listed here. A user Accept-Encoding row turns off transparent decompression.
//
// Encoding rules:
//   - query parameters: UTF-8, every byte outside A-Z a-z 0-9 - . _ ~ percent-encoded, so
//     "a b&c=d+e" becomes a%20b%26c%3Dd%2Be; rows are appended to the URL's own query in order,
//     repeated names are kept, an empty value gives "name=";
//   - form bodies: application/x-www-form-urlencoded exactly like python-requests (urlencode):
//     the same as the query but a space becomes '+';
//   - multipart: one part per enabled row; file parts carry the file name and a Content-Type
//     (the row's, or guessed from the file extension); the boundary is derived from the content
//     so that preparing the same request twice gives equal results.
// Bodies are read into memory (files included) so that a PreparedRequest is self-contained.
struct PreparedRequest
{
    QString method; // an HTTP token, exactly as the user typed it
    QUrl url; // http or https with a host, query parameters appended
    PreparedHeaderList headers; // automatic ones first, then the user's, in table order
    QByteArray body;
    // Whether a body (possibly empty, then "Content-Length: 0") is sent. True for any body
    // mode other than None and for POST, PUT, PATCH and DELETE; never for HEAD.
    bool hasBody = false;

    // First header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // Removes every header with this name; returns how many were removed.
    qsizetype removeHeaders(QByteArrayView name);
    PreparedHeaderList automaticHeaders() const;

    friend bool operator==(const PreparedRequest &, const PreparedRequest &) = default;
};

// Turns what the user edited into what is sent. Errors (nothing may be sent):
//   "invalid-url"     the URL is empty, not http(s), has no host or does not parse;
//   "invalid-request" the method or a header is malformed, or a body file cannot be read.
// Each message says what is wrong and what to do about it.
Result<PreparedRequest> prepareRequest(const Request &request);

// The User-Agent Patchbay sends unless the user sets one: "Patchbay/<version>".
QByteArray defaultUserAgent();

// Percent-encodes one query component (see the encoding rules above).
QByteArray encodeQueryComponent(const QString &text);
// Encodes one application/x-www-form-urlencoded component (see the encoding rules above).
QByteArray encodeFormComponent(const QString &text);

} // namespace Patchbay::Core
