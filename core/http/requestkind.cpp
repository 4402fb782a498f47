#include "core/http/requestkind.h"

namespace Patchbay::Core {

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
