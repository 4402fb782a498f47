#include "core/graphql/graphqldocument.h"

#include <QTest>

using namespace Patchbay::Core::GraphQl;

// The GraphQL lexer and parser (core/graphql/graphqldocument.h).
class TestGraphQlParser final : public QObject
{
    Q_OBJECT

private slots:
    void operationsAndFragments()
    {
        const QString source = QStringLiteral(
            "# a comment\n"
            "query Hero($ep: Episode = JEDI, $n: [Int!]! @d) @cached {\n"
            "  hero(episode: $ep) { name, alias: id ...F ... on Droid { primaryFunction } }\n"
            "}\n"
            "mutation { add(input: {a: [1, 2.5e3, \"s\", null, true], b: \"\"\"x\"\"\"}) }\n"
            "fragment F on Character @include(if: true) { name }\n"
            "{ shorthand }\n");
        const Document doc = parseDocument(source);
        QVERIFY2(!doc.error, doc.error ? qPrintable(doc.error->message) : "");
        QCOMPARE(doc.operations.size(), 3);
        const OperationDefinition &hero = doc.operations.at(0);
        QCOMPARE(hero.operation, QStringLiteral("query"));
        QCOMPARE(hero.name, QStringLiteral("Hero"));
        QCOMPARE(hero.variables.size(), 2);
        QCOMPARE(hero.variables.at(1).type.text, QStringLiteral("[Int!]!"));
        QCOMPARE(hero.variables.at(1).type.named, QStringLiteral("Int"));
        QCOMPARE(printValue(*hero.variables.at(0).defaultValue), QStringLiteral("JEDI"));
        QCOMPARE(hero.directives.first().name, QStringLiteral("cached"));
        const Selection &field = hero.selections.first();
        QCOMPARE(field.name, QStringLiteral("hero"));
        QCOMPARE(field.position.line, 2);
        QCOMPARE(field.position.column, 2);
        QCOMPARE(field.selections.size(), 4);
        QCOMPARE(field.selections.at(1).alias, QStringLiteral("alias"));
        QCOMPARE(field.selections.at(1).name, QStringLiteral("id"));
        QCOMPARE(field.selections.at(2).kind, Selection::Kind::FragmentSpread);
        QCOMPARE(field.selections.at(3).kind, Selection::Kind::InlineFragment);
        QCOMPARE(field.selections.at(3).typeCondition, QStringLiteral("Droid"));
        const Argument &input = doc.operations.at(1).selections.first().arguments.first();
        QCOMPARE(printValue(input.value),
                 QStringLiteral("{a: [1, 2.5e3, \"s\", null, true], b: \"\"\"x\"\"\"}"));
        QCOMPARE(doc.operations.at(2).name, QString());
        QCOMPARE(doc.fragments.size(), 1);
        QCOMPARE(doc.fragments.first().typeCondition, QStringLiteral("Character"));
    }

