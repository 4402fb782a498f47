#include "core/scripting/scriptrunner.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTest>

using namespace Patchbay::Core;

namespace {

using Scope = ScriptVariableChange::Scope;

Response sampleResponse()
{
    Response r;
    r.statusCode = 200;
    r.reason = QStringLiteral("OK");
    r.headers = {{"Content-Type", "application/json; charset=utf-8"},
                 {"X-Request-Id", "abc-123"},
                 {"Set-Cookie", "a=1"}};
    r.body = ResponseBody(QByteArrayLiteral(
        R"({"token": "tok-1", "id": 7, "tags": ["a", "b"], "user": {"name": "Ada", "age": 36}})"));
    r.timing.finished = 42.5;
    return r;
}

ScriptContext contextFor(const Response *response, QHash<QString, QString> variables = {})
{
    ScriptContext c;
    c.variable = [variables](const QString &name) -> std::optional<QString> {
        auto it = variables.constFind(name);
        if (it == variables.constEnd())
            return std::nullopt;
        return *it;
    };
    c.requestName = QStringLiteral("Get user");
    c.iteration = 2;
    c.request.method = QStringLiteral("POST");
    c.request.url = QStringLiteral("https://api.example.com:8443/v1/users?page=2&q=a%20b");
    c.request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json")},
                         {QStringLiteral("X-Off"), QStringLiteral("no"), false}};
    c.request.body.mode = BodyMode::Json;
    c.request.body.text = QStringLiteral(R"({"name":"Ada"})");
    c.response = response;
    return c;
}

ScriptSource testScript(const QString &text)
{
    return {QStringLiteral("test script"), text};
}

QString describe(const ScriptOutcome &o)
{
    QStringList parts;
    for (const ScriptTestResult &t : o.tests)
        parts << (t.passed ? u"PASS "_qs : u"FAIL "_qs) + t.name + u" | " + t.message;
    parts << u"error: "_qs + o.error << u"logs: "_qs + o.logs.join(u" / ");
    return parts.join(u'\n');
}

} // namespace

class TestScriptRunner final : public QObject
{
    Q_OBJECT

private slots:
    void pmTestPassesAndFails()
    {
        ScriptRunner runner;
        const Response response = sampleResponse();
        const ScriptOutcome o = runner.run(testScript(QStringLiteral(R"(
pm.test("equal passes", function () { pm.expect(200).to.equal(200); });
pm.test("equal fails", function () { pm.expect(404).to.equal(200); });
pm.test("arrow and chain", () => pm.expect('abc').to.include('x'));
pm.test("thrown TypeError", function () { null.x; });
pm.test.skip("skipped", function () { throw new Error('never'); });
pm.test("done callback", function (done) { done(new Error('async failure')); });
)")),
                                           contextFor(&response));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.tests.size(), 5);
        QCOMPARE(o.tests[0], (ScriptTestResult {QStringLiteral("equal passes"), true, {}}));
        QCOMPARE(o.tests[1],
                 (ScriptTestResult {QStringLiteral("equal fails"), false,
                                    QStringLiteral("expected 404 to equal 200")}));
        QCOMPARE(o.tests[2].message, QStringLiteral("expected 'abc' to include 'x'"));
        QVERIFY2(o.tests[3].message.startsWith(u"TypeError: "), qPrintable(o.tests[3].message));
        QCOMPARE(o.tests[4],
                 (ScriptTestResult {QStringLiteral("done callback"), false,
                                    QStringLiteral("Error: async failure")}));
        QCOMPARE(o.logs, QStringList {QStringLiteral("Skipped test \"skipped\"")});
        QVERIFY(!o.passed());
    }

