#include "core/json/jsonvalue.h"

#include <QHash>
#include <QLocale>

#include <charconv>
#include <cmath>
#include <limits>

namespace Patchbay::Core {

struct JsonValue::ArrayData
{
    Array items;
};

struct JsonValue::ObjectData
{
    Members members;
};

namespace {

const JsonValue &nullValue()
{
    static const JsonValue value;
    return value;
}

bool isIntegerLiteral(QByteArrayView text)
{
    for (const char c : text) {
        if (c == '.' || c == 'e' || c == 'E')
            return false;
    }
    return !text.isEmpty();
}

bool parseDouble(QByteArrayView text, double *out)
{
    const char *first = text.data();
    const char *last = first + text.size();
    const auto result = std::from_chars(first, last, *out);
    // from_chars reports out-of-range values (1e400) as an error: fall back to an infinity of
    // the right sign so that such literals still compare sensibly.
    if (result.ec == std::errc::result_out_of_range) {
        const bool negative = !text.isEmpty() && text.front() == '-';
        bool tiny = false;
        // A huge negative exponent underflows to zero rather than overflowing.
        const qsizetype e = std::max(text.indexOf('e'), text.indexOf('E'));
        if (e >= 0 && e + 1 < text.size() && text.at(e + 1) == '-')
            tiny = true;
        *out = tiny ? (negative ? -0.0 : 0.0)
                    : (negative ? -std::numeric_limits<double>::infinity()
                                : std::numeric_limits<double>::infinity());
        return true;
    }
    return result.ec == std::errc();
}

} // namespace

bool jsonNumbersEqual(QByteArrayView a, QByteArrayView b)
{
    if (a == b)
        return true;
    if (isIntegerLiteral(a) && isIntegerLiteral(b)) {
        const bool negA = a.front() == '-';
        const bool negB = b.front() == '-';
        QByteArrayView digitsA = negA ? a.sliced(1) : a;
        QByteArrayView digitsB = negB ? b.sliced(1) : b;
        while (digitsA.size() > 1 && digitsA.front() == '0')
            digitsA = digitsA.sliced(1);
        while (digitsB.size() > 1 && digitsB.front() == '0')
            digitsB = digitsB.sliced(1);
        if (digitsA == "0" && digitsB == "0")
            return true; // -0 == 0
        return negA == negB && digitsA == digitsB;
    }
    double x = 0;
    double y = 0;
    if (!parseDouble(a, &x) || !parseDouble(b, &y))
        return false;
    return x == y;
}

JsonValue::JsonValue() = default;
JsonValue::JsonValue(const JsonValue &) = default;
JsonValue::JsonValue(JsonValue &&) noexcept = default;
JsonValue &JsonValue::operator=(const JsonValue &) = default;
JsonValue &JsonValue::operator=(JsonValue &&) noexcept = default;
// Destroying a tree recursively needs a stack frame per level, and a tree can be deeper than the
// parser allows (a JSON Patch can build one): containers this value owns alone hand their nested
// containers to a work list, so every value is destroyed at a bounded stack depth.
JsonValue::~JsonValue()
{
    if (!isContainer())
        return;
    std::vector<JsonValue> pending;
    releaseNestedChildren(pending);
    while (!pending.empty()) {
        JsonValue value = std::move(pending.back());
        pending.pop_back();
        value.releaseNestedChildren(pending);
    }
}

void JsonValue::releaseNestedChildren(std::vector<JsonValue> &into)
{
    if (auto *array = std::get_if<std::shared_ptr<ArrayData>>(&m_data)) {
        if (!*array || array->use_count() != 1)
            return;
        for (JsonValue &item : (*array)->items) {
            if (item.isContainer())
                into.push_back(std::move(item));
        }
    } else if (auto *object = std::get_if<std::shared_ptr<ObjectData>>(&m_data)) {
        if (!*object || object->use_count() != 1)
            return;
        for (JsonMember &member : (*object)->members) {
            if (member.value.isContainer())
                into.push_back(std::move(member.value));
        }
    }
}

int jsonDepth(const JsonValue &value, int stopAt)
{
    if (!value.isContainer())
        return 0;
    struct Frame
    {
        const JsonValue *value;
        qsizetype next;
    };
    std::vector<Frame> stack {{&value, 0}};
    int deepest = 1;
    while (!stack.empty()) {
        const JsonValue *parent = stack.back().value;
        const qsizetype index = stack.back().next++;
        if (index >= parent->size()) {
            stack.pop_back();
            continue;
        }
        const JsonValue &child
            = parent->isArray() ? parent->array().at(index) : parent->members().at(index).value;
        if (child.isContainer()) {
            stack.push_back({&child, 0});
            deepest = std::max(deepest, int(stack.size()));
            if (deepest > stopAt)
                return deepest;
        }
    }
    return deepest;
}

JsonValue JsonValue::null()
{
    return {};
}

JsonValue JsonValue::fromBool(bool value)
{
    JsonValue v;
    v.m_data = value;
    return v;
}

JsonValue JsonValue::fromInt(qint64 value)
{
    JsonValue v;
    v.m_data = NumberLiteral {QByteArray::number(value)};
    return v;
}

JsonValue JsonValue::fromDouble(double value)
{
    if (!std::isfinite(value))
        return {};
    JsonValue v;
    v.m_data = NumberLiteral {QByteArray::number(value, 'g', QLocale::FloatingPointShortest)};
    return v;
}

JsonValue JsonValue::fromNumberLiteral(QByteArray literal)
{
    JsonValue v;
    v.m_data = NumberLiteral {std::move(literal)};
    return v;
}

JsonValue JsonValue::fromString(QString value)
{
    JsonValue v;
    v.m_data = std::move(value);
    return v;
}

JsonValue JsonValue::fromArray(Array items)
{
    JsonValue v;
    v.m_data = std::make_shared<ArrayData>(ArrayData {std::move(items)});
    return v;
}

JsonValue JsonValue::fromMembers(const Members &members)
{
    JsonValue v;
    v.m_data = std::make_shared<ObjectData>();
    for (const JsonMember &m : members)
        v.insert(m.key, m.value);
    return v;
}

bool JsonValue::toBool(bool defaultValue) const
{
    if (const bool *b = std::get_if<bool>(&m_data))
        return *b;
    return defaultValue;
}

double JsonValue::toDouble(double defaultValue) const
{
    const auto *n = std::get_if<NumberLiteral>(&m_data);
    double d = 0;
    if (n && parseDouble(n->text, &d))
        return d;
    return defaultValue;
}

qint64 JsonValue::toInt(qint64 defaultValue) const
{
    const auto *n = std::get_if<NumberLiteral>(&m_data);
    if (!n)
        return defaultValue;
    if (isIntegerLiteral(n->text)) {
        qint64 i = 0;
        const char *first = n->text.constData();
        const auto result = std::from_chars(first, first + n->text.size(), i);
        if (result.ec == std::errc() && result.ptr == first + n->text.size())
            return i;
        return defaultValue;
    }
    double d = 0;
    if (!parseDouble(n->text, &d) || std::trunc(d) != d || d < -9.2e18 || d > 9.2e18)
        return defaultValue;
    return static_cast<qint64>(d);
}

QString JsonValue::toString(const QString &defaultValue) const
{
    if (const QString *s = std::get_if<QString>(&m_data))
        return *s;
    return defaultValue;
}

QByteArray JsonValue::numberLiteral() const
{
    if (const auto *n = std::get_if<NumberLiteral>(&m_data))
        return n->text;
    return {};
}

bool JsonValue::isInteger() const
{
    const auto *n = std::get_if<NumberLiteral>(&m_data);
    return n && isIntegerLiteral(n->text);
}

qsizetype JsonValue::size() const
{
    if (const auto *a = std::get_if<std::shared_ptr<ArrayData>>(&m_data))
        return (*a)->items.size();
    if (const auto *o = std::get_if<std::shared_ptr<ObjectData>>(&m_data))
        return (*o)->members.size();
    return 0;
}

const JsonValue::Array &JsonValue::array() const
{
    static const Array empty;
    if (const auto *a = std::get_if<std::shared_ptr<ArrayData>>(&m_data))
        return (*a)->items;
    return empty;
}

JsonValue::Array &JsonValue::mutableArray()
{
    auto *a = std::get_if<std::shared_ptr<ArrayData>>(&m_data);
    if (!a) {
        m_data = std::make_shared<ArrayData>();
        a = std::get_if<std::shared_ptr<ArrayData>>(&m_data);
    } else if (a->use_count() > 1) {
        *a = std::make_shared<ArrayData>(**a); // copy on write
    }
    return (*a)->items;
}

const JsonValue &JsonValue::at(qsizetype index) const
{
    const Array &items = array();
    if (index < 0 || index >= items.size())
        return nullValue();
    return items.at(index);
}

void JsonValue::append(JsonValue value)
{
    mutableArray().append(std::move(value));
}

const JsonValue::Members &JsonValue::members() const
{
    static const Members empty;
    if (const auto *o = std::get_if<std::shared_ptr<ObjectData>>(&m_data))
        return (*o)->members;
    return empty;
}

JsonValue::Members &JsonValue::mutableMembers()
{
    auto *o = std::get_if<std::shared_ptr<ObjectData>>(&m_data);
    if (!o) {
        m_data = std::make_shared<ObjectData>();
        o = std::get_if<std::shared_ptr<ObjectData>>(&m_data);
    } else if (o->use_count() > 1) {
        *o = std::make_shared<ObjectData>(**o); // copy on write
    }
    return (*o)->members;
}

QStringList JsonValue::keys() const
{
    QStringList result;
    const Members &m = members();
    result.reserve(m.size());
    for (const JsonMember &member : m)
        result.append(member.key);
    return result;
}

qsizetype JsonValue::indexOf(QStringView key) const
{
    const Members &m = members();
    for (qsizetype i = 0; i < m.size(); ++i) {
        if (m.at(i).key == key)
            return i;
    }
    return -1;
}

const JsonValue *JsonValue::find(QStringView key) const
{
    const qsizetype i = indexOf(key);
    return i < 0 ? nullptr : &members().at(i).value;
}

JsonValue *JsonValue::findMutable(QStringView key)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return nullptr;
    return &mutableMembers()[i].value;
}

