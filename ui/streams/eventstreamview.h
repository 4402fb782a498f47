#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Patchbay::Core {
class EventStreamSession;
class GraphQlSubscription;
struct Response;
struct ServerSentEvent;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class EventStreamModel;

// A Server-Sent Events stream shown live in the response pane (docs/STREAMS.md): a table of the
// events as they arrive (time, id, event type, the start of the data), the selected event's
// data below it (pretty-printed when it is JSON), a filter over the events, Stop, and a
// Reconnect box: when on, a stream that ends or drops is sent again with Last-Event-ID, and the
// status line says when and with which id.
class EventStreamView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStreamView)

public:
    // The table keeps the last `maxEvents` events (Preferences: events kept per stream).
    explicit EventStreamView(qsizetype maxEvents = 10000, QWidget *parent = nullptr);
    ~EventStreamView() override;

    // Shows `session`'s events from now on (not owned; Stop stops it). Its kept events are
    // shown at once. The Reconnect box shows the session's option and changes it.
    void attach(Core::EventStreamSession *session);
    Core::EventStreamSession *session() const;
    // Shows a GraphQL subscription's results the same way (not owned; Stop completes it). A
    // subscription does not reconnect: the Reconnect box is hidden.
    void attach(Core::GraphQlSubscription *subscription);

    EventStreamModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *dataView() const { return m_data; }
    QLineEdit *filterEdit() const { return m_filter; }
    QPushButton *stopButton() const { return m_stop; }
    QCheckBox *reconnectCheck() const { return m_reconnect; }
    QLabel *statusLabel() const { return m_status; }

signals:
    // The user turned Reconnect on or off (the tab keeps the choice for its next stream).
    void reconnectToggled(bool reconnect);

private:
    void onConnected(int connection);
    void onReconnecting(int attempt, qint64 delayMs, const QString &lastEventId);
    void onReconnectToggled(bool reconnect);
    void onEvent(const Core::ServerSentEvent &event);
    void onFinished(const Core::Response &response, bool stoppedByUser);
    void showSelected();
    void updateStatus();

    void detach();

    QPointer<Core::EventStreamSession> m_session; // not owned
    QPointer<Core::GraphQlSubscription> m_subscription; // not owned; or m_session
    EventStreamModel *m_model; // owned (child)
    QSortFilterProxyModel *m_proxy; // owned (child)
    QLabel *m_status; // owned (child)
    QLineEdit *m_filter; // owned (child)
    QPushButton *m_stop; // owned (child)
    QCheckBox *m_reconnect; // owned (child)
    QTableView *m_table; // owned (child)
    QPlainTextEdit *m_data; // owned (child)
    bool m_ended = false;
    QString m_endText;
    QString m_reconnectText; // while waiting to reconnect
    int m_connection = 0; // the session's connection shown (0: the first)
};

} // namespace Patchbay::Ui
