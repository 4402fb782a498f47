#include "core/graphql/graphqlcompletion.h"

#include "core/graphql/graphqldocument.h"

#include <QSet>

#include <algorithm>

namespace Patchbay::Core::GraphQl {

namespace {

struct Frame
{
    enum class Kind { Selection, Arguments, Variables, Value };
    Kind kind = Kind::Selection;
    QString type; // Selection: the parent type; Arguments: the field's parent type
    QString field; // Arguments: the field (or directive) name
    bool directive = false;
    QSet<QString> givenArguments;
    QString lastArgument; // Arguments: the name before the last ":"
};

// The named type of `field` on `type`, or "" when unknown.
QString fieldType(const Schema &schema, const QString &type, const QString &field)
{
    if (field == QLatin1String("__typename"))
        return QStringLiteral("String");
    if (field == QLatin1String("__schema"))
        return QStringLiteral("__Schema");
    if (field == QLatin1String("__type"))
        return QStringLiteral("__Type");
    const SchemaType *t = schema.type(type);
    const SchemaField *f = t ? t->field(field) : nullptr;
    return f ? f->namedType : QString();
}

QString rootTypeName(const Schema &schema, const QString &operation)
{
    const SchemaType *t = schema.rootType(operation);
    return t ? t->name : QString();
}

} // namespace

CompletionContext completionContext(QStringView source, qsizetype cursor, const Schema &schema)
{
    CompletionContext ctx;
    cursor = qBound<qsizetype>(0, cursor, source.size());
    qsizetype prefixStart = cursor;
    while (prefixStart > 0 && isNameContinue(source.at(prefixStart - 1)))
        --prefixStart;
    ctx.prefix = source.mid(prefixStart, cursor - prefixStart).toString();
    ctx.prefixStart = prefixStart;
    if (!ctx.prefix.isEmpty() && !isNameStart(ctx.prefix.at(0)))
        return ctx; // inside a number

    const QStringView before = source.left(prefixStart);
    Lexer lexer(before);
    QList<Frame> stack;
    Token previous; // the last significant token
    Token beforePrevious;
    QString pendingOperation; // "query", ... at the top, until its "{"
    QString pendingType; // the type a "{" opens: fragment or inline fragment condition
    QString lastField; // in a selection set: the last field name (not alias)
    QString lastDirective;
    bool afterOn = false;
    for (;;) {
        const Token t = lexer.next();
        if (t.kind == TokenKind::End)
            break;
        if (t.kind == TokenKind::Invalid) {
            // An unterminated string or a stray character: the cursor may be inside a string.
            if (t.value.startsWith(QLatin1String("Unterminated")))
                return ctx;
            continue;
        }
        Frame *top = stack.isEmpty() ? nullptr : &stack.last();
        const bool inSelection = top && top->kind == Frame::Kind::Selection;
        if (t.kind == TokenKind::Punctuator) {
            const QString &p = t.value;
            if (p == QLatin1String("{")) {
                if (!top) {
                    QString type = pendingType;
                    if (type.isEmpty())
                        type = rootTypeName(schema,
                                            pendingOperation.isEmpty() ? QStringLiteral("query")
                                                                       : pendingOperation);
                    stack.append({Frame::Kind::Selection, type, {}, false, {}, {}});
                } else if (inSelection) {
                    const QString type = !pendingType.isEmpty()
                        ? pendingType
                        : fieldType(schema, top->type, lastField);
                    stack.append({Frame::Kind::Selection, type, {}, false, {}, {}});
                } else {
                    stack.append({Frame::Kind::Value, {}, {}, false, {}, {}});
                }
                pendingOperation.clear();
                pendingType.clear();
                lastField.clear();
            } else if (p == QLatin1String("(")) {
                if (!top)
                    stack.append({Frame::Kind::Variables, {}, {}, false, {}, {}});
                else if (inSelection && previous.kind == TokenKind::Name
                         && beforePrevious.isPunctuator(u"@"))
                    stack.append({Frame::Kind::Arguments, {}, lastDirective, true, {}, {}});
                else if (inSelection)
                    stack.append({Frame::Kind::Arguments, top->type, lastField, false, {}, {}});
                else
                    stack.append({Frame::Kind::Value, {}, {}, false, {}, {}});
            } else if (p == QLatin1String("[")) {
                if (top)
                    stack.append({Frame::Kind::Value, {}, {}, false, {}, {}});
            } else if (p == QLatin1String("}") || p == QLatin1String(")")
                       || p == QLatin1String("]")) {
                if (!stack.isEmpty())
                    stack.removeLast();
                if (p == QLatin1String("}") && !stack.isEmpty()
                    && stack.last().kind == Frame::Kind::Selection)
                    lastField.clear();
            } else if (p == QLatin1String(":") && top && top->kind == Frame::Kind::Arguments
                       && previous.kind == TokenKind::Name) {
                top->givenArguments.insert(previous.value);
                top->lastArgument = previous.value;
            }
            afterOn = false;
        } else if (t.kind == TokenKind::Name) {
            if (!top) {
                if (t.value == QLatin1String("query") || t.value == QLatin1String("mutation")
                    || t.value == QLatin1String("subscription"))
                    pendingOperation = t.value;
                else if (afterOn)
                    pendingType = t.value;
            } else if (inSelection) {
                if (afterOn)
                    pendingType = t.value;
                else if (previous.isPunctuator(u"@"))
                    lastDirective = t.value;
                else if (t.value != QLatin1String("on") && !previous.isPunctuator(u"..."))
                    lastField = t.value; // after "alias:" this replaces the alias
            }
            afterOn = t.value == QLatin1String("on");
        } else {
            afterOn = false;
        }
        beforePrevious = previous;
        previous = t;
    }

    const Frame *top = stack.isEmpty() ? nullptr : &stack.last();
    if (previous.isPunctuator(u"@")) {
        ctx.kind = CompletionContext::Kind::Directive;
        return ctx;
    }
    if (afterOn) {
        ctx.kind = CompletionContext::Kind::TypeCondition;
        ctx.type = top && top->kind == Frame::Kind::Selection ? top->type : QString();
        return ctx;
    }
    if (!top) {
        ctx.kind = CompletionContext::Kind::TopLevel;
        return ctx;
    }
    switch (top->kind) {
    case Frame::Kind::Selection:
        if (previous.isPunctuator(u"...")) {
            ctx.kind = CompletionContext::Kind::FragmentSpread;
            ctx.type = top->type;
        } else if (!top->type.isEmpty()) {
            ctx.kind = CompletionContext::Kind::Field;
            ctx.type = top->type;
        }
        break;
    case Frame::Kind::Arguments:
        ctx.type = top->type;
        ctx.field = top->field;
        ctx.directiveArguments = top->directive;
        if (previous.isPunctuator(u":")) {
            ctx.kind = CompletionContext::Kind::ArgumentValue;
            ctx.argument = top->lastArgument;
        } else {
            ctx.kind = CompletionContext::Kind::Argument;
        }
        break;
    case Frame::Kind::Variables:
        if (previous.isPunctuator(u":") || previous.isPunctuator(u"["))
            ctx.kind = CompletionContext::Kind::InputType;
        break;
    case Frame::Kind::Value:
        break;
    }
    return ctx;
}

namespace {

void addType(QList<CompletionItem> &out, const SchemaType &t)
{
    out.append({CompletionItem::Kind::Type, t.name, typeKindName(t.kind), t.description, false});
}

const QList<SchemaInputValue> *argumentsAt(const CompletionContext &ctx, const Schema &schema)
{
    if (ctx.directiveArguments) {
        const SchemaDirective *d = schema.directive(ctx.field);
        return d ? &d->arguments : nullptr;
    }
    const SchemaType *t = schema.type(ctx.type);
    const SchemaField *f = t ? t->field(ctx.field) : nullptr;
    return f ? &f->arguments : nullptr;
}

} // namespace

QList<CompletionItem> completions(QStringView source, qsizetype cursor, const Schema &schema)
{
    const CompletionContext ctx = completionContext(source, cursor, schema);
    QList<CompletionItem> out;
    switch (ctx.kind) {
    case CompletionContext::Kind::None:
        return out;
    case CompletionContext::Kind::TopLevel:
        for (const char *word : {"query", "mutation", "subscription", "fragment"})
            out.append({CompletionItem::Kind::Keyword, QLatin1String(word), {}, {}, false});
        break;
    case CompletionContext::Kind::Field: {
        const SchemaType *t = schema.type(ctx.type);
        if (!t)
            return out;
        for (const SchemaField &f : t->fields)
            out.append(
                {CompletionItem::Kind::Field, f.name, f.type, f.description, f.isDeprecated});
        out.append({CompletionItem::Kind::Field, QStringLiteral("__typename"),
                    QStringLiteral("String!"), QStringLiteral("The name of the object's type."),
                    false});
        break;
    }
    case CompletionContext::Kind::Argument: {
        const QList<SchemaInputValue> *args = argumentsAt(ctx, schema);
        if (!args)
            return out;
        // Arguments already written before the cursor are not offered again.
        QSet<QString> given;
        {
            const QStringView before = source.left(ctx.prefixStart);
            const qsizetype open = before.lastIndexOf(u'(');
            Lexer lexer(before.mid(open + 1));
            Token previous;
            for (;;) {
                const Token t = lexer.next();
                if (t.kind == TokenKind::End)
                    break;
                if (t.isPunctuator(u":") && previous.kind == TokenKind::Name)
                    given.insert(previous.value);
                previous = t;
            }
        }
        for (const SchemaInputValue &a : *args) {
            if (!given.contains(a.name))
                out.append({CompletionItem::Kind::Argument, a.name, a.type, a.description,
                            a.isDeprecated});
        }
        break;
    }
    case CompletionContext::Kind::ArgumentValue: {
        const QList<SchemaInputValue> *args = argumentsAt(ctx, schema);
        const SchemaInputValue *arg = nullptr;
        for (const SchemaInputValue &a : args ? *args : QList<SchemaInputValue>()) {
            if (a.name == ctx.argument) {
                arg = &a;
                break;
            }
        }
        const SchemaType *t = arg ? schema.type(arg->namedType) : nullptr;
        if (t && t->kind == TypeKind::Enum) {
            for (const SchemaEnumValue &v : t->enumValues)
                out.append({CompletionItem::Kind::EnumValue, v.name, t->name, v.description,
                            v.isDeprecated});
        } else if (t && t->name == QLatin1String("Boolean")) {
            out.append({CompletionItem::Kind::Keyword, QStringLiteral("true"), {}, {}, false});
            out.append({CompletionItem::Kind::Keyword, QStringLiteral("false"), {}, {}, false});
        }
        break;
    }
    case CompletionContext::Kind::TypeCondition: {
        const SchemaType *parent = schema.type(ctx.type);
        for (const SchemaType &t : schema.types) {
            if (!t.isComposite() || t.name.startsWith(QLatin1String("__")))
                continue;
            // In a selection set, only the types the parent may be.
            if (parent && parent->name != t.name && !parent->possibleTypes.contains(t.name)
                && !t.possibleTypes.contains(parent->name)
                && !(parent->kind == TypeKind::Object && t.possibleTypes.contains(parent->name)))
                continue;
            addType(out, t);
        }
        break;
    }
    case CompletionContext::Kind::InputType:
        for (const SchemaType &t : schema.types) {
            if (t.isInput() && !t.name.startsWith(QLatin1String("__")))
                addType(out, t);
        }
        break;
    case CompletionContext::Kind::Directive:
        for (const SchemaDirective &d : schema.directives)
            out.append({CompletionItem::Kind::Directive, d.name, d.locations.join(u'|'),
                        d.description, false});
        if (schema.directives.isEmpty()) {
            out.append({CompletionItem::Kind::Directive, QStringLiteral("include"), {}, {}, false});
            out.append({CompletionItem::Kind::Directive, QStringLiteral("skip"), {}, {}, false});
        }
        break;
    case CompletionContext::Kind::FragmentSpread: {
        out.append({CompletionItem::Kind::Keyword,
                    QStringLiteral("on"),
                    QStringLiteral("inline fragment"),
                    {},
                    false});
        const Document doc = parseDocument(source);
        for (const FragmentDefinition &f : doc.fragments)
            out.append({CompletionItem::Kind::Fragment, f.name, f.typeCondition, {}, false});
        break;
    }
    }

    // Filter by the prefix: names that start with it first, then (from two characters on)
    // names that contain it.
    const QString prefix = ctx.prefix;
    QList<CompletionItem> starts;
    QList<CompletionItem> contains;
    for (const CompletionItem &item : std::as_const(out)) {
        if (item.label.startsWith(prefix, Qt::CaseInsensitive))
            starts.append(item);
        else if (prefix.size() >= 2 && item.label.contains(prefix, Qt::CaseInsensitive))
            contains.append(item);
    }
    const auto order = [](const CompletionItem &a, const CompletionItem &b) {
        if (a.deprecated != b.deprecated)
            return !a.deprecated;
        return a.label.compare(b.label, Qt::CaseInsensitive) < 0;
    };
    const bool types = ctx.kind == CompletionContext::Kind::TypeCondition
        || ctx.kind == CompletionContext::Kind::InputType;
    if (!prefix.isEmpty() || types) {
        std::stable_sort(starts.begin(), starts.end(), order);
        std::stable_sort(contains.begin(), contains.end(), order);
    } else {
        // Without a prefix the schema's order is the author's order; deprecated ones last.
        std::stable_sort(starts.begin(), starts.end(),
                         [](const CompletionItem &a, const CompletionItem &b) {
                             return !a.deprecated && b.deprecated;
                         });
    }
    return starts + contains;
}

} // namespace Patchbay::Core::GraphQl
