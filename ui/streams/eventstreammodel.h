#pragma once

#include "core/sse/eventstreamparser.h"

#include <QAbstractTableModel>

#include <deque>

namespace Patchbay::Ui {

// The events of a Server-Sent Events stream as they arrive, one row each: the time it arrived,
// its id, its event type and its data on one line. Keeps the last `capacity` events (the oldest
// rows are removed first), so an endless stream keeps the view's memory bounded.
class EventStreamModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStreamModel)

public:
    enum Column { TimeColumn, IdColumn, TypeColumn, DataColumn, ColumnCount };

    explicit EventStreamModel(qsizetype capacity = 10000, QObject *parent = nullptr);
    ~EventStreamModel() override;

    void append(const Core::ServerSentEvent &event);
    void clear();
    qsizetype capacity() const { return m_capacity; }
    // Events appended in all, shown or not.
    qint64 appended() const { return m_appended; }
    const Core::ServerSentEvent &event(int row) const { return m_events[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::deque<Core::ServerSentEvent> m_events;
    qsizetype m_capacity;
    qint64 m_appended = 0;
};

} // namespace Patchbay::Ui
