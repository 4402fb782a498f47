#pragma once

#include "core/graphql/graphqldocument.h"
#include "core/graphql/graphqlschema.h"

#include <QList>
#include <QString>

namespace Patchbay::Core::GraphQl {

struct Diagnostic
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    SourcePosition position;
    qsizetype length = 1; // in UTF-16 units from position
    QString message;

    friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
};

// Checks a query document: its syntax, and with a schema, what the editor marks: unknown
// fields, arguments, types, fragments and directives, missing required arguments, leaf fields
// with a selection and object fields without one, operations the schema has no root for,
// undefined variables and deprecated fields (a warning). Messages are graphql-js's where it has
// one. A blank document gives nothing. `schema` may be null: syntax only.
QList<Diagnostic> validateDocument(QStringView source, const Schema *schema);

// The operations of a document, in order, for the operation picker: names ("" for an
// anonymous one). Works on a document with syntax errors too (a token scan).
struct OperationInfo
{
    QString operation; // query, mutation, subscription
    QString name;

    friend bool operator==(const OperationInfo &, const OperationInfo &) = default;
};
QList<OperationInfo> listOperations(QStringView source);

} // namespace Patchbay::Core::GraphQl
