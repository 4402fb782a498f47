#include "core/cookies/cookiejar.h"
#include "core/history/historystore.h"
#include "core/network/networkcontext.h"
#include "core/network/workspacenetwork.h"
#include "tests/support/scriptedserver.h"
#include "tests/support/tlsidentity.h"
#include "tests/ui/window/windowtest.h"
#include "ui/mainwindow.h"
#include "ui/network/certificatesettingswidget.h"
#include "ui/network/cookiesdialog.h"
#include "ui/network/networkcontroller.h"
#include "ui/network/networksettingsdialog.h"
#include "ui/network/requestnetworkoptions.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/response/tlsview.h"
#include "ui/window/importexportcontroller.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTreeWidget>

using namespace Patchbay;

namespace {

QAction *menuAction(QMainWindow &window, const QString &text)
{
    for (QAction *menu : window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->text().remove(u'&') == text)
                return action;
        }
    }
    return nullptr;
}

} // namespace

// The network in the whole window: Tools → Network Settings and Tools → Cookies open on the
// workspace's settings and jar, a host not to verify shows its warning on the response and in the
// TLS tab, and a request's "send and store cookies" switch keeps it out of the jar.
class TestNetworkWindow final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_networkwindow")); }
    void init() { startFirstRun(); }

    void insecureHostFromTheSettingsWarnsOnTheResponse()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("n1.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        Core::WorkspaceNetwork *workspaceNetwork = window.networkController()->workspaceNetwork();
        QTRY_VERIFY(!workspaceNetwork->isLoading());

        const Core::Result<Test::TlsIdentity> identity = Test::generateSelfSignedIdentity();
        QVERIFY(identity.ok());
        Test::ScriptedServer server(identity.value());
        server.setHandler([](const Test::ReceivedRequest &, Test::Connection &c) {
            c.respond(200, "{}", {{"Content-Type", "application/json"}});
        });

        // Without a rule the self-signed certificate is refused, with its own message.
        const Core::Response refused
            = sendByHand(window, QStringLiteral("GET"), server.url().toString(), QString());
        QCOMPARE(refused.errorKind, Core::ErrorKind::Tls);
        QVERIFY(refused.errorMessage.contains(QLatin1String("self-signed")));

        // Tools → Network Settings: don't verify this host (and port).
        QAction *settingsAction = menuAction(window, QStringLiteral("Network Settings…"));
        QVERIFY(settingsAction);
        settingsAction->trigger();
        auto *dialog = window.findChild<Ui::NetworkSettingsDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        const QString rule = QStringLiteral("127.0.0.1:%1").arg(server.port());
        dialog->certificateSettings()->addInsecureHost(rule);
        QSignalSpy loaded(workspaceNetwork, &Core::WorkspaceNetwork::loaded);
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(loaded.wait(20000));
        QVERIFY(QFile::exists(root.filePath(QStringLiteral("network.yaml"))));

        const Core::Response accepted
            = sendByHand(window, QStringLiteral("GET"), server.url().toString(), QString());
        QVERIFY2(!accepted.isError(), qPrintable(accepted.errorMessage));
        Ui::ResponseViewer *viewer = window.responseViewer();
        QVERIFY(viewer->tlsWarning()->isVisible());
        QVERIFY(viewer->tlsWarning()->toolTip().contains(rule));
        viewer->tabs()->setCurrentIndex(Ui::ResponseViewer::TlsTab);
        QVERIFY(viewer->tlsView()->warning()->isVisible());
        QVERIFY(viewer->tlsView()->warningText()->text().contains(rule));
        QCOMPARE(viewer->tlsView()->chain()->topLevelItemCount(), 1);
    }

    void cookiesManagerAndTheRequestSwitch()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("n2.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        Core::WorkspaceNetwork *workspaceNetwork = window.networkController()->workspaceNetwork();
        QTRY_VERIFY(!workspaceNetwork->isLoading());
        Core::CookieJar *jar = workspaceNetwork->cookieJar();
        QCOMPARE(Core::NetworkContext::of(&network)->cookieJar(), jar);

        Test::ScriptedServer server;
        server.setHandler([](const Test::ReceivedRequest &request, Test::Connection &c) {
            c.respond(200, request.header("Cookie"),
                      {{"Set-Cookie", "sid=" + request.path().mid(1) + "; Path=/"}});
        });
        QVERIFY(!sendByHand(window, QStringLiteral("GET"),
                            server.url(QStringLiteral("/one")).toString(), QString())
                     .isError());
        QCOMPARE(jar->cookieHeaderFor(server.url()), QByteArray("sid=one"));

        // Settings tab: this request neither sends nor stores cookies.
        Ui::RequestNetworkOptions *options = window.requestEditor()->networkOptions();
        options->cookiesCheck()->setChecked(false);
        const Core::Response without
            = sendByHand(window, QStringLiteral("GET"),
                         server.url(QStringLiteral("/two")).toString(), QString());
        QVERIFY(without.body.readAll().isEmpty());
        QCOMPARE(jar->cookieHeaderFor(server.url()), QByteArray("sid=one"));
        QVERIFY(!window.requestEditor()->request().settings.cookies);

        // Tools → Cookies shows the jar; clearing the domain empties it.
        QAction *cookiesAction = menuAction(window, QStringLiteral("Cookies…"));
        QVERIFY(cookiesAction);
        cookiesAction->trigger();
        auto *cookies = window.findChild<Ui::CookiesDialog *>();
        QVERIFY(cookies && cookies->isVisible());
        QCOMPARE(cookies->filter()->rowCount(), 1);
        QCOMPARE(cookies->clearDomain(QStringLiteral("127.0.0.1")), 1);
        QVERIFY(jar->isEmpty());

        // Persisted in the workspace's private folder.
        options->cookiesCheck()->setChecked(true);
        sendByHand(window, QStringLiteral("GET"), server.url(QStringLiteral("/three")).toString(),
                   QString());
        QTRY_VERIFY(QFile(root.filePath(QStringLiteral(".patchbay/cookies.json"))).size() > 0);
    }

    // File → Import of an Insomnia export: its CA certificate joins the workspace's settings
    // and its cookies the workspace's jar.
    void importedCertificatesAndCookiesJoinTheWorkspace()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("n3.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        Core::WorkspaceNetwork *workspaceNetwork = window.networkController()->workspaceNetwork();
        QTRY_VERIFY(!workspaceNetwork->isLoading());

        QTemporaryDir source;
        const QString file = source.filePath(QStringLiteral("insomnia.json"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{\"_type\": \"export\", \"__export_format\": 4, \"resources\": ["
                  "{\"_id\": \"wrk_1\", \"_type\": \"workspace\", \"name\": \"Bank\"},"
                  "{\"_id\": \"req_1\", \"_type\": \"request\", \"parentId\": \"wrk_1\", \"name\": "
                  "\"Balance\","
                  "\"method\": \"GET\", \"url\": \"https://bank.test/balance\"},"
                  "{\"_id\": \"ca_1\", \"_type\": \"ca_certificate\", \"parentId\": \"wrk_1\","
                  "\"path\": \"/etc/bank/ca.pem\", \"disabled\": false},"
                  "{\"_id\": \"jar_1\", \"_type\": \"cookie_jar\", \"parentId\": \"wrk_1\", "
                  "\"name\": \"Default Jar\","
                  "\"cookies\": [{\"key\": \"sid\", \"value\": \"abc\", \"domain\": \"bank.test\", "
                  "\"path\": \"/\","
                  "\"hostOnly\": true, \"expires\": null}]}]}");
        out.close();

        QSignalSpy loaded(workspaceNetwork, &Core::WorkspaceNetwork::loaded);
        auto *controller = window.findChild<Ui::ImportExportController *>();
        QVERIFY(controller);
        QSignalSpy finished(controller, &Ui::ImportExportController::importFinished);
        window.importPath(file, true);
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.first().at(0).toStringList().isEmpty());
        QCOMPARE(workspaceNetwork->cookieJar()->cookieHeaderFor(
                     QUrl(QStringLiteral("https://bank.test/"))),
                 QByteArray("sid=abc"));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(workspaceNetwork->settings().caCertificates,
                 QStringList {QStringLiteral("/etc/bank/ca.pem")});
        QVERIFY(QFile::exists(root.filePath(QStringLiteral("network.yaml"))));
    }
};

QTEST_MAIN(TestNetworkWindow)
#include "tst_networkwindow.moc"
