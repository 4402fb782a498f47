// The recursive-descent parser of core/graphql/graphqldocument.h. Errors are thrown inside this
// file only and become Document::error.
#include "core/graphql/graphqldocument.h"

namespace Patchbay::Core::GraphQl {

namespace {

struct ParseFailure
{
    SyntaxError error;
};

class Parser
{
public:
    explicit Parser(QStringView source)
        : m_lexer(source)
    {
        m_token = lex();
    }

    void parse(Document &doc)
    {
        if (m_token.kind == TokenKind::End)
            fail(m_token, QStringLiteral("The document is empty."));
        while (m_token.kind != TokenKind::End)
            parseDefinition(doc);
    }

private:
    // Keeps a bound on recursion (selection sets, values, list types).
    class Depth
    {
    public:
        explicit Depth(Parser &p)
            : m_p(p)
        {
            if (++m_p.m_depth > kMaxNestingDepth)
                m_p.fail(m_p.m_token,
                         QStringLiteral("Nesting is deeper than %1 levels.").arg(kMaxNestingDepth));
        }
        ~Depth() { --m_p.m_depth; }
        Depth(const Depth &) = delete;
        Depth &operator=(const Depth &) = delete;

    private:
        Parser &m_p;
    };

    Token lex()
    {
        Token t = m_lexer.next();
        if (t.kind == TokenKind::Invalid)
            throw ParseFailure {{t.value, t.start, qMax<qsizetype>(1, t.end - t.start.offset)}};
        return t;
    }

    [[noreturn]] void fail(const Token &at, const QString &message)
    {
        throw ParseFailure {{message, at.start, qMax<qsizetype>(1, at.end - at.start.offset)}};
    }

    static QString describe(const Token &t)
    {
        switch (t.kind) {
        case TokenKind::End:
            return QStringLiteral("the end of the document");
        case TokenKind::Name:
            return QStringLiteral("Name \"%1\"").arg(t.value);
        case TokenKind::String:
        case TokenKind::BlockString:
            return QStringLiteral("a string");
        case TokenKind::Int:
        case TokenKind::Float:
            return QStringLiteral("number %1").arg(t.value);
        default:
            return QStringLiteral("\"%1\"").arg(t.value);
        }
    }

    [[noreturn]] void unexpected(const QString &expected)
    {
        fail(m_token, QStringLiteral("Expected %1, found %2.").arg(expected, describe(m_token)));
    }

    Token take()
    {
        Token t = m_token;
        m_token = lex();
        return t;
    }

    bool peek(QStringView punctuator) const { return m_token.isPunctuator(punctuator); }

    bool skip(QStringView punctuator)
    {
        if (!peek(punctuator))
            return false;
        take();
        return true;
    }

    Token expect(QStringView punctuator)
    {
        if (!peek(punctuator))
            unexpected(QLatin1Char('"') + punctuator.toString() + QLatin1Char('"'));
        return take();
    }

    Token expectName()
    {
        if (m_token.kind != TokenKind::Name)
            unexpected(QStringLiteral("a name"));
        return take();
    }

    void expectKeyword(QStringView word)
    {
        if (!m_token.isName(word))
            unexpected(QLatin1Char('"') + word.toString() + QLatin1Char('"'));
        take();
    }

    // ---- definitions -------------------------------------------------------------------------

    void parseDefinition(Document &doc)
    {
        if (peek(u"{")) {
            doc.operations.append(parseOperation());
            return;
        }
        QString description;
        const bool hasDescription
            = m_token.kind == TokenKind::String || m_token.kind == TokenKind::BlockString;
        if (hasDescription)
            description = take().value;
        if (m_token.kind != TokenKind::Name)
            unexpected(hasDescription ? QStringLiteral("a type system definition")
                                      : QStringLiteral("a definition"));
        const QString word = m_token.value;
        if (!hasDescription) {
            if (word == QLatin1String("query") || word == QLatin1String("mutation")
                || word == QLatin1String("subscription")) {
                doc.operations.append(parseOperation());
                return;
            }
            if (word == QLatin1String("fragment")) {
                doc.fragments.append(parseFragment());
                return;
            }
            if (word == QLatin1String("extend")) {
                take();
                parseTypeSystem(doc, {}, true);
                return;
            }
        }
        parseTypeSystem(doc, description, false);
    }

