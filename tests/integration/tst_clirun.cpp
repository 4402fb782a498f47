#include "clisandbox.h"

#include "core/collections/collectionformat.h"
#include "core/collections/sendcontext.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonpointer.h"
#include "core/secrets/secretstore.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QXmlStreamReader>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

const JsonValue &at(const JsonValue &root, const char *pointer)
{
    static const JsonValue missing;
    const JsonValue *v
        = resolveJsonPointer(root, JsonPointer::parse(QString::fromLatin1(pointer)).value());
    return v ? *v : missing;
}

} // namespace

// `patchbay-cli run` end to end: the real binary against the real sandbox process, on a
// collection directory, a single request file and a Postman file, with its reports and exit codes.
class TestCliRun final : public QObject
{
    Q_OBJECT

private:
    QProcess m_sandbox;
    QString m_base;
    QTemporaryDir m_dir;
    QString m_collection;

    ProcessRun run(const QStringList &args)
    {
        return runProcess(cliPath(), QStringList {QStringLiteral("run")} + args);
    }

private slots:
    void initTestCase()
    {
        m_base = startCliSandbox(m_sandbox);
        QVERIFY2(!m_base.isEmpty(), "the sandbox did not start");
        QVERIFY(m_dir.isValid());
        m_collection = m_dir.filePath(QStringLiteral("api"));
        QVERIFY(QDir().mkpath(m_collection + QStringLiteral("/environments")));
        QVERIFY(QDir().mkpath(m_collection + QStringLiteral("/users")));
        FolderInfo users;
        users.name = QStringLiteral("users");
        users.order = 10; // after Login
        QVERIFY(
            writeFile(m_collection + QStringLiteral("/users/folder.yaml"), folderToYaml(users)));
        CollectionInfo info;
        info.name = QStringLiteral("API");
        info.auth.mode = AuthMode::Bearer;
        info.auth.token = QStringLiteral("{{token}}");
        QVERIFY(
            writeFile(m_collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        Environment env;
        env.name = QStringLiteral("Sandbox");
        env.variables = {{QStringLiteral("base"), m_base}};
        QVERIFY(writeFile(m_collection + QStringLiteral("/environments/sandbox.yaml"),
                          environmentToYaml(env)));

        SavedRequest login;
        login.name = QStringLiteral("Login");
        login.order = 1;
        login.request.method = QStringLiteral("POST");
        login.request.url = QStringLiteral("{{base}}/anything");
        login.request.body.mode = BodyMode::Json;
        login.request.body.text = QStringLiteral("{\"token\": \"tok-1\"}");
        login.assertions = {{AssertionKind::StatusEquals, {}, QStringLiteral("200"), true}};
        login.captures = {{QStringLiteral("token"), CaptureSource::JsonPointer,
                           QStringLiteral("/json/token"), true}};
        QVERIFY(writeFile(m_collection + QStringLiteral("/login.yaml"), requestToYaml(login)));

        SavedRequest user;
        user.name = QStringLiteral("Get user");
        user.order = 2;
        user.request.url = QStringLiteral("{{base}}/anything/users/{{id}}");
        user.assertions = {{AssertionKind::JsonEquals, QStringLiteral("/headers/Authorization"),
                            QStringLiteral("Bearer tok-1"), true},
                           {AssertionKind::JsonMatches, QStringLiteral("/url"),
                            QStringLiteral("/users/{{id}}$"), true},
                           {AssertionKind::HeaderMatches, QStringLiteral("Content-Type"),
                            QStringLiteral("^application/json"), true}};
        QVERIFY(
            writeFile(m_collection + QStringLiteral("/users/get-user.yaml"), requestToYaml(user)));
    }

    // A secret collection variable comes from the OS keyring, as in the window. Run twice by
    // ctest: tst_clirun_keyring under a private D-Bus session with an unlocked gnome-keyring
    // (PATCHBAY_SECRETS_MODE=keyring), tst_clirun with no session bus (the value is then
    // undefined, and the run says why and what to do).
    void secretVariableFromKeyring()
    {
        const QString mode = qEnvironmentVariable("PATCHBAY_SECRETS_MODE");
        QVERIFY2(mode == QLatin1String("keyring") || mode == QLatin1String("none"),
                 "run through ctest (PATCHBAY_SECRETS_MODE=keyring|none)");
        const QString dir = m_dir.filePath(QStringLiteral("secret-api"));
        QVERIFY(QDir().mkpath(dir));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("Secret API");
        info.variables
            = {{QStringLiteral("base"), m_base}, {QStringLiteral("apiKey"), QString(), true, true}};
        QVERIFY(writeFile(dir + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        const QString value = QStringLiteral("k-") + QUuid::createUuid().toString(QUuid::Id128);
        SavedRequest request;
        request.name = QStringLiteral("Who am I");
        request.request.url = QStringLiteral("{{base}}/anything");
        request.request.headers = {{QStringLiteral("X-Api-Key"), QStringLiteral("{{apiKey}}")}};
        request.assertions
            = {{AssertionKind::JsonEquals, QStringLiteral("/headers/X-Api-Key"), value, true}};
        QVERIFY(writeFile(dir + QStringLiteral("/whoami.yaml"), requestToYaml(request)));

        if (mode == QLatin1String("keyring")) {
            SecretStore store; // the service patchbay-cli reads, in this private keyring
            QSignalSpy written(&store, &SecretStore::writeFinished);
            store.write(secretKeyFor(info.id, ScopeKind::Collection, {}, QStringLiteral("apiKey")),
                        value);
            QVERIFY(written.wait(10000));
            QVERIFY2(store.isPersistent(), qPrintable(store.persistenceMessage()));
            const ProcessRun r = run({dir});
            QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
            QVERIFY(r.out.contains(QLatin1String("1/1 assertions")));
            QVERIFY2(!r.err.contains(QLatin1String("keyring")), qPrintable(r.err));
        } else {
            const ProcessRun r = run({dir});
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QLatin1String("no keyring is available")), qPrintable(r.err));
            QVERIFY2(r.err.contains(QLatin1String("--var NAME=VALUE")), qPrintable(r.err));
            QVERIFY2(r.out.contains(QLatin1String("! not defined, sent as written: apiKey")),
                     qPrintable(r.out));
            // The way out the note names works.
            const ProcessRun given
                = run({dir, QStringLiteral("--var"), QStringLiteral("apiKey=") + value});
            QVERIFY2(given.exitCode == 0, qPrintable(given.out + given.err));
        }
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        m_sandbox.waitForFinished(5000);
    }

    // The same run on both HTTP engines: libcurl (the default) and Qt's.
    void collectionPassesWithReports_data()
    {
        QTest::addColumn<QStringList>("transport");
        QTest::newRow("default (curl)") << QStringList();
        QTest::newRow("qt") << QStringList({QStringLiteral("--transport"), QStringLiteral("qt")});
    }

    void collectionPassesWithReports()
    {
        QFETCH(QStringList, transport);
        const QString json = m_dir.filePath(QStringLiteral("report.json"));
        const QString junit = m_dir.filePath(QStringLiteral("report.xml"));
        const ProcessRun r
            = run(QStringList({m_collection, QStringLiteral("--env"), QStringLiteral("sandbox"),
                               QStringLiteral("--var"), QStringLiteral("id=7"),
                               QStringLiteral("-r"), QStringLiteral("cli"), QStringLiteral("-r"),
                               QStringLiteral("json:") + json, QStringLiteral("-r"),
                               QStringLiteral("junit:") + junit})
                  + transport);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("PASS  Login  POST ") + m_base
                                + QStringLiteral("/anything  200 OK")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("PASS  users / Get user  GET ") + m_base
                               + QStringLiteral("/anything/users/7  200 OK")));
        QVERIFY(r.out.contains(QLatin1String("3/3 assertions")));
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("requests\\s+2\\s+0\\n"))));
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("assertions\\s+4\\s+0\\n"))));

        const Result<JsonValue> report = parseJson(readFile(json));
        QVERIFY2(report.ok(), readFile(json).constData());
        QCOMPARE(at(report.value(), "/summary/passed").toBool(), true);
        QCOMPARE(at(report.value(), "/summary/requests").toInt(), 2);
        QCOMPARE(at(report.value(), "/executions").size(), 2);
        QCOMPARE(at(report.value(), "/executions/1/name").toString(),
                 QStringLiteral("users / Get user"));
        QCOMPARE(at(report.value(), "/executions/1/status").toInt(), 200);
        QCOMPARE(at(report.value(), "/executions/0/captures/0/variable").toString(),
                 QStringLiteral("token"));
        // The collection's bearer auth applies to Login too, before {{token}} is captured.
        QCOMPARE(at(report.value(), "/executions/0/undefinedVariables/0").toString(),
                 QStringLiteral("token"));
        QCOMPARE(at(report.value(), "/executions/1/undefinedVariables").size(), 0);

        QXmlStreamReader xml(readFile(junit));
        int cases = 0;
        QString tests;
        QString failures;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("testsuite")) {
                tests = xml.attributes().value(QLatin1String("tests")).toString();
                failures = xml.attributes().value(QLatin1String("failures")).toString();
            } else if (xml.name() == QLatin1String("testcase")) {
                ++cases;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cases, 2);
        QCOMPARE(tests, QStringLiteral("2"));
        QCOMPARE(failures, QStringLiteral("0"));
    }

    void failingAssertionExitsOne()
    {
        const QString junit = m_dir.filePath(QStringLiteral("failing.xml"));
        // Without the login first, the token is never captured.
        const ProcessRun r
            = run({m_collection + QStringLiteral("/users"), QStringLiteral("--env"),
                   QStringLiteral("Sandbox"), QStringLiteral("--var"), QStringLiteral("id=7"),
                   QStringLiteral("-r"), QStringLiteral("cli"), QStringLiteral("-r"),
                   QStringLiteral("junit:") + junit});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QLatin1String(
                     "x expected /headers/Authorization to equal Bearer tok-1, got \"Bearer "
                     "{{token}}\"")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("1 failure:")));
        const QByteArray xml = readFile(junit);
        QVERIFY(xml.contains("failures=\"1\""));
        QVERIFY(xml.contains("<failure type=\"AssertionFailure\""));
    }

    // The sample collection as installed: its "Sandbox" environment points at {{$sandboxUrl}},
    // which the CLI serves from a sandbox of its own (the window starts its built-in one).
    void sampleCollectionPasses()
    {
        const ProcessRun r = run({qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                      + QStringLiteral("/resources/sample/sandbox-updates"),
                                  QStringLiteral("--env"), QStringLiteral("sandbox")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        // 4 requests and 10 assertions, none failed, all sent to the CLI's own sandbox.
        static const QRegularExpression requests(QStringLiteral("requests +4 +0\\n"));
        static const QRegularExpression assertions(QStringLiteral("assertions +10 +0\\n"));
        QVERIFY2(requests.match(r.out).hasMatch(), qPrintable(r.out));
        QVERIFY2(assertions.match(r.out).hasMatch(), qPrintable(r.out));
        QCOMPARE(r.out.count(QLatin1String("PASS  ")), 4);
        QVERIFY2(!r.out.contains(QLatin1String("{{")), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QLatin1String(":3000/")), qPrintable(r.out));
    }

    void singleRequestFileWithData()
    {
        const QString csv = m_dir.filePath(QStringLiteral("ids.csv"));
        QVERIFY(writeFile(csv, "id,note\n3,\"a, b\"\n5,x\n"));
        const ProcessRun r
            = run({m_collection + QStringLiteral("/users/get-user.yaml"), QStringLiteral("--env"),
                   QStringLiteral("sandbox"), QStringLiteral("--var"),
                   QStringLiteral("token=tok-1"), QStringLiteral("--data"), csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(QLatin1String("1 request x 2 iterations")));
        QVERIFY(r.out.contains(QLatin1String("[1] users / Get user  GET ")));
        QVERIFY(r.out.contains(QStringLiteral("/anything/users/3  200 OK")));
        QVERIFY(r.out.contains(QStringLiteral("/anything/users/5  200 OK")));
        QVERIFY(!r.out.contains(QLatin1String("Login")));
    }

    void bailStopsEarly()
    {
        const ProcessRun r
            = run({m_collection, QStringLiteral("--env"), QStringLiteral("sandbox"),
                   QStringLiteral("-n"), QStringLiteral("3"), QStringLiteral("--bail"),
                   QStringLiteral("--var"), QStringLiteral("id=1"), QStringLiteral("--var"),
                   QStringLiteral("base=") + m_base + QStringLiteral("/status/500?")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QLatin1String("expected status 200, got 500")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("stopped after the first failure (--bail)")));
        QCOMPARE(r.out.count(QLatin1String("FAIL  ")), 1);
    }

    void postmanFileScriptsNotRun()
    {
        const QString postman = m_dir.filePath(QStringLiteral("users.postman_collection.json"));
        QVERIFY(writeFile(
            postman,
            "{\"info\": {\"name\": \"Users\", \"schema\": "
            "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
            " \"variable\": [{\"key\": \"baseUrl\", \"value\": \"http://127.0.0.1:1\"}],"
            " \"item\": [{\"name\": \"Put user\", \"event\": [{\"listen\": \"test\", \"script\":"
            " {\"exec\": [\"pm.test('ok', () => pm.response.to.have.status(200));\"]}}],"
            " \"request\": {\"method\": \"PUT\", \"url\": \"{{baseUrl}}/users/1\","
            " \"header\": [{\"key\": \"Content-Type\", \"value\": \"application/json\"}],"
            " \"body\": {\"mode\": \"raw\", \"raw\": \"{\\\"name\\\": \\\"Ada\\\"}\"}}}]}"));
        const ProcessRun r
            = run({postman, QStringLiteral("--var"), QStringLiteral("baseUrl=") + m_base,
                   QStringLiteral("-r"), QStringLiteral("cli"), QStringLiteral("-r"),
                   QStringLiteral("json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        // The JSON report is on stdout, the terminal report on stderr.
        const Result<JsonValue> report = parseJson(r.out.toUtf8());
        QVERIFY2(report.ok(), qPrintable(r.out));
        QCOMPARE(at(report.value(), "/executions/0/status").toInt(), 200);
        QCOMPARE(at(report.value(), "/executions/0/scriptsNotRun/0").toString(),
                 QStringLiteral("test script"));
        QCOMPARE(at(report.value(), "/summary/requestsWithScriptsNotRun").toInt(), 1);
        QVERIFY2(r.err.contains(QLatin1String("- test script not run (run with --trust-scripts to "
                                              "run it)")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("PASS  Put user  PUT ")));
    }

    // With --trust-scripts, Postman scripts run: a collection pre-request script sets a header
    // variable, the login's test script stores a token for the next request, whose test script
    // checks it and logs; a failing pm.test fails the run. Without the flag nothing runs.
    void trustedPostmanScriptsRun()
    {
        const QString postman = m_dir.filePath(QStringLiteral("scripted.postman_collection.json"));
        QJsonArray collectionPre {QStringLiteral("pm.variables.set('client', 'cli-' + 7);")};
        QJsonArray loginTest {
            QStringLiteral("pm.test('login ok', function () {"),
            QStringLiteral("  pm.response.to.have.status(200);"),
            QStringLiteral("  pm.expect(pm.response.json().json).to.have.property('token');"),
            QStringLiteral("});"),
            QStringLiteral("pm.environment.set('token', pm.response.json().json.token);")};
        QJsonArray meTest {
            QStringLiteral("const h = pm.response.json().headers;"),
            QStringLiteral("pm.test('token sent', () => "
                           "pm.expect(h.Authorization).to.eql('Bearer tok-42'));"),
            QStringLiteral(
                "pm.test('client sent', () => pm.expect(h['X-Client']).to.equal('cli-7'));"),
            QStringLiteral(
                "pm.test('on purpose', () => pm.expect(pm.response.code).to.equal(201));"),
            QStringLiteral("console.log('me done', pm.info.requestName);")};
        auto event = [](const QString &listen, const QJsonArray &exec) {
            return QJsonObject {
                {QStringLiteral("listen"), listen},
                {QStringLiteral("script"), QJsonObject {{QStringLiteral("exec"), exec}}}};
        };
        QJsonObject login {
            {QStringLiteral("name"), QStringLiteral("Login")},
            {QStringLiteral("event"), QJsonArray {event(QStringLiteral("test"), loginTest)}},
            {QStringLiteral("request"),
             QJsonObject {{QStringLiteral("method"), QStringLiteral("POST")},
                          {QStringLiteral("url"), QStringLiteral("{{baseUrl}}/anything")},
                          {QStringLiteral("header"),
                           QJsonArray {QJsonObject {
                               {QStringLiteral("key"), QStringLiteral("Content-Type")},
                               {QStringLiteral("value"), QStringLiteral("application/json")}}}},
                          {QStringLiteral("body"),
                           QJsonObject {{QStringLiteral("mode"), QStringLiteral("raw")},
                                        {QStringLiteral("raw"),
                                         QStringLiteral("{\"token\": \"tok-42\"}")}}}}}};
        QJsonObject me {
            {QStringLiteral("name"), QStringLiteral("Me")},
            {QStringLiteral("event"), QJsonArray {event(QStringLiteral("test"), meTest)}},
            {QStringLiteral("request"),
             QJsonObject {
                 {QStringLiteral("method"), QStringLiteral("GET")},
                 {QStringLiteral("url"), QStringLiteral("{{baseUrl}}/anything/me")},
                 {QStringLiteral("header"),
                  QJsonArray {
                      QJsonObject {{QStringLiteral("key"), QStringLiteral("Authorization")},
                                   {QStringLiteral("value"), QStringLiteral("Bearer {{token}}")}},
                      QJsonObject {{QStringLiteral("key"), QStringLiteral("X-Client")},
                                   {QStringLiteral("value"), QStringLiteral("{{client}}")}}}}}}};
        const QJsonObject collection {
            {QStringLiteral("info"),
             QJsonObject {{QStringLiteral("name"), QStringLiteral("Scripted")},
                          {QStringLiteral("schema"),
                           QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/"
                                          "collection.json")}}},
            {QStringLiteral("event"),
             QJsonArray {event(QStringLiteral("prerequest"), collectionPre)}},
            {QStringLiteral("item"), QJsonArray {login, me}}};
        QVERIFY(writeFile(postman, QJsonDocument(collection).toJson()));

        const QStringList args {postman, QStringLiteral("--var"),
                                QStringLiteral("baseUrl=") + m_base, QStringLiteral("-r"),
                                QStringLiteral("json")};
        const ProcessRun trusted = run(args + QStringList {QStringLiteral("--trust-scripts")});
        QCOMPARE(trusted.exitCode, 1); // the pm.test failed on purpose
        const Result<JsonValue> report = parseJson(trusted.out.toUtf8());
        QVERIFY2(report.ok(), qPrintable(trusted.out + trusted.err));
        QCOMPARE(at(report.value(), "/executions/0/assertions/0/assertion").toString(),
                 QStringLiteral("login ok"));
        QCOMPARE(at(report.value(), "/executions/0/assertions/0/passed").toBool(), true);
        QCOMPARE(at(report.value(), "/executions/1/assertions").size(), 3);
        QCOMPARE(at(report.value(), "/executions/1/assertions/0/passed").toBool(), true);
        QCOMPARE(at(report.value(), "/executions/1/assertions/1/passed").toBool(), true);
        QCOMPARE(at(report.value(), "/executions/1/assertions/2/passed").toBool(), false);
        QVERIFY2(at(report.value(), "/executions/1/assertions/2/message")
                     .toString()
                     .contains(QLatin1String("expected 200 to equal 201")),
                 qPrintable(trusted.out));
        QCOMPARE(at(report.value(), "/executions/1/scriptLogs/0").toString(),
                 QStringLiteral("me done Me"));
        QCOMPARE(at(report.value(), "/executions/1/scriptsNotRun").size(), 0);

        const ProcessRun untrusted = run(args);
        QCOMPARE(untrusted.exitCode, 0); // nothing checked, the token is sent as written
        const Result<JsonValue> plain = parseJson(untrusted.out.toUtf8());
        QVERIFY2(plain.ok(), qPrintable(untrusted.out + untrusted.err));
        QCOMPARE(at(plain.value(), "/executions/1/assertions").size(), 0);
        QCOMPARE(at(plain.value(), "/executions/1/scriptsNotRun/0").toString(),
                 QStringLiteral("collection: pre-request script"));
        QCOMPARE(at(plain.value(), "/executions/1/undefinedVariables/0").toString(),
                 QStringLiteral("token"));
    }

    void transportFailureExitsOne()
    {
        const ProcessRun r
            = run({m_collection + QStringLiteral("/login.yaml"), QStringLiteral("--var"),
                   QStringLiteral("base=http://127.0.0.1:1"), QStringLiteral("--timeout"),
                   QStringLiteral("5s")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QLatin1String("connection-refused")), qPrintable(r.out));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no path") << QStringList() << "expected one PATH";
        QTest::newRow("missing path")
            << QStringList({QStringLiteral("/nonexistent/x")}) << "does not exist";
        QTest::newRow("bad reporter")
            << QStringList({QStringLiteral("."), QStringLiteral("-r"), QStringLiteral("html")})
            << "unknown reporter 'html'";
        QTest::newRow("junit without file")
            << QStringList({QStringLiteral("."), QStringLiteral("-r"), QStringLiteral("junit")})
            << "the junit reporter needs a file";
        QTest::newRow("bad iterations")
            << QStringList({QStringLiteral("."), QStringLiteral("-n"), QStringLiteral("0")})
            << "--iterations expects a whole number";
        QTest::newRow("bad timeout") << QStringList(
            {QStringLiteral("."), QStringLiteral("--timeout"), QStringLiteral("soon")})
                                     << "--timeout expects a duration";
        QTest::newRow("bad transport") << QStringList(
            {QStringLiteral("."), QStringLiteral("--transport"), QStringLiteral("wget")})
                                       << "unknown transport 'wget'; use curl or qt";
        QTest::newRow("not a collection")
            << QStringList({QStringLiteral("/")}) << "is not a Patchbay collection";
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void unknownEnvironmentListsChoices()
    {
        const ProcessRun r = run({m_collection, QStringLiteral("--env"), QStringLiteral("prod")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QLatin1String("no environment named \"prod\"; the collection has: "
                                              "Sandbox")),
                 qPrintable(r.err));
    }

    void helpListsOptions()
    {
        const ProcessRun r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *option :
             {"--env", "--var", "--iterations", "--data", "--bail", "--transport",
              "--trust-scripts", "--timeout", "--delay", "--insecure", "--reporter"})
            QVERIFY2(r.out.contains(QLatin1String(option)), option);
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_clirun.moc"
