#include "ui/window/quickswitcher.h"

#include "core/collections/workspace.h"
#include "ui/tabs/requesttab.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

constexpr int TabIndexRole = Qt::UserRole + 1; // index in m_tabs, or -1
constexpr int PathRole = Qt::UserRole + 2;
constexpr int SearchRole = Qt::UserRole + 3; // lower-case text the filter matches

void addRequests(QListWidget *list, const Core::CollectionItem &item, const QString &place,
                 const QStringList &open)
{
    for (const Core::CollectionItem &child : item.children) {
        const QString where
            = place.isEmpty() ? item.name : place + QStringLiteral(" / ") + item.name;
        if (child.kind != Core::ItemKind::Request) {
            addRequests(list, child, where, open);
            continue;
        }
        if (open.contains(child.path) || child.problem)
            continue;
        const QString method = child.request.request.method;
        auto *row = new QListWidgetItem(
            QStringLiteral("%1  %2    %3").arg(method, child.name, where), list); // owned by list
        row->setData(TabIndexRole, -1);
        row->setData(PathRole, child.path);
        row->setData(SearchRole,
                     QStringLiteral("%1 %2 %3").arg(method, child.name, where).toLower());
        row->setToolTip(child.path);
    }
}

} // namespace

QuickSwitcher::QuickSwitcher(const QList<RequestTab *> &tabs, const Core::Workspace &workspace,
                             QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("quickSwitcher"));
    setWindowTitle(tr("Go to request or tab"));
    m_filter->setObjectName(QStringLiteral("quickSwitcherFilter"));
    m_filter->setPlaceholderText(tr("Type a name, method or URL path"));
    m_filter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("quickSwitcherList"));
    m_list->setUniformItemSizes(true);

    QStringList open;
    for (RequestTab *tab : tabs) {
        m_tabs.append(tab);
        const RequestTab::Summary summary = tab->summary();
        QString title = summary.title;
        if (!tab->isSaved() && title.startsWith(summary.method + u' '))
            title = title.mid(summary.method.size() + 1);
        auto *row = new QListWidgetItem(QStringLiteral("%1  %2%3    %4")
                                            .arg(summary.method, title,
                                                 summary.dirty ? QStringLiteral(" •") : QString(),
                                                 tr("open tab")),
                                        m_list); // owned by the list
        row->setData(TabIndexRole, int(m_tabs.size() - 1));
        row->setData(SearchRole, QStringLiteral("%1 %2").arg(summary.method, title).toLower());
        row->setToolTip(tab->isSaved() ? tab->path() : title);
        if (tab->isSaved())
            open << tab->path();
    }
    for (const Core::CollectionItem &collection : workspace.collections())
        addRequests(m_list, collection, QString(), open);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    auto *hint = new QLabel(tr("Enter opens; Esc closes."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    resize(560, 420);

    m_filter->installEventFilter(this); // arrows move in the list
    connect(m_filter, &QLineEdit::textChanged, this, &QuickSwitcher::applyFilter);
    connect(m_filter, &QLineEdit::returnPressed, this, &QuickSwitcher::choose);
    connect(m_list, &QListWidget::itemActivated, this, &QuickSwitcher::choose);
    connect(m_list, &QListWidget::itemClicked, this, &QuickSwitcher::choose);
    applyFilter();
    m_filter->setFocus();
}

QuickSwitcher::~QuickSwitcher() = default;

void QuickSwitcher::applyFilter()
{
    const QStringList words = m_filter->text().toLower().split(u' ', Qt::SkipEmptyParts);
    QListWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *row = m_list->item(i);
        const QString text = row->data(SearchRole).toString();
        const bool shown = std::all_of(words.cbegin(), words.cend(),
                                       [&text](const QString &w) { return text.contains(w); });
        row->setHidden(!shown);
        if (shown && !first)
            first = row;
    }
    m_list->setCurrentItem(first);
}

void QuickSwitcher::choose()
{
    const QListWidgetItem *row = m_list->currentItem();
    if (!row || row->isHidden())
        return;
    const int tab = row->data(TabIndexRole).toInt();
    if (tab >= 0 && tab < m_tabs.size())
        m_chosenTab = m_tabs.at(tab);
    else
        m_chosenPath = row->data(PathRole).toString();
    accept();
}

bool QuickSwitcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up || key->key() == Qt::Key_PageDown
            || key->key() == Qt::Key_PageUp) {
            QKeyEvent copy(key->type(), key->key(), key->modifiers(), key->text());
            QCoreApplication::sendEvent(m_list, &copy);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Patchbay::Ui
