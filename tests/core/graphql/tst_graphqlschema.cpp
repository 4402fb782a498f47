#include "core/graphql/graphqlschema.h"
#include "tests/support/testfiles.h"

#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Core::GraphQl;
using namespace Patchbay::Test;

namespace {

QString dataFile(const QString &name)
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/tests/core/graphql/data/")
        + name;
}

} // namespace

// Schemas from introspection and SDL, and the SDL printer, checked against graphql-js 16's
// output for the same schema (data/starwars.printed.graphql).
class TestGraphQlSchema final : public QObject
{
    Q_OBJECT

private slots:
    void fromIntrospection()
    {
        const Result<Schema> schema = schemaFromIntrospection(
            readFile(dataFile(QStringLiteral("starwars.introspection.json"))));
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().message));
        QCOMPARE(schema->queryType, QStringLiteral("Root"));
        QCOMPARE(schema->mutationType, QStringLiteral("Mutation"));
        const SchemaType *human = schema->type(u"Human");
        QVERIFY(human);
        QCOMPARE(human->kind, TypeKind::Object);
        QCOMPARE(human->interfaces,
                 QStringList({QStringLiteral("Character"), QStringLiteral("Node")}));
        const SchemaField *mass = human->field(u"mass");
        QVERIFY(mass && mass->isDeprecated);
        QCOMPARE(mass->deprecationReason, QStringLiteral("Weight is private"));
        const SchemaType *root = schema->rootType(u"query");
        QVERIFY(root);
        const SchemaField *search = root->field(u"search");
        QCOMPARE(search->type, QStringLiteral("[SearchResult!]!"));
        QCOMPARE(search->namedType, QStringLiteral("SearchResult"));
        QVERIFY(search->argument(u"text")->isRequired());
        QVERIFY(!search->argument(u"limit")->isRequired());
        QCOMPARE(search->argument(u"limit")->defaultValue, QStringLiteral("20"));
        const SchemaType *character = schema->type(u"Character");
        QVERIFY(character->possibleTypes.contains(QStringLiteral("Droid")));
        QVERIFY(schema->type(u"__Schema")); // introspection types are kept for completion
    }

    // The printer writes what graphql-js's printSchema() writes (types sorted by name), from
    // introspection and from SDL alike.
    void printsLikeGraphQlJs_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("introspection") << QStringLiteral("starwars.introspection.json");
        QTest::newRow("sdl") << QStringLiteral("starwars.graphql");
        QTest::newRow("printed sdl") << QStringLiteral("starwars.printed.graphql");
    }

    void printsLikeGraphQlJs()
    {
        QFETCH(QString, file);
        const Result<Schema> schema = schemaFromFile(readFile(dataFile(file)));
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().message));
        const QString expected
            = QString::fromUtf8(readFile(dataFile(QStringLiteral("starwars.printed.graphql"))));
        QCOMPARE(printSchema(schema.value()), expected);
    }

    void sdlAndIntrospectionAgree()
    {
        const Result<Schema> a
            = schemaFromFile(readFile(dataFile(QStringLiteral("starwars.graphql"))));
        const Result<Schema> b
            = schemaFromFile(readFile(dataFile(QStringLiteral("starwars.printed.graphql"))));
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(printSchema(schemaFromSdl(printSchema(a.value())).value()),
                 printSchema(b.value()));
    }

    void extensionsMerge()
    {
        const Result<Schema> s
            = schemaFromSdl(u"type Query { a: Int }\nextend type Query { b(x: Int!): String }\n"
                            u"interface I { id: ID }\ntype T implements I { id: ID }");
        QVERIFY(s.ok());
        QCOMPARE(s->queryType, QStringLiteral("Query"));
        QCOMPARE(s->type(u"Query")->fields.size(), 2);
        QVERIFY(s->type(u"String")); // built-in scalars are added
        QCOMPARE(s->type(u"I")->possibleTypes, QStringList({QStringLiteral("T")}));
    }

    void problems_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("errors only")
            << QByteArray(R"({"errors":[{"message":"Unauthorized: introspection needs a token"}]})")
            << QStringLiteral("graphql-introspection")
            << QStringLiteral(
                   "The server refused introspection: Unauthorized: introspection needs a token");
        QTest::newRow("not json") << QByteArray("{ not json")
                                  << QStringLiteral("graphql-introspection") << QString();
        QTest::newRow("no schema")
            << QByteArray(R"({"data":{"hello":"x"}})") << QStringLiteral("graphql-introspection")
            << QStringLiteral("The server answered without a schema. Check "
                              "that introspection is enabled on it.");
        QTest::newRow("sdl syntax")
            << QByteArray("type Query {\n  a: \n}") << QStringLiteral("graphql-syntax")
            << QStringLiteral("line 3, column 1: Expected a name, found \"}\".");
        QTest::newRow("queries") << QByteArray("query { a }") << QStringLiteral("graphql-syntax")
                                 << QString();
    }

    void problems()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, message);
        const Result<Schema> s = schemaFromFile(bytes);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, code);
        if (!message.isEmpty())
            QCOMPARE(s.error().message, message);
    }
};

QTEST_GUILESS_MAIN(TestGraphQlSchema)
#include "tst_graphqlschema.moc"
