#pragma once

#include "core/http/response.h"

#include <QAbstractTableModel>
#include <QModelIndexList>

namespace Patchbay::Ui {

// Response headers in the order they arrived, duplicates kept: one row per header line.
class HeadersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadersModel)

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit HeadersModel(QObject *parent = nullptr);
    ~HeadersModel() override;

    void setHeaders(const Core::HttpHeaderList &headers);
    const Core::HttpHeaderList &headers() const { return m_headers; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Name: value" lines for the given rows (all rows when empty), in model order.
    QString toText(const QList<int> &rows = {}) const;

    static QString headerText(const QByteArray &bytes);

private:
    Core::HttpHeaderList m_headers;
};

} // namespace Patchbay::Ui
