// The collection file readers (docs/FORMAT.md): the fast reader for our canonical YAML and
// yaml-cpp for everything else. A DIFFERENTIAL target: whatever the fast reader accepts,
// yaml-cpp must read as the same request (the fast reader is only a shortcut). Also, what
// either reads survives being written and read again, and writing is idempotent; the
// collection, folder and environment readers must not crash.
#include "core/collections/collectionformat.h"
#include "tests/fuzz/fuzzsupport.h"
#include "tests/fuzz/importcheck.h"

using namespace Patchbay::Core;
using namespace Patchbay::Fuzz;

namespace {

QString describe(const Result<SavedRequest> &result)
{
    return result.ok()
        ? QString::fromUtf8(requestToYaml(result.value()))
        : QStringLiteral("error %1: %2").arg(result.error().code, result.error().message);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (tooLarge(size, 8192))
        return -1;
    const QByteArrayView input = bytes(data, size);

    const Result<SavedRequest> canonical = requestFromYaml(input, nullptr, YamlReader::Canonical);
    const Result<SavedRequest> yamlCpp = requestFromYaml(input, nullptr, YamlReader::YamlCpp);
    if (canonical.ok()) {
        FUZZ_CHECK(yamlCpp.ok() && yamlCpp.value() == canonical.value(),
                   QStringLiteral("the fast reader and yaml-cpp disagree.\nfast reader "
                                  "(rewritten):\n%1\nyaml-cpp (rewritten):\n%2")
                       .arg(describe(canonical), describe(yamlCpp)));
    }

    const Result<SavedRequest> automatic = requestFromYaml(input);
    ImportedCollection holder;
    if (automatic.ok() && automatic.value().formatVersion <= kCollectionFormatVersion) {
        holder.root.requests << automatic.value();
        const QByteArray once = requestToYaml(automatic.value());
        const Result<SavedRequest> back = requestFromYaml(once);
        FUZZ_CHECK(back.ok() && requestToYaml(back.value()) == once,
                   QStringLiteral("writing is not idempotent:\n%1").arg(QString::fromUtf8(once)));
    }
    const Result<CollectionInfo> collection = collectionFromYaml(input);
    if (collection.ok() && collection.value().formatVersion <= kCollectionFormatVersion)
        holder.info = collection.value();
    const Result<FolderInfo> folder = folderFromYaml(input);
    if (folder.ok() && folder.value().formatVersion <= kCollectionFormatVersion)
        holder.root.info = folder.value();
    const Result<Environment> environment = environmentFromYaml(input);
    if (environment.ok() && environment.value().formatVersion <= kCollectionFormatVersion)
        holder.environments << environment.value();
    checkImportedSurvivesSave(holder);
    return 0;
}
