#pragma once

#include "core/http/request.h"

#include <QWidget>

class QTableWidget;

namespace Patchbay::Ui {

// multipart/form-data parts: one row per part with an enabled check box, a name, a Text/File
// type and a value; file rows have a "Choose file…" button. One empty row at the end takes new
// parts.
class MultipartFieldsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MultipartFieldsEditor)

public:
    enum Column { EnabledColumn, NameColumn, TypeColumn, ValueColumn, BrowseColumn, ColumnCount };

    explicit MultipartFieldsEditor(QWidget *parent = nullptr);
    ~MultipartFieldsEditor() override;

    QList<Core::MultipartField> fields() const;
    // Does not emit fieldsEdited().
    void setFields(const QList<Core::MultipartField> &fields);

    QTableWidget *table() const { return m_table; }
    // Opens the file dialog for `row` (the "Choose file…" button).
    void chooseFile(int row);

signals:
    void fieldsEdited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void appendRow(const Core::MultipartField &field);
    void updateRowKind(int row);
    void ensurePlaceholderRow();
    void removeSelectedRows();
    bool rowIsBlank(int row) const;
    bool isFileRow(int row) const;

    int rowOf(const QWidget *cellWidget) const;

    QTableWidget *m_table = nullptr; // owned (child)
    bool m_updating = false;
};

} // namespace Patchbay::Ui
