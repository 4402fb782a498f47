// History at scale: fills a temporary database with 100,000 realistic entries through the
// store's own insert path, then measures opening the history panel and filtering it.
// Prints figures; never a pass/fail test. Run a Release build:
//   QT_QPA_PLATFORM=offscreen ./bench_history [entries]
#include "core/history/historystore.h"
#include "ui/history/historymodel.h"
#include "ui/history/historypanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Patchbay::Core;
using Patchbay::Ui::HistoryModel;
using Patchbay::Ui::HistoryPanel;

namespace {

constexpr int Runs = 20;
const QString RareTerm = QStringLiteral("rare-hook-7f3a");

template<typename T> T pick(QRandomGenerator &rng, const QList<std::pair<T, int>> &weighted)
{
    int total = 0;
    for (const auto &w : weighted)
        total += w.second;
    int r = int(rng.bounded(total));
    for (const auto &w : weighted) {
        if (r < w.second)
            return w.first;
        r -= w.second;
    }
    return weighted.constLast().first;
}

QString randomUrl(QRandomGenerator &rng)
{
    static const QStringList hosts = {
        QStringLiteral("https://api.github.com"),
        QStringLiteral("https://api.stripe.com"),
        QStringLiteral("http://localhost:8080"),
        QStringLiteral("https://jsonplaceholder.typicode.com"),
        QStringLiteral("https://staging.internal.example.com"),
        QStringLiteral("https://httpbin.org"),
        QStringLiteral("http://127.0.0.1:3000"),
        QStringLiteral("https://graph.microsoft.com"),
    };
    const QString host = hosts.at(int(rng.bounded(int(hosts.size()))));
    const int id = int(rng.bounded(5000));
    switch (rng.bounded(10)) {
    case 0:
        return host + QStringLiteral("/users/%1").arg(id);
    case 1:
        return host + QStringLiteral("/repos/owner%1/project/issues/%2").arg(id % 40).arg(id);
    case 2:
        return host + QStringLiteral("/v1/charges/ch_%1").arg(id * 7919, 0, 16);
    case 3:
        return host + QStringLiteral("/orders/%1/items?page=%2").arg(id).arg(id % 9 + 1);
    case 4:
        return host + QStringLiteral("/health");
    case 5:
        return host + QStringLiteral("/auth/login");
    case 6:
        return host + QStringLiteral("/search?q=term%1&limit=50").arg(id % 300);
    case 7:
        return host + QStringLiteral("/v2/products/%1/reviews").arg(id);
    case 8:
        return host + QStringLiteral("/api/v1/customers/%1/invoices").arg(id);
    default:
        return host + QStringLiteral("/posts/%1/comments").arg(id % 500);
    }
}

QList<HistoryEntry> makeEntries(QRandomGenerator &rng, int from, int count, int total,
                                const QDateTime &start, qint64 spanMs)
{
    static const QList<std::pair<QString, int>> methods = {
        {QStringLiteral("GET"), 60},    {QStringLiteral("POST"), 15},  {QStringLiteral("PUT"), 7},
        {QStringLiteral("PATCH"), 5},   {QStringLiteral("DELETE"), 8}, {QStringLiteral("HEAD"), 3},
        {QStringLiteral("OPTIONS"), 2},
    };
    static const QList<std::pair<int, int>> statuses = {
        {200, 60}, {201, 8}, {204, 5}, {301, 2}, {304, 2}, {400, 4}, {401, 3},
        {404, 8},  {422, 2}, {500, 3}, {502, 1}, {503, 1}, {0, 1},
    };
    QList<HistoryEntry> entries;
    entries.reserve(count);
    for (int i = from; i < from + count; ++i) {
        HistoryEntry e;
        e.request.method = pick(rng, methods);
        e.request.url = (i % 20011 == 17)
            ? QStringLiteral("https://hooks.example.com/webhooks/") + RareTerm
            : randomUrl(rng);
        e.request.headers
            = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
               {QStringLiteral("Authorization"), QStringLiteral("Bearer tok%1").arg(i), true}};
        if (e.request.method != QLatin1String("GET")) {
            e.request.body.mode = BodyMode::Json;
            e.request.body.text
                = QStringLiteral("{\"name\":\"item %1\",\"qty\":%2}").arg(i).arg(i % 7);
        }
        e.sentAt = start.addMSecs(spanMs * i / total + qint64(rng.bounded(1000)));
        e.statusCode = pick(rng, statuses);
        if (e.statusCode == 0) {
            e.errorKind = ErrorKind::ConnectionRefused;
            e.errorMessage = QStringLiteral("Connection refused");
        } else {
            e.reason = QStringLiteral("OK");
            e.httpVersion = QStringLiteral("1.1");
            e.responseHeaders
                = {{"Content-Type", "application/json"}, {"Date", "Sun, 22 Nov 2026 10:00:00 GMT"}};
            e.contentType = QStringLiteral("application/json");
            const int size = 80 + int(rng.bounded(700));
            e.body = QByteArray("{\"id\":") + QByteArray::number(i) + ",\"data\":\""
                + QByteArray(size, 'a' + char(i % 26)) + "\"}";
            e.bodySize = e.body.size();
        }
        e.totalTimeMs = 5 + rng.bounded(800.0);
        entries << e;
    }
    return entries;
}

