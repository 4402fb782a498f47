#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/cookies/cookiejar.h"
#include "core/http/httpclient.h"
#include "core/interop/importedcollection.h"
#include "core/runner/collectionrunner.h"
#include "core/sandbox/sandboxserver.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/testfiles.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

RunItem item(const QString &name, const QString &method, const QString &url)
{
    RunItem i;
    i.name = name;
    i.request.method = method;
    i.request.url = url;
    return i;
}

Assertion check(AssertionKind kind, const QString &target, const QString &expected)
{
    return {kind, target, expected, true};
}

} // namespace

// The runner against the in-process sandbox: captures chaining requests, iterations with data,
// bail, stop, unreadable files, and how run items are built from a workspace.
class TestCollectionRunner final : public QObject
{
    Q_OBJECT

private:
    SandboxServer m_server;
    QString m_base;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;

    struct Run
    {
        QList<RequestResult> results;
        RunSummary summary;
    };

    Run run(const QList<RunItem> &items, const RunOptions &options = {})
    {
        CollectionRunner runner(m_client.get());
        Run out;
        connect(&runner, &CollectionRunner::requestFinished, this,
                [&out](const RequestResult &r) { out.results.append(r); });
        QSignalSpy finished(&runner, &CollectionRunner::finished);
        runner.start(items, options);
        [&] { QVERIFY(finished.wait(20000)); }();
        if (!finished.isEmpty())
            out.summary = finished.first().first().value<RunSummary>();
        return out;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<RunSummary>();
        const Result<quint16> port = m_server.start();
        QVERIFY(port.ok());
        m_base = m_server.baseUrl().toString();
        m_client = std::make_unique<HttpClient>(&m_network);
    }

    void init() { m_server.reset(); }

    void loginTokenFeedsNextRequest()
    {
        RunItem login = item(QStringLiteral("Login"), QStringLiteral("POST"),
                             m_base + QStringLiteral("/anything"));
        login.request.body.mode = BodyMode::Json;
        login.request.body.text = QStringLiteral("{\"token\": \"tok-{{suffix}}\"}");
        login.captures = {{QStringLiteral("token"), CaptureSource::JsonPointer,
                           QStringLiteral("/json/token"), true}};
        login.assertions = {check(AssertionKind::StatusEquals, {}, QStringLiteral("200"))};
        RunItem me = item(QStringLiteral("Me"), QStringLiteral("GET"),
                          m_base + QStringLiteral("/anything"));
        me.request.auth.mode = AuthMode::Bearer;
        me.request.auth.token = QStringLiteral("{{token}}");
        me.assertions = {check(AssertionKind::JsonEquals, QStringLiteral("/headers/Authorization"),
                               QStringLiteral("Bearer tok-42"))};
        RunOptions options;
        options.variables = {{QStringLiteral("suffix"), QStringLiteral("42")}};

        const Run r = run({login, me}, options);
        QCOMPARE(r.results.size(), 2);
        QCOMPARE(r.results.at(0).captures.size(), 1);
        QCOMPARE(r.results.at(0).captures.first().value, QStringLiteral("tok-42"));
        QVERIFY2(r.results.at(1).passed(),
                 qPrintable(r.results.at(1).assertions.value(0).result.message));
        QCOMPARE(r.results.at(1).statusCode, 200);
        QVERIFY(r.summary.passed());
        QCOMPARE(r.summary.requests, 2);
        QCOMPARE(r.summary.assertions, 2);
        QCOMPARE(r.summary.assertionsFailed, 0);
    }

