#include "ui/collections/collectiontreemodel.h"

#include "core/collections/workspace.h"
#include "tests/ui/collections/workspacefixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFileInfo>
#include <QFont>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Patchbay::Core;
using Patchbay::Ui::CollectionTreeModel;

namespace {

const char *kindName(int kind)
{
    switch (ItemKind(kind)) {
    case ItemKind::Collection:
        return "collection";
    case ItemKind::Folder:
        return "folder";
    case ItemKind::Request:
        return "request";
    }
    return "?";
}

// One line per row, indented by depth: "kind name [METHOD]". Folders are filled on the way, as
// a view that expands everything would.
void dumpRows(QAbstractItemModel &model, const QModelIndex &parent, int depth, QStringList &out)
{
    if (model.canFetchMore(parent))
        model.fetchMore(parent);
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        QString line = QString(depth * 2, u' ')
            + QLatin1String(kindName(index.data(CollectionTreeModel::KindRole).toInt())) + u' '
            + index.data().toString();
        const QString method = index.data(CollectionTreeModel::MethodRole).toString();
        if (!method.isEmpty())
            line += QStringLiteral(" [%1]").arg(method);
        if (!index.data(CollectionTreeModel::ProblemRole).toString().isEmpty())
            line += QStringLiteral(" (problem)");
        out.append(line);
        dumpRows(model, index, depth + 1, out);
    }
}

QStringList dump(QAbstractItemModel &model)
{
    QStringList out;
    dumpRows(model, {}, 0, out);
    return out;
}

// The tree as the workspace on disk has it now, in the same form as dump().
void dumpItems(const QList<CollectionItem> &items, int depth, QStringList &out)
{
    for (const CollectionItem &item : items) {
        QString line
            = QString(depth * 2, u' ') + QLatin1String(kindName(int(item.kind))) + u' ' + item.name;
        if (item.kind == ItemKind::Request && !item.problem)
            line += QStringLiteral(" [%1]").arg(item.request.request.method);
        if (item.problem)
            line += QStringLiteral(" (problem)");
        out.append(line);
        dumpItems(item.children, depth + 1, out);
    }
}

QStringList dumpDisk(const QString &root)
{
    const Result<Workspace> reopened = Workspace::open(root);
    QStringList out;
    if (reopened.ok())
        dumpItems(reopened->collections(), 0, out);
    return out;
}

const QStringList kInitialTree = {
    QStringLiteral("collection Alpha"),
    QStringLiteral("  request broken (problem)"),
    QStringLiteral("  request Get users [GET]"),
    QStringLiteral("  request Create user [POST]"),
    QStringLiteral("  folder Admin"),
    QStringLiteral("    request Delete user [DELETE]"),
    QStringLiteral("collection Beta"),
    QStringLiteral("  request Ping [GET]"),
};

// The rows the model has made so far, without asking it to fetch any.
int madeRows(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    int rows = model.rowCount(parent);
    for (int row = 0; row < model.rowCount(parent); ++row)
        rows += madeRows(model, model.index(row, 0, parent));
    return rows;
}

std::unique_ptr<QMimeData> dragOf(CollectionTreeModel &model, const QStringList &paths)
{
    QModelIndexList indexes;
    for (const QString &path : paths)
        indexes.append(model.indexForPath(path));
    return std::unique_ptr<QMimeData>(model.mimeData(indexes));
}

} // namespace

class TestCollectionTreeModel final : public QObject
{
    Q_OBJECT

private slots:
    void treeMatchesWorkspace();
    void problemsAreListed();
    void readOnlyItemsAreMarked();
    void rolesOfARequest();
    void incrementalRefresh();
    void reloadResets();
    void webSocketRequestsSayWs();
    void dropMovesFiles_data();
    void dropMovesFiles();
    void dropReorders_data();
    void dropReorders();
    void dropRejected_data();
    void dropRejected();
    void renameThroughSetData();
    void openedFolderRowsComeAndGo();
    void bigCollectionFillsFoldersWhenExpanded();
    void addingACollectionInsertsItsRowOnly();
};

