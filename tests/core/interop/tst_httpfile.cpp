#include "core/collections/workspace.h"
#include "core/interop/httpfileexport.h"
#include "core/interop/httpfileimport.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using Patchbay::Test::writeFile;

namespace {

QString dataDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/interop/data/http");
}

QByteArray readData(const QString &name)
{
    QFile file(dataDir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

KeyValue kv(const char *name, const char *value, bool enabled = true)
{
    return {QString::fromUtf8(name), QString::fromUtf8(value), enabled};
}

bool anyContains(const QStringList &list, const QString &needle)
{
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const QString &s) { return s.contains(needle); });
}

// The URL a request is sent to before variables are resolved: its own plus enabled params.
QString effectiveUrl(const Request &r)
{
    QString url = r.url;
    for (const KeyValue &p : r.params) {
        if (p.enabled)
            url += (url.contains(u'?') ? u'&' : u'?') + p.name + u'=' + p.value;
    }
    return url;
}

RequestBody enabledOnly(RequestBody body)
{
    body.formFields.removeIf([](const KeyValue &f) { return !f.enabled; });
    body.multipartFields.removeIf([](const MultipartField &f) { return !f.enabled; });
    return body;
}

} // namespace

class TestHttpFile final : public QObject
{
    Q_OBJECT

private slots:
    void jetbrains();
    void vscode();
    void errors_data();
    void errors();
    void toleratedProblems_data();
    void toleratedProblems();
    void limits();
    void manyRequests();
    void exportRoundTrip();
    void exportUnknownPath();
    void fileReferencesStayInside();
};

void TestHttpFile::jetbrains()
{
    const Result<ImportedCollection> imported
        = importHttpFile(readData(QStringLiteral("jetbrains.http")), dataDir());
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    const ImportedCollection &c = imported.value();
    QCOMPARE(c.info.variables,
             (VariableList {
                 {QStringLiteral("host"), QStringLiteral("https://api.example.com"), true, false},
                 {QStringLiteral("token"), QStringLiteral("abc123"), true, false}}));
    const QList<SavedRequest> &rs = c.root.requests;
    QCOMPARE(rs.size(), 5);

    QCOMPARE(rs[0].name, QStringLiteral("List users"));
    QCOMPARE(rs[0].description, QStringLiteral("Lists every user."));
    QCOMPARE(rs[0].request.method, QStringLiteral("GET"));
    QCOMPARE(rs[0].request.url, QStringLiteral("{{host}}/users?page=2&limit=10"));
    QCOMPARE(rs[0].request.headers,
             (KeyValueList {kv("Accept", "application/json"), kv("X-Debug", "1", false)}));
    QCOMPARE(rs[0].request.settings.followRedirects, false);
    QCOMPARE(rs[0].request.body.mode, BodyMode::None);

    QCOMPARE(rs[1].name, QStringLiteral("Create user"));
    QCOMPARE(rs[1].request.method, QStringLiteral("POST"));
    QCOMPARE(rs[1].request.url, QStringLiteral("{{host}}/users"));
    QCOMPARE(rs[1].request.body.mode, BodyMode::Json);
    QCOMPARE(rs[1].request.body.text, QStringLiteral("{\n  \"name\": \"Ann\",\n  \"age\": 30\n}"));
    QCOMPARE(rs[1].request.headers, (KeyValueList {kv("Authorization", "Bearer {{token}}")}));
    QVERIFY(anyContains(c.report.lossy,
                        QStringLiteral("Request Create user (line 15): the "
                                       "response handler script")));
    QCOMPARE(rs[1].testScript,
             QStringLiteral("client.test(\"created\", function() { client.assert(response.status "
                            "=== 201); });"));
    QVERIFY(rs[0].testScript.isEmpty());

    const QString base = QDir(dataDir()).absolutePath();
    QCOMPARE(rs[2].name, QStringLiteral("Upload avatar"));
    QCOMPARE(rs[2].request.body.mode, BodyMode::Multipart);
    QCOMPARE(rs[2].request.body.multipartFields,
             (QList<MultipartField> {
                 {QStringLiteral("caption"), QStringLiteral("My face"), false, {}, true},
                 {QStringLiteral("file"), base + QStringLiteral("/avatar.png"), true,
                  QStringLiteral("image/png"), true}}));
    QVERIFY(rs[2].request.headers.isEmpty());

    QCOMPARE(rs[3].name, QStringLiteral("Replace from file"));
    QCOMPARE(rs[3].request.method, QStringLiteral("PUT"));
    QCOMPARE(rs[3].request.body.mode, BodyMode::BinaryFile);
    QCOMPARE(rs[3].request.body.filePath, base + QStringLiteral("/user.json"));
    QCOMPARE(rs[3].request.body.contentType, QStringLiteral("application/json"));
    QVERIFY(anyContains(c.report.lossy, QStringLiteral("Request Replace from file")));

    QCOMPARE(rs[4].name, QStringLiteral("GET https://api.example.com/health"));
    QCOMPARE(rs[4].request.url, QStringLiteral("https://api.example.com/health"));

    QVERIFY(c.report.created.contains(QStringLiteral("Request List users")));
    QVERIFY(c.report.created.contains(QStringLiteral("Collection variable token")));
    QVERIFY(c.report.skipped.isEmpty());
    for (int i = 0; i < rs.size(); ++i)
        QCOMPARE(rs[i].order, qint64(i + 1));
}

