// printSchema(): SDL in graphql-js's layout (utilities/printSchema.js), types sorted by name.
#include "core/graphql/graphqldocument.h"
#include "core/graphql/graphqlschema.h"

#include <algorithm>

namespace Patchbay::Core::GraphQl {

namespace {

const QString kDefaultDeprecation = QStringLiteral("No longer supported");

bool isSpecifiedDirective(const QString &name)
{
    return name == QLatin1String("include") || name == QLatin1String("skip")
        || name == QLatin1String("deprecated") || name == QLatin1String("specifiedBy")
        || name == QLatin1String("oneOf");
}

QString printDescription(const QString &description, const QString &indentation = {},
                         bool firstInBlock = true)
{
    if (description.isEmpty())
        return {};
    const QString block = isPrintableAsBlockString(description) ? printBlockString(description)
                                                                : printString(description);
    const QString prefix
        = !indentation.isEmpty() && !firstInBlock ? u'\n' + indentation : indentation;
    QString indented = block;
    indented.replace(u'\n', u'\n' + indentation);
    return prefix + indented + u'\n';
}

QString printDeprecated(bool isDeprecated, const QString &reason)
{
    if (!isDeprecated)
        return {};
    if (!reason.isEmpty() && reason != kDefaultDeprecation)
        return QLatin1String(" @deprecated(reason: ") + printString(reason) + u')';
    return QStringLiteral(" @deprecated");
}

QString printInputValue(const SchemaInputValue &v)
{
    QString out = v.name + QLatin1String(": ") + v.type;
    if (v.hasDefault)
        out += QLatin1String(" = ") + v.defaultValue;
    return out + printDeprecated(v.isDeprecated, v.deprecationReason);
}

QString printArgs(const QList<SchemaInputValue> &args, const QString &indentation = {})
{
    if (args.isEmpty())
        return {};
    const bool described = std::any_of(args.cbegin(), args.cend(), [](const SchemaInputValue &a) {
        return !a.description.isEmpty();
    });
    QStringList parts;
    if (!described) {
        for (const SchemaInputValue &a : args)
            parts.append(printInputValue(a));
        return u'(' + parts.join(QLatin1String(", ")) + u')';
    }
    for (qsizetype i = 0; i < args.size(); ++i)
        parts.append(
            printDescription(args.at(i).description, QLatin1String("  ") + indentation, i == 0)
            + QLatin1String("  ") + indentation + printInputValue(args.at(i)));
    return QLatin1String("(\n") + parts.join(u'\n') + u'\n' + indentation + u')';
}

QString printBlock(const QStringList &items)
{
    return items.isEmpty() ? QString()
                           : QLatin1String(" {\n") + items.join(u'\n') + QLatin1String("\n}");
}

QString printInterfaces(const SchemaType &t)
{
    return t.interfaces.isEmpty()
        ? QString()
        : QLatin1String(" implements ") + t.interfaces.join(QLatin1String(" & "));
}

QString printFields(const SchemaType &t)
{
    QStringList items;
    for (qsizetype i = 0; i < t.fields.size(); ++i) {
        const SchemaField &f = t.fields.at(i);
        items.append(printDescription(f.description, QStringLiteral("  "), i == 0)
                     + QLatin1String("  ") + f.name + printArgs(f.arguments, QStringLiteral("  "))
                     + QLatin1String(": ") + f.type
                     + printDeprecated(f.isDeprecated, f.deprecationReason));
    }
    return printBlock(items);
}

QString printType(const SchemaType &t)
{
    const QString description = printDescription(t.description);
    switch (t.kind) {
    case TypeKind::Scalar:
        return description + QLatin1String("scalar ") + t.name
            + (t.specifiedByUrl.isEmpty()
                   ? QString()
                   : QLatin1String(" @specifiedBy(url: ") + printString(t.specifiedByUrl) + u')');
    case TypeKind::Object:
        return description + QLatin1String("type ") + t.name + printInterfaces(t) + printFields(t);
    case TypeKind::Interface:
        return description + QLatin1String("interface ") + t.name + printInterfaces(t)
            + printFields(t);
    case TypeKind::Union:
        return description + QLatin1String("union ") + t.name
            + (t.possibleTypes.isEmpty()
                   ? QString()
                   : QLatin1String(" = ") + t.possibleTypes.join(QLatin1String(" | ")));
    case TypeKind::Enum: {
        QStringList items;
        for (qsizetype i = 0; i < t.enumValues.size(); ++i) {
            const SchemaEnumValue &v = t.enumValues.at(i);
            items.append(printDescription(v.description, QStringLiteral("  "), i == 0)
                         + QLatin1String("  ") + v.name
                         + printDeprecated(v.isDeprecated, v.deprecationReason));
        }
        return description + QLatin1String("enum ") + t.name + printBlock(items);
    }
    case TypeKind::InputObject: {
        QStringList items;
        for (qsizetype i = 0; i < t.inputFields.size(); ++i) {
            const SchemaInputValue &v = t.inputFields.at(i);
            items.append(printDescription(v.description, QStringLiteral("  "), i == 0)
                         + QLatin1String("  ") + printInputValue(v));
        }
        return description + QLatin1String("input ") + t.name + printBlock(items);
    }
    }
    return {};
}

QString printSchemaDefinition(const Schema &schema)
{
    const bool commonNames = (schema.queryType.isEmpty() || schema.queryType == u"Query")
        && (schema.mutationType.isEmpty() || schema.mutationType == u"Mutation")
        && (schema.subscriptionType.isEmpty() || schema.subscriptionType == u"Subscription");
    if (schema.description.isEmpty() && commonNames)
        return {};
    QStringList ops;
    if (!schema.queryType.isEmpty())
        ops.append(QLatin1String("  query: ") + schema.queryType);
    if (!schema.mutationType.isEmpty())
        ops.append(QLatin1String("  mutation: ") + schema.mutationType);
    if (!schema.subscriptionType.isEmpty())
        ops.append(QLatin1String("  subscription: ") + schema.subscriptionType);
    return printDescription(schema.description) + QLatin1String("schema {\n") + ops.join(u'\n')
        + QLatin1String("\n}");
}

} // namespace

QString printSchema(const Schema &schema)
{
    QStringList parts;
    const QString definition = printSchemaDefinition(schema);
    if (!definition.isEmpty())
        parts.append(definition);

    QList<const SchemaDirective *> directives;
    for (const SchemaDirective &d : schema.directives) {
        if (!isSpecifiedDirective(d.name))
            directives.append(&d);
    }
    std::sort(directives.begin(), directives.end(),
              [](const SchemaDirective *a, const SchemaDirective *b) { return a->name < b->name; });
    for (const SchemaDirective *d : std::as_const(directives))
        parts.append(printDescription(d->description) + QLatin1String("directive @") + d->name
                     + printArgs(d->arguments)
                     + (d->repeatable ? QStringLiteral(" repeatable") : QString())
                     + QLatin1String(" on ") + d->locations.join(QLatin1String(" | ")));

    QList<const SchemaType *> types;
    for (const SchemaType &t : schema.types) {
        if (!isBuiltInScalar(t.name) && !t.name.startsWith(QLatin1String("__")))
            types.append(&t);
    }
    std::sort(types.begin(), types.end(),
              [](const SchemaType *a, const SchemaType *b) { return a->name < b->name; });
    for (const SchemaType *t : std::as_const(types))
        parts.append(printType(*t));
    return parts.join(QLatin1String("\n\n")) + u'\n';
}

} // namespace Patchbay::Core::GraphQl
