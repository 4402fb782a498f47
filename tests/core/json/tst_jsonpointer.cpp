#include "core/json/jsonparser.h"
#include "core/json/jsonpointer.h"
#include "core/json/jsonwriter.h"

#include <QTest>

using namespace Patchbay::Core;

class TestJsonPointer final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void rfc6901Examples_data();
    void rfc6901Examples();
    void arrayIndex_data();
    void arrayIndex();
    void lookupErrors_data();
    void lookupErrors();
    void mutableResolve();
    void prefix();
};

void TestJsonPointer::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("root") << QString() << QStringList();
    QTest::newRow("empty token") << QStringLiteral("/") << QStringList {QString()};
    QTest::newRow("escapes") << QStringLiteral("/a~1b/~0c/0")
                             << QStringList {QStringLiteral("a/b"), QStringLiteral("~c"),
                                             QStringLiteral("0")};
    QTest::newRow("~01 is ~1") << QStringLiteral("/~01") << QStringList {QStringLiteral("~1")};
    QTest::newRow("append") << QStringLiteral("/a/-")
                            << QStringList {QStringLiteral("a"), QStringLiteral("-")};
}

void TestJsonPointer::parse()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    const Result<JsonPointer> pointer = JsonPointer::parse(text);
    QVERIFY(pointer.ok());
    QCOMPARE(pointer->tokens(), tokens);
    QCOMPARE(pointer->toString(), text); // escaping round trips
}

void TestJsonPointer::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("no slash") << QStringLiteral("a/b") << QStringLiteral("start with '/'");
    QTest::newRow("bad tilde") << QStringLiteral("/a~2") << QStringLiteral("'~' must be followed");
    QTest::newRow("tilde at end") << QStringLiteral("/a~")
                                  << QStringLiteral("'~' must be followed");
}

void TestJsonPointer::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<JsonPointer> pointer = JsonPointer::parse(text);
    QVERIFY(!pointer.ok());
    QCOMPARE(pointer.error().code, QStringLiteral("json-pointer"));
    QVERIFY2(pointer.error().message.contains(message), qPrintable(pointer.error().message));
}

void TestJsonPointer::rfc6901Examples_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("whole") << QString() << QByteArray();
    QTest::newRow("/foo") << QStringLiteral("/foo") << QByteArray(R"(["bar","baz"])");
    QTest::newRow("/foo/0") << QStringLiteral("/foo/0") << QByteArray(R"("bar")");
    QTest::newRow("/") << QStringLiteral("/") << QByteArray("0");
    QTest::newRow("/a~1b") << QStringLiteral("/a~1b") << QByteArray("1");
    QTest::newRow("/c%d") << QStringLiteral("/c%d") << QByteArray("2");
    QTest::newRow("/e^f") << QStringLiteral("/e^f") << QByteArray("3");
    QTest::newRow("/g|h") << QStringLiteral("/g|h") << QByteArray("4");
    QTest::newRow("/i\\j") << QStringLiteral("/i\\j") << QByteArray("5");
    QTest::newRow("/k\"l") << QStringLiteral("/k\"l") << QByteArray("6");
    QTest::newRow("/ ") << QStringLiteral("/ ") << QByteArray("7");
    QTest::newRow("/m~0n") << QStringLiteral("/m~0n") << QByteArray("8");
}

void TestJsonPointer::rfc6901Examples()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, expected);
    const QByteArray docText = R"({"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3,
        "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8})";
    const Result<JsonValue> doc = parseJson(docText);
    QVERIFY(doc.ok());
    const Result<JsonPointer> p = JsonPointer::parse(pointer);
    QVERIFY(p.ok());
    const JsonValue *found = resolveJsonPointer(doc.value(), p.value());
    QVERIFY(found);
    if (expected.isEmpty())
        QVERIFY(found->isIdenticalTo(doc.value()));
    else
        QCOMPARE(toJson(*found, JsonStyle::Compact), expected);
}

