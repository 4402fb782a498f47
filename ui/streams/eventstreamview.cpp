#include "ui/streams/eventstreamview.h"

#include "core/json/jsonformatter.h"
#include "core/json/jsonparser.h"
#include "core/sse/eventstreamsession.h"
#include "ui/streams/eventstreammodel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchbay::Ui {

namespace {

// Larger data is shown as it came: pretty-printing it would hold the UI thread.
constexpr qsizetype kMaxPrettyChars = 1024 * 1024;

QString prettyData(const QString &data)
{
    const QString trimmed = data.trimmed();
    if (trimmed.size() > kMaxPrettyChars
        || (!trimmed.startsWith(u'{') && !trimmed.startsWith(u'[')))
        return data;
    const QByteArray bytes = trimmed.toUtf8();
    if (!Core::parseJson(bytes).ok())
        return data;
    return QString::fromUtf8(Core::prettyPrintJson(bytes));
}

} // namespace

EventStreamView::EventStreamView(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventStreamModel(10000, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_status(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_table(new QTableView(this))
    , m_data(new QPlainTextEdit(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1); // every column: id, event type and data
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter events"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter events"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_stop->setToolTip(tr("Stop listening to the stream"));
    m_stop->setEnabled(false);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->stop();
    });

    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Events"));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventStreamView::showSelected);

    m_data->setReadOnly(true);
    m_data->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_data->setPlaceholderText(tr("Select an event to see its data"));
    m_data->setAccessibleName(tr("Event data"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_filter);
    bar->addWidget(m_stop);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_data);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    updateStatus();
}

EventStreamView::~EventStreamView() = default;

void EventStreamView::attach(Core::EventStreamSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_model->clear();
    m_ended = false;
    if (session) {
        for (const Core::ServerSentEvent &event : session->events())
            m_model->append(event);
        connect(session, &Core::EventStreamSession::eventReceived, this, &EventStreamView::onEvent);
        connect(session, &Core::EventStreamSession::finished, this, &EventStreamView::onFinished);
    }
    m_stop->setEnabled(session && session->isActive());
    updateStatus();
}

void EventStreamView::onEvent(const Core::ServerSentEvent &event)
{
    // Follow the newest event unless the user scrolled up to read an older one.
    QScrollBar *scroll = m_table->verticalScrollBar();
    const bool atEnd = scroll->value() == scroll->maximum();
    m_model->append(event);
    if (atEnd)
        m_table->scrollToBottom();
    updateStatus();
}

void EventStreamView::onFinished(const Core::Response &response, bool stoppedByUser)
{
    m_ended = true;
    m_stop->setEnabled(false);
    if (stoppedByUser)
        m_endText = tr("Stopped");
    else if (response.isError())
        m_endText = tr("Ended: %1").arg(response.errorMessage);
    else
        m_endText = tr("The server ended the stream");
    updateStatus();
}

void EventStreamView::showSelected()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_data->clear();
        return;
    }
    m_data->setPlainText(prettyData(m_model->event(current.row()).data));
}

void EventStreamView::updateStatus()
{
    const QString count
        = tr("%n event(s)", nullptr, int(qMin<qint64>(m_model->appended(), 1 << 30)));
    if (m_ended)
        m_status->setText(m_endText + QStringLiteral(" · ") + count);
    else if (m_session)
        m_status->setText(tr("Streaming… %1").arg(count));
    else
        m_status->setText(count);
}

} // namespace Patchbay::Ui
