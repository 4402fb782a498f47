#include "core/openapi/openapiimport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

QString dataPath(const QString &relative)
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/tests/core/openapi/data/")
        + relative;
}

// The operation count from a small Python program that reads the file with PyYAML.
int independentCount(const QString &path)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                      + QStringLiteral("/tests/core/openapi/count_operations.py"),
                  path});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return -1;
    return python.readAllStandardOutput().trimmed().toInt();
}

int countRequests(const ImportedFolder &folder)
{
    int n = int(folder.requests.size());
    for (const ImportedFolder &sub : folder.folders)
        n += countRequests(sub);
    return n;
}

const ImportedFolder *findFolder(const ImportedCollection &c, const QString &name)
{
    for (const ImportedFolder &f : c.root.folders)
        if (f.info.name == name)
            return &f;
    return nullptr;
}

const SavedRequest *findRequest(const ImportedFolder &folder, const QString &name)
{
    for (const SavedRequest &r : folder.requests)
        if (r.name == name)
            return &r;
    for (const ImportedFolder &sub : folder.folders)
        if (const SavedRequest *r = findRequest(sub, name))
            return r;
    return nullptr;
}

const KeyValue *findRow(const KeyValueList &rows, const QString &name)
{
    for (const KeyValue &row : rows)
        if (row.name == name)
            return &row;
    return nullptr;
}

OpenApiImport importOk(const QString &relative)
{
    Result<OpenApiImport> result = importOpenApiFile(dataPath(relative));
    if (!result.ok())
        qWarning() << result.error().message;
    return result.ok() ? result.value() : OpenApiImport {};
}

} // namespace

class TestOpenApiImport final : public QObject
{
    Q_OBJECT

private slots:
    void operationCounts_data();
    void operationCounts();
    void petstoreV3();
    void swaggerFormData();
    void multiFileRefs();
    void circularRefs();
    void openApi31TypeArrays();
    void callbacksAndWebhooks();
    void securitySchemes();
    void badPartsAreReported();
    void notADescription();
};

void TestOpenApiImport::operationCounts_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files {
        QStringLiteral("oai/v2.0/json/petstore.json"),
        QStringLiteral("oai/v2.0/json/uber.json"),
        QStringLiteral("oai/v2.0/yaml/petstore-expanded.yaml"),
        QStringLiteral("oai/v2.0/yaml/petstore-separate/spec/swagger.yaml"),
        QStringLiteral("oai/v3.0/api-with-examples.yaml"),
        QStringLiteral("oai/v3.0/callback-example.yaml"),
        QStringLiteral("oai/v3.0/link-example.yaml"),
        QStringLiteral("oai/v3.0/petstore-expanded.yaml"),
        QStringLiteral("oai/v3.0/petstore.yaml"),
        QStringLiteral("oai/v3.0/petstore.json"),
        QStringLiteral("oai/v3.0/uspto.yaml"),
        QStringLiteral("oai/v3.1/non-oauth-scopes.yaml"),
        QStringLiteral("oai/v3.1/webhook-example.yaml"),
        QStringLiteral("swagger-petstore/openapi.yaml"),
        QStringLiteral("swagger-parser/petstore-v2.yaml"),
        QStringLiteral("swagger-parser/codat-lending.yaml"),
        QStringLiteral("scalar-galaxy/3.1.yaml"),
    };
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void TestOpenApiImport::operationCounts()
{
    QFETCH(QString, file);
    const int expected = independentCount(dataPath(file));
    QVERIFY2(expected > 0, "count_operations.py failed");
    Result<OpenApiImport> result = importOpenApiFile(dataPath(file));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(int(result->operations.size()), expected);
    QCOMPARE(countRequests(result->collection.root), expected);
    // Nothing the description refers to went missing.
    for (const QString &skipped : result->collection.report.skipped)
        QVERIFY2(!skipped.contains(QLatin1String("$ref")), qPrintable(skipped));
}

