// Importing an OpenAPI description: times loading (JSON through simdjson, YAML through libyaml)
// and building the collection, in one fresh process per description so that peak RSS belongs
// to that import. Prints wall and CPU time (the machine is shared: CPU time is the steadier
// figure), operations, and peak RSS against the file's size.
// Usage: bench_openapi SPEC [RUNS] [--write]   (best of RUNS, default 3)
// --write also times writing the imported collection into an empty workspace (the part of a
// window import that still runs on the UI thread, docs/OPENAPI.md).
#include "core/collections/workspace.h"
#include "core/openapi/openapiimport.h"
#include "core/openapi/specset.h"
#include "core/openapi/specsync.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace Patchbay::Core;

namespace {

long procStatusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    return -1;
}

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    const bool write = args.removeAll(QStringLiteral("--write")) > 0;
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_openapi SPEC [RUNS] [--write]\n");
        return 2;
    }
    const QString path = args.at(1);
    const int runs = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 3;
    const double mib = double(QFileInfo(path).size()) / (1024 * 1024);
    const long baseRssKb = procStatusKb("VmRSS");
    double bestWall = 1e9, bestCpu = 1e9, bestLoad = 1e9;
    int operations = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuSeconds();
        Result<std::unique_ptr<SpecSet>> spec = SpecSet::loadFile(path);
        if (!spec.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(spec.error().message));
            return 1;
        }
        const double loadMs = double(timer.nsecsElapsed()) / 1e6;
        Result<OpenApiImport> imported = importOpenApi(*spec.value());
        const double wallMs = double(timer.nsecsElapsed()) / 1e6;
        const double cpuMs = (cpuSeconds() - cpu0) * 1000;
        if (!imported.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(imported.error().message));
            return 1;
        }
        operations = int(imported->operations.size());
        bestWall = std::min(bestWall, wallMs);
        bestCpu = std::min(bestCpu, cpuMs);
        bestLoad = std::min(bestLoad, loadMs);
    }
    const double peakMib = double(procStatusKb("VmHWM")) / 1024;
    const double baseMib = double(baseRssKb) / 1024;
    std::printf("spec %s: %.1f MiB, %d operations\n", qPrintable(QFileInfo(path).fileName()), mib,
                operations);
    std::printf("import (best of %d): %.0f ms wall, %.0f ms CPU (of which loading %.0f ms wall)\n",
                runs, bestWall, bestCpu, bestLoad);
    std::printf("peak RSS %.0f MiB (%.0f MiB above the process at start) = %.1fx the spec\n",
                peakMib, peakMib - baseMib, (peakMib - baseMib) / mib);
    if (write) {
        QTemporaryDir dir;
        Result<Workspace> workspace = Workspace::open(dir.path());
        Result<LoadedSpec> loaded = loadSpecFile(path);
        if (!workspace.ok() || !loaded.ok()) {
            std::fprintf(stderr, "cannot prepare the write\n");
            return 1;
        }
        // As the window does it: staged by a worker, then published on the UI thread. The
        // publishing is what the UI thread waits for.
        QElapsedTimer timer;
        timer.start();
        Result<StagedCollection> staged
            = stageSpecCollection(workspace->rootPath(), {}, loaded.value());
        if (!staged.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(staged.error().message));
            return 1;
        }
        const double stagedMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        Result<QString> collection = publishStagedCollection(workspace.value(), staged.value());
        if (!collection.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(collection.error().message));
            return 1;
        }
        const double publishMs = double(timer.nsecsElapsed()) / 1e6;
        std::printf("writing the collection (%d request files): %.0f ms wall in the worker, then "
                    "%.0f ms on the UI thread (rename and load)\n",
                    operations, stagedMs, publishMs);
    }
    return 0;
}
