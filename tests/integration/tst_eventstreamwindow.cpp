#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/http/httpclient.h"
#include "core/sse/eventstreamsession.h"
#include "tests/integration/externalserver.h"
#include "tests/support/testfiles.h"
#include "ui/common/preferences.h"
#include "ui/common/translations.h"
#include "ui/response/responseviewer.h"
#include "ui/runner/runnerdialog.h"
#include "ui/streams/eventstreammodel.h"
#include "ui/streams/eventstreamview.h"
#include "ui/tabs/requesttab.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUuid>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

// A request tab on screen and the client it sends with, as the window has them.
struct ShownTab
{
    ShownTab()
    {
        tab.resize(900, 600);
        tab.show();
    }

    QNetworkAccessManager network;
    HttpClient client {&network};
    Ui::RequestTab tab;
};

} // namespace

// A tab's Send of a request whose response is `text/event-stream`, against the real SSE server
// (servers/sse_server.py): the events show live in the stream view, with Stop, Reconnect and the
// number of events kept from Preferences.
class TestEventStreamWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // Preferences write to a test's settings
        Ui::Preferences::instance()->setValues({});
        // As the app does: "1 event", "3 events" (resources/translations/patchbay_en.ts).
        QVERIFY(Ui::installEnglishPlurals(QCoreApplication::instance()));
    }
    void init()
    {
        m_server = std::make_unique<ExternalServer>(
            QStringLiteral("sse_server.py"), QStringLiteral("/usr/bin/python3"),
            QStringList {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                             + QStringLiteral("/tests/integration/servers/sse_server.py"),
                         QStringLiteral("{port}")});
        const QString problem = m_server->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup()
    {
        m_server.reset();
        Ui::Preferences::instance()->setValues({});
    }

    // Events show before the stream ends; the selected one's JSON is pretty-printed; Stop ends
    // the stream and the exchange, and the next Send shows the ordinary viewer again.
    void eventsShowLiveAndStopEndsTheStream()
    {
        ShownTab onScreen;
        Ui::RequestTab &tab = onScreen.tab;
        HttpClient &client = onScreen.client;
        QSignalSpy exchanges(&tab, &Ui::RequestTab::exchangeFinished);
        QSignalSpy started(&tab, &Ui::RequestTab::streamStarted);
        Request request;
        request.url = m_server->url(QStringLiteral("/slow?count=50&interval=200")).toString();
        tab.send(&client, request);
        QVERIFY(tab.isBusy());

        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
        // What the window's status bar says while it streams (in place of "Sending GET…").
        QCOMPARE(started.size(), 1);
        QVERIFY(started.first().first().toString().startsWith(
            QLatin1String("Streaming events from http://127.0.0.1:")));
        Ui::EventStreamView *view = tab.streamView();
        QAbstractItemModelTester tester(view->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(view->isVisible());
        QVERIFY(!tab.viewer()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 2, 10000);
        QVERIFY(tab.isBusy()); // 50 events at 200 ms: far from the end
        QVERIFY(exchanges.isEmpty());
        const QAbstractItemModel *shown = view->table()->model();
        QCOMPARE(shown->index(0, Ui::EventStreamModel::IdColumn).data().toString(),
                 QStringLiteral("1"));
        QCOMPARE(shown->index(0, Ui::EventStreamModel::TypeColumn).data().toString(),
                 QStringLiteral("tick"));
        QVERIFY(!shown->index(0, Ui::EventStreamModel::TimeColumn).data().toString().isEmpty());
        view->table()->setCurrentIndex(shown->index(1, Ui::EventStreamModel::DataColumn));
        QCOMPARE(view->dataView()->toPlainText().trimmed(), QStringLiteral("{\n  \"n\": 2\n}"));

        // The filter searches the events.
        view->filterEdit()->setText(QStringLiteral("\"n\": 1}"));
        QCOMPARE(shown->rowCount(), 1);
        view->filterEdit()->clear();

        QVERIFY(view->stopButton()->isEnabled());
        QTest::mouseClick(view->stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QCOMPARE(exchanges.size(), 1);
        const Response response = exchanges.first().at(1).value<Response>();
        QCOMPARE(response.statusCode, 200);
        QVERIFY(!response.isError());
        QVERIFY(response.body.readAll().contains("data: {\"n\": 1}"));
        QVERIFY(!view->stopButton()->isEnabled());
        QVERIFY(view->statusLabel()->text().startsWith(QLatin1String("Stopped")));
        const int kept = view->model()->rowCount();
        QTest::qWait(500);
        QCOMPARE(view->model()->rowCount(), kept); // nothing arrives after Stop

        // An ordinary response goes to the viewer again.
        request.url = m_server->url(QStringLiteral("/log")).toString();
        tab.send(&client, request);
        QVERIFY(tab.streamView() == nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QVERIFY(tab.viewer()->isVisible());
        QCOMPARE(tab.viewer()->response().statusCode, 200);
    }

    // Reconnect is off until the user turns it on in the view; then a dropped stream is sent
    // again with Last-Event-ID (the server refuses a wrong one), the status line says when, and
    // the next connections' events join the table. The tab keeps the choice for its next stream.
    void reconnectSendsLastEventIdAndShowsTheNextConnection()
    {
        ShownTab onScreen;
        Ui::RequestTab &tab = onScreen.tab;
        HttpClient &client = onScreen.client;
        QSignalSpy exchanges(&tab, &Ui::RequestTab::exchangeFinished);
        Request request;
        // Two events per connection, dropped 1.5 s later; the server asks for 1 s before a retry.
        request.url = m_server->url(QStringLiteral("/drop?per=2&pause=1500&retry=1000")).toString();
        tab.send(&client, request);
        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
        Ui::EventStreamView *view = tab.streamView();
        QVERIFY(view->reconnectCheck()->isVisible());
        QVERIFY(view->reconnectCheck()->isEnabled());
        QVERIFY(!view->reconnectCheck()->isChecked()); // off unless asked for
        QVERIFY(!view->session()->options().reconnect);
        QTest::mouseClick(view->reconnectCheck(), Qt::LeftButton, {},
                          QPoint(4, view->reconnectCheck()->height() / 2));
        QVERIFY(view->reconnectCheck()->isChecked());
        QVERIFY(view->session()->options().reconnect);

        // "event(s)": English plurals are the application's (ui/common/translations.h).
        QTRY_VERIFY_WITH_TIMEOUT(view->statusLabel()->text().startsWith(
                                     QStringLiteral("Reconnecting in 1 s (attempt 1), "
                                                    "Last-Event-ID: 2 · 2 event")),
                                 10000);
        QVERIFY(tab.isBusy());
        QVERIFY(view->stopButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 4, 10000);
        QCOMPARE(view->model()->index(2, Ui::EventStreamModel::IdColumn).data().toString(),
                 QStringLiteral("3"));
        QCOMPARE(view->model()->index(3, Ui::EventStreamModel::DataColumn).data().toString(),
                 QStringLiteral("event 4"));
        QVERIFY2(view->statusLabel()->text().startsWith(QLatin1String("Streaming (connection 2)")),
                 qPrintable(view->statusLabel()->text()));

        // The third connection ends its stream; the server answers the next one with 204.
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 20000);
        QCOMPARE(view->model()->rowCount(), 6);
        QCOMPARE(view->model()->index(5, Ui::EventStreamModel::IdColumn).data().toString(),
                 QStringLiteral("6"));
        QVERIFY(!view->reconnectCheck()->isEnabled());
        QCOMPARE(exchanges.size(), 1);
        QVERIFY(exchanges.first().at(1).value<Response>().body.readAll().contains(
            "id: 6\ndata: event 6"));
        QCOMPARE(dropLog(),
                 QJsonArray({QJsonValue(), QStringLiteral("2"), QStringLiteral("4"),
                             QStringLiteral("6")}));

        // The next stream of this tab starts with Reconnect on.
        request.url = m_server->url(QStringLiteral("/slow?count=20&interval=200")).toString();
        tab.send(&client, request);
        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
        QVERIFY(tab.streamView()->reconnectCheck()->isChecked());
        QVERIFY(tab.streamView()->session()->options().reconnect);
        tab.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
    }

    // Turning Reconnect off while the view waits to reconnect stops the stream there.
    void reconnectOffWhileWaitingStops()
    {
        ShownTab onScreen;
        Ui::RequestTab &tab = onScreen.tab;
        HttpClient &client = onScreen.client;
        QSignalSpy exchanges(&tab, &Ui::RequestTab::exchangeFinished);
        Request request;
        request.url = m_server->url(QStringLiteral("/drop?per=2&pause=800&retry=5000")).toString();
        tab.send(&client, request);
        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
        Ui::EventStreamView *view = tab.streamView();
        view->reconnectCheck()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(view->statusLabel()->text().startsWith(QStringLiteral(
                                     "Reconnecting in 5 s (attempt 1), Last-Event-ID: 2")),
                                 10000);
        QVERIFY(tab.isBusy());
        view->reconnectCheck()->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 2000); // well before the 5 s retry
        QVERIFY2(view->statusLabel()->text().startsWith(QLatin1String("Stopped")),
                 qPrintable(view->statusLabel()->text()));
        QCOMPARE(exchanges.size(), 1);
        QCOMPARE(dropLog(), QJsonArray({QJsonValue()}));
    }

    // Without Reconnect a dropped stream ends there: one request, no Last-Event-ID sent.
    void withoutReconnectADropEndsTheStream()
    {
        ShownTab onScreen;
        Ui::RequestTab &tab = onScreen.tab;
        HttpClient &client = onScreen.client;
        Request request;
        request.url = m_server->url(QStringLiteral("/drop?per=2")).toString();
        tab.send(&client, request);
        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        Ui::EventStreamView *view = tab.streamView();
        QCOMPARE(view->model()->rowCount(), 2);
        QVERIFY2(
            view->statusLabel()->text().startsWith(QLatin1String("The server ended the stream")),
            qPrintable(view->statusLabel()->text()));
        QTest::qWait(300); // a reconnection would come after the server's 50 ms retry
        QCOMPARE(dropLog(), QJsonArray({QJsonValue()}));
    }

    // Preferences → Streams sets how many events a new stream keeps: its session's ring and
    // its table's. A stream already shown keeps what it started with.
    void eventsKeptFollowThePreference()
    {
        ShownTab onScreen;
        Ui::RequestTab &tab = onScreen.tab;
        HttpClient &client = onScreen.client;
        QSignalSpy exchanges(&tab, &Ui::RequestTab::exchangeFinished);
        Request request;
        request.url = m_server->url(QStringLiteral("/slow?count=20&interval=100")).toString();
        tab.send(&client, request);
        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
        QCOMPARE(tab.streamView()->model()->capacity(), 10000);
        QCOMPARE(tab.streamView()->session()->events().capacity(), 10000);

        Ui::PreferenceValues values = Ui::Preferences::instance()->values();
        values.streamMaxEvents = 150;
        Ui::Preferences::instance()->setValues(values);
        QCOMPARE(tab.streamView()->model()->capacity(), 10000); // applies to new streams
        tab.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);

        request.url = m_server->url(QStringLiteral("/slow?count=200&interval=5")).toString();
        tab.send(&client, request);
        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
        Ui::EventStreamView *view = tab.streamView();
        QCOMPARE(view->model()->capacity(), 150);
        QCOMPARE(view->session()->events().capacity(), 150);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 20000);
        QCOMPARE(view->model()->rowCount(), 150);
        QCOMPARE(view->model()->appended(), 200);
        QCOMPARE(view->model()->index(0, Ui::EventStreamModel::IdColumn).data().toString(),
                 QStringLiteral("51"));
        // History gets the session's kept events: the last 150.
        QCOMPARE(exchanges.size(), 2);
        const QByteArray body = exchanges.last().at(1).value<Response>().body.readAll();
        QCOMPARE(body.count("\ndata: "), 150);
        QVERIFY(body.startsWith("id: 51\n"));
    }

    // The model keeps the last events only.
    // The run dialog: a request whose response is an event stream is read as events, and its
    // row says how many and why the stream ended.
    void runDialogShowsTheEvents()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString collection = dir.filePath(QStringLiteral("feed"));
        QVERIFY(QDir().mkpath(collection));
        CollectionInfo info;
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        info.name = QStringLiteral("Feed");
        QVERIFY(writeFile(collection + QStringLiteral("/collection.yaml"), collectionToYaml(info)));
        SavedRequest ticks;
        ticks.name = QStringLiteral("Ticks");
        ticks.request.url = m_server->url(QStringLiteral("/slow?count=3&interval=20")).toString();
        ticks.assertions = {{AssertionKind::JsonEquals, QStringLiteral("/2/event"),
                             QStringLiteral("\"tick\""), true}};
        QVERIFY(writeFile(collection + QStringLiteral("/ticks.yaml"), requestToYaml(ticks)));
        const Result<Workspace> workspace = Workspace::open(dir.path());
        QVERIFY(workspace.ok());
        QNetworkAccessManager network;
        Ui::RunnerDialog dialog(workspace.value(), collection, QString(), &network);
        QSignalSpy finished(&dialog, &Ui::RunnerDialog::runFinished);
        QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QTreeWidget *view = dialog.resultsView();
        QCOMPARE(view->topLevelItemCount(), 1);
        QTreeWidgetItem *row = view->topLevelItem(0);
        QCOMPARE(row->text(1), QStringLiteral("200 OK"));
        QCOMPARE(row->text(3), QStringLiteral("1 passed, 0 failed"));
        QStringList lines;
        for (int i = 0; i < row->childCount(); ++i)
            lines << row->child(i)->text(0);
        QVERIFY2(lines.contains(QStringLiteral("3 events (ended by the server)")),
                 qPrintable(lines.join(u'|')));
    }

    void modelKeepsTheLastEvents()
    {
        Ui::EventStreamModel model(3);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 1; i <= 5; ++i) {
            ServerSentEvent event;
            event.lastEventId = QString::number(i);
            event.data = QStringLiteral("line\nnext");
            model.append(event);
        }
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.appended(), 5);
        QCOMPARE(model.index(0, Ui::EventStreamModel::IdColumn).data().toString(),
                 QStringLiteral("3"));
        QCOMPARE(model.index(0, Ui::EventStreamModel::DataColumn).data().toString(),
                 QStringLiteral("line next"));
    }

private:
    // The Last-Event-ID of each /drop request the server got, repeats folded (Qt may resend a
    // request on a connection the server closed; tst_eventstreams says more).
    QJsonArray dropLog()
    {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(
            network.get(QNetworkRequest(m_server->url(QStringLiteral("/log")))));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!done.wait(5000))
            return {};
        QJsonArray folded;
        for (const QJsonValue &value : QJsonDocument::fromJson(reply->readAll()).array()) {
            if (folded.isEmpty() || folded.at(folded.size() - 1) != value)
                folded.append(value);
        }
        return folded;
    }

    std::unique_ptr<ExternalServer> m_server;
};

QTEST_MAIN(TestEventStreamWindow)
#include "tst_eventstreamwindow.moc"
