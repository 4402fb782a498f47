#pragma once

#include "core/collections/workspace.h"
#include "core/http/request.h"

#include <QStringList>

namespace Patchbay::Core {

// A request from a collection as it goes out: the collection's auth applies when the request
// has none, its default headers when the request does not set the same name, then every
// {{variable}} is resolved (request → folders → collection → environment, and dynamic ones).
struct ResolvedSend
{
    Request request;
    QStringList unresolved; // names left as written
    QStringList secretValues; // values of secret variables used (to redact what is logged)

    friend bool operator==(const ResolvedSend &, const ResolvedSend &) = default;
};

// `requestPath` may be empty (an unsaved request: only dynamic variables resolve) and
// `environmentPath` may be empty (no environment).
ResolvedSend resolveForSending(const Workspace &workspace, const QString &requestPath,
                               const Request &request, const QString &environmentPath);

// The collection item that holds `path`, or null.
const CollectionItem *collectionOf(const Workspace &workspace, const QString &path);

} // namespace Patchbay::Core
