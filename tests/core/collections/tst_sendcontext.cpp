#include "core/collections/sendcontext.h"

#include <QFile>
#include <QTemporaryDir>
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
        const ResolvedSend send = resolveForSending(
            *ws, path, item->request.request,
            collection() + QStringLiteral("/environments/sandbox.yaml"), {},
            // What the window provides: its sandbox's real address.
            {{QStringLiteral("$sandboxUrl"), QStringLiteral("http://127.0.0.1:3000")}});
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

    // A secret variable resolves to its keyring value (through the lookup), per scope, and the
    // values used are reported for redaction; globals come last.
    void secretsResolveFromTheLookup_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("secretValues");
        QTest::addColumn<QStringList>("unresolved");
        QTest::newRow("collection secret")
            << QStringLiteral("{{colToken}}") << QStringLiteral("col-s3cret")
            << QStringList {QStringLiteral("col-s3cret")} << QStringList();
        QTest::newRow("environment secret")
            << QStringLiteral("{{envToken}}") << QStringLiteral("env-s3cret")
            << QStringList {QStringLiteral("env-s3cret")} << QStringList();
        QTest::newRow("global secret")
            << QStringLiteral("{{globalToken}}") << QStringLiteral("glob-s3cret")
            << QStringList {QStringLiteral("glob-s3cret")} << QStringList();
        QTest::newRow("plain global") << QStringLiteral("{{region}}") << QStringLiteral("eu")
                                      << QStringList() << QStringList();
        QTest::newRow("environment beats globals")
            << QStringLiteral("{{shared}}") << QStringLiteral("from-env") << QStringList()
            << QStringList();
        QTest::newRow("secret with no known value is unresolved")
            << QStringLiteral("{{neverEntered}}") << QStringLiteral("{{neverEntered}}")
            << QStringList() << QStringList {QStringLiteral("neverEntered")};
    }

    void secretsResolveFromTheLookup()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QFETCH(QStringList, secretValues);
        QFETCH(QStringList, unresolved);
        QTemporaryDir dir;
        Result<Workspace> opened = Workspace::open(dir.path());
        QVERIFY(opened.ok());
        Workspace ws = std::move(opened).value();
        const QString col = *ws.createCollection(QStringLiteral("Col"));
        CollectionInfo info = ws.item(col)->collection;
        info.variables = {{QStringLiteral("colToken"), {}, true, true},
                          {QStringLiteral("neverEntered"), {}, true, true}};
        QVERIFY(ws.saveCollection(col, info).ok());
        Environment env;
        env.name = QStringLiteral("Staging");
        env.variables = {{QStringLiteral("envToken"), {}, true, true},
                         {QStringLiteral("shared"), QStringLiteral("from-env"), true, false}};
        const QString envPath = *ws.createEnvironment(col, env);
        Environment globals;
        globals.name = QStringLiteral("Globals");
        globals.variables
            = {{QStringLiteral("globalToken"), {}, true, true},
               {QStringLiteral("region"), QStringLiteral("eu"), true, false},
               {QStringLiteral("shared"), QStringLiteral("from-globals"), true, false}};
        QVERIFY(ws.saveGlobals(globals).ok());
        SavedRequest saved;
        saved.name = QStringLiteral("R");
        const QString path = *ws.createRequest(col, saved);

        const QString id = info.id;
        const QHash<QString, QString> keyring {
            {secretKeyFor(id, ScopeKind::Collection, {}, QStringLiteral("colToken")),
             QStringLiteral("col-s3cret")},
            {secretKeyFor(id, ScopeKind::Environment, QStringLiteral("Staging"),
                          QStringLiteral("envToken")),
             QStringLiteral("env-s3cret")},
            {secretKeyFor(id, ScopeKind::Globals, {}, QStringLiteral("globalToken")),
             QStringLiteral("glob-s3cret")},
        };
        const SecretLookup lookup = [&keyring](const QString &key) -> std::optional<QString> {
            if (!keyring.contains(key))
                return std::nullopt;
            return keyring.value(key);
        };
        Request request;
        request.url = url;
        const ResolvedSend send = resolveForSending(ws, path, request, envPath, lookup);
        QCOMPARE(send.request.url, expected);
        QCOMPARE(send.secretValues, secretValues);
        QCOMPARE(send.unresolved, unresolved);

        // The files hold none of the values.
        for (const QString &file :
             QStringList {col + QStringLiteral("/collection.yaml"), envPath, ws.globalsPath()}) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains("s3cret"), qPrintable(file));
        }
        // Reopened, the globals are read back from globals.yaml.
        Result<Workspace> again = Workspace::open(dir.path());
        QVERIFY(again.ok());
        QCOMPARE(again->globals().environment.variables.size(), 3);
        QVERIFY(again->globals().environment.variables.first().secret);
        QCOMPARE(resolveForSending(*again, path, request, envPath, lookup).request.url, expected);
    }

    void secretKeysFollowTheDocumentedScheme()
    {
        QCOMPARE(secretKeyFor(QStringLiteral("c1"), ScopeKind::Environment,
                              QStringLiteral("Staging"), QStringLiteral("t")),
                 QStringLiteral("c1/Staging/t"));
        QCOMPARE(secretKeyFor(QStringLiteral("c1"), ScopeKind::Folder, QStringLiteral("ignored"),
                              QStringLiteral("t")),
                 QStringLiteral("c1//t"));
        QCOMPARE(
            secretKeyFor(QStringLiteral("c1"), ScopeKind::Globals, QString(), QStringLiteral("t")),
            QStringLiteral("//t"));
    }
};

QTEST_GUILESS_MAIN(TestSendContext)
#include "tst_sendcontext.moc"