void TestOpenApiImport::petstoreV3()
{
    const OpenApiImport imported = importOk(QStringLiteral("swagger-petstore/openapi.yaml"));
    const ImportedCollection &c = imported.collection;
    QCOMPARE(c.info.name, QStringLiteral("Swagger Petstore - OpenAPI 3.0"));
    QStringList folders;
    for (const ImportedFolder &f : c.root.folders)
        folders << f.info.name;
    QCOMPARE(
        folders,
        (QStringList {QStringLiteral("pet"), QStringLiteral("store"), QStringLiteral("user")}));
    QCOMPARE(c.root.folders[0].info.description, QStringLiteral("Everything about your Pets"));
    QCOMPARE(c.environments.size(), 1);
    QCOMPARE(c.environments[0].variables[0].name, QStringLiteral("baseUrl"));
    QCOMPARE(c.environments[0].variables[0].value,
             QStringLiteral("https://petstore3.swagger.io/api/v3"));

    const SavedRequest *byStatus = findRequest(c.root, QStringLiteral("Finds Pets by status."));
    QVERIFY(byStatus);
    QCOMPARE(byStatus->request.method, QStringLiteral("GET"));
    QCOMPARE(byStatus->request.url, QStringLiteral("{{baseUrl}}/pet/findByStatus"));
    const KeyValue *status = findRow(byStatus->request.params, QStringLiteral("status"));
    QVERIFY(status);
    QCOMPARE(status->value, QStringLiteral("available")); // the schema's default
    QVERIFY(!status->enabled); // optional: present, switched off

    const SavedRequest *update = findRequest(c.root, QStringLiteral("Update an existing pet."));
    QVERIFY(update);
    QCOMPARE(update->request.method, QStringLiteral("PUT"));
    QCOMPARE(update->request.body.mode, BodyMode::Json);
    QVERIFY(update->request.body.text.contains(QLatin1String("\"name\": \"doggie\"")));
    QVERIFY(update->request.body.text.contains(QLatin1String("\"photoUrls\"")));
    // The other types the operation accepts are there, switched off.
    int contentTypes = 0;
    for (const KeyValue &h : update->request.headers)
        if (h.name == QLatin1String("Content-Type")) {
            ++contentTypes;
            QVERIFY(!h.enabled);
        }
    QCOMPARE(contentTypes, 2); // application/xml, application/x-www-form-urlencoded

    const SavedRequest *getById = findRequest(c.root, QStringLiteral("Find pet by ID."));
    QVERIFY(getById);
    QCOMPARE(getById->request.url, QStringLiteral("{{baseUrl}}/pet/{{petId}}"));
    bool hasPetId = false;
    for (const Variable &v : c.info.variables)
        hasPetId = hasPetId || v.name == QLatin1String("petId");
    QVERIFY(hasPetId);
    QVERIFY(!getById->description.isEmpty());
}

void TestOpenApiImport::swaggerFormData()
{
    const OpenApiImport imported = importOk(QStringLiteral("swagger-parser/petstore-v2.yaml"));
    const ImportedCollection &c = imported.collection;
    QCOMPARE(c.environments.size(), 1); // schemes: [http], host, basePath
    QCOMPARE(c.environments[0].variables[0].value, QStringLiteral("http://petstore.swagger.io/v2"));
    const SavedRequest *form
        = findRequest(c.root, QStringLiteral("Updates a pet in the store with form data"));
    QVERIFY(form);
    QCOMPARE(form->request.body.mode, BodyMode::FormUrlEncoded);
    QCOMPARE(form->request.body.formFields.size(), 2);
    QCOMPARE(form->request.body.formFields[0].name, QStringLiteral("name"));
    QVERIFY(!form->request.body.formFields[0].enabled); // optional
    const SavedRequest *upload = findRequest(c.root, QStringLiteral("uploads an image"));
    QVERIFY(upload);
    QCOMPARE(upload->request.body.mode, BodyMode::Multipart);
    bool fileField = false;
    for (const MultipartField &f : upload->request.body.multipartFields)
        fileField = fileField || (f.name == QLatin1String("file") && f.isFile);
    QVERIFY(fileField);
    // The api_key header scheme becomes API key auth.
    const SavedRequest *byId = findRequest(c.root, QStringLiteral("Find pet by ID"));
    QVERIFY(byId);
    QCOMPARE(byId->request.auth.mode, AuthMode::ApiKey);
    QCOMPARE(byId->request.auth.keyName, QStringLiteral("api_key"));
}

