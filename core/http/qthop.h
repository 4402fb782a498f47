#pragma once

// Internal to core/http: one hop through Qt's QNetworkAccessManager (the window's transport, and
// patchbay-cli send's). The libcurl transport is curltransport.h.

#include "core/http/transferhop.h"

#include <memory>

class QNetworkAccessManager;

namespace Patchbay::Core {

// Starts one hop on `network`; events reach `sink` from the event loop. Destroying the hop
// aborts the transfer.
std::unique_ptr<TransferHop> startQtHop(QNetworkAccessManager &network, const PreparedRequest &hop,
                                        const RequestSettings &settings, HopSink *sink);

} // namespace Patchbay::Core