    void typeSystem()
    {
        const Document doc = parseDocument(QStringLiteral(
            "\"\"\"\n  Block\n    indented\n\"\"\"\n"
            "type A implements B & C @key(fields: \"id\") { f(x: Int = 1 @d): [A!] @deprecated }\n"
            "extend type A { g: Int }\n"
            "union U = | A | B\n"
            "enum E { X Y }\n"
            "input I { a: Int = 3 }\n"
            "scalar S\n"
            "directive @d(a: Int) repeatable on FIELD | ARGUMENT_DEFINITION\n"
            "schema { query: A }\n"));
        QVERIFY2(!doc.error, doc.error ? qPrintable(doc.error->message) : "");
        QCOMPARE(doc.types.size(), 6);
        QCOMPARE(doc.types.at(0).description, QStringLiteral("Block\n  indented"));
        QCOMPARE(doc.types.at(0).interfaces,
                 QStringList({QStringLiteral("B"), QStringLiteral("C")}));
        QCOMPARE(doc.types.at(0).fields.first().type.text, QStringLiteral("[A!]"));
        QVERIFY(doc.types.at(1).extension);
        QCOMPARE(doc.types.at(2).members, QStringList({QStringLiteral("A"), QStringLiteral("B")}));
        QCOMPARE(doc.directives.first().locations.size(), 2);
        QVERIFY(doc.directives.first().repeatable);
        QCOMPARE(doc.schemas.first().operationTypes.first().second, QStringLiteral("A"));
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed") << QStringLiteral("query {\n  a\n") << 2 << 0
                                  << QStringLiteral(
                                         "Expected a name, found the end of the document.");
        QTest::newRow("empty selection")
            << QStringLiteral("{ }") << 0 << 2 << QStringLiteral("Expected a name, found \"}\".");
        QTest::newRow("bad character")
            << QStringLiteral("{ a ? }") << 0 << 4 << QStringLiteral("Unexpected character \"?\".");
        QTest::newRow("unterminated string") << QStringLiteral("{ a(x: \"abc) }") << 0 << 7
                                             << QStringLiteral("Unterminated string.");
        QTest::newRow("leading zero")
            << QStringLiteral("{ a(x: 012) }") << 0 << 7
            << QStringLiteral("Invalid number: unexpected digit after 0.");
        QTest::newRow("variable in const")
            << QStringLiteral("query($a: Int = $b) { a }") << 0 << 16
            << QStringLiteral("Unexpected variable in a constant value.");
        QTest::newRow("fragment named on") << QStringLiteral("fragment on on T { a }") << 0 << 9
                                           << QStringLiteral("A fragment cannot be named \"on\".");
        QTest::newRow("empty") << QStringLiteral("  # nothing\n") << 1 << 0
                               << QStringLiteral("The document is empty.");
    }

    void syntaxErrors()
    {
        QFETCH(QString, source);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const Document doc = parseDocument(source);
        QVERIFY(doc.error);
        QCOMPARE(doc.error->message, message);
        QCOMPARE(doc.error->position.line, line);
        QCOMPARE(doc.error->position.column, column);
    }

    // Hostile nesting is an error, not a stack overflow.
    void depthIsBounded()
    {
        const QString deep = QStringLiteral("{ a ") + QStringLiteral("{ a ").repeated(5000)
            + QStringLiteral("}").repeated(5001);
        const Document doc = parseDocument(deep);
        QVERIFY(doc.error);
        QVERIFY(doc.error->message.startsWith(QLatin1String("Nesting is deeper")));
        const QString list = QStringLiteral("{ a(x: ") + QStringLiteral("[").repeated(100000)
            + QStringLiteral(") }");
        QVERIFY(parseDocument(list).error);
        const QString type = QStringLiteral("query($a: ") + QStringLiteral("[").repeated(100000);
        QVERIFY(parseDocument(type).error);
    }

    void strings_data()
    {
        QTest::addColumn<QString>("literal");
        QTest::addColumn<QString>("value");
        QTest::newRow("escapes") << QStringLiteral("\"a\\n\\t\\\"\\\\\\/\\u00e9\"")
                                 << QStringLiteral("a\n\t\"\\/\u00e9");
        QTest::newRow("braced unicode")
            << QStringLiteral("\"\\u{1F600}\"") << QString::fromUtf8("\xF0\x9F\x98\x80");
        QTest::newRow("block dedent")
            << QStringLiteral("\"\"\"\n    a\n      b\n\n\"\"\"") << QStringLiteral("a\n  b");
        QTest::newRow("block escaped quotes")
            << QStringLiteral("\"\"\"x \\\"\"\" y\"\"\"") << QStringLiteral("x \"\"\" y");
    }

    void strings()
    {
        QFETCH(QString, literal);
        QFETCH(QString, value);
        const Document doc = parseDocument(QStringLiteral("{ a(x: %1) }").arg(literal));
        QVERIFY2(!doc.error, doc.error ? qPrintable(doc.error->message) : "");
        QCOMPARE(doc.operations.first().selections.first().arguments.first().value.text, value);
    }

    void printing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("block");
        QTest::addColumn<QString>("plain");
        QTest::newRow("short") << QStringLiteral("Hi") << QStringLiteral("\"\"\"Hi\"\"\"")
                               << QStringLiteral("\"Hi\"");
        QTest::newRow("lines") << QStringLiteral("a\nb") << QStringLiteral("\"\"\"\na\nb\n\"\"\"")
                               << QStringLiteral("\"a\\nb\"");
        QTest::newRow("trailing quote")
            << QStringLiteral("say \"x\"") << QStringLiteral("\"\"\"\nsay \"x\"\n\"\"\"")
            << QStringLiteral("\"say \\\"x\\\"\"");
        QTest::newRow("control") << QStringLiteral("a\u0001") << QString()
                                 << QStringLiteral("\"a\\u0001\"");
    }

    void printing()
    {
        QFETCH(QString, text);
        QFETCH(QString, block);
        QFETCH(QString, plain);
        QCOMPARE(printString(text), plain);
        QCOMPARE(isPrintableAsBlockString(text), !block.isEmpty());
        if (!block.isEmpty())
            QCOMPARE(printBlockString(text), block);
    }
};

QTEST_GUILESS_MAIN(TestGraphQlParser)
#include "tst_graphqlparser.moc"
