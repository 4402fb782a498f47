#include "core/collections/collectionformat.h"
#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"

#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchbay;

namespace {

// ctest runs this twice: without a keyring, and as tst_tabsession_keyring with one.
bool withKeyring()
{
    return qEnvironmentVariable("PATCHBAY_SECRETS_MODE") == QLatin1String("keyring");
}

} // namespace

// The open tabs across quits and crashes (TabSession, SaveController's question at quit): the
// session comes back after a clean quit, drafts bring unsaved edits back after a crash.
class TestTabSession final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_tabsession")); }
    void init() { startFirstRun(); }

    void layoutAndLastRequestSurviveARestart()
    {
        QNetworkAccessManager network;
        Core::Request request;
        request.method = QStringLiteral("DELETE");
        request.url = QStringLiteral("http://127.0.0.1:9/todos/3");
        request.auth.mode = Core::AuthMode::Bearer;
        request.auth.token = QStringLiteral("top-secret-token");
        {
            Core::HistoryStore history(m_dir.filePath(QStringLiteral("h5.sqlite")));
            Core::Workspace workspace;
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            window.setSideBySide(false);
            window.requestEditor()->setRequest(request);
            window.close();
        }
        // The token reaches neither the settings file nor the draft that keeps the unsaved
        // tab (which only its owner can read): it is in the keyring.
        QSettings settings;
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("top-secret-token"));
        const QFileInfoList drafts
            = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                   + QStringLiteral("/drafts"))
                  .entryInfoList(QDir::Files);
        QCOMPARE(drafts.size(), 1);
        QCOMPARE(
            drafts.first().permissions()
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());
        QFile draft(drafts.first().filePath());
        QVERIFY(draft.open(QIODevice::ReadOnly));
        QVERIFY(!draft.readAll().contains("top-secret-token"));

        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h5.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        QVERIFY(!window.isSideBySide());
        // A clean quit: the tab is back without a recovery question.
        QVERIFY(window.recoveryBar()->isHidden());
        QCOMPARE(window.recoverableDraftCount(), 0);
        QCOMPARE(window.requestTabs()->count(), 1);
        const Core::Request restored = window.requestEditor()->request();
        QCOMPARE(restored.method, request.method);
        QCOMPARE(restored.url, request.url);
        QCOMPARE(restored.auth.mode, Core::AuthMode::Bearer);
        // Back from the keyring; without one it lived in the last session's memory only.
        QTRY_COMPARE(window.requestEditor()->request().auth.token,
                     withKeyring() ? request.auth.token : QString());
        if (!withKeyring()) {
            QTRY_VERIFY(window.statusBar()->currentMessage().contains(
                QLatin1String("was not kept in the keyring")));
        }
    }

    // A clean quit and a new start: the same tabs, in the same order, without questions.
    void openTabsComeBackAfterAQuit()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h18.sqlite")));
        Core::Request scratch;
        scratch.method = QStringLiteral("POST");
        scratch.url = QStringLiteral("http://127.0.0.1:9/scratch");
        {
            Ui::MainWindow window(&network, &history, &workspace);
            window.show();
            open(window, workspace, collection + QStringLiteral("/put-whole-user.yaml"));
            window.newTab()->editor()->setRequest(scratch);
            open(window, workspace, collection + QStringLiteral("/get-user-1.yaml"));
            window.newTab(); // empty: not kept
            window.requestTabs()->setCurrentIndex(1);
            QVERIFY(window.close());
        }
        Ui::MainWindow window(&network, &history, &workspace);
        QCOMPARE(window.recoverableDraftCount(), 0);
        const QList<Ui::RequestTab *> tabs = window.tabs();
        QCOMPARE(tabs.size(), 3);
        QCOMPARE(tabs.at(0)->path(), collection + QStringLiteral("/put-whole-user.yaml"));
        QVERIFY(!tabs.at(0)->isDirty());
        QVERIFY(!tabs.at(1)->isSaved());
        QCOMPARE(tabs.at(1)->editor()->request(), scratch);
        QCOMPARE(tabs.at(2)->path(), collection + QStringLiteral("/get-user-1.yaml"));
        QCOMPARE(window.currentTab(), tabs.at(1));
    }

    void quittingAsksOnceForAllEditedRequests()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h11.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        open(window, workspace, collection + QStringLiteral("/get-user-1.yaml"));
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/first"));
        open(window, workspace, collection + QStringLiteral("/put-whole-user.yaml"));
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/second"));
        window.newTab(); // unsaved, empty: nothing to ask about

        QString question;
        answerNext(QStringLiteral("unsavedChangesQuestion"), QMessageBox::Cancel, &question);
        QVERIFY(!window.close());
        QVERIFY(question.contains(QLatin1String("Get user 1")));
        QVERIFY(question.contains(QLatin1String("Put whole user")));
        answerNext(QStringLiteral("unsavedChangesQuestion"), QMessageBox::Save);
        QVERIFY(window.close());
        QFile file(collection + QStringLiteral("/put-whole-user.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("127.0.0.1:9/second"));
        // Saved: no drafts are left behind.
        QVERIFY(QDir(draftDir()).entryList(QDir::Files).isEmpty());
    }

    // A crash: the window goes away without closeEvent(). The drafts written by the autosave
    // are offered on the next start and bring the edits back.
    void draftsSurviveACrash()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString path = root.filePath(QStringLiteral("sandbox-updates"))
            + QStringLiteral("/patch-email.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h13.sqlite")));
        Core::Request scratch;
        scratch.method = QStringLiteral("DELETE");
        scratch.url = QStringLiteral("http://127.0.0.1:9/todos/3");
        scratch.auth.mode = Core::AuthMode::Bearer;
        scratch.auth.token = QStringLiteral("typed-token");
        {
            auto window = std::make_unique<Ui::MainWindow>(&network, &history, &workspace);
            window->setAutosaveInterval(20);
            window->show();
            open(*window, workspace, path);
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/crash-edit"));
            window->newTab()->editor()->setRequest(scratch);
            QTRY_COMPARE(window->draftStore().list().size(), 2);
            // Written only when changed: a draft removed behind our back is not written again
            // until the tab changes.
            const QString scratchDraft = window->draftStore().fileFor(window->currentTab()->id());
            QVERIFY(QFile::remove(scratchDraft));
            window->autosaveDrafts();
            QVERIFY(!QFile::exists(scratchDraft));
            scratch.url += QStringLiteral("?page=2");
            window->requestEditor()->setRequest(scratch);
            scratch = window->requestEditor()->request(); // the query became a param
            window->autosaveDrafts();
            QVERIFY(QFile::exists(scratchDraft));
            window.reset(); // no close event: as if the process had died
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("crash-edit")); // never saved

        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(window.recoveryBar()->isVisible());
        QCOMPARE(window.recoverableDraftCount(), 2);
        auto *text = window.recoveryBar()->findChild<QLabel *>();
        QVERIFY(text->text().contains(QLatin1String("Recover 2 unsaved requests")));
        QTest::mouseClick(child<QPushButton>(window.recoveryBar(), "restoreDraftsButton"),
                          Qt::LeftButton);
        QVERIFY(!window.recoveryBar()->isVisible());
        QCOMPARE(window.requestTabs()->count(), 2);
        Ui::RequestTab *saved = window.tabForPath(path);
        QVERIFY(saved);
        QVERIFY(saved->isDirty());
        QVERIFY(!saved->hasConflict());
        QCOMPARE(saved->title(), QStringLiteral("Patch email"));
        QCOMPARE(saved->editor()->request().url, QStringLiteral("http://127.0.0.1:9/crash-edit"));
        Ui::RequestTab *unsaved
            = window.tabs().at(0) == saved ? window.tabs().at(1) : window.tabs().at(0);
        // The typed token comes back from the keyring, never from the draft's file.
        if (!withKeyring())
            scratch.auth.token.clear();
        QTRY_COMPARE(unsaved->editor()->request(), scratch);

        // Saving the recovered edits writes them and drops their draft.
        window.requestTabs()->setCurrentWidget(saved);
        QVERIFY(window.save());
        file.close(); // the save replaced the file: read the new one
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("crash-edit"));
        QVERIFY(!QFile::exists(window.draftStore().fileFor(saved->id())));
        QVERIFY(QFile::exists(window.draftStore().fileFor(unsaved->id())));
    }

    // Between the crash and the next start, one file changed and another was deleted: the
    // recovered edits are kept in both cases, and nothing is written over the changed file.
    void recoveredDraftsMeetChangedFiles()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString changed = collection + QStringLiteral("/patch-email.yaml");
        const QString deleted = collection + QStringLiteral("/put-whole-user.yaml");
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h19.sqlite")));
        {
            auto window = std::make_unique<Ui::MainWindow>(&network, &history, &workspace);
            window->show();
            open(*window, workspace, changed);
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/mine-1"));
            open(*window, workspace, deleted);
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/mine-2"));
            window->autosaveDrafts();
            QCOMPARE(window->draftStore().list().size(), 2);
        }
        Core::SavedRequest theirs = workspace.item(changed)->request;
        theirs.request.url = QStringLiteral("http://127.0.0.1:9/theirs");
        QVERIFY(writeExternally(changed, theirs));
        QVERIFY(QFile::remove(deleted));
        Core::Result<Core::Workspace> reopened = Core::Workspace::open(root.path());
        QVERIFY(reopened.ok());
        Core::Workspace restarted = std::move(reopened).value();

        Ui::MainWindow window(&network, &history, &restarted);
        QCOMPARE(window.recoverableDraftCount(), 2);
        window.restoreRecoverableDrafts();
        QCOMPARE(window.requestTabs()->count(), 2);
        Ui::RequestTab *conflicted = window.tabForPath(changed);
        QVERIFY(conflicted);
        QVERIFY(conflicted->hasConflict());
        QCOMPARE(conflicted->editor()->request().url, QStringLiteral("http://127.0.0.1:9/mine-1"));
        Ui::RequestTab *orphan
            = window.tabs().at(0) == conflicted ? window.tabs().at(1) : window.tabs().at(0);
        QVERIFY(!orphan->isSaved());
        QCOMPARE(orphan->editor()->request().url, QStringLiteral("http://127.0.0.1:9/mine-2"));
    }

    void discardedRecoveryRemovesTheDrafts()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h14.sqlite")));
        Core::Workspace workspace;
        {
            auto window = std::make_unique<Ui::MainWindow>(&network, &history, &workspace);
            window->setAutosaveInterval(20);
            window->show();
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/lost"));
            QTRY_COMPARE(window->draftStore().list().size(), 1);
        }
        Ui::MainWindow window(&network, &history, &workspace);
        QCOMPARE(window.recoverableDraftCount(), 1);
        QTest::mouseClick(child<QPushButton>(window.recoveryBar(), "discardDraftsButton"),
                          Qt::LeftButton);
        QCOMPARE(window.recoverableDraftCount(), 0);
        QVERIFY(window.draftStore().list().isEmpty());
        QVERIFY(window.currentTab()->isPristine());

        // And the next start asks nothing.
        Ui::MainWindow again(&network, &history, &workspace);
        QCOMPARE(again.recoverableDraftCount(), 0);
    }

    // A tab closed with Discard takes its draft with it: a crash later offers nothing back.
    void closingADiscardedTabRemovesItsDraft()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h20.sqlite")));
        Core::Workspace workspace;
        {
            auto window = std::make_unique<Ui::MainWindow>(&network, &history, &workspace);
            window->show();
            typeUrl(window->requestEditor(), QStringLiteral("http://127.0.0.1:9/dropped"));
            window->autosaveDrafts();
            QCOMPARE(window->draftStore().list().size(), 1);
            answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard);
            QVERIFY(window->closeTab(window->currentTab()));
            QVERIFY(window->draftStore().list().isEmpty());
        }
        Ui::MainWindow window(&network, &history, &workspace);
        QCOMPARE(window.recoverableDraftCount(), 0);
    }
};

QTEST_MAIN(TestTabSession)
#include "tst_tabsession.moc"
