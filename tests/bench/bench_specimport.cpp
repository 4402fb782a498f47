// Imports an OpenAPI description into a real MainWindow (offscreen), as File → Import does, and
// prints how long it took and the longest stall of the UI thread meanwhile, measured by a 5 ms
// timer: the worker reads, converts and writes the collection, the UI thread only renames it
// into place, adopts its tree and shows it in the sidebar. Then it times the sidebar's filter.
// Usage: QT_QPA_PLATFORM=offscreen bench_specimport SPEC [RUNS]   (default 3 runs)
// Make big descriptions with tests/bench/make_big_spec.py (docs/PERFORMANCE.md).

#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "ui/collections/collectionspanel.h"
#include "ui/mainwindow.h"
#include "ui/window/importexportcontroller.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Patchbay;

namespace {

// CPU time of the calling thread, in milliseconds.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// How long the calling thread has waited, runnable, for a CPU (Linux schedstat), in ms.
double threadRunQueueMs()
{
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = file.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toDouble() / 1e6 : 0;
}

} // namespace

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
    QList<double> stallCpus; // the UI thread's CPU time in each run's longest gap
    QList<double> stallQueued; // and its time waiting for a CPU in that gap
    QMap<QString, QList<double>> filterTimes;
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
        // The UI thread's own CPU time in that gap tells work from waiting for a core (other
        // processes, or the import's worker, on a loaded machine).
        QElapsedTimer sinceTick;
        double longestGap = 0;
        double longestGapCpu = 0;
        double longestGapQueued = 0;
        double cpuAtTick = threadCpuMs();
        double queuedAtTick = threadRunQueueMs();
        QTimer beat;
        beat.setInterval(5);
        QObject::connect(&beat, &QTimer::timeout, [&] {
            const double gap = double(sinceTick.nsecsElapsed()) / 1e6;
            const double cpu = threadCpuMs();
            const double queued = threadRunQueueMs();
            if (gap > longestGap) {
                longestGap = gap;
                longestGapCpu = cpu - cpuAtTick;
                longestGapQueued = queued - queuedAtTick;
            }
            cpuAtTick = cpu;
            queuedAtTick = queued;
            sinceTick.restart();
        });
        QElapsedTimer wall;
        wall.start();
        sinceTick.start();
        cpuAtTick = threadCpuMs();
        queuedAtTick = threadRunQueueMs();
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
        stallCpus.append(longestGapCpu);
        stallQueued.append(longestGapQueued);
        // Then the sidebar's filter, whose folders fill as it finds matches: one operation
        // (a path of one replica), then "pet", which matches nearly every request.
        for (const QString &text : {QStringLiteral("/r123/pet/"), QStringLiteral("pet")}) {
            QElapsedTimer filter;
            filter.start();
            window.collectionsPanel()->filterEdit()->setText(text);
            QApplication::processEvents(); // the view's delayed layout
            filterTimes[text].append(double(filter.nsecsElapsed()) / 1e6);
            window.collectionsPanel()->filterEdit()->clear();
            QApplication::processEvents();
        }
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
    QStringList perRun;
    for (int i = 0; i < stalls.size(); ++i)
        perRun << QStringLiteral("%1 (%2 on a CPU, %3 waiting for one)")
                      .arg(qRound(stalls.at(i)))
                      .arg(qRound(stallCpus.at(i)))
                      .arg(qRound(stallQueued.at(i)));
    std::sort(walls.begin(), walls.end());
    std::sort(stalls.begin(), stalls.end());
    std::printf("spec %s: %d requests\n", qPrintable(spec), requests);
    std::printf("import in the window, wall: best %.0f ms, median %.0f ms (%d runs)\n",
                walls.first(), walls.at(walls.size() / 2), runs);
    std::printf("longest UI-thread stall meanwhile (5 ms beat): median %.0f ms, worst %.0f ms "
                "(target 50 ms)\n",
                stalls.at(stalls.size() / 2), stalls.last());
    std::printf("longest stall of each run, ms: %s\n",
                qPrintable(perRun.join(QStringLiteral(", "))));
    for (auto it = filterTimes.begin(); it != filterTimes.end(); ++it) {
        std::sort(it->begin(), it->end());
        std::printf("sidebar filter \"%s\" after the import (UI thread): median %.0f ms, worst "
                    "%.0f ms\n",
                    qPrintable(it.key()), it->at(it->size() / 2), it->last());
    }
    return 0;
}
