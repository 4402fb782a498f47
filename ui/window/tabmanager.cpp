#include "ui/window/tabmanager.h"

#include "ui/request/requesteditor.h"

#include <QEvent>
#include <QHash>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>

namespace Patchbay::Ui {

using namespace Patchbay::Core;

namespace {

// The method in its colour, drawn as the tab's icon: tabs tell GET from DELETE at a glance.
QIcon methodIcon(const QString &method, const QWidget *widget)
{
    static QHash<QString, QIcon> cache; // UI thread only
    const QColor colour = RequestEditor::methodColor(method, widget->palette());
    const QString key = method + colour.name();
    if (const auto found = cache.constFind(key); found != cache.constEnd())
        return *found;
    QFont font = widget->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.8);
    const QString text = method.left(7).toUpper();
    const QFontMetrics metrics(font);
    const QSize size(metrics.horizontalAdvance(text) + 2, metrics.height());
    const qreal ratio = widget->devicePixelRatioF();
    QPixmap pixmap(size * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setFont(font);
    painter.setPen(colour);
    painter.drawText(QRect(QPoint(), size), Qt::AlignCenter, text);
    painter.end();
    const QIcon icon(pixmap);
    cache.insert(key, icon);
    return icon;
}

} // namespace

TabManager::TabManager(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_tabs(new QTabWidget(window)) // owned by window
{
    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideRight);
    m_tabs->tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tabs->tabBar()->installEventFilter(this); // middle-click closes
    const QFontMetrics metrics(window->font());
    m_tabs->setIconSize(
        QSize(metrics.horizontalAdvance(QStringLiteral("OPTIONS")), metrics.height()));

    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { emit currentTabChanged(currentTab()); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this,
            [this](int index) { closeTab(qobject_cast<RequestTab *>(m_tabs->widget(index))); });
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
    tab->splitter()->setOrientation(m_sideBySide ? Qt::Horizontal : Qt::Vertical);
    connect(tab, &RequestTab::stateChanged, this, [this, tab] { updateTab(tab); });
    emit tabAdded(tab);
    const int index = m_tabs->addTab(tab, QString());
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
    QString title = summary.title;
    // The tab's icon already names the method: "PATCH /users/1" reads "/users/1" beside it.
    if (!tab->isSaved() && title.startsWith(summary.method + u' '))
        title = title.mid(summary.method.size() + 1);
    if (title.size() > 40)
        title = title.left(39) + u'…';
    m_tabs->setTabText(index, summary.dirty ? tr("%1 •").arg(title) : title);
    m_tabs->setTabIcon(index, methodIcon(summary.method, m_tabs));
    m_tabs->setTabToolTip(index,
                          tab->isSaved() ? tab->path()
                                         : tr("Not saved: Ctrl+S saves it to a "
                                              "collection"));
    if (tab == currentTab())
        emit currentTabUpdated(tab, summary);
}

bool TabManager::closeTab(RequestTab *tab)
{
    if (!tab)
        return false;
    if (tab->isDirty()) {
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
    emit tabRemoved(tab);
    m_tabs->removeTab(m_tabs->indexOf(tab));
    tab->deleteLater(); // may be inside one of its signals; its call is aborted with it
    if (m_tabs->count() == 0)
        newTab();
}

void TabManager::setSaveFunction(std::function<bool(RequestTab *)> save)
{
    m_save = std::move(save);
}

void TabManager::setSideBySide(bool sideBySide)
{
    m_sideBySide = sideBySide;
    for (RequestTab *tab : tabs())
        tab->splitter()->setOrientation(sideBySide ? Qt::Horizontal : Qt::Vertical);
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
