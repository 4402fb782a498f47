#include "core/json/jsonpatch.h"

#include "core/json/jsonparser.h"
#include "core/json/jsonpointer.h"
#include "core/json/jsonwriter.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace Patchbay::Core {

QString JsonPatchError::message() const
{
    if (operationIndex < 0)
        return reason;
    if (operation.isEmpty())
        return QStringLiteral("operation %1: %2").arg(operationIndex).arg(reason);
    return QStringLiteral("operation %1 (%2): %3").arg(operationIndex).arg(operation, reason);
}

Error JsonPatchError::toError() const
{
    return Error {QStringLiteral("patch-failed"), message()};
}

namespace {

enum class OpKind { Add, Remove, Replace, Move, Copy, Test };

struct Operation
{
    OpKind kind = OpKind::Add;
    JsonPointer path;
    JsonPointer from;
    JsonValue value;
    QString summary; // "replace /a/b"
};

// "an object", "a number"
QString article(const JsonValue &value)
{
    if (value.isNull())
        return QStringLiteral("null");
    const QString name = value.typeName();
    return (name.startsWith(u'a') || name.startsWith(u'o') ? QStringLiteral("an ")
                                                           : QStringLiteral("a "))
        + name;
}

QString showPointer(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("\"\"") : text;
}

// A short rendering of a value for messages.
QString preview(const JsonValue &value)
{
    QByteArray text = toJson(value, JsonStyle::Compact);
    if (text.size() > 60)
        text = text.left(57) + "...";
    return QString::fromUtf8(text);
}

// Reads one operation object; returns an empty string or the reason it is invalid.
QString parseOperation(const JsonValue &op, Operation *out)
{
    if (!op.isObject())
        return QStringLiteral("an operation must be an object, not %1").arg(article(op));
    const JsonValue *name = op.find(u"op");
    const JsonValue *path = op.find(u"path");
    const QString pathText = path && path->isString() ? path->toString() : QString();
    if (name && name->isString())
        out->summary = name->toString();
    if (path && path->isString())
        out->summary
            += (out->summary.isEmpty() ? QString() : QStringLiteral(" ")) + showPointer(pathText);
    if (!name)
        return QStringLiteral("missing \"op\" member");
    if (!name->isString())
        return QStringLiteral("\"op\" must be a string, not %1").arg(article(*name));
    static const QHash<QString, OpKind> kinds
        = {{QStringLiteral("add"), OpKind::Add},         {QStringLiteral("remove"), OpKind::Remove},
           {QStringLiteral("replace"), OpKind::Replace}, {QStringLiteral("move"), OpKind::Move},
           {QStringLiteral("copy"), OpKind::Copy},       {QStringLiteral("test"), OpKind::Test}};
    const auto kind = kinds.constFind(name->toString());
    if (kind == kinds.constEnd())
        return QStringLiteral("unknown op \"%1\" (expected add, remove, replace, move, copy or "
                              "test)")
            .arg(name->toString());
    out->kind = kind.value();
    if (!path)
        return QStringLiteral("missing \"path\" member");
    if (!path->isString())
        return QStringLiteral("\"path\" must be a string, not %1").arg(preview(*path));
    Result<JsonPointer> pointer = JsonPointer::parse(pathText);
    if (!pointer)
        return pointer.error().message;
    out->path = pointer.value();

    if (out->kind == OpKind::Add || out->kind == OpKind::Replace || out->kind == OpKind::Test) {
        const JsonValue *value = op.find(u"value");
        if (!value)
            return QStringLiteral("missing \"value\" member");
        out->value = *value;
    }
    if (out->kind == OpKind::Move || out->kind == OpKind::Copy) {
        const JsonValue *from = op.find(u"from");
        if (!from)
            return QStringLiteral("missing \"from\" member");
        if (!from->isString())
            return QStringLiteral("\"from\" must be a string, not %1").arg(preview(*from));
        Result<JsonPointer> fromPointer = JsonPointer::parse(from->toString());
        if (!fromPointer)
            return fromPointer.error().message;
        out->from = fromPointer.value();
        out->summary = name->toString() + u' ' + showPointer(from->toString())
            + QStringLiteral(" -> ") + showPointer(pathText);
        if (out->kind == OpKind::Move && out->from != out->path && out->from.isPrefixOf(out->path))
            return QStringLiteral("cannot move a value into one of its own children");
    }
    return {};
}

QString pathError(const JsonValue &root, const JsonPointer &pointer)
{
    Result<JsonValue> found = lookupJsonPointer(root, pointer);
    return found ? QString() : found.error().message;
}

// A patch must not build a document deeper than the parser reads (each operation can add the
// depth of its value at the depth of its path, so a long patch could otherwise nest without end).
QString depthError(const JsonPointer &path, const JsonValue &value)
{
    const int depth = int(path.tokens().size()) + jsonDepth(value, MaxJsonDepth);
    if (depth <= MaxJsonDepth)
        return {};
    return QStringLiteral("the result would nest deeper than %1 levels").arg(MaxJsonDepth);
}

QString addValue(JsonValue &root, const JsonPointer &path, JsonValue value)
{
    if (const QString error = depthError(path, value); !error.isEmpty())
        return error;
    if (path.isRoot()) {
        root = std::move(value);
        return {};
    }
    const JsonPointer parentPath = path.parent();
    if (const QString error = pathError(root, parentPath); !error.isEmpty())
        return error;
    JsonValue *parent = resolveJsonPointerMutable(root, parentPath);
    const QString token = path.lastToken();
    if (parent->isObject()) {
        parent->insert(token, std::move(value));
        return {};
    }
    if (parent->isArray()) {
        if (token == u'-') {
            parent->append(std::move(value));
            return {};
        }
        const qsizetype index = JsonPointer::arrayIndex(token);
        if (index < 0)
            return QStringLiteral("\"%1\" is not a valid array index (use 0, 1, ... or - to "
                                  "append)")
                .arg(token);
        if (index > parent->size())
            return QStringLiteral("index %1 is out of range: the array at %2 has %3 items")
                .arg(index)
                .arg(showPointer(parentPath.toString()))
                .arg(parent->size());
        parent->mutableArray().insert(index, std::move(value));
        return {};
    }
    return QStringLiteral("cannot add to %1: it is %2, not an object or array")
        .arg(showPointer(parentPath.toString()), article(*parent));
}

QString removeValue(JsonValue &root, const JsonPointer &path)
{
    if (path.isRoot())
        return QStringLiteral("cannot remove the whole document");
    if (const QString error = pathError(root, path); !error.isEmpty())
        return error;
    JsonValue *parent = resolveJsonPointerMutable(root, path.parent());
    if (parent->isObject())
        parent->remove(path.lastToken());
    else
        parent->mutableArray().removeAt(JsonPointer::arrayIndex(path.lastToken()));
    return {};
}

QString applyOperation(JsonValue &doc, const Operation &op)
{
    switch (op.kind) {
    case OpKind::Add:
        return addValue(doc, op.path, op.value);
    case OpKind::Remove:
        return removeValue(doc, op.path);
    case OpKind::Replace: {
        if (const QString error = pathError(doc, op.path); !error.isEmpty())
            return error;
        if (const QString error = depthError(op.path, op.value); !error.isEmpty())
            return error;
        *resolveJsonPointerMutable(doc, op.path) = op.value;
        return {};
    }
    case OpKind::Move: {
        if (const QString error = pathError(doc, op.from); !error.isEmpty())
            return QStringLiteral("\"from\" ") + error;
        if (op.from == op.path)
            return {};
        JsonValue value = *resolveJsonPointer(doc, op.from);
        if (const QString error = removeValue(doc, op.from); !error.isEmpty())
            return error;
        return addValue(doc, op.path, std::move(value));
    }
    case OpKind::Copy: {
        if (const QString error = pathError(doc, op.from); !error.isEmpty())
            return QStringLiteral("\"from\" ") + error;
        return addValue(doc, op.path, *resolveJsonPointer(doc, op.from));
    }
    case OpKind::Test: {
        if (const QString error = pathError(doc, op.path); !error.isEmpty())
            return error;
        const JsonValue &actual = *resolveJsonPointer(doc, op.path);
        if (!(actual == op.value))
            return QStringLiteral("test failed: the value at %1 is %2, expected %3")
                .arg(showPointer(op.path.toString()), preview(actual), preview(op.value));
        return {};
    }
    }
    return {};
}

} // namespace

