#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/bodyview.h"
#include "ui/response/responseviewer.h"
#include "ui/response/statusbadge.h"
#include "ui/tabs/requesttab.h"
#include "ui/tabs/tabdecorations.h"
#include "ui/window/quickswitcher.h"

#include <QListWidget>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QSplitter>
#include <QStyleOptionTab>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace Patchbay;

namespace {

// QTabBar's own description of a tab, for the rectangle its style draws the title in.
struct TabBarAccess : QTabBar
{
    using QTabBar::initStyleOption;
};

QRect titleRect(QTabBar *bar, int index)
{
    QStyleOptionTab option;
    static_cast<TabBarAccess *>(bar)->initStyleOption(&option, index);
    return bar->style()->subElementRect(QStyle::SE_TabBarTabText, &option, bar);
}

QRect inWindow(const QWidget *widget)
{
    return QRect(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
}

} // namespace

// Tabs and layout (item 5 of issue 12): the window is fully usable at 800x600, response beside
// or below; a large response's hint never widens the response pane; tab badges and titles never
// overlap and the unsaved mark stays visible when titles are elided; the open tabs are listed in
// the tab bar's corner and in a quick switcher (Ctrl+P).
class TestLayout final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_layout")); }
    void init() { startFirstRun(); }

    void usableAt800x600_data()
    {
        QTest::addColumn<bool>("sideBySide");
        QTest::newRow("response beside") << true;
        QTest::newRow("response below") << false;
    }
    void usableAt800x600()
    {
        QFETCH(bool, sideBySide);
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h-%1.sqlite").arg(sideBySide)));
        Ui::MainWindow window(&network, &history, &workspace);
        window.setSideBySide(sideBySide);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.sendSandboxExample();
        QTRY_VERIFY_WITH_TIMEOUT(window.responseViewer()->hasResponse(), 20000);
        window.resize(800, 600);
        QTRY_COMPARE(window.size(), QSize(800, 600));
        QApplication::processEvents();
        const QRect all = window.rect();

        // The URL field gets the room; method and Send stay in the window.
        Ui::RequestEditor *editor = window.requestEditor();
        auto *url = child<QLineEdit>(editor, "urlEdit");
        auto *send = child<QPushButton>(editor, "sendButton");
        auto *method = child<QComboBox>(editor, "methodCombo");
        QVERIFY2(url->width() >= 240, qPrintable(QString::number(url->width())));
        QVERIFY(url->width() > method->width() && url->width() > send->width());
        for (QWidget *w : {static_cast<QWidget *>(url), static_cast<QWidget *>(send),
                           static_cast<QWidget *>(method)}) {
            QVERIFY(w->isVisible());
            QVERIFY2(all.contains(inWindow(w)), w->objectName().toLatin1());
        }
        QVERIFY(send->width() >= send->minimumSizeHint().width());

        // The response, with its summary and toolbar whole, is in the window too.
        Ui::ResponseViewer *viewer = window.responseViewer();
        QVERIFY(all.contains(inWindow(viewer)));
        QVERIFY2(viewer->height() >= 200, qPrintable(QString::number(viewer->height())));
        QList<QWidget *> parts {viewer->statusBadge(), viewer->editResourceButton()};
        for (QToolButton *button : viewer->bodyView()->findChildren<QToolButton *>()) {
            if (button->isVisible())
                parts << button;
        }
        QVERIFY(parts.size() >= 8); // Pretty, Raw, Preview, Hex, Find, Copy, Save…
        for (QWidget *part : std::as_const(parts)) {
            QVERIFY(part->isVisible());
            QVERIFY2(inWindow(viewer).contains(inWindow(part)), qPrintable(part->objectName()));
            QVERIFY2(part->width() >= part->minimumSizeHint().width(),
                     qPrintable(QStringLiteral("%1 is clipped").arg(part->objectName())));
        }
        // Wide again: the user's choice of layout comes back.
        window.resize(1400, 860);
        QTRY_COMPARE(window.currentTab()->isSideBySide(), sideBySide);
    }

    void largeResponseHintKeepsTheSidebar()
    {
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h2.sqlite")));
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.resize(1200, 800);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *outer = qobject_cast<QSplitter *>(window.centralWidget());
        QVERIFY(outer);
        QTRY_VERIFY(window.currentTab()->isSideBySide());
        Core::Response response;
        response.statusCode = 200;
        response.reason = QStringLiteral("OK");
        response.headers = {{"Content-Type", "application/json"}};
        response.body = Core::ResponseBody(QByteArray("{\"items\": [1, 2, 3], \"more\": true}"));
        // The same response with colours on: what the pane needs without the note.
        window.responseViewer()->showResponse(response);
        QTRY_VERIFY(!window.responseViewer()->bodyView()->isBusy());
        QApplication::processEvents();
        const int sidebar = outer->sizes().first();
        const int minimum = window.responseViewer()->minimumSizeHint().width();

        // A body over the highlighting limit: the pane says colours are off.
        window.responseViewer()->bodyView()->setHighlightLimit(16);
        window.responseViewer()->showResponse(response);
        QTRY_VERIFY(!window.responseViewer()->bodyView()->isBusy());
        auto *status = window.responseViewer()->bodyView()->findChild<QLabel *>(
            QStringLiteral("bodyStatus"));
        QVERIFY(status->text().contains(QLatin1String("colours are off")));
        QApplication::processEvents();
        QCOMPARE(outer->sizes().first(), sidebar);
        QVERIFY2(window.responseViewer()->minimumSizeHint().width() <= minimum,
                 qPrintable(QString::number(window.responseViewer()->minimumSizeHint().width())));
        // And the sidebar can still be dragged wider.
        outer->setSizes({sidebar + 100, outer->sizes().at(1) - 100});
        QCOMPARE(outer->sizes().first(), sidebar + 100);
    }

