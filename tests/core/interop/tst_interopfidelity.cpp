// Regression tests for the classes of interop failures found on real files (issue 16): each row
// is a small file written the way the other tool writes it, imported through importFile() with
// format detection, as a user would.

#include "core/interop/importdetect.h"
#include "core/interop/postmanexport.h"
#include "tests/support/testfiles.h"

#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QList<SavedRequest> allRequests(const ImportedFolder &folder)
{
    QList<SavedRequest> out = folder.requests;
    for (const ImportedFolder &f : folder.folders)
        out += allRequests(f);
    return out;
}

QStringList methodsAndUrls(const ImportedCollection &c)
{
    QStringList out;
    for (const SavedRequest &r : allRequests(c.root))
        out << r.request.method + u' ' + r.request.url;
    return out;
}

bool anyContains(const QStringList &lines, const QString &text)
{
    return std::any_of(lines.cbegin(), lines.cend(),
                       [&](const QString &l) { return l.contains(text); });
}

QStringList L(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

KeyValue kv(const char *name, const char *value, bool enabled = true)
{
    return {QString::fromUtf8(name), QString::fromUtf8(value), enabled};
}

QByteArray utf16(const QString &text, QStringConverter::Encoding encoding, bool bom)
{
    QStringEncoder encode(encoding,
                          bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return encode(text);
}

const char *const kPostman
    = "{\"info\": {\"name\": \"Enc\", \"schema\":\n"
      " \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
      " \"item\": [{\"name\": \"One\", \"request\": {\"method\": \"GET\", \"url\": "
      "\"https://example.com/é\"}}]}";

} // namespace

class TestInteropFidelity final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Imports `bytes` saved as `name`, with the format detected from the content.
    Result<ImportedCollection> importBytes(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        if (!writeFile(path, bytes))
            return Error {QStringLiteral("test"), path};
        return importFile(path);
    }

private slots:
    void detectsByContentInAnyEncoding_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("format");
        const QString postman = QString::fromUtf8(kPostman);
        QTest::newRow("postman utf-8 bom")
            << "a.json" << ("\xEF\xBB\xBF" + postman.toUtf8()) << "postman";
        QTest::newRow("postman utf-16le bom")
            << "b.json" << utf16(postman, QStringConverter::Utf16LE, true) << "postman";
        QTest::newRow("postman utf-16be bom")
            << "c.json" << utf16(postman, QStringConverter::Utf16BE, true) << "postman";
        QTest::newRow("postman utf-16le no bom")
            << "d.json" << utf16(postman, QStringConverter::Utf16LE, false) << "postman";
        QTest::newRow("insomnia v4 yaml block style")
            << "e.yaml"
            << QByteArray("_type: export\n__export_format: 4\nresources:\n  - _id: req_1\n"
                          "    _type: request\n    parentId: wrk_1\n    name: One\n"
                          "    method: GET\n    url: https://example.com\n  - _id: wrk_1\n"
                          "    _type: workspace\n    name: W\n")
            << "insomnia";
        QTest::newRow("insomnia v4 yaml flow style")
            << "f.yaml"
            << QByteArray("{_type: export, __export_format: 4, resources: [{_id: req_1, "
                          "_type: request, parentId: wrk_1, name: One, method: GET, url: "
                          "'https://example.com'}, {_id: wrk_1, _type: workspace, name: W}]}\n")
            << "insomnia";
        QTest::newRow("postman environment with extra fields")
            << "g.json"
            << QByteArray("{\"id\": \"5f\", \"name\": \"Dev\", \"values\": [{\"key\": \"a\", "
                          "\"value\": \"1\", \"enabled\": true, \"type\": \"default\"}], "
                          "\"color\": null, \"_postman_exported_at\": \"2024-01-01\", "
                          "\"_postman_exported_using\": \"Postman/10\", \"info\": {}, "
                          "\"item\": \"none\"}")
            << "postman-environment";
        QTest::newRow("curl after a shebang, comments and a prompt")
            << "h.sh"
            << QByteArray("#!/bin/sh\n# don't run this twice\n$ curl https://example.com/a\n")
            << "curl";
    }

    void detectsByContentInAnyEncoding()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, format);
        QCOMPARE(importFormatName(detectImportFormat(m_dir.filePath(name), bytes)), format);
        const Result<ImportedCollection> imported = importBytes(name, bytes);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        if (format == QLatin1String("postman"))
            QCOMPARE(methodsAndUrls(*imported), L({"GET https://example.com/é"}));
        if (format == QLatin1String("insomnia"))
            QCOMPARE(methodsAndUrls(*imported), L({"GET https://example.com"}));
        if (format == QLatin1String("postman-environment"))
            QCOMPARE(imported->environments.value(0).variables.size(), 1);
    }

    // Several commands, and the shell around them, as documentation and converters' tests have.
    void curlFileWithSeveralCommands()
    {
        const QByteArray script = "#!/bin/bash\n"
                                  "# Create the user, then read it back (it's idempotent)\n"
                                  "export BASE=https://api.example.com\n"
                                  "$ curl -s -X POST \"$BASE/users\" -H 'Content-Type: "
                                  "application/json' --data-binary @- <<EOF\n"
                                  "{\"name\": \"ada\"}\n"
                                  "EOF\n"
                                  "curl -s ${BASE}/users/1 > user.json 2>&1\n"
                                  "curl -s https://api.example.com/health | jq .status\n"
                                  "TOKEN=$(curl -s https://auth.example.com/token)\n"
                                  "curl -T upload.bin https://api.example.com/files\n";
        const Result<ImportedCollection> imported = importBytes(QStringLiteral("users.sh"), script);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        const QList<SavedRequest> requests = allRequests(imported->root);
        QCOMPARE(
            methodsAndUrls(*imported),
            L({"POST {{BASE}}/users", "GET {{BASE}}/users/1", "GET https://api.example.com/health",
               "GET https://auth.example.com/token", "PUT https://api.example.com/files"}));
        QCOMPARE(requests.at(0).request.body.text, QStringLiteral("{\"name\": \"ada\"}\n"));
        const ImportReport &report = imported->report;
        QCOMPARE(report.requestCount(), 5);
        QCOMPARE(report.requestsSkipped, 0);
        QVERIFY(anyContains(report.lossy, QStringLiteral("piped into the next command")));
        QVERIFY(anyContains(report.lossy, QStringLiteral("the redirect \"> user.json\"")));
        QVERIFY(anyContains(report.lossy, QStringLiteral("{{BASE}}")));
        QVERIFY(anyContains(report.skipped, QStringLiteral("jq .status")));
    }

    // httpyac and kulala start a request at each request line: never merge them.
    void httpFileRequestsAreNeverMerged()
    {
        const QByteArray file
            = "@host = https://api.example.com\n"
              "# @name first\n"
              "GET {{host}}/a\n"
              "Accept : application/json\n"
              "\n"
              "# @name second\n"
              "POST {{host}}/b\n"
              "Content-Type: application/json\n"
              "\n"
              "{\"x\": 1}\n"
              "\n"
              "DELETE {{host}}/c\n"
              "  ?force=true\n"
              "  &reason=test\n"
              "\n"
              "###\n"
              "< {%\n"
              "  request.variables.set(\"id\", \"7\")\n"
              "%}\n"
              "PUT {{host}}/d/{{id}}\n"
              "Content-Type: application/json\n"
              "\n"
              "< ./body.json\n"
              "\n"
              "> {%\n"
              "  client.global.set(\"etag\", response.headers.valueOf(\"ETag\"));\n"
              "%}\n"
              "\n"
              "###\n"
              "{{\n"
              "  exports.started = Date.now();\n"
              "}}\n"
              "POST {{host}}/graphql\n"
              "\n"
              "query Users($first: Int) {\n"
              "  users(first: $first) { name }\n"
              "}\n"
              "\n"
              "{\"first\": 2}\n"
              "\n"
              "###\n"
              "GRPC grpcb.in:9000/hello.HelloService/SayHello\n"
              "\n"
              "{\"greeting\": \"world\"}\n";
        const Result<ImportedCollection> imported = importBytes(QStringLiteral("api.http"), file);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(methodsAndUrls(*imported),
                 L({"GET {{host}}/a", "POST {{host}}/b", "DELETE {{host}}/c?force=true&reason=test",
                    "PUT {{host}}/d/{{id}}", "POST {{host}}/graphql"}));
        const QList<SavedRequest> r = allRequests(imported->root);
        QCOMPARE(r.at(0).name, QStringLiteral("first"));
        QCOMPARE(r.at(0).request.headers.value(0).name, QStringLiteral("Accept"));
        QCOMPARE(r.at(1).name, QStringLiteral("second"));
        QCOMPARE(r.at(1).request.body.text, QStringLiteral("{\"x\": 1}"));
        QCOMPARE(r.at(3).preRequestScript, QStringLiteral("request.variables.set(\"id\", \"7\")"));
        QVERIFY(r.at(3).testScript.contains(QLatin1String("client.global.set(\"etag\"")));
        QCOMPARE(r.at(3).request.body.mode, BodyMode::BinaryFile);
        QVERIFY(r.at(3).request.body.filePath.endsWith(QLatin1String("/body.json")));
        QCOMPARE(r.at(4).preRequestScript, QStringLiteral("exports.started = Date.now();"));
        QCOMPARE(r.at(4).request.body.mode, BodyMode::GraphQl);
        QVERIFY(r.at(4).request.body.graphql.query.startsWith(QLatin1String("query Users(")));
        QCOMPARE(r.at(4).request.body.graphql.variables, QStringLiteral("{\"first\": 2}"));
        QCOMPARE(imported->info.variables.value(0).name, QStringLiteral("host"));
        const ImportReport &report = imported->report;
        QCOMPARE(report.requestCount(), 6); // six request lines
        QCOMPARE(report.requestsSkipped, 1); // the gRPC one, named
        QVERIFY(anyContains(report.skipped, QStringLiteral("GRPC requests are not HTTP")));
    }

    void postmanQueryAndMethodSurviveTheRoundTrip()
    {
        const QByteArray collection
            = "{\"info\": {\"name\": \"Q\", \"schema\":\n"
              " \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
              " \"item\": [\n"
              "  {\"name\": \"flags\", \"request\": {\"method\": \"GET\", \"url\": {\"raw\": "
              "\"https://x.test/p?foo1&foo2&a=%20b\",\n"
              "    \"protocol\": \"https\", \"host\": [\"x\", \"test\"], \"path\": [\"p\"],\n"
              "    \"query\": [{\"key\": \"foo1\", \"value\": null}, {\"key\": \"foo2\", "
              "\"value\": null},\n"
              "              {\"key\": \"a\", \"value\": \"%20b\"}, {\"key\": \"off\", \"value\": "
              "\"1\", \"disabled\": true}]}}},\n"
              "  {\"name\": \"blank method\", \"request\": {\"method\": \"  \", \"url\": "
              "\"https://x.test/blank\"}},\n"
              "  {\"name\": \"no request at all\"}\n"
              " ]}";
        const Result<ImportedCollection> imported
            = importBytes(QStringLiteral("q.postman_collection.json"), collection);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(methodsAndUrls(*imported),
                 L({"GET https://x.test/p?foo1&foo2&a=%20b", "GET https://x.test/blank"}));
        const ImportReport &report = imported->report;
        QCOMPARE(report.requestCount(), 3);
        QCOMPARE(report.requestsSkipped, 1);
        QVERIFY(anyContains(report.skipped, QStringLiteral("no request at all")));
        QVERIFY(anyContains(report.lossy, QStringLiteral("is blank; GET is used")));
        const QList<SavedRequest> r = allRequests(imported->root);
        QCOMPARE(r.at(0).request.params, (KeyValueList {kv("off", "1", false)}));
    }

    // newman applies a collection's or folder's protocolProfileBehavior to every request inside
    // (its test fixture protocol-profile-behavior.postman_collection.json turns redirects off at
    // the collection level); a request's own settings win.
    void postmanSettingsAreInherited()
    {
        const QByteArray collection
            = "{\"info\": {\"name\": \"B\", \"schema\":\n"
              " \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
              " \"protocolProfileBehavior\": {\"followRedirects\": false, \"maxRedirects\": 3,\n"
              "   \"followOriginalHttpMethod\": true, \"removeRefererHeaderOnRedirect\": false},\n"
              " \"item\": [\n"
              "  {\"name\": \"top\", \"request\": {\"method\": \"GET\", \"url\": "
              "\"https://x.test/a\"}},\n"
              "  {\"name\": \"F\", \"protocolProfileBehavior\": {\"strictSSL\": false,\n"
              "      \"disableBodyPruning\": true},\n"
              "   \"item\": [\n"
              "    {\"name\": \"inner\", \"request\": {\"method\": \"GET\", \"url\": "
              "\"https://x.test/b\",\n"
              "      \"body\": {\"mode\": \"raw\", \"raw\": \"kept\"}}},\n"
              "    {\"name\": \"own\", \"protocolProfileBehavior\": {\"followRedirects\": true},\n"
              "     \"request\": {\"method\": \"GET\", \"url\": \"https://x.test/c\"}}]}]}";
        const Result<ImportedCollection> imported
            = importBytes(QStringLiteral("b.postman_collection.json"), collection);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        const QList<SavedRequest> r = allRequests(imported->root);
        QCOMPARE(r.size(), 3);
        QCOMPARE(r.at(0).request.settings.followRedirects, false);
        QCOMPARE(r.at(0).request.settings.maxRedirects, 3);
        QCOMPARE(r.at(0).request.settings.verifyTls, true);
        QCOMPARE(r.at(1).request.settings.followRedirects, false);
        QCOMPARE(r.at(1).request.settings.verifyTls, false);
        QCOMPARE(r.at(1).request.body.text, QStringLiteral("kept"));
        QCOMPARE(r.at(2).request.settings.followRedirects, true);
        QCOMPARE(r.at(2).request.settings.verifyTls, false);
        const QStringList &lossy = imported->report.lossy;
        // Settings Patchbay lacks are reported once where they are set; those left off are not.
        QCOMPARE(lossy.filter(QStringLiteral("followOriginalHttpMethod")).size(), 1);
        QVERIFY(!anyContains(lossy, QStringLiteral("removeRefererHeaderOnRedirect")));
        QVERIFY(!anyContains(lossy, QStringLiteral("settings not imported")));
    }

    void postmanVersionsAndWrappedForm_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("sent");
        QTest::addColumn<QString>("note");
        QTest::newRow("Postman API wrapped form") << QByteArray(
            "{\"collection\": {\"info\": {\"name\": \"W\", \"schema\":\n"
            " \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n"
            " \"item\": [{\"name\": \"a\", \"request\": {\"method\": \"POST\", \"url\": "
            "\"https://x.test/a\"}}]}}") << L({"POST https://x.test/a"})
                                                  << QString();
        QTest::newRow("unknown schema version") << QByteArray(
            "{\"info\": {\"name\": \"S\", \"schema\":\n"
            " \"https://schema.getpostman.com/json/collection/v3.0.0/collection.json\"},\n"
            " \"item\": [{\"name\": \"a\", \"request\": {\"method\": \"GET\", \"url\": "
            "\"https://x.test/a\"}}]}") << L({"GET https://x.test/a"})
                                                << QStringLiteral("is not Collection v2.0");
        QTest::newRow("collection v1")
            << QByteArray(
                   "{\"id\": \"c1\", \"name\": \"Old\", \"order\": [\"r2\"], \"folders\": [\n"
                   " {\"id\": \"f1\", \"name\": \"F\", \"order\": [\"r1\"]}], \"requests\": [\n"
                   " {\"id\": \"r1\", \"name\": \"one\", \"method\": \"PUT\", \"url\": "
                   "\"https://x.test/users/:id\",\n"
                   "  \"pathVariables\": {\"id\": \"7\"}, \"headers\": \"Accept: text/plain\\n// "
                   "X-Off: 1\\n\",\n"
                   "  \"dataMode\": \"raw\", \"rawModeData\": \"hello\", \"tests\": \"tests['ok'] "
                   "= true;\"},\n"
                   " {\"id\": \"r2\", \"name\": \"two\", \"method\": \"GET\", \"url\": "
                   "\"https://x.test/two\", \"headers\": \"\"}]}")
            << L({"PUT https://x.test/users/7", "GET https://x.test/two"})
            << QStringLiteral("Collection v1");
    }

    void postmanVersionsAndWrappedForm()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, sent);
        QFETCH(QString, note);
        const Result<ImportedCollection> imported = importBytes(QStringLiteral("v.json"), json);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QStringList got = methodsAndUrls(*imported);
        got.sort();
        sent.sort();
        QCOMPARE(got, sent);
        QCOMPARE(imported->report.requestCount(), sent.size());
        if (!note.isEmpty())
            QVERIFY2(anyContains(imported->report.lossy, note),
                     qPrintable(imported->report.lossy.join(u'\n')));
    }

    void postmanV1KeepsHeadersBodyAndScripts()
    {
        const QByteArray json
            = "{\"id\": \"c1\", \"name\": \"Old\", \"order\": [\"r1\"], \"requests\": [\n"
              " {\"id\": \"r1\", \"name\": \"one\", \"method\": \"POST\", \"url\": "
              "\"https://x.test/a\",\n"
              "  \"headers\": \"Accept: text/plain\\n// X-Off: 1\\n\", \"dataMode\": "
              "\"urlencoded\",\n"
              "  \"data\": [{\"key\": \"a\", \"value\": \"1\", \"type\": \"text\", \"enabled\": "
              "true}],\n"
              "  \"preRequestScript\": \"console.log(1);\", \"tests\": \"tests['ok'] = true;\"}]}";
        const Result<ImportedCollection> imported = importBytes(QStringLiteral("v1.json"), json);
        QVERIFY(imported.ok());
        const SavedRequest r = allRequests(imported->root).value(0);
        QCOMPARE(r.request.headers,
                 (KeyValueList {kv("Accept", "text/plain"), kv("X-Off", "1", false)}));
        QCOMPARE(r.request.body.mode, BodyMode::FormUrlEncoded);
        QCOMPARE(r.request.body.formFields, (KeyValueList {kv("a", "1")}));
        QCOMPARE(r.preRequestScript, QStringLiteral("console.log(1);"));
        QCOMPARE(r.testScript, QStringLiteral("tests['ok'] = true;"));
    }

    void insomniaV5OtherKindsAreReportedLost()
    {
        const QByteArray yaml = "type: collection.insomnia.rest/5.0\n"
                                "name: Kinds\n"
                                "collection:\n"
                                "  - url: https://x.test/a\n"
                                "    name: http\n"
                                "    method: GET\n"
                                "    meta:\n"
                                "      id: req_1\n"
                                "  - url: grpcb.in:9000\n"
                                "    name: hello\n"
                                "    protoMethodName: /hello.HelloService/SayHello\n"
                                "    meta:\n"
                                "      id: greq_1\n"
                                "  - url: wss://echo.test/socket\n"
                                "    name: socket\n"
                                "    meta:\n"
                                "      id: ws-req_1\n";
        const Result<ImportedCollection> imported = importBytes(QStringLiteral("k.yaml"), yaml);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(methodsAndUrls(*imported), L({"GET https://x.test/a"}));
        const ImportReport &report = imported->report;
        QCOMPARE(report.requestCount(), 3);
        QCOMPARE(report.requestsSkipped, 2);
        QVERIFY(anyContains(report.skipped, QStringLiteral("gRPC request hello")));
        QVERIFY(anyContains(report.skipped, QStringLiteral("WebSocket request socket")));
    }

    void brunoExamplesAndOtherKinds()
    {
        const QString dir = m_dir.filePath(QStringLiteral("bruno"));
        QVERIFY(writeFile(dir + QStringLiteral("/bruno.json"),
                          "{\"version\": \"1\", \"name\": \"B\", \"type\": \"collection\"}"));
        QVERIFY(writeFile(dir + QStringLiteral("/health.bru"),
                          "meta {\n"
                          "  name: health\n"
                          "  type: http\n"
                          "  seq: 1\n"
                          "}\n"
                          "\n"
                          "get {\n"
                          "  url: https://x.test/health\n"
                          "}\n"
                          "\n"
                          "headers {\n"
                          "  @description('''\n"
                          "    Asked by the monitor\n"
                          "  ''')\n"
                          "  X-Probe: 1\n"
                          "}\n"
                          "\n"
                          "example {\n"
                          "  name: healthy\n"
                          "\n"
                          "  request: {\n"
                          "    url: https://x.test/health\n"
                          "    method: get\n"
                          "    body:json: {\n"
                          "      {\n"
                          "        \"a\": 1\n"
                          "      }\n"
                          "    }\n"
                          "  }\n"
                          "\n"
                          "  response: {\n"
                          "    status: {\n"
                          "      code: 200\n"
                          "    }\n"
                          "  }\n"
                          "}\n"));
        QVERIFY(writeFile(dir + QStringLiteral("/socket.bru"),
                          "meta {\n"
                          "  name: socket\n"
                          "  type: ws\n"
                          "  seq: 2\n"
                          "}\n"
                          "\n"
                          "ws {\n"
                          "  url: wss://x.test/ws\n"
                          "}\n"));
        const Result<ImportedCollection> imported = importFile(dir);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(methodsAndUrls(*imported), L({"GET https://x.test/health"}));
        QCOMPARE(allRequests(imported->root).value(0).request.headers,
                 (KeyValueList {kv("X-Probe", "1")}));
        const ImportReport &report = imported->report;
        QCOMPARE(report.requestsLossy, 1);
        QCOMPARE(report.requestsSkipped, 1);
        QVERIFY(anyContains(report.lossy, QStringLiteral("1 saved example responses")));
        QVERIFY(anyContains(report.skipped, QStringLiteral("WebSocket request socket")));
    }
};

QTEST_GUILESS_MAIN(TestInteropFidelity)
#include "tst_interopfidelity.moc"
