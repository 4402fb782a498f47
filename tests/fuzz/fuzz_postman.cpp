// Postman collection (v2.0, v2.1) and environment import.
// Checks: no crash, errors carry a message, and what is imported survives a save (importcheck.h).
#include "core/interop/importdetect.h"
#include "core/interop/postmanimport.h"
#include "tests/fuzz/fuzzsupport.h"
#include "tests/fuzz/importcheck.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 16384))
        return -1;
    const QByteArrayView input = bytes(data, size);
    (void)detectImportFormat(QStringLiteral("input.json"), input);

    const Result<ImportedCollection> collection = importPostmanCollection(input);
    if (collection.ok())
        checkImportedSurvivesSave(collection.value());
    else
        FUZZ_CHECK(!collection.error().message.isEmpty(), collection.error().code);

    ImportReport report;
    const Result<Environment> environment = importPostmanEnvironment(input, &report);
    if (environment.ok()) {
        ImportedCollection holder;
        holder.environments << environment.value();
        checkImportedSurvivesSave(holder);
    }
    return 0;
}
