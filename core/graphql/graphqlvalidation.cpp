#include "core/graphql/graphqlvalidation.h"

#include <QSet>

namespace Patchbay::Core::GraphQl {

namespace {

class Validator
{
public:
    Validator(const Document &doc, const Schema &schema, QList<Diagnostic> &out)
        : m_doc(doc)
        , m_schema(schema)
        , m_out(out)
    { }

    void run()
    {
        for (const FragmentDefinition &f : m_doc.fragments)
            m_fragments.insert(f.name, &f);
        for (const OperationDefinition &op : m_doc.operations)
            checkOperation(op);
        for (const FragmentDefinition &f : m_doc.fragments) {
            const SchemaType *type = m_schema.type(f.typeCondition);
            if (!type) {
                error(f.typeConditionPosition, f.typeCondition.size(),
                      QStringLiteral("Unknown type \"%1\".").arg(f.typeCondition));
                continue;
            }
            if (!type->isComposite()) {
                error(f.typeConditionPosition, f.typeCondition.size(),
                      QStringLiteral("Fragment \"%1\" cannot condition on non composite type "
                                     "\"%2\".")
                          .arg(f.name, f.typeCondition));
                continue;
            }
            m_variables = nullptr;
            checkSelections(f.selections, *type, 0);
        }
    }

private:
    void error(SourcePosition at, qsizetype length, const QString &message,
               Diagnostic::Severity severity = Diagnostic::Severity::Error)
    {
        m_out.append({severity, at, qMax<qsizetype>(1, length), message});
    }

    void checkOperation(const OperationDefinition &op)
    {
        const SchemaType *root = m_schema.rootType(op.operation);
        if (!root) {
            error(op.position, op.operation.size(),
                  QStringLiteral("Schema is not configured for %1s.").arg(op.operation));
            return;
        }
        QSet<QString> defined;
        for (const VariableDefinition &v : op.variables) {
            defined.insert(v.name);
            const SchemaType *type = m_schema.type(v.type.named);
            if (!type)
                error(v.type.position, v.type.named.size(),
                      QStringLiteral("Unknown type \"%1\".").arg(v.type.named));
            else if (!type->isInput())
                error(v.type.position, v.type.named.size(),
                      QStringLiteral("Variable \"$%1\" cannot be non-input type \"%2\".")
                          .arg(v.name, v.type.text));
        }
        m_variables = &defined;
        m_operationName = op.name;
        checkSelections(op.selections, *root, 0);
        m_variables = nullptr;
    }

    void checkDirectives(const QList<Directive> &directives)
    {
        for (const Directive &d : directives) {
            if (m_schema.directives.isEmpty())
                return; // a schema without directive information (some SDL files)
            const SchemaDirective *def = m_schema.directive(d.name);
            if (!def && d.name != QLatin1String("skip") && d.name != QLatin1String("include")) {
                error(d.position, d.name.size() + 1,
                      QStringLiteral("Unknown directive \"@%1\".").arg(d.name));
            }
            checkValues(d.arguments);
        }
    }

    void checkValue(const Value &v)
    {
        if (v.kind == Value::Kind::Variable && m_variables && !m_variables->contains(v.text)) {
            error(v.position, v.text.size() + 1,
                  m_operationName.isEmpty()
                      ? QStringLiteral("Variable \"$%1\" is not defined.").arg(v.text)
                      : QStringLiteral("Variable \"$%1\" is not defined by operation \"%2\".")
                            .arg(v.text, m_operationName));
        }
        for (const Value &item : v.items)
            checkValue(item);
    }

    void checkValues(const QList<Argument> &args)
    {
        for (const Argument &a : args)
            checkValue(a.value);
    }

    void checkSelections(const QList<Selection> &selections, const SchemaType &parent, int depth)
    {
        if (depth > kMaxNestingDepth)
            return;
        for (const Selection &s : selections) {
            checkDirectives(s.directives);
            switch (s.kind) {
            case Selection::Kind::Field:
                checkField(s, parent, depth);
                break;
            case Selection::Kind::FragmentSpread: {
                const FragmentDefinition *f = m_fragments.value(s.name);
                if (!f) {
                    error(s.position, s.name.size(),
                          QStringLiteral("Unknown fragment \"%1\".").arg(s.name));
                } else if (m_variables && !m_visiting.contains(s.name)) {
                    // Variables used inside a fragment must be defined by the operation.
                    const SchemaType *type = m_schema.type(f->typeCondition);
                    if (type && type->isComposite()) {
                        m_visiting.insert(s.name);
                        checkFragmentVariables(f->selections);
                        m_visiting.remove(s.name);
                    }
                }
                break;
            }
            case Selection::Kind::InlineFragment: {
                const SchemaType *type = &parent;
                if (!s.typeCondition.isEmpty()) {
                    type = m_schema.type(s.typeCondition);
                    if (!type) {
                        error(s.typeConditionPosition, s.typeCondition.size(),
                              QStringLiteral("Unknown type \"%1\".").arg(s.typeCondition));
                        break;
                    }
                }
                checkSelections(s.selections, *type, depth + 1);
                break;
            }
            }
        }
    }

    // Undefined variables inside spread fragments (reported at their use).
    void checkFragmentVariables(const QList<Selection> &selections)
    {
        for (const Selection &s : selections) {
            for (const Argument &a : s.arguments)
                checkValue(a.value);
            if (s.kind == Selection::Kind::FragmentSpread) {
                const FragmentDefinition *f = m_fragments.value(s.name);
                if (f && !m_visiting.contains(s.name)) {
                    m_visiting.insert(s.name);
                    checkFragmentVariables(f->selections);
                    m_visiting.remove(s.name);
                }
            }
            checkFragmentVariables(s.selections);
        }
    }

