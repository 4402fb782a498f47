#include "ui/history/historypanel.h"
#include "ui/common/accessibility.h"

#include "core/history/historyfilter.h"
#include "core/history/historystore.h"
#include "ui/history/historydelegate.h"
#include "ui/history/historymodel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Patchbay::Ui {

HistoryPanel::HistoryPanel(Core::HistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new HistoryModel(store, this))
    , m_filter(new QLineEdit(this))
    , m_origin(new QComboBox(this))
    , m_clearButton(new QToolButton(this))
    , m_errorLabel(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new QTreeView(m_stack))
    , m_emptyLabel(new QLabel(m_stack))
    , m_openAction(new QAction(tr("Open"), this))
    , m_deleteAction(new QAction(tr("Delete"), this))
    , m_copyUrlAction(new QAction(tr("Copy URL"), this))
    , m_clearAction(new QAction(tr("Clear history…"), this))
    , m_editResourceAction(new QAction(tr("Edit resource…"), this))
    , m_compareAction(new QAction(tr("Compare responses"), this))
    , m_idempotencyAction(new QAction(tr("Check idempotency…"), this))
{
    Q_ASSERT(store);
    m_confirmClear = [](QWidget *parentWidget) {
        return QMessageBox::question(parentWidget, tr("Clear history"),
                                     tr("Delete every request in the history? This cannot be "
                                        "undone."),
                                     QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };

    m_filter->setPlaceholderText(tr("Filter history: method, URL, status"));
    m_filter->setClearButtonEnabled(true);
    m_origin->setObjectName(QStringLiteral("historyOrigin"));
    m_origin->addItem(tr("All"), QString());
    m_origin->addItem(tr("By hand"), QString(Core::ByHandToken));
    m_origin->addItem(tr("Runs"), QString(Core::RunsToken));
    m_origin->setToolTip(
        tr("Show every request, those you sent, or those sent by collection runs"));
    m_clearButton->setDefaultAction(m_clearAction);
    m_clearButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_clearButton->setAutoRaise(true);

    m_errorLabel->setWordWrap(true);
    m_errorLabel->setVisible(false);
    m_errorLabel->setForegroundRole(QPalette::PlaceholderText);

    m_model->setAutoFetch(false); // paged by scrolling, see loadMoreIfNearEnd()
    m_filter->setAccessibleName(tr("Filter history"));
    Accessibility::describe(m_view, tr("History"),
                            tr("Requests sent, newest first, grouped by day. Enter restores the "
                               "request in a tab."));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new HistoryItemDelegate(m_view));
    m_view->setHeaderHidden(true);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel); // loadMoreIfNearEnd()
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(false);
    // Ctrl/Shift-click selects two entries to compare; a plain click still selects one.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAllColumnsShowFocus(true);
    m_view->setExpandsOnDoubleClick(false);

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setText(tr("Requests you send appear here"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyLabel);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_filter, 1);
    top->addWidget(m_origin);
    top->addWidget(m_clearButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_stack, 1);

    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_deleteAction);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(FilterDebounceMs);

    // Typing, pasting and the clear button all restart the debounce.
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_origin, &QComboBox::currentIndexChanged, this, &HistoryPanel::applyFilter);
    connect(&m_debounce, &QTimer::timeout, this, &HistoryPanel::applyFilter);
    // A plain click previews; Ctrl or Shift only select (to compare); a double click keeps.
    // (QTreeView::activated is not used: some styles activate on a single click.)
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (m_pressModifiers & (Qt::ControlModifier | Qt::ShiftModifier | Qt::MetaModifier))
            return;
        openEntry(index, false);
    });
    connect(m_view, &QTreeView::doubleClicked, this,
            [this](const QModelIndex &index) { openEntry(index, true); });
    m_view->installEventFilter(this); // Enter keeps
    m_view->viewport()->installEventFilter(this); // the modifiers of a click
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistoryPanel::showContextMenu);
    connect(m_openAction, &QAction::triggered, this, [this] { openEntry(currentEntry(), true); });
    connect(m_deleteAction, &QAction::triggered, this, &HistoryPanel::deleteSelected);
    connect(m_copyUrlAction, &QAction::triggered, this, &HistoryPanel::copySelectedUrl);
    connect(m_clearAction, &QAction::triggered, this, &HistoryPanel::clearHistory);
    connect(m_editResourceAction, &QAction::triggered, this, &HistoryPanel::editSelectedResource);
    connect(m_compareAction, &QAction::triggered, this, &HistoryPanel::compareSelected);
    connect(m_idempotencyAction, &QAction::triggered, this,
            &HistoryPanel::checkSelectedIdempotency);
    m_editResourceAction->setToolTip(tr("Edit the response of this request and send it back"));
    m_compareAction->setToolTip(tr("Select two entries to compare their responses"));
    m_idempotencyAction->setToolTip(tr("Send this PUT several times and compare the results"));
    connect(store, &Core::HistoryStore::entryFetched, this, &HistoryPanel::onEntryFetched);
    connect(store, &Core::HistoryStore::fetchFailed, this, [this](quint64 token) {
        if (m_fetchTokens.contains(token)) {
            m_fetchTokens.clear(); // the store's error() tells the user
            m_fetched.clear();
        }
    });
    connect(store, &Core::HistoryStore::error, this, [this](const QString &message) {
        m_errorLabel->setText(message);
        m_errorLabel->setVisible(true);
    });

    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    expandDays(first, last);
                updateState();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        expandDays(0, m_model->rowCount() - 1);
        updateState();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HistoryPanel::updateState);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &HistoryPanel::loadMoreIfNearEnd);
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &HistoryPanel::loadMoreIfNearEnd);
    connect(m_model, &HistoryModel::pageLoaded, this, [this] {
        // The view lays out later; check once it has.
        QTimer::singleShot(0, this, &HistoryPanel::loadMoreIfNearEnd);
    });
    connect(m_model, &HistoryModel::queryFinished, this, &HistoryPanel::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateSelectionActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateSelectionActions);
    updateState();
    updateSelectionActions();
}

