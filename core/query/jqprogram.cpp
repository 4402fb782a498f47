#include "core/query/jqprogram.h"

#include "core/query/jqdocumentdata.h"
#include "core/query/libjq.h"

#include <QRegularExpression>
#include <QStringList>

#include <chrono>
#include <condition_variable>
#include <thread>
#include <utility>

namespace Patchbay::Core {

namespace {

// Put before every program, on its first line so that jq's line numbers stay the user's.
// Shadows the builtins that reach outside the input (environment, files, other inputs,
// stderr) or stop the interpreter in a way a reused state cannot recover from (halt).
constexpr char kPrelude[]
    = "{} as $ENV | def env: {}; def input: error(\"input is not available here\"); "
      "def inputs: empty; def input_filename: null; def input_line_number: 0; "
      "def debug: .; def stderr: .; "
      "def modulemeta: error(\"modules are not available here\"); "
      "def get_search_list: []; def get_jq_origin: null; def get_prog_origin: null; "
      "def halt: error(\"halt is not available here\"); "
      "def halt_error: error(\"halt_error is not available here\"); "
      "def halt_error($code): error(\"halt_error is not available here\"); ";

void collectMessage(void *data, jv message)
{
    auto *messages = static_cast<QStringList *>(data);
    if (jv_get_kind(message) == JV_KIND_STRING) {
        messages->append(QString::fromUtf8(jv_string_value(message)));
    } else {
        jv text = jv_dump_string(jv_copy(message), 0);
        messages->append(QString::fromUtf8(jv_string_value(text)));
        jv_free(text);
    }
    jv_free(message);
}

void ignoreMessage(void *, jv message)
{
    jv_free(message);
}

// libjq's compile messages, for a person: "syntax error, unexpected $end (Unix shell quoting
// issues?) at <top-level>, line 1:\n<program>" becomes "syntax error, unexpected end of the
// expression (line 1)".
QString compileMessage(const QStringList &messages)
{
    QStringList parts;
    static const QRegularExpression where(QStringLiteral(" at <top-level>, line (\\d+):.*$"),
                                          QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression count(QStringLiteral("^jq: \\d+ compile errors?$"));
    for (QString m : messages) {
        m = m.trimmed();
        if (count.match(m).hasMatch())
            continue;
        if (m.startsWith(QLatin1String("jq: error: ")))
            m = m.mid(11);
        m.remove(QStringLiteral(" (Unix shell quoting issues?)"));
        m.replace(QStringLiteral("unexpected $end"),
                  QStringLiteral("unexpected end of the expression"));
        m.replace(QStringLiteral("unexpected INVALID_CHARACTER"),
                  QStringLiteral("unexpected character"));
        if (const QRegularExpressionMatch match = where.match(m); match.hasMatch())
            m = m.left(match.capturedStart()) + QStringLiteral(" (line %1)").arg(match.captured(1));
        if (!m.isEmpty() && !parts.contains(m))
            parts << m;
    }
    if (parts.isEmpty())
        return QStringLiteral("jq could not compile the expression.");
    return parts.join(QStringLiteral("; "));
}

QString errorText(jv message)
{
    QString text;
    if (jv_get_kind(message) == JV_KIND_STRING) {
        text = QString::fromUtf8(jv_string_value(message));
    } else {
        jv dumped = jv_dump_string(jv_copy(message), 0);
        text = QString::fromUtf8(jv_string_value(dumped)) + QStringLiteral(" (not a string)");
        jv_free(dumped);
    }
    jv_free(message);
    return text;
}

} // namespace

void JqInterrupt::interrupt()
{
    const std::lock_guard lock(m_mutex);
    m_interrupted = true;
    if (m_running && !m_halted) {
        // libjq 1.6 checks this flag before every instruction. Plain values (no reference
        // counts) keep the state's later reset from freeing anything twice.
        jq_halt(m_running, jv_invalid(), jv_invalid());
        m_halted = true;
    }
}

bool JqInterrupt::isInterrupted() const
{
    const std::lock_guard lock(m_mutex);
    return m_interrupted;
}

// Registers a run with its interrupt and, with a time limit, a watchdog thread that halts the
// run when the limit passes. Ends both when destroyed.
class JqRunGuard
{
public:
    JqRunGuard(jq_state *state, JqInterrupt *external, int timeoutMs)
        : m_external(external)
    {
        if (m_external) {
            const std::lock_guard lock(m_external->m_mutex);
            m_external->m_running = state;
            m_external->m_halted = false;
            if (m_external->m_interrupted) {
                jq_halt(state, jv_invalid(), jv_invalid());
                m_external->m_halted = true;
            }
        }
        if (timeoutMs > 0) {
            m_watchdog = std::thread([this, state, timeoutMs] {
                std::unique_lock lock(m_mutex);
                if (m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                  [this] { return m_done; }))
                    return;
                // The external interrupt may have halted the state already.
                std::unique_lock externalLock = m_external ? std::unique_lock(m_external->m_mutex)
                                                           : std::unique_lock<std::mutex>();
                if (m_external && m_external->m_halted)
                    return;
                jq_halt(state, jv_invalid(), jv_invalid());
                m_timedOut = true;
                if (m_external)
                    m_external->m_halted = true;
            });
        }
    }

