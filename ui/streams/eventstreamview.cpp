#include "ui/streams/eventstreamview.h"

#include "core/graphql/graphqlsubscription.h"
#include "core/json/jsonformatter.h"
#include "core/json/jsonparser.h"
#include "core/sse/eventstreamsession.h"
#include "ui/streams/eventstreammodel.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
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

EventStreamView::EventStreamView(qsizetype maxEvents, QWidget *parent)
    : QWidget(parent)
    , m_model(new EventStreamModel(maxEvents, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_status(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_reconnect(new QCheckBox(tr("Reconnect"), this))
    , m_table(new QTableView(this))
    , m_data(new QPlainTextEdit(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1); // every column: id, event type and data
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter events"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter events"));
    m_filter->setMinimumWidth(m_filter->fontMetrics().horizontalAdvance(u'x') * 24);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateStatus();
    });
    m_stop->setToolTip(tr("Stop listening to the stream"));
    m_stop->setEnabled(false);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->stop();
        if (m_subscription)
            m_subscription->stop();
    });
    m_reconnect->setToolTip(tr("When the stream ends or the connection drops, send the request "
                               "again with the last event's id (Last-Event-ID), after the "
                               "server's retry delay"));
    m_reconnect->setAccessibleName(tr("Reconnect"));
    m_reconnect->setAccessibleDescription(m_reconnect->toolTip());
    m_reconnect->setEnabled(false);
    connect(m_reconnect, &QCheckBox::toggled, this, &EventStreamView::onReconnectToggled);

    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Room for what the first columns usually hold, so that the data gets the rest; the user
    // can widen them (sizing to contents would measure every row as events arrive).
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics metrics = m_table->fontMetrics();
    header->resizeSection(EventStreamModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 20);
    header->resizeSection(EventStreamModel::IdColumn,
                          metrics.horizontalAdvance(QStringLiteral("0000000")) + 16);
    header->resizeSection(EventStreamModel::TypeColumn,
                          metrics.horizontalAdvance(QStringLiteral("message.update")) + 16);
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
    bar->addWidget(m_reconnect);
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

void EventStreamView::detach()
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_subscription)
        disconnect(m_subscription, nullptr, this, nullptr);
    m_session = nullptr;
    m_subscription = nullptr;
}

void EventStreamView::attach(Core::GraphQlSubscription *subscription)
{
    detach();
    m_subscription = subscription;
    m_model->clear();
    m_ended = false;
    m_reconnectText.clear();
    m_connection = 0;
    m_reconnect->hide();
    m_stop->setToolTip(tr("Complete the subscription and close the connection"));
    if (subscription) {
        for (const Core::ServerSentEvent &event : subscription->events())
            m_model->append(event);
        connect(subscription, &Core::GraphQlSubscription::eventReceived, this,
                &EventStreamView::onEvent);
        connect(subscription, &Core::GraphQlSubscription::finished, this,
                &EventStreamView::onFinished);
        connect(subscription, &Core::GraphQlSubscription::subscribed, this,
                &EventStreamView::updateStatus);
    }
    m_stop->setEnabled(subscription && subscription->isActive());
    updateStatus();
}

void EventStreamView::attach(Core::EventStreamSession *session)
{
    detach();
    m_session = session;
    m_reconnect->show();
    m_model->clear();
    m_ended = false;
    m_reconnectText.clear();
    m_connection = session ? session->connections() - 1 : 0;
    if (session) {
        for (const Core::ServerSentEvent &event : session->events())
            m_model->append(event);
        connect(session, &Core::EventStreamSession::eventReceived, this, &EventStreamView::onEvent);
        connect(session, &Core::EventStreamSession::finished, this, &EventStreamView::onFinished);
        connect(session, &Core::EventStreamSession::connected, this,
                [this](const Core::Response &, int connection) { onConnected(connection); });
        connect(session, &Core::EventStreamSession::reconnecting, this,
                &EventStreamView::onReconnecting);
    }
    const bool active = session && session->isActive();
    m_stop->setEnabled(active);
    {
        const QSignalBlocker quiet(m_reconnect); // showing the option is not choosing it
        m_reconnect->setChecked(session && session->options().reconnect);
    }
    m_reconnect->setEnabled(active);
    updateStatus();
}

Core::EventStreamSession *EventStreamView::session() const
{
    return m_session;
}

void EventStreamView::onConnected(int connection)
{
    m_connection = connection;
    m_reconnectText.clear();
    updateStatus();
}

void EventStreamView::onReconnecting(int attempt, qint64 delayMs, const QString &lastEventId)
{
    // Whole seconds read better; a server's short retry (50 ms) still says "in 0.1 s".
    const QString delay = delayMs >= 1000 && delayMs % 1000 == 0
        ? tr("%1 s").arg(delayMs / 1000)
        : tr("%1 s").arg(QLocale().toString(double(delayMs) / 1000.0, 'g', 3));
    m_reconnectText = lastEventId.isEmpty()
        ? tr("Reconnecting in %1 (attempt %2)").arg(delay).arg(attempt)
        : tr("Reconnecting in %1 (attempt %2), Last-Event-ID: %3")
              .arg(delay)
              .arg(attempt)
              .arg(lastEventId);
    updateStatus();
}

void EventStreamView::onReconnectToggled(bool reconnect)
{
    if (m_session && m_session->isActive()) {
        m_session->setReconnect(reconnect);
        // Turned off while waiting to reconnect: there is no connection left to listen to.
        if (!reconnect && !m_reconnectText.isEmpty())
            m_session->stop();
    }
    emit reconnectToggled(reconnect);
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
    m_reconnectText.clear();
    m_stop->setEnabled(false);
    m_reconnect->setEnabled(false);
    if (stoppedByUser)
        m_endText = tr("Stopped");
    else if (response.isError())
        m_endText = tr("Ended: %1").arg(response.errorMessage);
    else if (m_subscription)
        m_endText = tr("The server completed the subscription");
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
    QString count = tr("%n event(s)", nullptr, int(qMin<qint64>(m_model->appended(), 1 << 30)));
    if (!m_filter->text().isEmpty())
        count = tr("%1, %2 shown").arg(count).arg(m_proxy->rowCount());
    if (m_ended)
        m_status->setText(m_endText + QStringLiteral(" · ") + count);
    else if (!m_reconnectText.isEmpty())
        m_status->setText(m_reconnectText + QStringLiteral(" · ") + count);
    else if (m_subscription)
        m_status->setText(m_subscription->isSubscribed() ? tr("Subscribed… %1").arg(count)
                                                         : tr("Subscribing… %1").arg(count));
    else if (m_session && m_connection > 0)
        m_status->setText(tr("Streaming (connection %1)… %2").arg(m_connection + 1).arg(count));
    else if (m_session)
        m_status->setText(tr("Streaming… %1").arg(count));
    else
        m_status->setText(count);
}

} // namespace Patchbay::Ui
