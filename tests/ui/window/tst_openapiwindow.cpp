// OpenAPI in the window: a description dropped or imported is read in a worker and becomes a
// linked collection (one undo step); "Update from spec…" previews every change and writes only
// on Apply.
#include "core/history/historystore.h"
#include "core/openapi/speclink.h"
#include "core/openapi/specsync.h"
#include "tests/support/scriptedserver.h"
#include "ui/collections/collectionspanel.h"
#include "ui/openapi/specupdatedialog.h"
#include "ui/openapi/specwatcher.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/runner/runnerdialog.h"
#include "ui/tabs/requesttab.h"
#include "ui/window/importexportcontroller.h"
#include "windowtest.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Patchbay;

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

QString petstoreExpanded()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
        + QStringLiteral("/tests/core/openapi/data/oai/v3.0/petstore-expanded.yaml");
}

// `spec` written to `specFile`, and a workspace in `root`/ws with the collection imported from
// it (linked to it, as File → Import makes it).
bool importedWorkspace(const QTemporaryDir &root, const QString &specFile, const QByteArray &spec,
                       Core::Workspace *workspace, QString *collection)
{
    const QString wsDir = root.filePath(QStringLiteral("ws"));
    if (!writeAll(specFile, spec) || !QDir().mkpath(wsDir))
        return false;
    Core::Result<Core::Workspace> opened = Core::Workspace::open(wsDir);
    const Core::Result<Core::LoadedSpec> loaded = Core::loadSpecFile(specFile);
    if (!opened.ok() || !loaded.ok())
        return false;
    *workspace = std::move(opened).value();
    const Core::Result<QString> written = Core::writeSpecCollection(*workspace, loaded.value());
    if (!written.ok())
        return false;
    *collection = written.value();
    return true;
}

} // namespace

class TestOpenApiWindow final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_openapiwindow")); }
    void init() { startFirstRun(); }
    void importReadsSpecInWorker();
    void updateFromSpecPreviewsThenApplies();
    void importsFromUrl();
    void responsesShowTheContractBadge();
    void changedLocalSpecOffersTheUpdate();

private:
    QTemporaryDir m_dir;
};

void TestOpenApiWindow::importReadsSpecInWorker()
{
    QTemporaryDir root;
    Core::Result<Core::Workspace> opened = Core::Workspace::open(root.path());
    QVERIFY(opened.ok());
    Core::Workspace workspace = std::move(opened).value();
    QNetworkAccessManager network;
    Core::HistoryStore history(m_dir.filePath(QStringLiteral("h1.sqlite")));
    Ui::MainWindow window(&network, &history, &workspace);
    auto *controller = window.findChild<Ui::ImportExportController *>();
    QVERIFY(controller);
    QSignalSpy finished(controller, &Ui::ImportExportController::importFinished);

    // The description is recognised and handed to a worker: nothing is created synchronously.
    window.importPath(petstoreExpanded(), true);
    QVERIFY(finished.wait(20000));
    const QStringList created = finished.first().at(0).toStringList();
    QCOMPARE(finished.first().at(1).toString(), QString());
    QCOMPARE(created.size(), 1);
    QCOMPARE(workspace.collections().size(), 1);
    const Core::CollectionItem *collection = workspace.item(created.first());
    QVERIFY(collection);
    int requests = 0;
    const std::function<void(const Core::CollectionItem &)> count
        = [&](const Core::CollectionItem &item) {
              requests += item.kind == Core::ItemKind::Request ? 1 : 0;
              for (const Core::CollectionItem &child : item.children)
                  count(child);
          };
    count(*collection);
    QCOMPARE(requests, 4); // findPets, addPet, find pet by id, deletePet
    Core::Result<Core::SpecLink> link = Core::readSpecLink(created.first());
    QVERIFY(link.ok());
    QCOMPARE(link->operations.size(), 4);

    // One undo step removes the whole import.
    window.collectionsPanel()->undoStack()->undo();
    QVERIFY(!QFileInfo::exists(created.first()));
    QCOMPARE(workspace.collections().size(), 0);

    // A file that is not a description fails with its reason, reported through the signal.
    const QString bad = root.filePath(QStringLiteral("broken.yaml"));
    QVERIFY(writeAll(bad, "openapi: 3.0.0\npaths: [\n"));
    finished.clear();
    window.importPath(bad, true);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(0).toStringList().isEmpty());
    QVERIFY(!finished.first().at(1).toString().isEmpty());
    QCOMPARE(workspace.collections().size(), 0);
}