    // A run sends the cookies its own responses set, from a fresh jar (seeded with -b's), and
    // leaves the client's jar alone unless asked to use it.
    void cookiesStartFreshUnlessTheWorkspaceJarIsAsked()
    {
        ScriptedServer site;
        site.setHandler([](const ReceivedRequest &request, Connection &c) {
            if (request.path() == "/login")
                c.respond(200, "in", {{"Set-Cookie", "session=abc; Path=/"}});
            else
                c.respond(200, request.header("Cookie"));
        });
        const QString base = site.url().toString();
        CookieJar *clientJar = m_client->cookieJar();
        clientJar->clear();
        clientJar->storeFromResponse(site.url(), {"window=1"});
        const QList<RunItem> items {
            item(QStringLiteral("Login"), QStringLiteral("POST"), base + QStringLiteral("/login")),
            item(QStringLiteral("Me"), QStringLiteral("GET"), base + QStringLiteral("/me"))};

        const auto cookieHeaderOfLast = [&site] {
            return site.requests().isEmpty() ? QByteArray()
                                             : site.requests().last().header("Cookie");
        };
        QCOMPARE(run(items).results.size(), 2);
        QCOMPARE(cookieHeaderOfLast(), QByteArray("session=abc"));
        QCOMPARE(clientJar->cookieHeaderFor(site.url()), QByteArray("window=1"));

        RunOptions seeded;
        Cookie given;
        given.name = QStringLiteral("given");
        given.value = QStringLiteral("2");
        given.domain = site.url().host();
        seeded.cookies = {given};
        run(items, seeded);
        QCOMPARE(cookieHeaderOfLast(), QByteArray("given=2; session=abc"));

        RunOptions workspace;
        workspace.workspaceCookies = true;
        run(items, workspace);
        QCOMPARE(cookieHeaderOfLast(), QByteArray("window=1; session=abc"));
        QCOMPARE(clientJar->cookieHeaderFor(site.url()), QByteArray("window=1; session=abc"));
        clientJar->clear();
    }

