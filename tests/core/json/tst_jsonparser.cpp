#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"

#include <QTest>

using namespace Patchbay::Core;

class TestJsonParser final : public QObject
{
    Q_OBJECT

private slots:
    void roundTripCompact_data();
    void roundTripCompact();
    void roundTripIndented();
    void accept_data();
    void accept();
    void reject_data();
    void reject();
    void errorPosition_data();
    void errorPosition();
    void depthLimit();
    void duplicateKeysKeepLastValueAtFirstPosition();
    void repeatedKeys();
    void strings_data();
    void strings();
    void loneSurrogateSurvivesRoundTrip();
    void byteOrderMarkIgnored();
    void writerEscapesMinimally();
    void writerIndentWidth();
};

void TestJsonParser::roundTripCompact_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("order and decimals") << QByteArray(R"({"price":1.50,"id":7})");
    QTest::newRow("exponents") << QByteArray(
        R"([1e3,1E+3,-2.5e-10,0.0,-0,10000000000000000000001])");
    QTest::newRow("keys not sorted") << QByteArray(R"({"z":1,"a":2,"m":{"y":null,"b":true}})");
    QTest::newRow("empty containers") << QByteArray(R"({"a":{},"b":[],"c":[{}],"d":""})");
    QTest::newRow("unicode kept") << QByteArray("{\"name\":\"caf\xc3\xa9 \xf0\x9f\x98\x80\"}");
    QTest::newRow("escapes") << QByteArray(R"(["a\"b","c\\d","e\nf","\u0001","tab\t"])");
    QTest::newRow("scalars") << QByteArray("true");
    QTest::newRow("string root") << QByteArray(R"("x")");
    QTest::newRow("deep") << QByteArray(R"([[[[[[{"a":[[]]}]]]]]])");
}

void TestJsonParser::roundTripCompact()
{
    QFETCH(QByteArray, text);
    const Result<JsonValue> parsed = parseJson(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(toJson(parsed.value(), JsonStyle::Compact), text);
    QVERIFY(!findJsonSyntaxError(text).has_value());
}

void TestJsonParser::roundTripIndented()
{
    const QByteArray text = "{\n  \"price\": 1.50,\n  \"tags\": [\n    \"a\",\n    {}\n  ],\n"
                            "  \"empty\": [],\n  \"n\": {\n    \"x\": null\n  }\n}";
    const Result<JsonValue> parsed = parseJson(text);
    QVERIFY(parsed.ok());
    QCOMPARE(toJson(parsed.value()), text);
    QCOMPARE(toJson(parsed.value(), JsonStyle::Indented, 2), text);
}

void TestJsonParser::accept_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("whitespace around") << QByteArray(" \t\r\n[1] \n");
    QTest::newRow("number zero") << QByteArray("0");
    QTest::newRow("negative zero fraction") << QByteArray("-0.0e-0");
    QTest::newRow("huge exponent") << QByteArray("[1e400]");
    QTest::newRow("escaped slash") << QByteArray(R"(["\/"])");
    QTest::newRow("surrogate pair escape") << QByteArray(R"(["\ud83d\ude00"])");
    QTest::newRow("all escapes") << QByteArray(R"(["\"\\\/\b\f\n\r\t\u00e9"])");
    QTest::newRow("DEL unescaped") << QByteArray("[\"\x7f\"]");
    QTest::newRow("empty key") << QByteArray(R"({"":0})");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("nested 512") << QByteArray(512, '[') + QByteArray(512, ']');
}

void TestJsonParser::accept()
{
    QFETCH(QByteArray, text);
    const Result<JsonValue> parsed = parseJson(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().message));
    QVERIFY(!findJsonSyntaxError(text).has_value());
}

