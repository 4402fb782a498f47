#include "core/query/jqprogram.h"
#include "core/query/jsonquery.h"

#include <QElapsedTimer>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <thread>

using namespace Patchbay::Core;

namespace {

JqDocument document(const char *json)
{
    Result<JqDocument> parsed = JqDocument::parse(QByteArray(json));
    if (!parsed.ok())
        qFatal("test document does not parse: %s", qPrintable(parsed.error().message));
    return std::move(parsed).value();
}

// The results of `program` on `json` joined by newlines, or "error <code>: <message>".
QString runText(const QString &program, const char *json, const JqLimits &limits = {})
{
    Result<JqProgram> compiled = JqProgram::compile(program);
    if (!compiled.ok())
        return QStringLiteral("error %1: %2").arg(compiled.error().code, compiled.error().message);
    const Result<JqOutput> out = compiled.value().run(document(json), limits);
    if (!out.ok())
        return QStringLiteral("error %1: %2").arg(out.error().code, out.error().message);
    QStringList lines;
    for (const QByteArray &r : out.value().results)
        lines << QString::fromUtf8(r);
    return lines.join(u'\n');
}

// Runs long enough to need stopping, without allocating as it goes.
const QString kEndless = QStringLiteral("last(range(1e15))");

} // namespace

// libjq behind JqProgram: results, messages a person reads, the sandbox, limits and stopping.
class TestJqProgram final : public QObject
{
    Q_OBJECT

private slots:
    void results_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("member") << ".a"
                                << R"({"a": 1})"
                                << "1";
        QTest::newRow("nested path") << ".items[1].id"
                                     << R"({"items":[{"id":1},{"id":2}]})"
                                     << "2";
        QTest::newRow("stream") << ".[]"
                                << "[1, \"x\", null]"
                                << "1\n\"x\"\nnull";
        QTest::newRow("select and collect") << "[.[] | select(.age > 30) | .name]"
                                            << R"([{"name":"Ada","age":36},{"name":"Bo","age":20}])"
                                            << R"(["Ada"])";
        QTest::newRow("key order kept") << "."
                                        << R"({"b":1,"a":2})"
                                        << R"({"b":1,"a":2})";
        QTest::newRow("no results") << "empty"
                                    << "{}"
                                    << "";
        QTest::newRow("missing member is null") << ".nope"
                                                << "{}"
                                                << "null";
        QTest::newRow("numbers are doubles") << ".n"
                                             << R"({"n": 1.50})"
                                             << "1.5";
        QTest::newRow("length") << "length"
                                << "[1,2,3]"
                                << "3";
        QTest::newRow("unicode") << ".name"
                                 << R"({"name":"Zoë ✓"})"
                                 << "\"Zoë ✓\"";
    }
    void results()
    {
        QFETCH(QString, program);
        QFETCH(QString, json);
        QFETCH(QString, expected);
        QCOMPARE(runText(program, json.toUtf8().constData()), expected);
    }

    void indentedLikeJqDot()
    {
        Result<JqProgram> p = JqProgram::compile(QStringLiteral("."));
        QVERIFY(p.ok());
        const auto out = p.value().run(document(R"({"a":[1,2]})"), {}, JqFormat::Indented);
        QVERIFY(out.ok());
        QCOMPARE(out.value().results.value(0), QByteArray("{\n  \"a\": [\n    1,\n    2\n  ]\n}"));
    }

    void compileErrorsReadable_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("contains");
        QTest::newRow("dangling pipe") << ".a |"
                                       << "jq-syntax"
                                       << "unexpected end of the expression (line 1)";
        QTest::newRow("bad character") << ".a ^ 1"
                                       << "jq-syntax"
                                       << "unexpected character";
        QTest::newRow("unknown function") << "frobnicate"
                                          << "jq-syntax"
                                          << "frobnicate/0 is not defined (line 1)";
        QTest::newRow("second line") << ".a |\n]"
                                     << "jq-syntax"
                                     << "(line 2)";
        QTest::newRow("empty") << "   "
                               << "empty-expression"
                               << "write e.g.";
        QTest::newRow("import") << "import \"x\" as x; ."
                                << "jq-syntax"
                                << "modules (import, include) are not available";
        QTest::newRow("include") << "include \"x\"; ."
                                 << "jq-syntax"
                                 << "not available";
    }
    void compileErrorsReadable()
    {
        QFETCH(QString, program);
        QFETCH(QString, code);
        QFETCH(QString, contains);
        const Result<JqProgram> p = JqProgram::compile(program);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, code);
        QVERIFY2(p.error().message.contains(contains), qPrintable(p.error().message));
        // No libjq plumbing in what a person reads.
        QVERIFY(!p.error().message.contains(QLatin1String("Unix shell")));
        QVERIFY(!p.error().message.contains(QLatin1String("<top-level>")));
        QVERIFY(!p.error().message.contains(QLatin1String("def env")));
    }

    void runtimeErrorSaysWhat()
    {
        QCOMPARE(runText(QStringLiteral(".a.b"), R"({"a":[1]})"),
                 QStringLiteral("error jq-error: Cannot index array with string \"b\""));
        QCOMPARE(runText(QStringLiteral("error({\"x\":1})"), "null"),
                 QStringLiteral("error jq-error: {\"x\":1} (not a string)"));
    }

    // Nothing outside the input is reachable: environment, other inputs, files, stderr.
    void sandbox_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("expected");
        QTest::newRow("env") << "env"
                             << "{}";
        QTest::newRow("$ENV") << "$ENV"
                              << "{}";
        QTest::newRow("$ENV.HOME") << "$ENV.HOME"
                                   << "null";
        QTest::newRow("input") << "input"
                               << "error jq-error: input is not available here";
        QTest::newRow("inputs") << "[inputs]"
                                << "[]";
        QTest::newRow("modulemeta") << "\"x\" | modulemeta"
                                    << "error jq-error: modules are not available here";
        QTest::newRow("search list") << "get_search_list"
                                     << "[]";
        QTest::newRow("halt") << "halt"
                              << "error jq-error: halt is not available here";
        QTest::newRow("halt_error") << "\"bye\" | halt_error"
                                    << "error jq-error: halt_error is not available here";
        QTest::newRow("debug passes through") << "debug"
                                              << "1";
        QTest::newRow("stderr passes through") << "stderr"
                                               << "1";
    }
    void sandbox()
    {
        QFETCH(QString, program);
        QFETCH(QString, expected);
        qputenv("PATCHBAY_JQ_TEST_SECRET", "s3cret");
        QCOMPARE(runText(program, "1"), expected);
        QVERIFY(!runText(QStringLiteral("[env, $ENV] | tostring"), "1").contains(u"s3cret"));
    }

    void invalidDocument()
    {
        const Result<JqDocument> d = JqDocument::parse("{\"a\": ");
        QVERIFY(!d.ok());
        QCOMPARE(d.error().code, QStringLiteral("invalid-json"));
        QVERIFY2(d.error().message.startsWith(QLatin1String("The body is not JSON")),
                 qPrintable(d.error().message));
    }

    void limitsTruncate()
    {
        Result<JqProgram> p = JqProgram::compile(QStringLiteral("range(100000)"));
        QVERIFY(p.ok());
        const auto byCount = p.value().run(document("null"), {10, 0, 0});
        QVERIFY(byCount.ok());
        QCOMPARE(byCount.value().results.size(), 10);
        QVERIFY(byCount.value().truncated);
        const auto byBytes = p.value().run(document("null"), {0, 100, 0});
        QVERIFY(byBytes.ok());
        QVERIFY(byBytes.value().truncated);
        QVERIFY(byBytes.value().bytes >= 100 && byBytes.value().bytes < 110);
        const auto all = p.value().run(document("null"), {0, 0, 0});
        QCOMPARE(all.value().results.size(), 100000);
        QVERIFY(!all.value().truncated);
    }

    void timeoutStopsAndProgramRunsAgain()
    {
        Result<JqProgram> p = JqProgram::compile(kEndless);
        QVERIFY(p.ok());
        QElapsedTimer timer;
        timer.start();
        const auto out = p.value().run(document("null"), {0, 0, 200});
        QVERIFY(!out.ok());
        QCOMPARE(out.error().code, QStringLiteral("timeout"));
        QVERIFY2(out.error().message.contains(QLatin1String("longer than 0.2 s")),
                 qPrintable(out.error().message));
        QVERIFY2(timer.elapsed() < 5000, "the halt was not seen");
        // The same compiled program runs again (halting leaves nothing behind).
        Result<JqProgram> small = JqProgram::compile(QStringLiteral("limit(3; range(10))"));
        QVERIFY(small.ok());
        for (int i = 0; i < 3; ++i) {
            const auto again = small.value().run(document("null"), {0, 0, 2000});
            QVERIFY(again.ok());
            QCOMPARE(again.value().results.size(), 3);
        }
        const auto second = p.value().run(document("null"), {0, 0, 100});
        QCOMPARE(second.error().code, QStringLiteral("timeout"));
    }

    void interruptFromAnotherThread()
    {
        Result<JqProgram> p = JqProgram::compile(kEndless);
        QVERIFY(p.ok());
        JqInterrupt interrupt;
        const JqDocument input = document("null");
        Result<JqOutput> out = Error {};
        std::thread worker([&] { out = p.value().run(input, {}, JqFormat::Compact, &interrupt); });
        QTest::qWait(100);
        interrupt.interrupt();
        worker.join();
        QVERIFY(!out.ok());
        QCOMPARE(out.error().code, QStringLiteral("interrupted"));
        // Interrupted before it starts: it does not start.
        const auto late = p.value().run(input, {}, JqFormat::Compact, &interrupt);
        QCOMPARE(late.error().code, QStringLiteral("interrupted"));
    }

    // A document parsed on one thread is filtered on another, one at a time.
    void documentMovesBetweenThreads()
    {
        const JqDocument input = document(R"({"a":[1,2,3]})");
        QFuture<QString> future = QtConcurrent::run([input] {
            Result<JqProgram> p = JqProgram::compile(QStringLiteral("[.a[] * 2]"));
            const auto out = p.value().run(input);
            return QString::fromUtf8(out.value().results.value(0));
        });
        QCOMPARE(future.result(), QStringLiteral("[2,4,6]"));
    }

    void cacheCompilesOnce()
    {
        JsonQueryCache cache(2);
        const Result<JqProgram *> a = cache.program(QStringLiteral(".a"));
        QVERIFY(a.ok());
        QCOMPARE(cache.program(QStringLiteral(".a")).value(), a.value());
        const Result<JqProgram *> bad = cache.program(QStringLiteral(".a |"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, QStringLiteral("jq-syntax"));
        // Failures are remembered: the second answer is immediate.
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 50; ++i)
            QVERIFY(!cache.program(QStringLiteral(".a |")).ok());
        QVERIFY2(timer.elapsed() < 200, "a failed compile was repeated");
        QVERIFY(cache.program(QStringLiteral("$.x")).ok()); // JSONPath too
        QVERIFY(cache.program(QStringLiteral(".b")).ok()); // evicts the oldest
        QVERIFY(cache.program(QStringLiteral(".a")).value()->isValid());
    }

    void languageOf()
    {
        QCOMPARE(queryLanguageOf(QStringLiteral("$.a")), QueryLanguage::JsonPath);
        QCOMPARE(queryLanguageOf(QStringLiteral("  $..b")), QueryLanguage::JsonPath);
        QCOMPARE(queryLanguageOf(QStringLiteral(".a")), QueryLanguage::Jq);
        QCOMPARE(queryLanguageOf(QStringLiteral("length")), QueryLanguage::Jq);
    }

    void jsonPathAsArray()
    {
        Result<JqProgram> p = compileJsonQuery(QStringLiteral("$.a[*]"), JsonPathResults::Array);
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
        const auto out = p.value().run(document(R"({"a":[1,2]})"));
        QCOMPARE(out.value().results, QList<QByteArray> {"[1,2]"});
        Result<JqProgram> s = compileJsonQuery(QStringLiteral("$.a[*]"));
        QCOMPARE(s.value().run(document(R"({"a":[1,2]})")).value().results,
                 (QList<QByteArray> {"1", "2"}));
    }
};

QTEST_GUILESS_MAIN(TestJqProgram)
#include "tst_jqprogram.moc"
