#pragma once

#include "core/http/response.h"

#include <QFuture>
#include <QList>
#include <QObject>

#include <memory>

namespace Patchbay::Ui {

class CodeView;

// Puts the text of a response body into a CodeView without stalling the UI thread: a worker
// reads the body in chunks (from memory or its temporary file) and pretty-prints JSON on the
// way if asked. The first 64 KiB are shown at once; the whole text goes into a Scintilla
// document built by the worker (line index, buffers sized once) and swapped in at the end,
// with the JSON depth checkpoints the lexer needs to jump anywhere without scanning.
class BodyTextLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyTextLoader)

public:
    enum class Transform { Raw, PrettyJson };
    enum class Outcome {
        Complete,
        // Complete, with nesting deeper than JsonFormatter's indentation cap written flat.
        CompleteFlattened,
        TooLarge, // stopped at maxBytes of text; what came before is shown
        ReadFailed,
        Cancelled,
    };
    Q_ENUM(Outcome)

    explicit BodyTextLoader(CodeView *view, QObject *parent = nullptr);
    // Cancels and waits for the worker, which stops within one read.
    ~BodyTextLoader() override;

    // Replaces the view's text with the body's. A running load is cancelled first.
    void start(const Core::ResponseBody &body, Transform transform, qint64 maxBytes);
    void cancel();
    bool isRunning() const { return m_job != nullptr; }
    qint64 bytesShown() const { return m_bytesShown; }

signals:
    void firstTextShown();
    void finished(Patchbay::Ui::BodyTextLoader::Outcome outcome);

private:
    struct Job;
    void drain();
    void finish(Outcome outcome);

    CodeView *m_view; // not owned
    std::shared_ptr<Job> m_job; // shared with its worker
    QList<QFuture<void>> m_workers;
    qint64 m_bytesShown = 0;
};

} // namespace Patchbay::Ui
