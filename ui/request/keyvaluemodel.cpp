#include "ui/request/keyvaluemodel.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace Patchbay::Ui {

KeyValueModel::KeyValueModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_namePlaceholder(tr("Name"))
    , m_valuePlaceholder(tr("Value"))
{ }

KeyValueModel::~KeyValueModel() = default;

void KeyValueModel::setRows(const Core::KeyValueList &rows)
{
    if (rows == m_rows)
        return;
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int KeyValueModel::filledRowCount() const
{
    int count = 0;
    for (const Core::KeyValue &kv : m_rows) {
        if (!kv.name.isEmpty() || !kv.value.isEmpty())
            ++count;
    }
    return count;
}

int KeyValueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int KeyValueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyValueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const bool placeholder = isPlaceholderRow(row);
    if (placeholder) {
        // The empty row shows a hint of what to type, in the placeholder colour.
        if (role == Qt::DisplayRole && index.column() == NameColumn)
            return m_namePlaceholder;
        if (role == Qt::DisplayRole && index.column() == ValueColumn)
            return m_valuePlaceholder;
        if (role == Qt::ForegroundRole && index.column() != EnabledColumn)
            return QBrush(QGuiApplication::palette().color(QPalette::PlaceholderText));
        if (role == Qt::EditRole)
            return QString();
        return {};
    }
    const Core::KeyValue &kv = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (index.column() == NameColumn)
            return kv.name;
        if (index.column() == ValueColumn)
            return kv.value;
        return {};
    case Qt::CheckStateRole:
        if (index.column() == EnabledColumn)
            return kv.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ForegroundRole:
        if (!kv.enabled && index.column() != EnabledColumn)
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == EnabledColumn)
            return kv.enabled ? tr("Sent with the request") : tr("Kept, but not sent");
        if (index.column() == ValueColumn && !kv.hasValue)
            return tr("No value: sent as “%1” without “=”").arg(kv.name);
        return {};
    default:
        return {};
    }
}

bool KeyValueModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    const int column = index.column();

    if (role == Qt::CheckStateRole) {
        if (column != EnabledColumn || isPlaceholderRow(row))
            return false;
        const bool enabled
            = value.value<Qt::CheckState>() == Qt::Checked || value.toInt() == int(Qt::Checked);
        if (m_rows.at(row).enabled == enabled)
            return true;
        m_rows[row].enabled = enabled;
        emit dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
        emit rowsEdited();
        return true;
    }
    if (role != Qt::EditRole || column == EnabledColumn)
        return false;

    const QString text = value.toString();
    if (isPlaceholderRow(row)) {
        if (text.isEmpty())
            return false; // nothing typed: the placeholder stays a placeholder
        // The placeholder becomes a real entry and a new placeholder appears below it.
        beginInsertRows({}, row + 1, row + 1);
        Core::KeyValue kv;
        (column == NameColumn ? kv.name : kv.value) = text;
        m_rows.append(kv);
        endInsertRows();
        emit dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
        emit rowsEdited();
        return true;
    }
    QString &field = column == NameColumn ? m_rows[row].name : m_rows[row].value;
    if (field == text)
        return true;
    field = text;
    if (column == ValueColumn && !text.isEmpty())
        m_rows[row].hasValue = true; // a value typed for a ?flag key: now flag=value
    emit dataChanged(index, index);
    emit rowsEdited();
    return true;
}

Qt::ItemFlags KeyValueModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == EnabledColumn) {
        if (!isPlaceholderRow(index.row()))
            f |= Qt::ItemIsUserCheckable;
    } else {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QVariant KeyValueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

bool KeyValueModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    emit rowsEdited();
    return true;
}

} // namespace Patchbay::Ui
