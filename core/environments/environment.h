#pragma once

#include "core/environments/variable.h"

#include <QString>

namespace Patchbay::Core {

// A set of variables the user switches between (local, staging, production), stored as
// `environments/NAME.yaml` inside a collection (docs/FORMAT.md).
struct Environment
{
    int formatVersion = 1;
    QString name;
    VariableList variables;

    friend bool operator==(const Environment &, const Environment &) = default;
};

} // namespace Patchbay::Core