void TestOpenApiImport::multiFileRefs()
{
    const OpenApiImport imported
        = importOk(QStringLiteral("oai/v2.0/yaml/petstore-separate/spec/swagger.yaml"));
    const ImportedCollection &c = imported.collection;
    QVERIFY2(c.report.skipped.isEmpty(), qPrintable(c.report.skipped.join(u'\n')));
    const SavedRequest *create = nullptr;
    for (const SpecOperation &op : imported.operations)
        if (op.key == QLatin1String("addPet"))
            create = findRequest(c.root, op.requestName);
    QVERIFY(create);
    // NewPet.yaml (another file) says: name (required) and tag.
    QVERIFY2(create->request.body.text.contains(QLatin1String("\"name\"")),
             qPrintable(create->request.body.text));
    QVERIFY(create->request.body.text.contains(QLatin1String("\"tag\"")));
    // parameters.yaml's "tags" and "limit" query parameters.
    const SavedRequest *find = nullptr;
    for (const SpecOperation &op : imported.operations)
        if (op.key == QLatin1String("findPets"))
            find = findRequest(c.root, op.requestName);
    QVERIFY(find);
    QVERIFY(findRow(find->request.params, QStringLiteral("limit")));
    QVERIFY(findRow(find->request.params, QStringLiteral("tags")));
}

void TestOpenApiImport::circularRefs()
{
    QElapsedTimer timer;
    timer.start();
    const OpenApiImport imported = importOk(QStringLiteral("swagger-parser/codat-lending.yaml"));
    QVERIFY(imported.operations.size() > 100);
    QVERIFY(timer.elapsed() < 60000);
    // Every JSON body is finite, valid JSON.
    std::function<void(const ImportedFolder &)> check = [&](const ImportedFolder &folder) {
        for (const SavedRequest &r : folder.requests)
            if (r.request.body.mode == BodyMode::Json)
                QVERIFY(r.request.body.text.size() < 1024 * 1024);
        for (const ImportedFolder &sub : folder.folders)
            check(sub);
    };
    check(imported.collection.root);
}

void TestOpenApiImport::openApi31TypeArrays()
{
    const OpenApiImport imported = importOk(QStringLiteral("scalar-galaxy/3.1.yaml"));
    const ImportedCollection &c = imported.collection;
    const SavedRequest *update = findRequest(c.root, QStringLiteral("Update a planet"));
    QVERIFY(update);
    const QString body = update->request.body.text;
    // `type: [string, 'null']` gives its example; readOnly id and lastUpdated are left out of a
    // PUT.
    QVERIFY2(body.contains(QLatin1String("\"description\": \"The red planet\"")), qPrintable(body));
    QVERIFY(body.contains(QLatin1String("\"name\": \"Mars\"")));
    QVERIFY(!body.contains(QLatin1String("\"id\"")));
    QVERIFY(!body.contains(QLatin1String("\"lastUpdated\"")));
    QCOMPARE(update->request.url, QStringLiteral("{{baseUrl}}/planets/{{planetId}}"));
    // Server variables become variables of the environment.
    QCOMPARE(c.environments.size(), 2);
    QCOMPARE(c.environments[1].variables[0].value,
             QStringLiteral("{{protocol}}://void.scalar.com/{{path}}"));
    QCOMPARE(c.environments[1].variables[1].name, QStringLiteral("protocol"));
    QCOMPARE(c.environments[1].variables[1].value, QStringLiteral("https"));
}