    void expectAssertions_data()
    {
        QTest::addColumn<QString>("assertion");
        QTest::addColumn<QString>("failure"); // empty: must pass

        auto row = [](const char *name, const char *assertion, const char *failure = "") {
            QTest::newRow(name) << QString::fromUtf8(assertion) << QString::fromUtf8(failure);
        };
        row("equal", "pm.expect(1).to.equal(1)");
        row("eq fails", "pm.expect('a').to.eq('b')", "expected 'a' to equal 'b'");
        row("equals strict", "pm.expect('1').to.equals(1)", "expected '1' to equal 1");
        row("not equal", "pm.expect(1).to.not.equal(2)");
        row("not equal fails", "pm.expect(2).not.to.equal(2)", "expected 2 to not equal 2");
        row("equal objects fails", "pm.expect({a: 1}).to.equal({a: 1})",
            "expected { a: 1 } to equal { a: 1 }");
        row("deep equal", "pm.expect({a: [1, {b: 2}]}).to.deep.equal({a: [1, {b: 2}]})");
        row("eql", "pm.expect([1, 2]).to.eql([1, 2])");
        row("eql fails", "pm.expect({a: 1}).to.eql({a: 2})",
            "expected { a: 1 } to deeply equal { a: 2 }");
        row("not deep equal", "pm.expect({a: 1}).to.not.deep.equal({a: 2})");
        row("not eql fails", "pm.expect([1]).not.eql([1])",
            "expected [ 1 ] to not deeply equal [ 1 ]");
        row("a string", "pm.expect('x').to.be.a('string')");
        row("an array", "pm.expect([]).to.be.an('array')");
        row("an object", "pm.expect({}).to.be.an('object')");
        row("a null", "pm.expect(null).to.be.a('null')");
        row("a number fails", "pm.expect('5').to.be.a('number')", "expected '5' to be a number");
        row("an array fails", "pm.expect({}).to.be.an('array')", "expected {} to be an array");
        row("not a boolean", "pm.expect(0).to.not.be.a('boolean')");
        row("an undefined", "pm.expect(undefined).to.be.an('undefined')");
        row("include string", "pm.expect('hello world').to.include('lo w')");
        row("contain array", "pm.expect([1, 2, 3]).to.contain(2)");
        row("includes object subset", "pm.expect({a: 1, b: 2}).to.includes({a: 1})");
        row("include subset fails", "pm.expect({a: 1, b: 2}).to.include({a: 3})",
            "expected { a: 1, b: 2 } to have property 'a' of 3, but got 1");
        row("not include", "pm.expect([1, 2]).to.not.include(3)");
        row("not contains fails", "pm.expect('abc').not.contains('b')",
            "expected 'abc' to not include 'b'");
        row("deep include", "pm.expect([{a: 1}]).to.deep.include({a: 1})");
        row("include object strict fails", "pm.expect([{a: 1}]).to.include({a: 1})",
            "expected [ { a: 1 } ] to include { a: 1 }");
        row("above", "pm.expect(5).to.be.above(4)");
        row("gt fails", "pm.expect(5).to.be.gt(5)", "expected 5 to be above 5");
        row("greaterThan", "pm.expect(6).to.be.greaterThan(5)");
        row("below", "pm.expect(3).to.be.below(4)");
        row("lt fails", "pm.expect(300).to.be.lessThan(200)", "expected 300 to be below 200");
        row("not below fails", "pm.expect(1).to.not.be.below(2)", "expected 1 to be at least 2");
        row("least", "pm.expect(5).to.be.at.least(5)");
        row("gte fails", "pm.expect(4).to.be.gte(5)", "expected 4 to be at least 5");
        row("most", "pm.expect(5).to.be.at.most(5)");
        row("lte fails", "pm.expect(6).to.be.lte(5)", "expected 6 to be at most 5");
        row("above a string fails", "pm.expect('9').to.be.above(1)",
            "expected '9' to be a number or a date");
        row("within", "pm.expect(5).to.be.within(1, 10)");
        row("within fails", "pm.expect(11).to.be.within(1, 10)", "expected 11 to be within 1..10");
        row("ok", "pm.expect(1).to.be.ok");
        row("ok fails", "pm.expect('').to.be.ok", "expected '' to be truthy");
        row("not ok", "pm.expect(0).to.not.be.ok");
        row("true", "pm.expect(true).to.be.true");
        row("true fails", "pm.expect(1).to.be.true", "expected 1 to be true");
        row("false", "pm.expect(false).to.be.false");
        row("null", "pm.expect(null).to.be.null");
        row("not null fails", "pm.expect(null).to.not.be.null", "expected null not to be null");
        row("undefined", "pm.expect(undefined).to.be.undefined");
        row("exist", "pm.expect(0).to.exist");
        row("exist fails", "pm.expect(undefined).to.exist", "expected undefined to exist");
        row("not exist", "pm.expect(null).to.not.exist");
        row("empty",
            "pm.expect([]).to.be.empty; pm.expect('').to.be.empty; pm.expect({}).to.be.empty");
        row("not empty fails", "pm.expect('').to.not.be.empty", "expected '' not to be empty");
        row("empty fails", "pm.expect([1]).to.be.empty", "expected [ 1 ] to be empty");
        row("lengthOf", "pm.expect([1, 2]).to.have.lengthOf(2)");
        row("length call", "pm.expect('abc').to.have.length(3)");
        row("length fails", "pm.expect([1]).to.have.length(2)",
            "expected [ 1 ] to have a length of 2 but got 1");
        row("length above", "pm.expect([1, 2, 3]).to.have.length.above(2)");
        row("length above fails", "pm.expect([1]).to.have.length.above(2)",
            "expected [ 1 ] to have a length above 2 but got 1");
        row("property", "pm.expect({a: 1}).to.have.property('a')");
        row("property value", "pm.expect({a: 1}).to.have.property('a', 1)");
        row("property missing", "pm.expect({a: 1}).to.have.property('b')",
            "expected { a: 1 } to have property 'b'");
        row("property wrong value", "pm.expect({a: 1}).to.have.property('a', 2)",
            "expected { a: 1 } to have property 'a' of 2, but got 1");
        row("property navigates",
            "pm.expect({a: {b: "
            "'x'}}).to.have.property('a').that.has.property('b').that.is.a('string')");
        row("property navigates fails",
            "pm.expect({a: 5}).to.have.property('a').that.is.a('string')",
            "expected 5 to be a string");
        row("not property", "pm.expect({}).to.not.have.property('a')");
        row("deep property", "pm.expect({a: {b: 1}}).to.have.deep.property('a', {b: 1})");
        row("nested property", "pm.expect({a: {b: [1, 2]}}).to.have.nested.property('a.b[1]', 2)");
        row("match", "pm.expect('abc-123').to.match(/^abc-\\d+$/)");
        row("match fails", "pm.expect('abc').to.match(/x/)", "expected 'abc' to match /x/");
        row("oneOf", "pm.expect(201).to.be.oneOf([200, 201])");
        row("oneOf fails", "pm.expect(404).to.be.oneOf([200, 201])",
            "expected 404 to be one of [ 200, 201 ]");
        row("keys", "pm.expect({a: 1, b: 2}).to.have.keys('a', 'b')");
        row("keys array", "pm.expect({a: 1, b: 2}).to.have.all.keys(['a', 'b'])");
        row("keys fails", "pm.expect({a: 1, b: 2}).to.have.keys('a')",
            "expected { a: 1, b: 2 } to have key 'a'");
        row("contain keys", "pm.expect({a: 1, b: 2}).to.contain.keys('a')");
        row("any keys", "pm.expect({a: 1}).to.have.any.keys('a', 'z')");
        row("members", "pm.expect([1, 2, 3]).to.have.members([3, 2, 1])");
        row("members fails", "pm.expect([1, 2]).to.have.members([1, 3])",
            "expected [ 1, 2 ] to have the same members as [ 1, 3 ]");
        row("include members", "pm.expect([1, 2, 3]).to.include.members([1, 2])");
        row("deep members", "pm.expect([{a: 1}]).to.have.deep.members([{a: 1}])");
        row("string", "pm.expect('foobar').to.have.string('oba')");
        row("string fails", "pm.expect('foobar').to.have.string('x')",
            "expected 'foobar' to contain 'x'");
        row("long values summarised",
            "pm.expect({alpha: 1, beta: 2, gamma: 3, delta: 4, epsilon: 5}).to.equal(1)",
            "expected { Object (alpha, beta, ...) } to equal 1");
        row("custom message", "pm.expect(1, 'status').to.equal(2)",
            "status: expected 1 to equal 2");
        row("expect.fail", "pm.expect.fail('nope')", "nope");
        row("language chains",
            "pm.expect(1).to.be.been.is.that.which.and.has.have.with.at.of.same.does.equal(1)");
        row("closeTo", "pm.expect(1.5).to.be.closeTo(1, 0.5)");
        row("throw", "pm.expect(function () { throw new Error('boom'); }).to.throw('boom')");
    }