void TestHttpFile::vscode()
{
    const Result<ImportedCollection> imported
        = importHttpFile(readData(QStringLiteral("vscode.rest")), dataDir());
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    const ImportedCollection &c = imported.value();
    QCOMPARE(c.info.variables.size(), 2);
    QCOMPARE(c.info.variables[1].name, QStringLiteral("contentType"));
    const QList<SavedRequest> &rs = c.root.requests;
    QCOMPARE(rs.size(), 5);

    QCOMPARE(rs[0].name, QStringLiteral("login"));
    QCOMPARE(rs[0].request.method, QStringLiteral("POST"));
    QCOMPARE(rs[0].request.body.mode, BodyMode::FormUrlEncoded);
    QCOMPARE(rs[0].request.body.formFields,
             (KeyValueList {kv("name", "foo"), kv("password", "b@r baz")}));
    QVERIFY(rs[0].request.headers.isEmpty());

    QCOMPARE(rs[1].name, QStringLiteral("getProfile"));
    QCOMPARE(rs[1].request.url, QStringLiteral("{{baseUrl}}/me"));
    QCOMPARE(rs[1].request.auth.mode, AuthMode::Basic);
    QCOMPARE(rs[1].request.auth.username, QStringLiteral("alice"));
    QCOMPARE(rs[1].request.auth.password, QStringLiteral("s3cret"));
    QVERIFY(rs[1].request.headers.isEmpty());

    QCOMPARE(rs[2].name, QStringLiteral("search"));
    QCOMPARE(rs[2].request.url, QStringLiteral("{{baseUrl}}/search?q=rest%20client&limit=5"));
    QCOMPARE(rs[2].request.headers, (KeyValueList {kv("Content-Type", "{{contentType}}")}));

    QCOMPARE(rs[3].name, QStringLiteral("Plain text"));
    QCOMPARE(rs[3].request.method, QStringLiteral("PATCH"));
    QCOMPARE(rs[3].request.body.mode, BodyMode::Text);
    QCOMPARE(rs[3].request.body.text, QStringLiteral("first line\nsecond line"));
    QCOMPARE(rs[3].request.body.contentType, QStringLiteral("text/plain"));
    QCOMPARE(rs[3].request.settings.timeoutMs, 5000);

    QCOMPARE(rs[4].name, QStringLiteral("Digest"));
    QCOMPARE(rs[4].description, QStringLiteral("A comment about this request"));
    // REST Client's "Digest user password" becomes Digest auth (the header goes).
    QVERIFY(rs[4].request.headers.isEmpty());
    QCOMPARE(rs[4].request.auth.mode, AuthMode::Digest);
    QCOMPARE(rs[4].request.auth.digest.username, QStringLiteral("alice"));
    QCOMPARE(rs[4].request.auth.digest.password, QStringLiteral("pw"));
    QVERIFY(!anyContains(c.report.lossy, QStringLiteral("Request Digest")));
}

void TestHttpFile::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::newRow("unclosed handler")
        << QByteArray("GET http://h/\n\n> {%\n client.log(1);\n") << 3;
}

