#pragma once

#include "core/interop/importedcollection.h"

namespace Patchbay::Fuzz {

// What every importer's output must survive: each request, folder, the collection and each
// environment written as our YAML (docs/FORMAT.md) reads back equal, through the fast reader
// and through yaml-cpp, and writing it again gives the same bytes. An import that a save would
// change is a bug the user sees only after reopening the workspace.
void checkImportedSurvivesSave(const Core::ImportedCollection &collection);

} // namespace Patchbay::Fuzz
