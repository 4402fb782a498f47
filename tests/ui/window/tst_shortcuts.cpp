#include "core/collections/workspace.h"
#include "core/history/historystore.h"
#include "tests/ui/window/windowtest.h"
#include "ui/common/findbar.h"
#include "ui/mainwindow.h"
#include "ui/request/requesteditor.h"
#include "ui/response/bodyview.h"
#include "ui/response/responseviewer.h"
#include "ui/tabs/requesttab.h"
#include "ui/update/editresourcedialog.h"

#include <Qsci/qscicommandset.h>
#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QHeaderView>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace Patchbay;

namespace {

// Records the shortcut events Qt dispatches (and swallows them, so that no action runs): which
// object got one, and whether Qt found the key ambiguous.
class ShortcutRecorder final : public QObject
{
public:
    struct Hit
    {
        QObject *owner = nullptr;
        bool ambiguous = false;
    };
    QList<Hit> hits;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Shortcut) {
            hits.append({watched, static_cast<QShortcutEvent *>(event)->isAmbiguous()});
            return true;
        }
        return false;
    }
};

bool isTextEditingKey(const QKeySequence &key)
{
    for (const QKeySequence::StandardKey standard :
         {QKeySequence::Undo, QKeySequence::Redo, QKeySequence::Cut, QKeySequence::Copy,
          QKeySequence::Paste, QKeySequence::SelectAll, QKeySequence::Delete,
          QKeySequence::Backspace}) {
        if (QKeySequence::keyBindings(standard).contains(key))
            return true;
    }
    return false;
}

bool isWindowWide(const QAction *action)
{
    return action->shortcutContext() == Qt::WindowShortcut
        || action->shortcutContext() == Qt::ApplicationShortcut;
}

QString describe(const QWidget *widget)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(QLatin1String(widget->metaObject()->className()), widget->objectName());
}

// Makes `widget` visible by switching the tab and stack pages above it.
void reveal(QWidget *widget)
{
    for (QWidget *child = widget, *parent = widget->parentWidget(); parent;
         child = parent, parent = parent->parentWidget()) {
        if (auto *stack = qobject_cast<QStackedWidget *>(parent))
            stack->setCurrentWidget(child);
    }
}

} // namespace

// Every application shortcut works from every focus (item 1 of issue 12): no editor binding
// clashes with an action, no two bindings make a key ambiguous, and the keys that used to fail
// (Ctrl+L and Ctrl+T in the JSON body, Ctrl+F in the response body, Ctrl+E in the URL field) do
// what the menus say. Help → Keyboard shortcuts lists every action and fits on the screen.
class TestShortcuts final : public Tests::WindowTest
{
    Q_OBJECT

private:
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Core::HistoryStore> m_history;
    std::unique_ptr<Core::Workspace> m_workspace;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<Ui::MainWindow> m_window;

    // A window as a user has it after an hour: a saved request with a JSON body, a response.
    Ui::MainWindow &window()
    {
        m_root = std::make_unique<QTemporaryDir>();
        m_workspace = std::make_unique<Core::Workspace>();
        if (!openSample(*m_root, *m_workspace))
            qFatal("no sample");
        m_network = std::make_unique<QNetworkAccessManager>();
        m_history = std::make_unique<Core::HistoryStore>(
            m_dir.filePath(QStringLiteral("h%1.sqlite").arg(quintptr(m_root.get()))));
        m_window
            = std::make_unique<Ui::MainWindow>(m_network.get(), m_history.get(), m_workspace.get());
        Ui::MainWindow &w = *m_window;
        w.show();
        if (!QTest::qWaitForWindowActive(&w))
            qFatal("window not active");
        const QString collection = m_root->filePath(QStringLiteral("sandbox-updates"));
        open(w, *m_workspace, collection + QStringLiteral("/patch-email.yaml"));
        Core::Response response;
        response.statusCode = 200;
        response.reason = QStringLiteral("OK");
        response.headers = {{"Content-Type", "application/json"}};
        response.body = Core::ResponseBody(QByteArray("{\"id\": 1, \"email\": \"a@b.c\"}"));
        w.responseViewer()->showResponse(response);
        // QTRY_VERIFY returns void on failure: wait by hand in a function returning a reference.
        for (int i = 0; i < 500 && w.responseViewer()->bodyView()->isBusy(); ++i)
            QTest::qWait(10);
        if (w.responseViewer()->bodyView()->isBusy())
            qFatal("response never shown");
        return w;
    }

    QList<QAction *> windowActions(Ui::MainWindow &w)
    {
        QList<QAction *> found;
        for (QAction *action : w.findChildren<QAction *>()) {
            if (!action->shortcuts().isEmpty() && isWindowWide(action))
                found.append(action);
        }
        return found;
    }

private slots:
    void initTestCase() { setUpApplication(QStringLiteral("tst_shortcuts")); }
    void init() { startFirstRun(); }
    void cleanup()
    {
        m_window.reset();
        m_history.reset();
    }

