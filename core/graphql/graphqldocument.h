#pragma once

#include "core/common/result.h"
#include "core/graphql/graphqllexer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Patchbay::Core::GraphQl {

// The syntax tree of a GraphQL document, executable (operations, fragments) or a type system
// (SDL), as plain values. Names carry their position so that editors can mark them.

struct Value
{
    enum class Kind { Variable, Int, Float, String, Boolean, Null, Enum, List, Object };
    Kind kind = Kind::Null;
    QString text; // variable name, number literal, decoded string, true/false, enum name
    bool block = false; // a """block string"""
    QList<Value> items; // List items, Object field values
    QStringList keys; // Object field names, parallel to items
    SourcePosition position;

    friend bool operator==(const Value &, const Value &) = default;
};

// A type reference such as [String!]!: its text and the named type inside.
struct TypeRef
{
    QString text;
    QString named;
    SourcePosition position; // of the named type

    bool isNonNull() const { return text.endsWith(u'!'); }
    friend bool operator==(const TypeRef &, const TypeRef &) = default;
};

struct Argument
{
    QString name;
    SourcePosition position;
    Value value;

    friend bool operator==(const Argument &, const Argument &) = default;
};

struct Directive
{
    QString name;
    SourcePosition position;
    QList<Argument> arguments;

    friend bool operator==(const Directive &, const Directive &) = default;
};

struct Selection
{
    enum class Kind { Field, FragmentSpread, InlineFragment };
    Kind kind = Kind::Field;
    QString alias;
    QString name; // field or fragment name
    SourcePosition position; // of the name (or of "..." for inline fragments)
    QList<Argument> arguments;
    QList<Directive> directives;
    QString typeCondition; // inline fragments; empty when none
    SourcePosition typeConditionPosition;
    bool hasSelectionSet = false;
    QList<Selection> selections;

    friend bool operator==(const Selection &, const Selection &) = default;
};

struct VariableDefinition
{
    QString name;
    SourcePosition position;
    TypeRef type;
    std::optional<Value> defaultValue;

    friend bool operator==(const VariableDefinition &, const VariableDefinition &) = default;
};

struct OperationDefinition
{
    QString operation; // query, mutation or subscription
    QString name; // empty for an anonymous operation
    SourcePosition position; // of the keyword, or of "{" for the shorthand
    qsizetype end = 0; // offset after the closing "}"
    QList<VariableDefinition> variables;
    QList<Directive> directives;
    QList<Selection> selections;

    friend bool operator==(const OperationDefinition &, const OperationDefinition &) = default;
};

struct FragmentDefinition
{
    QString name;
    SourcePosition position;
    QString typeCondition;
    SourcePosition typeConditionPosition;
    QList<Directive> directives;
    QList<Selection> selections;

    friend bool operator==(const FragmentDefinition &, const FragmentDefinition &) = default;
};

struct InputValueDefinition
{
    QString description;
    QString name;
    TypeRef type;
    std::optional<Value> defaultValue;
    QList<Directive> directives;

    friend bool operator==(const InputValueDefinition &, const InputValueDefinition &) = default;
};

struct FieldDefinition
{
    QString description;
    QString name;
    QList<InputValueDefinition> arguments;
    TypeRef type;
    QList<Directive> directives;

    friend bool operator==(const FieldDefinition &, const FieldDefinition &) = default;
};

struct EnumValueDefinition
{
    QString description;
    QString name;
    QList<Directive> directives;

    friend bool operator==(const EnumValueDefinition &, const EnumValueDefinition &) = default;
};

struct TypeDefinition
{
    enum class Kind { Scalar, Object, Interface, Union, Enum, InputObject };
    Kind kind = Kind::Scalar;
    bool extension = false; // "extend type ..."
    QString description;
    QString name;
    SourcePosition position;
    QStringList interfaces;
    QList<Directive> directives;
    QList<FieldDefinition> fields; // Object, Interface
    QList<InputValueDefinition> inputFields; // InputObject
    QStringList members; // Union
    QList<EnumValueDefinition> enumValues; // Enum

    friend bool operator==(const TypeDefinition &, const TypeDefinition &) = default;
};

struct SchemaDefinition
{
    bool extension = false;
    QString description;
    QList<QPair<QString, QString>> operationTypes; // ("query", "Query")...
    QList<Directive> directives;

    friend bool operator==(const SchemaDefinition &, const SchemaDefinition &) = default;
};

struct DirectiveDefinition
{
    QString description;
    QString name;
    QList<InputValueDefinition> arguments;
    bool repeatable = false;
    QStringList locations;

    friend bool operator==(const DirectiveDefinition &, const DirectiveDefinition &) = default;
};

struct SyntaxError
{
    QString message;
    SourcePosition position;
    qsizetype length = 1;

    friend bool operator==(const SyntaxError &, const SyntaxError &) = default;
};

struct Document
{
    QList<OperationDefinition> operations;
    QList<FragmentDefinition> fragments;
    QList<TypeDefinition> types;
    QList<SchemaDefinition> schemas;
    QList<DirectiveDefinition> directives;
    // The first syntax error; the definitions before it are kept.
    std::optional<SyntaxError> error;

    friend bool operator==(const Document &, const Document &) = default;
};

// Nesting (selection sets, values, list types) deeper than this is a syntax error: a bound on
// recursion for hostile input.
inline constexpr int kMaxNestingDepth = 128;

// A recursive-descent parser for the whole GraphQL grammar (October 2021). It stops at the
// first syntax error and keeps what it parsed before it.
Document parseDocument(QStringView source);

// Prints a value as graphql-js does (`{a: 1, b: [true, null]}`).
QString printValue(const Value &value);

} // namespace Patchbay::Core::GraphQl
