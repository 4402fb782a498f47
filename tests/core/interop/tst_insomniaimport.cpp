#include "core/interop/insomniaimport.h"

#include <QFile>
#include <QTest>

using namespace Patchbay::Core;

namespace {

QByteArray readData(const QString &name)
{
    QFile file(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
               + QStringLiteral("/tests/core/interop/data/insomnia/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

KeyValue kv(const char *name, const char *value, bool enabled = true)
{
    return {QString::fromUtf8(name), QString::fromUtf8(value), enabled};
}

Variable var(const char *name, const char *value)
{
    return {QString::fromUtf8(name), QString::fromUtf8(value), true, false};
}

bool anyContains(const QStringList &list, const QString &needle)
{
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const QString &s) { return s.contains(needle); });
}

QString errorOf(const Result<ImportedCollection> &r)
{
    return r.ok() ? QString() : r.error().code + u' ' + r.error().message;
}

} // namespace

class TestInsomniaImport final : public QObject
{
    Q_OBJECT

private slots:
    void templates_data();
    void templates();
    void v4Json();
    void v4Yaml();
    void v5Yaml();
    void networkSettings();
    void errors_data();
    void errors();
    void hostile();
};

void TestInsomniaImport::templates_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("spaced") << QStringLiteral("{{ _.base }}/x") << QStringLiteral("{{base}}/x");
    QTest::newRow("tight") << QStringLiteral("{{_.base}}") << QStringLiteral("{{base}}");
    QTest::newRow("legacy") << QStringLiteral("{{ token }}") << QStringLiteral("{{token}}");
    QTest::newRow("two") << QStringLiteral("{{_.a}}-{{ _.b-c }}")
                         << QStringLiteral("{{a}}-{{b-c}}");
    QTest::newRow("tag kept") << QStringLiteral("{% uuid 'v4' %}")
                              << QStringLiteral("{% uuid 'v4' %}");
    QTest::newRow("plain") << QStringLiteral("no vars") << QStringLiteral("no vars");
}

void TestInsomniaImport::templates()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(convertInsomniaTemplate(in), out);
}