std::optional<JsonPatchError> validateJsonPatch(const JsonValue &patch)
{
    if (!patch.isArray())
        return JsonPatchError {-1,
                               {},
                               QStringLiteral("a JSON Patch must be an array of operations, not %1")
                                   .arg(article(patch))};
    const JsonValue::Array &ops = patch.array();
    for (qsizetype i = 0; i < ops.size(); ++i) {
        Operation op;
        const QString reason = parseOperation(ops.at(i), &op);
        if (!reason.isEmpty())
            return JsonPatchError {int(i), op.summary, reason};
    }
    return std::nullopt;
}

Result<JsonValue> applyJsonPatch(const JsonValue &doc, const JsonValue &patch,
                                 JsonPatchError *failure)
{
    auto fail = [&](JsonPatchError error) -> Result<JsonValue> {
        if (failure)
            *failure = error;
        return error.toError();
    };
    if (!patch.isArray())
        return fail(
            JsonPatchError {-1,
                            {},
                            QStringLiteral("a JSON Patch must be an array of operations, not %1")
                                .arg(article(patch))});
    JsonValue result = doc; // shared until written: only touched containers are copied
    const JsonValue::Array &ops = patch.array();
    for (qsizetype i = 0; i < ops.size(); ++i) {
        Operation op;
        QString reason = parseOperation(ops.at(i), &op);
        if (reason.isEmpty())
            reason = applyOperation(result, op);
        if (!reason.isEmpty())
            return fail(JsonPatchError {int(i), op.summary, reason});
    }
    return result;
}

