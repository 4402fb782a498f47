#pragma once

#include "core/http/request.h"
#include "core/json/jsonvalue.h"

#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// Postman's `auth` objects (collection v2.0 and v2.1) to and from Patchbay's Auth.

// A missing auth object inherits (as in Postman); "noauth" is None. Types Patchbay lacks give
// None, a line in `lossy` (prefixed with `where`) and `*unsupported = true`. OAuth 2.0 keeps
// its configuration but never a saved access token; a literal client secret or password is
// kept (the import report says to move it to a secret variable).
Auth authFromPostman(const JsonValue &auth, const QString &where, QStringList &lossy,
                     bool *unsupported = nullptr);

// `topLevel`: the collection's own auth, where "none" and "inherit" both mean no auth (null).
// Elsewhere Inherit is null (Postman inherits a missing auth) and None is "noauth". Secret
// OAuth 2.0 fields are written only as {{variable}} references, never as literal values.
JsonValue authToPostman(const Auth &auth, bool topLevel = false);

} // namespace Patchbay::Core
