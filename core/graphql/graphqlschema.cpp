#include "core/graphql/graphqlschema.h"

#include "core/graphql/graphqldocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Patchbay::Core::GraphQl {

namespace {

const QString kIntrospectionError = QStringLiteral("graphql-introspection");

Error introspectionError(const QString &message)
{
    return Error {kIntrospectionError, message};
}

// A default value as graphql-js prints it, whatever spacing the server used.
QString normalizedDefault(const QString &literal)
{
    const Document doc = parseDocument(QStringLiteral("query($v: X = %1) { a }").arg(literal));
    if (doc.error || doc.operations.isEmpty() || doc.operations.first().variables.isEmpty()
        || !doc.operations.first().variables.first().defaultValue)
        return literal;
    Value value = *doc.operations.first().variables.first().defaultValue;
    value.block = false;
    return printValue(value);
}

// {kind, name, ofType} → "[Name!]!"; false when the nesting is broken or too deep.
bool typeRefText(const QJsonValue &ref, QString &text, QString &named, int depth = 0)
{
    const QJsonObject o = ref.toObject();
    if (o.isEmpty() || depth > 32)
        return false;
    const QString kind = o.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("NON_NULL")) {
        if (!typeRefText(o.value(QLatin1String("ofType")), text, named, depth + 1))
            return false;
        text += u'!';
        return true;
    }
    if (kind == QLatin1String("LIST")) {
        if (!typeRefText(o.value(QLatin1String("ofType")), text, named, depth + 1))
            return false;
        text = QLatin1Char('[') + text + QLatin1Char(']');
        return true;
    }
    named = o.value(QLatin1String("name")).toString();
    text = named;
    return !named.isEmpty();
}

QList<SchemaInputValue> inputValuesFromJson(const QJsonValue &list)
{
    QList<SchemaInputValue> out;
    const QJsonArray array = list.toArray();
    out.reserve(array.size());
    for (const QJsonValue &item : array) {
        const QJsonObject o = item.toObject();
        SchemaInputValue v;
        v.name = o.value(QLatin1String("name")).toString();
        v.description = o.value(QLatin1String("description")).toString();
        typeRefText(o.value(QLatin1String("type")), v.type, v.namedType);
        const QJsonValue def = o.value(QLatin1String("defaultValue"));
        v.hasDefault = def.isString();
        if (v.hasDefault)
            v.defaultValue = normalizedDefault(def.toString());
        v.isDeprecated = o.value(QLatin1String("isDeprecated")).toBool();
        v.deprecationReason = o.value(QLatin1String("deprecationReason")).toString();
        out.append(v);
    }
    return out;
}

QStringList namesOf(const QJsonValue &list)
{
    QStringList out;
    for (const QJsonValue &item : list.toArray()) {
        QString text;
        QString named;
        if (typeRefText(item, text, named))
            out.append(named);
    }
    return out;
}

bool kindFromIntrospection(const QString &kind, TypeKind &out)
{
    static const QHash<QString, TypeKind> kinds = {
        {QStringLiteral("SCALAR"), TypeKind::Scalar},
        {QStringLiteral("OBJECT"), TypeKind::Object},
        {QStringLiteral("INTERFACE"), TypeKind::Interface},
        {QStringLiteral("UNION"), TypeKind::Union},
        {QStringLiteral("ENUM"), TypeKind::Enum},
        {QStringLiteral("INPUT_OBJECT"), TypeKind::InputObject},
    };
    const auto it = kinds.constFind(kind);
    if (it == kinds.constEnd())
        return false;
    out = it.value();
    return true;
}

QString rootName(const QJsonObject &schema, const char *key)
{
    return schema.value(QLatin1String(key)).toObject().value(QLatin1String("name")).toString();
}

} // namespace

const SchemaInputValue *SchemaField::argument(QStringView name) const
{
    for (const SchemaInputValue &a : arguments) {
        if (a.name == name)
            return &a;
    }
    return nullptr;
}