    void narrowTabsKeepBadgeTitleAndMarks()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h3.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        window.resize(800, 600);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Ten tabs with long paths, unsaved and edited: too many for the bar at full width.
        for (int i = 0; i < 10; ++i) {
            Ui::RequestTab *tab = i == 0 ? window.currentTab() : window.newTab();
            typeUrl(tab->editor(),
                    QStringLiteral("http://127.0.0.1:9/posts/%1/comments/with/a/long/path").arg(i));
        }
        QTabBar *bar = window.requestTabs()->tabBar();
        QApplication::processEvents();
        int elided = 0;
        for (int i = 0; i < bar->count(); ++i) {
            if (!bar->tabRect(i).intersects(bar->rect()))
                continue; // scrolled out of view
            auto *badge = qobject_cast<Ui::MethodBadge *>(bar->tabButton(i, QTabBar::LeftSide));
            auto *state = qobject_cast<Ui::TabStateButton *>(bar->tabButton(i, QTabBar::RightSide));
            QVERIFY2(badge && state, "every tab has a method badge and a state button");
            QCOMPARE(badge->text(), QStringLiteral("GET"));
            QVERIFY(badge->width() >= badge->sizeHint().width()); // the whole method
            const QRect title = titleRect(bar, i);
            QVERIFY2(!badge->geometry().intersects(title),
                     qPrintable(QStringLiteral("tab %1: badge %2 over title %3")
                                    .arg(i)
                                    .arg(QString::number(badge->geometry().right()),
                                         QString::number(title.left()))));
            // The unsaved mark is the state button's, outside the elided title.
            QVERIFY(state->isDirty());
            QVERIFY(state->isVisible());
            QVERIFY(!state->geometry().intersects(title));
            QVERIFY(bar->tabRect(i).contains(state->geometry()));
            const QString text = bar->tabText(i);
            if (bar->fontMetrics().horizontalAdvance(text) > title.width())
                ++elided;
        }
        QVERIFY2(elided > 0, "the titles were meant to be elided");
    }

    void openTabsAreListed()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        const QString collection = root.filePath(QStringLiteral("sandbox-updates"));
        QNetworkAccessManager network;
        Core::HistoryStore history(m_dir.filePath(QStringLiteral("h4.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        open(window, workspace, collection + QStringLiteral("/get-user-1.yaml"));
        open(window, workspace, collection + QStringLiteral("/patch-email.yaml"));
        window.newTab();
        QCOMPARE(window.requestTabs()->count(), 3);

        // The corner menu lists them; picking one switches to it.
        QToolButton *list = window.openTabsButton();
        QVERIFY(list && list->isVisible());
        QMenu *menu = list->menu();
        emit menu->aboutToShow();
        QStringList texts;
        for (const QAction *action : menu->actions())
            texts << action->text();
        QVERIFY2(texts.size() >= 4, qPrintable(texts.join(u'|')));
        QVERIFY(texts.at(0).contains(QLatin1String("Get user 1")));
        QVERIFY(texts.at(1).contains(QLatin1String("PATCH")));
        menu->actions().at(0)->trigger();
        QCOMPARE(window.requestTabs()->currentIndex(), 0);

        // Ctrl+P: type a few letters, Enter. An open tab is switched to...
        const auto pick = [&window](const QString &typed) {
            // The window is active again once the previous switcher has closed.
            window.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            QTimer::singleShot(0, qApp, [typed] {
                auto *switcher
                    = qobject_cast<Ui::QuickSwitcher *>(QApplication::activeModalWidget());
                QVERIFY(switcher);
                QTest::keyClicks(switcher->filterEdit(), typed);
                QTest::keyClick(switcher->filterEdit(), Qt::Key_Return);
            });
            QTest::keyClick(&window, Qt::Key_P, Qt::ControlModifier);
            QVERIFY(!QApplication::activeModalWidget());
        };
        pick(QStringLiteral("patch"));
        QCOMPARE(window.requestTabs()->currentIndex(), 1);
        // ... a saved request that is not open opens.
        pick(QStringLiteral("put whole"));
        QCOMPARE(window.requestTabs()->count(), 4);
        QCOMPARE(window.currentRequestPath(), collection + QStringLiteral("/put-whole-user.yaml"));
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
