#include "ui/environments/variabletablemodel.h"

#include <QBrush>
#include <QColor>

namespace Patchbay::Ui {

VariableTableModel::VariableTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

VariableTableModel::~VariableTableModel()
{
    // Best effort: do not leave secrets in freed memory.
    for (Core::Variable &v : m_variables) {
        if (v.secret)
            v.value.fill(u'\0');
    }
}

void VariableTableModel::setVariables(const Core::VariableList &variables)
{
    beginResetModel();
    m_variables = variables;
    endResetModel();
}

int VariableTableModel::appendVariable()
{
    const int row = int(m_variables.size());
    beginInsertRows({}, row, row);
    m_variables.append(Core::Variable {});
    endInsertRows();
    emit variablesEdited();
    return row;
}

void VariableTableModel::setSecretsShown(bool shown)
{
    if (m_secretsShown == shown)
        return;
    m_secretsShown = shown;
    if (!m_variables.isEmpty())
        emit dataChanged(index(0, ValueColumn), index(rowCount() - 1, ValueColumn));
}

QString VariableTableModel::mask()
{
    return QStringLiteral("\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022");
}

QString VariableTableModel::nameProblem(const Core::VariableList &variables, int row)
{
    if (row < 0 || row >= variables.size())
        return {};
    const QString &name = variables.at(row).name;
    if (name.trimmed().isEmpty())
        return tr("a variable needs a name");
    for (const QChar c : name) {
        if (c.isSpace() || c == u'{' || c == u'}')
            return tr("\"%1\" cannot be used in {{…}}: remove spaces and braces from the name")
                .arg(name);
    }
    if (name.startsWith(u'$'))
        return tr("\"%1\": names starting with $ are reserved for dynamic variables").arg(name);
    for (int other = 0; other < row; ++other) {
        if (variables.at(other).name == name)
            return tr("\"%1\" is already defined above: rename or remove one of them").arg(name);
    }
    return {};
}

QString VariableTableModel::problemIn(const Core::VariableList &variables)
{
    for (int row = 0; row < variables.size(); ++row) {
        const QString p = nameProblem(variables, row);
        if (!p.isEmpty())
            return tr("Row %1: %2.").arg(row + 1).arg(p);
    }
    return {};
}

int VariableTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_variables.size());
}

int VariableTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VariableTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Core::Variable &v = m_variables.at(index.row());
    switch (index.column()) {
    case EnabledColumn:
        return role == Qt::CheckStateRole ? QVariant(v.enabled ? Qt::Checked : Qt::Unchecked)
                                          : QVariant();
    case SecretColumn:
        if (role == Qt::CheckStateRole)
            return v.secret ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Secret: the value is kept in the system keyring, never in the files");
        return {};
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return v.name;
        if (role == Qt::ToolTipRole || role == Qt::ForegroundRole) {
            const QString p = nameProblem(index.row());
            if (p.isEmpty())
                return {};
            return role == Qt::ToolTipRole ? QVariant(p)
                                           : QVariant(QBrush(QColor(0xd3, 0x2f, 0x2f)));
        }
        return {};
    case ValueColumn:
        if (role == Qt::EditRole)
            return v.value;
        if (role == Qt::DisplayRole)
            return v.secret && !m_secretsShown && !v.value.isEmpty() ? mask() : v.value;
        if (role == Qt::ToolTipRole && v.secret && v.value.isEmpty())
            return tr("No value yet: type the secret here");
        return {};
    default:
        return {};
    }
}

bool VariableTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    Core::Variable &v = m_variables[index.row()];
    bool changed = false;
    switch (index.column()) {
    case EnabledColumn:
    case SecretColumn:
        if (role != Qt::CheckStateRole)
            return false;
        {
            bool &flag = index.column() == EnabledColumn ? v.enabled : v.secret;
            const bool on = value.toInt() == Qt::Checked;
            changed = flag != on;
            flag = on;
        }
        break;
    case NameColumn:
    case ValueColumn:
        if (role != Qt::EditRole)
            return false;
        {
            QString &text = index.column() == NameColumn ? v.name : v.value;
            const QString now
                = index.column() == NameColumn ? value.toString().trimmed() : value.toString();
            changed = text != now;
            text = now;
        }
        break;
    default:
        return false;
    }
    if (!changed)
        return true;
    if (index.column() == NameColumn) {
        // A name change can make another row a duplicate or not.
        emit dataChanged(this->index(0, NameColumn), this->index(rowCount() - 1, NameColumn));
    } else if (index.column() == SecretColumn) {
        emit dataChanged(index.siblingAtColumn(ValueColumn), index);
    } else {
        emit dataChanged(index, index);
    }
    emit variablesEdited();
    return true;
}

Qt::ItemFlags VariableTableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == EnabledColumn || index.column() == SecretColumn)
        f |= Qt::ItemIsUserCheckable;
    else
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant VariableTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case SecretColumn:
        return tr("Secret");
    default:
        return {};
    }
}

bool VariableTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_variables.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_variables.remove(row, count);
    endRemoveRows();
    emit variablesEdited();
    return true;
}

} // namespace Patchbay::Ui
