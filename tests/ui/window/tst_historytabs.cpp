#include "core/collections/workspace.h"
#include "core/history/historyentry.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/history/historymodel.h"
#include "ui/history/historypanel.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QNetworkAccessManager>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace Patchbay;

// History and tabs (item 4 of issue 12): a single click shows an entry in the preview tab and
// the next click replaces it; a double click (or an edit) keeps it, in one tab; Ctrl+click and
// Shift+click only select, for Compare.
class TestHistoryTabs final : public Tests::WindowTest
{
    Q_OBJECT

private:
    static Core::HistoryEntry entry(const QString &path)
    {
        Core::Request request;
        request.url = QStringLiteral("http://127.0.0.1:9") + path;
        Core::Response response;
        response.statusCode = 200;
        response.reason = QStringLiteral("OK");
        response.body = Core::ResponseBody(QByteArray("{}"));
        return Core::historyEntryFrom(request, response);
    }

    static void click(QTreeView *view, const QModelIndex &index,
                      Qt::KeyboardModifiers modifiers = {})
    {
        QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers,
                          view->visualRect(index).center());
    }

    static void doubleClick(QTreeView *view, const QModelIndex &index)
    {
        // What a mouse sends: press, release, then the second press as a double click.
        click(view, index);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    }

    static QString url(Ui::MainWindow &window) { return window.requestEditor()->request().url; }

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_historytabs")); }
    void init() { startFirstRun(); }

    void clicksPreviewAndDoubleClicksKeep()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h1.sqlite")));
        for (const char *path : {"/a", "/b", "/c"})
            history.add(entry(QLatin1String(path)));
        Core::Workspace workspace;
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        Ui::HistoryPanel *panel = window.historyPanel();
        auto *sidebar = qobject_cast<QStackedWidget *>(panel->parentWidget());
        QVERIFY(sidebar);
        sidebar->setCurrentWidget(panel);
        QTRY_COMPARE(panel->model()->entryCount(), 3);
        QTreeView *view = panel->view();
        const QModelIndex day = panel->model()->index(0, 0);
        const auto row = [&](int i) { return panel->model()->index(i, 0, day); };
        QTabWidget *tabs = window.requestTabs();
        QCOMPARE(tabs->count(), 1);

        // Newest first: /c, /b, /a. A click previews /c in the empty tab.
        click(view, row(0));
        QTRY_COMPARE(url(window), QStringLiteral("http://127.0.0.1:9/c"));
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(window.previewTab(), window.currentTab());
        QVERIFY(window.responseViewer()->hasResponse());

        // The next click replaces the preview: still one tab.
        click(view, row(1));
        QTRY_COMPARE(url(window), QStringLiteral("http://127.0.0.1:9/b"));
        QCOMPARE(tabs->count(), 1);

        // A double click keeps it, in that one tab.
        doubleClick(view, row(1));
        QTRY_VERIFY(!window.previewTab());
        QTest::qWait(50); // nothing else arrives
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(url(window), QStringLiteral("http://127.0.0.1:9/b"));

        // The next click previews in a new tab, beside the kept one.
        click(view, row(2));
        QTRY_COMPARE(tabs->count(), 2);
        QTRY_COMPARE(url(window), QStringLiteral("http://127.0.0.1:9/a"));
        QCOMPARE(window.previewTab(), window.currentTab());

        // Ctrl+click and Shift+click select (Compare is then possible) and open nothing.
        click(view, row(0), Qt::ControlModifier);
        QTest::qWait(100);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(url(window), QStringLiteral("http://127.0.0.1:9/a"));
        QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
        QVERIFY(panel->compareAction()->isEnabled());
        click(view, row(1), Qt::ShiftModifier);
        QTest::qWait(100);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(view->selectionModel()->selectedRows().size(), 3);

        // An edit keeps the preview: the next click opens another tab.
        typeUrl(window.requestEditor(), QStringLiteral("http://127.0.0.1:9/edited"));
        QVERIFY(!window.previewTab());
        click(view, row(0));
        QTRY_COMPARE(tabs->count(), 3);
        QTRY_COMPARE(url(window), QStringLiteral("http://127.0.0.1:9/c"));

        // Enter keeps too.
        view->setFocus();
        view->setCurrentIndex(row(0));
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY(!window.previewTab());
        QCOMPARE(tabs->count(), 3);
    }
};

QTEST_MAIN(TestHistoryTabs)
#include "tst_historytabs.moc"
