#include "core/graphql/graphqlhttp.h"
#include "core/http/preparedrequest.h"

#include <QTest>
#include <QUrlQuery>

using namespace Patchbay::Core;

namespace {

Request graphQlRequest(const QString &method)
{
    Request r;
    r.method = method;
    r.url = QStringLiteral("http://127.0.0.1:4000/graphql");
    r.body.mode = BodyMode::GraphQl;
    r.body.graphql.query = QStringLiteral("query A($id: ID!) { user(id: $id) { name } }\n"
                                          "query B { me { name } }");
    r.body.graphql.operationName = QStringLiteral("A");
    r.body.graphql.variables = QStringLiteral("{\"id\": 1.50, \"b\": \"é\"}");
    return r;
}

} // namespace

// A GraphQL body on the wire (core/graphql/graphqlhttp.h).
class TestGraphQlHttp final : public QObject
{
    Q_OBJECT

private slots:
    void postSendsJsonWithVariablesAsWritten()
    {
        const Result<PreparedRequest> p = prepareRequest(graphQlRequest(QStringLiteral("POST")));
        QVERIFY(p.ok());
        QCOMPARE(p->method, QStringLiteral("POST"));
        QCOMPARE(p->header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(p->body,
                 QByteArray("{\"query\":\"query A($id: ID!) { user(id: $id) { name } }\\nquery B { "
                            "me { name } }\",\"operationName\":\"A\",\"variables\":{\"id\": 1.50, "
                            "\"b\": \"\xc3\xa9\"}}"));
    }

    void payloadLeavesOutWhatIsEmpty()
    {
        GraphQlBody g;
        g.query = QStringLiteral("{ a }");
        g.variables = QStringLiteral("  \n");
        QCOMPARE(graphQlPayload(g), QByteArray("{\"query\":\"{ a }\"}"));
    }

    void getSendsQueryParameters()
    {
        const Result<PreparedRequest> p = prepareRequest(graphQlRequest(QStringLiteral("GET")));
        QVERIFY(p.ok());
        QVERIFY(!p->hasBody);
        QVERIFY(p->header("Content-Type").isNull());
        const QUrlQuery query(p->url);
        QCOMPARE(query.queryItemValue(QStringLiteral("operationName")), QStringLiteral("A"));
        QCOMPARE(query.queryItemValue(QStringLiteral("variables"), QUrl::FullyDecoded),
                 QStringLiteral("{\"id\": 1.50, \"b\": \"é\"}"));
        QVERIFY(query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded)
                    .startsWith(QLatin1String("query A($id: ID!)")));
        QVERIFY(p->url.toEncoded().contains("query=query%20A%28%24id%3A%20ID%21%29"));
    }

    void badVariablesAreRefused_data()
    {
        QTest::addColumn<QString>("variables");
        QTest::newRow("not json") << QStringLiteral("{id: 1}");
        QTest::newRow("an array") << QStringLiteral("[1]");
        QTest::newRow("trailing comma") << QStringLiteral("{\"a\": 1,}");
    }

    void badVariablesAreRefused()
    {
        QFETCH(QString, variables);
        Request r = graphQlRequest(QStringLiteral("POST"));
        r.body.graphql.variables = variables;
        const Result<PreparedRequest> p = prepareRequest(r);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, QStringLiteral("invalid-request"));
        QVERIFY(p.error().message.startsWith(QLatin1String("The GraphQL variables")));
    }

    void introspectionKeepsTheEndpoint()
    {
        Request r = graphQlRequest(QStringLiteral("PUT"));
        r.headers.append({QStringLiteral("X-Tenant"), QStringLiteral("t1"), true});
        r.auth.mode = AuthMode::Bearer;
        r.auth.token = QStringLiteral("secret");
        r.body.graphql.schemaFile = QStringLiteral("schemas/api.graphql");
        const Request i = introspectionRequest(r);
        QCOMPARE(i.method, QStringLiteral("POST"));
        QCOMPARE(i.url, r.url);
        QCOMPARE(i.headers, r.headers);
        QCOMPARE(i.auth, r.auth);
        QCOMPARE(i.body.mode, BodyMode::GraphQl);
        QCOMPARE(i.body.graphql.operationName, QStringLiteral("IntrospectionQuery"));
        QVERIFY(i.body.graphql.query.contains(QLatin1String("__schema")));
        QVERIFY(i.body.graphql.variables.isEmpty());
        QCOMPARE(introspectionRequest(graphQlRequest(QStringLiteral("GET"))).method,
                 QStringLiteral("GET"));
    }
};

QTEST_GUILESS_MAIN(TestGraphQlHttp)
#include "tst_graphqlhttp.moc"