void TestInsomniaImport::v4Json()
{
    const Result<ImportedCollection> r = importInsomnia(readData(QStringLiteral("v4.json")));
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    const ImportedCollection &c = r.value();
    QCOMPARE(c.info.name, QStringLiteral("Shop API"));
    QCOMPARE(c.info.description, QStringLiteral("The shop."));

    QCOMPARE(c.root.folders.size(), 1);
    const ImportedFolder &users = c.root.folders[0];
    QCOMPARE(users.info.name, QStringLiteral("Users"));
    QCOMPARE(users.info.order, 1);
    QCOMPARE(users.info.description, QStringLiteral("User endpoints"));
    QCOMPARE(users.info.variables, (VariableList {var("userId", "7")}));
    QCOMPARE(users.requests.size(), 2);
    QCOMPARE(users.folders.size(), 1);
    QCOMPARE(users.folders[0].info.name, QStringLiteral("Admin"));
    QCOMPARE(users.folders[0].info.order, 3);

    const SavedRequest &list = users.requests[0];
    QCOMPARE(list.name, QStringLiteral("List users"));
    QCOMPARE(list.order, 1);
    QCOMPARE(list.description, QStringLiteral("Every user, paged."));
    QCOMPARE(list.request.method, QStringLiteral("GET"));
    QCOMPARE(list.request.url, QStringLiteral("{{baseUrl}}/users"));
    QCOMPARE(list.request.params, (KeyValueList {kv("page", "{{page}}"), kv("debug", "1", false)}));
    QCOMPARE(list.request.headers,
             (KeyValueList {kv("Accept", "application/json"), kv("X-Off", "no", false)}));
    QCOMPARE(list.request.auth.mode, AuthMode::Bearer);
    QCOMPARE(list.request.auth.token, QStringLiteral("{{token}}"));
    QCOMPARE(list.request.settings.followRedirects, false);
    QCOMPARE(list.request.body.mode, BodyMode::None);

    const SavedRequest &create = users.requests[1];
    QCOMPARE(create.name, QStringLiteral("Create user"));
    QCOMPARE(create.request.body.mode, BodyMode::Json);
    QCOMPARE(create.request.body.text, QStringLiteral("{\n  \"name\": \"Ann\",\n  \"n\": 1.50\n}"));
    QVERIFY(create.request.headers.isEmpty());
    QCOMPARE(create.request.auth.mode, AuthMode::Basic);
    QCOMPARE(create.request.auth.username, QStringLiteral("admin"));
    QCOMPARE(create.request.auth.password, QStringLiteral("{{password}}"));

    const SavedRequest &ban = users.folders[0].requests.value(0);
    QCOMPARE(ban.request.method, QStringLiteral("DELETE"));
    QVERIFY(ban.request.url.startsWith(QLatin1String("{{baseUrl}}/users/{% response")));
    // OAuth 2.0 is converted, not reported as lost.
    QCOMPARE(ban.request.auth.mode, AuthMode::OAuth2);
    QCOMPARE(ban.request.auth.oauth2.grant, OAuth2Grant::ClientCredentials);
    QVERIFY(
        anyContains(c.report.lossy,
                    QStringLiteral("Request Users/Admin/Ban user: the template tag {% response")));
    QVERIFY(!anyContains(c.report.lossy, QStringLiteral("the oauth2 auth")));

    const QList<SavedRequest> &top = c.root.requests;
    QCOMPARE(top.size(), 4);
    QCOMPARE(top[0].name, QStringLiteral("Login form"));
    QCOMPARE(top[0].order, 2);
    QCOMPARE(top[0].request.body.mode, BodyMode::FormUrlEncoded);
    QCOMPARE(top[0].request.body.formFields,
             (KeyValueList {kv("user", "{{user}}"), kv("remember", "1", false)}));
    QVERIFY(top[0].request.headers.isEmpty());
    QCOMPARE(top[0].request.auth.mode, AuthMode::ApiKey);
    QCOMPARE(top[0].request.auth.keyName, QStringLiteral("X-Api-Key"));
    QCOMPARE(top[0].request.auth.keyLocation, ApiKeyLocation::Header);

    QCOMPARE(top[1].name, QStringLiteral("Upload"));
    QCOMPARE(top[1].request.body.mode, BodyMode::Multipart);
    QCOMPARE(top[1].request.body.multipartFields,
             (QList<MultipartField> {
                 {QStringLiteral("title"), QStringLiteral("Hello"), false, {}, true},
                 {QStringLiteral("file"), QStringLiteral("/home/ann/pic.png"), true, {}, true},
                 {QStringLiteral("skip"), QStringLiteral("x"), false, {}, false}}));
    QVERIFY(top[1].request.headers.isEmpty());
    QCOMPARE(top[1].request.auth.keyLocation, ApiKeyLocation::Query);

    QCOMPARE(top[2].request.body.mode, BodyMode::BinaryFile);
    QCOMPARE(top[2].request.body.filePath, QStringLiteral("/home/ann/data.bin"));
    QVERIFY(
        anyContains(c.report.lossy, QStringLiteral("Request Raw file: the pre-request script")));

    QCOMPARE(top[3].request.body.mode, BodyMode::Text);
    QCOMPARE(top[3].request.body.text, QStringLiteral("<a>1</a>"));
    QCOMPARE(top[3].request.body.contentType, QStringLiteral("application/xml"));
    QVERIFY(top[3].request.headers.isEmpty());

    QCOMPARE(c.environments.size(), 2);
    QCOMPARE(c.environments[0].name, QStringLiteral("Dev"));
    QCOMPARE(c.environments[0].variables,
             (VariableList {var("baseUrl", "http://localhost:3000"), var("page", "1"),
                            var("nested", "{\"a\":[1,2]}"), var("token", "dev-token")}));
    QCOMPARE(c.environments[1].name, QStringLiteral("Prod"));
    QCOMPARE(c.environments[1].variables.constLast(), var("token", "prod-token"));
    QCOMPARE(c.environments[1].variables.constFirst(), var("baseUrl", "https://api.example.com"));
    QVERIFY(anyContains(c.report.lossy, QStringLiteral("Environment Prod was private")));

    // An empty jar: nothing to import, nothing skipped.
    QVERIFY(!anyContains(c.report.skipped, QStringLiteral("cookie_jar")));
    QVERIFY(c.network.isEmpty());
    QVERIFY(anyContains(c.report.skipped, QStringLiteral("request Orphan")));
    QVERIFY(c.report.created.contains(QStringLiteral("Request Users/List users")));
    QVERIFY(c.report.created.contains(QStringLiteral("Folder Users/Admin")));
}

