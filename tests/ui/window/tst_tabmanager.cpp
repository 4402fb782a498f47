#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/response/statusbadge.h"
#include "ui/tabs/requesttab.h"
#include "ui/tabs/tabdecorations.h"

#include <QApplication>
#include <QComboBox>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <Qsci/qsciscintilla.h>

using namespace Patchbay;

// The request tabs as a user drives them in the window (TabManager): open, switch, close with
// a question about unsaved edits, keyboard and mouse, duplicate; each tab its own response.
class TestTabManager final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_tabmanager")); }
    void init() { startFirstRun(); }

    void tabsOpenSwitchAndAskBeforeClosing()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h8.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTabWidget *tabs = window.requestTabs();
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        const QString getPath = collection + QStringLiteral("/get-user-1.yaml");
        const QString patchPath = collection + QStringLiteral("/patch-email.yaml");

        // The empty first tab is reused; the next request gets a tab of its own.
        open(window, workspace, getPath);
        QCOMPARE(tabs->count(), 1);
        open(window, workspace, patchPath);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(window.currentRequestPath(), patchPath);
        QCOMPARE(tabs->tabText(1), QStringLiteral("Patch email"));
        QCOMPARE(tabs->tabToolTip(1), patchPath);
        // The method, in its colour, beside the title (issue 12: a badge of its own).
        auto *badge
            = qobject_cast<Ui::MethodBadge *>(tabs->tabBar()->tabButton(1, QTabBar::LeftSide));
        QVERIFY(badge);
        QCOMPARE(badge->method(), QStringLiteral("PATCH"));
        QVERIFY(window.requestEditor() == window.tabs().at(1)->editor());

        // Opening an open request switches to its tab.
        open(window, workspace, getPath);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->currentIndex(), 0);
        QCOMPARE(window.currentRequestPath(), getPath);

        // An edit marks the tab; closing it asks, Cancel keeps it, Discard closes it.
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/users/2"));
        QCOMPARE(tabs->tabText(0), QStringLiteral("Get user 1")); // the mark is the state button's
        QVERIFY(qobject_cast<Ui::TabStateButton *>(tabs->tabBar()->tabButton(0, QTabBar::RightSide))
                    ->isDirty());
        QVERIFY(window.windowTitle().contains(QStringLiteral("•")));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Cancel);
        QVERIFY(!window.closeTab(window.currentTab()));
        QCOMPARE(tabs->count(), 2);
        // Window shortcuts need the window active again after the question.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard);
        QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(window.currentRequestPath(), patchPath);
        QFile file(getPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("users/2"));

        window.activateWindow(); // again, after the question
        QVERIFY(QTest::qWaitForWindowActive(&window));
        // Ctrl+T opens an empty tab; Ctrl+Tab and Ctrl+Shift+Tab cycle.
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->currentIndex(), 1);
        QVERIFY(window.currentTab()->isPristine());
        QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
        QTest::keyClick(&window, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentIndex(), 1);

        // Tab keys win over the body editor's own bindings (QScintilla: Ctrl+T transposes).
        Ui::RequestEditor *editor = window.requestEditor();
        auto *mode = child<QComboBox>(editor, "bodyModeCombo");
        auto *body = child<QsciScintilla>(editor, "bodyTextEditor");
        auto *sections = editor->findChild<QTabWidget *>();
        for (int i = 0; i < sections->count(); ++i) {
            if (sections->widget(i)->isAncestorOf(mode))
                sections->setCurrentIndex(i);
        }
        mode->setCurrentIndex(mode->findText(QStringLiteral("JSON")));
        body->setFocus();
        QTRY_VERIFY(body->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 3);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(tabs->count(), 2); // the new tab was empty: no question
        QCOMPARE(window.requestEditor(), editor);
        window.requestEditor()->setRequest(Core::Request()); // empty again

        // Middle-click closes; an empty tab goes without a question.
        QTabBar *bar = tabs->tabBar();
        QTest::mouseClick(bar, Qt::MiddleButton, {}, bar->tabRect(1).center());
        QCOMPARE(tabs->count(), 1);

        // Duplicate: an unsaved copy of the request.
        Ui::RequestTab *copy = window.duplicateTab(window.currentTab());
        QCOMPARE(tabs->count(), 2);
        QVERIFY(!copy->isSaved());
        QCOMPARE(copy->editor()->request().method, QStringLiteral("PATCH"));
        // "Close others" asks about the copy, which was never saved.
        QString question;
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard, &question);
        window.closeOtherTabs(window.tabs().at(0));
        QVERIFY(question.contains(QLatin1String("never saved")));
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(window.currentRequestPath(), patchPath);
    }

    void closingAnUnsavedCopyAsks()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h9.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/a"));
        Ui::RequestTab *first = window.currentTab();
        window.newTab();
        QCOMPARE(window.requestTabs()->count(), 2);
        QString question;
        answerNext(QStringLiteral("unsavedTabQuestion"), QMessageBox::Discard, &question);
        window.closeOtherTabs(window.currentTab());
        QVERIFY(question.contains(QLatin1String("GET /a")));
        QCOMPARE(window.requestTabs()->count(), 1);
        QVERIFY(!window.tabs().contains(first));
    }

    void eachTabKeepsItsOwnResponse()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h10.sqlite")));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.startSandbox();
        const QString url = window.sandboxUrl().toString() + QStringLiteral("/users/1");
        QCOMPARE(sendByHand(window, QStringLiteral("GET"), url, QString()).statusCode, 200);
        Ui::RequestTab *first = window.currentTab();
        // The method is the tab's badge; the text is the path; the unsaved mark is the state
        // button's, so that eliding the title never hides it.
        QCOMPARE(window.requestTabs()->tabText(0), QStringLiteral("/users/1"));
        auto *state = qobject_cast<Ui::TabStateButton *>(
            window.requestTabs()->tabBar()->tabButton(0, QTabBar::RightSide));
        QVERIFY(state && state->isDirty());
        QCOMPARE(window.currentTab()->title(), QStringLiteral("GET /users/1"));

        window.newTab();
        QVERIFY(!window.responseViewer()->hasResponse());
        const QString missing = window.sandboxUrl().toString() + QStringLiteral("/nothing-here");
        QCOMPARE(sendByHand(window, QStringLiteral("GET"), missing, QString()).statusCode, 404);

        window.requestTabs()->setCurrentWidget(first);
        QVERIFY(window.responseViewer()->hasResponse());
        QCOMPARE(window.responseViewer()->statusBadge()->text(), QStringLiteral("200"));
        QCOMPARE(window.tabs().at(1)->viewer()->statusBadge()->text(), QStringLiteral("404"));
    }
};

QTEST_MAIN(TestTabManager)
#include "tst_tabmanager.moc"
