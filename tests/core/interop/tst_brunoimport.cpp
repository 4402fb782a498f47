#include "core/interop/brunoimport.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QString collectionDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/interop/data/bruno/shop");
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

QString errorOf(const Result<ImportedCollection> &r)
{
    return r.ok() ? QString() : r.error().code + u' ' + r.error().message;
}

} // namespace

class TestBrunoImport final : public QObject
{
    Q_OBJECT

private slots:
    void parseBru_data();
    void parseBru();
    void bruErrors_data();
    void bruErrors();
    void collection();
    void errors();
    void hostile();
    void linksOutOfTheCollection();
};

void TestBrunoImport::parseBru_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<BruBlock>>("blocks");
    QTest::newRow("dictionary") << QStringLiteral("meta {\n  name: A\n  seq: 1\n}\n")
                                << QList<BruBlock> {
                                       {QStringLiteral("meta"),
                                        1,
                                        false,
                                        {QStringLiteral("name: A"), QStringLiteral("seq: 1")}}};
    QTest::newRow("text block keeps inner braces")
        << QStringLiteral("body:json {\n  {\n    \"a\": 1\n  }\n}\n\ndocs {\n  hi\n}")
        << QList<BruBlock> {
               {QStringLiteral("body:json"),
                1,
                false,
                {QStringLiteral("{"), QStringLiteral("  \"a\": 1"), QStringLiteral("}")}},
               {QStringLiteral("docs"), 7, false, {QStringLiteral("hi")}}};
    QTest::newRow("list") << QStringLiteral("vars:secret [\n  token,\n  ~key\n]\n")
                          << QList<BruBlock> {{QStringLiteral("vars:secret"),
                                               1,
                                               true,
                                               {QStringLiteral("token,"), QStringLiteral("~key")}}};
    QTest::newRow("empty block") << QStringLiteral("headers {}\r\n")
                                 << QList<BruBlock> {{QStringLiteral("headers"), 1, false, {}}};
}

void TestBrunoImport::parseBru()
{
    QFETCH(QString, text);
    QFETCH(QList<BruBlock>, blocks);
    const Result<QList<BruBlock>> parsed = parseBruFile(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->size(), blocks.size());
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        QCOMPARE(parsed->at(i).name, blocks.at(i).name);
        QCOMPARE(parsed->at(i).line, blocks.at(i).line);
        QCOMPARE(parsed->at(i).isList, blocks.at(i).isList);
        QCOMPARE(parsed->at(i).lines, blocks.at(i).lines);
    }
}

void TestBrunoImport::bruErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::newRow("unclosed") << QStringLiteral("meta {\n  name: A\n") << QStringLiteral("line 1:");
    QTest::newRow("stray text") << QStringLiteral("meta {\n}\n\nhello world\n")
                                << QStringLiteral("line 4:");
    QTest::newRow("missing close before next block")
        << QStringLiteral("meta {\n  name: A\nget {\n}\n") << QStringLiteral("line 3:");
}

void TestBrunoImport::bruErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, where);
    const Result<QList<BruBlock>> parsed = parseBruFile(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("bru-syntax"));
    QVERIFY2(parsed.error().message.startsWith(where), qPrintable(parsed.error().message));
}