// Lines the dialects accept or that only lose a detail no longer fail the whole file (issue 16):
// each is named in the report with its line, and every request line still counts.
void TestHttpFile::toleratedProblems_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reported");
    QTest::addColumn<int>("requests");
    QTest::newRow("bad variable") << QByteArray("@host = x\n@ = y\nGET http://h/\n")
                                  << QStringLiteral("(line 2) is not a file variable") << 1;
    QTest::newRow("not a header, taken as the body")
        << QByteArray("### A\nGET http://h/\nAccept: */*\nthis is not a header\n")
        << QStringLiteral("line 4 \"this is not a header\" is not a header") << 1;
    QTest::newRow("space in url") << QByteArray("\n\nGET http://h/a b c\n")
                                  << QStringLiteral("line 3: the request line") << 1;
    QTest::newRow("second block") << QByteArray(
        "GET http://h/\n\n###\nPOST http://h/\nbad line here\n")
                                  << QStringLiteral("line 5 \"bad line here\"") << 2;
}

void TestHttpFile::toleratedProblems()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, reported);
    QFETCH(int, requests);
    const Result<ImportedCollection> imported = importHttpFile(text, QString());
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    const QStringList lines = imported->report.lossy + imported->report.skipped;
    QVERIFY2(anyContains(lines, reported), qPrintable(lines.join(u'\n')));
    QCOMPARE(imported->report.requestCount(), requests);
}

void TestHttpFile::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    const Result<ImportedCollection> imported = importHttpFile(text, QString());
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error().code, QStringLiteral("http-syntax"));
    QVERIFY2(imported.error().message.startsWith(QStringLiteral("Line %1:").arg(line)),
             qPrintable(imported.error().message));
}

void TestHttpFile::limits()
{
    ImportLimits small;
    small.maxFileBytes = 1000;
    const QByteArray big = "GET http://h/\nX-Big: " + QByteArray(2000, 'a') + '\n';
    Result<ImportedCollection> r = importHttpFile(big, QString(), small);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("file-too-large"));

    ImportLimits few;
    few.maxItems = 10;
    QByteArray many;
    for (int i = 0; i < 11; ++i)
        many += "###\nGET http://h/" + QByteArray::number(i) + '\n';
    r = importHttpFile(many, QString(), few);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("too-many-items"));

    // A block with a name but no request is reported, not dropped silently.
    r = importHttpFile("### Empty\n# nothing here\n\n### Real\nGET http://h/\n", QString());
    QVERIFY(r.ok());
    QCOMPARE(r->root.requests.size(), 1);
    QCOMPARE(r->report.skipped.size(), 1);
    QVERIFY(r->report.skipped.constFirst().contains(QLatin1String("Empty")));

    // Unknown directives are reported.
    r = importHttpFile("# @no-cookie-jar\nGET http://h/\n", QString());
    QVERIFY(r.ok());
    QVERIFY(anyContains(r->report.lossy, QStringLiteral("@no-cookie-jar")));
}

void TestHttpFile::manyRequests()
{
    QByteArray text;
    const int count = 20000;
    for (int i = 0; i < count; ++i)
        text += "### R" + QByteArray::number(i) + "\nPOST http://h/" + QByteArray::number(i)
            + "\nContent-Type: application/json\n\n{\"i\": " + QByteArray::number(i) + "}\n\n";
    const Result<ImportedCollection> r = importHttpFile(text, QString());
    QVERIFY(r.ok());
    QCOMPARE(r->root.requests.size(), count);
    QCOMPARE(r->root.requests.last().request.body.text, QStringLiteral("{\"i\": 19999}"));
    // A single huge body.
    const QByteArray huge = "POST http://h/\n\n" + QByteArray(8 * 1024 * 1024, 'x');
    const Result<ImportedCollection> h = importHttpFile(huge, QString());
    QVERIFY(h.ok());
    QCOMPARE(h->root.requests.constFirst().request.body.text.size(), 8 * 1024 * 1024);
}

