#pragma once

#include "core/collections/workspace.h"

#include <QString>

namespace Patchbay::Ui {

// The default workspace (<AppData>/workspace). On the very first start the sample collection
// "Sandbox updates" is copied in and its "Sandbox" environment made active, so that the sample
// runs in one click. `problem` says why the workspace could not be opened (then it is empty).
Core::Workspace openDefaultWorkspace(QString *problem);

} // namespace Patchbay::Ui