void TestInsomniaImport::v4Yaml()
{
    const Result<ImportedCollection> r = importInsomnia(readData(QStringLiteral("v4.yaml")));
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    const ImportedCollection &c = r.value();
    QCOMPARE(c.info.name, QStringLiteral("YAML workspace"));
    QCOMPARE(c.root.requests.size(), 2);
    const SavedRequest &ping = c.root.requests[0];
    QCOMPARE(ping.name, QStringLiteral("Ping"));
    QCOMPARE(ping.request.method, QStringLiteral("HEAD"));
    QCOMPARE(ping.description, QStringLiteral("Checks the server.\nTwo lines.\n"));
    QCOMPARE(ping.request.auth.mode, AuthMode::Digest);
    QCOMPARE(ping.request.auth.digest.username, QStringLiteral("u"));
    QCOMPARE(ping.request.auth.digest.password, QStringLiteral("p"));
    QVERIFY(!anyContains(c.report.lossy, QStringLiteral("Request Ping: the digest auth")));
    const SavedRequest &get = c.root.requests[1];
    QCOMPARE(get.order, 2);
    QCOMPARE(get.request.url, QStringLiteral("{{host}}/items/{{id}}"));
    QCOMPARE(get.request.params, (KeyValueList {kv("expand", "true")}));
    QCOMPARE(get.request.headers, (KeyValueList {kv("Accept", "application/json")}));
    QCOMPARE(get.request.auth.mode, AuthMode::Basic);
    QCOMPARE(get.request.auth.username, QStringLiteral("bob"));
    QCOMPARE(c.environments.size(), 1);
    QCOMPARE(c.environments[0].name, QStringLiteral("Base Environment"));
    QCOMPARE(c.environments[0].variables,
             (VariableList {var("host", "https://yaml.example"), var("id", "42")}));
}

