#pragma once

#include <QObject>

class QAction;
class QKeySequence;
class QMainWindow;
class QUndoStack;
class QWidget;

namespace Patchbay::Ui {

class EnvironmentPicker;

// The window's commands with their names and shortcuts, and the menus, toolbar and shortcut list
// that show them. An action does nothing until MainWindow connects it to the part that acts.
class WindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowActions)

public:
    // The actions are children of `window`; those that work wherever the focus is are added to it.
    explicit WindowActions(QMainWindow *window);

    // File, Edit (undo and redo of `undo`), Request, View, Tools, Help and the Environment
    // toolbar with `environments`.
    void addMenus(QMainWindow *window, QUndoStack *undo, EnvironmentPicker *environments);
    // Tab keys (new, close, next, previous) win over text views' own bindings everywhere.
    bool isTabShortcut(const QKeySequence &key) const;
    // Help → Keyboard shortcuts: listed from the actions, so it cannot drift from the bindings.
    void showKeyboardShortcuts(QWidget *parent) const;

    QAction *const send;
    QAction *const cancel; // enabled only while the current tab's request is in flight
    QAction *const focusUrl;
    QAction *const find;
    QAction *const format;
    QAction *const newRequest;
    QAction *const closeTab;
    QAction *const nextTab;
    QAction *const previousTab;
    QAction *const save;
    QAction *const saveAs;
    QAction *const editResource;
    QAction *const run;
    QAction *const code;
    QAction *const copyCurl;
    QAction *const import;
    QAction *const openFolder;
    QAction *const exportCollection;
    QAction *const sideBySide; // checkable
    QAction *const toggleSidebar; // checkable
    QAction *const sandbox; // checkable
    QAction *const sandboxExample;
    QAction *const shortcuts;
    QAction *const about;
    QAction *const quit;
};

} // namespace Patchbay::Ui