    void checkField(const Selection &s, const SchemaType &parent, int depth)
    {
        if (s.name == QLatin1String("__typename")) {
            if (s.hasSelectionSet)
                error(s.position, s.name.size(),
                      QStringLiteral("Field \"__typename\" must not have a selection since type "
                                     "\"String!\" has no subfields."));
            return;
        }
        const SchemaField *field = parent.field(s.name);
        if (!field && (s.name == QLatin1String("__schema") || s.name == QLatin1String("__type"))
            && parent.name == m_schema.queryType) {
            if (m_variables)
                checkValues(s.arguments);
            return; // introspection fields on the query root
        }
        if (!field) {
            error(s.position, s.name.size(),
                  QStringLiteral("Cannot query field \"%1\" on type \"%2\".")
                      .arg(s.name, parent.name));
            return;
        }
        if (field->isDeprecated) {
            error(s.position, s.name.size(),
                  QStringLiteral("The field %1.%2 is deprecated. %3")
                      .arg(parent.name, s.name, field->deprecationReason)
                      .trimmed(),
                  Diagnostic::Severity::Warning);
        }
        QSet<QString> given;
        for (const Argument &a : s.arguments) {
            given.insert(a.name);
            if (!field->argument(a.name))
                error(a.position, a.name.size(),
                      QStringLiteral("Unknown argument \"%1\" on field \"%2.%3\".")
                          .arg(a.name, parent.name, s.name));
            checkValue(a.value);
        }
        for (const SchemaInputValue &arg : field->arguments) {
            if (arg.isRequired() && !given.contains(arg.name))
                error(s.position, s.name.size(),
                      QStringLiteral("Field \"%1\" argument \"%2\" of type \"%3\" is required, "
                                     "but it was not provided.")
                          .arg(s.name, arg.name, arg.type));
        }
        const SchemaType *type = m_schema.type(field->namedType);
        if (!type)
            return;
        if (type->isLeaf() && s.hasSelectionSet) {
            error(s.position, s.name.size(),
                  QStringLiteral("Field \"%1\" must not have a selection since type \"%2\" has no "
                                 "subfields.")
                      .arg(s.name, field->type));
        } else if (!type->isLeaf() && !s.hasSelectionSet) {
            error(s.position, s.name.size(),
                  QStringLiteral("Field \"%1\" of type \"%2\" must have a selection of subfields. "
                                 "Did you mean \"%1 { ... }\"?")
                      .arg(s.name, field->type));
        } else if (s.hasSelectionSet) {
            checkSelections(s.selections, *type, depth + 1);
        }
    }

    const Document &m_doc;
    const Schema &m_schema;
    QList<Diagnostic> &m_out;
    QHash<QString, const FragmentDefinition *> m_fragments;
    const QSet<QString> *m_variables = nullptr; // the operation's, while checking one
    QString m_operationName;
    QSet<QString> m_visiting;
};

} // namespace

QList<Diagnostic> validateDocument(QStringView source, const Schema *schema)
{
    QList<Diagnostic> out;
    if (source.trimmed().isEmpty())
        return out;
    const Document doc = parseDocument(source);
    if (doc.error) {
        out.append({Diagnostic::Severity::Error, doc.error->position, doc.error->length,
                    QStringLiteral("Syntax error: ") + doc.error->message});
        return out;
    }
    if (!doc.types.isEmpty() || !doc.schemas.isEmpty() || !doc.directives.isEmpty()) {
        out.append({Diagnostic::Severity::Error,
                    {},
                    1,
                    QStringLiteral("A request holds operations and fragments, not type "
                                   "definitions.")});
    }
    if (!schema || schema->isEmpty())
        return out;
    Validator(doc, *schema, out).run();
    return out;
}

QList<OperationInfo> listOperations(QStringView source)
{
    QList<OperationInfo> out;
    Lexer lexer(source);
    int depth = 0;
    bool inDefinition = false; // after a keyword at the top, until its "{"
    for (;;) {
        const Token t = lexer.next();
        if (t.kind == TokenKind::End)
            break;
        if (t.isPunctuator(u"{") || t.isPunctuator(u"(") || t.isPunctuator(u"[")) {
            if (depth == 0 && t.isPunctuator(u"{")) {
                if (!inDefinition)
                    out.append({QStringLiteral("query"), QString()}); // the shorthand
                inDefinition = false;
            }
            ++depth;
            continue;
        }
        if (t.isPunctuator(u"}") || t.isPunctuator(u")") || t.isPunctuator(u"]")) {
            depth = qMax(0, depth - 1);
            continue;
        }
        if (depth != 0 || t.kind != TokenKind::Name || inDefinition)
            continue;
        if (t.value == QLatin1String("query") || t.value == QLatin1String("mutation")
            || t.value == QLatin1String("subscription")) {
            Lexer ahead = lexer;
            const Token name = ahead.next();
            out.append({t.value, name.kind == TokenKind::Name ? name.value : QString()});
            inDefinition = true;
        } else if (t.value == QLatin1String("fragment") || t.value == QLatin1String("extend")
                   || t.value == QLatin1String("type") || t.value == QLatin1String("schema")) {
            inDefinition = true;
        }
    }
    return out;
}

} // namespace Patchbay::Core::GraphQl
