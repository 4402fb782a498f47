#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "core/http/httpclient.h"
#include "tests/integration/externalserver.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"
#include "ui/websocket/websocketcomposer.h"
#include "ui/websocket/websocketlogmodel.h"
#include "ui/websocket/websocketlogview.h"
#include "ui/websocket/websocketpanel.h"
#include "ui/websocket/websocketrequestpage.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay;
using namespace Patchbay::Core;
using namespace Patchbay::Test;
using Ui::WebSocketComposer;
using Ui::WebSocketLogModel;

namespace {

// The one Connect / Disconnect button of a WebSocket request: the editor's, by the URL.
QPushButton *connectButton(const Ui::RequestTab &tab)
{
    return tab.editor()->findChild<QPushButton *>(QStringLiteral("sendButton"));
}

// The visible buttons in `tab` that connect or disconnect, by what they say.
QList<QAbstractButton *> connectionButtons(const Ui::RequestTab &tab)
{
    static const QStringList texts
        = {QStringLiteral("Connect"), QStringLiteral("Connecting…"), QStringLiteral("Disconnect"),
           QStringLiteral("Disconnecting…")};
    QList<QAbstractButton *> found;
    const QList<QAbstractButton *> buttons = tab.findChildren<QAbstractButton *>();
    for (QAbstractButton *button : buttons) {
        if (button->isVisible() && texts.contains(button->text().remove(u'&')))
            found << button;
    }
    return found;
}

// The rows of the log as "direction type message" lines, for readable failures.
QStringList logLines(const QAbstractItemModel *model)
{
    QStringList lines;
    for (int row = 0; row < model->rowCount(); ++row) {
        lines << model->index(row, WebSocketLogModel::DirectionColumn).data().toString() + u' '
                + model->index(row, WebSocketLogModel::TypeColumn).data().toString() + u' '
                + model->index(row, WebSocketLogModel::MessageColumn).data().toString();
    }
    return lines;
}

} // namespace

