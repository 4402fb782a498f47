#pragma once

#include "core/json/jsonvalue.h"

#include <QStringList>

namespace Patchbay::Core {

// Applies an RFC 7396 JSON Merge Patch: members set to null are removed, objects merge
// recursively, anything else (arrays included) replaces the target. Existing members keep their
// position; new ones are appended.
JsonValue applyMergePatch(const JsonValue &target, const JsonValue &patch);

struct MergePatchResult
{
    JsonValue patch;
    // One line per thing to tell the user, each naming a JSON pointer: members that `after` sets
    // to null (a merge patch can only delete them) and arrays the patch replaces whole. Nulls that
    // `before` already had and `after` keeps are not mentioned: the patch leaves them alone.
    QStringList warnings;

    friend bool operator==(const MergePatchResult &, const MergePatchResult &) = default;
};

// A merge patch that turns `before` into `after` as far as RFC 7396 can express it.
MergePatchResult diffMergePatch(const JsonValue &before, const JsonValue &after);

// True when applying diffMergePatch(before, after).patch to `before` gives `after`
// (false when `after` holds a null member the patch would have to write).
bool mergePatchCanExpress(const JsonValue &before, const JsonValue &after);

} // namespace Patchbay::Core