void TestInsomniaImport::v5Yaml()
{
    const Result<ImportedCollection> r = importInsomnia(readData(QStringLiteral("v5.yaml")));
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    const ImportedCollection &c = r.value();
    QCOMPARE(c.info.name, QStringLiteral("Pet Store"));
    QCOMPARE(c.info.description, QStringLiteral("Pets, version 5"));
    QCOMPARE(c.root.folders.size(), 1);
    const ImportedFolder &pets = c.root.folders[0];
    QCOMPARE(pets.info.name, QStringLiteral("Pets"));
    QCOMPARE(pets.info.order, 1);
    QCOMPARE(pets.info.description, QStringLiteral("Pet endpoints"));
    QCOMPARE(pets.info.variables, (VariableList {var("kind", "dog")}));
    QCOMPARE(pets.requests.size(), 2);
    QCOMPARE(pets.requests[0].name, QStringLiteral("List pets"));
    QCOMPARE(pets.requests[0].request.params,
             (KeyValueList {kv("limit", "10"), kv("offset", "0", false)}));
    const SavedRequest &add = pets.requests[1];
    QCOMPARE(add.name, QStringLiteral("Add pet"));
    QCOMPARE(add.order, 2);
    QCOMPARE(add.description, QStringLiteral("Adds a pet"));
    QCOMPARE(add.request.method, QStringLiteral("POST"));
    QCOMPARE(add.request.url, QStringLiteral("{{base}}/pets"));
    QCOMPARE(add.request.body.mode, BodyMode::Json);
    QCOMPARE(add.request.body.text, QStringLiteral("{\"name\": \"Rex\", \"kind\": \"{{kind}}\"}"));
    QCOMPARE(add.request.headers, (KeyValueList {kv("X-Trace", "1", false)}));
    QCOMPARE(add.request.auth.mode, AuthMode::Bearer);
    QCOMPARE(add.request.auth.token, QStringLiteral("{{token}}"));
    QCOMPARE(add.request.settings.followRedirects, false);
    QVERIFY(anyContains(c.report.lossy, QStringLiteral("Request Pets/Add pet: the pre-request")));
    QVERIFY(!anyContains(c.report.lossy, QStringLiteral("after-response")));
    QCOMPARE(add.preRequestScript, QStringLiteral("insomnia.environment.set('t', Date.now());"));
    QVERIFY(add.testScript.isEmpty());

    QCOMPARE(c.root.requests.size(), 1);
    const SavedRequest &health = c.root.requests[0];
    QCOMPARE(health.order, 2);
    QCOMPARE(health.request.body.mode, BodyMode::Text);
    QCOMPARE(health.request.body.text, QStringLiteral("ping"));
    QCOMPARE(health.request.body.contentType, QStringLiteral("text/plain"));
    QCOMPARE(health.request.auth.mode, AuthMode::ApiKey);
    QCOMPARE(health.request.auth.keyLocation, ApiKeyLocation::Query);
    QCOMPARE(health.request.auth.keyValue, QStringLiteral("{{token}}"));

    QCOMPARE(c.environments.size(), 1);
    QCOMPARE(c.environments[0].name, QStringLiteral("Staging"));
    QCOMPARE(
        c.environments[0].variables,
        (VariableList {var("base", "https://staging.pets.example"), var("token", "base-token")}));
    QVERIFY(c.network.isEmpty()); // its jar has no cookies
}

