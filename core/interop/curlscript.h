#pragma once

#include "core/common/result.h"
#include "core/interop/curlimport.h"
#include "core/interop/importedcollection.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace Patchbay::Core {

// One command of a shell snippet, cut out of the shell around it.
struct ShellCommand
{
    QString text; // the command's own words, as written (quotes kept)
    int line = 0; // 1-based line where it starts
    std::optional<QString> input; // what a heredoc or here-string feeds it
    QStringList notes; // shell around it that was left out (redirects, substitutions, pipes)

    friend bool operator==(const ShellCommand &, const ShellCommand &) = default;
};

// Cuts a shell snippet (a .sh file, a documentation example, a terminal transcript) into
// simple commands: a new command at each unquoted newline, `;`, `&`, `&&`, `||` or `|`.
// Comments, a shebang and `$ ` prompts are dropped; `\`, `^` and `` ` `` before a newline
// continue the line; redirects are taken out and named in the command's notes; a heredoc
// (`<<EOF`, `<<-'EOF'`) or here-string (`<<<`) becomes the command's input; `$NAME` and
// `${NAME}` outside single quotes become Patchbay's `{{NAME}}`; commands inside `$(...)` and
// backquotes are returned too, after the command that holds them. Fails on an unterminated
// quote or substitution.
Result<QList<ShellCommand>> splitShellScript(const QString &script);

// True when the first command of `text` (after comments, a shebang, a prompt, `VAR=value`
// assignments and `sudo`) is curl.
bool looksLikeCurlScript(const QString &text);

// Imports each curl command of a shell snippet as one request of a collection named `name`.
// Other commands and the shell around the curl commands are named in the report; a curl
// command that cannot be read is skipped with its reason. Errors: "not-curl" when the
// snippet has no curl command, "unterminated-quote".
Result<ImportedCollection> importCurlScript(const QString &script, const QString &name);

} // namespace Patchbay::Core
