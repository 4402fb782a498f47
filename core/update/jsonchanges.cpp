#include "core/update/jsonchanges.h"

#include <algorithm>

namespace Patchbay::Core {

namespace {

void diffInto(const JsonValue &before, const JsonValue &after, const JsonPointer &path,
              const JsonDiffOptions &options, QList<JsonChange> &out)
{
    if (before.isObject() && after.isObject()) {
        for (const JsonMember &m : before.members()) {
            const JsonPointer child = path.child(m.key);
            if (const JsonValue *now = after.find(m.key))
                diffInto(m.value, *now, child, options, out);
            else
                out.append({child, JsonChange::Kind::Removed, m.value, std::nullopt});
        }
        for (const JsonMember &m : after.members()) {
            if (!before.contains(m.key))
                out.append({path.child(m.key), JsonChange::Kind::Added, std::nullopt, m.value});
        }
        return;
    }
    if (before.isArray() && after.isArray() && !options.arraysAsValues) {
        const qsizetype common = std::min(before.size(), after.size());
        for (qsizetype i = 0; i < common; ++i)
            diffInto(before.at(i), after.at(i), path.child(i), options, out);
        for (qsizetype i = common; i < before.size(); ++i)
            out.append({path.child(i), JsonChange::Kind::Removed, before.at(i), std::nullopt});
        for (qsizetype i = common; i < after.size(); ++i)
            out.append({path.child(i), JsonChange::Kind::Added, std::nullopt, after.at(i)});
        return;
    }
    if (!(before == after))
        out.append({path, JsonChange::Kind::Changed, before, after});
}

std::optional<JsonValue> valueAt(const JsonValue &root, const JsonPointer &pointer)
{
    if (const JsonValue *v = resolveJsonPointer(root, pointer))
        return *v;
    return std::nullopt;
}

bool sameOptional(const std::optional<JsonValue> &a, const std::optional<JsonValue> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || *a == *b;
}

// Sets (or with nullopt removes) the value at `pointer`; false when its parent is missing or is
// not a container that can hold it.
bool placeValue(JsonValue &root, const JsonPointer &pointer, const std::optional<JsonValue> &value)
{
    if (pointer.isRoot()) {
        root = value.value_or(JsonValue());
        return true;
    }
    JsonValue *parent = resolveJsonPointerMutable(root, pointer.parent());
    if (!parent)
        return false;
    const QString token = pointer.lastToken();
    if (parent->isObject()) {
        if (value)
            parent->insert(token, *value);
        else
            parent->remove(token);
        return true;
    }
    if (parent->isArray()) {
        // Only reached for a root-level array change with arraysAsValues, or arrays inside
        // arrays: replace or append in place, remove from the end.
        const qsizetype index = JsonPointer::arrayIndex(token);
        JsonValue::Array &items = parent->mutableArray();
        if (index < 0 || index > items.size())
            return false;
        if (!value) {
            if (index < items.size())
                items.removeAt(index);
            return true;
        }
        if (index == items.size())
            items.append(*value);
        else
            items[index] = *value;
        return true;
    }
    return false;
}

} // namespace

QList<JsonChange> diffJson(const JsonValue &before, const JsonValue &after,
                           const JsonDiffOptions &options)
{
    QList<JsonChange> out;
    diffInto(before, after, JsonPointer(), options, out);
    return out;
}

QString jsonChangeKindName(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return QStringLiteral("added");
    case JsonChange::Kind::Removed:
        return QStringLiteral("removed");
    case JsonChange::Kind::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

QString verifyStatusName(VerifyItem::Status status)
{
    switch (status) {
    case VerifyItem::Status::Applied:
        return QStringLiteral("applied");
    case VerifyItem::Status::ServerOnly:
        return QStringLiteral("server-only");
    case VerifyItem::Status::Ignored:
        return QStringLiteral("ignored");
    case VerifyItem::Status::Different:
        return QStringLiteral("different");
    }
    return {};
}

QList<VerifyItem> classifyVerify(const JsonValue &original, const JsonValue &intended,
                                 const JsonValue &serverAfter)
{
    const QList<JsonChange> asked = diffJson(original, intended);
    const QList<JsonChange> done = diffJson(original, serverAfter);

    QList<VerifyItem> items;
    QList<JsonPointer> askedPointers;
    for (const JsonChange &c : asked) {
        askedPointers.append(c.pointer);
        VerifyItem item;
        item.pointer = c.pointer;
        item.original = c.before;
        item.intended = c.after;
        item.actual = valueAt(serverAfter, c.pointer);
        if (sameOptional(item.actual, item.intended))
            item.status = VerifyItem::Status::Applied;
        else if (sameOptional(item.actual, item.original))
            item.status = VerifyItem::Status::Ignored;
        else
            item.status = VerifyItem::Status::Different;
        items.append(item);
    }
    for (const JsonChange &c : done) {
        // A place at or below something the user changed is judged by that change above.
        const bool covered
            = std::any_of(askedPointers.cbegin(), askedPointers.cend(),
                          [&](const JsonPointer &p) { return p.isPrefixOf(c.pointer); });
        if (covered)
            continue;
        items.append({c.pointer, VerifyItem::Status::ServerOnly, c.before,
                      valueAt(intended, c.pointer), c.after});
    }
    return items;
}

Result<RebaseResult> rebaseEdit(const JsonValue &original, const JsonValue &yours,
                                const JsonValue &theirs)
{
    JsonDiffOptions options;
    options.arraysAsValues = true;
    RebaseResult result;
    result.merged = theirs;
    QStringList unplaceable;
    for (const JsonChange &c : diffJson(original, yours, options)) {
        const std::optional<JsonValue> now = valueAt(theirs, c.pointer);
        if (sameOptional(now, c.after))
            continue; // they made the same change
        if (!sameOptional(now, c.before))
            result.conflicts.append({c.pointer, c.before, c.after, now});
        if (!placeValue(result.merged, c.pointer, c.after))
            unplaceable.append(c.pointer.toString());
    }
    if (!unplaceable.isEmpty()) {
        return Error {QStringLiteral("rebase-failed"),
                      QStringLiteral("Your change to %1 cannot be re-applied: the server's "
                                     "version no longer has the object it belongs to. Copy your "
                                     "change into the server's version by hand.")
                          .arg(unplaceable.join(QLatin1String(", ")))};
    }
    return result;
}

} // namespace Patchbay::Core
