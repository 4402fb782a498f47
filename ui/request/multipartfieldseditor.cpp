#include "ui/request/multipartfieldseditor.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeyEvent>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {
// The part's own Content-Type is not edited here but must survive a round trip.
constexpr int kContentTypeRole = Qt::UserRole + 1;
} // namespace

MultipartFieldsEditor::MultipartFieldsEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    m_table->setObjectName(QStringLiteral("multipartTable"));
    m_table->setHorizontalHeaderLabels({QString(), tr("Name"), tr("Type"), tr("Value"), QString()});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(EnabledColumn, QHeaderView::Fixed);
    header->resizeSection(EnabledColumn, 32);
    header->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    header->resizeSection(NameColumn, 180);
    header->setSectionResizeMode(TypeColumn, QHeaderView::Fixed);
    header->resizeSection(TypeColumn, 80);
    header->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(BrowseColumn, QHeaderView::Fixed);
    header->resizeSection(BrowseColumn, 130);
    m_table->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);

    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updating)
            return;
        ensurePlaceholderRow();
        if (item->column() == ValueColumn && isFileRow(item->row()))
            item->setToolTip(item->text());
        emit fieldsEdited();
    });

    ensurePlaceholderRow();
}

MultipartFieldsEditor::~MultipartFieldsEditor() = default;

QList<Core::MultipartField> MultipartFieldsEditor::fields() const
{
    QList<Core::MultipartField> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (rowIsBlank(row))
            continue;
        Core::MultipartField field;
        field.enabled = m_table->item(row, EnabledColumn)->checkState() == Qt::Checked;
        field.name = m_table->item(row, NameColumn)->text();
        field.value = m_table->item(row, ValueColumn)->text();
        field.isFile = isFileRow(row);
        field.contentType = m_table->item(row, NameColumn)->data(kContentTypeRole).toString();
        result << field;
    }
    return result;
}

void MultipartFieldsEditor::setFields(const QList<Core::MultipartField> &fields)
{
    if (fields == this->fields())
        return;
    m_updating = true;
    m_table->setRowCount(0);
    for (const Core::MultipartField &field : fields)
        appendRow(field);
    m_updating = false;
    ensurePlaceholderRow();
}

void MultipartFieldsEditor::appendRow(const Core::MultipartField &field)
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);

    auto *check = new QTableWidgetItem;
    check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    check->setCheckState(field.enabled ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, EnabledColumn, check);

    auto *name = new QTableWidgetItem(field.name);
    name->setData(kContentTypeRole, field.contentType);
    m_table->setItem(row, NameColumn, name);
    m_table->setItem(row, ValueColumn, new QTableWidgetItem(field.value));
    auto *empty = new QTableWidgetItem;
    empty->setFlags(Qt::ItemIsEnabled);
    m_table->setItem(row, TypeColumn, empty);
    auto *emptyBrowse = new QTableWidgetItem;
    emptyBrowse->setFlags(Qt::ItemIsEnabled);
    m_table->setItem(row, BrowseColumn, emptyBrowse);

    auto *type = new QComboBox(m_table); // owned by the table (cell widget)
    type->addItem(tr("Text"));
    type->addItem(tr("File"));
    type->setCurrentIndex(field.isFile ? 1 : 0);
    type->setFrame(false);
    type->setFocusPolicy(Qt::StrongFocus);
    m_table->setCellWidget(row, TypeColumn, type);
    connect(type, &QComboBox::currentIndexChanged, this, [this, type] {
        const int r = rowOf(type);
        if (r < 0)
            return;
        updateRowKind(r);
        if (!m_updating)
            emit fieldsEdited();
    });

    updateRowKind(row);
    m_updating = wasUpdating;
}

int MultipartFieldsEditor::rowOf(const QWidget *cellWidget) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->cellWidget(row, TypeColumn) == cellWidget
            || m_table->cellWidget(row, BrowseColumn) == cellWidget)
            return row;
    }
    return -1;
}

bool MultipartFieldsEditor::isFileRow(int row) const
{
    const auto *type = qobject_cast<QComboBox *>(m_table->cellWidget(row, TypeColumn));
    return type && type->currentIndex() == 1;
}

void MultipartFieldsEditor::updateRowKind(int row)
{
    const bool file = isFileRow(row);
    // Views show every cell widget in view, so text rows have no button at all.
    if (file && !m_table->cellWidget(row, BrowseColumn)) {
        auto *browse = new QToolButton(m_table); // owned by the table (cell widget)
        browse->setText(tr("Choose file…"));
        browse->setAutoRaise(true);
        browse->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
        browse->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_table->setCellWidget(row, BrowseColumn, browse);
        connect(browse, &QToolButton::clicked, this, [this, browse] {
            const int r = rowOf(browse);
            if (r >= 0)
                chooseFile(r);
        });
    } else if (!file && m_table->cellWidget(row, BrowseColumn)) {
        m_table->removeCellWidget(row, BrowseColumn);
    }
    if (QTableWidgetItem *value = m_table->item(row, ValueColumn)) {
        const bool wasUpdating = m_updating;
        m_updating = true;
        value->setToolTip(file ? value->text() : QString());
        value->setIcon(file ? QIcon::fromTheme(QStringLiteral("text-x-generic")) : QIcon());
        m_updating = wasUpdating;
    }
}

bool MultipartFieldsEditor::rowIsBlank(int row) const
{
    return m_table->item(row, NameColumn)->text().isEmpty()
        && m_table->item(row, ValueColumn)->text().isEmpty();
}

void MultipartFieldsEditor::ensurePlaceholderRow()
{
    const int rows = m_table->rowCount();
    if (rows == 0 || !rowIsBlank(rows - 1))
        appendRow(Core::MultipartField {});
}

void MultipartFieldsEditor::chooseFile(int row)
{
    if (row < 0 || row >= m_table->rowCount())
        return;
    const QString current = m_table->item(row, ValueColumn)->text();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a File to Upload"),
                                                      QFileInfo(current).absolutePath());
    if (path.isEmpty())
        return;
    if (auto *type = qobject_cast<QComboBox *>(m_table->cellWidget(row, TypeColumn)))
        type->setCurrentIndex(1);
    QTableWidgetItem *name = m_table->item(row, NameColumn);
    if (name->text().isEmpty())
        name->setText(QStringLiteral("file"));
    m_table->item(row, ValueColumn)->setText(path);
}

void MultipartFieldsEditor::removeSelectedRows()
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    bool removed = false;
    for (int row : rows) {
        if (row == m_table->rowCount() - 1 && rowIsBlank(row))
            continue; // the empty row for new parts stays
        m_table->removeRow(row);
        removed = true;
    }
    ensurePlaceholderRow();
    if (removed)
        emit fieldsEdited();
}

bool MultipartFieldsEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete) { // while editing, keys go to the editor
            removeSelectedRows();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Patchbay::Ui
