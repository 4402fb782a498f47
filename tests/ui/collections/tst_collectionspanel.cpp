#include "ui/collections/collectionspanel.h"

#include "core/collections/workspace.h"
#include "tests/ui/collections/workspacefixture.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/request/requesteditor.h"

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace Patchbay::Core;
using Patchbay::Ui::CollectionsPanel;
using Patchbay::Ui::CollectionTreeModel;

namespace {

// Every name shown, depth-first, indented by depth; folders are filled as a view expanding
// them would.
void shownRows(QAbstractItemModel &model, const QModelIndex &parent, int depth, QStringList &out,
               bool fetch = true)
{
    if (fetch && model.canFetchMore(parent))
        model.fetchMore(parent);
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out.append(QString(depth * 2, u' ') + index.data().toString());
        shownRows(model, index, depth + 1, out, fetch);
    }
}

QStringList shown(QAbstractItemModel &model)
{
    QStringList out;
    shownRows(model, {}, 0, out);
    return out;
}

// The rows there are now, without filling any folder.
QStringList madeRows(QAbstractItemModel &model)
{
    QStringList out;
    shownRows(model, {}, 0, out, false);
    return out;
}

QStringList names(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Fails the test on any error the panel would show in a message box.
void failOnErrors(CollectionsPanel &panel, QStringList *errors)
{
    panel.setErrorHandler([errors](QWidget *, const QString &message) { errors->append(message); });
}

} // namespace

class TestCollectionsPanel final : public QObject
{
    Q_OBJECT

private slots:
    void filterKeepsParents_data();
    void filterKeepsParents();
    void filterFindsRequestsInFoldersNotOpened();
    void renameThroughModelRenamesFile();
    void deleteThenUndoRestoresBytes_data();
    void deleteThenUndoRestoresBytes();
    void activateRequestEmitsIt();
    void activateProblemEmitsIt();
    void newItemsCreateFiles();
    void duplicateAddsCopy();
    void saveRequestUpdatesRow();
    void emptyState();
    void reloadPathsShowsExternalChanges();
    void rendersSampleWithBadges();
};

void TestCollectionsPanel::filterKeepsParents_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("name in a folder") << "delete" << names({"Alpha", "  Admin", "    Delete user"});
    QTest::newRow("url") << "status.example" << names({"Beta", "  Ping"});
    QTest::newRow("url in two requests, case-insensitive")
        << "API.EXAMPLE.COM/USERS"
        << names({"Alpha", "  Get users", "  Create user", "  Admin", "    Delete user"});
    QTest::newRow("folder name shows what it holds")
        << "admin" << names({"Alpha", "  Admin", "    Delete user"});
    QTest::newRow("nothing") << "zzz-nothing" << QStringList();
}

void TestCollectionsPanel::filterKeepsParents()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionsPanel panel(&fixture.workspace);
    QCOMPARE(shown(*panel.view()->model()).size(), 8);
    QTest::keyClicks(panel.filterEdit(), filter);
    QCOMPARE(shown(*panel.view()->model()), expected);
    if (!expected.isEmpty()) {
        // Matches are visible: their parents are expanded.
        const QModelIndex first = panel.view()->model()->index(0, 0);
        QVERIFY(panel.view()->isExpanded(first));
    }
    panel.filterEdit()->clear();
    QCOMPARE(shown(*panel.view()->model()).size(), 8);
}

// Folders fill when expanded, yet the filter searches every request of the workspace.
void TestCollectionsPanel::filterFindsRequestsInFoldersNotOpened()
{
    LargeWorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionsPanel panel(&fixture.workspace);
    CollectionTreeModel *model = panel.model();
    QCOMPARE(model->rowCount(model->indexForPath(fixture.folders.first())), 0); // not opened

    // Set at once: typed letter by letter, "u" alone would match (and fill) every folder.
    panel.filterEdit()->setText(QStringLiteral("UNIQUE-deep"));
    QCOMPARE(madeRows(*panel.view()->model()),
             names({"Big", "  Folder 0", "    Deep", "      Deeper", "        Needle"}));
    const QModelIndex needle
        = panel.proxyModel()->mapFromSource(model->indexForPath(fixture.needle));
    QVERIFY(needle.isValid());
    QVERIFY(panel.view()->isExpanded(needle.parent())); // shown, not only there
    // Only the folders on the way were filled.
    QCOMPARE(model->rowCount(model->indexForPath(fixture.folders.at(1))), 0);

    // A matching folder shows all it holds.
    panel.filterEdit()->clear();
    panel.filterEdit()->setText(QStringLiteral("folder 5"));
    const QStringList folder5 = madeRows(*panel.view()->model());
    QCOMPARE(folder5.size(), 2 + LargeWorkspaceFixture::kRequestsPerFolder);
    QCOMPARE(folder5.at(1), QStringLiteral("  Folder 5"));
    QCOMPARE(folder5.last().trimmed(),
             QStringLiteral("Request 5.%1").arg(LargeWorkspaceFixture::kRequestsPerFolder - 1));

    // A new match in a folder not opened yet shows up on the next refresh.
    panel.filterEdit()->clear();
    panel.filterEdit()->setText(QStringLiteral("haystack-late"));
    QVERIFY(madeRows(*panel.view()->model()).isEmpty());
    const QString late = fixture.folders.at(6);
    QCOMPARE(model->rowCount(model->indexForPath(late)), 0);
    QVERIFY(fixture.workspace
                .createRequest(
                    late,
                    WorkspaceFixture::request(QStringLiteral("Late"), QStringLiteral("GET"),
                                              QStringLiteral("http://haystack-late.example/")))
                .ok());
    panel.refresh();
    QCOMPARE(madeRows(*panel.view()->model()), names({"Big", "  Folder 6", "    Late"}));

    // Selecting a deep item after the filter is gone opens the folders on the way.
    panel.filterEdit()->clear();
    QVERIFY(panel.selectPath(fixture.needle));
    QCOMPARE(panel.currentPath(), fixture.needle);
}