void TestHttpFile::exportRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<Workspace> opened = Workspace::open(dir.path());
    QVERIFY(opened.ok());
    Workspace ws = std::move(opened).value();
    const Result<QString> collectionPath = ws.createCollection(QStringLiteral("Shop API"));
    QVERIFY2(collectionPath.ok(),
             qPrintable(collectionPath.ok() ? QString() : collectionPath.error().message));
    CollectionInfo info = ws.item(*collectionPath)->collection;
    info.variables = {{QStringLiteral("base"), QStringLiteral("https://shop.example"), true, false},
                      {QStringLiteral("token"), QStringLiteral("hunter2"), true, true}};
    QVERIFY(ws.saveCollection(*collectionPath, info).ok());
    const Result<QString> folder = ws.createFolder(*collectionPath, QStringLiteral("Orders"));
    QVERIFY(folder.ok());

    QList<SavedRequest> originals;
    {
        SavedRequest s;
        s.name = QStringLiteral("List products");
        s.description = QStringLiteral("All products.\nPaged.");
        s.request.url = QStringLiteral("{{base}}/products?sort=name");
        s.request.params << kv("page", "2") << kv("off", "1", false);
        s.request.headers << kv("Accept", "application/json") << kv("X-Off", "1", false);
        originals << s;
    }
    {
        SavedRequest s;
        s.name = QStringLiteral("Create product");
        s.request.method = QStringLiteral("POST");
        s.request.url = QStringLiteral("{{base}}/products");
        s.request.body.mode = BodyMode::Json;
        s.request.body.text = QStringLiteral("{\n  \"name\": \"Lamp\",\n  \"price\": 9.50\n}");
        originals << s;
    }
    {
        SavedRequest s;
        s.name = QStringLiteral("Note");
        s.request.method = QStringLiteral("PUT");
        s.request.url = QStringLiteral("{{base}}/notes/1");
        s.request.body.mode = BodyMode::Text;
        s.request.body.text = QStringLiteral("line 1\nline 2");
        s.request.body.contentType = QStringLiteral("text/csv");
        originals << s;
    }
    {
        SavedRequest s;
        s.name = QStringLiteral("Login");
        s.request.method = QStringLiteral("POST");
        s.request.url = QStringLiteral("{{base}}/login");
        s.request.body.mode = BodyMode::FormUrlEncoded;
        s.request.body.formFields << kv("user", "ann o'neil") << kv("pw", "a&b=c+{{token}}");
        s.request.auth.mode = AuthMode::Basic;
        s.request.auth.username = QStringLiteral("ann");
        s.request.auth.password = QStringLiteral("{{token}}");
        originals << s;
    }
    {
        SavedRequest s;
        s.name = QStringLiteral("Upload");
        s.request.method = QStringLiteral("POST");
        s.request.url = QStringLiteral("{{base}}/upload");
        s.request.body.mode = BodyMode::Multipart;
        s.request.body.multipartFields
            << MultipartField {QStringLiteral("title"), QStringLiteral("a title"), false, {}, true}
            << MultipartField {QStringLiteral("file"), dir.filePath(QStringLiteral("pic.png")),
                               true, QStringLiteral("image/png"), true};
        originals << s;
    }
    {
        SavedRequest s;
        s.name = QStringLiteral("Raw file");
        s.request.method = QStringLiteral("PUT");
        s.request.url = QStringLiteral("{{base}}/raw");
        s.request.body.mode = BodyMode::BinaryFile;
        s.request.body.filePath = dir.filePath(QStringLiteral("data.bin"));
        s.request.body.contentType = QStringLiteral("application/octet-stream");
        s.request.settings.followRedirects = false;
        s.request.settings.timeoutMs = 5000;
        originals << s;
    }
    for (int i = 0; i < originals.size(); ++i) {
        const QString parent = i < 3 ? *collectionPath : *folder;
        const Result<QString> created = ws.createRequest(parent, originals[i]);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    }
    // Folders sort before or after requests; read the order back from the tree.
    QList<SavedRequest> expected;
    const std::function<void(const QList<CollectionItem> &)> walk
        = [&](const QList<CollectionItem> &items) {
              for (const CollectionItem &item : items) {
                  if (item.kind == ItemKind::Request)
                      expected << item.request;
                  else
                      walk(item.children);
              }
          };
    walk(ws.item(*collectionPath)->children);
    QCOMPARE(expected.size(), originals.size());

    const QByteArray exported = exportHttpFile(ws, *collectionPath);
    QVERIFY(exported.contains("@base = https://shop.example\n"));
    QVERIFY(exported.contains("\n@token =\n"));
    QVERIFY(!exported.contains("hunter2"));
    QVERIFY(exported.contains("# X-Off: 1\n"));
    QVERIFY(exported.contains("### List products\n"));

    const Result<ImportedCollection> back = importHttpFile(exported, dir.path());
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->info.variables.size(), 2);
    QCOMPARE(back->info.variables[1].value, QString());
    const QList<SavedRequest> &rs = back->root.requests;
    QCOMPARE(rs.size(), expected.size());
    for (int i = 0; i < rs.size(); ++i) {
        const SavedRequest &want = expected[i];
        const SavedRequest &got = rs[i];
        QCOMPARE(got.name, want.name);
        QCOMPARE(got.description, want.description);
        QCOMPARE(got.request.method, want.request.method);
        QCOMPARE(got.request.url, effectiveUrl(want.request));
        QCOMPARE(got.request.headers, want.request.headers);
        QCOMPARE(got.request.body, enabledOnly(want.request.body));
        QCOMPARE(got.request.auth, want.request.auth);
        QCOMPARE(got.request.settings, want.request.settings);
    }

    // A folder on its own.
    const QByteArray folderOnly = exportHttpFile(ws, *folder);
    const Result<ImportedCollection> folderBack = importHttpFile(folderOnly, dir.path());
    QVERIFY(folderBack.ok());
    QCOMPARE(folderBack->root.requests.size(), 3);
    QVERIFY(folderOnly.contains("@base = https://shop.example\n"));
}

