#include "core/collections/collectionformat.h"
#include "core/collections/copytree.h"
#include "core/collections/sendcontext.h"
#include "core/collections/workspace.h"
#include "core/collections/workspacewatcher.h"
#include "core/history/historystore.h"
#include "core/history/redaction.h"
#include "core/secrets/secretcache.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/collections/saverequestdialog.h"
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

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
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

    // Clicks `button` in the next modal QMessageBox named `name`; the text it showed goes to
    // `text` when given.
    static void answerNext(const QString &name, QMessageBox::StandardButton button,
                           QString *text = nullptr)
    {
        QTimer::singleShot(0, qApp, [name, button, text] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), name);
            if (text)
                *text = box->text();
            box->button(button)->click();
        });
    }

    // The sample collection in a temporary workspace folder.
    static bool openSample(const QTemporaryDir &root, Core::Workspace &workspace)
    {
        if (!Core::copyTree(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                + QStringLiteral("/resources/sample/sandbox-updates"),
                            root.filePath(QStringLiteral("sandbox-updates")))
                 .ok())
            return false;
        Core::Result<Core::Workspace> opened = Core::Workspace::open(root.path());
        if (!opened.ok())
            return false;
        workspace = std::move(opened).value();
        return true;
    }

    // Points the sample's "sandbox" environment at wherever the sandbox really listens (plus
    // `extra` variables), saves it and picks it. Returns the environment as saved.
    static Core::Environment pickSandboxEnvironment(Ui::MainWindow &window,
                                                    Core::Workspace &workspace,
                                                    const QString &collection,
                                                    const Core::VariableList &extra = {})
    {
        const QString path = collection + QStringLiteral("/environments/sandbox.yaml");
        Core::Environment env = workspace.environment(path)->environment;
        env.variables.first().value = window.sandboxUrl().toString();
        env.variables.append(extra);
        if (!workspace.saveEnvironment(path, env).ok())
            qFatal("could not save the sandbox environment");
        window.environmentPicker()->setCollection(collection);
        window.environmentPicker()->setCurrentEnvironment(path);
        return env;
    }

    static void open(Ui::MainWindow &window, const Core::Workspace &workspace, const QString &path)
    {
        const Core::CollectionItem *item = workspace.item(path);
        QVERIFY2(item, qPrintable(path));
        window.openSavedRequest(path, item->request);
    }

    static void typeUrl(Ui::RequestEditor *editor, const QString &url)
    {
        auto *edit = child<QLineEdit>(editor, "urlEdit");
        edit->selectAll();
        QTest::keyClicks(edit, url);
    }

    // Writes a request file as another program would (git checkout, an editor): replaced whole.
    static bool writeExternally(const QString &path, const Core::SavedRequest &request)
    {
        QSaveFile file(path);
        const QByteArray bytes = Core::requestToYaml(request);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size()
            && file.commit();
    }

    static QString draftDir()
    {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/drafts");
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PatchbayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    // Every test starts as a first run: no settings, no session, no drafts.
    void init()
    {
        QSettings().clear();
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
             + QStringLiteral("/drafts"))
            .removeRecursively();
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
        // The token never reaches the settings file: the unsaved tab is kept as a draft that
        // only its owner can read, as the request file would be.
        QSettings settings;
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("top-secret-token"));
        const QFileInfoList drafts
            = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                   + QStringLiteral("/drafts"))
                  .entryInfoList(QDir::Files);
        QCOMPARE(drafts.size(), 1);
        QCOMPARE(
            drafts.first().permissions()
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());

        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h5.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        QVERIFY(!window.isSideBySide());
        // A clean quit: the tab is back without a recovery question.
        QVERIFY(window.recoveryBar()->isHidden());
        QCOMPARE(window.recoverableDraftCount(), 0);
        QCOMPARE(window.requestTabs()->count(), 1);
        const Core::Request restored = window.requestEditor()->request();
        QCOMPARE(restored.method, request.method);
        QCOMPARE(restored.url, request.url);
        QCOMPARE(restored.auth.mode, Core::AuthMode::Bearer);
        QCOMPARE(restored.auth.token, request.auth.token);
    }

    // A clean quit and a new start: the same tabs, in the same order, without questions.
    void openTabsComeBackAfterAQuit()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h18.sqlite")));
        Core::Request scratch;
        scratch.method = QStringLiteral("POST");
        scratch.url = QStringLiteral("http://127.0.0.1:9/scratch");
        {
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            open(window, workspace, collection + QStringLiteral("/put-whole-user.yaml"));
            window.newTab()->editor()->setRequest(scratch);
            open(window, workspace, collection + QStringLiteral("/get-user-1.yaml"));
            window.newTab(); // empty: not kept
            window.requestTabs()->setCurrentIndex(1);
            QVERIFY(window.close());
        }
        Ui::MainWindow window(&network, &history, &workspace);
        QCOMPARE(window.recoverableDraftCount(), 0);
        const QList<Ui::RequestTab *> tabs = window.tabs();
        QCOMPARE(tabs.size(), 3);
        QCOMPARE(tabs.at(0)->path(), collection + QStringLiteral("/put-whole-user.yaml"));
        QVERIFY(!tabs.at(0)->isDirty());
        QVERIFY(!tabs.at(1)->isSaved());
        QCOMPARE(tabs.at(1)->editor()->request(), scratch);
        QCOMPARE(tabs.at(2)->path(), collection + QStringLiteral("/get-user-1.yaml"));
        QCOMPARE(window.currentTab(), tabs.at(1));
    }

    void tabsOpenSwitchAndAskBeforeClosing()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h8.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTabWidget *tabs = window.requestTabs();
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString getPath = collection + QStringLiteral("/get-user-1.yaml");
        const QString patchPath = collection + QStringLiteral("/patch-email.yaml");

        // The empty first tab is reused; the next request gets a tab of its own.
        open(window, workspace, getPath);
        QCOMPARE(tabs->count(), 1);
        open(window, workspace, patchPath);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(window.currentRequestPath(), patchPath);
        QCOMPARE(tabs->tabText(1), QStringLiteral("Patch email"));
        QCOMPARE(tabs->tabToolTip(1), patchPath);
        QVERIFY(!tabs->tabIcon(1).isNull()); // the method, in its colour
        QVERIFY(window.requestEditor() == window.tabs().at(1)->editor());

        // Opening an open request switches to its tab.
        open(window, workspace, getPath);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(window.currentRequestPath(), getPath);

        // An edit marks the tab; closing it asks, Cancel keeps it, Discard closes it.
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/users/2"));
        QCOMPARE(tabs->tabText(0), QStringLiteral("Get user 1 •"));
        QVERIFY(window.windowTitle().contains(QStringLiteral("•")));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Cancel);
        QVERIFY(!window.closeTab(window.currentTab()));
        QCOMPARE(tabs->count(), 2);
        // Window shortcuts need the window active again after the question.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard);
        QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(window.currentRequestPath(), patchPath);
        QFile file(getPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("users/2"));

        window.activateWindow(); // again, after the question
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // Ctrl+T opens an empty tab; Ctrl+Tab and Ctrl+Shift+Tab cycle.
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->currentIndex(), 1);
        QVERIFY(window.currentTab()->isPristine());
        QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QTest::keyClick(&window, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentIndex(), 1);

        // Tab keys win over the body editor's own bindings (QScintilla: Ctrl+T transposes).
        Ui::RequestEditor *editor = window.requestEditor();
        auto *mode = child<QComboBox>(editor, "bodyModeCombo");
        auto *body = child<QsciScintilla>(editor, "bodyTextEditor");
        auto *sections = editor->findChild<QTabWidget *>();
        for (int i = 0; i < sections->count(); ++i) {
            if (sections->widget(i)->isAncestorOf(mode))
                sections->setCurrentIndex(i);
        }
        mode->setCurrentIndex(mode->findText(QStringLiteral("JSON")));
        body->setFocus();
        QTRY_VERIFY(body->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 3);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 2); // the new tab was empty: no question
        QCOMPARE(window.requestEditor(), editor);
        window.requestEditor()->setRequest(Core::Request()); // empty again

        // Middle-click closes; an empty tab goes without a question.
        QTabBar *bar = tabs->tabBar();
        QTest::mouseClick(bar, Qt::MiddleButton, {}, bar->tabRect(1).center());
        QCOMPARE(tabs->count(), 1);

        // Duplicate: an unsaved copy of the request.
        Ui::RequestTab *copy = window.duplicateTab(window.currentTab());
        QCOMPARE(tabs->count(), 2);
        QVERIFY(!copy->isSaved());
        QCOMPARE(copy->editor()->request().method, QStringLiteral("PATCH"));
        // "Close others" asks about the copy, which was never saved.
        QString question;
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard, &question);
        window.closeOtherTabs(window.tabs().at(0));
        QVERIFY(question.contains(QLatin1String("never saved")));
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(window.currentRequestPath(), patchPath);
    }

    void closingAnUnsavedCopyAsks()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h9.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/a"));
        Ui::RequestTab *first = window.currentTab();
        window.newTab();
        QCOMPARE(window.requestTabs()->count(), 2);
        QString question;
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard, &question);
        window.closeOtherTabs(window.currentTab());
        QVERIFY(question.contains(QLatin1String("GET /a")));
        QCOMPARE(window.requestTabs()->count(), 1);
        QVERIFY(!window.tabs().contains(first));
    }

    void eachTabKeepsItsOwnResponse()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h10.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();
        const QString url = window.sandboxUrl().toString() + QStringLiteral("/users/1");
        QCOMPARE(sendByHand(window, QStringLiteral("GET"), url, QString()).statusCode, 200);
        Ui::RequestTab *first = window.currentTab();
        // The method is the tab's icon; the text is the path.
        QCOMPARE(window.requestTabs()->tabText(0), QStringLiteral("/users/1 •"));
        QCOMPARE(window.currentTab()->title(), QStringLiteral("GET /users/1"));

        window.newTab();
        QVERIFY(!window.responseViewer()->hasResponse());
        const QString missing = window.sandboxUrl().toString() + QStringLiteral("/nothing-here");
        QCOMPARE(sendByHand(window, QStringLiteral("GET"), missing, QString()).statusCode, 404);

        window.requestTabs()->setCurrentWidget(first);
        QVERIFY(window.responseViewer()->hasResponse());
        QCOMPARE(window.responseViewer()->statusBadge()->text(), QStringLiteral("200"));
        QCOMPARE(window.tabs().at(1)->viewer()->statusBadge()->text(), QStringLiteral("404"));
    }

    void quittingAsksOnceForAllEditedRequests()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h11.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        open(window, workspace, collection + QStringLiteral("/get-user-1.yaml"));
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/first"));
        open(window, workspace, collection + QStringLiteral("/put-whole-user.yaml"));
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/second"));
        window.newTab(); // unsaved, empty: nothing to ask about

        QString question;
        answerNext(QStringLiteral("unsavedChangesQuestion"), QMessageBox::Cancel, &question);
        QVERIFY(!window.close());
        QVERIFY(question.contains(QLatin1String("Get user 1")));
        QVERIFY(question.contains(QLatin1String("Put whole user")));
        answerNext(QStringLiteral("unsavedChangesQuestion"), QMessageBox::Save);
        QVERIFY(window.close());
        QFile file(collection + QStringLiteral("/put-whole-user.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("127.0.0.1:9/second"));
        // Saved: no drafts are left behind.
        QVERIFY(QDir(draftDir()).entryList(QDir::Files).isEmpty());
    }

    void renamesAndDeletesInTheSidebarFollowOpenTabs()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h12.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString path = collection + QStringLiteral("/patch-email.yaml");
        open(window, workspace, path);
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/edited"));

        Ui::CollectionTreeModel *model = window.collectionsPanel()->model();
        QVERIFY(model->setData(model->indexForPath(path), QStringLiteral("Change email")));
        Ui::RequestTab *tab = window.currentTab();
        QVERIFY(tab->path() != path);
        QVERIFY(QFileInfo::exists(tab->path()));
        QCOMPARE(tab->title(), QStringLiteral("Change email"));
        QVERIFY(tab->isDirty());
        QCOMPARE(window.requestEditor()->request().url,
                 QStringLiteral("http://127.0.0.1:9/edited"));

        QVERIFY(window.collectionsPanel()->selectPath(tab->path()));
        QVERIFY(window.collectionsPanel()->deleteCurrent());
        QVERIFY(!tab->isSaved());
        QCOMPARE(window.requestEditor()->request().url,
                 QStringLiteral("http://127.0.0.1:9/edited"));
        QCOMPARE(window.requestEditor()->request().method, QStringLiteral("PATCH"));
    }

    // A crash: the window goes away without closeEvent(). The drafts written by the autosave
    // are offered on the next start and bring the edits back.
    void draftsSurviveACrash()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString path = root.filePath(QStringLiteral("sandbox-updates"))
            + QStringLiteral("/patch-email.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h13.sqlite")));
        Core::Request scratch;
        scratch.method = QStringLiteral("DELETE");
        scratch.url = QStringLiteral("http://127.0.0.1:9/todos/3");
        scratch.auth.mode = Core::AuthMode::Bearer;
        scratch.auth.token = QStringLiteral("typed-token");
        {
            auto window = std::make_unique<Ui::MainWindow>(&network, &history, &workspace);
            window->setAutosaveInterval(20);
            window->show();
            open(*window, workspace, path);
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/crash-edit"));
            window->newTab()->editor()->setRequest(scratch);
            QTRY_COMPARE(window->draftStore().list().size(), 2);
            // Written only when changed: a draft removed behind our back is not written again
            // until the tab changes.
            const QString scratchDraft = window->draftStore().fileFor(window->currentTab()->id());
            QVERIFY(QFile::remove(scratchDraft));
            window->autosaveDrafts();
            QVERIFY(!QFile::exists(scratchDraft));
            scratch.url += QStringLiteral("?page=2");
            window->requestEditor()->setRequest(scratch);
            scratch = window->requestEditor()->request(); // the query became a param
            window->autosaveDrafts();
            QVERIFY(QFile::exists(scratchDraft));
            window.reset(); // no close event: as if the process had died
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("crash-edit")); // never saved

        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(window.recoveryBar()->isVisible());
        QCOMPARE(window.recoverableDraftCount(), 2);
        auto *text = window.recoveryBar()->findChild<QLabel *>();
        QVERIFY(text->text().contains(QLatin1String("Recover 2 unsaved requests")));
        QTest::mouseClick(child<QPushButton>(window.recoveryBar(), "restoreDraftsButton"),
                          Qt::LeftButton);
        QVERIFY(!window.recoveryBar()->isVisible());
        QCOMPARE(window.requestTabs()->count(), 2);
        Ui::RequestTab *saved = window.tabForPath(path);
        QVERIFY(saved);
        QVERIFY(saved->isDirty());
        QVERIFY(!saved->hasConflict());
        QCOMPARE(saved->title(), QStringLiteral("Patch email"));
        QCOMPARE(saved->editor()->request().url, QStringLiteral("http://127.0.0.1:9/crash-edit"));
        Ui::RequestTab *unsaved
            = window.tabs().at(0) == saved ? window.tabs().at(1) : window.tabs().at(0);
        QCOMPARE(unsaved->editor()->request(), scratch);

        // Saving the recovered edits writes them and drops their draft.
        window.requestTabs()->setCurrentWidget(saved);
        QVERIFY(window.save());
        file.close(); // the save replaced the file: read the new one
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("crash-edit"));
        QVERIFY(!QFile::exists(window.draftStore().fileFor(saved->id())));
        QVERIFY(QFile::exists(window.draftStore().fileFor(unsaved->id())));
    }

    // Between the crash and the next start, one file changed and another was deleted: the
    // recovered edits are kept in both cases, and nothing is written over the changed file.
    void recoveredDraftsMeetChangedFiles()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString changed = collection + QStringLiteral("/patch-email.yaml");
        const QString deleted = collection + QStringLiteral("/put-whole-user.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h19.sqlite")));
        {
            auto window = std::make_unique<Ui::MainWindow>(&network, &history, &workspace);
            window->show();
            open(*window, workspace, changed);
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/mine-1"));
            open(*window, workspace, deleted);
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/mine-2"));
            window->autosaveDrafts();
            QCOMPARE(window->draftStore().list().size(), 2);
        }
        Core::SavedRequest theirs = workspace.item(changed)->request;
        theirs.request.url = QStringLiteral("http://127.0.0.1:9/theirs");
        QVERIFY(writeExternally(changed, theirs));
        QVERIFY(QFile::remove(deleted));
        Core::Result<Core::Workspace> reopened = Core::Workspace::open(root.path());
        QVERIFY(reopened.ok());
        Core::Workspace restarted = std::move(reopened).value();

        Ui::MainWindow window(&network, &history, &restarted);
        QCOMPARE(window.recoverableDraftCount(), 2);
        window.restoreRecoverableDrafts();
        QCOMPARE(window.requestTabs()->count(), 2);
        Ui::RequestTab *conflicted = window.tabForPath(changed);
        QVERIFY(conflicted);
        QVERIFY(conflicted->hasConflict());
        QCOMPARE(conflicted->editor()->request().url, QStringLiteral("http://127.0.0.1:9/mine-1"));
        Ui::RequestTab *orphan
            = window.tabs().at(0) == conflicted ? window.tabs().at(1) : window.tabs().at(0);
        QVERIFY(!orphan->isSaved());
        QCOMPARE(orphan->editor()->request().url, QStringLiteral("http://127.0.0.1:9/mine-2"));
    }

    void discardedRecoveryRemovesTheDrafts()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h14.sqlite")));
        Core::Workspace workspace;
        {
            auto window = std::make_unique<Ui::MainWindow>(&network, &history, &workspace);
            window->setAutosaveInterval(20);
            window->show();
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/lost"));
            QTRY_COMPARE(window->draftStore().list().size(), 1);
        }
        Ui::MainWindow window(&network, &history, &workspace);
        QCOMPARE(window.recoverableDraftCount(), 1);
        QTest::mouseClick(child<QPushButton>(window.recoveryBar(), "discardDraftsButton"),
                          Qt::LeftButton);
        QCOMPARE(window.recoverableDraftCount(), 0);
        QVERIFY(window.draftStore().list().isEmpty());
        QVERIFY(window.currentTab()->isPristine());

        // And the next start asks nothing.
        Ui::MainWindow again(&network, &history, &workspace);
        QCOMPARE(again.recoverableDraftCount(), 0);
    }

    // Another program rewrites the file of a tab without edits: the tab shows the new content.
    void externalChangeReloadsACleanTab()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString path
            = root.filePath(QStringLiteral("sandbox-updates")) + QStringLiteral("/get-user-1.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h15.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(window.workspaceWatcher());
        window.workspaceWatcher()->setDebounceInterval(20);
        open(window, workspace, path);

        Core::SavedRequest theirs = workspace.item(path)->request;
        theirs.request.url = QStringLiteral("{{baseUrl}}/users/42");
        QVERIFY(writeExternally(path, theirs));
        QTRY_COMPARE_WITH_TIMEOUT(window.requestEditor()->request().url,
                                  QStringLiteral("{{baseUrl}}/users/42"), 10000);
        QVERIFY(!window.currentTab()->isDirty());
        QVERIFY(!window.currentTab()->hasConflict());
        QCOMPARE(workspace.item(path)->request.request.url, QStringLiteral("{{baseUrl}}/users/42"));

        // Deleted on disk: the tab stays, as an unsaved request.
        QVERIFY(QFile::remove(path));
        QTRY_VERIFY_WITH_TIMEOUT(!window.currentTab()->isSaved(), 10000);
        QCOMPARE(window.requestEditor()->request().url, QStringLiteral("{{baseUrl}}/users/42"));
        QVERIFY(!workspace.item(path));
    }

    // Under unsaved edits, a change on disk is shown and never overwritten silently; Keep mine
    // then Ctrl+S writes the user's version; our own saves are never reported back.
    void externalChangeUnderEditsIsAConflict()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString path = collection + QStringLiteral("/patch-email.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h16.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        Core::WorkspaceWatcher *watcher = window.workspaceWatcher();
        watcher->setDebounceInterval(20);
        open(window, workspace, path);
        Ui::RequestTab *tab = window.currentTab();

        // Our own save, then more edits: nothing is reported for our file.
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/saved-by-us"));
        QVERIFY(window.save());
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/mine"));
        QSignalSpy reported(watcher, &Core::WorkspaceWatcher::changed);
        const QString other = collection + QStringLiteral("/get-user-1.yaml");
        Core::SavedRequest otherRequest = workspace.item(other)->request;
        otherRequest.request.url = QStringLiteral("{{baseUrl}}/users/7");
        QVERIFY(writeExternally(other, otherRequest));
        QTRY_VERIFY_WITH_TIMEOUT(!reported.isEmpty(), 10000);
        for (const QList<QVariant> &args : std::as_const(reported))
            QVERIFY(!args.first().toStringList().contains(path));
        QVERIFY(!tab->hasConflict());

        // Someone else changes the file under the edits.
        Core::SavedRequest theirs = workspace.item(path)->request;
        theirs.request.url = QStringLiteral("http://127.0.0.1:9/theirs");
        QVERIFY(writeExternally(path, theirs));
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasConflict(), 10000);
        QVERIFY(tab->conflictBar()->isVisible());
        QCOMPARE(window.requestEditor()->request().url, QStringLiteral("http://127.0.0.1:9/mine"));
        QVERIFY(tab->conflictTexts().second.contains(QLatin1String("/theirs")));

        // Save refuses until the user picks.
        answerNext(QStringLiteral("saveConflictMessage"), QMessageBox::Ok);
        QVERIFY(!window.save());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("/theirs"));

        // Compare shows both side by side.
        QTest::mouseClick(child<QPushButton>(tab->conflictBar(), "compareButton"), Qt::LeftButton);
        auto *compare = tab->findChild<QDialog *>(QStringLiteral("conflictCompareDialog"));
        QVERIFY(compare);
        QVERIFY(child<QPlainTextEdit>(compare, "mineText")
                    ->toPlainText()
                    .contains(QLatin1String("/mine")));
        QVERIFY(child<QPlainTextEdit>(compare, "theirsText")
                    ->toPlainText()
                    .contains(QLatin1String("/theirs")));
        compare->close();

        // Keep mine, then Ctrl+S writes mine.
        QTest::mouseClick(child<QPushButton>(tab->conflictBar(), "keepMineButton"), Qt::LeftButton);
        QVERIFY(!tab->hasConflict());
        QVERIFY(tab->isDirty());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        file.close(); // the save replaced the file: read the new one
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("/mine"));
        QVERIFY(!tab->isDirty());
    }

    void externalChangeLoadTheirs()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString path = root.filePath(QStringLiteral("sandbox-updates"))
            + QStringLiteral("/patch-email.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h17.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.workspaceWatcher()->setDebounceInterval(20);
        open(window, workspace, path);
        Ui::RequestTab *tab = window.currentTab();
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/mine"));
        Core::SavedRequest theirs = workspace.item(path)->request;
        theirs.request.url = QStringLiteral("http://127.0.0.1:9/theirs");
        QVERIFY(writeExternally(path, theirs));
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasConflict(), 10000);
        QTest::mouseClick(child<QPushButton>(tab->conflictBar(), "loadTheirsButton"),
                          Qt::LeftButton);
        QCOMPARE(window.requestEditor()->request().url,
                 QStringLiteral("http://127.0.0.1:9/theirs"));
        QVERIFY(!tab->isDirty());
    }

    // A secret variable from the keyring (or this session's memory) goes out on the wire, but
    // history keeps neither the request's copy nor the server's echo of it.
    // File → Open Folder…: a second folder's collection shows in the tree, its requests open,
    // save back there and reload on external changes; it is open again after a restart, and
    // Close Folder closes its tabs and forgets it.
    void openedFolderWorksLikeTheWorkspace()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QTemporaryDir extra;
        const QString collection = extra.filePath(QStringLiteral("shared"));
        QVERIFY(Core::copyTree(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                   + QStringLiteral("/resources/sample/sandbox-updates"),
                               collection)
                    .ok());
        const QString path = collection + QStringLiteral("/get-user-1.yaml");
        const QString key = QStringLiteral("workspace/extraFolders");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h-folders.sqlite")));
        {
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            QVERIFY(window.workspaceWatcher());
            window.workspaceWatcher()->setDebounceInterval(20);

            QVERIFY(window.openFolder(root.path(), true).isEmpty()); // the workspace itself
            QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("already open")));
            QCOMPARE(window.openFolder(extra.path(), true), QStringList({collection}));
            QCOMPARE(QSettings().value(key).toStringList(), QStringList({extra.path()}));
            QVERIFY(window.workspaceWatcher()->roots().contains(extra.path()));

            Ui::CollectionsPanel *panel = window.collectionsPanel();
            const QModelIndex item = panel->model()->indexForPath(collection);
            QVERIFY(item.isValid());
            QCOMPARE(item.data(Ui::CollectionTreeModel::OpenedFolderRole).toString(), extra.path());
            QVERIFY(panel->selectPath(path));
            QVERIFY(panel->closeFolderAction()->isEnabled());
            panel->activate(panel->view()->currentIndex());
            QCOMPARE(window.currentRequestPath(), path);
            // Its collection's environments are offered.
            QCOMPARE(window.environmentPicker()->collectionPath(), collection);
            QVERIFY(window.environmentPicker()->count() > 1);
            // Save As offers its collection.
            {
                Ui::SaveRequestDialog dialog(&workspace, QStringLiteral("Copy"), collection,
                                             &window);
                QCOMPARE(dialog.parentPath(), collection);
            }

            // Saved back into the opened folder.
            typeUrl(window.requestEditor(), QStringLiteral("{{baseUrl}}/users/7"));
            QVERIFY(window.currentTab()->isDirty());
            QVERIFY(window.save());
            QCOMPARE(Core::Workspace::open(extra.path())->item(path)->request.request.url,
                     QStringLiteral("{{baseUrl}}/users/7"));
            QVERIFY(!window.currentTab()->hasConflict());

            // Changed there by someone else: the clean tab reloads.
            Core::SavedRequest theirs = workspace.item(path)->request;
            theirs.request.url = QStringLiteral("{{baseUrl}}/users/42");
            QVERIFY(writeExternally(path, theirs));
            QTRY_COMPARE_WITH_TIMEOUT(window.requestEditor()->request().url,
                                      QStringLiteral("{{baseUrl}}/users/42"), 10000);
            QVERIFY(!window.currentTab()->isDirty());
            QVERIFY(!window.currentTab()->hasConflict());
            QVERIFY(window.close());
        }

        // A restart opens the workspace folder only; the window reopens the other one, and the
        // tab of its request comes back.
        Core::Workspace restarted = Core::Workspace::open(root.path()).value();
        Ui::MainWindow window(&network, &history, &restarted);
        window.show();
        QCOMPARE(restarted.extraFolders(), QStringList({extra.path()}));
        QVERIFY(window.collectionsPanel()->model()->indexForPath(collection).isValid());
        QVERIFY(window.workspaceWatcher()->roots().contains(extra.path()));
        Ui::RequestTab *tab = window.tabForPath(path);
        QVERIFY(tab);
        QCOMPARE(tab->editor()->request().url, QStringLiteral("{{baseUrl}}/users/42"));

        // Close Folder asks about the tab's unsaved edits, closes it, leaves the files alone.
        window.requestTabs()->setCurrentWidget(tab);
        typeUrl(tab->editor(), QStringLiteral("{{baseUrl}}/users/99"));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Cancel);
        QVERIFY(!window.closeFolder(extra.path()));
        QVERIFY(window.tabForPath(path));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard);
        QVERIFY(window.closeFolder(extra.path()));
        QVERIFY(!window.tabForPath(path));
        QVERIFY(!window.collectionsPanel()->model()->indexForPath(collection).isValid());
        QVERIFY(restarted.extraFolders().isEmpty());
        QVERIFY(!window.workspaceWatcher()->roots().contains(extra.path()));
        QVERIFY(!QSettings().contains(key));
        QCOMPARE(Core::Workspace::open(extra.path())->item(path)->request.request.url,
                 QStringLiteral("{{baseUrl}}/users/42"));
        QVERIFY(!window.closeFolder(extra.path()));

        // A remembered folder that is gone is skipped, said, and forgotten.
        QSettings().setValue(key, QStringList({extra.filePath(QStringLiteral("gone"))}));
        Core::Workspace third = Core::Workspace::open(root.path()).value();
        Ui::MainWindow next(&network, &history, &third);
        QVERIFY(third.extraFolders().isEmpty());
        QVERIFY(next.statusBar()->currentMessage().contains(QStringLiteral("no longer exists")));
        QVERIFY(!QSettings().contains(key));
    }

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