void TestCollectionsPanel::renameThroughModelRenamesFile()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionsPanel panel(&fixture.workspace);
    QStringList errors;
    failOnErrors(panel, &errors);
    const QString oldPath = fixture.admin;
    QVERIFY(panel.selectPath(oldPath));
    QAbstractItemModel *viewModel = panel.view()->model();
    QVERIFY(viewModel->setData(panel.view()->currentIndex(), QStringLiteral("Staff only")));
    const QString newPath = fixture.alpha + QStringLiteral("/staff-only");
    QVERIFY(!QFileInfo::exists(oldPath));
    QVERIFY(QFileInfo::exists(newPath + QStringLiteral("/delete-user.yaml")));
    QCOMPARE(fixture.workspace.item(newPath)->name, QStringLiteral("Staff only"));
    QTRY_COMPARE(panel.currentPath(), newPath);
    QVERIFY(errors.isEmpty());
}

void TestCollectionsPanel::deleteThenUndoRestoresBytes_data()
{
    QTest::addColumn<QString>("path"); // relative to the workspace
    QTest::newRow("request") << "alpha/create-user.yaml";
    QTest::newRow("folder") << "alpha/admin";
    QTest::newRow("collection") << "beta";
    QTest::newRow("problem file") << "alpha/broken.yaml";
}

void TestCollectionsPanel::deleteThenUndoRestoresBytes()
{
    QFETCH(QString, path);
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    const QString full = fixture.dir.path() + u'/' + path;
    const bool isDir = QFileInfo(full).isDir();
    const QString probe = isDir ? QDir(full)
                                      .entryList({QStringLiteral("*.yaml")}, QDir::Files)
                                      .value(0)
                                      .prepend(full + u'/')
                                : full;
    const QByteArray bytes = readAll(probe);
    QVERIFY(!bytes.isEmpty());

    CollectionsPanel panel(&fixture.workspace);
    QStringList errors;
    failOnErrors(panel, &errors);
    const QStringList before = shown(*panel.view()->model());
    QVERIFY(panel.selectPath(full));
    QVERIFY(panel.undoStack()->count() == 0);

    // Del on the tree deletes.
    panel.view()->setFocus();
    panel.deleteAction()->trigger();
    QVERIFY(!QFileInfo::exists(full));
    QVERIFY(!panel.model()->indexForPath(full).isValid());
    QCOMPARE(panel.undoStack()->count(), 1);
    QVERIFY(panel.undoStack()->canUndo());

    panel.undoStack()->undo();
    QVERIFY(QFileInfo::exists(full));
    QCOMPARE(readAll(probe), bytes);
    QCOMPARE(shown(*panel.view()->model()), before);
    QCOMPARE(panel.currentPath(), full);

    panel.undoStack()->redo();
    QVERIFY(!QFileInfo::exists(full));
    panel.undoStack()->undo();
    QCOMPARE(readAll(probe), bytes);
    QVERIFY(errors.isEmpty());
}

void TestCollectionsPanel::activateRequestEmitsIt()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionsPanel panel(&fixture.workspace);
    panel.resize(300, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy spy(&panel, &CollectionsPanel::requestActivated);
    const QString path = fixture.admin + QStringLiteral("/delete-user.yaml");
    QVERIFY(panel.selectPath(path));
    panel.view()->setFocus();
    QTest::keyClick(panel.view(), Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), path);
    const auto request = spy.at(0).at(1).value<SavedRequest>();
    QCOMPARE(request, fixture.workspace.item(path)->request);
    QCOMPARE(request.request.method, QStringLiteral("DELETE"));

    // A folder activates nothing.
    QVERIFY(panel.selectPath(fixture.admin));
    QTest::keyClick(panel.view(), Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
}

