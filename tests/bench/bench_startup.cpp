// Cold start and idle memory of the GUI, measured from outside the process.
//   bench_startup PATH_TO_PATCHBAY [RUNS]
//   bench_startup PATH_TO_PATCHBAY [RUNS] [--workspace N]
// With --workspace N, the default workspace holds N generated requests (workspacegenerator.h)
// before the first start, so the first frame includes the collections tree over all of them.
// Start: spawns `patchbay --print-startup-time` RUNS times; the app prints the time from main()
// to its first shown frame and quits. The wall time from spawn to that line includes loading
// the binary and its libraries. Idle RSS: starts the app normally, waits 3 s, reads VmRSS.
// Runs with the QPA platform of the environment (xvfb-run for a real X window, or offscreen).
#include "tests/bench/workspacegenerator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_startup PATH_TO_PATCHBAY [RUNS]\n");
        return 2;
    }
    const QString program = args.at(1);
    const int runs = args.size() > 2 ? args.at(2).toInt() : 10;
    const qsizetype workspaceFlag = args.indexOf(QStringLiteral("--workspace"));
    const int workspaceRequests = workspaceFlag > 0 ? args.value(workspaceFlag + 1).toInt() : 0;

    // Throwaway settings and history: a first start, as a new user sees it.
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));

    if (workspaceRequests > 0) {
        // Where the app looks (AppDataLocation of organisation and application "Patchbay").
        const QString root = home.filePath(QStringLiteral("data/Patchbay/Patchbay/workspace"));
        Patchbay::Bench::generateWorkspace(root, workspaceRequests);
        std::printf("workspace: %d generated requests\n", workspaceRequests);
    }

    QList<double> wall, internal;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(program, {QStringLiteral("--print-startup-time")});
        if (!p.waitForStarted(10000))
            return 1;
        // Wall time until the app reports its first frame (not until it has torn down).
        QByteArray out;
        while (!out.contains('\n') && p.waitForReadyRead(10000))
            out += p.readAllStandardOutput();
        wall.append(double(t.nsecsElapsed()) / 1e6);
        p.waitForFinished(10000);
        const QList<QByteArray> parts = out.trimmed().split(' ');
        if (parts.size() >= 2)
            internal.append(parts.at(1).toDouble());
    }

    QProcess idle;
    idle.setProcessEnvironment(env);
    idle.start(program, {});
    idle.waitForStarted(10000);
    QThread::sleep(3); // idle means after start-up has settled
    const qint64 rss = rssKiB(idle.processId());
    idle.terminate();
    idle.waitForFinished(10000);

    std::printf("runs: %d\n", runs);
    std::printf("start to first frame (spawn -> shown, median): %.1f ms\n", median(wall));
    std::printf("main() to first frame (in-process, median):    %.1f ms\n", median(internal));
    std::printf("idle RSS after 3 s: %.1f MiB\n", double(rss) / 1024.0);
    return 0;
}
