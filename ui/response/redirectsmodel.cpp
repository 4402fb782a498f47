#include "ui/response/redirectsmodel.h"

#include <QStringList>

namespace Patchbay::Ui {

RedirectsModel::RedirectsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

RedirectsModel::~RedirectsModel() = default;

void RedirectsModel::setRedirects(const QList<Core::RedirectHop> &hops)
{
    beginResetModel();
    m_hops = hops;
    endResetModel();
}

int RedirectsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hops.size());
}

int RedirectsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RedirectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const Core::RedirectHop &hop = m_hops.at(index.row());
    switch (index.column()) {
    case StatusColumn:
        return QString::number(hop.statusCode);
    case MethodColumn:
        if (!hop.nextMethod.isEmpty() && hop.nextMethod != hop.method)
            return tr("%1 → %2").arg(hop.method, hop.nextMethod);
        return hop.method;
    case UrlColumn:
        return hop.url.toDisplayString();
    case LocationColumn:
        return hop.location.toDisplayString();
    case DroppedColumn: {
        QStringList names;
        for (const QByteArray &name : hop.droppedHeaders)
            names.append(QString::fromLatin1(name));
        if (names.isEmpty())
            return role == Qt::ToolTipRole ? tr("No credentials were removed") : QString();
        return names.join(QLatin1String(", "));
    }
    default:
        return {};
    }
}

QVariant RedirectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case LocationColumn:
        return tr("Location");
    case DroppedColumn:
        return tr("Dropped credentials");
    default:
        return {};
    }
}

} // namespace Patchbay::Ui
