#include "core/collections/collectionformat.h"
#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"
#include "core/interop/postmanexport.h"
#include "core/interop/postmanimport.h"
#include "core/json/jsonparser.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

QString dataPath(const QString &name)
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/interop/data/postman/") + name;
}

QByteArray readData(const QString &name)
{
    QFile f(dataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s (run through ctest)", qPrintable(f.fileName()));
    return f.readAll();
}

const SavedRequest *findRequest(const ImportedFolder &folder, const QString &name)
{
    for (const SavedRequest &r : folder.requests) {
        if (r.name == name)
            return &r;
    }
    for (const ImportedFolder &f : folder.folders) {
        if (const SavedRequest *r = findRequest(f, name))
            return r;
    }
    return nullptr;
}

bool anyContains(const QStringList &lines, const QString &text)
{
    for (const QString &line : lines) {
        if (line.contains(text))
            return true;
    }
    return false;
}

// Every file under `dir` with a hash of its bytes, to prove nothing existing changed.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            files.insert(path, QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return files;
}

ImportedCollection withoutReport(ImportedCollection c)
{
    c.report = {};
    c.info.id.clear();
    return c;
}

// A collection with `depth` nested folders, the innermost holding one request.
QByteArray nestedCollection(int depth)
{
    QByteArray json = "{\"info\":{\"name\":\"deep\",\"schema\":\"https://schema.getpostman.com/"
                      "json/collection/v2.1.0/collection.json\"},\"item\":[";
    for (int i = 0; i < depth; ++i)
        json += "{\"name\":\"f" + QByteArray::number(i) + "\",\"item\":[";
    json += "{\"name\":\"r\",\"request\":{\"method\":\"GET\",\"url\":\"http://x\"}}";
    for (int i = 0; i < depth; ++i)
        json += "]}";
    json += "]}";
    return json;
}

QByteArray manyRequests(int count)
{
    QByteArray json = "{\"info\":{\"name\":\"many\",\"schema\":\"https://schema.getpostman.com/"
                      "json/collection/v2.1.0/collection.json\"},\"item\":[";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            json += ',';
        json += "{\"name\":\"r" + QByteArray::number(i)
            + "\",\"request\":{\"method\":\"GET\",\"url\":\"http://x/" + QByteArray::number(i)
            + "\"}}";
    }
    json += "]}";
    return json;
}

// Text that is hard to carry through YAML, JSON and JavaScript.
const QString kAwkward = QStringLiteral("say \"hi\" \\ back\\slash\nnext line\ttab é 😀 {{var}} "
                                        "</script> */ // end");

// Every assertion kind with awkward text where the kind has any, then both capture sources.
QList<Assertion> everyAssertion(bool enabled)
{
    QList<Assertion> assertions;
    for (AssertionKind kind : allAssertionKinds()) {
        Assertion a;
        a.kind = kind;
        a.target
            = assertionKindUsesTarget(kind) ? QStringLiteral("/a~1b/0 \"") + kAwkward : QString();
        a.expected = assertionKindUsesExpected(kind) ? kAwkward : QString();
        a.enabled = enabled;
        assertions.append(a);
    }
    // Plain values too, as people write them.
    assertions.append({AssertionKind::StatusEquals, {}, QStringLiteral("200"), enabled});
    assertions.append({AssertionKind::StatusInRange, {}, QStringLiteral("2xx"), enabled});
    assertions.append({AssertionKind::ResponseTimeBelow, {}, QStringLiteral("1500"), enabled});
    return assertions;
}

QList<Capture> everyCapture(bool enabled)
{
    return {{QStringLiteral("token \"") + kAwkward, CaptureSource::JsonPointer,
             QStringLiteral("/json/token~0") + kAwkward, enabled},
            {QStringLiteral("etag"), CaptureSource::Header, QStringLiteral("ETag"), enabled}};
}

// Writes `request` alone into a new collection and exports that collection to Postman.
QByteArray exportRequest(const QString &dir, const SavedRequest &request)
{
    Result<Workspace> ws = Workspace::open(dir);
    if (!ws.ok())
        return {};
    const Result<QString> collection = ws.value().createCollection(QStringLiteral("Checks"));
    if (!collection.ok() || !ws.value().createRequest(collection.value(), request).ok())
        return {};
    Result<Workspace> reloaded = Workspace::open(dir);
    return reloaded.ok() ? exportPostmanCollection(reloaded.value(), collection.value())
                         : QByteArray();
}

// The lines of the first request's test script in a Postman export.
QStringList testScriptLines(const QByteArray &exported)
{
    const Result<JsonValue> root = parseJson(exported);
    QStringList lines;
    if (!root.ok())
        return lines;
    for (const JsonValue &event : root->value(u"item").at(0).value(u"event").array()) {
        if (event.value(u"listen").toString() == QLatin1String("test")) {
            for (const JsonValue &line : event.value(u"script").value(u"exec").array())
                lines << line.toString();
        }
    }
    return lines;
}

} // namespace

// A v2.1 collection with a request's own proxy and certificate. (No raw string literal: moc
// 6.4 loses the test class after one.)
QByteArray networkCollection()
{
    return "{\n"
           "          \"info\": {\"name\": \"Bank\", \"schema\":\n"
           "            "
           "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
           "          \"item\": [\n"
           "            {\"name\": \"Balance\",\n"
           "             \"protocolProfileBehavior\": {\"disableCookies\": true, "
           "\"protocolVersion\": \"http1\"},\n"
           "             \"request\": {\"method\": \"GET\", \"url\": "
           "\"https://bank.test/balance\",\n"
           "               \"proxy\": {\"match\": \"http+https://bank.test/*\", \"host\": "
           "\"proxy.corp\",\n"
           "                         \"port\": 3128, \"tunnel\": true, \"disabled\": false},\n"
           "               \"certificate\": {\"name\": \"bank\", \"matches\": "
           "[\"https://bank.test/*\"],\n"
           "                               \"cert\": {\"src\": \"/home/me/bank.pem\"},\n"
           "                               \"key\": {\"src\": \"/home/me/bank.key\"},\n"
           "                               \"passphrase\": \"kp\"}}},\n"
           "            {\"name\": \"Off\", \"request\": {\"method\": \"GET\", \"url\": "
           "\"https://x.test/\",\n"
           "               \"proxy\": {\"host\": \"proxy.corp\", \"port\": 3128, \"disabled\": "
           "true}}}]}\n";
}

