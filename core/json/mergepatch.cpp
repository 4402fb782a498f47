#include "core/json/mergepatch.h"

#include "core/json/jsonpointer.h"

namespace Patchbay::Core {

JsonValue applyMergePatch(const JsonValue &target, const JsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    JsonValue result = target.isObject() ? target : JsonValue::emptyObject();
    for (const JsonMember &m : patch.members()) {
        if (m.value.isNull()) {
            result.remove(m.key);
            continue;
        }
        const JsonValue *existing = result.find(m.key);
        if (!m.value.isObject()) {
            result.insert(m.key, m.value);
            continue;
        }
        result.insert(m.key, applyMergePatch(existing ? *existing : JsonValue(), m.value));
    }
    return result;
}

namespace {

QString nullWarning(const QString &pointer)
{
    return QStringLiteral("%1: is null in the edited document, but a merge patch cannot set a "
                          "member to null; the server would remove %1 instead")
        .arg(pointer);
}

// Members of `value` (an object written whole into the patch) that are null would be dropped.
void warnAboutNulls(const JsonValue &value, const JsonPointer &path, QStringList &warnings)
{
    for (const JsonMember &m : value.members()) {
        const JsonPointer child = path.child(m.key);
        if (m.value.isNull())
            warnings.append(nullWarning(child.toString()));
        else if (m.value.isObject())
            warnAboutNulls(m.value, child, warnings);
    }
}

JsonValue diffObjects(const JsonValue &before, const JsonValue &after, const JsonPointer &path,
                      QStringList &warnings)
{
    JsonValue patch = JsonValue::emptyObject();
    for (const JsonMember &m : before.members()) {
        if (!after.contains(m.key))
            patch.insert(m.key, JsonValue());
    }
    for (const JsonMember &m : after.members()) {
        const JsonValue *old = before.find(m.key);
        if (old && *old == m.value)
            continue;
        const JsonPointer child = path.child(m.key);
        if (m.value.isNull()) {
            warnings.append(nullWarning(child.toString()));
            if (old)
                patch.insert(m.key, JsonValue()); // the nearest the patch can get: delete it
            continue;
        }
        if (m.value.isObject() && old && old->isObject()) {
            JsonValue nested = diffObjects(*old, m.value, child, warnings);
            if (!nested.isEmpty())
                patch.insert(m.key, std::move(nested));
            continue;
        }
        if (m.value.isObject())
            warnAboutNulls(m.value, child, warnings);
        if (m.value.isArray() && old && old->isArray())
            warnings.append(QStringLiteral("%1: a merge patch replaces arrays whole; the patch "
                                           "sends all %2 items of %1")
                                .arg(child.toString())
                                .arg(m.value.size()));
        patch.insert(m.key, m.value);
    }
    return patch;
}

} // namespace

MergePatchResult diffMergePatch(const JsonValue &before, const JsonValue &after)
{
    MergePatchResult result;
    if (!after.isObject()) {
        // Anything but an object replaces the target whole.
        result.patch = after;
        if (after.isArray() && before.isArray() && !(before == after))
            result.warnings.append(QStringLiteral("(root): a merge patch replaces arrays whole; "
                                                  "the patch sends all %1 items")
                                       .arg(after.size()));
        return result;
    }
    if (!before.isObject()) {
        warnAboutNulls(after, JsonPointer(), result.warnings);
        result.patch = after;
        return result;
    }
    result.patch = diffObjects(before, after, JsonPointer(), result.warnings);
    return result;
}

bool mergePatchCanExpress(const JsonValue &before, const JsonValue &after)
{
    return applyMergePatch(before, diffMergePatch(before, after).patch) == after;
}

} // namespace Patchbay::Core
