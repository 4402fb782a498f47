// Export as OpenAPI 3.1: a collection imported from a real description goes out with its
// paths, parameters and bodies, and the export imports back with the same operations; response
// schemas are inferred from example responses.
#include "core/collections/workspace.h"
#include "core/json/jsonparser.h"
#include "core/openapi/openapiexport.h"
#include "core/openapi/specsync.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

class TestOpenApiExport final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void inferredSchemas();
};

void TestOpenApiExport::roundTrip()
{
    QTemporaryDir dir;
    Result<Workspace> workspace = Workspace::open(dir.path());
    QVERIFY(workspace.ok());
    Result<LoadedSpec> spec = loadSpecFile(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                           + QStringLiteral("/tests/core/openapi/data/"
                                                            "swagger-petstore/openapi.yaml"));
    QVERIFY(spec.ok());
    Result<QString> collection = writeSpecCollection(workspace.value(), spec.value());
    QVERIFY(collection.ok());
    const CollectionItem *item = workspace->item(collection.value());
    QVERIFY(item);
    const QByteArray exported = exportOpenApi(*item);
    Result<JsonValue> json = parseJson(exported);
    QVERIFY(json.ok());
    QCOMPARE(json->value(u"openapi").toString(), QStringLiteral("3.1.0"));
    QCOMPARE(json->value(u"servers").at(0).value(u"url").toString(),
             QStringLiteral("https://petstore3.swagger.io/api/v3"));
    const JsonValue &paths = json->value(u"paths");
    QVERIFY(paths.contains(u"/pet/{petId}"));
    QVERIFY(paths.value(u"/pet/{petId}").contains(u"get"));
    QCOMPARE(paths.value(u"/pet/{petId}")
                 .value(u"get")
                 .value(u"parameters")
                 .at(0)
                 .value(u"in")
                 .toString(),
             QStringLiteral("path"));
    const JsonValue put = paths.value(u"/pet").value(u"put");
    QCOMPARE(put.value(u"requestBody")
                 .value(u"content")
                 .value(u"application/json")
                 .value(u"schema")
                 .value(u"properties")
                 .value(u"name")
                 .value(u"type")
                 .toString(),
             QStringLiteral("string"));

    // The export is itself a description Patchbay imports, with the same operations.
    Result<OpenApiImport> again
        = importOpenApiBytes(exported, dir.filePath(QStringLiteral("x.json")));
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(again->operations.size(), spec->imported.operations.size());
}

void TestOpenApiExport::inferredSchemas()
{
    const JsonValue schema = inferSchema(parseJson(R"({"id": 1, "name": "Rex", "tags": ["a"],
                                                       "price": 1.5, "owner": null})")
                                             .value());
    QCOMPARE(schema.value(u"type").toString(), QStringLiteral("object"));
    QCOMPARE(schema.value(u"properties").value(u"id").value(u"type").toString(),
             QStringLiteral("integer"));
    QCOMPARE(schema.value(u"properties").value(u"price").value(u"type").toString(),
             QStringLiteral("number"));
    QCOMPARE(schema.value(u"properties").value(u"tags").value(u"items").value(u"type").toString(),
             QStringLiteral("string"));
    QCOMPARE(schema.value(u"required").size(), 5);

    CollectionItem collection;
    collection.kind = ItemKind::Collection;
    collection.name = QStringLiteral("Pets");
    CollectionItem request;
    request.kind = ItemKind::Request;
    request.path = QStringLiteral("/c/get.yaml");
    request.request.name = QStringLiteral("Get pet");
    request.request.request.url = QStringLiteral("{{baseUrl}}/pets/{{id}}");
    collection.children << request;
    const QList<ExampleResponse> examples {
        {QStringLiteral("/c/get.yaml"), 200, QStringLiteral("application/json"),
         R"({"id": 1, "name": "Rex"})"},
        {QStringLiteral("/c/get.yaml"), 200, QStringLiteral("application/json"),
         R"({"id": 2, "name": "Tom", "tag": "cat"})"}};
    const JsonValue doc = parseJson(exportOpenApi(collection, examples)).value();
    const JsonValue ok = doc.value(u"paths")
                             .value(u"/pets/{id}")
                             .value(u"get")
                             .value(u"responses")
                             .value(u"200")
                             .value(u"content")
                             .value(u"application/json")
                             .value(u"schema");
    QVERIFY(ok.value(u"properties").contains(u"tag"));
    // Only what every example has is required.
    QCOMPARE(ok.value(u"required").size(), 2);

    // A GraphQL request is exported as the POST it sends: a JSON body with its query.
    CollectionItem graphql;
    graphql.kind = ItemKind::Request;
    graphql.path = QStringLiteral("/c/graphql.yaml");
    graphql.request.name = QStringLiteral("Pets by GraphQL");
    graphql.request.request.method = QStringLiteral("POST");
    graphql.request.request.url = QStringLiteral("{{baseUrl}}/graphql");
    graphql.request.request.body.mode = BodyMode::GraphQl;
    graphql.request.request.body.graphql.query = QStringLiteral("query Pets { pets { id } }");
    graphql.request.request.body.graphql.variables = QStringLiteral("{\"first\": 2}");
    collection.children << graphql;
    const JsonValue withGraphQl = parseJson(exportOpenApi(collection, examples)).value();
    const JsonValue media = withGraphQl.value(u"paths")
                                .value(u"/graphql")
                                .value(u"post")
                                .value(u"requestBody")
                                .value(u"content")
                                .value(u"application/json");
    QCOMPARE(media.value(u"example").value(u"query").toString(),
             QStringLiteral("query Pets { pets { id } }"));
    QCOMPARE(media.value(u"example").value(u"variables").value(u"first").toDouble(), 2.0);
    QCOMPARE(media.value(u"schema").value(u"required").size(), 1);
}

QTEST_GUILESS_MAIN(TestOpenApiExport)
#include "tst_openapiexport.moc"
