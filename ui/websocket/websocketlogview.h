#pragma once

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Patchbay::Core {
struct WebSocketEntry;
}

namespace Patchbay::Ui {

class WebSocketLogModel;

// A WebSocket session's messages as they come and go (docs/STREAMS.md): a table (direction,
// time, type, size, the start of the message), a search over the messages, and the selected
// message below it, pretty-printed when it is JSON, in hex when it is binary. Follows the newest
// message unless the user scrolled up to read an older one.
class WebSocketLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketLogView)

public:
    explicit WebSocketLogView(QWidget *parent = nullptr);
    ~WebSocketLogView() override;

    void append(const Core::WebSocketEntry &entry);
    void clear();

    WebSocketLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *messageView() const { return m_message; }
    QLineEdit *searchEdit() const { return m_search; }

    // The selected entry's message as shown below the table: JSON pretty-printed, binary as a
    // hex dump, close with its code and meaning.
    static QString detailText(const Core::WebSocketEntry &entry);

private:
    void showSelected();

    WebSocketLogModel *m_model; // owned (child)
    QSortFilterProxyModel *m_proxy; // owned (child)
    QLineEdit *m_search; // owned (child)
    QTableView *m_table; // owned (child)
    QPlainTextEdit *m_message; // owned (child)
};

} // namespace Patchbay::Ui
