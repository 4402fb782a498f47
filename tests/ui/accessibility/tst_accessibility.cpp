#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/collections/saverequestdialog.h"
#include "ui/history/historypanel.h"
#include "ui/mainwindow.h"
#include "ui/preferences/preferencesdialog.h"
#include "ui/request/requesteditor.h"
#include "ui/response/responseviewer.h"
#include "ui/runner/runnerdialog.h"
#include "ui/tabs/requesttab.h"
#include "ui/update/editresourcedialog.h"
#include "ui/update/idempotencydialog.h"
#include "ui/update/responsediffdialog.h"

#include <QAccessible>
#include <QNetworkAccessManager>
#include <QTabBar>
#include <QTabWidget>

#include <functional>

using namespace Patchbay;

namespace {

// Where a widget sits, for a failure message a developer can act on.
QString describe(QWidget *w)
{
    QStringList parts;
    for (QObject *o = w; o && parts.size() < 4; o = o->parent()) {
        const QString name = o->objectName();
        parts.prepend(QString::fromLatin1(o->metaObject()->className())
                      + (name.isEmpty() ? QString() : u'#' + name));
    }
    return parts.join(QStringLiteral(" > "));
}

// The focusable widgets of `window` that a screen reader would announce without a name or
// without a description, walking the focus chain as Tab does.
QStringList unnamedAlongFocusChain(QWidget *window)
{
    QStringList problems;
    QSet<QWidget *> seen;
    for (QWidget *w = window->nextInFocusChain(); w && w != window && !seen.contains(w);
         w = w->nextInFocusChain()) {
        seen.insert(w);
        if (w->window() != window || !w->isVisible() || !w->isEnabled()
            || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (!iface) {
            problems << describe(w) + QStringLiteral(": no accessible interface");
            continue;
        }
        if (iface->text(QAccessible::Name).trimmed().isEmpty())
            problems << describe(w) + QStringLiteral(": no accessible name");
        if (auto *bar = qobject_cast<QTabBar *>(w)) {
            // Qt 6.4's QAccessibleTabBar has no description (only the current page's name):
            // a screen reader announces each page tab by its name, so every tab needs one.
            for (int i = 0; i < bar->count(); ++i) {
                if (bar->tabText(i).trimmed().isEmpty() && bar->accessibleTabName(i).isEmpty())
                    problems << describe(w) + QStringLiteral(": tab %1 has no name").arg(i);
            }
            continue;
        }
        if (iface->text(QAccessible::Description).trimmed().isEmpty())
            problems << describe(w) + QStringLiteral(": no accessible description");
    }
    return problems;
}

// Runs `open` (which shows a modal dialog), checks the dialog's focus chain and closes it.
void inspectModal(QStringList *problems, const QString &what, const std::function<void()> &open)
{
    bool inspected = false;
    QObject context; // a pending check dies with this call
    QTimer::singleShot(0, &context, [problems, what, &inspected] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        inspected = true;
        for (const QString &p : unnamedAlongFocusChain(dialog))
            *problems << what + QStringLiteral(": ") + p;
        if (auto *d = qobject_cast<QDialog *>(dialog))
            d->reject();
        else
            dialog->close();
    });
    open();
    if (!inspected && !QTest::qWaitFor([&inspected] { return inspected; }, 2000))
        *problems << what + QStringLiteral(": did not open");
}

// Every problem on its own line (QVERIFY2 would cut a long message).
bool reportNone(QStringList problems)
{
    problems.removeDuplicates();
    for (const QString &p : problems)
        qWarning("%s", qPrintable(p));
    return problems.isEmpty();
}

QAction *actionNamed(QWidget *window, const QString &text)
{
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->text().remove(u'&') == text)
            return a;
    }
    qWarning("no action %s", qPrintable(text));
    return nullptr;
}

} // namespace

