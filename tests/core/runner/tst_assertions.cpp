#include "core/environments/variablecontext.h"
#include "core/http/response.h"
#include "core/runner/assertion.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Patchbay::Core;

Q_DECLARE_METATYPE(Patchbay::Core::AssertionKind)
Q_DECLARE_METATYPE(Patchbay::Core::CaptureSource)

namespace {

Response sampleResponse()
{
    Response r;
    r.statusCode = 201;
    r.reason = QStringLiteral("Created");
    r.headers = {{"Content-Type", "application/json; charset=utf-8"},
                 {"ETag", "\"v7\""},
                 {"X-Total-Count", "42"}};
    r.body = ResponseBody(QByteArrayLiteral(
        "{\"id\": 7, \"price\": 1.50, \"name\": \"Ada\", \"tags\": [\"a\", \"b\"], "
        "\"ok\": true, \"none\": null, \"nested\": {\"token\": \"tok-123\", \"n\": 1}}"));
    r.timing.finished = 12.5;
    return r;
}

} // namespace

// Every assertion kind, passing and failing, with the messages users read.
class TestAssertions final : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data()
    {
        QTest::addColumn<AssertionKind>("kind");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("passed");
        QTest::addColumn<QString>("message");
        using K = AssertionKind;
        const QString none;
        QTest::newRow("status equals")
            << K::StatusEquals << none << "201" << true << "status is 201";
        QTest::newRow("status differs")
            << K::StatusEquals << none << "200" << false << "expected status 200, got 201";
        QTest::newRow("status not a number") << K::StatusEquals << none << "ok" << false
                                             << "\"ok\" is not a status code; write e.g. 200";
        QTest::newRow("status range")
            << K::StatusInRange << none << "200-299" << true << "status 201 is in 200-299";
        QTest::newRow("status class")
            << K::StatusInRange << none << "2xx" << true << "status 201 is in 200-299";
        QTest::newRow("status out of range")
            << K::StatusInRange << none << "4xx" << false << "expected status in 400-499, got 201";
        QTest::newRow("bad range")
            << K::StatusInRange << none << "300-200" << false
            << "\"300-200\" is not a status range; write e.g. 200-299 or 2xx";
        QTest::newRow("header exists any case")
            << K::HeaderExists << "etag" << none << true << "header etag is present";
        QTest::newRow("header missing") << K::HeaderExists << "Location" << none << false
                                        << "expected header Location, but the response has none";
        QTest::newRow("header equals") << K::HeaderEquals << "X-Total-Count"
                                       << "42" << true << "header X-Total-Count is \"42\"";
        QTest::newRow("header differs")
            << K::HeaderEquals << "X-Total-Count"
            << "41" << false << "expected header X-Total-Count to be \"41\", got \"42\"";
        QTest::newRow("header matches")
            << K::HeaderMatches << "Content-Type"
            << "^application/json" << true << "header Content-Type matches ^application/json";
        QTest::newRow("header no match") << K::HeaderMatches << "Content-Type"
                                         << "xml$" << false
                                         << "expected header Content-Type to match xml$, got "
                                            "\"application/json; charset=utf-8\"";
        QTest::newRow("bad regex") << K::HeaderMatches << "Content-Type"
                                   << "(" << false
                                   << "\"(\" is not a valid regular expression (missing closing "
                                      "parenthesis)";
        QTest::newRow("json exists")
            << K::JsonExists << "/nested/token" << none << true << "/nested/token exists";
        QTest::newRow("json null exists")
            << K::JsonExists << "/none" << none << true << "/none exists";
        QTest::newRow("json missing") << K::JsonExists << "/nested/nope" << none << false
                                      << "expected /nested/nope to exist, but /nested/nope is "
                                         "not in the body";
        QTest::newRow("json bad pointer") << K::JsonExists << "/a~2" << none << false
                                          << "expected /a~2 to exist, but \"/a~2\" is not a JSON "
                                             "pointer (it starts with / and each ~ is followed "
                                             "by 0 or 1); write it like /data/0/id";
        // Targets that are not pointers are jq expressions, or JSONPath when they start with $.
        QTest::newRow("jq exists")
            << K::JsonExists << ".nested.token" << none << true << ".nested.token exists";
        QTest::newRow("jq missing is null")
            << K::JsonExists << ".nested.nope" << none << false
            << "expected .nested.nope to exist, but it is null or missing";
        QTest::newRow("jq no value")
            << K::JsonExists << ".tags[] | select(. == \"z\")" << none << false
            << "expected .tags[] | select(. == \"z\") to exist, but "
               ".tags[] | select(. == \"z\") gave no value";
        QTest::newRow("jq unknown function")
            << K::JsonExists << "id" << none << false
            << "expected id to exist, but \"id\" is not a valid jq expression (id/0 is not "
               "defined (line 1))";
        QTest::newRow("jq syntax") << K::JsonEquals << ".tags["
                                   << "1" << false
                                   << "expected .tags[ to equal 1, but \".tags[\" is not a valid "
                                      "jq expression (syntax error, unexpected end of the "
                                      "expression (line 1))";
        QTest::newRow("jq runtime error")
            << K::JsonEquals << ".tags.name"
            << "1" << false
            << "expected .tags.name to equal 1, but .tags.name failed: Cannot index array with "
               "string \"name\"";
        QTest::newRow("jq length") << K::JsonEquals << ".tags | length"
                                   << "2" << true << ".tags | length equals 2";
        QTest::newRow("jq comparison") << K::JsonEquals << ".id > 5"
                                       << "true" << true << ".id > 5 equals true";
        QTest::newRow("jq first of many") << K::JsonEquals << ".tags[]"
                                          << "a" << true << ".tags[] equals a";
        QTest::newRow("jq type") << K::JsonType << "[.tags[] | ascii_upcase]"
                                 << "array" << true << "[.tags[] | ascii_upcase] is a array";
        QTest::newRow("jq matches") << K::JsonMatches << ".nested.token"
                                    << "^tok-\\d+$" << true << ".nested.token matches ^tok-\\d+$";
        QTest::newRow("jsonpath equals") << K::JsonEquals << "$.nested.token"
                                         << "tok-123" << true << "$.nested.token equals tok-123";
        QTest::newRow("jsonpath filter") << K::JsonEquals << "$.tags[?(@ == 'b')]"
                                         << "b" << true << "$.tags[?(@ == 'b')] equals b";
        QTest::newRow("jsonpath finds nothing")
            << K::JsonExists << "$.nope" << none << false
            << "expected $.nope to exist, but $.nope gave no value";
        QTest::newRow("jsonpath syntax")
            << K::JsonExists << "$.tags[" << none << false
            << "expected $.tags[ to exist, but \"$.tags[\" is not a valid JSONPath (JSONPath: "
               "expected a name in quotes, *, an index, a slice or a ?filter at column 8, found "
               "the end.)";
        QTest::newRow("json number equals") << K::JsonEquals << "/id"
                                            << "7" << true << "/id equals 7";
        QTest::newRow("json number by value") << K::JsonEquals << "/price"
                                              << "1.5" << true << "/price equals 1.5";
        QTest::newRow("json string plain") << K::JsonEquals << "/name"
                                           << "Ada" << true << "/name equals Ada";
        QTest::newRow("json string quoted") << K::JsonEquals << "/name"
                                            << "\"Ada\"" << true << "/name equals \"Ada\"";
        QTest::newRow("json object any order")
            << K::JsonEquals << "/nested"
            << "{\"n\": 1.0, \"token\": \"tok-123\"}" << true
            << "/nested equals {\"n\": 1.0, \"token\": \"tok-123\"}";
        QTest::newRow("json differs") << K::JsonEquals << "/id"
                                      << "8" << false << "expected /id to equal 8, got 7";
        QTest::newRow("json string is not number")
            << K::JsonEquals << "/name"
            << "7" << false << "expected /name to equal 7, got \"Ada\"";
        QTest::newRow("json array element") << K::JsonEquals << "/tags/1"
                                            << "b" << true << "/tags/1 equals b";
        QTest::newRow("json type array") << K::JsonType << "/tags"
                                         << "array" << true << "/tags is a array";
        QTest::newRow("json type boolean") << K::JsonType << "/ok"
                                           << "boolean" << true << "/ok is a boolean";
        QTest::newRow("json type wrong")
            << K::JsonType << "/id"
            << "string" << false << "expected /id to be a string, got a number (7)";
        QTest::newRow("json type unknown")
            << K::JsonType << "/id"
            << "int" << false
            << "\"int\" is not a JSON type; write one of null, boolean, number, string, array, "
               "object";
        QTest::newRow("json matches") << K::JsonMatches << "/nested/token"
                                      << "^tok-\\d+$" << true << "/nested/token matches ^tok-\\d+$";
        QTest::newRow("json matches number") << K::JsonMatches << "/price"
                                             << "^1\\.50$" << true << "/price matches ^1\\.50$";
        QTest::newRow("json no match")
            << K::JsonMatches << "/name"
            << "^B" << false << "expected /name to match ^B, got \"Ada\"";
        QTest::newRow("body contains")
            << K::BodyContains << none << "tok-123" << true << "the body contains \"tok-123\"";
        QTest::newRow("body lacks") << K::BodyContains << none << "secret" << false
                                    << "expected the body to contain \"secret\"";
        QTest::newRow("fast enough") << K::ResponseTimeBelow << none << "100" << true
                                     << "response time 12.5 ms is below 100 ms";
        QTest::newRow("too slow") << K::ResponseTimeBelow << none << "10" << false
                                  << "expected a response time below 10 ms, took 12.5 ms";
    }

    void evaluate()
    {
        QFETCH(AssertionKind, kind);
        QFETCH(QString, target);
        QFETCH(QString, expected);
        QFETCH(bool, passed);
        QFETCH(QString, message);
        const QList<AssertionResult> results
            = evaluateAssertions(sampleResponse(), {{kind, target, expected, true}});
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().message, message);
        QCOMPARE(results.first().passed, passed);
    }

    void nonJsonBody()
    {
        Response r = sampleResponse();
        r.body = ResponseBody(QByteArrayLiteral("<html>"));
        const QList<AssertionResult> results
            = evaluateAssertions(r, {{AssertionKind::JsonExists, QStringLiteral("/id"), {}, true}});
        QVERIFY(!results.first().passed);
        QVERIFY2(results.first().message.contains(QLatin1String("the body is not JSON")),
                 qPrintable(results.first().message));
    }

    // An event stream's JSON targets and captures see its events as [{id, event, data}].
    void eventStreamJsonTargetsSeeTheEvents()
    {
        Response r;
        r.statusCode = 200;
        r.headers = {{"Content-Type", "text/event-stream; charset=utf-8"}};
        r.body = ResponseBody(QByteArrayLiteral(
            "id: 1\nevent: tick\ndata: {\"n\": 1}\n\ndata: second\ndata: line\n\n"));
        const QList<AssertionResult> results = evaluateAssertions(
            r,
            {{AssertionKind::JsonEquals, QStringLiteral("length"), QStringLiteral("2"), true},
             {AssertionKind::JsonEquals, QStringLiteral("/0/event"), QStringLiteral("tick"), true},
             {AssertionKind::JsonEquals, QStringLiteral(".[0].data | fromjson | .n"),
              QStringLiteral("1"), true},
             {AssertionKind::JsonEquals, QStringLiteral("$[1].data"),
              QStringLiteral("second\nline"), true},
             // The id carries over, as in EventSource.
             {AssertionKind::JsonEquals, QStringLiteral("/1/id"), QStringLiteral("1"), true},
             {AssertionKind::BodyContains, {}, QStringLiteral("data: second"), true}});
        for (const AssertionResult &result : results)
            QVERIFY2(result.passed, qPrintable(result.message));
        const QList<CaptureResult> captured
            = applyCaptures(r,
                            {{QStringLiteral("kind"), CaptureSource::JsonPointer,
                              QStringLiteral("/1/event"), true}});
        QCOMPARE(captured.first().value, QStringLiteral("message"));
    }

    void transportErrorFailsEveryEnabledAssertion()
    {
        Response r;
        r.errorKind = ErrorKind::ConnectionRefused;
        r.errorMessage = QStringLiteral("Connection refused");
        const QList<AssertionResult> results
            = evaluateAssertions(r,
                                 {{AssertionKind::StatusInRange, {}, QStringLiteral("2xx"), true},
                                  {AssertionKind::StatusEquals, {}, QStringLiteral("200"), false}});
        QCOMPARE(results.size(), 2);
        QVERIFY(!results.at(0).passed);
        QCOMPARE(results.at(0).message,
                 describeAssertion({AssertionKind::StatusInRange, {}, QStringLiteral("2xx"), true})
                     + QStringLiteral(": not checked, the request got no response"));
        QVERIFY(results.at(1).passed);
        QCOMPARE(results.at(1).message, QStringLiteral("disabled"));
    }

    void variablesInTargetAndExpected()
    {
        const VariableContext context({{ScopeKind::Environment,
                                        QStringLiteral("env"),
                                        {{QStringLiteral("field"), QStringLiteral("name")},
                                         {QStringLiteral("who"), QStringLiteral("Ada")}}}});
        const QList<AssertionResult> results
            = evaluateAssertions(sampleResponse(),
                                 {{AssertionKind::JsonEquals, QStringLiteral("/{{field}}"),
                                   QStringLiteral("{{who}}"), true}},
                                 &context);
        QVERIFY2(results.first().passed, qPrintable(results.first().message));
    }

    void captures_data()
    {
        QTest::addColumn<CaptureSource>("source");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("captured");
        QTest::addColumn<QString>("value");
        QTest::newRow("string without quotes")
            << CaptureSource::JsonPointer << "/nested/token" << true << "tok-123";
        QTest::newRow("number as written")
            << CaptureSource::JsonPointer << "/price" << true << "1.50";
        QTest::newRow("object as compact json")
            << CaptureSource::JsonPointer << "/tags" << true << "[\"a\",\"b\"]";
        QTest::newRow("header") << CaptureSource::Header << "etag" << true << "\"v7\"";
        QTest::newRow("missing pointer")
            << CaptureSource::JsonPointer << "/nope" << false << "/nope is not in the body";
        QTest::newRow("missing header") << CaptureSource::Header << "Location" << false
                                        << "the response has no header Location";
        QTest::newRow("jq string")
            << CaptureSource::JsonPointer << ".nested.token" << true << "tok-123";
        QTest::newRow("jq built value")
            << CaptureSource::JsonPointer << ".tags | join(\",\")" << true << "a,b";
        QTest::newRow("jq object compact")
            << CaptureSource::JsonPointer << "{t: .nested.token}" << true << "{\"t\":\"tok-123\"}";
        QTest::newRow("jq number as jq prints it")
            << CaptureSource::JsonPointer << ".price" << true << "1.5";
        QTest::newRow("jsonpath") << CaptureSource::JsonPointer << "$.tags[-1]" << true << "b";
        QTest::newRow("jq nothing")
            << CaptureSource::JsonPointer << ".tags[5:][]" << false << ".tags[5:][] gave no value";
    }

    void captures()
    {
        QFETCH(CaptureSource, source);
        QFETCH(QString, path);
        QFETCH(bool, captured);
        QFETCH(QString, value);
        const QList<CaptureResult> results
            = applyCaptures(sampleResponse(),
                            {{QStringLiteral("v"), source, path, true},
                             {QStringLiteral("off"), source, path, false}});
        QCOMPARE(results.size(), 1); // disabled captures are skipped
        QCOMPARE(results.first().variable, QStringLiteral("v"));
        QCOMPARE(results.first().captured, captured);
        QCOMPARE(captured ? results.first().value : results.first().message, value);
    }

    // A run evaluates the same expression on every response: compiled once per thread.
    void queryCompiledOnce()
    {
        const Assertion check {AssertionKind::JsonEquals,
                               QStringLiteral(".nested | .n + 1 | tostring"), QStringLiteral("2"),
                               true};
        QVERIFY(evaluateAssertions(sampleResponse(), {check}).first().passed);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 200; ++i)
            QVERIFY(evaluateAssertions(sampleResponse(), {check}).first().passed);
        // Compiling takes libjq about 20 ms each: 200 compiles would take seconds.
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

    void endlessQueryIsStopped()
    {
        QElapsedTimer timer;
        timer.start();
        const QList<AssertionResult> results = evaluateAssertions(
            sampleResponse(),
            {{AssertionKind::JsonExists, QStringLiteral("last(range(1e15))"), {}, true}});
        QVERIFY(!results.first().passed);
        QVERIFY2(results.first().message.contains(QLatin1String("ran longer than 5 s")),
                 qPrintable(results.first().message));
        QVERIFY(timer.elapsed() < 30000);
    }

    void kindNamesRoundTrip()
    {
        for (AssertionKind kind : allAssertionKinds()) {
            AssertionKind back = AssertionKind::StatusEquals;
            QVERIFY(assertionKindFromName(assertionKindName(kind), &back));
            QCOMPARE(back, kind);
        }
        AssertionKind unused;
        QVERIFY(!assertionKindFromName(u"status", &unused));
        QCOMPARE(allAssertionKinds().size(), 12); // matches-spec is the twelfth
    }
};

QTEST_GUILESS_MAIN(TestAssertions)
#include "tst_assertions.moc"
