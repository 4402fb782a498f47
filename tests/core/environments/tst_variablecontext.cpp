#include "core/environments/variablecontext.h"

#include <QRegularExpression>
#include <QTest>
#include <QUuid>

using namespace Patchbay::Core;

namespace {

Variable var(const QString &name, const QString &value, bool enabled = true, bool secret = false)
{
    return {name, value, enabled, secret};
}

// request → folder → collection → environment → globals, as the UI builds it.
VariableContext layered()
{
    return VariableContext({
        {ScopeKind::Request,
         QStringLiteral("request"),
         {var(QStringLiteral("who"), QStringLiteral("request"))}},
        {ScopeKind::Folder,
         QStringLiteral("Admin"),
         {var(QStringLiteral("who"), QStringLiteral("folder")),
          var(QStringLiteral("folderOnly"), QStringLiteral("f"))}},
        {ScopeKind::Collection,
         QStringLiteral("Users API"),
         {var(QStringLiteral("who"), QStringLiteral("collection")),
          var(QStringLiteral("baseUrl"), QStringLiteral("http://collection")),
          var(QStringLiteral("disabledHere"), QStringLiteral("collection-value"), false)}},
        {ScopeKind::Environment,
         QStringLiteral("Staging"),
         {var(QStringLiteral("baseUrl"), QStringLiteral("https://staging")),
          var(QStringLiteral("token"), QStringLiteral("s3cret"), true, true),
          var(QStringLiteral("disabledHere"), QStringLiteral("environment-value"))}},
        {ScopeKind::Globals,
         QStringLiteral("Globals"),
         {var(QStringLiteral("who"), QStringLiteral("globals")),
          var(QStringLiteral("globalOnly"), QStringLiteral("g"))}},
    });
}

} // namespace

