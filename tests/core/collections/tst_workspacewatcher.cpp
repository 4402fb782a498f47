#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/collections/workspacewatcher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace Patchbay::Core;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes,
               QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile f(path);
    return f.open(mode) && f.write(bytes) == bytes.size();
}

QStringList allReported(const QSignalSpy &spy)
{
    QStringList paths;
    for (const QList<QVariant> &args : spy)
        paths += args.at(0).toStringList();
    return paths;
}

} // namespace

class TestWorkspaceWatcher final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        Workspace ws = Workspace::open(m_dir->path()).value();
        m_collection = ws.createCollection(QStringLiteral("Watched")).value();
        m_folder = ws.createFolder(m_collection, QStringLiteral("Folder")).value();
        SavedRequest r;
        r.name = QStringLiteral("One");
        m_request = ws.createRequest(m_folder, r).value();
        r.name = QStringLiteral("Two");
        m_other = ws.createRequest(m_collection, r).value();
    }

    void reportsExternalChanges_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("in-place edit") << QStringLiteral("append");
        QTest::newRow("atomic replace (git, editors)") << QStringLiteral("replace");
        QTest::newRow("new file") << QStringLiteral("create");
        QTest::newRow("deleted file") << QStringLiteral("delete");
        QTest::newRow("new folder") << QStringLiteral("mkdir");
    }

    void reportsExternalChanges()
    {
        QFETCH(QString, kind);
        WorkspaceWatcher watcher(m_dir->path());
        QVERIFY(watcher.watchesAllFiles());
        watcher.setDebounceInterval(50);
        QSignalSpy spy(&watcher, &WorkspaceWatcher::changed);
        QString expected = m_request;
        if (kind == QLatin1String("append")) {
            QVERIFY(writeFile(m_request, "description: edited\n", QIODevice::Append));
        } else if (kind == QLatin1String("replace")) {
            const QString temp = m_folder + QStringLiteral("/.one.yaml.swp");
            QVERIFY(writeFile(temp, "patchbay: 1\nname: Replaced\n"));
            QVERIFY(::rename(QFile::encodeName(temp).constData(),
                             QFile::encodeName(m_request).constData())
                    == 0);
        } else if (kind == QLatin1String("create")) {
            expected = m_folder + QStringLiteral("/three.yaml");
            QVERIFY(writeFile(expected, "patchbay: 1\nname: Three\n"));
        } else if (kind == QLatin1String("delete")) {
            QVERIFY(QFile::remove(m_request));
        } else {
            expected = m_collection + QStringLiteral("/new-folder");
            QVERIFY(QDir().mkdir(expected));
        }
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(expected));
        QVERIFY(!allReported(spy).contains(m_other));
    }

    // Debounced: a burst of writes (git checkout) arrives as one report.
    void burstIsDebounced()
    {
        WorkspaceWatcher watcher(m_dir->path());
        watcher.setDebounceInterval(300);
        QSignalSpy spy(&watcher, &WorkspaceWatcher::changed);
        for (int i = 0; i < 20; ++i)
            QVERIFY(writeFile(m_request,
                              QByteArray("patchbay: 1\nname: N") + QByteArray::number(i) + '\n'));
        QVERIFY(writeFile(m_other, "patchbay: 1\nname: Other\n"));
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.size(), 1);
        const QStringList paths = spy.first().at(0).toStringList();
        QVERIFY(paths.contains(m_request));
        QVERIFY(paths.contains(m_other));
    }

    // Patchbay's own changes, acknowledged, are not reported; a later external edit still is.
    void ownWritesAcknowledged()
    {
        WorkspaceWatcher watcher(m_dir->path());
        watcher.setDebounceInterval(50);
        QSignalSpy spy(&watcher, &WorkspaceWatcher::changed);
        Workspace ws = Workspace::open(m_dir->path()).value();
        SavedRequest edited = ws.item(m_other)->request;
        edited.request.url = QStringLiteral("http://own-save/");
        QVERIFY(ws.saveRequest(m_other, edited).ok());
        const QString renamed = ws.rename(m_other, QStringLiteral("Two renamed")).value();
        const QString folder = ws.createFolder(m_collection, QStringLiteral("New folder")).value();
        SavedRequest fresh;
        fresh.name = QStringLiteral("Fresh");
        const QString freshPath = ws.createRequest(folder, fresh).value();
        QVERIFY(ws.move(renamed, folder).ok());
        QVERIFY(ws.remove(freshPath).ok());
        QVERIFY(ws.reorder(m_folder, 5).ok());
        const QStringList touched = ws.takeTouchedPaths();
        QVERIFY(touched.contains(renamed));
        QVERIFY(touched.contains(folder));
        QVERIFY(ws.takeTouchedPaths().isEmpty());
        for (const QString &path : touched)
            watcher.acknowledge(path);

        QVERIFY(writeFile(m_request, "description: external\n", QIODevice::Append));
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(m_request));
        QCOMPARE(allReported(spy), QStringList {m_request});
    }

    // A new tree of ours (an import renamed into place) is read by a worker: once it is watched,
    // nothing of ours is reported, and an outside edit deep inside it is.
    void acknowledgedTreeIsWatched()
    {
        WorkspaceWatcher watcher(m_dir->path());
        watcher.setDebounceInterval(50);
        QSignalSpy spy(&watcher, &WorkspaceWatcher::changed);
        QSignalSpy watched(&watcher, &WorkspaceWatcher::treeAcknowledged);
        Workspace ws = Workspace::open(m_dir->path()).value();
        const QString imported = ws.createCollection(QStringLiteral("Imported")).value();
        const QString inner = ws.createFolder(imported, QStringLiteral("Inner")).value();
        QStringList requests;
        for (int i = 0; i < 30; ++i) {
            SavedRequest r;
            r.name = QStringLiteral("Request %1").arg(i);
            requests << ws.createRequest(inner, r).value();
        }
        watcher.acknowledge(imported); // as Workspace::adoptCollection notes it
        QVERIFY(watched.wait(5000));
        QCOMPARE(watched.first().at(0).toString(), imported);

        QVERIFY(writeFile(requests.at(17), "description: external\n", QIODevice::Append));
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(requests.at(17)));
        QCOMPARE(allReported(spy), QStringList {requests.at(17)});
    }

    // Past the file limit, directories still report replaced files, and in-place edits are
    // reported for the files asked for.
    void fileLimitKeepsDirectoriesAndAskedFiles()
    {
        WorkspaceWatcher watcher(m_dir->path(), nullptr, 1);
        QVERIFY(!watcher.watchesAllFiles());
        watcher.setDebounceInterval(50);
        watcher.watchFile(m_request);
        QSignalSpy spy(&watcher, &WorkspaceWatcher::changed);
        QVERIFY(writeFile(m_request, "description: in place\n", QIODevice::Append));
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(m_request));

        spy.clear();
        const QString temp = m_collection + QStringLiteral("/.two.yaml.tmp");
        QVERIFY(writeFile(temp, "patchbay: 1\nname: Replaced two\n"));
        QVERIFY(
            ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(m_other).constData())
            == 0);
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(m_other));
    }

    // The report is what Workspace::reload needs to bring the tree up to date.
    void reportedPathsReload()
    {
        Workspace ws = Workspace::open(m_dir->path()).value();
        WorkspaceWatcher watcher(m_dir->path());
        watcher.setDebounceInterval(50);
        QSignalSpy spy(&watcher, &WorkspaceWatcher::changed);
        SavedRequest changed = ws.item(m_request)->request;
        changed.request.url = QStringLiteral("http://changed-by-git/");
        QVERIFY(writeFile(m_request, requestToYaml(changed)));
        QVERIFY(spy.wait(5000));
        for (const QString &path : allReported(spy))
            QVERIFY(ws.reload(path).ok());
        QCOMPARE(ws.item(m_request)->request.request.url, QStringLiteral("http://changed-by-git/"));
    }

    // A folder opened beside the workspace is watched as its own root until removed; the
    // report reloads it into the workspace that opened it.
    void extraRootsAreWatchedUntilRemoved()
    {
        QTemporaryDir extra;
        QVERIFY(extra.isValid());
        Workspace other = Workspace::open(extra.path()).value();
        const QString collection = other.createCollection(QStringLiteral("Extra")).value();
        SavedRequest r;
        r.name = QStringLiteral("Far");
        const QString far = other.createRequest(collection, r).value();

        Workspace ws = Workspace::open(m_dir->path()).value();
        QVERIFY(ws.addFolder(extra.path()).ok());
        WorkspaceWatcher watcher(m_dir->path());
        watcher.setDebounceInterval(50);
        watcher.addRoot(extra.path());
        watcher.addRoot(extra.path() + QStringLiteral("/")); // once is enough
        QCOMPARE(watcher.roots(), QStringList({m_dir->path(), extra.path()}));
        QSignalSpy spy(&watcher, &WorkspaceWatcher::changed);

        SavedRequest changed = ws.item(far)->request;
        changed.request.url = QStringLiteral("http://changed-far-away/");
        QVERIFY(writeFile(far, requestToYaml(changed)));
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(far));
        for (const QString &path : allReported(spy))
            QVERIFY(ws.reload(path).ok());
        QCOMPARE(ws.item(far)->request.request.url, QStringLiteral("http://changed-far-away/"));

        // Our own write there is acknowledged like any other.
        spy.clear();
        QVERIFY(ws.saveRequest(far, r).ok());
        for (const QString &path : ws.takeTouchedPaths())
            watcher.acknowledge(path);
        QVERIFY(writeFile(m_request, "description: external\n", QIODevice::Append));
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(m_request));
        QVERIFY(!allReported(spy).contains(far));

        // Removed: changes there are no longer reported; the main root still is.
        QVERIFY(watcher.removeRoot(extra.path()));
        QVERIFY(!watcher.removeRoot(extra.path()));
        QCOMPARE(watcher.roots(), QStringList({m_dir->path()}));
        spy.clear();
        QVERIFY(writeFile(far, "description: unseen\n", QIODevice::Append));
        QVERIFY(writeFile(collection + QStringLiteral("/new.yaml"), "patchbay: 1\n"));
        QVERIFY(writeFile(m_other, "description: seen\n", QIODevice::Append));
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY(allReported(spy).contains(m_other));
        for (const QString &path : allReported(spy))
            QVERIFY2(!path.startsWith(extra.path()), qPrintable(path));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_collection;
    QString m_folder;
    QString m_request;
    QString m_other;
};

QTEST_GUILESS_MAIN(TestWorkspaceWatcher)
#include "tst_workspacewatcher.moc"
