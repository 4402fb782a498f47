#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/history/historymodel.h"
#include "ui/history/historypanel.h"
#include "ui/mainwindow.h"
#include "ui/runner/runnerdialog.h"
#include "ui/window/firstrun.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Patchbay;

// A new user's first start in a fresh HOME (items 3 and 4 of issue 12): the sample collection
// passes its assertions with one click on Run, even when something else holds port 3000 (the
// sandbox moves and {{baseUrl}} follows it); the run's requests land in History under the run's
// name; and a sandbox running at quit starts again with the app.
class TestFirstRun final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        // A fresh HOME: nothing in settings, data or cache. Set before anything reads them.
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral(".config")).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral(".local/share")).toLocal8Bit());
        qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral(".cache")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("Patchbay"));
        QCoreApplication::setApplicationName(QStringLiteral("Patchbay"));
        QVERIFY(QSettings().allKeys().isEmpty());
    }

    void sampleRunsInOneClick()
    {
        // Someone else's server on the sandbox's usual port, which never answers.
        QTcpServer squatter;
        const bool squatting = squatter.listen(QHostAddress::LocalHost, 3000);

        QString problem;
        Core::Workspace workspace = Ui::openDefaultWorkspace(&problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString sample = workspace.rootPath() + QStringLiteral("/sandbox-updates");
        QVERIFY(workspace.item(sample));
        QNetworkAccessManager network;
        Core::HistoryStore history;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!window.isSandboxRunning());
        QCOMPARE(window.environmentPicker()->currentText(), QStringLiteral("Sandbox"));

        // Select the collection, Ctrl+Shift+R, and one click on Run.
        QVERIFY(window.collectionsPanel()->selectPath(sample));
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        auto *dialog = window.findChild<Ui::RunnerDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->environmentBox()->currentText(), QStringLiteral("Sandbox"));
        QSignalSpy finished(dialog, &Ui::RunnerDialog::runFinished);
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        const auto summary = finished.first().first().value<Core::RunSummary>();
        QVERIFY2(summary.passed(), qPrintable(dialog->summaryLabel()->text()));
        QCOMPARE(summary.requests, 4);
        QCOMPARE(summary.assertions, 10);
        QCOMPARE(summary.assertionsFailed, 0);

        // The sandbox was started for the run, and the requests went to it, wherever it is.
        QVERIFY(window.isSandboxRunning());
        const QString address = window.sandboxUrl().toString();
        if (squatting)
            QVERIFY2(window.sandboxUrl().port() != 3000, qPrintable(address));
        QTreeWidget *results = dialog->resultsView();
        QCOMPARE(results->topLevelItemCount(), 4);
        for (int i = 0; i < results->topLevelItemCount(); ++i)
            QVERIFY(results->topLevelItem(i)->toolTip(0).contains(address
                                                                  + QStringLiteral("/users/1")));

        // The run's requests are in History, filtered by origin and named after the run.
        Ui::HistoryPanel *panel = window.historyPanel();
        QTRY_COMPARE(panel->model()->entryCount(), 4);
        auto *origin = panel->findChild<QComboBox *>(QStringLiteral("historyOrigin"));
        QVERIFY(origin);
        origin->setCurrentIndex(origin->findText(QStringLiteral("By hand")));
        QTRY_VERIFY(panel->model()->hasLoaded() && panel->model()->entryCount() == 0);
        origin->setCurrentIndex(origin->findText(QStringLiteral("Runs")));
        QTRY_COMPARE(panel->model()->entryCount(), 4);
        const QModelIndex day = panel->model()->index(0, 0);
        const QString run
            = panel->model()->index(0, 0, day).data(Ui::HistoryModel::RunRole).toString();
        QVERIFY2(run.startsWith(QLatin1String("Sandbox updates, run at")), qPrintable(run));
        QVERIFY(panel->model()->index(0, 0, day).data(Qt::ToolTipRole).toString().contains(run));
        dialog->close();
        QVERIFY(window.close());
    }

    void sandboxStartsAgainWithTheApp()
    {
        QString problem;
        Core::Workspace workspace = Ui::openDefaultWorkspace(&problem);
        QNetworkAccessManager network;
        Core::HistoryStore history;
        {
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            window.startSandbox();
            QVERIFY(window.isSandboxRunning());
            QVERIFY(window.close());
            QVERIFY(!window.isSandboxRunning()); // quitting stops it
        }
        {
            Ui::MainWindow window(&network, &history, &workspace);
            QVERIFY(window.isSandboxRunning());
            window.stopSandbox();
            QVERIFY(window.close());
        }
        {
            // Stopped at quit: stays off.
            Ui::MainWindow window(&network, &history, &workspace);
            QVERIFY(!window.isSandboxRunning());
        }
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
