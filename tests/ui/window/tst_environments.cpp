#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/collections/environmentpicker.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"

#include <QNetworkAccessManager>
#include <QTabWidget>
#include <QTest>

using namespace Patchbay;

// The active environment is remembered per collection (item 2 of issue 12): a tab of another
// collection shows that collection's choice, coming back brings the first one back (and its
// {{baseUrl}} still resolves), and a restart keeps both.
class TestEnvironments final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_environments")); }
    void init() { startFirstRun(); }

    void eachCollectionKeepsItsEnvironment()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString sample = root.filePath(QStringLiteral("sandbox-updates"));
        const QString sandboxEnv = sample + QStringLiteral("/environments/sandbox.yaml");
        // A second collection with an environment of its own.
        const Core::Result<QString> other = workspace.createCollection(QStringLiteral("Other"));
        QVERIFY(other.ok());
        Core::Environment staging;
        staging.name = QStringLiteral("Staging");
        staging.variables = {{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:9")}};
        const Core::Result<QString> stagingEnv = workspace.createEnvironment(*other, staging);
        QVERIFY(stagingEnv.ok());
        Core::SavedRequest ping;
        ping.name = QStringLiteral("Ping");
        ping.request.url = QStringLiteral("{{baseUrl}}/ping");
        const Core::Result<QString> pingPath = workspace.createRequest(*other, ping);
        QVERIFY(pingPath.ok());

        QNetworkAccessManager network;
        const QString historyFile = m_dir.filePath(QStringLiteral("h1.sqlite"));
        {
            Core::HistoryStore history(historyFile);
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            Ui::EnvironmentPicker *picker = window.environmentPicker();

            open(window, workspace, sample + QStringLiteral("/get-user-1.yaml"));
            picker->setCurrentIndex(picker->findText(QStringLiteral("Sandbox"))); // as a user
            QCOMPARE(picker->currentEnvironment(), sandboxEnv);

            // A tab of the other collection: its own list, its own (no) choice.
            open(window, workspace, *pingPath);
            QCOMPARE(window.requestTabs()->count(), 2);
            QVERIFY(picker->findText(QStringLiteral("Staging")) >= 0);
            QVERIFY(picker->findText(QStringLiteral("Sandbox")) < 0);
            QCOMPARE(picker->currentEnvironment(), QString());
            picker->setCurrentIndex(picker->findText(QStringLiteral("Staging")));

            // Back on the first tab: its collection's environment, and {{baseUrl}} resolves.
            window.requestTabs()->setCurrentIndex(0);
            QCOMPARE(picker->currentEnvironment(), sandboxEnv);
            QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
            QTest::mouseClick(child<QPushButton>(window.requestEditor(), "sendButton"),
                              Qt::LeftButton);
            QVERIFY(finished.wait(20000));
            QCOMPARE(finished.first().first().value<Core::Response>().statusCode, 200);

            window.requestTabs()->setCurrentIndex(1);
            QCOMPARE(picker->currentEnvironment(), *stagingEnv);
            window.requestTabs()->setCurrentIndex(0);
            QVERIFY(window.close()); // a clean quit
        }
        {
            // After a restart, each collection still has its environment.
            Core::HistoryStore history(historyFile);
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            QCOMPARE(window.requestTabs()->count(), 2);
            QCOMPARE(window.currentRequestPath(), sample + QStringLiteral("/get-user-1.yaml"));
            QCOMPARE(window.environmentPicker()->currentEnvironment(), sandboxEnv);
            window.requestTabs()->setCurrentIndex(1);
            QCOMPARE(window.environmentPicker()->currentEnvironment(), *stagingEnv);
        }
    }
};

QTEST_MAIN(TestEnvironments)
#include "tst_environments.moc"
