#include "core/json/jsonparser.h"
#include "core/json/jsonpatch.h"
#include "core/json/jsonwriter.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

Q_DECLARE_METATYPE(Patchbay::Core::JsonValue)

namespace {

JsonValue json(const char *text)
{
    Result<JsonValue> parsed = parseJson(text);
    if (!parsed)
        qFatal("bad test JSON: %s", qPrintable(parsed.error().message));
    return parsed.value();
}

QString repoDataDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/json/data/json-patch-tests");
}

QString sharedDataDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/../shared/testdata/json-patch-tests");
}

} // namespace

class TestJsonPatch final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void conformance_data();
    void conformance();
    void sharedCopyMatchesRepoCopy_data();
    void sharedCopyMatchesRepoCopy();
    void errorNamesOperation_data();
    void errorNamesOperation();
    void failedPatchLeavesDocumentUntouched();
    void validatePatchWithoutDocument();
    void keepsPositionAndLiterals();
    void resultDepthIsBounded();

private:
    int m_disabled = 0;
    int m_notes = 0;
    int m_enabled = 0;
};

void TestJsonPatch::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("PATCHBAY_SOURCE_DIR"), "run through ctest");
    QVERIFY2(QFile::exists(repoDataDir() + QStringLiteral("/tests.json")),
             qPrintable(repoDataDir()));
}

void TestJsonPatch::conformance_data()
{
    QTest::addColumn<JsonValue>("doc");
    QTest::addColumn<JsonValue>("patch");
    QTest::addColumn<bool>("expectError");
    QTest::addColumn<JsonValue>("expected");

    m_disabled = m_notes = m_enabled = 0;
    for (const QString &fileName :
         {QStringLiteral("tests.json"), QStringLiteral("spec_tests.json")}) {
        const QByteArray text = readFile(repoDataDir() + u'/' + fileName);
        Result<JsonValue> cases = parseJson(text);
        QVERIFY2(cases.ok(),
                 qPrintable(fileName + QStringLiteral(": ")
                            + (cases ? QString() : cases.error().message)));
        QVERIFY(cases->isArray());
        const JsonValue::Array &items = cases->array();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const JsonValue &c = items.at(i);
            if (!c.contains(u"doc") || !c.contains(u"patch")) {
                ++m_notes;
                continue;
            }
            if (c.value(u"disabled").toBool()) {
                ++m_disabled;
                continue;
            }
            ++m_enabled;
            const QString name
                = QStringLiteral("%1 #%2 %3")
                      .arg(fileName)
                      .arg(i)
                      .arg(c.value(u"comment").toString(c.value(u"error").toString()));
            const bool expectError = c.contains(u"error");
            // A case with neither "expected" nor "error" must apply, and its result is not checked.
            const JsonValue expected = c.contains(u"expected") ? c.value(u"expected") : JsonValue();
            QTest::newRow(qPrintable(name))
                << c.value(u"doc") << c.value(u"patch") << expectError
                << (c.contains(u"expected") ? expected : c.value(u"doc"));
        }
    }
    qInfo("json-patch-tests: %d enabled cases, %d disabled cases skipped, %d comment-only records",
          m_enabled, m_disabled, m_notes);
    QVERIFY(m_enabled > 100);
}

void TestJsonPatch::conformance()
{
    QFETCH(JsonValue, doc);
    QFETCH(JsonValue, patch);
    QFETCH(bool, expectError);
    QFETCH(JsonValue, expected);

    const QByteArray docBefore = toJson(doc, JsonStyle::Compact);
    JsonPatchError failure;
    Result<JsonValue> result = applyJsonPatch(doc, patch, &failure);
    // The input document is never modified, whatever happens.
    QCOMPARE(toJson(doc, JsonStyle::Compact), docBefore);
    if (expectError) {
        QVERIFY2(!result.ok(),
                 qPrintable(QString::fromUtf8(result ? toJson(result.value(), JsonStyle::Compact)
                                                     : QByteArray())));
        QCOMPARE(result.error().code, QStringLiteral("patch-failed"));
        QVERIFY(failure.operationIndex >= 0 && failure.operationIndex < patch.size());
        QVERIFY(!failure.reason.isEmpty());
        QCOMPARE(result.error().message, failure.message());
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().message));
    QVERIFY2(result.value() == expected,
             qPrintable(QString::fromUtf8(toJson(result.value(), JsonStyle::Compact)
                                          + " != " + toJson(expected, JsonStyle::Compact))));
}

void TestJsonPatch::sharedCopyMatchesRepoCopy_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("tests.json") << QStringLiteral("tests.json");
    QTest::newRow("spec_tests.json") << QStringLiteral("spec_tests.json");
}