void TestBrunoImport::collection()
{
    const Result<ImportedCollection> r = importBrunoDirectory(collectionDir());
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    const ImportedCollection &c = r.value();
    const QString root = QDir(collectionDir()).absolutePath();

    QCOMPARE(c.info.name, QStringLiteral("Shop (Bruno)"));
    QCOMPARE(c.info.description, QStringLiteral("The shop collection."));
    QCOMPARE(c.info.headers, (KeyValueList {kv("X-Client", "patchbay-test")}));
    QCOMPARE(c.info.auth.mode, AuthMode::Bearer);
    QCOMPARE(c.info.auth.token, QStringLiteral("{{token}}"));

    // Root requests by seq.
    QCOMPARE(c.root.requests.size(), 2);
    const SavedRequest &create = c.root.requests[0];
    QCOMPARE(create.name, QStringLiteral("Create product"));
    QCOMPARE(create.order, 1);
    QCOMPARE(create.request.method, QStringLiteral("POST"));
    QCOMPARE(create.request.url, QStringLiteral("{{baseUrl}}/products"));
    QCOMPARE(create.request.body.mode, BodyMode::Json);
    QCOMPARE(create.request.body.text,
             QStringLiteral("{\n  \"name\": \"Lamp\",\n  \"price\": 9.50\n}"));
    QCOMPARE(create.request.auth.mode, AuthMode::Basic);
    QCOMPARE(create.request.auth.username, QStringLiteral("admin"));
    QCOMPARE(create.request.auth.password, QStringLiteral("{{password}}"));
    QCOMPARE(create.preRequestScript, QStringLiteral("req.setHeader(\"X-Time\", Date.now());"));
    QVERIFY(create.testScript.startsWith(QLatin1String("test(\"created\"")));
    QVERIFY(anyContains(c.report.lossy,
                        QStringLiteral("Request Create product: the pre-request script")));

    const SavedRequest &get = c.root.requests[1];
    QCOMPARE(get.name, QStringLiteral("Get products"));
    QCOMPARE(get.request.method, QStringLiteral("GET"));
    QCOMPARE(get.request.params, (KeyValueList {kv("page", "2"), kv("debug", "true", false)}));
    QCOMPARE(get.request.headers,
             (KeyValueList {kv("Accept", "application/json"), kv("X-Off", "1", false)}));
    QCOMPARE(get.request.auth.mode, AuthMode::Inherit); // `auth: inherit`
    QCOMPARE(get.request.body.mode, BodyMode::None);
    QCOMPARE(get.description, QStringLiteral("# Products\n\nLists products."));
    QVERIFY(anyContains(c.report.lossy,
                        QStringLiteral("Request Get products: the vars:pre-request block")));
    QVERIFY(anyContains(c.report.lossy, QStringLiteral("Request Get products: the assert block")));

    // Folders: Raw has no folder.bru (seq 0), Users has seq 1.
    QCOMPARE(c.root.folders.size(), 2);
    const ImportedFolder &raw = c.root.folders[0];
    QCOMPARE(raw.info.name, QStringLiteral("Raw"));
    QCOMPARE(raw.requests.size(), 1);
    QCOMPARE(raw.requests[0].request.body.mode, BodyMode::BinaryFile);
    QCOMPARE(raw.requests[0].request.body.filePath, QStringLiteral("/tmp/data.bin"));
    QCOMPARE(raw.requests[0].request.body.contentType, QStringLiteral("application/octet-stream"));

    const ImportedFolder &users = c.root.folders[1];
    QCOMPARE(users.info.name, QStringLiteral("User accounts"));
    QCOMPARE(users.info.order, 1);
    QCOMPARE(users.info.variables,
             (VariableList {{QStringLiteral("userId"), QStringLiteral("7"), true, false}}));
    QCOMPARE(users.requests.size(), 4);

    const SavedRequest &login = users.requests[0];
    QCOMPARE(login.name, QStringLiteral("Login"));
    QCOMPARE(login.request.body.mode, BodyMode::FormUrlEncoded);
    QCOMPARE(login.request.body.formFields,
             (KeyValueList {kv("user", "ann"), kv("remember", "1", false)}));
    QCOMPARE(login.request.auth.mode, AuthMode::ApiKey);
    QCOMPARE(login.request.auth.keyName, QStringLiteral("X-Api-Key"));
    QCOMPARE(login.request.auth.keyValue, QStringLiteral("{{apiKey}}"));
    QCOMPARE(login.request.auth.keyLocation, ApiKeyLocation::Header);

    const SavedRequest &upload = users.requests[1];
    QCOMPARE(upload.request.body.mode, BodyMode::Multipart);
    QCOMPARE(
        upload.request.body.multipartFields,
        (QList<MultipartField> {
            {QStringLiteral("caption"), QStringLiteral("My face"), false, {}, true},
            {QStringLiteral("file"), root + QStringLiteral("/files/avatar.png"), true, {}, true},
            {QStringLiteral("skip"), QStringLiteral("x"), false, {}, false}}));
    QCOMPARE(upload.request.auth.keyLocation, ApiKeyLocation::Query);

    const SavedRequest &note = users.requests[2];
    QCOMPARE(note.request.method, QStringLiteral("PUT"));
    QCOMPARE(note.request.body.mode, BodyMode::Text);
    QCOMPARE(note.request.body.text, QStringLiteral("first line\nsecond line"));
    QCOMPARE(note.request.auth.mode, AuthMode::Digest);
    QCOMPARE(note.request.auth.digest.username, QStringLiteral("u"));
    QCOMPARE(note.request.auth.digest.password, QStringLiteral("p"));
    QVERIFY(!anyContains(c.report.lossy, QStringLiteral("Note: the digest auth")));

    const SavedRequest &xml = users.requests[3];
    QCOMPARE(xml.name, QStringLiteral("Xml by id"));
    QCOMPARE(xml.request.url, QStringLiteral("{{baseUrl}}/items/42/xml"));
    QCOMPARE(xml.request.body.mode, BodyMode::Text);
    QCOMPARE(xml.request.body.contentType, QStringLiteral("application/xml"));
    QCOMPARE(xml.request.body.text, QStringLiteral("<item>\n  <name>x</name>\n</item>"));
    QVERIFY(anyContains(c.report.lossy, QStringLiteral("path parameters")));

    QCOMPARE(c.environments.size(), 2);
    QCOMPARE(c.environments[0].name, QStringLiteral("Local"));
    QCOMPARE(c.environments[0].variables,
             (VariableList {
                 {QStringLiteral("baseUrl"), QStringLiteral("http://localhost:3000"), true, false},
                 {QStringLiteral("debug"), QStringLiteral("true"), false, false},
                 {QStringLiteral("token"), QString(), true, true},
                 {QStringLiteral("apiKey"), QString(), false, true}}));
    QCOMPARE(c.environments[1].name, QStringLiteral("Prod"));
    QVERIFY(anyContains(c.report.lossy, QStringLiteral("Environment Local: secret values")));

    QVERIFY(anyContains(c.report.skipped, QStringLiteral("README.md")));
    QVERIFY(c.report.created.contains(QStringLiteral("Folder User accounts")));
    QVERIFY(c.report.created.contains(QStringLiteral("Request User accounts/Login")));
    QVERIFY(c.report.created.contains(QStringLiteral("Environment Prod")));
}