    void expectAssertions()
    {
        QFETCH(QString, assertion);
        QFETCH(QString, failure);
        ScriptRunner runner;
        const ScriptOutcome o
            = runner.run(testScript(u"pm.test('t', function () { "_qs + assertion + u"; });"_qs),
                         contextFor(nullptr));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.tests.size(), 1);
        QVERIFY2(o.tests[0].passed == failure.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.tests[0].message, failure);
    }

    void responseAccessors()
    {
        ScriptRunner runner;
        Response response = sampleResponse();
        response.reason.clear(); // HTTP/2: no reason phrase, so the standard one is shown
        const ScriptOutcome o = runner.run(testScript(QStringLiteral(R"(
console.log(pm.response.code, pm.response.status, pm.response.responseTime, pm.response.responseSize);
console.log(pm.response.headers.get('content-type'), pm.response.headers.has('X-REQUEST-ID'),
            pm.response.headers.has('x-missing'));
console.log(pm.response.headers.toObject()['X-Request-Id'], pm.response.headers.all().length);
var keys = []; pm.response.headers.each(function (h) { keys.push(h.key); });
console.log(keys.join(','));
console.log(pm.response.json().user.name, pm.response.text().length);
console.log(pm.info.eventName, pm.info.requestName, pm.info.iteration);
)")),
                                           contextFor(&response));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        const qint64 size = response.body.size();
        QCOMPARE(o.logs,
                 (QStringList {u"200 OK 42.5 "_qs + QString::number(size),
                               u"application/json; charset=utf-8 true false"_qs, u"abc-123 3"_qs,
                               u"Content-Type,X-Request-Id,Set-Cookie"_qs,
                               u"Ada "_qs + QString::number(size), u"test Get user 2"_qs}));
    }

    void responseAssertions_data()
    {
        QTest::addColumn<QString>("assertion");
        QTest::addColumn<QString>("failure");
        auto row = [](const char *name, const char *assertion, const char *failure = "") {
            QTest::newRow(name) << QString::fromUtf8(assertion) << QString::fromUtf8(failure);
        };
        row("status", "pm.response.to.have.status(200)");
        row("status fails", "pm.response.to.have.status(201)",
            "expected response to have status code 201 but got 200");
        row("status reason", "pm.response.to.have.status('OK')");
        row("status reason fails", "pm.response.to.have.status('Created')",
            "expected response to have status reason 'Created' but got 'OK'");
        row("not status", "pm.response.to.not.have.status(404)");
        row("expect response status", "pm.expect(pm.response).to.have.status(200)");
        row("header", "pm.response.to.have.header('content-type')");
        row("header value", "pm.response.to.have.header('X-Request-Id', 'abc-123')");
        row("header missing", "pm.response.to.have.header('ETag')",
            "expected response to have header with key 'ETag'");
        row("header wrong value", "pm.response.to.have.header('X-Request-Id', 'x')",
            "expected 'X-Request-Id' response header to be 'x' but got 'abc-123'");
        row("ok", "pm.response.to.be.ok");
        row("success", "pm.response.to.be.success");
        row("clientError fails", "pm.response.to.be.clientError",
            "expected response code to be 4XX but found 200");
        row("serverError fails", "pm.response.to.be.serverError",
            "expected response code to be 5XX but found 200");
        row("not error", "pm.response.to.not.be.error");
        row("json", "pm.response.to.be.json");
        row("jsonBody", "pm.response.to.have.jsonBody()");
        row("jsonBody path", "pm.response.to.have.jsonBody('user.name', 'Ada')");
        row("jsonBody path fails", "pm.response.to.have.jsonBody('user.email')",
            "expected { Object (token, id, ...) } in response to contain property 'user.email'");
        row("body string fails", "pm.response.to.have.body('x')",
            "expected response body to equal 'x' but got '{\"token\": \"tok-1\", \"id\": 7, "
            "\"tags…'");
        row("responseTime below", "pm.response.to.have.responseTime.below(100)");
        row("responseTime below fails", "pm.response.to.have.responseTime.below(10)",
            "expected 42.5 to be below 10");
        row("expect on code", "pm.expect(pm.response.code).to.be.oneOf([200, 201])");
    }

    void responseAssertions()
    {
        QFETCH(QString, assertion);
        QFETCH(QString, failure);
        ScriptRunner runner;
        const Response response = sampleResponse();
        const ScriptOutcome o
            = runner.run(testScript(u"pm.test('t', function () { "_qs + assertion + u"; });"_qs),
                         contextFor(&response));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.tests.size(), 1);
        QVERIFY2(o.tests[0].passed == failure.isEmpty(), qPrintable(describe(o)));
        if (!failure.contains(u'…'))
            QCOMPARE(o.tests[0].message, failure);
        else
            QVERIFY2(o.tests[0].message.startsWith(failure.section(u'…', 0, 0)),
                     qPrintable(o.tests[0].message));
    }

    void clientErrorResponse()
    {
        ScriptRunner runner;
        Response response;
        response.statusCode = 404;
        response.body = ResponseBody(QByteArrayLiteral("<html>Not here</html>"));
        const ScriptOutcome o = runner.run(testScript(QStringLiteral(R"(
pm.test("client error", function () { pm.response.to.be.clientError; });
pm.test("error", function () { pm.response.to.be.error; });
pm.test("ok fails", function () { pm.response.to.be.ok; });
pm.test("reason", function () { pm.expect(pm.response.status).to.equal('Not Found'); });
)")),
                                           contextFor(&response));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.tests.size(), 4);
        QVERIFY(o.tests[0].passed);
        QVERIFY(o.tests[1].passed);
        QCOMPARE(o.tests[2].message,
                 QStringLiteral("expected response to have status code 200 but got 404"));
        QVERIFY2(o.tests[3].passed, qPrintable(describe(o)));
    }

    void jsonOnNonJsonBodyThrowsClearly()
    {
        ScriptRunner runner;
        Response response = sampleResponse();
        response.body = ResponseBody(QByteArrayLiteral("<html>oops</html>"));
        const ScriptOutcome o = runner.run(
            testScript(QStringLiteral("pm.test('json', function () { pm.response.json(); });\n"
                                      "var body = pm.response.json();\n")),
            contextFor(&response));
        QCOMPARE(o.tests.size(), 1);
        QVERIFY(!o.tests[0].passed);
        QVERIFY2(o.tests[0].message.startsWith(
                     u"Error: pm.response.json(): the response body is not valid JSON"),
                 qPrintable(o.tests[0].message));
        QVERIFY2(o.tests[0].message.contains(u"'<html>oops</html>'"),
                 qPrintable(o.tests[0].message));
        QVERIFY2(o.error.startsWith(u"test script, line 2: Error: pm.response.json(): the response "
                                    u"body is not valid JSON"),
                 qPrintable(o.error));
        QVERIFY(!o.passed());
    }

    // pm.response.events(): an event stream's events, as a run reads them.
    void eventsOfAnEventStream()
    {
        ScriptRunner runner;
        Response response;
        response.statusCode = 200;
        response.headers = {{"Content-Type", "text/event-stream"}};
        response.body = ResponseBody(
            QByteArrayLiteral("id: 7\nevent: tick\ndata: {\"n\": 1}\n\ndata: a\ndata: b\n\n"));
        const ScriptOutcome o = runner.run(
            testScript(QStringLiteral(
                "var e = pm.response.events();\n"
                "pm.test('events', function () {\n"
                "  pm.expect(e).to.have.lengthOf(2);\n"
                "  pm.expect(e[0]).to.eql({id: '7', event: 'tick', data: '{\"n\": 1}'});\n"
                "  pm.expect(e[1]).to.eql({id: '7', event: 'message', data: 'a\\nb'});\n"
                "});\n")),
            contextFor(&response));
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(o.tests.size(), 1);
        QVERIFY2(o.tests[0].passed, qPrintable(o.tests[0].message));

        const Response json = sampleResponse();
        const ScriptOutcome refused
            = runner.run(testScript(QStringLiteral("pm.response.events();")), contextFor(&json));
        QVERIFY2(refused.error.contains(u"pm.response.events(): the response is not an event "
                                        u"stream (Content-Type: application/json"),
                 qPrintable(refused.error));
    }

    void bodyLargerThanLimitIsRefused()
    {
        ScriptRunner runner;
        Response response = sampleResponse();
        response.body = ResponseBody(QByteArray(65 * 1024 * 1024, 'a'));
        const ScriptOutcome o
            = runner.run(testScript(QStringLiteral("console.log(pm.response.responseSize);\n"
                                                   "pm.response.text();")),
                         contextFor(&response));
        QCOMPARE(o.logs, QStringList {QString::number(65 * 1024 * 1024)});
        QCOMPARE(o.error,
                 QStringLiteral("test script, line 2: Error: pm.response.text(): the response "
                                "body is 65.0 MiB; scripts can read at most 64 MiB"));
    }

    void variablesInCallOrder()
    {
        ScriptRunner runner;
        const ScriptOutcome o
            = runner.run(testScript(QStringLiteral(R"(
console.log(pm.environment.get('host'), pm.variables.get('host'), pm.environment.has('missing'));
pm.environment.set('token', 'abc');
pm.collectionVariables.set('count', 3);
pm.globals.set('obj', {a: [1]});
pm.variables.set('local', true);
console.log(pm.environment.get('token'), pm.variables.get('count'), pm.globals.get('obj'));
pm.environment.set('host', 'changed.example');
console.log(pm.variables.get('host'), pm.environment.has('host'));
pm.environment.unset('token');
console.log(String(pm.environment.get('token')), pm.variables.has('token'));
console.log(JSON.stringify(pm.environment.toObject()), JSON.stringify(pm.variables.toObject()));
pm.collectionVariables.clear();
console.log(String(pm.collectionVariables.get('count')));
console.log(pm.iterationData.get('row'));
)")),
                         contextFor(nullptr,
                                    {{QStringLiteral("host"), QStringLiteral("api.example")},
                                     {QStringLiteral("row"), QStringLiteral("data-1")}}));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.logs,
                 (QStringList {u"api.example api.example false"_qs, u"abc 3 {\"a\":[1]}"_qs,
                               u"changed.example true"_qs, u"undefined false"_qs,
                               u"{\"host\":\"changed.example\"} "
                               u"{\"count\":\"3\",\"obj\":\"{\\\"a\\\":[1]}\","
                               u"\"local\":\"true\",\"host\":\"changed.example\"}"_qs,
                               u"undefined"_qs, u"data-1"_qs}));
        const QList<ScriptVariableChange> expected {
            {Scope::Environment, u"token"_qs, u"abc"_qs},
            {Scope::Collection, u"count"_qs, u"3"_qs},
            {Scope::Globals, u"obj"_qs, u"{\"a\":[1]}"_qs},
            {Scope::Local, u"local"_qs, u"true"_qs},
            {Scope::Environment, u"host"_qs, u"changed.example"_qs},
            {Scope::Environment, u"token"_qs, std::nullopt},
            {Scope::Collection, u"count"_qs, std::nullopt},
        };
        QCOMPARE(o.changes, expected);
    }

    void replaceIn()
    {
        ScriptRunner runner;
        const ScriptOutcome o = runner.run(
            testScript(QStringLiteral(
                "pm.variables.set('id', 7);\n"
                "console.log(pm.variables.replaceIn('{{base}}/users/{{id}}?x={{nope}}'));\n"
                "console.log(pm.environment.replaceIn('{{base}}'));")),
            contextFor(nullptr, {{QStringLiteral("base"), QStringLiteral("https://h")}}));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.logs, (QStringList {u"https://h/users/7?x={{nope}}"_qs, u"https://h"_qs}));
    }

    void legacyGlobals()
    {
        ScriptRunner runner;
        const Response response = sampleResponse();
        const ScriptOutcome o
            = runner.run(testScript(QStringLiteral(R"(
var data = JSON.parse(responseBody);
tests["Status code is 200"] = responseCode.code === 200;
tests["Has a token"] = data.token === "nope";
tests["Body has Ada"] = responseBody.has ? false : responseBody.indexOf("Ada") !== -1;
postman.setEnvironmentVariable("token", data.token);
postman.setGlobalVariable("g", 1);
console.log(postman.getEnvironmentVariable("token"), postman.getGlobalVariable("base"),
            environment.base, responseHeaders["X-Request-Id"], responseTime, iteration,
            responseCode.name);
postman.clearEnvironmentVariable("token");
)")),
                         contextFor(&response, {{QStringLiteral("base"), QStringLiteral("b")}}));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.tests,
                 (QList<ScriptTestResult> {{u"Status code is 200"_qs, true, {}},
                                           {u"Has a token"_qs, false, u"expected true"_qs},
                                           {u"Body has Ada"_qs, true, {}}}));
        QCOMPARE(o.logs, QStringList {u"tok-1 b b abc-123 42.5 2 OK"_qs});
        QCOMPARE(o.changes,
                 (QList<ScriptVariableChange> {{Scope::Environment, u"token"_qs, u"tok-1"_qs},
                                               {Scope::Globals, u"g"_qs, u"1"_qs},
                                               {Scope::Environment, u"token"_qs, std::nullopt}}));
    }

    void preRequestScript()
    {
        ScriptRunner runner;
        const ScriptOutcome o = runner.run({QStringLiteral("pre-request script"), QStringLiteral(R"(
console.log(pm.info.eventName, typeof pm.response, typeof responseBody);
console.log(pm.request.method, pm.request.url.toString());
console.log(pm.request.url.getHost(), pm.request.url.getPath(), pm.request.url.getQueryString());
console.log(pm.request.headers.get('accept'), pm.request.headers.has('X-Off'), pm.request.body.raw);
pm.request.headers.add({key: 'X', value: '1'});
)")},
                                           contextFor(nullptr));
        QCOMPARE(o.logs,
                 (QStringList {u"prerequest undefined undefined"_qs,
                               u"POST https://api.example.com:8443/v1/users?page=2&q=a%20b"_qs,
                               u"api.example.com /v1/users page=2&q=a%20b"_qs,
                               u"application/json false {\"name\":\"Ada\"}"_qs}));
        QCOMPARE(o.error,
                 QStringLiteral("pre-request script, line 6: Error: pm.request.headers.add is not "
                                "supported in Patchbay: a script cannot change the request; edit "
                                "its headers or use {{variables}}"));
    }

    void consoleLogs()
    {
        ScriptRunner runner;
        const ScriptOutcome o = runner.run(testScript(QStringLiteral(R"(
console.log('a', 1, true, null, undefined);
console.info({x: [1, 'two']});
console.warn('warn'); console.error(new Error('bad')); console.debug([1, 2]);
console.log(btoa('user:pässword'), atob(btoa('a')), atob('dXNlcjpwYXNz'));
)")),
                                           contextFor(nullptr));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(
            o.logs,
            (QStringList {u"a 1 true null undefined"_qs, u"{\"x\":[1,\"two\"]}"_qs, u"warn"_qs,
                          u"Error: bad"_qs, u"[1,2]"_qs, u"dXNlcjpw5HNzd29yZA== a user:pass"_qs}));
    }

    void syntaxErrorHasLine()
    {
        ScriptRunner runner;
        const ScriptOutcome o = runner.run(testScript(QStringLiteral("var a = 1;\n\nvar = 2;\n")),
                                           contextFor(nullptr));
        QVERIFY2(o.error.startsWith(u"test script, line 3: SyntaxError: "), qPrintable(o.error));
        QVERIFY(o.tests.isEmpty());
        QVERIFY(!o.passed());
    }

    void runtimeErrorHasLine()
    {
        ScriptRunner runner;
        const ScriptOutcome o
            = runner.run(testScript(QStringLiteral("pm.test('before', function () {});\n"
                                                   "function f() {\n  foo();\n}\nf();\n"
                                                   "pm.test('after', function () {});\n")),
                         contextFor(nullptr));
        QCOMPARE(o.error,
                 QStringLiteral("test script, line 3: ReferenceError: foo is not defined"));
        QCOMPARE(o.tests.size(), 1); // the script stopped at the error

        const ScriptOutcome expectOutside = runner.run(
            testScript(QStringLiteral("\npm.expect(1).to.equal(2);")), contextFor(nullptr));
        QCOMPARE(expectOutside.error,
                 QStringLiteral("test script, line 2: AssertionError: expected 1 to equal 2"));

        const ScriptOutcome thrownString
            = runner.run(testScript(QStringLiteral("throw 'plain';")), contextFor(nullptr));
        QCOMPARE(thrownString.error, QStringLiteral("test script: plain"));
    }

    void timeLimitStopsInfiniteLoop()
    {
        ScriptRunner runner(200);
        QElapsedTimer timer;
        timer.start();
        const ScriptOutcome o
            = runner.run(testScript(QStringLiteral("console.log('start');\nwhile (true) {}\n")),
                         contextFor(nullptr));
        QCOMPARE(o.error,
                 QStringLiteral("test script: the script ran longer than 200 ms and was stopped"));
        QCOMPARE(o.logs, QStringList {u"start"_qs});
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));

        // Caught exceptions do not swallow the interruption.
        const ScriptOutcome caught = runner.run(
            testScript(QStringLiteral("pm.test('loop', function () { for (;;) {} });")),
            contextFor(nullptr));
        QVERIFY2(caught.error.contains(u"ran longer than 200 ms"), qPrintable(describe(caught)));

        const ScriptOutcome after
            = runner.run(testScript(QStringLiteral(
                             "pm.test('fine', function () { pm.expect(1).to.equal(1); });")),
                         contextFor(nullptr));
        QVERIFY2(after.passed(), qPrintable(describe(after)));
        QCOMPARE(after.tests.size(), 1);
    }

    void nothingLeaksBetweenRuns()
    {
        ScriptRunner runner;
        const ScriptOutcome first = runner.run(testScript(QStringLiteral(R"(
var topVar = 1; let topLet = 2; function topFn() {}
implicitGlobal = 3;
this.viaThis = 4;
JSON = null;
tests['first'] = true;
pm.environment.set('x', '1');
var console = { log: function () {} };
)")),
                                               contextFor(nullptr));
        QVERIFY2(first.error.isEmpty(), qPrintable(describe(first)));
        const ScriptOutcome second = runner.run(
            testScript(QStringLiteral(
                "console.log(typeof topVar, typeof topLet, typeof topFn, typeof implicitGlobal,"
                " typeof viaThis, typeof JSON.parse, Object.keys(tests).length,"
                " String(pm.environment.get('x')));")),
            contextFor(nullptr));
        QVERIFY2(second.error.isEmpty(), qPrintable(describe(second)));
        QCOMPARE(second.logs,
                 QStringList {
                     u"undefined undefined undefined undefined undefined function 0 undefined"_qs});
        QVERIFY(second.changes.isEmpty());
        QVERIFY(second.tests.isEmpty());
    }

    void sandbox_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("error");
        const QString noAccess
            = u" is not available in Patchbay: scripts have no network, file or module access"_qs;
        QTest::newRow("pm.sendRequest") << u"pm.sendRequest('http://x', function () {});"_qs
                                        << u"Error: pm.sendRequest"_qs + noAccess;
        QTest::newRow("require") << u"const _ = require('lodash');"_qs
                                 << u"Error: require"_qs + noAccess;
        QTest::newRow("setTimeout")
            << u"setTimeout(function () {}, 10);"_qs << u"Error: setTimeout"_qs + noAccess;
        QTest::newRow("setInterval")
            << u"setInterval(function () {}, 10);"_qs << u"Error: setInterval"_qs + noAccess;
        QTest::newRow("CryptoJS") << u"CryptoJS.MD5('x');"_qs << u"Error: CryptoJS"_qs + noAccess;
        QTest::newRow("setNextRequest")
            << u"pm.execution.setNextRequest('b');"_qs
            << u"Error: pm.execution.setNextRequest is not supported in Patchbay: Patchbay "
               u"runs requests in order"_qs;
        QTest::newRow("postman.setNextRequest")
            << u"postman.setNextRequest('b');"_qs
            << u"Error: postman.setNextRequest is not supported in Patchbay: Patchbay runs "
               u"requests in order"_qs;
        QTest::newRow("xml2Json") << u"xml2Json('<a/>');"_qs
                                  << u"Error: xml2Json is not supported in Patchbay: parse XML "
                                     u"yourself or test the text"_qs;
    }

    void sandbox()
    {
        QFETCH(QString, script);
        QFETCH(QString, error);
        ScriptRunner runner;
        const ScriptOutcome o = runner.run(testScript(script), contextFor(nullptr));
        QCOMPARE(o.error, u"test script, line 1: "_qs + error);
    }

    void sandboxHasNoHostObjects()
    {
        ScriptRunner runner;
        const ScriptOutcome o = runner.run(
            testScript(QStringLiteral(
                "console.log(typeof Qt, typeof XMLHttpRequest, typeof print, typeof gc,"
                " typeof require, typeof setTimeout, typeof pm, typeof JSON);\n"
                "pm.visualizer.set('<b>x</b>', {});")),
            contextFor(nullptr));
        QVERIFY2(o.error.isEmpty(), qPrintable(describe(o)));
        QCOMPARE(o.logs,
                 (QStringList {
                     u"undefined undefined undefined undefined function function object object"_qs,
                     u"pm.visualizer.set is ignored: Patchbay has no visualizer"_qs}));
    }

    void realisticPostmanScript()
    {
        ScriptRunner runner;
        const Response response = sampleResponse();
        const ScriptOutcome o
            = runner.run({QStringLiteral("folder Users: test script"), QStringLiteral(R"(
pm.test("Status code is 200", function () { pm.response.to.have.status(200); });
const body = pm.response.json();
pm.test("has a token", () => pm.expect(body).to.have.property("token").that.is.a("string"));
pm.test("Content-Type is JSON", function () {
    pm.expect(pm.response.headers.get("Content-Type")).to.include("application/json");
});
pm.test("Response time is less than 200ms", function () {
    pm.expect(pm.response.responseTime).to.be.below(200);
});
pm.test("user is an adult", function () {
    const user = body.user;
    pm.expect(user.age).to.be.at.least(18);
    pm.expect(body.tags).to.have.members(["b", "a"]).and.to.have.lengthOf(2);
});
pm.environment.set("token", body.token);
)")},
                         contextFor(&response));
        QVERIFY2(o.passed(), qPrintable(describe(o)));
        QCOMPARE(o.tests.size(), 5);
        QCOMPARE(o.changes,
                 (QList<ScriptVariableChange> {{Scope::Environment, u"token"_qs, u"tok-1"_qs}}));
    }

    void manyRunsAreFast()
    {
        ScriptRunner runner;
        const Response response = sampleResponse();
        const ScriptContext context = contextFor(&response);
        const ScriptSource script = testScript(
            QStringLiteral("pm.test('status', function () { pm.response.to.have.status(200); });\n"
                           "pm.environment.set('id', pm.response.json().id);"));
        QVERIFY(runner.run(script, context).passed());
        constexpr int runs = 1000;
        QElapsedTimer timer;
        timer.start();
        int passed = 0;
        for (int i = 0; i < runs; ++i)
            passed += runner.run(script, context).passed() ? 1 : 0;
        const qint64 ns = timer.nsecsElapsed();
        QCOMPARE(passed, runs);
        qInfo("%d runs of a small test script: %.1f us per run()", runs, ns / 1000.0 / runs);
        QVERIFY2(ns < 5'000'000'000LL, "1000 small scripts took more than 5 s");
    }
};

QTEST_GUILESS_MAIN(TestScriptRunner)
#include "tst_scriptrunner.moc"
