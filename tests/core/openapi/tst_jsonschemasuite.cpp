// The official JSON-Schema-Test-Suite through the validator behind contract checks: draft 4
// (Swagger 2.0 and OpenAPI 3.0 schemas) and what valijson supports of 2020-12 (OpenAPI 3.1).
// Files and groups left out are listed below with the reason; everything else must pass.
#include "core/openapi/contractcheck.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Patchbay::Core;

namespace {

QString suiteDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/openapi/data/JSON-Schema-Test-Suite/");
}

// Not claimed, and why (docs/OPENAPI.md repeats this list).
const QMap<QString, QString> &unsupportedFiles()
{
    static const QMap<QString, QString> files {
        // Both drafts.
        {QStringLiteral("refRemote.json"), QStringLiteral("refs to other servers are not fetched")},
        // draft 2020-12 keywords valijson 1.0 does not have.
        {QStringLiteral("draft2020-12/anchor.json"), QStringLiteral("$anchor")},
        {QStringLiteral("draft2020-12/dynamicRef.json"), QStringLiteral("$dynamicRef")},
        {QStringLiteral("draft2020-12/unevaluatedItems.json"), QStringLiteral("unevaluatedItems")},
        {QStringLiteral("draft2020-12/unevaluatedProperties.json"),
         QStringLiteral("unevaluatedProperties")},
        {QStringLiteral("draft2020-12/maxContains.json"), QStringLiteral("maxContains")},
        {QStringLiteral("draft2020-12/minContains.json"), QStringLiteral("minContains")},
        {QStringLiteral("draft2020-12/vocabulary.json"), QStringLiteral("$vocabulary")},
        {QStringLiteral("draft2020-12/format.json"),
         QStringLiteral("format is an annotation in 2020-12; valijson asserts some formats")},
        {QStringLiteral("draft4/format.json"), QStringLiteral("formats are not asserted")},
    };
    return files;
}

// Groups of a claimed file that need what valijson or our conversion does not do, and why.
QString unsupportedGroup(const QByteArray &schema, const QString &description)
{
    static const QRegularExpression baseUri(QStringLiteral("\"\\$?id\":\""));
    if (baseUri.match(QString::fromUtf8(schema)).hasMatch())
        return QStringLiteral("base URI changes ($id / id) are not followed");
    if (schema.contains("\"$anchor\"") || schema.contains("urn:"))
        return QStringLiteral("$anchor and URN identifiers");
    if (schema.contains("\"$ref\":\"http"))
        return QStringLiteral("refs to other documents (metaschemas, remote servers)");
    if (schema.contains("unevaluated"))
        return QStringLiteral("unevaluatedProperties / unevaluatedItems");
    if (schema.contains("\\\\p{"))
        return QStringLiteral("Unicode property escapes (std::regex has none)");
    if (description == QLatin1String("small multiple of large integer"))
        return QStringLiteral("valijson computes multipleOf in floating point");
    return {};
}

} // namespace

class TestJsonSchemaSuite final : public QObject
{
    Q_OBJECT

private slots:
    void suite_data();
    void suite();
};

void TestJsonSchemaSuite::suite_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("draft");
    int rows = 0;
    QStringList excluded;
    for (const QString &draftDir : {QStringLiteral("draft4"), QStringLiteral("draft2020-12")}) {
        const QDir dir(suiteDir() + draftDir);
        const QStringList files
            = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString &file : files) {
            if (unsupportedFiles().contains(file)
                || unsupportedFiles().contains(draftDir + u'/' + file))
                continue;
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            // nlohmann keeps number types as written (1.0 stays a float), as a server's JSON is.
            const nlohmann::json groups = nlohmann::json::parse(f.readAll().toStdString());
            for (const nlohmann::json &group : groups) {
                const QByteArray schema = QByteArray::fromStdString(group["schema"].dump());
                const QString groupName
                    = QString::fromStdString(group["description"].get<std::string>());
                if (const QString why = unsupportedGroup(schema, groupName); !why.isEmpty()) {
                    excluded << draftDir + u'/' + file + QStringLiteral(": ") + groupName
                            + QStringLiteral(" (") + why + u')';
                    continue;
                }
                for (const nlohmann::json &test : group["tests"]) {
                    const QByteArray instance = QByteArray::fromStdString(test["data"].dump());
                    const QString name = draftDir + u'/' + file + QStringLiteral(": ")
                        + QString::fromStdString(group["description"].get<std::string>())
                        + QStringLiteral(": ")
                        + QString::fromStdString(test["description"].get<std::string>());
                    QTest::newRow(qPrintable(name))
                        << schema << instance << test["valid"].get<bool>()
                        << (draftDir == QLatin1String("draft4") ? 4 : 2020);
                    ++rows;
                }
            }
        }
    }
    qInfo("%d cases claimed; %d groups left out:\n  %s", rows, int(excluded.size()),
          qPrintable(excluded.join(QStringLiteral("\n  "))));
    QVERIFY(rows > 900);
}

void TestJsonSchemaSuite::suite()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, instance);
    QFETCH(bool, valid);
    QFETCH(int, draft);
    Result<QList<ContractViolation>> result
        = ContractChecker::validateJsonSchema(schema, instance, draft);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY2(result->isEmpty() == valid,
             qPrintable(result->isEmpty() ? QStringLiteral("accepted")
                                          : result->first().pointer + QStringLiteral(": ")
                                + result->first().message));
}

QTEST_GUILESS_MAIN(TestJsonSchemaSuite)
#include "tst_jsonschemasuite.moc"