void TestCollectionTreeModel::treeMatchesWorkspace()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(dump(model), kInitialTree);
    QCOMPARE(dumpDisk(fixture.dir.path()), kInitialTree);
    QCOMPARE(model.indexForPath(fixture.admin).data().toString(), QStringLiteral("Admin"));
    QCOMPARE(model.pathAt(model.index(1, 0)), fixture.beta);
}

void TestCollectionTreeModel::problemsAreListed()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionTreeModel model(&fixture.workspace);
    const QString brokenPath = fixture.alpha + QStringLiteral("/broken.yaml");
    const QModelIndex broken = model.indexForPath(brokenPath);
    QVERIFY(broken.isValid());
    const auto problem = model.problemAt(broken);
    QVERIFY(problem.has_value());
    QCOMPARE(problem->path, brokenPath);
    QVERIFY(problem->line > 0);
    const QString text = broken.data(CollectionTreeModel::ProblemRole).toString();
    QVERIFY2(text.startsWith(brokenPath + u':' + QString::number(problem->line) + u':'),
             qPrintable(text));
    QCOMPARE(broken.data(Qt::ToolTipRole).toString(), text);
    QVERIFY(broken.data(CollectionTreeModel::ReadOnlyRole).toBool());
    QVERIFY(!(model.flags(broken) & Qt::ItemIsEditable));
    QVERIFY(broken.data(Qt::ForegroundRole).isValid()); // greyed
    QVERIFY(!broken.data(Qt::DecorationRole).isNull()); // warning icon
    QVERIFY(!model.setData(broken, QStringLiteral("fixed")));
    QVERIFY(QFileInfo::exists(brokenPath));

    const QModelIndex fine = model.indexForPath(fixture.admin);
    QVERIFY(!fine.data(CollectionTreeModel::ReadOnlyRole).toBool());
    QVERIFY(model.flags(fine) & Qt::ItemIsEditable);
    QVERIFY(!model.problemAt(fine));
}

void TestCollectionTreeModel::readOnlyItemsAreMarked()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    QFile future(fixture.beta + QStringLiteral("/future.yaml"));
    QVERIFY(future.open(QIODevice::WriteOnly));
    future.write("patchbay: 3\nname: From the future\nmethod: GET\nurl: http://h\n");
    future.close();
    QVERIFY(fixture.workspace.reload(future.fileName()).ok());
    CollectionTreeModel model(&fixture.workspace);
    const QModelIndex index = model.indexForPath(future.fileName());
    QVERIFY(index.isValid());
    QCOMPARE(index.data().toString(), QStringLiteral("From the future"));
    QVERIFY(index.data(CollectionTreeModel::ReadOnlyRole).toBool());
    QVERIFY(index.data(CollectionTreeModel::ProblemRole).toString().isEmpty());
    QVERIFY(!(model.flags(index) & Qt::ItemIsEditable));
    QVERIFY(index.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!index.data(Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(!model.setData(index, QStringLiteral("Renamed")));
    QVERIFY(QFileInfo::exists(future.fileName()));
}

void TestCollectionTreeModel::rolesOfARequest()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionTreeModel model(&fixture.workspace);
    const QModelIndex admin = model.indexForPath(fixture.admin);
    model.fetchMore(admin); // as a view does when it expands the folder
    const QModelIndex del = model.index(0, 0, admin);
    QCOMPARE(del.data().toString(), QStringLiteral("Delete user"));
    QCOMPARE(del.data(CollectionTreeModel::MethodRole).toString(), QStringLiteral("DELETE"));
    QCOMPARE(del.data(CollectionTreeModel::UrlRole).toString(),
             QStringLiteral("https://api.example.com/users/7"));
    QCOMPARE(del.data(CollectionTreeModel::KindRole).toInt(), int(ItemKind::Request));
    QCOMPARE(del.data(CollectionTreeModel::PathRole).toString(),
             fixture.admin + QStringLiteral("/delete-user.yaml"));
    QVERIFY(del.data(CollectionTreeModel::FilterTextRole).toString().contains(u"users/7"));
    QVERIFY(model.flags(del) & Qt::ItemIsDragEnabled);
    QVERIFY(!(model.flags(del) & Qt::ItemIsDropEnabled));
    QVERIFY(!(model.flags(model.indexForPath(fixture.alpha)) & Qt::ItemIsDragEnabled));
    QVERIFY(model.flags(model.indexForPath(fixture.alpha)) & Qt::ItemIsDropEnabled);
    QCOMPARE(model.itemAt(del)->request.request.url,
             QStringLiteral("https://api.example.com/users/7"));
}

