#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <variant>
#include <vector>

namespace Patchbay::Core {

struct JsonMember;

// A JSON value that keeps what a user wrote: object members stay in document order and numbers
// keep their literal text (1.50 stays 1.50). Copies are cheap: containers are shared until written.
class JsonValue
{
public:
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };
    using Array = QList<JsonValue>;
    using Members = QList<JsonMember>;

    JsonValue();
    JsonValue(const JsonValue &);
    JsonValue(JsonValue &&) noexcept;
    JsonValue &operator=(const JsonValue &);
    JsonValue &operator=(JsonValue &&) noexcept;
    ~JsonValue();

    static JsonValue null();
    static JsonValue fromBool(bool value);
    static JsonValue fromInt(qint64 value);
    // Shortest text that reads back as the same double; NaN and infinities become null.
    static JsonValue fromDouble(double value);
    // `literal` must be a valid RFC 8259 number (the parser guarantees it); it is kept verbatim.
    static JsonValue fromNumberLiteral(QByteArray literal);
    static JsonValue fromString(QString value);
    static JsonValue fromArray(Array items = {});
    // Later duplicates of a key replace the earlier value at the earlier position.
    static JsonValue fromMembers(const Members &members = {});
    static JsonValue emptyObject() { return fromMembers(); }
    static JsonValue emptyArray() { return fromArray(); }

    Type type() const { return static_cast<Type>(m_data.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }
    bool isContainer() const { return isArray() || isObject(); }

    bool toBool(bool defaultValue = false) const;
    double toDouble(double defaultValue = 0) const;
    // The number if it is an integer that fits in qint64 (1.0 and 1e2 count), else defaultValue.
    qint64 toInt(qint64 defaultValue = 0) const;
    QString toString(const QString &defaultValue = {}) const;
    // The literal of a number as written ("1.50"); empty for other types.
    QByteArray numberLiteral() const;
    bool isInteger() const; // a number literal without fraction or exponent

    // Arrays and objects: number of items or members; 0 for scalars.
    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }

    // Arrays. The mutable accessor turns a non-array into an empty array first.
    const Array &array() const;
    Array &mutableArray();
    const JsonValue &at(qsizetype index) const; // null value when out of range or not an array
    void append(JsonValue value);

    // Objects. The mutable accessors turn a non-object into an empty object first.
    const Members &members() const;
    QStringList keys() const;
    const JsonValue *find(QStringView key) const;
    JsonValue *findMutable(QStringView key);
    qsizetype indexOf(QStringView key) const;
    bool contains(QStringView key) const { return indexOf(key) >= 0; }
    const JsonValue &value(QStringView key) const; // null value when absent
    // Replaces the value in place when the key exists, else appends the member.
    void insert(const QString &key, JsonValue value);
    // Same as insert(): named for readability where the key is known to exist.
    void replace(const QString &key, JsonValue value) { insert(key, std::move(value)); }
    bool remove(QStringView key);
    // Direct member list access; callers must keep keys unique.
    Members &mutableMembers();

    // Semantic equality (what RFC 6902 `test` requires): member order does not matter and numbers
    // compare by value (1.50 == 1.5, 1e3 == 1000; big integers compare exactly).
    friend bool operator==(const JsonValue &a, const JsonValue &b);
    friend bool operator!=(const JsonValue &a, const JsonValue &b) { return !(a == b); }
    // Same members in the same order, same number literals, same strings.
    bool isIdenticalTo(const JsonValue &other) const;

    static QString typeName(Type type); // "null", "boolean", "number", "string", "array", "object"
    QString typeName() const { return typeName(type()); }

private:
    // Moves the container children out when this value is their only owner (see ~JsonValue).
    void releaseNestedChildren(std::vector<JsonValue> &into);

    struct NumberLiteral
    {
        QByteArray text;
    };
    struct ArrayData;
    struct ObjectData;
    using Data = std::variant<std::monostate, bool, NumberLiteral, QString,
                              std::shared_ptr<ArrayData>, std::shared_ptr<ObjectData>>;

    Data m_data;
};

struct JsonMember
{
    QString key;
    JsonValue value;

    // Member-wise semantic equality (the value uses JsonValue::operator==).
    friend bool operator==(const JsonMember &a, const JsonMember &b)
    {
        return a.key == b.key && a.value == b.value;
    }
};

// Nesting depth: 0 for a scalar, 1 for a container of scalars (or an empty one), and so on.
// Iterative, so any depth is safe; stops counting once the depth passes `stopAt`.
int jsonDepth(const JsonValue &value, int stopAt = 1 << 30);

// Compares two number literals by value (see JsonValue::operator==).
bool jsonNumbersEqual(QByteArrayView a, QByteArrayView b);

} // namespace Patchbay::Core
