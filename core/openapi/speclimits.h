#pragma once

#include <QtGlobal>

namespace Patchbay::Core {

// Bounds for reading an API description, so that a hostile or broken file fails with a message
// instead of exhausting memory or the stack. YAML aliases are expanded into JSON text, so
// `maxExpandedBytes` also stops "billion laughs" documents.
struct SpecLimits
{
    qint64 maxFileBytes = 64LL * 1024 * 1024; // one file of the description
    qint64 maxExpandedBytes = 256LL * 1024 * 1024; // JSON text made from one YAML file
    qint64 maxNodes = 20'000'000; // YAML nodes (scalars, sequences, mappings, aliases) per file
    int maxDepth = 256; // nesting of sequences and mappings
    int maxFiles = 200; // files a description may pull in through $ref
};

} // namespace Patchbay::Core
