#include "core/collections/collectionformat.h"
#include "core/collections/savefileleftovers.h"
#include "core/collections/workspace.h"
#include "tests/support/testfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Patchbay::Core;
using namespace Patchbay::Test;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("PATCHBAY_SOURCE_DIR");
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

// A folder of collections beside a workspace, written by another Workspace: "Alpha" holding
// request R and folder F, and "Beta" with nothing in it.
struct OtherFolder
{
    QTemporaryDir dir;
    QString alpha, beta, r, f;

    explicit OtherFolder(const QString &templatePath = {})
        : dir(templatePath.isEmpty() ? QDir::tempPath() + QStringLiteral("/tst_workspace-XXXXXX")
                                     : templatePath)
    { }

    bool init()
    {
        if (!dir.isValid())
            return false;
        Workspace other = Workspace::open(dir.path()).value();
        alpha = other.createCollection(QStringLiteral("Alpha")).value();
        beta = other.createCollection(QStringLiteral("Beta")).value();
        r = other.createRequest(alpha, makeRequest(QStringLiteral("R"))).value();
        f = other.createFolder(alpha, QStringLiteral("F")).value();
        return other.createRequest(f, makeRequest(QStringLiteral("Inside"))).ok();
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
        // {{$sandboxUrl}}: the window (or patchbay-cli run) gives its sandbox's address.
        scopes.append({ScopeKind::Globals,
                       QString(),
                       {{QStringLiteral("$sandboxUrl"), QStringLiteral("http://127.0.0.1:3000")}}});
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

    // An import's staging workspace remembers the names in each folder instead of reading the
    // folder for every new request (setExclusive): names stay unique, case-insensitively
    // against its own, and a file that appeared behind its back (which the contract rules out)
    // is still never overwritten.
    void exclusiveWorkspaceKeepsNamesUnique()
    {
        Fixture f;
        QVERIFY(f.init());
        f.ws.setExclusive(true);
        const QString a2
            = f.ws.createRequest(f.collection, makeRequest(QStringLiteral("a"))).value();
        QCOMPARE(QFileInfo(a2).fileName(), QStringLiteral("a-2.yaml"));
        QFile intruder(f.collection + QStringLiteral("/a-3.yaml"));
        QVERIFY(intruder.open(QIODevice::WriteOnly));
        intruder.write("not ours");
        intruder.close();
        const QString a4
            = f.ws.createRequest(f.collection, makeRequest(QStringLiteral("A"))).value();
        QCOMPARE(QFileInfo(a4).fileName(), QStringLiteral("a-4.yaml"));
        QVERIFY(intruder.open(QIODevice::ReadOnly));
        QCOMPARE(intruder.readAll(), QByteArray("not ours"));
        const QString sub2 = f.ws.createFolder(f.collection, QStringLiteral("Sub")).value();
        QCOMPARE(QFileInfo(sub2).fileName(), QStringLiteral("sub-2"));
    }

    // A save killed between QSaveFile's write and its rename left "NAME.yaml.XXXXXX" beside
    // the file, and nothing removed it. Only such names, older than this process, go.
    void openRemovesStaleSaveFiles()
    {
        Fixture f;
        QVERIFY(f.init());
        const QString col = f.collection;
        // The name QSaveFile gives a named temporary file. Where the file system supports
        // O_TMPFILE (tmpfs here) Qt 6 writes an unnamed one, which a kill cannot leave behind;
        // the kill loop (docs/RELIABILITY.md) saw named ones on the workspace's file system.
        {
            QSaveFile save(col + QStringLiteral("/probe.yaml"));
            QVERIFY(save.open(QIODevice::WriteOnly));
            save.write("x");
            const QStringList temps
                = QDir(col).entryList({QStringLiteral("probe.yaml.*")}, QDir::Files | QDir::Hidden);
            QVERIFY(temps.size() <= 1);
            if (!temps.isEmpty())
                QVERIFY2(isSaveFileLeftoverName(temps.constFirst()),
                         qPrintable(temps.constFirst()));
            save.cancelWriting();
        }
        QVERIFY(QDir(col).mkpath(QStringLiteral("Sub")));
        const qsizetype children = Workspace::open(f.dir.path())->item(col)->children.size();
        const QDateTime old = processStartTime().addSecs(-3600);
        const auto make = [](const QString &path, const QDateTime &modified) {
            QFile file(path);
            // Flushed first: the write would otherwise set the time again when the file closes.
            return file.open(QIODevice::WriteOnly) && file.write("half a save") > 0 && file.flush()
                && file.setFileTime(modified, QFileDevice::FileModificationTime);
        };
        QVERIFY(make(col + QStringLiteral("/a.yaml.Ab12Cd"), old));
        QVERIFY(make(col + QStringLiteral("/Sub/folder.yaml.x9Y8z7"), old));
        // Kept: newer than this process (another process may be saving), other names, hidden
        // folders, symlinks and what they point to.
        QVERIFY(make(col + QStringLiteral("/b.yaml.Xy34Zw"), QDateTime::currentDateTimeUtc()));
        QVERIFY(make(col + QStringLiteral("/c.yaml.bak"), old));
        QVERIFY(make(col + QStringLiteral("/notes.txt.Ab12Cd"), old));
        QVERIFY(make(col + QStringLiteral("/.yaml.Ab12Cd"), old));
        QVERIFY(QDir(col).mkpath(QStringLiteral(".git")));
        QVERIFY(make(col + QStringLiteral("/.git/d.yaml.Ab12Cd"), old));
        QTemporaryDir outside;
        QVERIFY(make(outside.filePath(QStringLiteral("e.yaml.Ab12Cd")), old));
        QVERIFY(QFile::link(outside.filePath(QStringLiteral("e.yaml.Ab12Cd")),
                            col + QStringLiteral("/e.yaml.Ab12Cd")));

        const Result<Workspace> opened = Workspace::open(f.dir.path());
        QVERIFY(opened.ok());
        QVERIFY(!QFile::exists(col + QStringLiteral("/a.yaml.Ab12Cd")));
        QVERIFY(!QFile::exists(col + QStringLiteral("/Sub/folder.yaml.x9Y8z7")));
        for (const QString &kept :
             {QStringLiteral("b.yaml.Xy34Zw"), QStringLiteral("c.yaml.bak"),
              QStringLiteral("notes.txt.Ab12Cd"), QStringLiteral(".yaml.Ab12Cd"),
              QStringLiteral(".git/d.yaml.Ab12Cd"), QStringLiteral("e.yaml.Ab12Cd")})
            QVERIFY2(QFileInfo::exists(col + u'/' + kept), qPrintable(kept));
        QVERIFY(QFileInfo::exists(outside.filePath(QStringLiteral("e.yaml.Ab12Cd"))));
        // The collection itself is untouched.
        QCOMPARE(opened->item(col)->children.size(), children);
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
        QVERIFY(!collection->collection->id.isEmpty());
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

    // A file or collection that links out of the workspace (or an opened folder) is not read:
    // it shows as a problem that names the link, never its target's content.
    void linksOutOfTheWorkspaceAreNotFollowed()
    {
        Fixture f;
        QVERIFY(f.init());
        QTemporaryDir outside;
        QVERIFY(outside.isValid());
        const QString secret = outside.filePath(QStringLiteral("passwd"));
        QVERIFY(writeFile(secret, "root:x:0:0:root:/root:/bin/bash\n"));
        const QString link = f.collection + QStringLiteral("/passwd.yaml");
        QVERIFY(QFile::link(secret, link));
        // An outside file that would even parse as a request.
        const QString request = outside.filePath(QStringLiteral("request.yaml"));
        QVERIFY(writeFile(request, requestToYaml(makeRequest(QStringLiteral("Outside")))));
        QVERIFY(QFile::link(request, f.folder + QStringLiteral("/outside.yaml")));
        // A link inside the collection is fine.
        QVERIFY(QFile::link(f.a, f.collection + QStringLiteral("/alias.yaml")));
        // A whole collection linked in from outside.
        OtherFolder other;
        QVERIFY(other.init());
        QVERIFY(QFile::link(other.alpha, f.dir.path() + QStringLiteral("/linked-alpha")));
        // A FIFO would block a reader forever.
        QCOMPARE(mkfifo(QFile::encodeName(f.collection + QStringLiteral("/pipe.yaml")).constData(),
                        0600),
                 0);

        Workspace ws = Workspace::open(f.dir.path()).value();
        QStringList codes;
        for (const FileProblem &p : ws.problems()) {
            codes << p.path.section(u'/', -1) + u'=' + p.code;
            QVERIFY2(!p.message.contains(QLatin1String("root:x")), qPrintable(p.message));
        }
        codes.sort();
        QCOMPARE(codes,
                 (QStringList {QStringLiteral("outside.yaml=link-outside"),
                               QStringLiteral("passwd.yaml=link-outside")}));
        QVERIFY(!ws.item(f.collection + QStringLiteral("/pipe.yaml"))); // not a file: skipped
        QVERIFY(ws.item(f.collection + QStringLiteral("/alias.yaml"))
                && !ws.item(f.collection + QStringLiteral("/alias.yaml"))->problem);
        QCOMPARE(ws.collections().size(), 1);
        for (const CollectionItem &c : ws.collections())
            QVERIFY(c.path != f.dir.path() + QStringLiteral("/linked-alpha"));

        // Reloading the links after a watcher event reads nothing either.
        QVERIFY(ws.reload(link).ok());
        QCOMPARE(ws.item(link)->problem->code, QStringLiteral("link-outside"));
        QVERIFY(ws.reload(f.dir.path() + QStringLiteral("/linked-alpha")).ok());
        QCOMPARE(ws.collections().size(), 1);

        // The same under a folder opened beside the workspace.
        OtherFolder opened;
        QVERIFY(opened.init());
        QVERIFY(QFile::link(secret, opened.alpha + QStringLiteral("/passwd.yaml")));
        QVERIFY(ws.addFolder(opened.dir.path()).ok());
        QCOMPARE(ws.item(opened.alpha + QStringLiteral("/passwd.yaml"))->problem->code,
                 QStringLiteral("link-outside"));
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

    void addFolderOfCollections()
    {
        Fixture f;
        QVERIFY(f.init());
        OtherFolder other;
        QVERIFY(other.init());
        // Parse problems and newer files are handled exactly as under the root.
        const QString broken = other.alpha + QStringLiteral("/broken.yaml");
        QVERIFY(writeFile(broken, "patchbay: 1\nname: [broken\n"));
        const QString newer = other.beta + QStringLiteral("/future.yaml");
        QVERIFY(QFile::copy(sourceDir()
                                + QStringLiteral("/tests/core/collections/data/newer-version.yaml"),
                            newer));
        const QMap<QString, QByteArray> before = snapshot(other.dir.path());

        f.ws.takeTouchedPaths();
        const Result<QStringList> added = f.ws.addFolder(other.dir.path() + QStringLiteral("/"));
        QVERIFY2(added.ok(), added.ok() ? "" : qPrintable(added.error().message));
        QCOMPARE(*added, QStringList({other.alpha, other.beta}));
        QCOMPARE(f.ws.extraFolders(), QStringList({other.dir.path()}));
        QCOMPARE(f.ws.roots(), QStringList({f.dir.path(), other.dir.path()}));
        QCOMPARE(f.ws.rootOf(other.r), other.dir.path());
        QCOMPARE(f.ws.rootOf(f.a), f.dir.path());
        QCOMPARE(f.ws.rootOf(QStringLiteral("/elsewhere/x.yaml")), QString());

        // The root's collections first, then the opened folder's, each group by name.
        QStringList names;
        for (const CollectionItem &c : f.ws.collections())
            names << c.name;
        QCOMPARE(
            names,
            QStringList({QStringLiteral("Main"), QStringLiteral("Alpha"), QStringLiteral("Beta")}));
        QCOMPARE(childNames(*f.ws.item(other.alpha)),
                 QStringList({QStringLiteral("broken"), QStringLiteral("R"), QStringLiteral("F")}));
        QCOMPARE(f.ws.item(other.f + QStringLiteral("/inside.yaml"))->name,
                 QStringLiteral("Inside"));
        QCOMPARE(f.ws.problems().size(), 1);
        QCOMPARE(f.ws.problems().first().path, broken);
        QVERIFY(f.ws.item(newer)->readOnly);
        QCOMPARE(snapshot(other.dir.path()), before); // opening writes nothing

        // Saves go back to the opened folder, and the touched paths name them.
        QVERIFY(f.ws.takeTouchedPaths().isEmpty());
        SavedRequest edited = f.ws.item(other.r)->request;
        edited.request.url = QStringLiteral("http://edited/");
        QCOMPARE(f.ws.saveRequest(other.r, edited).value(), SaveOutcome::Written);
        QCOMPARE(f.ws.takeTouchedPaths(), QStringList({other.r}));
        QCOMPARE(Workspace::open(other.dir.path())->item(other.r)->request.request.url,
                 QStringLiteral("http://edited/"));
        QVERIFY(!f.ws.saveRequest(newer, edited).ok());

        // Variables of its collections apply to its requests.
        CollectionInfo info = f.ws.item(other.alpha)->collection;
        info.variables = {{QStringLiteral("where"), QStringLiteral("alpha"), true, false}};
        QVERIFY(f.ws.saveCollection(other.alpha, info).ok());
        QCOMPARE(VariableContext(f.ws.scopesFor(other.r)).lookup(u"where")->value,
                 QStringLiteral("alpha"));

        // New collections still go to the root; globals stay there.
        const Result<QString> created = f.ws.createCollection(QStringLiteral("Zeta"));
        QVERIFY(created.ok());
        QCOMPARE(QFileInfo(*created).path(), f.dir.path());
        QCOMPARE(f.ws.collections().at(1).path, *created);
        QCOMPARE(f.ws.globalsPath(), f.dir.path() + QStringLiteral("/globals.yaml"));
    }

    void addFolderThatIsACollection()
    {
        Fixture f;
        QVERIFY(f.init());
        OtherFolder other;
        QVERIFY(other.init());

        const Result<QStringList> added = f.ws.addFolder(other.alpha);
        QVERIFY(added.ok());
        QCOMPARE(*added, QStringList({other.alpha}));
        QCOMPARE(f.ws.collections().size(), 2);
        QVERIFY(!f.ws.item(other.beta)); // its sibling was not opened
        QCOMPARE(f.ws.rootOf(other.alpha), other.alpha);
        QCOMPARE(f.ws.rootOf(other.r), other.alpha);

        // Renaming keeps the folder the user opened; only the name inside changes.
        const Result<QString> renamed = f.ws.rename(other.alpha, QStringLiteral("Renamed"));
        QVERIFY(renamed.ok());
        QCOMPARE(*renamed, other.alpha);
        QCOMPARE(f.ws.item(other.alpha)->name, QStringLiteral("Renamed"));

        // Its copy goes to the root, not beside it outside every open folder.
        const Result<QString> copy = f.ws.duplicate(other.alpha);
        QVERIFY(copy.ok());
        QCOMPARE(QFileInfo(*copy).path(), f.dir.path());
        QVERIFY(QFileInfo::exists(*copy + QStringLiteral("/r.yaml")));

        // An external edit of its collection.yaml and of a request reloads.
        QVERIFY(writeFile(other.alpha + QStringLiteral("/collection.yaml"),
                          "patchbay: 1\nname: Edited outside\n"));
        QVERIFY(f.ws.reload(other.alpha + QStringLiteral("/collection.yaml")).ok());
        QCOMPARE(f.ws.item(other.alpha)->name, QStringLiteral("Edited outside"));
        const QString added2 = other.alpha + QStringLiteral("/new.yaml");
        QVERIFY(writeFile(added2, requestToYaml(makeRequest(QStringLiteral("New")))));
        QVERIFY(f.ws.reload(added2).ok());
        QCOMPARE(f.ws.item(added2)->name, QStringLiteral("New"));

        // Deleted and undone: the opened folder itself comes back.
        const Result<DeletedItem> deleted = f.ws.remove(other.alpha);
        QVERIFY(deleted.ok());
        QVERIFY(!f.ws.item(other.alpha));
        QVERIFY(f.ws.restore(*deleted).ok());
        QVERIFY(f.ws.item(other.alpha));
        QCOMPARE(f.ws.item(added2)->name, QStringLiteral("New"));
    }

    void addFolderRefuses_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("code");
        QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("not-found");
        QTest::newRow("empty path") << QStringLiteral("empty") << QStringLiteral("not-found");
        QTest::newRow("a file") << QStringLiteral("file") << QStringLiteral("not-a-directory");
        QTest::newRow("no collections")
            << QStringLiteral("no-collections") << QStringLiteral("no-collections");
        QTest::newRow("the workspace root")
            << QStringLiteral("root") << QStringLiteral("already-open");
        QTest::newRow("a collection of the root")
            << QStringLiteral("inside-root") << QStringLiteral("already-open");
        QTest::newRow("around the root")
            << QStringLiteral("around-root") << QStringLiteral("overlaps");
        QTest::newRow("open already") << QStringLiteral("again") << QStringLiteral("already-open");
        QTest::newRow("inside an open folder")
            << QStringLiteral("inside-open") << QStringLiteral("already-open");
        QTest::newRow("through a symlink")
            << QStringLiteral("symlink") << QStringLiteral("already-open");
    }

    void addFolderRefuses()
    {
        QFETCH(QString, which);
        QFETCH(QString, code);
        QTemporaryDir outer;
        QVERIFY(outer.isValid());
        const QString rootPath = outer.filePath(QStringLiteral("root"));
        QVERIFY(QDir().mkpath(rootPath));
        Workspace ws = Workspace::open(rootPath).value();
        const QString main = ws.createCollection(QStringLiteral("Main")).value();
        const QString otherPath = outer.filePath(QStringLiteral("other"));
        QVERIFY(QDir().mkpath(otherPath));
        Workspace other = Workspace::open(otherPath).value();
        const QString otherCollection = other.createCollection(QStringLiteral("O")).value();
        QVERIFY(ws.addFolder(otherPath).ok());
        const QList<CollectionItem> tree = ws.collections();

        QString path;
        if (which == QLatin1String("missing")) {
            path = outer.filePath(QStringLiteral("nowhere"));
        } else if (which == QLatin1String("file")) {
            path = outer.filePath(QStringLiteral("file.yaml"));
            QVERIFY(writeFile(path, "patchbay: 1\n"));
        } else if (which == QLatin1String("no-collections")) {
            path = outer.filePath(QStringLiteral("plain"));
            QVERIFY(writeFile(path + QStringLiteral("/sub/request.yaml"), "patchbay: 1\n"));
        } else if (which == QLatin1String("root")) {
            path = rootPath;
        } else if (which == QLatin1String("inside-root")) {
            path = main;
        } else if (which == QLatin1String("around-root")) {
            path = outer.path();
        } else if (which == QLatin1String("again")) {
            path = otherPath + QStringLiteral("/../other");
        } else if (which == QLatin1String("inside-open")) {
            path = otherCollection;
        } else if (which == QLatin1String("symlink")) {
            path = outer.filePath(QStringLiteral("link"));
            QVERIFY(QFile::link(otherPath, path));
        }
        const Result<QStringList> added = ws.addFolder(path);
        QVERIFY(!added.ok());
        QCOMPARE(added.error().code, code);
        QVERIFY2(added.error().message.contains(QStringLiteral("Choose"))
                     || added.error().message.contains(QStringLiteral("open")),
                 qPrintable(added.error().message));
        QCOMPARE(ws.collections(), tree);
        QCOMPARE(ws.extraFolders(), QStringList({otherPath}));
    }

    void removeFolderClosesWithoutTouchingFiles()
    {
        Fixture f;
        QVERIFY(f.init());
        OtherFolder other;
        QVERIFY(other.init());
        const QList<CollectionItem> tree = f.ws.collections();
        QVERIFY(f.ws.addFolder(other.dir.path()).ok());
        const QMap<QString, QByteArray> before = snapshot(other.dir.path());

        QVERIFY(!f.ws.removeFolder(f.dir.path())); // the root is not closed this way
        QVERIFY(!f.ws.removeFolder(other.alpha));
        QVERIFY(f.ws.removeFolder(other.dir.path()));
        QCOMPARE(f.ws.collections(), tree);
        QVERIFY(!f.ws.item(other.r));
        QVERIFY(f.ws.extraFolders().isEmpty());
        QCOMPARE(snapshot(other.dir.path()), before);
        QVERIFY(!f.ws.reload(other.r).ok()); // outside the workspace again
        QVERIFY(!f.ws.removeFolder(other.dir.path()));

        // And it opens again.
        QVERIFY(f.ws.addFolder(other.dir.path()).ok());
        QVERIFY(f.ws.item(other.r));
    }

    void reloadUnderOpenedFolder()
    {
        Fixture f;
        QVERIFY(f.init());
        OtherFolder other;
        QVERIFY(other.init());
        QVERIFY(f.ws.addFolder(other.dir.path()).ok());

        SavedRequest edited = f.ws.item(other.r)->request;
        edited.request.url = QStringLiteral("http://edited-by-git/");
        QVERIFY(writeFile(other.r, requestToYaml(edited)));
        QVERIFY(f.ws.reload(other.r).ok());
        QCOMPARE(f.ws.item(other.r)->request.request.url, QStringLiteral("http://edited-by-git/"));

        QVERIFY(writeFile(other.r, "patchbay: 1\nname: [broken\n"));
        QVERIFY(f.ws.reload(other.r).ok());
        QCOMPARE(f.ws.problems().size(), 1);
        QCOMPARE(f.ws.problems().first().path, other.r);

        // A collection added next to the opened ones appears; one removed goes.
        Workspace elsewhere = Workspace::open(other.dir.path()).value();
        const QString gamma = elsewhere.createCollection(QStringLiteral("Gamma")).value();
        QVERIFY(f.ws.reload(gamma).ok());
        QCOMPARE(f.ws.item(gamma)->name, QStringLiteral("Gamma"));
        QCOMPARE(f.ws.rootOf(gamma), other.dir.path());
        QVERIFY(QDir(other.beta).removeRecursively());
        QVERIFY(f.ws.reload(other.beta).ok());
        QVERIFY(!f.ws.item(other.beta));

        const QString env = other.alpha + QStringLiteral("/environments/dev.yaml");
        Environment dev;
        dev.name = QStringLiteral("Dev");
        QVERIFY(writeFile(env, environmentToYaml(dev)));
        QVERIFY(f.ws.reload(env).ok());
        QVERIFY(f.ws.environment(env));

        QVERIFY(!f.ws.addFolder(other.dir.path()).ok()); // open already
        Workspace reopened = Workspace::open(f.dir.path()).value();
        QVERIFY(reopened.addFolder(other.dir.path()).ok());
        QCOMPARE(reopened.collections(), f.ws.collections());
    }

    void moveBetweenRoots_data()
    {
        QTest::addColumn<QString>("otherTemplate");
        QTest::newRow("same file system") << QString();
        // tmpfs: rename(2) fails across file systems, so folders are copied, then removed.
        QTest::newRow("other file system") << QStringLiteral("/dev/shm/tst_workspace-XXXXXX");
    }

    void moveBetweenRoots()
    {
        QFETCH(QString, otherTemplate);
        if (!otherTemplate.isEmpty() && !QFileInfo(QStringLiteral("/dev/shm")).isWritable())
            QSKIP("no writable /dev/shm for a second file system");
        Fixture f;
        QVERIFY(f.init());
        OtherFolder other(otherTemplate);
        QVERIFY(other.init());
        QVERIFY(f.ws.addFolder(other.dir.path()).ok());
        f.ws.takeTouchedPaths();
        const Request original = f.ws.item(f.a)->request.request;

        const Result<QString> moved = f.ws.move(f.a, other.beta);
        QVERIFY2(moved.ok(), moved.ok() ? "" : qPrintable(moved.error().message));
        QCOMPARE(QFileInfo(*moved).path(), other.beta);
        QVERIFY(!QFileInfo::exists(f.a));
        QCOMPARE(f.ws.item(*moved)->request.request, original);
        QVERIFY(!f.ws.item(f.a));
        QCOMPARE(f.ws.takeTouchedPaths(), QStringList({f.a, *moved}));

        const Result<QString> movedFolder = f.ws.move(f.folder, other.beta);
        QVERIFY2(movedFolder.ok(), movedFolder.ok() ? "" : qPrintable(movedFolder.error().message));
        QVERIFY(!QFileInfo::exists(f.folder));
        QVERIFY(QFileInfo::exists(*movedFolder + QStringLiteral("/d.yaml")));
        QCOMPARE(childNames(*f.ws.item(other.beta)),
                 QStringList({QStringLiteral("A"), QStringLiteral("Sub")}));

        // And back, from the opened folder into the root's collection.
        const Result<QString> back = f.ws.move(other.r, f.collection);
        QVERIFY(back.ok());
        QVERIFY(!QFileInfo::exists(other.r));
        QCOMPARE(QFileInfo(*back).path(), f.collection);

        Workspace reopened = Workspace::open(f.dir.path()).value();
        QVERIFY(reopened.addFolder(other.dir.path()).ok());
        QCOMPARE(reopened.collections(), f.ws.collections());
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