void TestCollectionsPanel::activateProblemEmitsIt()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionsPanel panel(&fixture.workspace);
    QSignalSpy requests(&panel, &CollectionsPanel::requestActivated);
    QSignalSpy problems(&panel, &CollectionsPanel::problemActivated);
    const QString path = fixture.alpha + QStringLiteral("/broken.yaml");
    QVERIFY(panel.selectPath(path));
    panel.activate(panel.view()->currentIndex());
    QCOMPARE(requests.count(), 0);
    QCOMPARE(problems.count(), 1);
    QCOMPARE(problems.at(0).at(0).value<FileProblem>().path, path);
}

void TestCollectionsPanel::newItemsCreateFiles()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create(false));
    CollectionsPanel panel(&fixture.workspace);
    QStringList errors;
    failOnErrors(panel, &errors);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // With a request selected, new items go next to it.
    QVERIFY(panel.selectPath(fixture.admin + QStringLiteral("/delete-user.yaml")));
    const QString request = panel.newRequest(false);
    QCOMPARE(request, fixture.admin + QStringLiteral("/new-request.yaml"));
    QVERIFY(QFileInfo(request).isFile());
    QCOMPARE(panel.currentPath(), request);
    QCOMPARE(panel.model()->indexForPath(request).parent(),
             panel.model()->indexForPath(fixture.admin));

    QVERIFY(panel.selectPath(fixture.beta));
    const QString folder = panel.newFolder(false);
    QCOMPARE(folder, fixture.beta + QStringLiteral("/new-folder"));
    QVERIFY(QFileInfo(folder).isDir());
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/folder.yaml")));
    QVERIFY(panel.model()->indexForPath(folder).isValid());

    const QString inFolder = panel.newRequest(false);
    QCOMPARE(QFileInfo(inFolder).path(), folder);

    const QString collection = panel.newCollection(false);
    QVERIFY(QFileInfo::exists(collection + QStringLiteral("/collection.yaml")));
    QCOMPARE(panel.model()->rowCount(), 3);

    // New items start in rename mode.
    QVERIFY(panel.selectPath(fixture.beta));
    panel.newRequest(true);
    QVERIFY(panel.view()->indexWidget(panel.view()->currentIndex()));
    QVERIFY(errors.isEmpty());
}

void TestCollectionsPanel::duplicateAddsCopy()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create(false));
    CollectionsPanel panel(&fixture.workspace);
    QStringList errors;
    failOnErrors(panel, &errors);
    QVERIFY(panel.selectPath(fixture.alpha + QStringLiteral("/get-users.yaml")));
    const QString copy = panel.duplicateCurrent();
    QVERIFY(QFileInfo::exists(copy));
    const QModelIndex index = panel.model()->indexForPath(copy);
    QCOMPARE(index.data().toString(), QStringLiteral("Get users copy"));
    QCOMPARE(index.row(), 1); // right after the original
    QVERIFY(errors.isEmpty());
}

void TestCollectionsPanel::saveRequestUpdatesRow()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionsPanel panel(&fixture.workspace);
    QStringList errors;
    failOnErrors(panel, &errors);
    const QString path = fixture.beta + QStringLiteral("/ping.yaml");
    SavedRequest request = fixture.workspace.item(path)->request;
    request.request.method = QStringLiteral("OPTIONS");
    QVERIFY(panel.saveRequest(path, request));
    QVERIFY(readAll(path).contains("method: OPTIONS"));
    QCOMPARE(panel.model()->indexForPath(path).data(CollectionTreeModel::MethodRole).toString(),
             QStringLiteral("OPTIONS"));
    QVERIFY(errors.isEmpty());

    // A file that failed to parse is never written: the error is shown.
    const QString broken = fixture.alpha + QStringLiteral("/broken.yaml");
    const QByteArray bytes = readAll(broken);
    QVERIFY(!panel.saveRequest(broken, request));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(readAll(broken), bytes);
}

void TestCollectionsPanel::emptyState()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Result<Workspace> opened = Workspace::open(dir.path());
    QVERIFY(opened.ok());
    Workspace workspace = std::move(opened).value();
    CollectionsPanel panel(&workspace);
    panel.resize(300, 330);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.emptyPage()->isVisible());
    QVERIFY(!panel.view()->isVisible());
    if (const QString keep = qEnvironmentVariable("PATCHBAY_SCREENSHOT_EMPTY"); !keep.isEmpty())
        QVERIFY(panel.grab().save(keep));
    QPushButton *button = panel.emptyPage()->findChild<QPushButton *>();
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("New collection"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(workspace.collections().size(), 1);
    QVERIFY(QFileInfo::exists(workspace.collections().constFirst().path
                              + QStringLiteral("/collection.yaml")));
    QVERIFY(panel.view()->isVisible());
    QVERIFY(!panel.emptyPage()->isVisible());
}