void TestOpenApiImport::callbacksAndWebhooks()
{
    const OpenApiImport galaxy = importOk(QStringLiteral("scalar-galaxy/3.1.yaml"));
    const ImportedFolder *webhooks = findFolder(galaxy.collection, QStringLiteral("Webhooks"));
    QVERIFY(webhooks);
    QCOMPARE(webhooks->requests.size(), 1);
    QCOMPARE(webhooks->requests[0].request.url, QStringLiteral("{{webhookUrl}}"));
    const ImportedFolder *callbacks = findFolder(galaxy.collection, QStringLiteral("Callbacks"));
    QVERIFY(callbacks);
    QCOMPARE(callbacks->requests.size(), 1);
    QCOMPARE(callbacks->requests[0].request.url, QStringLiteral("{{callbackUrl}}"));
    QVERIFY(callbacks->requests[0].request.body.text.contains(QLatin1String("\"name\"")));

    const OpenApiImport oai = importOk(QStringLiteral("oai/v3.0/callback-example.yaml"));
    const ImportedFolder *oaiCallbacks = findFolder(oai.collection, QStringLiteral("Callbacks"));
    QVERIFY(oaiCallbacks);
    QCOMPARE(oaiCallbacks->requests.size(), 1);
    QVERIFY(oaiCallbacks->requests[0].request.url.contains(QLatin1String("{{callbackUrl}}")));
}

