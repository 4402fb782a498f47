#pragma once

#include "core/common/result.h"
#include "core/json/jsonpointer.h"
#include "core/json/jsonvalue.h"

#include <QList>

#include <optional>

namespace Patchbay::Core {

// One difference between two JSON documents. Missing sides are std::nullopt.
struct JsonChange
{
    enum class Kind { Added, Removed, Changed };
    JsonPointer pointer;
    Kind kind = Kind::Changed;
    std::optional<JsonValue> before;
    std::optional<JsonValue> after;

    friend bool operator==(const JsonChange &, const JsonChange &) = default;
};

struct JsonDiffOptions
{
    // Report a changed array as one change instead of per index (rebasing needs this: indices
    // shift when either side inserts).
    bool arraysAsValues = false;
};

// A semantic diff: objects compare by key whatever the member order, numbers by value
// (1.50 == 1.5). Containers of the same type are compared member by member (arrays index by
// index); anything else that differs is one Changed entry. Results are in document order.
QList<JsonChange> diffJson(const JsonValue &before, const JsonValue &after,
                           const JsonDiffOptions &options = {});

QString jsonChangeKindName(JsonChange::Kind kind); // "added", "removed", "changed"

// What the server did with one place of an update, judged from a GET after it.
struct VerifyItem
{
    enum class Status {
        Applied, // the server now has what the user asked for
        ServerOnly, // the server changed something the user did not touch
        Ignored, // the user asked for a change; the server still has the original
        Different, // the user asked for a change; the server has a third value
    };
    JsonPointer pointer;
    Status status = Status::Applied;
    std::optional<JsonValue> original;
    std::optional<JsonValue> intended;
    std::optional<JsonValue> actual;

    friend bool operator==(const VerifyItem &, const VerifyItem &) = default;
};

QString verifyStatusName(VerifyItem::Status status); // "applied", "server-only", ...

// Every place where `intended` or `serverAfter` differs from `original`, classified. Places
// equal in all three documents are not listed.
QList<VerifyItem> classifyVerify(const JsonValue &original, const JsonValue &intended,
                                 const JsonValue &serverAfter);

// A place both you and they changed, to different values. Yours wins in the merged document.
struct RebaseConflict
{
    JsonPointer pointer;
    std::optional<JsonValue> original;
    std::optional<JsonValue> yours;
    std::optional<JsonValue> theirs;

    friend bool operator==(const RebaseConflict &, const RebaseConflict &) = default;
};

struct RebaseResult
{
    JsonValue merged;
    QList<RebaseConflict> conflicts;

    friend bool operator==(const RebaseResult &, const RebaseResult &) = default;
};

// Re-applies your edit (original -> yours) onto theirs (what the server has now), for a 412.
// Arrays are re-applied whole. Errors: Error{"rebase-failed", ...} when a change cannot be
// placed because they removed (or replaced with a scalar) the object it lives in.
Result<RebaseResult> rebaseEdit(const JsonValue &original, const JsonValue &yours,
                                const JsonValue &theirs);

} // namespace Patchbay::Core