void TestJsonParser::reject_data()
{
    // From JSONTestSuite's n_ (must reject) files, among others.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("expected a JSON value");
    QTest::newRow("only space") << QByteArray(" ") << QStringLiteral("expected a JSON value");
    QTest::newRow("trailing comma array") << QByteArray("[1,]") << QStringLiteral("trailing comma");
    QTest::newRow("trailing comma object")
        << QByteArray(R"({"a":1,})") << QStringLiteral("trailing comma");
    QTest::newRow("leading comma") << QByteArray("[,1]") << QStringLiteral("found ','");
    QTest::newRow("double comma") << QByteArray("[1,,2]") << QStringLiteral("found ','");
    QTest::newRow("2.e3") << QByteArray("[2.e3]") << QStringLiteral("after the decimal point");
    QTest::newRow("1.") << QByteArray("[1.]") << QStringLiteral("after the decimal point");
    QTest::newRow(".1") << QByteArray("[.1]") << QStringLiteral("expected a JSON value");
    QTest::newRow("leading zero") << QByteArray("[012]") << QStringLiteral("leading zeros");
    QTest::newRow("negative leading zero")
        << QByteArray("[-012]") << QStringLiteral("leading zeros");
    QTest::newRow("plus sign") << QByteArray("[+1]") << QStringLiteral("found '+'");
    QTest::newRow("minus alone") << QByteArray("[-]") << QStringLiteral("digit after '-'");
    QTest::newRow("exponent without digits") << QByteArray("[1e]") << QStringLiteral("exponent");
    QTest::newRow("exponent sign only") << QByteArray("[1e+]") << QStringLiteral("exponent");
    QTest::newRow("hex") << QByteArray("[0x1]") << QStringLiteral("expected ',' or ']'");
    QTest::newRow("NaN") << QByteArray("[NaN]") << QStringLiteral("found 'N'");
    QTest::newRow("Infinity") << QByteArray("[-Infinity]") << QStringLiteral("digit after '-'");
    QTest::newRow("raw tab in string")
        << QByteArray("[\"a\tb\"]") << QStringLiteral("control character U+0009");
    QTest::newRow("raw newline in string")
        << QByteArray("[\"a\nb\"]") << QStringLiteral("control character U+000A");
    QTest::newRow("bad escape") << QByteArray(R"(["\x00"])")
                                << QStringLiteral("invalid escape '\\x'");
    QTest::newRow("short unicode escape")
        << QByteArray(R"(["\u00A"])") << QStringLiteral("four hex digits");
    QTest::newRow("unterminated string")
        << QByteArray(R"(["abc)") << QStringLiteral("unterminated");
    QTest::newRow("single quotes") << QByteArray("['a']") << QStringLiteral("double quotes");
    QTest::newRow("unquoted key") << QByteArray("{a:1}") << QStringLiteral("double quotes");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << QStringLiteral("expected ':'");
    QTest::newRow("missing value") << QByteArray(R"({"a":})") << QStringLiteral("found '}'");
    QTest::newRow("unclosed array") << QByteArray("[1") << QStringLiteral("end of input");
    QTest::newRow("unclosed object") << QByteArray(R"({"a":1)") << QStringLiteral("end of input");
    QTest::newRow("extra close") << QByteArray("[1]]") << QStringLiteral("after the JSON value");
    QTest::newRow("two values") << QByteArray("1 2") << QStringLiteral("after the JSON value");
    QTest::newRow("comment") << QByteArray("[1]//x") << QStringLiteral("after the JSON value");
    QTest::newRow("misspelt true") << QByteArray("[tru]") << QStringLiteral("expected 'true'");
    QTest::newRow("capital True") << QByteArray("[True]") << QStringLiteral("found 'T'");
    QTest::newRow("form feed whitespace") << QByteArray("[\f]") << QStringLiteral("U+000C");
    QTest::newRow("nul outside string") << QByteArray("[\0]", 3) << QStringLiteral("U+0000");
    QTest::newRow("invalid utf8 in string")
        << QByteArray("[\"\xff\"]") << QStringLiteral("invalid UTF-8");
    QTest::newRow("overlong utf8")
        << QByteArray("[\"\xc0\xaf\"]") << QStringLiteral("invalid UTF-8");
    QTest::newRow("utf8 surrogate")
        << QByteArray("[\"\xed\xa0\x80\"]") << QStringLiteral("invalid UTF-8");
    QTest::newRow("BOM only") << QByteArray("\xef\xbb\xbf")
                              << QStringLiteral("expected a JSON value");
    QTest::newRow("word joiner") << QByteArray("[\xe2\x81\xa0]") << QStringLiteral("U+2060");
    QTest::newRow("array as key") << QByteArray(R"({[1]:2})") << QStringLiteral("double quotes");
}

void TestJsonParser::reject()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const Result<JsonValue> parsed = parseJson(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("json-syntax"));
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    const std::optional<JsonSyntaxError> error = findJsonSyntaxError(text);
    QVERIFY(error.has_value());
    QCOMPARE(error->toString(), parsed.error().message); // the same answer from both paths
}

