#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Patchbay::Core {
class EventStreamSession;
struct Response;
struct ServerSentEvent;
} // namespace Patchbay::Core

namespace Patchbay::Ui {

class EventStreamModel;

// A Server-Sent Events stream shown live in the response pane (docs/STREAMS.md): a table of the
// events as they arrive (time, id, event type, the start of the data), the selected event's
// data below it (pretty-printed when it is JSON), a filter over the events, and Stop.
class EventStreamView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStreamView)

public:
    explicit EventStreamView(QWidget *parent = nullptr);
    ~EventStreamView() override;

    // Shows `session`'s events from now on (not owned; Stop stops it). Its kept events are
    // shown at once; the table keeps as many as the session does.
    void attach(Core::EventStreamSession *session);

    EventStreamModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *dataView() const { return m_data; }
    QLineEdit *filterEdit() const { return m_filter; }
    QPushButton *stopButton() const { return m_stop; }
    QLabel *statusLabel() const { return m_status; }

private:
    void onEvent(const Core::ServerSentEvent &event);
    void onFinished(const Core::Response &response, bool stoppedByUser);
    void showSelected();
    void updateStatus();

    QPointer<Core::EventStreamSession> m_session; // not owned
    EventStreamModel *m_model; // owned (child)
    QSortFilterProxyModel *m_proxy; // owned (child)
    QLabel *m_status; // owned (child)
    QLineEdit *m_filter; // owned (child)
    QPushButton *m_stop; // owned (child)
    QTableView *m_table; // owned (child)
    QPlainTextEdit *m_data; // owned (child)
    bool m_ended = false;
    QString m_endText;
};

} // namespace Patchbay::Ui
