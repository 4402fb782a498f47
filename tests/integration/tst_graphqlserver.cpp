// GraphQL against a real server: graphql-js 16 + graphql-http 1.23.1 (servers/graphql-server.js,
// pinned in servers/package-lock.json) on 127.0.0.1, whose introspection needs a bearer token.
// The core part sends through Core::HttpClient what the window sends; the window part drives
// the GraphQL editor in a real MainWindow: Fetch Schema without and with the request's auth,
// completion from the fetched schema, then Send with variables and a picked operation.
// One source, two executables: tst_graphqlserver (the core part, also built under the
// sanitizers) and tst_graphqlwindow (PATCHBAY_TEST_WINDOW: the window part, which needs the UI).
#include "core/collections/collectionformat.h"
#include "core/graphql/graphqlhttp.h"
#include "core/graphql/graphqlsubscription.h"
#include "core/graphql/schemastore.h"
#include "core/history/historystore.h"
#include "core/http/httpclient.h"
#include "tests/integration/clisandbox.h"
#include "tests/integration/externalserver.h"
#include "tests/support/testfiles.h"
#ifdef PATCHBAY_TEST_WINDOW
#include "tests/ui/window/windowtest.h"
#include "ui/common/codeview.h"
#include "ui/graphql/graphqleditor.h"
#include "ui/graphql/schemaexplorer.h"
#include "ui/request/jsonbodyeditor.h"
#include "ui/request/requesteditor.h"
#include "ui/streams/eventstreammodel.h"
#include "ui/streams/eventstreamview.h"
#include "ui/tabs/requesttab.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#endif

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

const QString kToken = QStringLiteral("s3cret-token");

QString sourceDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR");
}

QString schemaFile()
{
    return sourceDir() + QStringLiteral("/tests/core/graphql/data/starwars.graphql");
}

QString serversDir()
{
    return sourceDir() + QStringLiteral("/tests/integration/servers");
}

#ifndef PATCHBAY_TEST_WINDOW
Response sendAndWait(HttpClient &client, const Request &request)
{
    std::unique_ptr<HttpCall> call = client.send(request);
    QSignalSpy finished(call.get(), &HttpCall::finished);
    if (!finished.wait(20000))
        return {};
    return call->response();
}

// graphql-js's own printSchema() of a schema file (the oracle for our printer).
QString printedByGraphQlJs(const QString &file)
{
    QProcess node;
    node.setWorkingDirectory(serversDir());
    node.start(QStringLiteral("/usr/bin/node"),
               {serversDir() + QStringLiteral("/graphql-tool.js"), QStringLiteral("print"), file});
    if (!node.waitForFinished(30000) || node.exitCode() != 0)
        return QStringLiteral("node failed: ") + QString::fromUtf8(node.readAllStandardError());
    return QString::fromUtf8(node.readAllStandardOutput());
}

#endif

} // namespace

#ifdef PATCHBAY_TEST_WINDOW
using TestBase = Tests::WindowTest;
#else
// The core part needs no window; only the application's name, for test-mode paths.
class TestBase : public QObject
{
protected:
    static void setUpApplication(const QString &application)
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(application);
    }
    static void startFirstRun() { }
};
#endif

class TestGraphQlServer final : public TestBase
{
    Q_OBJECT

private:
    std::unique_ptr<ExternalServer> m_server;
    QTemporaryDir m_dir;

    Request graphQl(const QString &query, const QString &variables = {},
                    const QString &operationName = {}) const
    {
        Request r;
        r.method = QStringLiteral("POST");
        r.url = m_server->url(QStringLiteral("/graphql")).toString();
        r.body.mode = BodyMode::GraphQl;
        r.body.graphql = {query, variables, operationName, {}};
        return r;
    }

private slots:
    void initTestCase()
    {
        setUpApplication(QStringLiteral("tst_graphqlserver"));
        m_server = std::make_unique<ExternalServer>(
            QStringLiteral("graphql-http"), QStringLiteral("/usr/bin/node"),
            QStringList {serversDir() + QStringLiteral("/graphql-server.js"),
                         QStringLiteral("{port}"), schemaFile(), kToken},
            serversDir());
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init() { startFirstRun(); }

#ifndef PATCHBAY_TEST_WINDOW
    void queriesWithVariablesAndOperation_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("POST") << QStringLiteral("POST");
        QTest::newRow("GET") << QStringLiteral("GET");
    }

