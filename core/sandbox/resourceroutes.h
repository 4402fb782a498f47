#pragma once

#include "core/sandbox/sandboxhttp.h"

#include <optional>

namespace Patchbay::Core::Sandbox {

class SandboxStore;

// The REST resources: /users, /posts, /todos (list, create), /<collection>/<id> (read, PUT,
// PATCH, DELETE with ETag preconditions) and /users/<id>/posts|todos. Empty when the path is
// not a collection.
std::optional<SandboxReply> handleResourceRoute(SandboxStore &store, const SandboxRequest &request);

} // namespace Patchbay::Core::Sandbox