    OperationDefinition parseOperation()
    {
        OperationDefinition op;
        op.position = m_token.start;
        if (peek(u"{")) {
            op.operation = QStringLiteral("query");
        } else {
            op.operation = take().value;
            if (m_token.kind == TokenKind::Name)
                op.name = take().value;
            if (peek(u"(")) {
                take();
                while (!skip(u")"))
                    op.variables.append(parseVariableDefinition());
            }
            op.directives = parseDirectives(false);
        }
        op.selections = parseSelectionSet();
        op.end = m_lastEnd;
        return op;
    }

    VariableDefinition parseVariableDefinition()
    {
        VariableDefinition v;
        const Token dollar = expect(u"$");
        v.position = dollar.start;
        v.name = expectName().value;
        expect(u":");
        v.type = parseTypeRef();
        if (skip(u"="))
            v.defaultValue = parseValue(true);
        parseDirectives(true);
        return v;
    }

    FragmentDefinition parseFragment()
    {
        take(); // fragment
        FragmentDefinition f;
        const Token name = expectName();
        if (name.value == QLatin1String("on"))
            fail(name, QStringLiteral("A fragment cannot be named \"on\"."));
        f.name = name.value;
        f.position = name.start;
        expectKeyword(u"on");
        const Token type = expectName();
        f.typeCondition = type.value;
        f.typeConditionPosition = type.start;
        f.directives = parseDirectives(false);
        f.selections = parseSelectionSet();
        return f;
    }

    QList<Selection> parseSelectionSet()
    {
        Depth depth(*this);
        expect(u"{");
        QList<Selection> selections;
        do {
            selections.append(parseSelection());
        } while (!peek(u"}"));
        m_lastEnd = take().end;
        return selections;
    }

    Selection parseSelection()
    {
        Selection s;
        if (peek(u"...")) {
            s.position = take().start;
            if (m_token.kind == TokenKind::Name && m_token.value != QLatin1String("on")) {
                s.kind = Selection::Kind::FragmentSpread;
                s.position = m_token.start;
                s.name = take().value;
                s.directives = parseDirectives(false);
                return s;
            }
            s.kind = Selection::Kind::InlineFragment;
            if (m_token.isName(u"on")) {
                take();
                const Token type = expectName();
                s.typeCondition = type.value;
                s.typeConditionPosition = type.start;
            }
            s.directives = parseDirectives(false);
            s.hasSelectionSet = true;
            s.selections = parseSelectionSet();
            return s;
        }
        Token name = expectName();
        if (skip(u":")) {
            s.alias = name.value;
            name = expectName();
        }
        s.name = name.value;
        s.position = name.start;
        s.arguments = parseArguments(false);
        s.directives = parseDirectives(false);
        if (peek(u"{")) {
            s.hasSelectionSet = true;
            s.selections = parseSelectionSet();
        }
        return s;
    }

    QList<Argument> parseArguments(bool isConst)
    {
        QList<Argument> args;
        if (!skip(u"("))
            return args;
        do {
            Argument a;
            const Token name = expectName();
            a.name = name.value;
            a.position = name.start;
            expect(u":");
            a.value = parseValue(isConst);
            args.append(a);
        } while (!skip(u")"));
        return args;
    }

    QList<Directive> parseDirectives(bool isConst)
    {
        QList<Directive> directives;
        while (peek(u"@")) {
            const Token at = take();
            Directive d;
            d.position = at.start;
            d.name = expectName().value;
            d.arguments = parseArguments(isConst);
            directives.append(d);
        }
        return directives;
    }

