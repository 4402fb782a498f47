#pragma once

#include "core/runner/runreporter.h"

#include <QStringList>

#include <cstdio>

namespace Patchbay::Core {

// The terminal report: a live line per request (method, URL, status, time, assertions) with the
// failures and scripts not run indented below it, then a summary table and the list of failures
// (the first kMaxListedFailures of them). Writes through stdio, so output to a file or a pipe is
// buffered and a terminal sees each line at once. Control characters (escape sequences a server
// put in a reason phrase or a message) are written visibly, never raw.
class CliReporter final : public RunReporter
{
public:
    static constexpr int kMaxListedFailures = 50;

    explicit CliReporter(FILE *out); // not owned
    Status begin(const RunInfo &info) override;
    void report(const RequestResult &result) override;
    Status end(const RunSummary &summary) override;

private:
    void write(const QString &text);

    FILE *m_out; // not owned
    RunInfo m_info;
    QStringList m_failures; // bounded by kMaxListedFailures
    qint64 m_failureCount = 0;
};

} // namespace Patchbay::Core