void TestJsonPatch::sharedCopyMatchesRepoCopy()
{
    QFETCH(QString, fileName);
    const QString shared = sharedDataDir() + u'/' + fileName;
    if (!QFile::exists(shared))
        QSKIP("no shared/ checkout beside the repository: the repository copy is used alone");
    QCOMPARE(readFile(repoDataDir() + u'/' + fileName), readFile(shared));
}

void TestJsonPatch::errorNamesOperation_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("messageStart");
    QTest::addColumn<QString>("reasonContains");

    QTest::newRow("replace missing parent")
        << QByteArray(R"({"a":{}})")
        << QByteArray(R"([{"op":"test","path":"/a","value":{}},{"op":"add","path":"/x","value":1},
                          {"op":"add","path":"/y","value":2},{"op":"replace","path":"/a/b","value":3}])")
        << 3 << QStringLiteral("operation 3 (replace /a/b): ") << QStringLiteral("does not exist");
    QTest::newRow("test fails") << QByteArray(R"({"n":1.50})")
                                << QByteArray(R"([{"op":"test","path":"/n","value":2}])") << 0
                                << QStringLiteral("operation 0 (test /n): ")
                                << QStringLiteral("the value at /n is 1.50, expected 2");
    QTest::newRow("unknown op") << QByteArray("{}") << QByteArray(R"([{"op":"spam","path":"/a"}])")
                                << 0 << QStringLiteral("operation 0 (spam /a): ")
                                << QStringLiteral("unknown op \"spam\"");
    QTest::newRow("missing op") << QByteArray("{}") << QByteArray(R"([{"path":"/a"}])") << 0
                                << QStringLiteral("operation 0 (/a): ")
                                << QStringLiteral("missing \"op\"");
    QTest::newRow("missing value")
        << QByteArray("{}") << QByteArray(R"([{"op":"add","path":"/a"}])") << 0
        << QStringLiteral("operation 0 (add /a): ") << QStringLiteral("missing \"value\"");
    QTest::newRow("missing from") << QByteArray("{}")
                                  << QByteArray(R"([{"op":"move","path":"/a"}])") << 0
                                  << QStringLiteral("operation 0 (move /a): ")
                                  << QStringLiteral("missing \"from\"");
    QTest::newRow("move into own child")
        << QByteArray(R"({"a":{"b":{}}})")
        << QByteArray(R"([{"op":"move","from":"/a","path":"/a/b/c"}])") << 0
        << QStringLiteral("operation 0 (move /a -> /a/b/c): ")
        << QStringLiteral("into one of its own children");
    QTest::newRow("bad pointer") << QByteArray("{}")
                                 << QByteArray(R"([{"op":"add","path":"a","value":1}])") << 0
                                 << QStringLiteral("operation 0 (add a): ")
                                 << QStringLiteral("must be empty or start with '/'");
    QTest::newRow("index out of range")
        << QByteArray(R"({"a":[1]})") << QByteArray(R"([{"op":"add","path":"/a/5","value":1}])")
        << 0 << QStringLiteral("operation 0 (add /a/5): ")
        << QStringLiteral("index 5 is out of range");
    QTest::newRow("not an operation")
        << QByteArray("{}") << QByteArray("[1]") << 0 << QStringLiteral("operation 0: ")
        << QStringLiteral("must be an object, not a number");
    QTest::newRow("patch not an array")
        << QByteArray("{}") << QByteArray(R"({"op":"add"})") << -1
        << QStringLiteral("a JSON Patch must be an array") << QStringLiteral("not an object");
}

void TestJsonPatch::errorNamesOperation()
{
    QFETCH(QByteArray, doc);
    QFETCH(QByteArray, patch);
    QFETCH(int, index);
    QFETCH(QString, messageStart);
    QFETCH(QString, reasonContains);

    JsonPatchError failure;
    const Result<JsonValue> result = applyJsonPatch(json(doc), json(patch), &failure);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("patch-failed"));
    QCOMPARE(failure.operationIndex, index);
    QVERIFY2(result.error().message.startsWith(messageStart), qPrintable(result.error().message));
    QVERIFY2(failure.reason.contains(reasonContains), qPrintable(failure.reason));
}