    void noBindingClashesWithAnAction()
    {
        Ui::MainWindow &w = window();
        QHash<QKeySequence, QString> owners; // window-wide keys
        for (QAction *action : windowActions(w)) {
            for (const QKeySequence &key : action->shortcuts()) {
                const QString name = action->text().remove(u'&');
                QVERIFY2(!owners.contains(key) || owners.value(key) == name,
                         qPrintable(QStringLiteral("%1 is bound to both \"%2\" and \"%3\"")
                                        .arg(key.toString(), owners.value(key), name)));
                owners.insert(key, name);
            }
        }
        QVERIFY(owners.size() > 20);
        // Local actions and shortcuts would make a window key ambiguous where they apply.
        for (const QAction *action : w.findChildren<QAction *>()) {
            if (isWindowWide(action))
                continue;
            for (const QKeySequence &key : action->shortcuts())
                QVERIFY2(!owners.contains(key),
                         qPrintable(QStringLiteral("%1 of \"%2\" shadows \"%3\"")
                                        .arg(key.toString(), action->text(), owners.value(key))));
        }
        for (const QShortcut *shortcut : w.findChildren<QShortcut *>()) {
            QVERIFY2(!owners.contains(shortcut->key())
                         || shortcut->key() == QKeySequence(Qt::Key_Escape),
                     qPrintable(QStringLiteral("a QShortcut of %1 shadows \"%2\"")
                                    .arg(shortcut->parent()->objectName(),
                                         owners.value(shortcut->key()))));
        }
        // Editors keep their editing keys, and lose those the window uses (QScintilla's own map
        // has Ctrl+L cut line, Ctrl+T swap lines...).
        const QList<QsciScintilla *> editors = w.findChildren<QsciScintilla *>();
        QVERIFY(editors.size() >= 3); // body, pretty and raw response views
        for (QsciScintilla *editor : editors) {
            int bound = 0;
            for (const QsciCommand *command : editor->standardCommands()->commands()) {
                for (const int k : {command->key(), command->alternateKey()}) {
                    if (k == 0)
                        continue;
                    ++bound;
                    const QKeySequence key(k);
                    QVERIFY2(isTextEditingKey(key) || !owners.contains(key)
                                 || key == QKeySequence(Qt::Key_Escape),
                             qPrintable(QStringLiteral("%1 in %2 is QScintilla's \"%3\" and the "
                                                       "window's \"%4\"")
                                            .arg(key.toString(), describe(editor),
                                                 command->description(), owners.value(key))));
                    QVERIFY2(key != QKeySequence(Qt::Key_Escape),
                             "Esc cancels a request: editors must not take it");
                }
            }
            QVERIFY(bound > 50); // copy, paste, undo, word moves... are still there
        }
    }

