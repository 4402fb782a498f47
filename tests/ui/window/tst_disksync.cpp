#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/collections/workspacewatcher.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/collections/collectionspanel.h"
#include "ui/collections/collectiontreemodel.h"
#include "ui/collections/environmentpicker.h"
#include "ui/collections/saverequestdialog.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"

#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Patchbay;

// Open tabs and files on disk (DiskSync, FolderController): renames and deletes in the sidebar,
// changes by other programs (reload, conflict, load theirs), folders opened beside the workspace.
class TestDiskSync final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_disksync")); }
    void init() { startFirstRun(); }

    void renamesAndDeletesInTheSidebarFollowOpenTabs()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h12.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString path = collection + QStringLiteral("/patch-email.yaml");
        open(window, workspace, path);
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/edited"));

        Ui::CollectionTreeModel *model = window.collectionsPanel()->model();
        QVERIFY(model->setData(model->indexForPath(path), QStringLiteral("Change email")));
        Ui::RequestTab *tab = window.currentTab();
        QVERIFY(tab->path() != path);
        QVERIFY(QFileInfo::exists(tab->path()));
        QCOMPARE(tab->title(), QStringLiteral("Change email"));
        QVERIFY(tab->isDirty());
        QCOMPARE(window.requestEditor()->request().url,
                 QStringLiteral("http://127.0.0.1:9/edited"));

        QVERIFY(window.collectionsPanel()->selectPath(tab->path()));
        QVERIFY(window.collectionsPanel()->deleteCurrent());
        QVERIFY(!tab->isSaved());
        QCOMPARE(window.requestEditor()->request().url,
                 QStringLiteral("http://127.0.0.1:9/edited"));
        QCOMPARE(window.requestEditor()->request().method, QStringLiteral("PATCH"));
    }

    // Another program rewrites the file of a tab without edits: the tab shows the new content.
    void externalChangeReloadsACleanTab()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString path
            = root.filePath(QStringLiteral("sandbox-updates")) + QStringLiteral("/get-user-1.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h15.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(window.workspaceWatcher());
        window.workspaceWatcher()->setDebounceInterval(20);
        open(window, workspace, path);

        Core::SavedRequest theirs = workspace.item(path)->request;
        theirs.request.url = QStringLiteral("{{baseUrl}}/users/42");
        QVERIFY(writeExternally(path, theirs));
        QTRY_COMPARE_WITH_TIMEOUT(window.requestEditor()->request().url,
                                  QStringLiteral("{{baseUrl}}/users/42"), 10000);
        QVERIFY(!window.currentTab()->isDirty());
        QVERIFY(!window.currentTab()->hasConflict());
        QCOMPARE(workspace.item(path)->request.request.url, QStringLiteral("{{baseUrl}}/users/42"));

        // Deleted on disk: the tab stays, as an unsaved request.
        QVERIFY(QFile::remove(path));
        QTRY_VERIFY_WITH_TIMEOUT(!window.currentTab()->isSaved(), 10000);
        QCOMPARE(window.requestEditor()->request().url, QStringLiteral("{{baseUrl}}/users/42"));
        QVERIFY(!workspace.item(path));
    }

    // Under unsaved edits, a change on disk is shown and never overwritten silently; Keep mine
    // then Ctrl+S writes the user's version; our own saves are never reported back.
    void externalChangeUnderEditsIsAConflict()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString path = collection + QStringLiteral("/patch-email.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h16.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        Core::WorkspaceWatcher *watcher = window.workspaceWatcher();
        watcher->setDebounceInterval(20);
        open(window, workspace, path);
        Ui::RequestTab *tab = window.currentTab();

        // Our own save, then more edits: nothing is reported for our file.
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/saved-by-us"));
        QVERIFY(window.save());
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/mine"));
        QSignalSpy reported(watcher, &Core::WorkspaceWatcher::changed);
        const QString other = collection + QStringLiteral("/get-user-1.yaml");
        Core::SavedRequest otherRequest = workspace.item(other)->request;
        otherRequest.request.url = QStringLiteral("{{baseUrl}}/users/7");
        QVERIFY(writeExternally(other, otherRequest));
        QTRY_VERIFY_WITH_TIMEOUT(!reported.isEmpty(), 10000);
        for (const QList<QVariant> &args : std::as_const(reported))
            QVERIFY(!args.first().toStringList().contains(path));
        QVERIFY(!tab->hasConflict());

        // Someone else changes the file under the edits.
        Core::SavedRequest theirs = workspace.item(path)->request;
        theirs.request.url = QStringLiteral("http://127.0.0.1:9/theirs");
        QVERIFY(writeExternally(path, theirs));
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasConflict(), 10000);
        QVERIFY(tab->conflictBar()->isVisible());
        QCOMPARE(window.requestEditor()->request().url, QStringLiteral("http://127.0.0.1:9/mine"));
        QVERIFY(tab->conflictTexts().second.contains(QLatin1String("/theirs")));

        // Save refuses until the user picks.
        answerNext(QStringLiteral("saveConflictMessage"), QMessageBox::Ok);
        QVERIFY(!window.save());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("/theirs"));

        // Compare shows both side by side.
        QTest::mouseClick(child<QPushButton>(tab->conflictBar(), "compareButton"), Qt::LeftButton);
        auto *compare = tab->findChild<QDialog *>(QStringLiteral("conflictCompareDialog"));
        QVERIFY(compare);
        QVERIFY(child<QPlainTextEdit>(compare, "mineText")
                    ->toPlainText()
                    .contains(QLatin1String("/mine")));
        QVERIFY(child<QPlainTextEdit>(compare, "theirsText")
                    ->toPlainText()
                    .contains(QLatin1String("/theirs")));
        compare->close();

        // Keep mine, then Ctrl+S writes mine.
        QTest::mouseClick(child<QPushButton>(tab->conflictBar(), "keepMineButton"), Qt::LeftButton);
        QVERIFY(!tab->hasConflict());
        QVERIFY(tab->isDirty());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_S, Qt::ControlModifier);
        file.close(); // the save replaced the file: read the new one
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("/mine"));
        QVERIFY(!tab->isDirty());
    }

    void externalChangeLoadTheirs()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString path = root.filePath(QStringLiteral("sandbox-updates"))
            + QStringLiteral("/patch-email.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h17.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.workspaceWatcher()->setDebounceInterval(20);
        open(window, workspace, path);
        Ui::RequestTab *tab = window.currentTab();
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/mine"));
        Core::SavedRequest theirs = workspace.item(path)->request;
        theirs.request.url = QStringLiteral("http://127.0.0.1:9/theirs");
        QVERIFY(writeExternally(path, theirs));
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasConflict(), 10000);
        QTest::mouseClick(child<QPushButton>(tab->conflictBar(), "loadTheirsButton"),
                          Qt::LeftButton);
        QCOMPARE(window.requestEditor()->request().url,
                 QStringLiteral("http://127.0.0.1:9/theirs"));
        QVERIFY(!tab->isDirty());
    }

    // File → Open Folder…: a second folder's collection shows in the tree, its requests open,
    // save back there and reload on external changes; it is open again after a restart, and
    // Close Folder closes its tabs and forgets it.
    void openedFolderWorksLikeTheWorkspace()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QTemporaryDir extra;
        const QString collection = extra.filePath(QStringLiteral("shared"));
        QVERIFY(Core::copyTree(qEnvironmentVariable("PATCHBAY_SOURCE_DIR")
                                   + QStringLiteral("/resources/sample/sandbox-updates"),
                               collection)
                    .ok());
        const QString path = collection + QStringLiteral("/get-user-1.yaml");
        const QString key = QStringLiteral("workspace/extraFolders");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h-folders.sqlite")));
        {
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            QVERIFY(window.workspaceWatcher());
            window.workspaceWatcher()->setDebounceInterval(20);

            QVERIFY(window.openFolder(root.path(), true).isEmpty()); // the workspace itself
            QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("already open")));
            QCOMPARE(window.openFolder(extra.path(), true), QStringList({collection}));
            QCOMPARE(QSettings().value(key).toStringList(), QStringList({extra.path()}));
            QVERIFY(window.workspaceWatcher()->roots().contains(extra.path()));

            Ui::CollectionsPanel *panel = window.collectionsPanel();
            const QModelIndex item = panel->model()->indexForPath(collection);
            QVERIFY(item.isValid());
            QCOMPARE(item.data(Ui::CollectionTreeModel::OpenedFolderRole).toString(), extra.path());
            QVERIFY(panel->selectPath(path));
            QVERIFY(panel->closeFolderAction()->isEnabled());
            panel->activate(panel->view()->currentIndex());
            QCOMPARE(window.currentRequestPath(), path);
            // Its collection's environments are offered.
            QCOMPARE(window.environmentPicker()->collectionPath(), collection);
            QVERIFY(window.environmentPicker()->count() > 1);
            // Save As offers its collection.
            {
                Ui::SaveRequestDialog dialog(&workspace, QStringLiteral("Copy"), collection,
                                             &window);
                QCOMPARE(dialog.parentPath(), collection);
            }

            // Saved back into the opened folder.
            typeUrl(window.requestEditor(), QStringLiteral("{{baseUrl}}/users/7"));
            QVERIFY(window.currentTab()->isDirty());
            QVERIFY(window.save());
            QCOMPARE(Core::Workspace::open(extra.path())->item(path)->request.request.url,
                     QStringLiteral("{{baseUrl}}/users/7"));
            QVERIFY(!window.currentTab()->hasConflict());

            // Changed there by someone else: the clean tab reloads.
            Core::SavedRequest theirs = workspace.item(path)->request;
            theirs.request.url = QStringLiteral("{{baseUrl}}/users/42");
            QVERIFY(writeExternally(path, theirs));
            QTRY_COMPARE_WITH_TIMEOUT(window.requestEditor()->request().url,
                                      QStringLiteral("{{baseUrl}}/users/42"), 10000);
            QVERIFY(!window.currentTab()->isDirty());
            QVERIFY(!window.currentTab()->hasConflict());
            QVERIFY(window.close());
        }

        // A restart opens the workspace folder only; the window reopens the other one, and the
        // tab of its request comes back.
        Core::Workspace restarted = Core::Workspace::open(root.path()).value();
        Ui::MainWindow window(&network, &history, &restarted);
        window.show();
        QCOMPARE(restarted.extraFolders(), QStringList({extra.path()}));
        QVERIFY(window.collectionsPanel()->model()->indexForPath(collection).isValid());
        QVERIFY(window.workspaceWatcher()->roots().contains(extra.path()));
        Ui::RequestTab *tab = window.tabForPath(path);
        QVERIFY(tab);
        QCOMPARE(tab->editor()->request().url, QStringLiteral("{{baseUrl}}/users/42"));

        // Close Folder asks about the tab's unsaved edits, closes it, leaves the files alone.
        window.requestTabs()->setCurrentWidget(tab);
        typeUrl(tab->editor(), QStringLiteral("{{baseUrl}}/users/99"));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Cancel);
        QVERIFY(!window.closeFolder(extra.path()));
        QVERIFY(window.tabForPath(path));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard);
        QVERIFY(window.closeFolder(extra.path()));
        QVERIFY(!window.tabForPath(path));
        QVERIFY(!window.collectionsPanel()->model()->indexForPath(collection).isValid());
        QVERIFY(restarted.extraFolders().isEmpty());
        QVERIFY(!window.workspaceWatcher()->roots().contains(extra.path()));
        QVERIFY(!QSettings().contains(key));
        QCOMPARE(Core::Workspace::open(extra.path())->item(path)->request.request.url,
                 QStringLiteral("{{baseUrl}}/users/42"));
        QVERIFY(!window.closeFolder(extra.path()));

        // A remembered folder that is gone is skipped, said, and forgotten.
        QSettings().setValue(key, QStringList({extra.filePath(QStringLiteral("gone"))}));
        Core::Workspace third = Core::Workspace::open(root.path()).value();
        Ui::MainWindow next(&network, &history, &third);
        QVERIFY(third.extraFolders().isEmpty());
        QVERIFY(next.statusBar()->currentMessage().contains(QStringLiteral("no longer exists")));
        QVERIFY(!QSettings().contains(key));
    }
};

QTEST_MAIN(TestDiskSync)
#include "tst_disksync.moc"
