#pragma once

#include "core/common/result.h"

#include <QByteArrayView>
#include <QString>

#include <yaml-cpp/node/node.h>

namespace Patchbay::Core {

// Limits for reading a YAML document from a file someone else may have written. yaml-cpp shares
// one node between an anchor and its aliases, so loading is cheap, but every reader that walks
// the tree (converting it, copying it) visits each alias in full: nine levels of nine aliases
// ("billion laughs", 500 bytes) expand to 387 million strings. maxExpandedNodes bounds that walk.
struct YamlLimits
{
    qint64 maxBytes = 10LL * 1024 * 1024; // the document's size
    int maxDepth = 64; // nesting of mappings and sequences
    qint64 maxNodes = 1000000; // scalars, mappings, sequences and aliases as written
    qint64 maxExpandedNodes = 2000000; // nodes a walk that follows every alias visits
    bool allowAliases = true; // false: any alias is an error (formats that never use them)

    friend bool operator==(const YamlLimits &, const YamlLimits &) = default;
};

// Where a YAML document went wrong; 1-based, 0 when unknown.
struct YamlError
{
    QString code; // "yaml-too-large", "yaml-too-deep", "yaml-too-many-nodes",
                  // "yaml-alias-expansion", "yaml-alias", "yaml-syntax"
    QString message; // what happened and what to do, without the position
    int line = 0;
    int column = 0;

    // "line L, column C: message" (or the message alone without a position).
    Error toError() const;
};

// Checks `yaml` against `limits` in one pass over the parser's events (nothing is built, so a
// bomb is refused in time and memory proportional to its size), then loads it with yaml-cpp.
// `what` names the document in messages ("The Insomnia export"). Only the first document of a
// stream is read. Never throws.
Result<YAML::Node> loadBoundedYaml(QByteArrayView yaml, const YamlLimits &limits,
                                   const QString &what, YamlError *error = nullptr);

} // namespace Patchbay::Core
