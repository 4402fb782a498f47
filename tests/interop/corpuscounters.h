#pragma once

// Counts the requests of a file of another tool without Patchbay's importers, so that the
// corpus test can check the importers' counts against something they did not compute. Each
// counter is deliberately simple and written from the formats' own definitions; the corpus
// manifest (tests/interop/corpus/EXPECTED) holds hand-checked counts that keep the counters
// honest.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Patchbay::Test {

// The file as text, decoded by its byte order mark (UTF-8, UTF-16 LE/BE), else as UTF-8.
QString corpusText(const QByteArray &bytes);

// One request of a Postman collection as Postman would send it: method (the file's spelling
// trimmed, GET when empty) and URL (raw, else rebuilt from its parts, with `:name` path
// variables replaced by their values as Postman does).
using MethodUrl = QPair<QString, QString>;

// What else a round trip must keep of one request, each as comparable text: enabled headers,
// the body (mode and content), and the auth in effect (the request's, else the nearest
// folder's, else the collection's: type and parameters).
struct RequestParts
{
    QString headers;
    QString body;
    QString auth;
};

struct PostmanCount
{
    int requests = 0; // every item that is not a folder, with or without a request
    int withoutRequest = 0; // of them, items that have no request at all
    QList<MethodUrl> sent; // the items with a request, depth first in file order
    QList<RequestParts> parts; // the same items
};

// nullopt when the text is not JSON or not a Postman collection (v1, v2, API-wrapped).
std::optional<PostmanCount> countPostman(const QString &text);
// Requests of an Insomnia export (v4 JSON/YAML resources, v5 collection tree), any kind.
std::optional<int> countInsomnia(const QString &text);
// Request files of a Bruno collection directory.
int countBruno(const QString &dir);
// Request lines of an .http file (any dialect).
int countHttp(const QString &text);
// curl commands in a shell snippet.
int countCurl(const QString &text);

} // namespace Patchbay::Test
