#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/json/mergepatch.h"

#include <QTest>

using namespace Patchbay::Core;

namespace {

JsonValue json(const QByteArray &text)
{
    Result<JsonValue> parsed = parseJson(text);
    if (!parsed)
        qFatal("bad test JSON: %s", qPrintable(parsed.error().message));
    return parsed.value();
}

QByteArray compact(const JsonValue &value)
{
    return toJson(value, JsonStyle::Compact);
}

} // namespace

class TestMergePatch final : public QObject
{
    Q_OBJECT

private slots:
    void rfc7396AppendixA_data();
    void rfc7396AppendixA();
    void rfc7396Section3Example();
    void applyKeepsOrderAndLiterals();
    void diff_data();
    void diff();
    void diffWarnings_data();
    void diffWarnings();
};

void TestMergePatch::rfc7396AppendixA_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("A1 replace member")
        << QByteArray(R"({"a":"b"})") << QByteArray(R"({"a":"c"})") << QByteArray(R"({"a":"c"})");
    QTest::newRow("A2 add member") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"b":"c"})")
                                   << QByteArray(R"({"a":"b","b":"c"})");
    QTest::newRow("A3 remove member")
        << QByteArray(R"({"a":"b"})") << QByteArray(R"({"a":null})") << QByteArray(R"({})");
    QTest::newRow("A4 remove one of two")
        << QByteArray(R"({"a":"b","b":"c"})") << QByteArray(R"({"a":null})")
        << QByteArray(R"({"b":"c"})");
    QTest::newRow("A5 array replaced by string")
        << QByteArray(R"({"a":["b"]})") << QByteArray(R"({"a":"c"})") << QByteArray(R"({"a":"c"})");
    QTest::newRow("A6 string replaced by array")
        << QByteArray(R"({"a":"c"})") << QByteArray(R"({"a":["b"]})")
        << QByteArray(R"({"a":["b"]})");
    QTest::newRow("A7 nested merge with null")
        << QByteArray(R"({"a":{"b":"c"}})") << QByteArray(R"({"a":{"b":"d","c":null}})")
        << QByteArray(R"({"a":{"b":"d"}})");
    QTest::newRow("A8 array of objects replaced")
        << QByteArray(R"({"a":[{"b":"c"}]})") << QByteArray(R"({"a":[1]})")
        << QByteArray(R"({"a":[1]})");
    QTest::newRow("A9 arrays") << QByteArray(R"(["a","b"])") << QByteArray(R"(["c","d"])")
                               << QByteArray(R"(["c","d"])");
    QTest::newRow("A10 object replaced by array")
        << QByteArray(R"({"a":"b"})") << QByteArray(R"(["c"])") << QByteArray(R"(["c"])");
    QTest::newRow("A11 null patch")
        << QByteArray(R"({"a":"foo"})") << QByteArray("null") << QByteArray("null");
    QTest::newRow("A12 string patch")
        << QByteArray(R"({"a":"foo"})") << QByteArray(R"("bar")") << QByteArray(R"("bar")");
    QTest::newRow("A13 existing null kept")
        << QByteArray(R"({"e":null})") << QByteArray(R"({"a":1})")
        << QByteArray(R"({"e":null,"a":1})");
    QTest::newRow("A14 array target")
        << QByteArray("[1,2]") << QByteArray(R"({"a":"b","c":null})") << QByteArray(R"({"a":"b"})");
    QTest::newRow("A15 nested nulls dropped")
        << QByteArray("{}") << QByteArray(R"({"a":{"bb":{"ccc":null}}})")
        << QByteArray(R"({"a":{"bb":{}}})");
}

void TestMergePatch::rfc7396AppendixA()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);

    const JsonValue result = applyMergePatch(json(target), json(patch));
    QCOMPARE(compact(result), expected); // exact text: order is part of the expectation here
    QVERIFY(result == json(expected));
}

void TestMergePatch::rfc7396Section3Example()
{
    const JsonValue target = json(R"({
        "title": "Goodbye!",
        "author" : {"givenName" : "John", "familyName" : "Doe"},
        "tags":[ "example", "sample" ],
        "content": "This will be unchanged"
    })");
    const JsonValue patch = json(R"({
        "title": "Hello!",
        "phoneNumber": "+01-123-456-7890",
        "author": {"familyName": null},
        "tags": [ "example" ]
    })");
    const JsonValue expected = json(R"({
        "title": "Hello!",
        "author" : {"givenName" : "John"},
        "tags": [ "example" ],
        "content": "This will be unchanged",
        "phoneNumber": "+01-123-456-7890"
    })");
    const JsonValue result = applyMergePatch(target, patch);
    QVERIFY(result.isIdenticalTo(expected));
}

