#include "ui/websocket/websocketlogmodel.h"

#include <QLocale>

namespace Patchbay::Ui {

using Entry = Core::WebSocketEntry;

namespace {

// A table cell shows the start of a message on one line; the detail pane shows all of it.
constexpr qsizetype kPreviewChars = 200;
constexpr qsizetype kPreviewBytes = 48;
// What a search looks at in one message: enough for any message a person reads.
constexpr qsizetype kSearchBytes = 256 * 1024;

QString oneLine(QString text)
{
    const bool cut = text.size() > kPreviewChars;
    text.truncate(kPreviewChars);
    for (QChar &ch : text) {
        if (ch == u'\n' || ch == u'\r' || ch == u'\t')
            ch = u' ';
    }
    if (cut)
        text += u'…';
    return text;
}

} // namespace

WebSocketLogModel::WebSocketLogModel(qsizetype capacity, qint64 maxBytes, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax<qsizetype>(1, capacity))
    , m_maxBytes(maxBytes)
{ }

WebSocketLogModel::~WebSocketLogModel() = default;

void WebSocketLogModel::dropFront()
{
    beginRemoveRows({}, 0, 0);
    m_bytes -= m_entries.front().data.size();
    m_entries.pop_front();
    endRemoveRows();
}

void WebSocketLogModel::append(const Entry &entry)
{
    while (
        !m_entries.empty()
        && (qsizetype(m_entries.size()) >= m_capacity || m_bytes + entry.data.size() > m_maxBytes))
        dropFront();
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(entry);
    m_bytes += entry.data.size();
    ++m_appended;
    endInsertRows();
}

void WebSocketLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_bytes = 0;
    m_appended = 0;
    endResetModel();
}

int WebSocketLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int WebSocketLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WebSocketLogModel::typeName(Entry::Kind kind)
{
    switch (kind) {
    case Entry::Kind::Opened:
        return tr("Open");
    case Entry::Kind::Text:
        return tr("Text");
    case Entry::Kind::Binary:
        return tr("Binary");
    case Entry::Kind::Ping:
        return tr("Ping");
    case Entry::Kind::Pong:
        return tr("Pong");
    case Entry::Kind::Closed:
        return tr("Close");
    case Entry::Kind::Error:
        return tr("Error");
    }
    return {};
}

QString WebSocketLogModel::summary(const Entry &e)
{
    switch (e.kind) {
    case Entry::Kind::Opened:
        return e.detail.isEmpty() ? tr("Connected") : tr("Connected, subprotocol %1").arg(e.detail);
    case Entry::Kind::Text:
        return oneLine(QString::fromUtf8(e.data.left(kPreviewChars * 4)));
    case Entry::Kind::Binary:
    case Entry::Kind::Ping: {
        QString hex = QString::fromLatin1(e.data.left(kPreviewBytes).toHex(' '));
        if (e.data.size() > kPreviewBytes)
            hex += u'…';
        return hex;
    }
    case Entry::Kind::Pong: {
        const QString payload = QString::fromLatin1(e.data.left(kPreviewBytes).toHex(' '));
        return payload.isEmpty() ? tr("round trip %1").arg(e.detail)
                                 : tr("round trip %1, %2").arg(e.detail, payload);
    }
    case Entry::Kind::Closed:
        return tr("%1 %2").arg(e.closeCode).arg(oneLine(e.detail));
    case Entry::Kind::Error:
        return oneLine(e.detail);
    }
    return {};
}

QVariant WebSocketLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    if (role == SearchRole) {
        QString text = typeName(e.kind) + u' ' + e.detail + u' ';
        if (e.kind == Entry::Kind::Text)
            text += QString::fromUtf8(e.data.left(kSearchBytes));
        else
            text += summary(e);
        return text;
    }
    if (role == Qt::ToolTipRole) {
        if (e.truncated)
            return tr("Only the first %1 of this message are kept in the log.")
                .arg(QLocale().formattedDataSize(e.data.size()));
        if (index.column() == MessageColumn && e.kind == Entry::Kind::Closed)
            return tr("Close code %1: %2").arg(e.closeCode).arg(e.detail);
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case DirectionColumn:
        switch (e.direction) {
        case Entry::Direction::Sent:
            return tr("↑ Sent");
        case Entry::Direction::Received:
            return tr("↓ Received");
        case Entry::Direction::Local:
            return QStringLiteral("·");
        }
        return {};
    case TimeColumn:
        return e.at.toString(QStringLiteral("HH:mm:ss.zzz"));
    case TypeColumn:
        return typeName(e.kind);
    case SizeColumn:
        if (e.kind == Entry::Kind::Opened || e.kind == Entry::Kind::Error)
            return QString();
        return QLocale().formattedDataSize(e.size, 1, QLocale::DataSizeTraditionalFormat);
    case MessageColumn:
        return summary(e);
    default:
        return {};
    }
}

QVariant WebSocketLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DirectionColumn:
        return tr("Direction");
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace Patchbay::Ui
