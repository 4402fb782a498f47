#include "core/json/jsonparser.h"
#include "core/json/jsonvalue.h"
#include "core/json/jsonwriter.h"

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

} // namespace

class TestJsonValue final : public QObject
{
    Q_OBJECT

private slots:
    void equality_data();
    void equality();
    void identity();
    void accessors();
    void numbers_data();
    void numbers();
    void objectEditingKeepsPosition();
    void copiesAreIndependent();
    void millionLevelsDeep();
};

void TestJsonValue::equality_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("decimal literal") << QByteArray("1.50") << QByteArray("1.5") << true;
    QTest::newRow("exponent") << QByteArray("1e3") << QByteArray("1000") << true;
    QTest::newRow("int vs float") << QByteArray("1") << QByteArray("1.0") << true;
    QTest::newRow("negative zero") << QByteArray("-0") << QByteArray("0") << true;
    QTest::newRow("different numbers") << QByteArray("1") << QByteArray("2") << false;
    QTest::newRow("big integers equal") << QByteArray("123456789012345678901234567890")
                                        << QByteArray("123456789012345678901234567890") << true;
    QTest::newRow("big integers differ beyond double")
        << QByteArray("9007199254740993") << QByteArray("9007199254740992") << false;
    QTest::newRow("number vs string") << QByteArray("10") << QByteArray(R"("10")") << false;
    QTest::newRow("member order ignored")
        << QByteArray(R"({"a":1,"b":[1,{"x":1,"y":2}]})")
        << QByteArray(R"({"b":[1,{"y":2,"x":1.0}],"a":1})") << true;
    QTest::newRow("array order matters") << QByteArray("[1,2]") << QByteArray("[2,1]") << false;
    QTest::newRow("missing member")
        << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1,"b":2})") << false;
    QTest::newRow("null vs missing") << QByteArray(R"({"a":null})") << QByteArray("{}") << false;
    QTest::newRow("false vs null") << QByteArray("false") << QByteArray("null") << false;
    QTest::newRow("empty object vs array") << QByteArray("{}") << QByteArray("[]") << false;

    // Large objects compare through a hash.
    QByteArray forward = "{";
    QByteArray backward = "{";
    for (int i = 0; i < 40; ++i) {
        forward += (i ? "," : "") + QByteArray("\"k") + QByteArray::number(i)
            + "\":" + QByteArray::number(i);
        backward += (i ? "," : "") + QByteArray("\"k") + QByteArray::number(39 - i)
            + "\":" + QByteArray::number(39 - i);
    }
    QTest::newRow("large reordered") << forward + "}" << backward + "}" << true;
    QTest::newRow("large differs") << forward + "}" << backward + ",\"extra\":1}" << false;
}

void TestJsonValue::equality()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(json(a) == json(b), equal);
    QCOMPARE(json(b) == json(a), equal);
    QCOMPARE(json(a) != json(b), !equal);
}

void TestJsonValue::identity()
{
    QVERIFY(json(R"({"a":1.50,"b":2})").isIdenticalTo(json(R"({"a":1.50,"b":2})")));
    QVERIFY(!json(R"({"a":1.50,"b":2})").isIdenticalTo(json(R"({"a":1.5,"b":2})")));
    QVERIFY(!json(R"({"a":1,"b":2})").isIdenticalTo(json(R"({"b":2,"a":1})")));
    QVERIFY(json(R"({"a":1,"b":2})") == json(R"({"b":2,"a":1})"));
}

void TestJsonValue::accessors()
{
    const JsonValue v = json(R"({"s":"x","n":1.50,"b":true,"a":[1,"two"],"o":{"k":null}})");
    QVERIFY(v.isObject());
    QCOMPARE(v.size(), 5);
    QCOMPARE(v.keys(),
             (QStringList {QStringLiteral("s"), QStringLiteral("n"), QStringLiteral("b"),
                           QStringLiteral("a"), QStringLiteral("o")}));
    QCOMPARE(v.value(u"s").toString(), QStringLiteral("x"));
    QCOMPARE(v.value(u"n").numberLiteral(), QByteArray("1.50"));
    QCOMPARE(v.value(u"n").toDouble(), 1.5);
    QVERIFY(!v.value(u"n").isInteger());
    QCOMPARE(v.value(u"b").toBool(), true);
    QCOMPARE(v.value(u"a").array().size(), 2);
    QCOMPARE(v.value(u"a").at(1).toString(), QStringLiteral("two"));
    QVERIFY(v.value(u"a").at(7).isNull());
    QVERIFY(v.value(u"o").find(u"k") != nullptr);
    QVERIFY(v.value(u"o").find(u"k")->isNull());
    QVERIFY(v.find(u"missing") == nullptr);
    QCOMPARE(v.indexOf(u"a"), 3);
    QCOMPARE(v.typeName(), QStringLiteral("object"));
    QCOMPARE(JsonValue::fromString(QStringLiteral("x")).toInt(5), 5);
}