void TestCollectionsPanel::reloadPathsShowsExternalChanges()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create(false));
    CollectionsPanel panel(&fixture.workspace);
    QStringList errors;
    failOnErrors(panel, &errors);
    QSignalSpy reset(panel.model(), &QAbstractItemModel::modelReset);
    // As after a git pull: one request added, one removed.
    const QString added = fixture.beta + QStringLiteral("/health.yaml");
    QFile file(added);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("patchbay: 1\nname: Health\norder: 9000\nmethod: GET\nurl: http://h/health\n");
    file.close();
    const QString removed = fixture.alpha + QStringLiteral("/create-user.yaml");
    QVERIFY(QFile::remove(removed));
    panel.reloadPaths({added, removed});
    QVERIFY(panel.model()->indexForPath(added).isValid());
    QCOMPARE(panel.model()->indexForPath(added).row(), 1);
    QVERIFY(!panel.model()->indexForPath(removed).isValid());
    QCOMPARE(reset.count(), 0);
    QVERIFY(errors.isEmpty());
}

// The sample collection, plus a folder and a broken file, as the user sees it. Set
// PATCHBAY_SCREENSHOT=/tmp/collections.png to keep the picture.
void TestCollectionsPanel::rendersSampleWithBadges()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sample
        = qEnvironmentVariable("PATCHBAY_SOURCE_DIR", QStringLiteral(PATCHBAY_TEST_SOURCE_DIR))
        + QStringLiteral("/resources/sample/sandbox-updates");
    const QString copy = dir.path() + QStringLiteral("/sandbox-updates");
    QVERIFY(QDir().mkpath(copy + QStringLiteral("/environments")));
    QDirIterator it(sample, QDir::Files, QDirIterator::Subdirectories);
    int copied = 0;
    while (it.hasNext()) {
        const QString file = it.next();
        QVERIFY(QFile::copy(file, copy + file.mid(sample.size())));
        ++copied;
    }
    QVERIFY(copied >= 5);
    Result<Workspace> opened = Workspace::open(dir.path());
    QVERIFY(opened.ok());
    Workspace workspace = std::move(opened).value();
    QCOMPARE(workspace.collections().size(), 1);
    const Result<QString> folder = workspace.createFolder(copy, QStringLiteral("Cleanup"));
    QVERIFY(folder.ok());
    QVERIFY(workspace
                .createRequest(*folder,
                               WorkspaceFixture::request(QStringLiteral("Delete user 1"),
                                                         QStringLiteral("DELETE"),
                                                         QStringLiteral("{{baseUrl}}/users/1")))
                .ok());
    QVERIFY(workspace
                .createRequest(*folder,
                               WorkspaceFixture::request(QStringLiteral("Create user"),
                                                         QStringLiteral("POST"),
                                                         QStringLiteral("{{baseUrl}}/users")))
                .ok());
    QFile broken(copy + QStringLiteral("/half-merged.yaml"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("patchbay: 1\nname: Half merged\n<<<<<<< HEAD\nurl: [\n");
    broken.close();
    QVERIFY(workspace.reload(broken.fileName()).ok());

    CollectionsPanel panel(&workspace);
    panel.resize(300, 330);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.selectPath(copy + QStringLiteral("/patch-email.yaml")));
    panel.view()->expandAll();
    const QImage image = panel.grab().toImage();
    QVERIFY(!image.isNull());

    // The badges are drawn in the method colours of the request editor.
    const auto hasColour = [&image](const QColor &colour) {
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (image.pixelColor(x, y) == colour)
                    return true;
            }
        }
        return false;
    };
    const QPalette palette = panel.view()->palette();
    QVERIFY(hasColour(Patchbay::Ui::RequestEditor::methodColor(QStringLiteral("GET"), palette)));
    QVERIFY(hasColour(Patchbay::Ui::RequestEditor::methodColor(QStringLiteral("PUT"), palette)));
    QVERIFY(hasColour(Patchbay::Ui::RequestEditor::methodColor(QStringLiteral("DELETE"), palette)));

    const QString keep = qEnvironmentVariable("PATCHBAY_SCREENSHOT");
    if (!keep.isEmpty())
        QVERIFY(image.save(keep));
}

QTEST_MAIN(TestCollectionsPanel)
#include "tst_collectionspanel.moc"