const JsonValue &JsonValue::value(QStringView key) const
{
    const JsonValue *v = find(key);
    return v ? *v : nullValue();
}

void JsonValue::insert(const QString &key, JsonValue value)
{
    const qsizetype i = isObject() ? indexOf(key) : -1;
    Members &m = mutableMembers();
    if (i >= 0)
        m[i].value = std::move(value);
    else
        m.append(JsonMember {key, std::move(value)});
}

bool JsonValue::remove(QStringView key)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return false;
    mutableMembers().removeAt(i);
    return true;
}

namespace {

bool membersEqual(const JsonValue::Members &a, const JsonValue::Members &b)
{
    if (a.size() != b.size())
        return false;
    const qsizetype n = a.size();
    if (n <= 16) {
        for (qsizetype i = 0; i < n; ++i) {
            const JsonMember &m = a.at(i);
            const JsonMember *other = nullptr;
            if (b.at(i).key == m.key) {
                other = &b.at(i); // same order: the common case
            } else {
                for (const JsonMember &candidate : b) {
                    if (candidate.key == m.key) {
                        other = &candidate;
                        break;
                    }
                }
            }
            if (!other || !(other->value == m.value))
                return false;
        }
        return true;
    }
    QHash<QStringView, qsizetype> index;
    index.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        index.insert(b.at(i).key, i);
    for (const JsonMember &m : a) {
        const auto it = index.constFind(m.key);
        if (it == index.constEnd() || !(b.at(it.value()).value == m.value))
            return false;
    }
    return true;
}

} // namespace

