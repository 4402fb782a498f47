#pragma once

#include "core/common/result.h"
#include "core/json/jsonvalue.h"

#include <QString>

#include <optional>

namespace Patchbay::Core {

// Why an RFC 6902 patch was not applied, with the position of the failing operation.
// operationIndex is 0-based, as in the patch array (operation 3 is the JSON pointer "/3").
struct JsonPatchError
{
    int operationIndex = -1; // -1 when the patch document itself is not an array
    QString operation; // "replace /a/b" (as much as the operation says; may be empty)
    QString reason; // "path does not exist"

    // "operation 3 (replace /a/b): path does not exist"
    QString message() const;
    // Error{"patch-failed", message()}
    Error toError() const;

    friend bool operator==(const JsonPatchError &, const JsonPatchError &) = default;
};

// Applies an RFC 6902 JSON Patch (an array of operations) atomically: the result is a new
// document, and on failure nothing is returned but the error (`doc` is never modified).
// Errors: Error{"patch-failed", "operation 3 (replace /a/b): path does not exist"}; pass
// `failure` to also receive the structured JsonPatchError.
Result<JsonValue> applyJsonPatch(const JsonValue &doc, const JsonValue &patch,
                                 JsonPatchError *failure = nullptr);

// Checks the patch document alone (array of objects, known ops, required members, valid
// pointers) without a target document.
std::optional<JsonPatchError> validateJsonPatch(const JsonValue &patch);

struct DiffOptions
{
    // Start the patch with a `test` of the old value of every path that is replaced or removed,
    // so that a server rejects the patch when the resource changed meanwhile.
    bool withTests = false;
};

// An RFC 6902 patch that turns `before` into `after` (semantically: applying it gives a value
// equal to `after`; new object members land at the end). One operation per changed leaf;
// objects present on both sides are compared member by member; array edits are index-based
// add/remove/replace operations from a longest-common-subsequence alignment.
JsonValue diffJsonPatch(const JsonValue &before, const JsonValue &after,
                        const DiffOptions &options = {});

} // namespace Patchbay::Core