const SchemaField *SchemaType::field(QStringView name) const
{
    for (const SchemaField &f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

void Schema::reindex()
{
    m_index.clear();
    m_index.reserve(types.size());
    for (qsizetype i = 0; i < types.size(); ++i)
        m_index.insert(types.at(i).name, i);
}

const SchemaType *Schema::type(QStringView name) const
{
    const auto it = m_index.constFind(name.toString());
    return it == m_index.constEnd() ? nullptr : &types.at(it.value());
}

const SchemaType *Schema::rootType(QStringView operation) const
{
    if (operation == u"query")
        return queryType.isEmpty() ? nullptr : type(queryType);
    if (operation == u"mutation")
        return mutationType.isEmpty() ? nullptr : type(mutationType);
    if (operation == u"subscription")
        return subscriptionType.isEmpty() ? nullptr : type(subscriptionType);
    return nullptr;
}

const SchemaDirective *Schema::directive(QStringView name) const
{
    for (const SchemaDirective &d : directives) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

bool isBuiltInScalar(QStringView name)
{
    return name == u"String" || name == u"Int" || name == u"Float" || name == u"Boolean"
        || name == u"ID";
}

QString typeKindName(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Scalar:
        return QStringLiteral("scalar");
    case TypeKind::Object:
        return QStringLiteral("type");
    case TypeKind::Interface:
        return QStringLiteral("interface");
    case TypeKind::Union:
        return QStringLiteral("union");
    case TypeKind::Enum:
        return QStringLiteral("enum");
    case TypeKind::InputObject:
        return QStringLiteral("input");
    }
    return {};
}

Result<Schema> schemaFromIntrospection(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return introspectionError(
            QStringLiteral("The introspection result is not a JSON object (%1 at byte %2). "
                           "Check that the URL is the GraphQL endpoint.")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    QJsonObject root = doc.object();
    if (root.contains(QLatin1String("data")) || root.contains(QLatin1String("errors"))) {
        const QJsonObject data = root.value(QLatin1String("data")).toObject();
        if (!data.contains(QLatin1String("__schema"))) {
            QStringList messages;
            for (const QJsonValue &e : root.value(QLatin1String("errors")).toArray())
                messages.append(e.toObject().value(QLatin1String("message")).toString());
            return introspectionError(
                messages.isEmpty()
                    ? QStringLiteral("The server answered without a schema. Check that "
                                     "introspection is enabled on it.")
                    : QStringLiteral("The server refused introspection: %1")
                          .arg(messages.join(QLatin1String("; "))));
        }
        root = data;
    }
    const QJsonObject s = root.value(QLatin1String("__schema")).toObject();
    if (s.isEmpty())
        return introspectionError(
            QStringLiteral("The JSON has no \"__schema\": it is not an introspection result."));

    Schema schema;
    schema.queryType = rootName(s, "queryType");
    schema.mutationType = rootName(s, "mutationType");
    schema.subscriptionType = rootName(s, "subscriptionType");
    schema.description = s.value(QLatin1String("description")).toString();
    const QJsonArray types = s.value(QLatin1String("types")).toArray();
    schema.types.reserve(types.size());
    for (const QJsonValue &item : types) {
        const QJsonObject o = item.toObject();
        SchemaType t;
        if (!kindFromIntrospection(o.value(QLatin1String("kind")).toString(), t.kind))
            continue;
        t.name = o.value(QLatin1String("name")).toString();
        if (t.name.isEmpty())
            continue;
        t.description = o.value(QLatin1String("description")).toString();
        t.specifiedByUrl = o.value(QLatin1String("specifiedByURL")).toString();
        const QJsonArray fields = o.value(QLatin1String("fields")).toArray();
        t.fields.reserve(fields.size());
        for (const QJsonValue &fv : fields) {
            const QJsonObject fo = fv.toObject();
            SchemaField f;
            f.name = fo.value(QLatin1String("name")).toString();
            f.description = fo.value(QLatin1String("description")).toString();
            f.arguments = inputValuesFromJson(fo.value(QLatin1String("args")));
            typeRefText(fo.value(QLatin1String("type")), f.type, f.namedType);
            f.isDeprecated = fo.value(QLatin1String("isDeprecated")).toBool();
            f.deprecationReason = fo.value(QLatin1String("deprecationReason")).toString();
            t.fields.append(f);
        }
        t.inputFields = inputValuesFromJson(o.value(QLatin1String("inputFields")));
        t.interfaces = namesOf(o.value(QLatin1String("interfaces")));
        t.possibleTypes = namesOf(o.value(QLatin1String("possibleTypes")));
        for (const QJsonValue &ev : o.value(QLatin1String("enumValues")).toArray()) {
            const QJsonObject eo = ev.toObject();
            t.enumValues.append({eo.value(QLatin1String("name")).toString(),
                                 eo.value(QLatin1String("description")).toString(),
                                 eo.value(QLatin1String("isDeprecated")).toBool(),
                                 eo.value(QLatin1String("deprecationReason")).toString()});
        }
        schema.types.append(std::move(t));
    }
    for (const QJsonValue &dv : s.value(QLatin1String("directives")).toArray()) {
        const QJsonObject o = dv.toObject();
        SchemaDirective d;
        d.name = o.value(QLatin1String("name")).toString();
        d.description = o.value(QLatin1String("description")).toString();
        d.arguments = inputValuesFromJson(o.value(QLatin1String("args")));
        for (const QJsonValue &l : o.value(QLatin1String("locations")).toArray())
            d.locations.append(l.toString());
        d.repeatable = o.value(QLatin1String("isRepeatable")).toBool();
        schema.directives.append(d);
    }
    schema.reindex();
    if (schema.queryType.isEmpty() || !schema.type(schema.queryType))
        return introspectionError(
            QStringLiteral("The introspection result names no query type that it defines."));
    return schema;
}

namespace {

QList<SchemaInputValue> inputValuesFromSdl(const QList<InputValueDefinition> &defs)
{
    QList<SchemaInputValue> out;
    for (const InputValueDefinition &d : defs) {
        SchemaInputValue v;
        v.name = d.name;
        v.description = d.description;
        v.type = d.type.text;
        v.namedType = d.type.named;
        if (d.defaultValue) {
            Value value = *d.defaultValue;
            value.block = false;
            v.hasDefault = true;
            v.defaultValue = printValue(value);
        }
        for (const Directive &dir : d.directives) {
            if (dir.name == QLatin1String("deprecated")) {
                v.isDeprecated = true;
                v.deprecationReason = QStringLiteral("No longer supported");
                for (const Argument &a : dir.arguments) {
                    if (a.name == QLatin1String("reason"))
                        v.deprecationReason = a.value.text;
                }
            }
        }
        out.append(v);
    }
    return out;
}

void deprecation(const QList<Directive> &directives, bool &isDeprecated, QString &reason)
{
    for (const Directive &dir : directives) {
        if (dir.name != QLatin1String("deprecated"))
            continue;
        isDeprecated = true;
        reason = QStringLiteral("No longer supported");
        for (const Argument &a : dir.arguments) {
            if (a.name == QLatin1String("reason"))
                reason = a.value.text;
        }
    }
}

TypeKind kindOf(TypeDefinition::Kind kind)
{
    switch (kind) {
    case TypeDefinition::Kind::Scalar:
        return TypeKind::Scalar;
    case TypeDefinition::Kind::Object:
        return TypeKind::Object;
    case TypeDefinition::Kind::Interface:
        return TypeKind::Interface;
    case TypeDefinition::Kind::Union:
        return TypeKind::Union;
    case TypeDefinition::Kind::Enum:
        return TypeKind::Enum;
    case TypeDefinition::Kind::InputObject:
        return TypeKind::InputObject;
    }
    return TypeKind::Scalar;
}

} // namespace

Result<Schema> schemaFromSdl(QStringView sdl)
{
    const Document doc = parseDocument(sdl);
    if (doc.error) {
        return Error {QStringLiteral("graphql-syntax"),
                      QStringLiteral("line %1, column %2: %3")
                          .arg(doc.error->position.line + 1)
                          .arg(doc.error->position.column + 1)
                          .arg(doc.error->message)};
    }
    if (!doc.operations.isEmpty() || !doc.fragments.isEmpty())
        return Error {QStringLiteral("graphql-syntax"),
                      QStringLiteral("The file holds queries, not a schema. Load a schema file "
                                     "(SDL or introspection JSON).")};
    Schema schema;
    for (const TypeDefinition &def : doc.types) {
        SchemaType *t = const_cast<SchemaType *>(schema.type(def.name));
        if (!t) {
            if (def.extension)
                continue; // extending a type nobody defined: nothing to merge into
            SchemaType fresh;
            fresh.kind = kindOf(def.kind);
            fresh.name = def.name;
            fresh.description = def.description;
            schema.types.append(fresh);
            schema.reindex();
            t = &schema.types.last();
        }
        for (const FieldDefinition &fd : def.fields) {
            SchemaField f;
            f.name = fd.name;
            f.description = fd.description;
            f.arguments = inputValuesFromSdl(fd.arguments);
            f.type = fd.type.text;
            f.namedType = fd.type.named;
            deprecation(fd.directives, f.isDeprecated, f.deprecationReason);
            t->fields.append(f);
        }
        t->inputFields.append(inputValuesFromSdl(def.inputFields));
        t->interfaces.append(def.interfaces);
        t->possibleTypes.append(def.members);
        for (const EnumValueDefinition &ed : def.enumValues) {
            SchemaEnumValue e {ed.name, ed.description, false, {}};
            deprecation(ed.directives, e.isDeprecated, e.deprecationReason);
            t->enumValues.append(e);
        }
        for (const Directive &dir : def.directives) {
            if (dir.name == QLatin1String("specifiedBy")) {
                for (const Argument &a : dir.arguments) {
                    if (a.name == QLatin1String("url"))
                        t->specifiedByUrl = a.value.text;
                }
            }
        }
    }
    for (const QString &scalar :
         {QStringLiteral("Int"), QStringLiteral("Float"), QStringLiteral("String"),
          QStringLiteral("Boolean"), QStringLiteral("ID")}) {
        if (!schema.type(scalar)) {
            schema.types.append(SchemaType {TypeKind::Scalar, scalar, {}, {}, {}, {}, {}, {}, {}});
            schema.reindex();
        }
    }
    // Interfaces list their implementations, as introspection does.
    for (SchemaType &t : schema.types) {
        if (t.kind != TypeKind::Object)
            continue;
        for (const QString &name : std::as_const(t.interfaces)) {
            SchemaType *iface = const_cast<SchemaType *>(schema.type(name));
            if (iface && iface->kind == TypeKind::Interface)
                iface->possibleTypes.append(t.name);
        }
    }
    for (const SchemaDefinition &s : doc.schemas) {
        if (!s.description.isEmpty())
            schema.description = s.description;
        for (const auto &op : s.operationTypes) {
            if (op.first == QLatin1String("query"))
                schema.queryType = op.second;
            else if (op.first == QLatin1String("mutation"))
                schema.mutationType = op.second;
            else
                schema.subscriptionType = op.second;
        }
    }
    if (doc.schemas.isEmpty()) {
        if (schema.type(u"Query"))
            schema.queryType = QStringLiteral("Query");
        if (schema.type(u"Mutation"))
            schema.mutationType = QStringLiteral("Mutation");
        if (schema.type(u"Subscription"))
            schema.subscriptionType = QStringLiteral("Subscription");
    }
    for (const DirectiveDefinition &dd : doc.directives) {
        SchemaDirective d;
        d.name = dd.name;
        d.description = dd.description;
        d.arguments = inputValuesFromSdl(dd.arguments);
        d.locations = dd.locations;
        d.repeatable = dd.repeatable;
        schema.directives.append(d);
    }
    schema.reindex();
    return schema;
}

Result<Schema> schemaFromFile(QByteArrayView bytes)
{
    qsizetype i = 0;
    if (bytes.startsWith("\xef\xbb\xbf"))
        i = 3;
    while (i < bytes.size() && QChar::isSpace(uchar(bytes.at(i))))
        ++i;
    if (i < bytes.size() && bytes.at(i) == '{')
        return schemaFromIntrospection(bytes);
    return schemaFromSdl(QString::fromUtf8(bytes));
}

} // namespace Patchbay::Core::GraphQl
