#pragma once

#include "core/graphql/graphqlschema.h"

#include <QList>
#include <QString>

namespace Patchbay::Core::GraphQl {

struct CompletionItem
{
    enum class Kind { Field, Argument, Type, EnumValue, Directive, Keyword, Fragment, Variable };
    Kind kind = Kind::Field;
    QString label; // what is inserted
    QString detail; // the type ("[User!]!"), or what the keyword does
    QString description;
    bool deprecated = false;

    friend bool operator==(const CompletionItem &, const CompletionItem &) = default;
};

// Where the cursor is, in schema terms: the part of the document before it read as tokens, so
// that it works while the user is typing (the document is rarely valid then).
struct CompletionContext
{
    enum class Kind {
        None, // inside a string or comment, or nothing to offer
        Field, // in a selection set of `type`
        Argument, // in the argument list of `type`.`field` (or of directive @`field`)
        ArgumentValue, // after "name:" in such a list; `argument` names it
        TypeCondition, // after "on"
        InputType, // in variable definitions, after ":"
        Directive, // after "@"
        FragmentSpread, // after "..."
        TopLevel, // between definitions
    };
    Kind kind = Kind::None;
    QString type;
    QString field;
    QString argument;
    bool directiveArguments = false;
    QString prefix; // the part of a name already typed before the cursor
    qsizetype prefixStart = 0; // offset where it starts

    friend bool operator==(const CompletionContext &, const CompletionContext &) = default;
};

// `cursor` is a UTF-16 offset into `source`.
CompletionContext completionContext(QStringView source, qsizetype cursor, const Schema &schema);

// What may be typed at the cursor, filtered by the typed prefix (case-insensitive, prefix
// matches first) and sorted; deprecated fields last. Argument names already given are left out.
QList<CompletionItem> completions(QStringView source, qsizetype cursor, const Schema &schema);

} // namespace Patchbay::Core::GraphQl
