#pragma once

#include "core/http/httpclient.h"

#include <QSignalSpy>
#include <QTest>

namespace Patchbay::Test {

// Sends and waits (bounded) for the exchange to finish; fails the test on a hang.
inline Core::Response sendAndWait(Core::HttpClient &client, const Core::Request &request,
                                  int timeoutMs = 30000)
{
    std::unique_ptr<Core::HttpCall> call = client.send(request);
    QSignalSpy finished(call.get(), &Core::HttpCall::finished);
    if (!finished.wait(timeoutMs)) {
        QTest::qFail("request did not finish in time", __FILE__, __LINE__);
        return {};
    }
    return finished.first().first().value<Core::Response>();
}

} // namespace Patchbay::Test
