#include "ui/request/keyvaluetableview.h"

#include "ui/request/keyvaluemodel.h"

#include <QCompleter>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QStringListModel>
#include <QStyledItemDelegate>

#include <algorithm>

namespace Patchbay::Ui {

namespace {

// Edits names and values in a line edit that completes from the lists it was given.
class CompletingDelegate final : public QStyledItemDelegate
{
public:
    CompletingDelegate(QStringList names, KeyValueTableView::ValueCompletions values,
                       QObject *parent)
        : QStyledItemDelegate(parent)
        , m_names(std::move(names))
        , m_values(std::move(values))
    { }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        auto *line = qobject_cast<QLineEdit *>(editor);
        if (!line)
            return editor;
        line->setFrame(false);
        QStringList words;
        if (index.column() == KeyValueModel::NameColumn) {
            words = m_names;
        } else if (index.column() == KeyValueModel::ValueColumn && m_values) {
            const QString name
                = index.siblingAtColumn(KeyValueModel::NameColumn).data(Qt::EditRole).toString();
            words = m_values(name);
        }
        if (!words.isEmpty()) {
            auto *completer = new QCompleter(words, line); // owned by the editor
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            completer->setFilterMode(Qt::MatchStartsWith);
            completer->setCompletionMode(QCompleter::PopupCompletion);
            line->setCompleter(completer);
        }
        return editor;
    }

private:
    QStringList m_names;
    KeyValueTableView::ValueCompletions m_values;
};

} // namespace

KeyValueTableView::KeyValueTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    setTabKeyNavigation(true);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setContextMenuPolicy(Qt::DefaultContextMenu);
}

KeyValueTableView::~KeyValueTableView() = default;

void KeyValueTableView::setKeyValueModel(KeyValueModel *model)
{
    m_model = model;
    setModel(model);
    QHeaderView *header = horizontalHeader();
    header->setSectionResizeMode(KeyValueModel::EnabledColumn, QHeaderView::Fixed);
    header->resizeSection(KeyValueModel::EnabledColumn, 32);
    header->setSectionResizeMode(KeyValueModel::NameColumn, QHeaderView::Interactive);
    header->resizeSection(KeyValueModel::NameColumn, 220);
    header->setSectionResizeMode(KeyValueModel::ValueColumn, QHeaderView::Stretch);
}

void KeyValueTableView::setCompletions(const QStringList &names, ValueCompletions values)
{
    QAbstractItemDelegate *old = itemDelegate();
    setItemDelegate(new CompletingDelegate(names, std::move(values), this)); // owned by this view
    if (old && old->parent() == this)
        old->deleteLater();
}

void KeyValueTableView::removeSelectedRows()
{
    if (!m_model)
        return;
    QList<int> rows;
    const QModelIndexList selected
        = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    for (const QModelIndex &index : selected)
        rows << index.row();
    if (rows.isEmpty() && currentIndex().isValid())
        rows << currentIndex().row();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const int remaining = m_model->rowCount();
    for (int row : rows) {
        if (!m_model->isPlaceholderRow(row))
            m_model->removeRows(row, 1);
    }
    if (remaining != m_model->rowCount() && !rows.isEmpty()) {
        const int next = std::min(rows.last(), m_model->rowCount() - 1);
        setCurrentIndex(m_model->index(next, KeyValueModel::NameColumn));
    }
}

void KeyValueTableView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)
        && state() != QAbstractItemView::EditingState && event->modifiers() == Qt::NoModifier) {
        removeSelectedRows();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void KeyValueTableView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_model)
        return;
    const QModelIndex index = indexAt(event->pos());
    if (index.isValid() && !selectionModel()->isRowSelected(index.row(), {}))
        setCurrentIndex(index);
    QMenu menu(this);
    QAction *remove
        = menu.addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("Delete Row"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setEnabled(index.isValid() && !m_model->isPlaceholderRow(index.row()));
    connect(remove, &QAction::triggered, this, &KeyValueTableView::removeSelectedRows);
    menu.addSeparator();
    QAction *clear = menu.addAction(tr("Delete All Rows"));
    clear->setEnabled(!m_model->rows().isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        if (!m_model->rows().isEmpty())
            m_model->removeRows(0, int(m_model->rows().size()));
    });
    menu.exec(event->globalPos());
}

} // namespace Patchbay::Ui