void TestJsonValue::numbers_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<qint64>("asInt");
    QTest::addColumn<double>("asDouble");
    QTest::newRow("int") << QByteArray("42") << qint64(42) << 42.0;
    QTest::newRow("exponent int") << QByteArray("1e2") << qint64(100) << 100.0;
    QTest::newRow("fraction") << QByteArray("2.5") << qint64(-1) << 2.5;
    QTest::newRow("min int64") << QByteArray("-9223372036854775808")
                               << qint64(-9223372036854775807LL - 1) << -9223372036854775808.0;
    QTest::newRow("too big") << QByteArray("99999999999999999999") << qint64(-1) << 1e20;
}

void TestJsonValue::numbers()
{
    QFETCH(QByteArray, literal);
    QFETCH(qint64, asInt);
    QFETCH(double, asDouble);
    const JsonValue v = json(literal);
    QCOMPARE(v.toInt(-1), asInt);
    QCOMPARE(v.toDouble(), asDouble);
    QCOMPARE(toJson(v), literal);
}

void TestJsonValue::objectEditingKeepsPosition()
{
    JsonValue v = json(R"({"a":1,"b":2,"c":3})");
    v.insert(QStringLiteral("b"), JsonValue::fromString(QStringLiteral("two")));
    v.insert(QStringLiteral("d"), JsonValue::fromBool(false));
    QVERIFY(v.remove(u"a"));
    QVERIFY(!v.remove(u"zzz"));
    v.replace(QStringLiteral("c"), JsonValue::null());
    QCOMPARE(toJson(v, JsonStyle::Compact), QByteArray(R"({"b":"two","c":null,"d":false})"));

    const JsonValue built
        = JsonValue::fromMembers({JsonMember {QStringLiteral("x"), JsonValue::fromInt(1)},
                                  JsonMember {QStringLiteral("y"), JsonValue::fromInt(2)},
                                  JsonMember {QStringLiteral("x"), JsonValue::fromInt(3)}});
    QCOMPARE(toJson(built, JsonStyle::Compact), QByteArray(R"({"x":3,"y":2})"));
}

void TestJsonValue::copiesAreIndependent()
{
    const JsonValue original = json(R"({"a":{"b":[1,2]}})");
    JsonValue copy = original;
    copy.findMutable(u"a")->findMutable(u"b")->append(JsonValue::fromInt(3));
    copy.insert(QStringLiteral("z"), JsonValue());
    QCOMPARE(toJson(original, JsonStyle::Compact), QByteArray(R"({"a":{"b":[1,2]}})"));
    QCOMPARE(toJson(copy, JsonStyle::Compact), QByteArray(R"({"a":{"b":[1,2,3]},"z":null})"));
}

void TestJsonValue::millionLevelsDeep()
{
    // Built by hand (the parser stops at 512 levels, a JSON Patch could go further): measuring,
    // writing, copying and destroying a million levels must not exhaust the stack.
    constexpr int levels = 1000000;
    JsonValue value = JsonValue::fromInt(1);
    for (int i = 0; i < levels; ++i) {
        JsonValue::Array items;
        items.append(std::move(value));
        value = JsonValue::fromArray(std::move(items));
    }
    QCOMPARE(jsonDepth(value), levels);
    QCOMPARE(jsonDepth(value, 10), 11); // stops early
    const QByteArray compact = toJson(value, JsonStyle::Compact);
    QCOMPARE(compact.size(), 2 * levels + 1);
    QVERIFY(compact.startsWith("[[[") && compact.endsWith("]]]"));
    QCOMPARE(compact.at(levels), '1');
    {
        const JsonValue shared = value; // destroying a copy leaves the tree to the other owner
    }
    QCOMPARE(jsonDepth(value), levels);
    JsonValue object = JsonValue::emptyObject();
    for (int i = 0; i < levels; ++i) {
        JsonValue outer = JsonValue::emptyObject();
        outer.insert(QStringLiteral("a"), std::move(object));
        object = std::move(outer);
    }
    QCOMPARE(jsonDepth(object), levels + 1);
    value = JsonValue(); // the destructor of the old tree runs here
    object = JsonValue();
    QVERIFY(value.isNull());
}

QTEST_GUILESS_MAIN(TestJsonValue)
#include "tst_jsonvalue.moc"
