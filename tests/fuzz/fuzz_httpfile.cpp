// `.http` / `.rest` files (JetBrains HTTP Client, VS Code REST Client).
// Checks: no crash, errors carry a message, and what is imported survives a save (importcheck.h).
// `< ./file` bodies are only resolved to a path (never read), against a folder that does not
// exist.
#include "core/interop/httpfileimport.h"
#include "core/interop/importdetect.h"
#include "tests/fuzz/fuzzsupport.h"
#include "tests/fuzz/importcheck.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 8192))
        return -1;
    const QByteArrayView input = bytes(data, size);
    (void)detectImportFormat(QStringLiteral("input.http"), input);

    const Result<ImportedCollection> collection
        = importHttpFile(input, QStringLiteral("/nonexistent/patchbay-fuzz"));
    if (collection.ok())
        checkImportedSurvivesSave(collection.value());
    else
        FUZZ_CHECK(!collection.error().message.isEmpty(), collection.error().code);
    return 0;
}
