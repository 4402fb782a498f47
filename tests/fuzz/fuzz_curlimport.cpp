// curl command import (bash and cmd.exe styles, as browsers copy them).
// Checks: splitting a command, quoting each word for a POSIX shell and splitting again gives
// the same words; an imported request survives a save (importcheck.h); and a request
// exported as a curl command (exportCurlCommand) imports again without error.
#include "core/interop/curlexport.h"
#include "core/interop/curlimport.h"
#include "tests/fuzz/fuzzsupport.h"
#include "tests/fuzz/importcheck.h"

#include <QStringList>

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 4096))
        return -1;
    const QString command = QString::fromUtf8(bytes(data, size));
    (void)looksLikeCurlCommand(command);

    const Result<QStringList> words = splitShellWords(command);
    if (words.ok()) {
        QStringList quoted;
        for (const QString &word : words.value())
            quoted << shellQuote(word);
        const Result<QStringList> again = splitShellWords(quoted.join(u' '));
        FUZZ_CHECK(
            again.ok() && again.value() == words.value(),
            QStringLiteral("quoted words split differently: %1 -> %2")
                .arg(excerpt(words.value().join(u'|')),
                     again.ok() ? excerpt(again.value().join(u'|')) : again.error().message));
    }

    const Result<CurlImport> imported = parseCurlCommand(command);
    if (!imported.ok()) {
        FUZZ_CHECK(!imported.error().message.isEmpty(), imported.error().code);
        return 0;
    }
    ImportedCollection holder;
    SavedRequest saved;
    saved.name = QStringLiteral("curl");
    saved.request = imported.value().request;
    holder.root.requests << saved;
    checkImportedSurvivesSave(holder);

    // A request that cannot be prepared (a body file that is gone) is exported with comment
    // lines saying why before the command.
    QStringList lines = exportCurlCommand(imported.value().request).split(u'\n');
    while (!lines.isEmpty() && lines.first().startsWith(u'#'))
        lines.removeFirst();
    const QString exported = lines.join(u'\n');
    const Result<CurlImport> reimported = parseCurlCommand(exported);
    FUZZ_CHECK(reimported.ok(),
               QStringLiteral("exported command does not import: %1\n%2")
                   .arg(reimported.ok() ? QString() : reimported.error().message, exported));
    return 0;
}
