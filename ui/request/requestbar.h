#pragma once

#include <QWidget>

class QComboBox;
class QPushButton;

namespace Patchbay::Ui {

class UrlLineEdit;

// The top row of RequestEditor, one bar: the method (or WS, the WebSocket kind), the URL and
// the one button that sends. For http it reads Send, or Cancel while busy; for a WebSocket
// request it follows the connection: Connect, Connecting…, Disconnect, Disconnecting….
class RequestBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestBar)

public:
    enum class Connection { Closed, Connecting, Open, Closing };

    explicit RequestBar(QWidget *parent = nullptr);

    QComboBox *methodCombo() const { return m_method; }
    UrlLineEdit *urlEdit() const { return m_url; }
    QPushButton *sendButton() const { return m_send; }

    // Picks `method` in the list, or shows it as typed (GET when empty).
    void setMethod(const QString &method);
    bool isWebSocket() const;
    // What the button says and does: `busy` for http, `connection` for WebSocket.
    void setSendState(bool busy, Connection connection);

signals:
    // The method changed, typed or chosen (also by setMethod()).
    void methodChanged();
    void sendClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onMethodEdited(const QString &text);
    void updateMethodColour();
    void updateSendButton();

    bool m_busy = false;
    Connection m_connection = Connection::Closed;
    QComboBox *m_method = nullptr; // owned (child)
    UrlLineEdit *m_url = nullptr; // owned (child)
    QPushButton *m_send = nullptr; // owned (child)
};

} // namespace Patchbay::Ui