class TestPostmanImport final : public QObject
{
    Q_OBJECT

private slots:
    void importsCollectionInfo()
    {
        const Result<ImportedCollection> r
            = importPostmanCollection(readData(QStringLiteral("full-v21.postman_collection.json")));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        const CollectionInfo &info = r->info;
        QCOMPARE(info.name, QStringLiteral("Shop API"));
        QCOMPARE(info.description, QStringLiteral("Everything about the shop."));
        const VariableList vars = {
            {QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:8080"), true, false},
            {QStringLiteral("userId"), QStringLiteral("7"), true, false},
            {QStringLiteral("unused"), QStringLiteral("x"), false, false},
        };
        QCOMPARE(info.variables, vars);
        QCOMPARE(info.auth.mode, AuthMode::Bearer);
        QCOMPARE(info.auth.token, QStringLiteral("{{collectionToken}}"));
        QCOMPARE(info.testScript, QStringLiteral("pm.test(\"collection\", () => {});"));
        QVERIFY(info.preRequestScript.isEmpty());

        QCOMPARE(r->root.folders.size(), 1);
        QCOMPARE(r->root.requests.size(), 8);
        const ImportedFolder &users = r->root.folders.first();
        QCOMPARE(users.info.name, QStringLiteral("Users"));
        QCOMPARE(users.info.order, 1000);
        QCOMPARE(users.info.description, QStringLiteral("User endpoints"));
        QCOMPARE(users.info.variables,
                 VariableList({{QStringLiteral("role"), QStringLiteral("admin"), true, false}}));
        QCOMPARE(users.info.preRequestScript, QStringLiteral("console.log('folder');"));
        QCOMPARE(users.folders.size(), 1);
        QCOMPARE(users.folders.first().info.name, QStringLiteral("Admin"));
        QCOMPARE(users.folders.first().requests.size(), 1);
        QCOMPARE(r->root.requests.first().order, 2000); // after the folder
    }

    void importsRequest_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("bodyMode");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<int>("authMode");

        QTest::newRow("folder auth, path variable, query")
            << "Get user"
            << "GET"
            // The query stays in the URL as written (issue 16); the row switched off in
            // Postman is taken out of it, as newman would not send it.
            << "{{baseUrl}}/users/{{userId}}?expand=roles" << int(BodyMode::None) << ""
            << int(AuthMode::Inherit); // its folder's bearer
        QTest::newRow("noauth, string url")
            << "Delete user"
            << "DELETE"
            << "{{baseUrl}}/users/42" << int(BodyMode::None) << "" << int(AuthMode::None);
        QTest::newRow("raw json, basic, url with port")
            << "Create order (json)"
            << "POST"
            << "https://shop.example.com:8443/orders" << int(BodyMode::Json) << ""
            << int(AuthMode::Basic);
        QTest::newRow("raw text") << "Text body"
                                  << "PUT"
                                  << "{{baseUrl}}/text" << int(BodyMode::Text) << "text/plain"
                                  << int(AuthMode::Inherit);
        QTest::newRow("raw xml") << "XML body"
                                 << "PUT"
                                 << "{{baseUrl}}/xml" << int(BodyMode::Text) << "application/xml"
                                 << int(AuthMode::Inherit);
        QTest::newRow("urlencoded, apikey header")
            << "Form urlencoded"
            << "POST"
            << "{{baseUrl}}/form" << int(BodyMode::FormUrlEncoded) << "" << int(AuthMode::ApiKey);
        QTest::newRow("formdata, apikey query")
            << "Multipart"
            << "POST"
            << "{{baseUrl}}/upload" << int(BodyMode::Multipart) << "" << int(AuthMode::ApiKey);
        QTest::newRow("file") << "Binary"
                              << "POST"
                              << "{{baseUrl}}/binary" << int(BodyMode::BinaryFile) << ""
                              << int(AuthMode::Inherit);
        QTest::newRow("graphql") << "GraphQL"
                                 << "POST"
                                 << "{{baseUrl}}/graphql" << int(BodyMode::GraphQl) << ""
                                 << int(AuthMode::Inherit);
        QTest::newRow("oauth2") << "OAuth request"
                                << "GET"
                                << "{{baseUrl}}/me" << int(BodyMode::None) << ""
                                << int(AuthMode::OAuth2);
    }

    void importsRequest()
    {
        QFETCH(QString, name);
        const Result<ImportedCollection> r
            = importPostmanCollection(readData(QStringLiteral("full-v21.postman_collection.json")));
        QVERIFY(r.ok());
        const SavedRequest *saved = findRequest(r->root, name);
        QVERIFY(saved);
        QTEST(saved->request.method, "method");
        QTEST(saved->request.url, "url");
        QTEST(int(saved->request.body.mode), "bodyMode");
        QTEST(saved->request.body.contentType, "contentType");
        QTEST(int(saved->request.auth.mode), "authMode");
    }

