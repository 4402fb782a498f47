#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Patchbay::Core;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR");
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

struct FileId
{
    quint64 inode = 0;
    qint64 mtimeNs = 0;
    friend bool operator==(const FileId &, const FileId &) = default;
};

FileId fileId(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return {quint64(st.st_ino), qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// Every file under `dir` with its bytes, for before/after comparisons.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(dir).relativeFilePath(path), readFile(path));
    }
    return files;
}

SavedRequest makeRequest(const QString &name, const QString &url = QStringLiteral("http://x/"))
{
    SavedRequest r;
    r.name = name;
    r.request.url = url;
    return r;
}

QStringList childNames(const CollectionItem &item)
{
    QStringList names;
    for (const CollectionItem &c : item.children)
        names << c.name;
    return names;
}

// A workspace with one collection "Main" holding requests A, B, C and a folder "Sub" with D.
struct Fixture
{
    QTemporaryDir dir;
    Workspace ws;
    QString collection;
    QString folder;
    QString a, b, c, d;

    bool init()
    {
        if (!dir.isValid())
            return false;
        ws = Workspace::open(dir.path()).value();
        collection = ws.createCollection(QStringLiteral("Main")).value();
        a = ws.createRequest(collection, makeRequest(QStringLiteral("A"))).value();
        b = ws.createRequest(collection, makeRequest(QStringLiteral("B"))).value();
        c = ws.createRequest(collection, makeRequest(QStringLiteral("C"))).value();
        folder = ws.createFolder(collection, QStringLiteral("Sub")).value();
        d = ws.createRequest(folder, makeRequest(QStringLiteral("D"))).value();
        return true;
    }
};

} // namespace

class TestWorkspace final : public QObject
{
    Q_OBJECT

private slots:
    void loadsSampleCollection()
    {
        const Result<Workspace> opened
            = Workspace::open(sourceDir() + QStringLiteral("/resources/sample"));
        QVERIFY(opened.ok());
        const Workspace &ws = opened.value();
        QVERIFY(ws.problems().isEmpty());
        QCOMPARE(ws.collections().size(), 1);
        const CollectionItem &c = ws.collections().first();
        QCOMPARE(c.name, QStringLiteral("Sandbox updates"));
        QCOMPARE(
            childNames(c),
            QStringList({QStringLiteral("Get user 1"), QStringLiteral("Patch email"),
                         QStringLiteral("Put whole user"), QStringLiteral("Get user 1 again")}));
        const SavedRequest &patch = c.children.at(1).request;
        QCOMPARE(patch.request.method, QStringLiteral("PATCH"));
        QCOMPARE(patch.request.headers.first().value,
                 QStringLiteral("application/merge-patch+json"));
        QCOMPARE(patch.request.body.text, QStringLiteral("{\"email\": \"new@example.com\"}\n"));
        QCOMPARE(c.children.at(2).request.request.method, QStringLiteral("PUT"));
        QCOMPARE(c.environments.size(), 1);
        const EnvironmentItem &env = c.environments.first();
        QCOMPARE(env.environment.name, QStringLiteral("Sandbox"));

        // The URLs resolve against the environment.
        QList<VariableScope> scopes = ws.scopesFor(c.children.first().path);
        scopes.append({ScopeKind::Environment, env.environment.name, env.environment.variables});
        QStringList unresolved;
        const Request resolved = resolveVariables(c.children.first().request.request,
                                                  VariableContext(scopes), &unresolved);
        QCOMPARE(resolved.url, QStringLiteral("http://127.0.0.1:3000/users/1"));
        QVERIFY(unresolved.isEmpty());

        // The sample is in canonical form: loading and saving it changes no byte.
        const QByteArray collectionBytes = readFile(c.path + QStringLiteral("/collection.yaml"));
        QCOMPARE(collectionToYaml(c.collection), collectionBytes);
        QCOMPARE(environmentToYaml(env.environment), readFile(env.path));
        for (const CollectionItem &r : c.children)
            QCOMPARE(QString::fromUtf8(requestToYaml(r.request)),
                     QString::fromUtf8(readFile(r.path)));
    }