void TestBrunoImport::errors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<ImportedCollection> r = importBrunoDirectory(dir.path());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("not-bruno"));

    QVERIFY(writeFile(dir.filePath(QStringLiteral("bruno.json")), "{\"name\": oops}"));
    r = importBrunoDirectory(dir.path());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("not-bruno"));

    QVERIFY(writeFile(dir.filePath(QStringLiteral("bruno.json")), "{\"name\": \"X\"}"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("sub/bad.bru")),
                      "meta {\n  name: Bad\n}\n\nget {\n  url: http://h\n"));
    r = importBrunoDirectory(dir.path());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("bru-syntax"));
    QVERIFY2(r.error().message.contains(QLatin1String("bad.bru, line 5:")),
             qPrintable(r.error().message));
}

void TestBrunoImport::hostile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("bruno.json")), "{\"name\": \"Deep\"}"));
    QString deep = dir.path();
    for (int i = 0; i < 70; ++i)
        deep += QStringLiteral("/d");
    QVERIFY(QDir().mkpath(deep));
    Result<ImportedCollection> r = importBrunoDirectory(dir.path());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("too-deep"));

    QTemporaryDir many;
    QVERIFY(writeFile(many.filePath(QStringLiteral("bruno.json")), "{\"name\": \"Many\"}"));
    for (int i = 0; i < 300; ++i)
        QVERIFY(writeFile(many.filePath(QStringLiteral("r%1.bru").arg(i)),
                          "meta {\n  name: R" + QByteArray::number(i)
                              + "\n  seq: " + QByteArray::number(300 - i)
                              + "\n}\n\nget {\n  url: http://h/\n}\n"));
    ImportLimits few;
    few.maxItems = 100;
    r = importBrunoDirectory(many.path(), few);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("too-many-items"));
    r = importBrunoDirectory(many.path());
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    QCOMPARE(r->root.requests.size(), 300);
    QCOMPARE(r->root.requests.constFirst().name, QStringLiteral("R299")); // seq 1

    ImportLimits tiny;
    tiny.maxFileBytes = 40; // bruno.json fits, the request files do not
    r = importBrunoDirectory(many.path(), tiny);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("file-too-large"));
    QVERIFY2(r.error().message.contains(QLatin1String(".bru is larger")),
             qPrintable(r.error().message));

    // A huge text body is read as it is.
    QTemporaryDir big;
    QVERIFY(writeFile(big.filePath(QStringLiteral("bruno.json")), "{\"name\": \"Big\"}"));
    QByteArray body = "meta {\n  name: Big\n}\n\npost {\n  url: http://h/\n  body: text\n}\n\n"
                      "body:text {\n";
    for (int i = 0; i < 100000; ++i)
        body += "  line " + QByteArray::number(i) + '\n';
    body += "}\n";
    QVERIFY(writeFile(big.filePath(QStringLiteral("big.bru")), body));
    r = importBrunoDirectory(big.path());
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    QVERIFY(r->root.requests.constFirst().request.body.text.endsWith(QLatin1String("line 99999")));
}

