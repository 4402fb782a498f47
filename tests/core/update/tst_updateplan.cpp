#include "core/json/jsonformatter.h"
#include "core/json/jsonparser.h"
#include "core/json/jsonpatch.h"
#include "core/json/jsonwriter.h"
#include "core/json/mergepatch.h"
#include "core/update/updateplan.h"

#include <QTest>

using namespace Patchbay::Core;

namespace {

// JSON in test rows, written with single quotes to stay readable.
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

JsonValue json(const QByteArray &text)
{
    Result<JsonValue> parsed = parseJson(text);
    if (!parsed)
        qFatal("bad test JSON: %s", qPrintable(parsed.error().message));
    return parsed.value();
}

QString headerValue(const Request &request, const QString &name)
{
    for (const KeyValue &row : request.headers) {
        if (row.name.compare(name, Qt::CaseInsensitive) == 0)
            return row.value;
    }
    return {};
}

int headerCount(const Request &request, const QString &name)
{
    return int(
        std::count_if(request.headers.cbegin(), request.headers.cend(), [&](const KeyValue &row) {
            return row.name.compare(name, Qt::CaseInsensitive) == 0;
        }));
}

Request getRequest()
{
    Request get;
    get.url = QStringLiteral("http://127.0.0.1:1/users/1");
    get.params = {{QStringLiteral("expand"), QStringLiteral("1"), true}};
    get.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                   {QStringLiteral("If-None-Match"), QStringLiteral("\"old\""), true},
                   {QStringLiteral("X-Trace"), QStringLiteral("abc"), true}};
    get.auth.mode = AuthMode::Bearer;
    get.auth.token = QStringLiteral("t0k");
    return get;
}

using WarningKinds = QList<int>;

WarningKinds kindsOf(const UpdatePlan &plan)
{
    WarningKinds kinds;
    for (const UpdateWarning &w : plan.warnings)
        kinds.append(int(w.kind));
    return kinds;
}

} // namespace

Q_DECLARE_METATYPE(Patchbay::Core::UpdateKind)

class TestUpdatePlan final : public QObject
{
    Q_OBJECT

private slots:
    void build_data();
    void build();
    void bodiesApplyToTheOriginal_data();
    void bodiesApplyToTheOriginal();
    void keepsTheGetsRequestParts();
    void preconditions_data();
    void preconditions();
    void preconditionHeaders();
    void weakEtagWarns();
    void notObjects();
    void jsonPatchWithTests();
    void lint_data();
    void lint();
    void withoutPreconditionsDropsValidators();
};