// Every control in the window and in each dialog has an accessible name and description: a
// focus chain walk (as Tab goes) in several states fails on any that lacks one.
class TestAccessibility final : public Tests::WindowTest
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        setUpApplication(QStringLiteral("tst_accessibility"));
        startFirstRun();
        QVERIFY(openSample(m_root, m_workspace));
        m_history = std::make_unique<Core::HistoryStore>(
            m_root.filePath(QStringLiteral("history.sqlite")));
        m_window = std::make_unique<Ui::MainWindow>(&m_network, m_history.get(), &m_workspace);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->startSandbox();
        QVERIFY(m_window->isSandboxRunning());
        // A response and two history entries, so that their views are there too.
        for (int i = 1; i <= 2; ++i) {
            m_last = sendByHand(
                *m_window, QStringLiteral("GET"),
                m_window->sandboxUrl().toString() + QStringLiteral("/users/%1").arg(i), QString());
            QCOMPARE(m_last.statusCode, 200);
        }
    }
    void cleanupTestCase()
    {
        m_window->stopSandbox();
        m_window.reset();
    }

    // Each page of the request editor and of the response, each sidebar panel.
    void mainWindow()
    {
        QStringList problems;
        Ui::MainWindow &w = *m_window;
        problems << unnamedAlongFocusChain(&w);
        auto *requestPages = w.requestEditor()->findChild<QTabWidget *>();
        QVERIFY(requestPages);
        for (int i = 0; i < requestPages->count(); ++i) {
            requestPages->setCurrentIndex(i);
            problems << unnamedAlongFocusChain(&w);
        }
        for (int i = 0; i < w.responseViewer()->tabs()->count(); ++i) {
            w.responseViewer()->tabs()->setCurrentIndex(i);
            problems << unnamedAlongFocusChain(&w);
        }
        auto *sidebar = w.findChild<Ui::HistoryPanel *>()->parentWidget();
        while (sidebar && !qobject_cast<QTabWidget *>(sidebar))
            sidebar = sidebar->parentWidget();
        QVERIFY(sidebar);
        for (int i = 0; i < static_cast<QTabWidget *>(sidebar)->count(); ++i) {
            static_cast<QTabWidget *>(sidebar)->setCurrentIndex(i);
            problems << unnamedAlongFocusChain(&w);
        }
        QVERIFY(reportNone(problems));
    }

    void modalDialogs()
    {
        QStringList problems;
        Ui::MainWindow &w = *m_window;
        inspectModal(&problems, QStringLiteral("Preferences"), [&w] { w.showPreferences(); });
        for (const QString &action :
             {QStringLiteral("Generate code…"), QStringLiteral("Keyboard shortcuts"),
              QStringLiteral("Save As…")}) {
            QAction *a = actionNamed(&w, action);
            QVERIFY(a);
            inspectModal(&problems, action, [a] { a->trigger(); });
        }
        inspectModal(&problems, QStringLiteral("Manage environments"),
                     [&w] { w.manageEnvironments(); });
        QVERIFY(reportNone(problems));
    }

    void windowDialogs()
    {
        QStringList problems;
        Ui::MainWindow &w = *m_window;
        const auto check = [&problems](QDialog *dialog, const QString &what) {
            if (!dialog) {
                problems << what + QStringLiteral(": did not open");
                return;
            }
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            for (const QString &p : unnamedAlongFocusChain(dialog))
                problems << what + QStringLiteral(": ") + p;
            dialog->close();
        };
        Core::Request get;
        get.url = w.sandboxUrl().toString() + QStringLiteral("/users/2");
        w.editResource(get, m_last);
        check(w.findChild<Ui::EditResourceDialog *>(), QStringLiteral("Edit resource"));
        w.runPath(m_root.filePath(QStringLiteral("sandbox-updates")));
        check(w.findChild<Ui::RunnerDialog *>(), QStringLiteral("Run"));

        Core::HistoryEntry left;
        left.request = get;
        left.statusCode = 200;
        left.body = R"({"a": 1})";
        left.bodySize = left.body.size();
        left.contentType = QStringLiteral("application/json");
        Core::HistoryEntry right = left;
        right.body = R"({"a": 2})";
        emit w.historyPanel()->compareRequested(left, right);
        check(w.findChild<Ui::ResponseDiffDialog *>(), QStringLiteral("Compare responses"));
        Core::HistoryEntry put = left;
        put.request.method = QStringLiteral("PUT");
        put.request.body.mode = Core::BodyMode::Json;
        put.request.body.text = QStringLiteral("{\"name\": \"x\"}");
        emit w.historyPanel()->idempotencyCheckRequested(put);
        check(w.findChild<Ui::IdempotencyDialog *>(), QStringLiteral("Idempotency check"));
        QVERIFY(reportNone(problems));
    }

private:
    QTemporaryDir m_root;
    Core::Workspace m_workspace;
    QNetworkAccessManager m_network;
    std::unique_ptr<Core::HistoryStore> m_history;
    std::unique_ptr<Ui::MainWindow> m_window;
    Core::Response m_last;
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
