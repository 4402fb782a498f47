#include "core/http/httpclient.h"
#include "core/json/jsonparser.h"
#include "core/update/jsonchanges.h"
#include "core/update/updateplan.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/sendhelper.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Patchbay::Core;
using Patchbay::Test::ExternalServer;
using Patchbay::Test::sendAndWait;

// The update workbench engine against the real json-server: its PUT replaces, its PATCH is a
// shallow merge, and it ignores merge-patch bodies. The verify diff must show what it really did.
class TestUpdateWorkbench final : public QObject
{
    Q_OBJECT

private:
    struct Fetched
    {
        Request get;
        Response response;
        JsonValue document;
    };
    Fetched fetchUser()
    {
        Fetched f;
        f.get.url = m_server->url(QStringLiteral("/users/1")).toString();
        f.response = sendAndWait(*m_client, f.get);
        Result<JsonValue> doc = parseJson(f.response.body.readAll());
        if (doc)
            f.document = doc.value();
        return f;
    }
    // Sends the plan's request, GETs the resource again and classifies what happened.
    QList<VerifyItem> sendAndVerify(const Request &update, const JsonValue &original,
                                    const JsonValue &edited, int *status)
    {
        *status = sendAndWait(*m_client, update).statusCode;
        return classifyVerify(original, edited, fetchUser().document);
    }
    static QStringList describe(const QList<VerifyItem> &items)
    {
        QStringList out;
        for (const VerifyItem &i : items)
            out.append(verifyStatusName(i.status) + u' ' + i.pointer.toString());
        return out;
    }

    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;

private slots:
    void init()
    {
        m_server.emplace(ExternalServer::sampleJsonServer(m_dir.path()));
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_client = std::make_unique<HttpClient>(&m_network);
    }
    void cleanup() { m_server.reset(); }

    void putReplacesTheResource()
    {
        const Fetched f = fetchUser();
        QCOMPARE(f.response.statusCode, 200);
        JsonValue edited = f.document;
        edited.insert(QStringLiteral("name"), JsonValue::fromString(QStringLiteral("Leanne G.")));
        edited.remove(u"tags");
        const Preconditions pre = preconditionsFrom(f.response);
        Result<UpdatePlan> plan
            = buildUpdateRequest(f.get, f.document, edited, UpdateKind::Put, pre);
        QVERIFY(plan.ok());
        QVERIFY(plan->hasWarning(UpdateWarning::Kind::DroppedFields));
        // json-server (express) sends weak ETags: If-Match cannot protect against lost updates.
        QVERIFY(pre.isWeakEtag());
        QVERIFY(plan->hasWarning(UpdateWarning::Kind::WeakEtag));
        int status = 0;
        const QList<VerifyItem> items = sendAndVerify(plan->request, f.document, edited, &status);
        QCOMPARE(status, 200);
        QCOMPARE(describe(items),
                 (QStringList {QStringLiteral("applied /name"), QStringLiteral("applied /tags")}));
    }

    // A PUT body without a field the GET returned: json-server drops it, and verify says so.
    void partialPutDropsWhatWasNotSent()
    {
        const Fetched f = fetchUser();
        Request put = f.get;
        put.method = QStringLiteral("PUT");
        put.body.mode = BodyMode::Json;
        put.body.text = QStringLiteral("{\"name\": \"Only name\"}");
        JsonValue intended = f.document; // what a careless user thinks a PUT of one field does
        intended.insert(QStringLiteral("name"), JsonValue::fromString(QStringLiteral("Only name")));
        int status = 0;
        const QList<VerifyItem> items = sendAndVerify(put, f.document, intended, &status);
        QCOMPARE(status, 200);
        QCOMPARE(describe(items),
                 (QStringList {
                     QStringLiteral("applied /name"), QStringLiteral("server-only /email"),
                     QStringLiteral("server-only /address"), QStringLiteral("server-only /tags")}));
    }

    void plainPartialShallowMerges()
    {
        const Fetched f = fetchUser();
        JsonValue edited = f.document;
        edited.findMutable(u"address")
            ->insert(QStringLiteral("city"), JsonValue::fromString(QStringLiteral("Paris")));
        edited.insert(QStringLiteral("email"), JsonValue::fromString(QStringLiteral("l@x.test")));
        Result<UpdatePlan> plan
            = buildUpdateRequest(f.get, f.document, edited, UpdateKind::PlainPartial, {});
        QVERIFY(plan.ok());
        // The whole nested object goes out, because json-server replaces nested objects.
        const JsonValue body = parseJson(plan->request.body.text.toUtf8()).value();
        QCOMPARE(body.keys(), (QStringList {QStringLiteral("email"), QStringLiteral("address")}));
        QCOMPARE(body.value(u"address").size(), 3);
        int status = 0;
        const QList<VerifyItem> items = sendAndVerify(plan->request, f.document, edited, &status);
        QCOMPARE(status, 200);
        QCOMPARE(describe(items),
                 (QStringList {QStringLiteral("applied /email"),
                               QStringLiteral("applied /address/city")}));
    }

    // A merge patch sent as plain application/json: json-server shallow-merges it, so the nested
    // object is replaced by the partial one and its other members are gone.
    void nestedPatchAsPlainJsonLosesSiblings()
    {
        const Fetched f = fetchUser();
        JsonValue edited = f.document;
        edited.findMutable(u"address")
            ->insert(QStringLiteral("city"), JsonValue::fromString(QStringLiteral("Paris")));
        Result<UpdatePlan> plan
            = buildUpdateRequest(f.get, f.document, edited, UpdateKind::MergePatch, {});
        QVERIFY(plan.ok());
        Request request = plan->request;
        for (KeyValue &row : request.headers) {
            if (row.name == QLatin1String("Content-Type"))
                row.value = QStringLiteral("application/json");
        }
        int status = 0;
        const QList<VerifyItem> items = sendAndVerify(request, f.document, edited, &status);
        QCOMPARE(status, 200);
        QCOMPARE(describe(items),
                 (QStringList {QStringLiteral("applied /address/city"),
                               QStringLiteral("server-only /address/street"),
                               QStringLiteral("server-only /address/zipcode")}));
    }

    // json-server answers 200 to a merge-patch+json body but does not apply it.
    void mergePatchMediaTypeIsIgnored()
    {
        const Fetched f = fetchUser();
        JsonValue edited = f.document;
        edited.insert(QStringLiteral("name"), JsonValue::fromString(QStringLiteral("Merged")));
        Result<UpdatePlan> plan
            = buildUpdateRequest(f.get, f.document, edited, UpdateKind::MergePatch, {});
        QVERIFY(plan.ok());
        int status = 0;
        const QList<VerifyItem> items = sendAndVerify(plan->request, f.document, edited, &status);
        QCOMPARE(status, 200);
        QCOMPARE(describe(items), QStringList {QStringLiteral("ignored /name")});
    }
};

QTEST_GUILESS_MAIN(TestUpdateWorkbench)
#include "tst_updateworkbench.moc"
