#pragma once

#include "core/common/result.h"
#include "core/query/jqdocument.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <mutex>

struct jq_state;

namespace Patchbay::Core {

// Stops a JqProgram::run() from another thread: a newer filter replaced it, or the user left.
// Thread-safe; one interrupt serves one run at a time. Once interrupted it stays so.
class JqInterrupt
{
public:
    JqInterrupt() = default;
    JqInterrupt(const JqInterrupt &) = delete;
    JqInterrupt &operator=(const JqInterrupt &) = delete;

    void interrupt();
    bool isInterrupted() const;

private:
    friend class JqRunGuard;
    mutable std::mutex m_mutex;
    bool m_interrupted = false;
    jq_state *m_running = nullptr; // not owned: the state of the run in progress, if any
    bool m_halted = false; // jq_halt() was called on m_running
};

// Bounds on a JqProgram::run(); 0 means no bound.
struct JqLimits
{
    int maxResults = 0; // stop after this many results
    qint64 maxBytes = 0; // stop once the printed results pass this size
    int timeoutMs = 0; // stop a run that takes longer
};

enum class JqFormat { Compact, Indented }; // Indented: two spaces, as `jq .` prints

struct JqOutput
{
    QList<QByteArray> results; // each one JSON text, in jq's order
    bool truncated = false; // a limit stopped the run early
    qint64 bytes = 0; // of all results
};

// A jq program compiled by libjq (Debian's libjq 1.6), run on JqDocuments. Move-only. Not
// thread-safe: one run at a time, from one thread at a time.
//
// The program cannot reach outside its input: `env`/`$ENV` are empty, `input`/`inputs` give
// nothing, `debug`/`stderr` print nothing, modules (`import`, `include`, `modulemeta`) and
// `halt`/`halt_error` are refused. Results are JSON texts printed by jq: numbers are doubles,
// so `1.50` prints as 1.5 and integers past 2^53 lose digits.
class JqProgram
{
public:
    JqProgram();
    ~JqProgram();
    JqProgram(JqProgram &&) noexcept;
    JqProgram &operator=(JqProgram &&) noexcept;
    JqProgram(const JqProgram &) = delete;
    JqProgram &operator=(const JqProgram &) = delete;

    // Errors: "empty-expression", "jq-syntax" (the message names the problem and line).
    static Result<JqProgram> compile(const QString &program);

    // Runs the program on `input`. Errors: "jq-error" (the program raised an error, e.g.
    // "Cannot index array with \"name\""), "timeout", "interrupted", "not-compiled".
    Result<JqOutput> run(const JqDocument &input, const JqLimits &limits = {},
                         JqFormat format = JqFormat::Compact, JqInterrupt *interrupt = nullptr);

    bool isValid() const { return m_state != nullptr; }
    QString source() const { return m_source; }

private:
    jq_state *m_state = nullptr; // owned
    QString m_source;
};

} // namespace Patchbay::Core