void TestCollectionTreeModel::incrementalRefresh()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // A new request in Beta: one inserted row under Beta, at the end.
    const Result<QString> created = fixture.workspace.createRequest(
        fixture.beta,
        WorkspaceFixture::request(QStringLiteral("Pong"), QStringLiteral("PUT"), QString()));
    QVERIFY(created.ok());
    const QPersistentModelIndex ping = model.index(0, 0, model.indexForPath(fixture.beta));
    model.refresh();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), model.indexForPath(fixture.beta));
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QVERIFY(ping.isValid());
    QCOMPARE(ping.data().toString(), QStringLiteral("Ping"));

    // Moving "Ping" after "Pong": one row move.
    QVERIFY(fixture.workspace.reorder(ping.data(CollectionTreeModel::PathRole).toString(), 1).ok());
    model.refresh();
    QCOMPARE(moved.count(), 1);
    QCOMPARE(ping.row(), 1);

    // Saving changes a row's data only.
    SavedRequest pong = model.itemAt(model.indexForPath(*created))->request;
    pong.request.method = QStringLiteral("PATCH");
    QVERIFY(fixture.workspace.saveRequest(*created, pong).ok());
    model.refresh();
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.indexForPath(*created).data(CollectionTreeModel::MethodRole).toString(),
             QStringLiteral("PATCH"));

    // Deleting the folder: one removed row.
    QVERIFY(fixture.workspace.remove(fixture.admin).ok());
    model.refresh();
    QCOMPARE(removed.count(), 1);
    QVERIFY(!model.indexForPath(fixture.admin).isValid());
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(dump(model), dumpDisk(fixture.dir.path()));
}

void TestCollectionTreeModel::reloadResets()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // An external change (git checkout): a request file appears on disk.
    QFile added(fixture.beta + QStringLiteral("/added.yaml"));
    QVERIFY(added.open(QIODevice::WriteOnly));
    added.write("patchbay: 1\nname: Added\norder: 5000\nmethod: HEAD\nurl: http://h\n");
    added.close();
    QVERIFY(fixture.workspace.reload(added.fileName()).ok());
    model.reload();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(dump(model), dumpDisk(fixture.dir.path()));
    QCOMPARE(model.indexForPath(added.fileName()).data(CollectionTreeModel::MethodRole).toString(),
             QStringLiteral("HEAD"));
}

// A WebSocket request's handshake is a GET, but its row says WS.
void TestCollectionTreeModel::webSocketRequestsSayWs()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    QFile chat(fixture.beta + QStringLiteral("/chat.yaml"));
    QVERIFY(chat.open(QIODevice::WriteOnly));
    chat.write("patchbay: 2\nkind: websocket\nname: Chat\norder: 5000\nurl: ws://h/chat\n");
    chat.close();
    QVERIFY(fixture.workspace.reload(chat.fileName()).ok());
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.indexForPath(chat.fileName()).data(CollectionTreeModel::MethodRole).toString(),
             QStringLiteral("WS"));
}

void TestCollectionTreeModel::dropMovesFiles_data()
{
    QTest::addColumn<QString>("source"); // relative to the workspace
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expectedPath");
    QTest::addColumn<bool>("placedLast"); // a problem file keeps order 0: first

    QTest::newRow("request into folder") << "alpha/get-users.yaml"
                                         << "alpha/admin"
                                         << "alpha/admin/get-users.yaml" << true;
    QTest::newRow("request to another collection") << "alpha/admin/delete-user.yaml"
                                                   << "beta"
                                                   << "beta/delete-user.yaml" << true;
    QTest::newRow("folder to another collection") << "alpha/admin"
                                                  << "beta"
                                                  << "beta/admin" << true;
    QTest::newRow("problem file travels as it is") << "alpha/broken.yaml"
                                                   << "beta"
                                                   << "beta/broken.yaml" << false;
}

