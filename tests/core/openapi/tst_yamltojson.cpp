#include "core/json/jsonparser.h"
#include "core/openapi/yamltojson.h"

#include <QTest>

using namespace Patchbay::Core;

class TestYamlToJson final : public QObject
{
    Q_OBJECT

private slots:
    void scalars_data();
    void scalars();
    void structure();
    void anchorsAndAliases();
    void billionLaughsStops();
    void depthLimit();
    void syntaxErrorNamesLine();
};

void TestYamlToJson::scalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain string") << QByteArray("a: hello world")
                                  << QByteArray(R"({"a":"hello world"})");
    QTest::newRow("int") << QByteArray("a: 42") << QByteArray(R"({"a":42})");
    QTest::newRow("negative int") << QByteArray("a: -7") << QByteArray(R"({"a":-7})");
    QTest::newRow("plus int") << QByteArray("a: +7") << QByteArray(R"({"a":7})");
    QTest::newRow("leading zeros") << QByteArray("a: 007") << QByteArray(R"({"a":7})");
    QTest::newRow("hex") << QByteArray("a: 0x1F") << QByteArray(R"({"a":31})");
    QTest::newRow("octal") << QByteArray("a: 0o17") << QByteArray(R"({"a":15})");
    QTest::newRow("float kept") << QByteArray("a: 1.50") << QByteArray(R"({"a":1.50})");
    QTest::newRow("bare dot float") << QByteArray("a: .5") << QByteArray(R"({"a":0.5})");
    QTest::newRow("trailing dot float") << QByteArray("a: 1.") << QByteArray(R"({"a":1})");
    QTest::newRow("exponent") << QByteArray("a: 1e+3") << QByteArray(R"({"a":1e3})");
    QTest::newRow("infinity is text") << QByteArray("a: .inf") << QByteArray(R"({"a":".inf"})");
    QTest::newRow("version string") << QByteArray("a: 1.2.3") << QByteArray(R"({"a":"1.2.3"})");
    QTest::newRow("true") << QByteArray("a: true") << QByteArray(R"({"a":true})");
    QTest::newRow("yes is text (1.2)") << QByteArray("a: yes") << QByteArray(R"({"a":"yes"})");
    QTest::newRow("null forms") << QByteArray("a: ~\nb: null\nc:")
                                << QByteArray(R"({"a":null,"b":null,"c":null})");
    QTest::newRow("quoted stays text")
        << QByteArray("a: '42'\nb: \"true\"") << QByteArray(R"({"a":"42","b":"true"})");
    QTest::newRow("str tag") << QByteArray("a: !!str 42") << QByteArray(R"({"a":"42"})");
    QTest::newRow("numeric keys are strings")
        << QByteArray("200:\n  x: 1") << QByteArray(R"({"200":{"x":1}})");
    QTest::newRow("escapes") << QByteArray("a: \"tab\\there \\\"q\\\" \\\\\"")
                             << QByteArray(R"({"a":"tab\there \"q\" \\"})");
    QTest::newRow("literal block")
        << QByteArray("a: |\n  line1\n  line2\n") << QByteArray(R"({"a":"line1\nline2\n"})");
    QTest::newRow("unicode") << QByteArray("a: caf\xc3\xa9 \xe2\x80\x99")
                             << QByteArray("{\"a\":\"caf\xc3\xa9 \xe2\x80\x99\"}");
}

void TestYamlToJson::scalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, json);
    Result<std::string> result = yamlToJson(yaml);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(QByteArray::fromStdString(result.value()), json);
    QVERIFY(parseJson(QByteArray::fromStdString(result.value())).ok());
}

void TestYamlToJson::structure()
{
    const QByteArray yaml = "paths:\n  /pets:\n    get:\n      tags: [a, b]\n      x: {k: v}\n"
                            "list:\n  - 1\n  - - nested\n  - {}\n  - []\n";
    Result<std::string> result = yamlToJson(yaml);
    QVERIFY(result.ok());
    QCOMPARE(QByteArray::fromStdString(result.value()),
             QByteArray(R"({"paths":{"/pets":{"get":{"tags":["a","b"],"x":{"k":"v"}}}},)"
                        R"("list":[1,["nested"],{},[]]})"));
    // Only the first document of a stream.
    QCOMPARE(QByteArray::fromStdString(yamlToJson("a: 1\n---\nb: 2\n").value()),
             QByteArray(R"({"a":1})"));
}

void TestYamlToJson::anchorsAndAliases()
{
    const QByteArray yaml = "base: &b\n  x: 1\n  y: [1, 2]\nkey: &k name\ncopy: *b\n*k : 3\n";
    Result<std::string> result = yamlToJson(yaml);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(
        QByteArray::fromStdString(result.value()),
        QByteArray(R"({"base":{"x":1,"y":[1,2]},"key":"name","copy":{"x":1,"y":[1,2]},"name":3})"));
}

void TestYamlToJson::billionLaughsStops()
{
    QByteArray yaml
        = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; ++c) {
        yaml += c + QByteArray(": &") + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev
            + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n";
        prev = c;
    }
    SpecLimits limits;
    limits.maxExpandedBytes = 16 * 1024 * 1024;
    QElapsedTimer timer;
    timer.start();
    Result<std::string> result = yamlToJson(yaml, limits);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("yaml-too-large"));
    QVERIFY(timer.elapsed() < 10000);
}

void TestYamlToJson::depthLimit()
{
    QByteArray yaml;
    for (int i = 0; i < 300; ++i)
        yaml += '[';
    SpecLimits limits;
    limits.maxDepth = 100;
    Result<std::string> result = yamlToJson(yaml, limits);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("yaml-too-deep"));
}

void TestYamlToJson::syntaxErrorNamesLine()
{
    Result<std::string> result = yamlToJson("a: 1\nb: [1, 2\nc: 3\n");
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("yaml-syntax"));
    QVERIFY2(result.error().message.startsWith(QLatin1String("line ")),
             qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(TestYamlToJson)
#include "tst_yamltojson.moc"
