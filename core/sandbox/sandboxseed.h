#pragma once

#include <QByteArray>

namespace Patchbay::Core::Sandbox {

// {"users": [...], "posts": [...], "todos": [...]}: 10 users, 20 posts, 20 todos.
QByteArray seedJson();

} // namespace Patchbay::Core::Sandbox