// Nothing outside the imported folder is read, copied or quoted, whatever links point there.
void TestBrunoImport::linksOutOfTheCollection()
{
    QTemporaryDir outside;
    QVERIFY(outside.isValid());
    const QString passwd = outside.filePath(QStringLiteral("passwd"));
    QVERIFY(writeFile(passwd, "root:x:0:0:root:/root:/bin/bash\n"));
    const QString stolen = outside.filePath(QStringLiteral("prod.bru"));
    QVERIFY(writeFile(stolen, "vars {\n  apiKey: sk-live-STOLEN\n}\n"));
    QVERIFY(QDir().mkpath(outside.filePath(QStringLiteral("envs"))));
    QVERIFY(writeFile(outside.filePath(QStringLiteral("envs/other.bru")),
                      "vars {\n  token: OTHER\n}\n"));

    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("bruno.json")), "{\"name\": \"Links\"}"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("r.bru")),
                      "meta {\n  name: R\n}\n\nget {\n  url: http://h/\n}\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("environments/local.bru")),
                      "vars {\n  base: http://127.0.0.1\n}\n"));
    QVERIFY(QFile::link(stolen, dir.filePath(QStringLiteral("environments/prod.bru"))));
    QVERIFY(QFile::link(passwd, dir.filePath(QStringLiteral("environments/passwd.bru"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("environments/local.bru")),
                        dir.filePath(QStringLiteral("environments/again.bru"))));

    Result<ImportedCollection> r = importBrunoDirectory(dir.path());
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    QStringList names;
    for (const Environment &e : r->environments) {
        names << e.name;
        for (const Variable &v : e.variables)
            QVERIFY(!v.value.contains(QLatin1String("STOLEN")));
    }
    QCOMPARE(names, (QStringList {QStringLiteral("again"), QStringLiteral("local")}));
    QVERIFY(anyContains(r->report.skipped, QStringLiteral("environments/prod.bru")));
    QVERIFY(anyContains(r->report.skipped, QStringLiteral("environments/passwd.bru")));
    const QString everything = r->report.created.join(u'\n') + r->report.lossy.join(u'\n')
        + r->report.skipped.join(u'\n');
    QVERIFY(!everything.contains(QLatin1String("root:x")));

    // The environments folder itself linked elsewhere.
    QTemporaryDir linkedEnvs;
    QVERIFY(writeFile(linkedEnvs.filePath(QStringLiteral("bruno.json")), "{\"name\": \"E\"}"));
    QVERIFY(QFile::link(outside.filePath(QStringLiteral("envs")),
                        linkedEnvs.filePath(QStringLiteral("environments"))));
    r = importBrunoDirectory(linkedEnvs.path());
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    QVERIFY(r->environments.isEmpty());
    QVERIFY(anyContains(r->report.skipped, QStringLiteral("environments")));

    // A collection file linked to a non-Bruno file: an error that quotes nothing of it.
    QTemporaryDir linkedCollection;
    QVERIFY(
        writeFile(linkedCollection.filePath(QStringLiteral("bruno.json")), "{\"name\": \"C\"}"));
    QVERIFY(QFile::link(passwd, linkedCollection.filePath(QStringLiteral("collection.bru"))));
    r = importBrunoDirectory(linkedCollection.path());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("outside-collection"));
    QVERIFY(!r.error().message.contains(QLatin1String("root:x")));
    QVERIFY(!r.error().message.contains(outside.path()));
}

QTEST_GUILESS_MAIN(TestBrunoImport)
#include "tst_brunoimport.moc"
