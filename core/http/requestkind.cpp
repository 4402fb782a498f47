#include "core/http/requestkind.h"

#include "core/http/request.h"

namespace Patchbay::Core {

RequestKind requestKind(const Request &request)
{
    if (request.kind == RequestKind::WebSocket)
        return RequestKind::WebSocket;
    return request.body.mode == BodyMode::GraphQl ? RequestKind::GraphQl : RequestKind::Http;
}

QString requestKindName(RequestKind kind)
{
    switch (kind) {
    case RequestKind::Http:
        return QStringLiteral("http");
    case RequestKind::GraphQl:
        return QStringLiteral("graphql");
    case RequestKind::WebSocket:
        return QStringLiteral("websocket");
    }
    return QStringLiteral("http");
}

std::optional<RequestKind> requestKindFromName(QStringView name)
{
    for (RequestKind kind : {RequestKind::Http, RequestKind::GraphQl, RequestKind::WebSocket}) {
        if (name == requestKindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace Patchbay::Core
