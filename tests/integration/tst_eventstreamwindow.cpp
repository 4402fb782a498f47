#include "core/http/httpclient.h"
#include "tests/integration/externalserver.h"
#include "ui/response/responseviewer.h"
#include "ui/streams/eventstreammodel.h"
#include "ui/streams/eventstreamview.h"
#include "ui/tabs/requesttab.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;

// A tab's Send of a request whose response is `text/event-stream`, against the real SSE server
// (servers/sse_server.py): the events show live in the stream view, with Stop.
class TestEventStreamWindow final : public QObject
{
    Q_OBJECT

private slots:
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
    void cleanup() { m_server.reset(); }

    // Events show before the stream ends; the selected one's JSON is pretty-printed; Stop ends
    // the stream and the exchange, and the next Send shows the ordinary viewer again.
    void eventsShowLiveAndStopEndsTheStream()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Ui::RequestTab tab;
        tab.resize(900, 600);
        tab.show();
        QSignalSpy exchanges(&tab, &Ui::RequestTab::exchangeFinished);
        Request request;
        request.url = m_server->url(QStringLiteral("/slow?count=50&interval=200")).toString();
        tab.send(&client, request);
        QVERIFY(tab.isBusy());

        QTRY_VERIFY_WITH_TIMEOUT(tab.streamView() != nullptr, 10000);
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

    // The model keeps the last events only.
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
    std::unique_ptr<ExternalServer> m_server;
};

QTEST_MAIN(TestEventStreamWindow)
#include "tst_eventstreamwindow.moc"
