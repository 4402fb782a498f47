#pragma once

#include "ui/tabs/requesttab.h"

#include <QList>
#include <QObject>

#include <functional>

class QPoint;
class QTabWidget;
class QToolButton;
class QWidget;

namespace Patchbay::Ui {

// The request tabs: the QTabWidget and the lifetime of its RequestTab pages (new, duplicate,
// close with a question about unsaved edits, middle-click, the tab menu), their titles, method
// badges and state (unsaved, sending), the list of open tabs in the corner, the preview tab, and
// the layout every tab shares (response beside or below the request).
// What a tab is connected to is the window's business: it hears tabAdded() and tabRemoved().
class TabManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TabManager)

public:
    // The tab widget is a child of `window`, which also parents the questions asked.
    explicit TabManager(QWidget *window);

    QTabWidget *widget() const { return m_tabs; }
    RequestTab *currentTab() const;
    QList<RequestTab *> tabs() const;
    int count() const;
    RequestTab *tabForPath(const QString &path) const;
    void setCurrentTab(RequestTab *tab);
    // Ctrl+Tab and Ctrl+Shift+Tab: the next (step 1) or previous (-1) tab, wrapping around.
    void cycle(int step);

    // A new empty tab (with `id`, e.g. a draft's, or a fresh one), made current.
    RequestTab *newTab(const QString &id = {});
    // The current tab when it is empty and unsaved, otherwise a new one.
    RequestTab *reusableTab();
    // An unsaved copy of the tab's request in a new tab.
    RequestTab *duplicateTab(RequestTab *tab);

    // The preview tab (at most one): what a single click in History shows. Showing something
    // else in preview replaces its content; an edit, a send or keep() makes it a normal tab.
    RequestTab *previewTab() const { return m_preview; }
    // The tab to show a preview in, made current: the preview tab, else the current tab when
    // empty, else a new one; it is a preview tab from now on, showing `request`.
    RequestTab *showPreview(const Core::Request &request);
    void keep(RequestTab *tab);

    // The corner button listing the open tabs.
    QToolButton *openTabsButton() const { return m_openTabsButton; }
    // Asks Save / Discard / Cancel when the tab has unsaved edits. False when it stays open.
    bool closeTab(RequestTab *tab);
    void closeOtherTabs(RequestTab *keep);
    // Closes without asking; an empty tab replaces the last one.
    void removeTab(RequestTab *tab);

    // What Save in the close question does (false: the tab stays open).
    void setSaveFunction(std::function<bool(RequestTab *)> save);

    // The response beside (true) or below the request, in every tab.
    void setSideBySide(bool sideBySide);
    bool isSideBySide() const { return m_sideBySide; }
    // The request/response splitter state new tabs start with.
    void setSplitterState(const QByteArray &state) { m_splitterState = state; }

signals:
    // A tab was made and is about to be shown: connect it.
    void tabAdded(Patchbay::Ui::RequestTab *tab);
    // A tab is closing (deleted later): forget what was kept for it.
    void tabRemoved(const Patchbay::Ui::RequestTab *tab);
    void currentTabChanged(Patchbay::Ui::RequestTab *tab);
    // The current tab's title, dirty or busy state changed.
    void currentTabUpdated(Patchbay::Ui::RequestTab *tab,
                           const Patchbay::Ui::RequestTab::Summary &summary);
    // "Go to request or tab…" in the open tabs list.
    void switcherRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override; // middle-click closes

private:
    RequestTab *addTab(RequestTab *tab);
    void updateTab(RequestTab *tab);
    void showContextMenu(const QPoint &pos);
    void fillOpenTabsMenu();

    QWidget *m_window; // not owned
    QTabWidget *m_tabs; // owned by m_window: RequestTab pages
    QToolButton *m_openTabsButton; // owned by m_tabs (corner widget)
    RequestTab *m_preview = nullptr; // not owned: one of the pages, or null
    Core::Request m_previewShown; // what the preview tab showed, to tell an edit
    std::function<bool(RequestTab *)> m_save;
    bool m_sideBySide = true;
    QByteArray m_splitterState;
};

} // namespace Patchbay::Ui
