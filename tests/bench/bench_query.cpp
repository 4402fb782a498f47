// Figures for the response filter and jq assertions (docs/PERFORMANCE.md): how long libjq takes
// to compile an expression, to parse a JSON body of N MiB, and to run a few typical filters on
// it. Prints one line per figure; the median of `--runs` runs.
#include "core/query/jqdocument.h"
#include "core/query/jqprogram.h"
#include "core/query/jsonquery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Patchbay::Core;

namespace {

// A compact array of user-like objects, about `mib` MiB.
QByteArray document(int mib)
{
    QByteArray out = "[";
    const qint64 target = qint64(mib) * 1024 * 1024;
    for (int i = 0; out.size() < target; ++i) {
        if (i)
            out += ',';
        out += "{\"id\":" + QByteArray::number(i) + ",\"name\":\"user " + QByteArray::number(i)
            + "\",\"email\":\"u" + QByteArray::number(i)
            + "@example.com\",\"active\":" + (i % 3 ? "true" : "false")
            + ",\"score\":" + QByteArray::number(i % 1000) + ".5,\"tags\":[\"a\",\"b\"]}";
    }
    out += ']';
    return out;
}

double medianMs(int runs, const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("mib"), QStringLiteral("Body size in MiB."),
                      QStringLiteral("N"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per figure."),
                      QStringLiteral("N"), QStringLiteral("5")});
    parser.process(app);
    const int mib = parser.value(QStringLiteral("mib")).toInt();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    std::printf("compile .items[0].id: %.1f ms\n",
                medianMs(runs, [] { (void)JqProgram::compile(QStringLiteral(".items[0].id")); }));
    std::printf("compile JSONPath $..email: %.1f ms\n", medianMs(runs, [] {
                    (void)compileJsonQuery(QStringLiteral("$..email"), JsonPathResults::Array);
                }));
    const QByteArray body = document(mib);
    std::printf("body: %.1f MiB\n", body.size() / 1048576.0);
    JqDocument parsed;
    std::printf("parse: %.0f ms\n",
                medianMs(runs, [&] { parsed = JqDocument::parse(body).value(); }));
    const JqLimits limits {10000, 8LL * 1024 * 1024, 60000};
    for (const char *expression : {".[0].email", "length", "map(select(.active)) | length",
                                   "[.[] | .score] | add", ".[] | .email", "$..email"}) {
        Result<JqProgram> program
            = compileJsonQuery(QString::fromLatin1(expression), JsonPathResults::Array);
        if (!program.ok()) {
            std::printf("%s: %s\n", expression, qPrintable(program.error().message));
            continue;
        }
        qint64 results = 0;
        bool truncated = false;
        const double ms = medianMs(runs, [&] {
            const Result<JqOutput> out = program.value().run(parsed, limits, JqFormat::Indented);
            results = out.ok() ? out.value().results.size() : -1;
            truncated = out.ok() && out.value().truncated;
        });
        std::printf("run %s: %.1f ms, %lld results%s\n", expression, ms, results,
                    truncated ? " (stopped at the filter's limits)" : "");
    }
    return 0;
}