    // A response that is an event stream is read as events up to the run's bound, with the
    // request's auth (here Digest: the 401 challenge, itself labelled an event stream, is not
    // the stream), then the run goes on.
    void eventStreamBehindADigestChallengeEndsAtTheEventBound()
    {
        ScriptedServer site;
        QByteArray stream;
        for (int i = 1; i <= 200; ++i)
            stream += "id: " + QByteArray::number(i) + "\ndata: {\"n\": " + QByteArray::number(i)
                + "}\n\n";
        site.setHandler([&stream](const ReceivedRequest &request, Connection &c) {
            if (request.path() == "/after") {
                c.respond(200, "after");
            } else if (!request.header("Authorization").startsWith("Digest ")) {
                c.write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"sse\", "
                        "nonce=\"abc123\", qop=\"auth\", algorithm=MD5\r\n"
                        "Content-Type: text/event-stream\r\nContent-Length: 15\r\n\r\n"
                        "data: refused\n\n");
            } else {
                c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                        "Connection: close\r\n\r\n");
                c.writeSlowly(stream, 24, std::chrono::milliseconds(20));
            }
        });
        RunItem events = item(QStringLiteral("Events"), QStringLiteral("GET"),
                              site.url(QStringLiteral("/events")).toString());
        events.request.auth.mode = AuthMode::Digest;
        events.request.auth.digest.username = QStringLiteral("ada");
        events.request.auth.digest.password = QStringLiteral("pw");
        events.assertions
            = {check(AssertionKind::JsonEquals, QStringLiteral("length"), QStringLiteral("2")),
               check(AssertionKind::JsonEquals, QStringLiteral("/1/id"), QStringLiteral("2"))};
        events.captures = {
            {QStringLiteral("lastId"), CaptureSource::JsonPointer, QStringLiteral("/1/id"), true}};
        RunItem after = item(QStringLiteral("After"), QStringLiteral("GET"),
                             site.url().toString() + QStringLiteral("/after?id={{lastId}}"));
        RunOptions options;
        options.stream.maxEvents = 2;
        const Run r = run({events, after}, options);
        QCOMPARE(r.results.size(), 2);
        const RequestResult &streamed = r.results.first();
        QVERIFY2(streamed.passed(), qPrintable(streamed.errorMessage));
        QCOMPARE(streamed.statusCode, 200);
        QCOMPARE(streamed.events, 2);
        QCOMPARE(streamed.streamEnd, QStringLiteral("event limit"));
        QCOMPARE(r.results.at(1).events, -1);
        QCOMPARE(r.results.at(1).url, site.url().toString() + QStringLiteral("/after?id=2"));
        QVERIFY(r.summary.passed());
    }

    void failedCaptureFailsTheRequest()
    {
        RunItem get = item(QStringLiteral("User"), QStringLiteral("GET"),
                           m_base + QStringLiteral("/users/1"));
        get.captures = {
            {QStringLiteral("token"), CaptureSource::JsonPointer, QStringLiteral("/token"), true}};
        const Run r = run({get});
        QCOMPARE(r.results.size(), 1);
        QVERIFY(!r.results.first().passed());
        QCOMPARE(r.summary.capturesFailed, 1);
        QVERIFY(!r.summary.passed());
    }

    void iterationsWithDataRows()
    {
        RunItem get = item(QStringLiteral("User"), QStringLiteral("GET"),
                           m_base + QStringLiteral("/users/{{id}}"));
        get.assertions
            = {check(AssertionKind::JsonEquals, QStringLiteral("/id"), QStringLiteral("{{id}}"))};
        RunOptions options;
        options.iterations = 4; // more than rows: rows repeat from the first
        options.data = {{{QStringLiteral("id"), QStringLiteral("1")}},
                        {{QStringLiteral("id"), QStringLiteral("2")}},
                        {{QStringLiteral("id"), QStringLiteral("3")}}};
        const Run r = run({get}, options);
        QCOMPARE(r.results.size(), 4);
        QStringList urls;
        for (const RequestResult &result : r.results) {
            QVERIFY(result.passed());
            urls.append(result.url.section(u'/', -1));
        }
        QCOMPARE(urls,
                 QStringList({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                              QStringLiteral("1")}));
        QCOMPARE(r.results.at(3).iteration, 3);
        QCOMPARE(r.summary.iterations, 4);
        QVERIFY(r.summary.passed());
    }

    void varOutranksDataAndFiles()
    {
        RunItem get = item(QStringLiteral("User"), QStringLiteral("GET"),
                           m_base + QStringLiteral("/users/{{id}}"));
        get.scopes = {{ScopeKind::Environment,
                       QStringLiteral("env"),
                       {{QStringLiteral("id"), QStringLiteral("9")}}}};
        RunOptions options;
        options.data = {{{QStringLiteral("id"), QStringLiteral("2")}}};
        const Run fromData = run({get}, options);
        QVERIFY(fromData.results.value(0).url.endsWith(QLatin1String("/users/2")));
        options.variables = {{QStringLiteral("id"), QStringLiteral("3")}};
        const Run fromVar = run({get}, options);
        QVERIFY(fromVar.results.value(0).url.endsWith(QLatin1String("/users/3")));
        const Run fromFile = run({get});
        QVERIFY(fromFile.results.value(0).url.endsWith(QLatin1String("/users/9")));
    }

    void bailStopsAtFirstFailure_data()
    {
        QTest::addColumn<bool>("bail");
        QTest::addColumn<int>("requests");
        QTest::newRow("bail") << true << 1;
        QTest::newRow("no bail") << false << 4;
    }

    void bailStopsAtFirstFailure()
    {
        QFETCH(bool, bail);
        QFETCH(int, requests);
        RunItem broken = item(QStringLiteral("Broken"), QStringLiteral("GET"),
                              m_base + QStringLiteral("/status/500"));
        broken.assertions = {check(AssertionKind::StatusInRange, {}, QStringLiteral("2xx"))};
        RunItem fine = item(QStringLiteral("Fine"), QStringLiteral("GET"),
                            m_base + QStringLiteral("/users/1"));
        RunOptions options;
        options.bail = bail;
        options.iterations = 2;
        const Run r = run({broken, fine}, options);
        QCOMPARE(r.results.size(), requests);
        QCOMPARE(r.summary.requests, requests);
        QCOMPARE(r.summary.bailed, bail);
        QCOMPARE(r.results.first().assertions.first().result.message,
                 QStringLiteral("expected status in 200-299, got 500"));
        QVERIFY(!r.summary.passed());
    }

    // An undefined variable is sent as written and reported; when it was to give the URL its
    // scheme and host, the failure names the variable rather than the missing "http://".
    void undefinedVariablesAreReported()
    {
        RunItem header = item(QStringLiteral("Header"), QStringLiteral("GET"),
                              m_base + QStringLiteral("/anything"));
        header.request.headers = {{QStringLiteral("X-Tenant"), QStringLiteral("{{tenant}}")}};
        header.assertions = {check(AssertionKind::JsonEquals, QStringLiteral("/headers/X-Tenant"),
                                   QStringLiteral("{{tenant}}"))};
        const RunItem url = item(QStringLiteral("URL"), QStringLiteral("GET"),
                                 QStringLiteral("{{baseUrl}}/users/1"));
        const Run r = run({header, url});
        QCOMPARE(r.results.size(), 2);
        QCOMPARE(r.results.at(0).undefinedVariables, QStringList {QStringLiteral("tenant")});
        QVERIFY(r.results.at(0).passed()); // sent as written, as the window and newman do
        QCOMPARE(r.results.at(1).undefinedVariables, QStringList {QStringLiteral("baseUrl")});
        QCOMPARE(r.results.at(1).errorKind, ErrorKind::InvalidUrl);
        QVERIFY2(r.results.at(1).errorMessage.contains(QLatin1String("baseUrl is not defined")),
                 qPrintable(r.results.at(1).errorMessage));
    }

    void transportFailureAndUnreadableFile()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        RunItem refused = item(QStringLiteral("Refused"), QStringLiteral("GET"),
                               QStringLiteral("http://127.0.0.1:%1/").arg(port));
        refused.assertions = {check(AssertionKind::StatusEquals, {}, QStringLiteral("200"))};
        RunItem unreadable = item(QStringLiteral("Broken file"), QStringLiteral("GET"), {});
        unreadable.problem = QStringLiteral("broken.yaml cannot be read");
        const Run r = run({refused, unreadable});
        QCOMPARE(r.results.size(), 2);
        QVERIFY(r.results.at(0).requestFailed());
        QCOMPARE(r.results.at(0).errorKind, ErrorKind::ConnectionRefused);
        QVERIFY(!r.results.at(0).assertions.first().result.passed);
        QCOMPARE(r.results.at(1).errorMessage, QStringLiteral("broken.yaml cannot be read"));
        QCOMPARE(r.summary.requestsFailed, 2);
        QVERIFY(!r.summary.passed());
    }

    void stopEndsTheRun()
    {
        CollectionRunner runner(m_client.get());
        QSignalSpy finished(&runner, &CollectionRunner::finished);
        QSignalSpy one(&runner, &CollectionRunner::requestFinished);
        RunOptions options;
        options.iterations = 1000;
        options.delayMs = 60000;
        runner.start(
            {item(QStringLiteral("U"), QStringLiteral("GET"), m_base + QStringLiteral("/users/1"))},
            options);
        QVERIFY(one.wait(10000)); // now waiting out the delay
        runner.stop();
        QVERIFY(finished.wait(10000));
        const RunSummary summary = finished.first().first().value<RunSummary>();
        QVERIFY(summary.stopped);
        QCOMPARE(summary.requests, 1);
        QVERIFY(!summary.passed());
        QVERIFY(!runner.isRunning());
    }

    // A secret collection variable gets its value from the lookup (the GUI's keyring cache);
    // without one it stays unresolved instead of going out empty.
    void itemsFromWorkspaceTakeSecretValues()
    {
        QTemporaryDir dir;
        const QString collection = dir.filePath(QStringLiteral("api"));
        QVERIFY(QDir().mkpath(collection));
        CollectionInfo info;
        info.id = QStringLiteral("c-1");
        info.name = QStringLiteral("API");
        info.variables = {{QStringLiteral("token"), QString(), true, true}};
        QVERIFY(writeFile(collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        SavedRequest request;
        request.name = QStringLiteral("Me");
        request.request.url = QStringLiteral("http://127.0.0.1:9/me?t={{token}}");
        QVERIFY(writeFile(collection + QStringLiteral("/me.yaml"), requestToYaml(request)));
        const Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());

        const QString key = secretKeyFor(QStringLiteral("c-1"), ScopeKind::Collection, QString(),
                                         QStringLiteral("token"));
        const SecretLookup lookup = [key](const QString &asked) -> std::optional<QString> {
            return asked == key ? std::optional<QString>(QStringLiteral("tok-42")) : std::nullopt;
        };
        const auto resolvedToken = [](const RunItem &item) {
            QStringList unresolved;
            const Request r
                = resolveVariables(item.request, VariableContext(item.scopes), &unresolved);
            return unresolved.isEmpty() ? r.url : QStringLiteral("unresolved");
        };
        const Result<QList<RunItem>> with
            = runItemsFromWorkspace(ws.value(), collection, nullptr, lookup);
        QVERIFY(with.ok());
        QCOMPARE(resolvedToken(with->first()), QStringLiteral("http://127.0.0.1:9/me?t=tok-42"));
        const Result<QList<RunItem>> without
            = runItemsFromWorkspace(ws.value(), collection, nullptr);
        QVERIFY(without.ok());
        QCOMPARE(resolvedToken(without->first()), QStringLiteral("unresolved"));
    }

    void itemsFromWorkspace()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString collection = dir.filePath(QStringLiteral("api"));
        QVERIFY(QDir().mkpath(collection + QStringLiteral("/admin")));
        CollectionInfo info;
        info.name = QStringLiteral("API");
        info.auth.mode = AuthMode::Bearer;
        info.auth.token = QStringLiteral("{{token}}");
        info.headers = {{QStringLiteral("X-Client"), QStringLiteral("patchbay")}};
        info.testScript = QStringLiteral("pm.test('x', () => {})");
        QVERIFY(writeFile(collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        SavedRequest first;
        first.name = QStringLiteral("First");
        first.order = 1;
        first.request.url = QStringLiteral("{{base}}/users/1");
        first.assertions = {check(AssertionKind::StatusEquals, {}, QStringLiteral("200"))};
        QVERIFY(writeFile(collection + QStringLiteral("/first.yaml"), requestToYaml(first)));
        SavedRequest second = first;
        second.name = QStringLiteral("Second");
        second.order = 2;
        second.preRequestScript = QStringLiteral("console.log(1)");
        QVERIFY(
            writeFile(collection + QStringLiteral("/admin/second.yaml"), requestToYaml(second)));
        QVERIFY(writeFile(collection + QStringLiteral("/admin/broken.yaml"), "patchbay: [\n"));

        const Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        const Environment env {
            1, QStringLiteral("Local"), {{QStringLiteral("base"), QStringLiteral("http://x")}}};
        const Result<QList<RunItem>> all = runItemsFromWorkspace(ws.value(), collection, &env);
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
        QCOMPARE(all->size(), 3);
        QStringList names;
        for (const RunItem &i : all.value())
            names.append(i.name);
        QCOMPARE(names,
                 QStringList({QStringLiteral("admin / broken"), QStringLiteral("admin / Second"),
                              QStringLiteral("First")}));
        // The folder has no order of its own (0), so it comes before First (1).
        const RunItem &firstItem = all->at(2);
        QCOMPARE(firstItem.request.auth.mode, AuthMode::Bearer);
        QCOMPARE(firstItem.request.headers.value(0).name, QStringLiteral("X-Client"));
        QCOMPARE(firstItem.assertions, first.assertions);
        QCOMPARE(firstItem.scriptsNotRun, QStringList({QStringLiteral("collection: test script")}));
        QCOMPARE(firstItem.scopes.last().kind, ScopeKind::Environment);
        QVERIFY(!all->at(0).problem.isEmpty());
        QCOMPARE(all->at(1).scriptsNotRun,
                 QStringList({QStringLiteral("collection: test script"),
                              QStringLiteral("pre-request script")}));

        const Result<QList<RunItem>> folder
            = runItemsFromWorkspace(ws.value(), collection + QStringLiteral("/admin"), nullptr);
        QVERIFY(folder.ok());
        QCOMPARE(folder->size(), 2);
        const Result<QList<RunItem>> missing
            = runItemsFromWorkspace(ws.value(), dir.filePath(QStringLiteral("nope")), nullptr);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("run-not-found"));
    }

    void itemsFromImportedCollection()
    {
        ImportedCollection imported;
        imported.info.name = QStringLiteral("Postman");
        imported.info.variables = {{QStringLiteral("base"), QStringLiteral("http://c")}};
        ImportedFolder users;
        users.info.name = QStringLiteral("Users");
        users.info.variables = {{QStringLiteral("base"), QStringLiteral("http://f")}};
        SavedRequest get;
        get.name = QStringLiteral("Get");
        get.request.url = QStringLiteral("{{base}}/u");
        get.testScript = QStringLiteral("pm.test('ok', function () {});");
        users.requests = {get};
        imported.root.folders = {users};
        const QList<RunItem> items = runItemsFromImported(imported, nullptr);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().name, QStringLiteral("Users / Get"));
        QCOMPARE(items.first().scriptsNotRun, QStringList({QStringLiteral("test script")}));
        QCOMPARE(VariableContext(items.first().scopes).resolveText(u"{{base}}"),
                 QStringLiteral("http://f"));
    }
};

QTEST_GUILESS_MAIN(TestCollectionRunner)
#include "tst_collectionrunner.moc"