    void everyWindowKeyWorksFromEveryFocus()
    {
        Ui::MainWindow &w = window();
        ShortcutRecorder recorder;
        qApp->installEventFilter(&recorder);

        QList<QPair<QKeySequence, QAction *>> keys;
        for (QAction *action : windowActions(w)) {
            if (!action->isEnabled())
                continue;
            for (const QKeySequence &key : action->shortcuts()) {
                if (!isTextEditingKey(key) && key != QKeySequence(Qt::Key_Escape))
                    keys.append({key, action});
            }
        }
        QVERIFY(keys.size() > 20);

        // Every widget a user can put the focus in, in each page of the request and response.
        QList<QWidget *> focusable;
        for (QWidget *widget : w.findChildren<QWidget *>()) {
            if (widget->focusPolicy() != Qt::NoFocus && widget->isEnabled() && !widget->isWindow()
                && widget->window() == &w && !qobject_cast<QTabBar *>(widget))
                focusable.append(widget);
        }
        QStringList failures;
        int tried = 0;
        for (QWidget *widget : std::as_const(focusable)) {
            reveal(widget);
            if (!widget->isVisible())
                continue;
            widget->setFocus(Qt::OtherFocusReason);
            if (QApplication::focusWidget() != widget)
                continue;
            ++tried;
            for (const auto &[key, action] : std::as_const(keys)) {
                recorder.hits.clear();
                widget->setFocus(Qt::OtherFocusReason);
                QTest::keyClick(widget, Qt::Key(key[0].key()), key[0].keyboardModifiers());
                const bool once = recorder.hits.size() == 1 && recorder.hits.first().owner == action
                    && !recorder.hits.first().ambiguous;
                if (!once) {
                    failures << QStringLiteral("%1 in %2: %3")
                                    .arg(key.toString(), describe(widget),
                                         recorder.hits.isEmpty()
                                             ? QStringLiteral("taken by the widget")
                                             : recorder.hits.first().ambiguous
                                             ? QStringLiteral("ambiguous")
                                             : QStringLiteral("went elsewhere"));
                }
            }
        }
        qApp->removeEventFilter(&recorder);
        QVERIFY2(tried >= 15, qPrintable(QString::number(tried)));
        failures.removeDuplicates();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 20).join(u'\n')));
    }

    void editorKeysDoWhatTheMenusSay()
    {
        Ui::MainWindow &w = window();
        Ui::RequestEditor *editor = w.requestEditor();
        auto *body = child<QsciScintilla>(editor, "bodyTextEditor");
        reveal(body);
        const QString text = body->text();
        QVERIFY(text.contains(QLatin1String("email")));

        // Ctrl+L in the body goes to the URL; the body keeps its lines.
        body->setFocus();
        QTRY_VERIFY(body->hasFocus());
        body->setCursorPosition(0, 0);
        QTest::keyClick(body, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(body->text(), text);
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(editor, "urlEdit"));

        // Ctrl+T in the body opens a tab; its lines stay in order.
        body->setFocus();
        QTest::keyClick(body, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(w.requestTabs()->count(), 2);
        QCOMPARE(body->text(), text);
        w.requestTabs()->setCurrentIndex(0);

        // Ctrl+F in the response body opens its find bar, without an ambiguity.
        QStringList warnings;
        static QStringList *seen = nullptr;
        seen = &warnings;
        const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &,
                                        const QString &message) { seen->append(message); });
        auto *pretty = w.responseViewer()->bodyView()->findChild<QsciScintilla *>(
            QStringLiteral("prettyView"));
        QVERIFY(pretty && pretty->isVisible());
        pretty->setFocus();
        QTRY_VERIFY(pretty->hasFocus());
        QTest::keyClick(pretty, Qt::Key_F, Qt::ControlModifier);
        qInstallMessageHandler(previous);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        auto *find = w.responseViewer()->findChild<Ui::FindBar *>(QStringLiteral("findBar"));
        QVERIFY(find && find->isVisible());

        // Ctrl+E in the URL field edits the resource (the line edit would jump to the end).
        auto *url = child<QLineEdit>(editor, "urlEdit");
        url->setFocus();
        url->setCursorPosition(0);
        QAction *edit = nullptr;
        for (QAction *action : w.findChildren<QAction *>()) {
            if (action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_E)))
                edit = action;
        }
        QVERIFY(edit);
        QSignalSpy triggered(edit, &QAction::triggered);
        QTest::keyClick(url, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(triggered.count(), 1);
        auto *dialog = w.findChild<Ui::EditResourceDialog *>();
        QVERIFY(dialog); // the response is a JSON object: it opens
        dialog->close();
    }

    void shortcutListHasEveryActionAndFits()
    {
        Ui::MainWindow &w = window();
        QAction *help = nullptr;
        for (QAction *action : w.findChildren<QAction *>()) {
            if (action->shortcuts().contains(QKeySequence(QKeySequence::HelpContents)))
                help = action;
        }
        QVERIFY(help);
        QStringList shown;
        bool scrolls = true;
        bool fits = false;
        QTimer::singleShot(0, qApp, [&] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            QCOMPARE(dialog->objectName(), QStringLiteral("keyboardShortcutsDialog"));
            scrolls = false;
            for (QTableWidget *table :
                 dialog->findChildren<QTableWidget *>(QStringLiteral("shortcutsTable"))) {
                for (int row = 0; row < table->rowCount(); ++row) {
                    shown << table->item(row, 1)->text();
                    // Every row is inside the visible part of the table.
                    const QRect rect = table->visualItemRect(table->item(row, 1));
                    scrolls = scrolls || !table->viewport()->rect().contains(rect);
                }
                scrolls = scrolls || table->verticalScrollBar()->maximum() > 0;
            }
            const QRect screen = dialog->screen()->availableGeometry();
            fits = dialog->frameGeometry().height() <= screen.height()
                && dialog->frameGeometry().width() <= screen.width();
            dialog->close();
        });
        help->trigger();
        QVERIFY(!scrolls);
        QVERIFY(fits);
        const QString all = shown.join(u'\n');
        for (const QAction *action : windowActions(w)) {
            for (const QKeySequence &key : action->shortcuts())
                QVERIFY2(all.contains(key.toString(QKeySequence::NativeText)),
                         qPrintable(QStringLiteral("%1 (%2) is not listed")
                                        .arg(key.toString(), action->text())));
        }
        for (const char *key : {"Ctrl+I", "Ctrl+E", "Ctrl+Shift+R"})
            QVERIFY2(all.contains(QLatin1String(key)), key);
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
