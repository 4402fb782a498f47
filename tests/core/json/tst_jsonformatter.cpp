#include "core/json/jsonformatter.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QTest>

using namespace Patchbay::Core;

class TestJsonFormatter final : public QObject
{
    Q_OBJECT

private slots:
    void prettyPrint_data();
    void prettyPrint();
    void chunkedFeedMatchesOneFeed_data();
    void chunkedFeedMatchesOneFeed();
    void matchesWriterForValidJson_data();
    void matchesWriterForValidJson();
    void compact_data();
    void compact();
    void depthTracksNesting();
    void deepNestingIsFlatAndLinear();
    void flattenedAtTheDepthCap();
    void budgetStopsInsideAChunk();
    void budgetAcrossFeeds();
};

void TestJsonFormatter::prettyPrint_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("indent");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty object") << QByteArray("{}") << 2 << QByteArray("{}");
    QTest::newRow("empty array spaced") << QByteArray("[ \n ]") << 2 << QByteArray("[]");
    QTest::newRow("empty containers inside")
        << QByteArray(R"({"a":{},"b":[]})") << 2 << QByteArray("{\n  \"a\": {},\n  \"b\": []\n}");
    QTest::newRow("escaped quotes and brackets in strings")
        << QByteArray(R"({"s":"he said \"[{,:}]\"","t":"\\"})") << 2
        << QByteArray("{\n  \"s\": \"he said \\\"[{,:}]\\\"\",\n  \"t\": \"\\\\\"\n}");
    QTest::newRow("whitespace inside strings kept")
        << QByteArray(R"(["a b	c"])") << 2 << QByteArray("[\n  \"a b\tc\"\n]");
    QTest::newRow("nested") << QByteArray(R"({"a":[1,{"b":[true,null]}]})") << 2
                            << QByteArray(
                                   "{\n  \"a\": [\n    1,\n    {\n      \"b\": [\n        true,\n"
                                   "        null\n      ]\n    }\n  ]\n}");
    QTest::newRow("literals kept")
        << QByteArray(R"([1.50,1e3,-0])") << 4 << QByteArray("[\n    1.50,\n    1e3,\n    -0\n]");
    QTest::newRow("duplicate keys kept")
        << QByteArray(R"({"a":1,"a":2})") << 1 << QByteArray("{\n \"a\": 1,\n \"a\": 2\n}");
    QTest::newRow("already pretty")
        << QByteArray("{\n  \"a\": 1\n}") << 2 << QByteArray("{\n  \"a\": 1\n}");
}

void TestJsonFormatter::prettyPrint()
{
    QFETCH(QByteArray, input);
    QFETCH(int, indent);
    QFETCH(QByteArray, expected);
    QCOMPARE(prettyPrintJson(input, indent), expected);
}

void TestJsonFormatter::chunkedFeedMatchesOneFeed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("escapes across chunks")
        << QByteArray(R"({"k\"ey":"va\\\"l[ue]","n":[1, 2 ,{"x":"\u00e9"}],"e":{}})");
    QTest::newRow("unicode") << QByteArray("[\"caf\xc3\xa9\", {\"\xe4\xb8\xad\": []}]");
}

void TestJsonFormatter::chunkedFeedMatchesOneFeed()
{
    QFETCH(QByteArray, input);
    const QByteArray whole = prettyPrintJson(input);
    // Every split point, and byte-by-byte.
    for (qsizetype split = 0; split <= input.size(); ++split) {
        JsonFormatter formatter;
        QByteArray out;
        formatter.feed(QByteArrayView(input).first(split), out);
        formatter.feed(QByteArrayView(input).sliced(split), out);
        QCOMPARE(out, whole);
        QCOMPARE(formatter.depth(), 0);
    }
    JsonFormatter formatter;
    QByteArray out;
    for (const char c : input)
        formatter.feed(QByteArrayView(&c, 1), out);
    QCOMPARE(out, whole);
}

void TestJsonFormatter::matchesWriterForValidJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("mixed") << QByteArray(R"({"a":[1,{"b":[true,null,{}]}],"c":"x","d":[]})");
    QTest::newRow("scalar root") << QByteArray("1.50");
    QTest::newRow("array root") << QByteArray(R"([[],[[]],{"":""}])");
}

void TestJsonFormatter::matchesWriterForValidJson()
{
    // Two independent implementations of the same layout must agree.
    QFETCH(QByteArray, input);
    const Result<JsonValue> parsed = parseJson(input);
    QVERIFY(parsed.ok());
    QCOMPARE(prettyPrintJson(input), toJson(parsed.value(), JsonStyle::Indented, 2));
    QCOMPARE(compactJson(prettyPrintJson(input)), toJson(parsed.value(), JsonStyle::Compact));
}

