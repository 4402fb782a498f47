// "Update from spec": the three-way sync of a collection with a changed description, under a
// user's edits, assertions and scripts. Version 1 is the OpenAPI Initiative's Petstore
// (expanded); version 2 renames an operationId, removes DELETE, adds PUT (merge patch) and
// gives NewPet an `age`.
#include "core/collections/collectionformat.h"
#include "core/collections/filenames.h"
#include "core/collections/workspace.h"
#include "core/openapi/specsync.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay::Core;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray version2(QByteArray spec)
{
    spec.replace("operationId: find pet by id", "operationId: getPetById");
    const qsizetype del = spec.indexOf("    delete:\n");
    const qsizetype components = spec.indexOf("components:\n");
    spec.replace(del, components - del,
                 "    put:\n"
                 "      operationId: updatePet\n"
                 "      requestBody:\n"
                 "        content:\n"
                 "          application/merge-patch+json:\n"
                 "            schema:\n"
                 "              $ref: '#/components/schemas/NewPet'\n"
                 "      responses:\n"
                 "        '200':\n"
                 "          description: updated\n");
    spec.replace("        tag:\n          type: string    \n",
                 "        tag:\n          type: string\n        age:\n          type: integer\n"
                 "          format: int32\n");
    return spec;
}

} // namespace

class TestSpecSync final : public QObject
{
    Q_OBJECT

private slots:
    void updateKeepsUserEdits();
    void mergeRequestRules();
    void stagedImportIsAdoptedAsItsFiles_data();
    void stagedImportIsAdoptedAsItsFiles();
};

// The window writes a description's collection in a worker (stageSpecCollection) and the UI
// thread adopts the staged tree instead of reading thousands of files again
// (Workspace::adoptCollection): what it adopts must be exactly what reading the files gives,
// environments (from `servers`) and folders included. The worker writes the tree's paths as
// they will be once published; when the name was taken meanwhile, adopting rewrites them.
void TestSpecSync::stagedImportIsAdoptedAsItsFiles_data()
{
    QTest::addColumn<bool>("nameTakenMeanwhile");
    QTest::newRow("published where expected") << false;
    QTest::newRow("name taken meanwhile") << true;
}

void TestSpecSync::stagedImportIsAdoptedAsItsFiles()
{
    QFETCH(bool, nameTakenMeanwhile);
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("ws"));
    QVERIFY(QDir().mkpath(root));
    Result<Workspace> workspace = Workspace::open(root);
    QVERIFY(workspace.ok());
    QVERIFY(
        workspace.value().createCollection(QStringLiteral("Swagger Petstore - OpenAPI 3.0")).ok());
    Result<LoadedSpec> spec = loadSpecFile(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                           + QStringLiteral("/tests/core/openapi/data/"
                                                            "swagger-petstore/openapi.yaml"));
    QVERIFY(spec.ok());
    QStringList taken;
    for (const CollectionItem &c : workspace->collections())
        taken << c.name;
    Result<StagedCollection> staged = stageSpecCollection(root, taken, spec.value());
    QVERIFY2(staged.ok(), qPrintable(staged.ok() ? QString() : staged.error().message));
    QVERIFY(!staged->tree.environments.isEmpty());
    QVERIFY(!staged->tree.children.isEmpty());
    const QString expected = root + u'/'
        + uniqueEntryName(root, QStringLiteral("Swagger Petstore - OpenAPI 3.0 2"), QString(), {},
                          u"collection");
    QCOMPARE(staged->tree.path, expected);
    if (nameTakenMeanwhile)
        QVERIFY(QDir().mkdir(expected)); // e.g. by git, or another window
    const Result<QString> published = publishStagedCollection(workspace.value(), staged.value());
    QVERIFY(published.ok());
    QVERIFY(!published->contains(QLatin1String(".patchbay-import-")));
    QCOMPARE(published.value() == expected, !nameTakenMeanwhile);
    const CollectionItem *adopted = workspace->item(published.value());
    QVERIFY(adopted);
    QCOMPARE(adopted->name, QStringLiteral("Swagger Petstore - OpenAPI 3.0 2"));

    Result<Workspace> reread = Workspace::open(root);
    QVERIFY(reread.ok());
    const CollectionItem *fromFiles = reread->item(published.value());
    QVERIFY(fromFiles);
    QCOMPARE(adopted->environments, fromFiles->environments);
    QCOMPARE(adopted->children.size(), fromFiles->children.size());
    QVERIFY(*adopted == *fromFiles);
    QCOMPARE(workspace->collections().size(), 2);
    // The staging folder is gone.
    QCOMPARE(QDir(root).entryList(QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot).size(),
             nameTakenMeanwhile ? 3 : 2);
}

