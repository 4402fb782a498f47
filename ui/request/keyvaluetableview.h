#pragma once

#include "ui/request/variablehighlight.h"

#include <QStringList>
#include <QTableView>

#include <functional>

namespace Patchbay::Ui {

class KeyValueModel;

// A table for a KeyValueModel: a narrow check box column, name and value stretched, Delete
// removes the selected rows, a context menu offers the same, and typing completes from lists.
// With a variable lookup, `{{name}}` in names and values is painted like in the URL field
// (accent when it resolves, red when not) and the cell's tooltip lists the values.
class KeyValueTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyValueTableView)

public:
    using ValueCompletions = std::function<QStringList(const QString &name)>;

    explicit KeyValueTableView(QWidget *parent = nullptr);
    ~KeyValueTableView() override;

    void setKeyValueModel(KeyValueModel *model); // not owned
    KeyValueModel *keyValueModel() const { return m_model; }

    // Names offered while typing in the name column; values offered for the row's name.
    void setCompletions(const QStringList &names, ValueCompletions values);

    // Removes the selected rows (or the current one); the trailing empty row stays.
    void removeSelectedRows();

    void setVariableLookup(VariableLookup lookup);
    const VariableLookup &variableLookup() const { return m_lookup; }
    // What the cell at `index` highlights, and its tooltip (empty without variables).
    QList<VariableHighlight> variableHighlights(const QModelIndex &index) const;
    QString variableToolTip(const QModelIndex &index) const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    // Tab moves from cell to cell, and out of the table after the last cell (Shift+Tab: before
    // the first), instead of wrapping round: no keyboard trap.
    bool focusNextPrevChild(bool next) override;
    void closeEditor(QWidget *editor, QAbstractItemDelegate::EndEditHint hint) override;

private:
    // `index` is the last cell Tab visits (or, going back, the first).
    bool isEdgeCell(const QModelIndex &index, bool next) const;

    KeyValueModel *m_model = nullptr; // not owned
    VariableLookup m_lookup;
};

} // namespace Patchbay::Ui