    void queriesWithVariablesAndOperation()
    {
        QFETCH(QString, method);
        QNetworkAccessManager network;
        HttpClient client(&network);
        const QString document = QStringLiteral(
            "query Droid { hero { name } }\n"
            "query Hero($ep: Episode) { hero(episode: $ep) { name ... on Human { homePlanet } } }");
        Request request
            = graphQl(document, QStringLiteral("{\"ep\": \"EMPIRE\"}"), QStringLiteral("Hero"));
        request.method = method;
        Response response = sendAndWait(client, request);
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(
            response.body.readAll(),
            QByteArray(R"({"data":{"hero":{"name":"Luke Skywalker","homePlanet":"Tatooine"}}})"));

        request.body.graphql.operationName = QStringLiteral("Droid");
        response = sendAndWait(client, request);
        QCOMPARE(response.body.readAll(), QByteArray(R"({"data":{"hero":{"name":"R2-D2"}}})"));

        // Without an operation name the server cannot choose: its error comes back (graphql-http
        // words it so before graphql-js's executor would say "Must provide operation name").
        request.body.graphql.operationName.clear();
        response = sendAndWait(client, request);
        QVERIFY2(response.body.readAll().contains("Unable to detect operation AST"),
                 response.body.readAll().constData());
    }

    void mutationWithInputObject()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        const Response response = sendAndWait(
            client,
            graphQl(QStringLiteral("mutation($r: ReviewInput!) { createReview(episode: "
                                   "JEDI, review: $r) { stars commentary } }"),
                    QStringLiteral("{\"r\": {\"stars\": 5, \"commentary\": \"é!\"}}")));
        QCOMPARE(
            response.body.readAll(),
            QByteArray("{\"data\":{\"createReview\":{\"stars\":5,\"commentary\":\"\xc3\xa9!\"}}}"));
    }

    // Introspection needs the token: refused without it, and through the request's own auth
    // it gives the schema, stored as SDL beside the collection.
    void introspectionNeedsTheRequestsAuth()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Request request = graphQl(QStringLiteral("{ hero { name } }"));
        Response refused = sendAndWait(client, introspectionRequest(request));
        const Result<GraphQl::StoredSchema> noSchema
            = GraphQl::storeSchema(refused.body.readAll(), {}, {});
        QVERIFY(!noSchema.ok());
        QVERIFY2(noSchema.error().message.startsWith(
                     QLatin1String("The server refused introspection: GraphQL introspection has "
                                   "been disabled")),
                 qPrintable(noSchema.error().message));

        request.auth.mode = AuthMode::Bearer;
        request.auth.token = kToken;
        const Response answered = sendAndWait(client, introspectionRequest(request));
        QCOMPARE(answered.statusCode, 200);
        const QString collection = m_dir.filePath(QStringLiteral("collection"));
        const Result<GraphQl::StoredSchema> stored = GraphQl::storeSchema(
            answered.body.readAll(), collection, GraphQl::defaultSchemaFile(request.url));
        QVERIFY2(stored.ok(), stored.ok() ? "" : qPrintable(stored.error().message));
        QCOMPARE(stored->schema.queryType, QStringLiteral("Root"));
        QVERIFY(stored->path.startsWith(collection + QStringLiteral("/schemas/127-0-0-1-")));
        QCOMPARE(QString::fromUtf8(readFile(stored->path)), stored->sdl);

        // Our printer writes what graphql-js prints for the same introspection result.
        const QString json = m_dir.filePath(QStringLiteral("introspection.json"));
        QVERIFY(writeFile(json, answered.body.readAll()));
        QCOMPARE(stored->sdl, printedByGraphQlJs(json));

        // A refresh with a changed schema reports what changed; an unchanged one writes nothing.
        QVERIFY(
            writeFile(stored->path, stored->sdl.toUtf8().replace("  homePlanet: String\n", "")));
        const Result<GraphQl::StoredSchema> again = GraphQl::storeSchema(
            answered.body.readAll(), collection, GraphQl::defaultSchemaFile(request.url));
        QVERIFY(again.ok() && again->changed());
        const LineDiff diff = GraphQl::schemaDiff(again->previousSdl, again->sdl);
        QCOMPARE(diff.addedCount(), 1);
        QCOMPARE(diff.removedCount(), 0);
        const QDateTime written = QFileInfo(stored->path).lastModified();
        const Result<GraphQl::StoredSchema> same = GraphQl::storeSchema(
            answered.body.readAll(), collection, GraphQl::defaultSchemaFile(request.url));
        QVERIFY(same.ok() && !same->changed());
        QCOMPARE(QFileInfo(stored->path).lastModified(), written);
    }

    void operationTypeAndUrl()
    {
        const auto type = [](const QString &query, const QString &name = {}) {
            return graphQlOperationType({query, {}, name, {}});
        };
        QCOMPARE(type(QStringLiteral("{ hero { name } }")), QStringLiteral("query"));
        QCOMPARE(type(QStringLiteral("subscription S { reviewAdded { stars } }")),
                 QStringLiteral("subscription"));
        const QString two = QStringLiteral("query Q { hero { name } } subscription S { a }");
        QCOMPARE(type(two), QString()); // several, none named
        QCOMPARE(type(two, QStringLiteral("S")), QStringLiteral("subscription"));
        QCOMPARE(type(two, QStringLiteral("Nope")), QString());
        QCOMPARE(type(QStringLiteral("subscription {")), QString()); // a syntax error
        QCOMPARE(graphQlSubscriptionUrl(QStringLiteral("https://api.test/graphql")),
                 QStringLiteral("wss://api.test/graphql"));
        QCOMPARE(graphQlSubscriptionUrl(QStringLiteral("HTTP://api.test/g")),
                 QStringLiteral("ws://api.test/g"));
        QCOMPARE(graphQlSubscriptionUrl(QStringLiteral("ws://api.test/g")),
                 QStringLiteral("ws://api.test/g"));
    }

    // A subscription over graphql-transport-ws with the request's auth on the handshake: the
    // server's greeting arrives, then a review a mutation adds, live; Stop completes it.
    void subscriptionOverWebSocket()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Request request = graphQl(
            QStringLiteral("subscription Added($ep: Episode) { reviewAdded(episode: $ep) { "
                           "stars commentary } }"),
            QStringLiteral("{\"ep\": \"JEDI\"}"));
        request.auth.mode = AuthMode::Bearer;
        request.auth.token = kToken;
        request.settings.timeoutMs = 10000;
        QVERIFY(isGraphQlSubscription(request));
        GraphQlSubscription subscription(request, {}, {&client, {}, nullptr});
        QSignalSpy events(&subscription, &GraphQlSubscription::eventReceived);
        QSignalSpy finished(&subscription, &GraphQlSubscription::finished);
        subscription.start();
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 15000);
        QVERIFY(subscription.isSubscribed());
        ServerSentEvent first = events.at(0).at(0).value<ServerSentEvent>();
        QCOMPARE(first.type, QStringLiteral("next"));
        QCOMPARE(
            first.data,
            QStringLiteral(R"({"data":{"reviewAdded":{"stars":5,"commentary":"subscribed"}}})"));

        const Response added
            = sendAndWait(client,
                          graphQl(QStringLiteral("mutation { createReview(episode: JEDI, review: "
                                                 "{stars: 3, commentary: \"live\"}) { stars } }")));
        QCOMPARE(added.statusCode, 200);
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, 10000);
        QVERIFY(events.at(1).at(0).value<ServerSentEvent>().data.contains(u"\"live\""));

        subscription.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const Response summary = finished.first().at(0).value<Response>();
        QVERIFY(finished.first().at(1).toBool()); // stopped by the user
        QVERIFY2(!summary.isError(), qPrintable(summary.errorMessage));
        QCOMPARE(summary.statusCode, 101);
        const QJsonArray kept = QJsonDocument::fromJson(summary.body.readAll()).array();
        QCOMPARE(kept.size(), 2);
        const QJsonObject last = kept.at(1).toObject();
        QCOMPARE(last.value(QLatin1String("data"))
                     .toObject()
                     .value(QLatin1String("data"))
                     .toObject()
                     .value(QLatin1String("reviewAdded"))
                     .toObject()
                     .value(QLatin1String("commentary"))
                     .toString(),
                 QStringLiteral("live"));
    }

    // Without the token the server closes the connection with 4403; a query the schema does
    // not have gets the server's GraphQL errors. Both end the subscription, in words.
    void subscriptionFailuresAreExplained()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Request request
            = graphQl(QStringLiteral("subscription { reviewAdded(episode: JEDI) { stars } }"));
        request.settings.timeoutMs = 10000;
        GraphQlSubscription refused(request, {}, {&client, {}, nullptr});
        QSignalSpy refusedEnd(&refused, &GraphQlSubscription::finished);
        refused.start();
        QTRY_COMPARE_WITH_TIMEOUT(refusedEnd.size(), 1, 15000);
        QString error = refusedEnd.first().at(0).value<Response>().errorMessage;
        QVERIFY2(error.contains(QLatin1String("4403"))
                     && error.contains(QLatin1String("forbidden")),
                 qPrintable(error));

        request.auth.mode = AuthMode::Bearer;
        request.auth.token = kToken;
        request.body.graphql.query
            = QStringLiteral("subscription { reviewAdded(episode: JEDI) { rating } }");
        GraphQlSubscription invalid(request, {}, {&client, {}, nullptr});
        QSignalSpy invalidEvents(&invalid, &GraphQlSubscription::eventReceived);
        QSignalSpy invalidEnd(&invalid, &GraphQlSubscription::finished);
        invalid.start();
        QTRY_COMPARE_WITH_TIMEOUT(invalidEnd.size(), 1, 15000);
        QCOMPARE(invalidEvents.size(), 1);
        QCOMPARE(invalidEvents.first().at(0).value<ServerSentEvent>().type,
                 QStringLiteral("error"));
        error = invalidEnd.first().at(0).value<Response>().errorMessage;
        QVERIFY2(error.startsWith(QLatin1String("The server refused the subscription: Cannot query "
                                                "field \"rating\"")),
                 qPrintable(error));
    }

    // `patchbay-cli send --graphql`: a query over HTTP, and a subscription printed event by
    // event until --max-events.
    void cliSendsQueriesAndSubscriptions()
    {
        const QString url = m_server->url(QStringLiteral("/graphql")).toString();
        const ProcessRun query = runProcess(
            cliPath(),
            {QStringLiteral("send"), QStringLiteral("POST"), url, QStringLiteral("--graphql"),
             QStringLiteral("query Hero($ep: Episode) { hero(episode: $ep) { name } }"),
             QStringLiteral("--variables"), QStringLiteral("{\"ep\": \"EMPIRE\"}")});
        QVERIFY2(query.exitCode == 0, qPrintable(query.out + query.err));
        QVERIFY2(query.out.contains(QLatin1String("Luke Skywalker")), qPrintable(query.out));

        const QString subscription
            = QStringLiteral("subscription { reviewAdded(episode: JEDI) { commentary } }");
        const ProcessRun events = runProcess(
            cliPath(),
            {QStringLiteral("send"), QStringLiteral("POST"), url, QStringLiteral("--graphql"),
             subscription, QStringLiteral("-H"), QStringLiteral("Authorization: Bearer ") + kToken,
             QStringLiteral("--max-events"), QStringLiteral("1"), QStringLiteral("--jsonl")});
        QVERIFY2(events.exitCode == 0, qPrintable(events.out + events.err));
        const QJsonObject line = QJsonDocument::fromJson(events.out.trimmed().toUtf8()).object();
        QCOMPARE(line.value(QLatin1String("event")).toString(), QStringLiteral("next"));
        QVERIFY2(line.value(QLatin1String("data")).toString().contains(QLatin1String("subscribed")),
                 qPrintable(events.out));

        const ProcessRun refused = runProcess(cliPath(),
                                              {QStringLiteral("send"), QStringLiteral("POST"), url,
                                               QStringLiteral("--graphql"), subscription});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(QLatin1String("4403")), qPrintable(refused.err));

        const ProcessRun badVariables = runProcess(
            cliPath(),
            {QStringLiteral("send"), QStringLiteral("POST"), url, QStringLiteral("--graphql"),
             subscription, QStringLiteral("--variables"), QStringLiteral("[1]")});
        QCOMPARE(badVariables.exitCode, 2);
    }

    // `patchbay-cli run`: a saved subscription is read as events up to --max-events, and its
    // assertions check them.
    void cliRunsASubscription()
    {
        const QString dir = m_dir.filePath(QStringLiteral("subscriptions"));
        QVERIFY(QDir().mkpath(dir));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("Reviews");
        info.auth.mode = AuthMode::Bearer;
        info.auth.token = kToken;
        QVERIFY(writeFile(dir + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        SavedRequest saved;
        saved.name = QStringLiteral("Review feed");
        saved.request = graphQl(
            QStringLiteral("subscription { reviewAdded(episode: JEDI) { stars commentary } }"));
        saved.request.auth.mode = AuthMode::Inherit;
        saved.assertions = {{AssertionKind::StatusEquals, QString(), QStringLiteral("101"), true},
                            {AssertionKind::JsonEquals, QStringLiteral("/0/type"),
                             QStringLiteral("\"next\""), true},
                            { AssertionKind::JsonEquals,
                              QStringLiteral("/0/data/data/reviewAdded/commentary"),
                              QStringLiteral("\"subscribed\""),
                              true }};
        QVERIFY(writeFile(dir + QStringLiteral("/feed.yaml"), requestToYaml(saved)));
        const ProcessRun run = runProcess(
            cliPath(),
            {QStringLiteral("run"), dir, QStringLiteral("--max-events"), QStringLiteral("1"),
             QStringLiteral("--stream-timeout"), QStringLiteral("10000")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QLatin1String("3/3 assertions")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QLatin1String("1 event (event limit)"))
                     || run.out.contains(QLatin1String("1 events (event limit)")),
                 qPrintable(run.out));
    }

#else
    // The same, by hand in the window: Fetch Schema goes through the tab's send path.
    void windowFetchesTheSchemaAndSends()
    {
        QNetworkAccessManager network;
        HistoryStore history(m_dir.filePath(QStringLiteral("h.sqlite")));
        Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Ui::RequestEditor *editor = window.requestEditor();
        auto *methodCombo = child<QComboBox>(editor, "methodCombo");
        methodCombo->lineEdit()->selectAll();
        QTest::keyClicks(methodCombo->lineEdit(), QStringLiteral("POST"));
        typeUrl(editor, m_server->url(QStringLiteral("/graphql")).toString());
        child<QTabWidget>(editor, "requestTabs")->setCurrentIndex(2);
        auto *mode = child<QComboBox>(editor, "bodyModeCombo");
        mode->setCurrentIndex(mode->findText(QStringLiteral("GraphQL")));
        Ui::GraphQlEditor *graphql = editor->graphQlEditor();
        QVERIFY(graphql->isVisible());

        // No auth: the server refuses, and the editor says why.
        QTest::mouseClick(child<QPushButton>(graphql, "graphqlFetchSchema"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            graphql->schemaStatus()->text() == QLatin1String("Schema not loaded"), 20000);
        QVERIFY2(graphql->schemaStatus()->toolTip().contains(
                     QLatin1String("introspection has been disabled")),
                 qPrintable(graphql->schemaStatus()->toolTip()));
        QVERIFY(!graphql->schema());

        // The request's bearer token: introspection works.
        auto *authMode = child<QComboBox>(editor, "authModeCombo");
        authMode->setCurrentIndex(authMode->findData(int(AuthMode::Bearer)));
        QTest::keyClicks(child<QLineEdit>(editor, "bearerToken"), kToken);
        QSignalSpy schemaChanged(graphql, &Ui::GraphQlEditor::schemaChanged);
        QTest::mouseClick(child<QPushButton>(graphql, "graphqlFetchSchema"), Qt::LeftButton);
        QVERIFY(schemaChanged.wait(20000));
        QVERIFY(graphql->schema());
        QVERIFY(graphql->schema()->type(u"Human"));
        QVERIFY(graphql->explorer()->model()->rowCount() > 10);

        // Typing a query offers the schema's fields, and it runs with variables and the
        // picked operation.
        Ui::CodeView *query = graphql->queryEditor();
        query->setFocus();
        query->setText(QStringLiteral("query Droid { hero { name } }\n"));
        query->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
        QTest::keyClicks(query, QStringLiteral("query Hero($ep: Episode) { he"));
        QTRY_VERIFY(query->isListActive());
        query->cancelList();
        QTest::keyClicks(query, QStringLiteral("ro(episode: $ep) { name } }"));
        graphql->variablesEditor()->setText(QStringLiteral("{\"ep\": \"EMPIRE\"}"));
        QTRY_VERIFY(graphql->operationPicker()->isVisible());
        QCOMPARE(graphql->operationPicker()->count(), 2);
        graphql->operationPicker()->setCurrentIndex(1);
        emit graphql->operationPicker()->activated(1);
        QCOMPARE(editor->request().body.graphql.operationName, QStringLiteral("Hero"));

        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(child<QPushButton>(editor, "sendButton"), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        const Response response = finished.first().first().value<Response>();
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.body.readAll(),
                 QByteArray(R"({"data":{"hero":{"name":"Luke Skywalker"}}})"));
    }

    // A subscription in the window: Send subscribes over WebSocket with the request's auth, the
    // results show live in the stream view, Stop completes it, and history gets the exchange.
    void windowShowsASubscriptionLive()
    {
        QNetworkAccessManager network;
        HistoryStore history(m_dir.filePath(QStringLiteral("hs.sqlite")));
        Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Request request = graphQl(
            QStringLiteral("subscription { reviewAdded(episode: JEDI) { stars commentary } }"));
        request.auth.mode = AuthMode::Bearer;
        request.auth.token = kToken;
        Ui::RequestEditor *editor = window.requestEditor();
        editor->setRequest(request);
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(child<QPushButton>(editor, "sendButton"), Qt::LeftButton);
        Ui::RequestTab *tab = window.currentTab();
        QTRY_VERIFY_WITH_TIMEOUT(tab->streamView() && tab->streamView()->model()->rowCount() == 1,
                                 15000);
        Ui::EventStreamView *view = tab->streamView();
        QVERIFY(tab->isBusy());
        // The status bar says what goes on, not "Sending POST…".
        QVERIFY2(window.statusBar()->currentMessage().startsWith(
                     QLatin1String("Subscribing over ws://")),
                 qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(!view->reconnectCheck()->isVisible()); // a subscription does not reconnect
        QTRY_VERIFY(view->statusLabel()->text().startsWith(QLatin1String("Subscribed")));
        view->table()->selectRow(0);
        QTRY_VERIFY(view->dataView()->toPlainText().contains(QLatin1String("\"subscribed\"")));

        QVERIFY(view->stopButton()->isEnabled());
        QTest::mouseClick(view->stopButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const Response response = finished.first().first().value<Response>();
        QCOMPARE(response.statusCode, 101);
        QVERIFY(response.body.readAll().contains("subscribed"));
        QVERIFY(!tab->isBusy());
        QVERIFY2(view->statusLabel()->text().startsWith(QLatin1String("Stopped")),
                 qPrintable(view->statusLabel()->text()));
    }
#endif
};

#ifdef PATCHBAY_TEST_WINDOW
QTEST_MAIN(TestGraphQlServer)
#else
QTEST_GUILESS_MAIN(TestGraphQlServer)
#endif
#include "tst_graphqlserver.moc"
