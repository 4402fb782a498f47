#include "core/collections/sendcontext.h"

#include "core/environments/variablecontext.h"

#include <QDir>

namespace Patchbay::Core {

const CollectionItem *collectionOf(const Workspace &workspace, const QString &path)
{
    if (path.isEmpty())
        return nullptr;
    const QString clean = QDir::cleanPath(path);
    for (const CollectionItem &c : workspace.collections()) {
        if (clean == c.path || clean.startsWith(c.path + u'/'))
            return &c;
    }
    return nullptr;
}

ResolvedSend resolveForSending(const Workspace &workspace, const QString &requestPath,
                               const Request &request, const QString &environmentPath)
{
    Request effective = request;
    if (const CollectionItem *collection = collectionOf(workspace, requestPath)) {
        const CollectionInfo &info = collection->collection;
        if (effective.auth.mode == AuthMode::None)
            effective.auth = info.auth;
        KeyValueList defaults;
        for (const KeyValue &header : info.headers) {
            const bool overridden = std::any_of(
                request.headers.cbegin(), request.headers.cend(), [&header](const KeyValue &h) {
                    return h.enabled && h.name.compare(header.name, Qt::CaseInsensitive) == 0;
                });
            if (header.enabled && !overridden)
                defaults.append(header);
        }
        effective.headers = defaults + effective.headers;
    }

    QList<VariableScope> scopes
        = requestPath.isEmpty() ? QList<VariableScope>() : workspace.scopesFor(requestPath);
    if (const EnvironmentItem *env
        = environmentPath.isEmpty() ? nullptr : workspace.environment(environmentPath)) {
        scopes.append({ScopeKind::Environment, env->environment.name, env->environment.variables});
    }
    ResolvedSend result;
    result.request = resolveVariables(effective, VariableContext(scopes), &result.unresolved,
                                      &result.secretValues);
    return result;
}

} // namespace Patchbay::Core