void TestMergePatch::applyKeepsOrderAndLiterals()
{
    const JsonValue result = applyMergePatch(json(R"({"price": 1.50, "id": 7, "n": {"x": 1e3}})"),
                                             json(R"({"id": 8.0, "n": {"y": 0.10}})"));
    QCOMPARE(compact(result), QByteArray(R"({"price":1.50,"id":8.0,"n":{"x":1e3,"y":0.10}})"));
}

void TestMergePatch::diff_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<bool>("canExpress");

    QTest::newRow("unchanged") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1.0})")
                               << QByteArray("{}") << true;
    QTest::newRow("changed member")
        << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1,"b":3})")
        << QByteArray(R"({"b":3})") << true;
    QTest::newRow("removed member") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1})")
                                    << QByteArray(R"({"b":null})") << true;
    QTest::newRow("added member") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1,"c":[1]})")
                                  << QByteArray(R"({"c":[1]})") << true;
    QTest::newRow("nested") << QByteArray(R"({"a":{"x":1,"y":2}})")
                            << QByteArray(R"({"a":{"x":1,"y":5,"z":{"q":true}}})")
                            << QByteArray(R"({"a":{"y":5,"z":{"q":true}}})") << true;
    QTest::newRow("array replaced whole")
        << QByteArray(R"({"t":[1,2,3]})") << QByteArray(R"({"t":[1,2]})")
        << QByteArray(R"({"t":[1,2]})") << true;
    QTest::newRow("null in array is fine")
        << QByteArray(R"({"t":[1]})") << QByteArray(R"({"t":[null]})")
        << QByteArray(R"({"t":[null]})") << true;
    QTest::newRow("member set to null") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":null})")
                                        << QByteArray(R"({"a":null})") << false;
    QTest::newRow("unchanged null member")
        << QByteArray(R"({"a":null,"b":1})") << QByteArray(R"({"a":null,"b":2})")
        << QByteArray(R"({"b":2})") << true;
    QTest::newRow("new object with null")
        << QByteArray(R"({"a":1})") << QByteArray(R"({"a":{"k":null}})")
        << QByteArray(R"({"a":{"k":null}})") << false;
    QTest::newRow("root array") << QByteArray("[1]") << QByteArray("[2]") << QByteArray("[2]")
                                << true;
    QTest::newRow("root scalar") << QByteArray(R"({"a":1})") << QByteArray("7") << QByteArray("7")
                                 << true;
    QTest::newRow("root object from array")
        << QByteArray("[1]") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1})") << true;
}

void TestMergePatch::diff()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QByteArray, patch);
    QFETCH(bool, canExpress);

    const JsonValue b = json(before);
    const JsonValue a = json(after);
    const MergePatchResult result = diffMergePatch(b, a);
    QCOMPARE(compact(result.patch), patch);
    QCOMPARE(mergePatchCanExpress(b, a), canExpress);
    QCOMPARE(applyMergePatch(b, result.patch) == a, canExpress);
}

void TestMergePatch::diffWarnings_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QStringList>("pointers"); // each warning starts with its pointer

    QTest::newRow("none") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":2})") << QStringList();
    QTest::newRow("null member") << QByteArray(R"({"a":{"b":1}})")
                                 << QByteArray(R"({"a":{"b":null}})")
                                 << QStringList {QStringLiteral("/a/b")};
    QTest::newRow("nested nulls in new object")
        << QByteArray(R"({})") << QByteArray(R"({"n":{"x":null,"y":{"z":null}}})")
        << QStringList {QStringLiteral("/n/x"), QStringLiteral("/n/y/z")};
    QTest::newRow("array replaced")
        << QByteArray(R"({"tags":["a"]})") << QByteArray(R"({"tags":["a","b"]})")
        << QStringList {QStringLiteral("/tags")};
    QTest::newRow("escaped key") << QByteArray(R"({"a/b":1})") << QByteArray(R"({"a/b":null})")
                                 << QStringList {QStringLiteral("/a~1b")};
}

void TestMergePatch::diffWarnings()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QStringList, pointers);

    const MergePatchResult result = diffMergePatch(json(before), json(after));
    QCOMPARE(result.warnings.size(), pointers.size());
    for (qsizetype i = 0; i < pointers.size(); ++i)
        QVERIFY2(result.warnings.at(i).startsWith(pointers.at(i) + u':'),
                 qPrintable(result.warnings.at(i)));
}

QTEST_GUILESS_MAIN(TestMergePatch)
#include "tst_mergepatch.moc"
