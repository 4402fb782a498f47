// How long a large GraphQL schema takes to become usable: a synthetic introspection result of
// about 10 MB (GitHub's public schema is of this size) is parsed and indexed on a worker thread
// (GraphQlEditor does the same with QtConcurrent) while the main thread runs its event loop;
// prints the worker's time, the longest stall of the main thread's 5 ms timer meanwhile, then
// the time to print the schema as SDL and to answer completion and validation on it.
//   bench_graphqlschema [MEGABYTES=10] [RUNS=5]
#include "core/graphql/graphqlcompletion.h"
#include "core/graphql/graphqlschema.h"
#include "core/graphql/graphqlvalidation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <thread>

using namespace Patchbay::Core;
using namespace Patchbay::Core::GraphQl;

namespace {

QByteArray named(const QByteArray &kind, const QByteArray &name)
{
    return "{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\",\"ofType\":null}";
}

QByteArray nonNull(const QByteArray &inner)
{
    return "{\"kind\":\"NON_NULL\",\"name\":null,\"ofType\":" + inner + "}";
}

QByteArray listOf(const QByteArray &inner)
{
    return "{\"kind\":\"LIST\",\"name\":null,\"ofType\":" + inner + "}";
}

QByteArray inputValue(const QByteArray &name, const QByteArray &type, const QByteArray &def)
{
    return "{\"name\":\"" + name + "\",\"description\":\"The " + name
        + " to use; see the guide for details.\",\"type\":" + type + ",\"defaultValue\":" + def
        + "}";
}

// An introspection result of about `bytes` bytes: object types with fields that take
// arguments and return other types (lists, non-null), enums and input objects.
QByteArray syntheticIntrospection(qint64 bytes, int *typeCount)
{
    QByteArray types;
    int n = 0;
    types += "{\"kind\":\"OBJECT\",\"name\":\"Query\",\"description\":\"Root\",\"fields\":[";
    for (int i = 0; i < 200; ++i) {
        if (i)
            types += ',';
        types += "{\"name\":\"node" + QByteArray::number(i) + "\",\"description\":null,\"args\":["
            + inputValue("id", nonNull(named("SCALAR", "ID")), "null")
            + "],\"type\":" + named("OBJECT", "Type" + QByteArray::number(i))
            + ",\"isDeprecated\":false," + "\"deprecationReason\":null}";
    }
    types += "],\"inputFields\":null,\"interfaces\":[],\"enumValues\":null,\"possibleTypes\":null}";
    for (const char *scalar : {"ID", "String", "Int", "Boolean", "Float"})
        types += ",{\"kind\":\"SCALAR\",\"name\":\"" + QByteArray(scalar)
            + "\",\"description\":null,\"fields\":null,\"inputFields\":null,\"interfaces\":null,"
              "\"enumValues\":null,\"possibleTypes\":null}";
    while (types.size() < bytes) {
        const QByteArray name = "Type" + QByteArray::number(n);
        types += ",{\"kind\":\"OBJECT\",\"name\":\"" + name + "\",\"description\":\"A " + name
            + " of the synthetic schema, with a description as long as real ones are.\","
              "\"fields\":[";
        for (int f = 0; f < 12; ++f) {
            if (f)
                types += ',';
            const QByteArray target = "Type" + QByteArray::number((n * 7 + f) % 200);
            types += "{\"name\":\"field" + QByteArray::number(f) + "\",\"description\":\"Field "
                + QByteArray::number(f) + " of the type.\",\"args\":["
                + inputValue("first", named("SCALAR", "Int"), "\"10\"") + ','
                + inputValue("after", named("SCALAR", "String"), "null") + ','
                + inputValue("orderBy", named("INPUT_OBJECT", "Order" + QByteArray::number(n)),
                             "null")
                + "],\"type\":" + nonNull(listOf(nonNull(named("OBJECT", target))))
                + ",\"isDeprecated\":" + (f == 11 ? "true" : "false")
                + ",\"deprecationReason\":" + (f == 11 ? "\"Use field0.\"" : "null") + "}";
        }
        types += "],\"inputFields\":null,\"interfaces\":[],\"enumValues\":null,"
                 "\"possibleTypes\":null}";
        types += ",{\"kind\":\"INPUT_OBJECT\",\"name\":\"Order" + QByteArray::number(n)
            + "\",\"description\":null,\"fields\":null,\"inputFields\":["
            + inputValue("field", nonNull(named("ENUM", "Direction")), "null") + ','
            + inputValue("direction", named("ENUM", "Direction"), "\"ASC\"")
            + "],\"interfaces\":null,\"enumValues\":null,\"possibleTypes\":null}";
        n += 1;
    }
    types += ",{\"kind\":\"ENUM\",\"name\":\"Direction\",\"description\":null,\"fields\":null,"
             "\"inputFields\":null,\"interfaces\":null,\"enumValues\":[{\"name\":\"ASC\","
             "\"description\":null,\"isDeprecated\":false,\"deprecationReason\":null},{\"name\":"
             "\"DESC\",\"description\":null,\"isDeprecated\":false,\"deprecationReason\":null}],"
             "\"possibleTypes\":null}";
    *typeCount = n * 2 + 7;
    return "{\"data\":{\"__schema\":{\"queryType\":{\"name\":\"Query\"},\"mutationType\":null,"
           "\"subscriptionType\":null,\"types\":["
        + types + "],\"directives\":[]}}}";
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double megabytes = argc > 1 ? QByteArray(argv[1]).toDouble() : 10.0;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;
    int typeCount = 0;
    const QByteArray json = syntheticIntrospection(qint64(megabytes * 1024 * 1024), &typeCount);
    std::printf("introspection result: %.1f MB, %d types\n", double(json.size()) / 1048576.0,
                typeCount);

    QList<double> indexTimes;
    QList<double> stalls;
    Schema schema;
    for (int run = 0; run < runs; ++run) {
        // The worker indexes while this thread's event loop keeps a 5 ms timer going.
        double workerMs = 0;
        bool ok = false;
        QElapsedTimer sinceTick;
        double longestGap = 0;
        QTimer ticker;
        ticker.setInterval(5);
        QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
            longestGap = std::max(longestGap, ms(sinceTick));
            sinceTick.restart();
        });
        std::thread worker([&] {
            QElapsedTimer t;
            t.start();
            Result<Schema> parsed = schemaFromIntrospection(json);
            workerMs = ms(t);
            ok = parsed.ok();
            if (ok)
                schema = std::move(parsed).value();
            QMetaObject::invokeMethod(
                &app, [] { QCoreApplication::quit(); }, Qt::QueuedConnection);
        });
        sinceTick.start();
        ticker.start();
        app.exec();
        ticker.stop();
        worker.join();
        if (!ok) {
            std::printf("the schema did not parse\n");
            return 1;
        }
        indexTimes.append(workerMs);
        stalls.append(longestGap);
    }
    std::sort(indexTimes.begin(), indexTimes.end());
    std::sort(stalls.begin(), stalls.end());
    std::printf(
        "parse + index on a worker: median %.0f ms, best %.0f ms, worst %.0f ms (%d runs)\n",
        indexTimes.at(indexTimes.size() / 2), indexTimes.first(), indexTimes.last(), runs);
    std::printf("main thread's longest timer gap meanwhile: median %.1f ms, worst %.1f ms\n",
                stalls.at(stalls.size() / 2), stalls.last());

    QElapsedTimer t;
    t.start();
    const QString sdl = printSchema(schema);
    std::printf("print as SDL: %.0f ms (%.1f MB of SDL)\n", ms(t),
                double(sdl.toUtf8().size()) / 1048576.0);

    const QString query = QStringLiteral("{ node42(id: 1) { field1(first: 5) { field2 { fi");
    t.restart();
    const int lookups = 1000;
    qsizetype found = 0;
    for (int i = 0; i < lookups; ++i)
        found += completions(query, query.size(), schema).size();
    std::printf("completion at the cursor: %.3f ms each (%lld items)\n", ms(t) / lookups,
                (long long)(found / lookups));
    t.restart();
    qsizetype problems = 0;
    for (int i = 0; i < lookups; ++i)
        problems += validateDocument(QStringLiteral("{ node42(id: 1) { field1(first: 5) { field11 "
                                                    "nope } } }"),
                                     &schema)
                        .size();
    std::printf("validation of a small query: %.3f ms each (%lld problems)\n", ms(t) / lookups,
                (long long)(problems / lookups));
    return 0;
}
