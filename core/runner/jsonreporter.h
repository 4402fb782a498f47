#pragma once

#include "core/runner/runreporter.h"

#include <QFile>
#include <QSaveFile>
#include <QString>

#include <memory>

namespace Patchbay::Core {

// A JSON report for CI (docs/RUNNER.md): {"patchbay": 1, "run": {...}, "executions": [...],
// "summary": {...}}. Executions are written as they finish, so the file may be any size; it
// replaces `path` atomically at end(). An empty path writes to standard output.
class JsonReporter final : public RunReporter
{
public:
    explicit JsonReporter(QString path);
    Status begin(const RunInfo &info) override;
    void report(const RequestResult &result) override;
    Status end(const RunSummary &summary) override;

private:
    void write(const QByteArray &bytes);

    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QFile> m_stdout;
    qint64 m_count = 0;
};

} // namespace Patchbay::Core
