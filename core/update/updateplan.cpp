#include "core/update/updateplan.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonpatch.h"
#include "core/json/jsonpointer.h"
#include "core/json/jsonwriter.h"
#include "core/json/mergepatch.h"

namespace Patchbay::Core {

namespace {

bool isHeader(const KeyValue &row, QLatin1String name)
{
    return row.name.trimmed().compare(name, Qt::CaseInsensitive) == 0;
}

// Headers of the GET that must not be carried into the update: validators of the GET itself,
// and body headers that the update sets.
bool isDroppedHeader(const KeyValue &row)
{
    static const QLatin1String dropped[] = {
        QLatin1String("If-Match"),          QLatin1String("If-None-Match"),
        QLatin1String("If-Modified-Since"), QLatin1String("If-Unmodified-Since"),
        QLatin1String("If-Range"),          QLatin1String("Content-Type"),
        QLatin1String("Content-Length"),    QLatin1String("Range"),
    };
    for (QLatin1String name : dropped) {
        if (isHeader(row, name))
            return true;
    }
    return false;
}

QStringList pointerStrings(const QList<JsonPointer> &pointers)
{
    QStringList out;
    out.reserve(pointers.size());
    for (const JsonPointer &p : pointers)
        out.append(p.toString().isEmpty() ? QStringLiteral("(root)") : p.toString());
    return out;
}

// Members of `before` (through nested objects) that `after` no longer has.
void collectDropped(const JsonValue &before, const JsonValue &after, const JsonPointer &path,
                    QList<JsonPointer> &out)
{
    if (!before.isObject() || !after.isObject())
        return;
    for (const JsonMember &m : before.members()) {
        const JsonValue *now = after.find(m.key);
        if (!now)
            out.append(path.child(m.key));
        else
            collectDropped(m.value, *now, path.child(m.key), out);
    }
}

// What a merge patch from `before` to `after` cannot say exactly: arrays it must send whole and
// nulls it would turn into deletions.
void collectMergeIssues(const JsonValue &before, const JsonValue &after, const JsonPointer &path,
                        QList<JsonPointer> &arrays, QList<JsonPointer> &nulls)
{
    for (const JsonMember &m : after.members()) {
        const JsonPointer child = path.child(m.key);
        const JsonValue *old = before.isObject() ? before.find(m.key) : nullptr;
        if (old && *old == m.value)
            continue;
        if (m.value.isNull()) {
            nulls.append(child);
        } else if (m.value.isObject()) {
            collectMergeIssues(old && old->isObject() ? *old : JsonValue::emptyObject(), m.value,
                               child, arrays, nulls);
        } else if (m.value.isArray() && old && old->isArray()) {
            arrays.append(child);
        }
    }
}

bool looksLikeJsonPatch(const JsonValue &value)
{
    if (!value.isArray() || value.isEmpty())
        return false;
    for (const JsonValue &op : value.array()) {
        if (!op.isObject() || !op.value(u"op").isString() || !op.value(u"path").isString())
            return false;
    }
    return true;
}

UpdateWarning nothingChanged()
{
    return {UpdateWarning::Kind::NothingChanged,
            {},
            QStringLiteral("The edited document is the same as the original, so the update "
                           "changes nothing. Edit the document on the right first.")};
}

} // namespace

QString updateKindName(UpdateKind kind)
{
    switch (kind) {
    case UpdateKind::Put:
        return QStringLiteral("put");
    case UpdateKind::MergePatch:
        return QStringLiteral("merge-patch");
    case UpdateKind::JsonPatch:
        return QStringLiteral("json-patch");
    case UpdateKind::PlainPartial:
        return QStringLiteral("plain-partial");
    }
    return {};
}

QByteArray updateKindContentType(UpdateKind kind)
{
    switch (kind) {
    case UpdateKind::MergePatch:
        return QByteArrayLiteral("application/merge-patch+json");
    case UpdateKind::JsonPatch:
        return QByteArrayLiteral("application/json-patch+json");
    case UpdateKind::Put:
    case UpdateKind::PlainPartial:
        break;
    }
    return QByteArrayLiteral("application/json");
}

QString updateKindMethod(UpdateKind kind)
{
    return kind == UpdateKind::Put ? QStringLiteral("PUT") : QStringLiteral("PATCH");
}

Preconditions preconditionsFrom(const Response &getResponse)
{
    Preconditions p;
    p.etag = QString::fromLatin1(getResponse.header("ETag")).trimmed();
    p.lastModified = QString::fromLatin1(getResponse.header("Last-Modified")).trimmed();
    p.sendIfMatch = !p.etag.isEmpty();
    p.sendIfUnmodifiedSince = p.etag.isEmpty() && !p.lastModified.isEmpty();
    return p;
}

bool UpdatePlan::hasWarning(UpdateWarning::Kind k) const
{
    return std::any_of(warnings.cbegin(), warnings.cend(),
                       [k](const UpdateWarning &w) { return w.kind == k; });
}

Result<UpdatePlan> buildUpdateRequest(const Request &get, const JsonValue &original,
                                      const JsonValue &edited, UpdateKind kind,
                                      const Preconditions &preconditions,
                                      const UpdateOptions &options)
{
    UpdatePlan plan;
    plan.kind = kind;
    Request &r = plan.request;
    r.method = updateKindMethod(kind);
    r.url = get.url;
    r.params = get.params;
    r.auth = get.auth;
    r.settings = get.settings;
    for (const KeyValue &row : get.headers) {
        if (!isDroppedHeader(row))
            r.headers.append(row);
    }
    r.headers.append(KeyValue {QStringLiteral("Content-Type"),
                               QString::fromLatin1(updateKindContentType(kind)), true});
    if (preconditions.sendIfMatch && !preconditions.etag.isEmpty()) {
        r.headers.append(KeyValue {QStringLiteral("If-Match"), preconditions.etag, true});
        if (preconditions.isWeakEtag()) {
            plan.warnings.append(
                {UpdateWarning::Kind::WeakEtag,
                 {},
                 QStringLiteral("The server's ETag %1 is weak. If-Match compares strongly, so a "
                                "server that follows the standard answers 412 to it. Turn "
                                "If-Match off if that happens.")
                     .arg(preconditions.etag)});
        }
    }
    if (preconditions.sendIfUnmodifiedSince && !preconditions.lastModified.isEmpty()) {
        r.headers.append(
            KeyValue {QStringLiteral("If-Unmodified-Since"), preconditions.lastModified, true});
    }
    r.body.mode = BodyMode::Json;

    const bool unchanged = original == edited;
    const auto needObjects = [&](const QString &what) -> std::optional<Error> {
        if (original.isObject() && edited.isObject())
            return std::nullopt;
        return Error {QStringLiteral("update-not-object"),
                      QStringLiteral("A %1 needs the original and the edited document to be JSON "
                                     "objects. Choose PUT or JSON Patch for arrays and other "
                                     "values.")
                          .arg(what)};
    };

    switch (kind) {
    case UpdateKind::Put: {
        r.body.text = QString::fromUtf8(toJson(edited));
        QList<JsonPointer> dropped;
        collectDropped(original, edited, JsonPointer(), dropped);
        if (!dropped.isEmpty()) {
            const QStringList names = pointerStrings(dropped);
            plan.warnings.append(
                {UpdateWarning::Kind::DroppedFields, names,
                 QStringLiteral("PUT replaces the whole resource, and the body no longer has %1 "
                                "that the GET returned, so the server will delete %2. If you "
                                "meant to change only some fields, use a PATCH kind.")
                     .arg(names.join(QLatin1String(", ")),
                          names.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"))});
        }
        break;
    }
    case UpdateKind::MergePatch: {
        if (auto error = needObjects(QStringLiteral("merge patch")))
            return *error;
        r.body.text = QString::fromUtf8(toJson(diffMergePatch(original, edited).patch));
        QList<JsonPointer> arrays;
        QList<JsonPointer> nulls;
        collectMergeIssues(original, edited, JsonPointer(), arrays, nulls);
        if (!arrays.isEmpty()) {
            plan.warnings.append(
                {UpdateWarning::Kind::ArrayReplaced, pointerStrings(arrays),
                 QStringLiteral("A merge patch replaces arrays whole: %1 will be sent with all "
                                "items, overwriting changes others made to them. Use JSON Patch "
                                "to change single items.")
                     .arg(pointerStrings(arrays).join(QLatin1String(", ")))});
        }
        if (!nulls.isEmpty()) {
            plan.warnings.append(
                {UpdateWarning::Kind::NullNotExpressible, pointerStrings(nulls),
                 QStringLiteral("A merge patch cannot set a member to null: for %1 the server "
                                "will delete the member instead. Use JSON Patch or PUT to store "
                                "null.")
                     .arg(pointerStrings(nulls).join(QLatin1String(", ")))});
        }
        break;
    }
    case UpdateKind::JsonPatch: {
        DiffOptions diffOptions;
        diffOptions.withTests = options.jsonPatchTests;
        r.body.text = QString::fromUtf8(toJson(diffJsonPatch(original, edited, diffOptions)));
        break;
    }
    case UpdateKind::PlainPartial: {
        if (auto error = needObjects(QStringLiteral("plain partial body")))
            return *error;
        JsonValue body = JsonValue::emptyObject();
        QList<JsonPointer> removed;
        for (const JsonMember &m : original.members()) {
            if (!edited.contains(m.key))
                removed.append(JsonPointer().child(m.key));
        }
        for (const JsonMember &m : edited.members()) {
            const JsonValue *old = original.find(m.key);
            if (!old || !(*old == m.value))
                body.insert(m.key, m.value);
        }
        r.body.text = QString::fromUtf8(toJson(body));
        if (!removed.isEmpty()) {
            plan.warnings.append(
                {UpdateWarning::Kind::RemovalNotExpressible, pointerStrings(removed),
                 QStringLiteral("A plain partial body can only set members, not remove them: "
                                "%1 will stay on the server. Use PUT, merge patch or JSON Patch "
                                "to remove members.")
                     .arg(pointerStrings(removed).join(QLatin1String(", ")))});
        }
        break;
    }
    }
    if (unchanged)
        plan.warnings.prepend(nothingChanged());
    return plan;
}

QString requestContentType(const Request &request)
{
    QString type;
    for (const KeyValue &row : request.headers) {
        if (row.enabled && isHeader(row, QLatin1String("Content-Type")))
            type = row.value;
    }
    if (type.isEmpty()) {
        switch (request.body.mode) {
        case BodyMode::Json:
            type = QStringLiteral("application/json");
            break;
        case BodyMode::Text:
            type = request.body.contentType.isEmpty() ? QStringLiteral("text/plain")
                                                      : request.body.contentType;
            break;
        default:
            break;
        }
    }
    return type.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

QList<UpdateWarning> lintUpdateRequest(const Request &request)
{
    QList<UpdateWarning> warnings;
    if (request.body.mode != BodyMode::Json && request.body.mode != BodyMode::Text)
        return warnings;
    if (requestContentType(request) != QLatin1String("application/json"))
        return warnings;
    Result<JsonValue> body = parseJson(request.body.text.toUtf8());
    if (body && looksLikeJsonPatch(body.value())) {
        warnings.append({UpdateWarning::Kind::JsonPatchAsPlainJson,
                         {},
                         QStringLiteral("The body is a JSON Patch (a list of operations) but is "
                                        "labelled application/json, so the server will take the "
                                        "list itself as the new value. Send it as "
                                        "application/json-patch+json.")});
    }
    return warnings;
}

bool isEditableResource(const Response &response)
{
    if (response.isError() || response.body.size() == 0
        || response.body.size() > kMaxEditableBodyBytes)
        return false;
    const QByteArray body = response.body.readAll();
    const QByteArray trimmed = body.trimmed();
    const bool container = trimmed.startsWith('{') || trimmed.startsWith('[')
        || trimmed.startsWith("\xEF\xBB\xBF{") || trimmed.startsWith("\xEF\xBB\xBF[");
    return container && !findJsonSyntaxError(body).has_value();
}

Request withoutPreconditions(Request request)
{
    request.headers.removeIf([](const KeyValue &row) {
        return isHeader(row, QLatin1String("If-Match"))
            || isHeader(row, QLatin1String("If-Unmodified-Since"))
            || isHeader(row, QLatin1String("If-None-Match"))
            || isHeader(row, QLatin1String("If-Modified-Since"));
    });
    return request;
}

} // namespace Patchbay::Core