// A WebSocket request in a tab (ui/websocket/), offscreen, against the real WebSocket server of
// the integration tests (servers/ws_server.py, Debian's python3-websockets): the kind chosen in
// the editor round-trips through the file format; connect, send text, JSON and binary, echo
// and server push, ping/pong, saved messages, Disconnect and Reconnect, and a close by the
// server with its code and meaning.
class TestWebSocketWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PatchbayTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_websocketwindow"));
        m_server = std::make_unique<ExternalServer>(
            QStringLiteral("ws_server.py"), QStringLiteral("/usr/bin/python3"),
            QStringList {qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                             + QStringLiteral("/tests/integration/servers/ws_server.py"),
                         QStringLiteral("{port}")});
        const QString problem = m_server->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanupTestCase() { m_server.reset(); }

    // Typing a ws:// URL makes the request a WebSocket request: the panel replaces the viewer,
    // the Messages tab replaces Body, and the file says `kind: websocket` and reads back the
    // same, with its subprotocols and saved messages.
    void kindRoundTripsThroughTheFile()
    {
        Ui::RequestTab tab;
        tab.resize(1000, 700);
        tab.show();
        Ui::RequestEditor *editor = tab.editor();
        auto *url = editor->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        QVERIFY(url);
        QVERIFY(!tab.webSocketPanel());
        url->setFocus();
        QTest::keyClicks(url, QStringLiteral("ws://127.0.0.1:9/chat"));
        QVERIFY(editor->isWebSocket());
        QVERIFY(tab.webSocketPanel());
        QVERIFY(tab.webSocketPanel()->isVisible());
        QVERIFY(!tab.viewer()->isVisible());
        QCOMPARE(tab.method(), QStringLiteral("WS"));
        auto *tabs = editor->findChild<QTabWidget *>(QStringLiteral("requestTabs"));
        QVERIFY(!tabs->isTabVisible(2)); // Body
        QVERIFY(tabs->isTabVisible(tabs->indexOf(editor->webSocketPage())));
        QCOMPARE(editor->findChild<QPushButton *>(QStringLiteral("sendButton"))->text(),
                 QStringLiteral("Connect"));

        Ui::WebSocketRequestPage *page = editor->webSocketPage();
        page->subprotocolsEdit()->setText(QStringLiteral("chat.v2, chat.v1"));
        QTest::keyClick(page->subprotocolsEdit(), Qt::Key_Space); // an edit, trimmed away
        WebSocketMessage hello {QStringLiteral("Hello"), WebSocketPayload::Json,
                                QStringLiteral("{\"type\": \"hello\"}"), true};
        WebSocketMessage bytes {QStringLiteral("Bytes"), WebSocketPayload::Binary,
                                QStringLiteral("00 ff 10"), false};
        page->addMessage(hello);
        page->addMessage(bytes);
        // The composer offers the saved messages.
        QCOMPARE(tab.webSocketPanel()->composer()->templatesButton()->text(),
                 QStringLiteral("Saved messages (2)"));

        const Request request = editor->request();
        QCOMPARE(request.kind, RequestKind::WebSocket);
        QCOMPARE(request.method, QStringLiteral("GET"));
        QCOMPARE(request.url, QStringLiteral("ws://127.0.0.1:9/chat"));
        QCOMPARE(request.websocket.subprotocols,
                 (QStringList {QStringLiteral("chat.v2"), QStringLiteral("chat.v1")}));
        QCOMPARE(request.websocket.messages, (QList<WebSocketMessage> {hello, bytes}));

        SavedRequest saved;
        saved.name = QStringLiteral("Chat");
        saved.request = request;
        const QByteArray yaml = requestToYaml(saved);
        QVERIFY2(yaml.startsWith("patchbay: 2\nkind: websocket\n"), yaml.constData());
        QVERIFY2(!yaml.contains("method:"), yaml.constData());
        const Result<SavedRequest> read = requestFromYaml(yaml);
        QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().message));
        QCOMPARE(read->request, request);

        Ui::RequestTab reopened;
        reopened.show();
        reopened.openSaved(QStringLiteral("/tmp/chat.yaml"), *read);
        QVERIFY(reopened.editor()->isWebSocket());
        QVERIFY(reopened.webSocketPanel());
        QCOMPARE(reopened.editor()->request(), request);
        QVERIFY(!reopened.isDirty());
        QCOMPARE(reopened.webSocketPanel()->composer()->templatesButton()->text(),
                 QStringLiteral("Saved messages (2)"));

        // Back to an http URL: a GET again, with the ordinary viewer.
        url->selectAll();
        QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:9/"));
        QVERIFY(!editor->isWebSocket());
        QVERIFY(!tab.webSocketPanel());
        QVERIFY(tab.viewer()->isVisible());
        QCOMPARE(editor->request().kind, RequestKind::Http);
        QCOMPARE(tab.method(), QStringLiteral("GET"));
    }

    // Connect, send text, JSON (checked), hex and base64 binary and a saved message; the echo
    // comes back; ping/pong; search; Disconnect ends the exchange; Reconnect keeps the log.
    void echoPingAndReconnect()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Ui::RequestTab tab;
        tab.resize(1100, 750);
        tab.show();
        QSignalSpy exchanges(&tab, &Ui::RequestTab::exchangeFinished);
        Request request;
        request.kind = RequestKind::WebSocket;
        request.url = wsUrl(QStringLiteral("/echo"));
        request.websocket.subprotocols = {QStringLiteral("chat.v1")};
        tab.openUnsaved(request);
        Ui::WebSocketPanel *panel = tab.webSocketPanel();
        QVERIFY(panel);
        QAbstractItemModelTester tester(panel->logView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The editor's button cancels through the window's send path (SendController): wired
        // here as it does.
        connect(tab.editor(), &Ui::RequestEditor::cancelRequested, &tab, &Ui::RequestTab::cancel);
        tab.setMessageResolver([](const QString &text) {
            return QString(text).replace(QLatin1String("{{name}}"), QLatin1String("Ada"));
        });
        tab.send(&client, tab.editor()->request());
        QVERIFY(tab.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(panel->isOpen(), 10000);
        QVERIFY2(panel->statusLabel()->text().contains(QLatin1String("subprotocol chat.v1")),
                 qPrintable(panel->statusLabel()->text()));
        QCOMPARE(connectButton(tab)->text(), QStringLiteral("Disconnect"));
        QVERIFY(!panel->reconnectButton()->isEnabled());
        const QAbstractItemModel *shown = panel->logView()->table()->model();

        WebSocketComposer *composer = panel->composer();
        composer->setFormat(WebSocketComposer::Format::Text);
        composer->setText(QStringLiteral("hello {{name}}"));
        QTest::mouseClick(composer->sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 3, 10000); // open, sent, received
        QCOMPARE(logLines(shown).mid(1),
                 (QStringList {QStringLiteral("↑ Sent Text hello Ada"),
                               QStringLiteral("↓ Received Text hello Ada")}));
        QCOMPARE(shown->index(2, WebSocketLogModel::SizeColumn).data().toString(),
                 QStringLiteral("9 bytes"));

        // JSON is checked before it can be sent, and shown pretty when selected.
        composer->setFormat(WebSocketComposer::Format::Json);
        composer->setText(QStringLiteral("{\"a\": [1, 2],"));
        QVERIFY(!composer->sendButton()->isEnabled());
        QVERIFY(composer->problemLabel()->isVisibleTo(composer));
        QVERIFY(composer->problemLabel()->text().startsWith(QLatin1String("Not JSON")));
        composer->setText(QStringLiteral("{\"a\": [1, 2.50]}"));
        QVERIFY(composer->sendButton()->isEnabled());
        QTest::mouseClick(composer->sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 5, 10000);
        panel->logView()->table()->setCurrentIndex(
            shown->index(4, WebSocketLogModel::MessageColumn));
        QCOMPARE(panel->logView()->messageView()->toPlainText().trimmed(),
                 QStringLiteral("{\n  \"a\": [\n    1,\n    2.50\n  ]\n}"));

        // Binary, written in hex and in base64.
        composer->setFormat(WebSocketComposer::Format::Hex);
        composer->setText(QStringLiteral("00 ff 1"));
        QVERIFY(!composer->sendButton()->isEnabled());
        composer->setText(QStringLiteral("00 ff 10"));
        QTest::mouseClick(composer->sendButton(), Qt::LeftButton);
        composer->setFormat(WebSocketComposer::Format::Base64);
        composer->setText(QStringLiteral("AP8Q"));
        QTest::mouseClick(composer->sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 9, 10000);
        for (int row = 5; row < 9; ++row) {
            QCOMPARE(shown->index(row, WebSocketLogModel::TypeColumn).data().toString(),
                     QStringLiteral("Binary"));
            QCOMPARE(shown->index(row, WebSocketLogModel::MessageColumn).data().toString(),
                     QStringLiteral("00 ff 10"));
        }

        // A saved message, sent from the Messages tab, with its variables replaced.
        Ui::WebSocketRequestPage *page = tab.editor()->webSocketPage();
        page->addMessage({QStringLiteral("Hello"), WebSocketPayload::Json,
                          QStringLiteral("{\"hi\": \"{{name}}\"}"), true});
        page->messagesTable()->selectRow(0);
        QVERIFY(page->sendButton()->isEnabled());
        QTest::mouseClick(page->sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 11, 10000);
        QCOMPARE(shown->index(10, WebSocketLogModel::MessageColumn).data().toString(),
                 QStringLiteral("{\"hi\": \"Ada\"}"));

        // Ping: the pong comes back with its round trip.
        QVERIFY(panel->pingButton()->isEnabled());
        QTest::mouseClick(panel->pingButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 13, 10000);
        QCOMPARE(shown->index(11, WebSocketLogModel::TypeColumn).data().toString(),
                 QStringLiteral("Ping"));
        QCOMPARE(shown->index(12, WebSocketLogModel::TypeColumn).data().toString(),
                 QStringLiteral("Pong"));
        QVERIFY(shown->index(12, WebSocketLogModel::MessageColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("round trip ")));

        // Search: the messages that say "Ada".
        panel->logView()->searchEdit()->setText(QStringLiteral("ada"));
        QCOMPARE(shown->rowCount(), 4);
        panel->logView()->searchEdit()->clear();
        QCOMPARE(shown->rowCount(), 13);

        // Disconnect: a normal closure, one exchange (status 101, the log as JSON).
        QVERIFY(exchanges.isEmpty());
        QTest::mouseClick(connectButton(tab), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QCOMPARE(exchanges.size(), 1);
        const Response summary = exchanges.first().at(1).value<Response>();
        QCOMPARE(summary.statusCode, 101);
        QVERIFY(summary.body.readAll().contains("hello Ada"));
        QCOMPARE(exchanges.first().at(0).value<Request>().url, wsUrl(QStringLiteral("/echo")));
        QCOMPARE(panel->statusLabel()->text(), QStringLiteral("Closed: 1000 (normal closure)"));
        QVERIFY(!composer->sendButton()->isEnabled());
        QVERIFY(!page->sendButton()->isEnabled());
        QCOMPARE(connectButton(tab)->text(), QStringLiteral("Connect"));
        const int rows = shown->rowCount();
        QCOMPARE(shown->index(rows - 1, WebSocketLogModel::MessageColumn).data().toString(),
                 QStringLiteral("1000 normal closure"));

        // Reconnect: the same request again, the log kept.
        QVERIFY(panel->reconnectButton()->isEnabled());
        QTest::mouseClick(panel->reconnectButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->isOpen(), 10000);
        QCOMPARE(shown->rowCount(), rows + 1);
        QCOMPARE(shown->index(rows, WebSocketLogModel::TypeColumn).data().toString(),
                 QStringLiteral("Open"));
        tab.cancel(); // Esc, or the editor's Disconnect
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QCOMPARE(exchanges.size(), 2);
    }

    // One control connects and disconnects: the editor's button by the URL (no second one in
    // the panel), and what it says and whether it can be clicked follow the session.
    void oneConnectionControlFollowsTheSession()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Ui::RequestTab tab;
        tab.resize(1000, 700);
        tab.show();
        Request request;
        request.kind = RequestKind::WebSocket;
        request.url = wsUrl(QStringLiteral("/echo"));
        tab.openUnsaved(request);
        Ui::WebSocketPanel *panel = tab.webSocketPanel();
        QVERIFY(panel);
        QPushButton *button = connectButton(tab);
        // Its clicks reach the tab through the window's send path (SendController), wired here
        // as it does.
        connect(tab.editor(), &Ui::RequestEditor::cancelRequested, &tab, &Ui::RequestTab::cancel);
        QCOMPARE(connectionButtons(tab), (QList<QAbstractButton *> {button}));
        QCOMPARE(button->text(), QStringLiteral("Connect"));
        QVERIFY(button->isEnabled());

        // What the button says at each change of the session's state.
        QStringList seen;
        connect(panel, &Ui::WebSocketPanel::stateChanged, button, [&] {
            const QString now = QStringLiteral("%1 %2 %3")
                                    .arg(int(panel->state()))
                                    .arg(button->text())
                                    .arg(button->isEnabled() ? QStringLiteral("enabled")
                                                             : QStringLiteral("disabled"));
            if (seen.isEmpty() || seen.last() != now) // the end of a connection says so twice
                seen << now;
        });
        tab.send(&client, tab.editor()->request());
        QCOMPARE(button->text(), QStringLiteral("Connecting…"));
        QVERIFY(button->isEnabled()); // a click gives up
        QTRY_VERIFY_WITH_TIMEOUT(panel->isOpen(), 10000);
        QCOMPARE(button->text(), QStringLiteral("Disconnect"));
        QVERIFY(button->isEnabled());
        QCOMPARE(connectionButtons(tab), (QList<QAbstractButton *> {button}));

        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QCOMPARE(button->text(), QStringLiteral("Connect"));
        QVERIFY(button->isEnabled());
        QCOMPARE(connectionButtons(tab), (QList<QAbstractButton *> {button}));
        QCOMPARE(seen,
                 (QStringList {QStringLiteral("1 Connecting… enabled"),
                               QStringLiteral("2 Disconnect enabled"),
                               QStringLiteral("3 Disconnecting… disabled"),
                               QStringLiteral("0 Connect enabled")}));

        // Giving up a handshake in progress: Connecting… is clickable and ends the attempt.
        tab.send(&client, tab.editor()->request());
        QCOMPARE(button->text(), QStringLiteral("Connecting…"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QCOMPARE(button->text(), QStringLiteral("Connect"));
    }

    // Messages the server pushes on its own show as received; its close shows with the code,
    // its meaning and the reason, and ends the exchange.
    void serverPushAndServerClose()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Ui::RequestTab tab;
        tab.resize(1000, 700);
        tab.show();
        QSignalSpy exchanges(&tab, &Ui::RequestTab::exchangeFinished);
        Request request;
        request.kind = RequestKind::WebSocket;
        request.url = wsUrl(QStringLiteral("/push?count=3&interval=50"));
        tab.openUnsaved(request);
        Ui::WebSocketPanel *panel = tab.webSocketPanel();
        const QAbstractItemModel *shown = panel->logView()->table()->model();
        tab.send(&client, tab.editor()->request());
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 4, 10000);
        QCOMPARE(logLines(shown).mid(1),
                 (QStringList {QStringLiteral("↓ Received Text {\"push\": 1}"),
                               QStringLiteral("↓ Received Text {\"push\": 2}"),
                               QStringLiteral("↓ Received Text {\"push\": 3}")}));
        tab.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);

        // The server closes after the first message, with 4001 and a reason.
        tab.editor()->setRequest([&] {
            Request r = request;
            r.url = wsUrl(QStringLiteral("/close?code=4001&reason=done%20here"));
            return r;
        }());
        exchanges.clear();
        tab.send(&client, tab.editor()->request());
        QTRY_VERIFY_WITH_TIMEOUT(panel->isOpen(), 10000);
        QCOMPARE(shown->rowCount(), 1); // a new connection: a new log
        panel->composer()->setFormat(WebSocketComposer::Format::Text);
        panel->composer()->setText(QStringLiteral("bye"));
        QTest::mouseClick(panel->composer()->sendButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QCOMPARE(exchanges.size(), 1);
        QCOMPARE(panel->statusLabel()->text(),
                 QStringLiteral("Closed by the server: 4001 (private use: defined by this "
                                "application) · done here"));
        const int last = shown->rowCount() - 1;
        QCOMPARE(shown->index(last, WebSocketLogModel::DirectionColumn).data().toString(),
                 QStringLiteral("↓ Received"));
        QCOMPARE(shown->index(last, WebSocketLogModel::TypeColumn).data().toString(),
                 QStringLiteral("Close"));
        QCOMPARE(shown->index(last, WebSocketLogModel::MessageColumn).data().toString(),
                 QStringLiteral("4001 private use: defined by this application: done here"));
        QVERIFY(!panel->pingButton()->isEnabled());
    }

    // The window's send path: Connect on a saved WebSocket request resolves it as Send does,
    // messages get their {{variables}} replaced, and the end of the connection is an exchange
    // of the window (what history records), with status 101.
    void windowConnectsThroughItsSendPath()
    {
        QTemporaryDir dir;
        Result<Workspace> opened = Workspace::open(dir.path());
        QVERIFY(opened.ok());
        Workspace workspace = std::move(opened).value();
        const Result<QString> collection = workspace.createCollection(QStringLiteral("Chat"));
        QVERIFY(collection.ok());
        SavedRequest saved;
        saved.name = QStringLiteral("Echo");
        saved.request.kind = RequestKind::WebSocket;
        saved.request.url = wsUrl(QStringLiteral("/echo"));
        const Result<QString> path = workspace.createRequest(*collection, saved);
        QVERIFY(path.ok());

        QNetworkAccessManager network;
        HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.resize(1200, 800);
        window.show();
        window.openSavedRequest(*path, workspace.item(*path)->request);
        Ui::RequestTab *tab = window.currentTab();
        Ui::WebSocketPanel *panel = tab->webSocketPanel();
        QVERIFY(panel);
        auto *connectButton = tab->editor()->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QCOMPARE(connectButton->text(), QStringLiteral("Connect"));
        QTest::mouseClick(connectButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->isOpen(), 10000);
        QCOMPARE(connectButton->text(), QStringLiteral("Disconnect"));
        // The status bar says so, in place of "Connecting to …".
        const QString said = window.statusBar()->currentMessage();
        QVERIFY2(said.startsWith(QLatin1String("Connected to ") + wsUrl(QStringLiteral("/echo"))
                                 + QLatin1String(" in "))
                     && said.endsWith(QLatin1String(" ms")),
                 qPrintable(said));

        panel->composer()->setFormat(WebSocketComposer::Format::Text);
        panel->composer()->setText(QStringLiteral("n={{$randomInt}}"));
        QTest::mouseClick(panel->composer()->sendButton(), Qt::LeftButton);
        const QAbstractItemModel *shown = panel->logView()->table()->model();
        QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 3, 10000);
        const QString echoed = shown->index(2, WebSocketLogModel::MessageColumn).data().toString();
        QVERIFY2(echoed.startsWith(QLatin1String("n=")) && !echoed.contains(u'{'),
                 qPrintable(echoed));

        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QTest::mouseClick(connectButton, Qt::LeftButton); // Disconnect
        // (The close may be over before the click returns.)
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().at(0).value<Response>().statusCode, 101);
        QVERIFY(!tab->isBusy());
        QCOMPARE(connectButton->text(), QStringLiteral("Connect"));
    }

    // A refused connection is shown, and Connect is offered again.
    void refusedConnectionIsShown()
    {
        QNetworkAccessManager network;
        HttpClient client(&network);
        Ui::RequestTab tab;
        tab.show();
        Request request;
        request.kind = RequestKind::WebSocket;
        request.url = QStringLiteral("ws://127.0.0.1:1/nothing");
        tab.openUnsaved(request);
        tab.send(&client, tab.editor()->request());
        Ui::WebSocketPanel *panel = tab.webSocketPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), 10000);
        QVERIFY2(panel->statusLabel()->text().contains(QLatin1String("1006")),
                 qPrintable(panel->statusLabel()->text()));
        const QStringList lines = logLines(panel->logView()->table()->model());
        QVERIFY2(lines.join(u'\n').contains(QLatin1String("Could not connect")),
                 qPrintable(lines.join(u'\n')));
        QCOMPARE(connectButton(tab)->text(), QStringLiteral("Connect"));
    }

    // The model keeps the last entries, and no more bytes than its cap.
    void modelKeepsTheLastEntries()
    {
        WebSocketLogModel model(3, 1000);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 1; i <= 5; ++i) {
            WebSocketEntry entry;
            entry.kind = WebSocketEntry::Kind::Text;
            entry.direction = WebSocketEntry::Direction::Received;
            entry.data = "line " + QByteArray::number(i) + "\nnext";
            entry.size = entry.data.size();
            model.append(entry);
        }
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.appended(), 5);
        QCOMPARE(model.index(0, WebSocketLogModel::MessageColumn).data().toString(),
                 QStringLiteral("line 3 next"));

        WebSocketEntry big;
        big.kind = WebSocketEntry::Kind::Binary;
        big.direction = WebSocketEntry::Direction::Sent;
        big.data = QByteArray(600, '\x01');
        big.size = big.data.size();
        model.append(big);
        model.append(big); // 1200 bytes would pass the cap: the first big one goes too
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, WebSocketLogModel::DirectionColumn).data().toString(),
                 QStringLiteral("↑ Sent"));
        QVERIFY(model.index(0, WebSocketLogModel::MessageColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("01 01 01")));

        WebSocketEntry closed;
        closed.kind = WebSocketEntry::Kind::Closed;
        closed.closeCode = 1008;
        closed.detail = closeCodeMeaning(1008);
        model.append(closed);
        QCOMPARE(model.index(1, WebSocketLogModel::MessageColumn).data().toString(),
                 QStringLiteral("1008 policy violation"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

private:
    QString wsUrl(const QString &path) const
    {
        QString url = m_server->url(path).toString();
        url.replace(0, 4, QStringLiteral("ws"));
        return url;
    }

    std::unique_ptr<ExternalServer> m_server;
};

QTEST_MAIN(TestWebSocketWindow)
#include "tst_websocketwindow.moc"
