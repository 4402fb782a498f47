#pragma once

#include "core/environments/environment.h"

#include <QByteArray>
#include <QString>

namespace Patchbay::Core {

class Workspace;

// Writes a collection, or one folder of it, as a Postman Collection v2.1 document. Scripts go
// back as events; collection default headers are added to each request that does not set the
// same header. Secret variables are never exported: they get an empty value and the
// description "secret: set in Postman". Empty when `collectionOrFolderPath` is not a collection
// or folder of `workspace`.
QByteArray exportPostmanCollection(const Workspace &workspace,
                                   const QString &collectionOrFolderPath);

// A Postman environment document; secret variables are exported without their value.
QByteArray exportPostmanEnvironment(const Environment &environment);

} // namespace Patchbay::Core
