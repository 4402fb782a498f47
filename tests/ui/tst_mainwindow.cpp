#include "core/collections/collectionformat.h"
#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "core/history/redaction.h"
#include "core/secrets/secretcache.h"
#include "tests/ui/window/windowtest.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/common/codeview.h"
#include "ui/history/historymodel.h"
#include "ui/history/historypanel.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/bodyview.h"
#include "ui/response/responseviewer.h"
#include "ui/response/statusbadge.h"
#include "ui/response/transporterrorpanel.h"
#include "ui/runner/runnerdialog.h"
#include "ui/runner/testseditor.h"
#include "ui/tabs/requesttab.h"
#include "ui/update/editresourcedialog.h"
#include "ui/window/importexportcontroller.h"

#include <QApplication>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

using namespace Patchbay;

// The window as a user drives it: type a URL, choose PATCH, type a body, click Send against
// the sandbox, read the badge and the formatted body, find the exchange in history, restore it.
// Tabs, sessions and drafts, and files on disk have their own tests in tests/ui/window/.
class TestMainWindow final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_mainwindow")); }
    void init() { startFirstRun(); }

    void patchAgainstTheSandboxLandsInHistory()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h1.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.startSandbox();
        QVERIFY(window.isSandboxRunning());

        const QString url = window.sandboxUrl().toString() + QStringLiteral("/users/1");
        const Core::Response response
            = sendByHand(window, QStringLiteral("PATCH"), url,
                         QStringLiteral("{\"email\": \"new@example.com\"}"));
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(window.requestEditor()->request().method, QStringLiteral("PATCH"));

        Ui::ResponseViewer *viewer = window.responseViewer();
        QCOMPARE(viewer->statusBadge()->text(), QStringLiteral("200"));
        QCOMPARE(viewer->statusBadge()->statusClass(), Ui::StatusBadge::StatusClass::Success);
        // Formatted losslessly: the sandbox's key order (id first), indented, the merged field.
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->bodyView()->isBusy(), 10000);
        const QString pretty = viewer->bodyView()->prettyView()->text();
        QVERIFY2(pretty.startsWith(QLatin1String("{\n  \"id\": 1,\n  \"name\": ")),
                 qPrintable(pretty));
        QVERIFY(pretty.contains(QLatin1String("\"email\": \"new@example.com\"")));

        // The new history row, under today's group.
        Ui::HistoryModel *model = window.historyPanel()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
        const QModelIndex day = model->index(0, 0);
        QTRY_COMPARE(model->rowCount(day), 1);
        const QModelIndex entry = model->index(0, 0, day);
        QCOMPARE(entry.data(Ui::HistoryModel::MethodRole).toString(), QStringLiteral("PATCH"));
        QCOMPARE(entry.data(Ui::HistoryModel::StatusCodeRole).toInt(), 200);
        QCOMPARE(entry.data(Ui::HistoryModel::UrlRole).toString(), url);
    }

    void historyEntryRestoresRequestAndResponse()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h2.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.startSandbox();
        const QString url = window.sandboxUrl().toString() + QStringLiteral("/users/2");
        QCOMPARE(sendByHand(window, QStringLiteral("PUT"), url,
                            QStringLiteral("{\"name\": \"Only a name\"}"))
                     .statusCode,
                 200);

        // Start over, then pick the entry in the history tree.
        window.requestEditor()->setRequest(Core::Request());
        window.responseViewer()->clear();
        Ui::HistoryModel *model = window.historyPanel()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
        QTRY_COMPARE(model->rowCount(model->index(0, 0)), 1);
        QTreeView *view = window.historyPanel()->view();
        view->expandAll();
        const QModelIndex entry = model->index(0, 0, model->index(0, 0));
        view->setCurrentIndex(entry);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Return);

        QTRY_COMPARE_WITH_TIMEOUT(window.requestEditor()->request().method, QStringLiteral("PUT"),
                                  10000);
        const Core::Request restored = window.requestEditor()->request();
        QCOMPARE(restored.url, url);
        QCOMPARE(restored.body.mode, Core::BodyMode::Json);
        QCOMPARE(restored.body.text, QStringLiteral("{\"name\": \"Only a name\"}"));
        QCOMPARE(window.responseViewer()->statusBadge()->text(), QStringLiteral("200"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.responseViewer()->bodyView()->isBusy(), 10000);
        QVERIFY(window.responseViewer()->bodyView()->prettyView()->text().contains(
            QLatin1String("\"name\": \"Only a name\"")));
    }

    void transportErrorShowsAPanelNotAStatus()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(probe.serverPort());
        probe.close();
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h3.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        const Core::Response response = sendByHand(window, QStringLiteral("GET"), url, QString());
        QCOMPARE(response.errorKind, Core::ErrorKind::ConnectionRefused);
        Ui::ResponseViewer *viewer = window.responseViewer();
        QVERIFY(viewer->errorPanel()->isVisible());
        QVERIFY(!viewer->statusBadge()->isVisible());
        QVERIFY(viewer->errorPanel()->message().contains(QLatin1String("refused")));
    }

    void firstRunExampleSendsAPatch()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h4.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(!window.isSandboxRunning());
        auto *tryButton = window.findChild<QPushButton *>(QStringLiteral("trySandboxButton"));
        QVERIFY(tryButton);
        QVERIFY(tryButton->isVisible());
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(tryButton, Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY(window.isSandboxRunning());
        QCOMPARE(window.requestEditor()->request().method, QStringLiteral("PATCH"));
        QCOMPARE(finished.first().first().value<Core::Response>().statusCode, 200);
    }

    void savedRequestSendsWithItsEnvironmentAndSaves()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h6.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();

        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString path = collection + QStringLiteral("/patch-email.yaml");
        const Core::CollectionItem *item = workspace.item(path);
        QVERIFY(item);
        window.openSavedRequest(path, item->request);
        QCOMPARE(window.currentRequestPath(), path);
        QCOMPARE(window.requestEditor()->request().url, QStringLiteral("{{baseUrl}}/users/1"));

        pickSandboxEnvironment(window, workspace, collection);

        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(child<QPushButton>(window.requestEditor(), "sendButton"), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        const Core::Response response = finished.first().first().value<Core::Response>();
        QCOMPARE(response.statusCode, 200);
        QCOMPARE(response.finalUrl.toString(),
                 window.sandboxUrl().toString() + QStringLiteral("/users/1"));

        // Edit and save: the file changes, the title loses its unsaved marker.
        Core::Request edited = window.requestEditor()->request();
        edited.body.text = QStringLiteral("{\"email\": \"saved@example.com\"}\n");
        window.requestEditor()->setRequest(edited);
        QVERIFY(window.save());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("saved@example.com"));
        QVERIFY(!window.windowTitle().contains(QStringLiteral("•")));

        // Closing with unsaved edits asks: Cancel keeps the window, Discard closes it.
        edited.body.text = QStringLiteral("{\"email\": \"unsaved@example.com\"}\n");
        window.requestEditor()->setRequest(edited);
        QVERIFY(window.hasUnsavedChanges());
        const auto answerWith = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, qApp, [button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                QCOMPARE(box->objectName(), QStringLiteral("unsavedChangesQuestion"));
                box->button(button)->click();
            });
        };
        answerWith(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        answerWith(QMessageBox::Discard);
        QVERIFY(window.close());
        file.seek(0);
        QVERIFY(!file.readAll().contains("unsaved@example.com"));
    }

    // A Bearer token typed as text into a saved request: Save keeps it in the keyring (in
    // memory here, where the tests have none), the file and the editor say {{bearerToken}}, the
    // tab is clean, and the next send still carries the token.
    void typedTokenIsKeptOutOfTheFileAndStillSent()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h21.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString path = collection + QStringLiteral("/patch-email.yaml");
        window.openSavedRequest(path, workspace.item(path)->request);
        pickSandboxEnvironment(window, workspace, collection);

        Core::Request edited = window.requestEditor()->request();
        edited.method = QStringLiteral("GET");
        edited.url = QStringLiteral("{{baseUrl}}/anything/typed");
        edited.auth.mode = Core::AuthMode::Bearer;
        edited.auth.token = QStringLiteral("typed-bearer-4711");
        window.requestEditor()->setRequest(edited);
        QVERIFY(window.save());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains("typed-bearer-4711"), bytes.constData());
        const QString token = window.requestEditor()->request().auth.token;
        QVERIFY2(token.startsWith(QLatin1String("{{bearerToken")), qPrintable(token));
        QVERIFY(bytes.contains(token.toUtf8()));
        QVERIFY(!window.hasUnsavedChanges());

        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(child<QPushButton>(window.requestEditor(), "sendButton"), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        const Core::Response response = finished.first().first().value<Core::Response>();
        QCOMPARE(response.statusCode, 200);
        QVERIFY2(response.body.peek(1 << 20).contains("Bearer typed-bearer-4711"),
                 response.body.peek(4096).constData());
    }

    void importIsOneUndoStep()
    {
        QTemporaryDir root;
        Core::Result<Core::Workspace> opened = Core::Workspace::open(root.path());
        QVERIFY(opened.ok());
        Core::Workspace workspace = std::move(opened).value();
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h7.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        const QString fixture = qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
            + QStringLiteral("/tests/core/interop/data/postman/full-v21.postman_collection.json");
        auto *controller = window.findChild<Ui::ImportExportController *>();
        QVERIFY(controller);
        QSignalSpy finished(controller, &Ui::ImportExportController::importFinished);
        window.importPath(fixture, true); // read, converted and written in a worker
        QCOMPARE(workspace.collections().size(), 0); // the UI thread only publishes it, later
        QVERIFY(finished.wait(20000));
        const QStringList created = finished.first().at(0).toStringList();
        QCOMPARE(created.size(), 1);
        QVERIFY(QFileInfo(created.first()).isDir());
        QCOMPARE(workspace.collections().size(), 1);
        QVERIFY(window.collectionsPanel()->model()->rowCount() >= 1);

        QUndoStack *undo = window.collectionsPanel()->undoStack();
        undo->undo();
        QVERIFY(!QFileInfo::exists(created.first()));
        QCOMPARE(workspace.collections().size(), 0);
        undo->redo();
        QVERIFY(QFileInfo(created.first()).isDir());

        // And out again: the export is a Postman collection with the same name.
        const QString out = root.filePath(QStringLiteral("out.postman_collection.json"));
        QVERIFY(window.exportCollection(created.first(), out));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("schema.getpostman.com/json/collection/v2.1.0"));
    }

    // A secret variable from the keyring (or this session's memory) goes out on the wire, but
    // history keeps neither the request's copy nor the server's echo of it.
    void secretVariablesAreSentButNeverKeptInHistory()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString envPath = collection + QStringLiteral("/environments/sandbox.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h30.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();

        const Core::Environment env = pickSandboxEnvironment(
            window, workspace, collection, {{QStringLiteral("traceToken"), QString(), true, true}});
        QFile envFile(envPath);
        QVERIFY(envFile.open(QIODevice::ReadOnly));
        QVERIFY(envFile.readAll().contains("secret: true"));
        const QString id = workspace.item(collection)->collection->id;
        const QString secret = QStringLiteral("s3cr3t-7f1d");
        window.secretCache()->setValue(Core::secretKeyFor(id, Core::ScopeKind::Environment,
                                                          env.name, QStringLiteral("traceToken")),
                                       secret);

        Core::Request request;
        request.method = QStringLiteral("GET");
        request.url = QStringLiteral("{{baseUrl}}/anything");
        request.headers = {{QStringLiteral("X-Trace"), QStringLiteral("{{traceToken}}"), true}};
        window.currentTab()->openUnsaved(request);
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QSignalSpy added(&history, &Core::HistoryStore::entryAdded);
        window.sendTab(window.currentTab());
        QVERIFY(finished.wait(20000));
        const auto response = finished.first().first().value<Core::Response>();
        QCOMPARE(response.statusCode, 200);
        QVERIFY2(response.body.peek(1 << 20).contains(secret.toUtf8()),
                 "the server must have received the secret value");

        QVERIFY(added.count() > 0 || added.wait(10000));
        const qint64 id2 = added.first().first().value<Core::HistoryEntrySummary>().id;
        QSignalSpy fetched(&history, &Core::HistoryStore::entryFetched);
        history.fetchEntry(id2);
        QVERIFY(fetched.wait(10000));
        const auto entry = fetched.first().at(1).value<Core::HistoryEntry>();
        QCOMPARE(entry.request.headers.first().value, Core::redactionMarker());
        QVERIFY(!entry.body.contains(secret.toUtf8()));
        QVERIFY(entry.body.contains(Core::redactionMarker().toUtf8()));
        // Nor anywhere in the database's files (WAL mode: recent pages live in the -wal file).
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile database(history.databasePath() + suffix);
            if (database.open(QIODevice::ReadOnly))
                QVERIFY(!database.readAll().contains(secret.toUtf8()));
        }
    }

    // The Tests tab: rows are saved into the request file, and a send shows their results.
    void testsTabSavesAndShowsResults()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString path = collection + QStringLiteral("/get-user-1.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h31.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();
        open(window, workspace, path);
        Ui::RequestTab *tab = window.currentTab();
        Core::Request request = window.requestEditor()->request();
        request.url = window.sandboxUrl().toString() + QStringLiteral("/users/1");
        window.requestEditor()->setRequest(request);

        auto *tests = tab->testsEditor();
        tests->setTests(
            {{{Core::AssertionKind::StatusEquals, QString(), QStringLiteral("200")},
              {Core::AssertionKind::JsonEquals, QStringLiteral("/id"), QStringLiteral("2")}},
             {{QStringLiteral("userName"), Core::CaptureSource::JsonPointer,
               QStringLiteral("/username")}}});
        tests->addAssertion(); // the user's edit: the tab becomes dirty
        QVERIFY(tab->isDirty());
        QVERIFY(window.save());
        QVERIFY(!tab->isDirty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray yaml = file.readAll();
        QVERIFY2(yaml.contains("tests:"), yaml.constData());
        QVERIFY(yaml.contains("/id"));

        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        window.sendTab(tab);
        QVERIFY(finished.wait(20000));
        const QList<Core::AssertionResult> results = tab->lastTestResults();
        QCOMPARE(results.size(), 3);
        QVERIFY2(results.at(0).passed, qPrintable(results.at(0).message));
        QVERIFY(!results.at(1).passed); // user 1 has id 1, not 2
        QVERIFY2(results.at(1).message.contains(QLatin1String("2")),
                 qPrintable(results.at(1).message));

        // The capture feeds later sends in this session, from any tab.
        QCOMPARE(window.capturedVariables().size(), 1);
        QCOMPARE(window.capturedVariables().first().value, QStringLiteral("Bret"));
        Ui::RequestTab *next = window.newTab();
        Core::Request lookup;
        lookup.url = window.sandboxUrl().toString() + QStringLiteral("/anything/{{userName}}");
        next->openUnsaved(lookup);
        QCOMPARE(window.resolveForTab(next).request.url,
                 window.sandboxUrl().toString() + QStringLiteral("/anything/Bret"));
    }

    // Edit resource… on a fetched JSON resource opens the update editor; Run… opens the runner.
    void editResourceAndRunOpenTheirDialogs()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h32.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();
        Core::Request get;
        get.method = QStringLiteral("GET");
        get.url = window.sandboxUrl().toString() + QStringLiteral("/users/1");
        window.currentTab()->openUnsaved(get);
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        window.sendTab(window.currentTab());
        QVERIFY(finished.wait(20000));

        QVERIFY(!window.findChild<Ui::EditResourceDialog *>());
        window.editResource(get, window.responseViewer()->response());
        auto *editor = window.findChild<Ui::EditResourceDialog *>();
        QVERIFY(editor);
        QVERIFY(editor->isVisible());
        editor->close();

        window.runPath(collection);
        auto *runner = window.findChild<Ui::RunnerDialog *>();
        QVERIFY(runner);
        QVERIFY(runner->isVisible());
        QVERIFY(runner->resultsView());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
