#include "ui/websocket/websocketlogview.h"

#include "core/json/jsonformatter.h"
#include "core/json/jsonparser.h"
#include "core/websocket/websocketsession.h"
#include "ui/websocket/websocketlogmodel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using Entry = Core::WebSocketEntry;

namespace {

// Larger messages are shown as they came: pretty-printing them would hold the UI thread.
constexpr qsizetype kMaxPrettyBytes = 1024 * 1024;
// A hex dump of more than this is cut (16 bytes a line, 4096 lines).
constexpr qsizetype kMaxDumpBytes = 64 * 1024;

QString prettyText(const QByteArray &data)
{
    const QByteArray trimmed = data.trimmed();
    if (trimmed.size() > kMaxPrettyBytes || (!trimmed.startsWith('{') && !trimmed.startsWith('[')))
        return QString::fromUtf8(data);
    if (!Core::parseJson(trimmed).ok())
        return QString::fromUtf8(data);
    return QString::fromUtf8(Core::prettyPrintJson(trimmed));
}

QString hexDump(const QByteArray &data)
{
    QString out;
    const qsizetype shown = qMin(data.size(), kMaxDumpBytes);
    for (qsizetype offset = 0; offset < shown; offset += 16) {
        const QByteArray line = data.mid(offset, qMin<qsizetype>(16, shown - offset));
        out += QString::number(offset, 16).rightJustified(8, u'0') + QStringLiteral("  ");
        out += QString::fromLatin1(line.toHex(' ')).leftJustified(16 * 3, u' ');
        out += u' ';
        for (const char c : line)
            out += c >= 0x20 && c < 0x7f ? QChar(QLatin1Char(c)) : QChar(u'.');
        out += u'\n';
    }
    if (shown < data.size())
        out += QStringLiteral("…\n");
    return out;
}

} // namespace

WebSocketLogView::WebSocketLogView(QWidget *parent)
    : QWidget(parent)
    , m_model(new WebSocketLogModel(5000, 64LL * 1024 * 1024, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_message(new QPlainTextEdit(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(WebSocketLogModel::MessageColumn);
    m_proxy->setFilterRole(WebSocketLogModel::SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setObjectName(QStringLiteral("webSocketSearch"));
    m_search->setPlaceholderText(tr("Search messages"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search messages"));
    m_search->setAccessibleDescription(tr("Shows only the messages that contain this text"));
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_table->setObjectName(QStringLiteral("webSocketLog"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics metrics = m_table->fontMetrics();
    header->resizeSection(WebSocketLogModel::DirectionColumn,
                          metrics.horizontalAdvance(tr("↓ Received")) + 20);
    header->resizeSection(WebSocketLogModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 20);
    header->resizeSection(WebSocketLogModel::TypeColumn,
                          metrics.horizontalAdvance(tr("Binary")) + 24);
    header->resizeSection(WebSocketLogModel::SizeColumn,
                          metrics.horizontalAdvance(QStringLiteral("1023.9 KB")) + 16);
    m_table->setAccessibleName(tr("Messages"));
    m_table->setAccessibleDescription(
        tr("Each message sent and received: direction, time, type, size and its start"));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WebSocketLogView::showSelected);

    m_message->setObjectName(QStringLiteral("webSocketMessage"));
    m_message->setReadOnly(true);
    m_message->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_message->setPlaceholderText(tr("Select a message to see all of it"));
    m_message->setAccessibleName(tr("Selected message"));
    m_message->setAccessibleDescription(tr("All of the selected message, JSON pretty-printed"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_table);
    split->addWidget(m_message);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(split, 1);
}

WebSocketLogView::~WebSocketLogView() = default;

void WebSocketLogView::append(const Entry &entry)
{
    QScrollBar *scroll = m_table->verticalScrollBar();
    const bool atEnd = scroll->value() == scroll->maximum();
    m_model->append(entry);
    if (atEnd)
        m_table->scrollToBottom();
}

void WebSocketLogView::clear()
{
    m_model->clear();
    m_message->clear();
}

QString WebSocketLogView::detailText(const Entry &e)
{
    QString text;
    switch (e.kind) {
    case Entry::Kind::Text:
        text = prettyText(e.data);
        break;
    case Entry::Kind::Binary:
    case Entry::Kind::Ping:
    case Entry::Kind::Pong:
        text = hexDump(e.data);
        if (e.kind == Entry::Kind::Pong)
            text = tr("Round trip: %1").arg(e.detail) + u'\n' + text;
        break;
    case Entry::Kind::Closed:
        text = tr("Close code %1: %2").arg(e.closeCode).arg(e.detail);
        break;
    case Entry::Kind::Opened:
        text = WebSocketLogModel::summary(e);
        break;
    case Entry::Kind::Error:
        text = e.detail;
        break;
    }
    if (!e.detail.isEmpty() && (e.kind == Entry::Kind::Text || e.kind == Entry::Kind::Binary))
        text = e.detail + u'\n' + text; // "3 frames"
    if (e.truncated)
        text += u'\n'
            + tr("(Only the first %1 of this %2 message are kept in the log.)")
                  .arg(QLocale().formattedDataSize(e.data.size()),
                       QLocale().formattedDataSize(e.size));
    return text;
}

void WebSocketLogView::showSelected()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_message->clear();
        return;
    }
    m_message->setPlainText(detailText(m_model->entry(current.row())));
}

} // namespace Patchbay::Ui