    void importsRequestDetails()
    {
        const Result<ImportedCollection> r
            = importPostmanCollection(readData(QStringLiteral("full-v21.postman_collection.json")));
        QVERIFY(r.ok());
        const SavedRequest *get = findRequest(r->root, QStringLiteral("Get user"));
        QCOMPARE(get->request.params,
                 KeyValueList({{QStringLiteral("draft"), QStringLiteral("1"), false}}));
        QCOMPARE(get->request.headers,
                 KeyValueList({{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                               {QStringLiteral("X-Debug"), QStringLiteral("1"), false}}));
        // The folder keeps its auth; the request inherits it.
        QCOMPARE(get->request.auth.mode, AuthMode::Inherit);
        QCOMPARE(r->root.folders.first().info.auth.token, QStringLiteral("{{userToken}}"));
        QCOMPARE(get->description, QStringLiteral("Reads one user."));
        QCOMPARE(get->preRequestScript, QStringLiteral("pm.variables.set(\"id\", 1);\n"));
        QCOMPARE(get->testScript,
                 QStringLiteral(
                     "pm.test(\"ok\", function () {\n    pm.response.to.have.status(200);\n});"));

        const SavedRequest *order = findRequest(r->root, QStringLiteral("Create order (json)"));
        QCOMPARE(order->request.body.text, QStringLiteral("{\n  \"item\": 1\n}"));
        QCOMPARE(order->request.auth.username, QStringLiteral("ada"));
        QCOMPARE(order->request.auth.password, QStringLiteral("{{pw}}"));

        const SavedRequest *form = findRequest(r->root, QStringLiteral("Form urlencoded"));
        QCOMPARE(form->request.body.formFields,
                 KeyValueList({{QStringLiteral("a"), QStringLiteral("1"), true},
                               {QStringLiteral("b"), QStringLiteral("2"), false}}));
        QCOMPARE(form->request.auth.keyName, QStringLiteral("X-Api-Key"));
        QCOMPARE(form->request.auth.keyValue, QStringLiteral("{{apiKey}}"));
        QCOMPARE(form->request.auth.keyLocation, ApiKeyLocation::Header);

        const SavedRequest *multi = findRequest(r->root, QStringLiteral("Multipart"));
        const QList<MultipartField> parts = {
            {QStringLiteral("title"), QStringLiteral("Avatar"), false, {}, true},
            {QStringLiteral("file"), QStringLiteral("/tmp/avatar.png"), true,
             QStringLiteral("image/png"), true},
            {QStringLiteral("old"), QStringLiteral("x"), false, {}, false},
        };
        QCOMPARE(multi->request.body.multipartFields, parts);
        QCOMPARE(multi->request.auth.keyLocation, ApiKeyLocation::Query);

        QCOMPARE(findRequest(r->root, QStringLiteral("Binary"))->request.body.filePath,
                 QStringLiteral("/tmp/data.bin"));
        const GraphQlBody &graphql
            = findRequest(r->root, QStringLiteral("GraphQL"))->request.body.graphql;
        QCOMPARE(graphql.query, QStringLiteral("query { me { id } }"));
        QCOMPARE(graphql.variables, QStringLiteral("{\"a\": 1}")); // as written
        QVERIFY(!r->report.lossy.join(u'\n').contains(QLatin1String("GraphQL")));
    }

    void reportsLosses_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("text");
        QTest::newRow("oauth2 saved token") << "lossy"
                                            << "Request \"OAuth request\": the access token saved "
                                               "with the OAuth 2.0 settings was not imported";
        QTest::newRow("script") << "lossy"
                                << "Request \"Users/Get user\": test script kept as text";
        QTest::newRow("path variable") << "lossy"
                                       << "path variable :id replaced";
        QTest::newRow("created") << "created"
                                 << "Request \"Text body\"";
        QTest::newRow("created folder") << "created"
                                        << "Folder \"Users/Admin\"";
    }

    void reportsLosses()
    {
        QFETCH(QString, list);
        QFETCH(QString, text);
        const Result<ImportedCollection> r
            = importPostmanCollection(readData(QStringLiteral("full-v21.postman_collection.json")));
        QVERIFY(r.ok());
        const QStringList &lines
            = list == QLatin1String("lossy") ? r->report.lossy : r->report.created;
        QVERIFY2(anyContains(lines, text), qPrintable(lines.join(u'\n')));
        // Something lossy is never also listed as created as it was.
        QVERIFY(!anyContains(r->report.created, QStringLiteral("OAuth request")));
    }

    // A request's own proxy and client certificate (v2.1 "proxy" and "certificate"), and the
    // cookie and HTTP version switches of protocolProfileBehavior.
    void importsNetworkSettings()
    {
        const QByteArray json = networkCollection();
        const Result<ImportedCollection> r = importPostmanCollection(json);
        QVERIFY(r.ok());
        const RequestSettings &s = r->root.requests.at(0).request.settings;
        QCOMPARE(s.proxy, ProxyOverride::Manual);
        QCOMPARE(s.proxyUrl, QStringLiteral("http://proxy.corp:3128"));
        QCOMPARE(s.clientCertificate, QStringLiteral("/home/me/bank.pem"));
        QCOMPARE(s.clientKey, QStringLiteral("/home/me/bank.key"));
        QCOMPARE(s.clientPassphrase, QStringLiteral("kp"));
        QVERIFY(!s.cookies);
        QVERIFY(s.http1Only);
        const QString lossy = r->report.lossy.join(u'\n');
        QVERIFY2(lossy.contains(QLatin1String("http+https://bank.test/*")), qPrintable(lossy));
        QVERIFY(lossy.contains(QLatin1String("secret variable")));
        QVERIFY(!lossy.contains(QLatin1String("disableCookies")));
        QCOMPARE(r->root.requests.at(1).request.settings.proxy, ProxyOverride::Inherit);
    }

