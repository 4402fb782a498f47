#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/support/scriptedserver.h"
#include "tests/ui/window/windowtest.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"
#include "ui/tabs/tabdecorations.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace Patchbay;
using namespace std::chrono_literals;

// A request in flight is visible (item 7 of issue 12): the response area shows the time since
// it left, the bytes received (and the share of a download whose size is known) and a Cancel
// button; the tab turns a busy mark; Cancel and Esc (even from the body editor) stop it.
class TestInFlight final : public Tests::WindowTest
{
    Q_OBJECT

private:
    static double seconds(const QLabel *label)
    {
        QString text = label->text();
        text.remove(QLatin1String(" s"));
        return QLocale().toDouble(text);
    }

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_inflight")); }
    void init() { startFirstRun(); }

    void aDownloadShowsTimeBytesAndCancel()
    {
        Test::ScriptedServer server;
        // 200 KB announced, sent 4 KB every 20 ms: about a second, unless cancelled.
        const QByteArray body(200 * 1024, 'x');
        server.setHandler([&body](const Test::ReceivedRequest &, Test::Connection &connection) {
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                             + QByteArray::number(body.size()) + "\r\n\r\n");
            connection.writeSlowly(body, 4096, 20ms);
        });
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h1.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        typeUrl(window.requestEditor(), server.url(QStringLiteral("/big")).toString());
        QTest::mouseClick(child<QPushButton>(window.requestEditor(), "sendButton"), Qt::LeftButton);

        Ui::ResponseViewer *viewer = window.responseViewer();
        QVERIFY(viewer->isPending());
        auto *elapsed = child<QLabel>(viewer, "elapsedLabel");
        auto *bytes = child<QLabel>(viewer, "progressLabel");
        auto *progress = child<QProgressBar>(viewer, "progress");
        auto *cancel = child<QPushButton>(viewer, "cancelRequestButton");
        QVERIFY(elapsed->isVisible() && cancel->isVisible());
        // The busy mark on the tab.
        QTabBar *bar = window.requestTabs()->tabBar();
        auto *state = qobject_cast<Ui::TabStateButton *>(bar->tabButton(0, QTabBar::RightSide));
        QVERIFY(state);
        QVERIFY(state->isBusy());
        QVERIFY(bar->accessibleTabName(0).contains(QLatin1String("sending")));

        // Time goes on, bytes come in, with their share of the whole.
        QTRY_VERIFY(seconds(elapsed) >= 0.3);
        QTRY_VERIFY(bytes->text().contains(QLatin1String("of 200")));
        QTRY_VERIFY(progress->value() > 0 && progress->maximum() == 1000);
        const int part = progress->value();
        QTRY_VERIFY(progress->value() > part);
        QVERIFY(bytes->text().contains(u'%'));

        // Cancel stops it: the tab is idle again and says the request was cancelled.
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().first().value<Core::Response>().errorKind,
                 Core::ErrorKind::Cancelled);
        QVERIFY(!viewer->isPending());
        QVERIFY(!state->isBusy());
        QVERIFY(!window.currentTab()->isBusy());
    }

    void escapeInTheBodyCancels()
    {
        Test::ScriptedServer server;
        server.setHandler([](const Test::ReceivedRequest &, Test::Connection &) {}); // silence
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h2.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        Core::Request request;
        request.method = QStringLiteral("POST");
        request.url = server.url(QStringLiteral("/slow")).toString();
        request.body.mode = Core::BodyMode::Json;
        request.body.text = QStringLiteral("{\"a\": 1}");
        window.currentTab()->openUnsaved(request);
        QTest::mouseClick(child<QPushButton>(window.requestEditor(), "sendButton"), Qt::LeftButton);
        QVERIFY(window.currentTab()->isBusy());
        auto *body = child<QsciScintilla>(window.requestEditor(), "bodyTextEditor");
        body->setFocus();
        QTRY_VERIFY(body->hasFocus());
        QTest::keyClick(body, Qt::Key_Escape);
        QTRY_VERIFY(!window.currentTab()->isBusy());
        QCOMPARE(finished.last().first().value<Core::Response>().errorKind,
                 Core::ErrorKind::Cancelled);
    }
};

QTEST_MAIN(TestInFlight)
#include "tst_inflight.moc"
