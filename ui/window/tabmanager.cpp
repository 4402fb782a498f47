#include "ui/window/tabmanager.h"

#include "ui/request/requesteditor.h"
#include "ui/tabs/tabdecorations.h"

#include <QEvent>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QSplitter>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

QTabBar::ButtonPosition closeSide(const QTabBar *bar)
{
    return QTabBar::ButtonPosition(
        bar->style()->styleHint(QStyle::SH_TabBar_CloseButtonPosition, nullptr, bar));
}

QTabBar::ButtonPosition badgeSide(const QTabBar *bar)
{
    return closeSide(bar) == QTabBar::LeftSide ? QTabBar::RightSide : QTabBar::LeftSide;
}

} // namespace

TabManager::TabManager(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_tabs(new QTabWidget(window)) // owned by window
    , m_openTabsButton(new QToolButton(m_tabs)) // owned by m_tabs
{
    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    // Each tab has its own close button (TabStateButton), which also shows unsaved and busy.
    m_tabs->setTabsClosable(false);
    m_tabs->setMovable(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideRight);
    m_tabs->tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tabs->tabBar()->installEventFilter(this); // middle-click closes

    // The list of open tabs, for when they no longer fit.
    m_openTabsButton->setObjectName(QStringLiteral("openTabsButton"));
    m_openTabsButton->setArrowType(Qt::DownArrow);
    m_openTabsButton->setAutoRaise(true);
    m_openTabsButton->setPopupMode(QToolButton::InstantPopup);
    m_openTabsButton->setToolTip(tr("Open tabs"));
    m_openTabsButton->setAccessibleName(tr("Open tabs"));
    auto *menu = new QMenu(m_openTabsButton); // owned by the button
    menu->setObjectName(QStringLiteral("openTabsMenu"));
    m_openTabsButton->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, &TabManager::fillOpenTabsMenu);
    m_tabs->setCornerWidget(m_openTabsButton, Qt::TopRightCorner);

    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { emit currentTabChanged(currentTab()); });
    connect(m_tabs->tabBar(), &QWidget::customContextMenuRequested, this,
            &TabManager::showContextMenu);
}

RequestTab *TabManager::currentTab() const
{
    return qobject_cast<RequestTab *>(m_tabs->currentWidget());
}

QList<RequestTab *> TabManager::tabs() const
{
    QList<RequestTab *> all;
    for (int i = 0; i < m_tabs->count(); ++i)
        all.append(qobject_cast<RequestTab *>(m_tabs->widget(i)));
    return all;
}

int TabManager::count() const
{
    return m_tabs->count();
}

RequestTab *TabManager::tabForPath(const QString &path) const
{
    if (path.isEmpty())
        return nullptr;
    for (RequestTab *tab : tabs()) {
        if (tab->path() == path)
            return tab;
    }
    return nullptr;
}

void TabManager::setCurrentTab(RequestTab *tab)
{
    m_tabs->setCurrentWidget(tab);
}

void TabManager::cycle(int step)
{
    const int count = m_tabs->count();
    if (count > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + count) % count);
}

RequestTab *TabManager::addTab(RequestTab *tab)
{
    if (!m_splitterState.isEmpty())
        tab->splitter()->restoreState(m_splitterState);
    tab->setPreferSideBySide(m_sideBySide);
    connect(tab, &RequestTab::stateChanged, this, [this, tab] { updateTab(tab); });
    emit tabAdded(tab);
    const int index = m_tabs->addTab(tab, QString());
    QTabBar *bar = m_tabs->tabBar();
    bar->setTabButton(index, badgeSide(bar), new MethodBadge(bar)); // owned by the bar
    auto *state = new TabStateButton(bar); // owned by the bar
    connect(state, &QAbstractButton::clicked, this, [this, tab] { closeTab(tab); });
    bar->setTabButton(index, closeSide(bar), state);
    updateTab(tab);
    m_tabs->setCurrentIndex(index);
    return tab;
}

RequestTab *TabManager::newTab(const QString &id)
{
    return addTab(new RequestTab(id, m_tabs)); // owned by the tab widget
}

RequestTab *TabManager::reusableTab()
{
    RequestTab *tab = currentTab();
    return tab && tab->isPristine() ? tab : newTab();
}

RequestTab *TabManager::duplicateTab(RequestTab *tab)
{
    if (!tab)
        return nullptr;
    const Request request = tab->editor()->request();
    RequestTab *copy = newTab();
    copy->openUnsaved(request);
    return copy;
}

