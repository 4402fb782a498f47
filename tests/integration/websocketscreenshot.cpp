// Saves a WebSocket request's connection in a real window, for docs/STREAMS.md:
//   websocketscreenshot WS_SERVER_SCRIPT OUT.png   (scripts/screenshot runs it under Xvfb)
// A collection with a WebSocket request (subprotocols, saved messages) to the test WebSocket
// server's echo path: connected, a few messages sent and echoed (text, JSON, binary), a ping,
// and the JSON echo selected so that it shows pretty-printed under the log.
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/integration/externalserver.h"
#include "tests/support/screenshotsteps.h"
#include "ui/collections/collectionspanel.h"
#include "ui/common/translations.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"
#include "ui/websocket/websocketcomposer.h"
#include "ui/websocket/websocketlogmodel.h"
#include "ui/websocket/websocketlogview.h"
#include "ui/websocket/websocketpanel.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <functional>

using namespace Patchbay;
using Patchbay::Test::when;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("PatchbayScreenshot"));
    Ui::installEnglishPlurals(&app);
    if (argc != 3) {
        std::fprintf(stderr, "usage: websocketscreenshot WS_SERVER_SCRIPT OUT.png\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[2]);
    Test::ExternalServer server(QStringLiteral("ws_server.py"), QStringLiteral("/usr/bin/python3"),
                                {QString::fromLocal8Bit(argv[1]), QStringLiteral("{port}")});
    if (const QString problem = server.start(); !problem.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(problem));
        return 2;
    }
    QString url = server.url(QStringLiteral("/echo")).toString();
    url.replace(0, 4, QStringLiteral("ws"));

    QTemporaryDir dir;
    Core::Result<Core::Workspace> opened = Core::Workspace::open(dir.path());
    if (!opened.ok())
        return 2;
    Core::Workspace workspace = std::move(opened).value();
    const Core::Result<QString> collection
        = workspace.createCollection(QStringLiteral("Chat service"));
    if (!collection.ok())
        return 2;
    Core::SavedRequest saved;
    saved.name = QStringLiteral("Chat room");
    saved.request.kind = Core::RequestKind::WebSocket;
    saved.request.url = url;
    saved.request.headers = {{QStringLiteral("Origin"), QStringLiteral("https://example.com")}};
    saved.request.websocket.subprotocols = {QStringLiteral("chat.v2"), QStringLiteral("chat.v1")};
    saved.request.websocket.messages
        = {{QStringLiteral("Hello"), Core::WebSocketPayload::Json,
            QStringLiteral("{\"type\": \"hello\", \"room\": \"general\"}"), true},
           {QStringLiteral("Bytes"), Core::WebSocketPayload::Binary, QStringLiteral("00 ff 10"),
            false}};
    const Core::Result<QString> requestPath = workspace.createRequest(*collection, saved);
    if (!requestPath.ok())
        return 2;

    QNetworkAccessManager network;
    Core::HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
    Ui::MainWindow window(&network, &history, &workspace);
    window.resize(1400, 860);
    window.show();
    window.collectionsPanel()->view()->expandAll();
    window.openSavedRequest(*requestPath, workspace.item(*requestPath)->request);
    Ui::RequestTab *tab = window.currentTab();
    Ui::WebSocketPanel *panel = tab->webSocketPanel();
    if (!panel)
        return 3;
    emit tab->editor()->sendRequested();
    QAbstractItemModel *log = panel->logView()->model();
    when([panel] { return panel->isOpen(); },
         [&] {
             Ui::WebSocketComposer *composer = panel->composer();
             composer->setFormat(Ui::WebSocketComposer::Format::Text);
             composer->setText(QStringLiteral("Hello, is anyone there?"));
             composer->sendButton()->click();
             panel->sendMessage(saved.request.websocket.messages.first());
             composer->setFormat(Ui::WebSocketComposer::Format::Json);
             composer->setText(QStringLiteral(
                 "{\"type\": \"message\", \"text\": \"Deploy finished\", \"build\": 1842, "
                 "\"tags\": [\"ci\", \"prod\"]}"));
             composer->sendButton()->click();
             composer->setFormat(Ui::WebSocketComposer::Format::Hex);
             composer->setText(QStringLiteral("00 ff 10 7f"));
             composer->sendButton()->click();
             panel->pingButton()->click();
             composer->setFormat(Ui::WebSocketComposer::Format::Json);
             composer->setText(QStringLiteral("{\"type\": \"typing\", \"user\": \"ada\"}"));
             when([log] { return log->rowCount() >= 11; },
                  [&] {
                      // The JSON echo, selected: shown pretty under the log.
                      QTableView *table = panel->logView()->table();
                      for (int row = table->model()->rowCount() - 1; row >= 0; --row) {
                          const QModelIndex message
                              = table->model()->index(row, Ui::WebSocketLogModel::MessageColumn);
                          if (message.data().toString().contains(QLatin1String("Deploy"))) {
                              table->setCurrentIndex(message);
                              break;
                          }
                      }
                      QTimer::singleShot(300, &window, [&] {
                          const bool ok = window.grab().save(out, "PNG");
                          std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write",
                                       qPrintable(out));
                          QCoreApplication::exit(ok ? 0 : 1);
                      });
                  },
                  5);
         },
         4);
    return app.exec();
}