// ---- diff ----

namespace {

QString childPath(const QString &parent, const QString &key)
{
    return parent + u'/' + JsonPointer::escapeToken(key);
}

QString childPath(const QString &parent, qsizetype index)
{
    return parent + u'/' + QString::number(index);
}

class Differ
{
public:
    explicit Differ(const DiffOptions &options)
        : m_options(options)
    { }

    JsonValue result()
    {
        JsonValue::Array all = m_tests;
        all.append(m_ops);
        return JsonValue::fromArray(std::move(all));
    }

    void diff(const JsonValue &a, const JsonValue &b, const QString &path, const QString &orig)
    {
        if (a == b)
            return;
        if (a.isObject() && b.isObject()) {
            diffObjects(a, b, path, orig);
            return;
        }
        if (a.isArray() && b.isArray()) {
            diffArrays(a.array(), b.array(), path, orig);
            return;
        }
        emitReplace(path, orig, a, b);
    }

private:
    static JsonValue op(const char *name, const QString &path)
    {
        JsonValue o = JsonValue::emptyObject();
        JsonValue::Members &m = o.mutableMembers();
        m.append(JsonMember {QStringLiteral("op"), JsonValue::fromString(QLatin1String(name))});
        m.append(JsonMember {QStringLiteral("path"), JsonValue::fromString(path)});
        return o;
    }

    void emitTest(const QString &orig, const JsonValue &old)
    {
        if (!m_options.withTests)
            return;
        JsonValue t = op("test", orig);
        t.mutableMembers().append(JsonMember {QStringLiteral("value"), old});
        m_tests.append(std::move(t));
    }

    void emitReplace(const QString &path, const QString &orig, const JsonValue &old,
                     const JsonValue &now)
    {
        emitTest(orig, old);
        JsonValue o = op("replace", path);
        o.mutableMembers().append(JsonMember {QStringLiteral("value"), now});
        m_ops.append(std::move(o));
    }

    void emitRemove(const QString &path, const QString &orig, const JsonValue &old)
    {
        emitTest(orig, old);
        m_ops.append(op("remove", path));
    }

    void emitAdd(const QString &path, const JsonValue &now)
    {
        JsonValue o = op("add", path);
        o.mutableMembers().append(JsonMember {QStringLiteral("value"), now});
        m_ops.append(std::move(o));
    }

    void diffObjects(const JsonValue &a, const JsonValue &b, const QString &path,
                     const QString &orig)
    {
        const JsonValue::Members &am = a.members();
        const JsonValue::Members &bm = b.members();
        const bool big = am.size() > 32 || bm.size() > 32;
        QHash<QStringView, qsizetype> aIndex;
        QHash<QStringView, qsizetype> bIndex;
        if (big) {
            for (qsizetype i = 0; i < am.size(); ++i)
                aIndex.insert(am.at(i).key, i);
            for (qsizetype i = 0; i < bm.size(); ++i)
                bIndex.insert(bm.at(i).key, i);
        }
        auto findIn = [big](const JsonValue &v, const QHash<QStringView, qsizetype> &index,
                            const QString &key) -> const JsonValue * {
            if (!big)
                return v.find(key);
            const auto it = index.constFind(key);
            return it == index.constEnd() ? nullptr : &v.members().at(it.value()).value;
        };
        for (const JsonMember &m : am) {
            if (!findIn(b, bIndex, m.key))
                emitRemove(childPath(path, m.key), childPath(orig, m.key), m.value);
        }
        for (const JsonMember &m : bm) {
            const JsonValue *old = findIn(a, aIndex, m.key);
            if (!old)
                emitAdd(childPath(path, m.key), m.value);
            else
                diff(*old, m.value, childPath(path, m.key), childPath(orig, m.key));
        }
    }