void TestSpecSync::updateKeepsUserEdits()
{
    QTemporaryDir dir;
    const QString specFile = dir.filePath(QStringLiteral("petstore.yaml"));
    const QByteArray v1 = readAll(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                  + QStringLiteral("/tests/core/openapi/data/oai/v3.0/"
                                                   "petstore-expanded.yaml"));
    QVERIFY(!v1.isEmpty());
    QVERIFY(writeAll(specFile, v1));
    const QString root = dir.filePath(QStringLiteral("ws"));
    QVERIFY(QDir().mkpath(root));

    Result<Workspace> workspace = Workspace::open(root);
    QVERIFY(workspace.ok());
    Result<LoadedSpec> first = loadSpecFile(specFile);
    QVERIFY(first.ok());
    Result<QString> collection = writeSpecCollection(workspace.value(), first.value());
    QVERIFY2(collection.ok(), qPrintable(collection.ok() ? QString() : collection.error().message));
    const QString c = collection.value();
    QVERIFY(QFile::exists(c + QStringLiteral("/.openapi/link.json")));

    // The user's edits: a body value, an assertion and a script on addPet; a parameter on
    // findPets switched on with a value.
    const QString addPet = c + QStringLiteral("/pets/addpet.yaml");
    const QString findPets = c + QStringLiteral("/pets/findpets.yaml");
    const QString deletePet = c + QStringLiteral("/pets/deletepet.yaml");
    const QString findById = c + QStringLiteral("/pets/find-pet-by-id.yaml");
    for (const QString &f : {addPet, findPets, deletePet, findById})
        QVERIFY2(QFile::exists(f),
                 qPrintable(QDir(c + QStringLiteral("/pets")).entryList().join(u' ')));
    SavedRequest add = requestFromYaml(readAll(addPet)).value();
    QVERIFY2(add.request.body.text.contains(QLatin1String("\"name\": \"string\"")),
             qPrintable(add.request.body.text));
    add.request.body.text.replace(QStringLiteral("\"name\": \"string\""),
                                  QStringLiteral("\"name\": \"Rex\""));
    add.assertions << Assertion {AssertionKind::StatusEquals, QString(), QStringLiteral("200")};
    add.testScript = QStringLiteral("// mine");
    QVERIFY(writeAll(addPet, requestToYaml(add)));
    SavedRequest find = requestFromYaml(readAll(findPets)).value();
    for (KeyValue &p : find.request.params)
        if (p.name == QLatin1String("limit")) {
            p.value = QStringLiteral("5");
            p.enabled = true;
        }
    QVERIFY(writeAll(findPets, requestToYaml(find)));

    // Version 2 of the description.
    QVERIFY(writeAll(specFile, version2(v1)));
    Result<LoadedSpec> second = loadSpecFile(specFile);
    QVERIFY(second.ok());
    Result<SpecSyncPlan> plan = planSpecSync(c, second.value());
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().message));
    const QString preview = plan->describe().join(u'\n');
    int added = 0, removed = 0, updated = 0;
    for (const SpecChange &change : plan->changes) {
        added += change.kind == SpecChange::Kind::Added;
        removed += change.kind == SpecChange::Kind::Removed;
        updated += change.kind == SpecChange::Kind::Updated;
    }
    QCOMPARE(added, 1);
    QCOMPARE(removed, 1);
    QCOMPARE(updated, 2); // addPet (body), the renamed operation
    QVERIFY2(preview.contains(QLatin1String("added PUT /pets/{id}")), qPrintable(preview));
    QVERIFY(preview.contains(QLatin1String("removed DELETE /pets/{id}")));
    QVERIFY(preview.contains(QLatin1String("body: /age added")));
    QVERIFY(
        preview.contains(QLatin1String("operationId renamed from find pet by id to getPetById")));
    // Nothing is written before apply.
    QCOMPARE(requestFromYaml(readAll(addPet)).value(), add);

    QVERIFY(workspace.value().reload(c).ok());
    // Applied a slice at a time, as the window does: with no time budget, one item a step.
    SpecSyncApplier applier(plan.value());
    QCOMPARE(applier.total(), plan->writes.size() + plan->creates.size() + 1); // + the link
    qsizetype steps = 0;
    while (!applier.step(workspace.value(), 0)) {
        ++steps;
        QCOMPARE(applier.done(), steps);
        QVERIFY(steps < 100);
    }
    QCOMPARE(steps + 1, applier.total());
    QVERIFY2(!applier.error(), qPrintable(applier.error() ? applier.error()->message : QString()));
    QCOMPARE(applier.touched().size(), plan->writes.size() + plan->creates.size());

    const SavedRequest merged = requestFromYaml(readAll(addPet)).value();
    QVERIFY2(merged.request.body.text.contains(QLatin1String("\"name\": \"Rex\"")),
             qPrintable(merged.request.body.text));
    QVERIFY(merged.request.body.text.contains(QLatin1String("\"age\": 0")));
    QCOMPARE(merged.assertions, add.assertions);
    QCOMPARE(merged.testScript, add.testScript);

    const SavedRequest findAfter = requestFromYaml(readAll(findPets)).value();
    QCOMPARE(findAfter, find); // unchanged in the description: the user's edits as they were

    QVERIFY(QFile::exists(deletePet)); // flagged, never deleted
    QVERIFY(requestFromYaml(readAll(deletePet))
                .value()
                .name.endsWith(QLatin1String("(removed from the API)")));
    QCOMPARE(requestFromYaml(readAll(findById)).value().name, QStringLiteral("getPetById"));

    const QString put = c + QStringLiteral("/pets/updatepet.yaml");
    QVERIFY(QFile::exists(put));
    const SavedRequest putRequest = requestFromYaml(readAll(put)).value();
    QCOMPARE(putRequest.request.method, QStringLiteral("PUT"));
    bool mergePatch = false;
    for (const KeyValue &h : putRequest.request.headers)
        mergePatch = mergePatch
            || (h.name == QLatin1String("Content-Type")
                && h.value == QLatin1String("application/merge-patch+json") && h.enabled);
    QVERIFY(mergePatch);

    // A second update with the same description changes nothing.
    Result<SpecSyncPlan> again = planSpecSync(c, second.value());
    QVERIFY(again.ok());
    QVERIFY2(again->isEmpty(), qPrintable(again->describe().join(u'\n')));
}