class TestVariableContext final : public QObject
{
    Q_OBJECT

private slots:
    void findVariables_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<VariableSpan>>("expected");
        QTest::newRow("none") << QStringLiteral("plain text { } {x}") << QList<VariableSpan> {};
        QTest::newRow("one") << QStringLiteral("{{baseUrl}}/users")
                             << QList<VariableSpan> {{0, 11, QStringLiteral("baseUrl")}};
        QTest::newRow("two") << QStringLiteral("a{{x}}b{{ y }}")
                             << QList<VariableSpan> {{1, 5, QStringLiteral("x")},
                                                     {7, 7, QStringLiteral("y")}};
        QTest::newRow("dynamic") << QStringLiteral("id={{$uuid}}")
                                 << QList<VariableSpan> {{3, 9, QStringLiteral("$uuid")}};
        QTest::newRow("empty braces") << QStringLiteral("{{}} {{  }}") << QList<VariableSpan> {};
        QTest::newRow("unterminated") << QStringLiteral("{{open and {{ok}}")
                                      << QList<VariableSpan> {{11, 6, QStringLiteral("ok")}};
        QTest::newRow("triple braces")
            << QStringLiteral("{{{x}}}") << QList<VariableSpan> {{1, 5, QStringLiteral("x")}};
        QTest::newRow("no newline inside") << QStringLiteral("{{a\nb}}") << QList<VariableSpan> {};
        QTest::newRow("unicode name")
            << QStringLiteral("é{{ñame}}") << QList<VariableSpan> {{1, 8, QStringLiteral("ñame")}};
    }

    void findVariables()
    {
        QFETCH(QString, text);
        QFETCH(QList<VariableSpan>, expected);
        QCOMPARE(Patchbay::Core::findVariables(text), expected);
    }

    void precedence_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<ScopeKind>("scope");
        QTest::newRow("request wins")
            << QStringLiteral("who") << QStringLiteral("request") << ScopeKind::Request;
        QTest::newRow("folder") << QStringLiteral("folderOnly") << QStringLiteral("f")
                                << ScopeKind::Folder;
        QTest::newRow("collection before environment")
            << QStringLiteral("baseUrl") << QStringLiteral("http://collection")
            << ScopeKind::Collection;
        QTest::newRow("disabled row skipped")
            << QStringLiteral("disabledHere") << QStringLiteral("environment-value")
            << ScopeKind::Environment;
        QTest::newRow("globals last")
            << QStringLiteral("globalOnly") << QStringLiteral("g") << ScopeKind::Globals;
    }

    void precedence()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(ScopeKind, scope);
        const std::optional<ResolvedVariable> hit = layered().lookup(name);
        QVERIFY(hit);
        QCOMPARE(hit->value, value);
        QCOMPARE(hit->scope, scope);
        QVERIFY(!hit->isSecret);
    }

    void lookupReportsSecretAndScopeName()
    {
        const std::optional<ResolvedVariable> token = layered().lookup(u"token");
        QVERIFY(token);
        QVERIFY(token->isSecret);
        QCOMPARE(token->scopeName, QStringLiteral("Staging"));
        QVERIFY(!layered().lookup(u"missing"));
    }

    void dynamicVariables()
    {
        VariableContext context = layered();
        context.setClock(
            [] { return QDateTime(QDate(2024, 2, 29), QTime(12, 34, 56, 789), Qt::UTC); });
        QCOMPARE(context.resolveText(u"{{$timestamp}}"), QStringLiteral("1709210096"));
        QCOMPARE(context.resolveText(u"{{$isoTimestamp}}"),
                 QStringLiteral("2024-02-29T12:34:56.789Z"));

        const QString uuid1 = context.resolveText(u"{{$uuid}}");
        const QString uuid2 = context.resolveText(u"{{$uuid}}");
        QVERIFY(!QUuid::fromString(uuid1).isNull());
        QVERIFY(uuid1 != uuid2);
        QCOMPARE(uuid1.size(), 36);

        VariableContext real;
        for (int i = 0; i < 200; ++i) {
            bool ok = false;
            const int n = real.resolveText(u"{{$randomInt}}").toInt(&ok);
            QVERIFY(ok);
            QVERIFY(n >= 0 && n <= 1000);
        }
        context.setRandomInt([] { return 42; });
        QCOMPARE(context.lookup(u"$randomInt")->scope, ScopeKind::Dynamic);
        QCOMPARE(context.resolveText(u"n={{$randomInt}}"), QStringLiteral("n=42"));

        QStringList unresolved;
        QCOMPARE(context.resolveText(u"{{$nope}}", &unresolved), QStringLiteral("{{$nope}}"));
        QCOMPARE(unresolved, QStringList {QStringLiteral("$nope")});
    }

    void nestedAndCyclicValues()
    {
        VariableContext context(
            {{ScopeKind::Environment,
              QStringLiteral("E"),
              {var(QStringLiteral("host"), QStringLiteral("example.com")),
               var(QStringLiteral("base"), QStringLiteral("https://{{host}}/v1")),
               var(QStringLiteral("a"), QStringLiteral("{{b}}")),
               var(QStringLiteral("b"), QStringLiteral("{{a}}"))}}});
        QCOMPARE(context.resolveText(u"{{base}}/users"),
                 QStringLiteral("https://example.com/v1/users"));
        QStringList unresolved;
        context.resolveText(u"{{a}}", &unresolved);
        QVERIFY(!unresolved.isEmpty()); // a cycle is reported, not looped on
    }

    void resolveRequestEverywhere()
    {
        Request r;
        r.url = QStringLiteral("{{baseUrl}}/users/{{missingId}}");
        r.params = {{QStringLiteral("who"), QStringLiteral("{{who}}"), true},
                    {QStringLiteral("off"), QStringLiteral("{{disabledRowVar}}"), false}};
        r.headers = {{QStringLiteral("X-{{who}}"), QStringLiteral("Bearer {{token}}"), true}};
        r.body.mode = BodyMode::Json;
        r.body.text = QStringLiteral("{\"g\": \"{{globalOnly}}\", \"m\": \"{{missingBody}}\"}");
        r.body.formFields = {{QStringLiteral("f"), QStringLiteral("{{notSentFormVar}}"), true}};
        r.auth.mode = AuthMode::Basic;
        r.auth.username = QStringLiteral("{{folderOnly}}");
        r.auth.password = QStringLiteral("{{token}}");
        r.auth.token = QStringLiteral("{{notSentBearerVar}}");

        QStringList unresolved;
        QStringList secrets;
        const Request out = resolveVariables(r, layered(), &unresolved, &secrets);
        QCOMPARE(secrets, QStringList {QStringLiteral("s3cret")}); // for history/export masking
        QCOMPARE(out.url, QStringLiteral("http://collection/users/{{missingId}}"));
        QCOMPARE(out.params.at(0).value, QStringLiteral("request"));
        QCOMPARE(out.params.at(1).value, QStringLiteral("{{disabledRowVar}}"));
        QCOMPARE(out.headers.at(0).name, QStringLiteral("X-request"));
        QCOMPARE(out.headers.at(0).value, QStringLiteral("Bearer s3cret"));
        QCOMPARE(out.body.text, QStringLiteral("{\"g\": \"g\", \"m\": \"{{missingBody}}\"}"));
        QCOMPARE(out.auth.username, QStringLiteral("f"));
        QCOMPARE(out.auth.password, QStringLiteral("s3cret"));
        // Only what is sent is reported, each name once.
        QCOMPARE(unresolved,
                 QStringList({QStringLiteral("missingId"), QStringLiteral("missingBody")}));
        // The original is untouched.
        QCOMPARE(r.url, QStringLiteral("{{baseUrl}}/users/{{missingId}}"));
    }
};

QTEST_GUILESS_MAIN(TestVariableContext)
#include "tst_variablecontext.moc"
