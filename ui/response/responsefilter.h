#pragma once

#include "core/http/response.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QTimer;

namespace Patchbay::Core {
class JqInterrupt;
}

namespace Patchbay::Ui {

class CodeView;

// The filter above a JSON response's Pretty view: a jq expression (.items[0].id) or a JSONPath
// ($..id) run on the body as the user types. The body is parsed once per response and every
// run happens in a worker; a newer expression stops the older run, and each run is bounded
// (input size, output size, time). Results show in resultView() (jq's output, indented), a bad
// expression or a failed run as a message under the box. The last good result stays while
// an expression is being typed.
class ResponseFilter final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseFilter)

public:
    // Bounds of one run, for a person's response filter.
    static constexpr qint64 kMaxInputBytes = 64LL * 1024 * 1024;
    static constexpr qint64 kMaxOutputBytes = 8LL * 1024 * 1024;
    static constexpr int kMaxResults = 10000;
    static constexpr int kTimeLimitMs = 5000;

    // `resultView` shows the results; not owned (the body view places it).
    ResponseFilter(CodeView *resultView, QWidget *parent = nullptr);
    ~ResponseFilter() override;

    // A new response: the next run parses this body. Keeps the expression and runs it again.
    void setBody(const Core::ResponseBody &body);
    void clearBody();

    QString expression() const;
    void setExpression(const QString &expression);
    // An expression that gave results is in effect (the result view is worth showing).
    bool isActive() const { return m_active; }
    bool isRunning() const { return m_running > 0; }
    QString statusText() const;
    bool hasError() const { return m_error; }
    QLineEdit *edit() const { return m_edit; }
    CodeView *resultView() const { return m_result; }
    void focusEdit();

    // Lowers the bounds (tests).
    void setLimits(qint64 maxInputBytes, qint64 maxOutputBytes, int maxResults, int timeLimitMs);

signals:
    // Results are shown (true) or the expression was cleared (false).
    void activeChanged(bool active);
    // A run finished (results, an error, or stopped).
    void finished();

private:
    void schedule();
    void run();
    void setStatus(const QString &text, bool error);

    struct Cache; // the parsed body, shared with the workers
    Core::ResponseBody m_body;
    bool m_hasBody = false;
    std::shared_ptr<Cache> m_cache;
    std::shared_ptr<Core::JqInterrupt> m_interrupt; // of the newest run
    quint64 m_sequence = 0;
    int m_running = 0;
    bool m_active = false;
    bool m_error = false;
    qint64 m_maxInputBytes = kMaxInputBytes;
    qint64 m_maxOutputBytes = kMaxOutputBytes;
    int m_maxResults = kMaxResults;
    int m_timeLimitMs = kTimeLimitMs;

    QLineEdit *m_edit; // owned (child)
    QLabel *m_status; // owned (child)
    QTimer *m_debounce; // owned (child)
    CodeView *m_result; // not owned
};

} // namespace Patchbay::Ui
