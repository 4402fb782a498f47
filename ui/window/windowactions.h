#pragma once

#include <QList>
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
    // A key of a window-wide action that must win over the focus widget's own use of it (a line
    // edit's Ctrl+E, QScintilla's Ctrl+L), so that it works wherever the focus is. Text-editing
    // keys (undo, redo, cut, copy, paste, select all, delete) stay the focus widget's.
    bool isAppShortcut(const QKeySequence &key) const;
    // Clears the QScintilla key bindings under `root` that clash with a window-wide action (or
    // Esc, which cancels a request); every other editing key stays.
    void releaseEditorKeys(QWidget *root) const;
    // Help → Keyboard shortcuts: every action of the window with a shortcut, by menu, sized to
    // fit the screen without scrolling. Modal; the dialog is named "keyboardShortcutsDialog".
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
    QAction *const goToRequest; // the quick switcher
    QAction *const save;
    QAction *const saveAs;
    QAction *const editResource;
    QAction *const run;
    QAction *const code;
    QAction *const copyCurl;
    QAction *const import;
    QAction *const importUrl;
    QAction *const openFolder;
    QAction *const exportCollection;
    QAction *const sideBySide; // checkable
    QAction *const toggleSidebar; // checkable
    QAction *const sandbox; // checkable
    QAction *const sandboxExample;
    QAction *const preferences; // Edit → Preferences
    QAction *const zoomIn; // editor and text view font, see Preferences
    QAction *const zoomOut;
    QAction *const resetZoom;
    QAction *const networkSettings;
    QAction *const cookies;
    QAction *const shortcuts;
    QAction *const about;
    QAction *const quit;

private:
    // The window's actions with shortcuts that apply wherever the focus is.
    QList<QAction *> windowWideActions() const;

    QMainWindow *m_window; // not owned
};

} // namespace Patchbay::Ui