void TestJsonFormatter::compact_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("whitespace removed")
        << QByteArray("{ \"a\" : [ 1 , 2 ] }\n") << QByteArray(R"({"a":[1,2]})");
    QTest::newRow("string whitespace kept")
        << QByteArray(R"({ "a b" : " \" x " })") << QByteArray(R"({"a b":" \" x "})");
}

void TestJsonFormatter::compact()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(compactJson(input), expected);
}

void TestJsonFormatter::depthTracksNesting()
{
    JsonFormatter formatter;
    QByteArray out;
    formatter.feed("{\"a\":[[", out);
    QCOMPARE(formatter.depth(), 3);
    formatter.feed("]", out);
    QCOMPARE(formatter.depth(), 2);
    formatter.feed("]}", out);
    QCOMPARE(formatter.depth(), 0);
}

void TestJsonFormatter::deepNestingIsFlatAndLinear()
{
    // 100 KB of '[' once printed about 10 GB (N² bytes); past the depth cap it stays flat.
    for (const qsizetype n : {qsizetype(100000), qsizetype(1000000)}) {
        const QByteArray input = QByteArray(n, '[') + QByteArray(n, ']');
        JsonFormatter formatter;
        QByteArray out;
        formatter.feed(input, out);
        QVERIFY(formatter.isFlattened());
        QCOMPARE(formatter.depth(), 0);
        const int cap = JsonFormatter::kDefaultMaxIndentDepth;
        // Each indented level costs one line per bracket at most; the rest is the input itself.
        QVERIFY2(out.size() <= input.size() + 2 * (cap + 1) * (1 + 2 * cap),
                 qPrintable(QString::number(out.size())));
        QCOMPARE(compactJson(out), input);
    }
}

void TestJsonFormatter::flattenedAtTheDepthCap()
{
    JsonFormatter formatter;
    formatter.setMaxIndentDepth(2);
    QByteArray out;
    formatter.feed(R"({"a":{"b":{"c":[1,2]}}})", out);
    QCOMPARE(out, QByteArray("{\n  \"a\": {\n    \"b\": {\"c\": [1,2]}\n  }\n}"));
    QVERIFY(formatter.isFlattened());

    // At the cap exactly: indented everywhere, no note.
    JsonFormatter atCap;
    atCap.setMaxIndentDepth(2);
    QByteArray flat;
    atCap.feed(R"({"a":{"b":1}})", flat);
    QCOMPARE(flat, QByteArray("{\n  \"a\": {\n    \"b\": 1\n  }\n}"));
    QVERIFY(!atCap.isFlattened());
}

void TestJsonFormatter::budgetStopsInsideAChunk()
{
    const QByteArray input
        = QByteArray(R"({"items":[)") + QByteArray("1,").repeated(100000) + "1]}";
    JsonFormatter formatter;
    formatter.setOutputBudget(1000);
    QByteArray out = "prefix";
    formatter.feed(input, out);
    QVERIFY(formatter.isOutOfBudget());
    QCOMPARE(out.size(), 6 + 1000);
    QCOMPARE(formatter.bytesWritten(), 1000);
    QVERIFY(out.startsWith("prefix{\n  \"items\": [\n    1,"));
    formatter.feed("more", out);
    QCOMPARE(out.size(), 6 + 1000);

    // Under the budget: everything, and not out of budget.
    JsonFormatter roomy;
    roomy.setOutputBudget(1 << 20);
    QByteArray all;
    roomy.feed(R"({"a":1})", all);
    QVERIFY(!roomy.isOutOfBudget());
    QCOMPARE(all, prettyPrintJson(R"({"a":1})"));
}

void TestJsonFormatter::budgetAcrossFeeds()
{
    const QByteArray whole = prettyPrintJson(R"([1,2,3,4,5,6,7,8,9])");
    JsonFormatter formatter;
    formatter.setOutputBudget(whole.size());
    QByteArray out;
    formatter.feed("[1,2,3,4,", out);
    formatter.feed("5,6,7,8,9]", out);
    QCOMPARE(out, whole);
    QVERIFY(!formatter.isOutOfBudget());
    formatter.feed(" ", out); // whitespace adds nothing
    QVERIFY(!formatter.isOutOfBudget());
    formatter.feed("[", out);
    QVERIFY(formatter.isOutOfBudget());
    QCOMPARE(out, whole);
}

QTEST_GUILESS_MAIN(TestJsonFormatter)
#include "tst_jsonformatter.moc"