    Value parseValue(bool isConst)
    {
        Depth depth(*this);
        Value v;
        v.position = m_token.start;
        switch (m_token.kind) {
        case TokenKind::Int:
            v.kind = Value::Kind::Int;
            v.text = take().value;
            return v;
        case TokenKind::Float:
            v.kind = Value::Kind::Float;
            v.text = take().value;
            return v;
        case TokenKind::String:
        case TokenKind::BlockString:
            v.kind = Value::Kind::String;
            v.block = m_token.kind == TokenKind::BlockString;
            v.text = take().value;
            return v;
        case TokenKind::Name: {
            const QString word = take().value;
            if (word == QLatin1String("true") || word == QLatin1String("false")) {
                v.kind = Value::Kind::Boolean;
            } else if (word == QLatin1String("null")) {
                v.kind = Value::Kind::Null;
            } else {
                v.kind = Value::Kind::Enum;
            }
            v.text = word;
            return v;
        }
        default:
            break;
        }
        if (peek(u"$")) {
            if (isConst)
                fail(m_token, QStringLiteral("Unexpected variable in a constant value."));
            take();
            v.kind = Value::Kind::Variable;
            v.text = expectName().value;
            return v;
        }
        if (skip(u"[")) {
            v.kind = Value::Kind::List;
            while (!skip(u"]"))
                v.items.append(parseValue(isConst));
            return v;
        }
        if (skip(u"{")) {
            v.kind = Value::Kind::Object;
            while (!skip(u"}")) {
                v.keys.append(expectName().value);
                expect(u":");
                v.items.append(parseValue(isConst));
            }
            return v;
        }
        unexpected(QStringLiteral("a value"));
    }

    TypeRef parseTypeRef()
    {
        Depth depth(*this);
        TypeRef t;
        if (skip(u"[")) {
            const TypeRef inner = parseTypeRef();
            expect(u"]");
            t.named = inner.named;
            t.position = inner.position;
            t.text = QLatin1Char('[') + inner.text + QLatin1Char(']');
        } else {
            const Token name = expectName();
            t.named = name.value;
            t.position = name.start;
            t.text = name.value;
        }
        if (skip(u"!"))
            t.text += u'!';
        return t;
    }

    // ---- type system -------------------------------------------------------------------------

    void parseTypeSystem(Document &doc, const QString &description, bool extension)
    {
        const Token keyword = expectName();
        const QString word = keyword.value;
        if (word == QLatin1String("schema")) {
            SchemaDefinition s;
            s.extension = extension;
            s.description = description;
            s.directives = parseDirectives(true);
            if (skip(u"{")) {
                do {
                    const QString op = expectName().value;
                    if (op != QLatin1String("query") && op != QLatin1String("mutation")
                        && op != QLatin1String("subscription"))
                        fail(m_token, QStringLiteral("Expected query, mutation or subscription."));
                    expect(u":");
                    s.operationTypes.append({op, expectName().value});
                } while (!skip(u"}"));
            } else if (!extension) {
                unexpected(QStringLiteral("\"{\""));
            }
            doc.schemas.append(s);
            return;
        }
        if (word == QLatin1String("directive") && !extension) {
            DirectiveDefinition d;
            d.description = description;
            expect(u"@");
            d.name = expectName().value;
            d.arguments = parseArgumentDefinitions();
            if (m_token.isName(u"repeatable")) {
                take();
                d.repeatable = true;
            }
            expectKeyword(u"on");
            skip(u"|");
            do {
                d.locations.append(expectName().value);
            } while (skip(u"|"));
            doc.directives.append(d);
            return;
        }
        TypeDefinition t;
        t.extension = extension;
        t.description = description;
        if (word == QLatin1String("scalar"))
            t.kind = TypeDefinition::Kind::Scalar;
        else if (word == QLatin1String("type"))
            t.kind = TypeDefinition::Kind::Object;
        else if (word == QLatin1String("interface"))
            t.kind = TypeDefinition::Kind::Interface;
        else if (word == QLatin1String("union"))
            t.kind = TypeDefinition::Kind::Union;
        else if (word == QLatin1String("enum"))
            t.kind = TypeDefinition::Kind::Enum;
        else if (word == QLatin1String("input"))
            t.kind = TypeDefinition::Kind::InputObject;
        else
            fail(keyword, QStringLiteral("Unexpected Name \"%1\".").arg(word));
        const Token name = expectName();
        t.name = name.value;
        t.position = name.start;
        if (m_token.isName(u"implements")) {
            take();
            skip(u"&");
            do {
                t.interfaces.append(expectName().value);
            } while (skip(u"&"));
        }
        t.directives = parseDirectives(true);
        switch (t.kind) {
        case TypeDefinition::Kind::Object:
        case TypeDefinition::Kind::Interface:
            if (skip(u"{")) {
                do {
                    t.fields.append(parseFieldDefinition());
                } while (!skip(u"}"));
            }
            break;
        case TypeDefinition::Kind::InputObject:
            if (skip(u"{")) {
                do {
                    t.inputFields.append(parseInputValueDefinition());
                } while (!skip(u"}"));
            }
            break;
        case TypeDefinition::Kind::Union:
            if (skip(u"=")) {
                skip(u"|");
                do {
                    t.members.append(expectName().value);
                } while (skip(u"|"));
            }
            break;
        case TypeDefinition::Kind::Enum:
            if (skip(u"{")) {
                do {
                    EnumValueDefinition e;
                    e.description = parseDescription();
                    const Token value = expectName();
                    if (value.value == QLatin1String("true")
                        || value.value == QLatin1String("false")
                        || value.value == QLatin1String("null"))
                        fail(value, QStringLiteral("An enum value cannot be %1.").arg(value.value));
                    e.name = value.value;
                    e.directives = parseDirectives(true);
                    t.enumValues.append(e);
                } while (!skip(u"}"));
            }
            break;
        case TypeDefinition::Kind::Scalar:
            break;
        }
        doc.types.append(t);
    }