void TestUpdatePlan::build_data()
{
    QTest::addColumn<UpdateKind>("kind");
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("edited");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QByteArray>("body"); // compact
    QTest::addColumn<WarningKinds>("warnings");
    using K = UpdateWarning::Kind;

    const QByteArray user
        = j("{'id':1,'name':'A','price':1.50,'tags':['x'],'addr':{'c':'P','z':'1'}}");
    QTest::newRow("put keeps order and literals")
        << UpdateKind::Put << user
        << j("{'id':1,'name':'B','price':1.50,'tags':['x'],'addr':{'c':'P','z':'1'}}") << "PUT"
        << "application/json"
        << j("{'id':1,'name':'B','price':1.50,'tags':['x'],'addr':{'c':'P','z':'1'}}")
        << WarningKinds {};
    QTest::newRow("put dropping fields warns")
        << UpdateKind::Put << user << j("{'id':1,'name':'A','price':1.50,'addr':{'c':'P'}}")
        << "PUT"
        << "application/json" << j("{'id':1,'name':'A','price':1.50,'addr':{'c':'P'}}")
        << WarningKinds {int(K::DroppedFields)};
    QTest::newRow("put unchanged")
        << UpdateKind::Put << user << user << "PUT"
        << "application/json" << user << WarningKinds {int(K::NothingChanged)};
    QTest::newRow("merge nested change")
        << UpdateKind::MergePatch << user
        << j("{'id':1,'name':'A','price':1.50,'tags':['x'],'addr':{'c':'Q','z':'1'}}") << "PATCH"
        << "application/merge-patch+json" << j("{'addr':{'c':'Q'}}") << WarningKinds {};
    QTest::newRow("merge removal is null")
        << UpdateKind::MergePatch << user
        << j("{'id':1,'name':'A','price':1.50,'tags':['x'],'addr':{'c':'P'}}") << "PATCH"
        << "application/merge-patch+json" << j("{'addr':{'z':null}}") << WarningKinds {};
    QTest::newRow("merge array replaced warns")
        << UpdateKind::MergePatch << user
        << j("{'id':1,'name':'A','price':1.50,'tags':['x','y'],'addr':{'c':'P','z':'1'}}")
        << "PATCH"
        << "application/merge-patch+json" << j("{'tags':['x','y']}")
        << WarningKinds {int(K::ArrayReplaced)};
    QTest::newRow("merge null not expressible")
        << UpdateKind::MergePatch << user
        << j("{'id':1,'name':null,'price':1.50,'tags':['x'],'addr':{'c':'P','z':'1'}}") << "PATCH"
        << "application/merge-patch+json" << j("{'name':null}")
        << WarningKinds {int(K::NullNotExpressible)};
    QTest::newRow("merge unchanged")
        << UpdateKind::MergePatch << user << user << "PATCH"
        << "application/merge-patch+json" << j("{}") << WarningKinds {int(K::NothingChanged)};
    QTest::newRow("json patch replace")
        << UpdateKind::JsonPatch << user
        << j("{'id':1,'name':'B','price':1.50,'tags':['x'],'addr':{'c':'P','z':'1'}}") << "PATCH"
        << "application/json-patch+json" << j("[{'op':'replace','path':'/name','value':'B'}]")
        << WarningKinds {};
    QTest::newRow("json patch null is fine")
        << UpdateKind::JsonPatch << user
        << j("{'id':1,'name':null,'price':1.50,'tags':['x'],'addr':{'c':'P','z':'1'}}") << "PATCH"
        << "application/json-patch+json" << j("[{'op':'replace','path':'/name','value':null}]")
        << WarningKinds {};
    QTest::newRow("plain partial sends changed top-level members whole")
        << UpdateKind::PlainPartial << user
        << j("{'id':1,'name':'B','price':1.50,'tags':['x'],'addr':{'c':'Q','z':'1'},'new':2}")
        << "PATCH"
        << "application/json" << j("{'name':'B','addr':{'c':'Q','z':'1'},'new':2}")
        << WarningKinds {};
    QTest::newRow("plain partial cannot remove")
        << UpdateKind::PlainPartial << user
        << j("{'id':1,'name':'A','price':1.50,'addr':{'c':'P','z':'1'}}") << "PATCH"
        << "application/json" << j("{}") << WarningKinds {int(K::RemovalNotExpressible)};
}

void TestUpdatePlan::build()
{
    QFETCH(UpdateKind, kind);
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, edited);
    QFETCH(QString, method);
    QFETCH(QString, contentType);
    QFETCH(QByteArray, body);
    QFETCH(WarningKinds, warnings);

    Result<UpdatePlan> plan
        = buildUpdateRequest(getRequest(), json(original), json(edited), kind, Preconditions {});
    QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
    QCOMPARE(plan->kind, kind);
    QCOMPARE(plan->request.method, method);
    QCOMPARE(headerValue(plan->request, QStringLiteral("Content-Type")), contentType);
    QCOMPARE(headerCount(plan->request, QStringLiteral("Content-Type")), 1);
    QCOMPARE(requestContentType(plan->request), contentType);
    QCOMPARE(plan->request.body.mode, BodyMode::Json);
    // Byte-exact: key order and number literals are kept.
    QCOMPARE(compactJson(plan->request.body.text.toUtf8()), body);
    QCOMPARE(kindsOf(*plan), warnings);
    for (const UpdateWarning &w : plan->warnings)
        QVERIFY(!w.message.isEmpty());
}

void TestUpdatePlan::bodiesApplyToTheOriginal_data()
{
    QTest::addColumn<UpdateKind>("kind");
    QTest::newRow("put") << UpdateKind::Put;
    QTest::newRow("merge") << UpdateKind::MergePatch;
    QTest::newRow("json patch") << UpdateKind::JsonPatch;
    QTest::newRow("plain partial") << UpdateKind::PlainPartial;
}

// What each server model does with the body must give the edited document.
void TestUpdatePlan::bodiesApplyToTheOriginal()
{
    QFETCH(UpdateKind, kind);
    const JsonValue original = json(j("{'id':1,'a':{'b':1,'c':[1,2]},'d':'x','e':true}"));
    const JsonValue edited = json(j("{'id':1,'a':{'b':2,'c':[1,2,3]},'e':true,'f':{'g':1}}"));
    Result<UpdatePlan> plan = buildUpdateRequest(Request {}, original, edited, kind, {});
    QVERIFY(plan.ok());
    const JsonValue body = json(plan->request.body.text.toUtf8());
    JsonValue result;
    switch (kind) {
    case UpdateKind::Put:
        result = body;
        break;
    case UpdateKind::MergePatch:
        result = applyMergePatch(original, body);
        break;
    case UpdateKind::JsonPatch: {
        Result<JsonValue> applied = applyJsonPatch(original, body);
        QVERIFY(applied.ok());
        result = applied.value();
        break;
    }
    case UpdateKind::PlainPartial: {
        result = original;
        for (const JsonMember &m : body.members())
            result.insert(m.key, m.value);
        // A plain partial body cannot remove: /d stays, and the plan says so.
        QVERIFY(result.contains(u"d"));
        QVERIFY(plan->hasWarning(UpdateWarning::Kind::RemovalNotExpressible));
        result.remove(u"d");
        break;
    }
    }
    QCOMPARE(toJson(result, JsonStyle::Compact), toJson(edited, JsonStyle::Compact));
    QVERIFY(result == edited);
}

