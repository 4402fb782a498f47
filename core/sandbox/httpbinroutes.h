#pragma once

#include "core/sandbox/sandboxhttp.h"

#include <optional>

namespace Patchbay::Core::Sandbox {

// The httpbin-like helpers: /anything[/...], /get, /post, /put, /patch, /delete, /status/N,
// /delay/N, /redirect-to, /bytes/N, /gzip, /large. Empty when the path is none of these.
std::optional<SandboxReply> handleHttpbinRoute(const SandboxRequest &request);

// The httpbin echo object of a request: method, url, args, headers, data, json, form, files.
QByteArray echoJson(const SandboxRequest &request);

inline constexpr int maxDelaySeconds = 10;
inline constexpr qint64 maxBytes = 100LL * 1024 * 1024;
inline constexpr qint64 maxLargeItems = 1000000;

} // namespace Patchbay::Core::Sandbox