    void importsV20()
    {
        const Result<ImportedCollection> r
            = importPostmanCollection(readData(QStringLiteral("v20.postman_collection.json")));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->info.name, QStringLiteral("Old API"));
        QCOMPARE(r->root.requests.size(), 1);
        const SavedRequest &login = r->root.requests.first();
        QCOMPARE(login.request.url, QStringLiteral("https://old.example.com/login?next=home"));
        QVERIFY(login.request.params.isEmpty());
        QCOMPARE(login.request.body.mode, BodyMode::Json); // from the Content-Type header
        QCOMPARE(login.request.auth.mode, AuthMode::Basic);
        QCOMPARE(login.request.auth.username, QStringLiteral("bob"));
        QCOMPARE(login.request.auth.password, QStringLiteral("{{pw}}"));
        QVERIFY(anyContains(r->report.lossy, QStringLiteral("descriptions of 1 header rows")));
    }

    void importsEnvironmentWithoutSecrets()
    {
        ImportReport report;
        const Result<Environment> env = importPostmanEnvironment(
            readData(QStringLiteral("staging.postman_environment.json")), &report);
        QVERIFY(env.ok());
        QCOMPARE(env->name, QStringLiteral("Staging"));
        const VariableList vars = {
            {QStringLiteral("baseUrl"), QStringLiteral("https://staging.example.com"), true, false},
            {QStringLiteral("password"), QString(), true, true},
            {QStringLiteral("debug"), QStringLiteral("false"), false, false},
        };
        QCOMPARE(env->variables, vars);
        QVERIFY(anyContains(report.lossy,
                            QStringLiteral("secret value not imported; set it in Patchbay")));
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("maxBytes");
        QTest::addColumn<int>("maxItems");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");

        QTest::newRow("bad json") << QByteArray("{\n  \"info\": {,\n}") << 0 << 0 << "json-syntax"
                                  << "line 2, column";
        QTest::newRow("not postman") << QByteArray("{\"a\": 1}") << 0 << 0 << "not-postman"
                                     << "Export it from Postman";
        QTest::newRow("too large") << manyRequests(100) << 1024 << 0 << "import-too-large"
                                   << "limited to";
        QTest::newRow("too many items") << manyRequests(201) << 0 << 200 << "import-too-many-items"
                                        << "more than 200";
        QTest::newRow("deep folders") << nestedCollection(70) << 0 << 0 << "import-too-deep"
                                      << "Folders are nested more than 64 levels";
        QTest::newRow("very deep folders") << nestedCollection(1000) << 0 << 0 << "import-too-deep"
                                           << "nested more than";
        QTest::newRow("deep json")
            << (QByteArray(100000, '[') + QByteArray(100000, ']')) << 0 << 0 << "import-too-deep"
            << "nested more than";
    }

    void rejectsBadInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, maxBytes);
        QFETCH(int, maxItems);
        ImportLimits limits;
        if (maxBytes)
            limits.maxFileBytes = maxBytes;
        if (maxItems)
            limits.maxItems = maxItems;
        const Result<ImportedCollection> r = importPostmanCollection(json, limits);
        QVERIFY(!r.ok());
        QTEST(r.error().code, "code");
        QFETCH(QString, message);
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    }

    void acceptsWithinLimits()
    {
        QVERIFY(importPostmanCollection(nestedCollection(60)).ok());
        ImportLimits limits;
        limits.maxItems = 200;
        QVERIFY(importPostmanCollection(manyRequests(200), limits).ok());
    }

    void roundTrips()
    {
        const Result<ImportedCollection> first
            = importPostmanCollection(readData(QStringLiteral("full-v21.postman_collection.json")));
        QVERIFY(first.ok());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        const Result<QStringList> created = writeImportedCollection(ws.value(), *first, dir.path());
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        QCOMPARE(created->size(), 1);
        const QString collectionPath = created->first();

        // Scripts are in the files, as literal text.
        QFile collectionFile(collectionPath + QStringLiteral("/collection.yaml"));
        QVERIFY(collectionFile.open(QIODevice::ReadOnly));
        QVERIFY(collectionFile.readAll().contains("scripts:\n  test: pm.test(\"collection\""));

        Result<Workspace> reloaded = Workspace::open(dir.path());
        QVERIFY(reloaded.ok());
        QVERIFY(reloaded->problems().isEmpty());
        const QByteArray exported = exportPostmanCollection(reloaded.value(), collectionPath);
        QVERIFY(!exported.isEmpty());
        QVERIFY(exported.contains("\"listen\": \"prerequest\""));
        const Result<ImportedCollection> second = importPostmanCollection(exported);
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
        // The API key typed into "Multipart" went to the keyring on the way in: the files, and
        // so the export, say {{apiKey2}}, and the collection has that secret variable.
        QVERIFY(!exported.contains("\"k1\""));
        ImportedCollection expected = withoutReport(first.value());
        expected.info.variables.append({QStringLiteral("apiKey2"), QString(), true, true});
        for (SavedRequest &r : expected.root.requests) {
            if (r.name == QLatin1String("Multipart")) {
                QCOMPARE(r.request.auth.keyValue, QStringLiteral("k1"));
                r.request.auth.keyValue = QStringLiteral("{{apiKey2}}");
            }
        }
        QCOMPARE(withoutReport(second.value()).info, expected.info);
        const QList<SavedRequest> a = expected.root.requests;
        const QList<SavedRequest> b = second->root.requests;
        QCOMPARE(b.size(), a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            QCOMPARE(b.at(i).name, a.at(i).name);
            QCOMPARE(b.at(i).request.url, a.at(i).request.url);
            QCOMPARE(b.at(i).request.body, a.at(i).request.body);
            QCOMPARE(b.at(i).request.auth, a.at(i).request.auth);
            QCOMPARE(b.at(i).request.headers, a.at(i).request.headers);
            QCOMPARE(b.at(i), a.at(i));
        }
        QCOMPARE(second->root.folders, expected.root.folders);
        QVERIFY(withoutReport(second.value()) == expected);
    }

    // ?foo1&foo2: Postman writes the keys with "value": null. The URL keeps its query as
    // written, and a switched-off key without a value stays one; a round trip adds no '='.
    void queryKeysWithoutValuesRoundTrip()
    {
        const QByteArray collection
            = "{\"info\": {\"name\": \"Flags\", \"schema\": "
              "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
              " \"item\": ["
              "{\"name\": \"Structured\", \"request\": {\"method\": \"GET\", \"url\": {"
              "\"raw\": \"https://api.test/items?foo1&foo2&bar=1\", \"protocol\": \"https\","
              " \"host\": [\"api\", \"test\"], \"path\": [\"items\"], \"query\": ["
              "{\"key\": \"foo1\", \"value\": null}, {\"key\": \"foo2\", \"value\": null},"
              " {\"key\": \"bar\", \"value\": \"1\"},"
              " {\"key\": \"off\", \"value\": null, \"disabled\": true}]}}},"
              "{\"name\": \"Raw only\", \"request\": {\"method\": \"GET\","
              " \"url\": \"https://api.test/items?foo1&bar=&baz=2\"}}]}";
        const Result<ImportedCollection> first = importPostmanCollection(collection);
        QVERIFY(first.ok());
        const QList<SavedRequest> requests = first->root.requests;
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).request.url,
                 QStringLiteral("https://api.test/items?foo1&foo2&bar=1"));
        const KeyValueList off {{QStringLiteral("off"), QString(), false, false}};
        QCOMPARE(requests.at(0).request.params, off);
        QCOMPARE(requests.at(1).request.url,
                 QStringLiteral("https://api.test/items?foo1&bar=&baz=2"));

        // Through the workspace's files and back out.
        QTemporaryDir dir;
        Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        const Result<QStringList> created = writeImportedCollection(ws.value(), *first, dir.path());
        QVERIFY(created.ok());
        Result<Workspace> reloaded = Workspace::open(dir.path());
        QVERIFY(reloaded.ok());
        const QByteArray exported = exportPostmanCollection(reloaded.value(), created->first());
        QVERIFY2(exported.contains("items?foo1&foo2&bar=1\""), exported.constData());
        QVERIFY2(exported.contains("items?foo1&bar=&baz=2\""), exported.constData());
        QVERIFY2(!exported.contains("foo1=") && !exported.contains("off="), exported.constData());
        const Result<ImportedCollection> second = importPostmanCollection(exported);
        QVERIFY(second.ok());
        QCOMPARE(second->root.requests.at(0).request.url, requests.at(0).request.url);
        QCOMPARE(second->root.requests.at(0).request.params, off);
        QCOMPARE(second->root.requests.at(1).request.url, requests.at(1).request.url);
    }

    void scriptsSurviveBothYamlReaders_data()
    {
        QTest::addColumn<int>("reader");
        QTest::newRow("canonical") << int(YamlReader::Canonical);
        QTest::newRow("yaml-cpp") << int(YamlReader::YamlCpp);
    }

    void scriptsSurviveBothYamlReaders()
    {
        QFETCH(int, reader);
        SavedRequest saved;
        saved.name = QStringLiteral("s");
        saved.preRequestScript = QStringLiteral("let a = 1;\n  indented();\n");
        saved.testScript = QStringLiteral("pm.test(\"x\", () => {});");
        const QByteArray yaml = requestToYaml(saved);
        QVERIFY(yaml.contains("scripts:\n  preRequest: |\n    let a = 1;\n      indented();\n"));
        const Result<SavedRequest> back = requestFromYaml(yaml, nullptr, YamlReader(reader));
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back->preRequestScript, saved.preRequestScript);
        QCOMPARE(back->testScript, saved.testScript);
        QCOMPARE(back.value(), saved);
        // Without scripts nothing is written, so older files keep their bytes.
        QVERIFY(!requestToYaml(SavedRequest {}).contains("scripts"));
    }

    // A collection written in Patchbay survives Patchbay -> Postman -> Patchbay; its default
    // headers travel inside each request, since Postman collections have none.
    void sampleCollectionRoundTrips()
    {
        const Result<Workspace> ws = Workspace::open(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                                     + QStringLiteral("/resources/sample"));
        QVERIFY(ws.ok());
        QCOMPARE(ws->collections().size(), 1);
        const CollectionItem &sample = ws->collections().first();
        const QByteArray exported = exportPostmanCollection(ws.value(), sample.path);
        QVERIFY(exported.contains(sample.collection->id.toUtf8()));
        const Result<ImportedCollection> back = importPostmanCollection(exported);
        QVERIFY(back.ok());
        QCOMPARE(back->info.name, sample.collection->name);
        QCOMPARE(back->info.description, sample.collection->description);
        QCOMPARE(back->root.requests.size(), sample.children.size());
        for (qsizetype i = 0; i < sample.children.size(); ++i) {
            SavedRequest expected = sample.children.at(i).request;
            for (const KeyValue &h : sample.collection->headers)
                expected.request.headers.append(h);
            expected.order = (i + 1) * 1000;
            QCOMPARE(back->root.requests.at(i), expected);
        }
    }

    // Assertions and captures travel in the test script and come back exactly, whatever their
    // text, and the request's own test script comes back byte for byte.
    void checksRoundTrip_data()
    {
        QTest::addColumn<QString>("testScript");
        QTest::addColumn<int>("enabled"); // 0 none, 1 all, 2 every other one
        QTest::newRow("no script, all enabled") << QString() << 1;
        QTest::newRow("no script, all disabled") << QString() << 0;
        QTest::newRow("no script, mixed") << QString() << 2;
        QTest::newRow("script") << QStringLiteral("pm.test(\"mine\", () => {});") << 1;
        QTest::newRow("script ending in a newline")
            << QStringLiteral("// mine\npm.test(\"x\", () => {});\n") << 2;
        QTest::newRow("script of blank lines") << QStringLiteral("a();\n\n\n") << 0;
        QTest::newRow("script mentioning the marker")
            << QStringLiteral("// see // patchbay:tests begin\n  // patchbay:tests end") << 1;
    }

    void checksRoundTrip()
    {
        QFETCH(QString, testScript);
        QFETCH(int, enabled);
        SavedRequest saved;
        saved.name = QStringLiteral("Checked");
        saved.request.url = QStringLiteral("{{baseUrl}}/anything");
        saved.testScript = testScript;
        saved.assertions = everyAssertion(enabled != 0);
        saved.captures = everyCapture(enabled != 0);
        if (enabled == 2) {
            for (qsizetype i = 0; i < saved.assertions.size(); i += 2)
                saved.assertions[i].enabled = false;
            saved.captures[1].enabled = false;
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray exported = exportRequest(dir.path(), saved);
        QVERIFY(!exported.isEmpty());
        const QStringList lines = testScriptLines(exported);
        QVERIFY(lines.contains(QLatin1String(kPostmanTestsBegin)));
        if (!testScript.isEmpty()) // the request's own script comes first, unchanged
            QVERIFY(lines.join(u'\n').startsWith(testScript + u'\n'));

        const Result<ImportedCollection> back = importPostmanCollection(exported);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back->root.requests.size(), 1);
        const SavedRequest &r = back->root.requests.first();
        QCOMPARE(r.testScript, testScript);
        QCOMPARE(r.assertions, saved.assertions);
        QCOMPARE(r.captures, saved.captures);
        QVERIFY2(!anyContains(back->report.lossy, QStringLiteral("tests block")),
                 qPrintable(back->report.lossy.join(u'\n')));
        // Only the request's own script is reported as kept as text.
        QCOMPARE(anyContains(back->report.lossy, QStringLiteral("test script kept as text")),
                 !testScript.trimmed().isEmpty());
    }

    // What Postman and newman run: one pm.test per enabled assertion, named as in Patchbay
    // reports, and a collection variable per enabled capture.
    void exportWritesPostmanTests()
    {
        SavedRequest saved;
        saved.name = QStringLiteral("Login");
        saved.request.url = QStringLiteral("http://x/login");
        saved.assertions = {
            {AssertionKind::StatusEquals, {}, QStringLiteral("200"), true},
            {AssertionKind::StatusInRange, {}, QStringLiteral("2xx"), true},
            {AssertionKind::HeaderMatches, QStringLiteral("Content-Type"),
             QStringLiteral("^application/json"), true},
            {AssertionKind::JsonEquals, QStringLiteral("/id"), QStringLiteral("{{userId}}"), true},
            {AssertionKind::BodyContains, {}, QStringLiteral("never"), false},
            {AssertionKind::ResponseTimeBelow, {}, QStringLiteral("500"), true},
        };
        saved.captures = {
            {QStringLiteral("token"), CaptureSource::JsonPointer, QStringLiteral("/token"), true},
            {QStringLiteral("etag"), CaptureSource::Header, QStringLiteral("ETag"), false},
        };
        QTemporaryDir dir;
        const QStringList lines = testScriptLines(exportRequest(dir.path(), saved));
        QVERIFY(!lines.isEmpty());
        QCOMPARE(lines.first(), QLatin1String(kPostmanTestsBegin));
        QCOMPARE(lines.last(), QLatin1String(kPostmanTestsEnd));
        const QString script = lines.join(u'\n');
        QCOMPARE(script.count(QLatin1String("pm.test(")), 5);
        QVERIFY(lines.contains(QStringLiteral("pm.test(\"status equals 200\", function () {")));
        QVERIFY(lines.contains(QStringLiteral("    pm.response.to.have.status(200);")));
        QVERIFY(lines.contains(
            QStringLiteral("    pm.expect(pm.response.code).to.be.within(200, 299);")));
        QVERIFY(
            lines.contains(QStringLiteral("    pm.response.to.have.header(\"Content-Type\");")));
        QVERIFY(lines.contains(QStringLiteral("    pm.expect(pm.response.headers.get("
                                              "\"Content-Type\")).to.match(new "
                                              "RegExp(\"^application/json\"));")));
        QVERIFY(lines.contains(
            QStringLiteral("    const expected = pm.variables.replaceIn(\"{{userId}}\");")));
        QVERIFY(lines.contains(
            QStringLiteral("    pm.expect(pm.response.responseTime).to.be.below(500);")));
        QVERIFY(script.contains(QLatin1String("function patchbayJsonAt(pointer) {")));
        QVERIFY(script.contains(QLatin1String("pm.collectionVariables.set(\"token\", ")));
        // Disabled items are only their comment.
        QVERIFY(!script.contains(QLatin1String("body contains")));
        QVERIFY(!script.contains(QLatin1String("pm.collectionVariables.set(\"etag\"")));
        QVERIFY(lines.contains(QStringLiteral("// patchbay:test {\"kind\":\"body-contains\","
                                              "\"target\":\"\",\"expected\":\"never\","
                                              "\"enabled\":false}")));
        QVERIFY(lines.contains(QStringLiteral("// patchbay:capture {\"variable\":\"etag\","
                                              "\"source\":\"header\",\"path\":\"ETag\","
                                              "\"enabled\":false}")));
        // A request without checks gets no test script at all.
        SavedRequest plain;
        plain.name = QStringLiteral("Plain");
        QTemporaryDir other;
        QVERIFY(testScriptLines(exportRequest(other.path(), plain)).isEmpty());
    }

    // jq and JSONPath targets cannot run in Postman: the exported test fails there with the
    // reason instead of reporting a bad pointer, and the item still round-trips.
    void exportMarksQueriesPatchbayOnly()
    {
        SavedRequest saved;
        saved.name = QStringLiteral("Query");
        saved.request.url = QStringLiteral("http://x/items");
        saved.assertions = {{AssertionKind::JsonEquals, QStringLiteral(".items | length"),
                             QStringLiteral("3"), true}};
        saved.captures = {{QStringLiteral("first"), CaptureSource::JsonPointer,
                           QStringLiteral("$.items[0].id"), true}};
        QTemporaryDir dir;
        const QByteArray exported = exportRequest(dir.path(), saved);
        const QString script = testScriptLines(exported).join(u'\n');
        QVERIFY2(script.contains(QLatin1String(
                     "pm.expect.fail(\".items | length is a jq expression or JSONPath, which "
                     "Postman cannot run; it is checked in Patchbay only.\");")),
                 qPrintable(script));
        QVERIFY(script.contains(QLatin1String("pm.test(\"capture first\", function () {")));
        QVERIFY(!script.contains(QLatin1String("patchbayJsonAt(\".items")));
        QVERIFY(!script.contains(QLatin1String("function patchbayJsonAt")));
        const Result<ImportedCollection> back = importPostmanCollection(exported);
        QVERIFY(back.ok());
        QCOMPARE(back->root.requests.first().assertions, saved.assertions);
        QCOMPARE(back->root.requests.first().captures, saved.captures);
    }

    void javaScriptStringEscapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("literal");
        QTest::newRow("plain") << "abc"
                               << "\"abc\"";
        QTest::newRow("quote and backslash") << "a\"b\\c"
                                             << "\"a\\\"b\\\\c\"";
        QTest::newRow("newlines and tab") << "a\nb\r\tc"
                                          << "\"a\\nb\\r\\tc\"";
        QTest::newRow("control") << QStringLiteral("a\x01\x7f") << "\"a\\u0001\\u007f\"";
        QTest::newRow("line separators")
            << QString(QChar(0x2028)) + QChar(0x2029) << "\"\\u2028\\u2029\"";
        QTest::newRow("unicode kept") << QStringLiteral("é😀") << QStringLiteral("\"é😀\"");
        QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << "\"\\ud800\"";
        QTest::newRow("script end") << "</script>"
                                    << "\"</script>\"";
    }

    void javaScriptStringEscapes()
    {
        QFETCH(QString, text);
        QTEST(javaScriptString(text), "literal");
        // Also valid JSON for the same text, which the import relies on.
        const Result<JsonValue> parsed = parseJson(javaScriptString(text).toUtf8());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->toString(), text);
    }

    // A block changed outside Patchbay is kept as script text, never half read, and reported.
    void editedBlockStaysText_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("report");
        QTest::newRow("code edited")
            << QByteArray("to.have.status(200)") << QByteArray("to.have.status(201)")
            << "was changed outside Patchbay";
        QTest::newRow("item not JSON")
            << QByteArray("// patchbay:test {\\\"kind\\\"") << QByteArray("// patchbay:test {kind")
            << "was changed outside Patchbay";
        QTest::newRow("unknown kind") << QByteArray("status-equals") << QByteArray("status-is")
                                      << "was changed outside Patchbay";
        QTest::newRow("item edited")
            << QByteArray("\\\"expected\\\":\\\"200\\\"")
            << QByteArray("\\\"expected\\\":\\\"201\\\"") << "was changed outside Patchbay";
        QTest::newRow("end line removed")
            << QByteArray("\"// patchbay:tests end\"") << QByteArray("\"// the end\"")
            << "has no \"// patchbay:tests end\" line";
    }

    void editedBlockStaysText()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, report);
        SavedRequest saved;
        saved.name = QStringLiteral("Edited");
        saved.request.url = QStringLiteral("http://x");
        saved.testScript = QStringLiteral("mine();");
        saved.assertions = {{AssertionKind::StatusEquals, {}, QStringLiteral("200"), true},
                            {AssertionKind::JsonExists, QStringLiteral("/id"), {}, true}};
        saved.captures
            = {{QStringLiteral("id"), CaptureSource::JsonPointer, QStringLiteral("/id"), true}};
        QTemporaryDir dir;
        QByteArray exported = exportRequest(dir.path(), saved);
        QVERIFY(exported.contains(from));
        exported.replace(from, to);
        const QString edited = testScriptLines(exported).join(u'\n');

        const Result<ImportedCollection> back = importPostmanCollection(exported);
        QVERIFY(back.ok());
        const SavedRequest &r = back->root.requests.first();
        QCOMPARE(r.testScript, edited); // everything, the user's own lines included
        QVERIFY(r.assertions.isEmpty());
        QVERIFY(r.captures.isEmpty());
        QVERIFY2(anyContains(back->report.lossy,
                             QStringLiteral("Request \"Edited\": the Patchbay "
                                            "tests block")),
                 qPrintable(back->report.lossy.join(u'\n')));
        QVERIFY2(anyContains(back->report.lossy, report),
                 qPrintable(back->report.lossy.join(u'\n')));

        // Exported again, the edited text stays and nothing is duplicated.
        SavedRequest again = r;
        again.assertions = saved.assertions;
        QTemporaryDir dir2;
        const Result<ImportedCollection> twice
            = importPostmanCollection(exportRequest(dir2.path(), again));
        QVERIFY(twice.ok());
        QCOMPARE(twice->root.requests.first().testScript, edited);
        QCOMPARE(twice->root.requests.first().assertions, saved.assertions);
    }

    void neverExportsSecrets()
    {
        QTemporaryDir dir;
        Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        const Result<QString> path = ws.value().createCollection(QStringLiteral("Secrets"));
        QVERIFY(path.ok());
        CollectionInfo info = ws->item(path.value())->collection;
        info.variables
            = {{QStringLiteral("token"), QStringLiteral("hunter2-collection"), true, true}};
        QVERIFY(ws.value().saveCollection(path.value(), info).ok());
        Result<ImportedCollection> env
            = importFile(dataPath(QStringLiteral("staging.postman_environment.json")));
        QVERIFY(env.ok());
        QVERIFY(writeImportedCollection(ws.value(), env.value(), path.value()).ok());
        QCOMPARE(ws->item(path.value())->environments.size(), 1);

        const QByteArray exported = exportPostmanCollection(ws.value(), path.value());
        QVERIFY(!exported.isEmpty());
        QVERIFY(!exported.contains("hunter2"));
        QVERIFY(exported.contains("\"description\": \"secret: set in Postman\""));

        Environment e;
        e.name = QStringLiteral("prod");
        e.variables = {{QStringLiteral("pw"), QStringLiteral("hunter2-env"), true, true}};
        const QByteArray envBytes = exportPostmanEnvironment(e);
        QVERIFY(!envBytes.contains("hunter2"));
        QVERIFY(envBytes.contains("\"type\": \"secret\""));
        // Files on disk never hold it either.
        const QStringList files = snapshot(dir.path()).keys();
        QVERIFY(!files.isEmpty());
        for (const QString &file : files) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("hunter2"), qPrintable(file));
        }
    }

    void writerOnlyAdds()
    {
        QTemporaryDir dir;
        Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        const Result<QString> existing = ws.value().createCollection(QStringLiteral("Shop API"));
        QVERIFY(existing.ok());
        SavedRequest mine;
        mine.name = QStringLiteral("Text body");
        mine.request.url = QStringLiteral("http://mine");
        QVERIFY(ws.value().createRequest(existing.value(), mine).ok());
        const QMap<QString, QByteArray> before = snapshot(dir.path());
        QMap<QString, QString> kept; // the keyring
        ws.value().setSecretSink(
            [&kept](const QString &key, const QString &value) { kept.insert(key, value); });

        const Result<ImportedCollection> imported
            = importPostmanCollection(readData(QStringLiteral("full-v21.postman_collection.json")));
        QVERIFY(imported.ok());
        // Into the workspace root: a second collection with a new name.
        const Result<QStringList> asCollection
            = writeImportedCollection(ws.value(), *imported, dir.path());
        QVERIFY(asCollection.ok());
        QCOMPARE(ws->item(asCollection->first())->name, QStringLiteral("Shop API 2"));
        // Into the existing collection: a folder holding the collection settings.
        const Result<QStringList> inside
            = writeImportedCollection(ws.value(), *imported, existing.value());
        QVERIFY(inside.ok());
        QCOMPARE(inside->size(), 1);
        const CollectionItem *folder = ws->item(inside->first());
        QVERIFY(folder);
        QCOMPARE(folder->kind, ItemKind::Folder);
        // The API key typed into "Multipart" ("k1") is now a secret variable of that folder,
        // not of the existing collection (whose file stays as it was). Its name is not
        // "apiKey": another imported request sends {{apiKey}}, which it would hide.
        VariableList variables = imported->info.variables;
        variables.append({QStringLiteral("apiKey2"), QString(), true, true});
        QCOMPARE(folder->folder->variables, variables);
        const QString collectionId = ws->item(existing.value())->collection->id;
        QCOMPARE(kept.value(secretKeyFor(collectionId, ScopeKind::Folder, QString(),
                                         QStringLiteral("apiKey2"))),
                 QStringLiteral("k1"));

        // A bare import (no collection settings) adds requests beside the existing one.
        ImportedCollection bare;
        bare.root.requests = {mine};
        const Result<QStringList> loose
            = writeImportedCollection(ws.value(), bare, existing.value());
        QVERIFY(loose.ok());
        QCOMPARE(ws->item(loose->first())->name, QStringLiteral("Text body 2"));

        const QMap<QString, QByteArray> after = snapshot(dir.path());
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(after.value(it.key()), it.value());
        QVERIFY(after.size() > before.size());
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            QFile file(it.key());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains("value: k1"), qPrintable(it.key()));
        }

        const Result<QStringList> bad
            = writeImportedCollection(ws.value(), *imported, dir.path() + QStringLiteral("/nope"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, QStringLiteral("import-target"));
    }

    void detectsFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("format");
        QTest::newRow("postman v2.1")
            << "a.json" << readData(QStringLiteral("full-v21.postman_collection.json"))
            << int(ImportFormat::PostmanCollection);
        QTest::newRow("postman v2.0")
            << "a.json" << readData(QStringLiteral("v20.postman_collection.json"))
            << int(ImportFormat::PostmanCollection);
        QTest::newRow("postman env")
            << "a.json" << readData(QStringLiteral("staging.postman_environment.json"))
            << int(ImportFormat::PostmanEnvironment);
        QTest::newRow("env without scope")
            << "a.json" << QByteArray("{\"name\":\"x\",\"values\":[]}")
            << int(ImportFormat::PostmanEnvironment);
        QTest::newRow("insomnia v4")
            << "a.json"
            << QByteArray("{\"_type\":\"export\",\"__export_format\":4,\"resources\":[]}")
            << int(ImportFormat::Insomnia);
        QTest::newRow("insomnia v5")
            << "a.yaml" << QByteArray("type: collection.insomnia.rest/5.0\nname: x\n")
            << int(ImportFormat::Insomnia);
        QTest::newRow("http") << "a.txt" << QByteArray("### one\nGET https://x/y\n")
                              << int(ImportFormat::HttpFile);
        QTest::newRow("rest request line")
            << "a.rest" << QByteArray("POST https://x/y\n\n{}") << int(ImportFormat::HttpFile);
        QTest::newRow("curl") << "a.sh" << QByteArray("curl -X POST https://x/y")
                              << int(ImportFormat::Curl);
        QTest::newRow("unknown") << "a.txt" << QByteArray("hello world")
                                 << int(ImportFormat::Unknown);
        QTest::newRow("unknown json")
            << "a.json" << QByteArray("{\"a\":1}") << int(ImportFormat::Unknown);
    }

    void detectsFormat()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, head);
        QTEST(int(detectImportFormat(name, head)), "format");
    }

    void detectsBrunoDirectory()
    {
        QTemporaryDir dir;
        QCOMPARE(detectImportFormat(dir.path(), {}), ImportFormat::Unknown);
        QFile f(dir.filePath(QStringLiteral("bruno.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\":\"1\",\"name\":\"b\",\"type\":\"collection\"}");
        f.close();
        QCOMPARE(detectImportFormat(dir.path(), {}), ImportFormat::Bruno);
    }

    void importsCurlFile()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("call.sh")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("curl -X POST https://api.example.com/items -H 'Accept: application/json'");
        f.close();
        const Result<ImportedCollection> r = importFile(f.fileName());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->root.requests.size(), 1);
        QCOMPARE(r->root.requests.first().request.method, QStringLiteral("POST"));
        QCOMPARE(r->root.requests.first().request.url,
                 QStringLiteral("https://api.example.com/items"));
        QCOMPARE(r->root.requests.first().name, QStringLiteral("POST /items"));
    }

    void importFileFailsClearly()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("x.txt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("just words");
        f.close();
        const Result<ImportedCollection> unknown = importFile(f.fileName());
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, QStringLiteral("import-unknown-format"));
        // A huge file is refused from its size, before anything is read.
        QFile huge(dir.filePath(QStringLiteral("huge.json")));
        QVERIFY(huge.open(QIODevice::WriteOnly));
        QVERIFY(huge.resize(100LL * 1024 * 1024)); // sparse: costs no disk
        huge.close();
        const Result<ImportedCollection> tooLarge = importFile(huge.fileName());
        QVERIFY(!tooLarge.ok());
        QCOMPARE(tooLarge.error().code, QStringLiteral("import-too-large"));
        QVERIFY(tooLarge.error().message.contains(QLatin1String("100.0 MiB")));

        const Result<ImportedCollection> missing = importFile(dir.filePath(QStringLiteral("none")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("read-failed"));
    }
};

QTEST_GUILESS_MAIN(TestPostmanImport)
#include "tst_postmanimport.moc"
