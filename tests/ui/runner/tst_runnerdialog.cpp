#include "ui/runner/runnerdialog.h"

#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/cookies/cookiejar.h"
#include "core/network/networkcontext.h"
#include "core/sandbox/sandboxserver.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/testfiles.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Patchbay::Core;
using namespace Patchbay::Test;
using namespace Patchbay::Ui;

// The run dialog against the in-process sandbox: a collection with an environment, a capture
// chaining two requests, a failing assertion, and Stop.
class TestRunnerDialog final : public QObject
{
    Q_OBJECT

private:
    SandboxServer m_server;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    QString m_collection;
    QString m_environment;

private slots:
    void initTestCase()
    {
        qRegisterMetaType<RunSummary>();
        QVERIFY(m_server.start().ok());
        QVERIFY(m_dir.isValid());
        m_collection = m_dir.filePath(QStringLiteral("api"));
        QVERIFY(QDir().mkpath(m_collection + QStringLiteral("/environments")));
        QSettings().remove(QStringLiteral("runner")); // no trust left from an earlier run
        CollectionInfo info;
        info.id = QStringLiteral("a1b2c3d4-0000-4000-8000-00000000run1");
        info.name = QStringLiteral("API");
        QVERIFY(
            writeFile(m_collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        Environment env;
        env.name = QStringLiteral("Sandbox");
        env.variables = {{QStringLiteral("base"), m_server.baseUrl().toString()}};
        m_environment = m_collection + QStringLiteral("/environments/sandbox.yaml");
        QVERIFY(writeFile(m_environment, environmentToYaml(env)));

        SavedRequest login;
        login.name = QStringLiteral("Login");
        login.order = 1;
        login.request.method = QStringLiteral("POST");
        login.request.url = QStringLiteral("{{base}}/anything");
        login.request.body.mode = BodyMode::Json;
        login.request.body.text = QStringLiteral("{\"token\": \"t-9\"}");
        login.captures = {{QStringLiteral("token"), CaptureSource::JsonPointer,
                           QStringLiteral("/json/token"), true}};
        QVERIFY(writeFile(m_collection + QStringLiteral("/login.yaml"), requestToYaml(login)));
        SavedRequest me;
        me.name = QStringLiteral("Me");
        me.order = 2;
        me.request.url = QStringLiteral("{{base}}/anything");
        me.request.headers
            = {{QStringLiteral("Authorization"), QStringLiteral("Bearer {{token}}")}};
        me.assertions = {{AssertionKind::JsonEquals, QStringLiteral("/headers/Authorization"),
                          QStringLiteral("Bearer t-9"), true},
                         {AssertionKind::StatusEquals, {}, QStringLiteral("201"), true}};
        me.testScript = QStringLiteral("pm.test('x', () => {});");
        QVERIFY(writeFile(m_collection + QStringLiteral("/me.yaml"), requestToYaml(me)));
    }

    // Imported scripts run only when the user ticks the box; the choice is remembered for the
    // collection (in settings, not in its files).
    void trustedScriptsRun()
    {
        const Result<Workspace> ws = Workspace::open(m_dir.path());
        QVERIFY(ws.ok());
        {
            RunnerDialog dialog(ws.value(), m_collection, m_environment, &m_network);
            QVERIFY(!dialog.trustScriptsBox()->isHidden());
            QVERIFY(!dialog.trustScriptsBox()->isChecked());
            dialog.trustScriptsBox()->setChecked(true);
            QSignalSpy finished(&dialog, &RunnerDialog::runFinished);
            dialog.start();
            QVERIFY(finished.wait(20000));
            QTreeWidgetItem *me = dialog.resultsView()->topLevelItem(1);
            QCOMPARE(me->text(3), QStringLiteral("2 passed, 1 failed"));
            QStringList children;
            for (int i = 0; i < me->childCount(); ++i)
                children << me->child(i)->text(0);
            QVERIFY2(children.contains(QStringLiteral("passed: x")),
                     qPrintable(children.join(u'|')));
            QVERIFY(!children.join(u'|').contains(QLatin1String("not run")));
        }
        RunnerDialog again(ws.value(), m_collection, m_environment, &m_network);
        QVERIFY(again.trustScriptsBox()->isChecked());
        again.trustScriptsBox()->setChecked(false);
        QSignalSpy finished(&again, &RunnerDialog::runFinished);
        again.start();
        QVERIFY(finished.wait(20000));
        RunnerDialog third(ws.value(), m_collection, m_environment, &m_network);
        QVERIFY(!third.trustScriptsBox()->isChecked());
    }

    void runsAndShowsResults()
    {
        const Result<Workspace> ws = Workspace::open(m_dir.path());
        QVERIFY(ws.ok());
        RunnerDialog dialog(ws.value(), m_collection, m_environment, &m_network);
        QSignalSpy finished(&dialog, &RunnerDialog::runFinished);
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(!dialog.stopButton()->isEnabled());
        QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
        QVERIFY(dialog.stopButton()->isEnabled());
        QVERIFY(finished.wait(20000));

        QTreeWidget *view = dialog.resultsView();
        QCOMPARE(view->topLevelItemCount(), 2);
        QTreeWidgetItem *login = view->topLevelItem(0);
        QVERIFY(login->text(0).startsWith(QLatin1String("Login  POST http://127.0.0.1:")));
        QCOMPARE(login->text(1), QStringLiteral("200 OK"));
        QVERIFY(login->text(2).endsWith(QLatin1String(" ms")));
        QCOMPARE(login->data(0, Qt::UserRole).toBool(), true);
        QCOMPARE(login->child(0)->text(0), QStringLiteral("captured token = t-9"));

        QTreeWidgetItem *me = view->topLevelItem(1);
        QCOMPARE(me->text(3), QStringLiteral("1 passed, 1 failed"));
        QCOMPARE(me->data(0, Qt::UserRole).toBool(), false);
        QVERIFY(me->isExpanded());
        QCOMPARE(me->childCount(), 3);
        QCOMPARE(me->child(0)->text(0),
                 QStringLiteral("passed: /headers/Authorization equals "
                                "Bearer t-9"));
        QCOMPARE(me->child(1)->text(0), QStringLiteral("FAILED: expected status 201, got 200"));
        QCOMPARE(me->child(2)->text(0),
                 QStringLiteral("test script not run (tick \"Run imported Postman scripts\" to "
                                "run it)"));

        const RunSummary summary = finished.first().first().value<RunSummary>();
        QCOMPARE(summary.requests, 2);
        QCOMPARE(summary.assertionsFailed, 1);
        QVERIFY(dialog.summaryLabel()->text().startsWith(QLatin1String("Failed. 2 requests, 0 "
                                                                       "failed; 2 assertions, 1 "
                                                                       "failed")));
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(!dialog.stopButton()->isEnabled());
    }

    void iterationsAndStop()
    {
        const Result<Workspace> ws = Workspace::open(m_dir.path());
        QVERIFY(ws.ok());
        RunnerDialog dialog(ws.value(), m_collection + QStringLiteral("/login.yaml"), m_environment,
                            &m_network);
        QSignalSpy finished(&dialog, &RunnerDialog::runFinished);
        dialog.iterationsBox()->setValue(1000);
        dialog.delayBox()->setValue(60000);
        dialog.start();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.resultsView()->topLevelItemCount(), 1, 20000);
        QVERIFY(
            dialog.resultsView()->topLevelItem(0)->text(0).startsWith(QLatin1String("[1] Login")));
        QTest::mouseClick(dialog.stopButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.first().first().value<RunSummary>().stopped);
        QVERIFY(dialog.summaryLabel()->text().contains(QLatin1String("Stopped before the end.")));
        QVERIFY(!dialog.isRunning());
    }

    // A run starts with a fresh jar and leaves the window's alone, unless "Use and update the
    // workspace's cookies" is ticked.
    void workspaceCookiesOnRequest()
    {
        ScriptedServer server;
        server.setHandler([](const ReceivedRequest &request, Connection &c) {
            c.respond(200, request.header("Cookie"), {{"Set-Cookie", "ran=yes; Path=/"}});
        });
        QTemporaryDir dir;
        const QString collection = dir.filePath(QStringLiteral("cookies"));
        QVERIFY(QDir().mkpath(collection));
        CollectionInfo info;
        info.id = QStringLiteral("a1b2c3d4-0000-4000-8000-00000000run2");
        info.name = QStringLiteral("Cookies");
        QVERIFY(writeFile(collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        SavedRequest get;
        get.name = QStringLiteral("Get");
        get.request.url = server.url(QStringLiteral("/")).toString();
        QVERIFY(writeFile(collection + QStringLiteral("/get.yaml"), requestToYaml(get)));
        const Result<Workspace> ws = Workspace::open(dir.path());
        QVERIFY(ws.ok());
        CookieJar *windowJar = NetworkContext::of(&m_network)->cookieJar();
        QVERIFY(windowJar->cookieHeaderFor(server.url()).isEmpty());

        for (const bool workspaceCookies : {false, true}) {
            RunnerDialog dialog(ws.value(), collection, {}, &m_network);
            QVERIFY(!dialog.workspaceCookiesBox()->isChecked());
            dialog.workspaceCookiesBox()->setChecked(workspaceCookies);
            QSignalSpy finished(&dialog, &RunnerDialog::runFinished);
            dialog.start();
            QVERIFY(finished.wait(20000));
            QCOMPARE(windowJar->cookieHeaderFor(server.url()),
                     workspaceCookies ? QByteArray("ran=yes") : QByteArray());
        }
    }

    void unknownPathCannotRun()
    {
        const Result<Workspace> ws = Workspace::open(m_dir.path());
        QVERIFY(ws.ok());
        RunnerDialog dialog(ws.value(), m_dir.filePath(QStringLiteral("nope")), {}, &m_network);
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(dialog.summaryLabel()->text().contains(QLatin1String("is not a collection")));
    }
};

QTEST_MAIN(TestRunnerDialog)
#include "tst_runnerdialog.moc"