void TestJsonPointer::arrayIndex_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("index");
    QTest::newRow("0") << QStringLiteral("0") << 0;
    QTest::newRow("12") << QStringLiteral("12") << 12;
    QTest::newRow("leading zero") << QStringLiteral("01") << -1;
    QTest::newRow("double zero") << QStringLiteral("00") << -1;
    QTest::newRow("dash") << QStringLiteral("-") << -1;
    QTest::newRow("negative") << QStringLiteral("-1") << -1;
    QTest::newRow("exponent") << QStringLiteral("1e0") << -1;
    QTest::newRow("empty") << QString() << -1;
    QTest::newRow("space") << QStringLiteral(" 1") << -1;
}

void TestJsonPointer::arrayIndex()
{
    QFETCH(QString, token);
    QFETCH(int, index);
    QCOMPARE(JsonPointer::arrayIndex(token), qsizetype(index));
}

void TestJsonPointer::lookupErrors_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing member")
        << QStringLiteral("/a/zz")
        << QStringLiteral("path \"/a/zz\" does not exist: \"/a\" has no "
                          "member \"zz\"");
    QTest::newRow("out of range") << QStringLiteral("/list/5")
                                  << QStringLiteral(
                                         "index 5 is out of range: the array at \"/list\" "
                                         "has 2 items");
    QTest::newRow("bad index") << QStringLiteral("/list/01")
                               << QStringLiteral("\"01\" is not a valid index");
    QTest::newRow("through scalar")
        << QStringLiteral("/n/x") << QStringLiteral("\"/n\" is a number, not an object or array");
    QTest::newRow("root member") << QStringLiteral("/nope")
                                 << QStringLiteral("the document has no member \"nope\"");
}

void TestJsonPointer::lookupErrors()
{
    QFETCH(QString, pointer);
    QFETCH(QString, message);
    const Result<JsonValue> doc = parseJson(R"({"a":{},"list":[1,2],"n":3})");
    QVERIFY(doc.ok());
    const Result<JsonValue> found
        = lookupJsonPointer(doc.value(), JsonPointer::parse(pointer).value());
    QVERIFY(!found.ok());
    QVERIFY2(found.error().message.contains(message), qPrintable(found.error().message));
    QVERIFY(!resolveJsonPointer(doc.value(), JsonPointer::parse(pointer).value()));
}

void TestJsonPointer::mutableResolve()
{
    Result<JsonValue> doc = parseJson(R"({"a":[{"b":1}]})");
    QVERIFY(doc.ok());
    JsonValue value = doc.value();
    JsonValue *target = resolveJsonPointerMutable(value, JsonPointer::parse(u"/a/0/b").value());
    QVERIFY(target);
    *target = JsonValue::fromInt(2);
    QCOMPARE(toJson(value, JsonStyle::Compact), QByteArray(R"({"a":[{"b":2}]})"));
    QCOMPARE(toJson(doc.value(), JsonStyle::Compact), QByteArray(R"({"a":[{"b":1}]})"));
    QVERIFY(!resolveJsonPointerMutable(value, JsonPointer::parse(u"/a/1").value()));
}

void TestJsonPointer::prefix()
{
    const JsonPointer a = JsonPointer::parse(u"/a").value();
    const JsonPointer ab = JsonPointer::parse(u"/a/b").value();
    const JsonPointer abc = JsonPointer::parse(u"/abc").value();
    QVERIFY(a.isPrefixOf(ab));
    QVERIFY(a.isPrefixOf(a));
    QVERIFY(!ab.isPrefixOf(a));
    QVERIFY(!a.isPrefixOf(abc)); // token-wise, not character-wise
    QVERIFY(JsonPointer().isPrefixOf(a));
    QCOMPARE(ab.parent(), a);
    QCOMPARE(a.child(QStringLiteral("x/y")).toString(), QStringLiteral("/a/x~1y"));
}

QTEST_GUILESS_MAIN(TestJsonPointer)
#include "tst_jsonpointer.moc"