    ~JqRunGuard()
    {
        if (m_watchdog.joinable()) {
            {
                const std::lock_guard lock(m_mutex);
                m_done = true;
            }
            m_cv.notify_all();
            m_watchdog.join();
        }
        if (m_external) {
            const std::lock_guard lock(m_external->m_mutex);
            m_external->m_running = nullptr;
        }
    }

    JqRunGuard(const JqRunGuard &) = delete;
    JqRunGuard &operator=(const JqRunGuard &) = delete;

    bool timedOut()
    {
        const std::lock_guard lock(m_mutex);
        return m_timedOut;
    }

private:
    JqInterrupt *m_external; // not owned
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    bool m_timedOut = false;
    std::thread m_watchdog;
};

JqProgram::JqProgram() = default;

JqProgram::~JqProgram()
{
    if (m_state)
        jq_teardown(&m_state);
}

JqProgram::JqProgram(JqProgram &&other) noexcept
    : m_state(std::exchange(other.m_state, nullptr))
    , m_source(std::move(other.m_source))
{ }

JqProgram &JqProgram::operator=(JqProgram &&other) noexcept
{
    if (this != &other) {
        if (m_state)
            jq_teardown(&m_state);
        m_state = std::exchange(other.m_state, nullptr);
        m_source = std::move(other.m_source);
    }
    return *this;
}

Result<JqProgram> JqProgram::compile(const QString &program)
{
    const QString trimmed = program.trimmed();
    if (trimmed.isEmpty())
        return Error {QStringLiteral("empty-expression"),
                      QStringLiteral("The jq expression is empty; write e.g. .items[0].id")};
    static const QRegularExpression module(QStringLiteral("^(import|include)\\b"));
    if (module.match(trimmed).hasMatch())
        return Error {QStringLiteral("jq-syntax"),
                      QStringLiteral("jq modules (import, include) are not available here.")};

    jq_state *state = jq_init();
    if (!state)
        return Error {QStringLiteral("jq-init"), QStringLiteral("libjq could not start.")};
    // No module search path: nothing is read from disk.
    jq_set_attr(state, jv_string("JQ_LIBRARY_PATH"), jv_array());
    jq_set_debug_cb(state, ignoreMessage, nullptr);
    QStringList messages;
    jq_set_error_cb(state, collectMessage, &messages);
    const QByteArray source = QByteArray(kPrelude) + program.toUtf8();
    const int compiled = jq_compile(state, source.constData());
    jq_set_error_cb(state, ignoreMessage, nullptr);
    if (!compiled) {
        jq_teardown(&state);
        return Error {QStringLiteral("jq-syntax"), compileMessage(messages)};
    }
    JqProgram result;
    result.m_state = state;
    result.m_source = program;
    return result;
}

Result<JqOutput> JqProgram::run(const JqDocument &input, const JqLimits &limits, JqFormat format,
                                JqInterrupt *interrupt)
{
    if (!m_state)
        return Error {QStringLiteral("not-compiled"),
                      QStringLiteral("The jq expression was not compiled.")};
    if (input.isNull())
        return Error {QStringLiteral("no-input"), QStringLiteral("There is no JSON to filter.")};
    const int flags = format == JqFormat::Indented ? JV_PRINT_INDENT_FLAGS(2) : 0;
    JqOutput output;
    QString error;
    bool halted = false;
    bool timedOut = false;
    {
        jq_start(m_state, jv_copy(input.m_data->value), 0);
        JqRunGuard guard(m_state, interrupt, limits.timeoutMs);
        for (;;) {
            jv result = jq_next(m_state);
            if (!jv_is_valid(result)) {
                if (jq_halted(m_state)) {
                    halted = true;
                    jv_free(result);
                } else if (jv_invalid_has_msg(jv_copy(result))) {
                    error = errorText(jv_invalid_get_msg(result));
                } else {
                    jv_free(result); // the end of the results
                }
                break;
            }
            jv text = jv_dump_string(result, flags);
            const QByteArray bytes(jv_string_value(text), jv_string_length_bytes(jv_copy(text)));
            jv_free(text);
            output.bytes += bytes.size();
            output.results.append(bytes);
            if ((limits.maxResults > 0 && output.results.size() >= limits.maxResults)
                || (limits.maxBytes > 0 && output.bytes >= limits.maxBytes)) {
                output.truncated = true;
                break;
            }
        }
        timedOut = guard.timedOut();
    }
    if (halted) {
        // Halts carry plain values (see JqInterrupt::interrupt), so the next jq_start() resets
        // the state fully and the program can run again.
        if (timedOut)
            return Error {QStringLiteral("timeout"),
                          QStringLiteral("The jq expression ran longer than %1 s and was stopped.")
                              .arg(limits.timeoutMs / 1000.0)};
        return Error {QStringLiteral("interrupted"),
                      QStringLiteral("The jq expression was stopped.")};
    }
    if (!error.isEmpty())
        return Error {QStringLiteral("jq-error"), error};
    return output;
}

} // namespace Patchbay::Core
