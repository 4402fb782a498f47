// Opening a large workspace: generates N requests (default 10,000) in ~50 folders over 3
// collections in a temporary directory (or DIR, kept), then times Workspace::open() several
// times and reports peak RSS. Usage: bench_workspace [N] [DIR]
#include "core/collections/workspace.h"
#include "core/collections/workspacewatcher.h"
#include "tests/bench/workspacegenerator.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Patchbay;
using namespace Patchbay::Core;

namespace {

long procStatusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

int countRequests(const QList<CollectionItem> &items)
{
    int n = 0;
    for (const CollectionItem &item : items)
        n += (item.kind == ItemKind::Request ? 1 : 0) + countRequests(item.children);
    return n;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int count = args.size() > 1 ? args.at(1).toInt() : 10000;
    QTemporaryDir temp;
    const QString root = args.size() > 2 ? args.at(2) : temp.path();
    QDir().mkpath(root);

    QElapsedTimer timer;
    timer.start();
    const bool reuse = QFileInfo::exists(root + QStringLiteral("/collection-0/collection.yaml"));
    const qint64 bytes = reuse ? -1 : Bench::generateWorkspace(root, count);
    const double generateMs = double(timer.nsecsElapsed()) / 1e6;
    const long rssBefore = procStatusKb("VmRSS");

    std::vector<double> runs;
    int loaded = 0;
    long hwmAfterFirst = 0;
    for (int run = 0; run < 5; ++run) {
        timer.restart();
        const Result<Workspace> ws = Workspace::open(root);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (!ws.ok()) {
            std::fprintf(stderr, "open failed: %s\n", qPrintable(ws.error().message));
            return 1;
        }
        loaded = countRequests(ws->collections());
        if (!ws->problems().isEmpty()) {
            std::fprintf(stderr, "%lld problems\n", static_cast<long long>(ws->problems().size()));
            return 1;
        }
        if (run == 0)
            hwmAfterFirst = procStatusKb("VmHWM");
        runs.push_back(ms);
    }
    // Watching every directory and file (inotify) for external changes.
    timer.restart();
    double watchMs = 0;
    {
        WorkspaceWatcher watcher(root);
        watchMs = double(timer.nsecsElapsed()) / 1e6;
    }
    std::vector<double> sorted = runs;
    std::sort(sorted.begin(), sorted.end());

    std::printf("bench_workspace: %d requests, 50 folders, 3 collections, %d threads\n", loaded,
                QThread::idealThreadCount());
    if (bytes >= 0)
        std::printf("  generated %.1f MB of YAML in %.0f ms\n", double(bytes) / 1e6, generateMs);
    std::printf("  %-34s %10s\n", "measure", "value");
    std::printf("  %-34s %8.0f ms\n", "open #1 (files just written/cached)", runs.front());
    for (size_t i = 1; i < runs.size(); ++i)
        std::printf("  %-34s %8.0f ms\n", qPrintable(QStringLiteral("open #%1").arg(i + 1)),
                    runs[i]);
    std::printf("  %-34s %8.0f ms\n", "median", sorted[sorted.size() / 2]);
    std::printf("  %-34s %8.0f ms\n", "start WorkspaceWatcher", watchMs);
    std::printf("  %-34s %8ld KiB\n", "RSS before loading", rssBefore);
    std::printf("  %-34s %8ld KiB\n", "peak RSS (VmHWM) after 1st load", hwmAfterFirst);
    std::printf("  %-34s %8ld KiB\n", "peak RSS (VmHWM) at the end", procStatusKb("VmHWM"));
    std::printf("  target: open within 1000 ms -> %s\n",
                sorted[sorted.size() / 2] <= 1000.0 ? "met" : "NOT met");
    return 0;
}