HistoryPanel::~HistoryPanel() = default;

void HistoryPanel::setClearConfirmation(ConfirmFunction confirm)
{
    m_confirmClear = std::move(confirm);
}

void HistoryPanel::applyFilter()
{
    m_debounce.stop();
    const QString origin = m_origin->currentData().toString();
    const QString text = m_filter->text().trimmed();
    m_model->setFilter(origin.isEmpty() ? text : QString(text + u' ' + origin).trimmed());
}

bool HistoryPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonPress)
        m_pressModifiers = static_cast<QMouseEvent *>(event)->modifiers();
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers() == Qt::NoModifier && currentEntry().isValid()) {
            openEntry(currentEntry(), true);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void HistoryPanel::expandDays(int first, int last)
{
    for (int row = first; row <= last; ++row)
        m_view->expand(m_model->index(row, 0));
}

// Loads the next page when less than a screenful of rows is left below the visible ones.
void HistoryPanel::loadMoreIfNearEnd()
{
    if (!m_model->hasMore() || m_model->isLoading() || !m_view->isVisible())
        return;
    const QScrollBar *bar = m_view->verticalScrollBar();
    const int viewportHeight = m_view->viewport()->height();
    if (bar->maximum() == 0) {
        // Either everything fits, or the view has not laid out the new rows yet (then
        // rangeChanged comes later): estimate the content's height.
        const int rows = m_model->entryCount() + m_model->rowCount();
        if (rows * std::max(1, m_view->sizeHintForRow(0)) > viewportHeight)
            return;
    }
    if (bar->maximum() - bar->value() <= viewportHeight)
        m_model->loadMore();
}

void HistoryPanel::updateState()
{
    const bool empty = m_model->hasLoaded() && m_model->entryCount() == 0;
    if (empty) {
        const QString text = m_filter->text().trimmed();
        m_emptyLabel->setText(m_model->filter().isEmpty() ? tr("Requests you send appear here")
                                  : text.isEmpty()        ? tr("No requests of this kind yet")
                                                   : tr("No requests match “%1”").arg(text));
    }
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyLabel) : m_view);
    m_clearAction->setEnabled(!(empty && m_model->filter().isEmpty()));
}

QModelIndex HistoryPanel::currentEntry() const
{
    const QModelIndex index = m_view->currentIndex();
    return m_model->summaryAt(index) ? index : QModelIndex();
}

void HistoryPanel::openEntry(const QModelIndex &index, bool keep)
{
    const auto summary = m_model->summaryAt(index);
    if (!summary)
        return;
    // The first click of a double click is already fetching this entry: keep it when it comes.
    if (m_openToken != 0 && m_openId == summary->id) {
        m_openKeep = m_openKeep || keep;
        return;
    }
    m_openId = summary->id;
    m_openKeep = keep;
    m_openToken = m_store->fetchEntry(summary->id);
}

