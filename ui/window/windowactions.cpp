#include "ui/window/windowactions.h"

#include "ui/collections/environmentpicker.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Patchbay::Ui {

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
    , save(new QAction(tr("&Save"), window))
    , saveAs(new QAction(tr("Save &As…"), window))
    , editResource(new QAction(tr("&Edit resource…"), window))
    , run(new QAction(tr("&Run collection…"), window))
    , code(new QAction(tr("Generate &code…"), window))
    , copyCurl(new QAction(tr("Copy as c&url"), window))
    , import(new QAction(tr("&Import…"), window))
    , openFolder(new QAction(tr("&Open Folder…"), window))
    , exportCollection(new QAction(tr("&Export collection…"), window))
    , sideBySide(new QAction(tr("Response &beside request"), window))
    , toggleSidebar(new QAction(tr("Show &sidebar"), window))
    , sandbox(new QAction(tr("&Sandbox API"), window))
    , sandboxExample(new QAction(tr("Send the sandbox &example"), window))
    , shortcuts(new QAction(tr("&Keyboard shortcuts"), window))
    , about(new QAction(tr("&About Patchbay"), window))
    , quit(new QAction(tr("&Quit"), window))
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
    save->setShortcut(QKeySequence::Save);
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    editResource->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    editResource->setToolTip(
        tr("Edit the JSON response and send it back as PUT, merge patch or JSON Patch"));
    run->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    code->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
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
    shortcuts->setShortcut(QKeySequence::HelpContents);
    quit->setShortcut(QKeySequence::Quit);

    window->addActions({send, cancel, focusUrl, find, format, nextTab, previousTab});
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
    view->addAction(nextTab);
    view->addAction(previousTab);

    QMenu *tools = bar->addMenu(tr("&Tools"));
    tools->addAction(run);
    tools->addAction(environments->manageAction());
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

bool WindowActions::isTabShortcut(const QKeySequence &key) const
{
    for (const QAction *action : {newRequest, closeTab, nextTab, previousTab}) {
        if (action->shortcuts().contains(key))
            return true;
    }
    return false;
}

void WindowActions::showKeyboardShortcuts(QWidget *parent) const
{
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *table = new QTableWidget(&dialog);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    const QList<QAction *> listed = {
        send, cancel, focusUrl,   find, format,        newRequest, closeTab,  nextTab, previousTab,
        save, saveAs, openFolder, code, toggleSidebar, sideBySide, shortcuts, quit};
    for (QAction *action : listed) {
        const int row = table->rowCount();
        table->insertRow(row);
        QString text = action->text();
        text.remove(u'&');
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        table->setItem(row, 0, new QTableWidgetItem(text));
        table->setItem(row, 1, new QTableWidgetItem(keys.join(tr(" or "))));
    }
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(460, 380);
    dialog.exec();
}

} // namespace Patchbay::Ui