void TestJsonParser::errorPosition_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("first char") << QByteArray("x") << 0 << 1 << 1;
    QTest::newRow("trailing comma line 3")
        << QByteArray("{\n  \"a\": [1,\n   2,]\n}") << 17 << 3 << 5;
    QTest::newRow("after unicode") << QByteArray("[\"\xc3\xa9\xc3\xa9\", x]") << 9 << 1 << 8;
    QTest::newRow("leading zero points at number") << QByteArray("[1,\n 007]") << 5 << 2 << 2;
    QTest::newRow("end of input") << QByteArray("{\"a\":\n") << 6 << 2 << 1;
    QTest::newRow("control char in string") << QByteArray("\"ab\x01\"") << 3 << 1 << 4;
}

void TestJsonParser::errorPosition()
{
    QFETCH(QByteArray, text);
    QFETCH(int, offset);
    QFETCH(int, line);
    QFETCH(int, column);

    const std::optional<JsonSyntaxError> error = findJsonSyntaxError(text);
    QVERIFY(error.has_value());
    QCOMPARE(error->offset, offset);
    QCOMPARE(error->line, line);
    QCOMPARE(error->column, column);
    const Result<JsonValue> parsed = parseJson(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.startsWith(
                 QStringLiteral("line %1, column %2: ").arg(line).arg(column)),
             qPrintable(parsed.error().message));
}

void TestJsonParser::depthLimit()
{
    const QByteArray tooDeep
        = QByteArray(MaxJsonDepth + 1, '[') + QByteArray(MaxJsonDepth + 1, ']');
    const Result<JsonValue> parsed = parseJson(tooDeep);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(QStringLiteral("deeper than 512")),
             qPrintable(parsed.error().message));
    QVERIFY(findJsonSyntaxError(tooDeep).has_value());
    // JSONTestSuite's n_structure_100000_opening_arrays must fail cleanly, not crash.
    QVERIFY(!parseJson(QByteArray(100000, '[')).ok());
    QVERIFY(!parseJson(QByteArray(50000, '{')).ok());
    // A million levels: refused with the limit's message, without exhausting the stack.
    const QByteArray million = QByteArray(1000000, '[') + QByteArray(1000000, ']');
    const Result<JsonValue> deep = parseJson(million);
    QVERIFY(!deep.ok());
    QVERIFY(deep.error().message.contains(QStringLiteral("deeper than 512")));
    QVERIFY(findJsonSyntaxError(million).has_value());
    QVERIFY(!parseJson(QByteArray(1000000, '{')).ok());
    // At the limit: read.
    const QByteArray atLimit = QByteArray(MaxJsonDepth, '[') + QByteArray(MaxJsonDepth, ']');
    const Result<JsonValue> limit = parseJson(atLimit);
    QVERIFY(limit.ok());
    QCOMPARE(jsonDepth(limit.value()), MaxJsonDepth);
    QVERIFY(!findJsonSyntaxError(atLimit).has_value());
}

void TestJsonParser::duplicateKeysKeepLastValueAtFirstPosition()
{
    const Result<JsonValue> small = parseJson(R"({"a":1,"b":2,"a":3})");
    QVERIFY(small.ok());
    QCOMPARE(toJson(small.value(), JsonStyle::Compact), QByteArray(R"({"a":3,"b":2})"));

    // Large objects take the hashed path.
    QByteArray text = "{";
    for (int i = 0; i < 40; ++i)
        text += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + ",";
    text += "\"k3\":\"last\"}";
    const Result<JsonValue> large = parseJson(text);
    QVERIFY(large.ok());
    QCOMPARE(large->size(), 40);
    QCOMPARE(large->members().at(3).key, QStringLiteral("k3"));
    QCOMPARE(large->value(u"k3").toString(), QStringLiteral("last"));
}

void TestJsonParser::repeatedKeys()
{
    // Keys are decoded once and reused; escaped and raw spellings must still agree.
    const QByteArray text = R"([{"ab":1,"id":2},{"a\u0062":3,"id":4},{"ab":5,"i\"d":6}])";
    const Result<JsonValue> parsed = parseJson(text);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->at(0).keys(), (QStringList {QStringLiteral("ab"), QStringLiteral("id")}));
    QCOMPARE(parsed->at(1).keys(), (QStringList {QStringLiteral("ab"), QStringLiteral("id")}));
    QCOMPARE(parsed->at(2).keys(), (QStringList {QStringLiteral("ab"), QStringLiteral("i\"d")}));
    QCOMPARE(toJson(parsed.value(), JsonStyle::Compact),
             QByteArray(R"([{"ab":1,"id":2},{"ab":3,"id":4},{"ab":5,"i\"d":6}])"));
}

