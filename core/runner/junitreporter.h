#pragma once

#include "core/runner/runreporter.h"

#include <QString>
#include <QTemporaryFile>

#include <memory>

namespace Patchbay::Core {

// A JUnit XML report: one <testsuite> for the run, one <testcase> per request sent (assertion
// failures as <failure>, transport failures as <error>) and one skipped <testcase> for each
// imported script that was not run. The header needs the totals, so test cases go to a
// temporary file as they finish and are copied after the header at end().
class JunitReporter final : public RunReporter
{
public:
    explicit JunitReporter(QString path);
    Status begin(const RunInfo &info) override;
    void report(const RequestResult &result) override;
    Status end(const RunSummary &summary) override;

private:
    QString m_path;
    RunInfo m_info;
    std::unique_ptr<QTemporaryFile> m_cases;
    qint64 m_tests = 0;
    qint64 m_failures = 0;
    qint64 m_errors = 0;
    qint64 m_skipped = 0;
    double m_seconds = 0;
};

// Text for XML attributes and content: escaped, and without characters XML 1.0 forbids.
QByteArray xmlEscaped(const QString &text);

} // namespace Patchbay::Core