void TestSpecSync::mergeRequestRules()
{
    SavedRequest base;
    base.name = QStringLiteral("Get");
    base.request.url = QStringLiteral("{{baseUrl}}/a");
    base.request.params = {{QStringLiteral("q"), QStringLiteral("1"), false},
                           {QStringLiteral("old"), QStringLiteral("x"), false}};
    SavedRequest theirs = base;
    theirs.request.url = QStringLiteral("{{baseUrl}}/b");
    theirs.request.params = {{QStringLiteral("q"), QStringLiteral("2"), false},
                             {QStringLiteral("new"), QString(), true}};
    SavedRequest ours = base;
    ours.name = QStringLiteral("My get");
    ours.request.params[0] = {QStringLiteral("q"), QStringLiteral("mine"), true};
    QStringList details;
    const SavedRequest merged = mergeRequest(base, theirs, ours, &details);
    QCOMPARE(merged.name, QStringLiteral("My get")); // renamed by the user: kept
    QCOMPARE(merged.request.url, QStringLiteral("{{baseUrl}}/b")); // untouched: updated
    QCOMPARE(merged.request.params.size(), 2);
    QCOMPARE(merged.request.params[0].value, QStringLiteral("mine"));
    QCOMPARE(merged.request.params[1].name, QStringLiteral("new"));
    QVERIFY(details.contains(QStringLiteral("parameter old removed")));
}

QTEST_GUILESS_MAIN(TestSpecSync)
#include "tst_specsync.moc"
