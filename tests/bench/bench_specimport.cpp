// Imports an OpenAPI description into a real MainWindow (offscreen), as File → Import does, and
// prints how long it took and the longest stall of the UI thread meanwhile, measured by a 5 ms
// timer: the worker reads, converts and writes the collection, the UI thread only renames it
// into place, adopts its tree and shows it in the sidebar.
// Usage: QT_QPA_PLATFORM=offscreen bench_specimport SPEC [RUNS]   (default 3 runs)
// Make big descriptions with tests/bench/make_big_spec.py (docs/PERFORMANCE.md).

#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/mainwindow.h"
#include "ui/window/importexportcontroller.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Patchbay;

int main(int argc, char **argv)
{
    QStandardPaths::setTestModeEnabled(true); // no real settings or history touched
    QApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: bench_specimport SPEC [RUNS]\n");
        return 2;
    }
    const QString spec = args.at(0);
    const int runs = std::max(1, args.value(1, QStringLiteral("3")).toInt());

    QList<double> walls;
    QList<double> stalls;
    int requests = 0;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir dir;
        QDir().mkpath(dir.filePath(QStringLiteral("ws")));
        Core::Result<Core::Workspace> opened
            = Core::Workspace::open(dir.filePath(QStringLiteral("ws")));
        if (!opened.ok()) {
            std::fprintf(stderr, "cannot open a workspace\n");
            return 1;
        }
        Core::Workspace workspace = std::move(opened).value();
        QNetworkAccessManager network;
        Core::HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QApplication::processEvents();
        auto *controller = window.findChild<Ui::ImportExportController *>();
        QSignalSpy finished(controller, &Ui::ImportExportController::importFinished);

        // The beat: the longest gap between two 5 ms ticks is the longest stall (less 5 ms).
        QElapsedTimer sinceTick;
        double longestGap = 0;
        QTimer beat;
        beat.setInterval(5);
        QObject::connect(&beat, &QTimer::timeout, [&] {
            longestGap = std::max(longestGap, double(sinceTick.nsecsElapsed()) / 1e6);
            sinceTick.restart();
        });
        QElapsedTimer wall;
        wall.start();
        sinceTick.start();
        beat.start();
        // Starting the import (recognising the description) is part of what the UI thread does.
        window.importPath(spec, true);
        if (!finished.wait(600000) || !finished.first().at(1).toString().isEmpty()) {
            std::fprintf(stderr, "the import failed: %s\n",
                         qPrintable(finished.value(0).value(1).toString()));
            return 1;
        }
        // Let the sidebar's refresh and anything queued behind it run under the beat too.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 300)
            QApplication::processEvents(QEventLoop::AllEvents, 20);
        beat.stop();
        walls.append(double(wall.nsecsElapsed()) / 1e6 - 300);
        stalls.append(std::max(0.0, longestGap - 5));
        const QString path = finished.first().at(0).toStringList().value(0);
        requests = 0;
        const std::function<void(const Core::CollectionItem &)> count
            = [&](const Core::CollectionItem &item) {
                  requests += item.kind == Core::ItemKind::Request ? 1 : 0;
                  for (const Core::CollectionItem &child : item.children)
                      count(child);
              };
        if (const Core::CollectionItem *item = workspace.item(path))
            count(*item);
    }
    std::sort(walls.begin(), walls.end());
    std::sort(stalls.begin(), stalls.end());
    std::printf("spec %s: %d requests\n", qPrintable(spec), requests);
    std::printf("import in the window, wall: best %.0f ms, median %.0f ms (%d runs)\n",
                walls.first(), walls.at(walls.size() / 2), runs);
    std::printf("longest UI-thread stall meanwhile (5 ms beat): median %.0f ms, worst %.0f ms "
                "(target 50 ms)\n",
                stalls.at(stalls.size() / 2), stalls.last());
    return 0;
}
