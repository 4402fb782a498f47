#include "core/json/jsonparser.h"
#include "core/json/jsonwriter.h"
#include "core/update/jsonchanges.h"

#include <QTest>

using namespace Patchbay::Core;

namespace {

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

QString optionalText(const std::optional<JsonValue> &v)
{
    return v ? QString::fromUtf8(toJson(*v, JsonStyle::Compact)) : QStringLiteral("-");
}

// "changed /a 1 -> 2" lines, compact and easy to read in a failure.
QStringList describe(const QList<JsonChange> &changes)
{
    QStringList out;
    for (const JsonChange &c : changes) {
        out.append(QStringLiteral("%1 %2 %3 -> %4")
                       .arg(jsonChangeKindName(c.kind), c.pointer.toString(),
                            optionalText(c.before), optionalText(c.after)));
    }
    return out;
}

QStringList describe(const QList<VerifyItem> &items)
{
    QStringList out;
    for (const VerifyItem &i : items) {
        out.append(QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(verifyStatusName(i.status), i.pointer.toString(),
                            optionalText(i.original), optionalText(i.intended),
                            optionalText(i.actual)));
    }
    return out;
}

} // namespace

class TestJsonChanges final : public QObject
{
    Q_OBJECT

private slots:
    void diff_data();
    void diff();
    void arraysAsValues();
    void classify_data();
    void classify();
    void rebase_data();
    void rebase();
    void rebaseFails();
};

void TestJsonChanges::diff_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("equal") << j("{'a':1}") << j("{'a':1}") << QStringList {};
    QTest::newRow("key order ignored")
        << j("{'a':1,'b':2}") << j("{'b':2,'a':1}") << QStringList {};
    QTest::newRow("numbers by value")
        << j("{'p':1.50,'q':1e3}") << j("{'p':1.5,'q':1000}") << QStringList {};
    QTest::newRow("changed scalar")
        << j("{'a':1}") << j("{'a':2}") << QStringList {QStringLiteral("changed /a 1 -> 2")};
    QTest::newRow("added and removed")
        << j("{'a':1,'b':2}") << j("{'b':2,'c':3}")
        << QStringList {QStringLiteral("removed /a 1 -> -"), QStringLiteral("added /c - -> 3")};
    QTest::newRow("nested") << j("{'o':{'x':1,'y':{'z':true}}}")
                            << j("{'o':{'x':1,'y':{'z':false}}}")
                            << QStringList {QStringLiteral("changed /o/y/z true -> false")};
    QTest::newRow("type change is one change")
        << j("{'o':{'x':1}}") << j("{'o':[1]}")
        << QStringList {QStringLiteral("changed /o {\"x\":1} -> [1]")};
    QTest::newRow("arrays by index") << j("{'t':['a','b']}") << j("{'t':['a','c','d']}")
                                     << QStringList {QStringLiteral("changed /t/1 \"b\" -> \"c\""),
                                                     QStringLiteral("added /t/2 - -> \"d\"")};
    QTest::newRow("array shrinks")
        << j("[1,2,3]") << j("[1]")
        << QStringList {QStringLiteral("removed /1 2 -> -"), QStringLiteral("removed /2 3 -> -")};
    QTest::newRow("escaped keys") << j("{'a/b':1,'m~n':2}") << j("{'a/b':2,'m~n':2}")
                                  << QStringList {QStringLiteral("changed /a~1b 1 -> 2")};
    QTest::newRow("root scalar") << j("1") << j("\"x\"")
                                 << QStringList {QStringLiteral("changed  1 -> \"x\"")};
}

void TestJsonChanges::diff()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(diffJson(json(before), json(after))), expected);
}

void TestJsonChanges::arraysAsValues()
{
    JsonDiffOptions options;
    options.arraysAsValues = true;
    QCOMPARE(describe(diffJson(json(j("{'t':[1,2]}")), json(j("{'t':[2]}")), options)),
             QStringList {QStringLiteral("changed /t [1,2] -> [2]")});
}

