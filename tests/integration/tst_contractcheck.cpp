// Contract checks against a real server: json-server (npm, pinned) serving pets, one of which
// breaks the OpenAPI Initiative's Petstore (expanded) description (its name is a number). The
// checker, the `matches-spec` assertion and `patchbay-cli run --check-spec` must tell them apart.
#include "core/collections/collectionformat.h"
#include "core/http/httpclient.h"
#include "core/openapi/contractcheck.h"
#include "core/openapi/speclink.h"
#include "core/runner/assertion.h"
#include "tests/integration/clisandbox.h"
#include "tests/integration/externalserver.h"
#include "tests/integration/sendhelper.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#include <optional>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QString specPath()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/openapi/data/oai/v3.0/petstore-expanded.yaml");
}

} // namespace

class TestContractCheck final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<ExternalServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpClient> m_client;

    Response get(const QString &path)
    {
        Request r;
        r.url = m_server->url(path).toString();
        return sendAndWait(*m_client, r);
    }

private slots:
    void initTestCase()
    {
        m_server.emplace(
            ExternalServer::jsonServer(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                           + QStringLiteral("/tests/integration/data/pets-db.json"),
                                       m_dir.path()));
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_client = std::make_unique<HttpClient>(&m_network);
    }
    void cleanupTestCase() { m_server.reset(); }

    void conformingAndNot()
    {
        Result<std::unique_ptr<ContractChecker>> checker = ContractChecker::loadFile(specPath());
        QVERIFY(checker.ok());
        const Response good = get(QStringLiteral("/pets/1"));
        QCOMPARE(good.statusCode, 200);
        const ContractResult ok = checker.value()->check(good);
        QVERIFY2(ok.matches(), qPrintable(ok.summary()));
        QCOMPARE(ok.operation, QStringLiteral("GET /pets/{id}"));
        QCOMPARE(ok.schemaWhere, QStringLiteral("200 application/json"));

        const ContractResult bad = checker.value()->check(get(QStringLiteral("/pets/2")));
        QCOMPARE(bad.outcome, ContractResult::Outcome::Violates);
        QVERIFY(!bad.violations.isEmpty());
        QCOMPARE(bad.violations.first().pointer, QStringLiteral("/name"));

        // The list holds both: the second item's name is where it breaks.
        const ContractResult list = checker.value()->check(get(QStringLiteral("/pets")));
        QCOMPARE(list.outcome, ContractResult::Outcome::Violates);
        QCOMPARE(list.violations.first().pointer, QStringLiteral("/1/name"));

        // 404 is described by `default` (the Error schema); json-server's {} lacks code/message.
        const ContractResult missing = checker.value()->check(get(QStringLiteral("/pets/99")));
        QCOMPARE(missing.outcome, ContractResult::Outcome::Violates);
        QVERIFY2(missing.summary().contains(QLatin1String("code")), qPrintable(missing.summary()));

        // A path the description does not have is not checked.
        const ContractResult other = checker.value()->check(get(QStringLiteral("/db")));
        QCOMPARE(other.outcome, ContractResult::Outcome::NotDescribed);
    }

    void matchesSpecAssertion()
    {
        // A collection linked to the description, as an import leaves it.
        const QString collection = m_dir.filePath(QStringLiteral("ws/pets"));
        QVERIFY(QDir().mkpath(collection + QStringLiteral("/.openapi/spec")));
        QVERIFY(
            QFile::copy(specPath(), collection + QStringLiteral("/.openapi/spec/petstore.yaml")));
        QFile link(collection + QStringLiteral("/.openapi/link.json"));
        QVERIFY(link.open(QIODevice::WriteOnly));
        link.write(R"({"patchbay": 1, "snapshot": "petstore.yaml", "operations": []})");
        link.close();
        QFile info(collection + QStringLiteral("/collection.yaml"));
        QVERIFY(info.open(QIODevice::WriteOnly));
        info.write(
            collectionToYaml(CollectionInfo {1, QStringLiteral("x"), QStringLiteral("Pets")}));
        info.close();
        const QString requestPath = collection + QStringLiteral("/get-pet.yaml");

        CollectionSpecs specs;
        const QList<Assertion> assertions {Assertion {AssertionKind::MatchesSpec}};
        const QList<AssertionResult> good = evaluateAssertions(
            get(QStringLiteral("/pets/1")), assertions, nullptr, specs.asSpecCheck(), requestPath);
        QVERIFY2(good[0].passed, qPrintable(good[0].message));
        const QList<AssertionResult> bad = evaluateAssertions(
            get(QStringLiteral("/pets/2")), assertions, nullptr, specs.asSpecCheck(), requestPath);
        QVERIFY(!bad[0].passed);
        QVERIFY2(bad[0].message.contains(QLatin1String("/name")), qPrintable(bad[0].message));

        // An update from the spec replaces the copy and link.json: the same checker object (the
        // window keeps one for its lifetime) checks with the new description at once.
        QFile original(specPath());
        QVERIFY(original.open(QIODevice::ReadOnly));
        QString relaxed = QString::fromUtf8(original.readAll());
        const qsizetype before = relaxed.size();
        relaxed.replace(QStringLiteral("      required:\n        - name  \n"), QString());
        relaxed.replace(QStringLiteral("        name:\n          type: string"),
                        QStringLiteral("        name: {}"));
        QVERIFY(relaxed.size() < before);
        QFile updated(collection + QStringLiteral("/.openapi/spec/petstore-v2.yaml"));
        QVERIFY(updated.open(QIODevice::WriteOnly));
        updated.write(relaxed.toUtf8());
        updated.close();
        QVERIFY(link.open(QIODevice::WriteOnly | QIODevice::Truncate));
        link.write(R"({"patchbay": 1, "snapshot": "petstore-v2.yaml", "operations": []})");
        link.close();
        const QList<AssertionResult> nowGood = evaluateAssertions(
            get(QStringLiteral("/pets/2")), assertions, nullptr, specs.asSpecCheck(), requestPath);
        QVERIFY2(nowGood[0].passed, qPrintable(nowGood[0].message));
        // Loaded ahead on another thread (the window's contract thread), then checked from
        // two threads at once: one load or check at a time, the same answers.
        {
            CollectionSpecs shared;
            const Response pet = get(QStringLiteral("/pets/1"));
            std::thread warming([&] { shared.warm(requestPath); });
            std::atomic<int> matched {0};
            std::thread other([&] {
                for (int i = 0; i < 20; ++i)
                    matched += shared.check(requestPath, pet).result.passed ? 1 : 0;
            });
            for (int i = 0; i < 20; ++i)
                matched += shared.check(requestPath, pet).result.passed ? 1 : 0;
            warming.join();
            other.join();
            QCOMPARE(matched.load(), 40);
        }
        // Without a description the assertion fails and says why.
        const QList<AssertionResult> none
            = evaluateAssertions(get(QStringLiteral("/pets/1")), assertions);
        QVERIFY(!none[0].passed);
    }

    void cliRunCheckSpec()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("cli"));
        const ProcessRun imported = runProcess(
            cliPath(), {QStringLiteral("import"), specPath(), QStringLiteral("--into"), workspace});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const QStringList collections
            = QDir(workspace).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(collections.size(), 1);
        const QString request
            = workspace + u'/' + collections.first() + QStringLiteral("/pets/find-pet-by-id.yaml");
        QVERIFY2(QFile::exists(request),
                 qPrintable(QDir(workspace + u'/' + collections.first()).entryList().join(u' ')));
        const QString base = QStringLiteral("baseUrl=") + m_server->url(QString()).toString();
        auto runWith = [&](const QString &id, bool checkSpec) {
            QStringList args {QStringLiteral("run"),   request,
                              QStringLiteral("--var"), base,
                              QStringLiteral("--var"), QStringLiteral("id=") + id};
            if (checkSpec)
                args << QStringLiteral("--check-spec");
            return runProcess(cliPath(), args);
        };
        const ProcessRun good = runWith(QStringLiteral("1"), true);
        QVERIFY2(good.exitCode == 0, qPrintable(good.out + good.err));
        const ProcessRun bad = runWith(QStringLiteral("2"), true);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.out.contains(QLatin1String("/name")), qPrintable(bad.out));
        // Without --check-spec the same response passes (the request has no assertions).
        QCOMPARE(runWith(QStringLiteral("2"), false).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestContractCheck)
#include "tst_contractcheck.moc"