void TestJsonParser::strings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray(R"("abc")") << QStringLiteral("abc");
    QTest::newRow("escapes") << QByteArray(R"("a\"\\\/\b\f\n\r\tz")")
                             << QStringLiteral("a\"\\/\b\f\n\r\tz");
    QTest::newRow("unicode escape") << QByteArray(R"("\u00e9\u4e2d")") << QString::fromUtf8("é中");
    QTest::newRow("surrogate pair") << QByteArray(R"("\ud83d\ude00")") << QString::fromUtf8("😀");
    QTest::newRow("raw utf8") << QByteArray("\"\xe4\xb8\xad\xf0\x9f\x98\x80\"")
                              << QString::fromUtf8("中😀");
    QTest::newRow("escape then raw") << QByteArray("\"\\n\xc3\xa9x\"")
                                     << QString::fromUtf8("\né"
                                                          "x");
    QTest::newRow("nul escape") << QByteArray(R"("a\u0000b")")
                                << QString(QStringLiteral("a") + QChar(0) + u'b');
    // U+FEFF inside a string is content; QString::fromUtf8 would drop it at a span's start.
    const QChar bom(0xFEFF);
    QTest::newRow("BOM starts a string")
        << QByteArray("\"\xef\xbb\xbfx\"") << QString(bom + QStringLiteral("x"));
    QTest::newRow("BOM is the whole string") << QByteArray("\"\xef\xbb\xbf\"") << QString(bom);
    QTest::newRow("two BOMs") << QByteArray("\"\xef\xbb\xbf\xef\xbb\xbf\"")
                              << QString(QString(bom) + bom);
    QTest::newRow("BOM after an escape") << QByteArray("\"a\\n\xef\xbb\xbf"
                                                       "b\"")
                                         << QString(QStringLiteral("a\n") + bom + u'b');
    QTest::newRow("BOM as a key-like string after a quote escape")
        << QByteArray("\"\\\"\xef\xbb\xbf\"") << QString(QStringLiteral("\"") + bom);
}

void TestJsonParser::strings()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const Result<JsonValue> parsed = parseJson(text);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->toString(), expected);
}

void TestJsonParser::loneSurrogateSurvivesRoundTrip()
{
    const Result<JsonValue> parsed = parseJson(R"(["\ud800","x\udc00y"])");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->at(0).toString().size(), 1);
    QCOMPARE(parsed->at(0).toString().at(0).unicode(), 0xD800);
    QCOMPARE(toJson(parsed.value(), JsonStyle::Compact), QByteArray(R"(["\ud800","x\udc00y"])"));
}

void TestJsonParser::byteOrderMarkIgnored()
{
    const Result<JsonValue> parsed = parseJson("\xef\xbb\xbf{\"a\":1}");
    QVERIFY(parsed.ok());
    QCOMPARE(toJson(parsed.value(), JsonStyle::Compact), QByteArray(R"({"a":1})"));
    // Only the document's leading mark is skipped; one in a key or value survives a round trip.
    const QByteArray inside = "{\"\xef\xbb\xbfk\":\"\xef\xbb\xbfv\"}";
    const Result<JsonValue> kept = parseJson(inside);
    QVERIFY(kept.ok());
    QCOMPARE(kept->keys().at(0).at(0).unicode(), 0xFEFF);
    QCOMPARE(toJson(kept.value(), JsonStyle::Compact), inside);
}

void TestJsonParser::writerEscapesMinimally()
{
    JsonValue v = JsonValue::emptyObject();
    v.insert(QStringLiteral("k\"ey"),
             JsonValue::fromString(QString::fromUtf8("é/\x01\x1f<>&\u2028")));
    QCOMPARE(toJson(v, JsonStyle::Compact),
             QByteArray("{\"k\\\"ey\":\"\xc3\xa9/\\u0001\\u001f<>&\xe2\x80\xa8\"}"));
    QCOMPARE(toJson(JsonValue::fromDouble(0.1)), QByteArray("0.1"));
    QCOMPARE(toJson(JsonValue::fromDouble(qInf())), QByteArray("null"));
    QCOMPARE(toJson(JsonValue::fromInt(-42)), QByteArray("-42"));
}

void TestJsonParser::writerIndentWidth()
{
    const Result<JsonValue> parsed = parseJson(R"({"a":[1,{"b":2}]})");
    QVERIFY(parsed.ok());
    QCOMPARE(toJson(parsed.value(), JsonStyle::Indented, 4),
             QByteArray("{\n    \"a\": [\n        1,\n        {\n            \"b\": 2\n        }\n"
                        "    ]\n}"));
}

QTEST_GUILESS_MAIN(TestJsonParser)
#include "tst_jsonparser.moc"
