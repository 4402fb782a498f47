#pragma once

#include "core/websocket/websocketrequest.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Patchbay::Ui {

// Writes the next message of a WebSocket connection (docs/STREAMS.md): text, JSON (checked as
// typed; Send is refused until it parses) or binary written in hex ("00 ff 10") or base64. The
// request's saved messages are offered in a menu, and what is typed can be saved as one.
class WebSocketComposer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketComposer)

public:
    enum class Format { Text, Json, Hex, Base64 };

    explicit WebSocketComposer(QWidget *parent = nullptr);
    ~WebSocketComposer() override;

    Format format() const;
    void setFormat(Format format);
    QString text() const;
    void setText(const QString &text);
    // Shows `message` in the composer (a saved message picked from the menu).
    void load(const Core::WebSocketMessage &message);
    // The saved messages the menu offers.
    void setTemplates(const QList<Core::WebSocketMessage> &templates);
    // Send is offered only while connected.
    void setConnected(bool connected);

    // What is typed as a frame: the bytes (text as UTF-8) and whether it is binary. An empty
    // string and the problem when it cannot be sent as it is (JSON that does not parse, hex or
    // base64 that does not decode).
    struct Message
    {
        QByteArray data;
        bool binary = false;
    };
    Message message(QString *problem = nullptr) const;

    QComboBox *formatCombo() const { return m_format; }
    QPlainTextEdit *editor() const { return m_text; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *templatesButton() const { return m_templates; }
    QLabel *problemLabel() const { return m_problem; }

signals:
    void sendRequested(const QByteArray &data, bool binary);
    // "Save as message": the request gets `message` among its saved messages.
    void saveRequested(const Patchbay::Core::WebSocketMessage &message);

private:
    void validate();
    void onSend();

    QComboBox *m_format; // owned (child)
    QPlainTextEdit *m_text; // owned (child)
    QLabel *m_problem; // owned (child)
    QPushButton *m_templates; // owned (child)
    QPushButton *m_save; // owned (child)
    QPushButton *m_send; // owned (child)
    QList<Core::WebSocketMessage> m_templateList;
    bool m_connected = false;
};

} // namespace Patchbay::Ui
