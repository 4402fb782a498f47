// JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7396): apply and diff.
// The input is one JSON document:
// - {"doc": A, "patch": P, ...} (the shape of json-patch-tests cases): P is applied to A as a
//   JSON Patch and as a merge patch; when the JSON Patch applies, (A, result) is diffed below;
// - [A, B, ...] or {"x": A, "y": B, ...}: (A, B) is diffed.
// Checks for a pair (A, B): apply(diff(A, B), A) == B, with and without `test` operations, and
// the diff is a valid patch that survives being written and read; for merge patches,
// apply(diffMergePatch(A, B), A) == B whenever mergePatchCanExpress(A, B).
#include "core/json/jsonparser.h"
#include "core/json/jsonpatch.h"
#include "core/json/jsonwriter.h"
#include "core/json/mergepatch.h"
#include "tests/fuzz/fuzzsupport.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

namespace {

QString show(const JsonValue &value)
{
    return excerpt(QByteArrayView(toJson(value, JsonStyle::Compact)));
}

void checkJsonPatchDiff(const JsonValue &a, const JsonValue &b, bool withTests)
{
    DiffOptions options;
    options.withTests = withTests;
    const JsonValue patch = diffJsonPatch(a, b, options);
    const std::optional<JsonPatchError> invalid = validateJsonPatch(patch);
    FUZZ_CHECK(!invalid,
               QStringLiteral("diff is not a valid patch: %1; patch %2")
                   .arg(invalid ? invalid->message() : QString(), show(patch)));
    const Result<JsonValue> reread = parseJson(toJson(patch, JsonStyle::Compact));
    FUZZ_CHECK(reread.ok() && reread.value().isIdenticalTo(patch),
               QStringLiteral("diff does not survive writing: %1").arg(show(patch)));
    const Result<JsonValue> applied = applyJsonPatch(a, patch);
    FUZZ_CHECK(applied.ok(),
               QStringLiteral("diff does not apply: %1; patch %2; a %3; b %4")
                   .arg(applied.ok() ? QString() : applied.error().message, show(patch), show(a),
                        show(b)));
    FUZZ_CHECK(applied.value() == b,
               QStringLiteral("apply(diff(a, b), a) != b: got %1; patch %2; a %3; b %4")
                   .arg(show(applied.value()), show(patch), show(a), show(b)));
}

void checkMergePatchDiff(const JsonValue &a, const JsonValue &b)
{
    const MergePatchResult diff = diffMergePatch(a, b);
    if (!mergePatchCanExpress(a, b))
        return;
    const JsonValue applied = applyMergePatch(a, diff.patch);
    FUZZ_CHECK(applied == b,
               QStringLiteral("merge: apply(diff(a, b), a) != b: got %1; patch %2; "
                              "a %3; b %4")
                   .arg(show(applied), show(diff.patch), show(a), show(b)));
}

void checkPair(const JsonValue &a, const JsonValue &b)
{
    checkJsonPatchDiff(a, b, false);
    checkJsonPatchDiff(a, b, true);
    checkMergePatchDiff(a, b);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 4096))
        return -1;
    const Result<JsonValue> parsed = parseJson(bytes(data, size));
    if (!parsed.ok())
        return 0;
    const JsonValue &value = parsed.value();

    if (value.isObject() && value.contains(u"doc") && value.contains(u"patch")) {
        const JsonValue &doc = value.value(u"doc");
        const JsonValue &patch = value.value(u"patch");
        (void)applyMergePatch(doc, patch);
        const Result<JsonValue> applied = applyJsonPatch(doc, patch);
        if (applied.ok()) {
            FUZZ_CHECK(
                !validateJsonPatch(patch),
                QStringLiteral("a patch that applies fails validation: %1").arg(show(patch)));
            checkPair(doc, applied.value());
        }
        return 0;
    }
    if (value.isArray() && value.size() >= 2)
        checkPair(value.at(0), value.at(1));
    else if (value.isObject() && value.size() >= 2)
        checkPair(value.members().at(0).value, value.members().at(1).value);
    return 0;
}