void TabManager::updateTab(RequestTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    const RequestTab::Summary summary = tab->summary();
    // An edit or a send turns a preview into a tab of its own.
    if (tab == m_preview && (tab->isBusy() || tab->editor()->request() != m_previewShown))
        m_preview = nullptr;
    QString title = summary.title;
    // The badge already names the method: "PATCH /users/1" reads "/users/1" beside it.
    if (!tab->isSaved() && title.startsWith(summary.method + u' '))
        title = title.mid(summary.method.size() + 1);
    if (title.size() > 40)
        title = title.left(39) + u'…';
    QTabBar *bar = m_tabs->tabBar();
    // The badge first: the tab bar sizes the tab from it when the text is set.
    if (auto *badge = qobject_cast<MethodBadge *>(bar->tabButton(index, badgeSide(bar)));
        badge && badge->method() != summary.method.left(7).toUpper()) {
        badge->setMethod(summary.method);
        badge->resize(badge->sizeHint());
        m_tabs->setTabText(index, QString()); // a text change re-lays out the tabs
    }
    m_tabs->setTabText(index, title);
    if (auto *state = qobject_cast<TabStateButton *>(bar->tabButton(index, closeSide(bar)))) {
        state->setDirty(summary.dirty && tab != m_preview);
        state->setBusy(tab->isBusy());
    }
    QStringList spoken {summary.method, title};
    if (summary.dirty && tab != m_preview)
        spoken << tr("unsaved");
    if (tab->isBusy())
        spoken << tr("sending");
    if (tab == m_preview)
        spoken << tr("preview");
    bar->setAccessibleTabName(index, spoken.join(QLatin1String(", ")));
    QColor textColour; // the style's
    if (tab == m_preview) {
        // Quieter than a kept tab, still readable.
        const QPalette &pal = bar->palette();
        const QColor text = pal.color(QPalette::WindowText);
        const QColor window = pal.color(QPalette::Window);
        textColour = QColor::fromRgbF(text.redF() * 0.75f + window.redF() * 0.25f,
                                      text.greenF() * 0.75f + window.greenF() * 0.25f,
                                      text.blueF() * 0.75f + window.blueF() * 0.25f);
    }
    bar->setTabTextColor(index, textColour);
    m_tabs->setTabToolTip(
        index,
        tab == m_preview
            ? tr("Preview from History: another entry replaces it. Double-click the entry, or "
                 "edit the request, to keep it.")
            : tab->isSaved() ? tab->path()
                             : tr("Not saved: Ctrl+S saves it to a collection"));
    if (tab == currentTab())
        emit currentTabUpdated(tab, summary);
}

bool TabManager::closeTab(RequestTab *tab)
{
    if (!tab)
        return false;
    // An untouched preview is in History already: nothing to lose.
    if (tab->isDirty() && tab != m_preview) {
        m_tabs->setCurrentWidget(tab);
        QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                        tab->isSaved()
                            ? tr("\"%1\" has changes that are not saved.").arg(tab->title())
                            : tr("\"%1\" was never saved.").arg(tab->title()),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
        box.setObjectName(QStringLiteral("unsavedTabQuestion"));
        box.setInformativeText(tr("Save it to a collection before closing the tab?"));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel
            || (answer == QMessageBox::Save && !(m_save && m_save(tab))))
            return false;
    }
    removeTab(tab);
    return true;
}

void TabManager::closeOtherTabs(RequestTab *keep)
{
    for (RequestTab *tab : tabs()) {
        if (tab != keep && !closeTab(tab))
            return;
    }
}

void TabManager::removeTab(RequestTab *tab)
{
    if (tab == m_preview)
        m_preview = nullptr;
    emit tabRemoved(tab);
    m_tabs->removeTab(m_tabs->indexOf(tab));
    tab->deleteLater(); // may be inside one of its signals; its call is aborted with it
    if (m_tabs->count() == 0)
        newTab();
}

RequestTab *TabManager::showPreview(const Request &request)
{
    RequestTab *tab = m_preview ? m_preview : reusableTab();
    m_preview = nullptr; // while loading: the load is not an edit
    tab->openUnsaved(request);
    m_previewShown = tab->editor()->request();
    m_preview = tab;
    setCurrentTab(tab);
    updateTab(tab);
    return tab;
}

void TabManager::keep(RequestTab *tab)
{
    if (!tab || tab != m_preview)
        return;
    m_preview = nullptr;
    updateTab(tab);
}

void TabManager::fillOpenTabsMenu()
{
    QMenu *menu = m_openTabsButton->menu();
    menu->clear();
    for (RequestTab *tab : tabs()) {
        const RequestTab::Summary summary = tab->summary();
        QString text = summary.title;
        if (!tab->isSaved() && text.startsWith(summary.method + u' '))
            text = text.mid(summary.method.size() + 1);
        text = QStringLiteral("%1  %2").arg(summary.method, text);
        if (summary.dirty && tab != m_preview)
            text += QStringLiteral(" •");
        text.replace(u'&', QLatin1String("&&"));
        QAction *action = menu->addAction(text, this, [this, tab] { setCurrentTab(tab); });
        action->setCheckable(true);
        action->setChecked(tab == currentTab());
        action->setToolTip(tab->isSaved() ? tab->path() : tab->title());
    }
    menu->addSeparator();
    menu->addAction(tr("Go to request or tab…"), this, &TabManager::switcherRequested);
}

void TabManager::setSaveFunction(std::function<bool(RequestTab *)> save)
{
    m_save = std::move(save);
}

void TabManager::setSideBySide(bool sideBySide)
{
    m_sideBySide = sideBySide;
    for (RequestTab *tab : tabs())
        tab->setPreferSideBySide(sideBySide);
}

void TabManager::showContextMenu(const QPoint &pos)
{
    const int index = m_tabs->tabBar()->tabAt(pos);
    auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    QMenu menu(m_window);
    menu.addAction(tr("&Close"), this, [this, tab] { closeTab(tab); });
    menu.addAction(tr("Close &others"), this, [this, tab] { closeOtherTabs(tab); })
        ->setEnabled(m_tabs->count() > 1);
    menu.addAction(tr("&Duplicate tab"), this, [this, tab] { duplicateTab(tab); });
    menu.exec(m_tabs->tabBar()->mapToGlobal(pos));
}

bool TabManager::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tabs->tabBar() && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::MiddleButton) {
            const int index = m_tabs->tabBar()->tabAt(mouse->position().toPoint());
            if (auto *tab = qobject_cast<RequestTab *>(m_tabs->widget(index))) {
                closeTab(tab);
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Patchbay::Ui
