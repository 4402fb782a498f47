#include "core/graphql/graphqlcompletion.h"
#include "core/graphql/graphqlvalidation.h"
#include "tests/support/testfiles.h"

#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Core::GraphQl;
using namespace Patchbay::Test;

namespace {

const Schema &starWars()
{
    static const Schema schema
        = schemaFromFile(readFile(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                  + QStringLiteral("/tests/core/graphql/data/starwars.graphql")))
              .value();
    return schema;
}

QStringList messages(const QList<Diagnostic> &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append(d.message);
    return out;
}

QStringList labels(const QList<CompletionItem> &items)
{
    QStringList out;
    for (const CompletionItem &i : items)
        out.append(i.label);
    return out;
}

// The completions at "|" in `text`.
QStringList completeAt(const QString &text)
{
    const qsizetype cursor = text.indexOf(u'|');
    QString source = text;
    source.remove(cursor, 1);
    return labels(completions(source, cursor, starWars()));
}

} // namespace

// Validation markers, the operation list and completion (core/graphql).
class TestGraphQlValidation final : public QObject
{
    Q_OBJECT

private slots:
    void diagnostics_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("valid") << QStringLiteral(
            "query Q($id: ID!, $e: Episode) { human(id: $id) { name friends { ...F } } "
            "hero(episode: $e) { __typename ... on Droid { primaryFunction } } }\n"
            "fragment F on Character { name appearsIn }")
                               << QStringList();
        QTest::newRow("blank") << QStringLiteral("  \n") << QStringList();
        QTest::newRow("unknown field")
            << QStringLiteral("{ hero { name nmae } }")
            << QStringList {QStringLiteral("Cannot query field \"nmae\" on type \"Character\".")};
        QTest::newRow("unknown argument")
            << QStringLiteral("{ droid(id: 1, limit: 2) { name } }")
            << QStringList {QStringLiteral("Unknown argument \"limit\" on field \"Root.droid\".")};
        QTest::newRow("missing required argument")
            << QStringLiteral("{ human { name } }")
            << QStringList {QStringLiteral("Field \"human\" argument \"id\" of type \"ID!\" is "
                                           "required, but it was not provided.")};
        QTest::newRow("unknown type")
            << QStringLiteral("query($x: Foo) { hero { ... on Wookie { name } } }")
            << QStringList {QStringLiteral("Unknown type \"Foo\"."),
                            QStringLiteral("Unknown type \"Wookie\".")};
        QTest::newRow("leaf with selection")
            << QStringLiteral("{ hero { name { x } } }")
            << QStringList {QStringLiteral("Field \"name\" must not have a selection since type "
                                           "\"String!\" has no subfields.")};
        QTest::newRow("object without selection")
            << QStringLiteral("{ hero }")
            << QStringList {
                   QStringLiteral("Field \"hero\" of type \"Character\" must have a "
                                  "selection of subfields. Did you mean \"hero { ... }\"?")};
        QTest::newRow("undefined variable")
            << QStringLiteral("query Q { hero(episode: $e) { name } }")
            << QStringList {QStringLiteral("Variable \"$e\" is not defined by operation \"Q\".")};
        QTest::newRow("unknown fragment")
            << QStringLiteral("{ hero { ...Nope } }")
            << QStringList {QStringLiteral("Unknown fragment \"Nope\".")};
        QTest::newRow("deprecated field")
            << QStringLiteral("{ oldHero { name } }")
            << QStringList {QStringLiteral("The field Root.oldHero is deprecated. Use `hero`.")};
        QTest::newRow("syntax error")
            << QStringLiteral("{ hero { name }")
            << QStringList {QStringLiteral("Syntax error: Expected a name, found the end of the "
                                           "document.")};
        QTest::newRow("unknown directive")
            << QStringLiteral("{ hero @nope { name } }")
            << QStringList {QStringLiteral("Unknown directive \"@nope\".")};
    }

    void diagnostics()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QCOMPARE(messages(validateDocument(query, &starWars())), expected);
    }

    void diagnosticPositions()
    {
        const QString query = QStringLiteral("{\n  hero {\n    nmae\n  }\n}");
        const QList<Diagnostic> d = validateDocument(query, &starWars());
        QCOMPARE(d.size(), 1);
        QCOMPARE(d.first().position.line, 2);
        QCOMPARE(d.first().position.column, 4);
        QCOMPARE(d.first().position.offset, query.indexOf(QLatin1String("nmae")));
        QCOMPARE(d.first().length, 4);
    }

    void syntaxOnlyWithoutSchema()
    {
        QCOMPARE(validateDocument(u"{ anything { goes } }", nullptr).size(), 0);
        QCOMPARE(validateDocument(u"{ broken", nullptr).size(), 1);
    }

    void operations()
    {
        const QString source = QStringLiteral(
            "query A { a }\nfragment F on T { x }\nmutation B($x: Int) { b(x: $x) }\n"
            "{ shorthand }\nsubscription { s }\nquery C { unfinished ");
        const QList<OperationInfo> ops = listOperations(source);
        QCOMPARE(ops.size(), 5);
        QCOMPARE(ops.at(0), (OperationInfo {QStringLiteral("query"), QStringLiteral("A")}));
        QCOMPARE(ops.at(1), (OperationInfo {QStringLiteral("mutation"), QStringLiteral("B")}));
        QCOMPARE(ops.at(2), (OperationInfo {QStringLiteral("query"), QString()}));
        QCOMPARE(ops.at(3), (OperationInfo {QStringLiteral("subscription"), QString()}));
        QCOMPARE(ops.at(4).name, QStringLiteral("C"));
    }

    void completion_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("root fields")
            << QStringLiteral("{ h| }")
            << QStringList {QStringLiteral("hero"), QStringLiteral("human")};
        QTest::newRow("nested fields") << QStringLiteral("query { human(id: 1) { name fr| } }")
                                       << QStringList {QStringLiteral("friends")};
        QTest::newRow("after alias") << QStringLiteral("{ h: droid(id: 1) { primary| } }")
                                     << QStringList {QStringLiteral("primaryFunction")};
        QTest::newRow("interface fields")
            << QStringLiteral("{ hero { | } }")
            << QStringList {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("friends"),
                            QStringLiteral("appearsIn"), QStringLiteral("__typename")};
        QTest::newRow("arguments") << QStringLiteral("{ search(|) }")
                                   << QStringList {QStringLiteral("text"), QStringLiteral("limit")};
        QTest::newRow("arguments not repeated") << QStringLiteral("{ search(text: \"x\", |) }")
                                                << QStringList {QStringLiteral("limit")};
        QTest::newRow("enum value") << QStringLiteral("{ hero(episode: E|) { name } }")
                                    << QStringList {QStringLiteral("EMPIRE")};
        QTest::newRow("type condition")
            << QStringLiteral("{ hero { ... on |")
            << QStringList {QStringLiteral("Character"), QStringLiteral("Droid"),
                            QStringLiteral("Human")};
        QTest::newRow("variable type")
            << QStringLiteral("query($e: Epi|") << QStringList {QStringLiteral("Episode")};
        QTest::newRow("mutation root")
            << QStringLiteral("mutation { c| }") << QStringList {QStringLiteral("createReview")};
        QTest::newRow("fragment on") << QStringLiteral("fragment F on Droid { prim| }")
                                     << QStringList {QStringLiteral("primaryFunction")};
        QTest::newRow("inside string") << QStringLiteral("{ search(text: \"he| }") << QStringList();
        QTest::newRow("after closed field")
            << QStringLiteral("{ hero { name } dr| }") << QStringList {QStringLiteral("droid")};
        QTest::newRow("top level")
            << QStringLiteral("que|") << QStringList {QStringLiteral("query")};
        QTest::newRow("deprecated last")
            << QStringLiteral("{ hero { ... on Human { | } } }")
            << QStringList {QStringLiteral("id"),         QStringLiteral("name"),
                            QStringLiteral("friends"),    QStringLiteral("appearsIn"),
                            QStringLiteral("homePlanet"), QStringLiteral("height"),
                            QStringLiteral("born"),       QStringLiteral("__typename"),
                            QStringLiteral("mass")};
    }

    void completion()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(completeAt(text), expected);
    }

    void completionDetails()
    {
        const QString source = QStringLiteral("{ search(te");
        const QList<CompletionItem> items = completions(source, source.size(), starWars());
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().kind, CompletionItem::Kind::Argument);
        QCOMPARE(items.first().detail, QStringLiteral("String!"));
        const CompletionContext ctx = completionContext(source, source.size(), starWars());
        QCOMPARE(ctx.prefix, QStringLiteral("te"));
        QCOMPARE(ctx.prefixStart, source.size() - 2);
    }
};

QTEST_GUILESS_MAIN(TestGraphQlValidation)
#include "tst_graphqlvalidation.moc"
