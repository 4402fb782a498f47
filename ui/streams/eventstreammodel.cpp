#include "ui/streams/eventstreammodel.h"

namespace Patchbay::Ui {

namespace {

// A table cell shows the start of the data on one line; the detail pane shows all of it.
constexpr qsizetype kPreviewChars = 200;

} // namespace

EventStreamModel::EventStreamModel(qsizetype capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax<qsizetype>(1, capacity))
{ }

EventStreamModel::~EventStreamModel() = default;

void EventStreamModel::append(const Core::ServerSentEvent &event)
{
    if (qsizetype(m_events.size()) >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_events.pop_front();
        endRemoveRows();
    }
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.push_back(event);
    ++m_appended;
    endInsertRows();
}

void EventStreamModel::clear()
{
    beginResetModel();
    m_events.clear();
    m_appended = 0;
    endResetModel();
}

int EventStreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventStreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventStreamModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Core::ServerSentEvent &e = m_events[size_t(index.row())];
    if (role == Qt::ToolTipRole && index.column() == DataColumn && e.truncated)
        return tr("The data was longer than the limit and was cut.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return e.receivedAt.toString(QStringLiteral("HH:mm:ss.zzz"));
    case IdColumn:
        return e.lastEventId;
    case TypeColumn:
        return e.type;
    case DataColumn: {
        QString line = e.data.left(kPreviewChars);
        line.replace(u'\n', u' ');
        if (e.data.size() > kPreviewChars)
            line += u'…';
        return line;
    }
    default:
        return {};
    }
}

QVariant EventStreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case IdColumn:
        return tr("Id");
    case TypeColumn:
        return tr("Event");
    case DataColumn:
        return tr("Data");
    default:
        return {};
    }
}

} // namespace Patchbay::Ui
