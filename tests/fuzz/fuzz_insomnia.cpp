// Insomnia import: v4 (JSON or YAML) and v5 (YAML) exports.
// Checks: no crash, errors carry a message, and what is imported survives a save (importcheck.h).
#include "core/interop/importdetect.h"
#include "core/interop/insomniaimport.h"
#include "tests/fuzz/fuzzsupport.h"
#include "tests/fuzz/importcheck.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 16384))
        return -1;
    const QByteArrayView input = bytes(data, size);
    (void)detectImportFormat(QStringLiteral("input.yaml"), input);

    const Result<ImportedCollection> collection = importInsomnia(input);
    if (collection.ok())
        checkImportedSurvivesSave(collection.value());
    else
        FUZZ_CHECK(!collection.error().message.isEmpty(), collection.error().code);
    return 0;
}
