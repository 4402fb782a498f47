#pragma once

#include "core/http/response.h"

#include <QAbstractTableModel>

namespace Patchbay::Ui {

// The redirects a request followed, one row per hop: what answered and where it sent us.
class RedirectsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RedirectsModel)

public:
    enum Column {
        StatusColumn,
        MethodColumn,
        UrlColumn,
        LocationColumn,
        DroppedColumn, // credentials removed because the origin changed
        ColumnCount
    };

    explicit RedirectsModel(QObject *parent = nullptr);
    ~RedirectsModel() override;

    void setRedirects(const QList<Core::RedirectHop> &hops);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Core::RedirectHop> m_hops;
};

} // namespace Patchbay::Ui
