#include "ui/websocket/websocketrequestpage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Patchbay::Ui {

using Core::WebSocketPayload;

WebSocketRequestPage::WebSocketRequestPage(QWidget *parent)
    : QWidget(parent)
    , m_subprotocols(new QLineEdit(this))
    , m_expect(new QSpinBox(this))
    , m_messages(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_send(new QPushButton(tr("Send"), this))
{
    m_subprotocols->setObjectName(QStringLiteral("webSocketSubprotocols"));
    m_subprotocols->setPlaceholderText(tr("e.g. chat.v2, chat.v1 (in order of preference)"));
    m_subprotocols->setToolTip(tr("Offered in Sec-WebSocket-Protocol; the server picks one"));
    m_expect->setObjectName(QStringLiteral("webSocketExpect"));
    m_expect->setRange(0, 100000);
    m_expect->setToolTip(tr("In a run: wait for this many received messages before closing "
                            "and checking the tests (0: close once the messages are sent)"));

    m_messages->setObjectName(QStringLiteral("webSocketMessages"));
    m_messages->setHorizontalHeaderLabels({tr("Name"), tr("Format"), tr("Text")});
    m_messages->horizontalHeader()->setStretchLastSection(true);
    m_messages->verticalHeader()->hide();
    m_messages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_messages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messages->setAccessibleName(tr("Saved messages"));
    m_messages->setToolTip(tr("Unchecked messages are kept but not sent by runs"));
    m_messages->setAccessibleDescription(
        tr("The request's saved messages: name, format and text; unchecked ones are kept but "
           "not sent by runs"));
    m_subprotocols->setAccessibleName(tr("Subprotocols"));
    m_subprotocols->setAccessibleDescription(m_subprotocols->toolTip());
    m_expect->setAccessibleName(tr("Messages a run waits for"));
    m_expect->setAccessibleDescription(m_expect->toolTip());

    m_add->setObjectName(QStringLiteral("webSocketAddMessage"));
    m_remove->setObjectName(QStringLiteral("webSocketRemoveMessage"));
    m_send->setObjectName(QStringLiteral("webSocketSendSaved"));
    m_send->setToolTip(tr("Send the selected message on the open connection"));
    m_add->setAccessibleDescription(tr("Add a saved message"));
    m_add->setToolTip(m_add->accessibleDescription());
    m_remove->setAccessibleDescription(tr("Remove the selected saved message"));
    m_remove->setToolTip(m_remove->accessibleDescription());
    m_send->setAccessibleDescription(m_send->toolTip());

    auto *form = new QFormLayout;
    form->addRow(tr("Subprotocols:"), m_subprotocols);
    form->addRow(tr("Messages a run waits for:"), m_expect);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Saved messages (sent in order by runs):"), this), 1);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_messages, 1);

    connect(this, &WebSocketRequestPage::edited, this, &WebSocketRequestPage::messagesChanged);
    connect(m_subprotocols, &QLineEdit::textEdited, this, &WebSocketRequestPage::edited);
    connect(m_expect, &QSpinBox::valueChanged, this, [this] {
        if (!m_loading)
            emit edited();
    });
    connect(m_messages, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            emit edited();
    });
    connect(m_messages, &QTableWidget::itemSelectionChanged, this,
            &WebSocketRequestPage::updateButtons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        Core::WebSocketMessage message;
        message.name = tr("Message %1").arg(m_messages->rowCount() + 1);
        addMessage(message);
        m_messages->setCurrentCell(m_messages->rowCount() - 1, TextColumn);
        m_messages->editItem(m_messages->currentItem());
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_messages->currentRow();
        if (row < 0)
            return;
        m_messages->removeRow(row);
        updateButtons();
        emit edited();
    });
    connect(m_send, &QPushButton::clicked, this, [this] {
        const int row = m_messages->currentRow();
        if (row >= 0 && m_connected)
            emit sendRequested(messageAt(row));
    });
    updateButtons();
}

WebSocketRequestPage::~WebSocketRequestPage() = default;

void WebSocketRequestPage::appendRow(const Core::WebSocketMessage &message)
{
    const int row = m_messages->rowCount();
    m_messages->insertRow(row);
    auto *name = new QTableWidgetItem(message.name);
    name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
    name->setCheckState(message.enabled ? Qt::Checked : Qt::Unchecked);
    m_messages->setItem(row, NameColumn, name);
    auto *format = new QComboBox(m_messages); // owned by the table once set
    format->addItem(tr("Text"), int(WebSocketPayload::Text));
    format->addItem(tr("JSON"), int(WebSocketPayload::Json));
    format->addItem(tr("Binary (hex)"), int(WebSocketPayload::Binary));
    format->setCurrentIndex(format->findData(int(message.payload)));
    format->setAccessibleName(tr("Format of the saved message"));
    format->setAccessibleDescription(tr("Text, JSON, or binary written in hex"));
    connect(format, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            emit edited();
    });
    m_messages->setCellWidget(row, FormatColumn, format);
    m_messages->setItem(row, TextColumn, new QTableWidgetItem(message.text));
}

Core::WebSocketMessage WebSocketRequestPage::messageAt(int row) const
{
    Core::WebSocketMessage message;
    if (const QTableWidgetItem *name = m_messages->item(row, NameColumn)) {
        message.name = name->text();
        message.enabled = name->checkState() == Qt::Checked;
    }
    if (const auto *format = qobject_cast<QComboBox *>(m_messages->cellWidget(row, FormatColumn)))
        message.payload = WebSocketPayload(format->currentData().toInt());
    if (const QTableWidgetItem *text = m_messages->item(row, TextColumn))
        message.text = text->text();
    return message;
}

Core::WebSocketOptions WebSocketRequestPage::options() const
{
    Core::WebSocketOptions options;
    for (const QString &part : m_subprotocols->text().split(u',', Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            options.subprotocols.append(trimmed);
    }
    options.expectMessages = m_expect->value();
    for (int row = 0; row < m_messages->rowCount(); ++row)
        options.messages.append(messageAt(row));
    return options;
}

void WebSocketRequestPage::setOptions(const Core::WebSocketOptions &options)
{
    m_loading = true;
    m_subprotocols->setText(options.subprotocols.join(QStringLiteral(", ")));
    m_expect->setValue(options.expectMessages);
    m_messages->setRowCount(0);
    for (const Core::WebSocketMessage &message : options.messages)
        appendRow(message);
    m_messages->resizeColumnToContents(NameColumn);
    m_loading = false;
    updateButtons();
    emit messagesChanged();
}

void WebSocketRequestPage::addMessage(const Core::WebSocketMessage &message)
{
    m_loading = true;
    appendRow(message);
    m_loading = false;
    updateButtons();
    emit edited();
}

void WebSocketRequestPage::setConnected(bool connected)
{
    m_connected = connected;
    updateButtons();
}

void WebSocketRequestPage::updateButtons()
{
    const bool selected = m_messages->currentRow() >= 0 && !m_messages->selectedItems().isEmpty();
    m_remove->setEnabled(selected);
    m_send->setEnabled(selected && m_connected);
    m_send->setToolTip(m_connected ? tr("Send the selected message on the open connection")
                                   : tr("Connect first"));
}

} // namespace Patchbay::Ui
