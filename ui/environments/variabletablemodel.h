#pragma once

#include "core/environments/variable.h"

#include <QAbstractTableModel>

namespace Patchbay::Ui {

// The variables of one scope (collection, environment, globals) as a table: enabled, name,
// value, secret. Secret values are masked unless setSecretsShown(true); the edit role always
// holds the real value. Names are checked as they are typed: empty, duplicate, or with spaces or
// braces (which `{{name}}` could not refer to) are marked and described by problem().
class VariableTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VariableTableModel)

public:
    enum Column { EnabledColumn, NameColumn, ValueColumn, SecretColumn, ColumnCount };

    explicit VariableTableModel(QObject *parent = nullptr);
    ~VariableTableModel() override;

    const Core::VariableList &variables() const { return m_variables; }
    // Replaces every row; does not emit variablesEdited().
    void setVariables(const Core::VariableList &variables);

    // Appends an enabled, empty variable and returns its row.
    int appendVariable();

    bool secretsShown() const { return m_secretsShown; }
    void setSecretsShown(bool shown);

    // What is wrong with the name in `row`, empty when it is fine.
    QString nameProblem(int row) const { return nameProblem(m_variables, row); }
    // The first problem of the table ("Row 2: ..."), empty when every name is fine.
    QString problem() const { return problemIn(m_variables); }
    static QString nameProblem(const Core::VariableList &variables, int row);
    static QString problemIn(const Core::VariableList &variables);

    // What a masked secret value looks like.
    static QString mask();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

signals:
    // The user changed a variable through setData(), appendVariable() or removeRows().
    void variablesEdited();

private:
    Core::VariableList m_variables;
    bool m_secretsShown = false;
};

} // namespace Patchbay::Ui