void HistoryPanel::onEntryFetched(quint64 token, const Core::HistoryEntry &entry)
{
    if (const qsizetype at = m_fetchTokens.indexOf(token); at >= 0) {
        m_fetched[at] = entry;
        m_fetchTokens[at] = 0;
        const bool done = std::all_of(m_fetchTokens.cbegin(), m_fetchTokens.cend(),
                                      [](quint64 t) { return t == 0; });
        if (!done)
            return;
        const QList<Core::HistoryEntry> entries = std::exchange(m_fetched, {});
        m_fetchTokens.clear();
        switch (m_fetchPurpose) {
        case FetchPurpose::Edit:
            emit editResourceRequested(entries.first());
            break;
        case FetchPurpose::Compare:
            emit compareRequested(entries.at(0), entries.at(1));
            break;
        case FetchPurpose::Idempotency:
            emit idempotencyCheckRequested(entries.first());
            break;
        }
        if (token != m_openToken)
            return;
    }
    if (token != m_openToken)
        return;
    m_openToken = 0;
    if (m_openKeep)
        emit entryActivated(entry);
    else
        emit entryPreviewed(entry);
}

void HistoryPanel::deleteSelected()
{
    if (const auto summary = m_model->summaryAt(currentEntry()))
        m_store->remove(summary->id);
}

void HistoryPanel::copySelectedUrl()
{
    if (const auto summary = m_model->summaryAt(currentEntry()))
        QGuiApplication::clipboard()->setText(summary->url);
}

void HistoryPanel::clearHistory()
{
    if (m_confirmClear && !m_confirmClear(this))
        return;
    m_store->clear();
}

QList<Core::HistoryEntrySummary> HistoryPanel::selectedSummaries() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [this](const QModelIndex &a, const QModelIndex &b) {
        // Days first, then rows within a day: list order.
        const int dayA = a.parent().isValid() ? a.parent().row() : a.row();
        const int dayB = b.parent().isValid() ? b.parent().row() : b.row();
        return dayA != dayB ? dayA < dayB : a.row() < b.row();
    });
    QList<Core::HistoryEntrySummary> out;
    for (const QModelIndex &index : rows) {
        if (const auto summary = m_model->summaryAt(index))
            out.append(*summary);
    }
    return out;
}

void HistoryPanel::updateSelectionActions()
{
    const QList<Core::HistoryEntrySummary> selected = selectedSummaries();
    const bool one = selected.size() == 1;
    m_editResourceAction->setEnabled(one && selected.first().statusCode > 0);
    m_compareAction->setEnabled(selected.size() == 2);
    m_idempotencyAction->setEnabled(
        one && selected.first().method.compare(QLatin1String("PUT"), Qt::CaseInsensitive) == 0);
}

void HistoryPanel::fetchFor(FetchPurpose purpose, const QList<qint64> &ids)
{
    m_fetchPurpose = purpose;
    m_fetchTokens = QList<quint64>(ids.size(), 0);
    m_fetched = QList<Core::HistoryEntry>(ids.size());
    // Tokens are recorded before any answer can arrive: answers come through the event loop.
    for (qsizetype i = 0; i < ids.size(); ++i)
        m_fetchTokens[i] = m_store->fetchEntry(ids[i]);
}

void HistoryPanel::editSelectedResource()
{
    const QList<Core::HistoryEntrySummary> selected = selectedSummaries();
    if (selected.size() == 1)
        fetchFor(FetchPurpose::Edit, {selected.first().id});
}

void HistoryPanel::compareSelected()
{
    QList<Core::HistoryEntrySummary> selected = selectedSummaries();
    if (selected.size() != 2)
        return;
    // Older on the left, as in "before -> after".
    if (std::pair(selected[0].sentAt, selected[0].id)
        > std::pair(selected[1].sentAt, selected[1].id))
        std::swap(selected[0], selected[1]);
    fetchFor(FetchPurpose::Compare, {selected[0].id, selected[1].id});
}

void HistoryPanel::checkSelectedIdempotency()
{
    const QList<Core::HistoryEntrySummary> selected = selectedSummaries();
    if (selected.size() == 1)
        fetchFor(FetchPurpose::Idempotency, {selected.first().id});
}

void HistoryPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    const bool onEntry = m_model->summaryAt(index).has_value();
    // Right-clicking inside a multi-selection keeps it (for "Compare responses").
    if (onEntry && !m_view->selectionModel()->isSelected(index))
        m_view->setCurrentIndex(index);
    updateSelectionActions();
    QMenu menu(this);
    m_openAction->setEnabled(onEntry);
    m_deleteAction->setEnabled(onEntry);
    m_copyUrlAction->setEnabled(onEntry);
    menu.addAction(m_openAction);
    menu.addAction(m_copyUrlAction);
    menu.addSeparator();
    menu.addAction(m_editResourceAction);
    menu.addAction(m_compareAction);
    menu.addAction(m_idempotencyAction);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    menu.addAction(m_clearAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
    m_openAction->setEnabled(true);
    m_deleteAction->setEnabled(true);
    m_copyUrlAction->setEnabled(true);
}

} // namespace Patchbay::Ui
