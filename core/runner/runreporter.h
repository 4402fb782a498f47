#pragma once

#include "core/common/result.h"
#include "core/runner/collectionrunner.h"

#include <QString>

namespace Patchbay::Core {

// What a run is about, for report headers.
struct RunInfo
{
    QString name; // collection, folder or request name
    QString source; // the path given to the run
    int items = 0; // requests per iteration
    int iterations = 1;

    friend bool operator==(const RunInfo &, const RunInfo &) = default;
};

// Writes a run as it goes: begin() once, report() for each request, end() once. Reporters keep
// at most a bounded amount per request (they stream), so memory stays flat on long runs.
class RunReporter
{
public:
    virtual ~RunReporter() = default;
    // Errors: "report-write" when an output cannot be opened.
    virtual Status begin(const RunInfo &info) = 0;
    virtual void report(const RequestResult &result) = 0;
    virtual Status end(const RunSummary &summary) = 0;
};

// The line a person reads for one request: "PASS  PUT http://... 200 OK 0.9 ms 2/2 assertions".
QString resultLine(const RequestResult &result, bool showIteration);

} // namespace Patchbay::Core
