#pragma once

#include "core/common/result.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core::GraphQl {

enum class TypeKind { Scalar, Object, Interface, Union, Enum, InputObject };

// An argument or input field.
struct SchemaInputValue
{
    QString name;
    QString description;
    QString type; // as written: [String!]!
    QString namedType; // String
    bool hasDefault = false;
    QString defaultValue; // a GraphQL literal, as introspection gives it
    bool isDeprecated = false;
    QString deprecationReason;

    bool isRequired() const { return type.endsWith(u'!') && !hasDefault; }
    friend bool operator==(const SchemaInputValue &, const SchemaInputValue &) = default;
};

struct SchemaField
{
    QString name;
    QString description;
    QList<SchemaInputValue> arguments;
    QString type;
    QString namedType;
    bool isDeprecated = false;
    QString deprecationReason;

    const SchemaInputValue *argument(QStringView name) const;
    friend bool operator==(const SchemaField &, const SchemaField &) = default;
};

struct SchemaEnumValue
{
    QString name;
    QString description;
    bool isDeprecated = false;
    QString deprecationReason;

    friend bool operator==(const SchemaEnumValue &, const SchemaEnumValue &) = default;
};

struct SchemaType
{
    TypeKind kind = TypeKind::Scalar;
    QString name;
    QString description;
    QList<SchemaField> fields; // Object, Interface
    QList<SchemaInputValue> inputFields; // InputObject
    QStringList interfaces; // Object, Interface
    QStringList possibleTypes; // Union members; for interfaces, the implementing objects
    QList<SchemaEnumValue> enumValues;
    QString specifiedByUrl; // Scalar

    bool isComposite() const
    {
        return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union;
    }
    bool isLeaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
    bool isInput() const { return isLeaf() || kind == TypeKind::InputObject; }
    const SchemaField *field(QStringView name) const;
    friend bool operator==(const SchemaType &, const SchemaType &) = default;
};

struct SchemaDirective
{
    QString name;
    QString description;
    QList<SchemaInputValue> arguments;
    QStringList locations;
    bool repeatable = false;

    friend bool operator==(const SchemaDirective &, const SchemaDirective &) = default;
};

// A GraphQL schema as a value: what completion, validation, the explorer and the SDL printer
// read. Built from an introspection result or from SDL; lookups by name are hashed, so a
// schema of tens of thousands of types answers in constant time.
class Schema
{
public:
    QString queryType;
    QString mutationType;
    QString subscriptionType;
    QString description;
    QList<SchemaType> types; // in the order the source gave them
    QList<SchemaDirective> directives;

    // Rebuilds the name index; call after changing `types`.
    void reindex();
    const SchemaType *type(QStringView name) const;
    // The root type of "query", "mutation" or "subscription"; null when the schema has none.
    const SchemaType *rootType(QStringView operation) const;
    const SchemaDirective *directive(QStringView name) const;
    bool isEmpty() const { return types.isEmpty(); }

    friend bool operator==(const Schema &a, const Schema &b)
    {
        return a.queryType == b.queryType && a.mutationType == b.mutationType
            && a.subscriptionType == b.subscriptionType && a.description == b.description
            && a.types == b.types && a.directives == b.directives;
    }

private:
    QHash<QString, qsizetype> m_index;
};

// Builds a schema from an introspection response: {"data": {"__schema": ...}} or the bare
// {"__schema": ...}. Errors: "graphql-introspection" with what is wrong (the server's own
// "errors" messages when it sent no data).
Result<Schema> schemaFromIntrospection(QByteArrayView json);

// Builds a schema from SDL (type system definitions; extensions are merged). Adds the built-in
// scalars. Errors: "graphql-syntax" with the line and column.
Result<Schema> schemaFromSdl(QStringView sdl);

// Reads a schema file: introspection JSON when it starts with "{", else SDL.
Result<Schema> schemaFromFile(QByteArrayView bytes);

// The schema as SDL, the way graphql-js's printSchema() writes it, except that types and
// directives are sorted by name so that a refetched schema diffs by what changed. Built-in
// scalars, directives and introspection types are left out.
QString printSchema(const Schema &schema);

bool isBuiltInScalar(QStringView name);
QString typeKindName(TypeKind kind); // "type", "interface", "union", "enum", "input", "scalar"

} // namespace Patchbay::Core::GraphQl