// Certificates, a cookie jar and per-request cookie switches, for the workspace's network.
void TestInsomniaImport::networkSettings()
{
    const QByteArray v4 = R"({"_type": "export", "__export_format": 4, "resources": [
      {"_id": "wrk_1", "_type": "workspace", "name": "Bank"},
      {"_id": "req_1", "_type": "request", "parentId": "wrk_1", "name": "Balance",
       "method": "GET", "url": "https://bank.test/balance",
       "settingSendCookies": false, "settingStoreCookies": true},
      {"_id": "crt_1", "_type": "client_certificate", "parentId": "wrk_1",
       "host": "*.bank.test", "cert": null, "key": null, "pfx": "/home/me/bank.p12",
       "passphrase": "p12pass", "disabled": false},
      {"_id": "crt_2", "_type": "client_certificate", "parentId": "wrk_1",
       "host": "legacy.test:8443", "cert": "/c/legacy.pem", "key": "/c/legacy.key",
       "pfx": null, "passphrase": null, "disabled": true},
      {"_id": "ca_1", "_type": "ca_certificate", "parentId": "wrk_1",
       "path": "/etc/bank/ca.pem", "disabled": false},
      {"_id": "jar_1", "_type": "cookie_jar", "parentId": "wrk_1", "name": "Default Jar",
       "cookies": [
         {"key": "sid", "value": "abc", "domain": "bank.test", "path": "/", "secure": true,
          "httpOnly": true, "hostOnly": true, "expires": "2099-01-01T00:00:00.000Z"},
         {"key": "theme", "value": "dark", "domain": "bank.test", "path": "/",
          "hostOnly": false, "expires": null},
         {"key": "old", "value": "1", "domain": "bank.test", "path": "/",
          "expires": "2001-01-01T00:00:00.000Z"}]}]})";
    const Result<ImportedCollection> r = importInsomnia(v4);
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    const ImportedNetwork &n = r->network;
    QCOMPARE(n.caCertificates, QStringList {QStringLiteral("/etc/bank/ca.pem")});
    QCOMPARE(n.clientCertificates.size(), 2);
    QCOMPARE(n.clientCertificates[0].host, QStringLiteral("*.bank.test"));
    QCOMPARE(n.clientCertificates[0].pkcs12, QStringLiteral("/home/me/bank.p12"));
    QVERIFY(n.clientCertificates[0].certificate.isEmpty());
    QCOMPARE(n.passphrases.value(QStringLiteral("/home/me/bank.p12")), QStringLiteral("p12pass"));
    QCOMPARE(n.clientCertificates[1].key, QStringLiteral("/c/legacy.key"));
    QVERIFY(!n.clientCertificates[1].enabled);
    QCOMPARE(n.cookies.size(), 2); // the expired one is left out
    QCOMPARE(n.cookies[0].name, QStringLiteral("sid"));
    QVERIFY(n.cookies[0].secure && n.cookies[0].httpOnly && n.cookies[0].hostOnly);
    QCOMPARE(n.cookies[0].expires, QDateTime(QDate(2099, 1, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(!n.cookies[1].hostOnly);
    QVERIFY(n.cookies[1].isSession());
    QVERIFY(!r->root.requests[0].request.settings.cookies);
    QVERIFY(anyContains(r->report.lossy, QStringLiteral("neither sent nor stored")));
    QVERIFY(anyContains(r->report.created, QStringLiteral("Client certificate for *.bank.test")));
    QVERIFY(!anyContains(r->report.skipped, QStringLiteral("certificate")));

    const QByteArray v5 = "type: collection.insomnia.rest/5.0\n"
                          "name: Bank\n"
                          "collection:\n"
                          "  - name: Balance\n"
                          "    method: GET\n"
                          "    url: https://bank.test/balance\n"
                          "    settings:\n"
                          "      cookies:\n"
                          "        send: false\n"
                          "        store: false\n"
                          "certificates:\n"
                          "  - path: /etc/bank/ca.pem\n"
                          "  - path: /etc/old/ca.pem\n"
                          "    disabled: true\n"
                          "cookieJar:\n"
                          "  name: Default Jar\n"
                          "  cookies:\n"
                          "    - key: sid\n"
                          "      value: abc\n"
                          "      domain: bank.test\n"
                          "      path: /\n";
    const Result<ImportedCollection> r5 = importInsomnia(v5);
    QVERIFY2(r5.ok(), qPrintable(errorOf(r5)));
    QCOMPARE(r5->network.caCertificates, QStringList {QStringLiteral("/etc/bank/ca.pem")});
    QCOMPARE(r5->network.cookies.size(), 1);
    QVERIFY(!r5->root.requests[0].request.settings.cookies);
    QVERIFY(!anyContains(r5->report.lossy, QStringLiteral("neither sent nor stored")));
}

void TestInsomniaImport::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("inMessage");
    // Neither JSON nor YAML (flow-style YAML starts with '{' too and is tried second).
    QTest::newRow("bad json") << QByteArray("{\"_type\": \"export\",\n \"resources\": [1,}")
                              << QStringLiteral("insomnia-syntax") << QStringLiteral("line 2");
    QTest::newRow("bad yaml") << QByteArray("_type: export\nresources:\n  - a: [1, 2\n  b: c\n")
                              << QStringLiteral("insomnia-syntax") << QStringLiteral("line ");
    QTest::newRow("empty object") << QByteArray("{}") << QStringLiteral("not-insomnia")
                                  << QStringLiteral("_type");
    QTest::newRow("scalar") << QByteArray("just text") << QStringLiteral("not-insomnia")
                            << QStringLiteral("Insomnia");
    QTest::newRow("spec v5") << QByteArray("type: spec.insomnia.rest/5.0\nname: x\n")
                             << QStringLiteral("not-insomnia") << QStringLiteral("spec.insomnia");
    QTest::newRow("no resources") << QByteArray("{\"_type\": \"export\", \"__export_format\": 4}")
                                  << QStringLiteral("not-insomnia") << QStringLiteral("resources");
}

void TestInsomniaImport::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, code);
    QFETCH(QString, inMessage);
    const Result<ImportedCollection> r = importInsomnia(data);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().message.contains(inMessage), qPrintable(r.error().message));
}

