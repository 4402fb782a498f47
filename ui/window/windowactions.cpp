#include "ui/window/windowactions.h"
#include "ui/common/accessibility.h"

#include "ui/collections/environmentpicker.h"

#include <Qsci/qscicommandset.h>
#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QScrollBar>
#include <QTableWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

// Keys a text field needs for editing: an action bound to one (Edit → Undo) acts only when the
// focus is not in a text field.
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

int qsciKey(const QKeySequence &key)
{
    // QsciCommand keys are Qt key codes with modifiers, as QKeySequence's first combination.
    return key.isEmpty() ? 0 : key[0].toCombined();
}

} // namespace

WindowActions::WindowActions(QMainWindow *window)
    : QObject(window)
    , send(new QAction(tr("&Send"), window))
    , cancel(new QAction(tr("&Cancel request"), window))
    , focusUrl(new QAction(tr("Go to &URL"), window))
    , find(new QAction(tr("&Find in response"), window))
    , format(new QAction(tr("&Format JSON body"), window))
    , newRequest(new QAction(tr("&New request tab"), window))
    , closeTab(new QAction(tr("&Close tab"), window))
    , nextTab(new QAction(tr("Ne&xt tab"), window))
    , previousTab(new QAction(tr("Pre&vious tab"), window))
    , goToRequest(new QAction(tr("&Go to request or tab…"), window))
    , save(new QAction(tr("&Save"), window))
    , saveAs(new QAction(tr("Save &As…"), window))
    , editResource(new QAction(tr("&Edit resource…"), window))
    , run(new QAction(tr("&Run collection…"), window))
    , code(new QAction(tr("Generate &code…"), window))
    , copyCurl(new QAction(tr("Copy as c&url"), window))
    , import(new QAction(tr("&Import…"), window))
    , importUrl(new QAction(tr("Import from &URL…"), window))
    , openFolder(new QAction(tr("&Open Folder…"), window))
    , exportCollection(new QAction(tr("&Export collection…"), window))
    , sideBySide(new QAction(tr("Response &beside request"), window))
    , toggleSidebar(new QAction(tr("Show &sidebar"), window))
    , sandbox(new QAction(tr("&Sandbox API"), window))
    , sandboxExample(new QAction(tr("Send the sandbox &example"), window))
    , preferences(new QAction(tr("&Preferences…"), window))
    , zoomIn(new QAction(tr("Zoom &in"), window))
    , zoomOut(new QAction(tr("Zoom &out"), window))
    , resetZoom(new QAction(tr("&Reset zoom"), window))
    , networkSettings(new QAction(tr("&Network Settings…"), window))
    , cookies(new QAction(tr("C&ookies…"), window))
    , shortcuts(new QAction(tr("&Keyboard shortcuts"), window))
    , about(new QAction(tr("&About Patchbay"), window))
    , quit(new QAction(tr("&Quit"), window))
    , m_window(window)
{
    send->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    send->setShortcutContext(Qt::WindowShortcut);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel->setEnabled(false); // only while a request is in flight
    focusUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    find->setShortcut(QKeySequence::Find);
    format->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    newRequest->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_T), QKeySequence(QKeySequence::New)});
    closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    nextTab->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    previousTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                               QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    goToRequest->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_P), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)});
    goToRequest->setToolTip(tr("Switch to an open tab or open a saved request by name"));
    save->setShortcut(QKeySequence::Save);
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    editResource->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    editResource->setToolTip(
        tr("Edit the JSON response and send it back as PUT, merge patch or JSON Patch"));
    run->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    code->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importUrl->setToolTip(tr("Download an OpenAPI or Swagger description and import it"));
    openFolder->setShortcut(QKeySequence::Open);
    openFolder->setToolTip(
        tr("Show the collections of another folder, e.g. a git checkout, beside your own"));
    sideBySide->setCheckable(true);
    sideBySide->setChecked(true);
    sideBySide->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    toggleSidebar->setCheckable(true);
    toggleSidebar->setChecked(true);
    toggleSidebar->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    sandbox->setCheckable(true);
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    // Ctrl+= is Ctrl++ without Shift on most layouts; both work.
    zoomIn->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(QKeySequence::ZoomIn)});
    zoomOut->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Minus)});
    resetZoom->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    networkSettings->setToolTip(tr("Proxy, CA and client certificates, hosts not to verify"));
    cookies->setToolTip(tr("View, edit, import and export the workspace's cookies"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    quit->setShortcut(QKeySequence::Quit);

    window->addActions({send, cancel, focusUrl, find, format, nextTab, previousTab, goToRequest,
                        preferences, zoomIn, zoomOut, resetZoom});
}

void WindowActions::addMenus(QMainWindow *window, QUndoStack *undo, EnvironmentPicker *environments)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(newRequest);
    file->addAction(save);
    file->addAction(saveAs);
    file->addAction(closeTab);
    file->addSeparator();
    file->addAction(openFolder);
    file->addSeparator();
    file->addAction(import);
    file->addAction(importUrl);
    file->addAction(exportCollection);
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    QAction *undoAction = undo->createUndoAction(window, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = undo->createRedoAction(window, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    edit->addAction(undoAction);
    edit->addAction(redoAction);
    edit->addSeparator();
    edit->addAction(preferences);

    QMenu *request = bar->addMenu(tr("&Request"));
    request->addAction(send);
    request->addAction(cancel);
    request->addSeparator();
    request->addAction(focusUrl);
    request->addAction(format);
    request->addAction(code);
    request->addAction(copyCurl);
    request->addAction(find);
    request->addSeparator();
    request->addAction(editResource);

    QMenu *view = bar->addMenu(tr("&View"));
    view->addAction(toggleSidebar);
    view->addAction(sideBySide);
    view->addSeparator();
    view->addAction(zoomIn);
    view->addAction(zoomOut);
    view->addAction(resetZoom);
    view->addSeparator();
    view->addAction(nextTab);
    view->addAction(previousTab);
    view->addAction(goToRequest);

    QMenu *tools = bar->addMenu(tr("&Tools"));
    tools->addAction(run);
    tools->addAction(environments->manageAction());
    tools->addSeparator();
    tools->addAction(networkSettings);
    tools->addAction(cookies);
    tools->addSeparator();
    tools->addAction(sandbox);
    tools->addAction(sandboxExample);

    QToolBar *toolbar = window->addToolBar(tr("Environment"));
    toolbar->setObjectName(QStringLiteral("environmentToolbar"));
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Environment:"), toolbar));
    toolbar->addWidget(environments);
    toolbar->addAction(environments->manageAction());

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(shortcuts);
    help->addAction(about);
}

QList<QAction *> WindowActions::windowWideActions() const
{
    QList<QAction *> found;
    const QList<QAction *> all = m_window->findChildren<QAction *>();
    for (QAction *action : all) {
        if (action->shortcuts().isEmpty())
            continue;
        const Qt::ShortcutContext context = action->shortcutContext();
        if (context == Qt::WindowShortcut || context == Qt::ApplicationShortcut)
            found.append(action);
    }
    return found;
}

bool WindowActions::isAppShortcut(const QKeySequence &key) const
{
    if (isTextEditingKey(key))
        return false;
    const QList<QAction *> actions = windowWideActions();
    return std::any_of(actions.cbegin(), actions.cend(), [&key](const QAction *action) {
        // Esc cancels a request only where nothing else uses it (closing a find bar, a popup).
        return action->shortcuts().contains(key) && key != QKeySequence(Qt::Key_Escape);
    });
}

void WindowActions::releaseEditorKeys(QWidget *root) const
{
    QList<int> taken;
    for (const QAction *action : windowWideActions()) {
        for (const QKeySequence &key : action->shortcuts()) {
            if (!isTextEditingKey(key))
                taken.append(qsciKey(key));
        }
    }
    const QList<QsciScintilla *> editors = root->findChildren<QsciScintilla *>();
    for (QsciScintilla *editor : editors) {
        const QList<QsciCommand *> &commands = editor->standardCommands()->commands();
        for (QsciCommand *command : commands) {
            if (command->key() != 0 && taken.contains(command->key()))
                command->setKey(0);
            if (command->alternateKey() != 0 && taken.contains(command->alternateKey()))
                command->setAlternateKey(0);
        }
    }
}

void WindowActions::showKeyboardShortcuts(QWidget *parent) const
{
    // Every action with a shortcut, under the menu that holds it.
    struct Row
    {
        QString group;
        QString action;
        QString keys;
    };
    QList<Row> rows;
    QList<const QAction *> listed;
    const auto addRow = [&](const QString &group, const QAction *action) {
        if (action->shortcuts().isEmpty() || listed.contains(action))
            return;
        listed.append(action);
        QString text = action->text();
        text.remove(u'&');
        if (text.endsWith(u'…'))
            text.chop(1);
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        rows.append({group, text, keys.join(tr(" or "))});
    };
    const auto addMenu = [&](const auto &self, const QString &group, const QMenu *menu) -> void {
        for (const QAction *action : menu->actions()) {
            if (action->menu())
                self(self, group, action->menu());
            else
                addRow(group, action);
        }
    };
    for (const QAction *top : m_window->menuBar()->actions()) {
        if (const QMenu *menu = top->menu()) {
            QString group = top->text();
            group.remove(u'&');
            addMenu(addMenu, group, menu);
        }
    }
    for (const QAction *action : windowWideActions())
        addRow(tr("Window"), action);

    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *columns = new QHBoxLayout;
    layout->addLayout(columns, 1);

    // As many columns as the screen needs to show every row without scrolling.
    const QFontMetrics metrics(dialog.font());
    const int rowHeight = metrics.height() + 8;
    const QScreen *screen = parent ? parent->screen() : nullptr;
    const int available = screen ? screen->availableGeometry().height() - 160 : 800;
    const int perColumn = std::max(8, available / rowHeight);
    const int columnCount = int((rows.size() + perColumn - 1) / perColumn);
    const int rowsPerColumn = int((rows.size() + columnCount - 1) / std::max(1, columnCount));
    for (int c = 0; c < columnCount; ++c) {
        auto *table = new QTableWidget(&dialog);
        table->setObjectName(QStringLiteral("shortcutsTable"));
        table->setColumnCount(2);
        table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
        table->verticalHeader()->hide();
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionMode(QAbstractItemView::NoSelection);
        table->setFocusPolicy(Qt::NoFocus);
        table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(rowHeight);
        QString lastGroup;
        for (qsizetype i = qsizetype(c) * rowsPerColumn;
             i < rows.size() && i < qsizetype(c + 1) * rowsPerColumn; ++i) {
            const Row &row = rows.at(i);
            const int at = table->rowCount();
            table->insertRow(at);
            auto *name = new QTableWidgetItem(
                row.group == lastGroup ? row.action : tr("%1: %2").arg(row.group, row.action));
            table->setItem(at, 0, name);
            table->setItem(at, 1, new QTableWidgetItem(row.keys));
            lastGroup = row.group;
        }
        table->resizeColumnsToContents();
        const int tableWidth
            = table->columnWidth(0) + table->columnWidth(1) + 2 * table->frameWidth() + 4;
        const int tableHeight = table->horizontalHeader()->sizeHint().height()
            + table->rowCount() * rowHeight + 2 * table->frameWidth() + 2;
        table->setMinimumSize(tableWidth, tableHeight);
        Accessibility::describe(table, tr("Keyboard shortcuts"),
                                tr("Each action of the window and the keys that run it"));
        columns->addWidget(table);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    Accessibility::describeButtons(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.adjustSize();
    dialog.exec();
}

} // namespace Patchbay::Ui