void TestCollectionTreeModel::dropMovesFiles()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(QString, expectedPath);
    QFETCH(bool, placedLast);
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    const QString root = fixture.dir.path() + u'/';
    QVERIFY(QFileInfo::exists(root + source));
    QByteArray before;
    if (QFileInfo(root + source).isFile()) {
        QFile file(root + source);
        QVERIFY(file.open(QIODevice::ReadOnly));
        before = file.readAll();
    }
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy failed(&model, &CollectionTreeModel::operationFailed);
    QSignalSpy moves(&model, &CollectionTreeModel::itemMoved);

    const auto data = dragOf(model, {root + source});
    QVERIFY(data);
    QVERIFY(data->hasFormat(CollectionTreeModel::mimeType()));
    const QModelIndex targetIndex = model.indexForPath(root + target);
    QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, targetIndex));
    QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, targetIndex));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(reset.count(), 0);

    QVERIFY(!QFileInfo::exists(root + source));
    QVERIFY(QFileInfo::exists(root + expectedPath));
    // Open tabs follow the move (MainWindow listens).
    QCOMPARE(moves.count(), 1);
    QCOMPARE(moves.first().at(0).toString(), root + source);
    QCOMPARE(moves.first().at(1).toString(), root + expectedPath);
    if (source.endsWith(QLatin1String("broken.yaml"))) {
        QFile file(root + expectedPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }
    const QModelIndex moved = model.indexForPath(root + expectedPath);
    QVERIFY(moved.isValid());
    QCOMPARE(moved.parent(), model.indexForPath(root + target));
    QCOMPARE(moved.row(), placedLast ? model.rowCount(moved.parent()) - 1 : 0);
    QCOMPARE(dump(model), dumpDisk(fixture.dir.path()));
}

void TestCollectionTreeModel::dropReorders_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("row"); // drop row in Alpha (between rows, as the view gives it)
    QTest::addColumn<QStringList>("expectedOrder");

    const QString b = QStringLiteral("broken");
    const QString g = QStringLiteral("Get users");
    const QString c = QStringLiteral("Create user");
    const QString a = QStringLiteral("Admin");
    // broken has order 0 and is never rewritten; items go around it.
    QTest::newRow("folder up one") << "alpha/admin" << 2 << QStringList {b, g, a, c};
    QTest::newRow("request down to the end")
        << "alpha/get-users.yaml" << 4 << QStringList {b, c, a, g};
    QTest::newRow("request down one") << "alpha/get-users.yaml" << 3 << QStringList {b, c, g, a};
    QTest::newRow("same place") << "alpha/create-user.yaml" << 2 << QStringList {b, g, c, a};
}

void TestCollectionTreeModel::dropReorders()
{
    QFETCH(QString, source);
    QFETCH(int, row);
    QFETCH(QStringList, expectedOrder);
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    const QString root = fixture.dir.path() + u'/';
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto data = dragOf(model, {root + source});
    QVERIFY(data);
    const QModelIndex alpha = model.indexForPath(fixture.alpha);
    QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, row, 0, alpha));
    QStringList names;
    for (int r = 0; r < model.rowCount(alpha); ++r)
        names << model.index(r, 0, alpha).data().toString();
    QCOMPARE(names, expectedOrder);
    // The order is in the files: a fresh load agrees.
    QCOMPARE(dumpDisk(fixture.dir.path()), dump(model));
    QVERIFY(QFileInfo::exists(root + source));
}

void TestCollectionTreeModel::dropRejected_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target"); // empty: the root
    QTest::newRow("folder into itself") << "alpha/admin"
                                        << "alpha/admin";
    QTest::newRow("collection into collection") << "alpha"
                                                << "beta";
    QTest::newRow("request onto the root") << "beta/ping.yaml" << QString();
}