void TestOpenApiWindow::updateFromSpecPreviewsThenApplies()
{
    QTemporaryDir root;
    const QString specFile = root.filePath(QStringLiteral("petstore.yaml"));
    QByteArray spec = readAll(petstoreExpanded());
    QVERIFY(writeAll(specFile, spec));
    const QString wsRoot = root.filePath(QStringLiteral("ws"));
    QVERIFY(QDir().mkpath(wsRoot));
    Core::Result<Core::Workspace> opened = Core::Workspace::open(wsRoot);
    QVERIFY(opened.ok());
    Core::Workspace workspace = std::move(opened).value();
    Core::Result<Core::LoadedSpec> first = Core::loadSpecFile(specFile);
    QVERIFY(first.ok());
    Core::Result<QString> collection = Core::writeSpecCollection(workspace, first.value());
    QVERIFY(collection.ok());

    // Version 2 adds an operation.
    spec.replace("components:\n",
                 "  /pets/{id}/photo:\n"
                 "    get:\n"
                 "      operationId: getPhoto\n"
                 "      parameters:\n"
                 "        - name: id\n"
                 "          in: path\n"
                 "          required: true\n"
                 "          schema:\n"
                 "            type: integer\n"
                 "      responses:\n"
                 "        '200':\n"
                 "          description: the photo\n"
                 "components:\n");
    QVERIFY(writeAll(specFile, spec));

    Ui::SpecUpdateDialog dialog(&workspace, collection.value());
    QCOMPARE(dialog.findChild<QLineEdit *>()->text(), specFile); // remembered by the link
    auto *apply = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Apply);
    QVERIFY(!apply->isEnabled());
    QSignalSpy ready(&dialog, &Ui::SpecUpdateDialog::previewReady);
    QSignalSpy applied(&dialog, &Ui::SpecUpdateDialog::applied);
    dialog.preview();
    QVERIFY(ready.wait(20000));
    QVERIFY(dialog.plan().has_value());

    // The preview lists the new operation; nothing is written before Apply.
    auto *tree = dialog.findChild<QTreeWidget *>();
    QList<QTreeWidgetItem *> added
        = tree->findItems(QStringLiteral("GET /pets/{id}/photo"), Qt::MatchExactly, 1);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first()->text(0), QStringLiteral("Added"));
    QVERIFY(apply->isEnabled());
    QCOMPARE(Core::readSpecLink(collection.value())->operations.size(), 4);

    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(applied.size(), 1);
    QVERIFY(!applied.first().at(0).toStringList().isEmpty());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    Core::Result<Core::SpecLink> link = Core::readSpecLink(collection.value());
    QVERIFY(link.ok());
    QCOMPARE(link->operations.size(), 5);
    for (const QString &path : applied.first().at(0).toStringList())
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));

    // A second preview finds nothing left to do.
    ready.clear();
    dialog.preview();
    QVERIFY(ready.wait(20000));
    QVERIFY(dialog.plan()->isEmpty());
    QVERIFY(!apply->isEnabled());
}

// File → Import from URL…, a URL dropped on the window: a description served over http, with
// a $ref to a second file beside it, is downloaded in the worker and imported; a 404 is
// reported with its status.
void TestOpenApiWindow::importsFromUrl()
{
    const QByteArray main = "openapi: 3.0.3\n"
                            "info: {title: Remote pets, version: '1'}\n"
                            "paths:\n"
                            "  /pets:\n"
                            "    get:\n"
                            "      operationId: listPets\n"
                            "      responses:\n"
                            "        '200':\n"
                            "          description: ok\n"
                            "          content:\n"
                            "            application/json:\n"
                            "              schema: {$ref: 'schemas.yaml#/Pets'}\n"
                            "    post:\n"
                            "      operationId: addPet\n"
                            "      requestBody:\n"
                            "        content:\n"
                            "          application/json:\n"
                            "            schema: {$ref: 'schemas.yaml#/Pet'}\n"
                            "      responses: {'201': {description: created}}\n";
    const QByteArray schemas = "Pet:\n"
                               "  type: object\n"
                               "  required: [name]\n"
                               "  properties: {name: {type: string, example: Rex}}\n"
                               "Pets: {type: array, items: {$ref: '#/Pet'}}\n";
    Test::ScriptedServer server;
    QVERIFY(server.isListening());
    server.setHandler([&](const Test::ReceivedRequest &r, Test::Connection &c) {
        if (r.path() == "/api/openapi.yaml")
            c.respond(200, main, {{"Content-Type", "application/yaml"}});
        else if (r.path() == "/api/schemas.yaml")
            c.respond(200, schemas, {{"Content-Type", "application/yaml"}});
        else
            c.respond(404, "no");
    });

    QTemporaryDir root;
    Core::Result<Core::Workspace> opened = Core::Workspace::open(root.path());
    QVERIFY(opened.ok());
    Core::Workspace workspace = std::move(opened).value();
    QNetworkAccessManager network;
    Core::HistoryStore history(m_dir.filePath(QStringLiteral("h3.sqlite")));
    Ui::MainWindow window(&network, &history, &workspace);
    auto *controller = window.findChild<Ui::ImportExportController *>();
    QSignalSpy finished(controller, &Ui::ImportExportController::importFinished);

    const QString url = server.url(QStringLiteral("/api/openapi.yaml")).toString();
    window.importPath(url, true);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(1).toString(), QString());
    const QStringList created = finished.first().at(0).toStringList();
    QCOMPARE(created.size(), 1);
    const Core::CollectionItem *collection = workspace.item(created.first());
    QVERIFY(collection);
    QCOMPARE(collection->name, QStringLiteral("Remote pets"));
    Core::Result<Core::SpecLink> link = Core::readSpecLink(created.first());
    QVERIFY(link.ok());
    QCOMPARE(link->source, url);
    QCOMPARE(link->operations.size(), 2);
    bool sawSchemas = false;
    for (const Test::ReceivedRequest &r : server.requests())
        sawSchemas = sawSchemas || r.path() == "/api/schemas.yaml";
    QVERIFY(sawSchemas); // the $ref was followed over http

    // The action is in the File menu.
    const QList<QAction *> actions = window.findChildren<QAction *>();
    QVERIFY(std::any_of(actions.cbegin(), actions.cend(), [](const QAction *a) {
        return a->text() == QStringLiteral("Import from &URL…");
    }));

    finished.clear();
    window.importPath(server.url(QStringLiteral("/missing.yaml")).toString(), true);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(0).toStringList().isEmpty());
    QVERIFY2(finished.first().at(1).toString().contains(QLatin1String("404")),
             qPrintable(finished.first().at(1).toString()));
    QCOMPARE(workspace.collections().size(), 1);
}