bool operator==(const JsonValue &a, const JsonValue &b)
{
    if (a.m_data.index() != b.m_data.index())
        return false;
    switch (a.type()) {
    case JsonValue::Type::Null:
        return true;
    case JsonValue::Type::Bool:
        return std::get<bool>(a.m_data) == std::get<bool>(b.m_data);
    case JsonValue::Type::Number:
        return jsonNumbersEqual(std::get<JsonValue::NumberLiteral>(a.m_data).text,
                                std::get<JsonValue::NumberLiteral>(b.m_data).text);
    case JsonValue::Type::String:
        return std::get<QString>(a.m_data) == std::get<QString>(b.m_data);
    case JsonValue::Type::Array: {
        const auto &pa = std::get<std::shared_ptr<JsonValue::ArrayData>>(a.m_data);
        const auto &pb = std::get<std::shared_ptr<JsonValue::ArrayData>>(b.m_data);
        return pa == pb || pa->items == pb->items;
    }
    case JsonValue::Type::Object: {
        const auto &pa = std::get<std::shared_ptr<JsonValue::ObjectData>>(a.m_data);
        const auto &pb = std::get<std::shared_ptr<JsonValue::ObjectData>>(b.m_data);
        return pa == pb || membersEqual(pa->members, pb->members);
    }
    }
    return false;
}

bool JsonValue::isIdenticalTo(const JsonValue &other) const
{
    if (m_data.index() != other.m_data.index())
        return false;
    switch (type()) {
    case Type::Null:
        return true;
    case Type::Bool:
        return std::get<bool>(m_data) == std::get<bool>(other.m_data);
    case Type::Number:
        return std::get<NumberLiteral>(m_data).text == std::get<NumberLiteral>(other.m_data).text;
    case Type::String:
        return std::get<QString>(m_data) == std::get<QString>(other.m_data);
    case Type::Array: {
        const Array &a = array();
        const Array &b = other.array();
        if (&a == &b)
            return true;
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isIdenticalTo(b.at(i)))
                return false;
        }
        return true;
    }
    case Type::Object: {
        const Members &a = members();
        const Members &b = other.members();
        if (&a == &b)
            return true;
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a.at(i).key != b.at(i).key || !a.at(i).value.isIdenticalTo(b.at(i).value))
                return false;
        }
        return true;
    }
    }
    return false;
}

QString JsonValue::typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return QStringLiteral("boolean");
    case Type::Number:
        return QStringLiteral("number");
    case Type::String:
        return QStringLiteral("string");
    case Type::Array:
        return QStringLiteral("array");
    case Type::Object:
        return QStringLiteral("object");
    }
    return {};
}

} // namespace Patchbay::Core