    void diffArrays(const JsonValue::Array &a, const JsonValue::Array &b, const QString &path,
                    const QString &orig)
    {
        const qsizetype n = a.size();
        const qsizetype m = b.size();
        qsizetype start = 0;
        while (start < n && start < m && a.at(start) == b.at(start))
            ++start;
        qsizetype tail = 0;
        while (tail < n - start && tail < m - start && a.at(n - 1 - tail) == b.at(m - 1 - tail))
            ++tail;
        const qsizetype rows = n - start - tail;
        const qsizetype cols = m - start - tail;

        // Align the middle parts (Myers' O((N+M)D) shortest edit script), then walk the script:
        // runs of removed and inserted items between matches are paired up and diffed in place.
        const std::vector<Step> script = alignArrays(a, b, start, rows, cols);

        qsizetype pos = start; // index in the array as patched so far
        std::vector<qsizetype> dels;
        std::vector<qsizetype> ins;
        auto flush = [&]() {
            const size_t paired = std::min(dels.size(), ins.size());
            for (size_t t = 0; t < paired; ++t) {
                diff(a.at(dels[t]), b.at(ins[t]), childPath(path, pos), childPath(orig, dels[t]));
                ++pos;
            }
            for (size_t t = paired; t < dels.size(); ++t)
                emitRemove(childPath(path, pos), childPath(orig, dels[t]), a.at(dels[t]));
            for (size_t t = paired; t < ins.size(); ++t) {
                emitAdd(childPath(path, pos), b.at(ins[t]));
                ++pos;
            }
            dels.clear();
            ins.clear();
        };
        for (const Step &step : script) {
            switch (step.kind) {
            case Step::Match:
                flush();
                ++pos;
                break;
            case Step::Delete:
                dels.push_back(start + step.index);
                break;
            case Step::Insert:
                ins.push_back(start + step.index);
                break;
            }
        }
        flush();
    }

    struct Step
    {
        enum Kind : quint8 { Match, Delete, Insert } kind;
        qsizetype index; // in `a` for Delete, in `b` for Insert
    };

    // The edit script for a[offset, offset + n) -> b[offset, offset + m), in forward order.
    // Falls back to "delete all, insert all" (paired by position later) when the number of edits
    // would make the search too slow.
    static std::vector<Step> alignArrays(const JsonValue::Array &a, const JsonValue::Array &b,
                                         qsizetype offset, qsizetype n, qsizetype m)
    {
        std::vector<Step> script;
        auto fallback = [&]() {
            script.clear();
            for (qsizetype i = 0; i < n; ++i)
                script.push_back(Step {Step::Delete, i});
            for (qsizetype j = 0; j < m; ++j)
                script.push_back(Step {Step::Insert, j});
            return script;
        };
        if (n == 0 || m == 0)
            return fallback();
        auto equal = [&](qsizetype x, qsizetype y) { return a.at(offset + x) == b.at(offset + y); };

        constexpr qsizetype maxWork = 5'000'000; // item comparisons, roughly
        const qsizetype maxD
            = std::min<qsizetype>(n + m, std::max<qsizetype>(64, maxWork / (n + m)));
        std::vector<qsizetype> v(size_t(2 * maxD + 3), 0);
        const qsizetype off = maxD + 1;
        std::vector<std::vector<qsizetype>> trace; // trace[d]: v[-d-1 .. d+1] before step d
        qsizetype found = -1;
        for (qsizetype d = 0; d <= maxD && found < 0; ++d) {
            trace.emplace_back(v.begin() + (off - d - 1), v.begin() + (off + d + 2));
            for (qsizetype k = -d; k <= d; k += 2) {
                qsizetype x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
                    ? v[off + k + 1]
                    : v[off + k - 1] + 1;
                qsizetype y = x - k;
                while (x < n && y < m && equal(x, y)) {
                    ++x;
                    ++y;
                }
                v[off + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0)
            return fallback();

        // Walk back from (n, m), collecting steps in reverse.
        qsizetype x = n;
        qsizetype y = m;
        for (qsizetype d = found; d > 0; --d) {
            const std::vector<qsizetype> &prev = trace[size_t(d)];
            auto at = [&](qsizetype k) { return prev[size_t(k + d + 1)]; };
            const qsizetype k = x - y;
            const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
            const qsizetype prevK = down ? k + 1 : k - 1;
            const qsizetype prevX = at(prevK);
            const qsizetype prevY = prevX - prevK;
            while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
                script.push_back(Step {Step::Match, --x});
                --y;
            }
            if (down)
                script.push_back(Step {Step::Insert, --y});
            else
                script.push_back(Step {Step::Delete, --x});
        }
        while (x > 0 && y > 0) {
            script.push_back(Step {Step::Match, --x});
            --y;
        }
        std::reverse(script.begin(), script.end());
        return script;
    }

    DiffOptions m_options;
    JsonValue::Array m_tests;
    JsonValue::Array m_ops;
};

} // namespace

JsonValue diffJsonPatch(const JsonValue &before, const JsonValue &after, const DiffOptions &options)
{
    Differ differ(options);
    differ.diff(before, after, QString(), QString());
    return differ.result();
}

} // namespace Patchbay::Core
