#pragma once

#include "core/common/result.h"
#include "core/http/request.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace Patchbay::Core {

// A request read from a curl command line, with what could not be carried over.
// Every option that was not understood is named in `warnings`; none is dropped silently.
struct CurlImport
{
    Request request;
    QStringList warnings;

    friend bool operator==(const CurlImport &, const CurlImport &) = default;
};

// True when the first word of `text` is curl (or a path to it), so a paste can be routed here.
bool looksLikeCurlCommand(const QString &text);

// Splits a shell command line into words: single quotes, double quotes with backslash escapes,
// $'...' ANSI-C quoting, backslash escapes and line continuations (\, ^ and ` before a newline).
// Fails on an unterminated quote.
Result<QStringList> splitShellWords(const QString &command);

// Parses `curl ...` (bash or Windows cmd style, as browsers copy it) into a Request.
// Without -L the request does not follow redirects, as curl would not.
Result<CurlImport> parseCurlCommand(const QString &command);

// The same from words already split; `input` is what the shell feeds the command on standard
// input (a heredoc), used for `-d @-`, `--data-binary @-` and `--json @-`.
Result<CurlImport> parseCurlWords(const QStringList &words,
                                  const std::optional<QString> &input = std::nullopt);

// "curl", "curl.exe" or a path to either.
bool isCurlWord(const QString &word);

} // namespace Patchbay::Core
