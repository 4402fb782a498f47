#include "core/collections/copytree.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/common/codeview.h"
#include "ui/history/historymodel.h"
#include "ui/history/historypanel.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/bodyview.h"
#include "ui/response/responseviewer.h"
#include "ui/response/statusbadge.h"
#include "ui/response/transporterrorpanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

#include <Qsci/qsciscintilla.h>

using namespace Patchbay;

// The window as a user drives it: type a URL, choose PATCH, type a body, click Send against
// the sandbox, read the badge and the formatted body, find the exchange in history, restore it.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    template<typename T> static T *child(QWidget *root, const char *name)
    {
        T *w = root->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

    // Types into the widgets as a user would and clicks Send; waits for the exchange.
    static Core::Response sendByHand(Ui::MainWindow &window, const QString &method,
                                     const QString &url, const QString &jsonBody)
    {
        Ui::RequestEditor *editor = window.requestEditor();
        auto *methodCombo = child<QComboBox>(editor, "methodCombo");
        methodCombo->lineEdit()->selectAll();
        QTest::keyClicks(methodCombo->lineEdit(), method);
        auto *urlEdit = child<QLineEdit>(editor, "urlEdit");
        urlEdit->selectAll();
        QTest::keyClicks(urlEdit, url);
        if (!jsonBody.isNull()) {
            auto *mode = child<QComboBox>(editor, "bodyModeCombo");
            mode->setCurrentIndex(mode->findText(QStringLiteral("JSON")));
            auto *text = child<QsciScintilla>(editor, "bodyTextEditor");
            text->selectAll();
            QTest::keyClicks(text, jsonBody);
        }
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(child<QPushButton>(editor, "sendButton"), Qt::LeftButton);
        if (!finished.wait(20000))
            return {};
        return finished.first().first().value<Core::Response>();
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PatchbayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

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
        QVERIFY(Core::copyTree(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                   + QStringLiteral("/resources/sample/sandbox-updates"),
                               root.filePath(QStringLiteral("sandbox-updates")))
                    .ok());
        Core::Result<Core::Workspace> opened = Core::Workspace::open(root.path());
        QVERIFY(opened.ok());
        Core::Workspace workspace = std::move(opened).value();
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

        // Point the sample environment at wherever the sandbox really listens, then pick it.
        Core::Environment env
            = workspace.environment(collection + QStringLiteral("/environments/sandbox.yaml"))
                  ->environment;
        env.variables.first().value = window.sandboxUrl().toString();
        QVERIFY(workspace
                    .saveEnvironment(collection + QStringLiteral("/environments/sandbox.yaml"), env)
                    .ok());
        window.environmentPicker()->setCollection(collection);
        window.environmentPicker()->setCurrentEnvironment(
            collection + QStringLiteral("/environments/sandbox.yaml"));

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
        const QStringList created = window.importPath(fixture, true);
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

    void layoutAndLastRequestSurviveARestart()
    {
        QNetworkAccessManager network;
        Core::Request request;
        request.method = QStringLiteral("DELETE");
        request.url = QStringLiteral("http://127.0.0.1:9/todos/3");
        request.auth.mode = Core::AuthMode::Bearer;
        request.auth.token = QStringLiteral("top-secret-token");
        {
            Core::HistoryStore history(m_dir.filePath(QStringLiteral("h5.sqlite")));
            Core::Workspace workspace;
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            window.setSideBySide(false);
            window.requestEditor()->setRequest(request);
            window.close();
        }
        // The token never reaches the settings file in plain text.
        QSettings settings;
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("top-secret-token"));

        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h5.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        QVERIFY(!window.isSideBySide());
        const Core::Request restored = window.requestEditor()->request();
        QCOMPARE(restored.method, request.method);
        QCOMPARE(restored.url, request.url);
        QCOMPARE(restored.auth.mode, Core::AuthMode::Bearer);
        QVERIFY(restored.auth.token != request.auth.token);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
