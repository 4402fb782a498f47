#pragma once

#include "core/common/result.h"
#include "core/interop/importedcollection.h"

#include <QString>

namespace Patchbay::Core {

// One top-level block of a `.bru` file: `name { ... }` (dictionary or text) or `name [ ... ]`.
struct BruBlock
{
    QString name; // "meta", "get", "body:json", "vars:secret", ...
    int line = 0; // 1-based line of the header
    bool isList = false; // `[ ... ]`
    QStringList lines; // the inner lines, without the block's two-space indent

    friend bool operator==(const BruBlock &, const BruBlock &) = default;
};

// Splits a `.bru` file (the Bru language) into its blocks. Errors: "bru-syntax" with the line.
Result<QList<BruBlock>> parseBruFile(const QString &text);

// Reads a Bruno collection directory: bruno.json (name), collection.bru (headers, auth, docs),
// subdirectories as folders (folder.bru for name, seq and variables), `.bru` requests ordered
// by meta seq, and environments/*.bru (`vars`, `vars:secret` as secrets without a value).
// Request variables, assertions, path params, GraphQL and other auth types are reported in
// report.lossy; scripts and tests are kept as text (never run) and reported too. Relative
// `@file(...)` paths are resolved against the collection directory.
// Errors: "not-bruno", "bru-syntax" (file and line), "file-too-large", "too-many-items",
// "too-deep".
Result<ImportedCollection> importBrunoDirectory(const QString &dir,
                                                const ImportLimits &limits = {});

} // namespace Patchbay::Core