    QString parseDescription()
    {
        if (m_token.kind == TokenKind::String || m_token.kind == TokenKind::BlockString)
            return take().value;
        return {};
    }

    FieldDefinition parseFieldDefinition()
    {
        FieldDefinition f;
        f.description = parseDescription();
        f.name = expectName().value;
        f.arguments = parseArgumentDefinitions();
        expect(u":");
        f.type = parseTypeRef();
        f.directives = parseDirectives(true);
        return f;
    }

    QList<InputValueDefinition> parseArgumentDefinitions()
    {
        QList<InputValueDefinition> args;
        if (!skip(u"("))
            return args;
        do {
            args.append(parseInputValueDefinition());
        } while (!skip(u")"));
        return args;
    }

    InputValueDefinition parseInputValueDefinition()
    {
        InputValueDefinition v;
        v.description = parseDescription();
        v.name = expectName().value;
        expect(u":");
        v.type = parseTypeRef();
        if (skip(u"="))
            v.defaultValue = parseValue(true);
        v.directives = parseDirectives(true);
        return v;
    }

    Lexer m_lexer;
    Token m_token;
    qsizetype m_lastEnd = 0;
    int m_depth = 0;
};

} // namespace

Document parseDocument(QStringView source)
{
    Document doc;
    try {
        Parser parser(source);
        parser.parse(doc);
    } catch (const ParseFailure &failure) {
        doc.error = failure.error;
    }
    return doc;
}

QString printValue(const Value &value)
{
    switch (value.kind) {
    case Value::Kind::Variable:
        return QLatin1Char('$') + value.text;
    case Value::Kind::String:
        return value.block ? printBlockString(value.text) : printString(value.text);
    case Value::Kind::List: {
        QStringList items;
        for (const Value &item : value.items)
            items.append(printValue(item));
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case Value::Kind::Object: {
        QStringList fields;
        for (qsizetype i = 0; i < value.items.size(); ++i)
            fields.append(value.keys.value(i) + QLatin1String(": ")
                          + printValue(value.items.at(i)));
        return QLatin1Char('{') + fields.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    default:
        return value.text;
    }
}

} // namespace Patchbay::Core::GraphQl
