#pragma once

#include "core/http/keyvalue.h"

#include <QAbstractTableModel>

namespace Patchbay::Ui {

// Params, headers and form fields as a table: an "enabled" check box, a name and a value.
// There is always one empty row at the end to type a new entry into; it is not part of rows().
class KeyValueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyValueModel)

public:
    enum Column { EnabledColumn, NameColumn, ValueColumn, ColumnCount };

    explicit KeyValueModel(QObject *parent = nullptr);
    ~KeyValueModel() override;

    // The entries without the trailing empty row.
    const Core::KeyValueList &rows() const { return m_rows; }
    // Replaces every entry; does not emit rowsEdited().
    void setRows(const Core::KeyValueList &rows);
    // Entries the user filled in at least partly (name or value not empty).
    int filledRowCount() const;
    bool isPlaceholderRow(int row) const { return row == m_rows.size(); }

    void setNamePlaceholder(const QString &text) { m_namePlaceholder = text; }
    void setValuePlaceholder(const QString &text) { m_valuePlaceholder = text; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // Removes real entries; the trailing empty row cannot be removed.
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

signals:
    // The user changed an entry through setData() or removeRows().
    void rowsEdited();

private:
    Core::KeyValueList m_rows;
    QString m_namePlaceholder;
    QString m_valuePlaceholder;
};

} // namespace Patchbay::Ui
