#include "core/collections/collectionformat.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/history/historypanel.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/tabs/requesttab.h"

#include <QAbstractItemView>
#include <QFile>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

#include <functional>

using namespace Patchbay;

namespace {

QWidget *focused()
{
    return QApplication::focusWidget();
}

QWidget *mainWindow = nullptr; // the window under test

// The offscreen platform makes each popup the active window when it opens and, unlike a window
// system, does not hand the activation back to the main window when the popup closes. Do what the
// window system would, or the keys typed after a completer's list closed reach no editor.
void settleActivation()
{
    QWidget *active = QApplication::activeWindow();
    if (mainWindow && active && active != mainWindow && !active->isVisible()
        && !QApplication::activePopupWidget()) {
        mainWindow->activateWindow();
        QTest::qWaitForWindowActive(mainWindow);
    }
}

// Where a keyboard's next key goes: an open popup (a completer's list, a combo box's list) takes
// the keys before the focus widget does.
QWidget *keyTarget()
{
    settleActivation();
    if (QWidget *popup = QApplication::activePopupWidget())
        return popup;
    return focused();
}

QString focusName()
{
    QWidget *w = focused();
    return w ? QString::fromLatin1(w->metaObject()->className()) + u'#' + w->objectName()
             : QStringLiteral("(nothing)");
}

// Presses `key` (Tab, Shift+Tab, an arrow) until `reached` holds; at most `limit` presses.
bool pressUntil(Qt::Key key, Qt::KeyboardModifiers modifiers, const std::function<bool()> &reached,
                int limit = 60)
{
    for (int i = 0; i < limit && !reached(); ++i) {
        QWidget *target = keyTarget();
        if (!target)
            return false;
        QTest::keyClick(target, key, modifiers);
        if (qEnvironmentVariableIsSet("KB_DEBUG")) {
            auto *v = qobject_cast<QAbstractItemView *>(focused());
            qDebug() << focusName() << (v ? v->currentIndex() : QModelIndex());
        }
    }
    return reached();
}

bool tabTo(const std::function<bool(QWidget *)> &is, int limit = 60)
{
    return pressUntil(
        Qt::Key_Tab, Qt::NoModifier, [&] { return focused() && is(focused()); }, limit);
}

bool backTabTo(const std::function<bool(QWidget *)> &is, int limit = 60)
{
    return pressUntil(
        Qt::Key_Backtab, Qt::ShiftModifier, [&] { return focused() && is(focused()); }, limit);
}

// Each key goes to whatever has the focus then, as a keyboard's would (typing on a table cell
// opens an editor, which takes the next keys).
void type(const QString &text)
{
    for (const QChar c : text)
        QTest::keyClicks(keyTarget(), QString(c));
}

} // namespace