void TestUpdatePlan::keepsTheGetsRequestParts()
{
    const Request get = getRequest();
    Preconditions pre;
    pre.etag = QStringLiteral("\"v2\"");
    pre.sendIfMatch = true;
    Result<UpdatePlan> plan = buildUpdateRequest(get, json("{\"a\":1}"), json("{\"a\":2}"),
                                                 UpdateKind::MergePatch, pre);
    QVERIFY(plan.ok());
    const Request &r = plan->request;
    QCOMPARE(r.url, get.url);
    QCOMPARE(r.params, get.params);
    QCOMPARE(r.auth, get.auth);
    QCOMPARE(r.settings, get.settings);
    QCOMPARE(headerValue(r, QStringLiteral("X-Trace")), QStringLiteral("abc"));
    QCOMPARE(headerValue(r, QStringLiteral("Accept")), QStringLiteral("application/json"));
    // The GET's own validator would turn the update into a conditional on the wrong thing.
    QCOMPARE(headerCount(r, QStringLiteral("If-None-Match")), 0);
    QCOMPARE(headerValue(r, QStringLiteral("If-Match")), QStringLiteral("\"v2\""));
}

void TestUpdatePlan::preconditions_data()
{
    QTest::addColumn<QByteArray>("etag");
    QTest::addColumn<QByteArray>("lastModified");
    QTest::addColumn<bool>("ifMatch");
    QTest::addColumn<bool>("ifUnmodifiedSince");
    const QByteArray date("Tue, 02 Jan 2024 10:00:00 GMT");
    QTest::newRow("etag and date") << QByteArray("\"abc\"") << date << true << false;
    QTest::newRow("etag only") << QByteArray("\"abc\"") << QByteArray() << true << false;
    QTest::newRow("date only") << QByteArray() << date << false << true;
    QTest::newRow("none") << QByteArray() << QByteArray() << false << false;
}

void TestUpdatePlan::preconditions()
{
    QFETCH(QByteArray, etag);
    QFETCH(QByteArray, lastModified);
    QFETCH(bool, ifMatch);
    QFETCH(bool, ifUnmodifiedSince);
    Response response;
    response.statusCode = 200;
    if (!etag.isEmpty())
        response.headers.append({"etag", etag});
    if (!lastModified.isEmpty())
        response.headers.append({"Last-Modified", lastModified});
    const Preconditions p = preconditionsFrom(response);
    QCOMPARE(p.etag, QString::fromLatin1(etag));
    QCOMPARE(p.lastModified, QString::fromLatin1(lastModified));
    QCOMPARE(p.sendIfMatch, ifMatch);
    QCOMPARE(p.sendIfUnmodifiedSince, ifUnmodifiedSince);

    Result<UpdatePlan> plan = buildUpdateRequest(getRequest(), json("{\"a\":1}"), json("{\"a\":2}"),
                                                 UpdateKind::Put, p);
    QVERIFY(plan.ok());
    QCOMPARE(headerCount(plan->request, QStringLiteral("If-Match")), ifMatch ? 1 : 0);
    QCOMPARE(headerCount(plan->request, QStringLiteral("If-Unmodified-Since")),
             ifUnmodifiedSince ? 1 : 0);
    if (ifUnmodifiedSince)
        QCOMPARE(headerValue(plan->request, QStringLiteral("If-Unmodified-Since")),
                 QString::fromLatin1(lastModified));
}

void TestUpdatePlan::preconditionHeaders()
{
    Preconditions p;
    p.etag = QStringLiteral("\"abc\"");
    p.lastModified = QStringLiteral("Tue, 02 Jan 2024 10:00:00 GMT");
    p.sendIfMatch = false; // the user switched it off
    p.sendIfUnmodifiedSince = true;
    Result<UpdatePlan> plan = buildUpdateRequest(getRequest(), json("{\"a\":1}"), json("{\"a\":2}"),
                                                 UpdateKind::Put, p);
    QVERIFY(plan.ok());
    QCOMPARE(headerCount(plan->request, QStringLiteral("If-Match")), 0);
    QCOMPARE(headerValue(plan->request, QStringLiteral("If-Unmodified-Since")), p.lastModified);
}

