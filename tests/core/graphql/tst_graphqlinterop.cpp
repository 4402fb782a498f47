#include "core/collections/workspace.h"
#include "core/graphql/graphqlhttp.h"
#include "core/interop/codegen.h"
#include "core/interop/httpfileexport.h"
#include "core/interop/httpfileimport.h"
#include "core/interop/importdetect.h"
#include "core/interop/importwriter.h"
#include "core/interop/postmanexport.h"
#include "core/interop/postmanimport.h"
#include "tests/support/testfiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QList<SavedRequest> allRequests(const ImportedFolder &folder)
{
    QList<SavedRequest> out = folder.requests;
    for (const ImportedFolder &f : folder.folders)
        out += allRequests(f);
    return out;
}

SavedRequest graphQlRequest()
{
    SavedRequest saved;
    saved.name = QStringLiteral("Hero");
    saved.request.method = QStringLiteral("POST");
    saved.request.url = QStringLiteral("{{baseUrl}}/graphql");
    saved.request.body.mode = BodyMode::GraphQl;
    saved.request.body.graphql.query
        = QStringLiteral("query Hero($ep: Episode) {\n  hero(episode: $ep) { name }\n}\n\n"
                         "query Other { me { id } }");
    saved.request.body.graphql.variables = QStringLiteral("{\n  \"ep\": \"JEDI\"\n}");
    saved.request.body.graphql.operationName = QStringLiteral("Hero");
    return saved;
}

QString corpus(const QString &path)
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR") + QStringLiteral("/tests/interop/corpus/")
        + path;
}

} // namespace

// GraphQL bodies in and out of other tools' files, and in generated code (docs/INTEROP.md).
class TestGraphQlInterop final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // The workspace holding one collection with `saved`; its path in *collection.
    std::optional<Workspace> workspaceWith(const SavedRequest &saved, QString *collection)
    {
        const QString root = m_dir.filePath(QString::number(++m_count));
        QDir().mkpath(root);
        Result<Workspace> ws = Workspace::open(root);
        if (!ws)
            return std::nullopt;
        ImportedCollection imported;
        imported.info.name = QStringLiteral("G");
        imported.root.requests << saved;
        Result<QStringList> written = writeImportedCollection(ws.value(), imported, root);
        if (!written || written->isEmpty())
            return std::nullopt;
        *collection = written->first();
        Result<Workspace> reopened = Workspace::open(root);
        if (!reopened)
            return std::nullopt;
        return std::move(reopened).value();
    }
    int m_count = 0;

private slots:
    void postmanRoundTrip()
    {
        QString collection;
        std::optional<Workspace> ws = workspaceWith(graphQlRequest(), &collection);
        QVERIFY(ws);
        const QByteArray postman = exportPostmanCollection(*ws, collection);
        QVERIFY(postman.contains("\"mode\": \"graphql\""));
        const Result<ImportedCollection> back = importPostmanCollection(postman);
        QVERIFY(back.ok());
        QCOMPARE(back->root.requests.size(), 1);
        QCOMPARE(back->root.requests.first().request.body, graphQlRequest().request.body);
    }

    void httpFileRoundTrip()
    {
        QString collection;
        SavedRequest saved = graphQlRequest();
        saved.request.body.graphql.query
            = QStringLiteral("query Hero($ep: Episode) {\n  hero(episode: $ep) { name }\n}");
        saved.request.body.graphql.operationName.clear(); // .http files have no operation name
        std::optional<Workspace> ws = workspaceWith(saved, &collection);
        QVERIFY(ws);
        const QByteArray http = exportHttpFile(*ws, collection);
        QVERIFY2(http.contains("X-REQUEST-TYPE: GraphQL"), http.constData());
        const Result<ImportedCollection> back = importHttpFile(http, m_dir.path());
        QVERIFY(back.ok());
        const QList<SavedRequest> requests = allRequests(back->root);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().request.body, saved.request.body);
        QVERIFY(requests.first().request.headers.isEmpty()); // the marker header is not kept
    }

    // Real files of the other tools (tests/interop/corpus) import as GraphQL bodies.
    void corpusFilesImportAsGraphQl_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("queryStart");
        QTest::addColumn<QString>("variablesContain");
        QTest::newRow("bruno") << QStringLiteral("bruno/packages__bruno-tests__collection")
                               << QStringLiteral("variables interpolation")
                               << QStringLiteral("query { __typename }")
                               << QStringLiteral("\"my_json\": \"{{my_json}}\"");
        QTest::newRow("insomnia") << QStringLiteral(
            "insomnia/insomnia/packages__insomnia-smoke-test__fixtures__graphql.yaml")
                                  << QStringLiteral("GraphQL request with number")
                                  << QStringLiteral("query($inputVar: Int)")
                                  << QStringLiteral("{ \"inputVar\": {{intVar}} }");
        QTest::newRow("http X-REQUEST-TYPE")
            << QStringLiteral("http/vscode-restclient/README.md.block17.http") << QString()
            << QStringLiteral("query ($name: String!, $owner: String!)")
            << QStringLiteral("\"owner\": \"Huachao\"");
        QTest::newRow("postman") << QStringLiteral(
            "postman/insomnia/packages__insomnia__src__utils__importers__"
            "importers__fixtures__postman__complex-v2_1-input.json")
                                 << QStringLiteral("Test Request GraphQL Body")
                                 << QStringLiteral("mutation loginUser($username: String!")
                                 << QStringLiteral("\"password\": \"{{password}}\"");
    }

    void corpusFilesImportAsGraphQl()
    {
        QFETCH(QString, file);
        QFETCH(QString, request);
        QFETCH(QString, queryStart);
        QFETCH(QString, variablesContain);
        const Result<ImportedCollection> imported = importFile(corpus(file));
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
        std::optional<SavedRequest> found;
        for (const SavedRequest &r : allRequests(imported->root)) {
            if (r.request.body.mode == BodyMode::GraphQl
                && (request.isEmpty() || r.name == request))
                found = r;
        }
        QVERIFY(found);
        QVERIFY2(found->request.body.graphql.query.startsWith(queryStart),
                 qPrintable(found->request.body.graphql.query));
        QVERIFY2(found->request.body.graphql.variables.contains(variablesContain),
                 qPrintable(found->request.body.graphql.variables));
        for (const QString &loss : imported->report.lossy)
            QVERIFY2(!loss.contains(QLatin1String("GraphQL")), qPrintable(loss));
    }

    // Every language sends the same JSON POST the app sends.
    void codeGenerationSendsThePayload()
    {
        const Request request = graphQlRequest().request;
        for (CodeLanguage language : codeLanguages()) {
            const Result<QString> code = generateCode(request, language);
            QVERIFY(code.ok());
            QVERIFY2(code->contains(QLatin1String("operationName"))
                         && code->contains(QLatin1String("hero(episode: $ep)")),
                     qPrintable(languageName(language) + u'\n' + code.value()));
        }
        Request get = request;
        get.method = QStringLiteral("GET");
        const Result<QString> curl = generateCode(get, CodeLanguage::Curl);
        QVERIFY(curl.ok());
        QVERIFY2(curl->contains(QLatin1String("operationName=Hero")), qPrintable(curl.value()));
    }
};

QTEST_GUILESS_MAIN(TestGraphQlInterop)
#include "tst_graphqlinterop.moc"