void TestInsomniaImport::hostile()
{
    // Deep folders, v4.
    QByteArray deep = "{\"_type\":\"export\",\"__export_format\":4,\"resources\":["
                      "{\"_id\":\"w\",\"_type\":\"workspace\",\"name\":\"W\"}";
    for (int i = 0; i < 100; ++i)
        deep += ",{\"_id\":\"f" + QByteArray::number(i) + "\",\"parentId\":\""
            + (i == 0 ? QByteArray("w") : "f" + QByteArray::number(i - 1))
            + "\",\"_type\":\"request_group\",\"name\":\"F\"}";
    deep += "]}";
    Result<ImportedCollection> r = importInsomnia(deep);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("too-deep"));

    // Deep folders, v5 YAML.
    QByteArray deepYaml = "type: collection.insomnia.rest/5.0\nname: D\ncollection:\n";
    QByteArray indent = "  ";
    for (int i = 0; i < 100; ++i) {
        deepYaml += indent + "- name: F\n" + indent + "  children:\n";
        indent += "    ";
    }
    r = importInsomnia(deepYaml);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("too-deep"));

    // Many requests: over the limit, then a large file under the default limits.
    QByteArray many = "{\"_type\":\"export\",\"__export_format\":4,\"resources\":["
                      "{\"_id\":\"w\",\"_type\":\"workspace\",\"name\":\"W\"}";
    for (int i = 0; i < 20000; ++i)
        many += ",{\"_id\":\"r" + QByteArray::number(i)
            + "\",\"parentId\":\"w\",\"_type\":\"request\",\"name\":\"R\",\"method\":\"GET\","
              "\"url\":\"https://h/{{ _.x }}\",\"metaSortKey\":"
            + QByteArray::number(20000 - i) + "}";
    many += "]}";
    ImportLimits few;
    few.maxItems = 1000;
    r = importInsomnia(many, few);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("too-many-items"));
    r = importInsomnia(many);
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    QCOMPARE(r->root.requests.size(), 20000);
    QCOMPARE(r->root.requests.constFirst().request.url, QStringLiteral("https://h/{{x}}"));

    ImportLimits tiny;
    tiny.maxFileBytes = 100;
    r = importInsomnia(many, tiny);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("file-too-large"));

    // A parentId cycle neither hangs nor drops anything silently.
    const QByteArray cycle = "{\"_type\":\"export\",\"__export_format\":4,\"resources\":["
                             "{\"_id\":\"w\",\"_type\":\"workspace\",\"name\":\"W\"},"
                             "{\"_id\":\"a\",\"parentId\":\"b\",\"_type\":\"request_group\","
                             "\"name\":\"A\"},"
                             "{\"_id\":\"b\",\"parentId\":\"a\",\"_type\":\"request_group\","
                             "\"name\":\"B\"}]}";
    r = importInsomnia(cycle);
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    QCOMPARE(r->report.skipped.size(), 2);

    // Deeply nested YAML flow collections fail cleanly instead of exhausting the stack.
    r = importInsomnia(
        QByteArray("type: collection.insomnia.rest/5.0\nx: " + QByteArray(100000, '[')));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().code == QLatin1String("insomnia-syntax")
                 || r.error().code == QLatin1String("too-deep"),
             qPrintable(errorOf(r)));

    // Deep JSON nesting inside a value.
    const QByteArray nested = "{\"_type\":\"export\",\"resources\":[],\"x\":" + QByteArray(300, '[')
        + QByteArray(300, ']') + "}";
    r = importInsomnia(nested);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("too-deep"));
}

QTEST_GUILESS_MAIN(TestInsomniaImport)
#include "tst_insomniaimport.moc"
