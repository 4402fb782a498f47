#include "core/runner/clireporter.h"

#include "core/common/terminaltext.h"
#include "core/http/reasonphrase.h"

namespace Patchbay::Core {

QString resultLine(const RequestResult &r, bool showIteration)
{
    QString line = r.passed() ? QStringLiteral("PASS  ") : QStringLiteral("FAIL  ");
    if (showIteration)
        line += QStringLiteral("[%1] ").arg(r.iteration + 1);
    line += r.name + QStringLiteral("  ") + r.method + u' ' + r.url + QStringLiteral("  ");
    if (!r.errorMessage.isEmpty() && r.statusCode == 0) {
        line += r.errorKind == ErrorKind::InvalidRequest ? QStringLiteral("not sent")
                                                         : errorKindName(r.errorKind);
    } else {
        line += QString::number(r.statusCode);
        // HTTP/2 sends no reason phrase: show the standard one.
        const QString reason
            = r.reason.isEmpty() ? QString::fromLatin1(httpReasonPhrase(r.statusCode)) : r.reason;
        if (!reason.isEmpty())
            line += u' ' + reason;
    }
    line += QStringLiteral("  %1 ms").arg(r.timeMs, 0, 'f', 1);
    if (r.events >= 0) // an event stream: how much of it the step read, and why it stopped
        line += QStringLiteral("  %1 event%2 (%3)")
                    .arg(r.events)
                    .arg(r.events == 1 ? QString() : QStringLiteral("s"), r.streamEnd);
    if (!r.assertions.isEmpty()) {
        const int passed = int(r.assertions.size()) - r.assertionsFailed();
        line += QStringLiteral("  %1/%2 assertions").arg(passed).arg(r.assertions.size());
    }
    return line;
}

CliReporter::CliReporter(FILE *out)
    : m_out(out)
{ }

void CliReporter::write(const QString &text)
{
    // Names, URLs, reasons and messages may come from a server or a shared collection: escape
    // sequences in them are shown, never obeyed (a terminal, and CI logs that render colours).
    const QByteArray bytes = neutralizeTerminalControls(text).toUtf8();
    fwrite(bytes.constData(), 1, size_t(bytes.size()), m_out);
}

Status CliReporter::begin(const RunInfo &info)
{
    m_info = info;
    QString head = QStringLiteral("Running %1: %2 request%3")
                       .arg(info.name)
                       .arg(info.items)
                       .arg(info.items == 1 ? QString() : QStringLiteral("s"));
    if (info.iterations > 1)
        head += QStringLiteral(" x %1 iterations").arg(info.iterations);
    write(head + QStringLiteral("\n\n"));
    return Ok {};
}

void CliReporter::report(const RequestResult &r)
{
    QString text = resultLine(r, m_info.iterations > 1) + u'\n';
    auto noteFailure = [&](const QString &what) {
        text += QStringLiteral("      x ") + what + u'\n';
        ++m_failureCount;
        if (m_failures.size() < kMaxListedFailures) {
            const QString where = m_info.iterations > 1
                ? QStringLiteral("[%1] %2").arg(r.iteration + 1).arg(r.name)
                : r.name;
            m_failures.append(where + QStringLiteral(": ") + what);
        }
    };
    if (!r.errorMessage.isEmpty()) {
        noteFailure(r.errorMessage);
        // The shared message speaks of the window's request settings.
        if (r.errorKind == ErrorKind::Tls)
            text += QStringLiteral("      (here: --insecure skips certificate checks)\n");
    }
    for (const AssertionOutcome &a : r.assertions) {
        if (!a.result.passed)
            noteFailure(a.result.message);
    }
    for (const CaptureResult &c : r.captures) {
        if (!c.captured)
            noteFailure(QStringLiteral("capture %1: %2").arg(c.variable, c.message));
    }
    // A URL that could not even be sent already says which variables are missing.
    if (!r.undefinedVariables.isEmpty() && r.errorKind != ErrorKind::InvalidUrl) {
        text += QStringLiteral("      ! not defined, sent as written: %1 (pick an environment "
                               "with --env, or pass --var %2=VALUE)\n")
                    .arg(r.undefinedVariables.join(QLatin1String(", ")),
                         r.undefinedVariables.constFirst());
    }
    for (const QString &line : r.scriptLogs)
        text += QStringLiteral("      . ") + line + u'\n';
    for (const QString &script : r.scriptsNotRun) {
        text += QStringLiteral("      - %1 not run (run with --trust-scripts to run it)\n")
                    .arg(script);
    }
    write(text);
}

Status CliReporter::end(const RunSummary &s)
{
    auto row = [](const QString &label, qint64 executed, qint64 failed) {
        return QStringLiteral("  %1%2%3\n")
            .arg(label.leftJustified(20), QString::number(executed).rightJustified(10),
                 QString::number(failed).rightJustified(10));
    };
    QString text
        = QStringLiteral("\n  %1%2%3\n")
              .arg(QString().leftJustified(20), QStringLiteral("executed").rightJustified(10),
                   QStringLiteral("failed").rightJustified(10));
    text += row(QStringLiteral("iterations"), s.iterations, 0);
    text += row(QStringLiteral("requests"), s.requests, s.requestsFailed);
    text += row(QStringLiteral("assertions"), s.assertions, s.assertionsFailed);
    if (s.capturesFailed > 0)
        text += row(QStringLiteral("captures"), s.capturesFailed, s.capturesFailed);
    if (s.requestsWithScriptsNotRun > 0)
        text += QStringLiteral("  scripts not run: %1 request%2 had imported scripts (shown "
                               "above); if you trust this collection, run with --trust-scripts\n")
                    .arg(s.requestsWithScriptsNotRun)
                    .arg(s.requestsWithScriptsNotRun == 1 ? QString() : QStringLiteral("s"));
    text += QStringLiteral("  total run time: %1 ms; response time average %2 ms, min %3 ms, "
                           "max %4 ms\n")
                .arg(s.totalMs, 0, 'f', 0)
                .arg(s.responseMsAverage(), 0, 'f', 2)
                .arg(s.responseMsMin, 0, 'f', 2)
                .arg(s.responseMsMax, 0, 'f', 2);
    if (s.bailed)
        text += QStringLiteral("  stopped after the first failure (--bail)\n");
    if (s.stopped)
        text += QStringLiteral("  stopped before the end\n");
    if (m_failureCount > 0) {
        text += QStringLiteral("\n%1 failure%2:\n")
                    .arg(m_failureCount)
                    .arg(m_failureCount == 1 ? QString() : QStringLiteral("s"));
        for (qsizetype i = 0; i < m_failures.size(); ++i)
            text += QStringLiteral("  %1. %2\n").arg(i + 1).arg(m_failures.at(i));
        if (m_failureCount > m_failures.size())
            text += QStringLiteral("  ... and %1 more\n").arg(m_failureCount - m_failures.size());
    }
    write(text);
    fflush(m_out);
    return Ok {};
}

} // namespace Patchbay::Core