// The whole mission with the keyboard alone (key events only: no mouse, no setters): method,
// URL, a header and a JSON body, Send, restoring the request from history, and saving it.
class TestKeyboardMission final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_keyboardmission")); }
    void init() { startFirstRun(); }

    void missionByKeyboard()
    {
        QTemporaryDir root;
        Core::Workspace workspace;
        QVERIFY(openSample(root, workspace));
        QNetworkAccessManager network;
        Core::HistoryStore history(root.filePath(QStringLiteral("history.sqlite")));
        Ui::MainWindow window(&network, &history, &workspace);
        mainWindow = &window;
        auto forget = qScopeGuard([] { mainWindow = nullptr; });
        window.resize(1300, 850);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.startSandbox(); // the server the mission talks to
        QVERIFY(window.isSandboxRunning());
        const QString url = window.sandboxUrl().toString() + QStringLiteral("/users/1");
        Ui::RequestEditor *editor = window.requestEditor();
        auto *pages = editor->findChild<QTabWidget *>();
        QVERIFY(pages);

        // URL: Ctrl+L.
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY2(focused() && focused()->objectName() == QLatin1String("urlEdit"),
                 qPrintable(focusName()));
        type(url);

        // Method: back to the method box, replace GET by PATCH.
        QVERIFY2(backTabTo([](QWidget *w) {
                     return w->objectName() == QLatin1String("methodCombo")
                         || (w->parentWidget()
                             && w->parentWidget()->objectName() == QLatin1String("methodCombo"));
                 }),
                 qPrintable(focusName()));
        QTest::keyClick(keyTarget(), Qt::Key_A, Qt::ControlModifier);
        type(QStringLiteral("PATCH"));

        // A header: to the request's page tabs, right to Headers, into the table.
        QVERIFY2(tabTo([pages](QWidget *w) { return w == pages->tabBar(); }),
                 qPrintable(focusName()));
        QVERIFY(pressUntil(Qt::Key_Right, Qt::NoModifier, [pages] {
            return pages->tabText(pages->currentIndex()).contains(QLatin1String("Headers"));
        }));
        auto *headers = editor->findChild<QAbstractItemView *>(QStringLiteral("headersTable"));
        QVERIFY(headers);
        QVERIFY2(tabTo([headers](QWidget *w) { return w == headers; }), qPrintable(focusName()));
        // The first cell is the row's on/off box: Right to the name.
        QVERIFY(pressUntil(
            Qt::Key_Right, Qt::NoModifier,
            [headers] { return headers->currentIndex().column() == 1; }, 3));
        type(QStringLiteral("X-Trace"));
        QTest::keyClick(keyTarget(), Qt::Key_Return);
        QTRY_COMPARE(focused(), static_cast<QWidget *>(headers));
        QTest::keyClick(headers, Qt::Key_Right);
        QCOMPARE(headers->currentIndex().column(), 2);
        type(QStringLiteral("kb-42"));
        QTest::keyClick(keyTarget(), Qt::Key_Return);
        QTRY_COMPARE(focused(), static_cast<QWidget *>(headers));

        if (qEnvironmentVariableIsSet("KB_DEBUG"))
            for (const Core::KeyValue &h : editor->request().headers)
                qDebug() << "header" << h.name << h.value << h.enabled;
        // The body: back to the tabs, right to Body, JSON mode, then the text.
        QVERIFY2(backTabTo([pages](QWidget *w) { return w == pages->tabBar(); }),
                 qPrintable(focusName()));
        QVERIFY(pressUntil(Qt::Key_Right, Qt::NoModifier, [pages] {
            return pages->tabText(pages->currentIndex()).startsWith(QLatin1String("Body"));
        }));
        QVERIFY2(
            tabTo([](QWidget *w) { return w->objectName() == QLatin1String("bodyModeCombo"); }),
            qPrintable(focusName()));
        auto *mode = qobject_cast<QComboBox *>(focused());
        QVERIFY(pressUntil(
            Qt::Key_Down, Qt::NoModifier,
            [mode] { return mode->currentText() == QLatin1String("JSON"); }, 10));
        QVERIFY2(
            tabTo([](QWidget *w) { return w->objectName() == QLatin1String("bodyTextEditor"); }),
            qPrintable(focusName()));
        type(QStringLiteral("{\"email\": \"keys@example.com\"}"));

        // Send: Ctrl+Enter.
        QSignalSpy finished(&window, &Ui::MainWindow::exchangeFinished);
        QSignalSpy added(&history, &Core::HistoryStore::entryAdded);
        QTest::keyClick(keyTarget(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(finished.wait(20000));
        const Core::Response response = finished.first().first().value<Core::Response>();
        QCOMPARE(response.statusCode, 200);
        QVERIFY2(response.body.readAll().contains("keys@example.com"),
                 response.body.readAll().constData());
        QVERIFY(added.wait(10000) || !added.isEmpty());

        // History: a new tab (Ctrl+T), then to the sidebar's History page and Enter on the entry.
        QTest::keyClick(keyTarget(), Qt::Key_T, Qt::ControlModifier);
        Ui::RequestTab *fresh = window.currentTab();
        QVERIFY(fresh->isPristine());
        auto *sidebar = window.findChild<QTabWidget *>(QStringLiteral("sidebarTabs"));
        QVERIFY(sidebar);
        QVERIFY2(tabTo([sidebar](QWidget *w) { return w == sidebar->tabBar(); }, 120),
                 qPrintable(focusName()));
        QVERIFY(pressUntil(Qt::Key_Right, Qt::NoModifier, [sidebar] {
            return sidebar->tabText(sidebar->currentIndex()) == QLatin1String("History");
        }));
        auto *list = window.historyPanel()->findChild<QTreeView *>();
        QVERIFY(list);
        QVERIFY2(tabTo([list](QWidget *w) { return w == list; }), qPrintable(focusName()));
        QVERIFY(pressUntil(
            Qt::Key_Down, Qt::NoModifier,
            [list] {
                return list->currentIndex().isValid() && list->currentIndex().parent().isValid();
            },
            5));
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_COMPARE(window.currentTab()->editor()->request().method, QStringLiteral("PATCH"));
        const Core::Request restored = window.currentTab()->editor()->request();
        QCOMPARE(restored.url, url);
        QVERIFY(restored.body.text.contains(QLatin1String("keys@example.com")));
        if (qEnvironmentVariableIsSet("KB_DEBUG"))
            for (const Core::KeyValue &h : restored.headers)
                qDebug() << "restored" << h.name << h.value << h.enabled;
        bool hasHeader = false;
        for (const Core::KeyValue &h : restored.headers)
            hasHeader = hasHeader
                || (h.name == QLatin1String("X-Trace") && h.value == QLatin1String("kb-42"));
        QVERIFY(hasHeader);

        // Save: Ctrl+S asks where; type a name, keep the proposed collection, Enter.
        bool asked = false;
        QString dialogFocus;
        QTimer poll; // the dialog runs its own event loop: act from inside it
        int polls = 0;
        QObject::connect(&poll, &QTimer::timeout, [&] {
            QWidget *dialog = QApplication::activeModalWidget();
            if (!dialog || !dialog->isVisible()) {
                if (++polls > 200) // 10 s: the dialog never came
                    poll.stop();
                return;
            }
            if (asked) { // Enter did not close it: give up rather than hang
                if (++polls > 200) {
                    poll.stop();
                    dialog->close();
                }
                return;
            }
            asked = true;
            dialogFocus = focusName();
            QTest::keyClick(keyTarget(), Qt::Key_A, Qt::ControlModifier);
            type(QStringLiteral("Patch by keyboard"));
            QTest::keyClick(keyTarget(), Qt::Key_Return);
        });
        poll.start(50);
        QTest::keyClick(keyTarget(), Qt::Key_S, Qt::ControlModifier);
        poll.stop();
        QVERIFY(asked);
        QTRY_VERIFY2(window.currentTab()->isSaved(), qPrintable(dialogFocus));
        QFile file(window.currentTab()->path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY2(saved.contains("name: Patch by keyboard"), saved.constData());
        QVERIFY(saved.contains("method: PATCH"));
        QVERIFY(saved.contains("X-Trace"));
        window.stopSandbox();
    }
};

QTEST_MAIN(TestKeyboardMission)
#include "tst_keyboardmission.moc"
