#pragma once

#include "core/websocket/websocketrequest.h"

#include <QWidget>

class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Patchbay::Ui {

// The request editor's page for a WebSocket request (docs/FORMAT.md, `websocket:`): the
// subprotocols it offers, how many messages a run waits for, and its saved messages (name,
// format, text, enabled), each of which can be sent on the open connection.
class WebSocketRequestPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketRequestPage)

public:
    explicit WebSocketRequestPage(QWidget *parent = nullptr);
    ~WebSocketRequestPage() override;

    Core::WebSocketOptions options() const;
    // Shows `options`; does not emit edited().
    void setOptions(const Core::WebSocketOptions &options);
    // Appends a saved message (from the composer's "Save as message") and emits edited().
    void addMessage(const Core::WebSocketMessage &message);
    // "Send" is offered while connected.
    void setConnected(bool connected);

    QLineEdit *subprotocolsEdit() const { return m_subprotocols; }
    QTableWidget *messagesTable() const { return m_messages; }
    QPushButton *sendButton() const { return m_send; }

signals:
    void edited();
    // The saved messages may differ: shown by setOptions(), or edited.
    void messagesChanged();
    void sendRequested(const Patchbay::Core::WebSocketMessage &message);

private:
    enum Column { NameColumn, FormatColumn, TextColumn, ColumnCount };
    void appendRow(const Core::WebSocketMessage &message);
    Core::WebSocketMessage messageAt(int row) const;
    void updateButtons();

    QLineEdit *m_subprotocols; // owned (child)
    QSpinBox *m_expect; // owned (child)
    QTableWidget *m_messages; // owned (child)
    QPushButton *m_add; // owned (child)
    QPushButton *m_remove; // owned (child)
    QPushButton *m_send; // owned (child)
    bool m_loading = false;
    bool m_connected = false;
};

} // namespace Patchbay::Ui