// A response to a request of a collection imported from a description gets a badge in the
// summary strip: "Matches the spec", or "Breaks the spec" with the violations (JSON pointers)
// in its tooltip. The check runs on the contract thread; a request outside such a collection
// gets no badge.
void TestOpenApiWindow::responsesShowTheContractBadge()
{
    Test::ScriptedServer api;
    QVERIFY(api.isListening());
    QByteArray body = "[{\"id\": 1, \"name\": \"Rex\"}]";
    api.setHandler([&body](const Test::ReceivedRequest &, Test::Connection &c) {
        c.respond(200, body, {{"Content-Type", "application/json"}});
    });
    const QByteArray spec = "openapi: 3.0.3\n"
                            "info: {title: Contract pets, version: '1'}\n"
                            "paths:\n"
                            "  /pets:\n"
                            "    get:\n"
                            "      operationId: listPets\n"
                            "      responses:\n"
                            "        '200':\n"
                            "          description: ok\n"
                            "          content:\n"
                            "            application/json:\n"
                            "              schema:\n"
                            "                type: array\n"
                            "                items:\n"
                            "                  type: object\n"
                            "                  required: [id, name]\n"
                            "                  properties:\n"
                            "                    id: {type: integer}\n"
                            "                    name: {type: string}\n";
    QTemporaryDir root;
    const QString specFile = root.filePath(QStringLiteral("pets.yaml"));
    Core::Workspace workspace;
    QString collection;
    QVERIFY(importedWorkspace(root, specFile, spec, &workspace, &collection));
    const QString requestPath = collection + QStringLiteral("/pets/listpets.yaml");
    const Core::CollectionItem *item = workspace.item(requestPath);
    QVERIFY2(item, qPrintable(requestPath));

    QNetworkAccessManager network;
    Core::HistoryStore history(m_dir.filePath(QStringLiteral("h4.sqlite")));
    Ui::MainWindow window(&network, &history, &workspace);
    window.show();
    Core::SavedRequest saved = item->request;
    saved.request.url = api.url(QStringLiteral("/pets")).toString();
    Core::Assertion matchesSpec;
    matchesSpec.kind = Core::AssertionKind::MatchesSpec;
    saved.assertions = {matchesSpec};
    window.openSavedRequest(requestPath, saved);
    Ui::RequestTab *tab = window.currentTab();
    QVERIFY(tab);
    tab->editor()->setRequest(saved.request);
    QLabel *badge = tab->viewer()->contractBadge();

    emit tab->editor()->sendRequested();
    QTRY_VERIFY_WITH_TIMEOUT(badge->isVisible(), 20000);
    QVERIFY2(badge->text().contains(QLatin1String("Matches the spec")), qPrintable(badge->text()));
    // The Tests tab's matches-spec assertion is answered too (it said "no API description is
    // linked" in the window).
    QCOMPARE(tab->lastTestResults().size(), 1);
    QVERIFY2(tab->lastTestResults().constFirst().passed,
             qPrintable(tab->lastTestResults().constFirst().message));

    body = "[{\"id\": \"one\"}]";
    emit tab->editor()->sendRequested();
    QTRY_VERIFY_WITH_TIMEOUT(badge->isVisible() && badge->text().contains(QLatin1String("Breaks")),
                             20000);
    QVERIFY2(badge->toolTip().contains(QLatin1String("/0/id")), qPrintable(badge->toolTip()));
    // Its Details link shows the violations in a box (a tooltip alone is easy to miss).
    QTimer::singleShot(0, qApp, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        QCOMPARE(box->objectName(), QStringLiteral("contractDetails"));
        QVERIFY2(box->informativeText().contains(QLatin1String("/0/id")),
                 qPrintable(box->informativeText()));
        box->accept();
    });
    emit badge->linkActivated(QStringLiteral("details"));
    QVERIFY(!tab->lastTestResults().constFirst().passed);

    // An unsaved request is not checked.
    Ui::RequestTab *scratch = window.newTab();
    Core::Request plain;
    plain.url = api.url(QStringLiteral("/pets")).toString();
    scratch->editor()->setRequest(plain);
    emit scratch->editor()->sendRequested();
    QTRY_VERIFY_WITH_TIMEOUT(scratch->viewer()->response().statusCode == 200, 20000);
    QTest::qWait(200);
    QVERIFY(!scratch->viewer()->contractBadge()->isVisible());

    // Runs from the window answer matches-spec too: one conforming, one not.
    QVERIFY(workspace.saveRequest(requestPath, saved).ok());
    for (const bool conforming : {true, false}) {
        body = conforming ? "[{\"id\": 1, \"name\": \"Rex\"}]" : "[{\"name\": 7}]";
        window.runPath(requestPath);
        QList<Ui::RunnerDialog *> dialogs = window.findChildren<Ui::RunnerDialog *>();
        QVERIFY(!dialogs.isEmpty());
        Ui::RunnerDialog *dialog = dialogs.last();
        QSignalSpy ran(dialog, &Ui::RunnerDialog::runFinished);
        dialog->start();
        QVERIFY(ran.wait(20000));
        const Core::RunSummary summary = ran.first().first().value<Core::RunSummary>();
        QCOMPARE(summary.assertions, 1);
        QCOMPARE(summary.assertionsFailed, conforming ? 0 : 1);
        dialog->close();
        delete dialog;
    }
}