    void openRejectsMissingFolder()
    {
        const Result<Workspace> opened = Workspace::open(QStringLiteral("/nonexistent/patchbay"));
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, QStringLiteral("not-a-directory"));
    }

    void createdItemsAreOnDiskAndInTree()
    {
        Fixture f;
        QVERIFY(f.init());
        const Workspace reopened = Workspace::open(f.dir.path()).value();
        QCOMPARE(reopened.collections(), f.ws.collections());
        const CollectionItem *collection = reopened.item(f.collection);
        QVERIFY(collection);
        QCOMPARE(childNames(*collection),
                 QStringList({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                              QStringLiteral("Sub")}));
        QCOMPARE(QFileInfo(f.a).fileName(), QStringLiteral("a.yaml"));
        QCOMPARE(reopened.item(f.d)->request.request.url, QStringLiteral("http://x/"));
        QVERIFY(!collection->collection.id.isEmpty());
    }

    void unchangedSaveWritesNothing()
    {
        Fixture f;
        QVERIFY(f.init());
        const FileId before = fileId(f.a);
        QVERIFY(before.inode != 0);
        const QByteArray bytes = readFile(f.a);
        const SavedRequest same = f.ws.item(f.a)->request;
        const Result<SaveOutcome> outcome = f.ws.saveRequest(f.a, same);
        QVERIFY(outcome.ok());
        QCOMPARE(*outcome, SaveOutcome::Unchanged);
        QCOMPARE(fileId(f.a), before);
        QCOMPARE(readFile(f.a), bytes);
        // Nothing else appeared in the folder either (no temporary file left behind).
        QCOMPARE(QDir(f.collection).entryList(QDir::Files).size(), 4);

        SavedRequest changed = same;
        changed.request.url = QStringLiteral("http://changed/");
        const Result<SaveOutcome> written = f.ws.saveRequest(f.a, changed);
        QVERIFY(written.ok());
        QCOMPARE(*written, SaveOutcome::Written);
        QVERIFY(fileId(f.a).inode != before.inode); // replaced atomically (QSaveFile)
        QCOMPARE(requestFromYaml(readFile(f.a))->request.url, QStringLiteral("http://changed/"));
        QCOMPARE(f.ws.item(f.a)->request.request.url, QStringLiteral("http://changed/"));
    }

    void goldenFilesSaveUnchanged_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(sourceDir() + QStringLiteral("/tests/core/collections/data/golden"));
        for (const QString &file :
             dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    void goldenFilesSaveUnchanged()
    {
        QFETCH(QString, file);
        QTemporaryDir dir;
        Workspace ws = Workspace::open(dir.path()).value();
        const QString collection = ws.createCollection(QStringLiteral("Golden")).value();
        const QString target = collection + u'/' + QFileInfo(file).fileName();
        QVERIFY(QFile::copy(file, target));
        QVERIFY(ws.reload(target).ok());
        const CollectionItem *item = ws.item(target);
        QVERIFY(item);
        QVERIFY(!item->problem);
        const FileId before = fileId(target);
        const Result<SaveOutcome> outcome = ws.saveRequest(target, item->request);
        QVERIFY(outcome.ok());
        QCOMPARE(*outcome, SaveOutcome::Unchanged);
        QCOMPARE(fileId(target), before);
        QCOMPARE(readFile(target), readFile(file));
    }

    void newerVersionIsReadOnly()
    {
        Fixture f;
        QVERIFY(f.init());
        const QString newer = f.collection + QStringLiteral("/future.yaml");
        QVERIFY(QFile::copy(sourceDir()
                                + QStringLiteral("/tests/core/collections/data/newer-version.yaml"),
                            newer));
        const QByteArray bytes = readFile(newer);
        Workspace ws = Workspace::open(f.dir.path()).value();
        const CollectionItem *item = ws.item(newer);
        QVERIFY(item);
        QVERIFY(item->readOnly);
        QVERIFY(item->readOnlyReason.contains(QStringLiteral("newer")));
        QCOMPARE(item->name, QStringLiteral("From the future"));
        QVERIFY(!item->problem);

        SavedRequest edited = item->request;
        edited.request.url = QStringLiteral("http://edited/");
        const Result<SaveOutcome> saved = ws.saveRequest(newer, edited);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, QStringLiteral("read-only"));
        QVERIFY(!ws.rename(newer, QStringLiteral("Other")).ok());
        QVERIFY(!ws.reorder(newer, 0).ok());
        QCOMPARE(readFile(newer), bytes);
    }

    void brokenFileListedAndUntouched_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("line");
        QTest::newRow("syntax") << QStringLiteral("broken-syntax.yaml") << 3;
        QTest::newRow("structure") << QStringLiteral("broken-structure.yaml") << 4;
        QTest::newRow("not a patchbay file") << QStringLiteral("not-patchbay.yaml") << 1;
    }

    void brokenFileListedAndUntouched()
    {
        QFETCH(QString, source);
        QFETCH(int, line);
        Fixture f;
        QVERIFY(f.init());
        const QString broken = f.collection + QStringLiteral("/broken.yaml");
        QVERIFY(QFile::copy(sourceDir() + QStringLiteral("/tests/core/collections/data/") + source,
                            broken));
        const QByteArray bytes = readFile(broken);
        Workspace ws = Workspace::open(f.dir.path()).value();

        const QList<FileProblem> problems = ws.problems();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().path, broken);
        QCOMPARE(problems.first().line, line);
        QVERIFY(!problems.first().message.isEmpty());

        // The siblings loaded, and the broken file shows under its file name.
        const CollectionItem *collection = ws.item(f.collection);
        QCOMPARE(collection->children.size(), 5);
        QVERIFY(ws.item(f.a) && !ws.item(f.a)->problem);
        QVERIFY(ws.item(f.d));
        QCOMPARE(ws.item(broken)->name, QStringLiteral("broken"));

        // Nothing we do rewrites it.
        QVERIFY(!ws.saveRequest(broken, makeRequest(QStringLiteral("X"))).ok());
        QVERIFY(!ws.rename(broken, QStringLiteral("Y")).ok());
        QVERIFY(ws.reorder(f.c, 0).ok());
        QVERIFY(ws.reorder(f.a, 3).ok());
        QCOMPARE(readFile(broken), bytes);
    }

    void renameWritesNewFileAndRemovesOld()
    {
        Fixture f;
        QVERIFY(f.init());
        const QByteArray body = readFile(f.b);
        const Result<QString> renamed = f.ws.rename(f.b, QStringLiteral("Bravo Two"));
        QVERIFY(renamed.ok());
        QCOMPARE(QFileInfo(*renamed).fileName(), QStringLiteral("bravo-two.yaml"));
        QVERIFY(!QFileInfo::exists(f.b));
        const Result<SavedRequest> loaded = requestFromYaml(readFile(*renamed));
        QCOMPARE(loaded->name, QStringLiteral("Bravo Two"));
        QCOMPARE(loaded->request, requestFromYaml(body)->request);
        QVERIFY(!f.ws.item(f.b));
        QCOMPARE(f.ws.item(*renamed)->name, QStringLiteral("Bravo Two"));

        // Same slug: the file stays, only the name inside changes.
        const Result<QString> recased = f.ws.rename(*renamed, QStringLiteral("bravo two"));
        QCOMPARE(*recased, *renamed);
        QCOMPARE(requestFromYaml(readFile(*renamed))->name, QStringLiteral("bravo two"));

        // Folders: the name goes into folder.yaml and the directory follows.
        const Result<QString> folder = f.ws.rename(f.folder, QStringLiteral("Admin Tools"));
        QVERIFY(folder.ok());
        QCOMPARE(QFileInfo(*folder).fileName(), QStringLiteral("admin-tools"));
        QVERIFY(!QFileInfo::exists(f.folder));
        QCOMPARE(f.ws.item(*folder)->name, QStringLiteral("Admin Tools"));
        QCOMPARE(f.ws.item(*folder)->children.size(), 1);
        QVERIFY(f.ws.item(*folder + QStringLiteral("/d.yaml")));
        QCOMPARE(Workspace::open(f.dir.path())->collections(), f.ws.collections());
    }

    void moveBetweenFoldersAndCollections()
    {
        Fixture f;
        QVERIFY(f.init());
        const QString other = f.ws.createCollection(QStringLiteral("Other")).value();
        const QString target = f.ws.createFolder(other, QStringLiteral("Inbox")).value();
        const Request original = f.ws.item(f.a)->request.request;

        const Result<QString> moved = f.ws.move(f.a, target);
        QVERIFY(moved.ok());
        QVERIFY(!QFileInfo::exists(f.a));
        QCOMPARE(QFileInfo(*moved).path(), target);
        QCOMPARE(f.ws.item(*moved)->request.request, original);
        QVERIFY(!f.ws.item(f.a));

        // A folder moves with its content.
        const Result<QString> movedFolder = f.ws.move(f.folder, target);
        QVERIFY(movedFolder.ok());
        QVERIFY(!QFileInfo::exists(f.folder));
        QVERIFY(QFileInfo::exists(*movedFolder + QStringLiteral("/d.yaml")));
        QCOMPARE(childNames(*f.ws.item(target)),
                 QStringList({QStringLiteral("A"), QStringLiteral("Sub")}));

        // Not into itself.
        const Result<QString> loop = f.ws.move(target, *movedFolder);
        QVERIFY(!loop.ok());
        QCOMPARE(loop.error().code, QStringLiteral("invalid-move"));

        // A name clash in the target gets a unique file name.
        const QString clash
            = f.ws.createRequest(f.collection, makeRequest(QStringLiteral("A"))).value();
        const Result<QString> second = f.ws.move(clash, target);
        QVERIFY(second.ok());
        QCOMPARE(QFileInfo(*second).fileName(), QStringLiteral("a-2.yaml"));
        QCOMPARE(Workspace::open(f.dir.path())->collections(), f.ws.collections());
    }

    void duplicate()
    {
        Fixture f;
        QVERIFY(f.init());
        const Result<QString> copy = f.ws.duplicate(f.a);
        QVERIFY(copy.ok());
        QCOMPARE(f.ws.item(*copy)->name, QStringLiteral("A copy"));
        QCOMPARE(childNames(*f.ws.item(f.collection)),
                 QStringList({QStringLiteral("A"), QStringLiteral("A copy"), QStringLiteral("B"),
                              QStringLiteral("C"), QStringLiteral("Sub")}));

        const Result<QString> folderCopy = f.ws.duplicate(f.folder);
        QVERIFY(folderCopy.ok());
        QCOMPARE(f.ws.item(*folderCopy)->name, QStringLiteral("Sub copy"));
        QCOMPARE(childNames(*f.ws.item(*folderCopy)), QStringList({QStringLiteral("D")}));
        QCOMPARE(Workspace::open(f.dir.path())->collections(), f.ws.collections());
    }

    void deleteAndRestore_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("request") << QStringLiteral("request");
        QTest::newRow("folder") << QStringLiteral("folder");
        QTest::newRow("collection") << QStringLiteral("collection");
    }

    void deleteAndRestore()
    {
        QFETCH(QString, which);
        Fixture f;
        QVERIFY(f.init());
        QVERIFY(f.ws.createFolder(f.folder, QStringLiteral("Nested")).ok());
        QVERIFY(writeFile(f.folder + QStringLiteral("/notes.txt"), "not ours, kept anyway"));
        const QString path = which == QLatin1String("request") ? f.b
            : which == QLatin1String("folder")                 ? f.folder
                                                               : f.collection;
        const QMap<QString, QByteArray> before = snapshot(f.dir.path());
        const QList<CollectionItem> tree = f.ws.collections();

        const Result<DeletedItem> deleted = f.ws.remove(path);
        QVERIFY(deleted.ok());
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!f.ws.item(path));
        QVERIFY(snapshot(f.dir.path()) != before);

        const Result<QString> restored = f.ws.restore(*deleted);
        QVERIFY(restored.ok());
        QCOMPARE(*restored, path);
        QCOMPARE(snapshot(f.dir.path()), before);
        QCOMPARE(f.ws.collections(), tree);

        // Undoing twice is refused: something exists there now.
        const Result<QString> again = f.ws.restore(*deleted);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("exists"));
    }

    void restoreRefusesPathsOutsideWorkspace()
    {
        Fixture f;
        QVERIFY(f.init());
        DeletedItem evil;
        evil.kind = ItemKind::Folder;
        evil.path = f.collection + QStringLiteral("/evil");
        evil.files = {{QStringLiteral("../../escaped.yaml"), "x"}};
        QVERIFY(!f.ws.restore(evil).ok());
        QVERIFY(
            !QFileInfo::exists(QFileInfo(f.dir.path()).path() + QStringLiteral("/escaped.yaml")));
        evil.path = QStringLiteral("/tmp/outside-workspace");
        QVERIFY(!f.ws.restore(evil).ok());
    }

    void reorderWritesOnlyWhatChanges()
    {
        Fixture f;
        QVERIFY(f.init());
        // A, B, C, Sub with orders 1000..4000. Moving C first needs one file only.
        const FileId aBefore = fileId(f.a);
        const FileId bBefore = fileId(f.b);
        const Result<QStringList> first = f.ws.reorder(f.c, 0);
        QVERIFY(first.ok());
        QCOMPARE(*first, QStringList({f.c}));
        QCOMPARE(childNames(*f.ws.item(f.collection)),
                 QStringList({QStringLiteral("C"), QStringLiteral("A"), QStringLiteral("B"),
                              QStringLiteral("Sub")}));
        QCOMPARE(fileId(f.a), aBefore);
        QCOMPARE(fileId(f.b), bBefore);

        // Between two neighbours: halfway.
        const Result<QStringList> between = f.ws.reorder(f.folder, 1);
        QVERIFY(between.ok());
        QCOMPARE(*between, QStringList({f.folder}));
        QCOMPARE(childNames(*f.ws.item(f.collection)),
                 QStringList({QStringLiteral("C"), QStringLiteral("Sub"), QStringLiteral("A"),
                              QStringLiteral("B")}));

        // No room (keys 1, 2, 3): renumber, rewriting only the keys that change.
        QTemporaryDir dir;
        Workspace ws = Workspace::open(dir.path()).value();
        const QString col = ws.createCollection(QStringLiteral("Tight")).value();
        QStringList paths;
        for (int i = 1; i <= 4; ++i) {
            SavedRequest r = makeRequest(QStringLiteral("R%1").arg(i));
            r.order = i;
            paths << ws.createRequest(col, r).value();
        }
        const Result<QStringList> tight = ws.reorder(paths.at(3), 1);
        QVERIFY(tight.ok());
        QCOMPARE(childNames(*ws.item(col)),
                 QStringList({QStringLiteral("R1"), QStringLiteral("R4"), QStringLiteral("R2"),
                              QStringLiteral("R3")}));
        QCOMPARE(tight->size(), 4); // 1,4,2,3 → 1000,2000,3000,4000: every key changes
        const FileId r1 = fileId(paths.at(0));
        const Result<QStringList> again = ws.reorder(paths.at(3), 1);
        QVERIFY(again.ok());
        QVERIFY(again->isEmpty());
        QCOMPARE(fileId(paths.at(0)), r1);
        QCOMPARE(Workspace::open(dir.path())->collections(), ws.collections());
    }

    void fileNamesAreSafe_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("Get user") << QStringLiteral("get-user.yaml");
        QTest::newRow("traversal")
            << QStringLiteral("../../etc/passwd") << QStringLiteral("etc-passwd.yaml");
        QTest::newRow("slashes") << QStringLiteral("a/b\\c") << QStringLiteral("a-b-c.yaml");
        QTest::newRow("dots only") << QStringLiteral("..") << QStringLiteral("request.yaml");
        QTest::newRow("empty") << QString() << QStringLiteral("request.yaml");
        QTest::newRow("windows reserved") << QStringLiteral("CON") << QStringLiteral("con-1.yaml");
        QTest::newRow("reserved by patchbay")
            << QStringLiteral("collection") << QStringLiteral("collection-2.yaml");
        QTest::newRow("unicode") << QStringLiteral("Ünïcode Grüße")
                                 << QStringLiteral("ünïcode-grüße.yaml");
        QTest::newRow("emoji only") << QStringLiteral("🚀🚀") << QStringLiteral("request.yaml");
        QTest::newRow("long") << QString(200, u'x') << QString(64, u'x') + QStringLiteral(".yaml");
        QTest::newRow("hidden") << QStringLiteral(".hidden") << QStringLiteral("hidden.yaml");
    }

    void fileNamesAreSafe()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        Workspace ws = Workspace::open(dir.path()).value();
        const QString col = ws.createCollection(QStringLiteral("C")).value();
        const Result<QString> created = ws.createRequest(col, makeRequest(name));
        QVERIFY(created.ok());
        QCOMPARE(QFileInfo(*created).path(), col);
        QCOMPARE(QFileInfo(*created).fileName(), expected);
        QCOMPARE(ws.item(*created)->request.name, name);
        // A second request with the same name gets its own file.
        const Result<QString> twin = ws.createRequest(col, makeRequest(name));
        QVERIFY(twin.ok());
        QVERIFY(*twin != *created);
        QCOMPARE(QFileInfo(*twin).path(), col);
    }

    void reloadPicksUpExternalChanges()
    {
        Fixture f;
        QVERIFY(f.init());
        SavedRequest edited = f.ws.item(f.a)->request;
        edited.request.url = QStringLiteral("http://edited-by-git/");
        QVERIFY(writeFile(f.a, requestToYaml(edited)));
        QVERIFY(f.ws.reload(f.a).ok());
        QCOMPARE(f.ws.item(f.a)->request.request.url, QStringLiteral("http://edited-by-git/"));

        QVERIFY(QFile::remove(f.b));
        QVERIFY(f.ws.reload(f.b).ok());
        QVERIFY(!f.ws.item(f.b));

        const QString added = f.folder + QStringLiteral("/new.yaml");
        QVERIFY(writeFile(added, requestToYaml(makeRequest(QStringLiteral("New")))));
        QVERIFY(f.ws.reload(added).ok());
        QCOMPARE(f.ws.item(added)->name, QStringLiteral("New"));

        QVERIFY(writeFile(f.folder + QStringLiteral("/folder.yaml"),
                          "patchbay: 1\nname: Renamed outside\n"));
        QVERIFY(f.ws.reload(f.folder + QStringLiteral("/folder.yaml")).ok());
        QCOMPARE(f.ws.item(f.folder)->name, QStringLiteral("Renamed outside"));

        QVERIFY(writeFile(f.a, "patchbay: 1\nname: [broken\n"));
        QVERIFY(f.ws.reload(f.a).ok());
        QVERIFY(f.ws.item(f.a)->problem);
        QCOMPARE(Workspace::open(f.dir.path())->collections(), f.ws.collections());
    }

    void environmentsCreateAndSave()
    {
        Fixture f;
        QVERIFY(f.init());
        Environment env;
        env.name = QStringLiteral("Staging");
        env.variables
            = {{QStringLiteral("baseUrl"), QStringLiteral("https://staging"), true, false},
               {QStringLiteral("token"), QStringLiteral("s3cret-value"), true, true}};
        const Result<QString> path = f.ws.createEnvironment(f.collection, env);
        QVERIFY(path.ok());
        QCOMPARE(*path, f.collection + QStringLiteral("/environments/staging.yaml"));
        QVERIFY(!readFile(*path).contains("s3cret-value"));
        const Workspace reopened = Workspace::open(f.dir.path()).value();
        const EnvironmentItem *loaded = reopened.environment(*path);
        QVERIFY(loaded);
        QCOMPARE(loaded->environment.variables.at(1).secret, true);
        QVERIFY(loaded->environment.variables.at(1).value.isEmpty());
        QCOMPARE(*f.ws.saveEnvironment(*path, loaded->environment), SaveOutcome::Unchanged);
    }

    void scopesFollowFolders()
    {
        Fixture f;
        QVERIFY(f.init());
        CollectionInfo info = f.ws.item(f.collection)->collection;
        info.variables = {{QStringLiteral("who"), QStringLiteral("collection"), true, false},
                          {QStringLiteral("onlyCollection"), QStringLiteral("c"), true, false}};
        QVERIFY(f.ws.saveCollection(f.collection, info).ok());
        FolderInfo folder = f.ws.item(f.folder)->folder;
        folder.variables = {{QStringLiteral("who"), QStringLiteral("folder"), true, false}};
        QVERIFY(f.ws.saveFolder(f.folder, folder).ok());

        const QList<VariableScope> scopes = f.ws.scopesFor(f.d);
        QCOMPARE(scopes.size(), 2);
        QCOMPARE(scopes.at(0).kind, ScopeKind::Folder);
        QCOMPARE(scopes.at(1).kind, ScopeKind::Collection);
        const VariableContext context(scopes);
        QCOMPARE(context.lookup(u"who")->value, QStringLiteral("folder"));
        QCOMPARE(context.lookup(u"onlyCollection")->value, QStringLiteral("c"));
        QCOMPARE(VariableContext(f.ws.scopesFor(f.a)).lookup(u"who")->value,
                 QStringLiteral("collection"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