void TestOpenApiImport::securitySchemes()
{
    const OpenApiImport galaxy = importOk(QStringLiteral("scalar-galaxy/3.1.yaml"));
    const ImportedCollection &c = galaxy.collection;
    QCOMPARE(c.info.auth.mode, AuthMode::Bearer);
    QCOMPARE(c.info.auth.token, QStringLiteral("{{token}}"));
    const SavedRequest *me = findRequest(c.root, QStringLiteral("Get authenticated user"));
    QVERIFY(me);
    QCOMPARE(me->request.auth.mode, AuthMode::Basic); // the first alternative /me lists
    // OAuth 2.0 and OpenID Connect become OAuth 2.0 settings now that Patchbay has them (they
    // were reported as lost); a cookie API key still is.
    const QString lossy = c.report.lossy.join(u'\n');
    QVERIFY2(!lossy.contains(QLatin1String("oAuth2")), qPrintable(lossy));
    QVERIFY2(!lossy.contains(QLatin1String("openIdConnect")), qPrintable(lossy));
    QVERIFY(lossy.contains(QLatin1String("apiKeyCookie")));
    // One operation per scheme: OAuth 2.0 takes the first flow Patchbay prefers (authorization
    // code, with PKCE) with its endpoints and scopes; OpenID Connect its discovery URL; HTTP
    // digest becomes Digest.
    QTemporaryDir dir;
    const QString specPath = dir.filePath(QStringLiteral("schemes.yaml"));
    QFile spec(specPath);
    QVERIFY(spec.open(QIODevice::WriteOnly));
    spec.write("openapi: 3.0.3\n"
               "info: {title: Schemes, version: '1'}\n"
               "servers: [{url: 'https://api.test'}]\n"
               "paths:\n"
               "  /code: {get: {operationId: code, security: [{oauth: [read]}],"
               " responses: {'200': {description: ok}}}}\n"
               "  /oidc: {get: {operationId: oidc, security: [{oidc: []}],"
               " responses: {'200': {description: ok}}}}\n"
               "  /digest: {get: {operationId: digest, security: [{digest: []}],"
               " responses: {'200': {description: ok}}}}\n"
               "components:\n"
               "  securitySchemes:\n"
               "    oauth:\n"
               "      type: oauth2\n"
               "      flows:\n"
               "        clientCredentials: {tokenUrl: 'https://id.test/token', scopes: {read: r}}\n"
               "        authorizationCode:\n"
               "          authorizationUrl: 'https://id.test/authorize'\n"
               "          tokenUrl: 'https://id.test/token'\n"
               "          scopes: {read: r, write: w}\n"
               "    oidc: {type: openIdConnect,"
               " openIdConnectUrl: 'https://id.test/.well-known/openid-configuration'}\n"
               "    digest: {type: http, scheme: digest}\n");
    spec.close();
    Result<OpenApiImport> schemes = importOpenApiFile(specPath);
    QVERIFY(schemes.ok());
    QVERIFY2(schemes->collection.report.lossy.isEmpty(),
             qPrintable(schemes->collection.report.lossy.join(u'\n')));
    const SavedRequest *code = findRequest(schemes->collection.root, QStringLiteral("code"));
    QVERIFY(code);
    const OAuth2Config &o = code->request.auth.oauth2;
    QCOMPARE(code->request.auth.mode, AuthMode::OAuth2);
    QCOMPARE(o.grant, OAuth2Grant::AuthorizationCode);
    QCOMPARE(o.pkce, PkceMethod::S256);
    QCOMPARE(o.authUrl, QStringLiteral("https://id.test/authorize"));
    QCOMPARE(o.tokenUrl, QStringLiteral("https://id.test/token"));
    QCOMPARE(o.scope, QStringLiteral("read")); // what the operation needs, not all offered
    QCOMPARE(o.clientId, QStringLiteral("{{clientId}}"));
    QCOMPARE(o.clientSecret, QStringLiteral("{{clientSecret}}"));
    const SavedRequest *oidc = findRequest(schemes->collection.root, QStringLiteral("oidc"));
    QVERIFY(oidc);
    QCOMPARE(oidc->request.auth.mode, AuthMode::OAuth2);
    QCOMPARE(oidc->request.auth.oauth2.discoveryUrl,
             QStringLiteral("https://id.test/.well-known/openid-configuration"));
    const SavedRequest *digest = findRequest(schemes->collection.root, QStringLiteral("digest"));
    QVERIFY(digest);
    QCOMPARE(digest->request.auth.mode, AuthMode::Digest);
    QCOMPARE(digest->request.auth.digest.password, QStringLiteral("{{password}}"));

    // Swagger 2.0: one `flow`; "implicit" is kept and shown as legacy.
    const OpenApiImport swagger = importOk(QStringLiteral("swagger-parser/petstore-v2.yaml"));
    const SavedRequest *addPet
        = findRequest(swagger.collection.root, QStringLiteral("Add a new pet to the store"));
    QVERIFY(addPet);
    QCOMPARE(addPet->request.auth.mode, AuthMode::OAuth2);
    QCOMPARE(addPet->request.auth.oauth2.grant, OAuth2Grant::Implicit);
    QCOMPARE(addPet->request.auth.oauth2.authUrl,
             QStringLiteral("http://petstore.swagger.io/oauth/dialog"));
    QCOMPARE(addPet->request.auth.oauth2.scope, QStringLiteral("write:pets read:pets"));

    // Scopes of a description-wide requirement go on the collection. An operation whose
    // scopes the collection's token has inherits it; one that needs more gets its own.
    QVERIFY(spec.open(QIODevice::WriteOnly | QIODevice::Truncate));
    spec.write("openapi: 3.0.3\n"
               "info: {title: Scopes, version: '1'}\n"
               "security: [{oauth: [read, list]}]\n"
               "paths:\n"
               "  /a: {get: {operationId: reads, security: [{oauth: [read]}],"
               " responses: {'200': {description: ok}}}}\n"
               "  /b: {get: {operationId: inherits, responses: {'200': {description: ok}}}}\n"
               "  /c: {post: {operationId: writes, security: [{oauth: [read, write]}],"
               " responses: {'200': {description: ok}}}}\n"
               "components:\n"
               "  securitySchemes:\n"
               "    oauth:\n"
               "      type: oauth2\n"
               "      flows:\n"
               "        clientCredentials: {tokenUrl: 'https://id.test/token',"
               " scopes: {read: r, list: l, write: w, admin: a}}\n");
    spec.close();
    Result<OpenApiImport> scoped = importOpenApiFile(specPath);
    QVERIFY(scoped.ok());
    QCOMPARE(scoped->collection.info.auth.mode, AuthMode::OAuth2);
    QCOMPARE(scoped->collection.info.auth.oauth2.scope, QStringLiteral("read list"));
    for (const char *name : {"reads", "inherits"}) {
        const SavedRequest *r = findRequest(scoped->collection.root, QLatin1String(name));
        QVERIFY(r);
        QCOMPARE(r->request.auth.mode, AuthMode::Inherit);
    }
    const SavedRequest *writes = findRequest(scoped->collection.root, QStringLiteral("writes"));
    QVERIFY(writes);
    QCOMPARE(writes->request.auth.mode, AuthMode::OAuth2);
    QCOMPARE(writes->request.auth.oauth2.scope, QStringLiteral("read write"));

    const OpenApiImport nonOauth = importOk(QStringLiteral("oai/v3.1/non-oauth-scopes.yaml"));
    // No top-level security: the collection sets no auth of its own (Inherit from nothing).
    QCOMPARE(nonOauth.collection.info.auth.mode, AuthMode::Inherit);
    QCOMPARE(nonOauth.collection.root.requests.size() + nonOauth.collection.root.folders.size(), 1);
    const SavedRequest *users = findRequest(nonOauth.collection.root, QStringLiteral("GET /users"));
    QVERIFY(users);
    QCOMPARE(users->request.auth.mode, AuthMode::Bearer); // the operation's own security
}