void TestUpdatePlan::weakEtagWarns()
{
    Response response;
    response.headers.append(HttpHeader {"ETag", "W/\"12-abc\""});
    const Preconditions p = preconditionsFrom(response);
    QVERIFY(p.isWeakEtag());
    Result<UpdatePlan> plan = buildUpdateRequest(getRequest(), json("{\"a\":1}"), json("{\"a\":2}"),
                                                 UpdateKind::Put, p);
    QVERIFY(plan.ok());
    QVERIFY(plan->hasWarning(UpdateWarning::Kind::WeakEtag));
    QCOMPARE(headerValue(plan->request, QStringLiteral("If-Match")),
             QStringLiteral("W/\"12-abc\""));
}

void TestUpdatePlan::notObjects()
{
    const JsonValue a = json("[1,2]");
    const JsonValue b = json("[1,2,3]");
    for (UpdateKind kind : {UpdateKind::MergePatch, UpdateKind::PlainPartial}) {
        Result<UpdatePlan> plan = buildUpdateRequest(Request {}, a, b, kind, {});
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, QStringLiteral("update-not-object"));
    }
    QVERIFY(buildUpdateRequest(Request {}, a, b, UpdateKind::Put, {}).ok());
    Result<UpdatePlan> patch = buildUpdateRequest(Request {}, a, b, UpdateKind::JsonPatch, {});
    QVERIFY(patch.ok());
    QCOMPARE(compactJson(patch->request.body.text.toUtf8()),
             j("[{'op':'add','path':'/2','value':3}]"));
}

void TestUpdatePlan::jsonPatchWithTests()
{
    UpdateOptions options;
    options.jsonPatchTests = true;
    Result<UpdatePlan> plan
        = buildUpdateRequest(Request {}, json(j("{'a':1,'b':2}")), json(j("{'a':5,'b':2}")),
                             UpdateKind::JsonPatch, {}, options);
    QVERIFY(plan.ok());
    QCOMPARE(compactJson(plan->request.body.text.toUtf8()),
             j("[{'op':'test','path':'/a','value':1},{'op':'replace','path':'/a','value':5}]"));
}

void TestUpdatePlan::lint_data()
{
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("warns");
    const QByteArray ops = j("[{'op':'replace','path':'/a','value':1}]");
    QTest::newRow("patch as json") << QString() << ops << true;
    QTest::newRow("patch as json explicit")
        << QStringLiteral("application/json; charset=utf-8") << ops << true;
    QTest::newRow("patch labelled right")
        << QStringLiteral("application/json-patch+json") << ops << false;
    QTest::newRow("plain array") << QString() << j("[1,2]") << false;
    QTest::newRow("object") << QString() << j("{'op':'x','path':'/a'}") << false;
}

void TestUpdatePlan::lint()
{
    QFETCH(QString, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, warns);
    Request r;
    r.method = QStringLiteral("PATCH");
    r.body.mode = BodyMode::Json;
    r.body.text = QString::fromUtf8(body);
    if (!contentType.isEmpty())
        r.headers.append(KeyValue {QStringLiteral("Content-Type"), contentType, true});
    const QList<UpdateWarning> warnings = lintUpdateRequest(r);
    QCOMPARE(!warnings.isEmpty(), warns);
    if (warns)
        QCOMPARE(warnings.first().kind, UpdateWarning::Kind::JsonPatchAsPlainJson);
}

void TestUpdatePlan::withoutPreconditionsDropsValidators()
{
    Request r = getRequest();
    r.headers.append(KeyValue {QStringLiteral("if-match"), QStringLiteral("\"x\""), true});
    r.headers.append(KeyValue {QStringLiteral("If-Unmodified-Since"), QStringLiteral("d"), true});
    const Request out = withoutPreconditions(r);
    QCOMPARE(headerCount(out, QStringLiteral("If-Match")), 0);
    QCOMPARE(headerCount(out, QStringLiteral("If-Unmodified-Since")), 0);
    QCOMPARE(headerCount(out, QStringLiteral("If-None-Match")), 0);
    QCOMPARE(headerValue(out, QStringLiteral("X-Trace")), QStringLiteral("abc"));
}

QTEST_GUILESS_MAIN(TestUpdatePlan)
#include "tst_updateplan.moc"
