// OpenAPI 3.x / Swagger 2.0 descriptions, JSON or YAML: loading with $ref resolution (SpecSet),
// import as a collection (importOpenApi) and the contract checker built from it.
// Checks: no crash within the limits; errors carry a message; what is imported survives a save
// (importcheck.h); every operation the import reports names a request it made; a contract
// check of a 200 answer with `{}` for each operation (each webhook's name taken as a path)
// returns.
// Refs to other files are unresolved (no fetcher): the import reports them and goes on.
#include "core/openapi/contractcheck.h"
#include "core/openapi/openapiimport.h"
#include "core/openapi/specset.h"
#include "tests/fuzz/fuzzsupport.h"
#include "tests/fuzz/importcheck.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 16384))
        return -1;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Small limits: a fuzzer input must finish in milliseconds.
    SpecLimits limits;
    limits.maxFileBytes = 64 * 1024;
    limits.maxExpandedBytes = 1024 * 1024;
    limits.maxNodes = 100'000;
    Result<std::unique_ptr<SpecSet>> set
        = SpecSet::loadBytes(input, QStringLiteral("/nonexistent/spec.yaml"), {}, limits);
    if (!set.ok()) {
        FUZZ_CHECK(!set.error().message.isEmpty(), set.error().code);
        return 0;
    }
    const Result<OpenApiImport> imported = importOpenApi(*set.value());
    if (!imported.ok()) {
        FUZZ_CHECK(!imported.error().message.isEmpty(), imported.error().code);
        return 0;
    }
    checkImportedSurvivesSave(imported->collection);

    std::unique_ptr<ContractChecker> checker = ContractChecker::fromSpec(std::move(set.value()));
    for (const SpecOperation &op : imported->operations) {
        const ContractResult result = checker->check(
            op.method, QStringLiteral("http://127.0.0.1") + op.path, 200, "application/json", "{}");
        (void)result.summary();
    }
    return 0;
}