void TestCollectionTreeModel::dropRejected()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    const QString root = fixture.dir.path() + u'/';
    CollectionTreeModel model(&fixture.workspace);
    QMimeData data;
    data.setData(CollectionTreeModel::mimeType(), (root + source).toUtf8());
    const QModelIndex targetIndex
        = target.isEmpty() ? QModelIndex() : model.indexForPath(root + target);
    QVERIFY(!model.canDropMimeData(&data, Qt::MoveAction, -1, 0, targetIndex));
    QVERIFY(!model.dropMimeData(&data, Qt::MoveAction, -1, 0, targetIndex));
    QVERIFY(QFileInfo::exists(root + source));
    QCOMPARE(dump(model), kInitialTree);
}

void TestCollectionTreeModel::renameThroughSetData()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy renamed(&model, &CollectionTreeModel::itemRenamed);
    const QString oldPath = fixture.alpha + QStringLiteral("/get-users.yaml");
    QVERIFY(model.setData(model.indexForPath(oldPath), QStringLiteral("List users")));
    const QString newPath = fixture.alpha + QStringLiteral("/list-users.yaml");
    QVERIFY(!QFileInfo::exists(oldPath));
    QVERIFY(QFileInfo::exists(newPath));
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(renamed.at(0).at(1).toString(), newPath);
    QCOMPARE(model.indexForPath(newPath).data().toString(), QStringLiteral("List users"));
    QCOMPARE(dump(model), dumpDisk(fixture.dir.path()));
}