void TestOpenApiImport::badPartsAreReported()
{
    const QByteArray spec = R"({
  "openapi": "3.0.3",
  "info": {"title": "Broken", "version": "1"},
  "paths": {
    "/ok": {"get": {"summary": "Fine", "responses": {"200": {"description": "ok"}}}},
    "/bad": {"get": "not an operation"},
    "/refs": {"post": {"summary": "Dangling",
      "parameters": [{"$ref": "#/components/parameters/Nope"}],
      "requestBody": {"$ref": "missing.yaml#/Body"}, "responses": {}}},
    "nopath": {}
  }
})";
    Result<OpenApiImport> result = importOpenApiBytes(spec, QStringLiteral("/tmp/broken.json"));
    QVERIFY(result.ok());
    QCOMPARE(result->operations.size(), 2);
    const QString skipped = result->collection.report.skipped.join(u'\n');
    QVERIFY2(skipped.contains(QLatin1String("GET /bad")), qPrintable(skipped));
    QVERIFY(skipped.contains(QLatin1String("#/components/parameters/Nope")));
    QVERIFY(skipped.contains(QLatin1String("missing.yaml")));
    QVERIFY(skipped.contains(QLatin1String("nopath")));
}

void TestOpenApiImport::notADescription()
{
    Result<OpenApiImport> result
        = importOpenApiBytes(QByteArrayLiteral("{\"info\": {}}"), QStringLiteral("x.json"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("openapi-unknown-version"));
    Result<OpenApiImport> yaml = importOpenApiBytes(QByteArrayLiteral("openapi: 3.0.0\npaths: [\n"),
                                                    QStringLiteral("x.yaml"));
    QVERIFY(!yaml.ok());
    QCOMPARE(yaml.error().code, QStringLiteral("spec-syntax"));
    QVERIFY(yaml.error().message.contains(QLatin1String("line")));
    QVERIFY(looksLikeOpenApi("openapi: 3.1.0\ninfo:\n"));
    QVERIFY(looksLikeOpenApi("{\n  \"swagger\": \"2.0\",\n"));
    QVERIFY(!looksLikeOpenApi("{\"info\": {\"schema\": \"collection/v2.1\"}}"));
    // A description embedded in another tool's YAML export (Insomnia keeps API specs in an
    // indented block scalar) is not the file's format.
    QVERIFY(!looksLikeOpenApi("_type: export\nresources:\n  - contents: |-\n      {\n"
                              "        \"openapi\": \"3.0.0\",\n"));
    QVERIFY(!looksLikeOpenApi("_type: export\nresources:\n  - contents: |\n"
                              "      openapi: 3.0.0\n"));
    QVERIFY(looksLikeOpenApi("\xEF\xBB\xBF\"openapi\": \"3.0.3\"\ninfo: {}\n"));
}

QTEST_GUILESS_MAIN(TestOpenApiImport)
#include "tst_openapiimport.moc"
