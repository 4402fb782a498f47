#include "ui/response/headersmodel.h"

#include "ui/response/bodysniffer.h"

#include <QFontDatabase>

#include <algorithm>

namespace Patchbay::Ui {

HeadersModel::HeadersModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

HeadersModel::~HeadersModel() = default;

QString HeadersModel::headerText(const QByteArray &bytes)
{
    // HTTP says Latin-1, servers often send UTF-8.
    return isUtf8Text(bytes, false) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

void HeadersModel::setHeaders(const Core::HttpHeaderList &headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::HttpHeader &header = m_headers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case Qt::ToolTipRole:
        return headerText(index.column() == NameColumn ? header.name : header.value);
    case Qt::FontRole:
        if (index.column() == NameColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

QString HeadersModel::toText(const QList<int> &rows) const
{
    QList<int> selected = rows;
    if (selected.isEmpty()) {
        for (int row = 0; row < m_headers.size(); ++row)
            selected.append(row);
    }
    std::sort(selected.begin(), selected.end());
    selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
    QString text;
    for (const int row : std::as_const(selected)) {
        if (row < 0 || row >= m_headers.size())
            continue;
        const Core::HttpHeader &h = m_headers.at(row);
        text += headerText(h.name) + QLatin1String(": ") + headerText(h.value) + QLatin1Char('\n');
    }
    return text;
}

} // namespace Patchbay::Ui