void TestJsonPatch::failedPatchLeavesDocumentUntouched()
{
    const JsonValue doc = json(R"({"a":{"b":[1,2,3]},"c":"x"})");
    const JsonValue copy = doc; // shares containers with doc
    const JsonValue patch
        = json(R"([{"op":"remove","path":"/a/b/0"},{"op":"add","path":"/a/z","value":1},
        {"op":"replace","path":"/c","value":"y"},{"op":"test","path":"/c","value":"nope"}])");
    JsonPatchError failure;
    QVERIFY(!applyJsonPatch(copy, patch, &failure).ok());
    QCOMPARE(failure.operationIndex, 3);
    QVERIFY(copy.isIdenticalTo(doc));
    QCOMPARE(toJson(copy, JsonStyle::Compact), QByteArray(R"({"a":{"b":[1,2,3]},"c":"x"})"));

    // And a successful patch does not write through shared containers either.
    const Result<JsonValue> ok = applyJsonPatch(copy, json(R"([{"op":"remove","path":"/a/b/0"}])"));
    QVERIFY(ok.ok());
    QCOMPARE(toJson(ok.value(), JsonStyle::Compact), QByteArray(R"({"a":{"b":[2,3]},"c":"x"})"));
    QCOMPARE(toJson(doc, JsonStyle::Compact), QByteArray(R"({"a":{"b":[1,2,3]},"c":"x"})"));
}

void TestJsonPatch::validatePatchWithoutDocument()
{
    QVERIFY(!validateJsonPatch(json(R"([{"op":"add","path":"/a","value":null}])")).has_value());
    const auto error = validateJsonPatch(
        json(R"([{"op":"add","path":"/a","value":null},{"op":"copy","path":"/b"}])"));
    QVERIFY(error.has_value());
    QCOMPARE(error->operationIndex, 1);
    QCOMPARE(error->message(), QStringLiteral("operation 1 (copy /b): missing \"from\" member"));
}

void TestJsonPatch::keepsPositionAndLiterals()
{
    const JsonValue doc = json(R"({"price": 1.50, "id": 7, "name": "x"})");
    const Result<JsonValue> result = applyJsonPatch(
        doc,
        json(
            R"([{"op":"replace","path":"/price","value":2.50},{"op":"add","path":"/z","value":1e3}])"));
    QVERIFY(result.ok());
    QCOMPARE(toJson(result.value(), JsonStyle::Compact),
             QByteArray(R"({"price":2.50,"id":7,"name":"x","z":1e3})"));
}

void TestJsonPatch::resultDepthIsBounded()
{
    // Each operation may add a 500-level value at the end of a 500-level path: without a bound,
    // a long patch would build a document of any depth.
    const QByteArray deepValue = QByteArray(500, '[') + QByteArray(500, ']');
    QByteArray path;
    for (int i = 0; i < 13; ++i) // 14 tokens + 500 levels
        path += "/0";
    QByteArray patch = "[{\"op\":\"add\",\"path\":\"/a\",\"value\":" + deepValue + "},";
    patch += "{\"op\":\"add\",\"path\":\"/a" + path + "\",\"value\":" + deepValue + "}]";
    JsonPatchError failure;
    const Result<JsonValue> result = applyJsonPatch(json("{}"), json(patch.constData()), &failure);
    QVERIFY(!result.ok());
    QCOMPARE(failure.operationIndex, 1);
    QVERIFY2(failure.reason.contains(QStringLiteral("deeper than 512 levels")),
             qPrintable(failure.reason));

    // Exactly at the limit: applied. "/a/b" (2 tokens) + 510 levels = 512 (a patch document
    // itself can carry at most 510 levels in a value).
    const QByteArray deepest = QByteArray(510, '[') + QByteArray(510, ']');
    const QByteArray addDeepest = "[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":" + deepest + "}]";
    const Result<JsonValue> ok = applyJsonPatch(json(R"({"a":{}})"), json(addDeepest.constData()));
    QVERIFY(ok.ok());
    QCOMPARE(jsonDepth(ok.value()), 512);
    // One more level: refused, for add, copy (and so move) and replace alike.
    QByteArray innermost = "/a/b"; // the innermost array is at /a/b/0/0/... (509 more tokens)
    for (int i = 0; i < 510; ++i)
        innermost += "/0";
    QVERIFY(!applyJsonPatch(
                 ok.value(),
                 json(QByteArray("[{\"op\":\"add\",\"path\":\"" + innermost + "\",\"value\":[]}]")
                          .constData()))
                 .ok());
    QVERIFY(applyJsonPatch(
                ok.value(),
                json(QByteArray("[{\"op\":\"add\",\"path\":\"" + innermost + "\",\"value\":1}]")
                         .constData()))
                .ok());
    QVERIFY(!applyJsonPatch(ok.value(), json(R"([{"op":"copy","from":"/a","path":"/a/c"}])")).ok());
    QVERIFY(
        applyJsonPatch(ok.value(), json(R"([{"op":"replace","path":"/a/b/0","value":[1]}])")).ok());
}

QTEST_GUILESS_MAIN(TestJsonPatch)
#include "tst_jsonpatch.moc"