void TestHttpFile::exportUnknownPath()
{
    QTemporaryDir dir;
    Result<Workspace> ws = Workspace::open(dir.path());
    QVERIFY(ws.ok());
    QVERIFY(exportHttpFile(*ws, dir.filePath(QStringLiteral("nope"))).isEmpty());
}

void TestHttpFile::fileReferencesStayInside()
{
    QTemporaryDir outside;
    QVERIFY(writeFile(outside.filePath(QStringLiteral("id_rsa")), "PRIVATE KEY"));
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("requests"))));
    const QString base = dir.filePath(QStringLiteral("requests"));
    QVERIFY(writeFile(base + QStringLiteral("/inside.json"), "{}"));
    QVERIFY(QFile::link(outside.filePath(QStringLiteral("id_rsa")),
                        base + QStringLiteral("/linked.json")));
    const QByteArray text = "### Inside\nPOST http://h/a\nContent-Type: application/json\n\n"
                            "< ./inside.json\n\n"
                            "### Up\nPOST http://h/b\n\n< ../../id_rsa\n\n"
                            "### Absolute\nPOST http://h/c\n\n< /etc/passwd\n\n"
                            "### Link\nPOST http://h/d\n\n< ./linked.json\n\n"
                            "### Part\nPOST http://h/e\n"
                            "Content-Type: multipart/form-data; boundary=B\n\n"
                            "--B\nContent-Disposition: form-data; name=\"key\"; filename=\"k\"\n\n"
                            "< ../../id_rsa\n--B\nContent-Disposition: form-data; name=\"t\"\n\n"
                            "text\n--B--\n";
    Result<ImportedCollection> r = importHttpFile(text, base);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    const QList<SavedRequest> &rs = r->root.requests;
    QCOMPARE(rs.size(), 5);
    QCOMPARE(rs[0].request.body.mode, BodyMode::BinaryFile);
    QCOMPARE(rs[0].request.body.filePath, base + QStringLiteral("/inside.json"));
    for (int i = 1; i <= 3; ++i) {
        QCOMPARE(rs[i].request.body.mode, BodyMode::None);
        QVERIFY(rs[i].request.body.filePath.isEmpty());
    }
    QCOMPARE(rs[4].request.body.mode, BodyMode::Multipart);
    QCOMPARE(rs[4].request.body.multipartFields.size(), 1);
    QCOMPARE(rs[4].request.body.multipartFields[0].name, QStringLiteral("t"));
    const QString notes = r->report.lossy.join(u'\n');
    QCOMPARE(notes.count(QLatin1String("is outside the folder of the .http file")), 4);
    QVERIFY(!notes.contains(QLatin1String("PRIVATE KEY")));

    // Without a folder, nothing may be referenced; with the user's leave, everything is kept.
    r = importHttpFile("POST http://h/a\n\n< ./inside.json\n", QString());
    QVERIFY(r.ok());
    QCOMPARE(r->root.requests[0].request.body.mode, BodyMode::None);
    ImportLimits allow;
    allow.allowOutsideFiles = true;
    r = importHttpFile(text, base, allow);
    QVERIFY(r.ok());
    QCOMPARE(r->root.requests[1].request.body.mode, BodyMode::BinaryFile);
    QCOMPARE(r->root.requests[2].request.body.filePath, QStringLiteral("/etc/passwd"));
    QCOMPARE(r->root.requests[4].request.body.multipartFields.size(), 2);
}

QTEST_GUILESS_MAIN(TestHttpFile)
#include "tst_httpfile.moc"