// Opening and closing a folder beside the workspace adds and removes its collections as rows
// (no reset: expansion and selection elsewhere stay), marked with the folder they come from.
void TestCollectionTreeModel::openedFolderRowsComeAndGo()
{
    WorkspaceFixture fixture;
    QVERIFY(fixture.create());
    WorkspaceFixture other;
    QVERIFY(other.create(false));
    CollectionTreeModel model(&fixture.workspace);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QPersistentModelIndex admin = model.indexForPath(fixture.admin);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    QVERIFY(fixture.workspace.addFolder(other.dir.path()).ok());
    model.refresh();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(reset.count(), 0);
    QVERIFY(admin.isValid());
    const QModelIndex opened = model.indexForPath(other.alpha);
    QCOMPARE(opened.row(), 2); // after the workspace's own collections
    QCOMPARE(opened.data(CollectionTreeModel::OpenedFolderRole).toString(), other.dir.path());
    QVERIFY(opened.data(Qt::ToolTipRole).toString().contains(other.dir.path()));
    const QModelIndex inside = model.indexForPath(other.admin);
    QCOMPARE(inside.data(CollectionTreeModel::OpenedFolderRole).toString(), other.dir.path());
    QVERIFY(model.indexForPath(fixture.alpha)
                .data(CollectionTreeModel::OpenedFolderRole)
                .toString()
                .isEmpty());

    QVERIFY(fixture.workspace.removeFolder(other.dir.path()));
    model.refresh();
    QCOMPARE(removed.count(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(dump(model), kInitialTree);
    QVERIFY(!model.indexForPath(other.alpha).isValid());
}

// A collection of 2,000 requests in folders costs its folders' rows until a view expands one:
// a big import adds a handful of rows to the sidebar, not thousands.
void TestCollectionTreeModel::bigCollectionFillsFoldersWhenExpanded()
{
    LargeWorkspaceFixture fixture;
    QVERIFY(fixture.create());
    constexpr int folders = LargeWorkspaceFixture::kFolders;
    constexpr int perFolder = LargeWorkspaceFixture::kRequestsPerFolder;
    CollectionTreeModel model(&fixture.workspace);
    QTreeView view;
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QModelIndex big = model.index(0, 0);
    QCOMPARE(big.data().toString(), QStringLiteral("Big"));
    QCOMPARE(model.rowCount(big), folders);
    QCOMPARE(madeRows(model), 1 + folders); // the collection and its folders, no request
    for (int row = 0; row < folders; ++row) {
        const QModelIndex folder = model.index(row, 0, big);
        QVERIFY(model.hasChildren(folder)); // the view shows an expander
        QVERIFY(model.canFetchMore(folder));
        QCOMPARE(model.rowCount(folder), 0);
    }

    // Expanding one folder makes its rows, and only its rows.
    view.expand(big);
    const QModelIndex third = model.indexForPath(fixture.folders.at(3));
    QCOMPARE(model.rowCount(third), 0);
    view.expand(third);
    QTRY_COMPARE(model.rowCount(third), perFolder); // at the view's next layout
    QVERIFY(!model.canFetchMore(third));
    QCOMPARE(model.index(7, 0, third).data().toString(), QStringLiteral("Request 3.7"));
    QCOMPARE(model.index(7, 0, third).parent(), third);
    QCOMPARE(madeRows(model), 1 + folders + perFolder);

    // Finding a deep item makes the folders on the way, not their neighbours.
    const QModelIndex needle = model.indexForPath(fixture.needle);
    QVERIFY(needle.isValid());
    QCOMPARE(needle.data().toString(), QStringLiteral("Needle"));
    QCOMPARE(needle.parent(), model.indexForPath(fixture.deeper));
    QCOMPARE(madeRows(model), 1 + folders + perFolder + (perFolder + 1) + 1 + 1);
    QCOMPARE(model.rowCount(model.indexForPath(fixture.folders.at(5))), 0);

    // Every row the model can make agrees with the workspace on disk.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(dump(model), dumpDisk(fixture.dir.path()));
    QCOMPARE(madeRows(model), 1 + folders * (perFolder + 1) + 1 + 1 + 1);
}

// A new collection (an import) is one inserted row with its folders, never a reset: what the
// view shows elsewhere stays, and the new folders fill when expanded.
void TestCollectionTreeModel::addingACollectionInsertsItsRowOnly()
{
    LargeWorkspaceFixture fixture;
    QVERIFY(fixture.create());
    CollectionTreeModel model(&fixture.workspace);
    QTreeView view;
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QModelIndex third = model.indexForPath(fixture.folders.at(3));
    view.expand(model.index(0, 0));
    view.expand(third);
    QTRY_COMPARE(model.rowCount(third), LargeWorkspaceFixture::kRequestsPerFolder);
    const QPersistentModelIndex kept = model.index(10, 0, third);
    QCOMPARE(kept.data().toString(), QStringLiteral("Request 3.10"));
    view.setCurrentIndex(kept);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    Workspace &ws = fixture.workspace;
    const QString second = *ws.createCollection(QStringLiteral("Second"));
    QStringList newFolders;
    for (int f = 0; f < 2; ++f) {
        newFolders << *ws.createFolder(second, QStringLiteral("Part %1").arg(f));
        for (int r = 0; r < 300; ++r)
            QVERIFY(ws.createRequest(newFolders.last(),
                                     WorkspaceFixture::request(
                                         QStringLiteral("New %1").arg(r), QStringLiteral("POST"),
                                         QStringLiteral("http://h/%1").arg(r)))
                        .ok());
    }
    model.refresh();
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(0).value<QModelIndex>(), QModelIndex());
    const QModelIndex added = model.index(inserted.first().at(1).toInt(), 0);
    QCOMPARE(model.pathAt(added), second);
    QCOMPARE(model.rowCount(added), 2);
    for (const QString &folder : std::as_const(newFolders)) {
        const QModelIndex index = model.indexForPath(folder);
        QVERIFY(model.canFetchMore(index));
        QCOMPARE(model.rowCount(index), 0);
    }
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data().toString(), QStringLiteral("Request 3.10"));
    QVERIFY(view.isExpanded(third));
    QCOMPARE(view.currentIndex(), QModelIndex(kept));
    view.expand(added);
    view.expand(model.indexForPath(newFolders.last()));
    QTRY_COMPARE(model.rowCount(model.indexForPath(newFolders.last())), 300);
    QCOMPARE(model.rowCount(model.indexForPath(newFolders.first())), 0);
}

QTEST_MAIN(TestCollectionTreeModel)
#include "tst_collectiontreemodel.moc"
