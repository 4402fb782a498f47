// Saves a Server-Sent Events stream shown live in a real window, for docs/STREAMS.md:
//   eventstreamscreenshot SSE_SERVER_SCRIPT OUT.png   (scripts/screenshot runs it under Xvfb)
// A collection with a GET request to the test SSE server's order feed: the stream still
// running, the events filtered to orders (heartbeats hidden), Reconnect on, and one order's
// JSON selected so that it shows pretty-printed under the table.
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/integration/externalserver.h"
#include "tests/support/screenshotsteps.h"
#include "ui/collections/collectionspanel.h"
#include "ui/common/translations.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/streams/eventstreammodel.h"
#include "ui/streams/eventstreamview.h"
#include "ui/tabs/requesttab.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QNetworkAccessManager>
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
        std::fprintf(stderr, "usage: eventstreamscreenshot SSE_SERVER_SCRIPT OUT.png\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[2]);
    Test::ExternalServer server(QStringLiteral("sse_server.py"), QStringLiteral("/usr/bin/python3"),
                                {QString::fromLocal8Bit(argv[1]), QStringLiteral("{port}")});
    if (const QString problem = server.start(); !problem.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(problem));
        return 2;
    }

    QTemporaryDir dir;
    Core::Result<Core::Workspace> opened = Core::Workspace::open(dir.path());
    if (!opened.ok())
        return 2;
    Core::Workspace workspace = std::move(opened).value();
    const Core::Result<QString> collection = workspace.createCollection(QStringLiteral("Shop"));
    if (!collection.ok())
        return 2;
    Core::SavedRequest saved;
    saved.name = QStringLiteral("Order feed");
    saved.request.url = server.url(QStringLiteral("/orders?count=1000&interval=250")).toString();
    saved.request.headers = {{QStringLiteral("Accept"), QStringLiteral("text/event-stream")}};
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
    emit tab->editor()->sendRequested();
    when([tab] { return tab->streamView() && tab->streamView()->model()->rowCount() >= 14; },
         [&] {
             Ui::EventStreamView *view = tab->streamView();
             view->reconnectCheck()->setChecked(true);
             view->filterEdit()->setText(QStringLiteral("order"));
             // The newest paid order, selected: its JSON shows pretty below the table.
             QTableView *table = view->table();
             for (int row = table->model()->rowCount() - 1; row >= 0; --row) {
                 const QModelIndex type
                     = table->model()->index(row, Ui::EventStreamModel::TypeColumn);
                 if (type.data().toString() == QLatin1String("order.paid")) {
                     table->setCurrentIndex(type);
                     break;
                 }
             }
             QTimer::singleShot(300, &window, [&] {
                 const bool ok = window.grab().save(out, "PNG");
                 std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(out));
                 QCoreApplication::exit(ok ? 0 : 1);
             });
         },
         3);
    return app.exec();
}