// A local description a collection was imported from is watched: when it changes, the status
// bar offers "Update from spec…" for that collection, once per changed version; a save that
// leaves the content as imported offers nothing.
void TestOpenApiWindow::changedLocalSpecOffersTheUpdate()
{
    QTemporaryDir root;
    const QString specFile = root.filePath(QStringLiteral("petstore.yaml"));
    const QByteArray v1 = readAll(petstoreExpanded());
    Core::Workspace workspace;
    QString collection;
    QVERIFY(importedWorkspace(root, specFile, v1, &workspace, &collection));

    QNetworkAccessManager network;
    Core::HistoryStore history(m_dir.filePath(QStringLiteral("h5.sqlite")));
    Ui::MainWindow window(&network, &history, &workspace);
    window.show();
    auto *controller = window.findChild<Ui::ImportExportController *>();
    QVERIFY(controller);
    // The links are read in a worker: the watch starts shortly after the window.
    QTRY_COMPARE(controller->specWatcher()->watchedFiles(),
                 QStringList {QFileInfo(specFile).absoluteFilePath()});
    QSignalSpy changed(controller->specWatcher(), &Ui::SpecWatcher::specChanged);
    QPushButton *notice = controller->specUpdateNotice();
    QVERIFY(!notice->isVisible());

    // The same bytes written again: nothing to offer.
    QVERIFY(writeAll(specFile, v1));
    QTest::qWait(Ui::SpecWatcher::kSettleMs + 300);
    QCOMPARE(changed.size(), 0);

    // An editor's save: a new file renamed over the old one, with a new operation.
    const QString temp = specFile + QStringLiteral(".tmp");
    QVERIFY(writeAll(temp, v1 + "\n# edited\n"));
    QVERIFY(QFile::remove(specFile));
    QVERIFY(QFile::rename(temp, specFile));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 10000);
    QCOMPARE(changed.first().at(0).toString(), collection);
    QTRY_VERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QLatin1String("petstore.yaml")), qPrintable(notice->text()));
    // Still watched after the rename, and reported again only for a new version.
    QVERIFY(writeAll(specFile, v1 + "\n# edited\n"));
    QTest::qWait(Ui::SpecWatcher::kSettleMs + 300);
    QCOMPARE(changed.size(), 1);
    QVERIFY(writeAll(specFile, v1 + "\n# edited twice\n"));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 10000);
}

QTEST_MAIN(TestOpenApiWindow)
#include "tst_openapiwindow.moc"
