#pragma once

#include "core/websocket/websocketsession.h"

#include <QAbstractTableModel>

#include <deque>

namespace Patchbay::Ui {

// The log of a WebSocket session, one row per entry: direction, time, type, size and the start
// of the message on one line (docs/STREAMS.md). Keeps the last `capacity` entries and at most
// `maxBytes` of message data in all (the oldest rows go first), so an endless connection keeps
// the window's memory bounded.
class WebSocketLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketLogModel)

public:
    enum Column { DirectionColumn, TimeColumn, TypeColumn, SizeColumn, MessageColumn, ColumnCount };
    // The whole text a search looks at: type, direction and the message (or its detail).
    static constexpr int SearchRole = Qt::UserRole + 1;

    explicit WebSocketLogModel(qsizetype capacity = 5000, qint64 maxBytes = 64LL * 1024 * 1024,
                               QObject *parent = nullptr);
    ~WebSocketLogModel() override;

    void append(const Core::WebSocketEntry &entry);
    void clear();
    qsizetype capacity() const { return m_capacity; }
    // Entries appended in all, shown or not.
    qint64 appended() const { return m_appended; }
    const Core::WebSocketEntry &entry(int row) const { return m_entries[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Text", "Binary", "Ping"... for people.
    static QString typeName(Core::WebSocketEntry::Kind kind);
    // One line about the entry: the start of a text message, the first bytes of a binary one in
    // hex, a close's code and meaning, an error's message.
    static QString summary(const Core::WebSocketEntry &entry);

private:
    void dropFront();

    std::deque<Core::WebSocketEntry> m_entries;
    qsizetype m_capacity;
    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    qint64 m_appended = 0;
};

} // namespace Patchbay::Ui