void TestJsonChanges::classify_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("intended");
    QTest::addColumn<QByteArray>("server");
    QTest::addColumn<QStringList>("expected");

    const QByteArray user = j("{'id':1,'name':'A','email':'a@x','address':{'city':'P','zip':'1'}}");
    QTest::newRow("all applied")
        << user << j("{'id':1,'name':'B','email':'a@x','address':{'city':'P','zip':'1'}}")
        << j("{'id':1,'name':'B','email':'a@x','address':{'city':'P','zip':'1'}}")
        << QStringList {QStringLiteral("applied /name \"A\" \"B\" \"B\"")};
    QTest::newRow("server-only timestamp")
        << user << j("{'id':1,'name':'B','email':'a@x','address':{'city':'P','zip':'1'}}")
        << j("{'id':1,'name':'B','email':'a@x','address':{'city':'P','zip':'1'},'updatedAt':'t'}")
        << QStringList {QStringLiteral("applied /name \"A\" \"B\" \"B\""),
                        QStringLiteral("server-only /updatedAt - - \"t\"")};
    QTest::newRow("ignored by server")
        << user << j("{'id':1,'name':'B','email':'a@x','address':{'city':'P','zip':'1'}}") << user
        << QStringList {QStringLiteral("ignored /name \"A\" \"B\" \"A\"")};
    QTest::newRow("normalised by server")
        << user << j("{'id':1,'name':'A','email':'B@X','address':{'city':'P','zip':'1'}}")
        << j("{'id':1,'name':'A','email':'b@x','address':{'city':'P','zip':'1'}}")
        << QStringList {QStringLiteral("different /email \"a@x\" \"B@X\" \"b@x\"")};
    QTest::newRow("nested object replaced by shallow merge")
        << user << j("{'id':1,'name':'A','email':'a@x','address':{'city':'Q','zip':'1'}}")
        << j("{'id':1,'name':'A','email':'a@x','address':{'city':'Q'}}")
        << QStringList {QStringLiteral("applied /address/city \"P\" \"Q\" \"Q\""),
                        QStringLiteral("server-only /address/zip \"1\" \"1\" -")};
    QTest::newRow("removal applied")
        << user << j("{'id':1,'name':'A','address':{'city':'P','zip':'1'}}")
        << j("{'id':1,'name':'A','address':{'city':'P','zip':'1'}}")
        << QStringList {QStringLiteral("applied /email \"a@x\" - -")};
    QTest::newRow("removal ignored")
        << user << j("{'id':1,'name':'A','address':{'city':'P','zip':'1'}}") << user
        << QStringList {QStringLiteral("ignored /email \"a@x\" - \"a@x\"")};
    QTest::newRow("order and literals do not count")
        << j("{'a':1.50,'b':2}") << j("{'a':1.50,'b':3}") << j("{'b':3,'a':1.5}")
        << QStringList {QStringLiteral("applied /b 2 3 3")};
}

void TestJsonChanges::classify()
{
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, intended);
    QFETCH(QByteArray, server);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(classifyVerify(json(original), json(intended), json(server))), expected);
}

void TestJsonChanges::rebase_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("yours");
    QTest::addColumn<QByteArray>("theirs");
    QTest::addColumn<QByteArray>("merged");
    QTest::addColumn<QStringList>("conflicts");

    const QByteArray base = j("{'id':1,'name':'A','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}");
    QTest::newRow("no conflict")
        << base << j("{'id':1,'name':'B','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'A','email':'new@x','tags':['x'],'o':{'p':1,'q':2},'v':2}")
        << j("{'id':1,'name':'B','email':'new@x','tags':['x'],'o':{'p':1,'q':2},'v':2}")
        << QStringList {};
    QTest::newRow("same change on both sides")
        << base << j("{'id':1,'name':'B','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'B','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'B','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}") << QStringList {};
    QTest::newRow("conflict: yours wins and is reported")
        << base << j("{'id':1,'name':'B','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'C','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'B','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}")
        << QStringList {QStringLiteral("/name")};
    QTest::newRow("nested members merge")
        << base << j("{'id':1,'name':'A','email':'a@x','tags':['x'],'o':{'p':5,'q':2}}")
        << j("{'id':1,'name':'A','email':'a@x','tags':['x'],'o':{'p':1,'q':7}}")
        << j("{'id':1,'name':'A','email':'a@x','tags':['x'],'o':{'p':5,'q':7}}") << QStringList {};
    QTest::newRow("your removal")
        << base << j("{'id':1,'name':'A','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'Z','email':'a@x','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'Z','tags':['x'],'o':{'p':1,'q':2}}") << QStringList {};
    QTest::newRow("removal conflicts with their change")
        << base << j("{'id':1,'name':'A','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'A','email':'b@x','tags':['x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'A','tags':['x'],'o':{'p':1,'q':2}}")
        << QStringList {QStringLiteral("/email")};
    QTest::newRow("arrays are whole values")
        << base << j("{'id':1,'name':'A','email':'a@x','tags':['x','y'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'A','email':'a@x','tags':['w','x'],'o':{'p':1,'q':2}}")
        << j("{'id':1,'name':'A','email':'a@x','tags':['x','y'],'o':{'p':1,'q':2}}")
        << QStringList {QStringLiteral("/tags")};
    QTest::newRow("your addition")
        << base << j("{'id':1,'name':'A','email':'a@x','tags':['x'],'o':{'p':1,'q':2},'n':1.50}")
        << base << j("{'id':1,'name':'A','email':'a@x','tags':['x'],'o':{'p':1,'q':2},'n':1.50}")
        << QStringList {};
}

void TestJsonChanges::rebase()
{
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, yours);
    QFETCH(QByteArray, theirs);
    QFETCH(QByteArray, merged);
    QFETCH(QStringList, conflicts);
    Result<RebaseResult> result = rebaseEdit(json(original), json(yours), json(theirs));
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
    // Their member order and your literals survive.
    QCOMPARE(toJson(result->merged, JsonStyle::Compact), merged);
    QStringList pointers;
    for (const RebaseConflict &c : result->conflicts)
        pointers.append(c.pointer.toString());
    QCOMPARE(pointers, conflicts);
}

void TestJsonChanges::rebaseFails()
{
    Result<RebaseResult> result
        = rebaseEdit(json(j("{'o':{'p':1}}")), json(j("{'o':{'p':2}}")), json(j("{'x':1}")));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("rebase-failed"));
    QVERIFY(result.error().message.contains(QLatin1String("/o/p")));
}

QTEST_GUILESS_MAIN(TestJsonChanges)
#include "tst_jsonchanges.moc"