struct Stats
{
    double median = 0;
    double max = 0;
    double min = 0;
};

Stats stats(QList<double> values)
{
    std::sort(values.begin(), values.end());
    Stats s;
    if (values.isEmpty())
        return s;
    const qsizetype n = values.size();
    s.median = n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
    s.max = values.constLast();
    s.min = values.constFirst();
    return s;
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Returns when the model has the first page for its current filter. (QTest::qWaitFor polls
// with 10 ms sleeps, too coarse here: wait on the signal.)
bool waitQuery(HistoryModel *model)
{
    if (model->hasLoaded() && !model->isLoading())
        return true;
    QEventLoop loop;
    bool finished = false;
    QObject::connect(model, &HistoryModel::queryFinished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    return finished;
}

// (a) From constructing the panel (and its model) until the first page is in the model and the
// panel has been painted once.
double openPanel(HistoryStore *store, int *rows)
{
    QElapsedTimer t;
    t.start();
    auto panel = std::make_unique<HistoryPanel>(store);
    panel->resize(420, 900);
    panel->show();
    if (!waitQuery(panel->model()))
        return -1;
    panel->grab(); // one full paint, offscreen
    const double elapsed = ms(t);
    *rows = panel->model()->entryCount();
    return elapsed;
}

void searchRuns(HistoryStore *store, const char *label, const QStringList &queries)
{
    HistoryPanel panel(store);
    panel.resize(420, 900);
    panel.show();
    waitQuery(panel.model());
    std::printf("\n(b) search, %s: setFilter (debounce bypassed) until the first page is in the "
                "model, %d runs each\n",
                label, Runs);
    std::printf("    %-34s %9s %9s %9s %8s\n", "query", "median", "max", "min", "rows");
    for (const QString &query : queries) {
        QList<double> times;
        int rows = 0;
        for (int run = 0; run < Runs; ++run) {
            panel.model()->setFilter(QString());
            waitQuery(panel.model());
            QElapsedTimer t;
            t.start();
            panel.model()->setFilter(query);
            if (!waitQuery(panel.model())) {
                std::printf("    %s: timed out\n", qPrintable(query));
                break;
            }
            times << ms(t);
            rows = panel.model()->entryCount();
        }
        const Stats s = stats(times);
        std::printf("    %-34s %7.2f ms %6.2f ms %6.2f ms %8d\n", qPrintable(u'"' + query + u'"'),
                    s.median, s.max, s.min, rows);
    }
}

// The store alone: from load() to loaded(), no model or view.
void storeRuns(HistoryStore *store, const QStringList &queries)
{
    std::printf("\n(c) store only: load(filter, 0, %d) until loaded(), %d runs each\n",
                HistoryModel::FirstPageSize, Runs);
    std::printf("    %-34s %9s %9s %9s\n", "query", "median", "max", "min");
    for (const QString &query : queries) {
        QList<double> times;
        for (int run = 0; run < Runs; ++run) {
            QEventLoop loop;
            QObject::connect(store, &HistoryStore::loaded, &loop, &QEventLoop::quit);
            QElapsedTimer t;
            t.start();
            store->load(query, 0, HistoryModel::FirstPageSize);
            loop.exec();
            times << ms(t);
        }
        const Stats s = stats(times);
        std::printf("    %-34s %7.2f ms %6.2f ms %6.2f ms\n", qPrintable(u'"' + query + u'"'),
                    s.median, s.max, s.min);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    const int total = argc > 1 ? std::max(1000, QByteArray(argv[1]).toInt()) : 100000;

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    std::printf("bench_history: %d entries in %s\n", total, qPrintable(path));

    // Setup: the store's own insert path, 10,000 entries per transaction.
    {
        QRandomGenerator rng(20261122);
        const QDateTime end = QDateTime::currentDateTimeUtc();
        const qint64 spanMs = 60LL * 24 * 3600 * 1000;
        const QDateTime start = end.addMSecs(-spanMs);
        HistoryStore store(path);
        QSignalSpy added(&store, &HistoryStore::entriesAdded);
        QElapsedTimer generate;
        qint64 generateNs = 0;
        QElapsedTimer t;
        t.start();
        constexpr int batch = 10000;
        for (int from = 0; from < total; from += batch) {
            generate.start();
            const QList<HistoryEntry> entries
                = makeEntries(rng, from, std::min(batch, total - from), total, start, spanMs);
            generateNs += generate.nsecsElapsed();
            store.addAll(entries);
        }
        const int batches = (total + batch - 1) / batch;
        if (!QTest::qWaitFor([&] { return added.size() == batches; }, 600000)) {
            std::printf("setup timed out\n");
            return 1;
        }
        std::printf("setup: inserted %d entries in %.0f ms (%.0f ms of it generating them), "
                    "%.1f µs per entry\n",
                    total, ms(t), generateNs / 1e6, ms(t) * 1000 / total);
    }
    std::printf("database size: %.1f MiB\n", QFileInfo(path).size() / 1048576.0);

    // (a) Opening: a fresh store (as at application start), then the panel.
    {
        QElapsedTimer t;
        t.start();
        HistoryStore store(path);
        QSignalSpy opened(&store, &HistoryStore::opened);
        if (!opened.wait(30000))
            return 1;
        std::printf("\nstore open (thread start, pragmas, schema check, search index check): "
                    "%.2f ms (search index: %s)\n",
                    ms(t), opened.at(0).at(0).toBool() ? "FTS5 trigram" : "LIKE");
        int rows = 0;
        const double first = openPanel(&store, &rows);
        std::printf("(a) panel open, first in this process (includes Qt's one-time widget, "
                    "style and font setup), %d rows: %.2f ms\n",
                    rows, first);
        {
            HistoryPanel probe(&store);
            probe.resize(420, 900);
            probe.show();
            waitQuery(probe.model());
            QElapsedTimer idle;
            idle.start();
            while (idle.elapsed() < 2000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            std::printf("    rows in the model 2 s after opening (pages load on scrolling): %d\n",
                        probe.model()->entryCount());
        }

        QList<double> times;
        for (int run = 0; run < Runs; ++run)
            times << openPanel(&store, &rows);
        const Stats s = stats(times);
        std::printf("(a) panel open, store already open, %d runs: median %.2f ms, max %.2f ms, "
                    "min %.2f ms (target <= 100 ms)\n",
                    Runs, s.median, s.max, s.min);

        const QStringList queries = {
            QStringLiteral("users"),
            QStringLiteral("api.stripe.com/v1/charges"),
            QStringLiteral("404"),
            QStringLiteral("5xx"),
            QStringLiteral("PATCH"),
            RareTerm,
            QStringLiteral("GET github 404"),
            QStringLiteral("v2"),
            QStringLiteral("no-such-thing-xyz"),
        };
        searchRuns(&store, "trigram index", queries);
        storeRuns(&store, queries);
    }
    {
        HistoryStore store(path, HistoryStore::SearchIndex::Off);
        searchRuns(&store, "LIKE fallback (index off), for comparison",
                   {QStringLiteral("users"), RareTerm, QStringLiteral("no-such-thing-xyz")});
    }
    return 0;
}
