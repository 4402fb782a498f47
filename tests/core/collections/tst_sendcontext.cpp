#include "core/collections/sendcontext.h"

#include <QTest>

using namespace Patchbay::Core;

// What a saved request sends: collection defaults and variables from every scope.
class TestSendContext final : public QObject
{
    Q_OBJECT

private:
    static QString sample()
    {
        return qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/resources/sample");
    }
    static QString collection() { return sample() + QStringLiteral("/sandbox-updates"); }

private slots:
    void sampleRequestResolvesWithTheEnvironment()
    {
        Result<Workspace> ws = Workspace::open(sample());
        QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
        const QString path = collection() + QStringLiteral("/patch-email.yaml");
        const CollectionItem *item = ws->item(path);
        QVERIFY(item);
        const ResolvedSend send
            = resolveForSending(*ws, path, item->request.request,
                                collection() + QStringLiteral("/environments/sandbox.yaml"));
        QCOMPARE(send.request.url, QStringLiteral("http://127.0.0.1:3000/users/1"));
        QVERIFY(send.unresolved.isEmpty());
        // The collection's default Accept header comes first; the request's own stay.
        QCOMPARE(send.request.headers.first().name, QStringLiteral("Accept"));
        QCOMPARE(send.request.headers.last().value, QStringLiteral("application/merge-patch+json"));
    }

    void withoutEnvironmentTheVariableStays()
    {
        Result<Workspace> ws = Workspace::open(sample());
        QVERIFY(ws.ok());
        const QString path = collection() + QStringLiteral("/patch-email.yaml");
        const ResolvedSend send
            = resolveForSending(*ws, path, ws->item(path)->request.request, QString());
        QCOMPARE(send.request.url, QStringLiteral("{{baseUrl}}/users/1"));
        QCOMPARE(send.unresolved, QStringList {QStringLiteral("baseUrl")});
    }

    void requestHeaderOverridesCollectionDefault()
    {
        Result<Workspace> ws = Workspace::open(sample());
        QVERIFY(ws.ok());
        const QString path = collection() + QStringLiteral("/patch-email.yaml");
        Request request = ws->item(path)->request.request;
        request.headers.append({QStringLiteral("accept"), QStringLiteral("text/plain")});
        const ResolvedSend send = resolveForSending(*ws, path, request, QString());
        int accepts = 0;
        for (const KeyValue &h : send.request.headers)
            accepts += h.name.compare(QLatin1String("Accept"), Qt::CaseInsensitive) == 0;
        QCOMPARE(accepts, 1);
    }

    void unsavedRequestGetsDynamicVariablesOnly()
    {
        Workspace empty;
        Request request;
        request.url = QStringLiteral("http://127.0.0.1/{{$uuid}}/{{missing}}");
        const ResolvedSend send = resolveForSending(empty, QString(), request, QString());
        QVERIFY(!send.request.url.contains(QLatin1String("$uuid")));
        QCOMPARE(send.unresolved, QStringList {QStringLiteral("missing")});
    }
};

QTEST_GUILESS_MAIN(TestSendContext)
#include "tst_sendcontext.moc"
